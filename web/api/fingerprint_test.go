package api

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// TestFingerprintsAreKeyedByTheIdempotencyKey: the stored fingerprint of a
// request depends on its idempotency key (kept only hashed), so a body
// holding a password can't be confirmed from the fingerprint by hashing
// guesses; the same request with the same key is still recognised, members
// in any order.
func TestFingerprintsAreKeyedByTheIdempotencyKey(t *testing.T) {
	req := httptest.NewRequest("POST", "/api/v1/users", nil)
	a := fingerprintOf("key-1", "user", req, []byte(`{"email":"sam@acme.com","password":"correct horse battery"}`))
	same := fingerprintOf("key-1", "user", req, []byte(`{"password":"correct horse battery", "email":"sam@acme.com"}`))
	other := fingerprintOf("key-2", "user", req, []byte(`{"email":"sam@acme.com","password":"correct horse battery"}`))
	if a != same {
		t.Error("the same request with the same key has another fingerprint")
	}
	if a == other || strings.Contains(a, "horse") {
		t.Error("the fingerprint does not depend on the idempotency key")
	}
}
