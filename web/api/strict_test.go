package api_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"reach"
)

// TestWholeSetNeedsItsSet: only an explicit [] clears a record's contact
// methods. A null, a missing contact_methods or one of the wrong type is
// refused with 422 and removes nothing.
func TestWholeSetNeedsItsSet(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		c := e.customer(janeBody)
		path := "/api/v1/customers/" + c.ID + "/contact-methods"
		before := e.snapshot()
		for name, body := range map[string]string{
			"null":          `{"contact_methods": null}`,
			"missing":       `{}`,
			"a string":      `{"contact_methods": "all"}`,
			"an object":     `{"contact_methods": {}}`,
			"a null entry":  `{"contact_methods": [null]}`,
			"a bare number": `{"contact_methods": [5128675309]}`,
		} {
			r := e.do("csr", "PUT", path, body, ifMatch(1)...)
			if r.Status != 422 || r.Code() != reach.EVALIDATION || !strings.HasPrefix(r.Fields()[0].Field, "contact_methods") {
				t.Errorf("%s: %d %s", name, r.Status, r.Body)
			}
		}
		// No body at all is no JSON at all; and refused on every route that
		// needs one, where read as {} it would reset what it leaves out.
		for _, req := range []struct{ as, method, path string }{
			{"csr", "PUT", path}, {"admin", "PUT", "/api/v1/settings/twilio"}, {"csr", "POST", "/api/v1/validate"},
			{"csr", "PATCH", "/api/v1/customers/" + c.ID}, {"csr", "POST", "/api/v1/customers"},
		} {
			if r := e.do(req.as, req.method, req.path, ``, append(ifMatch(1), outsideHeader, "no body")...); r.Status != 400 || r.Code() != reach.EMALFORMED {
				t.Errorf("%s %s without a body: %d %s", req.method, req.path, r.Status, r.Body)
			}
		}
		if e.snapshot() != before {
			t.Fatalf("a refused whole-set save removed contact methods")
		}
		var res contactResult
		e.must(200, "csr", "PUT", path, `{"contact_methods": []}`, ifMatch(1)...).Decode(t, &res)
		if len(res.Customer.ContactMethods) != 0 {
			t.Errorf("an explicit [] kept %d methods", len(res.Customer.ContactMethods))
		}
	})
}

// TestBodiesAreReadStrictly: a body means exactly one thing or is refused,
// and nothing is stored. Invalid UTF-8 and a member sent twice are
// malformed (400): the second "value" must not hide a placeholder behind a
// real number. A member in another case (KIND) is unknown (422). A body not
// sent as JSON is 415.
func TestBodiesAreReadStrictly(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		before := e.snapshot()
		cases := []struct {
			name   string
			body   string
			header []string
			status int
			code   reach.Code
			field  reach.Code
		}{
			{"invalid UTF-8 in a name", "{\"name\": \"Jos\xe9 N\xfa\xf1ez\"}", nil, 400, reach.EMALFORMED, ""},
			{"a member sent twice", `{"name": "Bob", "name": "Robert"}`, nil, 400, reach.EMALFORMED, ""},
			{"a duplicate hiding a placeholder", `{"name": "Bob", "contact_methods": [{"value": "(512) 867-5309", "value": "(512) 555-0142"}]}`, nil, 400, reach.EMALFORMED, ""},
			{"a member in another case", `{"name": "Bob", "contact_methods": [{"KIND": "fax", "value": "(512) 867-5309"}]}`, nil, 422, reach.EVALIDATION, reach.EUNKNOWNFIELD},
			{"NAME for name", `{"NAME": "Bob"}`, nil, 422, reach.EVALIDATION, reach.EUNKNOWNFIELD},
			{"a null member", `{"name": "Bob", "type": null}`, nil, 422, reach.EVALIDATION, reach.EWRONGTYPE},
			{"an array at the top", `[{"name": "Bob"}]`, nil, 422, reach.EVALIDATION, reach.EWRONGTYPE},
			{"trailing garbage", `{"name": "Bob"} {}`, nil, 400, reach.EMALFORMED, ""},
			{"no Content-Type", `{"name": "Bob"}`, []string{"Content-Type", ""}, 415, reach.EUNSUPPORTEDMEDIA, ""},
			{"text/plain", `{"name": "Bob"}`, []string{"Content-Type", "text/plain"}, 415, reach.EUNSUPPORTEDMEDIA, ""},
			{"a name of zero-width spaces", `{"name": "\u200b\u200b"}`, nil, 422, reach.EVALIDATION, reach.EFORMATCHARS},
			{"a bidi override in a name", `{"name": "Bob \u202eevil"}`, nil, 422, reach.EVALIDATION, reach.EFORMATCHARS},
			{"a byte-order mark in a memo", `{"name": "Bob", "contact_methods": [{"value": "(512) 867-5309", "memo": "\ufeffCell"}]}`, nil, 422, reach.EVALIDATION, reach.EFORMATCHARS},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				r := e.do("csr", "POST", "/api/v1/customers", tc.body, tc.header...)
				if r.Status != tc.status || r.Code() != tc.code || (tc.field != "" && !contains(r.FieldCodes(), tc.field)) {
					t.Errorf("%d %s", r.Status, r.Body)
				}
			})
		}
		if e.snapshot() != before {
			t.Errorf("a refused body changed the database")
		}
		// Joiners stay allowed: scripts and emoji need them.
		e.must(201, "csr", "POST", "/api/v1/customers", obj{"name": "Pat 👩\u200d🔧 Lee"})
	})
}

// TestCursorsBelongToTheirList: a cursor names its list and its tenant; used
// on another list, or by another tenant, it is refused rather than read as a
// position there.
func TestCursorsBelongToTheirList(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		for i := range 3 {
			e.customer(obj{"name": "Customer " + string(rune('A'+i))})
		}
		var page struct {
			NextCursor string `json:"next_cursor"`
		}
		e.must(200, "csr", "GET", "/api/v1/customers?limit=1", nil).Decode(t, &page)
		if page.NextCursor == "" {
			t.Fatal("no next page")
		}
		cur := url.QueryEscape(page.NextCursor)
		e.must(200, "csr", "GET", "/api/v1/customers?limit=1&cursor="+cur, nil)
		e.must(200, "csr", "GET", "/api/v1/customers?limit=2&cursor="+cur, nil) // the page size may change
		for _, use := range []struct{ as, path string }{
			{"csr", "/api/v1/calls?cursor=" + cur},
			{"csr", "/api/v1/users?cursor=" + cur},
			{"admin", "/api/v1/search?q=customer&cursor=" + cur},
			{"other", "/api/v1/customers?cursor=" + cur},
			{"csr", "/api/v1/customers?state=CA&cursor=" + cur}, // the same list filtered otherwise
		} {
			r := e.do(use.as, "GET", use.path, nil)
			if r.Status != 422 || len(r.Fields()) == 0 || r.Fields()[0].Field != "cursor" {
				t.Errorf("%s %s: %d %s", use.as, use.path, r.Status, r.Body)
			}
		}
		// A search's cursor belongs to its words too.
		var res searchPage
		e.must(200, "csr", "GET", "/api/v1/search?q=customer&limit=1", nil).Decode(t, &res)
		if r := e.do("csr", "GET", "/api/v1/search?q=cust&cursor="+url.QueryEscape(res.NextCursor), nil); r.Status != 422 {
			t.Errorf("a search cursor used for other words: %d %s", r.Status, r.Body)
		}
	})
}

// TestQueryStringsAreReadStrictly: a query string that can't be read is a
// malformed request, not a filter silently dropped so that everything matches.
func TestQueryStringsAreReadStrictly(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	e.customer(obj{"name": "Tex", "address": obj{"street": "1 Main St", "city": "Austin", "state": "TX", "zip": "78701"}})
	for _, query := range []string{"state=T%ZX", "state=%ZZ", "stat%ZZe=TX", "state=TX&bogus=%", "name=%FF", "state=TX;zip=78701"} {
		r := e.do("csr", "GET", "/api/v1/customers?"+query, nil, outsideHeader, "a malformed query string")
		if r.Status != 400 || r.Code() != reach.EMALFORMED {
			t.Errorf("GET /customers?%s: %d %s", query, r.Status, r.Body)
		}
	}
	if r := e.do("csr", "GET", "/api/v1/search?q=%ZZ", nil, outsideHeader, "a malformed query string"); r.Status != 400 {
		t.Errorf("GET /search?q=%%ZZ: %d %s", r.Status, r.Body)
	}
}

// TestRoutingAnswersWithProblems: whatever matches no route is answered
// with a problem document — 404 for an unknown path, 405 with Allow for a
// known one and another method, 400 for a path that is not canonical —
// never ServeMux's HTML redirect.
func TestRoutingAnswersWithProblems(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	c := e.customer(obj{"name": "Routed"})
	cases := []struct {
		method, path string
		status       int
		code         reach.Code
		allow        string
	}{
		{"GET", "/api/v1/no-such-thing", 404, reach.ENOTFOUND, ""},
		{"DELETE", "/api/v1/customers", 405, reach.EMETHODNOTALLOWED, "GET, HEAD, POST"},
		{"PUT", "/api/v1/customers/" + c.ID, 405, reach.EMETHODNOTALLOWED, "GET, HEAD, PATCH"},
		{"GET", "/api//v1/customers", 400, reach.EMALFORMED, ""},
		{"GET", "/api/v1//customers", 400, reach.EMALFORMED, ""},
		{"GET", "/api/v1/customers/../customers", 400, reach.EMALFORMED, ""},
		{"GET", "/api/v1/customers/", 400, reach.EMALFORMED, ""},
	}
	for _, tc := range cases {
		req, _ := http.NewRequest(tc.method, e.srv.URL, nil)
		req.URL.Opaque = tc.path // sent as written, not cleaned by the client
		req.Header.Set("Authorization", "Bearer "+e.tokens["csr"])
		res, err := e.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tc.status || res.Header.Get("Content-Type") != "application/problem+json" || res.Header.Get("Allow") != tc.allow {
			t.Errorf("%s %s: %d %s Allow %q", tc.method, tc.path, res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Allow"))
		}
	}
}

// TestWebhookBodyLimit: a webhook body over the 1 MiB limit is 413, not a
// form error.
func TestWebhookBodyLimit(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	body := "CallSid=CA1&From=" + strings.Repeat("1", 2<<20)
	req, _ := http.NewRequest("POST", e.srv.URL+"/webhooks/twilio/voice/"+e.tenantA, bytes.NewReader([]byte(body)))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := e.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 413 {
		t.Errorf("a 2 MB webhook body: %d, want 413", res.StatusCode)
	}
}
