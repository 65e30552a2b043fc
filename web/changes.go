package web

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"reach"
)

func (s *Server) changeRoutes() {
	for _, rt := range []struct {
		typ  reach.RecordType
		path string
		tag  string
	}{{reach.RecordCustomer, "/api/v1/customers/{id}/changes", "customers"}, {reach.RecordLocation, "/api/v1/locations/{id}/changes", "locations"}} {
		huma.Register(s.api, op(http.MethodGet, rt.path, "list-"+string(rt.typ)+"-changes", rt.tag, "A "+string(rt.typ)+"'s history, newest first", 0),
			func(ctx context.Context, in *struct {
				IDPath
				PageQuery
			}) (*struct{ Body Page[reach.HistoryItem] }, error) {
				cursor, err := decodeCursor(in.Cursor)
				if err != nil {
					return nil, s.fail(ctx, err)
				}
				items, next, err := s.app.History(ctx, actor(ctx), reach.RecordRef{Type: rt.typ, ID: in.ID}, cursor, in.Limit)
				if err != nil {
					return nil, s.fail(ctx, err)
				}
				return &struct{ Body Page[reach.HistoryItem] }{Body: Page[reach.HistoryItem]{Items: items, NextCursor: encodeCursor(next)}}, nil
			})
	}

	huma.Register(s.api, op(http.MethodPost, "/api/v1/changes/{id}/revert", "revert-change", "changes",
		"Put every record a change touched back as it was, atomically, as a new change (409 revert_conflict if any changed since)", 0),
		func(ctx context.Context, in *IDPath) (*struct{ Body *reach.Change }, error) {
			c, err := s.app.RevertChange(ctx, actor(ctx), in.ID)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body *reach.Change }{Body: c}, nil
		})

	huma.Register(s.api, op(http.MethodGet, "/api/v1/changes/{id}", "get-change", "changes", "Everything one change did", 0),
		func(ctx context.Context, in *IDPath) (*struct{ Body *reach.Change }, error) {
			c, err := s.app.Change(ctx, actor(ctx), in.ID)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body *reach.Change }{Body: c}, nil
		})
}
