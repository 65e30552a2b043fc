package ui_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"reach"
)

// TestAdminManagesUsersAndTokens: an admin adds a user who can sign in,
// changes their role, issues them a token shown once, revokes it, and
// deactivates them, which signs them out.
func TestAdminManagesUsersAndTokens(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	admin := e.signedIn("admin")
	page := admin.get("/admin")
	p := admin.submit(page, "form[action=/admin/users]", url.Values{"email": {"sam@tenant-a.com"}, "name": {"Sam Ortiz"}, "role": {"csr"}, "password": {"short"}}, "")
	if p.Status != 422 || !strings.Contains(p.text("#f-password-msg"), "at least 10") || attr(p.find("#f-email"), "value") != "sam@tenant-a.com" {
		t.Fatalf("a short first password: %d %q", p.Status, p.text("#f-password-msg"))
	}
	p = admin.submit(p, "form[action=/admin/users]", url.Values{"password": {"sam's first passphrase"}}, "")
	if !strings.Contains(p.text(".flash"), "Sam Ortiz can sign in now") {
		t.Fatalf("adding a user: %s", p.text("main"))
	}
	// An email already taken is refused next to the field, keeping what was typed.
	dup := admin.submit(p, "form[action=/admin/users]", url.Values{"email": {"sam@tenant-a.com"}, "name": {"Sam Again"}, "role": {"viewer"}}, "")
	if dup.Status != 422 || !strings.Contains(dup.text("#f-email-msg"), "already exists") || attr(dup.find("#f-name"), "value") != "Sam Again" {
		t.Errorf("a taken email: %d %q", dup.Status, dup.text("#f-email-msg"))
	}
	sam := e.browser()
	if s := sam.post("/signin", url.Values{"email": {"sam@tenant-a.com"}, "password": {"sam's first passphrase"}}); s.URL.Path != "/" {
		t.Fatalf("the new user signing in: %s", s.URL)
	}
	var id string
	for _, f := range p.all("form") {
		if a := attr(f, "action"); strings.HasSuffix(a, "/active") && strings.Contains(textOf(f), "Sam Ortiz") {
			id = strings.TrimSuffix(strings.TrimPrefix(a, "/admin/users/"), "/active")
		}
	}
	if id == "" {
		t.Fatal("Sam is not listed")
	}
	p = admin.submit(p, "form[action=/admin/users/"+id+"]", url.Values{"role": {"manager"}}, "")
	if !strings.Contains(p.text(".flash"), "Sam Ortiz is now manager") {
		t.Errorf("changing the role: %s", p.text(".flash"))
	}
	tokens := admin.get("/admin/users/" + id + "/tokens")
	issued := admin.submit(tokens, "form[action=/admin/users/"+id+"/tokens]", url.Values{"name": {"softphone"}}, "")
	secret := issued.text(".confirm-list code")
	if !strings.HasPrefix(secret, reach.TokenPrefix) {
		t.Fatalf("the issued token: %q", issued.text("main"))
	}
	if _, err := e.app.Authenticate(context.Background(), secret, reach.SourceAPI); err != nil {
		t.Errorf("the issued token does not work: %v", err)
	}
	if again := admin.get("/admin/users/" + id + "/tokens"); strings.Contains(again.Body, secret) {
		t.Error("the secret is shown again")
	}
	revoked := admin.submit(issued, "td form", nil, "")
	if !strings.Contains(revoked.text(".flash"), "revoked") {
		t.Errorf("revoking: %s", revoked.text("main"))
	}
	if _, err := e.app.Authenticate(context.Background(), secret, reach.SourceAPI); err == nil {
		t.Error("the revoked token still works")
	}
	page = admin.get("/admin")
	p = admin.submit(page, "form[action=/admin/users/"+id+"/active]", nil, "")
	if !strings.Contains(p.text(".flash"), "deactivated") {
		t.Errorf("deactivating: %s", p.text(".flash"))
	}
	if s := sam.get("/"); s.URL.Path != "/signin" {
		t.Errorf("the deactivated user is still signed in: %s", s.URL)
	}
}

// TestTheLastAdminStaysFromTheScreen: the app's rule answers on the screen.
// TestTwilioSettingsAreRefusedNextToTheField: TwiML that isn't well-formed
// is refused next to its box, with what was typed kept, and nothing saved.
func TestTwilioSettingsAreRefusedNextToTheField(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	admin := e.signedIn("admin")
	page := admin.get("/admin")
	p := admin.submit(page, "form[action=/admin/twilio]", url.Values{"public_base_url": {"https://reach.acme.com"}, "voice_response": {"<Response><Dial>"}}, "")
	if p.Status != 422 || !strings.Contains(p.text("#t-twiml-msg"), "TwiML") || attr(p.find("#t-url"), "value") != "https://reach.acme.com" || !strings.Contains(p.text("#t-twiml"), "<Response><Dial>") {
		t.Fatalf("bad TwiML: %d %q", p.Status, p.text("#t-twiml-msg"))
	}
	if s, _ := e.app.GetTwilioSettings(context.Background(), e.admin); s.PublicBaseURL != "" {
		t.Errorf("the refused settings were saved: %+v", s)
	}
}

func TestTheLastAdminStaysFromTheScreen(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	admin := e.signedIn("admin")
	page := admin.get("/admin")
	p := admin.submit(page, "form[action=/admin/users/"+e.users["admin"]+"]", url.Values{"role": {"viewer"}}, "")
	if !strings.Contains(p.text(".flash"), "last active admin") {
		t.Errorf("demoting the last admin: %s", p.text(".flash"))
	}
}

// TestManagerCleansUpPlaceholders: the report lists a stored placeholder,
// removing it is one change, and Undo puts it back.
func TestManagerCleansUpPlaceholders(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	legacy := legacyCustomer(t, e, "Old Record", "+15125550142")
	m := e.signedIn("manager")
	page := m.get("/placeholders")
	if !strings.Contains(page.text("table"), "(512) 555-0142") {
		t.Fatalf("the report: %s", page.text("main"))
	}
	done := m.submit(page, "form[action=/placeholders/cleanup]", nil, "all=1")
	if !strings.Contains(done.text(".flash"), "Removed 1 contact method(s) from 1 record(s)") {
		t.Fatalf("the clean-up: %s", done.text("main"))
	}
	if c, _ := e.app.Customer(context.Background(), e.admin, legacy); len(c.ContactMethods) != 0 {
		t.Fatal("the placeholder is still stored")
	}
	undone := m.submit(done, ".flash form", nil, "")
	if c, _ := e.app.Customer(context.Background(), e.admin, legacy); len(c.ContactMethods) != 1 || !strings.Contains(undone.text(".flash"), "Undone") {
		t.Errorf("after undo: %s", undone.text(".flash"))
	}
	if p := e.signedIn("csr").get("/placeholders"); p.Status != 403 {
		t.Errorf("a CSR's clean-up screen: %d", p.Status)
	}
}
