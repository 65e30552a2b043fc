// Package sqlstore is reach's one storage implementation, over database/sql, for
// the embedded SQLite default and for PostgreSQL. The SQL is written once; the
// few dialect differences live in dialect.go.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"reach"
)

// DB is an open reach database.
type DB struct {
	d dialect
	// dsn is kept for the connection that listens for other instances' events.
	dsn string
	// mem bounds SQLite's memory.
	mem Memory
	// write takes every read-write transaction. On SQLite it holds one
	// connection, so writers queue instead of failing with SQLITE_BUSY.
	write *sql.DB
	// read serves read-only transactions from a pool of connections.
	read *sql.DB
	// stmts holds SQLite's prepared hot queries; nil on PostgreSQL.
	stmts *statements
	// stopCheckpoints ends SQLite's background checkpoints.
	stopCheckpoints func()
	// Now returns the current time; tests replace it to control timestamps.
	Now func() time.Time
	// CallEventsKept is how many of each tenant's latest call events are
	// kept for clients resuming their stream.
	CallEventsKept int64
	// stageTerms sends new search rows to search_terms_staged, while this
	// process loads with deferred indexes (DeferIndexes).
	stageTerms atomic.Bool
}

// IsPostgres reports whether dsn names a PostgreSQL database rather than a
// SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens the database named by dsn, a postgres:// URL or a SQLite file
// path, with the default memory settings. It does not migrate; call Migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	return OpenWith(ctx, dsn, Memory{})
}

// OpenWith opens the database named by dsn, bounding what SQLite keeps in
// memory by mem.
func OpenWith(ctx context.Context, dsn string, mem Memory) (*DB, error) {
	mem = mem.orDefaults()
	db := &DB{dsn: dsn, mem: mem, Now: func() time.Time { return time.Now().UTC() }, CallEventsKept: DefaultCallEventsKept}
	var err error
	if IsPostgres(dsn) {
		db.d = postgresDialect{}
		db.write, err = sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		db.write.SetMaxOpenConns(20)
		db.write.SetMaxIdleConns(20)
		db.read = db.write
	} else {
		db.d = sqliteDialect{}
		if db.write, err = sql.Open("sqlite", sqliteDSN(dsn, "immediate", false, mem)); err != nil {
			return nil, fmt.Errorf("open sqlite: %w", err)
		}
		db.write.SetMaxOpenConns(1)
		if db.read, err = sql.Open("sqlite", sqliteDSN(dsn, "deferred", true, mem)); err != nil {
			return nil, fmt.Errorf("open sqlite: %w", err)
		}
		db.read.SetMaxOpenConns(sqliteReaders)
		db.read.SetMaxIdleConns(sqliteReaders)
		db.stopCheckpoints = db.checkpointInBackground(time.Second)
		db.stmts = &statements{}
	}
	if err := db.write.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return db, nil
}

// sqliteDSN tunes SQLite for a server: WAL so readers never block the writer,
// foreign keys on, a busy timeout instead of immediate failure, and NORMAL sync
// (safe with WAL). Writers begin IMMEDIATE so they queue for the lock up front.
// Readers are query_only, so a write in a Read transaction fails as it does in
// PostgreSQL's READ ONLY transactions, instead of slipping past the one writer.
// Each connection takes its share of mem's page cache and maps mem's part of
// the file.
func sqliteDSN(path, txlock string, readOnly bool, mem Memory) string {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "foreign_keys(1)", "busy_timeout(10000)", "synchronous(NORMAL)", "wal_autocheckpoint(10000)",
		fmt.Sprintf("mmap_size(%d)", mem.mapBytes()), fmt.Sprintf("cache_size(%d)", -mem.cacheKiBPerConnection())} {
		q.Add("_pragma", p)
	}
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	}
	q.Set("_txlock", txlock)
	return "file:" + path + "?" + q.Encode()
}

// checkpointInBackground copies the write-ahead log into the database file
// every interval, between writes, so a large write (a sync to a thousand
// records) does not also pay for the checkpoint SQLite would otherwise run
// at commit. wal_autocheckpoint stays as a backstop. It returns the stop.
func (db *DB) checkpointInBackground(interval time.Duration) func() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				_, _ = db.write.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`)
			}
		}
	}()
	return func() { cancel(); <-done }
}

// Close stops the checkpoints and closes every connection.
func (db *DB) Close() error {
	if db.stopCheckpoints != nil {
		db.stopCheckpoints()
	}
	if db.stmts != nil {
		db.stmts.close()
	}
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// Dialect names the database: "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.d.name() }

// Ping checks the database answers; /readyz uses it.
func (db *DB) Ping(ctx context.Context) error { return db.write.PingContext(ctx) }

// Read runs fn in a read-only transaction.
func (db *DB) Read(ctx context.Context, fn func(reach.Tx) error) error {
	return db.run(ctx, db.read, &sql.TxOptions{ReadOnly: true}, fn)
}

// Write runs fn in a read-write transaction; it commits when fn returns nil.
// A transaction PostgreSQL aborts to break a deadlock (two edits each
// syncing to the other's record, say) or cannot serialize is run again, up
// to writeAttempts times in all, after a short random pause: fn must build
// its work from scratch each time, as app's use cases do.
func (db *DB) Write(ctx context.Context, fn func(reach.Tx) error) error {
	for attempt := 1; ; attempt++ {
		err := db.run(ctx, db.write, nil, fn)
		if !isCollision(err) || attempt == writeAttempts || ctx.Err() != nil {
			return err
		}
		time.Sleep(time.Duration(rand.Int64N(int64(attempt) * int64(10*time.Millisecond))))
	}
}

// writeAttempts bounds how often Write runs a transaction that collided.
const writeAttempts = 5

func (db *DB) run(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, fn func(reach.Tx) error) error {
	// A PostgreSQL write holds its connection so a large load can COPY its
	// rows on it, inside the transaction (bulkLoader.copy).
	var conn *sql.Conn
	var sqlTx *sql.Tx
	var err error
	if db.d.name() == "postgres" && (opts == nil || !opts.ReadOnly) {
		if conn, err = pool.Conn(ctx); err != nil {
			return db.d.translate(fmt.Errorf("begin: %w", err))
		}
		defer conn.Close()
		sqlTx, err = conn.BeginTx(ctx, opts)
	} else {
		sqlTx, err = pool.BeginTx(ctx, opts)
	}
	if err != nil {
		return db.d.translate(fmt.Errorf("begin: %w", err))
	}
	t := &tx{tx: sqlTx, conn: conn, pool: pool, stmts: db.stmts, d: db.d, eventsKept: db.CallEventsKept, stageTerms: db.stageTerms.Load(), now: db.Now().UTC().Truncate(time.Microsecond), writable: opts == nil || !opts.ReadOnly}
	if err := fn(t); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return db.d.translate(fmt.Errorf("commit: %w", err))
	}
	return nil
}

// tx implements reach.Tx over one database transaction.
type tx struct {
	// tx is nil for HoldersOf, whose one query runs outside a transaction.
	tx *sql.Tx
	// conn is the connection of a PostgreSQL write transaction; nil
	// otherwise.
	conn  *sql.Conn
	pool  *sql.DB
	stmts *statements
	d     dialect
	// eventsKept is DB.CallEventsKept.
	eventsKept int64
	// stageTerms is DB.stageTerms when the transaction began.
	stageTerms bool
	now        time.Time
	writable   bool
}

var _ reach.Tx = (*tx)(nil)

func (t *tx) Now() time.Time { return t.now }

func (t *tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := t.tx.ExecContext(ctx, t.d.rebind(query), args...)
	return res, t.d.translate(err)
}

func (t *tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := t.tx.QueryContext(ctx, t.d.rebind(query), args...)
	return rows, t.d.translate(err)
}

func (t *tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.d.rebind(query), args...)
}

// forUpdate is appended to reads of a record in a read-write transaction:
// on PostgreSQL it locks the row, so concurrent read-modify-write use cases
// queue instead of failing their version check. SQLite needs nothing: its
// write transactions begin IMMEDIATE and never overlap.
func (t *tx) forUpdate() string {
	if t.writable {
		return t.d.lockRows()
	}
	return ""
}

// ts converts a time to the dialect's column value.
func (t *tx) ts(v time.Time) any { return t.d.timeValue(v) }
