package storetest

import (
	"testing"

	"reach"
	"reach/sqlstore"
)

// TestTenantIsolation: tenant B sees nothing of tenant A, through any method,
// even when it knows A's ids. Both tenants hold look-alike data, so a query
// that forgets the tenant returns rows and fails here.
func TestTenantIsolation(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		a, b := newTenant(t, db, "Tenant A"), newTenant(t, db, "Tenant B")

		// seed stores, for one tenant, a customer and a location with the same
		// names, numbers and emails as the other tenant's, and a change.
		type world struct {
			customer *reach.Customer
			location *reach.Location
			change   *reach.Change
			user     *reach.User
		}
		seed := func(tenant string) world {
			c := newCustomer(tenant, "Shared Name")
			ref, cid := customerRef(c)
			c.ContactMethods = []reach.ContactMethod{phoneMethod(ref, cid, "+15556667777"), emailMethod(ref, cid, "same@example.com")}
			insertCustomer(t, db, c)
			l := newLocation(c, "Shared Site")
			lref, lcid := locationRef(l)
			l.ContactMethods = []reach.ContactMethod{phoneMethod(lref, lcid, "+15556668888")}
			insertLocation(t, db, l)
			ch := &reach.Change{ID: reach.NewID(), TenantID: tenant, ActorID: "u", Source: reach.SourceUI,
				Action: "customer.create", At: at(1), Entries: []reach.ChangeEntry{
					{EntityType: "customer", EntityID: c.ID, Before: reach.Snapshot(nil), After: reach.Snapshot(c)}}}
			u := &reach.User{ID: reach.NewID(), TenantID: tenant, Email: "admin@example.com", Name: "Admin",
				Role: reach.RoleAdmin, Active: true, CreatedAt: base}
			mustWrite(t, db, func(tx reach.Tx) error {
				if err := tx.InsertChange(ctx, ch); err != nil {
					return err
				}
				return tx.InsertUser(ctx, u)
			})
			return world{c, l, ch, u}
		}
		wa, wb := seed(a), seed(b)

		t.Run("tenant B cannot read tenant A's records by id", func(t *testing.T) {
			for _, tc := range []struct {
				name string
				read func(tx reach.Tx) error
			}{
				{"Customer", func(tx reach.Tx) error { _, err := tx.Customer(ctx, b, wa.customer.ID); return err }},
				{"Location", func(tx reach.Tx) error { _, err := tx.Location(ctx, b, wa.location.ID); return err }},
				{"ContactMethod", func(tx reach.Tx) error {
					_, err := tx.ContactMethod(ctx, b, wa.customer.ContactMethods[0].ID)
					return err
				}},
				{"location's method", func(tx reach.Tx) error {
					_, err := tx.ContactMethod(ctx, b, wa.location.ContactMethods[0].ID)
					return err
				}},
				{"Change", func(tx reach.Tx) error { _, err := tx.Change(ctx, b, wa.change.ID); return err }},
				{"User", func(tx reach.Tx) error { _, err := tx.User(ctx, b, wa.user.ID); return err }},
			} {
				t.Run(tc.name, func(t *testing.T) {
					wantCode(t, db.Read(ctx, tc.read), reach.ENOTFOUND)
				})
			}
		})

		t.Run("tenant B's lists and searches return only tenant B's rows", func(t *testing.T) {
			var seen []string // ids of every record, method and change returned
			mustRead(t, db, func(tx reach.Tx) error {
				cs, err := tx.ListCustomers(ctx, b, reach.CustomerFilter{Limit: 100})
				if err != nil {
					return err
				}
				for _, c := range cs {
					seen = append(seen, c.ID)
					for _, m := range c.ContactMethods {
						seen = append(seen, m.ID)
					}
				}
				ls, err := tx.ListLocations(ctx, b, reach.LocationFilter{Limit: 100})
				if err != nil {
					return err
				}
				for _, l := range ls {
					seen = append(seen, l.ID, l.CustomerID)
					for _, m := range l.ContactMethods {
						seen = append(seen, m.ID)
					}
				}
				us, err := tx.ListUsers(ctx, b, "", 100)
				if err != nil {
					return err
				}
				for _, u := range us {
					seen = append(seen, u.ID)
				}
				for _, search := range []func() ([]reach.SearchResult, error){
					func() ([]reach.SearchResult, error) {
						return tx.SearchWords(ctx, b, reach.SearchWords("shared"), 100)
					},
					func() ([]reach.SearchResult, error) { return tx.SearchContactKey(ctx, b, "+15556667777", 100) },
					func() ([]reach.SearchResult, error) { return tx.SearchContactKey(ctx, b, "same@", 100) },
					func() ([]reach.SearchResult, error) { return tx.SearchNumberSuffix(ctx, b, "8888", 100) },
				} {
					rs, err := search()
					if err != nil {
						return err
					}
					if len(rs) == 0 {
						t.Errorf("a search found nothing; it should find tenant B's own look-alike")
					}
					for _, r := range rs {
						seen = append(seen, r.ID, r.CustomerID)
					}
				}
				for _, entity := range []struct{ typ, id string }{{"customer", wa.customer.ID}, {"customer", wb.customer.ID}} {
					hs, err := tx.History(ctx, b, entity.typ, entity.id, "", 100)
					if err != nil {
						return err
					}
					for _, h := range hs {
						seen = append(seen, h.ChangeID, h.EntityID)
					}
				}
				return nil
			})
			if len(seen) == 0 {
				t.Fatal("tenant B saw nothing at all; the test data is wrong")
			}
			aIDs := map[string]bool{wa.customer.ID: true, wa.location.ID: true, wa.change.ID: true, wa.user.ID: true}
			for _, m := range append(wa.customer.ContactMethods, wa.location.ContactMethods...) {
				aIDs[m.ID] = true
			}
			for _, id := range seen {
				if aIDs[id] {
					t.Errorf("tenant B was shown tenant A's id %s", id)
				}
			}
		})

		t.Run("tenant B's history of tenant A's record is empty", func(t *testing.T) {
			var hs []reach.HistoryItem
			mustRead(t, db, func(tx reach.Tx) (err error) {
				hs, err = tx.History(ctx, b, "customer", wa.customer.ID, "", 100)
				return err
			})
			if len(hs) != 0 {
				t.Fatalf("history = %+v, want none", hs)
			}
		})
		t.Run("tenant B's locations of tenant A's customer are none", func(t *testing.T) {
			var ls []reach.Location
			mustRead(t, db, func(tx reach.Tx) (err error) {
				ls, err = tx.ListLocations(ctx, b, reach.LocationFilter{CustomerID: wa.customer.ID, Limit: 100})
				return err
			})
			if len(ls) != 0 {
				t.Fatalf("locations = %+v, want none", ls)
			}
		})

		t.Run("tenant B cannot update tenant A's records", func(t *testing.T) {
			before := snapshot(t, db)
			hijackC := cloneCustomer(wa.customer)
			hijackC.TenantID, hijackC.Name, hijackC.Version, hijackC.ContactMethods = b, "Hijacked", 2, nil
			hijackL := cloneLocation(wa.location)
			hijackL.TenantID, hijackL.Name, hijackL.Version, hijackL.ContactMethods = b, "Hijacked", 2, nil
			for _, tc := range []struct {
				name   string
				update func(tx reach.Tx) error
			}{
				{"UpdateCustomer", func(tx reach.Tx) error { return update(ctx, tx, hijackC, 1) }},
				{"UpdateLocation", func(tx reach.Tx) error { return update(ctx, tx, hijackL, 1) }},
			} {
				t.Run(tc.name+" is not found", func(t *testing.T) {
					var err error
					// Commit whatever the update did, to catch writes that
					// happen before the error is noticed.
					mustWrite(t, db, func(tx reach.Tx) error { err = tc.update(tx); return nil })
					wantCode(t, err, reach.ENOTFOUND)
				})
			}
			if after := snapshot(t, db); after != before {
				t.Fatalf("tenant B's update changed the database\nbefore:\n%s\nafter:\n%s", before, after)
			}
			wantEqual(t, "A's customer", readCustomer(t, db, a, wa.customer.ID), wa.customer)
			wantEqual(t, "A's location", readLocation(t, db, a, wa.location.ID), wa.location)
		})
	})
}

// TestReferencesStayInTheTenant checks the database itself refuses a row that
// points at another tenant's record, whatever the code above it does.
func TestReferencesStayInTheTenant(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		a, b := newTenant(t, db, "A"), newTenant(t, db, "B")
		ca := newCustomer(a, "Customer of A")
		insertCustomer(t, db, ca)
		before := snapshot(t, db)

		cb := newCustomer(b, "Customer of B")
		l := newLocation(cb, "Sneaky location")
		l.CustomerID = ca.ID // B's location pointing at A's customer
		err := db.Write(t.Context(), func(tx reach.Tx) error { return insert(t.Context(), tx, l) })
		wantCode(t, err, reach.ENOTFOUND)

		if snapshot(t, db) != before {
			t.Errorf("refused cross-tenant rows changed the database")
		}
	})
}
