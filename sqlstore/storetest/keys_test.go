package storetest

import (
	"database/sql"
	"slices"
	"strings"
	"testing"
)

var keyKinds = map[string]string{"p": "primary key", "u": "unique constraint", "f": "foreign key", "unique index": "unique index"}

// TestEveryKeyNamesTheTenant reads PostgreSQL's catalog: every primary key,
// unique constraint, unique index and foreign key of a table that belongs
// to a tenant includes tenant_id — what Citus requires to distribute the
// tables by tenant, and PostgreSQL to partition them by it.
func TestEveryKeyNamesTheTenant(t *testing.T) {
	conn := catalog(t)
	rows, err := conn.QueryContext(t.Context(), `
		SELECT c.conrelid::regclass::text, c.conname, c.contype::text,
			array_to_string(ARRAY(SELECT a.attname FROM unnest(c.conkey) k JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k), ',')
		FROM pg_constraint c WHERE c.connamespace = current_schema()::regnamespace AND c.contype IN ('p', 'u', 'f')
		UNION ALL
		SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, 'unique index',
			array_to_string(ARRAY(SELECT a.attname FROM unnest(i.indkey) k JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k), ',')
		FROM pg_index i JOIN pg_class r ON r.oid = i.indrelid
		WHERE r.relnamespace = current_schema()::regnamespace AND i.indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
		UNION ALL
		SELECT r.relname::text, '', 'table', '' FROM pg_class r
		WHERE r.relnamespace = current_schema()::regnamespace AND r.relkind IN ('r', 'p') AND NOT r.relispartition
			AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = r.oid AND a.attname = 'tenant_id')`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	references := foreignKeyTargets(t, conn)
	checked := 0
	for rows.Next() {
		var table, name, kind, columns string
		if err := rows.Scan(&table, &name, &kind, &columns); err != nil {
			t.Fatal(err)
		}
		if slices.Contains(globalTables, table) {
			// A global table is distributed by something else than the
			// tenant: it may refer only to other global tables.
			if kind == "f" && !slices.Contains(globalTables, references[name]) {
				t.Errorf("global table %s refers to %s, a tenant's table, by %s", table, references[name], name)
			}
			continue
		}
		checked++
		if kind == "table" {
			t.Errorf("table %s belongs to no tenant: it has no tenant_id", table)
		} else if !slices.Contains(strings.Split(columns, ","), "tenant_id") {
			t.Errorf("%s: %s %s (%s) lacks tenant_id", table, keyKinds[kind], name, columns)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if checked < 20 {
		t.Errorf("only %d keys checked; the catalog query is wrong", checked)
	}
}

// catalog opens a freshly migrated PostgreSQL database, for tests that read
// its catalog.
func catalog(t *testing.T) *sql.DB {
	t.Helper()
	dsn := DSN(t, "postgres")
	OpenDSN(t, dsn)
	conn, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// foreignKeyTargets maps each foreign key of the schema to the table it
// refers to.
func foreignKeyTargets(t *testing.T, conn *sql.DB) map[string]string {
	rows, err := conn.QueryContext(t.Context(), `SELECT conname, confrelid::regclass::text FROM pg_constraint
		WHERE connamespace = current_schema()::regnamespace AND contype = 'f'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, target string
		if err := rows.Scan(&name, &target); err != nil {
			t.Fatal(err)
		}
		out[name] = target
	}
	return out
}
