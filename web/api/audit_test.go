package api_test

import (
	"encoding/json"
	"testing"

	"reach"
)

func TestEveryMutationIsAuditedNewestFirst(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		c := e.customer(obj{"name": "Audit Me", "contact_methods": arr{obj{"value": "512-867-5309"}}})
		e.must(200, "csr", "PATCH", "/api/v1/customers/"+c.ID, obj{"name": "Audited"}, ifMatch(1)...)
		e.must(201, "csr", "POST", "/api/v1/customers/"+c.ID+"/contact-methods", obj{"value": "audit@gmail.com"}, ifMatch(2)...)
		e.must(200, "csr", "PATCH", "/api/v1/contact-methods/"+c.ContactMethods[0].ID, obj{"kind": "phone"}, ifMatch(3)...)
		e.must(200, "csr", "DELETE", "/api/v1/contact-methods/"+c.ContactMethods[0].ID, nil, ifMatch(4)...)
		e.must(200, "manager", "POST", "/api/v1/customers/"+c.ID+"/deactivate", nil, ifMatch(5)...)
		e.must(200, "csr", "PATCH", "/api/v1/customers/"+c.ID, obj{"name": "Audited"}, ifMatch(6)...) // no-op: not audited

		var page historyPage
		e.must(200, "manager", "GET", "/api/v1/customers/"+c.ID+"/changes", nil).Decode(t, &page)
		wantActions := []string{"customer.deactivate", "contact_method.remove", "contact_method.update", "contact_method.add", "customer.update", "customer.create"}
		if len(page.Items) != len(wantActions) {
			t.Fatalf("history has %d items, want %d", len(page.Items), len(wantActions))
		}
		for i, want := range wantActions {
			it := page.Items[i]
			if it.Action != want || it.Source != reach.SourceAPI || it.EntityID != c.ID || it.EntityType != "customer" || it.ChangeID == "" {
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
		e.must(200, "manager", "GET", "/api/v1/customers/"+c.ID+"/changes?limit=4", nil).Decode(t, &p1)
		e.must(200, "manager", "GET", "/api/v1/customers/"+c.ID+"/changes?limit=4&cursor="+p1.NextCursor, nil).Decode(t, &p2)
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
		e.must(200, "manager", "GET", "/api/v1/locations/"+l.ID+"/changes", nil).Decode(t, &page)
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

// TestEveryAuditReadTakesAuditView: the history of a record holds every
// value it ever had, so reading it — by any route — takes audit.view, as
// reading one change does (SPEC §7). CSRs and viewers are refused, even for
// changes they made themselves; managers and admins read them.
func TestEveryAuditReadTakesAuditView(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		c := e.customer(obj{"name": "Private Person", "contact_methods": arr{obj{"value": "512-867-5309"}}})
		l := e.location(c.ID, obj{"name": "Home"})
		var edit struct {
			ChangeID string `json:"change_id"`
		}
		e.must(200, "csr", "PUT", "/api/v1/customers/"+c.ID+"/contact-methods", obj{"contact_methods": arr{}}, ifMatch(1)...).Decode(t, &edit)
		reads := []string{"/api/v1/customers/" + c.ID + "/changes", "/api/v1/locations/" + l.ID + "/changes", "/api/v1/changes/" + edit.ChangeID}
		for _, path := range reads {
			for _, role := range []string{"csr", "viewer"} {
				if r := e.do(role, "GET", path, nil); r.Status != 403 || r.Code() != reach.EFORBIDDEN {
					t.Errorf("%s reads %s: %d %s", role, path, r.Status, r.Body)
				}
			}
			for _, role := range []string{"manager", "admin"} {
				e.must(200, role, "GET", path, nil)
			}
		}
		// Undoing one's own change needs no audit.view: it is not a read of others' history.
		e.must(200, "csr", "POST", "/api/v1/changes/"+edit.ChangeID+"/revert", nil)
	})
}
