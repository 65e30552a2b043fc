package web_test

import (
	"encoding/json"
	"testing"

	"reach"
)

type historyPage struct {
	Items []struct {
		ChangeID   string          `json:"change_id"`
		ActorID    string          `json:"actor_id"`
		Source     string          `json:"source"`
		Action     string          `json:"action"`
		EntityType string          `json:"entity_type"`
		EntityID   string          `json:"entity_id"`
		Before     json.RawMessage `json:"before"`
		After      json.RawMessage `json:"after"`
	} `json:"items"`
	NextCursor string `json:"next_cursor"`
}

func TestEveryMutationIsAuditedNewestFirst(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		c := e.customer(obj{"name": "Audit Me", "contact_methods": arr{obj{"value": "512-867-5309"}}})
		e.must(200, "csr", "PATCH", "/api/v1/customers/"+c.ID, obj{"name": "Audited"})
		e.must(201, "csr", "POST", "/api/v1/customers/"+c.ID+"/contact-methods", obj{"value": "audit@gmail.com"})
		e.must(200, "csr", "PATCH", "/api/v1/contact-methods/"+c.ContactMethods[0].ID, obj{"kind": "phone"})
		e.must(200, "csr", "DELETE", "/api/v1/contact-methods/"+c.ContactMethods[0].ID, nil)
		e.must(200, "manager", "POST", "/api/v1/customers/"+c.ID+"/deactivate", nil)
		e.must(200, "csr", "PATCH", "/api/v1/customers/"+c.ID, obj{"name": "Audited"}) // no-op: not audited

		var page historyPage
		e.must(200, "viewer", "GET", "/api/v1/customers/"+c.ID+"/changes", nil).Decode(t, &page)
		wantActions := []string{"customer.deactivate", "contact_method.remove", "contact_method.update", "contact_method.add", "customer.update", "customer.create"}
		if len(page.Items) != len(wantActions) {
			t.Fatalf("history has %d items, want %d", len(page.Items), len(wantActions))
		}
		for i, want := range wantActions {
			it := page.Items[i]
			if it.Action != want || it.Source != "api" || it.EntityID != c.ID || it.EntityType != "customer" || it.ChangeID == "" {
				t.Errorf("item %d = %+v, want action %s", i, it, want)
			}
		}
		if page.Items[0].ActorID != e.users["manager"] || page.Items[1].ActorID != e.users["csr"] {
			t.Errorf("actors not recorded")
		}
		if string(page.Items[5].Before) != "null" {
			t.Errorf("creation has a before: %s", page.Items[5].Before)
		}
		var before, after reach.Customer
		json.Unmarshal(page.Items[4].Before, &before)
		json.Unmarshal(page.Items[4].After, &after)
		if before.Name != "Audit Me" || after.Name != "Audited" || after.Version != before.Version+1 {
			t.Errorf("rename snapshot: before %q after %q", before.Name, after.Name)
		}
		// Paging with a cursor continues where the last page stopped.
		var p1, p2 historyPage
		e.must(200, "viewer", "GET", "/api/v1/customers/"+c.ID+"/changes?limit=4", nil).Decode(t, &p1)
		e.must(200, "viewer", "GET", "/api/v1/customers/"+c.ID+"/changes?limit=4&cursor="+p1.NextCursor, nil).Decode(t, &p2)
		if len(p1.Items) != 4 || len(p2.Items) != 2 || p2.Items[0].Action != "customer.update" {
			t.Errorf("paging: %d then %d items", len(p1.Items), len(p2.Items))
		}
		// The change itself.
		var ch reach.Change
		e.must(200, "manager", "GET", "/api/v1/changes/"+page.Items[0].ChangeID, nil).Decode(t, &ch)
		if ch.Action != "customer.deactivate" || len(ch.Entries) != 1 || ch.ActorID != e.users["manager"] {
			t.Errorf("change: %+v", ch)
		}
	})
}

func TestLocationHistory(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		c := e.customer(obj{"name": "Owner"})
		l := e.location(c.ID, obj{"name": "Unit 1"})
		e.must(200, "csr", "PATCH", "/api/v1/locations/"+l.ID, obj{"name": "Unit 1A"}, "If-Match", `"1"`)
		var page historyPage
		e.must(200, "viewer", "GET", "/api/v1/locations/"+l.ID+"/changes", nil).Decode(t, &page)
		if len(page.Items) != 2 || page.Items[0].Action != "location.update" || page.Items[1].Action != "location.create" {
			t.Errorf("location history: %+v", page.Items)
		}
		var locs struct {
			Items []reach.Location `json:"items"`
		}
		e.must(200, "viewer", "GET", "/api/v1/customers/"+c.ID+"/locations", nil).Decode(t, &locs)
		if len(locs.Items) != 1 || locs.Items[0].Name != "Unit 1A" || locs.Items[0].CustomerID != c.ID {
			t.Errorf("customer's locations: %+v", locs.Items)
		}
	})
}
