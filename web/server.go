// Package web is the HTTP shared by reach's front ends — the JSON API
// (web/api) and the agents' pages: the server and its routing fallbacks,
// middleware, problem documents, and the actor a request speaks for. The
// front ends register their routes on a Server; cmd/reach mounts them.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"reach"
	"reach/app"
)

// Database is what the server asks of the database itself: whether it
// answers (/readyz), and the sessions of signed-in users.
type Database interface {
	Ping(ctx context.Context) error
	SessionStore
}

// Server serves reach over HTTP.
type Server struct {
	App *app.App
	Log *slog.Logger
	// Sessions are the signed-in users of the web UI.
	Sessions *Sessions
	// PageNotFound, when set, answers a browser's request for a path that
	// is no route outside the API (/api/, /webhooks/), with a page.
	PageNotFound http.HandlerFunc
	db           Database
	mux          *http.ServeMux
	origins      *http.CrossOriginProtection
	// Metrics are the Prometheus series front ends add to.
	Metrics *Metrics
	// streams ends when the server shuts down, closing long-lived streams.
	streams    context.Context
	endStreams context.CancelFunc
}

// New builds a server with health, readiness, metrics and sessions; front
// ends add their routes with Handle. secureCookies marks the session cookie
// Secure, for a server reached over HTTPS (directly or behind a proxy).
func New(a *app.App, db Database, log *slog.Logger, secureCookies bool) *Server {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	s := &Server{App: a, Log: log, db: db, mux: http.NewServeMux(), Metrics: newMetrics(reg), origins: http.NewCrossOriginProtection()}
	s.Sessions = newSessions(db, secureCookies, func(w http.ResponseWriter, r *http.Request, err error) { s.Fail(w, r, err) })
	s.streams, s.endStreams = context.WithCancel(context.Background())
	go expireSessions(s.streams, db, 10*time.Minute)
	s.mux.Handle("GET /healthz", s.NoQuery(http.HandlerFunc(s.handleHealth)))
	s.mux.Handle("GET /readyz", s.NoQuery(http.HandlerFunc(s.handleReady)))
	s.mux.Handle("GET /metrics", s.NoQuery(promhttp.HandlerFor(reg, promhttp.HandlerOpts{})))
	return s
}

// Handle registers a route, as http.ServeMux patterns name them.
func (s *Server) Handle(pattern string, h http.Handler) { s.mux.Handle(pattern, h) }

// Handler returns the server's root handler with its middleware.
func (s *Server) Handler() http.Handler {
	return s.observe(secureHeaders(s.Sessions.m.LoadAndSave(http.HandlerFunc(s.route))))
}

// Streams ends when the server shuts down: long-lived responses (event
// streams) watch it so shutdown need not wait for its deadline.
func (s *Server) Streams() context.Context { return s.streams }

// EndStreams ends every open stream; call it when shutdown begins.
func (s *Server) EndStreams() { s.endStreams() }

// route sends a request to its route, answering what matches none with a
// problem document: 404 for an unknown path, 405 with Allow for a known path
// and another method, 400 for a path that is not canonical (instead of
// ServeMux's redirect to an HTML page).
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	if p := r.URL.Path; p != "/" && (path.Clean(p) != p || strings.HasSuffix(p, "/")) {
		s.Fail(w, r, reach.Errorf(reach.EMALFORMED, "The path %q is not in canonical form: remove empty segments, trailing slashes, . and .. from it.", p))
		return
	}
	h, pattern := s.mux.Handler(r)
	if matched, ok := r.Context().Value(routeKey).(*string); ok {
		*matched = pattern
	}
	if pattern != "" {
		s.mux.ServeHTTP(w, r)
		return
	}
	// ServeMux knows which methods a path allows; ask it, then say so as
	// a problem.
	probe := &statusProbe{header: http.Header{}}
	h.ServeHTTP(probe, r)
	if allow := probe.header.Get("Allow"); probe.status == http.StatusMethodNotAllowed && allow != "" {
		w.Header().Set("Allow", allow)
		s.Fail(w, r, reach.Errorf(reach.EMETHODNOTALLOWED, "%s is not allowed on %s; it allows %s.", r.Method, r.URL.Path, allow))
		return
	}
	if s.PageNotFound != nil && r.Method == http.MethodGet && !strings.HasPrefix(r.URL.Path, "/api/") && !strings.HasPrefix(r.URL.Path, "/webhooks/") {
		s.PageNotFound(w, r)
		return
	}
	s.Fail(w, r, reach.Errorf(reach.ENOTFOUND, "No such route: %s %s. See /api/v1/openapi.json.", r.Method, r.URL.Path))
}

// statusProbe is a response writer that keeps only the status and headers.
type statusProbe struct {
	header http.Header
	status int
}

func (p *statusProbe) Header() http.Header         { return p.header }
func (p *statusProbe) Write(b []byte) (int, error) { return len(b), nil }
func (p *statusProbe) WriteHeader(status int)      { p.status = status }

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
}

func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) {
	if err := s.db.Ping(r.Context()); err != nil {
		s.Log.ErrorContext(r.Context(), "readiness check failed", "err", err)
		s.Fail(w, r, reach.Errorf(reach.ENOTREADY, "The database is not answering."))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"status":"ready"}` + "\n"))
}
