package web

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"reach"
)

type searchOut struct {
	Body struct {
		Results []reach.SearchResult `json:"results"`
		// Truncated says more records match than limit: narrow the search.
		Truncated bool `json:"truncated" doc:"More records match than the limit; type more to narrow the search."`
	}
}

func (s *Server) searchRoutes() {
	huma.Register(s.api, op(http.MethodGet, "/api/v1/search", "search", "search",
		"Find customers and locations by name, street, phone number (any format or last 4+ digits) or email", 0),
		func(ctx context.Context, in *struct {
			Q     string `query:"q" maxLength:"200" doc:"What to look for."`
			Limit int    `query:"limit" minimum:"1" maximum:"200" default:"50"`
		}) (*searchOut, error) {
			rs, err := s.app.Search(ctx, actor(ctx), in.Q, in.Limit)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			out := &searchOut{}
			out.Body.Results = rs
			out.Body.Truncated = len(rs) == in.Limit
			return out, nil
		})
}
