// Package web is reach's HTTP layer: the JSON API (described by OpenAPI),
// health, metrics and the middleware around them. Handlers are thin: decode,
// call app, respond.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"reach"
	"reach/app"
)

// Pinger reports whether the database answers; /readyz uses it.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Server serves reach over HTTP.
type Server struct {
	app     *app.App
	db      Pinger
	log     *slog.Logger
	metrics *metrics
	reg     *prometheus.Registry
	mux     *http.ServeMux
	api     huma.API
	// streams ends when the server shuts down, closing the call streams.
	streams    context.Context
	EndStreams context.CancelFunc
}

// New builds the server and registers every route.
func New(a *app.App, db Pinger, log *slog.Logger) *Server {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	s := &Server{app: a, db: db, log: log, metrics: newMetrics(reg), reg: reg, mux: http.NewServeMux()}
	s.streams, s.EndStreams = context.WithCancel(context.Background())

	huma.NewErrorWithContext = humaError
	cfg := huma.DefaultConfig("reach API", "1.0.0")
	cfg.Info.Description = "Customer and service-location contact records for field-service businesses."
	cfg.OpenAPIPath = "/api/v1/openapi"
	cfg.DocsPath = ""
	cfg.SchemasPath = ""
	cfg.CreateHooks = nil // no $schema links in response bodies
	cfg.FieldsOptionalByDefault = true
	cfg.RejectUnknownQueryParameters = true
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"bearer": {Type: "http", Scheme: "bearer", Description: "An API token: reach_…"},
	}
	cfg.Security = []map[string][]string{{"bearer": {}}}
	s.api = humago.New(s.mux, cfg)
	s.api.UseMiddleware(s.authenticate)

	s.routes()
	s.mux.HandleFunc("GET /healthz", s.handleHealth)
	s.mux.HandleFunc("GET /readyz", s.handleReady)
	s.mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, &Problem{Type: "about:blank", Title: "Not Found", Status: http.StatusNotFound, Code: reach.ENOTFOUND,
			Detail: "No such route: " + r.Method + " " + r.URL.Path + ". See /api/v1/openapi.json.", RequestID: requestID(r.Context())})
	})
	return s
}

// Handler returns the server's root handler with its middleware.
func (s *Server) Handler() http.Handler { return s.observe(s.mux) }

// API exposes the huma API, whose OpenAPI document lists every route.
func (s *Server) API() huma.API { return s.api }

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
}

func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) {
	if err := s.db.Ping(r.Context()); err != nil {
		s.log.ErrorContext(r.Context(), "readiness check failed", "err", err)
		writeProblem(w, &Problem{Type: "about:blank", Title: "Service Unavailable", Status: http.StatusServiceUnavailable,
			Code: "not_ready", Detail: "The database is not answering.", RequestID: requestID(r.Context())})
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"status":"ready"}` + "\n"))
}

// authenticate resolves the bearer token of every API operation into the
// actor the handlers pass to app.
func (s *Server) authenticate(ctx huma.Context, next func(huma.Context)) {
	scheme, token, _ := strings.Cut(strings.TrimSpace(ctx.Header("Authorization")), " ")
	if !strings.EqualFold(scheme, "Bearer") {
		token = ""
	}
	token = strings.TrimSpace(token)
	actor, _, err := s.app.Authenticate(ctx.Context(), token, reach.SourceAPI)
	if err != nil {
		s.writeErr(ctx, err)
		return
	}
	next(huma.WithValue(huma.WithValue(ctx, actorKey, actor), tokenKey, token))
}

func (s *Server) writeErr(ctx huma.Context, err error) {
	p := s.problem(ctx.Context(), err)
	if p.Status == http.StatusUnauthorized {
		ctx.SetHeader("WWW-Authenticate", `Bearer realm="reach"`)
	}
	ctx.SetHeader("Content-Type", "application/problem+json")
	ctx.SetStatus(p.Status)
	_ = huma.DefaultJSONFormat.Marshal(ctx.BodyWriter(), p)
}

// problem converts err for the client, logging internal errors with their cause.
func (s *Server) problem(ctx context.Context, err error) *Problem {
	p := problemFor(ctx, err)
	if p.Status >= 500 {
		s.log.ErrorContext(ctx, "internal error", "request_id", requestID(ctx), "err", err)
	}
	return p
}

// actor returns the authenticated actor of an API request.
func actor(ctx context.Context) reach.Actor {
	a, _ := ctx.Value(actorKey).(reach.Actor)
	return a
}
