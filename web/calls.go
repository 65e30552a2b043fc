package web

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"reach/app"
)

func (s *Server) callRoutes() {
	huma.Register(s.api, op(http.MethodGet, "/api/v1/caller-id", "caller-id", "calls",
		"Who is calling: every record holding the number, exactly (E.164), active first", 0),
		func(ctx context.Context, in *struct {
			Number string `query:"number" maxLength:"200" doc:"The caller as received: any format; anonymous, client: and sip: callers match nothing."`
		}) (*struct{ Body app.CallerID }, error) {
			id, err := s.app.LookupCaller(ctx, actor(ctx), in.Number)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body app.CallerID }{Body: id}, nil
		})
}
