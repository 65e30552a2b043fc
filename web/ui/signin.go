package ui

import (
	"errors"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"

	"reach"
	"reach/web"
)

// signInPage is the sign-in form.
type signInPage struct {
	frame
	Email string
	Next  string
	Error string
	// Token goes back with the form, for browsers that send no Origin.
	Token string
}

func (u *ui) signInPage(w http.ResponseWriter, r *http.Request) {
	if s, ok := u.srv.Sessions.Current(r.Context()); ok {
		if _, err := u.app.AuthenticateSession(r.Context(), s, reach.SourceUI); err == nil {
			http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
			return
		}
		_ = u.srv.Sessions.End(r.Context()) // ended elsewhere: forget it here too
	}
	p := &signInPage{frame: u.frameFor(r, "Sign in", ""), Next: safeNext(r.URL.Query().Get("next")), Token: u.srv.SignInToken(w, r)}
	u.render(w, r, http.StatusOK, "signin", p)
}

func (u *ui) signIn(w http.ResponseWriter, r *http.Request) {
	if err := u.srv.CheckOrigin(r); err != nil {
		u.fail(w, r, err)
		return
	}
	email, password, next := r.PostFormValue("email"), r.PostFormValue("password"), safeNext(r.PostFormValue("next"))
	session, err := u.app.SignIn(r.Context(), email, password, clientAddress(r))
	if err == nil {
		err = u.srv.Sessions.Start(r.Context(), session)
	}
	if err != nil {
		if status := web.StatusOf(err); status >= 500 {
			u.fail(w, r, err)
			return
		}
		p := &signInPage{frame: u.frameFor(r, "Sign in", ""), Email: email, Next: next, Error: messageOf(err), Token: u.srv.SignInToken(w, r)}
		u.render(w, r, web.StatusOf(err), "signin", p)
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (u *ui) signOut(w http.ResponseWriter, r *http.Request) {
	if err := u.srv.Sessions.End(r.Context()); err != nil {
		u.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

// safeNext keeps a page to return to (after signing in, after an undo)
// only if it is one of reach's own: a path of this site, rebuilt from its
// parsed form, so nothing a browser reads differently (a tab or a newline
// it drops, a backslash it turns into a slash) can make it another site.
func safeNext(next string) string {
	if strings.ContainsFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return "/"
	}
	out := u.EscapedPath()
	if u.RawQuery != "" {
		out += "?" + u.RawQuery
	}
	return out
}

// clientAddress is the address sign-in attempts are counted by: the
// client's IPv4 address, or its IPv6 /64 — one subscriber's whole network,
// which a client can cycle through at will.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	if addr = addr.Unmap(); addr.Is6() {
		p, _ := addr.Prefix(64)
		return p.String()
	}
	return addr.String()
}

// messageOf is an error's message for a person.
func messageOf(err error) string {
	var e *reach.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong on our side; try again in a moment."
}
