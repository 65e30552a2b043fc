package sqlstore

import (
	"context"

	"reach"
)

func (t *tx) InsertPlaceholder(ctx context.Context, p *reach.Placeholder) error {
	_, err := t.exec(ctx, `INSERT INTO placeholders (id, tenant_id, kind, value, key, note, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, p.ID, p.TenantID, string(p.Kind), p.Value, p.Key, p.Note, t.ts(p.CreatedAt), p.CreatedBy)
	if isDuplicate(err) {
		return &reach.Error{Code: reach.ECONFLICT, Message: p.Value + " is already on the placeholder list.", Err: err}
	}
	return err
}

func (t *tx) Placeholders(ctx context.Context, tenantID string) ([]reach.Placeholder, error) {
	rows, err := t.query(ctx, `SELECT id, tenant_id, kind, value, key, note, created_at, created_by FROM placeholders
		WHERE tenant_id = ? ORDER BY id`, tenantID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []reach.Placeholder{}
	for rows.Next() {
		var p reach.Placeholder
		if err := rows.Scan(&p.ID, &p.TenantID, &p.Kind, &p.Value, &p.Key, &p.Note, timeCol{&p.CreatedAt}, &p.CreatedBy); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func (t *tx) DeletePlaceholder(ctx context.Context, tenantID, id string) error {
	res, err := t.exec(ctx, `DELETE FROM placeholders WHERE tenant_id = ? AND id = ?`, tenantID, id)
	return mustAffect(res, err, "placeholder", id)
}

func (t *tx) SetSuspectThreshold(ctx context.Context, tenantID string, n int) error {
	res, err := t.exec(ctx, `UPDATE tenants SET suspect_threshold = ? WHERE id = ?`, n, tenantID)
	return mustAffect(res, err, "tenant", tenantID)
}
