package api_test

import (
	"encoding/base64"
	"regexp"
	"strings"
	"sync"
	"testing"

	"reach"
)

// TestIdempotencyKeyMakesRetriesSafe: a creating request retried with the
// same Idempotency-Key and body gets the first response — same status,
// body and headers — and creates nothing more; the same key with another
// body is refused; keys are per tenant.
func TestIdempotencyKeyMakesRetriesSafe(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		body := obj{"name": "Retried Customer", "contact_methods": arr{obj{"value": "512-867-5309"}}}
		first := e.must(201, "csr", "POST", "/api/v1/customers", body, "Idempotency-Key", "order-7f3a")
		snap := e.snapshot()
		again := e.must(201, "csr", "POST", "/api/v1/customers", body, "Idempotency-Key", "order-7f3a")
		if string(again.Body) != string(first.Body) || again.Header.Get("Location") != first.Header.Get("Location") || again.Header.Get("ETag") != `"1"` {
			t.Errorf("the retry got another answer:\n%s\n%s", first.Body, again.Body)
		}
		if e.snapshot() != snap {
			t.Errorf("the retry wrote to the database")
		}
		if first.Header.Get("Idempotent-Replayed") != "" || again.Header.Get("Idempotent-Replayed") != "true" {
			t.Errorf("Idempotent-Replayed: first %q, retry %q", first.Header.Get("Idempotent-Replayed"), again.Header.Get("Idempotent-Replayed"))
		}
		// The same members in another order and spacing are the same request.
		reordered := `{ "contact_methods": [{"value": "512-867-5309"}],
			"name": "Retried Customer" }`
		if r := e.do("csr", "POST", "/api/v1/customers", reordered, "Idempotency-Key", "order-7f3a"); r.Status != 201 || string(r.Body) != string(first.Body) {
			t.Errorf("the retry with its members reordered: %d %s", r.Status, r.Body)
		}
		r := e.do("csr", "POST", "/api/v1/customers", obj{"name": "Someone Else"}, "Idempotency-Key", "order-7f3a")
		if r.Status != 422 || r.Code() != reach.EIDEMPOTENCYREUSED {
			t.Errorf("the key with another body: %d %s", r.Status, r.Body)
		}
		if r := e.do("admin", "POST", "/api/v1/customers", body, "Idempotency-Key", "order-7f3a"); r.Code() != reach.EIDEMPOTENCYREUSED {
			t.Errorf("the key sent by another user: %d %s", r.Status, r.Body)
		}
		// Another tenant's keys are its own.
		e.must(201, "other", "POST", "/api/v1/customers", body, "Idempotency-Key", "order-7f3a")
		// A refused request changed nothing and is not remembered: its retry
		// runs again — and, sent as it should have been, goes through.
		bad := obj{"name": "Bad", "contact_methods": arr{obj{"value": "+44 20 7946 0958"}}}
		r1 := e.do("csr", "POST", "/api/v1/customers", bad, "Idempotency-Key", "bad-1")
		r2 := e.do("csr", "POST", "/api/v1/customers", bad, "Idempotency-Key", "bad-1")
		if r1.Status != 422 || r2.Status != 422 || r2.Header.Get("Idempotent-Replayed") != "" {
			t.Errorf("a refused request retried: %d then %d (replayed %q)", r1.Status, r2.Status, r2.Header.Get("Idempotent-Replayed"))
		}
		c := e.customer(obj{"name": "Has Versions"})
		add := obj{"value": "512-867-0001"}
		if r := e.do("csr", "POST", "/api/v1/customers/"+c.ID+"/contact-methods", add, "Idempotency-Key", "add-1", outsideHeader, "no If-Match"); r.Status != 428 {
			t.Fatalf("adding without a version: %d %s", r.Status, r.Body)
		}
		e.must(201, "csr", "POST", "/api/v1/customers/"+c.ID+"/contact-methods", add, "Idempotency-Key", "add-1", "If-Match", `"1"`)
		// The version is part of the request: the same key based on another
		// version is another request.
		if r := e.do("csr", "POST", "/api/v1/customers/"+c.ID+"/contact-methods", add, "Idempotency-Key", "add-1", "If-Match", `"2"`); r.Code() != reach.EIDEMPOTENCYREUSED {
			t.Errorf("the key with another If-Match: %d %s", r.Status, r.Body)
		}
		for _, key := range []string{"no spaces allowed", ""} {
			if r := e.do("csr", "POST", "/api/v1/customers", body, "Idempotency-Key", key, outsideHeader, "a malformed key"); r.Status != 400 {
				t.Errorf("the key %q: %d %s", key, r.Status, r.Body)
			}
		}
		var page struct {
			Items []reach.Customer `json:"items"`
		}
		e.must(200, "csr", "GET", "/api/v1/customers?name=retried", nil).Decode(t, &page)
		if len(page.Items) != 1 {
			t.Errorf("%d customers were created, want 1", len(page.Items))
		}
	})
}

// TestARetriedTokenKeepsItsSecretOutOfTheDatabase: a new token's secret is
// shown once and stored hashed, even when the response is kept for a retry:
// the retry gets the same secret, the database holds neither it nor the key.
func TestARetriedTokenKeepsItsSecretOutOfTheDatabase(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		var users struct {
			Items []reach.User `json:"items"`
		}
		e.must(200, "admin", "GET", "/api/v1/users", nil).Decode(t, &users)
		me := users.Items[0]
		key := "6f1c9a52-7d0e-4c1b-9a7e-2b8f0c3d4e5f"
		var first, again struct {
			ID    string `json:"id"`
			Token string `json:"token"`
		}
		e.must(201, "admin", "POST", "/api/v1/users/"+me.ID+"/tokens", obj{"name": "retried"}, "Idempotency-Key", key).Decode(t, &first)
		e.must(201, "admin", "POST", "/api/v1/users/"+me.ID+"/tokens", obj{"name": "retried"}, "Idempotency-Key", key).Decode(t, &again)
		if first.Token == "" || again != first {
			t.Fatalf("the retry got %+v, the first %+v", again, first)
		}
		snap := e.snapshot()
		for layer, level := snap, 0; level < 3; level++ { // bytes in base64, as JSON encodes them, and so on
			var decoded strings.Builder
			for _, run := range base64Run.FindAllString(layer, -1) {
				if b, err := base64.StdEncoding.DecodeString(run); err == nil {
					decoded.Write(b)
					decoded.WriteByte('\n')
				}
			}
			layer = decoded.String()
			snap += layer
		}
		for what, secret := range map[string]string{"the token": first.Token, "the token's random part": strings.TrimPrefix(first.Token, reach.TokenPrefix), "the key": key} {
			if strings.Contains(snap, secret) {
				t.Errorf("the database holds %s", what)
			}
		}
		e.tokens["retried"] = first.Token
		e.must(200, "retried", "GET", "/api/v1/customers", nil)
	})
}

var base64Run = regexp.MustCompile(`[A-Za-z0-9+/]{40,}={0,2}`)

// TestIdempotencyKeyUnderConcurrentRetries: ten identical requests with one
// key at once create one customer; each gets the first response, or — while
// the first is still running — 409 idempotency_key_in_use.
func TestIdempotencyKeyUnderConcurrentRetries(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		body := obj{"name": "Raced Customer"}
		var wg sync.WaitGroup
		results := make([]response, 10)
		for i := range results {
			wg.Go(func() { results[i] = e.do("csr", "POST", "/api/v1/customers", body, "Idempotency-Key", "race-1") })
		}
		wg.Wait()
		var created string
		for _, r := range results {
			switch {
			case r.Status == 201:
				if created != "" && string(r.Body) != created {
					t.Errorf("two different first responses")
				}
				created = string(r.Body)
			case r.Status == 409 && r.Code() == reach.EIDEMPOTENCYBUSY:
			default:
				t.Errorf("%d %s", r.Status, r.Body)
			}
		}
		var page struct {
			Items []reach.Customer `json:"items"`
		}
		e.must(200, "csr", "GET", "/api/v1/customers?name=raced", nil).Decode(t, &page)
		if len(page.Items) != 1 || created == "" {
			t.Errorf("%d customers created by ten retries of one request", len(page.Items))
		}
	})
}
