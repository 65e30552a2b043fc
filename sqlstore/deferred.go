package sqlstore

import (
	"context"
	"fmt"
	"strings"
)

// A bulk load into mostly empty tables runs faster without their secondary
// indexes, which are then built once, sorted, instead of taking millions of
// inserts at random places. DeferIndexes drops them and keeps their
// definitions in deferred_indexes, in one transaction; BuildDeferredIndexes
// builds them again, and Migrate does too, so a load that was killed leaves
// a database the next command heals. Primary keys stay: rows go on being
// checked for unique ids. The search index, whose key is its table, takes
// its rows in a plain table (search_terms_staged) and then all of them in
// key order: inserted at random places, its 17,000,000 rows of 1,000,000
// customers held a load to 1,400-1,800 customers/s (4,800 staged) and left
// the index half empty (on PostgreSQL 4.8 GB; rebuilt in order, 2.7 GB).

// deferrableTables are the tables a bulk load fills whose indexes it defers.
var deferrableTables = []string{"customers", "locations", "contact_methods"}

const createDeferredIndexes = `CREATE TABLE IF NOT EXISTS deferred_indexes (
	name TEXT PRIMARY KEY, definition TEXT NOT NULL)`

// stagedTerms is where a load with deferred indexes writes search rows.
const stagedTerms = "search_terms_staged"

// DeferIndexes drops the secondary indexes of the tables BulkInsert fills,
// keeping their definitions to build again. Searches, caller ID and the
// report are slow (and on SQLite, those naming an index fail) until
// BuildDeferredIndexes: use it only for a load nothing else is using the
// database during, as `reach seed` of a large tenant.
func (db *DB) DeferIndexes(ctx context.Context) error {
	err := db.ddl(ctx, func(exec func(string, ...any) error, query func(string, ...any) ([][2]string, error)) error {
		indexes, err := query(db.d.secondaryIndexesQuery(len(deferrableTables)), anySlice(deferrableTables)...)
		if err != nil {
			return err
		}
		for _, ix := range indexes {
			if err := exec(`INSERT INTO deferred_indexes (name, definition) VALUES (?, ?)`, ix[0], ix[1]); err != nil {
				return err
			}
			if err := exec(`DROP INDEX ` + ix[0]); err != nil {
				return err
			}
		}
		return exec(`CREATE TABLE ` + stagedTerms + ` AS SELECT ` + termColumns + ` FROM search_terms WHERE 1 = 0`)
	})
	if err == nil {
		db.stageTerms.Store(true)
	}
	return err
}

var termColumns = strings.Join(bulkTerms.columns, ", ")

// moveStagedTerms moves the search rows a load staged into the search
// index, in its key order, if there are any.
func (db *DB) moveStagedTerms(ctx context.Context) error {
	err := db.ddl(ctx, func(exec func(string, ...any) error, query func(string, ...any) ([][2]string, error)) error {
		if staged, err := query(db.d.tableQuery(), stagedTerms); err != nil || len(staged) == 0 {
			return err
		}
		if err := exec(`INSERT INTO search_terms (` + termColumns + `) SELECT ` + termColumns + ` FROM ` + stagedTerms +
			` ORDER BY tenant_id, term, record_type, record_id`); err != nil {
			return fmt.Errorf("move staged search rows: %w", err)
		}
		return exec(`DROP TABLE ` + stagedTerms)
	})
	if err == nil {
		db.stageTerms.Store(false)
	}
	return err
}

// BuildDeferredIndexes builds every index DeferIndexes dropped, each in its
// own transaction so one that is built stays built. On SQLite each build's
// sort spills to temporary files, not to memory as TuneForBulkLoad has
// them: in memory, the sorts of 4,000,000 contact methods took 1 GB.
func (db *DB) BuildDeferredIndexes(ctx context.Context) error {
	if db.d.name() == "sqlite" {
		if _, err := db.write.ExecContext(ctx, `PRAGMA temp_store = FILE`); err != nil {
			return err
		}
	}
	if err := db.moveStagedTerms(ctx); err != nil {
		return err
	}
	for {
		var done bool
		err := db.ddl(ctx, func(exec func(string, ...any) error, query func(string, ...any) ([][2]string, error)) error {
			next, err := query(`SELECT name, definition FROM deferred_indexes ORDER BY name LIMIT 1`)
			if err != nil || len(next) == 0 {
				done = true
				return err
			}
			if err := exec(next[0][1]); err != nil {
				return fmt.Errorf("build index %s: %w", next[0][0], err)
			}
			return exec(`DELETE FROM deferred_indexes WHERE name = ?`, next[0][0])
		})
		if err != nil || done {
			return err
		}
	}
}

// ddl runs fn in a transaction of the writer, with the bookkeeping table
// in place; fn's statements take ? placeholders. On PostgreSQL it holds
// Migrate's lock, so instances starting together neither create the table
// twice nor build the same index.
func (db *DB) ddl(ctx context.Context, fn func(exec func(string, ...any) error, query func(string, ...any) ([][2]string, error)) error) error {
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer sqlTx.Rollback()
	if db.d.name() == "postgres" {
		if _, err := sqlTx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(727224)`); err != nil {
			return err
		}
	}
	if _, err := sqlTx.ExecContext(ctx, createDeferredIndexes); err != nil {
		return fmt.Errorf("create deferred_indexes: %w", err)
	}
	exec := func(q string, args ...any) error {
		_, err := sqlTx.ExecContext(ctx, db.d.rebind(q), args...)
		return err
	}
	query := func(q string, args ...any) ([][2]string, error) {
		rows, err := sqlTx.QueryContext(ctx, db.d.rebind(q), args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out [][2]string
		for rows.Next() {
			var pair [2]string
			if err := rows.Scan(&pair[0], &pair[1]); err != nil {
				return nil, err
			}
			out = append(out, pair)
		}
		return out, rows.Err()
	}
	if err := fn(exec, query); err != nil {
		return err
	}
	return sqlTx.Commit()
}

func (sqliteDialect) secondaryIndexesQuery(n int) string {
	return `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
		AND tbl_name IN (` + placeholders(n) + `) ORDER BY name`
}

// A partitioned table's index is listed ON ONLY the parent; built ON it, it
// is built on every partition again.
func (postgresDialect) secondaryIndexesQuery(n int) string {
	return `SELECT i.indexname, replace(i.indexdef, ' ON ONLY ', ' ON ') FROM pg_indexes i
		WHERE i.schemaname = current_schema() AND i.tablename IN (` + placeholders(n) + `)
		AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = to_regclass(quote_ident(i.indexname)))
		ORDER BY i.indexname`
}

// StoredContactMethods counts the contact methods of every tenant: what a
// bulk load compares its size with to choose whether to defer indexes.
func (db *DB) StoredContactMethods(ctx context.Context) (int, error) {
	var n int
	err := db.write.QueryRowContext(ctx, `SELECT count(*) FROM contact_methods`).Scan(&n)
	return n, err
}

func (sqliteDialect) tableQuery() string {
	return `SELECT name, type FROM sqlite_master WHERE type = 'table' AND name = ?`
}

func (postgresDialect) tableQuery() string {
	return `SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?`
}
