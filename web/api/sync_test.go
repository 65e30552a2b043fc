package api_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"reach"
)

// world is the shared-number situation sync exists for: a landlord whose
// office line P sits on the landlord, two of its properties and a tenant
// customer's record; an inactive customer also holds P; the property
// manager's email E sits on the landlord and on another customer.
type world struct {
	landlord, tenant, inactive, other reach.Customer
	unit1, unit2, unit3               reach.Location
}

const (
	lineP  = "+15128675309"
	lineQ  = "+15124440000"
	emailE = "pm@maplemgmt.com"
)

func newWorld(t *testing.T, e *env) world {
	t.Helper()
	var w world
	w.landlord = e.customer(obj{"name": "Maple Holdings", "type": "commercial", "contact_methods": arr{
		obj{"kind": "phone", "value": "(512) 867-5309", "memo": "Office", "primary": true}, obj{"value": emailE}}})
	w.unit1 = e.location(w.landlord.ID, obj{"name": "Unit 1", "contact_methods": arr{obj{"kind": "phone", "value": "512-867-5309", "memo": "Landlord"}}})
	w.unit2 = e.location(w.landlord.ID, obj{"name": "Unit 2", "contact_methods": arr{obj{"kind": "fax", "value": "512.867.5309", "memo": "Landlord fax"}}})
	w.unit3 = e.location(w.landlord.ID, obj{"name": "Unit 3", "contact_methods": arr{obj{"value": "512-867-1111"}}})
	w.tenant = e.customer(obj{"name": "Rosa Tenant", "contact_methods": arr{obj{"kind": "phone", "value": "+1 512 867 5309", "memo": "Landlord"}}})
	w.inactive = e.customer(obj{"name": "Former Tenant", "contact_methods": arr{obj{"kind": "phone", "value": "5128675309"}}})
	e.must(200, "admin", "POST", "/api/v1/customers/"+w.inactive.ID+"/deactivate", nil, ifMatch(w.inactive.Version)...)
	w.other = e.customer(obj{"name": "Oak Street HOA", "contact_methods": arr{obj{"value": "PM@MapleMgmt.com", "memo": "Manager"}}})
	return w
}

// saveResult is the body of a save, a preview or a single change.
type saveResult struct {
	ChangeID string          `json:"change_id"`
	Customer *reach.Customer `json:"customer"`
	Location *reach.Location `json:"location"`
	Diff     []struct {
		Op string `json:"op"`
	} `json:"diff"`
	Changes []struct {
		From       string `json:"from"`
		To         string `json:"to"`
		Candidates []struct {
			ContactMethodID string `json:"contact_method_id"`
			Record          struct {
				Type    string `json:"type"`
				ID      string `json:"id"`
				Version int64  `json:"version"`
			} `json:"record"`
			Customer struct {
				ID string `json:"id"`
			} `json:"customer"`
			CrossCustomer bool `json:"cross_customer"`
			Editable      bool `json:"editable"`
			Preselected   bool `json:"preselected"`
		} `json:"candidates"`
		Synced []string `json:"synced"`
	} `json:"changes"`
}

// replaceP is the landlord's whole-set save replacing P with Q.
func replaceP(w world, extra obj) obj {
	body := obj{"contact_methods": arr{
		obj{"id": w.landlord.ContactMethods[0].ID, "value": "(512) 444-0000", "memo": "Office", "primary": true},
		obj{"id": w.landlord.ContactMethods[1].ID, "value": emailE},
	}}
	for k, v := range extra {
		body[k] = v
	}
	return body
}

func methodOf(cms []reach.ContactMethod) reach.ContactMethod { return cms[0] }

func TestSyncCandidatesAndPreview(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		w := newWorld(t, e)
		before := e.snapshot()
		var preview saveResult
		e.must(200, "csr", "POST", "/api/v1/customers/"+w.landlord.ID+"/contact-methods/preview", replaceP(w, nil)).Decode(t, &preview)
		if e.snapshot() != before {
			t.Fatal("preview wrote to the database")
		}
		if len(preview.Changes) != 1 || preview.Changes[0].From != lineP || preview.Changes[0].To != lineQ {
			t.Fatalf("changes = %+v, want P replaced by Q", preview.Changes)
		}
		if len(preview.Diff) != 1 || preview.Diff[0].Op != "update" {
			t.Errorf("diff = %+v, want one update", preview.Diff)
		}
		got := map[string]string{}
		for _, c := range preview.Changes[0].Candidates {
			got[c.Record.ID] = fmt.Sprintf("cross=%v editable=%v preselected=%v", c.CrossCustomer, c.Editable, c.Preselected)
		}
		want := map[string]string{
			w.unit1.ID:  "cross=false editable=true preselected=true",
			w.unit2.ID:  "cross=false editable=true preselected=true",
			w.tenant.ID: "cross=true editable=true preselected=false",
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("candidates\n got %v\nwant %v (the inactive customer and the landlord itself are never candidates)", got, want)
		}
		// The same candidates come back from the save itself.
		var saved saveResult
		e.must(200, "csr", "PUT", "/api/v1/customers/"+w.landlord.ID+"/contact-methods", replaceP(w, nil), "If-Match", `"1"`).Decode(t, &saved)
		if len(saved.Changes) != 1 || len(saved.Changes[0].Candidates) != 3 || len(saved.Changes[0].Synced) != 0 {
			t.Errorf("save without sync: %+v", saved.Changes)
		}
	})
}

// TestSyncRules states each rule of applying a sync as a scenario: the save
// body, the expected status and code, and what each record holds afterwards.
func TestSyncRules(t *testing.T) {
	type holds map[string]string // record name -> number it must hold ("" = none)
	cases := []struct {
		name    string
		sync    func(w world, m map[string]reach.ContactMethod) obj
		status  int
		code    reach.Code
		after   holds
		changed bool
	}{
		{"same-customer targets are replaced in the same change, keeping their own kind and memo",
			func(w world, m map[string]reach.ContactMethod) obj {
				return obj{"sync": arr{obj{"from": lineP, "targets": arr{m["unit1"].ID, m["unit2"].ID}}}}
			}, 200, "", holds{"unit1": lineQ, "unit2": lineQ, "tenant": lineP}, true},
		{"another customer's record needs confirmation; nothing is written without it",
			func(w world, m map[string]reach.ContactMethod) obj {
				return obj{"sync": arr{obj{"from": lineP, "targets": arr{m["unit1"].ID, m["tenant"].ID}}}}
			}, 409, "cross_customer_confirmation_required", holds{"unit1": lineP, "tenant": lineP}, false},
		{"with confirmation another customer's record is replaced too",
			func(w world, m map[string]reach.ContactMethod) obj {
				return obj{"sync": arr{obj{"from": lineP, "targets": arr{m["tenant"].ID}}}, "confirm_cross_customer": true}
			}, 200, "", holds{"unit1": lineP, "tenant": lineQ}, true},
		{"a target whose record moved past the previewed version is refused",
			func(w world, m map[string]reach.ContactMethod) obj {
				return obj{"sync": arr{obj{"from": lineP, "targets": arr{m["unit1"].ID}, "versions": obj{m["unit1"].ID: 0}}}}
			}, 412, "version_conflict", holds{"unit1": lineP}, false},
		{"a target that no longer holds the old value is refused",
			func(w world, m map[string]reach.ContactMethod) obj {
				return obj{"sync": arr{obj{"from": lineP, "targets": arr{m["unit3"].ID}}}}
			}, 412, "version_conflict", holds{"unit3": "+15128671111"}, false},
		{"an unknown target is refused",
			func(w world, m map[string]reach.ContactMethod) obj {
				return obj{"sync": arr{obj{"from": lineP, "targets": arr{"nope"}}}}
			}, 412, "version_conflict", holds{"unit1": lineP}, false},
		{"a from the save does not replace is refused",
			func(w world, m map[string]reach.ContactMethod) obj {
				return obj{"sync": arr{obj{"from": "+15128671111", "targets": arr{m["unit3"].ID}}}}
			}, 422, "validation_failed", holds{"unit3": "+15128671111"}, false},
	}
	forEachBackend(t, func(t *testing.T, e *env) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				w := newWorld(t, e)
				m := map[string]reach.ContactMethod{
					"unit1": methodOf(w.unit1.ContactMethods), "unit2": methodOf(w.unit2.ContactMethods),
					"unit3": methodOf(w.unit3.ContactMethods), "tenant": methodOf(w.tenant.ContactMethods),
				}
				before := e.snapshot()
				r := e.do("csr", "PUT", "/api/v1/customers/"+w.landlord.ID+"/contact-methods", replaceP(w, tc.sync(w, m)), "If-Match", `"1"`)
				if r.Status != tc.status || r.Code() != tc.code {
					t.Fatalf("status %d code %q, want %d %q: %s", r.Status, r.Code(), tc.status, tc.code, r.Body)
				}
				if !tc.changed && e.snapshot() != before {
					t.Fatalf("refused sync wrote to the database")
				}
				recs := map[string]string{"unit1": "/api/v1/locations/" + w.unit1.ID, "unit2": "/api/v1/locations/" + w.unit2.ID,
					"unit3": "/api/v1/locations/" + w.unit3.ID, "tenant": "/api/v1/customers/" + w.tenant.ID}
				for name, want := range tc.after {
					var rec struct {
						ContactMethods []reach.ContactMethod `json:"contact_methods"`
					}
					e.must(200, "csr", "GET", recs[name], nil).Decode(t, &rec)
					got := rec.ContactMethods[0]
					if got.Value != want {
						t.Errorf("%s holds %s, want %s", name, got.Value, want)
					}
					if got.ID != m[name].ID || got.Kind != m[name].Kind || got.Memo != m[name].Memo {
						t.Errorf("%s lost its own id, kind or memo: %+v (was %+v)", name, got, m[name])
					}
				}
				if r.Status == 409 {
					var p struct {
						Customers []struct{ ID, Name string } `json:"customers"`
					}
					json.Unmarshal(r.Body, &p)
					if len(p.Customers) != 1 || p.Customers[0].ID != w.tenant.ID || p.Customers[0].Name != "Rosa Tenant" {
						t.Errorf("409 does not list the other customer: %s", r.Body)
					}
				}
			})
		}
	})
}

func TestSyncSharesOneChangeAndRevertsAsOne(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		w := newWorld(t, e)
		u1, ten := methodOf(w.unit1.ContactMethods), methodOf(w.tenant.ContactMethods)
		var saved saveResult
		e.must(200, "csr", "PUT", "/api/v1/customers/"+w.landlord.ID+"/contact-methods",
			replaceP(w, obj{"sync": arr{obj{"from": lineP, "targets": arr{u1.ID, ten.ID}}}, "confirm_cross_customer": true}), "If-Match", `"1"`).Decode(t, &saved)
		if saved.ChangeID == "" || len(saved.Changes[0].Synced) != 2 {
			t.Fatalf("save: %+v", saved)
		}
		for _, path := range []string{"/api/v1/customers/" + w.landlord.ID, "/api/v1/locations/" + w.unit1.ID, "/api/v1/customers/" + w.tenant.ID} {
			var h historyPage
			e.must(200, "manager", "GET", path+"/changes", nil).Decode(t, &h)
			if h.Items[0].ChangeID != saved.ChangeID {
				t.Errorf("%s: newest change %s, want the shared %s", path, h.Items[0].ChangeID, saved.ChangeID)
			}
		}
		var ch reach.Change
		e.must(200, "manager", "GET", "/api/v1/changes/"+saved.ChangeID, nil).Decode(t, &ch) // reading the audit trail takes audit.view
		if len(ch.Entries) != 3 {
			t.Errorf("change has %d entries, want the edit and two syncs", len(ch.Entries))
		}
		// Caller ID stays true: P now matches none of the synced records.
		var res searchPage
		e.must(200, "csr", "GET", "/api/v1/search?q=512-867-5309", nil).Decode(t, &res)
		for _, r := range res.Items {
			if r.ID == w.landlord.ID || r.ID == w.unit1.ID || r.ID == w.tenant.ID {
				t.Errorf("old number still reaches %s", r.Name)
			}
		}

		// Revert restores all three, as one new change.
		before := map[string]reach.ContactMethod{"u1": u1, "ten": ten, "landlord": w.landlord.ContactMethods[0]}
		var rev reach.Change
		e.must(200, "csr", "POST", "/api/v1/changes/"+saved.ChangeID+"/revert", nil).Decode(t, &rev)
		if rev.Action != "change.revert" || len(rev.Entries) != 3 {
			t.Errorf("revert change: %+v", rev)
		}
		var l reach.Location
		var c, land reach.Customer
		e.must(200, "csr", "GET", "/api/v1/locations/"+w.unit1.ID, nil).Decode(t, &l)
		e.must(200, "csr", "GET", "/api/v1/customers/"+w.tenant.ID, nil).Decode(t, &c)
		e.must(200, "csr", "GET", "/api/v1/customers/"+w.landlord.ID, nil).Decode(t, &land)
		for name, got := range map[string]reach.ContactMethod{"u1": l.ContactMethods[0], "ten": c.ContactMethods[0], "landlord": land.ContactMethods[0]} {
			if fmt.Sprint(got) != fmt.Sprint(before[name]) {
				t.Errorf("%s after revert\n got %+v\nwant %+v", name, got, before[name])
			}
		}
		if land.Version != 3 {
			t.Errorf("landlord version %d after revert, want 3 (versions only move forward)", land.Version)
		}
		// Reverting again: the records moved on (the revert itself), so it is refused.
		r := e.do("csr", "POST", "/api/v1/changes/"+saved.ChangeID+"/revert", nil)
		if r.Status != 409 || r.Code() != "revert_conflict" {
			t.Errorf("second revert: %d %s", r.Status, r.Body)
		}
		var p struct {
			Records []struct{ ID string } `json:"records"`
		}
		json.Unmarshal(r.Body, &p)
		if len(p.Records) != 3 {
			t.Errorf("revert_conflict lists %d records, want 3: %s", len(p.Records), r.Body)
		}
	})
}

func TestRevertRefusesWhenATouchedRecordChangedSince(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		w := newWorld(t, e)
		u1 := methodOf(w.unit1.ContactMethods)
		var saved saveResult
		e.must(200, "csr", "PUT", "/api/v1/customers/"+w.landlord.ID+"/contact-methods",
			replaceP(w, obj{"sync": arr{obj{"from": lineP, "targets": arr{u1.ID}}}}), "If-Match", `"1"`).Decode(t, &saved)
		e.must(200, "csr", "PATCH", "/api/v1/locations/"+w.unit1.ID, obj{"name": "Unit 1 (renovated)"}, ifMatch(2)...)
		before := e.snapshot()
		r := e.do("csr", "POST", "/api/v1/changes/"+saved.ChangeID+"/revert", nil)
		if r.Status != 409 || r.Code() != "revert_conflict" {
			t.Fatalf("revert after a later edit: %d %s", r.Status, r.Body)
		}
		if e.snapshot() != before {
			t.Errorf("refused revert wrote to the database")
		}
		r = e.do("csr", "POST", "/api/v1/changes/"+saved.ChangeID+"/revert", nil)
		var p struct {
			Records []struct{ ID string } `json:"records"`
		}
		json.Unmarshal(r.Body, &p)
		if len(p.Records) != 1 || p.Records[0].ID != w.unit1.ID {
			t.Errorf("conflict should name only unit 1: %s", r.Body)
		}
		// A creation can't be reverted.
		var h historyPage
		e.must(200, "admin", "GET", "/api/v1/customers/"+w.other.ID+"/changes", nil).Decode(t, &h)
		r = e.do("admin", "POST", "/api/v1/changes/"+h.Items[0].ChangeID+"/revert", nil)
		if r.Status != 422 || r.Code() != "revert_not_supported" {
			t.Errorf("revert of a creation: %d %s", r.Status, r.Body)
		}
	})
}

func TestSyncRemovalAndSinglePatch(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		w := newWorld(t, e)
		lemail, oemail := w.landlord.ContactMethods[1], methodOf(w.other.ContactMethods)
		// Preview the removal of the shared email, then remove it everywhere.
		var preview saveResult
		e.must(200, "csr", "POST", "/api/v1/contact-methods/"+lemail.ID+"/preview", obj{"remove": true}).Decode(t, &preview)
		if len(preview.Changes) != 1 || preview.Changes[0].To != "" || len(preview.Changes[0].Candidates) != 1 ||
			!preview.Changes[0].Candidates[0].CrossCustomer {
			t.Fatalf("removal preview: %+v", preview.Changes)
		}
		var res saveResult
		e.must(200, "csr", "DELETE", "/api/v1/contact-methods/"+lemail.ID,
			obj{"sync": arr{obj{"from": emailE, "targets": arr{oemail.ID}}}, "confirm_cross_customer": true}, ifMatch(1)...).Decode(t, &res)
		var other reach.Customer
		e.must(200, "csr", "GET", "/api/v1/customers/"+w.other.ID, nil).Decode(t, &other)
		if len(other.ContactMethods) != 0 {
			t.Errorf("removal sync left %+v", other.ContactMethods)
		}
		// A single PATCH replacing P syncs to a location that already holds Q:
		// it just loses P instead of holding Q twice.
		u1 := methodOf(w.unit1.ContactMethods)
		e.must(201, "csr", "POST", "/api/v1/locations/"+w.unit1.ID+"/contact-methods", obj{"value": "512-444-0000"}, ifMatch(1)...)
		e.must(200, "csr", "PATCH", "/api/v1/contact-methods/"+w.landlord.ContactMethods[0].ID,
			obj{"value": "512-444-0000", "sync": arr{obj{"from": lineP, "targets": arr{u1.ID}}}}, ifMatch(2)...).Decode(t, &res)
		var l reach.Location
		e.must(200, "csr", "GET", "/api/v1/locations/"+w.unit1.ID, nil).Decode(t, &l)
		if len(l.ContactMethods) != 1 || l.ContactMethods[0].Value != lineQ {
			t.Errorf("unit 1 holds %+v, want only Q", l.ContactMethods)
		}
	})
}

func TestPlaceholderValuesNeverSync(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		// Stored before placeholder rules refused it at entry: 512-555-0142 is a fictional 555-01XX line.
		a := e.legacyCustomer("A", "+15125550142")
		b := e.legacyCustomer("B", "+15125550142")
		before := e.snapshot()
		r := e.do("csr", "PATCH", "/api/v1/contact-methods/"+a.ContactMethods[0].ID,
			obj{"value": "512-867-2222", "sync": arr{obj{"from": "+15125550142", "targets": arr{b.ContactMethods[0].ID}}}, "confirm_cross_customer": true}, ifMatch(1)...)
		if r.Status != 422 || r.Code() != "placeholder_sync_forbidden" {
			t.Errorf("placeholder sync: %d %s", r.Status, r.Body)
		}
		if e.snapshot() != before {
			t.Errorf("refused placeholder sync wrote to the database")
		}
		var preview saveResult
		e.must(200, "csr", "POST", "/api/v1/contact-methods/"+a.ContactMethods[0].ID+"/preview", obj{"value": "512-867-2222"}).Decode(t, &preview)
		if len(preview.Changes) != 1 || preview.Changes[0].Candidates[0].Preselected {
			t.Errorf("a placeholder's candidates must not be preselected: %+v", preview.Changes)
		}
	})
}

// TestSyncVersionsNameTargets: a pin in versions must name one of the
// entry's targets (keyed by contact_method_id) — a key that names none, such
// as a record id, is refused with 422 rather than ignored — and a pin at a
// version the record has left is refused with 412. Nothing is written.
func TestSyncVersionsNameTargets(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		w := newWorld(t, e)
		u1 := methodOf(w.unit1.ContactMethods)
		before := e.snapshot()
		for name, tc := range map[string]struct {
			versions obj
			status   int
			field    string
		}{
			"keyed by the record's id": {obj{w.unit1.ID: 1}, 422, "sync[0].versions." + w.unit1.ID},
			"keyed by another target":  {obj{methodOf(w.unit2.ContactMethods).ID: 1}, 422, "sync[0].versions." + methodOf(w.unit2.ContactMethods).ID},
			"a stale version":          {obj{u1.ID: 7}, 412, ""},
		} {
			r := e.do("csr", "PUT", "/api/v1/customers/"+w.landlord.ID+"/contact-methods",
				replaceP(w, obj{"sync": arr{obj{"from": lineP, "targets": arr{u1.ID}, "versions": tc.versions}}}), ifMatch(1)...)
			if r.Status != tc.status || (tc.field != "" && (len(r.Fields()) == 0 || r.Fields()[0].Field != tc.field)) {
				t.Errorf("%s: %d %s", name, r.Status, r.Body)
			}
		}
		if e.snapshot() != before {
			t.Fatalf("a refused sync wrote to the database")
		}
		e.must(200, "csr", "PUT", "/api/v1/customers/"+w.landlord.ID+"/contact-methods",
			replaceP(w, obj{"sync": arr{obj{"from": lineP, "targets": arr{u1.ID}, "versions": obj{u1.ID: 1}}}}), ifMatch(1)...)
	})
}

// TestSyncFromIsComparedNormalized: a sync names the replaced value however
// it is typed — a number in any format, an address in any case.
func TestSyncFromIsComparedNormalized(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		w := newWorld(t, e)
		u1 := methodOf(w.unit1.ContactMethods)
		var saved saveResult
		e.must(200, "csr", "PUT", "/api/v1/customers/"+w.landlord.ID+"/contact-methods",
			replaceP(w, obj{"sync": arr{obj{"from": "(512) 867-5309", "targets": arr{u1.ID}}}}), ifMatch(1)...).Decode(t, &saved)
		if len(saved.Changes) != 1 || len(saved.Changes[0].Synced) != 1 {
			t.Fatalf("sync from a number as typed: %+v", saved.Changes)
		}
		// The answer lists the synced record at its new version.
		for _, c := range saved.Changes[0].Candidates {
			if c.ContactMethodID == u1.ID {
				if etag := e.must(200, "csr", "GET", "/api/v1/locations/"+w.unit1.ID, nil).Header.Get("ETag"); etag != fmt.Sprintf(`"%d"`, c.Record.Version) {
					t.Errorf("the synced record is listed at version %d, but is at %s", c.Record.Version, etag)
				}
			}
		}
		// The property manager's email is stored as PM@MapleMgmt.com on the
		// HOA; removing it from the landlord syncs with from in lower case.
		lm := w.landlord.ContactMethods[1]
		oe := methodOf(w.other.ContactMethods)
		e.must(200, "csr", "DELETE", "/api/v1/contact-methods/"+lm.ID,
			obj{"sync": arr{obj{"from": "pm@maplemgmt.com", "targets": arr{oe.ID}}}, "confirm_cross_customer": true}, ifMatch(2)...).Decode(t, &saved)
		if len(saved.Changes) != 1 || len(saved.Changes[0].Synced) != 1 {
			t.Errorf("sync from an address in another case: %+v", saved.Changes)
		}
	})
}

// TestResentValueKeepsItsMethod: in a whole-set save, an entry without an
// id whose value is already on the record is that method — same id and
// history — not a removal and an addition; so the value is not "replaced"
// and no sync can remove it from the other records holding it.
func TestResentValueKeepsItsMethod(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		w := newWorld(t, e)
		office := w.landlord.ContactMethods[0]
		u1 := methodOf(w.unit1.ContactMethods)
		resent := obj{"contact_methods": arr{
			obj{"value": "512.867.5309", "kind": "phone", "memo": "Main office", "primary": true},
			obj{"id": w.landlord.ContactMethods[1].ID, "value": emailE},
		}}
		before := e.snapshot()
		resent["sync"] = arr{obj{"from": lineP, "targets": arr{u1.ID}}}
		r := e.do("csr", "PUT", "/api/v1/customers/"+w.landlord.ID+"/contact-methods", resent, ifMatch(1)...)
		if r.Status != 422 || !contains(r.FieldCodes(), reach.ESYNCNOTAPPLICABLE) {
			t.Errorf("a sync of a value the save keeps: %d %s", r.Status, r.Body)
		}
		if e.snapshot() != before {
			t.Fatalf("the refused sync wrote")
		}
		delete(resent, "sync")
		var saved saveResult
		e.must(200, "csr", "PUT", "/api/v1/customers/"+w.landlord.ID+"/contact-methods", resent, ifMatch(1)...).Decode(t, &saved)
		m := saved.Customer.ContactMethods[0]
		if m.ID != office.ID || m.Memo != "Main office" || !m.CreatedAt.Equal(office.CreatedAt) || len(saved.Changes) != 0 {
			t.Errorf("the re-sent value became %+v with changes %+v; want the office method kept, with its new memo", m, saved.Changes)
		}
		var unit reach.Location
		e.must(200, "csr", "GET", "/api/v1/locations/"+w.unit1.ID, nil).Decode(t, &unit)
		if len(unit.ContactMethods) != 1 || unit.ContactMethods[0].Value != lineP {
			t.Errorf("unit 1 lost the shared number: %+v", unit.ContactMethods)
		}
	})
}
