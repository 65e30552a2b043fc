package web

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"reach"
	"reach/app"
)

type locationOut struct {
	ETag string `header:"ETag"`
	Body *reach.Location
}

func locationResponse(l *reach.Location) *locationOut {
	return &locationOut{ETag: etag(l.Version), Body: l}
}

func (s *Server) locationRoutes() {
	huma.Register(s.api, op(http.MethodPost, "/api/v1/customers/{id}/locations", "create-location", "locations", "Add a service location to a customer", http.StatusCreated),
		func(ctx context.Context, in *struct {
			IDPath
			Body app.LocationInput
		}) (*locationOut, error) {
			l, err := s.app.CreateLocation(ctx, actor(ctx), in.ID, in.Body)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return locationResponse(l), nil
		})

	huma.Register(s.api, op(http.MethodGet, "/api/v1/customers/{id}/locations", "list-customer-locations", "locations", "List a customer's locations", 0),
		func(ctx context.Context, in *struct {
			IDPath
			PageQuery
			Active string `query:"active" enum:"true,false"`
		}) (*struct{ Body Page[reach.Location] }, error) {
			after, err := decodeCursor(in.Cursor)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			f := reach.LocationFilter{CustomerID: in.ID, After: after, Limit: in.Limit}
			if in.Active != "" {
				active := in.Active == "true"
				f.Active = &active
			}
			ls, err := s.app.ListLocations(ctx, actor(ctx), f)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			out := &struct{ Body Page[reach.Location] }{Body: Page[reach.Location]{Items: nonNil(ls)}}
			if len(ls) == in.Limit {
				out.Body.NextCursor = encodeCursor(ls[len(ls)-1].ID)
			}
			return out, nil
		})

	huma.Register(s.api, op(http.MethodGet, "/api/v1/locations/{id}", "get-location", "locations", "Get a location with its contact methods", 0),
		func(ctx context.Context, in *IDPath) (*locationOut, error) {
			l, err := s.app.Location(ctx, actor(ctx), in.ID)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return locationResponse(l), nil
		})

	huma.Register(s.api, op(http.MethodPatch, "/api/v1/locations/{id}", "update-location", "locations", "Change a location's name or address", 0),
		func(ctx context.Context, in *struct {
			IDPath
			IfMatchHeader
			Body app.LocationPatch
		}) (*locationOut, error) {
			want, err := in.version()
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			l, err := s.app.UpdateLocation(ctx, actor(ctx), in.ID, in.Body, want)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return locationResponse(l), nil
		})

	for _, act := range []struct {
		verb   string
		active bool
	}{{"deactivate", false}, {"reactivate", true}} {
		huma.Register(s.api, op(http.MethodPost, "/api/v1/locations/{id}/"+act.verb, act.verb+"-location", "locations", capitalize(act.verb)+" a location", 0),
			func(ctx context.Context, in *struct {
				IDPath
				IfMatchHeader
			}) (*locationOut, error) {
				want, err := in.version()
				if err != nil {
					return nil, s.fail(ctx, err)
				}
				l, err := s.app.SetLocationActive(ctx, actor(ctx), in.ID, act.active, want)
				if err != nil {
					return nil, s.fail(ctx, err)
				}
				return locationResponse(l), nil
			})
	}
}
