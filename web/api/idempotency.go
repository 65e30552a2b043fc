package api

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"

	"github.com/go-json-experiment/json/jsontext"

	"reach"
	"reach/web"
)

// idempotent lets a creating request carry an Idempotency-Key: a retry with
// the same key and request gets the first response again instead of
// creating a second record, the same key with another request is refused.
// Keys are per tenant and kept 24 hours. Only a request that went through
// is remembered: one refused (4xx) changed nothing and one that failed on
// the server's side (5xx) may not have, so their retries run again.
func (a *api) idempotent(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		keys := r.Header.Values("Idempotency-Key")
		if len(keys) == 0 {
			next.ServeHTTP(w, r)
			return
		}
		key := keys[0]
		if len(keys) > 1 || !validKey(key) {
			a.srv.Fail(w, r, reach.Errorf(reach.EMALFORMED, "Idempotency-Key must be one key of 1 to 255 visible ASCII characters; a random one, such as a UUID."))
			return
		}
		body, err := readBody(r)
		if err != nil {
			a.srv.Fail(w, r, err)
			return
		}
		actor := web.ActorOf(r.Context())
		fingerprint := fingerprintOf(key, actor.UserID, r, body)
		stored, err := a.app.BeginIdempotent(r.Context(), actor, key, fingerprint)
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
			w.Header().Set("Idempotent-Replayed", "true")
			first.write(w)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := &recorder{header: http.Header{}, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		first := storedResponse{Status: rec.status, Header: rec.header, Body: rec.body.Bytes()}
		// The key is settled even if the client has gone: that is when a
		// retry is most likely.
		ctx := context.WithoutCancel(r.Context())
		if first.Status >= 400 {
			err = a.app.AbandonIdempotent(ctx, actor, key)
		} else {
			enc, _ := json.Marshal(first)
			err = a.app.FinishIdempotent(ctx, actor, key, fingerprint, enc)
		}
		if err != nil {
			a.srv.Fail(w, r, err)
			return
		}
		first.write(w)
	})
}

// fingerprintOf identifies a request for its idempotency key: who sent it,
// where, the version it is based on, and the body it carried — as canonical
// JSON, so the same members in another order or spacing are the same
// request. It is an HMAC keyed by the idempotency key, which is stored only
// hashed: a body holding a secret (a new user's password) can't be guessed
// back from the stored fingerprint at hashing speed.
func fingerprintOf(key, userID string, r *http.Request, body []byte) string {
	canonical := jsontext.Value(bytes.Clone(body))
	if canonical.Canonicalize() == nil {
		body = canonical
	}
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(userID + "\n" + r.Method + " " + r.URL.RequestURI() + "\nIf-Match: " + r.Header.Get("If-Match") + "\n" + string(body)))
	return hex.EncodeToString(mac.Sum(nil))
}

func validKey(k string) bool {
	if k == "" || len(k) > 255 {
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
