package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"reach"
)

// Search kinds ExplainSearch plans, one per SearchStore method.
const (
	// ExplainWords plans SearchWords; the argument is the text to search,
	// split into words as the app does (reach.SearchWords).
	ExplainWords = "words"
	// ExplainContactKey plans SearchContactKey; the argument is the key prefix.
	ExplainContactKey = "contact_key"
	// ExplainNumberSuffix plans SearchNumberSuffix; the argument is the digits.
	ExplainNumberSuffix = "number_suffix"
	// ExplainHolders plans ContactsByKey, the lookup behind sync candidates
	// and caller ID; the argument is the key.
	ExplainHolders = "holders"
)

// explainLimit is the page size planned; plans do not depend on it.
const explainLimit = 50

// ExplainSearch returns the query plan of the exact SQL a search of the given
// kind runs, one plan line per line, so tests can prove searches are served
// by indexes on both databases whatever the tenant's size.
//
// On PostgreSQL the plan is made with enable_seqscan off for its transaction
// only: on the small tables of a test the planner rightly prefers a sequential
// scan, and turning it off shows whether an index can serve the query at all.
// Call Analyze after loading data, so the choice between indexes reflects it.
func (db *DB) ExplainSearch(ctx context.Context, kind, tenantID, arg string) (string, error) {
	var q string
	var args []any
	switch kind {
	case ExplainWords:
		words := reach.SearchWords(arg)
		if len(words) == 0 {
			return "", fmt.Errorf("explain %s: %q has no words", kind, arg)
		}
		active := true
		q, args = wordsQuery(db.d, tenantID, words[0], words[1:], &active, explainLimit)
	case ExplainContactKey:
		q, args = contactKeyQuery(tenantID, arg, true, explainLimit)
	case ExplainNumberSuffix:
		q, args = numberSuffixQuery(tenantID, arg, true, explainLimit)
	case ExplainHolders:
		q, args = shownHoldersQuery(db.d, 1), []any{tenantID, arg}
	default:
		return "", fmt.Errorf("explain: unknown search kind %q", kind)
	}
	return db.explain(ctx, q, args)
}

// ExplainContactUpdate returns the query plan of the statement that writes
// n contact methods by id (as a sync does), made as ExplainSearch makes its
// plans.
func (db *DB) ExplainContactUpdate(ctx context.Context, tenantID string, n int) (string, error) {
	args := []any{"memo", tenantID}
	for i := range n {
		args = append(args, fmt.Sprintf("m%d", i))
	}
	return db.explain(ctx, contactUpdateSQL("memo = ?", n), args)
}

// ExplainVersionBump returns the query plan of the statement that moves n
// records of table (customers or locations) on a version, as a sync does.
func (db *DB) ExplainVersionBump(ctx context.Context, tenantID, table string, n int) (string, error) {
	args := []any{"2026-01-01T00:00:00Z", tenantID}
	for i := range n {
		args = append(args, fmt.Sprintf("r%d", i), int64(1))
	}
	return db.explain(ctx, versionBumpSQL(table, n), args)
}

// ExplainListCustomers returns the query plan of the SQL ListCustomers runs
// for f, made as ExplainSearch makes its plans.
func (db *DB) ExplainListCustomers(ctx context.Context, tenantID string, f reach.CustomerFilter) (string, error) {
	if f.Limit <= 0 {
		f.Limit = explainLimit
	}
	q, args := listCustomersQuery(db.d, tenantID, f)
	return db.explain(ctx, q, args)
}

// explain plans query with args in a read-only transaction it rolls back.
func (db *DB) explain(ctx context.Context, query string, args []any) (string, error) {
	sqlTx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return "", err
	}
	defer sqlTx.Rollback()
	postgres := db.d.name() == "postgres"
	prefix := "EXPLAIN QUERY PLAN "
	if postgres {
		if _, err := sqlTx.ExecContext(ctx, `SET LOCAL enable_seqscan = off`); err != nil {
			return "", err
		}
		prefix = "EXPLAIN "
	}
	rows, err := sqlTx.QueryContext(ctx, prefix+db.d.rebind(query), args...)
	if err != nil {
		return "", fmt.Errorf("explain: %w", err)
	}
	defer rows.Close()
	var lines []string
	depth := map[int64]int{} // SQLite plan rows name their parent; indent by it
	for rows.Next() {
		if postgres {
			var line string
			if err := rows.Scan(&line); err != nil {
				return "", err
			}
			lines = append(lines, line)
			continue
		}
		var id, parent, unused int64
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return "", err
		}
		depth[id] = depth[parent] + 1
		lines = append(lines, strings.Repeat("  ", depth[id]-1)+detail)
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	return strings.Join(lines, "\n"), nil
}

// Analyze refreshes the query planner's statistics of every table of the
// database (on PostgreSQL, of its current schema only). Run it after loading
// much data, so the plans chosen, and those ExplainSearch shows, reflect what
// the tables hold rather than guesses about empty ones.
func (db *DB) Analyze(ctx context.Context) error { return db.analyze(ctx, `ANALYZE `) }

// VacuumAnalyze is Analyze after a bulk load on PostgreSQL: it also marks
// the loaded pages all-visible, so scans that read only an index (search,
// caller ID) need not visit the table for every row until autovacuum
// would have. SQLite needs no vacuum for that and is analyzed only.
func (db *DB) VacuumAnalyze(ctx context.Context) error { return db.analyze(ctx, `VACUUM (ANALYZE) `) }

func (db *DB) analyze(ctx context.Context, command string) error {
	if db.d.name() != "postgres" {
		_, err := db.write.ExecContext(ctx, `ANALYZE`)
		return err
	}
	rows, err := db.write.QueryContext(ctx, `SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema()`)
	if err != nil {
		return err
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, name)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(tables) == 0 {
		return err
	}
	_, err = db.write.ExecContext(ctx, command+strings.Join(tables, ", "))
	return err
}
