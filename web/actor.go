package web

import (
	"context"
	"net/http"
	"strings"

	"reach"
)

// credential is what authenticated a request: the actor it speaks for,
// and how to check it again for a response that outlives the check.
type credential struct {
	actor reach.Actor
	valid func(ctx context.Context) bool
}

// Authenticated serves h to requests whose credential authenticates, with
// the actor it speaks for in their context; others get 401. The credential
// is a bearer API token; the agents' pages will add their session here, so
// handlers never know which one a request carried.
func (s *Server) Authenticated(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme, token, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
		if !strings.EqualFold(scheme, "Bearer") {
			token = ""
		}
		token = strings.TrimSpace(token)
		actor, err := s.App.Authenticate(r.Context(), token, reach.SourceAPI)
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		c := credential{actor: actor, valid: func(ctx context.Context) bool {
			_, err := s.App.Authenticate(ctx, token, reach.SourceAPI)
			return err == nil
		}}
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), credentialKey, c)))
	})
}

// ActorOf returns the actor an authenticated request speaks for.
func ActorOf(ctx context.Context) reach.Actor {
	c, _ := ctx.Value(credentialKey).(credential)
	return c.actor
}

// StillAuthenticated checks an authenticated request's credential again: a
// long-lived response ends once its token is revoked or its user
// deactivated.
func StillAuthenticated(ctx context.Context) bool {
	c, ok := ctx.Value(credentialKey).(credential)
	return ok && c.valid(ctx)
}
