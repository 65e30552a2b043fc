// Package ui is the agents' web UI: server-rendered pages (html/template),
// forms that work without JavaScript, and a little script of reach's own
// that makes them instant. Every page acts through the app's use cases —
// the rules are the API's, never a second copy.
package ui

import (
	"bytes"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"

	"reach"
	"reach/app"
	"reach/web"
)

//go:embed templates
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// ui holds what every page handler needs.
type ui struct {
	srv   *web.Server
	app   *app.App
	pages map[string]*template.Template
}

// Register adds the pages' routes to srv.
func Register(srv *web.Server) {
	u := &ui{srv: srv, app: srv.App, pages: parsePages()}
	srv.PageNotFound = u.notFound
	static, _ := fs.Sub(staticFiles, "static")
	srv.Handle("GET /static/", http.StripPrefix("/static/", cacheStatic(http.FileServerFS(static))))
	for _, rt := range u.routes() {
		h := rt.handler
		if !rt.public {
			h = srv.AuthenticatedOr(h, u.toSignIn)
		}
		srv.Handle(rt.pattern, h)
	}
}

// route is one page or form action.
type route struct {
	pattern string
	handler http.Handler
	public  bool
}

// parsePages parses each page with the layout and the partials, once.
func parsePages() map[string]*template.Template {
	base := template.Must(template.New("").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/partials/*.html"))
	pages := map[string]*template.Template{}
	names, _ := fs.Glob(templateFiles, "templates/pages/*.html")
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/pages/"), ".html")
		pages[name] = template.Must(template.Must(base.Clone()).ParseFS(templateFiles, n))
	}
	return pages
}

// frame is what the layout shows around every page.
type frame struct {
	Title   string
	Actor   reach.Actor
	Me      *reach.User
	CSRF    string
	Flash   string
	Undo    string // a change the page offers to undo
	Section string // the navigation entry to mark current
	Path    string // this page, for forms that come back to it
}

// Can reports whether the signed-in user may do p, for showing controls
// (the app refuses what they may not do anyway).
func (f frame) Can(p reach.Permission) bool { return f.Actor.Can(p) }

// page is what a handler renders: a template and its data.
type page interface{ base() *frame }

func (f *frame) base() *frame { return f }

// frameFor starts the frame of a page for the request.
func (u *ui) frameFor(r *http.Request, title, section string) frame {
	actor := web.ActorOf(r.Context())
	f := frame{Title: title, Actor: actor, Section: section, CSRF: u.srv.Sessions.CSRFToken(r.Context()), Path: r.URL.RequestURI()}
	if actor.UserID != "" {
		f.Me, _ = u.app.Me(r.Context(), actor)
		flash := u.srv.Sessions.TakeFlash(r.Context())
		f.Flash, f.Undo, _ = strings.Cut(flash, "\x00")
	}
	return f
}

// fragmentHeader names, on a request of the page's script, the part of the
// page it wants; on the response, the part sent.
const fragmentHeader = "X-Reach-Fragment"

// fragments are the {{block}}s the page script swaps in place.
var fragments = map[string]bool{"results": true, "edit-form": true}

// render writes a page, or only its named fragment when the page's own
// script asks for one (X-Reach-Fragment) to swap it in place.
func (u *ui) render(w http.ResponseWriter, r *http.Request, status int, name string, data page) {
	t := u.pages[name]
	target := "layout"
	if frag := r.Header.Get(fragmentHeader); fragments[frag] && t.Lookup(frag) != nil {
		target = frag
		w.Header().Set(fragmentHeader, frag) // what the script swaps in; anything else is a whole page
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, target, data); err != nil {
		u.srv.Log.ErrorContext(r.Context(), "render", "page", name, "err", err)
		http.Error(w, "The page could not be shown.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

// redirect sends the browser on after a form (303, so a reload does not post
// again), with a message for the next page and, optionally, a change it
// may undo.
func (u *ui) redirect(w http.ResponseWriter, r *http.Request, to, flash, undo string) {
	if flash != "" {
		u.srv.Sessions.Flash(r.Context(), flash+"\x00"+undo)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// toSignIn answers a page request that is not signed in: to the sign-in
// page, coming back here afterwards.
func (u *ui) toSignIn(w http.ResponseWriter, r *http.Request, err error) {
	if reach.ErrorCode(err) == reach.EFORBIDDEN { // a cross-site form
		u.fail(w, r, err)
		return
	}
	back := r.URL.RequestURI()
	if r.Method != http.MethodGet {
		back = "/"
	}
	http.Redirect(w, r, "/signin?next="+url.QueryEscape(back), http.StatusSeeOther)
}

// errorPage shows an error that belongs to no form field.
type errorPage struct {
	frame
	Status  int
	Message string
}

// fail shows err as a page of its own, with the status the API would give.
func (u *ui) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := web.StatusOf(err)
	msg := "Something went wrong on our side; try again in a moment."
	var e *reach.Error
	if errors.As(err, &e) && status < 500 {
		msg = e.Message
	} else {
		u.srv.Log.ErrorContext(r.Context(), "page failed", "request_id", web.RequestID(r.Context()), "err", err)
	}
	p := &errorPage{frame: u.frameFor(r, http.StatusText(status), ""), Status: status, Message: msg}
	u.render(w, r, status, "error", p)
}

// notFound is the page for a path that is none of reach's.
func (u *ui) notFound(w http.ResponseWriter, r *http.Request) {
	u.fail(w, r, reach.Errorf(reach.ENOTFOUND, "There is no page at %s.", r.URL.Path))
}

// cacheStatic lets browsers keep the script and styles for a day.
func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		h.ServeHTTP(w, r)
	})
}

// actorOf is who the request speaks for.
func actorOf(r *http.Request) reach.Actor { return web.ActorOf(r.Context()) }

// flashFailure answers a refused form action by going back with the
// reason; a failure of reach's own is a page of its own.
func (u *ui) flashFailure(w http.ResponseWriter, r *http.Request, back string, err error) {
	if web.StatusOf(err) >= 500 {
		u.fail(w, r, err)
		return
	}
	u.redirect(w, r, back, "Not done: "+messageOf(err), "")
}

// fieldErrors maps each field of a refused form to its message; nil when
// the error is not about fields.
func fieldErrors(err error) map[string]string {
	var e *reach.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return nil
	}
	out := map[string]string{}
	for _, f := range e.Fields {
		if _, taken := out[f.Field]; !taken {
			out[f.Field] = f.Message
		}
	}
	return out
}
