package sqlstore

import (
	"context"
	"database/sql"
	"sort"
	"strings"

	"reach"
)

const contactColumns = `m.id, m.customer_id, m.location_id, m.kind, m.value, m.key, m.display, m.extension, m.memo,
	m.is_primary, m.created_at, m.created_by, m.source, m.updated_at`

// scanContact reads contactColumns, then any extra columns into extra.
func scanContact(s interface{ Scan(...any) error }, m *reach.ContactMethod, extra ...any) error {
	var loc sql.NullString
	err := s.Scan(append([]any{&m.ID, &m.CustomerID, &loc, &m.Kind, &m.Value, &m.Key, &m.Display, &m.Extension, &m.Memo,
		&m.Primary, timeCol{&m.CreatedAt}, &m.CreatedBy, &m.Source, timeCol{&m.UpdatedAt}}, extra...)...)
	if err != nil {
		return err
	}
	if loc.Valid {
		m.Owner = reach.RecordRef{Type: reach.RecordLocation, ID: loc.String}
	} else {
		m.Owner = reach.RecordRef{Type: reach.RecordCustomer, ID: m.CustomerID}
	}
	return nil
}

func (t *tx) ContactMethod(ctx context.Context, tenantID, id string) (*reach.ContactMethod, error) {
	var m reach.ContactMethod
	err := scanContact(t.queryRow(ctx, `SELECT `+contactColumns+` FROM contact_methods m WHERE m.tenant_id = ? AND m.id = ?`, tenantID, id), &m)
	if err != nil {
		return nil, notFound(err, "contact method", id)
	}
	return &m, nil
}

// ownerCondition selects the contact methods held by one record: a customer's
// own (location_id IS NULL) or a location's.
func ownerCondition(owner reach.RecordRef) string {
	if owner.Type == reach.RecordLocation {
		return `m.location_id = ?`
	}
	return `m.customer_id = ? AND m.location_id IS NULL`
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
	rows, err := t.query(ctx, `SELECT `+contactColumns+`, m.position FROM contact_methods m
		WHERE m.tenant_id = ? AND `+col+` IN (`+placeholders(len(ids))+`)`+extra, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type placed struct {
		m   reach.ContactMethod
		pos int
	}
	byOwner := map[string][]placed{}
	for rows.Next() {
		var p placed
		if err := scanContact(rows, &p.m, &p.pos); err != nil {
			return nil, err
		}
		byOwner[p.m.Owner.ID] = append(byOwner[p.m.Owner.ID], p)
	}
	for owner, ps := range byOwner {
		sort.Slice(ps, func(i, j int) bool { return ps[i].pos < ps[j].pos || ps[i].pos == ps[j].pos && ps[i].m.ID < ps[j].m.ID })
		cms := make([]reach.ContactMethod, len(ps))
		for i, p := range ps {
			cms[i] = p.m
		}
		out[owner] = cms
	}
	return out, rows.Err()
}

// saveContacts makes the stored contact methods of owner exactly cms, in order:
// rows no longer listed are deleted, listed ones updated in place (keeping their
// id and provenance) or inserted.
func (t *tx) saveContacts(ctx context.Context, tenantID, customerID string, owner reach.RecordRef, cms []reach.ContactMethod) error {
	rows, err := t.query(ctx, `SELECT m.id FROM contact_methods m WHERE m.tenant_id = ? AND `+ownerCondition(owner), tenantID, owner.ID)
	if err != nil {
		return err
	}
	existing := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		existing[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	keep := map[string]bool{}
	for _, m := range cms {
		keep[m.ID] = true
	}
	for id := range existing {
		if !keep[id] {
			if _, err := t.exec(ctx, `DELETE FROM contact_methods WHERE tenant_id = ? AND id = ?`, tenantID, id); err != nil {
				return err
			}
		}
	}
	var locationID any
	if owner.Type == reach.RecordLocation {
		locationID = owner.ID
	}
	for i, m := range cms {
		digits := ""
		if m.Kind.IsNumber() {
			digits = reach.ReverseDigits(strings.TrimPrefix(m.Value, "+"))
		}
		if existing[m.ID] {
			_, err = t.exec(ctx, `UPDATE contact_methods SET position = ?, kind = ?, value = ?, key = ?, digits_rev = ?,
				display = ?, extension = ?, memo = ?, is_primary = ?, updated_at = ?
				WHERE tenant_id = ? AND id = ?`,
				i, string(m.Kind), m.Value, m.Key, digits, m.Display, m.Extension, m.Memo, m.Primary, t.ts(m.UpdatedAt),
				tenantID, m.ID)
		} else {
			_, err = t.exec(ctx, `INSERT INTO contact_methods (id, tenant_id, customer_id, location_id, position, kind, value,
				key, digits_rev, display, extension, memo, is_primary, created_at, created_by, source, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				m.ID, tenantID, customerID, locationID, i, string(m.Kind), m.Value, m.Key, digits, m.Display, m.Extension,
				m.Memo, m.Primary, t.ts(m.CreatedAt), m.CreatedBy, string(m.Source), t.ts(m.UpdatedAt))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// placeholders returns "?, ?, ?" for n parameters.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
