package storetest

import (
	"encoding/json"
	"strconv"
	"testing"

	"reach"
	"reach/sqlstore"
)

func TestChanges(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		tenant := newTenant(t, db, "Acme")
		c := newCustomer(tenant, "Audited")
		renamed := cloneCustomer(c)
		renamed.Name, renamed.Version = "Audited Again", 2

		t.Run("a change reads back with its entries in order", func(t *testing.T) {
			ch := &reach.Change{ID: reach.NewID(), TenantID: tenant, ActorID: "user-1", Source: reach.SourceImport,
				Action: "bulk.import", At: at(1), Entries: []reach.ChangeEntry{
					{EntityType: "location", EntityID: "l-9", Before: reach.Snapshot(nil), After: json.RawMessage(`{"z":1,"a":[2,1]}`)},
					{EntityType: "customer", EntityID: "c-1", Before: reach.Snapshot(c), After: reach.Snapshot(renamed)},
					{EntityType: "customer", EntityID: "c-0", Before: json.RawMessage(`{"name":"Zoë \"Z\" O’Brien"}`), After: reach.Snapshot(nil)},
				}}
			mustWrite(t, db, func(tx reach.Tx) error { return tx.InsertChange(ctx, ch) })
			var got *reach.Change
			mustRead(t, db, func(tx reach.Tx) (err error) {
				got, err = tx.Change(ctx, tenant, ch.ID)
				return err
			})
			wantEqual(t, "change", got, ch)
		})
		t.Run("an unknown change is not found", func(t *testing.T) {
			err := db.Read(ctx, func(tx reach.Tx) error { _, err := tx.Change(ctx, tenant, reach.NewID()); return err })
			wantCode(t, err, reach.ENOTFOUND)
		})

		// Five changes touch the customer; others touch something else in between.
		var want []string // change ids, newest first
		for i := range 5 {
			ch := &reach.Change{ID: reach.NewID(), TenantID: tenant, ActorID: "user-2", Source: reach.SourceUI,
				Action: "customer.update." + strconv.Itoa(i), At: at(10 + i), Entries: []reach.ChangeEntry{
					{EntityType: "location", EntityID: "elsewhere", Before: reach.Snapshot(nil), After: reach.Snapshot(nil)},
					{EntityType: "customer", EntityID: c.ID, Before: reach.Snapshot(c), After: reach.Snapshot(renamed)},
				}}
			other := &reach.Change{ID: reach.NewID(), TenantID: tenant, ActorID: "user-3", Source: reach.SourceAPI,
				Action: "customer.update", At: at(10 + i), Entries: []reach.ChangeEntry{
					{EntityType: "customer", EntityID: "someone-else", Before: reach.Snapshot(nil), After: reach.Snapshot(nil)},
				}}
			mustWrite(t, db, func(tx reach.Tx) error {
				if err := tx.InsertChange(ctx, ch); err != nil {
					return err
				}
				return tx.InsertChange(ctx, other)
			})
			want = append([]string{ch.ID}, want...)
		}
		history := func(t *testing.T, after string, limit int) []reach.HistoryItem {
			t.Helper()
			var hs []reach.HistoryItem
			mustRead(t, db, func(tx reach.Tx) (err error) {
				hs, err = tx.History(ctx, tenant, "customer", c.ID, after, limit)
				return err
			})
			return hs
		}

		t.Run("history lists the entity's entries newest first", func(t *testing.T) {
			hs := history(t, "", 100)
			var got []string
			for _, h := range hs {
				got = append(got, h.ChangeID)
			}
			wantEqual(t, "change ids", got, want)
		})
		t.Run("a history item carries its change and its entry", func(t *testing.T) {
			h := history(t, "", 1)[0]
			h.Cursor = 0
			wantEqual(t, "item", h, reach.HistoryItem{ChangeID: want[0], At: at(14), ActorID: "user-2",
				Source: reach.SourceUI, Action: "customer.update.4", EntityType: "customer", EntityID: c.ID,
				Before: reach.Snapshot(c), After: reach.Snapshot(renamed)})
		})
		t.Run("history pages by cursor return every entry exactly once", func(t *testing.T) {
			var got []string
			after := ""
			for page := 0; ; page++ {
				if page > 10 {
					t.Fatal("paging did not end")
				}
				hs := history(t, after, 2)
				for _, h := range hs {
					got = append(got, h.ChangeID)
				}
				if len(hs) < 2 {
					break
				}
				after = strconv.FormatInt(hs[len(hs)-1].Cursor, 10)
			}
			wantEqual(t, "change ids", got, want)
		})
		t.Run("history of an entity never changed is empty", func(t *testing.T) {
			if hs := history(t, "", 100); len(hs) == 0 {
				t.Fatal("control: the customer has history")
			}
			var hs []reach.HistoryItem
			mustRead(t, db, func(tx reach.Tx) (err error) {
				hs, err = tx.History(ctx, tenant, "location", c.ID, "", 100)
				return err
			})
			if len(hs) != 0 {
				t.Fatalf("history of location %s = %+v, want none (the id is a customer's)", c.ID, hs)
			}
		})
		t.Run("a malformed cursor is a malformed request", func(t *testing.T) {
			err := db.Read(ctx, func(tx reach.Tx) error {
				_, err := tx.History(ctx, tenant, "customer", c.ID, "not-a-cursor", 10)
				return err
			})
			wantCode(t, err, reach.EMALFORMED)
		})
	})
}
