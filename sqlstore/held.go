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
		ORDER BY COALESCE(l.active, c.active) DESC, COALESCE(l.updated_at, c.updated_at) DESC, m.id`
}

// holdersOfKeysQuery is holdersQuery for n values at once, each value's
// holders together in holdersQuery's order.
func holdersOfKeysQuery(d dialect, n int) string {
	return holdersSelect(d) + `
		WHERE m.tenant_id = ? AND m.key IN (` + placeholders(n) + `)
		ORDER BY m.key, COALESCE(l.active, c.active) DESC, COALESCE(l.updated_at, c.updated_at) DESC, m.id`
}

func holdersSelect(d dialect) string {
	return `SELECT ` + contactColumns + `,
		COALESCE(l.name, c.name), COALESCE(l.active, c.active), COALESCE(l.version, c.version),
		COALESCE(l.updated_at, c.updated_at), c.name` + holdersFrom(d)
}

// callersQuery is holdersQuery reading only what caller ID shows: a third
// of the columns and no timestamps to parse, which took a quarter of a
// lookup's time in the database layer.
func callersQuery(d dialect) string {
	return `SELECT m.id, m.customer_id, m.location_id, m.kind, m.memo, COALESCE(l.name, c.name),
		COALESCE(l.active, c.active), c.name` + holdersFrom(d) + `
		WHERE m.tenant_id = ? AND m.key = ?
		ORDER BY COALESCE(l.active, c.active) DESC, COALESCE(l.updated_at, c.updated_at) DESC, m.id`
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
func (db *DB) CallersOf(ctx context.Context, tenantID, number string) ([]reach.Caller, error) {
	t := &tx{pool: db.read, stmts: db.stmts, d: db.d}
	rows, err := t.hotQuery(ctx, callersQuery(t.d), tenantID, number)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []reach.Caller
	for rows.Next() {
		var c reach.Caller
		var loc *string
		if err := rows.Scan(&c.MethodID, &c.CustomerID, &loc, &c.Kind, &c.Memo, &c.RecordName, &c.RecordActive, &c.CustomerName); err != nil {
			return nil, err
		}
		c.Owner = reach.RecordRef{Type: reach.RecordCustomer, ID: c.CustomerID}
		if loc != nil {
			c.Owner = reach.RecordRef{Type: reach.RecordLocation, ID: *loc}
		}
		out = append(out, c)
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

func (t *tx) ContactsByKeys(ctx context.Context, tenantID string, keys []string) ([]reach.HeldContact, error) {
	var out []reach.HeldContact
	err := inBatches(len(keys), maxInList, func(lo, hi int) error {
		rows, err := t.query(ctx, holdersOfKeysQuery(t.d, hi-lo), append([]any{tenantID}, anySlice(keys[lo:hi])...)...)
		if err == nil {
			out, err = scanHolders(rows, out)
		}
		return err
	})
	return out, err
}

// scanHolders appends the holders rows lists to out, and closes rows.
func scanHolders(rows *sql.Rows, out []reach.HeldContact) ([]reach.HeldContact, error) {
	defer rows.Close()
	for rows.Next() {
		var h reach.HeldContact
		var loc *string
		m := &h.ContactMethod
		if err := rows.Scan(&m.ID, &m.CustomerID, &loc, &m.Kind, &m.Value, &m.Key, &m.Display, &m.Extension, &m.Memo,
			&m.Primary, &m.Position, timeCol{&m.CreatedAt}, &m.CreatedBy, &m.Source, timeCol{&m.UpdatedAt},
			&h.RecordName, &h.RecordActive, &h.RecordVersion, timeCol{&h.RecordUpdatedAt}, &h.CustomerName); err != nil {
			return nil, err
		}
		m.Owner = reach.RecordRef{Type: reach.RecordCustomer, ID: m.CustomerID}
		if loc != nil {
			m.Owner = reach.RecordRef{Type: reach.RecordLocation, ID: *loc}
		}
		out = append(out, h)
	}
	return out, rows.Err()
}
