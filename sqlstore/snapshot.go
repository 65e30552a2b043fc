package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// snapshotTables lists every table of the schema with the columns that order
// its rows uniquely — but sessions, which every page view of a signed-in
// user may touch (its idle timeout moves on), refused or not.
var snapshotTables = []struct{ name, order string }{
	{"tenants", "id"},
	{"users", "id"},
	{"api_tokens", "id"},
	{"customers", "id"},
	{"locations", "id"},
	{"contact_methods", "id"},
	{"search_terms", "tenant_id, term, record_type, record_id"},
	{"search_counts", "tenant_id, term"},
	{"changes", "id"},
	{"change_entries", "seq"},
	{"placeholders", "id"},
	{"calls", "id"},
	{"twilio_settings", "tenant_id"},
	{"idempotency_keys", "tenant_id, key"},
}

// notSnapshotted is the one column a snapshot leaves out: every request a
// token authenticates may record its use, refused or not.
const notSnapshotted = "api_tokens.last_used_at"

// Snapshot renders every row of every table as text in a fixed order. Tests
// compare snapshots to prove a refused request changed nothing at all.
func (db *DB) Snapshot(ctx context.Context) (string, error) {
	var b strings.Builder
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	for _, t := range snapshotTables {
		rows, err := tx.QueryContext(ctx, `SELECT * FROM `+t.name+` ORDER BY `+t.order)
		if err != nil {
			return "", err
		}
		cols, _ := rows.Columns()
		skip := map[int]bool{}
		for i, c := range cols {
			skip[i] = t.name+"."+c == notSnapshotted
		}
		fmt.Fprintf(&b, "== %s %v\n", t.name, cols)
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return "", err
			}
			for i, v := range vals {
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				if !skip[i] {
					fmt.Fprintf(&b, "%v\t", v)
				}
			}
			b.WriteByte('\n')
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", err
		}
	}
	return b.String(), nil
}
