package api_test

import (
	"net/url"
	"strings"
	"testing"

	"reach"
)

type callerID struct {
	Number  string `json:"number"`
	Matches []struct {
		Record struct {
			Type   string `json:"type"`
			ID     string `json:"id"`
			Active bool   `json:"active"`
		} `json:"record"`
		Customer struct {
			ID string `json:"id"`
		} `json:"customer"`
		ContactMethod struct {
			Kind string `json:"kind"`
			Memo string `json:"memo"`
		} `json:"contact_method"`
	} `json:"matches"`
}

func TestCallerIDMatchesExactly(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		a := e.customer(obj{"name": "Alma", "contact_methods": arr{obj{"value": "(512) 867-5309", "memo": "Cell"}}})
		site := e.location(a.ID, obj{"name": "Alma's rental", "contact_methods": arr{obj{"kind": "phone", "value": "512.867.5309", "memo": "Tenant line"}}})
		old := e.customer(obj{"name": "Old owner", "contact_methods": arr{obj{"value": "512-867-5309"}}})
		e.must(200, "admin", "POST", "/api/v1/customers/"+old.ID+"/deactivate", nil, ifMatch(1)...)
		gone := e.customer(obj{"name": "Moved away", "contact_methods": arr{obj{"value": "512-867-1111"}}})
		e.must(200, "csr", "DELETE", "/api/v1/contact-methods/"+gone.ContactMethods[0].ID, nil, ifMatch(1)...)
		twin := e.customer(obj{"name": "Denver twin", "contact_methods": arr{obj{"value": "303-867-5309"}}})

		lookup := func(as, number string) callerID {
			var id callerID
			e.must(200, as, "GET", "/api/v1/caller-id?number="+url.QueryEscape(number), nil).Decode(t, &id)
			return id
		}
		for _, number := range []string{"+15128675309", "(512) 867-5309", "512-867-5309 x22", "1 512 867 5309"} {
			id := lookup("viewer", number)
			if id.Number != "+15128675309" || len(id.Matches) != 3 {
				t.Fatalf("%q: %+v; want Alma, her rental and the old owner", number, id)
			}
			if !id.Matches[0].Record.Active || !id.Matches[1].Record.Active || id.Matches[2].Record.Active || id.Matches[2].Record.ID != old.ID {
				t.Errorf("%q: active records must come first: %+v", number, id.Matches)
			}
			for _, m := range id.Matches[:2] {
				if m.Customer.ID != a.ID || (m.Record.ID != a.ID && m.Record.ID != site.ID) {
					t.Errorf("unexpected match %+v", m)
				}
			}
		}
		// Same last 7 digits, other area code: only the Denver customer.
		if id := lookup("viewer", "303-867-5309"); len(id.Matches) != 1 || id.Matches[0].Record.ID != twin.ID {
			t.Errorf("303-867-5309 matched %+v, want only the Denver twin", id.Matches)
		}
		if id := lookup("viewer", "512-867-1111"); len(id.Matches) != 0 {
			t.Errorf("a removed number matched %+v", id.Matches)
		}
		if id := lookup("other", "512-867-5309"); len(id.Matches) != 0 {
			t.Errorf("tenant B sees tenant A's records: %+v", id.Matches)
		}
		for _, caller := range []string{"anonymous", "Restricted", "client:alice", "sip:alice@pbx.acmeheating.com", "+44 20 7946 0958", "", "8675309"} {
			id := lookup("csr", caller)
			if len(id.Matches) != 0 || id.Number != caller {
				t.Errorf("non-phone caller %q: %+v", caller, id)
			}
		}
	})
}

// TestExtensionsAreTwoMethodsOfOneLine: two people on one main line —
// (512) 450-3000 x101 and x102 — are two contact methods of one record,
// not a duplicate; the same extension twice is, and the message names the
// entry it repeats. Caller ID matches the main number and lists both.
func TestExtensionsAreTwoMethodsOfOneLine(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		c := e.customer(obj{"name": "Dental Office", "type": "commercial", "contact_methods": arr{
			obj{"value": "(512) 450-3000 x101", "memo": "Dr. Patel"},
			obj{"value": "(512) 450-3000 x102", "memo": "Front desk"},
		}})
		if len(c.ContactMethods) != 2 || c.ContactMethods[0].Extension != "101" || c.ContactMethods[1].Extension != "102" {
			t.Fatalf("two extensions of one line: %+v", c.ContactMethods)
		}
		var id callerID
		e.must(200, "csr", "GET", "/api/v1/caller-id?number=%2B15124503000", nil).Decode(t, &id)
		if len(id.Matches) != 2 || id.Matches[0].Record.ID != c.ID || id.Matches[1].Record.ID != c.ID {
			t.Errorf("caller ID of the main line: %+v, want both extensions", id.Matches)
		}
		r := e.do("csr", "PUT", "/api/v1/customers/"+c.ID+"/contact-methods", obj{"contact_methods": arr{
			obj{"id": c.ContactMethods[0].ID, "value": "(512) 450-3000 x101"},
			obj{"id": c.ContactMethods[1].ID, "value": "(512) 450-3000 x102"},
			obj{"value": "512.450.3000 ext 102", "memo": "again"},
		}}, ifMatch(1)...)
		f := r.Fields()
		if r.Status != 422 || len(f) != 1 || f[0].Code != reach.EDUPLICATECONTACT || f[0].Field != "contact_methods[2].value" ||
			!strings.Contains(f[0].Message, "ext. 102") || !strings.Contains(f[0].Message, "contact_methods[1]") {
			t.Errorf("a repeated extension: %d %s", r.Status, r.Body)
		}
	})
}
