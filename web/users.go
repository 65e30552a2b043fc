package web

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"reach"
	"reach/app"
)

func (s *Server) userRoutes() {
	huma.Register(s.api, op(http.MethodPost, "/api/v1/users", "create-user", "users", "Create a user with a role", http.StatusCreated),
		func(ctx context.Context, in *struct{ Body app.UserInput }) (*struct{ Body *reach.User }, error) {
			u, err := s.app.CreateUser(ctx, actor(ctx), in.Body)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body *reach.User }{Body: u}, nil
		})

	huma.Register(s.api, op(http.MethodGet, "/api/v1/users", "list-users", "users", "List the tenant's users", 0),
		func(ctx context.Context, in *struct{}) (*struct{ Body Page[reach.User] }, error) {
			us, err := s.app.ListUsers(ctx, actor(ctx))
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body Page[reach.User] }{Body: Page[reach.User]{Items: nonNil(us)}}, nil
		})

	huma.Register(s.api, op(http.MethodPost, "/api/v1/users/{id}/tokens", "create-token", "users", "Issue an API token for a user (shown once)", http.StatusCreated),
		func(ctx context.Context, in *struct {
			IDPath
			Body app.TokenInput
		}) (*struct {
			Body struct {
				Token string `json:"token"`
			}
		}, error) {
			secret, err := s.app.CreateToken(ctx, actor(ctx), in.ID, in.Body)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			out := &struct {
				Body struct {
					Token string `json:"token"`
				}
			}{}
			out.Body.Token = secret
			return out, nil
		})
}
