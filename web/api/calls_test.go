package api_test

import (
	"fmt"
	"sync"
	"testing"

	"reach"
)

func TestCallsLinkByNumberOrByAgent(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		alma := e.customer(obj{"name": "Alma", "contact_methods": arr{obj{"value": "512-867-5309"}}})
		e.location(alma.ID, obj{"name": "Alma's rental", "contact_methods": arr{obj{"kind": "phone", "value": "512-867-5309"}}})
		solo := e.customer(obj{"name": "Solo", "contact_methods": arr{obj{"value": "512-867-1000"}}})
		x := e.customer(obj{"name": "Shared X", "contact_methods": arr{obj{"value": "512-867-2000"}}})
		y := e.customer(obj{"name": "Shared Y", "contact_methods": arr{obj{"value": "512-867-2000"}}})
		yLoc := e.location(y.ID, obj{"name": "Y's shop"})
		_ = x

		post := func(from, id string) reach.Call {
			var c reach.Call
			e.must(201, "csr", "POST", "/api/v1/calls", obj{"from": from, "to": "+15124440000", "provider": "twilio", "provider_call_id": id}).Decode(t, &c)
			return c
		}
		c := post("+1 (512) 867-5309", "CA1")
		if c.Link == nil || c.Link.By != "number" || c.Link.Type != reach.RecordCustomer || c.Link.ID != alma.ID || c.FromNumber != "+15128675309" {
			t.Errorf("two records of one customer must link to the customer: %+v", c.Link)
		}
		c = post("5128671000", "CA2")
		if c.Link == nil || c.Link.ID != solo.ID || c.Link.By != "number" {
			t.Errorf("one record must link to it: %+v", c.Link)
		}
		shared := post("512-867-2000", "CA3")
		if shared.Link != nil {
			t.Errorf("two customers matched: the call must wait for an agent, got %+v", shared.Link)
		}
		anon := post("anonymous", "CA4")
		if anon.Link != nil || anon.FromNumber != "" || string(anon.Matches) != "[]" {
			t.Errorf("anonymous caller: %+v", anon)
		}
		// The agent picks Y's shop.
		var linked reach.Call
		e.must(200, "csr", "POST", "/api/v1/calls/"+shared.ID+"/link", obj{"location_id": yLoc.ID}).Decode(t, &linked)
		if linked.Link == nil || linked.Link.By != "agent" || linked.Link.ActorID != e.users["csr"] || linked.Link.CustomerID != y.ID {
			t.Errorf("agent link: %+v", linked.Link)
		}
		if r := e.do("csr", "POST", "/api/v1/calls/"+shared.ID+"/link", obj{"customer_id": y.ID, "location_id": yLoc.ID}); r.Status != 422 {
			t.Errorf("two targets: %d %s", r.Status, r.Body)
		}
		var page struct {
			Items []reach.Call `json:"items"`
		}
		e.must(200, "viewer", "GET", "/api/v1/calls?linked=false", nil).Decode(t, &page)
		if len(page.Items) != 1 || page.Items[0].ID != anon.ID {
			t.Errorf("unlinked calls: %+v", page.Items)
		}
		e.must(200, "viewer", "GET", "/api/v1/customers/"+y.ID+"/calls", nil).Decode(t, &page)
		if len(page.Items) != 1 || page.Items[0].ID != shared.ID {
			t.Errorf("Y's calls: %+v", page.Items)
		}
		e.must(200, "viewer", "GET", "/api/v1/calls?limit=2", nil).Decode(t, &page)
		if len(page.Items) != 2 || page.Items[0].ID != anon.ID {
			t.Errorf("newest first: %+v", page.Items)
		}
		if r := e.do("viewer", "POST", "/api/v1/calls", obj{"from": "x", "provider": "t", "provider_call_id": "v"}); r.Status != 403 {
			t.Errorf("viewer recording a call: %d", r.Status)
		}
	})
}

// TestCallRetriesAreIdempotent posts one call 50 times at once, as a provider
// retrying a webhook would: one call is recorded and every answer names it.
func TestCallRetriesAreIdempotent(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		e.customer(obj{"name": "Alma", "contact_methods": arr{obj{"value": "512-867-5309"}}})
		const retries = 50
		var wg sync.WaitGroup
		ids := make([]string, retries)
		statuses := make([]int, retries)
		for i := range retries {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := e.do("csr", "POST", "/api/v1/calls", obj{"from": "+15128675309", "provider": "twilio", "provider_call_id": "CA-retry"})
				var c reach.Call
				r.Decode(t, &c)
				ids[i], statuses[i] = c.ID, r.Status
			}()
		}
		wg.Wait()
		created := 0
		for i := range retries {
			if ids[i] != ids[0] || ids[i] == "" {
				t.Fatalf("retry %d got call %q, first got %q", i, ids[i], ids[0])
			}
			switch statuses[i] {
			case 201:
				created++
			case 200:
			default:
				t.Errorf("retry %d: status %d", i, statuses[i])
			}
		}
		if created != 1 {
			t.Errorf("%d retries answered 201 Created, want exactly 1", created)
		}
		var page struct {
			Items []reach.Call `json:"items"`
		}
		e.must(200, "viewer", "GET", "/api/v1/calls", nil).Decode(t, &page)
		if len(page.Items) != 1 {
			t.Errorf("%d calls recorded, want 1: %s", len(page.Items), fmt.Sprint(page.Items))
		}
	})
}
