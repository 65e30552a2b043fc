package storetest

import (
	"testing"
	"time"

	"reach"
	"reach/sqlstore"
)

// TestHoldersAndBulkEdits covers what sync stands on: finding every holder
// of a value, loading many records at once, and changing many in a few
// statements — all within the tenant.
func TestHoldersAndBulkEdits(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		a, b := newTenant(t, db, "A"), newTenant(t, db, "B")
		const p = "+15128675309"
		owner := newCustomer(a, "Landlord")
		oref, oid := customerRef(owner)
		owner.ContactMethods = []reach.ContactMethod{phoneMethod(oref, oid, p), emailMethod(oref, oid, "pm@maplemgmt.com")}
		insertCustomer(t, db, owner)
		unit := newLocation(owner, "Unit 1")
		uref, ucid := locationRef(unit)
		unit.ContactMethods = []reach.ContactMethod{phoneMethod(uref, ucid, p)}
		insertLocation(t, db, unit)
		gone := newCustomer(a, "Former tenant")
		gref, gid := customerRef(gone)
		gone.ContactMethods = []reach.ContactMethod{phoneMethod(gref, gid, p)}
		gone.Active = false
		insertCustomer(t, db, gone)
		foreign := newCustomer(b, "Other tenant")
		fref, fid := customerRef(foreign)
		foreign.ContactMethods = []reach.ContactMethod{phoneMethod(fref, fid, p)}
		insertCustomer(t, db, foreign)

		var held []reach.HeldContact
		mustRead(t, db, func(tx reach.Tx) (err error) {
			held, err = tx.ContactsByKey(ctx, a, p)
			return err
		})
		if len(held) != 3 || !held[0].RecordActive || !held[1].RecordActive || held[2].RecordActive {
			t.Fatalf("holders of %s: %+v; want 3 of tenant A, active first", p, held)
		}
		// Caller ID reads the same without a transaction.
		var want []reach.Holder
		for _, h := range held {
			want = append(want, reach.Holder{Key: h.Key, Owner: h.Owner, MethodID: h.ID, Kind: h.Kind, Memo: h.Memo, RecordName: h.RecordName,
				RecordActive: h.RecordActive, CustomerID: h.CustomerID, CustomerName: h.CustomerName})
		}
		for range 3 { // the second time on SQLite, through the prepared statement
			outside, err := db.CallersOf(ctx, a, p)
			if err != nil {
				t.Fatal(err)
			}
			wantEqual(t, "callers read outside a transaction", outside, want)
			time.Sleep(10 * time.Millisecond)
		}
		// Many values at once: each value's holders together, in the same
		// order, values in key order, never another tenant's.
		var many []reach.Holder
		mustRead(t, db, func(tx reach.Tx) (err error) {
			many, err = tx.HoldersOfKeys(ctx, a, []string{p, "nobody@nowhere.com", "pm@maplemgmt.com"})
			return err
		})
		if len(many) != 4 || many[0].Key != p || many[3].Key != "pm@maplemgmt.com" {
			t.Fatalf("holders of two values and one nobody holds: %+v", many)
		}
		wantEqual(t, "holders of several values", many[:3], want)
		for _, h := range held {
			if h.Owner == uref && (h.RecordName != "Unit 1" || h.CustomerName != "Landlord" || h.CustomerID != owner.ID || h.RecordVersion != 1) {
				t.Errorf("location holder lacks its record or customer: %+v", h)
			}
		}

		var cs []reach.Customer
		var ls []reach.Location
		mustRead(t, db, func(tx reach.Tx) (err error) {
			if cs, err = tx.CustomersByID(ctx, a, []string{owner.ID, gone.ID, foreign.ID, "unknown"}); err != nil {
				return err
			}
			ls, err = tx.LocationsByID(ctx, a, []string{unit.ID})
			return err
		})
		if len(cs) != 2 || len(ls) != 1 || len(ls[0].ContactMethods) != 1 {
			t.Fatalf("batch loads: %d customers (want 2: not B's, not unknown), %d locations", len(cs), len(ls))
		}
		for _, c := range cs {
			wantEqual(t, "batch-loaded customer", c, *readCustomer(t, db, a, c.ID))
		}

		// One WriteRecords call changes exactly what it names: a value on
		// one record, a removal on another, each record one version on.
		q := reach.ContactMethod{Kind: reach.KindPhone, Value: "+15124440000", Key: "+15124440000", Display: "(512) 444-0000"}
		ownerAfter := owner.Clone().(*reach.Customer)
		ownerAfter.Version, ownerAfter.UpdatedAt = 2, at(5)
		m := &ownerAfter.ContactMethods[0]
		m.Value, m.Key, m.Display, m.UpdatedAt = q.Value, q.Key, q.Display, at(5)
		unitAfter := unit.Clone().(*reach.Location)
		unitAfter.Version, unitAfter.UpdatedAt, unitAfter.ContactMethods = 2, at(5), []reach.ContactMethod{}
		mustWrite(t, db, func(tx reach.Tx) error {
			return tx.WriteRecords(ctx, a, []reach.RecordWrite{{Before: owner, After: ownerAfter}, {Before: unit, After: unitAfter}})
		})
		got := readCustomer(t, db, a, owner.ID)
		if got.Version != 2 || !got.UpdatedAt.Equal(at(5)) || got.ContactMethods[0].Value != q.Value || got.ContactMethods[0].Display != q.Display ||
			!got.ContactMethods[0].UpdatedAt.Equal(at(5)) || got.ContactMethods[1].Value != "pm@maplemgmt.com" {
			t.Errorf("after bulk edit: %+v", got)
		}
		if l := readLocation(t, db, a, unit.ID); l.Version != 2 || len(l.ContactMethods) != 0 {
			t.Errorf("location after bulk edit: %+v", l)
		}
		wantEqual(t, "tenant B's customer", *readCustomer(t, db, b, foreign.ID), *foreign)
		mustRead(t, db, func(tx reach.Tx) (err error) {
			held, err = tx.ContactsByKey(ctx, a, q.Key)
			return err
		})
		if len(held) != 1 || held[0].ID != owner.ContactMethods[0].ID {
			t.Errorf("the new value is not found by key: %+v", held)
		}
		var found []reach.SearchResult
		mustRead(t, db, func(tx reach.Tx) (err error) {
			found, err = tx.SearchNumberSuffix(ctx, a, "0000", 10)
			return err
		})
		if len(found) != 1 || found[0].ID != owner.ID {
			t.Errorf("the new number is not found by its last digits: %+v", found)
		}

		// A write based on a version that moved on fails whole, even when
		// the rest of its records were still current.
		again := readCustomer(t, db, a, owner.ID)
		next := again.Clone().(*reach.Customer)
		next.Version, next.UpdatedAt = 3, at(6)
		staleNext := gone.Clone().(*reach.Customer)
		staleGone := gone.Clone().(*reach.Customer)
		staleGone.Version = 7 // not what is stored
		staleNext.Version, staleNext.UpdatedAt = 8, at(6)
		err := db.Write(ctx, func(tx reach.Tx) error {
			return tx.WriteRecords(ctx, a, []reach.RecordWrite{{Before: again, After: next}, {Before: staleGone, After: staleNext}})
		})
		wantCode(t, err, reach.EVERSIONCONFLICT)
		if readCustomer(t, db, a, owner.ID).Version != 2 || readCustomer(t, db, a, gone.ID).Version != 1 {
			t.Errorf("a refused write changed a version")
		}
		// Nor does any write reach another tenant's record.
		err = db.Write(ctx, func(tx reach.Tx) error {
			return tx.WriteRecords(ctx, a, []reach.RecordWrite{{After: foreign}})
		})
		if err == nil {
			t.Errorf("a write in tenant A stored tenant B's record")
		}
	})
}
