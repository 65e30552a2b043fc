package web

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"reach"
	"reach/app"
)

type customerOut struct {
	ETag string `header:"ETag"`
	Body *reach.Customer
}

func customerResponse(c *reach.Customer) *customerOut {
	return &customerOut{ETag: etag(c.Version), Body: c}
}

type customerListIn struct {
	PageQuery
	Active       string             `query:"active" enum:"true,false" doc:"Only active (true) or inactive (false) customers."`
	Type         reach.CustomerType `query:"type" enum:"residential,commercial"`
	State        string             `query:"state" maxLength:"2"`
	City         string             `query:"city" maxLength:"200"`
	Zip          string             `query:"zip" maxLength:"10"`
	Name         string             `query:"name" maxLength:"200" doc:"Name prefix, case-insensitive."`
	UpdatedSince time.Time          `query:"updated_since" doc:"RFC 3339 time."`
}

type customerListOut struct {
	Body Page[reach.Customer]
}

func (s *Server) customerRoutes() {
	huma.Register(s.api, op(http.MethodPost, "/api/v1/customers", "create-customer", "customers", "Create a customer", http.StatusCreated),
		func(ctx context.Context, in *struct{ Body app.CustomerInput }) (*customerOut, error) {
			c, err := s.app.CreateCustomer(ctx, actor(ctx), in.Body)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return customerResponse(c), nil
		})

	huma.Register(s.api, op(http.MethodGet, "/api/v1/customers", "list-customers", "customers", "List customers", 0),
		func(ctx context.Context, in *customerListIn) (*customerListOut, error) {
			after, err := decodeCursor(in.Cursor)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			f := reach.CustomerFilter{Type: in.Type, State: in.State, City: in.City, Zip: in.Zip, NamePrefix: in.Name,
				UpdatedSince: in.UpdatedSince, After: after, Limit: in.Limit}
			if in.Active != "" {
				active := in.Active == "true"
				f.Active = &active
			}
			cs, err := s.app.ListCustomers(ctx, actor(ctx), f)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			out := &customerListOut{Body: Page[reach.Customer]{Items: nonNil(cs)}}
			if len(cs) == in.Limit {
				out.Body.NextCursor = encodeCursor(cs[len(cs)-1].ID)
			}
			return out, nil
		})

	huma.Register(s.api, op(http.MethodGet, "/api/v1/customers/{id}", "get-customer", "customers", "Get a customer with its contact methods", 0),
		func(ctx context.Context, in *IDPath) (*customerOut, error) {
			c, err := s.app.Customer(ctx, actor(ctx), in.ID)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return customerResponse(c), nil
		})

	huma.Register(s.api, op(http.MethodPatch, "/api/v1/customers/{id}", "update-customer", "customers", "Change a customer's name, type or address", 0),
		func(ctx context.Context, in *struct {
			IDPath
			IfMatchHeader
			Body app.CustomerPatch
		}) (*customerOut, error) {
			want, err := in.version()
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			c, err := s.app.UpdateCustomer(ctx, actor(ctx), in.ID, in.Body, want)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return customerResponse(c), nil
		})

	for _, act := range []struct {
		verb   string
		active bool
	}{{"deactivate", false}, {"reactivate", true}} {
		huma.Register(s.api, op(http.MethodPost, "/api/v1/customers/{id}/"+act.verb, act.verb+"-customer", "customers", capitalize(act.verb)+" a customer", 0),
			func(ctx context.Context, in *struct {
				IDPath
				IfMatchHeader
			}) (*customerOut, error) {
				want, err := in.version()
				if err != nil {
					return nil, s.fail(ctx, err)
				}
				c, err := s.app.SetCustomerActive(ctx, actor(ctx), in.ID, act.active, want)
				if err != nil {
					return nil, s.fail(ctx, err)
				}
				return customerResponse(c), nil
			})
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
