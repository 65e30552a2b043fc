package sqlstore

import (
	"context"
)

// EachValue streams the contact-method values of the tenant whose keys fall
// in [from, to) ("" leaves a side open), with the customer holding each,
// ordered by value, from the contact_methods_key index alone — the pass the
// placeholder report makes over a tenant of any size, range by range.
func (t *tx) EachValue(ctx context.Context, tenantID, from, to string, fn func(key, customerID string) error) error {
	q, args := `SELECT key, customer_id FROM contact_methods WHERE tenant_id = ?`, []any{tenantID}
	if from != "" {
		q, args = q+` AND key >= ?`, append(args, from)
	}
	if to != "" {
		q, args = q+` AND key < ?`, append(args, to)
	}
	rows, err := t.query(ctx, q+` ORDER BY key, customer_id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var key, customerID string
	for rows.Next() {
		if err := rows.Scan(&key, &customerID); err != nil {
			return err
		}
		if err := fn(key, customerID); err != nil {
			return err
		}
	}
	return rows.Err()
}
