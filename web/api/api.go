// Package api is reach's JSON API: named handlers that decode a request,
// call the app and render its answer, on the routes listed in routes.go.
// Its contract is openapi.yaml, served at /api/v1/openapi.json; a test
// validates every request and response of this package's tests against it.
package api

import (
	"encoding/json"
	"net/http"
	"strconv"

	"reach/app"
	"reach/web"
)

// api holds what every handler needs.
type api struct {
	srv *web.Server
	app *app.App
}

// Register adds the API's routes to srv.
func Register(srv *web.Server) {
	a := &api{srv: srv, app: srv.App}
	for _, rt := range a.routes() {
		h := rt.handler
		if rt.creates {
			h = a.idempotent(h)
		}
		if !rt.public {
			h = srv.Authenticated(h)
		}
		srv.Handle(rt.pattern, h)
	}
}

// reply is what a handler answers: a status, a JSON body and the headers
// that go with it.
type reply struct {
	status int // 0 means 200
	body   any // nil means no body
	// version, when set, is sent as the ETag of the record in the body.
	version  int64
	location string
}

// endpoint is a handler of the JSON API: it returns its reply or an error,
// which is written as a problem document.
type endpoint func(r *http.Request) (reply, error)

// serve turns an endpoint that reads no query parameters into an
// http.Handler, refusing any sent: a misspelt filter must not pass unseen.
func (a *api) serve(e endpoint) http.Handler {
	return a.serveQuery(func(r *http.Request) (reply, error) {
		if err := newQuery(r).err(); err != nil {
			return reply{}, err
		}
		return e(r)
	})
}

// serveQuery turns an endpoint that reads its query with newQuery into an
// http.Handler.
func (a *api) serveQuery(e endpoint) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rep, err := e(r)
		if err != nil {
			a.srv.Fail(w, r, err)
			return
		}
		writeReply(w, rep)
	})
}

func writeReply(w http.ResponseWriter, rep reply) {
	h := w.Header()
	if rep.version > 0 {
		h.Set("ETag", etag(rep.version))
	}
	if rep.location != "" {
		h.Set("Location", rep.location)
	}
	h.Set("Cache-Control", "no-store")
	status := rep.status
	if status == 0 {
		status = http.StatusOK
	}
	if rep.body == nil {
		w.WriteHeader(status)
		return
	}
	h.Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(rep.body)
}

// etag formats a record version as a strong entity tag.
func etag(version int64) string { return strconv.Quote(strconv.FormatInt(version, 10)) }

// page is one page of a list.
type page[T any] struct {
	Items []T `json:"items"`
	// NextCursor fetches the next page; empty on the last one.
	NextCursor string `json:"next_cursor"`
}

// pageOf makes a page, never with a null list.
func pageOf[T any](items []T, next string) page[T] {
	if items == nil {
		items = []T{}
	}
	return page[T]{Items: items, NextCursor: next}
}
