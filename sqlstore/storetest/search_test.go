package storetest

import (
	"fmt"
	"strings"
	"testing"

	"reach"
	"reach/sqlstore"
)

func TestSearch(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		tenant := newTenant(t, db, "Acme")

		zoe := newCustomer(tenant, "Zoë O'Brien")
		zoe.Address = reach.Address{Street: "12 Elm Street", City: "Springfield", State: "IL", Zip: "62701", Country: "US"}
		ref, cid := customerRef(zoe)
		zoe.ContactMethods = []reach.ContactMethod{
			phoneMethod(ref, cid, "+15551234567"),
			phoneMethod(ref, cid, "+15557654567"), // same last four digits
			emailMethod(ref, cid, "Zoe.OBrien@Example.com"),
		}
		insertCustomer(t, db, zoe)

		cabin := newLocation(zoe, "Lakeside Cabin")
		cabin.Address = reach.Address{Street: "400 Oak Avenue", City: "Shelbyville", State: "IL", Zip: "62565", Country: "US"}
		lref, lcid := locationRef(cabin)
		cabin.ContactMethods = []reach.ContactMethod{phoneMethod(lref, lcid, "+15559876543")}
		insertLocation(t, db, cabin)

		gone := newCustomer(tenant, "Zoe Inactive Ltd")
		gone.Active = false
		gone.Address = reach.Address{Street: "7 Birch Road", City: "Portland", State: "OR", Zip: "97201", Country: "US"}
		gref, gcid := customerRef(gone)
		gone.ContactMethods = []reach.ContactMethod{phoneMethod(gref, gcid, "+15550004567")}
		insertCustomer(t, db, gone)

		mary := newCustomer(tenant, "Mary Elm")
		mary.Address = reach.Address{Street: "3 Elm Court", City: "Salem", State: "OR", Zip: "97301", Country: "US"}
		insertCustomer(t, db, mary)

		// Results as search reports them.
		customer := func(c *reach.Customer, field, value string) reach.SearchResult {
			return reach.SearchResult{Type: reach.RecordCustomer, ID: c.ID, Name: c.Name, CustomerID: c.ID,
				CustomerName: c.Name, Active: c.Active, Matched: reach.Match{Field: field, Value: value}}
		}
		location := func(l *reach.Location, c *reach.Customer, field, value string) reach.SearchResult {
			return reach.SearchResult{Type: reach.RecordLocation, ID: l.ID, Name: l.Name, CustomerID: c.ID,
				CustomerName: c.Name, Active: l.Active, Matched: reach.Match{Field: field, Value: value}}
		}
		byName := func(c *reach.Customer) reach.SearchResult { return customer(c, reach.FieldName, c.Name) }
		const (
			zoeAddress   = "12 Elm Street, Springfield, IL 62701"
			cabinAddress = "400 Oak Avenue, Shelbyville, IL 62565"
		)
		search := func(t *testing.T, fn func(tx reach.Tx) ([]reach.SearchResult, error)) []reach.SearchResult {
			t.Helper()
			var rs []reach.SearchResult
			mustRead(t, db, func(tx reach.Tx) (err error) {
				rs, err = fn(tx)
				return err
			})
			if rs == nil {
				rs = []reach.SearchResult{}
			}
			return rs
		}
		words := func(q string) func(tx reach.Tx) ([]reach.SearchResult, error) {
			return func(tx reach.Tx) ([]reach.SearchResult, error) {
				return tx.SearchWords(ctx, tenant, reach.SearchWords(q), 50)
			}
		}
		contactKey := func(prefix string) func(tx reach.Tx) ([]reach.SearchResult, error) {
			return func(tx reach.Tx) ([]reach.SearchResult, error) {
				return tx.SearchContactKey(ctx, tenant, prefix, 50)
			}
		}
		suffix := func(digits string) func(tx reach.Tx) ([]reach.SearchResult, error) {
			return func(tx reach.Tx) ([]reach.SearchResult, error) {
				return tx.SearchNumberSuffix(ctx, tenant, digits, 50)
			}
		}
		none := []reach.SearchResult{}

		for _, tc := range []struct {
			name   string
			search func(tx reach.Tx) ([]reach.SearchResult, error)
			want   []reach.SearchResult
		}{
			{"a word matches by prefix; active records come first", words("zo"),
				[]reach.SearchResult{byName(zoe), byName(gone)}},
			{"words match case-insensitively", words("ZOE"),
				[]reach.SearchResult{byName(zoe), byName(gone)}},
			{"words fold accents: zoe finds Zoë", words("zoe o"),
				[]reach.SearchResult{byName(zoe)}},
			{"an accented query finds unaccented names", words("Zoë inactive"),
				[]reach.SearchResult{byName(gone)}},
			{"any word of the name matches, apostrophes dropped", words("obrien"),
				[]reach.SearchResult{byName(zoe)}},
			{"a street word matches and reports the address", words("elm"),
				[]reach.SearchResult{byName(mary), customer(zoe, reach.FieldAddress, zoeAddress)}},
			{"a city word matches a location, naming its customer", words("shelby"),
				[]reach.SearchResult{location(cabin, zoe, reach.FieldAddress, cabinAddress)}},
			{"a zip matches", words("62565"),
				[]reach.SearchResult{location(cabin, zoe, reach.FieldAddress, cabinAddress)}},
			{"a location's name matches", words("lake"),
				[]reach.SearchResult{location(cabin, zoe, reach.FieldName, cabin.Name)}},
			{"every word must match, in name or address", words("zoe spring"),
				[]reach.SearchResult{customer(zoe, reach.FieldAddress, zoeAddress)}},
			{"a record matching no word of several is left out", words("zoe salem"), none},
			{"a word nothing starts with finds nothing", words("lm"), none},

			{"an exact E.164 number finds its record", contactKey("+15551234567"),
				[]reach.SearchResult{customer(zoe, reach.FieldPhone, "(555) 123-4567")}},
			{"a location's number finds the location, naming its customer", contactKey("+15559876543"),
				[]reach.SearchResult{location(cabin, zoe, reach.FieldPhone, "(555) 987-6543")}},
			{"an email prefix finds its record", contactKey("zoe.ob"),
				[]reach.SearchResult{customer(zoe, reach.FieldEmail, "Zoe.OBrien@Example.com")}},
			{"an unknown key finds nothing", contactKey("nobody@"), none},

			{"the last four digits find every record ending so, once each, active first", suffix("4567"),
				[]reach.SearchResult{customer(zoe, reach.FieldPhone, "(555) 123-4567"), customer(gone, reach.FieldPhone, "(555) 000-4567")}},
			{"more digits narrow the match", suffix("1234567"),
				[]reach.SearchResult{customer(zoe, reach.FieldPhone, "(555) 123-4567")}},
			{"a location's digits find the location", suffix("6543"),
				[]reach.SearchResult{location(cabin, zoe, reach.FieldPhone, "(555) 987-6543")}},
			{"digits no number ends with find nothing", suffix("9999"), none},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantEqual(t, "results", search(t, tc.search), tc.want)
			})
		}

		t.Run("the limit caps the results", func(t *testing.T) {
			rs := search(t, func(tx reach.Tx) ([]reach.SearchResult, error) {
				return tx.SearchWords(ctx, tenant, reach.SearchWords("zoe"), 1)
			})
			if len(rs) != 1 {
				t.Fatalf("got %d results, want 1", len(rs))
			}
		})

		t.Run("search follows updates", func(t *testing.T) {
			renamedMary := cloneCustomer(mary)
			renamedMary.Name, renamedMary.Version = "Mary Ash", 2
			renamedZoe := cloneCustomer(zoe)
			renamedZoe.Name, renamedZoe.Version = "Zoë Walsh", 2
			renamedZoe.Address.Street = "5 Maple Drive"
			renamedZoe.ContactMethods = renamedZoe.ContactMethods[1:] // drops +15551234567
			zw := &renamedZoe.ContactMethods[1]
			zw.Value, zw.Key, zw.Display = "zw@example.com", "zw@example.com", "zw@example.com"
			renamedCabin := cloneLocation(cabin)
			renamedCabin.Name, renamedCabin.Version = "Hilltop Cabin", 2
			mustWrite(t, db, func(tx reach.Tx) error {
				if err := update(ctx, tx, renamedMary, 1); err != nil {
					return err
				}
				if err := update(ctx, tx, renamedZoe, 1); err != nil {
					return err
				}
				return update(ctx, tx, renamedCabin, 1)
			})
			for _, tc := range []struct {
				name   string
				search func(tx reach.Tx) ([]reach.SearchResult, error)
				want   []reach.SearchResult
			}{
				{"the old name is no longer found", words("obrien"), none},
				{"the new name is found", words("walsh"), []reach.SearchResult{byName(renamedZoe)}},
				{"an untouched name word still matches", words("mary"), []reach.SearchResult{byName(renamedMary)}},
				{"the old street is no longer found, other matches stay", words("elm"),
					[]reach.SearchResult{customer(renamedMary, reach.FieldAddress, "3 Elm Court, Salem, OR 97301")}},
				{"the new street is found", words("maple"),
					[]reach.SearchResult{customer(renamedZoe, reach.FieldAddress, "5 Maple Drive, Springfield, IL 62701")}},
				{"the old location name is no longer found", words("lakeside"), none},
				{"a location result names its customer's new name", words("hilltop"),
					[]reach.SearchResult{location(renamedCabin, renamedZoe, reach.FieldName, renamedCabin.Name)}},
				{"a removed number is no longer found", contactKey("+15551234567"), none},
				{"a removed number's digits no longer match", suffix("1234567"), none},
				{"a kept number still matches", suffix("7654567"),
					[]reach.SearchResult{customer(renamedZoe, reach.FieldPhone, "(555) 765-4567")}},
				{"an old email key is no longer found", contactKey("zoe.ob"), none},
				{"a changed email key is found", contactKey("zw@"),
					[]reach.SearchResult{customer(renamedZoe, reach.FieldEmail, "zw@example.com")}},
			} {
				t.Run(tc.name, func(t *testing.T) {
					wantEqual(t, "results", search(t, tc.search), tc.want)
				})
			}
		})
	})
}

// TestSearchLimitNeverHidesActiveRecords: with more matches than the limit,
// the page is filled with active records before any inactive one.
func TestSearchLimitNeverHidesActiveRecords(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		tenant := newTenant(t, db, "T")
		var activeID string
		for i, name := range []string{"Quill Adams", "Quill Baker", "Quill Chen", "Quill Diaz"} {
			c := newCustomer(tenant, name)
			ref, cid := customerRef(c)
			c.ContactMethods = []reach.ContactMethod{phoneMethod(ref, cid, "+1512867"+string(rune('0'+i))+"530")}
			c.Active = i == 3 // only the last one, created last, is active
			if c.Active {
				activeID = c.ID
			}
			insertCustomer(t, db, c)
		}
		for _, search := range []struct {
			name string
			run  func(tx reach.Tx) ([]reach.SearchResult, error)
		}{
			{"words", func(tx reach.Tx) ([]reach.SearchResult, error) {
				return tx.SearchWords(t.Context(), tenant, []string{"quill"}, 2)
			}},
			{"number prefix", func(tx reach.Tx) ([]reach.SearchResult, error) {
				return tx.SearchContactKey(t.Context(), tenant, "+1512867", 2)
			}},
			{"last digits", func(tx reach.Tx) ([]reach.SearchResult, error) {
				return tx.SearchNumberSuffix(t.Context(), tenant, "530", 2)
			}},
		} {
			t.Run(search.name, func(t *testing.T) {
				var got []reach.SearchResult
				mustRead(t, db, func(tx reach.Tx) (err error) {
					got, err = search.run(tx)
					return err
				})
				if len(got) != 2 || got[0].ID != activeID || !got[0].Active || got[1].Active {
					t.Errorf("got %+v, want the active record first, then one inactive", got)
				}
			})
		}
	})
}

// TestSearchFollowsActivity: the search index carries each record's active
// flag, so deactivating or reactivating a record moves it between the
// passes a search fills its page from — even when more records match than
// a search gathers (manyRanked), where a stale flag would fill the page
// with inactive records ahead of the active ones.
func TestSearchFollowsActivity(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		tenant := newTenant(t, db, "T")
		var quills []*reach.Customer
		for i := range 70 {
			c := newCustomer(tenant, fmt.Sprintf("Quill %02d", i))
			insertCustomer(t, db, c)
			quills = append(quills, c)
		}
		// setActive sets the flag of quills[from:to], in one write.
		setActive := func(from, to int, active bool) {
			mustWrite(t, db, func(tx reach.Tx) error {
				var writes []reach.RecordWrite
				for _, c := range quills[from:to] {
					before, err := tx.Customer(ctx, tenant, c.ID)
					if err != nil {
						return err
					}
					after := cloneCustomer(before)
					after.Active, after.Version = active, before.Version+1
					writes = append(writes, reach.RecordWrite{Before: before, After: after})
				}
				return tx.WriteRecords(ctx, tenant, writes)
			})
		}
		firstTwo := func(words ...string) []string {
			var got []reach.SearchResult
			mustRead(t, db, func(tx reach.Tx) (err error) {
				got, err = tx.SearchWords(ctx, tenant, words, 2)
				return err
			})
			var names []string
			for _, r := range got {
				names = append(names, fmt.Sprintf("%s active=%v", r.Name, r.Active))
			}
			return names
		}
		setActive(0, 65, false)
		want := []string{"Quill 65 active=true", "Quill 66 active=true"}
		wantEqual(t, "the first two after all but the last five are deactivated", firstTwo("quill"), want)
		setActive(0, 1, true)
		wantEqual(t, "after the first is reactivated", firstTwo("quill", "00"), []string{"Quill 00 active=true"})
		got := firstTwo("quill")
		if len(got) != 2 || got[0] != "Quill 00 active=true" {
			t.Errorf("after the first is reactivated, the first two are %q; want Quill 00 (the most recently changed) first", got)
		}
	})
}

// TestManyMatchesOfSeveralWords: when more records hold every word than a
// search gathers in full, it pages — still active records first, each
// once, every one holding all the words.
func TestManyMatchesOfSeveralWords(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		tenant := newTenant(t, db, "T")
		active := map[string]bool{}
		for i := range 240 {
			c := newCustomer(tenant, fmt.Sprintf("Pat Lee %d", i))
			c.Address.Street = "12 Lee Street" // the word twice on one record
			c.Active = i%40 == 0               // 6 active among 240
			if c.Active {
				active[c.ID] = true
			}
			insertCustomer(t, db, c)
		}
		insertCustomer(t, db, newCustomer(tenant, "Pat Morgan")) // holds one word only
		var got []reach.SearchResult
		mustRead(t, db, func(tx reach.Tx) (err error) {
			got, err = tx.SearchWords(t.Context(), tenant, []string{"lee", "pat"}, 10)
			return err
		})
		seen := map[string]bool{}
		for i, r := range got {
			if seen[r.ID] || !strings.HasPrefix(r.Name, "Pat Lee") || r.Active != (i < len(active)) || r.Active != active[r.ID] {
				t.Errorf("result %d: %+v", i, r)
			}
			seen[r.ID] = true
		}
		if len(got) != 10 {
			t.Errorf("got %d results, want a full page of 10", len(got))
		}
	})
}
