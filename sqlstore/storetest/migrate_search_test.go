package storetest

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"

	"reach"
	"reach/sqlstore"
)

// TestSearchIndexMigration: search rows written before migration 0012 — a
// row per word and field, without the record's active flag or words —
// become one row per word carrying both, and the store searches and
// reindexes them as rows it wrote itself.
func TestSearchIndexMigration(t *testing.T) {
	for _, backend := range Backends {
		t.Run(backend, func(t *testing.T) {
			ctx := t.Context()
			db, raw := unmigrated(t, backend)
			all, err := db.Migrations()
			if err != nil {
				t.Fatal(err)
			}
			exec := func(q string) {
				t.Helper()
				if _, err := raw.ExecContext(ctx, q); err != nil {
					t.Fatalf("%.60s…: %v", q, err)
				}
			}
			exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
			for _, m := range all {
				if m.Version < 12 {
					exec(m.SQL)
					exec(fmt.Sprintf(`INSERT INTO schema_migrations VALUES (%d, '%s', '2026-01-01T00:00:00Z')`, m.Version, m.Name))
				}
			}
			const at = `'2026-01-01T00:00:00.000000Z'`
			exec(`INSERT INTO tenants (id, name, created_at) VALUES ('t', 'T', ` + at + `)`)
			exec(`INSERT INTO customers (id, tenant_id, name, name_key, type, street, unit, city, state, zip, country,
				active, version, created_at, updated_at) VALUES ('c', 't', 'Zoë O''Brien', 'zoë o''brien', 'residential', '12 Elm St', '', 'Salem', 'OR',
				'97301', 'US', TRUE, 1, ` + at + `, ` + at + `)`)
			exec(`INSERT INTO locations (id, tenant_id, customer_id, name, street, unit, city, state, zip, country, active, version,
				created_at, updated_at) VALUES ('l', 't', 'c', 'Elm Cabin', '5 Elm Rd', '', 'Salem', 'OR', '97301', 'US', FALSE, 1, ` + at + `, ` + at + `)`)
			var old []string
			for _, r := range [][3]string{{"zoe", "customer", "name"}, {"obrien", "customer", "name"}, {"12", "customer", "address"},
				{"elm", "customer", "address"}, {"st", "customer", "address"}, {"salem", "customer", "address"}, {"97301", "customer", "address"},
				{"elm", "location", "name"}, {"cabin", "location", "name"}, {"5", "location", "address"}, {"elm", "location", "address"},
				{"rd", "location", "address"}, {"salem", "location", "address"}, {"97301", "location", "address"}} {
				old = append(old, fmt.Sprintf(`('t', '%s', '%s', '%s', '%s')`, r[0], r[1], r[1][:1], r[2]))
			}
			exec(`INSERT INTO search_terms (tenant_id, term, record_type, record_id, field) VALUES ` + strings.Join(old, ", "))

			applied, err := db.Migrate(ctx)
			if err != nil || len(applied) != len(all)-11 || !strings.HasPrefix(applied[0], "0012_") {
				t.Fatalf("migrate applied %v, %v; want those from 0012 on", applied, err)
			}
			rows := map[string]string{}
			rs, err := raw.QueryContext(ctx, `SELECT term, record_type, active, words FROM search_terms WHERE tenant_id = 't' ORDER BY 1, 2`)
			if err != nil {
				t.Fatal(err)
			}
			for rs.Next() {
				var term, typ, words string
				var active bool
				if err := rs.Scan(&term, &typ, &active, &words); err != nil {
					t.Fatal(err)
				}
				got := strings.Fields(words)
				slices.Sort(got)
				key := term + " " + typ
				if _, dup := rows[key]; dup {
					t.Errorf("%s has two rows", key)
				}
				rows[key] = fmt.Sprintf("active=%v %v space-first=%v", active, got, strings.HasPrefix(words, " "))
			}
			if err := rs.Err(); err != nil {
				t.Fatal(err)
			}
			customerRow := "active=true [12 97301 elm obrien salem st zoe] space-first=true"
			locationRow := "active=false [5 97301 cabin elm rd salem] space-first=true"
			if len(rows) != 13 || rows["obrien customer"] != customerRow || rows["elm location"] != locationRow || rows["cabin location"] != locationRow {
				t.Errorf("migrated rows:\n%v\nwant 13, the customer's %q and the location's %q", rows, customerRow, locationRow)
			}

			search := func(words ...string) []string {
				var names []string
				mustRead(t, db, func(tx reach.Tx) error {
					rs, err := tx.SearchWords(ctx, "t", words, 10)
					for _, r := range rs {
						names = append(names, r.Name)
					}
					return err
				})
				return names
			}
			wantEqual(t, "elm", search("elm"), []string{"Zoë O'Brien", "Elm Cabin"})
			wantEqual(t, "elm cab", search("elm", "cab"), []string{"Elm Cabin"})
			wantEqual(t, "salem zoe", search("salem", "zoe"), []string{"Zoë O'Brien"})
			mustWrite(t, db, func(tx reach.Tx) error {
				c, err := tx.Customer(ctx, "t", "c")
				if err != nil {
					return err
				}
				renamed := cloneCustomer(c)
				renamed.Name, renamed.Version = "Zoë Walsh", 2
				return update(ctx, tx, renamed, 1)
			})
			wantEqual(t, "the old name after a rename", search("obrien"), []string(nil))
			wantEqual(t, "the new name", search("walsh"), []string{"Zoë Walsh"})
			counts := map[string]int{}
			rs, err = raw.QueryContext(ctx, `SELECT term, records FROM search_counts WHERE tenant_id = 't' AND records <> 0`)
			if err != nil {
				t.Fatal(err)
			}
			for rs.Next() {
				var term string
				var n int
				if err := rs.Scan(&term, &n); err != nil {
					t.Fatal(err)
				}
				counts[term] = n
			}
			want := map[string]int{"zoe": 1, "walsh": 1, "12": 1, "elm": 2, "st": 1, "salem": 2, "97301": 2, "cabin": 1, "5": 1, "rd": 1}
			wantEqual(t, "the words' counts, migrated and moved by the rename", counts, want)
		})
	}
}

// unmigrated opens a new empty database of the backend through the store,
// not yet migrated, and through database/sql alone, for a test to read
// and write its tables directly.
func unmigrated(t *testing.T, backend string) (*sqlstore.DB, *sql.DB) {
	t.Helper()
	dsn := DSN(t, backend)
	db, err := sqlstore.Open(t.Context(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	raw, err := sql.Open(map[string]string{"sqlite": "sqlite", "postgres": "pgx"}[backend], dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return db, raw
}
