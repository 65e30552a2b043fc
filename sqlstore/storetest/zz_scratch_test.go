package storetest

import (
	"fmt"
	"testing"
	"time"

	"reach"
	"reach/sqlstore"
)

func TestScratch(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		start := time.Now()
		var tenant string
		for ti := range 3 {
			tn := newTenant(t, db, "A")
			tenant = tn
			mustWrite(t, db, func(tx reach.Tx) error {
				for i := range 200 {
					c := newCustomer(tn, fmt.Sprintf("Name%d Family%d", i, i%37))
					c.Address.Street = fmt.Sprintf("%d Street%d Road", i, i%53)
					ref, cid := customerRef(c)
					c.ContactMethods = []reach.ContactMethod{phoneMethod(ref, cid, fmt.Sprintf("+1555%07d", ti*1000+i)), emailMethod(ref, cid, fmt.Sprintf("u%d@ex%d.com", i, ti))}
					if err := tx.InsertCustomer(t.Context(), c); err != nil {
						return err
					}
				}
				return nil
			})
		}
		t.Logf("seed %v", time.Since(start))
		for _, k := range [][2]string{{sqlstore.ExplainWords, "zoe"}, {sqlstore.ExplainWords, "zoe o'brien elm"}, {sqlstore.ExplainContactKey, "+1555"}, {sqlstore.ExplainNumberSuffix, "4567"}} {
			p, err := db.ExplainSearch(t.Context(), k[0], tenant, k[1])
			t.Logf("%s %s err=%v\n%s", k[0], k[1], err, p)
		}
		yes := true
		for _, f := range []reach.CustomerFilter{{}, {After: "x"}, {NamePrefix: "ann"}, {Active: &yes, City: "x"}} {
			p, err := db.ExplainListCustomers(t.Context(), tenant, f)
			t.Logf("%+v err=%v\n%s", f, err, p)
		}
	})
}
