package web

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"reach"
	"reach/app"
)

// editResult is what contact-method edits return: the record holding the
// methods (at its new version), the method concerned, the diff, and every
// value replaced or removed with the other records holding it (the sync
// candidates). Previews return the same, computed without writing.
type editResult struct {
	ChangeID      string               `json:"change_id,omitempty" doc:"The audited change; revert it with POST /api/v1/changes/{id}/revert."`
	ContactMethod *reach.ContactMethod `json:"contact_method,omitempty"`
	Customer      *reach.Customer      `json:"customer,omitempty"`
	Location      *reach.Location      `json:"location,omitempty"`
	Diff          []app.ContactDiff    `json:"diff"`
	Changes       []app.ValueChange    `json:"changes"`
}

type editOut struct {
	ETag     string `header:"ETag"`
	Location string `header:"Location"`
	Body     editResult
}

// editResponse renders an edit. id names the contact method concerned, if any.
func editResponse(e app.Edit, id string, preview bool) *editOut {
	r := e.Record
	out := &editOut{Body: editResult{ChangeID: e.ChangeID, Customer: r.Customer, Location: r.Location,
		Diff: nonNil(e.Diff), Changes: nonNil(e.Changes)}}
	if !preview {
		out.ETag = etag(r.Version())
	}
	for _, m := range r.Contacts() {
		if m.ID == id {
			out.Body.ContactMethod = &m
		}
	}
	return out
}

// contactSetIn is the body of a whole-set save or its preview.
type contactSetIn struct {
	Version        *int64                   `json:"version,omitempty" doc:"Alternative to If-Match."`
	ContactMethods []app.ContactMethodInput `json:"contact_methods" required:"true" maxItems:"100" doc:"The whole set: entries with id update that method, entries without id are added, methods not listed are removed."`
	app.SyncOptions
}

// contactPatchIn is the body of a single contact-method change.
type contactPatchIn struct {
	app.ContactMethodPatch
	app.SyncOptions
}

// contactPreviewIn previews a patch, or a removal with remove: true.
type contactPreviewIn struct {
	app.ContactMethodPatch
	Remove bool `json:"remove,omitempty" doc:"Preview removing the method instead of patching it."`
}

func (s *Server) contactRoutes() {
	for _, rt := range []struct {
		typ    reach.RecordType
		prefix string
		tag    string
	}{{reach.RecordCustomer, "/api/v1/customers/{id}", "customers"}, {reach.RecordLocation, "/api/v1/locations/{id}", "locations"}} {
		huma.Register(s.api, op(http.MethodPost, rt.prefix+"/contact-methods", "add-"+string(rt.typ)+"-contact-method", rt.tag,
			"Add a contact method to a "+string(rt.typ), http.StatusCreated),
			func(ctx context.Context, in *struct {
				IDPath
				IfMatchHeader
				Body app.ContactMethodInput
			}) (*editOut, error) {
				want, err := in.version()
				if err != nil {
					return nil, s.fail(ctx, err)
				}
				e, id, err := s.app.AddContactMethod(ctx, actor(ctx), reach.RecordRef{Type: rt.typ, ID: in.ID}, in.Body, want)
				if err != nil {
					return nil, s.fail(ctx, err)
				}
				out := editResponse(e, id, false)
				out.Location = "/api/v1/contact-methods/" + id
				return out, nil
			})

		for _, preview := range []bool{false, true} {
			method, path, id, summary := http.MethodPut, rt.prefix+"/contact-methods", "save-"+string(rt.typ)+"-contact-methods",
				"Save a "+string(rt.typ)+"'s whole set of contact methods atomically, with syncs to other records (If-Match required)"
			if preview {
				method, path, id, summary = http.MethodPost, path+"/preview", "preview-"+string(rt.typ)+"-contact-methods",
					"Preview a whole-set save: the diff and the sync candidates, without writing"
			}
			huma.Register(s.api, op(method, path, id, rt.tag, summary, 0),
				func(ctx context.Context, in *struct {
					IDPath
					IfMatchHeader
					Body contactSetIn
				}) (*editOut, error) {
					want, err := in.version()
					if err != nil {
						return nil, s.fail(ctx, err)
					}
					if want == nil {
						want = in.Body.Version
					}
					e, err := s.app.SaveContactMethods(ctx, actor(ctx), reach.RecordRef{Type: rt.typ, ID: in.ID}, in.Body.ContactMethods, want, in.Body.SyncOptions, preview)
					if err != nil {
						return nil, s.fail(ctx, err)
					}
					return editResponse(e, "", preview), nil
				})
		}
	}

	huma.Register(s.api, op(http.MethodGet, "/api/v1/contact-methods/{id}", "get-contact-method", "contact methods", "Get a contact method and the record holding it", 0),
		func(ctx context.Context, in *IDPath) (*editOut, error) {
			r, err := s.app.ContactMethodRecord(ctx, actor(ctx), in.ID)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return editResponse(app.Edit{Record: r}, in.ID, false), nil
		})

	huma.Register(s.api, op(http.MethodPatch, "/api/v1/contact-methods/{id}", "update-contact-method", "contact methods",
		"Change a contact method — value, extension, memo, primary, or kind (mobile ⇄ phone ⇄ fax keeps value, memo and history) — with syncs to other records", 0),
		func(ctx context.Context, in *struct {
			IDPath
			IfMatchHeader
			Body contactPatchIn
		}) (*editOut, error) {
			return s.changeContact(ctx, in.ID, in.IfMatchHeader, app.ContactMethodChange{Patch: in.Body.ContactMethodPatch, SyncOptions: in.Body.SyncOptions}, false)
		})

	huma.Register(s.api, op(http.MethodDelete, "/api/v1/contact-methods/{id}", "delete-contact-method", "contact methods",
		"Remove a contact method, optionally from the other records holding it too (sync in the body)", 0),
		func(ctx context.Context, in *struct {
			IDPath
			IfMatchHeader
			Body *app.SyncOptions
		}) (*editOut, error) {
			c := app.ContactMethodChange{Remove: true}
			if in.Body != nil {
				c.SyncOptions = *in.Body
			}
			return s.changeContact(ctx, in.ID, in.IfMatchHeader, c, false)
		})

	huma.Register(s.api, op(http.MethodPost, "/api/v1/contact-methods/{id}/preview", "preview-contact-method-change", "contact methods",
		"Preview a change or removal of one contact method: the diff and the sync candidates, without writing", 0),
		func(ctx context.Context, in *struct {
			IDPath
			IfMatchHeader
			Body contactPreviewIn
		}) (*editOut, error) {
			return s.changeContact(ctx, in.ID, in.IfMatchHeader, app.ContactMethodChange{Patch: in.Body.ContactMethodPatch, Remove: in.Body.Remove}, true)
		})

	huma.Register(s.api, op(http.MethodPost, "/api/v1/validate", "validate", "contact methods", "Check a phone number or email as it would be checked on save, without writing", 0),
		func(ctx context.Context, in *struct {
			Body struct {
				Kind  reach.Kind `json:"kind,omitempty" enum:"mobile,phone,fax,email"`
				Value string     `json:"value" maxLength:"1000"`
			}
		}) (*struct{ Body app.Validation }, error) {
			v, err := s.app.Validate(ctx, actor(ctx), in.Body.Kind, in.Body.Value)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body app.Validation }{Body: v}, nil
		})
}

func (s *Server) changeContact(ctx context.Context, id string, h IfMatchHeader, c app.ContactMethodChange, preview bool) (*editOut, error) {
	want, err := h.version()
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	e, err := s.app.ChangeContactMethod(ctx, actor(ctx), id, c, want, preview)
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	return editResponse(e, id, preview), nil
}
