package sqlstore_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"reach"
	"reach/sqlstore"
	"reach/sqlstore/storetest"
)

// bulkRecords builds n customers of tenantID, each with two or three contact
// methods and a location reusing the customer's mobile; every tenth customer
// also lists the shared office line of a property manager.
func bulkRecords(tenantID string, n int, at time.Time) ([]reach.Customer, []reach.Location) {
	names := []string{"Zoë O'Brien", "Harbor Point Property Management", "José Núñez", "Marie-Ève Côté", "Dale Smith"}
	var cs []reach.Customer
	var ls []reach.Location
	for i := range n {
		c := reach.Customer{RecordHeader: reach.RecordHeader{ID: fmt.Sprintf("c%06d", i), TenantID: tenantID, Name: fmt.Sprintf("%s %d", names[i%len(names)], i),
			Active: i%17 != 0, Version: 1, CreatedAt: at, UpdatedAt: at,
			Address: reach.Address{Street: fmt.Sprintf("%d Rue Saint-Denis", 100+i), Unit: "Apt 2", City: "Montréal",
				State: "QC", Zip: "H2X 3K5", Country: "CA"}}, Type: reach.Residential}
		if i%5 == 1 {
			c.Type = reach.Commercial
		}
		mobile := fmt.Sprintf("+1514%03d%04d", 200+i%700, i%10000)
		method := func(kind reach.Kind, value, ext, memo string, primary bool, owner reach.RecordRef) reach.ContactMethod {
			m := reach.ContactMethod{ID: fmt.Sprintf("m%06d-%s-%s", i, owner.Type, kind), Owner: owner, CustomerID: c.ID,
				Kind: kind, Value: value, Key: strings.ToLower(value), Display: value, Extension: ext, Memo: memo,
				Primary: primary, CreatedAt: at, CreatedBy: "u1", Source: reach.SourceSystem, UpdatedAt: at}
			return m
		}
		own := reach.RecordRef{Type: reach.RecordCustomer, ID: c.ID}
		c.ContactMethods = []reach.ContactMethod{
			method(reach.KindMobile, mobile, "", "Wife's cell", true, own),
			method(reach.KindEmail, fmt.Sprintf("Zoe.OBrien%d@gmail.com", i), "", "", true, own),
		}
		if i%10 == 0 {
			c.ContactMethods = append(c.ContactMethods, method(reach.KindFax, "+15148490123", "12", "Property manager", false, own))
		}
		l := reach.Location{RecordHeader: reach.RecordHeader{ID: fmt.Sprintf("l%06d", i), TenantID: tenantID, Name: "Chalet du Lac",
			Active: true, Version: 1, CreatedAt: at, UpdatedAt: at,
			Address: reach.Address{Street: fmt.Sprintf("%d Chemin du Lac", 10+i), City: "Québec", State: "QC", Zip: "G1R 4P5", Country: "CA"}}, CustomerID: c.ID}
		l.ContactMethods = []reach.ContactMethod{method(reach.KindMobile, mobile, "", "Owner", true, reach.RecordRef{Type: reach.RecordLocation, ID: l.ID})}
		if i%3 == 0 {
			l.ContactMethods = []reach.ContactMethod{} // a location without its own contact methods
		}
		cs = append(cs, c)
		ls = append(ls, l)
	}
	return cs, ls
}

func newTenant(t *testing.T, db *sqlstore.DB, id string) {
	t.Helper()
	err := db.Write(context.Background(), func(tx reach.Tx) error {
		return tx.InsertTenant(context.Background(), &reach.Tenant{ID: id, Name: "Tenant " + id, CreatedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestBulkInsertReadsBackAndIsSearchable(t *testing.T) {
	storetest.ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		newTenant(t, db, "tA")
		newTenant(t, db, "tB")
		at := time.Date(2025, 3, 14, 15, 9, 26, 535897000, time.UTC)
		// 1,200 customers make several full multi-row statements per table
		// plus a shorter last one.
		cs, ls := bulkRecords("tA", 1200, at)
		if err := db.BulkInsert(ctx, "tA", cs[:700], ls[:300]); err != nil {
			t.Fatal(err)
		}
		// A later call may hold locations of customers loaded earlier.
		if err := db.BulkInsert(ctx, "tA", cs[700:], ls[300:]); err != nil {
			t.Fatal(err)
		}
		err := db.Read(ctx, func(tx reach.Tx) error {
			for _, i := range []int{0, 1, 10, 499, 500, 699, 700, 1199} {
				got, err := tx.Customer(ctx, "tA", cs[i].ID)
				if err != nil {
					return err
				}
				if !reflect.DeepEqual(*got, cs[i]) {
					t.Errorf("customer %d reads back as\n%+v\nwant\n%+v", i, *got, cs[i])
				}
				gotL, err := tx.Location(ctx, "tA", ls[i].ID)
				if err != nil {
					return err
				}
				if !reflect.DeepEqual(*gotL, ls[i]) {
					t.Errorf("location %d reads back as\n%+v\nwant\n%+v", i, *gotL, ls[i])
				}
			}
			found := func(what string, rs []reach.SearchResult, err error, want reach.RecordRef) {
				t.Helper()
				if err != nil {
					t.Errorf("%s: %v", what, err)
					return
				}
				for _, r := range rs {
					if r.Type == want.Type && r.ID == want.ID {
						return
					}
				}
				t.Errorf("%s: %v not among %d results", what, want, len(rs))
			}
			c, l := cs[1195], ls[1195]
			cref, lref := reach.RecordRef{Type: reach.RecordCustomer, ID: c.ID}, reach.RecordRef{Type: reach.RecordLocation, ID: l.ID}
			// Words are matched the same whether each is rare, or so common
			// ("montreal" is on every customer) that it is probed per record.
			for _, common := range []int{0, 100} {
				if common > 0 {
					defer sqlstore.SetRarestCap(common)()
				}
				rs, err := tx.SearchWords(ctx, "tA", []string{"zoe", "obrien", "1195"}, 10)
				found(fmt.Sprintf("name words (common from %d)", common), rs, err, cref)
				rs, err = tx.SearchWords(ctx, "tA", []string{"montreal", "1295"}, 10)
				found(fmt.Sprintf("address words (common from %d)", common), rs, err, cref)
				rs, err = tx.SearchWords(ctx, "tA", []string{"chemin", "1205", "quebec"}, 10)
				found(fmt.Sprintf("location address words (common from %d)", common), rs, err, lref)
			}
			rs, err := tx.SearchContactKey(ctx, "tA", c.ContactMethods[1].Key, 10)
			found("email key", rs, err, cref)
			rs, err = tx.SearchContactKey(ctx, "tA", c.ContactMethods[0].Key, 10)
			found("number key", rs, err, cref)
			found("number key on the location", rs, err, lref)
			rs, err = tx.SearchNumberSuffix(ctx, "tA", c.ContactMethods[0].Value[len(c.ContactMethods[0].Value)-4:], 50)
			found("last four digits", rs, err, cref)
			rs, err = tx.SearchContactKey(ctx, "tA", "+15148490123", 500)
			if err == nil && len(rs) != 120 {
				t.Errorf("the shared fax is on %d records, want 120", len(rs))
			}
			rs, err = tx.SearchWords(ctx, "tB", []string{"zoe"}, 10)
			if err != nil || len(rs) != 0 {
				t.Errorf("tenant B finds %d of tenant A's records (err %v)", len(rs), err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// BulkInsert must store exactly the rows the per-record inserts store —
// contact methods with their reversed digits, search words — so bulk-loaded
// data behaves like data entered one record at a time.
func TestBulkInsertWritesWhatPerRecordInsertsWrite(t *testing.T) {
	for _, backend := range storetest.Backends {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			bulk, single := storetest.Open(t, backend), storetest.Open(t, backend)
			at := time.Date(2025, 1, 2, 3, 4, 5, 6000, time.UTC)
			// Enough records that on PostgreSQL the search words and contact
			// methods are COPYed (copyRows) and the customers are not.
			cs, ls := bulkRecords("t1", 300, at)
			for _, db := range []*sqlstore.DB{bulk, single} {
				newTenant(t, db, "t1")
			}
			if err := bulk.BulkInsert(ctx, "t1", cs, ls); err != nil {
				t.Fatal(err)
			}
			err := single.Write(ctx, func(tx reach.Tx) error {
				for i := range cs {
					if err := tx.WriteRecords(ctx, "t1", []reach.RecordWrite{{After: &cs[i]}}); err != nil {
						return err
					}
				}
				for i := range ls {
					if err := tx.WriteRecords(ctx, "t1", []reach.RecordWrite{{After: &ls[i]}}); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			b, s := snapshot(t, bulk), snapshot(t, single)
			if !strings.Contains(b, "\n== search_terms") || strings.Count(b, "\n") < 300 {
				t.Fatalf("snapshot of the bulk-loaded database looks empty:\n%s", b)
			}
			if b != s {
				t.Errorf("bulk and per-record inserts stored different rows; first difference:%s", firstDiff(b, s))
			}
		})
	}
}

func snapshot(t *testing.T, db *sqlstore.DB) string {
	t.Helper()
	s, err := db.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("\n bulk:       %s\n per-record: %s", al[i], bl[i])
		}
	}
	return "(one is a prefix of the other)"
}

func TestBulkInsertRefusesRowsOfAnotherTenant(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	newTenant(t, db, "tA")
	before := snapshot(t, db)
	cs, ls := bulkRecords("tB", 2, time.Now())
	if err := db.BulkInsert(context.Background(), "tA", cs, ls); err == nil {
		t.Fatal("BulkInsert stored records of tenant tB under tenant tA")
	}
	if snapshot(t, db) != before {
		t.Error("a refused bulk insert wrote rows")
	}
}
