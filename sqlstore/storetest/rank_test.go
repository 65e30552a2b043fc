package storetest

import (
	"slices"
	"testing"
	"time"

	"reach"
	"reach/sqlstore"
)

// TestSearchRanking: results come active first, then whole-word matches
// before prefix-only ones, then the most recently changed — by name, by
// several words and by number alike.
func TestSearchRanking(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		tenant := newTenant(t, db, "Acme")
		add := func(name string, active bool, hoursAfterBase int, phone string) {
			c := newCustomer(tenant, name)
			c.Active = active
			c.UpdatedAt = base.Add(time.Duration(hoursAfterBase) * time.Hour)
			if phone != "" {
				ref, cid := customerRef(c)
				c.ContactMethods = []reach.ContactMethod{phoneMethod(ref, cid, phone)}
			}
			insertCustomer(t, db, c)
		}
		add("Pat Smith", true, 1, "+15125550111")
		add("Lee Smith", true, 3, "+15125550111")
		add("Kim Smithers", true, 5, "")
		add("Patrick Smith", true, 7, "")
		add("Ann Smith", false, 9, "+15125550111")
		add("Bo Smithson", false, 10, "")

		names := func(search func(tx reach.Tx) ([]reach.SearchResult, error)) []string {
			t.Helper()
			var got []string
			mustRead(t, db, func(tx reach.Tx) error {
				rs, err := search(tx)
				for _, r := range rs {
					got = append(got, r.Name)
				}
				return err
			})
			return got
		}
		for _, tc := range []struct {
			query string
			want  []string
		}{
			{"smith", []string{"Patrick Smith", "Lee Smith", "Pat Smith", "Kim Smithers", "Ann Smith", "Bo Smithson"}},
			{"pat smith", []string{"Pat Smith", "Patrick Smith"}},
			{"smi", []string{"Patrick Smith", "Kim Smithers", "Lee Smith", "Pat Smith", "Bo Smithson", "Ann Smith"}},
		} {
			got := names(func(tx reach.Tx) ([]reach.SearchResult, error) {
				return tx.SearchWords(t.Context(), tenant, reach.SearchWords(tc.query), 10)
			})
			if !slices.Equal(got, tc.want) {
				t.Errorf("%q: got %q, want %q", tc.query, got, tc.want)
			}
		}
		got := names(func(tx reach.Tx) ([]reach.SearchResult, error) {
			return tx.SearchContactKey(t.Context(), tenant, "+15125550111", 10)
		})
		if want := []string{"Lee Smith", "Pat Smith", "Ann Smith"}; !slices.Equal(got, want) {
			t.Errorf("by number: got %q, want %q", got, want)
		}
	})
}
