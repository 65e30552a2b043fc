package sqlstore

import (
	"context"
	"database/sql"
	"sync"
)

// statements keeps prepared statements of the queries every request runs
// (token check, caller ID), one per pool. SQLite's driver parses each query
// anew otherwise, which costs more than running these index lookups;
// database/sql prepares a Stmt once per connection and reuses it. pgx caches
// statements itself, so PostgreSQL does not need this.
//
// A statement is prepared in the background the first time it is asked
// for, and the query runs unprepared until it is ready: preparing takes a
// connection of the pool, which a caller holding one of them in its
// transaction must never wait for (SQLite's writer pool has just one).
type statements struct {
	mu     sync.Mutex
	m      map[stmtKey]*sql.Stmt // nil while being prepared
	closed bool
	// preparing counts the preparations running, which close waits for: one
	// left running would open a connection after the database was closed
	// (and, on SQLite, recreate its files).
	preparing sync.WaitGroup
}

type stmtKey struct {
	pool  *sql.DB
	query string
}

// get returns the prepared statement, or nil if it is not ready yet.
func (s *statements) get(pool *sql.DB, query string) *sql.Stmt {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := stmtKey{pool, query}
	if st, ok := s.m[k]; ok || s.closed {
		return st
	}
	if s.m == nil {
		s.m = map[stmtKey]*sql.Stmt{}
	}
	s.m[k] = nil
	s.preparing.Go(func() {
		st, err := pool.PrepareContext(context.Background(), query)
		s.mu.Lock()
		defer s.mu.Unlock()
		switch {
		case err != nil:
			delete(s.m, k) // e.g. before migrating: try again next time
		case s.closed:
			st.Close()
		default:
			s.m[k] = st
		}
	})
	return nil
}

func (s *statements) close() {
	s.mu.Lock()
	s.closed = true
	for _, st := range s.m {
		if st != nil {
			st.Close()
		}
	}
	s.m = nil
	s.mu.Unlock()
	s.preparing.Wait()
}

// hotQuery runs one of the few queries on every request's path through a
// prepared statement where that helps.
func (t *tx) hotQuery(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st := t.prepared(query)
	var rows *sql.Rows
	var err error
	switch {
	case t.tx == nil && st != nil:
		rows, err = st.QueryContext(ctx, args...)
	case t.tx == nil:
		rows, err = t.pool.QueryContext(ctx, t.d.rebind(query), args...)
	case st != nil:
		rows, err = t.tx.StmtContext(ctx, st).QueryContext(ctx, args...)
	default:
		rows, err = t.tx.QueryContext(ctx, t.d.rebind(query), args...)
	}
	return rows, t.d.translate(err)
}

// hotQueryRow is hotQuery for one row.
func (t *tx) hotQueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := t.prepared(query); st != nil {
		return t.tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	}
	return t.queryRow(ctx, query, args...)
}

func (t *tx) prepared(query string) *sql.Stmt {
	if t.stmts == nil {
		return nil
	}
	return t.stmts.get(t.pool, t.d.rebind(query))
}
