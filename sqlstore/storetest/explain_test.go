package storetest

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"reach"
	"reach/sqlstore"
)

// TestSearchUsesIndexes proves from the query plans, on both databases, that
// every search is an index range lookup, never a scan of the tenant's rows,
// so search stays fast whatever the tenant's size — with statistics and
// without them (nothing guarantees ANALYZE has run on a database).
func TestSearchUsesIndexes(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		tenant := seedForPlans(t, db)
		inStatisticsPhases(t, db, func(t *testing.T) { searchPlans(t, db, tenant) })
	})
}

// statisticsPhases are the states of the planner's statistics a plan test
// plans in. Without statistics is where SQLite, which nothing analyzes on
// its own, goes wrong at scale, and plain PostgreSQL too; on the few rows of
// a hash partition, PostgreSQL without statistics costs every index of the
// tenant alike and picks among them at random, which says nothing of a
// large table, so partitioned tables are planned with statistics only.
func statisticsPhases(db *sqlstore.DB) []string {
	if db.Dialect() == "postgres" && os.Getenv(PartitionedEnv) == "1" {
		return []string{"with statistics"}
	}
	return []string{"without statistics", "with statistics"}
}

// inStatisticsPhases runs test as a subtest in each of statisticsPhases,
// analyzing the database before the phase with statistics.
func inStatisticsPhases(t *testing.T, db *sqlstore.DB, test func(t *testing.T)) {
	for _, stats := range statisticsPhases(db) {
		if stats == "with statistics" {
			if err := db.Analyze(t.Context()); err != nil {
				t.Fatalf("analyze: %v", err)
			}
		}
		t.Run(stats, test)
	}
}

func searchPlans(t *testing.T, db *sqlstore.DB, tenant string) {
	{
		for _, tc := range []struct {
			name, kind, arg string
			// index is the index that must drive the lookup, as each database
			// names it in its plan.
			sqliteIndex, postgresIndex string
			// column is the one whose range the index must serve.
			column string
		}{
			{"one word is a range scan of the search_terms key", sqlstore.ExplainWords, "zoe",
				"PRIMARY KEY", "search_terms_pkey", "term"},
			{"several words are one range scan of the search_terms key, checking the others on its rows", sqlstore.ExplainWords, "zoe o'brien elm",
				"PRIMARY KEY", "search_terms_pkey", "term"},
			{"an E.164 number is a range scan of contact_methods_key", sqlstore.ExplainContactKey, "+15551234567",
				"INDEX contact_methods_key", "contact_methods_key", "key"},
			{"an email prefix is a range scan of contact_methods_key", sqlstore.ExplainContactKey, "zoe.ob",
				"INDEX contact_methods_key", "contact_methods_key", "key"},
			{"last digits are a range scan of contact_methods_digits", sqlstore.ExplainNumberSuffix, "4567",
				"INDEX contact_methods_digits", "contact_methods_digits", "digits_rev"},
			{"the holders of a value (sync candidates, caller ID) are a lookup of contact_methods_key", sqlstore.ExplainHolders, "+15550000037",
				"INDEX contact_methods_key", "contact_methods_key", "key"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				plan, err := db.ExplainSearch(t.Context(), tc.kind, tenant, tc.arg)
				if err != nil {
					t.Fatalf("explain: %v", err)
				}
				t.Logf("plan of %s %q:\n%s", tc.kind, tc.arg, plan)
				if db.Dialect() == "postgres" {
					noProblems(t, plan, postgresPlanProblems(plan, tc.postgresIndex, tc.column, "search_terms", "contact_methods"))
				} else {
					noProblems(t, plan, sqlitePlanProblems(plan, tc.sqliteIndex, tc.column))
				}
			})
		}

		// PostgreSQL chooses index-only scans by its visibility map, not by
		// the query, so this holds on SQLite only.
		sqliteOnly := db.Dialect() == "sqlite"
		t.Run("the holders' records are read from covering indexes", func(t *testing.T) {
			if !sqliteOnly {
				return
			}
			plan, err := db.ExplainSearch(t.Context(), sqlstore.ExplainHolders, tenant, "+15550000037")
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"COVERING INDEX customers_holder", "COVERING INDEX locations_holder"} {
				if !strings.Contains(plan, want) {
					t.Errorf("the plan does not use %s:\n%s", want, plan)
				}
			}
		})

		t.Run("an unknown kind is an error", func(t *testing.T) {
			if _, err := db.ExplainSearch(t.Context(), "telepathy", tenant, "x"); err == nil {
				t.Fatal("want an error")
			}
		})
	}
}

// TestContactWritesByIDUseTheirKey proves from the plans that writing many
// contact methods by id (a sync to a thousand records) looks each up by
// (tenant_id, id), with statistics or without, never reading the tenant's
// methods by another index.
func TestContactWritesByIDUseTheirKey(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		tenant := seedForPlans(t, db)
		inStatisticsPhases(t, db, func(t *testing.T) {
			plan, err := db.ExplainContactUpdate(t.Context(), tenant, 40)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("plan:\n%s", plan)
			if db.Dialect() == "postgres" {
				// On a test's few rows PostgreSQL rightly reads the
				// tenant's part of an index and filters; only a
				// sequential scan is wrong.
				noProblems(t, plan, seqScanProblems(plan, "contact_methods"))
			} else if !strings.Contains(plan, "contact_methods_tenant_id (tenant_id=? AND id=?)") {
				t.Errorf("the update does not find the methods by (tenant_id, id):\n%s", plan)
			}
			// A sync moves hundreds of records on a version; each
			// is found by its id, never by reading the tenant's.
			for _, table := range []string{"customers", "locations"} {
				plan, err := db.ExplainVersionBump(t.Context(), tenant, table, 500)
				if err != nil {
					t.Fatal(err)
				}
				if db.Dialect() == "postgres" {
					noProblems(t, plan, seqScanProblems(plan, table))
				} else if first, _, _ := strings.Cut(plan, "\n"); !strings.Contains(first, "(tenant_id=? AND id=?)") {
					t.Errorf("moving 500 %s on a version does not find them by (tenant_id, id):\n%s", table, plan)
				}
			}
		})
	})
}

// TestListCustomersUsesIndexes proves from the query plans that listing
// customers reads an index, never the whole table; on SQLite, the tenant's
// part of one.
func TestListCustomersUsesIndexes(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		tenant := seedForPlans(t, db)
		if err := db.Analyze(t.Context()); err != nil {
			t.Fatalf("analyze: %v", err)
		}
		var page []reach.Customer
		mustRead(t, db, func(tx reach.Tx) (err error) {
			page, err = tx.ListCustomers(t.Context(), tenant, reach.CustomerFilter{Limit: 50})
			return err
		})
		yes := true
		for _, tc := range []struct {
			name   string
			filter reach.CustomerFilter
		}{
			{"the first page is read from an index", reach.CustomerFilter{}},
			{"a later page is read from an index", reach.CustomerFilter{After: page[len(page)-1].ID}},
			{"a name prefix is read from an index", reach.CustomerFilter{NamePrefix: "zo"}},
			{"unindexed filters are still read from an index", reach.CustomerFilter{Active: &yes, City: "Springfield"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				plan, err := db.ExplainListCustomers(t.Context(), tenant, tc.filter)
				if err != nil {
					t.Fatalf("explain: %v", err)
				}
				t.Logf("plan:\n%s", plan)
				if db.Dialect() == "postgres" {
					// On few rows PostgreSQL may rightly walk customers_pkey in
					// id order and stop at the page's end; only a sequential
					// scan is wrong.
					noProblems(t, plan, seqScanProblems(plan, "customers"))
				} else {
					noProblems(t, plan, sqlitePlanProblems(plan, "", "tenant_id"))
				}
			})
		}
	})
}

// seedForPlans fills five tenants with enough customers, locations and
// contact methods for the planners to tell a selective index from a scan,
// and returns one tenant's id; the caller runs Analyze when it wants
// statistics.
func seedForPlans(tb testing.TB, db *sqlstore.DB) string {
	tb.Helper()
	first := []string{"Zoë", "Ann", "Bob", "Carla", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivan", "Jo"}
	last := []string{"O'Brien", "Smith", "Nguyen", "García", "Kowalski", "Okafor", "Lee", "Walsh", "Rossi"}
	streets := []string{"Elm", "Oak", "Maple", "Birch", "Cedar", "Pine", "Main", "Lake", "Hill", "River"}
	cities := []string{"Springfield", "Shelbyville", "Portland", "Salem", "Albany", "Dover", "Austin"}
	var tenants []string
	for ti := range 5 {
		tenants = append(tenants, newTenant(tb, db, fmt.Sprintf("Tenant %d", ti)))
	}
	// Customers of all tenants are created interleaved, as in real life, so
	// ids are not clustered by tenant.
	mustWrite(tb, db, func(tx reach.Tx) error {
		for i := range 120 {
			for ti, tenant := range tenants {
				c := newCustomer(tenant, first[i%len(first)]+" "+last[i%len(last)])
				c.Address.Street = fmt.Sprintf("%d %s Street", 10+i, streets[i%len(streets)])
				c.Address.City, c.Address.Zip = cities[i%len(cities)], fmt.Sprintf("%05d", 10000+i*7)
				ref, cid := customerRef(c)
				c.ContactMethods = []reach.ContactMethod{
					phoneMethod(ref, cid, fmt.Sprintf("+1555%07d", ti*100000+i*37)),
					emailMethod(ref, cid, fmt.Sprintf("person%d@example%d.com", i, ti)),
				}
				if err := insert(tb.Context(), tx, c); err != nil {
					return err
				}
				if i%3 == 0 {
					l := newLocation(c, fmt.Sprintf("Site %d", i))
					lref, lcid := locationRef(l)
					l.ContactMethods = []reach.ContactMethod{phoneMethod(lref, lcid, fmt.Sprintf("+1666%07d", ti*100000+i))}
					if err := insert(tb.Context(), tx, l); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	return tenants[1]
}

// sqlitePlanProblems lists what is wrong with an EXPLAIN QUERY PLAN: a full
// SCAN, a SEARCH without an index or whose index lookup is not constrained on
// column (point lookups of one record by its id, such as the active-record
// probe, read one row and are fine), or, when index is set, a first lookup
// not using that index.
func sqlitePlanProblems(plan, index, column string) []string {
	var problems []string
	usesIndex := regexp.MustCompile(`^SEARCH \S+ (EXISTS )?USING (COVERING INDEX \S+|INDEX \S+|PRIMARY KEY|INTEGER PRIMARY KEY) \(`)
	constrained := regexp.MustCompile(`[( ]` + regexp.QuoteMeta(column) + `[=<>]`)
	pointLookup := regexp.MustCompile(`\(tenant_id=\? AND id=\?\)( LEFT-JOIN)?$`)
	searches := 0
	for _, line := range strings.Split(plan, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "SCAN "):
			problems = append(problems, fmt.Sprintf("full scan: %q", line))
		case strings.HasPrefix(line, "SEARCH "):
			if !usesIndex.MatchString(line) {
				problems = append(problems, fmt.Sprintf("search without an index: %q", line))
			}
			if !constrained.MatchString(line) && !pointLookup.MatchString(line) {
				problems = append(problems, fmt.Sprintf("index lookup not constrained on %s: %q", column, line))
			}
			if searches == 0 && index != "" && !strings.Contains(line, "USING "+index+" (") &&
				!strings.Contains(line, "USING COVERING "+index+" (") {
				problems = append(problems, fmt.Sprintf("lookup not driven by %s: %q", index, line))
			}
			searches++
		}
	}
	if searches == 0 {
		problems = append(problems, "no index search in plan")
	}
	return problems
}

// pgScan matches a scan node of a PostgreSQL plan: its kind, its index (for
// a Bitmap Index Scan, the name after "on") and its table.
var pgScan = regexp.MustCompile(`(Seq Scan|Index Only Scan|Index Scan(?: Backward)?|Bitmap Index Scan|Bitmap Heap Scan) (?:using (\S+) )?on (\S+)`)

// pgIndexColumns lists the leading columns of the indexes search plans may
// use, as the migrations define them.
var pgIndexColumns = map[string][]string{
	"search_terms_pkey":        {"tenant_id", "term"},
	"contact_methods_key":      {"tenant_id", "key", "customer_id"},
	"contact_methods_digits":   {"tenant_id", "digits_rev"},
	"contact_methods_customer": {"tenant_id", "customer_id", "location_id"},
	"contact_methods_location": {"tenant_id", "location_id"},
}

// postgresPlanProblems lists what is wrong with an EXPLAIN output: a
// sequential scan of one of tables, an index scan of them that does not bound
// its index on every column up to and including column (so it reads more than
// the matches: all of a tenant's entries, say), or, when index is set, no
// scan of that index (an Index Scan, Index Only Scan, or Bitmap Index Scan
// feeding a Bitmap Heap Scan).
func postgresPlanProblems(plan, index, column string, tables ...string) []string {
	var problems []string
	lines := strings.Split(plan, "\n")
	found := false
	heap := "" // the table of the Bitmap Heap Scan being fed
	for i, line := range lines {
		m := pgScan.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		kind, idx, table := m[1], unpartitioned(m[2]), unpartitioned(m[3])
		switch kind {
		case "Seq Scan":
			if slices.Contains(tables, table) {
				problems = append(problems, fmt.Sprintf("sequential scan of %s: %q", table, strings.TrimSpace(line)))
			}
			continue
		case "Bitmap Heap Scan":
			heap = table
			continue // fed by the Bitmap Index Scan below it, checked there
		case "Bitmap Index Scan":
			idx, table = table, heap
			if !slices.Contains(tables, table) {
				continue // a join of another table (by its primary key, say)
			}
		default:
			if !slices.Contains(tables, table) {
				continue
			}
		}
		cols, known := pgIndexColumns[idx]
		if !known {
			problems = append(problems, fmt.Sprintf("plan uses index %s, unknown to this test: add its columns to pgIndexColumns", idx))
			continue
		}
		at := slices.Index(cols, column)
		if at < 0 {
			problems = append(problems, fmt.Sprintf("%s using %s cannot bound %s: %q", kind, idx, column, strings.TrimSpace(line)))
			continue
		}
		cond := nodeAttr(lines, i, "Index Cond:")
		for _, col := range cols[:at+1] {
			if !strings.Contains(cond, "("+col+" ") {
				problems = append(problems, fmt.Sprintf("%s using %s does not bound %s: %q", kind, idx, col, cond))
			}
		}
		if idx == index {
			found = true
		}
	}
	if index != "" && !found {
		problems = append(problems, fmt.Sprintf("no Index Scan, Index Only Scan or Bitmap Index Scan using %s", index))
	}
	return problems
}

// seqScanProblems lists the sequential scans of table in a PostgreSQL plan.
func seqScanProblems(plan, table string) []string {
	var problems []string
	for _, m := range pgScan.FindAllStringSubmatch(plan, -1) {
		if m[1] == "Seq Scan" && unpartitioned(m[3]) == table {
			problems = append(problems, "sequential scan of "+table)
		}
	}
	if !strings.Contains(plan, "Index") {
		problems = append(problems, "no index scan")
	}
	return problems
}

// noProblems fails the test with each problem found in plan.
func noProblems(tb testing.TB, plan string, problems []string) {
	tb.Helper()
	for _, p := range problems {
		tb.Error(p)
	}
	if len(problems) > 0 {
		tb.Logf("in plan:\n%s", plan)
	}
}

// nodeAttr returns the attribute line (such as "Index Cond:") of the plan node
// on line i: the lines after it up to the next node.
func nodeAttr(lines []string, i int, name string) string {
	for _, l := range lines[i+1:] {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "->") {
			return ""
		}
		if strings.HasPrefix(l, name) {
			return l
		}
	}
	return ""
}

// TestPlanChecks shows the plan checks above reject the plans they exist to
// catch, taken from real EXPLAIN output of bad or unindexed queries.
func TestPlanChecks(t *testing.T) {
	for _, tc := range []struct {
		name     string
		problems []string
		wantBad  bool
	}{
		{"sqlite: a range search of the expected index passes",
			sqlitePlanProblems("SEARCH m USING INDEX contact_methods_key (tenant_id=? AND key>? AND key<?)", "INDEX contact_methods_key", "key"), false},
		{"sqlite: a covering index of the expected index passes",
			sqlitePlanProblems("SEARCH m USING COVERING INDEX contact_methods_key (tenant_id=? AND key>? AND key<?)", "INDEX contact_methods_key", "key"), false},
		{"sqlite: a full scan fails",
			sqlitePlanProblems("SCAN m", "INDEX contact_methods_key", "key"), true},
		{"sqlite: a search bound on the tenant only fails",
			sqlitePlanProblems("SEARCH m USING INDEX contact_methods_location (tenant_id=?)", "", "key"), true},
		{"sqlite: a search driven by another index fails",
			sqlitePlanProblems("SEARCH t USING COVERING INDEX search_terms_record (tenant_id=? AND record_type=? AND record_id=? AND term>? AND term<?)", "PRIMARY KEY", "term"), true},
		{"sqlite: an index probe after a scan still fails",
			sqlitePlanProblems("SCAN t\nSEARCH u EXISTS USING COVERING INDEX search_terms_record (tenant_id=? AND record_type=? AND record_id=? AND term>? AND term<?)", "", "term"), true},

		{"postgres: an index range scan passes", postgresPlanProblems(`Limit  (cost=0.28..8.30 rows=1 width=98)
  ->  Index Scan using contact_methods_key on contact_methods m  (cost=0.28..8.30 rows=1 width=98)
        Index Cond: ((tenant_id = 'x'::text) AND (key >= '+1555'::text) AND (key < '+1555'::text))`,
			"contact_methods_key", "key", "contact_methods"), false},
		{"postgres: a bitmap range scan passes", postgresPlanProblems(`Bitmap Heap Scan on search_terms t  (cost=4.55..37.14 rows=11 width=46)
  Recheck Cond: ((tenant_id = 'x'::text) AND (term >= 'zoe'::text) AND (term < 'zoe'::text))
  ->  Bitmap Index Scan on search_terms_pkey  (cost=0.00..4.54 rows=11 width=0)
        Index Cond: ((tenant_id = 'x'::text) AND (term >= 'zoe'::text) AND (term < 'zoe'::text))`,
			"search_terms_pkey", "term", "search_terms"), false},
		{"postgres: a bitmap scan of a joined table is that table's business", postgresPlanProblems(`Nested Loop Left Join
  ->  Index Scan using contact_methods_key on contact_methods m  (cost=0.28..8.30 rows=1 width=98)
        Index Cond: ((tenant_id = 'x'::text) AND (key = '+15550000037'::text))
  ->  Bitmap Heap Scan on locations_p0 l  (cost=4.45..8.15 rows=1 width=99)
        ->  Bitmap Index Scan on locations_pkey_p0  (cost=0.00..4.44 rows=40 width=0)
              Index Cond: (tenant_id = 'x'::text)`,
			"contact_methods_key", "key", "contact_methods"), false},
		{"postgres: a bitmap scan of the searched table bound on the tenant only fails", postgresPlanProblems(`Bitmap Heap Scan on contact_methods m  (cost=4.45..8.15 rows=1 width=99)
  ->  Bitmap Index Scan on contact_methods_location  (cost=0.00..4.44 rows=40 width=0)
        Index Cond: (tenant_id = 'x'::text)`,
			"", "key", "contact_methods"), true},
		{"postgres: a sequential scan fails", postgresPlanProblems(`Limit  (cost=0.00..1.01 rows=1 width=98)
  ->  Seq Scan on contact_methods m  (cost=0.00..1.01 rows=1 width=98)
        Filter: ((tenant_id = 'x'::text) AND (key >= '+1555'::text))`,
			"", "key", "contact_methods"), true},
		{"postgres: an index scan bound on the tenant only fails", postgresPlanProblems(`Limit  (cost=0.14..8.17 rows=1 width=128)
  ->  Index Scan using contact_methods_location on contact_methods m  (cost=0.14..8.17 rows=1 width=128)
        Index Cond: (tenant_id = 'x'::text)
        Filter: ((key >= '+1555'::text) AND (key < '+1555'::text))`,
			"", "key", "contact_methods"), true},
		{"postgres: a range on a later index column, skipping others, fails", postgresPlanProblems(`Limit  (cost=0.15..8.19 rows=1 width=64)
  ->  Index Only Scan using search_terms_record on search_terms t  (cost=0.15..8.18 rows=1 width=64)
        Index Cond: ((tenant_id = 'x'::text) AND (term >= 'zoe'::text) AND (term < 'zoe'::text))`,
			"", "term", "search_terms"), true},
		{"postgres: a plan missing the expected index fails", postgresPlanProblems(`Index Scan using contact_methods_digits on contact_methods m  (cost=0.28..8.30 rows=1 width=98)
  Index Cond: ((tenant_id = 'x'::text) AND (digits_rev >= '7654'::text))`,
			"contact_methods_key", "digits_rev", "contact_methods"), true},
		{"postgres: a sequential scan of customers fails the list check",
			seqScanProblems("Limit\n  ->  Sort\n        ->  Seq Scan on customers c  (cost=0.00..1.01 rows=1 width=98)", "customers"), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if bad := len(tc.problems) > 0; bad != tc.wantBad {
				t.Fatalf("problems = %q, want some: %v", tc.problems, tc.wantBad)
			}
		})
	}
}

// partitionSuffix ends the name of a partition, and of its copy of an index,
// when the tests partition the tables (see PartitionedEnv).
var partitionSuffix = regexp.MustCompile(`_p[0-9]+$`)

// unpartitioned names the table or index a partition's scan reads.
func unpartitioned(name string) string { return partitionSuffix.ReplaceAllString(name, "") }
