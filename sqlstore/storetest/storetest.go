// Package storetest opens reach databases for tests: the embedded SQLite
// always, and PostgreSQL when REACH_TEST_POSTGRES holds a server URL. Every
// test that touches storage runs once per backend through ForEachBackend.
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"reach"
	"reach/sqlstore"
)

// PostgresEnv names the variable holding the PostgreSQL server URL for tests.
const PostgresEnv = "REACH_TEST_POSTGRES"

// Backends lists the backends tests run against, in order.
var Backends = []string{"sqlite", "postgres"}

// ForEachBackend runs fn as a subtest per backend, each with a fresh, migrated
// database that is dropped afterwards. PostgreSQL subtests skip with a clear
// message when REACH_TEST_POSTGRES is unset, and fail when CI is set but the
// variable is not: CI must never silently skip a backend.
func ForEachBackend(t *testing.T, fn func(t *testing.T, db *sqlstore.DB)) {
	t.Helper()
	for _, b := range Backends {
		t.Run(b, func(t *testing.T) {
			fn(t, Open(t, b))
		})
	}
}

// Open returns a fresh, migrated database of the given backend.
func Open(tb testing.TB, backend string) *sqlstore.DB {
	tb.Helper()
	return OpenDSN(tb, DSN(tb, backend))
}

// OpenDSN opens and migrates the database at dsn — a fresh one from DSN, a
// second connection to it, or a seeded one for a benchmark — and closes it
// when the test ends.
func OpenDSN(tb testing.TB, dsn string) *sqlstore.DB {
	tb.Helper()
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
	if partitioned() && sqlstore.IsPostgres(dsn) {
		partitionByTenant(tb, dsn)
	}
	return db
}

var schemaSeq atomic.Int64

// DSN returns the connection string of a new empty database of the backend:
// a file in a temporary folder for SQLite, a new schema for PostgreSQL.
func DSN(tb testing.TB, backend string) string {
	tb.Helper()
	if backend == "sqlite" {
		return filepath.Join(tb.TempDir(), "reach.db")
	}
	server := os.Getenv(PostgresEnv)
	if server == "" {
		if os.Getenv("CI") != "" {
			tb.Fatalf("%s is not set but CI is: the PostgreSQL suite must run in CI", PostgresEnv)
		}
		tb.Skipf("PostgreSQL suite skipped: set %s=postgres://… to run it (CI does)", PostgresEnv)
	}
	schema := fmt.Sprintf("reach_test_%d_%d", time.Now().UnixNano(), schemaSeq.Add(1))
	admin, err := sql.Open("pgx", server)
	if err != nil {
		tb.Fatalf("open postgres: %v", err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		admin, err := sql.Open("pgx", server)
		if err != nil {
			return
		}
		defer admin.Close()
		_, _ = admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
	})
	u, err := url.Parse(server)
	if err != nil || !strings.HasPrefix(server, "postgres") {
		tb.Fatalf("%s must be a postgres:// URL", PostgresEnv)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Legacy stores a customer of the tenant holding values exactly as given —
// E.164 numbers or addresses — straight through the store, as data from
// before a rule existed would be, and returns it.
func Legacy(tb testing.TB, db *sqlstore.DB, tenantID, name string, values ...string) *reach.Customer {
	tb.Helper()
	now := time.Now().UTC().Truncate(time.Microsecond)
	c := &reach.Customer{RecordHeader: reach.RecordHeader{ID: reach.NewID(), TenantID: tenantID, Name: name, Active: true, Version: 1,
		CreatedAt: now, UpdatedAt: now}, Type: reach.Residential}
	for _, v := range values {
		kind, display := reach.KindEmail, v
		if strings.HasPrefix(v, "+") {
			kind = reach.KindMobile
			if len(v) == 12 {
				display = "(" + v[2:5] + ") " + v[5:8] + "-" + v[8:]
			}
		}
		c.ContactMethods = append(c.ContactMethods, reach.ContactMethod{ID: reach.NewID(), Owner: c.Ref(), CustomerID: c.ID,
			Kind: kind, Value: v, Key: reach.ContactKey(kind, v), Display: display, CreatedAt: now, UpdatedAt: now,
			CreatedBy: "import", Source: reach.SourceImport})
	}
	err := db.Write(context.Background(), func(tx reach.Tx) error {
		return tx.WriteRecords(context.Background(), tenantID, []reach.RecordWrite{{After: c}})
	})
	if err != nil {
		tb.Fatalf("store legacy customer: %v", err)
	}
	return c
}
