package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"

	"reach"
	"reach/sqlstore"
)

// dbFlag registers --db, defaulting to $REACH_DB or reach.db.
func dbFlag(f *flags) *string {
	def := os.Getenv("REACH_DB")
	if def == "" {
		def = "reach.db"
	}
	return f.String("db", def, "database: a SQLite file path or a postgres:// URL (env REACH_DB)")
}

// tenantFlag registers --tenant-id, which commands acting in one tenant need.
func tenantFlag(f *flags) *string {
	return f.String("tenant-id", "", "tenant: the tenant_id printed by reach init or serve --demo (required)")
}

// openDB opens and migrates the database, so every command sees the current schema.
func openDB(ctx context.Context, dsn string) (*sqlstore.DB, error) {
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// openTenant opens an existing database and checks the tenant is in it: a
// mistyped --db must not quietly create an empty database.
func openTenant(ctx context.Context, dsn, tenantID string) (*sqlstore.DB, error) {
	if path := sqlitePath(dsn); path != "" {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("there is no database at %s: pass --db with the file reach init or serve --demo created (or set REACH_DB)", path)
		}
	}
	db, err := openDB(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := db.Read(ctx, func(tx reach.Tx) error { _, err := tx.Tenant(ctx, tenantID); return err }); err != nil {
		db.Close()
		if reach.ErrorCode(err) == reach.ENOTFOUND {
			return nil, fmt.Errorf("tenant %q does not exist in the database %s: pass the tenant_id reach init or serve --demo printed, or create a tenant with `reach init --tenant NAME --admin-email EMAIL`", tenantID, describeDB(dsn))
		}
		return nil, err
	}
	return db, nil
}

// sqlitePath is the file a SQLite DSN names; "" for PostgreSQL.
func sqlitePath(dsn string) string {
	if sqlstore.IsPostgres(dsn) {
		return ""
	}
	path, _, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	return path
}

// describeDB names a database for a person, without its password.
func describeDB(dsn string) string {
	if path := sqlitePath(dsn); path != "" {
		return path
	}
	if u, err := url.Parse(dsn); err == nil {
		return u.Redacted()
	}
	return "(a PostgreSQL URL)"
}

// cliActor is the administrator a command-line run acts as; its changes are
// audited with source cli.
func cliActor(tenantID string) reach.Actor {
	return reach.Actor{TenantID: tenantID, UserID: "cli", Role: reach.RoleAdmin, Source: reach.SourceCLI}
}
