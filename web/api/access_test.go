package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"

	"reach"
	"reach/web/api"
)

// operation is one route of the OpenAPI document.
type operation struct{ method, path, id string }

// operations reads every operation from the served OpenAPI document, so the
// access tests below cover routes added later without being edited.
func operations(t *testing.T, e *env) []operation {
	t.Helper()
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	e.must(200, "", "GET", "/api/v1/openapi.json", nil).Decode(t, &doc)
	var ops []operation
	for path, item := range doc.Paths {
		for method, raw := range item {
			if method == "parameters" {
				continue
			}
			var o struct {
				OperationID string `json:"operationId"`
			}
			if err := json.Unmarshal(raw, &o); err != nil {
				t.Fatal(err)
			}
			ops = append(ops, operation{strings.ToUpper(method), path, o.OperationID})
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].path+ops[i].method < ops[j].path+ops[j].method })
	return ops
}

// fixture is one of everything in tenant A, so every route has a real id.
type fixture struct {
	ids    map[string]string // path segment before {id} -> an id of tenant A
	bodies map[string]any    // operation id -> a valid body
}

func newFixture(t *testing.T, e *env) fixture {
	t.Helper()
	c := e.customer(janeBody)
	l := e.location(c.ID, obj{"name": "Rental", "contact_methods": arr{obj{"value": "512-867-5309"}}})
	var hist struct {
		Items []struct {
			ChangeID string `json:"change_id"`
		} `json:"items"`
	}
	e.must(200, "admin", "GET", "/api/v1/customers/"+c.ID+"/changes", nil).Decode(t, &hist)
	var call struct{ ID string }
	e.must(201, "admin", "POST", "/api/v1/calls", obj{"from": "+15125550000", "provider": "test", "provider_call_id": "CA-fixture"}).Decode(t, &call)
	var ph struct{ ID string }
	e.must(201, "admin", "POST", "/api/v1/placeholders", obj{"kind": "phone", "value": "(512) 444-0101", "note": "our office"}).Decode(t, &ph)
	var tok struct{ ID string }
	e.must(201, "admin", "POST", "/api/v1/users/"+e.users["csr"]+"/tokens", obj{"name": "fixture"}).Decode(t, &tok)
	return fixture{
		ids: map[string]string{
			"customers": c.ID, "locations": l.ID, "contact-methods": c.ContactMethods[0].ID,
			"users": e.users["csr"], "changes": hist.Items[0].ChangeID, "placeholders": ph.ID, "calls": call.ID,
			"tokens": tok.ID, "voice": e.tenantA, "status": e.tenantA,
		},
		bodies: map[string]any{
			"create-customer":                  obj{"name": "New Customer"},
			"update-customer":                  obj{"name": "Renamed"},
			"create-location":                  obj{"name": "New Location"},
			"update-location":                  obj{"name": "Renamed"},
			"add-customer-contact-method":      obj{"value": "512-867-0000"},
			"add-location-contact-method":      obj{"value": "512-867-0000"},
			"save-customer-contact-methods":    obj{"contact_methods": arr{}},
			"save-location-contact-methods":    obj{"contact_methods": arr{}},
			"update-contact-method":            obj{"memo": "changed"},
			"preview-customer-contact-methods": obj{"contact_methods": arr{}},
			"preview-location-contact-methods": obj{"contact_methods": arr{}},
			"preview-contact-method-change":    obj{"memo": "changed"},
			"add-placeholder":                  obj{"kind": "email", "value": "nobody@acmeheating.com"},
			"placeholder-cleanup":              obj{"values": arr{"+15128675309"}},
			"set-placeholder-settings":         obj{"suspect_threshold": 5},
			"record-call":                      obj{"from": "+15128675309", "provider": "test", "provider_call_id": "CA-1"},
			"link-call":                        obj{"customer_id": c.ID},
			"set-twilio-settings":              obj{"auth_token": "tok"},
			"validate":                         obj{"value": "512-867-5309"},
			"create-user":                      obj{"email": "new@tenant-a.com", "name": "New", "role": "csr"},
			"set-user-password":                obj{"password": "a long enough password"},
			"update-user":                      obj{"name": "Renamed"},
			"create-token":                     obj{"name": "script"},
		},
	}
}

func (f fixture) url(o operation) string {
	p := o.path
	for _, param := range []string{"{id}", "{tenant}"} {
		if i := strings.Index(p, "/"+param); i >= 0 {
			seg := p[strings.LastIndex(p[:i], "/")+1 : i]
			p = strings.Replace(p, param, f.ids[seg], 1)
		}
	}
	return p
}

// public lists operations that take no credential: their own checks are
// tested where they are (webhook signatures in twilio_test.go).
var public = map[string]bool{"health": true, "ready": true, "metrics": true, "openapi": true, "twilio-voice": true, "twilio-status": true}

// readOnly lists operations that change nothing even though they are POSTs.
var readOnly = map[string]bool{"validate": true}

// revokesOwn lists writes anyone may make to what is their own: a viewer
// may revoke the viewer's tokens.
var revokesOwn = map[string]bool{}

func TestEveryRouteRefusesAnotherTenantsIDs(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		f := newFixture(t, e)
		before := e.snapshot()
		for _, o := range operations(t, e) {
			if !strings.Contains(o.path, "{id}") || public[o.id] {
				continue
			}
			t.Run(o.id, func(t *testing.T) {
				r := e.do("other", o.method, f.url(o), f.bodies[o.id], "If-Match", `"1"`)
				if r.Status != http.StatusNotFound || r.Code() != reach.ENOTFOUND {
					t.Errorf("tenant B %s %s: %d %s, want 404 not_found", o.method, f.url(o), r.Status, r.Body)
				}
				if d, _ := r.JSON()["detail"].(string); strings.HasPrefix(d, "No such route") {
					t.Errorf("%s %s is documented but not served", o.method, o.path)
				}
			})
		}
		if e.snapshot() != before {
			t.Errorf("tenant B's requests changed tenant A's data")
		}
		// Routes without an id never show tenant A's rows to tenant B.
		for _, path := range []string{"/api/v1/customers", "/api/v1/search?q=jane", "/api/v1/search?q=5309", "/api/v1/users"} {
			r := e.must(200, "other", "GET", path, nil)
			for _, id := range f.ids {
				if strings.Contains(string(r.Body), id) {
					t.Errorf("tenant B sees tenant A's %s in %s", id, path)
				}
			}
		}
	})
}

func TestViewerCannotWriteAnything(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		f := newFixture(t, e)
		before := e.snapshot()
		writes := 0
		for _, o := range operations(t, e) {
			if o.method == "GET" || readOnly[o.id] || public[o.id] {
				continue
			}
			writes++
			t.Run(o.id, func(t *testing.T) {
				r := e.do("viewer", o.method, f.url(o), f.bodies[o.id], "If-Match", `"1"`)
				if r.Status != http.StatusForbidden || r.Code() != "forbidden" {
					t.Errorf("viewer %s %s: %d %s, want 403 forbidden", o.method, f.url(o), r.Status, r.Body)
				}
			})
		}
		if writes < 15 {
			t.Errorf("only %d write routes found; the OpenAPI document is missing some", writes)
		}
		if e.snapshot() != before {
			t.Errorf("a viewer's requests changed the database")
		}
	})
}

func TestRolesGrantWhatSpecSays(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		f := newFixture(t, e)
		cases := []struct {
			role, method, path string
			body               any
			status             int
		}{
			{"csr", "POST", "/api/v1/customers", obj{"name": "By CSR"}, 201},
			{"csr", "POST", "/api/v1/users", obj{"email": "x@tenant-a.com", "name": "X", "role": "csr"}, 403},
			{"manager", "POST", "/api/v1/users", obj{"email": "x@tenant-a.com", "name": "X", "role": "csr"}, 403},
			{"manager", "GET", "/api/v1/changes/" + f.ids["changes"], nil, 200},
			{"csr", "GET", "/api/v1/changes/" + f.ids["changes"], nil, 403},
			{"admin", "POST", "/api/v1/users", obj{"email": "x@tenant-a.com", "name": "X", "role": "viewer"}, 201},
			{"admin", "POST", "/api/v1/users", obj{"email": "X@TENANT-A.COM", "name": "X again", "role": "viewer"}, 409},
			{"admin", "POST", "/api/v1/users", obj{"email": "y@tenant-a.com", "name": "Y", "role": "owner"}, 422},
			{"viewer", "GET", "/api/v1/customers/" + f.ids["customers"], nil, 200},
		}
		for _, tc := range cases {
			t.Run(tc.role+" "+tc.method+" "+tc.path, func(t *testing.T) {
				r := e.do(tc.role, tc.method, tc.path, tc.body)
				if r.Status != tc.status {
					t.Errorf("%d, want %d: %s", r.Status, tc.status, r.Body)
				}
			})
		}
	})
}

func TestAuthentication(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		before := e.snapshot()
		cases := []struct {
			name, header string
		}{
			{"missing token", ""},
			{"forged token", "Bearer reach_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
			{"token without prefix", "Bearer abc"},
			{"wrong scheme", "Basic " + e.tokens["admin"]},
			{"a 10,000-character token", "Bearer reach_" + strings.Repeat("a", 10000)},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				r := e.do("", "POST", "/api/v1/customers", obj{"name": "Intruder"}, "Authorization", tc.header)
				if r.Status != 401 || r.Code() != "unauthenticated" || r.Header.Get("WWW-Authenticate") == "" {
					t.Errorf("%d %s", r.Status, r.Body)
				}
			})
		}
		if e.snapshot() != before {
			t.Errorf("unauthenticated requests changed the database")
		}
		e.must(200, "admin", "GET", "/api/v1/customers", nil)
		var tok struct {
			Token string `json:"token"`
		}
		e.must(201, "admin", "POST", "/api/v1/users/"+e.users["viewer"]+"/tokens", obj{"name": "second"}).Decode(t, &tok)
		if !strings.HasPrefix(tok.Token, "reach_") {
			t.Fatalf("token %q lacks the reach_ prefix", tok.Token)
		}
		e.tokens["viewer2"] = tok.Token
		e.must(200, "viewer2", "GET", "/api/v1/customers", nil)
		snap := e.snapshot()
		if strings.Contains(snap, tok.Token) {
			t.Errorf("the token secret is stored in the database; only its hash may be")
		}
	})
}

// TestOpenAPIListsEveryRoute checks the document against the contract's
// routes (issue #2), so a route can't ship undocumented.
func TestOpenAPIListsEveryRoute(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	r := e.must(200, "", "GET", "/api/v1/openapi.json", nil)
	var doc map[string]any
	if err := json.Unmarshal(r.Body, &doc); err != nil || doc["openapi"] != "3.1.0" {
		t.Fatalf("not an OpenAPI 3.1 document: %v", err)
	}
	have := map[string]bool{}
	for _, o := range operations(t, e) {
		have[o.method+" "+o.path] = true
	}
	for _, want := range []string{
		"POST /api/v1/users", "GET /api/v1/users", "POST /api/v1/users/{id}/tokens",
		"POST /api/v1/customers", "GET /api/v1/customers", "GET /api/v1/customers/{id}", "PATCH /api/v1/customers/{id}",
		"POST /api/v1/customers/{id}/deactivate", "POST /api/v1/customers/{id}/reactivate",
		"POST /api/v1/customers/{id}/locations", "GET /api/v1/customers/{id}/locations",
		"GET /api/v1/locations/{id}", "PATCH /api/v1/locations/{id}",
		"POST /api/v1/locations/{id}/deactivate", "POST /api/v1/locations/{id}/reactivate",
		"POST /api/v1/customers/{id}/contact-methods", "PUT /api/v1/customers/{id}/contact-methods",
		"POST /api/v1/locations/{id}/contact-methods", "PUT /api/v1/locations/{id}/contact-methods",
		"GET /api/v1/contact-methods/{id}", "PATCH /api/v1/contact-methods/{id}", "DELETE /api/v1/contact-methods/{id}",
		"POST /api/v1/validate", "GET /api/v1/search",
		"GET /api/v1/customers/{id}/changes", "GET /api/v1/locations/{id}/changes", "GET /api/v1/changes/{id}",
		// issue #3: sync previews and revert
		"POST /api/v1/customers/{id}/contact-methods/preview", "POST /api/v1/locations/{id}/contact-methods/preview",
		"POST /api/v1/contact-methods/{id}/preview", "POST /api/v1/changes/{id}/revert",
		// issue #4: placeholders
		"GET /api/v1/placeholders", "POST /api/v1/placeholders", "DELETE /api/v1/placeholders/{id}",
		"GET /api/v1/placeholders/report", "POST /api/v1/placeholders/cleanup", "PUT /api/v1/settings/placeholders",
		// issue #5: caller ID, calls, screen pop, Twilio settings
		"GET /api/v1/caller-id", "POST /api/v1/calls", "GET /api/v1/calls", "GET /api/v1/calls/{id}", "GET /api/v1/calls/stream",
		"POST /api/v1/calls/{id}/link", "GET /api/v1/customers/{id}/calls", "PUT /api/v1/settings/twilio", "GET /api/v1/settings/twilio",
	} {
		if !have[want] {
			t.Errorf("OpenAPI document lacks %s", want)
		}
	}
	for _, plain := range []string{"/healthz", "/readyz", "/metrics"} {
		e.must(200, "", "GET", plain, nil)
		// Like every route, they refuse parameters they do not take.
		if r := e.do("", "GET", plain+"?verbose=1", nil); r.Status != 422 || !contains(r.FieldCodes(), reach.EUNKNOWNFIELD) {
			t.Errorf("GET %s?verbose=1: %d %v", plain, r.Status, r.FieldCodes())
		}
	}
}

// TestDocumentedCodesAreTheDomainsCodes: the document's Code enum lists
// exactly reach's codes, so a client generated from it knows every one.
func TestDocumentedCodesAreTheDomainsCodes(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas struct {
				Code struct {
					Enum []reach.Code `json:"enum"`
				} `json:"Code"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(api.OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(doc.Components.Schemas.Code.Enum) != fmt.Sprint(reach.Codes) {
		t.Errorf("documented codes differ from reach.Codes:\n doc %v\ngo  %v", doc.Components.Schemas.Code.Enum, reach.Codes)
	}
}

// TestMetricsCountRequestsByRoute: /metrics counts requests by the route
// they matched, not as one lump.
func TestMetricsCountRequestsByRoute(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	e.must(200, "csr", "GET", "/api/v1/customers", nil)
	e.do("csr", "GET", "/api/v1/no-such-route", nil)
	m := string(e.must(200, "", "GET", "/metrics", nil).Body)
	for _, want := range []string{
		`reach_http_requests_total{method="GET",route="GET /api/v1/customers",status="200"} 1`,
		`reach_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
