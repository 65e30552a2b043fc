package storetest

import (
	"fmt"
	"testing"
	"time"

	"reach"
	"reach/sqlstore"
)

// TestSearchPagesAgree: a search asked for more results returns the same
// first results, in the same order, and then more — so pages cut from it
// (the app pages by offset) never repeat or skip a record, however many
// match. 230 records match each search here, with update times that rank
// them in another order than the index finds them, a few inactive, some
// holding two numbers the number search finds; every
// kind of search is asked for limits from 1 to past the matches.
func TestSearchPagesAgree(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		tenant := newTenant(t, db, "T")
		const n = 230
		for i := range n {
			c := newCustomer(tenant, fmt.Sprintf("Quill %03d", i))
			c.Address.Street = "12 Quarry Road"
			c.Active = i%9 != 4
			c.UpdatedAt = base.Add(time.Duration((i*37)%n) * time.Minute)
			ref, cid := customerRef(c)
			c.ContactMethods = []reach.ContactMethod{phoneMethod(ref, cid, fmt.Sprintf("+1512555%04d", 1000+i))}
			if i%3 == 0 { // a second number the same search finds: the record is still one result
				second := phoneMethod(ref, cid, fmt.Sprintf("+1512555%04d", 5000+i))
				second.Position = 1
				c.ContactMethods = append(c.ContactMethods, second)
			}
			insertCustomer(t, db, c)
		}
		for _, search := range []struct {
			name string
			run  func(tx reach.Tx, limit int) ([]reach.SearchResult, error)
		}{
			{"one word", func(tx reach.Tx, limit int) ([]reach.SearchResult, error) {
				return tx.SearchWords(ctx, tenant, []string{"quill"}, limit)
			}},
			{"several words", func(tx reach.Tx, limit int) ([]reach.SearchResult, error) {
				return tx.SearchWords(ctx, tenant, []string{"quarry", "quill"}, limit)
			}},
			{"a number's first digits", func(tx reach.Tx, limit int) ([]reach.SearchResult, error) {
				return tx.SearchContactKey(ctx, tenant, "+1512555", limit)
			}},
		} {
			t.Run(search.name, func(t *testing.T) {
				var all []reach.SearchResult
				mustRead(t, db, func(tx reach.Tx) (err error) {
					all, err = search.run(tx, n+10)
					return err
				})
				if len(all) != n {
					t.Fatalf("%d results for %d matching records", len(all), n)
				}
				seen := map[string]bool{}
				for _, r := range all {
					if seen[r.ID] {
						t.Fatalf("%s is listed twice", r.Name)
					}
					seen[r.ID] = true
				}
				for limit := 1; limit <= n; limit++ {
					var got []reach.SearchResult
					mustRead(t, db, func(tx reach.Tx) (err error) {
						got, err = search.run(tx, limit)
						return err
					})
					if len(got) != limit {
						t.Fatalf("limit %d: %d results", limit, len(got))
					}
					for i := range got {
						if got[i].ID != all[i].ID {
							t.Fatalf("limit %d: result %d is %s, but %s when more are asked for", limit, i, got[i].Name, all[i].Name)
						}
					}
				}
			})
		}
	})
}
