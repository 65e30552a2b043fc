package api_test

import (
	"fmt"
	"strings"
	"testing"

	"reach"
)

// contactResult is what single contact-method edits return.
type contactResult struct {
	ContactMethod *reach.ContactMethod `json:"contact_method"`
	Customer      *reach.Customer      `json:"customer"`
	Location      *reach.Location      `json:"location"`
}

func TestContactMethodAddSwitchKindRemove(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		c := e.customer(obj{"name": "Rosa Diaz", "contact_methods": arr{obj{"value": "303-555-2368", "memo": "Home", "primary": true}}})
		orig := c.ContactMethods[0]

		var res contactResult
		r := e.must(201, "csr", "POST", "/api/v1/customers/"+c.ID+"/contact-methods", obj{"value": "720 240 1234", "primary": true, "memo": "Cell"}, "If-Match", `"1"`)
		r.Decode(t, &res)
		if res.ContactMethod == nil || res.ContactMethod.Kind != reach.KindMobile || res.Customer.Version != 2 || r.Header.Get("ETag") != `"2"` {
			t.Fatalf("add: %s", r.Body)
		}
		if r.Header.Get("Location") != "/api/v1/contact-methods/"+res.ContactMethod.ID {
			t.Errorf("Location header %q", r.Header.Get("Location"))
		}
		if res.Customer.ContactMethods[0].Primary || !res.Customer.ContactMethods[1].Primary {
			t.Errorf("marking the new number primary must move the flag: %+v", res.Customer.ContactMethods)
		}
		added := res.ContactMethod.ID

		// Switching mobile -> phone -> fax keeps value, memo, id and provenance.
		for i, kind := range []string{"phone", "fax", "mobile"} {
			e.must(200, "csr", "PATCH", "/api/v1/contact-methods/"+orig.ID, obj{"kind": kind}, "If-Match", fmt.Sprintf(`"%d"`, 2+i)).Decode(t, &res)
			m := res.ContactMethod
			if string(m.Kind) != kind || m.Value != orig.Value || m.Memo != "Home" || m.ID != orig.ID || !m.CreatedAt.Equal(orig.CreatedAt) || m.CreatedBy != orig.CreatedBy {
				t.Errorf("switch to %s lost data: %+v (was %+v)", kind, m, orig)
			}
		}
		// An email can't become a number without a new value.
		e.must(201, "csr", "POST", "/api/v1/customers/"+c.ID+"/contact-methods", obj{"value": "rosa@diaz-family.net"}, ifMatch(5)...)
		r = e.do("csr", "PATCH", "/api/v1/contact-methods/"+orig.ID, obj{"kind": "email"}, ifMatch(6)...)
		if r.Status != 422 || !contains(r.FieldCodes(), reach.EKINDCHANGE) {
			t.Errorf("number -> email without value: %d %s", r.Status, r.Body)
		}
		// Changing the value to one already on the record is refused, on
		// the field the request sent, naming the method it duplicates.
		r = e.do("csr", "PATCH", "/api/v1/contact-methods/"+orig.ID, obj{"value": "(720) 240-1234"}, ifMatch(6)...)
		if r.Status != 422 || !contains(r.FieldCodes(), reach.EDUPLICATECONTACT) || r.Fields()[0].Field != "value" || !strings.Contains(r.Fields()[0].Message, `"Cell"`) {
			t.Errorf("duplicate via patch: %d %s", r.Status, r.Body)
		}
		// Stale version on a contact-method edit.
		r = e.do("csr", "DELETE", "/api/v1/contact-methods/"+added, nil, "If-Match", `"1"`)
		if r.Status != 412 || r.Code() != "version_conflict" {
			t.Errorf("stale delete: %d %s", r.Status, r.Body)
		}
		e.must(200, "csr", "DELETE", "/api/v1/contact-methods/"+added, nil, ifMatch(6)...).Decode(t, &res)
		for _, m := range res.Customer.ContactMethods {
			if m.ID == added {
				t.Errorf("removed method still present")
			}
		}
		e.must(404, "csr", "GET", "/api/v1/contact-methods/"+added, nil)
	})
}

func TestContactMethodsSaveWholeSet(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		c := e.customer(janeBody)
		keep, change, drop := c.ContactMethods[0], c.ContactMethods[1], c.ContactMethods[2]
		set := obj{"contact_methods": arr{
			obj{"id": keep.ID, "value": keep.Value, "memo": "Cell (new memo)", "primary": true},
			obj{"id": change.ID, "value": "jane@newdomain.org"},
			obj{"value": "604-555-2211", "kind": "phone", "memo": "Cottage"},
		}}
		r := e.do("csr", "PUT", "/api/v1/customers/"+c.ID+"/contact-methods", set)
		if r.Status != 428 || r.Code() != "precondition_required" {
			t.Fatalf("PUT without If-Match: %d %s", r.Status, r.Body)
		}
		var res contactResult
		e.must(200, "csr", "PUT", "/api/v1/customers/"+c.ID+"/contact-methods", set, "If-Match", `"1"`).Decode(t, &res)
		got := res.Customer.ContactMethods
		if len(got) != 3 || got[0].ID != keep.ID || got[1].ID != change.ID || got[1].Value != "jane@newdomain.org" || got[0].Memo != "Cell (new memo)" {
			t.Fatalf("saved set wrong: %+v", got)
		}
		for _, m := range got {
			if m.ID == drop.ID {
				t.Errorf("unlisted method kept")
			}
		}
		if res.Customer.Version != 2 {
			t.Errorf("version %d, want 2", res.Customer.Version)
		}

		// Atomic: one bad entry refuses the whole set and writes nothing.
		before := e.snapshot()
		bad := obj{"contact_methods": arr{obj{"value": "512-867-1111"}, obj{"value": "+33 1 42 68 53 00"}}}
		r = e.do("csr", "PUT", "/api/v1/customers/"+c.ID+"/contact-methods", bad, "If-Match", `"2"`)
		if r.Status != 422 || !contains(r.FieldCodes(), reach.EINTERNATIONAL) || r.Fields()[0].Field != "contact_methods[1].value" {
			t.Errorf("bad set: %d %s", r.Status, r.Body)
		}
		r = e.do("csr", "PUT", "/api/v1/customers/"+c.ID+"/contact-methods", obj{"contact_methods": arr{obj{"id": "no-such-id", "value": "512-867-1111"}}}, "If-Match", `"2"`)
		if r.Status != 422 || !contains(r.FieldCodes(), reach.EUNKNOWNCONTACTMETHOD) {
			t.Errorf("foreign id in set: %d %s", r.Status, r.Body)
		}
		r = e.do("csr", "PUT", "/api/v1/customers/"+c.ID+"/contact-methods", obj{"contact_methods": arr{}}, "If-Match", `"1"`)
		if r.Status != 412 {
			t.Errorf("stale set: %d %s", r.Status, r.Body)
		}
		if e.snapshot() != before {
			t.Errorf("refused saves changed the database")
		}

		// The location twin.
		l := e.location(c.ID, obj{"name": "Lake house", "address": obj{"street": "9 Shore Rd", "city": "Kelowna", "state": "BC", "zip": "v1y4k8"},
			"contact_methods": arr{obj{"value": "250-555-7812"}}})
		if l.Address.Zip != "V1Y 4K8" || l.Address.Country != "CA" {
			t.Errorf("Canadian address not normalized: %+v", l.Address)
		}
		e.must(200, "csr", "PUT", "/api/v1/locations/"+l.ID+"/contact-methods", obj{"contact_methods": arr{obj{"value": "250-555-7813", "kind": "fax"}}}, "If-Match", `"1"`).Decode(t, &res)
		if res.Location == nil || len(res.Location.ContactMethods) != 1 || res.Location.ContactMethods[0].Kind != reach.KindFax {
			t.Errorf("location set: %+v", res)
		}
	})
}

func TestValidateAnswersWithoutWriting(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		before := e.snapshot()
		cases := []struct {
			name, kind, value string
			valid             bool
			code              reach.Code
			normalized        string
		}{
			{"US number any format", "", "1-512-867-5309", true, "", "+15128675309"},
			{"full-width digits", "phone", "５１２８６７５３０９", true, "", "+15128675309"},
			{"tel URI with extension", "phone", "tel:+1-512-867-5309;ext=44", true, "", "+15128675309"},
			{"UK number", "phone", "+44 20 7946 0958", false, "international_number", ""},
			{"letters", "mobile", "call me maybe", false, "invalid_phone", ""},
			{"email normalized", "email", "Someone@GMAIL.com", true, "", "Someone@gmail.com"},
			{"email with display name", "email", "Someone <someone@gmail.com>", false, "invalid_email", ""},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				var v struct {
					Valid bool       `json:"valid"`
					Value string     `json:"value"`
					Code  reach.Code `json:"code"`
				}
				body := obj{"value": tc.value}
				if tc.kind != "" {
					body["kind"] = tc.kind
				}
				e.must(200, "viewer", "POST", "/api/v1/validate", body).Decode(t, &v)
				if v.Valid != tc.valid || v.Code != tc.code || v.Value != tc.normalized {
					t.Errorf("got %+v, want valid=%v code=%q value=%q", v, tc.valid, tc.code, tc.normalized)
				}
			})
		}
		if e.snapshot() != before {
			t.Errorf("validate wrote to the database")
		}
	})
}

// TestKindSwitchKeepsTheExtension: switching a number with an extension to
// mobile is refused — a mobile has no extension, as on entry — instead of
// silently dropping it; with the extension removed in the same change it
// goes through.
func TestKindSwitchKeepsTheExtension(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		c := e.customer(obj{"name": "Front Desk", "contact_methods": arr{obj{"value": "(512) 450-3000 x101", "memo": "Desk"}}})
		m := c.ContactMethods[0]
		before := e.snapshot()
		r := e.do("csr", "PATCH", "/api/v1/contact-methods/"+m.ID, obj{"kind": "mobile"}, ifMatch(1)...)
		if r.Status != 422 || !contains(r.FieldCodes(), reach.EEXTENSIONNOTALLOWED) || r.Fields()[0].Field != "extension" {
			t.Errorf("switching a number with an extension to mobile: %d %s", r.Status, r.Body)
		}
		if e.snapshot() != before {
			t.Fatalf("the refused switch wrote")
		}
		// On entry, the message names the member the extension came in.
		for _, tc := range []struct {
			entry obj
			field string
		}{
			{obj{"value": "(512) 867-5309 x5", "kind": "mobile"}, "contact_methods[0].value"},
			{obj{"value": "(512) 867-5309", "extension": "5", "kind": "mobile"}, "contact_methods[0].extension"},
		} {
			r := e.do("csr", "POST", "/api/v1/customers", obj{"name": "Ext", "contact_methods": arr{tc.entry}})
			if r.Status != 422 || len(r.Fields()) != 1 || r.Fields()[0].Code != reach.EEXTENSIONNOTALLOWED || r.Fields()[0].Field != tc.field {
				t.Errorf("%v: %d %s", tc.entry, r.Status, r.Body)
			}
		}
		var res contactResult
		e.must(200, "csr", "PATCH", "/api/v1/contact-methods/"+m.ID, obj{"kind": "mobile", "extension": ""}, ifMatch(1)...).Decode(t, &res)
		if res.ContactMethod.Kind != reach.KindMobile || res.ContactMethod.Extension != "" || res.ContactMethod.Memo != "Desk" {
			t.Errorf("switch with the extension removed: %+v", res.ContactMethod)
		}
	})
}

// TestARecordHoldsAtMostAHundredMethods: the limit holds however methods
// arrive — on creation, in a whole-set save, one at a time.
func TestARecordHoldsAtMostAHundredMethods(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	entries := func(n int) arr {
		out := arr{}
		for i := range n {
			out = append(out, obj{"value": fmt.Sprintf("512-867-%04d", 1000+i)})
		}
		return out
	}
	if r := e.do("csr", "POST", "/api/v1/customers", obj{"name": "Too Many", "contact_methods": entries(101)}, outsideHeader, "over maxItems"); r.Status != 422 || r.Fields()[0].Field != "contact_methods" || r.Fields()[0].Code != reach.ETOOLONG {
		t.Errorf("creating with 101: %d %.300s", r.Status, r.Body)
	}
	c := e.customer(obj{"name": "Full", "contact_methods": entries(100)})
	if r := e.do("csr", "PUT", "/api/v1/customers/"+c.ID+"/contact-methods", obj{"contact_methods": entries(101)}, append(ifMatch(1), outsideHeader, "over maxItems")...); r.Status != 422 || r.Fields()[0].Field != "contact_methods" || r.Fields()[0].Code != reach.ETOOLONG {
		t.Errorf("saving 101: %d %.300s", r.Status, r.Body)
	}
	if r := e.do("csr", "POST", "/api/v1/customers/"+c.ID+"/contact-methods", obj{"value": "512-867-2001"}, ifMatch(1)...); r.Status != 422 || r.Fields()[0].Field != "value" || r.Fields()[0].Code != reach.ETOOLONG {
		t.Errorf("adding a 101st: %d %.300s", r.Status, r.Body)
	}
}

// TestEveryProblemOfASetIsReportedAtOnce: two primaries are reported with
// the set's other problems, not only once those are fixed.
func TestEveryProblemOfASetIsReportedAtOnce(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	r := e.do("csr", "POST", "/api/v1/customers", obj{"name": "Many Problems", "contact_methods": arr{
		obj{"value": "512-867-5309", "primary": true}, obj{"value": "512-867-5310", "primary": true}, obj{"value": "+44 20 7946 0958"}}})
	if r.Status != 422 || !contains(r.FieldCodes(), reach.EMULTIPLEPRIMARY) || !contains(r.FieldCodes(), reach.EINTERNATIONAL) {
		t.Errorf("two primaries and an international number: %d %s", r.Status, r.Body)
	}
}
