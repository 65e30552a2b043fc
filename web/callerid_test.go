package web_test

import (
	"net/url"
	"testing"
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
		e.must(200, "admin", "POST", "/api/v1/customers/"+old.ID+"/deactivate", nil)
		gone := e.customer(obj{"name": "Moved away", "contact_methods": arr{obj{"value": "512-867-1111"}}})
		e.must(200, "csr", "DELETE", "/api/v1/contact-methods/"+gone.ContactMethods[0].ID, nil)
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
