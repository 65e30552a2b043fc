package storetest

import (
	"errors"
	"testing"
	"time"

	"reach"
	"reach/sqlstore"
)

// TestRecordsRoundTrip: what is inserted is what is read back, field for field.
func TestRecordsRoundTrip(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		tenant := newTenant(t, db, "Acme")
		c := newCustomer(tenant, "Zoë O'Brien")
		c.Type = reach.Commercial
		c.CreatedAt, c.UpdatedAt = at(1), at(2)
		ref, cid := customerRef(c)
		// Saved order is not id order, kind order or value order.
		c.ContactMethods = []reach.ContactMethod{
			emailMethod(ref, cid, "Zoe@Example.com"),
			phoneMethod(ref, cid, "+15551230002"),
			phoneMethod(ref, cid, "+15551230001"),
		}
		c.ContactMethods[0].ID, c.ContactMethods[2].ID = c.ContactMethods[2].ID, c.ContactMethods[0].ID
		c.ContactMethods[1].Extension, c.ContactMethods[1].Memo, c.ContactMethods[1].Primary = "204", "front desk", true
		c.ContactMethods[2].Kind = reach.KindFax
		insertCustomer(t, db, c)

		l := newLocation(c, "Warehouse")
		l.Active = false
		lref, lcid := locationRef(l)
		l.ContactMethods = []reach.ContactMethod{
			phoneMethod(lref, lcid, "+15559870002"),
			emailMethod(lref, lcid, "dock@example.com"),
		}
		insertLocation(t, db, l)

		t.Run("a customer with contact methods reads back deep-equal", func(t *testing.T) {
			wantEqual(t, "customer", readCustomer(t, db, tenant, c.ID), c)
		})
		t.Run("a location with contact methods reads back deep-equal", func(t *testing.T) {
			wantEqual(t, "location", readLocation(t, db, tenant, l.ID), l)
		})
		t.Run("contact methods keep their saved order", func(t *testing.T) {
			got := readCustomer(t, db, tenant, c.ID).ContactMethods
			for i := range got {
				if got[i].ID != c.ContactMethods[i].ID {
					t.Fatalf("method %d is %s (%s), want %s", i, got[i].ID, got[i].Value, c.ContactMethods[i].ID)
				}
			}
		})
		t.Run("a customer's methods are owned by the customer", func(t *testing.T) {
			for _, m := range readCustomer(t, db, tenant, c.ID).ContactMethods {
				wantEqual(t, "owner", m.Owner, reach.RecordRef{Type: reach.RecordCustomer, ID: c.ID})
				wantEqual(t, "customer id", m.CustomerID, c.ID)
			}
		})
		t.Run("a location's methods are owned by the location and name its customer", func(t *testing.T) {
			for _, m := range readLocation(t, db, tenant, l.ID).ContactMethods {
				wantEqual(t, "owner", m.Owner, reach.RecordRef{Type: reach.RecordLocation, ID: l.ID})
				wantEqual(t, "customer id", m.CustomerID, c.ID)
			}
		})
		t.Run("a location's methods are not the customer's", func(t *testing.T) {
			if n := len(readCustomer(t, db, tenant, c.ID).ContactMethods); n != len(c.ContactMethods) {
				t.Fatalf("customer has %d methods, want %d", n, len(c.ContactMethods))
			}
		})
		t.Run("ContactMethod reads one method with its owner", func(t *testing.T) {
			for _, want := range []reach.ContactMethod{c.ContactMethods[1], l.ContactMethods[1]} {
				var got *reach.ContactMethod
				mustRead(t, db, func(tx reach.Tx) (err error) {
					got, err = tx.ContactMethod(t.Context(), tenant, want.ID)
					return err
				})
				wantEqual(t, "contact method", *got, want)
			}
		})
		t.Run("a record without contact methods has an empty, non-nil list", func(t *testing.T) {
			bare := newCustomer(tenant, "Bare")
			insertCustomer(t, db, bare)
			if got := readCustomer(t, db, tenant, bare.ID).ContactMethods; got == nil || len(got) != 0 {
				t.Fatalf("contact methods = %#v, want empty non-nil", got)
			}
		})
		t.Run("timestamps come back in UTC, truncated to the microsecond", func(t *testing.T) {
			east := time.FixedZone("UTC+5", 5*3600)
			in := time.Date(2025, 7, 1, 9, 30, 0, 123456789, east)
			want := time.Date(2025, 7, 1, 4, 30, 0, 123456000, time.UTC)
			odd := newCustomer(tenant, "Odd Times")
			odd.CreatedAt, odd.UpdatedAt = in, in
			oref, ocid := customerRef(odd)
			odd.ContactMethods = []reach.ContactMethod{phoneMethod(oref, ocid, "+15550000001")}
			odd.ContactMethods[0].CreatedAt, odd.ContactMethods[0].UpdatedAt = in, in
			insertCustomer(t, db, odd)
			got := readCustomer(t, db, tenant, odd.ID)
			for name, v := range map[string]time.Time{
				"created_at": got.CreatedAt, "updated_at": got.UpdatedAt,
				"method created_at": got.ContactMethods[0].CreatedAt, "method updated_at": got.ContactMethods[0].UpdatedAt,
			} {
				if v != want { // == also compares the location: it must be UTC
					t.Errorf("%s = %v, want %v", name, v, want)
				}
			}
		})
		t.Run("Now is fixed per transaction, in UTC, at microsecond precision", func(t *testing.T) {
			db.Now = func() time.Time { return time.Date(2025, 1, 1, 12, 0, 0, 999999999, time.FixedZone("X", 3600)) }
			t.Cleanup(func() { db.Now = func() time.Time { return time.Now().UTC() } })
			var got time.Time
			mustRead(t, db, func(tx reach.Tx) error { got = tx.Now(); return nil })
			if want := time.Date(2025, 1, 1, 11, 0, 0, 999999000, time.UTC); got != want {
				t.Fatalf("Now() = %v, want %v", got, want)
			}
		})
	})
}

// TestUpdateRecords: updates save fields and the exact contact-method set, and
// only when the expected version is still current.
func TestUpdateRecords(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		tenant := newTenant(t, db, "Acme")

		// seed stores a customer with three methods and a location with two.
		seed := func(t *testing.T) (*reach.Customer, *reach.Location) {
			t.Helper()
			c := newCustomer(tenant, "Old Name")
			ref, cid := customerRef(c)
			c.ContactMethods = []reach.ContactMethod{
				phoneMethod(ref, cid, "+15551110001"),
				phoneMethod(ref, cid, "+15551110002"),
				emailMethod(ref, cid, "old@example.com"),
			}
			insertCustomer(t, db, c)
			l := newLocation(c, "Old Site")
			lref, lcid := locationRef(l)
			l.ContactMethods = []reach.ContactMethod{
				phoneMethod(lref, lcid, "+15552220001"),
				emailMethod(lref, lcid, "site@example.com"),
			}
			insertLocation(t, db, l)
			return c, l
		}

		t.Run("UpdateCustomer saves fields and the contact-method set exactly", func(t *testing.T) {
			old, _ := seed(t)
			c := cloneCustomer(old)
			c.Name, c.Type, c.Active = "New Name", reach.Commercial, false
			c.Address = reach.Address{Street: "1 Main St", City: "Capital City", State: "NY", Zip: "10001", Country: "US"}
			c.Version, c.UpdatedAt = 2, at(10)
			ref, cid := customerRef(c)
			kept := c.ContactMethods[2] // updated in place, moved first
			kept.Value, kept.Key, kept.Display = "New@Example.com", "new@example.com", "New@Example.com"
			kept.Memo, kept.Primary, kept.UpdatedAt = "billing", true, at(10)
			same := c.ContactMethods[0] // untouched, moved last
			added := phoneMethod(ref, cid, "+15551110003")
			added.CreatedAt, added.UpdatedAt, added.CreatedBy = at(10), at(10), "user-2"
			// c.ContactMethods[1] is dropped.
			c.ContactMethods = []reach.ContactMethod{kept, added, same}
			mustWrite(t, db, func(tx reach.Tx) error { return update(ctx, tx, c, 1) })
			wantEqual(t, "customer", readCustomer(t, db, tenant, c.ID), c)
			mustRead(t, db, func(tx reach.Tx) error {
				_, err := tx.ContactMethod(ctx, tenant, old.ContactMethods[1].ID)
				wantCode(t, err, reach.ENOTFOUND)
				return nil
			})
		})
		t.Run("UpdateCustomer keeps a method's id and provenance", func(t *testing.T) {
			old, _ := seed(t)
			c := cloneCustomer(old)
			c.Version = 2
			m := &c.ContactMethods[0]
			m.Memo, m.UpdatedAt = "after hours", at(20)
			// Provenance is written once: an update cannot rewrite it.
			m.CreatedAt, m.CreatedBy, m.Source = at(20), "intruder", reach.SourceImport
			mustWrite(t, db, func(tx reach.Tx) error { return update(ctx, tx, c, 1) })
			got := readCustomer(t, db, tenant, c.ID).ContactMethods[0]
			want := old.ContactMethods[0]
			want.Memo, want.UpdatedAt = "after hours", at(20)
			wantEqual(t, "method", got, want)
		})
		t.Run("UpdateCustomer with an empty set removes every method", func(t *testing.T) {
			old, l := seed(t)
			c := cloneCustomer(old)
			c.Version, c.ContactMethods = 2, []reach.ContactMethod{}
			mustWrite(t, db, func(tx reach.Tx) error { return update(ctx, tx, c, 1) })
			wantEqual(t, "methods", readCustomer(t, db, tenant, c.ID).ContactMethods, []reach.ContactMethod{})
			// The location's methods belong to the location, not the customer.
			wantEqual(t, "location", readLocation(t, db, tenant, l.ID), l)
		})
		t.Run("UpdateLocation saves fields and the contact-method set exactly", func(t *testing.T) {
			_, old := seed(t)
			l := cloneLocation(old)
			l.Name, l.Active, l.Version, l.UpdatedAt = "New Site", false, 2, at(30)
			l.Address.Street, l.Address.Unit = "9 Pine Road", "Dock 4"
			ref, cid := locationRef(l)
			kept := l.ContactMethods[0]
			kept.Kind, kept.Extension, kept.UpdatedAt = reach.KindPhone, "12", at(30)
			added := emailMethod(ref, cid, "gate@example.com")
			l.ContactMethods = []reach.ContactMethod{added, kept}
			mustWrite(t, db, func(tx reach.Tx) error { return update(ctx, tx, l, 1) })
			wantEqual(t, "location", readLocation(t, db, tenant, l.ID), l)
		})
		t.Run("updates chain: each one expects the version the last one wrote", func(t *testing.T) {
			c, _ := seed(t)
			for v := int64(1); v <= 3; v++ {
				next := cloneCustomer(c)
				next.Version = v + 1
				mustWrite(t, db, func(tx reach.Tx) error { return update(ctx, tx, next, v) })
				c = next
			}
			wantEqual(t, "version", readCustomer(t, db, tenant, c.ID).Version, int64(4))
		})

		t.Run("a stale version is a version conflict and changes nothing", func(t *testing.T) {
			c, l := seed(t)
			before := snapshot(t, db)
			staleC := cloneCustomer(c)
			staleC.Name, staleC.Version, staleC.ContactMethods = "Lost Update", 3, staleC.ContactMethods[:1]
			staleL := cloneLocation(l)
			staleL.Name, staleL.Version, staleL.ContactMethods = "Lost Site", 3, nil
			// Only its contact methods change: the record itself is not
			// updated, its version only moves on.
			staleMethods := cloneCustomer(c)
			staleMethods.Version, staleMethods.ContactMethods = 3, staleMethods.ContactMethods[:1]

			for _, tc := range []struct {
				name   string
				update func(tx reach.Tx) error
			}{
				{"customer", func(tx reach.Tx) error { return update(ctx, tx, staleC, 2) }},
				{"location", func(tx reach.Tx) error { return update(ctx, tx, staleL, 2) }},
				{"contact-only", func(tx reach.Tx) error { return update(ctx, tx, staleMethods, 2) }},
			} {
				t.Run(tc.name+" conflict reports the current version", func(t *testing.T) {
					err := db.Write(ctx, tc.update)
					wantCode(t, err, reach.EVERSIONCONFLICT)
					var e *reach.Error
					if !errors.As(err, &e) || e.Details["current_version"] != int64(1) {
						t.Fatalf("details = %v, want current_version 1", e.Details)
					}
				})
				t.Run(tc.name+" conflict leaves nothing behind even if the transaction commits", func(t *testing.T) {
					var got error
					mustWrite(t, db, func(tx reach.Tx) error { got = tc.update(tx); return nil })
					wantCode(t, got, reach.EVERSIONCONFLICT)
				})
			}
			if after := snapshot(t, db); after != before {
				t.Fatalf("a refused update changed the database\nbefore:\n%s\nafter:\n%s", before, after)
			}
			wantEqual(t, "customer", readCustomer(t, db, tenant, c.ID), c)
			wantEqual(t, "location", readLocation(t, db, tenant, l.ID), l)
		})
		t.Run("an unknown id is not found", func(t *testing.T) {
			c, l := seed(t)
			ghostC := cloneCustomer(c)
			ghostC.ID = reach.NewID()
			ghostL := cloneLocation(l)
			ghostL.ID = reach.NewID()
			for _, tc := range []struct {
				name string
				fn   func(tx reach.Tx) error
			}{
				{"Customer", func(tx reach.Tx) error { _, err := tx.Customer(ctx, tenant, ghostC.ID); return err }},
				{"Location", func(tx reach.Tx) error { _, err := tx.Location(ctx, tenant, ghostL.ID); return err }},
				{"ContactMethod", func(tx reach.Tx) error { _, err := tx.ContactMethod(ctx, tenant, reach.NewID()); return err }},
				{"UpdateCustomer", func(tx reach.Tx) error { return update(ctx, tx, ghostC, 1) }},
				{"UpdateLocation", func(tx reach.Tx) error { return update(ctx, tx, ghostL, 1) }},
			} {
				t.Run(tc.name, func(t *testing.T) { wantCode(t, db.Write(ctx, tc.fn), reach.ENOTFOUND) })
			}
		})

		t.Run("a failing Write rolls back everything it did", func(t *testing.T) {
			c, l := seed(t)
			before := snapshot(t, db)
			boom := errors.New("boom")
			fresh := newCustomer(tenant, "Never Saved")
			err := db.Write(ctx, func(tx reach.Tx) error {
				if err := insert(ctx, tx, fresh); err != nil {
					return err
				}
				upd := cloneCustomer(c)
				upd.Name, upd.Version, upd.ContactMethods = "Rolled Back", 2, nil
				if err := update(ctx, tx, upd, 1); err != nil {
					return err
				}
				updL := cloneLocation(l)
				updL.Name, updL.Version = "Rolled Back Site", 2
				if err := update(ctx, tx, updL, 1); err != nil {
					return err
				}
				if err := tx.InsertChange(ctx, &reach.Change{ID: reach.NewID(), TenantID: tenant, ActorID: "u",
					Source: reach.SourceUI, Action: "customer.update", At: at(40),
					Entries: []reach.ChangeEntry{{EntityType: "customer", EntityID: c.ID,
						Before: reach.Snapshot(c), After: reach.Snapshot(upd)}}}); err != nil {
					return err
				}
				return boom
			})
			if !errors.Is(err, boom) {
				t.Fatalf("Write returned %v, want the function's own error", err)
			}
			if after := snapshot(t, db); after != before {
				t.Fatalf("a failed Write changed the database\nbefore:\n%s\nafter:\n%s", before, after)
			}
			wantEqual(t, "customer", readCustomer(t, db, tenant, c.ID), c)
			mustRead(t, db, func(tx reach.Tx) error {
				_, err := tx.Customer(ctx, tenant, fresh.ID)
				wantCode(t, err, reach.ENOTFOUND)
				return nil
			})
		})
	})
}
