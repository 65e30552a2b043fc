package storetest

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"reach"
)

// TestSearchCountsFollowTheIndex: after creations, renames, moves and
// (de)activations, written one by one and many to a write, each word's
// count in search_counts is the number of search rows it has — the counts
// a search picks its driving word by.
func TestSearchCountsFollowTheIndex(t *testing.T) {
	for _, backend := range Backends {
		t.Run(backend, func(t *testing.T) {
			ctx := t.Context()
			db, raw := unmigrated(t, backend)
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			tenant := newTenant(t, db, "T")
			other := newTenant(t, db, "Other")
			insertCustomer(t, db, newCustomer(other, "Ann Lee")) // counted for its own tenant only

			rng := rand.New(rand.NewPCG(1, 2))
			names := []string{"Ann", "Lee", "Annabel", "Oak", "Smith", "Smithers", "Lee-Ann"}
			name := func() string { return names[rng.IntN(len(names))] + " " + names[rng.IntN(len(names))] }
			var records []reach.Record
			for range 20 {
				c := newCustomer(tenant, name())
				c.Address.Street = fmt.Sprintf("%d %s St", rng.IntN(5), names[rng.IntN(len(names))])
				l := newLocation(c, name())
				mustWrite(t, db, func(tx reach.Tx) error { return insert(ctx, tx, c, l) })
				records = append(records, c, l)
			}
			for round := range 10 {
				mustWrite(t, db, func(tx reach.Tx) error {
					var writes []reach.RecordWrite
					for _, i := range rng.Perm(len(records))[:1+round%4*5] {
						ref := records[i].Ref()
						var before, after reach.Record
						switch ref.Type {
						case reach.RecordCustomer:
							c, err := tx.Customer(ctx, tenant, ref.ID)
							if err != nil {
								return err
							}
							a := cloneCustomer(c)
							before, after = c, a
						default:
							l, err := tx.Location(ctx, tenant, ref.ID)
							if err != nil {
								return err
							}
							before, after = l, cloneLocation(l)
						}
						h := after.Header()
						h.Version++
						switch rng.IntN(3) {
						case 0:
							h.Name = name()
						case 1:
							h.Address.Street = fmt.Sprintf("%d %s Rd", rng.IntN(5), names[rng.IntN(len(names))])
						case 2:
							h.Active = !h.Active
						}
						writes = append(writes, reach.RecordWrite{Before: before, After: after})
					}
					return tx.WriteRecords(ctx, tenant, writes)
				})
			}

			read := func(q string) map[string]int {
				t.Helper()
				rows, err := raw.QueryContext(ctx, q, tenant)
				if err != nil {
					t.Fatal(err)
				}
				defer rows.Close()
				out := map[string]int{}
				for rows.Next() {
					var term string
					var n int
					if err := rows.Scan(&term, &n); err != nil {
						t.Fatal(err)
					}
					out[term] = n
				}
				return out
			}
			p := map[string]string{"sqlite": "?", "postgres": "$1"}[backend]
			want := read(`SELECT term, count(*) FROM search_terms WHERE tenant_id = ` + p + ` GROUP BY term`)
			got := read(`SELECT term, records FROM search_counts WHERE tenant_id = ` + p + ` AND records <> 0`)
			if len(want) < 10 {
				t.Fatalf("only %d words indexed: the test writes too little", len(want))
			}
			wantEqual(t, "search_counts", got, want)
		})
	}
}
