package web

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"reach"
	"reach/app"
)

// contactMethodResult is what single contact-method edits return: the method
// (absent after removal) and the whole record holding it, at its new version.
type contactMethodResult struct {
	ContactMethod *reach.ContactMethod `json:"contact_method,omitempty"`
	Customer      *reach.Customer      `json:"customer,omitempty"`
	Location      *reach.Location      `json:"location,omitempty"`
}

type contactMethodOut struct {
	ETag     string `header:"ETag"`
	Location string `header:"Location"`
	Body     contactMethodResult
}

func contactResponse(r app.Record, id string) *contactMethodOut {
	out := &contactMethodOut{ETag: etag(r.Version()), Body: contactMethodResult{Customer: r.Customer, Location: r.Location}}
	if id != "" {
		for _, m := range r.Contacts() {
			if m.ID == id {
				out.Body.ContactMethod = &m
				out.Location = "/api/v1/contact-methods/" + id
			}
		}
	}
	return out
}

type contactSetIn struct {
	Version        *int64                   `json:"version,omitempty" doc:"Alternative to If-Match."`
	ContactMethods []app.ContactMethodInput `json:"contact_methods" required:"true" maxItems:"100" doc:"The whole set: entries with id update that method, entries without id are added, methods not listed are removed."`
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
			}) (*contactMethodOut, error) {
				want, err := in.version()
				if err != nil {
					return nil, s.fail(ctx, err)
				}
				r, id, err := s.app.AddContactMethod(ctx, actor(ctx), reach.RecordRef{Type: rt.typ, ID: in.ID}, in.Body, want)
				if err != nil {
					return nil, s.fail(ctx, err)
				}
				return contactResponse(r, id), nil
			})

		huma.Register(s.api, op(http.MethodPut, rt.prefix+"/contact-methods", "save-"+string(rt.typ)+"-contact-methods", rt.tag,
			"Save a "+string(rt.typ)+"'s whole set of contact methods atomically (If-Match required)", 0),
			func(ctx context.Context, in *struct {
				IDPath
				IfMatchHeader
				Body contactSetIn
			}) (*contactMethodOut, error) {
				want, err := in.version()
				if err != nil {
					return nil, s.fail(ctx, err)
				}
				if want == nil {
					want = in.Body.Version
				}
				r, err := s.app.SaveContactMethods(ctx, actor(ctx), reach.RecordRef{Type: rt.typ, ID: in.ID}, in.Body.ContactMethods, want)
				if err != nil {
					return nil, s.fail(ctx, err)
				}
				return contactResponse(r, ""), nil
			})
	}

	huma.Register(s.api, op(http.MethodGet, "/api/v1/contact-methods/{id}", "get-contact-method", "contact methods", "Get a contact method and the record holding it", 0),
		func(ctx context.Context, in *IDPath) (*contactMethodOut, error) {
			r, err := s.app.ContactMethodRecord(ctx, actor(ctx), in.ID)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return contactResponse(r, in.ID), nil
		})

	huma.Register(s.api, op(http.MethodPatch, "/api/v1/contact-methods/{id}", "update-contact-method", "contact methods",
		"Change a contact method: value, extension, memo, primary, or kind (mobile ⇄ phone ⇄ fax keeps value, memo and history)", 0),
		func(ctx context.Context, in *struct {
			IDPath
			IfMatchHeader
			Body app.ContactMethodPatch
		}) (*contactMethodOut, error) {
			want, err := in.version()
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			r, err := s.app.UpdateContactMethod(ctx, actor(ctx), in.ID, in.Body, want)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return contactResponse(r, in.ID), nil
		})

	huma.Register(s.api, op(http.MethodDelete, "/api/v1/contact-methods/{id}", "delete-contact-method", "contact methods", "Remove a contact method", 0),
		func(ctx context.Context, in *struct {
			IDPath
			IfMatchHeader
		}) (*contactMethodOut, error) {
			want, err := in.version()
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			r, err := s.app.DeleteContactMethod(ctx, actor(ctx), in.ID, want)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return contactResponse(r, ""), nil
		})

	huma.Register(s.api, op(http.MethodPost, "/api/v1/validate", "validate", "contact methods", "Check a phone number or email as it would be checked on save, without writing", 0),
		func(ctx context.Context, in *struct {
			Body struct {
				Kind  reach.Kind `json:"kind,omitempty" enum:"mobile,phone,fax,email"`
				Value string     `json:"value" maxLength:"1000"`
			}
		}) (*struct{ Body app.Validation }, error) {
			v, err := s.app.Validate(actor(ctx), in.Body.Kind, in.Body.Value)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body app.Validation }{Body: v}, nil
		})
}
