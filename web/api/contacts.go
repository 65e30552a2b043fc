package api

import (
	"net/http"

	"reach"
	"reach/app"
)

// editResult is what contact-method edits return: the record holding the
// methods (at its new version), the method concerned, the diff, and every
// value replaced or removed with the other records holding it (the sync
// candidates). Previews return the same, computed without writing.
type editResult struct {
	ChangeID      string               `json:"change_id,omitempty"`
	ContactMethod *reach.ContactMethod `json:"contact_method,omitempty"`
	Customer      *reach.Customer      `json:"customer,omitempty"`
	Location      *reach.Location      `json:"location,omitempty"`
	Diff          []app.ContactDiff    `json:"diff"`
	Changes       []app.ValueChange    `json:"changes"`
}

// editReply renders an edit; id names the contact method concerned, if any.
// A preview sends no ETag: nothing was written.
func editReply(e app.Edit, id string, preview bool) reply {
	out := editResult{ChangeID: e.ChangeID, Diff: nonNil(e.Diff), Changes: nonNil(e.Changes)}
	switch r := e.Record.(type) {
	case *reach.Customer:
		out.Customer = r
	case *reach.Location:
		out.Location = r
	}
	for _, m := range e.Record.Header().ContactMethods {
		if m.ID == id {
			out.ContactMethod = &m
		}
	}
	rep := reply{body: out}
	if !preview {
		rep.version = e.Record.Header().Version
	}
	return rep
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// recordRef names the record of a route: /customers/{id}/… or /locations/{id}/….
func recordRef(typ reach.RecordType) func(r *http.Request) reach.RecordRef {
	return func(r *http.Request) reach.RecordRef { return reach.RecordRef{Type: typ, ID: r.PathValue("id")} }
}

// addContactMethod adds one contact method to the record of the route.
func (a *api) addContactMethod(ref func(*http.Request) reach.RecordRef) endpoint {
	return func(r *http.Request) (reply, error) {
		var in struct {
			app.ContactMethodInput
			versionBody
		}
		base, err := decodeWrite(r, &in, &in.versionBody)
		if err != nil {
			return reply{}, err
		}
		e, id, err := a.app.AddContactMethod(r.Context(), actor(r), ref(r), in.ContactMethodInput, base)
		if err != nil {
			return reply{}, err
		}
		rep := editReply(e, id, false)
		rep.status, rep.location = http.StatusCreated, "/api/v1/contact-methods/"+id
		return rep, nil
	}
}

// contactSetBody is the body of a whole-set save or its preview.
type contactSetBody struct {
	// ContactMethods is the whole set; required, so that only an explicit
	// [] removes every method.
	ContactMethods *[]app.ContactMethodInput `json:"contact_methods"`
	versionBody
	app.SyncOptions
}

// saveContactMethods saves (or, with preview, previews) the whole set of
// the record's contact methods.
func (a *api) saveContactMethods(ref func(*http.Request) reach.RecordRef, preview bool) endpoint {
	return func(r *http.Request) (reply, error) {
		var in contactSetBody
		base, err := decodeWrite(r, &in, &in.versionBody)
		if err != nil {
			return reply{}, err
		}
		if in.ContactMethods == nil {
			return reply{}, reach.Invalid("contact_methods", reach.EREQUIRED,
				"contact_methods is required: send the record's whole set of contact methods, or [] to remove them all.")
		}
		e, err := a.app.SaveContactMethods(r.Context(), actor(r), ref(r), *in.ContactMethods, base, in.SyncOptions, preview)
		if err != nil {
			return reply{}, err
		}
		return editReply(e, "", preview), nil
	}
}

func (a *api) getContactMethod(r *http.Request) (reply, error) {
	id := r.PathValue("id")
	rec, err := a.app.ContactMethodRecord(r.Context(), actor(r), id)
	if err != nil {
		return reply{}, err
	}
	return editReply(app.Edit{Record: rec}, id, false), nil
}

// changeContactMethod patches one contact method, or — with remove —
// removes it, or previews either.
func (a *api) changeContactMethod(remove, preview bool) endpoint {
	return func(r *http.Request) (reply, error) {
		var in struct {
			app.ContactMethodPatch
			versionBody
			app.SyncOptions
			Remove bool `json:"remove,omitempty"`
		}
		read := decode // a change names what changes
		if remove || preview {
			read = decodeOptional
		}
		if err := read(r, &in); err != nil {
			return reply{}, err
		}
		base, err := baseVersion(r, in.Version)
		if err != nil {
			return reply{}, err
		}
		c := app.ContactMethodChange{Patch: in.ContactMethodPatch, SyncOptions: in.SyncOptions, Remove: remove || in.Remove}
		switch {
		case in.Remove && !preview:
			return reply{}, reach.Invalid("remove", reach.EUNKNOWNFIELD, "remove is for previews; DELETE the contact method to remove it.")
		case remove && (in.Kind != nil || in.Value != nil || in.Extension != nil || in.Memo != nil || in.Primary != nil):
			return reply{}, reach.Invalid("value", reach.EUNKNOWNFIELD, "A removal takes no new values; send only sync, confirm_cross_customer and version.")
		}
		id := r.PathValue("id")
		e, err := a.app.ChangeContactMethod(r.Context(), actor(r), id, c, base, preview)
		if err != nil {
			return reply{}, err
		}
		return editReply(e, id, preview), nil
	}
}

func (a *api) validate(r *http.Request) (reply, error) {
	var in struct {
		Kind  reach.Kind `json:"kind,omitempty"`
		Value string     `json:"value"`
	}
	if err := decode(r, &in); err != nil {
		return reply{}, err
	}
	v, err := a.app.Validate(r.Context(), actor(r), in.Kind, in.Value)
	if err != nil {
		return reply{}, err
	}
	return reply{body: v}, nil
}
