package api_test

import (
	"strings"
	"testing"

	"reach"
)

var janeBody = obj{
	"name":    "Jane Smith",
	"address": obj{"street": "12 Main St", "city": "Austin", "state": "tx", "zip": "78701"},
	"contact_methods": arr{
		obj{"value": "(512) 867-5309", "memo": "Cell", "primary": true},
		obj{"value": "Jane.Smith@Example-Mail.COM"},
		obj{"value": "512.328.4410 ext. 12"},
		obj{"kind": "fax", "value": "+1 512 328 4411"},
	},
}

func TestCustomerCreateNormalizesEverything(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		r := e.must(201, "csr", "POST", "/api/v1/customers", janeBody)
		var c reach.Customer
		r.Decode(t, &c)
		if r.Header.Get("ETag") != `"1"` || c.Version != 1 {
			t.Errorf("new customer: ETag %q version %d, want \"1\" and 1", r.Header.Get("ETag"), c.Version)
		}
		if c.Type != reach.Residential || !c.Active || c.Address.State != "TX" || c.Address.Country != "US" {
			t.Errorf("defaults/normalization wrong: %+v", c)
		}
		want := []struct{ kind, value, display, ext string }{
			{"mobile", "+15128675309", "(512) 867-5309", ""},
			{"email", "Jane.Smith@example-mail.com", "Jane.Smith@example-mail.com", ""},
			{"phone", "+15123284410", "(512) 328-4410 ext. 12", "12"},
			{"fax", "+15123284411", "(512) 328-4411", ""},
		}
		if len(c.ContactMethods) != len(want) {
			t.Fatalf("got %d contact methods, want %d", len(c.ContactMethods), len(want))
		}
		for i, w := range want {
			m := c.ContactMethods[i]
			if string(m.Kind) != w.kind || m.Value != w.value || m.Display != w.display || m.Extension != w.ext {
				t.Errorf("contact %d = %s %s %q ext %q, want %+v", i, m.Kind, m.Value, m.Display, m.Extension, w)
			}
			if m.ID == "" || m.CreatedBy != e.users["csr"] || m.Source != reach.SourceAPI {
				t.Errorf("contact %d provenance missing: %+v", i, m)
			}
		}
		var got reach.Customer
		e.must(200, "viewer", "GET", "/api/v1/customers/"+c.ID, nil).Decode(t, &got)
		if got.Name != c.Name || len(got.ContactMethods) != 4 || got.ContactMethods[0].Memo != "Cell" || !got.ContactMethods[0].Primary {
			t.Errorf("read back differs: %+v", got)
		}
	})
}

// TestCustomerValidation states each entry rule with its specific code. Every
// refused request leaves the database unchanged.
func TestCustomerValidation(t *testing.T) {
	long := strings.Repeat("a", 10000)
	cases := []struct {
		name      string
		body      any
		status    int
		code      reach.Code
		fieldCode reach.Code
	}{
		{"name is required", obj{"name": "   "}, 422, "validation_failed", "required"},
		{"name over 200 characters is refused", obj{"name": long}, 422, "validation_failed", "too_long"},
		{"control characters in a name are refused", obj{"name": "Bob\x00Smith"}, 422, "validation_failed", "control_characters"},
		{"a newline in a name is refused", obj{"name": "Bob\nSmith"}, 422, "validation_failed", "control_characters"},
		{"unknown customer type", obj{"name": "Bob", "type": "alien"}, 422, "validation_failed", ""},
		{"unknown state", obj{"name": "Bob", "address": obj{"street": "1 A St", "city": "X", "state": "ZZ", "zip": "12345"}}, 422, "validation_failed", "invalid_state"},
		{"bad ZIP", obj{"name": "Bob", "address": obj{"street": "1 A St", "city": "X", "state": "TX", "zip": "1234"}}, 422, "validation_failed", "invalid_postal_code"},
		{"bad Canadian postal code", obj{"name": "Bob", "address": obj{"street": "1 A St", "city": "Toronto", "state": "ON", "zip": "12345"}}, 422, "validation_failed", "invalid_postal_code"},
		{"foreign country", obj{"name": "Bob", "address": obj{"street": "1 A St", "city": "Paris", "state": "IL", "zip": "75001", "country": "FR"}}, 422, "validation_failed", "invalid_country"},
		{"partial address", obj{"name": "Bob", "address": obj{"street": "1 A St"}}, 422, "validation_failed", "required"},
		{"international number", obj{"name": "Bob", "contact_methods": arr{obj{"value": "+44 20 7946 0958"}}}, 422, "validation_failed", "international_number"},
		{"Jamaican +1 number is international", obj{"name": "Bob", "contact_methods": arr{obj{"value": "+1 876 927 1234"}}}, 422, "validation_failed", "international_number"},
		{"011 dialing is international", obj{"name": "Bob", "contact_methods": arr{obj{"value": "011 44 20 7946 0958"}}}, 422, "validation_failed", "international_number"},
		{"7-digit number is invalid", obj{"name": "Bob", "contact_methods": arr{obj{"value": "867-5309"}}}, 422, "validation_failed", "invalid_phone"},
		{"exchange starting with 1 is invalid", obj{"name": "Bob", "contact_methods": arr{obj{"value": "(512) 145-6789"}}}, 422, "validation_failed", "invalid_phone"},
		{"bad email", obj{"name": "Bob", "contact_methods": arr{obj{"kind": "email", "value": "bob@gmail"}}}, 422, "validation_failed", "invalid_email"},
		{"same number twice on one record", obj{"name": "Bob", "contact_methods": arr{obj{"value": "512-867-5309"}, obj{"kind": "phone", "value": "+1 (512) 867 5309"}}}, 422, "validation_failed", "duplicate_contact_method"},
		{"same email twice, differing in case", obj{"name": "Bob", "contact_methods": arr{obj{"value": "bob@gmail.com"}, obj{"value": "BOB@GMAIL.COM"}}}, 422, "validation_failed", "duplicate_contact_method"},
		{"two primary numbers", obj{"name": "Bob", "contact_methods": arr{obj{"value": "512-867-5309", "primary": true}, obj{"value": "512-867-5310", "primary": true}}}, 422, "validation_failed", "multiple_primary"},
		{"a mobile has no extension", obj{"name": "Bob", "contact_methods": arr{obj{"kind": "mobile", "value": "512-867-5309 x12"}}}, 422, "validation_failed", "extension_not_allowed"},
		{"unknown field", obj{"name": "Bob", "nickname": "B"}, 422, "validation_failed", "unknown_field"},
		{"wrong type", obj{"name": 42}, 422, "validation_failed", "wrong_type"},
		{"malformed JSON", `{"name": "Bob"`, 400, "malformed_request", ""},
		{"not JSON at all", `name=Bob`, 400, "malformed_request", ""},
		{"a 5 MB body", `{"name": "` + strings.Repeat("x", 5<<20) + `"}`, 413, "request_too_large", ""},
	}
	forEachBackend(t, func(t *testing.T, e *env) {
		before := e.snapshot()
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				r := e.do("admin", "POST", "/api/v1/customers", tc.body)
				if r.Status != tc.status || r.Code() != tc.code {
					t.Fatalf("status %d code %q, want %d %q: %s", r.Status, r.Code(), tc.status, tc.code, r.Body)
				}
				if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
					t.Errorf("Content-Type %q, want application/problem+json", ct)
				}
				if tc.fieldCode != "" && !contains(r.FieldCodes(), tc.fieldCode) {
					t.Errorf("field codes %v lack %q: %s", r.FieldCodes(), tc.fieldCode, r.Body)
				}
				if msg, _ := r.JSON()["detail"].(string); msg == "" {
					t.Errorf("problem has no detail message: %s", r.Body)
				}
			})
		}
		if after := e.snapshot(); after != before {
			t.Errorf("refused requests changed the database")
		}
	})
}

func TestCustomerPatchDeactivateAndList(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		c := e.customer(janeBody)
		r := e.must(200, "csr", "PATCH", "/api/v1/customers/"+c.ID, obj{"name": "Jane Doe", "address": obj{"unit": "Apt 4"}}, "If-Match", `"1"`)
		var got reach.Customer
		r.Decode(t, &got)
		if got.Name != "Jane Doe" || got.Address.Unit != "Apt 4" || got.Address.Street != "12 Main St" || got.Version != 2 || r.Header.Get("ETag") != `"2"` {
			t.Errorf("patch result wrong: %+v etag %s", got, r.Header.Get("ETag"))
		}
		if len(got.ContactMethods) != 4 {
			t.Errorf("patch lost contact methods: %d", len(got.ContactMethods))
		}
		r = e.do("csr", "PATCH", "/api/v1/customers/"+c.ID, obj{"name": "Stale"}, "If-Match", `"1"`)
		if r.Status != 412 || r.Code() != "version_conflict" {
			t.Errorf("stale If-Match: %d %s", r.Status, r.Body)
		}
		r = e.do("csr", "PATCH", "/api/v1/customers/"+c.ID, obj{"name": "Stale", "version": 1})
		if r.Status != 412 || r.Code() != "version_conflict" {
			t.Errorf("stale body version: %d %s", r.Status, r.Body)
		}
		r = e.do("csr", "PATCH", "/api/v1/customers/"+c.ID, obj{"name": "X"}, "If-Match", `banana`)
		if r.Status != 400 || r.Code() != "malformed_request" {
			t.Errorf("malformed If-Match: %d %s", r.Status, r.Body)
		}
		e.must(200, "csr", "PATCH", "/api/v1/customers/"+c.ID, obj{"name": "Jane Doe"}, ifMatch(2)...).Decode(t, &got) // no-op
		if got.Version != 2 {
			t.Errorf("a patch that changes nothing moved the version to %d", got.Version)
		}
		e.must(200, "csr", "POST", "/api/v1/customers/"+c.ID+"/deactivate", nil, "If-Match", `"2"`).Decode(t, &got)
		if got.Active || got.Version != 3 {
			t.Errorf("deactivate: active=%v version=%d", got.Active, got.Version)
		}
		other := e.customer(obj{"name": "Acme Property Management", "type": "commercial"})
		var page struct {
			Items      []reach.Customer `json:"items"`
			NextCursor string           `json:"next_cursor"`
		}
		e.must(200, "viewer", "GET", "/api/v1/customers?active=false", nil).Decode(t, &page)
		if len(page.Items) != 1 || page.Items[0].ID != c.ID {
			t.Errorf("active=false filter: %+v", page.Items)
		}
		e.must(200, "viewer", "GET", "/api/v1/customers?type=commercial", nil).Decode(t, &page)
		if len(page.Items) != 1 || page.Items[0].ID != other.ID {
			t.Errorf("type filter: %+v", page.Items)
		}
		e.must(200, "viewer", "GET", "/api/v1/customers?name=acme%20prop", nil).Decode(t, &page)
		if len(page.Items) != 1 || page.Items[0].ID != other.ID {
			t.Errorf("name prefix filter: %+v", page.Items)
		}
		e.must(200, "csr", "POST", "/api/v1/customers/"+c.ID+"/reactivate", nil, ifMatch(3)...).Decode(t, &got)
		if !got.Active || got.Version != 4 {
			t.Errorf("reactivate: %+v", got)
		}
		r = e.do("viewer", "GET", "/api/v1/customers?bogus=1", nil)
		if r.Status != 422 || !contains(r.FieldCodes(), reach.EUNKNOWNFIELD) {
			t.Errorf("unknown query parameter accepted: %d %s", r.Status, r.Body)
		}
	})
}

func TestCustomerListPaginatesEveryRowOnce(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		want := map[string]bool{}
		for i := 0; i < 7; i++ {
			want[e.customer(obj{"name": "Customer " + string(rune('A'+i))}).ID] = true
		}
		seen := map[string]bool{}
		cursor := ""
		for pages := 0; ; pages++ {
			if pages > 10 {
				t.Fatal("pagination does not end")
			}
			var page struct {
				Items      []reach.Customer `json:"items"`
				NextCursor string           `json:"next_cursor"`
			}
			e.must(200, "viewer", "GET", "/api/v1/customers?limit=3&cursor="+cursor, nil).Decode(t, &page)
			for _, c := range page.Items {
				if seen[c.ID] {
					t.Errorf("customer %s listed twice", c.ID)
				}
				seen[c.ID] = true
			}
			if page.NextCursor == "" {
				break
			}
			cursor = page.NextCursor
		}
		if len(seen) != len(want) {
			t.Errorf("listed %d customers, want %d", len(seen), len(want))
		}
		r := e.do("viewer", "GET", "/api/v1/customers?cursor=%21%21%21", nil)
		if r.Status != 422 || r.Fields()[0].Field != "cursor" {
			t.Errorf("garbage cursor: %d %s", r.Status, r.Body)
		}
	})
}

func TestNonJSONContentTypeIsRefused(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	r := e.do("admin", "POST", "/api/v1/customers", `name=Bob`, "Content-Type", "application/x-www-form-urlencoded")
	if r.Status != 415 || r.Code() != "unsupported_media_type" {
		t.Errorf("form body: %d %s", r.Status, r.Body)
	}
}

// TestBadPagingIsRefusedConsistently: a limit out of range or not a number
// is a 422 naming limit; a cursor not made by reach for this list, a 422
// naming cursor.
func TestBadPagingIsRefusedConsistently(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	for _, q := range []string{"limit=0", "limit=1000", "limit=abc"} {
		r := e.do("viewer", "GET", "/api/v1/customers?"+q, nil)
		if r.Status != 422 || r.Code() != "validation_failed" {
			t.Errorf("%s: %d %s", q, r.Status, r.Body)
		}
	}
	for _, q := range []string{"cursor=garbage", "cursor=Z2FyYmFnZQ"} {
		if r := e.do("viewer", "GET", "/api/v1/customers?"+q, nil); r.Status != 422 || r.Fields()[0].Field != "cursor" {
			t.Errorf("%s: %d %s", q, r.Status, r.Body)
		}
	}
}

// TestListFiltersTakeValuesAsEntryDoes: a filter is normalized the way the
// field is on entry — state tx is TX, postal code h2x3k5 is H2X 3K5 — and a
// value entry would refuse is refused here too.
func TestListFiltersTakeValuesAsEntryDoes(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		tx := e.customer(obj{"name": "Austin Customer", "address": obj{"street": "1 Congress Ave", "city": "Austin", "state": "TX", "zip": "78701"}})
		qc := e.customer(obj{"name": "Montréal Customer", "address": obj{"street": "1 Rue Sainte-Catherine", "city": "Montréal", "state": "QC", "zip": "H2X 3K5"}})
		for q, want := range map[string]string{"state=tx": tx.ID, "state=%20TX%20": tx.ID, "zip=h2x3k5": qc.ID, "zip=H2X%203k5": qc.ID, "city=MONTR%C3%89AL": qc.ID} {
			var page struct {
				Items []reach.Customer `json:"items"`
			}
			e.must(200, "viewer", "GET", "/api/v1/customers?"+q, nil).Decode(t, &page)
			if len(page.Items) != 1 || page.Items[0].ID != want {
				t.Errorf("%s found %d customers, want the one", q, len(page.Items))
			}
		}
		for q, code := range map[string]reach.Code{"state=ZZ": reach.EINVALIDSTATE, "zip=1234": reach.EINVALIDPOSTALCODE, "type=alien": reach.EINVALIDVALUE} {
			if r := e.do("viewer", "GET", "/api/v1/customers?"+q, nil); r.Status != 422 || !contains(r.FieldCodes(), code) {
				t.Errorf("%s: %d %s", q, r.Status, r.Body)
			}
		}
	})
}
