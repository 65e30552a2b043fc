package ui_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"reach"
	"reach/app"
	"reach/sqlstore"
	"reach/sqlstore/storetest"
	"reach/web"
	"reach/web/api"
	"reach/web/ui"
)

// env is reach with its API and pages, over one database, with a tenant A
// holding a user of each role (password "<role> password") and a tenant B.
type env struct {
	t      testing.TB
	db     *sqlstore.DB
	app    *app.App
	srv    *httptest.Server
	tenant string
	users  map[string]string // role -> user id
	admin  reach.Actor
	other  reach.Actor // tenant B's admin
}

func newEnv(t testing.TB, db *sqlstore.DB) *env {
	t.Helper()
	ctx := context.Background()
	a := app.New(db)
	e := &env{t: t, db: db, app: a, users: map[string]string{}}
	setup, err := a.InitTenant(ctx, "Tenant A Heating", app.UserInput{Email: "admin@tenant-a.com", Name: "Ada Admin"}, reach.SourceCLI)
	if err != nil {
		t.Fatal(err)
	}
	e.tenant, e.users["admin"] = setup.TenantID, setup.UserID
	e.admin = reach.Actor{TenantID: setup.TenantID, UserID: setup.UserID, Role: reach.RoleAdmin, Source: reach.SourceCLI}
	for _, role := range []reach.Role{reach.RoleManager, reach.RoleCSR, reach.RoleViewer} {
		u, err := a.CreateUser(ctx, e.admin, app.UserInput{Email: string(role) + "@tenant-a.com", Name: strings.ToUpper(string(role[:1])) + string(role[1:]) + " User", Role: role})
		if err != nil {
			t.Fatal(err)
		}
		e.users[string(role)] = u.ID
	}
	for role, id := range e.users {
		if err := a.SetPassword(ctx, e.admin, id, role+" password"); err != nil {
			t.Fatal(err)
		}
	}
	setupB, err := a.InitTenant(ctx, "Tenant B Plumbing", app.UserInput{Email: "admin@tenant-b.com", Name: "Bo Admin"}, reach.SourceCLI)
	if err != nil {
		t.Fatal(err)
	}
	e.other = reach.Actor{TenantID: setupB.TenantID, UserID: setupB.UserID, Role: reach.RoleAdmin, Source: reach.SourceCLI}
	e.srv = serve(t, a, db)
	return e
}

// serve runs reach's API and pages over db, as `reach serve` does.
func serve(t testing.TB, a *app.App, db *sqlstore.DB) *httptest.Server {
	srv := web.New(a, db, slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn})), false)
	api.Register(srv)
	ui.Register(srv)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return hs
}

// testLog shows the server's warnings and errors in the test's output.
type testLog struct{ t testing.TB }

func (l testLog) Write(b []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

func openSQLite(t testing.TB) *sqlstore.DB { return storetest.Open(t, "sqlite") }

// customer creates a customer of tenant A through the app.
func (e *env) customer(name string, values ...string) *reach.Customer {
	e.t.Helper()
	in := app.CustomerInput{Name: name}
	for _, v := range values {
		in.ContactMethods = append(in.ContactMethods, app.ContactMethodInput{Value: v})
	}
	c, err := e.app.CreateCustomer(context.Background(), e.admin, in)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

func (e *env) location(customerID, name string, values ...string) *reach.Location {
	e.t.Helper()
	in := app.LocationInput{Name: name}
	for _, v := range values {
		in.ContactMethods = append(in.ContactMethods, app.ContactMethodInput{Value: v})
	}
	l, err := e.app.CreateLocation(context.Background(), e.admin, customerID, in)
	if err != nil {
		e.t.Fatal(err)
	}
	return l
}

// browser is one browser: its cookies, and the pages it was shown.
type browser struct {
	e      *env
	client *http.Client
	// origin is sent as a browser sends it on forms; "" sends none.
	origin string
}

func (e *env) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{e: e, client: &http.Client{Jar: jar}, origin: e.srv.URL}
}

// signedIn is a browser signed in as the user of role.
func (e *env) signedIn(role string) *browser {
	e.t.Helper()
	b := e.browser()
	p := b.post("/signin", url.Values{"email": {role + "@tenant-a.com"}, "password": {role + " password"}})
	if p.Status != 200 || p.URL.Path != "/" {
		e.t.Fatalf("signing in as %s: %d at %s\n%s", role, p.Status, p.URL, p.text("main"))
	}
	return b
}

// page is a page the browser was shown, after any redirects.
type page struct {
	t      testing.TB
	Status int
	URL    *url.URL
	Body   string
	doc    *html.Node
}

func (b *browser) get(path string) *page {
	b.e.t.Helper()
	req, _ := http.NewRequest("GET", b.e.srv.URL+path, nil)
	return b.do(req)
}

func (b *browser) post(path string, form url.Values) *page {
	b.e.t.Helper()
	req, _ := http.NewRequest("POST", b.e.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if b.origin != "" {
		req.Header.Set("Origin", b.origin)
	}
	return b.do(req)
}

// submit posts a form of the page as a browser would: its fields with their
// values, changed by set, and the button pressed (name=value).
func (b *browser) submit(p *page, formSelector string, set url.Values, button string) *page {
	b.e.t.Helper()
	form := p.find(formSelector)
	if form == nil {
		b.e.t.Fatalf("no form %s on %s:\n%s", formSelector, p.URL, p.text("main"))
	}
	values := fieldsOf(form)
	for k, v := range set {
		values[k] = v
	}
	if name, value, ok := strings.Cut(button, "="); ok {
		values.Set(name, value)
	}
	action := attr(form, "action")
	if action == "" {
		action = p.URL.RequestURI()
	}
	return b.post(action, values)
}

func (b *browser) do(req *http.Request) *page {
	b.e.t.Helper()
	res, err := b.client.Do(req)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	doc, err := html.Parse(strings.NewReader(string(body)))
	if err != nil {
		b.e.t.Fatal(err)
	}
	return &page{t: b.e.t, Status: res.StatusCode, URL: res.Request.URL, Body: string(body), doc: doc}
}

// fieldsOf lists a form's fields as the browser would send them.
func fieldsOf(form *html.Node) url.Values {
	v := url.Values{}
	walk(form, func(n *html.Node) {
		name := attr(n, "name")
		if name == "" || hasAttr(n, "disabled") {
			return
		}
		switch n.Data {
		case "input":
			switch attr(n, "type") {
			case "checkbox", "radio":
				if hasAttr(n, "checked") {
					v.Add(name, valueOr(n, "on"))
				}
			case "submit", "button":
			default:
				v.Add(name, attr(n, "value"))
			}
		case "select":
			walk(n, func(o *html.Node) {
				if o.Data == "option" && hasAttr(o, "selected") {
					v.Add(name, attr(o, "value"))
				}
			})
		case "textarea":
			v.Add(name, textOf(n))
		}
	})
	return v
}

func valueOr(n *html.Node, def string) string {
	if hasAttr(n, "value") {
		return attr(n, "value")
	}
	return def
}

// find returns the first element matching a tiny selector: #id, .class,
// tag, tag[name=value] or [name=value].
func (p *page) find(sel string) *html.Node {
	if all := p.all(sel); len(all) > 0 {
		return all[0]
	}
	return nil
}

// all returns every element matching sel, which may name ancestors first:
// ".flash form" is a form inside .flash.
func (p *page) all(sel string) []*html.Node {
	parts := strings.Fields(sel)
	var out []*html.Node
	walk(p.doc, func(n *html.Node) {
		if n.Type == html.ElementNode && matches(n, parts[len(parts)-1]) && under(n.Parent, parts[:len(parts)-1]) {
			out = append(out, n)
		}
	})
	return out
}

// under reports whether n or its ancestors match the selectors, innermost last.
func under(n *html.Node, sels []string) bool {
	for ; len(sels) > 0 && n != nil; n = n.Parent {
		if n.Type == html.ElementNode && matches(n, sels[len(sels)-1]) {
			sels = sels[:len(sels)-1]
		}
	}
	return len(sels) == 0
}

// text is the text of the first element matching sel, "" if none.
func (p *page) text(sel string) string {
	n := p.find(sel)
	if n == nil {
		return ""
	}
	return strings.Join(strings.Fields(textOf(n)), " ")
}

func matches(n *html.Node, sel string) bool {
	switch {
	case strings.HasPrefix(sel, "#"):
		return attr(n, "id") == sel[1:]
	case strings.HasPrefix(sel, "."):
		return hasClass(n, sel[1:])
	}
	tag, cond, _ := strings.Cut(strings.TrimSuffix(sel, "]"), "[")
	if t, class, ok := strings.Cut(tag, "."); ok {
		if !hasClass(n, class) {
			return false
		}
		tag = t
	}
	if tag != "" && n.Data != tag {
		return false
	}
	if cond == "" {
		return true
	}
	k, v, _ := strings.Cut(cond, "=")
	return hasAttr(n, k) && (v == "" || attr(n, k) == strings.Trim(v, `"`))
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

type htmlNode = html.Node

// legacyCustomer stores a customer of tenant A holding values straight
// through the store, as data from before a rule would be; it returns its id.
func legacyCustomer(t testing.TB, e *env, name string, values ...string) string {
	return storetest.Legacy(t, e.db, e.tenant, name, values...).ID
}

// postCall records an inbound call from number, as the phone system would,
// and returns its id.
func (e *env) postCall(t testing.TB, from, providerID string) string {
	t.Helper()
	c, _, err := e.app.RecordCall(context.Background(), e.admin, app.CallInput{From: from, To: "+15124440000", Provider: "test", ProviderCallID: providerID})
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// evilSite serves, from another origin, a page that posts an edit of c to
// reach as soon as it opens: a cross-site request forgery.
func (e *env) evilSite(t testing.TB, c *reach.Customer) string {
	page := `<!doctype html><form id="f" method="post" action="` + e.srv.URL + `/customers/` + c.ID + `/contact-methods">
<input name="version" value="1"><input name="rows" value="1"><input name="m0.id" value="` + c.ContactMethods[0].ID + `">
<input name="m0.kind" value="mobile"><input name="m0.value" value="512-444-6666"><input name="action" value="save"></form>
<script>document.getElementById("f").submit()</script>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = io.WriteString(w, page)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}
