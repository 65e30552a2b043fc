package ui_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"reach/web"
)

// TestSignInAndOut: a wrong password is refused on the form; the right one
// opens reach; signing out ends the session, and its cookie no longer works.
func TestSignInAndOut(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	b := e.browser()
	if p := b.get("/"); p.URL.Path != "/signin" || p.URL.Query().Get("next") != "/" {
		t.Fatalf("a page before signing in: %s", p.URL)
	}
	p := b.post("/signin", url.Values{"email": {"csr@tenant-a.com"}, "password": {"not the password"}})
	if p.Status != 401 || !strings.Contains(p.text(".error"), "email or password is not right") || attr(p.find("#email"), "value") != "csr@tenant-a.com" {
		t.Fatalf("a wrong password: %d %q", p.Status, p.text(".error"))
	}
	p = b.post("/signin", url.Values{"email": {"csr@tenant-a.com"}, "password": {"csr password"}, "next": {"/?q=rosa"}})
	if p.URL.RawQuery != "q=rosa" || !strings.Contains(p.text("header"), "Csr User") {
		t.Fatalf("signing in: %s\n%s", p.URL, p.text("header"))
	}
	cookie := sessionCookie(b)
	out := b.submit(p, "form.signout", nil, "")
	if out.URL.Path != "/signin" {
		t.Fatalf("after signing out: %s", out.URL)
	}
	replay := e.browser()
	replay.client.Jar.SetCookies(mustURL(e.srv.URL), []*http.Cookie{cookie})
	if p := replay.get("/"); p.URL.Path != "/signin" {
		t.Errorf("the signed-out session's cookie still opens %s", p.URL)
	}
	// Only reach's own pages are returned to.
	p = e.browser().post("/signin", url.Values{"email": {"csr@tenant-a.com"}, "password": {"csr password"}, "next": {"//evil.example/x"}})
	if p.URL.Host != mustURL(e.srv.URL).Host || p.URL.Path != "/" {
		t.Errorf("signing in sent the browser to %s", p.URL)
	}
}

// TestRedirectsStayOnReach: the pages a form returns to — after signing
// in, after an undo — are reach's own, however the address is disguised
// (browsers drop tabs and newlines from a Location and read "\" as "/").
func TestRedirectsStayOnReach(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309")
	b := e.signedIn("csr")
	noFollow := &http.Client{Jar: b.client.Jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, next := range []string{"//evil.example/x", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "/\r//evil.example",
		"https://evil.example", "/%09/evil.example", "///evil.example", "javascript:alert(1)", "/ok?q=1&r=%2F%2Fevil"} {
		res, err := noFollow.Get(e.srv.URL + "/signin?next=" + url.QueryEscape(next))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		loc := res.Header.Get("Location")
		u, err := url.Parse(loc)
		if err != nil || u.Host != "" || u.Scheme != "" || !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.ContainsAny(loc, "\t\n\r\\") {
			t.Errorf("next=%q sent the browser to %q", next, loc)
		}
	}
	// The undo form's "back" is held to the same rule.
	form := b.get("/customers/" + c.ID + "/contact-methods")
	saved := b.submit(form, "form[data-edit-methods]", url.Values{"m0.memo": {"Cell"}}, "action=save")
	undo := saved.find(".flash form")
	req, _ := http.NewRequest("POST", e.srv.URL+attr(undo, "action"), strings.NewReader(url.Values{"csrf_token": {attr(saved.find(".flash form input[name=csrf_token]"), "value")}, "back": {"/\t/evil.example"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", e.srv.URL)
	res, err := noFollow.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if loc := res.Header.Get("Location"); loc != "/" {
		t.Errorf("an undo with a disguised back went to %q", loc)
	}
}

// TestTheCallStreamEndsWithTheSession: a call pop's stream, opened by a
// signed-in page, ends soon after the session is signed out — it must not
// go on showing callers to whoever is at the screen.
func TestTheCallStreamEndsWithTheSession(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	b := e.signedIn("csr")
	req, _ := http.NewRequest("GET", e.srv.URL+"/api/v1/calls/stream", nil)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := b.client.Do(req)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("opening the stream: %v %v", err, res)
	}
	defer res.Body.Close()
	ended := make(chan error, 1)
	go func() {
		_, err := io.Copy(io.Discard, res.Body)
		ended <- err
	}()
	home := b.get("/")
	b.submit(home, "form.signout", nil, "")
	select {
	case <-ended:
	case <-time.After(8 * time.Second):
		t.Fatal("the call stream went on after its session was signed out")
	}
}

// TestOnlyTheScriptsFragmentsAreServedAlone: the page script may ask for
// the parts it swaps in; any other name gets the whole page, never an
// error, and a response says which part it holds.
func TestOnlyTheScriptsFragmentsAreServedAlone(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309")
	b := e.signedIn("csr")
	for _, tc := range []struct{ path, fragment, want string }{
		{"/?q=rosa", "results", "results"},
		{"/customers/" + c.ID + "/contact-methods", "edit-row", ""},
		{"/customers/" + c.ID + "/contact-methods", "layout", ""},
		{"/customers/" + c.ID, "methods", ""},
	} {
		req, _ := http.NewRequest("GET", e.srv.URL+tc.path, nil)
		req.Header.Set("X-Reach-Fragment", tc.fragment)
		p := b.do(req)
		got := ""
		if !strings.Contains(p.Body, "<html") {
			got = "results"
		}
		if p.Status != 200 || got != tc.want {
			t.Errorf("%s asking for %q: %d, whole page %v", tc.path, tc.fragment, p.Status, got == "")
		}
	}
}

// TestSignInFromAnOldBrowserNeedsTheFormsToken: a browser that sends
// neither Sec-Fetch-Site nor Origin signs in only with the token the form
// and its cookie carry, so another site can't sign it in to an account of
// the attacker's (login forgery).
func TestSignInFromAnOldBrowserNeedsTheFormsToken(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	creds := url.Values{"email": {"csr@tenant-a.com"}, "password": {"csr password"}}
	forged := e.browser()
	forged.origin = ""
	if p := forged.post("/signin", creds); p.Status != 403 || sessionCookie(forged) != nil && forged.get("/").URL.Path == "/" {
		t.Errorf("a sign-in without origin headers or token: %d at %s", p.Status, p.URL)
	}
	old := e.browser()
	old.origin = ""
	form := old.get("/signin")
	if p := old.submit(form, "form", creds, ""); p.Status != 200 || p.URL.Path != "/" {
		t.Errorf("signing in from the form without origin headers: %d at %s\n%s", p.Status, p.URL, p.text("main"))
	}
}

// TestAViewerSeesNoControlsToChangeCalls: a viewer reads the calls page
// without link buttons or "New customer", which only lead to refusals.
func TestAViewerSeesNoControlsToChangeCalls(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	e.customer("Rosa Diaz", "512-867-5309")
	e.customer("Somebody Else", "512-867-5309")
	e.postCall(t, "+15128675309", "viewer-1")
	e.postCall(t, "+15128670000", "viewer-2")
	p := e.signedIn("viewer").get("/calls")
	if n := len(p.all("main form")) + len(p.all("main a.button")); p.Status != 200 || n != 0 {
		t.Errorf("the viewer's calls page: %d, %d controls that change calls\n%s", p.Status, n, p.text("main"))
	}
	if csr := e.signedIn("csr").get("/calls"); len(csr.all("main form")) != 2 || len(csr.all("main a.button")) != 1 {
		t.Errorf("the agent's calls page lacks its controls:\n%s", csr.text("main"))
	}
}

// TestSignInRenewsTheSession: a session id planted before sign-in (session
// fixation) is not the one signed in.
func TestSignInRenewsTheSession(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	b := e.browser()
	b.client.Jar.SetCookies(mustURL(e.srv.URL), []*http.Cookie{{Name: web.SessionCookie, Value: "planted-by-an-attacker", Path: "/"}})
	b.post("/signin", url.Values{"email": {"csr@tenant-a.com"}, "password": {"csr password"}})
	if c := sessionCookie(b); c == nil || c.Value == "planted-by-an-attacker" {
		t.Fatalf("the session after sign-in: %v", c)
	}
	attacker := e.browser()
	attacker.client.Jar.SetCookies(mustURL(e.srv.URL), []*http.Cookie{{Name: web.SessionCookie, Value: "planted-by-an-attacker", Path: "/"}})
	if p := attacker.get("/"); p.URL.Path != "/signin" {
		t.Error("the planted session id was signed in")
	}
}

// TestSessionsEnd: a session ends after an hour without use, and at once
// when its user is deactivated or their password set.
func TestSessionsEnd(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	ctx := context.Background()
	idle := e.signedIn("csr")
	later := time.Now().Add(61 * time.Minute)
	e.db.Now = func() time.Time { return later }
	if p := idle.get("/"); p.URL.Path != "/signin" {
		t.Errorf("a session idle for an hour still opens %s", p.URL)
	}
	e.db.Now = func() time.Time { return time.Now().UTC() }

	b := e.signedIn("csr")
	u, err := e.app.User(ctx, e.admin, e.users["csr"])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.app.SetUserActive(ctx, e.admin, u.ID, false, u.Version); err != nil {
		t.Fatal(err)
	}
	if p := b.get("/"); p.URL.Path != "/signin" {
		t.Errorf("a deactivated user's session still opens %s", p.URL)
	}

	m := e.signedIn("manager")
	if err := e.app.SetPassword(ctx, e.admin, e.users["manager"], "a new manager password"); err != nil {
		t.Fatal(err)
	}
	if p := m.get("/"); p.URL.Path != "/signin" {
		t.Errorf("a session from before a password reset still opens %s", p.URL)
	}
}

// TestAViewerCanNotEdit: a viewer sees no edit controls, and the server
// refuses an edit forged from their session.
func TestAViewerCanNotEdit(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309")
	b := e.signedIn("viewer")
	p := b.get("/customers/" + c.ID)
	if p.Status != 200 || p.find("a[href=/customers/"+c.ID+"/contact-methods]") != nil {
		t.Fatalf("the viewer's record page: %d, edit link %v", p.Status, p.find("a[href=/customers/"+c.ID+"/contact-methods]"))
	}
	if p := b.get("/customers/" + c.ID + "/contact-methods"); p.Status != 403 {
		t.Errorf("the viewer's edit form: %d", p.Status)
	}
	before, _ := e.db.Snapshot(context.Background())
	forged := url.Values{"version": {"1"}, "rows": {"1"}, "m0.id": {c.ContactMethods[0].ID}, "m0.kind": {"mobile"}, "m0.value": {"512-444-0000"}, "action": {"save"},
		"csrf_token": {csrfOf(b, "/")}}
	if p := b.post("/customers/"+c.ID+"/contact-methods", forged); p.Status != 403 {
		t.Errorf("a forged edit from a viewer: %d", p.Status)
	}
	if after, _ := e.db.Snapshot(context.Background()); after != before {
		t.Error("the forged edit changed the database")
	}
}

// TestCrossSiteFormsAreRefused: a form posted from another site is refused;
// so is one from a browser that sends neither Sec-Fetch-Site nor Origin,
// unless it carries the session's token.
func TestCrossSiteFormsAreRefused(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309")
	b := e.signedIn("csr")
	form := b.get("/customers/" + c.ID + "/contact-methods")
	values := fieldsOf(form.find("form[data-edit-methods]"))
	values.Set("m0.value", "512-444-0000")
	values.Set("action", "save")
	before, _ := e.db.Snapshot(context.Background())

	b.origin = "https://evil.example"
	if p := b.post("/customers/"+c.ID+"/contact-methods", values); p.Status != 403 {
		t.Errorf("a cross-site post: %d", p.Status)
	}
	b.origin = ""
	noToken := url.Values{}
	for k, v := range values {
		if k != "csrf_token" {
			noToken[k] = v
		}
	}
	if p := b.post("/customers/"+c.ID+"/contact-methods", noToken); p.Status != 403 {
		t.Errorf("a post with no Origin and no token: %d", p.Status)
	}
	if after, _ := e.db.Snapshot(context.Background()); after != before {
		t.Fatal("a refused post changed the database")
	}
	if p := b.post("/customers/"+c.ID+"/contact-methods", values); p.URL.Path != "/customers/"+c.ID {
		t.Errorf("a post with no Origin but the session's token: %d at %s", p.Status, p.URL)
	}
}

// TestNoPageChangesAnything: reading every page leaves the data as it was.
func TestNoPageChangesAnything(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309")
	l := e.location(c.ID, "Main house", "512-867-5309")
	e.postCall(t, "+15128675309", "read-only-1")
	b := e.signedIn("admin")
	before, _ := e.db.Snapshot(context.Background())
	for _, path := range everyPage(c.ID, l.ID, e.users["csr"]) {
		if p := b.get(path); p.Status != 200 {
			t.Errorf("GET %s: %d", path, p.Status)
		}
	}
	if after, _ := e.db.Snapshot(context.Background()); after != before {
		t.Error("reading pages changed the database")
	}
}

// everyPage lists a path of each screen.
func everyPage(customer, location, user string) []string {
	return []string{"/", "/?q=rosa", "/customers/" + customer, "/locations/" + location,
		"/customers/" + customer + "/contact-methods", "/locations/" + location + "/contact-methods",
		"/customers/new", "/customers/new?phone=5128671234", "/customers/" + customer + "/locations/new",
		"/calls", "/placeholders", "/admin", "/admin/users/" + user + "/tokens"}
}

// TestPagesCarrySecurityHeaders: every page forbids other sites' scripts and
// frames.
func TestPagesCarrySecurityHeaders(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309")
	l := e.location(c.ID, "Main house", "512-867-5309")
	b := e.signedIn("admin")
	noFollow := &http.Client{Jar: b.client.Jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, path := range append(everyPage(c.ID, l.ID, e.users["csr"]), "/signin?next=/calls", "/no-such-page", "/customers/no-such-id") {
		res, err := noFollow.Get(e.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		for h, want := range map[string]string{
			"Content-Security-Policy": "script-src 'self'", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
		} {
			if !strings.Contains(res.Header.Get(h), want) {
				t.Errorf("%s: %s is %q", path, h, res.Header.Get(h))
			}
		}
		if !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("%s may be framed", path)
		}
	}
}

func sessionCookie(b *browser) *http.Cookie {
	for _, c := range b.client.Jar.Cookies(mustURL(b.e.srv.URL)) {
		if c.Name == web.SessionCookie {
			return c
		}
	}
	return nil
}

func csrfOf(b *browser, path string) string {
	return attr(b.get(path).find("meta[name=csrf-token]"), "content")
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
