package sqlstore

import (
	"context"

	"reach"
)

const locationColumns = `l.id, l.tenant_id, l.customer_id, l.name, l.street, l.unit, l.city, l.state, l.zip, l.country,
	l.active, l.version, l.created_at, l.updated_at`

func scanLocation(s interface{ Scan(...any) error }, l *reach.Location) error {
	a := &l.Address
	return s.Scan(&l.ID, &l.TenantID, &l.CustomerID, &l.Name, &a.Street, &a.Unit, &a.City, &a.State, &a.Zip, &a.Country,
		&l.Active, &l.Version, timeCol{&l.CreatedAt}, timeCol{&l.UpdatedAt})
}

func (t *tx) Location(ctx context.Context, tenantID, id string) (*reach.Location, error) {
	var l reach.Location
	err := scanLocation(t.queryRow(ctx, `SELECT `+locationColumns+` FROM locations l WHERE l.tenant_id = ? AND l.id = ?`+t.forUpdate(), tenantID, id), &l)
	if err != nil {
		return nil, notFound(err, "location", id)
	}
	cms, err := t.contactsOf(ctx, tenantID, reach.RecordLocation, []string{id})
	if err != nil {
		return nil, err
	}
	l.ContactMethods = nonNil(cms[id])
	return &l, nil
}

func (t *tx) ListLocations(ctx context.Context, tenantID string, f reach.LocationFilter) ([]reach.Location, error) {
	query := `SELECT ` + locationColumns + ` FROM locations l WHERE l.tenant_id = ?`
	args := []any{tenantID}
	if f.CustomerID != "" {
		query += ` AND l.customer_id = ?`
		args = append(args, f.CustomerID)
	}
	if f.Active != nil {
		query += ` AND l.active = ?`
		args = append(args, *f.Active)
	}
	if f.After != "" {
		query += ` AND l.id > ?`
		args = append(args, f.After)
	}
	query += ` ORDER BY l.id LIMIT ?`
	args = append(args, f.Limit)
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []reach.Location
	var ids []string
	for rows.Next() {
		var l reach.Location
		if err := scanLocation(rows, &l); err != nil {
			return nil, err
		}
		out = append(out, l)
		ids = append(ids, l.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	cms, err := t.contactsOf(ctx, tenantID, reach.RecordLocation, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].ContactMethods = nonNil(cms[out[i].ID])
	}
	return out, nil
}
