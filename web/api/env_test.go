package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"reach"
	"reach/app"
	"reach/sqlstore"
	"reach/sqlstore/storetest"
	"reach/web"
	"reach/web/api"
)

// env is a running reach server over one database, with two tenants: A has a
// user of every role, B has an admin. Tests talk to it over real HTTP.
type env struct {
	t   testing.TB
	db  *sqlstore.DB
	app *app.App
	srv *httptest.Server
	// client sends requests through the contract check (contract_test.go).
	client *http.Client
	tokens map[string]string // admin, manager, csr, viewer (tenant A); other (tenant B's admin)
	users  map[string]string // role -> user id (tenant A)
	// tenantA is tenant A's id, for tests that reach under the API.
	tenantA string
}

func newEnv(t testing.TB, db *sqlstore.DB) *env {
	t.Helper()
	ctx := context.Background()
	a := app.New(db)
	e := &env{t: t, db: db, app: a, tokens: map[string]string{}, users: map[string]string{}}
	setupA, err := a.InitTenant(ctx, "Tenant A Heating", app.UserInput{Email: "owner@tenant-a.com", Name: "Owner A"}, reach.SourceCLI)
	if err != nil {
		t.Fatal(err)
	}
	e.tokens["admin"], e.users["admin"], e.tenantA = setupA.Token, setupA.UserID, setupA.TenantID
	adminA := reach.Actor{TenantID: setupA.TenantID, UserID: setupA.UserID, Role: reach.RoleAdmin, Source: reach.SourceCLI}
	for _, role := range []reach.Role{reach.RoleManager, reach.RoleCSR, reach.RoleViewer} {
		u, err := a.CreateUser(ctx, adminA, app.UserInput{Email: string(role) + "@tenant-a.com", Name: string(role), Role: role})
		if err != nil {
			t.Fatal(err)
		}
		tok, err := a.CreateToken(ctx, adminA, u.ID, app.TokenInput{Name: "test"})
		if err != nil {
			t.Fatal(err)
		}
		e.tokens[string(role)], e.users[string(role)] = tok.Secret, u.ID
	}
	setupB, err := a.InitTenant(ctx, "Tenant B Plumbing", app.UserInput{Email: "owner@tenant-b.com", Name: "Owner B"}, reach.SourceCLI)
	if err != nil {
		t.Fatal(err)
	}
	e.tokens["other"] = setupB.Token
	e.srv = httptest.NewServer(newHandler(a, db))
	t.Cleanup(e.srv.Close)
	e.client = contractClient(t)
	return e
}

// newHandler is reach's HTTP handler over a, as reach serve mounts it.
func newHandler(a *app.App, db *sqlstore.DB) http.Handler {
	srv := web.New(a, db, slog.New(slog.NewTextHandler(io.Discard, nil)), false)
	api.Register(srv)
	return srv.Handler()
}

// contractClient sends requests through the contract check (contract_test.go).
func contractClient(t testing.TB) *http.Client {
	return &http.Client{Transport: contractTransport{t: t, next: http.DefaultTransport}}
}

// forEachBackend runs fn against a fresh env on SQLite and on PostgreSQL.
func forEachBackend(t *testing.T, fn func(t *testing.T, e *env)) {
	storetest.ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) { fn(t, newEnv(t, db)) })
}

// response is a decoded HTTP response.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body as a generic object.
func (r response) JSON() map[string]any {
	var m map[string]any
	_ = json.Unmarshal(r.Body, &m)
	return m
}

// Decode decodes the body into v.
func (r response) Decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// Code is the problem code of an error response.
func (r response) Code() reach.Code { s, _ := r.JSON()["code"].(string); return reach.Code(s) }

// FieldCodes lists the codes of the problem's field errors.
func (r response) FieldCodes() []reach.Code {
	var out []reach.Code
	for _, f := range r.Fields() {
		out = append(out, f.Code)
	}
	return out
}

// Fields lists the problem's field errors.
func (r response) Fields() []reach.FieldError {
	var p struct {
		Errors []reach.FieldError `json:"errors"`
	}
	_ = json.Unmarshal(r.Body, &p)
	return p.Errors
}

// do sends a request as a role ("" for none). body may be a string (sent raw)
// or any value (sent as JSON). headers are name, value pairs.
func (e *env) do(as, method, path string, body any, headers ...string) response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if tok := e.tokens[as]; tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := e.client.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{Status: res.StatusCode, Header: res.Header, Body: b}
}

// must sends a request and fails the test unless it answers want.
func (e *env) must(want int, as, method, path string, body any, headers ...string) response {
	e.t.Helper()
	r := e.do(as, method, path, body, headers...)
	if r.Status != want {
		e.t.Fatalf("%s %s as %s: status %d, want %d: %s", method, path, as, r.Status, want, r.Body)
	}
	return r
}

// customer creates a customer in tenant A and returns it.
func (e *env) customer(body any) reach.Customer {
	e.t.Helper()
	var c reach.Customer
	e.must(201, "admin", "POST", "/api/v1/customers", body).Decode(e.t, &c)
	return c
}

// location creates a location of a customer in tenant A.
func (e *env) location(customerID string, body any) reach.Location {
	e.t.Helper()
	var l reach.Location
	e.must(201, "admin", "POST", "/api/v1/customers/"+customerID+"/locations", body).Decode(e.t, &l)
	return l
}

// snapshot dumps the whole database for byte-for-byte comparisons.
func (e *env) snapshot() string {
	e.t.Helper()
	s, err := e.db.Snapshot(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return s
}

// obj is shorthand for a JSON object literal.
type obj = map[string]any

// arr is shorthand for a JSON array literal.
type arr = []any

func contains[T comparable](list []T, s T) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// openSQLite opens a fresh SQLite database for tests that need only one backend.
func openSQLite(t testing.TB) *sqlstore.DB { return storetest.Open(t, "sqlite") }

// legacyCustomer stores a customer of tenant A holding one number straight
// through the store, as data from before a placeholder rule would be.
func (e *env) legacyCustomer(name, e164 string) reach.Customer {
	e.t.Helper()
	return *storetest.Legacy(e.t, e.db, e.tenantA, name, e164)
}

// version returns the If-Match header of a record's current version.
func ifMatch(version int64) []string { return []string{"If-Match", fmt.Sprintf(`"%d"`, version)} }

// historyPage is a page of a record's history.
type historyPage struct {
	Items      []reach.HistoryItem `json:"items"`
	NextCursor string              `json:"next_cursor"`
}

// searchPage is a page of search results.
type searchPage struct {
	Items      []reach.SearchResult `json:"items"`
	NextCursor string               `json:"next_cursor"`
}
