package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// PartitionedEnv names the variable that, set to 1, makes every fresh
// PostgreSQL database of the tests hash-partition its tenants' tables by
// tenant_id. PostgreSQL then enforces what a sharded deployment (Citus)
// needs — the tenant in every key — and the suite proves reach's SQL works
// on such tables. CI runs the storage suite once this way.
const PartitionedEnv = "REACH_TEST_PARTITIONED"

// globalTables are looked up by something other than a tenant: the tenants
// themselves, the migrations, the indexes a bulk load deferred, and API
// tokens and sessions (found by their secret's hash, which a sharded
// database distributes them by).
var globalTables = []string{"tenants", "schema_migrations", "deferred_indexes", "api_tokens", "sessions"}

// partitions is how many hash partitions each table gets.
const partitions = 4

// partitionByTenant rebuilds every table of the migrated database that
// belongs to a tenant as a table partitioned by hash of tenant_id, with the
// same columns, defaults, indexes, constraints and foreign keys; a database
// already partitioned is left as it is.
func partitionByTenant(tb testing.TB, dsn string) {
	tb.Helper()
	ctx := context.Background()
	conn, err := sql.Open("pgx", dsn)
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	query := func(q string) []string {
		rows, err := tx.QueryContext(ctx, q)
		if err != nil {
			tb.Fatalf("partition: %s: %v", q, err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				tb.Fatal(err)
			}
			out = append(out, s)
		}
		return out
	}
	exec := func(q string) {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			tb.Fatalf("partition: %s: %v", q, err)
		}
	}
	if len(query(`SELECT relname::text FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'p'`)) > 0 {
		return
	}
	var tables []string
	for _, t := range query(`SELECT relname::text FROM pg_class r WHERE r.relnamespace = current_schema()::regnamespace
		AND r.relkind = 'r' AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = r.oid AND a.attname = 'tenant_id') ORDER BY 1`) {
		if !slices.Contains(globalTables, t) {
			tables = append(tables, t)
		}
	}
	// Foreign keys touching the tables go first and come back last, onto
	// the partitioned tables.
	fks := query(`SELECT format('ALTER TABLE %I ADD CONSTRAINT %I %s', conrelid::regclass::text, conname, pg_get_constraintdef(oid))
		FROM pg_constraint WHERE connamespace = current_schema()::regnamespace AND contype = 'f'`)
	for _, drop := range query(`SELECT format('ALTER TABLE %I DROP CONSTRAINT %I', conrelid::regclass::text, conname)
		FROM pg_constraint WHERE connamespace = current_schema()::regnamespace AND contype = 'f'`) {
		exec(drop)
	}
	// Each index keeps its name, so plans and errors read as they do on plain
	// tables; a partition's copy of it is named for the partition.
	indexShape := `regexp_replace(pg_get_indexdef(i.indexrelid), ' INDEX \S+ ON (ONLY )?', ' INDEX ON ')`
	for _, t := range tables {
		names := map[string]string{}
		for _, row := range query(fmt.Sprintf(`SELECT i.indexrelid::regclass::text || '|' || %s FROM pg_index i WHERE i.indrelid = '%s'::regclass`, indexShape, t)) {
			name, shape, _ := strings.Cut(row, "|")
			names[shape] = name
		}
		exec(fmt.Sprintf(`ALTER TABLE %[1]s RENAME TO %[1]s_unpartitioned`, t))
		// A serial column's sequence must outlive the table it was made for.
		for _, seq := range query(fmt.Sprintf(`SELECT pg_get_serial_sequence('%s_unpartitioned', attname)::text FROM pg_attribute
			WHERE attrelid = '%[1]s_unpartitioned'::regclass AND attnum > 0 AND pg_get_serial_sequence('%[1]s_unpartitioned', attname) IS NOT NULL`, t)) {
			exec(`ALTER SEQUENCE ` + seq + ` OWNED BY NONE`)
		}
		exec(fmt.Sprintf(`CREATE TABLE %[1]s (LIKE %[1]s_unpartitioned INCLUDING ALL) PARTITION BY HASH (tenant_id)`, t))
		for i := range partitions {
			exec(fmt.Sprintf(`CREATE TABLE %[1]s_p%[2]d PARTITION OF %[1]s FOR VALUES WITH (MODULUS %[3]d, REMAINDER %[2]d)`, t, i, partitions))
		}
		exec(fmt.Sprintf(`INSERT INTO %[1]s SELECT * FROM %[1]s_unpartitioned`, t))
		exec(fmt.Sprintf(`DROP TABLE %s_unpartitioned`, t))
		for _, row := range query(fmt.Sprintf(`SELECT i.indexrelid::regclass::text || '|' || %s FROM pg_index i WHERE i.indrelid = '%s'::regclass`, indexShape, t)) {
			current, shape, _ := strings.Cut(row, "|")
			name, ok := names[shape]
			if !ok {
				tb.Fatalf("partition: %s has no index like %s", t, shape)
			}
			exec(fmt.Sprintf(`ALTER INDEX %s RENAME TO %s`, current, name))
			for _, part := range query(fmt.Sprintf(`SELECT inhrelid::regclass::text || '|' || (SELECT indrelid::regclass::text FROM pg_index WHERE indexrelid = inhrelid) FROM pg_inherits WHERE inhparent = '%s'::regclass`, name)) {
				index, table, _ := strings.Cut(part, "|")
				exec(fmt.Sprintf(`ALTER INDEX %s RENAME TO %s%s`, index, name, strings.TrimPrefix(table, t)))
			}
		}
	}
	for _, add := range fks {
		exec(add)
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// partitioned reports whether the tests partition PostgreSQL's tables.
func partitioned() bool { return os.Getenv(PartitionedEnv) == "1" }
