package storetest

import (
	"testing"

	"reach"
	"reach/sqlstore"
)

// TestTransactions: Read is read-only on both databases, so a use case that
// writes in the wrong kind of transaction fails in every test, not only on
// PostgreSQL in production.
func TestTransactions(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		tenant := newTenant(t, db, "Acme")
		c := newCustomer(tenant, "Reader")
		insertCustomer(t, db, c)
		renamed := cloneCustomer(c)
		renamed.Name, renamed.Version = "Written In Read", 2

		for _, tc := range []struct {
			name  string
			write func(tx reach.Tx) error
		}{
			{"InsertTenant", func(tx reach.Tx) error {
				return tx.InsertTenant(ctx, &reach.Tenant{ID: reach.NewID(), Name: "Sneaky", CreatedAt: base})
			}},
			{"InsertCustomer", func(tx reach.Tx) error { return insert(ctx, tx, newCustomer(tenant, "Sneaky")) }},
			{"UpdateCustomer", func(tx reach.Tx) error { return update(ctx, tx, renamed, 1) }},
			{"InsertChange", func(tx reach.Tx) error {
				return tx.InsertChange(ctx, &reach.Change{ID: reach.NewID(), TenantID: tenant, ActorID: "u",
					Source: reach.SourceUI, Action: "x", At: base, Entries: []reach.ChangeEntry{}})
			}},
		} {
			t.Run(tc.name+" inside Read fails and writes nothing", func(t *testing.T) {
				before := snapshot(t, db)
				if err := db.Read(ctx, tc.write); err == nil {
					t.Fatal("a write inside Read succeeded")
				}
				if after := snapshot(t, db); after != before {
					t.Fatalf("a write inside Read changed the database\nbefore:\n%s\nafter:\n%s", before, after)
				}
			})
		}
		t.Run("Write commits when its function returns nil", func(t *testing.T) {
			mustWrite(t, db, func(tx reach.Tx) error { return update(ctx, tx, renamed, 1) })
			wantEqual(t, "customer", readCustomer(t, db, tenant, c.ID), renamed)
		})
	})
}
