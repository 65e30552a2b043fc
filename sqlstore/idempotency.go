package sqlstore

import (
	"context"
	"time"

	"reach"
)

func (t *tx) ReserveIdempotencyKey(ctx context.Context, r *reach.IdempotencyRecord, since time.Time) (*reach.IdempotencyRecord, error) {
	if _, err := t.exec(ctx, `DELETE FROM idempotency_keys WHERE tenant_id = ? AND created_at < ?`, r.TenantID, t.ts(since)); err != nil {
		return nil, err
	}
	res, err := t.exec(ctx, `INSERT INTO idempotency_keys (tenant_id, key, fingerprint, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (tenant_id, key) DO NOTHING`, r.TenantID, r.Key, r.Fingerprint, t.ts(r.CreatedAt))
	if err != nil {
		return nil, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return nil, err
	}
	held := reach.IdempotencyRecord{TenantID: r.TenantID, Key: r.Key}
	err = t.queryRow(ctx, `SELECT fingerprint, response, created_at FROM idempotency_keys WHERE tenant_id = ? AND key = ?`,
		r.TenantID, r.Key).Scan(&held.Fingerprint, &held.Response, timeCol{&held.CreatedAt})
	if err != nil {
		return nil, notFound(err, "idempotency key", r.Key)
	}
	return &held, nil
}

func (t *tx) CompleteIdempotencyKey(ctx context.Context, tenantID, key string, response []byte) error {
	_, err := t.exec(ctx, `UPDATE idempotency_keys SET response = ? WHERE tenant_id = ? AND key = ?`, response, tenantID, key)
	return err
}

func (t *tx) ReleaseIdempotencyKey(ctx context.Context, tenantID, key string) error {
	_, err := t.exec(ctx, `DELETE FROM idempotency_keys WHERE tenant_id = ? AND key = ?`, tenantID, key)
	return err
}
