package api_test

import (
	"strings"
	"testing"

	"reach"
)

// TestPlaceholdersAreRefusedOnEveryWritePath: each way a value enters reach
// refuses a placeholder with placeholder_value, naming the rule and saying
// to leave it out, and writes nothing. A filler that is not even a
// valid number is refused as invalid_phone — what it is first — and its
// message says it looks like a placeholder.
func TestPlaceholdersAreRefusedOnEveryWritePath(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		c := e.customer(obj{"name": "Real Customer", "contact_methods": arr{obj{"value": "512-867-5309"}, obj{"value": "real@gmail.com"}}})
		e.must(201, "admin", "POST", "/api/v1/placeholders", obj{"kind": "phone", "value": "(512) 444-0101", "note": "our own office line"})
		// m is the customer's method of the same sort as v: a number or an email.
		m := func(v string) string {
			if strings.Contains(v, "@") {
				return c.ContactMethods[1].ID
			}
			return c.ContactMethods[0].ID
		}
		paths := []struct {
			name, method, path string
			body               func(v string) any
		}{
			{"create customer", "POST", "/api/v1/customers", func(v string) any { return obj{"name": "X", "contact_methods": arr{obj{"value": v}}} }},
			{"create location", "POST", "/api/v1/customers/" + c.ID + "/locations", func(v string) any { return obj{"name": "X", "contact_methods": arr{obj{"value": v}}} }},
			{"add a method", "POST", "/api/v1/customers/" + c.ID + "/contact-methods", func(v string) any { return obj{"value": v, "version": 1} }},
			{"save the whole set", "PUT", "/api/v1/customers/" + c.ID + "/contact-methods", func(v string) any {
				return obj{"version": 1, "contact_methods": arr{obj{"id": m(v), "value": v}}}
			}},
		}
		values := []struct {
			value string
			code  reach.Code
			rule  string
		}{
			{"(512) 555-0142", reach.EPLACEHOLDER, "fictional-555-01xx"},
			{"(512) 555-1212", reach.EPLACEHOLDER, "directory-assistance"},
			{"noemail@gmail.com", reach.EPLACEHOLDER, "no-email-local-part"},
			{"no.email1+x@yahoo.com", reach.EPLACEHOLDER, "no-email-local-part"},
			{"jane@none.com", reach.EPLACEHOLDER, "filler-domain"},
			{"jane@example.com", reach.EPLACEHOLDER, "reserved-domain"},
			{"x@x.com", reach.EPLACEHOLDER, "one-letter-address"},
			{"1-512-444-0101", reach.EPLACEHOLDER, "tenant-list"},
			{"(123) 456-7890", reach.EINVALIDPHONE, "looks like a placeholder"},
			{"000-000-0000", reach.EINVALIDPHONE, "looks like a placeholder"},
			{"(299) 867-5309", reach.EINVALIDPHONE, "looks like a placeholder"},
		}
		before := e.snapshot()
		for _, v := range values {
			t.Run("change a value "+v.value, func(t *testing.T) {
				r := e.do("csr", "PATCH", "/api/v1/contact-methods/"+m(v.value), obj{"value": v.value}, ifMatch(1)...)
				if r.Status != 422 || !contains(r.FieldCodes(), v.code) || r.Fields()[0].Field != "value" {
					t.Fatalf("%d %s", r.Status, r.Body)
				}
			})
		}
		for _, p := range paths {
			for _, v := range values {
				t.Run(p.name+" "+v.value, func(t *testing.T) {
					r := e.do("csr", p.method, p.path, p.body(v.value), outsideHeader, "version in the body")
					if r.Status != 422 || !contains(r.FieldCodes(), v.code) {
						t.Fatalf("%d %s", r.Status, r.Body)
					}
					if d, _ := r.JSON()["detail"].(string); !strings.Contains(d, v.rule) || !strings.Contains(strings.ToLower(d), "leave it out") {
						t.Errorf("message does not name the rule %s and say what to do: %q", v.rule, d)
					}
				})
			}
		}
		// The tenant's list catches a number however it is typed, with an extension too.
		r := e.do("csr", "POST", "/api/v1/customers", obj{"name": "X", "contact_methods": arr{obj{"value": "1-512-444-0101 x3"}}})
		if r.Status != 422 || !contains(r.FieldCodes(), reach.EPLACEHOLDER) {
			t.Errorf("a listed number with an extension: %d %s", r.Status, r.Body)
		}
		if e.snapshot() != before {
			t.Errorf("refused placeholders changed the database")
		}
		var v struct {
			Valid bool       `json:"valid"`
			Code  reach.Code `json:"code"`
			Value string     `json:"value"`
		}
		e.must(200, "viewer", "POST", "/api/v1/validate", obj{"value": "(512) 555-0142"}).Decode(t, &v)
		if v.Valid || v.Code != reach.EPLACEHOLDER || v.Value != "+15125550142" {
			t.Errorf("validate: %+v", v)
		}
	})
}

func TestLegacyPlaceholdersAreFlaggedAndEditable(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		c := e.legacyCustomer("Legacy", "+15125550142")
		var got reach.Customer
		e.must(200, "viewer", "GET", "/api/v1/customers/"+c.ID, nil).Decode(t, &got)
		if got.ContactMethods[0].Placeholder == nil || got.ContactMethods[0].Placeholder.Rule != "fictional-555-01xx" {
			t.Fatalf("legacy placeholder not flagged: %+v", got.ContactMethods[0])
		}
		// Its memo can still be changed; its value is not re-judged.
		e.must(200, "csr", "PATCH", "/api/v1/contact-methods/"+c.ContactMethods[0].ID, obj{"memo": "ask for real number"}, ifMatch(1)...)
		// The flag is for readers: the history records the method as stored.
		if hist := e.must(200, "manager", "GET", "/api/v1/customers/"+c.ID+"/changes", nil); strings.Contains(string(hist.Body), "fictional-555-01xx") {
			t.Errorf("the placeholder flag was written into the history: %s", hist.Body)
		}
		// Replacing it with a real number works (and is not offered for sync).
		e.must(200, "csr", "PATCH", "/api/v1/contact-methods/"+c.ContactMethods[0].ID, obj{"value": "512-867-2222"}, ifMatch(2)...)
	})
}

type report struct {
	SuspectThreshold int `json:"suspect_threshold"`
	Items            []struct {
		Value     string                 `json:"value"`
		Reason    string                 `json:"reason"`
		Rule      *struct{ Rule string } `json:"rule"`
		Records   int                    `json:"records"`
		Customers int                    `json:"customers"`
		Sample    []struct {
			ID string `json:"id"`
		} `json:"sample"`
	} `json:"items"`
}

func TestPlaceholderReportCleanupAndRevert(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		// A legacy placeholder on three records of two customers...
		a := e.legacyCustomer("A", "+15125550142")
		b := e.legacyCustomer("B", "+15125550142")
		e.must(201, "csr", "POST", "/api/v1/customers/"+a.ID+"/locations", obj{"name": "A's cabin"}) // no number
		l := e.location(a.ID, obj{"name": "A's shop"})
		e.must(201, "csr", "POST", "/api/v1/locations/"+l.ID+"/contact-methods", obj{"value": "512-867-3333"}, ifMatch(1)...)
		// ...and a real number on four customers: a suspect with threshold 3.
		var shared []reach.Customer
		for _, n := range []string{"P1", "P2", "P3", "P4"} {
			shared = append(shared, e.customer(obj{"name": n, "contact_methods": arr{obj{"value": "512-867-4444", "kind": "phone"}}}))
		}
		var rep report
		e.must(200, "manager", "GET", "/api/v1/placeholders/report", nil).Decode(t, &rep)
		byValue := map[string]int{}
		for i, it := range rep.Items {
			byValue[it.Value] = i
		}
		ph, ok := byValue["+15125550142"]
		if !ok || rep.Items[ph].Reason != "placeholder" || rep.Items[ph].Rule.Rule != "fictional-555-01xx" || rep.Items[ph].Records != 2 || rep.Items[ph].Customers != 2 || len(rep.Items[ph].Sample) != 2 {
			t.Fatalf("placeholder item: %+v", rep.Items)
		}
		su, ok := byValue["+15128674444"]
		if !ok || rep.Items[su].Reason != "suspect" || rep.Items[su].Customers != 4 {
			t.Fatalf("suspect item: %+v", rep.Items)
		}
		if _, ok := byValue["+15128673333"]; ok {
			t.Errorf("a value on one record is neither placeholder nor suspect")
		}
		// Raising the threshold drops the suspect.
		e.must(200, "admin", "PUT", "/api/v1/settings/placeholders", obj{"suspect_threshold": 4})
		e.must(200, "manager", "GET", "/api/v1/placeholders/report", nil).Decode(t, &rep)
		for _, it := range rep.Items {
			if it.Value == "+15128674444" {
				t.Errorf("suspect still reported above the threshold")
			}
		}
		e.must(200, "admin", "PUT", "/api/v1/settings/placeholders", obj{"suspect_threshold": 3})

		// all_placeholders removes placeholders but never suspects.
		var res struct {
			ChangeID string `json:"change_id"`
			Removed  int    `json:"removed"`
			Records  int    `json:"records"`
		}
		e.must(200, "manager", "POST", "/api/v1/placeholders/cleanup", obj{"all_placeholders": true}).Decode(t, &res)
		if res.Removed != 2 || res.Records != 2 || res.ChangeID == "" {
			t.Fatalf("cleanup: %+v", res)
		}
		for _, id := range []string{a.ID, b.ID} {
			var c reach.Customer
			e.must(200, "viewer", "GET", "/api/v1/customers/"+id, nil).Decode(t, &c)
			if len(c.ContactMethods) != 0 {
				t.Errorf("placeholder left on %s", c.Name)
			}
		}
		var s reach.Customer
		e.must(200, "viewer", "GET", "/api/v1/customers/"+shared[0].ID, nil).Decode(t, &s)
		if len(s.ContactMethods) != 1 {
			t.Errorf("cleanup removed a suspect that was not listed")
		}
		// The suspect goes only when listed explicitly, in any format.
		e.must(200, "manager", "POST", "/api/v1/placeholders/cleanup", obj{"values": arr{"(512) 867-4444"}}).Decode(t, &res)
		if res.Removed != 4 {
			t.Errorf("explicit cleanup of the suspect removed %d", res.Removed)
		}
		// Reverting restores it.
		e.must(200, "manager", "POST", "/api/v1/changes/"+res.ChangeID+"/revert", nil)
		e.must(200, "viewer", "GET", "/api/v1/customers/"+shared[3].ID, nil).Decode(t, &s)
		if len(s.ContactMethods) != 1 || s.ContactMethods[0].Value != "+15128674444" {
			t.Errorf("revert did not restore the suspect: %+v", s.ContactMethods)
		}

		// Only managers and admins run reports and cleanups.
		for _, r := range []response{
			e.do("csr", "GET", "/api/v1/placeholders/report", nil),
			e.do("csr", "POST", "/api/v1/placeholders/cleanup", obj{"values": arr{"+15128674444"}}),
			e.do("csr", "POST", "/api/v1/placeholders", obj{"kind": "phone", "value": "512-444-0000"}),
		} {
			if r.Status != 403 {
				t.Errorf("csr: %d %s", r.Status, r.Body)
			}
		}
	})
}

func TestTenantListedPlaceholdersNeverSync(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		a := e.customer(obj{"name": "A", "contact_methods": arr{obj{"kind": "phone", "value": "512-444-0101"}}})
		b := e.customer(obj{"name": "B", "contact_methods": arr{obj{"kind": "phone", "value": "512-444-0101"}}})
		e.must(201, "admin", "POST", "/api/v1/placeholders", obj{"kind": "phone", "value": "512-444-0101", "note": "our office"})
		r := e.do("csr", "PATCH", "/api/v1/contact-methods/"+a.ContactMethods[0].ID,
			obj{"value": "512-867-2222", "sync": arr{obj{"from": "+15124440101", "targets": arr{b.ContactMethods[0].ID}}}, "confirm_cross_customer": true}, ifMatch(1)...)
		if r.Status != 422 || r.Code() != reach.EPLACEHOLDERSYNC {
			t.Errorf("%d %s", r.Status, r.Body)
		}
	})
}

// TestRevertNeedsTheRightsOfTheChange: reverting is a write like any other;
// a CSR cannot undo a manager's cleanup (putting placeholders back) nor
// anyone else's change it may not see.
func TestRevertNeedsTheRightsOfTheChange(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		e.legacyCustomer("Legacy", "+15125550142")
		var res struct {
			ChangeID string `json:"change_id"`
		}
		e.must(200, "manager", "POST", "/api/v1/placeholders/cleanup", obj{"all_placeholders": true}).Decode(t, &res)
		if r := e.do("csr", "POST", "/api/v1/changes/"+res.ChangeID+"/revert", nil); r.Status != 403 {
			t.Errorf("csr reverting a manager's cleanup: %d %s", r.Status, r.Body)
		}
		c := e.customer(obj{"name": "Edited by admin", "contact_methods": arr{obj{"value": "512-867-5309"}}})
		var out struct {
			ChangeID string `json:"change_id"`
		}
		e.must(200, "admin", "PATCH", "/api/v1/contact-methods/"+c.ContactMethods[0].ID, obj{"memo": "x"}, ifMatch(1)...).Decode(t, &out)
		if r := e.do("csr", "POST", "/api/v1/changes/"+out.ChangeID+"/revert", nil); r.Status != 403 {
			t.Errorf("csr reverting an admin's change: %d %s", r.Status, r.Body)
		}
		e.must(200, "manager", "POST", "/api/v1/changes/"+out.ChangeID+"/revert", nil)
	})
}
