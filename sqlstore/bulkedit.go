package sqlstore

import (
	"context"
	"strings"
	"time"

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

// SetContactValue gives many contact methods one new value at once.
func (t *tx) SetContactValue(ctx context.Context, tenantID string, ids []string, v reach.ContactValue, at time.Time) error {
	digits := ""
	if v.Kind.IsNumber() {
		digits = reach.ReverseDigits(strings.TrimPrefix(v.Value, "+"))
	}
	return inBatches(len(ids), maxInList, func(lo, hi int) error {
		_, err := t.exec(ctx, `UPDATE contact_methods SET value = ?, key = ?, digits_rev = ?, display = ?, extension = ?, updated_at = ?
			WHERE tenant_id = ? AND id IN (`+placeholders(hi-lo)+`)`,
			append([]any{v.Value, v.Key, digits, v.Display, v.Extension, t.ts(at), tenantID}, anySlice(ids[lo:hi])...)...)
		return err
	})
}

// DeleteContactMethods removes many contact methods at once.
func (t *tx) DeleteContactMethods(ctx context.Context, tenantID string, ids []string) error {
	return inBatches(len(ids), maxInList, func(lo, hi int) error {
		_, err := t.exec(ctx, `DELETE FROM contact_methods WHERE tenant_id = ? AND id IN (`+placeholders(hi-lo)+`)`,
			append([]any{tenantID}, anySlice(ids[lo:hi])...)...)
		return err
	})
}

// BumpVersions moves many records one version on at once. The caller read
// them in this transaction, which holds them (rows locked on PostgreSQL, the
// one writer on SQLite), so their versions cannot have moved; a record gone
// meanwhile still fails the whole write.
func (t *tx) BumpVersions(ctx context.Context, tenantID string, typ reach.RecordType, ids []string, at time.Time) error {
	table := "customers"
	if typ == reach.RecordLocation {
		table = "locations"
	}
	return inBatches(len(ids), maxInList, func(lo, hi int) error {
		res, err := t.exec(ctx, `UPDATE `+table+` SET version = version + 1, updated_at = ? WHERE tenant_id = ? AND id IN (`+
			placeholders(hi-lo)+`)`, append([]any{t.ts(at), tenantID}, anySlice(ids[lo:hi])...)...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != int64(hi-lo) {
			return reach.Errorf(reach.EVERSIONCONFLICT, "Some records changed while they were being updated; nothing was saved. Try again.")
		}
		return nil
	})
}
