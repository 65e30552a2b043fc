package api

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"reach"
	"reach/app"
	"reach/web"
)

// Timings of a call stream.
const (
	// streamKeepAlive is how long a quiet stream waits before writing a
	// comment, so proxies keep the connection and a dead client is noticed.
	streamKeepAlive = 10 * time.Second
	// streamRecheck is how often a stream checks its credential again, so
	// it ends within seconds of the token's revocation.
	streamRecheck = 2 * time.Second
	// streamWriteTimeout bounds one write to a stream's client.
	streamWriteTimeout = 10 * time.Second
)

// streamCalls serves the screen pop: the tenant's call events as
// Server-Sent Events, from the one after Last-Event-ID when the client
// reconnects, until the client goes, its credential ends, or the server
// shuts down.
func (a *api) streamCalls(w http.ResponseWriter, r *http.Request) {
	if err := newQuery(r).err(); err != nil {
		a.srv.Fail(w, r, err)
		return
	}
	after, err := lastEventID(r)
	if err != nil {
		a.srv.Fail(w, r, err)
		return
	}
	feed, err := a.app.OpenCallFeed(r.Context(), actor(r), after)
	if err != nil {
		a.srv.Fail(w, r, err)
		return
	}
	defer feed.Close()
	a.srv.Metrics.Streams.Inc()
	defer a.srv.Metrics.Streams.Dec()
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	defer context.AfterFunc(a.srv.Streams(), cancel)()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	w.WriteHeader(http.StatusOK)
	out := &sseWriter{w: w, rc: http.NewResponseController(w)}
	// The first write tells the client the stream is open: from here on it
	// receives every event.
	if out.send([]byte(": calls of this tenant, as they happen\nretry: 2000\n\n")) != nil {
		return
	}
	checked, wrote := time.Now(), time.Now()
	for {
		events, err := feed.Next(ctx, streamRecheck)
		if err != nil {
			if ctx.Err() == nil {
				a.srv.Log.ErrorContext(ctx, "call stream failed", "request_id", web.RequestID(ctx), "err", err)
			}
			return
		}
		if time.Since(checked) >= streamRecheck {
			if !web.StillAuthenticated(ctx) || actor(r).Require(reach.PermCallsView) != nil {
				return
			}
			checked = time.Now()
		}
		for _, e := range events {
			if out.event(e) != nil {
				return // the client has gone
			}
			wrote = time.Now()
		}
		if time.Since(wrote) >= streamKeepAlive {
			if out.send([]byte(": keep-alive\n\n")) != nil {
				return
			}
			wrote = time.Now()
		}
	}
}

// lastEventID is the seq after which a reconnecting client resumes, or
// app.FromNow for a new client.
func lastEventID(r *http.Request) (int64, error) {
	s := strings.TrimSpace(r.Header.Get("Last-Event-ID"))
	if s == "" {
		return app.FromNow, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, reach.Invalid("Last-Event-ID", reach.EINVALIDVALUE, "Last-Event-ID must be the id of an event this stream sent: a whole number.")
	}
	return n, nil
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
	_ = o.rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
	if _, err := o.w.Write(b); err != nil {
		return err
	}
	return o.rc.Flush()
}
