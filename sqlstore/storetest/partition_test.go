package storetest

import (
	"os"
	"slices"
	"testing"
)

// TestTablesArePartitionedOnRequest guards the partitioned run itself: with
// PartitionedEnv set, every table of a tenant is hash-partitioned, so the
// suite that passes then passed on partitioned tables; without it, they
// are plain tables, as the migrations make them.
func TestTablesArePartitionedOnRequest(t *testing.T) {
	want := "r"
	if partitioned() {
		want = "p"
	}
	rows, err := catalog(t).QueryContext(t.Context(), `SELECT r.relname::text, r.relkind::text FROM pg_class r
		WHERE r.relnamespace = current_schema()::regnamespace AND r.relkind IN ('r', 'p') AND NOT r.relispartition
		AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = r.oid AND a.attname = 'tenant_id')`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := 0
	for rows.Next() {
		var table, kind string
		if err := rows.Scan(&table, &kind); err != nil {
			t.Fatal(err)
		}
		seen++
		if !slices.Contains(globalTables, table) && kind != want {
			t.Errorf("table %s has relkind %s, want %s (%s=%q)", table, kind, want, PartitionedEnv, os.Getenv(PartitionedEnv))
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if seen < 8 {
		t.Errorf("only %d tenant tables found; the catalog query is wrong", seen)
	}
}
