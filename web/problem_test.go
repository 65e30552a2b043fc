package web

import (
	"errors"
	"net/http/httptest"
	"testing"

	"reach"
)

// TestEveryCodeHasItsStatus: the one table from code to status covers every
// code of the domain, so no code reaches a client under a guessed status.
func TestEveryCodeHasItsStatus(t *testing.T) {
	for _, c := range reach.Codes {
		if _, ok := statusOf[c]; !ok {
			t.Errorf("code %s has no HTTP status", c)
		}
	}
	if len(statusOf) != len(reach.Codes) {
		t.Errorf("the status table has %d codes, the domain %d", len(statusOf), len(reach.Codes))
	}
}

// TestInternalErrorsTellNothing: an error that is not the domain's, or has
// no status, reaches the client as "Internal error." with code internal.
func TestInternalErrorsTellNothing(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	for _, err := range []error{
		errors.New("pq: relation \"customers\" does not exist"),
		&reach.Error{Code: "made_up", Message: "secret detail"},
		&reach.Error{Code: reach.EINTERNAL, Message: "secret detail"},
	} {
		p := problemFor(r, err)
		if p.Status != 500 || p.Code != reach.EINTERNAL || p.Detail != "Internal error." {
			t.Errorf("%v became %+v", err, p)
		}
	}
	wrapped := &reach.Error{Code: reach.ECONFLICT, Message: "That email is taken.", Err: errors.New("23505 unique_violation")}
	if p := problemFor(r, wrapped); p.Status != 409 || p.Detail != "That email is taken." {
		t.Errorf("a domain error with a cause: %+v", p)
	}
	if !errors.Is(wrapped, wrapped.Err) {
		t.Errorf("the cause is not kept for logs")
	}
}

// TestProblemMembersKeepTheirOrder: a problem's extra members follow the
// standard ones, which they never replace, and its text is not HTML-escaped.
func TestProblemMembersKeepTheirOrder(t *testing.T) {
	p := &Problem{Type: "about:blank", Title: "Conflict", Status: 409, Code: reach.ECONFLICT, Detail: `Send If-Match: "<version>".`,
		Extra: map[string]any{"records": []string{"a"}, "code": "overridden", "current_version": 3}}
	b, err := p.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"type":"about:blank","title":"Conflict","status":409,"code":"conflict","detail":"Send If-Match: \"<version>\".","current_version":3,"records":["a"]}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}
