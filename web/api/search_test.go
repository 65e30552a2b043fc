package api_test

import (
	"net/url"
	"testing"

	"reach"
)

func TestSearchFindsByNameAddressPhoneAndEmail(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		zoe := e.customer(obj{"name": "Zoë O'Brien", "address": obj{"street": "4410 Burnet Rd", "city": "Austin", "state": "TX", "zip": "78756"},
			"contact_methods": arr{obj{"value": "(512) 867-5309"}, obj{"value": "zoe.obrien@gmail.com"}}})
		acme := e.customer(obj{"name": "Acme Property Management", "type": "commercial"})
		unit := e.location(acme.ID, obj{"name": "Maple Court Apartments", "address": obj{"street": "77 Maple Ave", "city": "Denver", "state": "CO", "zip": "80203"},
			"contact_methods": arr{obj{"kind": "phone", "value": "303-492-7788"}}})

		cases := []struct {
			q, wantID, field string
		}{
			{"zoe", zoe.ID, "name"},
			{"ZOË", zoe.ID, "name"},
			{"obri", zoe.ID, "name"},
			{"o'brien z", zoe.ID, "name"},
			{"burnet", zoe.ID, "address"},
			{"4410 burn", zoe.ID, "address"},
			{"512-867-5309", zoe.ID, "phone"},
			{"+1 (512) 867 5309", zoe.ID, "phone"},
			{"(512) 867-5309 x12", zoe.ID, "phone"}, // a number as read out with its extension
			{"512.867.5309 ext. 4", zoe.ID, "phone"},
			{"5309", zoe.ID, "phone"},
			{"8675309", zoe.ID, "phone"},
			{"zoe.obrien@GMAIL.com", zoe.ID, "email"},
			{"zoe.ob", zoe.ID, "name"},
			{"maple court", unit.ID, "name"},
			{"7788", unit.ID, "phone"},
			{"acme prop", acme.ID, "name"},
		}
		for _, tc := range cases {
			t.Run(tc.q, func(t *testing.T) {
				var res searchPage
				e.must(200, "viewer", "GET", "/api/v1/search?q="+url.QueryEscape(tc.q), nil).Decode(t, &res)
				found := false
				for _, r := range res.Items {
					if r.ID == tc.wantID {
						found = true
						if r.Matched.Field != tc.field {
							t.Errorf("matched field %q, want %q", r.Matched.Field, tc.field)
						}
						if tc.wantID == unit.ID && (r.Type != reach.RecordLocation || r.CustomerID != acme.ID || r.CustomerName != acme.Name) {
							t.Errorf("location result lacks its customer: %+v", r)
						}
					}
				}
				if !found {
					t.Errorf("%q did not find %s: %+v", tc.q, tc.wantID, res.Items)
				}
			})
		}
		for _, miss := range []string{"zoey", "512-867-5308", "5308", "brien@gmail", "maple zoe"} {
			var res searchPage
			e.must(200, "viewer", "GET", "/api/v1/search?q="+url.QueryEscape(miss), nil).Decode(t, &res)
			if len(res.Items) != 0 {
				t.Errorf("%q should find nothing, found %+v", miss, res.Items)
			}
		}
		r := e.do("viewer", "GET", "/api/v1/search?q=", nil)
		if r.Status != 422 {
			t.Errorf("empty query: %d", r.Status)
		}
		// A rename moves the record in the index.
		e.must(200, "csr", "PATCH", "/api/v1/customers/"+zoe.ID, obj{"name": "Zoë Castillo"}, ifMatch(1)...)
		var res searchPage
		e.must(200, "viewer", "GET", "/api/v1/search?q=obrien", nil).Decode(t, &res)
		for _, r := range res.Items {
			if r.ID == zoe.ID && r.Matched.Field == "name" {
				t.Errorf("old name still found after rename")
			}
		}
	})
}
