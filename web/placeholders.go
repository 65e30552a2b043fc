package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"reach"
	"reach/app"
)

// reportPage is one page of the placeholder report.
type reportPage struct {
	app.Report
	NextCursor string `json:"next_cursor"`
}

func (s *Server) placeholderRoutes() {
	huma.Register(s.api, op(http.MethodGet, "/api/v1/placeholders", "list-placeholders", "placeholders", "The tenant's documented placeholder values", 0),
		func(ctx context.Context, in *struct{}) (*struct{ Body Page[reach.Placeholder] }, error) {
			ps, err := s.app.Placeholders(ctx, actor(ctx))
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body Page[reach.Placeholder] }{Body: Page[reach.Placeholder]{Items: nonNil(ps)}}, nil
		})

	huma.Register(s.api, op(http.MethodPost, "/api/v1/placeholders", "add-placeholder", "placeholders",
		"Document a placeholder value (a filler staff used, or the business's own number or email)", http.StatusCreated),
		func(ctx context.Context, in *struct{ Body app.PlaceholderInput }) (*struct{ Body *reach.Placeholder }, error) {
			p, err := s.app.AddPlaceholder(ctx, actor(ctx), in.Body)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body *reach.Placeholder }{Body: p}, nil
		})

	huma.Register(s.api, op(http.MethodDelete, "/api/v1/placeholders/{id}", "remove-placeholder", "placeholders", "Take a value off the placeholder list", http.StatusNoContent),
		func(ctx context.Context, in *IDPath) (*struct{}, error) {
			if err := s.app.RemovePlaceholder(ctx, actor(ctx), in.ID); err != nil {
				return nil, s.fail(ctx, err)
			}
			return nil, nil
		})

	huma.Register(s.api, op(http.MethodGet, "/api/v1/placeholders/report", "placeholder-report", "placeholders",
		"Every stored placeholder or suspect value, with how many records and customers hold it and a sample", 0),
		func(ctx context.Context, in *PageQuery) (*struct{ Body reportPage }, error) {
			offset := 0
			if in.Cursor != "" {
				pos, err := decodeCursor(in.Cursor)
				if err == nil {
					offset, err = strconv.Atoi(pos)
				}
				if err != nil {
					return nil, s.fail(ctx, reach.Errorf(reach.EMALFORMED, "The cursor is not valid; use the next_cursor of a previous page."))
				}
			}
			rep, err := s.app.PlaceholderReport(ctx, actor(ctx), offset, in.Limit)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			out := &struct{ Body reportPage }{Body: reportPage{Report: rep}}
			if rep.Next > 0 {
				out.Body.NextCursor = encodeCursor(strconv.Itoa(rep.Next))
			}
			return out, nil
		})

	huma.Register(s.api, op(http.MethodPost, "/api/v1/placeholders/cleanup", "placeholder-cleanup", "placeholders",
		"Remove values from every record holding them, as one change that can be reverted", 0),
		func(ctx context.Context, in *struct{ Body app.CleanupInput }) (*struct{ Body app.CleanupResult }, error) {
			res, err := s.app.CleanupPlaceholders(ctx, actor(ctx), in.Body, nil)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body app.CleanupResult }{Body: res}, nil
		})

	huma.Register(s.api, op(http.MethodPut, "/api/v1/settings/placeholders", "set-placeholder-settings", "placeholders", "Set the suspect threshold", 0),
		func(ctx context.Context, in *struct{ Body app.PlaceholderSettings }) (*struct{ Body app.PlaceholderSettings }, error) {
			out, err := s.app.SetPlaceholderSettings(ctx, actor(ctx), in.Body)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body app.PlaceholderSettings }{Body: out}, nil
		})
}
