package sqlstore

import (
	"context"
	"database/sql"

	"reach"
)

// holdersQuery finds every holder of a value through the contact_methods_key
// index, joining each method to its record and customer through the
// *_holder indexes, which cover what it reads of them. ExplainSearch plans
// this same text.
func holdersQuery(d dialect) string {
	return holdersSelect(d) + `
		WHERE m.tenant_id = ? AND m.key = ?
		ORDER BY ` + holderOrder
}

func holdersSelect(d dialect) string {
	return `SELECT ` + contactColumns + `,
		COALESCE(l.name, c.name), COALESCE(l.active, c.active), COALESCE(l.version, c.version),
		COALESCE(l.updated_at, c.updated_at), c.name` + holdersFrom(d)
}

// holderOrder is the order of a value's holders: active records first,
// then the most recently changed.
const holderOrder = `COALESCE(l.active, c.active) DESC, COALESCE(l.updated_at, c.updated_at) DESC, m.id`

// shownHoldersQuery is holdersQuery reading only what caller ID and the
// placeholder report show of each holder (reach.Holder) for n values at
// once, each value's holders together: a third of the columns and no
// timestamps to parse, which took a quarter of a caller-ID lookup's time
// in the database layer.
func shownHoldersQuery(d dialect, n int) string {
	return `SELECT m.key, m.id, m.customer_id, m.location_id, m.kind, m.memo, COALESCE(l.name, c.name),
		COALESCE(l.active, c.active), c.name` + holdersFrom(d) + `
		WHERE m.tenant_id = ? AND m.key IN (` + placeholders(n) + `)
		ORDER BY m.key, ` + holderOrder
}

func holdersFrom(d dialect) string {
	return `
		FROM contact_methods m
		JOIN customers c` + d.indexedBy("customers_holder") + ` ON c.tenant_id = m.tenant_id AND c.id = m.customer_id
		LEFT JOIN locations l` + d.indexedBy("locations_holder") + ` ON l.tenant_id = m.tenant_id AND l.id = m.location_id`
}

// CallersOf is what caller ID shows of the holders of a number, in
// ContactsByKey's order, outside a transaction. It is one statement, which
// sees one snapshot by itself, and caller ID — the hottest path — saves
// the BEGIN and COMMIT around it: on PostgreSQL, two of its three round
// trips.
func (db *DB) CallersOf(ctx context.Context, tenantID, number string) ([]reach.Holder, error) {
	t := &tx{pool: db.read, stmts: db.stmts, d: db.d}
	rows, err := t.hotQuery(ctx, shownHoldersQuery(t.d, 1), tenantID, number)
	if err != nil {
		return nil, err
	}
	return scanShownHolders(rows, nil)
}

func (t *tx) HoldersOfKeys(ctx context.Context, tenantID string, keys []string) ([]reach.Holder, error) {
	var out []reach.Holder
	err := inBatches(len(keys), maxInList, func(lo, hi int) error {
		rows, err := t.query(ctx, shownHoldersQuery(t.d, hi-lo), append([]any{tenantID}, anySlice(keys[lo:hi])...)...)
		if err == nil {
			out, err = scanShownHolders(rows, out)
		}
		return err
	})
	return out, err
}

// scanShownHolders appends the holders rows lists to out, and closes rows.
func scanShownHolders(rows *sql.Rows, out []reach.Holder) ([]reach.Holder, error) {
	defer rows.Close()
	for rows.Next() {
		var h reach.Holder
		var loc *string
		if err := rows.Scan(&h.Key, &h.MethodID, &h.CustomerID, &loc, &h.Kind, &h.Memo, &h.RecordName, &h.RecordActive, &h.CustomerName); err != nil {
			return nil, err
		}
		h.Owner = ownerRef(h.CustomerID, loc)
		out = append(out, h)
	}
	return out, rows.Err()
}

func (t *tx) ContactsByKey(ctx context.Context, tenantID, key string) ([]reach.HeldContact, error) {
	rows, err := t.hotQuery(ctx, holdersQuery(t.d), tenantID, key)
	if err != nil {
		return nil, err
	}
	return scanHolders(rows, nil)
}

// scanHolders appends the holders rows lists to out, and closes rows.
func scanHolders(rows *sql.Rows, out []reach.HeldContact) ([]reach.HeldContact, error) {
	defer rows.Close()
	for rows.Next() {
		var h reach.HeldContact
		if err := scanContact(rows, &h.ContactMethod, &h.RecordName, &h.RecordActive, &h.RecordVersion,
			timeCol{&h.RecordUpdatedAt}, &h.CustomerName); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}
