package sqlstore

import (
	"context"
	"sort"
	"strings"

	"reach"
)

const contactColumns = `m.id, m.customer_id, m.location_id, m.kind, m.value, m.key, m.display, m.extension, m.memo,
	m.is_primary, m.position, m.created_at, m.created_by, m.source, m.updated_at`

// scanContact reads contactColumns, then any extra columns into extra.
func scanContact(s interface{ Scan(...any) error }, m *reach.ContactMethod, extra ...any) error {
	var loc *string
	err := s.Scan(append([]any{&m.ID, &m.CustomerID, &loc, &m.Kind, &m.Value, &m.Key, &m.Display, &m.Extension, &m.Memo,
		&m.Primary, &m.Position, timeCol{&m.CreatedAt}, &m.CreatedBy, &m.Source, timeCol{&m.UpdatedAt}}, extra...)...)
	m.Owner = ownerRef(m.CustomerID, loc)
	return err
}

// ownerRef is the record holding a contact method, from its row's
// customer_id and location_id: the location when it has one.
func ownerRef(customerID string, locationID *string) reach.RecordRef {
	if locationID != nil {
		return reach.RecordRef{Type: reach.RecordLocation, ID: *locationID}
	}
	return reach.RecordRef{Type: reach.RecordCustomer, ID: customerID}
}

func (t *tx) ContactMethod(ctx context.Context, tenantID, id string) (*reach.ContactMethod, error) {
	var m reach.ContactMethod
	err := scanContact(t.queryRow(ctx, `SELECT `+contactColumns+` FROM contact_methods m WHERE m.tenant_id = ? AND m.id = ?`, tenantID, id), &m)
	if err != nil {
		return nil, notFound(err, "contact method", id)
	}
	return &m, nil
}

// contactsOf loads the contact methods of the given records of one type, in
// their saved order, keyed by record id.
func (t *tx) contactsOf(ctx context.Context, tenantID string, typ reach.RecordType, ids []string) (map[string][]reach.ContactMethod, error) {
	out := make(map[string][]reach.ContactMethod, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	col := "m.customer_id"
	extra := " AND m.location_id IS NULL"
	if typ == reach.RecordLocation {
		col, extra = "m.location_id", ""
	}
	args := []any{tenantID}
	for _, id := range ids {
		args = append(args, id)
	}
	// Rows come in index order; each record's few methods are put in their
	// saved order here, cheaper than sorting the whole batch in SQL.
	rows, err := t.query(ctx, `SELECT `+contactColumns+` FROM contact_methods m
		WHERE m.tenant_id = ? AND `+col+` IN (`+placeholders(len(ids))+`)`+extra, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var m reach.ContactMethod
		if err := scanContact(rows, &m); err != nil {
			return nil, err
		}
		out[m.Owner.ID] = append(out[m.Owner.ID], m)
	}
	for _, cms := range out {
		sort.Slice(cms, func(i, j int) bool {
			return cms[i].Position < cms[j].Position || cms[i].Position == cms[j].Position && cms[i].ID < cms[j].ID
		})
	}
	return out, rows.Err()
}

// placeholders returns "?, ?, ?" for n parameters.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
