package api_test

import (
	"bufio"
	"net/http"
	"strings"
	"testing"
	"time"

	"reach"
)

// tokenPage is the list of a user's tokens.
type tokenPage struct {
	Items []struct {
		ID         string     `json:"id"`
		Name       string     `json:"name"`
		CreatedAt  time.Time  `json:"created_at"`
		LastUsedAt *time.Time `json:"last_used_at"`
	} `json:"items"`
}

// TestUserLifecycle: an admin renames a user and changes their role (each
// write based on the user's version), deactivates them — every token of
// theirs stops working at once — and reactivates them, who then needs a new
// token.
func TestUserLifecycle(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		csr := e.users["csr"]
		var u reach.User
		e.must(200, "admin", "PATCH", "/api/v1/users/"+csr, obj{"name": "Casey N.", "role": "manager"}, ifMatch(1)...).Decode(t, &u)
		if u.Name != "Casey N." || u.Role != reach.RoleManager || u.Version != 2 {
			t.Errorf("update: %+v", u)
		}
		if r := e.do("admin", "PATCH", "/api/v1/users/"+csr, obj{"name": "Stale"}, ifMatch(1)...); r.Status != 412 {
			t.Errorf("a stale user update: %d %s", r.Status, r.Body)
		}
		if r := e.do("admin", "PATCH", "/api/v1/users/"+csr, obj{"role": "owner"}, ifMatch(2)...); r.Status != 422 || !contains(r.FieldCodes(), reach.EINVALIDROLE) {
			t.Errorf("an unknown role: %d %s", r.Status, r.Body)
		}
		if r := e.do("manager", "PATCH", "/api/v1/users/"+csr, obj{"name": "X"}, ifMatch(2)...); r.Status != 403 {
			t.Errorf("a manager managing users: %d", r.Status)
		}
		// The user works with their token; deactivated, it stops at once.
		e.must(200, "csr", "GET", "/api/v1/customers", nil)
		e.must(200, "admin", "POST", "/api/v1/users/"+csr+"/deactivate", nil, ifMatch(2)...).Decode(t, &u)
		if u.Active || u.Version != 3 {
			t.Errorf("deactivate: %+v", u)
		}
		if r := e.do("csr", "GET", "/api/v1/customers", nil); r.Status != 401 {
			t.Errorf("a deactivated user's token still works: %d", r.Status)
		}
		var tokens tokenPage
		e.must(200, "admin", "GET", "/api/v1/users/"+csr+"/tokens", nil).Decode(t, &tokens)
		if len(tokens.Items) != 0 {
			t.Errorf("a deactivated user keeps %d tokens", len(tokens.Items))
		}
		if r := e.do("admin", "POST", "/api/v1/users/"+csr+"/tokens", nil); r.Status != 409 || r.Code() != reach.ECONFLICT {
			t.Errorf("a token for a deactivated user: %d %s", r.Status, r.Body)
		}
		// Reactivated, the old token stays revoked; a new one works.
		e.must(200, "admin", "POST", "/api/v1/users/"+csr+"/reactivate", nil, ifMatch(3)...)
		if r := e.do("csr", "GET", "/api/v1/customers", nil); r.Status != 401 {
			t.Errorf("an old token came back with the user: %d", r.Status)
		}
		var issued struct {
			Token string `json:"token"`
		}
		e.must(201, "admin", "POST", "/api/v1/users/"+csr+"/tokens", nil).Decode(t, &issued) // an empty body: every member is optional
		e.tokens["csr"] = issued.Token
		e.must(200, "csr", "GET", "/api/v1/customers", nil)
		var listed struct {
			Items []reach.User `json:"items"`
		}
		e.must(200, "admin", "GET", "/api/v1/users", nil).Decode(t, &listed)
		if len(listed.Items) != 4 {
			t.Errorf("tenant A lists %d users, want 4", len(listed.Items))
		}
	})
}

// TestTheLastAdminStays: the account's last active admin can't be demoted
// or deactivated, even by themselves; with a second admin, either can go.
func TestTheLastAdminStays(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		owner := e.users["admin"]
		before := e.snapshot()
		for _, r := range []response{
			e.do("admin", "PATCH", "/api/v1/users/"+owner, obj{"role": "manager"}, ifMatch(1)...),
			e.do("admin", "POST", "/api/v1/users/"+owner+"/deactivate", nil, ifMatch(1)...),
		} {
			if r.Status != 409 || r.Code() != reach.ELASTADMIN {
				t.Errorf("the last admin: %d %s", r.Status, r.Body)
			}
		}
		if e.snapshot() != before {
			t.Fatalf("a refused change to the last admin wrote")
		}
		e.must(200, "admin", "PATCH", "/api/v1/users/"+e.users["manager"], obj{"role": "admin"}, ifMatch(1)...)
		e.must(200, "admin", "PATCH", "/api/v1/users/"+owner, obj{"role": "manager"}, ifMatch(1)...)
		if r := e.do("manager", "POST", "/api/v1/users/"+owner+"/deactivate", nil, ifMatch(2)...); r.Status != 200 {
			t.Errorf("the new admin deactivating the old one: %d %s", r.Status, r.Body)
		}
	})
}

// TestTokensAreNamedListedAndRevoked: tokens carry their name, when they
// were made and last used (null until used); a user lists and revokes their
// own, an admin anyone's; a revoked token stops working at once.
func TestTokensAreNamedListedAndRevoked(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		viewer := e.users["viewer"]
		var issued struct {
			ID, Token string
		}
		e.must(201, "admin", "POST", "/api/v1/users/"+viewer+"/tokens", obj{"name": "wallboard"}).Decode(t, &issued)
		var tokens tokenPage
		e.must(200, "viewer", "GET", "/api/v1/users/"+viewer+"/tokens", nil).Decode(t, &tokens) // one's own
		var wallboard *time.Time
		found := false
		for _, tk := range tokens.Items {
			if tk.ID == issued.ID {
				found, wallboard = true, tk.LastUsedAt
				if tk.Name != "wallboard" || tk.CreatedAt.IsZero() {
					t.Errorf("token listed as %+v", tk)
				}
			}
		}
		if !found || wallboard != nil {
			t.Fatalf("the new token is not listed unused: %+v", tokens.Items)
		}
		e.tokens["wallboard"] = issued.Token
		e.must(200, "wallboard", "GET", "/api/v1/customers", nil)
		e.must(200, "admin", "GET", "/api/v1/users/"+viewer+"/tokens", nil).Decode(t, &tokens)
		for _, tk := range tokens.Items {
			if tk.ID == issued.ID && (tk.LastUsedAt == nil || time.Since(*tk.LastUsedAt) > time.Minute) {
				t.Errorf("last_used_at after a use: %v", tk.LastUsedAt)
			}
		}
		if r := e.do("viewer", "GET", "/api/v1/users/"+e.users["csr"]+"/tokens", nil); r.Status != 403 {
			t.Errorf("a viewer listing another user's tokens: %d", r.Status)
		}
		e.must(204, "viewer", "DELETE", "/api/v1/tokens/"+issued.ID, nil) // one's own
		if r := e.do("wallboard", "GET", "/api/v1/customers", nil); r.Status != 401 {
			t.Errorf("a revoked token still works: %d", r.Status)
		}
		if r := e.do("viewer", "DELETE", "/api/v1/tokens/"+issued.ID, nil); r.Status != 404 {
			t.Errorf("revoking twice: %d", r.Status)
		}
		if r := e.do("other", "DELETE", "/api/v1/tokens/"+issued.ID, nil); r.Status != 404 {
			t.Errorf("another tenant revoking: %d", r.Status)
		}
	})
}

// TestDeactivationEndsOpenStreams: a screen-pop stream of a user who is
// deactivated ends within seconds, not at its next reconnect.
func TestDeactivationEndsOpenStreams(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	req, _ := http.NewRequestWithContext(t.Context(), "GET", e.srv.URL+"/api/v1/calls/stream", nil)
	req.Header.Set("Authorization", "Bearer "+e.tokens["viewer"])
	res, err := e.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	lines := bufio.NewScanner(res.Body)
	lines.Scan() // the opening comment: the stream is live
	e.must(200, "admin", "POST", "/api/v1/users/"+e.users["viewer"]+"/deactivate", nil, ifMatch(1)...)
	ended := make(chan struct{})
	go func() {
		for lines.Scan() {
			if strings.HasPrefix(lines.Text(), "event:") {
				t.Errorf("the stream sent an event after deactivation")
			}
		}
		close(ended)
	}()
	select {
	case <-ended:
	case <-time.After(6 * time.Second):
		t.Fatal("the stream of a deactivated user is still open 6 s later")
	}
}

// TestARoleChangeTakesEffectAtOnce: a demoted user loses the role's rights
// on their very next request, though their token was just checked.
func TestARoleChangeTakesEffectAtOnce(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	e.must(200, "manager", "GET", "/api/v1/placeholders/report", nil)
	e.must(200, "admin", "PATCH", "/api/v1/users/"+e.users["manager"], obj{"role": "viewer"}, ifMatch(1)...)
	if r := e.do("manager", "GET", "/api/v1/placeholders/report", nil); r.Status != 403 {
		t.Errorf("the demoted manager still reads the placeholder report: %d", r.Status)
	}
}

// TestANewUserNeedsARole: a user created without a role is told the role is
// required, not that "" is an unknown role.
func TestANewUserNeedsARole(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	r := e.do("admin", "POST", "/api/v1/users", obj{"email": "norole@acmeheating.com", "name": "No Role"}, outsideHeader, "role is required")
	if r.Status != 422 || len(r.Fields()) != 1 || r.Fields()[0].Field != "role" || r.Fields()[0].Code != reach.EREQUIRED {
		t.Errorf("a user without a role: %d %s", r.Status, r.Body)
	}
}

// TestPasswordsAreSetNeverShown: an admin sets a password (a short one is
// refused); no answer ever carries it, or its hash.
func TestPasswordsAreSetNeverShown(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	csr := e.users["csr"]
	if r := e.do("admin", "PUT", "/api/v1/users/"+csr+"/password", obj{"password": "short"}, outsideHeader, "below minLength"); r.Status != 422 || !contains(r.FieldCodes(), reach.ETOOSHORT) {
		t.Errorf("a short password: %d %s", r.Status, r.Body)
	}
	e.must(204, "admin", "PUT", "/api/v1/users/"+csr+"/password", obj{"password": "a long enough password"})
	r := e.must(201, "admin", "POST", "/api/v1/users", obj{"email": "pat@tenant-a.com", "name": "Pat", "role": "csr", "password": "pat's own passphrase"})
	for _, body := range []string{string(r.Body), string(e.must(200, "admin", "GET", "/api/v1/users/"+csr, nil).Body)} {
		if strings.Contains(body, "password") || strings.Contains(body, "argon2") {
			t.Errorf("an answer carries the password: %s", body)
		}
	}
}
