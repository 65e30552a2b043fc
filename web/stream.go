package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"reflect"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"reach"
	"reach/app"
)

// feedKeepAlive is how long a quiet call stream waits before writing a
// comment, so proxies keep the connection and a dead client is noticed;
// each time it also checks the token again.
const feedKeepAlive = 10 * time.Second

// sseWriteTimeout bounds one write to a stream's client.
const sseWriteTimeout = 10 * time.Second

func (s *Server) streamRoutes() {
	o := op(http.MethodGet, "/api/v1/calls/stream", "stream-calls", "calls",
		"Screen pop: a Server-Sent Events stream of the tenant's calls as they happen", 0)
	o.Description = "Events: `call.incoming` (a call arrived; data is the call with its matches), `call.linked` " +
		"(the call was linked to a record) and `call.status` (its status changed). Each event's data is the call as it " +
		"stood then; each `id:` counts up per tenant. A client that reconnects with `Last-Event-ID` first receives every " +
		"event it missed. A comment is sent every 10 s while the stream is quiet; a stream whose token is revoked ends."
	o.Responses = map[string]*huma.Response{"200": {Description: "An event stream; each event's data is a call.",
		Content: map[string]*huma.MediaType{"text/event-stream": {Schema: s.api.OpenAPI().Components.Schemas.Schema(
			reflect.TypeFor[reach.Call](), true, "")}}}}
	huma.Register(s.api, o, func(ctx context.Context, in *struct {
		LastEventID string `header:"Last-Event-ID" maxLength:"20" doc:"The id of the last event received; the stream resumes after it."`
	}) (*huma.StreamResponse, error) {
		feed, err := s.app.OpenCallFeed(ctx, actor(ctx), in.LastEventID)
		if err != nil {
			return nil, s.fail(ctx, err)
		}
		return &huma.StreamResponse{Body: func(hctx huma.Context) {
			defer feed.Close()
			s.metrics.streams.Inc()
			defer s.metrics.streams.Dec()
			s.streamFeed(hctx, feed)
		}}, nil
	})
}

// streamFeed writes the feed's events until the client goes or the server
// shuts down.
func (s *Server) streamFeed(hctx huma.Context, feed *app.CallFeed) {
	ctx, cancel := context.WithCancel(hctx.Context())
	defer cancel()
	defer context.AfterFunc(s.streams, cancel)()
	hctx.SetHeader("Content-Type", "text/event-stream")
	hctx.SetHeader("Cache-Control", "no-store")
	hctx.SetHeader("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	hctx.SetStatus(http.StatusOK)
	_, w := humago.Unwrap(hctx)
	out := &sseWriter{w: w, rc: http.NewResponseController(w)}
	// The first write tells the client the stream is open: from here on it
	// receives every event.
	if out.send([]byte(": calls of this tenant, as they happen\nretry: 2000\n\n")) != nil {
		return
	}
	checked := time.Now()
	for {
		events, err := feed.Next(ctx, feedKeepAlive)
		if err != nil {
			if ctx.Err() == nil {
				s.log.ErrorContext(ctx, "call stream failed", "request_id", requestID(ctx), "err", err)
			}
			return
		}
		// A stream outlives its token check: end it once the token is
		// revoked or its user may no longer watch calls.
		if time.Since(checked) >= feedKeepAlive {
			if !s.mayStillWatch(ctx) {
				return
			}
			checked = time.Now()
		}
		if len(events) == 0 {
			err = out.send([]byte(": keep-alive\n\n"))
		}
		for _, e := range events {
			if err = out.event(e); err != nil {
				break
			}
		}
		if err != nil {
			return // the client has gone
		}
	}
}

// mayStillWatch checks the stream's token again.
func (s *Server) mayStillWatch(ctx context.Context) bool {
	token, _ := ctx.Value(tokenKey).(string)
	a, _, err := s.app.Authenticate(ctx, token, reach.SourceAPI)
	return err == nil && a.Require(reach.PermCallsView) == nil
}

// sseWriter writes Server-Sent Events, flushing each.
type sseWriter struct {
	w  http.ResponseWriter
	rc *http.ResponseController
}

func (o *sseWriter) event(e reach.CallEvent) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "id: %d\nevent: %s\n", e.Seq, e.Type)
	for line := range bytes.Lines(e.Data) {
		b.WriteString("data: ")
		b.Write(bytes.TrimRight(line, "\r\n"))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	return o.send(b.Bytes())
}

func (o *sseWriter) send(b []byte) error {
	_ = o.rc.SetWriteDeadline(time.Now().Add(sseWriteTimeout))
	if _, err := o.w.Write(b); err != nil {
		return err
	}
	return o.rc.Flush()
}
