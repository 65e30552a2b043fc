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
type statements struct {
	mu sync.Mutex
	m  map[stmtKey]*sql.Stmt
}

type stmtKey struct {
	pool  *sql.DB
	query string
}

func (s *statements) get(ctx context.Context, pool *sql.DB, query string) (*sql.Stmt, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := stmtKey{pool, query}
	if st, ok := s.m[k]; ok {
		return st, nil
	}
	st, err := pool.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if s.m == nil {
		s.m = map[stmtKey]*sql.Stmt{}
	}
	s.m[k] = st
	return st, nil
}

func (s *statements) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, st := range s.m {
		st.Close()
	}
	s.m = nil
}

// hotQuery runs one of the few queries on every request's path through a
// prepared statement where that helps.
func (t *tx) hotQuery(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if t.stmts == nil {
		return t.query(ctx, query, args...)
	}
	st, err := t.stmts.get(ctx, t.pool, t.d.rebind(query))
	if err != nil {
		return nil, t.d.translate(err)
	}
	rows, err := t.tx.StmtContext(ctx, st).QueryContext(ctx, args...)
	return rows, t.d.translate(err)
}

// hotQueryRow is hotQuery for one row.
func (t *tx) hotQueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if t.stmts != nil {
		if st, err := t.stmts.get(ctx, t.pool, t.d.rebind(query)); err == nil {
			return t.tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
		}
	}
	return t.queryRow(ctx, query, args...) // reports the error, if preparing failed
}
