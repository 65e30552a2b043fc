package sqlstore

import (
	"context"

	"reach"
)

// holdersQuery finds every holder of a value through the contact_methods_key
// index, joining each method to its record and customer through the
// *_holder indexes, which cover what it reads of them. ExplainSearch plans
// this same text.
func holdersQuery(d dialect) string {
	return `SELECT ` + contactColumns + `,
		COALESCE(l.name, c.name), COALESCE(l.active, c.active), COALESCE(l.version, c.version),
		COALESCE(l.updated_at, c.updated_at), c.name
		FROM contact_methods m
		JOIN customers c` + d.indexedBy("customers_holder") + ` ON c.tenant_id = m.tenant_id AND c.id = m.customer_id
		LEFT JOIN locations l` + d.indexedBy("locations_holder") + ` ON l.tenant_id = m.tenant_id AND l.id = m.location_id
		WHERE m.tenant_id = ? AND m.key = ?
		ORDER BY COALESCE(l.active, c.active) DESC, COALESCE(l.updated_at, c.updated_at) DESC, m.id`
}

// HoldersOf is ContactsByKey outside a transaction. It is one statement,
// which sees one snapshot by itself, and caller ID — the hottest path —
// saves the BEGIN and COMMIT around it: on PostgreSQL, two of its three
// round trips.
func (db *DB) HoldersOf(ctx context.Context, tenantID, key string) ([]reach.HeldContact, error) {
	t := &tx{pool: db.read, stmts: db.stmts, d: db.d}
	return t.ContactsByKey(ctx, tenantID, key)
}

func (t *tx) ContactsByKey(ctx context.Context, tenantID, key string) ([]reach.HeldContact, error) {
	rows, err := t.hotQuery(ctx, holdersQuery(t.d), tenantID, key)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []reach.HeldContact
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
