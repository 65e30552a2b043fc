package sqlstore

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

// migrations holds the schema, one numbered file per step and dialect. Files are
// append-only: a released migration is never edited.
//
//go:embed migrations
var migrations embed.FS

// Migration is one schema step.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations lists the dialect's migrations in order.
func (db *DB) Migrations() ([]Migration, error) {
	dir := "migrations/" + db.d.name()
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, err
	}
	var ms []Migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration file %s is not named NNNN_name.sql", e.Name())
		}
		body, err := fs.ReadFile(migrations, dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: v, Name: e.Name(), SQL: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	return ms, nil
}

// Migrate applies every migration not yet recorded, each in its own
// transaction with its record, and returns the names of those it applied.
// On PostgreSQL an advisory lock keeps instances starting together from
// applying the same step twice. First it builds any index a bulk load that was killed left
// deferred (see DeferIndexes), so the migrations find the schema whole.
func (db *DB) Migrate(ctx context.Context) ([]string, error) {
	ms, err := db.Migrations()
	if err != nil {
		return nil, err
	}
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}
	if err := db.BuildDeferredIndexes(ctx); err != nil {
		return nil, err
	}
	var applied []string
	for _, m := range ms {
		done, err := db.applyMigration(ctx, m)
		if err != nil {
			return applied, fmt.Errorf("migration %s: %w", m.Name, err)
		}
		if done {
			applied = append(applied, m.Name)
		}
	}
	return applied, nil
}

func (db *DB) applyMigration(ctx context.Context, m Migration) (bool, error) {
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer sqlTx.Rollback()
	if db.d.name() == "postgres" {
		if _, err := sqlTx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(727224)`); err != nil {
			return false, err
		}
	}
	var n int
	if err := sqlTx.QueryRowContext(ctx, db.d.rebind(`SELECT count(*) FROM schema_migrations WHERE version = ?`), m.Version).Scan(&n); err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	if _, err := sqlTx.ExecContext(ctx, m.SQL); err != nil {
		return false, err
	}
	if _, err := sqlTx.ExecContext(ctx, db.d.rebind(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
		m.Version, m.Name, db.Now().UTC().Format(timeLayout)); err != nil {
		return false, err
	}
	return true, sqlTx.Commit()
}
