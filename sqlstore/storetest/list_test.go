package storetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"reach"
	"reach/sqlstore"
)

func TestListCustomers(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		tenant := newTenant(t, db, "Acme")
		other := newTenant(t, db, "Other")

		type spec struct {
			name    string
			typ     reach.CustomerType
			active  bool
			city    string
			state   string
			zip     string
			updated int // minutes after base
		}
		specs := []spec{
			{"Anna Smith", reach.Residential, true, "Springfield", "IL", "62701", 1},
			{"annex storage", reach.Commercial, true, "Springfield", "IL", "62702", 2},
			{"ANNAPOLIS FARMS", reach.Commercial, false, "Shelbyville", "IL", "62565", 3},
			{"Joanne Annis", reach.Residential, true, "Capital City", "NY", "10001", 4},
			{"Bob Builder", reach.Commercial, false, "springfield", "MO", "65801", 5},
			{"Éclair Bakery", reach.Commercial, true, "Springfield", "MO", "65802", 6},
			{"Château Inn", reach.Residential, false, "QUÉBEC", "QC", "G1R 4P5", 7},
		}
		byName := map[string]string{}
		for _, s := range specs {
			c := newCustomer(tenant, s.name)
			c.Type, c.Active = s.typ, s.active
			c.Address.City, c.Address.State, c.Address.Zip = s.city, s.state, s.zip
			c.UpdatedAt = at(s.updated)
			insertCustomer(t, db, c)
			byName[s.name] = c.ID
			// Tenant B has a twin of every customer; no filter may return it.
			twin := newCustomer(other, s.name)
			twin.Type, twin.Active, twin.Address, twin.UpdatedAt = c.Type, c.Active, c.Address, c.UpdatedAt
			insertCustomer(t, db, twin)
		}
		// want lists the ids of the named customers in id order, as lists return them.
		want := func(names ...string) []string {
			out := []string{}
			for _, n := range names {
				out = append(out, byName[n])
			}
			slices.Sort(out)
			return out
		}
		yes, no := true, false

		for _, tc := range []struct {
			name   string
			filter reach.CustomerFilter
			want   []string
		}{
			{"no filter lists every customer of the tenant", reach.CustomerFilter{},
				want("Anna Smith", "annex storage", "ANNAPOLIS FARMS", "Joanne Annis", "Bob Builder", "Éclair Bakery", "Château Inn")},
			{"active=true lists active customers only", reach.CustomerFilter{Active: &yes},
				want("Anna Smith", "annex storage", "Joanne Annis", "Éclair Bakery")},
			{"active=false lists inactive customers only", reach.CustomerFilter{Active: &no},
				want("ANNAPOLIS FARMS", "Bob Builder", "Château Inn")},
			{"type filters by customer type", reach.CustomerFilter{Type: reach.Commercial},
				want("annex storage", "ANNAPOLIS FARMS", "Bob Builder", "Éclair Bakery")},
			{"type residential lists the others", reach.CustomerFilter{Type: reach.Residential},
				want("Anna Smith", "Joanne Annis", "Château Inn")},
			{"state matches exactly", reach.CustomerFilter{State: "MO"},
				want("Bob Builder", "Éclair Bakery")},
			{"city matches case-insensitively", reach.CustomerFilter{City: "SPRINGFIELD"},
				want("Anna Smith", "annex storage", "Bob Builder", "Éclair Bakery")},
			{"city matches case-insensitively beyond ASCII", reach.CustomerFilter{City: "Québec"},
				want("Château Inn")},
			{"zip matches exactly", reach.CustomerFilter{Zip: "62565"},
				want("ANNAPOLIS FARMS")},
			{"name prefix matches the start of the name case-insensitively", reach.CustomerFilter{NamePrefix: "ANN"},
				want("Anna Smith", "annex storage", "ANNAPOLIS FARMS")},
			{"name prefix does not match inside the name", reach.CustomerFilter{NamePrefix: "annis"},
				want()},
			{"name prefix matches accented names", reach.CustomerFilter{NamePrefix: "ÉCLAIR"},
				want("Éclair Bakery")},
			{"updated_since includes a record updated at that instant", reach.CustomerFilter{UpdatedSince: at(4)},
				want("Joanne Annis", "Bob Builder", "Éclair Bakery", "Château Inn")},
			{"filters combine with AND", reach.CustomerFilter{Active: &yes, Type: reach.Commercial, City: "springfield"},
				want("annex storage", "Éclair Bakery")},
			{"a filter nothing matches lists nothing", reach.CustomerFilter{State: "TX"},
				want()},
		} {
			t.Run(tc.name, func(t *testing.T) {
				f := tc.filter
				f.Limit = 100
				var got []reach.Customer
				mustRead(t, db, func(tx reach.Tx) (err error) {
					got, err = tx.ListCustomers(ctx, tenant, f)
					return err
				})
				wantEqual(t, "ids", customerIDs(got), tc.want)
			})
		}

		t.Run("listed customers carry their contact methods", func(t *testing.T) {
			c := newCustomer(tenant, "Zed With Phone")
			ref, cid := customerRef(c)
			c.ContactMethods = []reach.ContactMethod{phoneMethod(ref, cid, "+15553334444"), emailMethod(ref, cid, "zed@example.com")}
			insertCustomer(t, db, c)
			var got []reach.Customer
			mustRead(t, db, func(tx reach.Tx) (err error) {
				got, err = tx.ListCustomers(ctx, tenant, reach.CustomerFilter{NamePrefix: "zed", Limit: 10})
				return err
			})
			wantEqual(t, "customers", got, []reach.Customer{*c})
		})
	})
}

func TestListPagination(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		tenant := newTenant(t, db, "Acme")
		other := newTenant(t, db, "Other")
		parent := newCustomer(tenant, "Parent")
		insertCustomer(t, db, parent)
		var all, active, locations []string
		mustWrite(t, db, func(tx reach.Tx) error {
			all = append(all, parent.ID)
			active = append(active, parent.ID)
			for i := range 23 {
				c := newCustomer(tenant, "Customer")
				c.Active = i%3 != 0
				if err := insert(ctx, tx, c); err != nil {
					return err
				}
				all = append(all, c.ID)
				if c.Active {
					active = append(active, c.ID)
				}
				l := newLocation(parent, "Site")
				if err := insert(ctx, tx, l); err != nil {
					return err
				}
				locations = append(locations, l.ID)
				if err := insert(ctx, tx, newCustomer(other, "Customer")); err != nil {
					return err
				}
			}
			return nil
		})
		slices.Sort(all)
		slices.Sort(active)
		slices.Sort(locations)

		// page collects every id across pages of size limit, failing on a
		// page larger than limit or an endless loop.
		page := func(t *testing.T, limit int, list func(tx reach.Tx, after string) ([]string, error)) []string {
			t.Helper()
			var got []string
			after := ""
			for range 100 {
				var ids []string
				mustRead(t, db, func(tx reach.Tx) (err error) {
					ids, err = list(tx, after)
					return err
				})
				if len(ids) > limit {
					t.Fatalf("page after %q has %d rows, limit is %d", after, len(ids), limit)
				}
				got = append(got, ids...)
				if len(ids) < limit {
					return got
				}
				after = ids[len(ids)-1]
			}
			t.Fatal("pagination did not end")
			return nil
		}

		for _, limit := range []int{1, 5, 24, 50} {
			t.Run(fmt.Sprintf("customer pages of %d return every row exactly once, in id order", limit), func(t *testing.T) {
				got := page(t, limit, func(tx reach.Tx, after string) ([]string, error) {
					cs, err := tx.ListCustomers(ctx, tenant, reach.CustomerFilter{After: after, Limit: limit})
					return customerIDs(cs), err
				})
				wantEqual(t, "ids", got, all)
			})
		}
		t.Run("pages of a filtered list return every match exactly once", func(t *testing.T) {
			yes := true
			got := page(t, 4, func(tx reach.Tx, after string) ([]string, error) {
				cs, err := tx.ListCustomers(ctx, tenant, reach.CustomerFilter{Active: &yes, After: after, Limit: 4})
				return customerIDs(cs), err
			})
			wantEqual(t, "ids", got, active)
		})
		t.Run("location pages return every row exactly once, in id order", func(t *testing.T) {
			got := page(t, 5, func(tx reach.Tx, after string) ([]string, error) {
				ls, err := tx.ListLocations(ctx, tenant, reach.LocationFilter{CustomerID: parent.ID, After: after, Limit: 5})
				var ids []string
				for _, l := range ls {
					ids = append(ids, l.ID)
				}
				return ids, err
			})
			wantEqual(t, "ids", got, locations)
		})
	})
}

func TestListLocations(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		tenant := newTenant(t, db, "Acme")
		first, second := newCustomer(tenant, "First"), newCustomer(tenant, "Second")
		insertCustomer(t, db, first)
		insertCustomer(t, db, second)
		open1, closed1, open2 := newLocation(first, "Open"), newLocation(first, "Closed"), newLocation(second, "Open")
		closed1.Active = false
		lref, lcid := locationRef(open1)
		open1.ContactMethods = []reach.ContactMethod{phoneMethod(lref, lcid, "+15554443333")}
		for _, l := range []*reach.Location{open1, closed1, open2} {
			insertLocation(t, db, l)
		}
		sorted := func(ls ...*reach.Location) []reach.Location {
			out := []reach.Location{}
			for _, l := range ls {
				out = append(out, *l)
			}
			slices.SortFunc(out, func(a, b reach.Location) int { return strings.Compare(a.ID, b.ID) })
			return out
		}
		yes, no := true, false
		for _, tc := range []struct {
			name   string
			filter reach.LocationFilter
			want   []reach.Location
		}{
			{"no filter lists every location of the tenant", reach.LocationFilter{}, sorted(open1, closed1, open2)},
			{"customer_id lists that customer's locations", reach.LocationFilter{CustomerID: first.ID}, sorted(open1, closed1)},
			{"active=true lists active locations only", reach.LocationFilter{Active: &yes}, sorted(open1, open2)},
			{"active=false lists inactive locations only", reach.LocationFilter{Active: &no}, sorted(closed1)},
			{"filters combine with AND", reach.LocationFilter{CustomerID: second.ID, Active: &no}, sorted()},
		} {
			t.Run(tc.name, func(t *testing.T) {
				f := tc.filter
				f.Limit = 100
				var got []reach.Location
				mustRead(t, db, func(tx reach.Tx) (err error) {
					got, err = tx.ListLocations(ctx, tenant, f)
					return err
				})
				if got == nil {
					got = []reach.Location{}
				}
				wantEqual(t, "locations", got, tc.want)
			})
		}
	})
}
