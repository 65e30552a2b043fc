package sqlstore

import (
	"context"
)

// EachValue streams every contact-method value of the tenant with the customer
// holding it, ordered by value, from the contact_methods_key index alone —
// the one pass the placeholder report needs over a tenant of any size.
func (t *tx) EachValue(ctx context.Context, tenantID string, fn func(key, customerID string) error) error {
	rows, err := t.query(ctx, `SELECT key, customer_id FROM contact_methods WHERE tenant_id = ? ORDER BY key, customer_id`, tenantID)
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
