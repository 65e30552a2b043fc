package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"

	"reach"
	"reach/app"
)

// SessionStore keeps the web UI's sessions; sqlstore.DB is one. Tokens
// reach it hashed.
type SessionStore interface {
	FindSession(ctx context.Context, token string) ([]byte, bool, error)
	CommitSession(ctx context.Context, token string, data []byte, expiry time.Time) error
	DeleteSession(ctx context.Context, token string) error
	DeleteExpiredSessions(ctx context.Context, before time.Time) error
}

// Session lifetimes: a session ends after an hour without a request, and
// after a working day whatever happens.
const (
	sessionIdle     = time.Hour
	sessionLifetime = 12 * time.Hour
)

// SessionCookie names the session's cookie.
const SessionCookie = "reach_session"

// Sessions are the web UI's signed-in users, kept in the database so every
// instance shares them.
type Sessions struct {
	m *scs.SessionManager
}

func newSessions(store SessionStore, secure bool, fail func(http.ResponseWriter, *http.Request, error)) *Sessions {
	m := scs.New()
	m.Store = scsStore{store}
	m.HashTokenInStore = true
	m.IdleTimeout, m.Lifetime = sessionIdle, sessionLifetime
	m.Cookie.Name = SessionCookie
	m.Cookie.HttpOnly = true
	m.Cookie.SameSite = http.SameSiteLaxMode
	m.Cookie.Secure = secure
	m.Cookie.Path = "/"
	m.Cookie.Persist = false // a browser session: closing the browser signs out
	m.ErrorFunc = fail
	return &Sessions{m: m}
}

// Session keys.
const (
	keyTenant = "tenant"
	keyUser   = "user"
	keySince  = "since"
	keyCSRF   = "csrf"
	keyFlash  = "flash"
)

// Start signs a user in: a new session token (so one planted before cannot
// be ridden), and a new token for forms that arrive without Origin headers.
func (s *Sessions) Start(ctx context.Context, signedIn app.Session) error {
	if err := s.m.RenewToken(ctx); err != nil {
		return err
	}
	s.m.Put(ctx, keyTenant, signedIn.TenantID)
	s.m.Put(ctx, keyUser, signedIn.UserID)
	s.m.Put(ctx, keySince, signedIn.SignedInAt.UnixMicro())
	s.m.Put(ctx, keyCSRF, randomToken())
	return nil
}

// End signs the session out.
func (s *Sessions) End(ctx context.Context) error { return s.m.Destroy(ctx) }

// Current returns the signed-in user of the request's session, if any.
func (s *Sessions) Current(ctx context.Context) (app.Session, bool) {
	tenant, user := s.m.GetString(ctx, keyTenant), s.m.GetString(ctx, keyUser)
	if tenant == "" || user == "" {
		return app.Session{}, false
	}
	return app.Session{TenantID: tenant, UserID: user, SignedInAt: time.UnixMicro(s.m.GetInt64(ctx, keySince)).UTC()}, true
}

// Live reports whether the request's session is still signed in as
// signedIn, read again from the store: a response that outlives its
// request (the call stream) ends once the session is signed out, has been
// idle too long or reached its lifetime.
func (s *Sessions) Live(ctx context.Context, signedIn app.Session) bool {
	token := s.m.Token(ctx)
	if token == "" {
		return false
	}
	// A context that holds the session already would be answered from it.
	load, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	fresh, err := s.m.Load(load, token)
	if err != nil {
		return false
	}
	now, ok := s.Current(fresh)
	return ok && now == signedIn
}

// CSRFToken is the session's token for forms; "" with no session.
func (s *Sessions) CSRFToken(ctx context.Context) string { return s.m.GetString(ctx, keyCSRF) }

// Flash keeps a message for the next page the session shows.
func (s *Sessions) Flash(ctx context.Context, msg string) { s.m.Put(ctx, keyFlash, msg) }

// TakeFlash returns the message kept for this page, once.
func (s *Sessions) TakeFlash(ctx context.Context) string { return s.m.PopString(ctx, keyFlash) }

// CSRFField names the form field (and CSRFHeader the header) carrying the
// session's token.
const (
	CSRFField  = "csrf_token"
	CSRFHeader = "X-CSRF-Token"
)

// CheckOrigin refuses the sign-in form when a browser sent it from another
// site. Forms of a signed-in session get the full check (crossOrigin) when
// they authenticate; this is for the one form sent before there is a
// session, so a browser too old to send Sec-Fetch-Site or Origin must
// return the token SignInToken put in the form and a cookie (a double
// submit: another site can read neither).
func (s *Server) CheckOrigin(r *http.Request) error {
	if err := s.origins.Check(r); err != nil {
		return reach.Errorf(reach.EFORBIDDEN, "This form was sent from another site; open reach and sign in there.")
	}
	if r.Header.Get("Sec-Fetch-Site") != "" || r.Header.Get("Origin") != "" {
		return nil
	}
	c, err := r.Cookie(signInCookie)
	if err != nil || c.Value == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(r.PostFormValue(CSRFField))) != 1 {
		return reach.Errorf(reach.EFORBIDDEN, "This sign-in form has expired or came from another site; reload the sign-in page and try again.")
	}
	return nil
}

// signInCookie holds the sign-in form's token.
const signInCookie = "reach_signin"

// SignInToken is the token for the sign-in form, set in its cookie too.
func (s *Server) SignInToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(signInCookie); err == nil && len(c.Value) >= 32 {
		return c.Value
	}
	token := randomToken()
	http.SetCookie(w, &http.Cookie{Name: signInCookie, Value: token, Path: "/signin", HttpOnly: true,
		Secure: s.Sessions.m.Cookie.Secure, SameSite: http.SameSiteStrictMode})
	return token
}

// crossOrigin refuses unsafe requests a browser sent from another site
// (by Sec-Fetch-Site or Origin). A browser too old to send either must
// carry the session's token instead.
func (s *Server) crossOrigin(r *http.Request) error {
	refused := reach.Errorf(reach.EFORBIDDEN, "This form was sent from another site, or has expired; reload the page and try again.")
	if err := s.origins.Check(r); err != nil {
		return refused
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return nil
	}
	if r.Header.Get("Sec-Fetch-Site") != "" || r.Header.Get("Origin") != "" {
		return nil
	}
	want := s.Sessions.CSRFToken(r.Context())
	got := r.Header.Get(CSRFHeader)
	if got == "" {
		got = r.PostFormValue(CSRFField)
	}
	if want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return refused
	}
	return nil
}

func randomToken() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// scsStore adapts a SessionStore to scs.
type scsStore struct{ s SessionStore }

func (st scsStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	return st.s.FindSession(ctx, token)
}

func (st scsStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	return st.s.CommitSession(ctx, token, b, expiry)
}

func (st scsStore) DeleteCtx(ctx context.Context, token string) error {
	return st.s.DeleteSession(ctx, token)
}

func (st scsStore) Find(token string) ([]byte, bool, error) {
	return st.FindCtx(context.Background(), token)
}

func (st scsStore) Commit(token string, b []byte, expiry time.Time) error {
	return st.CommitCtx(context.Background(), token, b, expiry)
}

func (st scsStore) Delete(token string) error { return st.DeleteCtx(context.Background(), token) }

// expireSessions deletes expired sessions now and then until ctx ends.
func expireSessions(ctx context.Context, store SessionStore, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			_ = store.DeleteExpiredSessions(ctx, now)
		}
	}
}
