package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"reach"
)

type ctxKey int

const (
	requestIDKey ctxKey = iota
	credentialKey
	routeKey
)

// RequestID is the id of the request being served, as logged and as sent
// in X-Request-ID and in problem documents.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

var safeRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// MaxBodyBytes caps every request body.
const MaxBodyBytes = 1 << 20

// Metrics are the Prometheus series the server exports.
type Metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	// Streams counts the call streams open on this instance.
	Streams prometheus.Gauge
}

func newMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "reach_http_requests_total", Help: "HTTP requests by route, method and status.",
		}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "reach_http_request_duration_seconds", Help: "HTTP request latency by route.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"route", "method"}),
		Streams: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "reach_call_streams_open", Help: "Screen-pop streams (GET /api/v1/calls/stream) open on this instance.",
		}),
	}
	reg.MustRegister(m.requests, m.duration, m.Streams)
	return m
}

// statusRecorder remembers the status a handler wrote, for logs and metrics.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the real writer (for streaming).
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// observe gives every request an id, caps its body, recovers from panics, and
// logs and measures it by route pattern.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-ID")
		if !safeRequestID.MatchString(id) {
			b := make([]byte, 8)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-ID", id)
		// The route's pattern is told back through the context: the request
		// the mux sees is a copy (the session middleware makes one).
		matched := new(string)
		r = r.WithContext(context.WithValue(context.WithValue(r.Context(), requestIDKey, id), routeKey, matched))
		r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				s.Log.ErrorContext(r.Context(), "panic", "request_id", id, "panic", v)
				if rec.status == 0 {
					writeProblem(rec, &Problem{Type: "about:blank", Title: "Internal Server Error", Status: 500,
						Code: reach.EINTERNAL, Detail: "Internal error.", RequestID: id})
				}
			}
			route := *matched
			if route == "" {
				route = "unmatched"
			}
			elapsed := time.Since(start)
			s.Metrics.requests.WithLabelValues(route, r.Method, strconv.Itoa(rec.status)).Inc()
			s.Metrics.duration.WithLabelValues(route, r.Method).Observe(elapsed.Seconds())
			level := slog.LevelInfo
			if rec.status >= 500 {
				level = slog.LevelError
			}
			s.Log.Log(r.Context(), level, "request", "request_id", id, "method", r.Method, "path", r.URL.Path,
				"route", route, "status", rec.status, "duration_ms", float64(elapsed.Microseconds())/1000)
		}()
		next.ServeHTTP(rec, r)
	})
}

// secureHeaders sets on every response what a browser should enforce: only
// reach's own scripts and styles, never inside another site's frame, no
// content-type guessing, and no full URLs sent to other sites.
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}
