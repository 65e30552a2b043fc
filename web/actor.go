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
// is a bearer API token or, for the web UI, the signed-in session; handlers
// never know which one a request carried. A request riding on the session
// cookie must come from reach's own pages (crossOrigin).
func (s *Server) Authenticated(h http.Handler) http.Handler { return s.AuthenticatedOr(h, s.Fail) }

// AuthenticatedOr is Authenticated answering a request that does not
// authenticate with refuse: a page sends the browser to sign in.
func (s *Server) AuthenticatedOr(h http.Handler, refuse func(http.ResponseWriter, *http.Request, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := s.credentialOf(r)
		if err != nil {
			refuse(w, r, err)
			return
		}
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), credentialKey, c)))
	})
}

// credentialOf reads the request's credential: its bearer token if it
// sends one, else its session.
func (s *Server) credentialOf(r *http.Request) (credential, error) {
	// Only a Bearer header is an API token: another scheme (an
	// authenticating proxy's Basic) leaves the session to speak.
	if scheme, token, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " "); strings.EqualFold(scheme, "Bearer") {
		token = strings.TrimSpace(token)
		actor, err := s.App.Authenticate(r.Context(), token, reach.SourceAPI)
		return credential{actor: actor, valid: func(ctx context.Context) bool {
			_, err := s.App.Authenticate(ctx, token, reach.SourceAPI)
			return err == nil
		}}, err
	}
	signedIn, ok := s.Sessions.Current(r.Context())
	if !ok {
		return credential{}, reach.Errorf(reach.EUNAUTHENTICATED, "Sign in, or send an API token an admin issued.")
	}
	if err := s.crossOrigin(r); err != nil {
		return credential{}, err
	}
	actor, err := s.App.AuthenticateSession(r.Context(), signedIn, reach.SourceUI)
	return credential{actor: actor, valid: func(ctx context.Context) bool {
		_, err := s.App.AuthenticateSession(ctx, signedIn, reach.SourceUI)
		return err == nil && s.Sessions.Live(ctx, signedIn)
	}}, err
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
