package main

import (
	"context"
	"fmt"
	"os"

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
	return f.String("tenant-id", "", "tenant: the tenant_id printed by reach init (required)")
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

// openTenant opens the database and checks the tenant is in it.
func openTenant(ctx context.Context, dsn, tenantID string) (*sqlstore.DB, error) {
	db, err := openDB(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := db.Read(ctx, func(tx reach.Tx) error { _, err := tx.Tenant(ctx, tenantID); return err }); err != nil {
		db.Close()
		if reach.ErrorCode(err) == reach.ENOTFOUND {
			return nil, fmt.Errorf("tenant %q does not exist in this database: create one with `reach init --tenant NAME --admin-email EMAIL` and pass the tenant_id it prints", tenantID)
		}
		return nil, err
	}
	return db, nil
}

// cliActor is the administrator a command-line run acts as; its changes are
// audited with source cli.
func cliActor(tenantID string) reach.Actor {
	return reach.Actor{TenantID: tenantID, UserID: "cli", Role: reach.RoleAdmin, Source: reach.SourceCLI}
}
