package sqlstore

import (
	"context"

	"reach"
)

// CustomersByID loads many customers with their contact methods in a few
// queries, locking them in a read-write transaction as Customer does.
func (t *tx) CustomersByID(ctx context.Context, tenantID string, ids []string) ([]reach.Customer, error) {
	var out []reach.Customer
	err := inBatches(len(ids), maxInList, func(lo, hi int) error {
		rows, err := t.query(ctx, `SELECT `+customerColumns+` FROM customers c WHERE c.tenant_id = ? AND c.id IN (`+
			placeholders(hi-lo)+`)`+t.forUpdate(), append([]any{tenantID}, anySlice(ids[lo:hi])...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c reach.Customer
			if err := scanCustomer(rows, &c); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	cms, err := t.contactsBatched(ctx, tenantID, reach.RecordCustomer, ids)
	for i := range out {
		out[i].ContactMethods = nonNil(cms[out[i].ID])
	}
	return out, err
}

// LocationsByID is CustomersByID's twin.
func (t *tx) LocationsByID(ctx context.Context, tenantID string, ids []string) ([]reach.Location, error) {
	var out []reach.Location
	err := inBatches(len(ids), maxInList, func(lo, hi int) error {
		rows, err := t.query(ctx, `SELECT `+locationColumns+` FROM locations l WHERE l.tenant_id = ? AND l.id IN (`+
			placeholders(hi-lo)+`)`+t.forUpdate(), append([]any{tenantID}, anySlice(ids[lo:hi])...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var l reach.Location
			if err := scanLocation(rows, &l); err != nil {
				return err
			}
			out = append(out, l)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	cms, err := t.contactsBatched(ctx, tenantID, reach.RecordLocation, ids)
	for i := range out {
		out[i].ContactMethods = nonNil(cms[out[i].ID])
	}
	return out, err
}

func (t *tx) contactsBatched(ctx context.Context, tenantID string, typ reach.RecordType, ids []string) (map[string][]reach.ContactMethod, error) {
	all := map[string][]reach.ContactMethod{}
	err := inBatches(len(ids), maxInList, func(lo, hi int) error {
		part, err := t.contactsOf(ctx, tenantID, typ, ids[lo:hi])
		for k, v := range part {
			all[k] = v
		}
		return err
	})
	return all, err
}
