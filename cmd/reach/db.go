package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strconv"
	"strings"

	"reach"
	"reach/sqlstore"
)

// dbChoice is the database a command opens — --db — and what SQLite may
// keep in memory while it is open.
type dbChoice struct {
	dsn string
	mem sqlstore.Memory
	// envErr is a memory variable of the environment that is not a number.
	envErr error
}

// dbFlag registers --db, defaulting to $REACH_DB or reach.db, and the SQLite
// memory settings, defaulting to $REACH_SQLITE_CACHE_MIB and
// $REACH_SQLITE_MAP_MIB.
func dbFlag(f *flags) *dbChoice {
	c := &dbChoice{}
	f.StringVar(&c.dsn, "db", cmp.Or(os.Getenv("REACH_DB"), "reach.db"), "database: a SQLite file path or a postgres:// URL (env REACH_DB)")
	f.IntVar(&c.mem.CacheMiB, "sqlite-cache-mib", c.envMiB("REACH_SQLITE_CACHE_MIB", sqlstore.DefaultCacheMiB),
		"SQLite: page cache of all connections together, in MiB (env REACH_SQLITE_CACHE_MIB)")
	f.IntVar(&c.mem.MapMiB, "sqlite-map-mib", c.envMiB("REACH_SQLITE_MAP_MIB", sqlstore.MaxMapMiB),
		fmt.Sprintf("SQLite: how much of the file is read through a memory map, in MiB, at most %d; mapped pages are the system's file cache, not reach's memory (env REACH_SQLITE_MAP_MIB)", sqlstore.MaxMapMiB))
	return c
}

// envMiB is the size the environment variable name sets, or def.
func (c *dbChoice) envMiB(name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		c.envErr = fmt.Errorf("%s=%q: give a whole number of MiB, at least 1", name, v)
		return def
	}
	return n
}

// tenantFlag registers --tenant-id, which commands acting in one tenant need.
func tenantFlag(f *flags) *string {
	return f.String("tenant-id", "", "tenant: the tenant_id printed by reach init or serve --demo (required)")
}

// openUnmigrated opens the chosen database as it is.
func (c *dbChoice) openUnmigrated(ctx context.Context) (*sqlstore.DB, error) {
	if c.envErr != nil {
		return nil, c.envErr
	}
	if c.mem.CacheMiB < 1 || c.mem.MapMiB < 1 || c.mem.MapMiB > sqlstore.MaxMapMiB {
		return nil, fmt.Errorf("--sqlite-cache-mib must be at least 1 and --sqlite-map-mib from 1 to %d", sqlstore.MaxMapMiB)
	}
	return sqlstore.OpenWith(ctx, c.dsn, c.mem)
}

// open opens and migrates the database, so every command sees the current schema.
func (c *dbChoice) open(ctx context.Context) (*sqlstore.DB, error) {
	db, err := c.openUnmigrated(ctx)
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
func (c *dbChoice) openTenant(ctx context.Context, tenantID string) (*sqlstore.DB, error) {
	if path := sqlitePath(c.dsn); path != "" {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("there is no database at %s: pass --db with the file reach init or serve --demo created (or set REACH_DB)", path)
		}
	}
	db, err := c.open(ctx)
	if err != nil {
		return nil, err
	}
	if err := db.Read(ctx, func(tx reach.Tx) error { _, err := tx.Tenant(ctx, tenantID); return err }); err != nil {
		db.Close()
		if reach.ErrorCode(err) == reach.ENOTFOUND {
			return nil, fmt.Errorf("tenant %q does not exist in the database %s: pass the tenant_id reach init or serve --demo printed, or create a tenant with `reach init --tenant NAME --admin-email EMAIL`", tenantID, describeDB(c.dsn))
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
