package sqlstore

import (
	"context"

	"reach"
)

func (t *tx) InsertTenant(ctx context.Context, tn *reach.Tenant) error {
	_, err := t.exec(ctx, `INSERT INTO tenants (id, name, created_at, suspect_threshold) VALUES (?, ?, ?, ?)`,
		tn.ID, tn.Name, t.ts(tn.CreatedAt), tn.SuspectThreshold)
	return err
}

func (t *tx) Tenant(ctx context.Context, id string) (*reach.Tenant, error) {
	var tn reach.Tenant
	err := t.queryRow(ctx, `SELECT id, name, created_at, suspect_threshold FROM tenants WHERE id = ?`+t.forUpdate(), id).
		Scan(&tn.ID, &tn.Name, timeCol{&tn.CreatedAt}, &tn.SuspectThreshold)
	if err != nil {
		return nil, notFound(err, "tenant", id)
	}
	return &tn, nil
}

// Tenants lists every tenant, oldest first. The app never looks across
// tenants; operator tooling does (the demo must tell an empty database from
// one holding real businesses), so this lives on DB rather than on reach.Tx.
func (db *DB) Tenants(ctx context.Context) ([]reach.Tenant, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, name, created_at FROM tenants ORDER BY created_at, id`)
	if err != nil {
		return nil, db.d.translate(err)
	}
	defer rows.Close()
	var out []reach.Tenant
	for rows.Next() {
		var tn reach.Tenant
		if err := rows.Scan(&tn.ID, &tn.Name, timeCol{&tn.CreatedAt}); err != nil {
			return nil, err
		}
		out = append(out, tn)
	}
	return out, rows.Err()
}
