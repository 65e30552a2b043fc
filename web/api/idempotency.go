package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"

	"reach"
	"reach/web"
)

// idempotent lets a creating request carry an Idempotency-Key: a retry with
// the same key and request gets the first response again instead of
// creating a second record, the same key with another request is refused.
// Keys are per tenant and kept 24 hours. A request that failed on the
// server's side (5xx) is not remembered, so its retry runs again.
func (a *api) idempotent(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		if key == "" {
			next.ServeHTTP(w, r)
			return
		}
		if !validKey(key) {
			a.srv.Fail(w, r, reach.Errorf(reach.EMALFORMED, "Idempotency-Key must be 1 to 255 visible ASCII characters, such as a UUID."))
			return
		}
		body, err := readBody(r)
		if err != nil {
			a.srv.Fail(w, r, err)
			return
		}
		actor := web.ActorOf(r.Context())
		sum := sha256.Sum256([]byte(actor.UserID + "\n" + r.Method + " " + r.URL.RequestURI() + "\n" + string(body)))
		stored, err := a.app.BeginIdempotent(r.Context(), actor, key, hex.EncodeToString(sum[:]))
		if err != nil {
			a.srv.Fail(w, r, err)
			return
		}
		if stored != nil {
			var first storedResponse
			if err := json.Unmarshal(stored, &first); err != nil {
				a.srv.Fail(w, r, err)
				return
			}
			first.write(w)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := &recorder{header: http.Header{}, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		first := storedResponse{Status: rec.status, Header: rec.header, Body: rec.body.Bytes()}
		if first.Status >= 500 {
			err = a.app.AbandonIdempotent(r.Context(), actor, key)
		} else {
			enc, _ := json.Marshal(first)
			err = a.app.FinishIdempotent(r.Context(), actor, key, enc)
		}
		if err != nil {
			a.srv.Fail(w, r, err)
			return
		}
		first.write(w)
	})
}

func validKey(k string) bool {
	if len(k) > 255 {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] <= ' ' || k[i] > '~' {
			return false
		}
	}
	return true
}

// storedResponse is a response kept for a retried request.
type storedResponse struct {
	Status int         `json:"status"`
	Header http.Header `json:"header"`
	Body   []byte      `json:"body"`
}

// recorder keeps what a handler writes.
type recorder struct {
	status int
	header http.Header
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *recorder) WriteHeader(status int)      { r.status = status }

func (s *storedResponse) write(w http.ResponseWriter) {
	for k, v := range s.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(s.Status)
	_, _ = w.Write(s.Body)
}
