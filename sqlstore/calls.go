package sqlstore

import (
	"context"
	"strings"
	"time"

	"reach"
)

const callColumns = `id, tenant_id, provider, provider_call_id, from_raw, from_number, to_raw, status, matches,
	link_type, link_id, link_customer_id, link_by, link_actor_id, started_at, created_at, updated_at`

func scanCall(s interface{ Scan(...any) error }) (*reach.Call, error) {
	var c reach.Call
	var matches string
	var l reach.CallLink
	err := s.Scan(&c.ID, &c.TenantID, &c.Provider, &c.ProviderCallID, &c.From, &c.FromNumber, &c.To, &c.Status, &matches,
		&l.Type, &l.ID, &l.CustomerID, &l.By, &l.ActorID, timeCol{&c.StartedAt}, timeCol{&c.CreatedAt}, timeCol{&c.UpdatedAt})
	if err != nil {
		return nil, err
	}
	c.Matches = []byte(matches)
	if l.ID != "" {
		c.Link = &l
	}
	return &c, nil
}

func (t *tx) InsertCall(ctx context.Context, c *reach.Call) (*reach.Call, bool, error) {
	var l reach.CallLink
	if c.Link != nil {
		l = *c.Link
	}
	res, err := t.exec(ctx, `INSERT INTO calls (`+callColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (tenant_id, provider, provider_call_id) DO NOTHING`,
		c.ID, c.TenantID, c.Provider, c.ProviderCallID, c.From, c.FromNumber, c.To, c.Status, string(c.Matches),
		string(l.Type), l.ID, l.CustomerID, l.By, l.ActorID, t.ts(c.StartedAt), t.ts(c.CreatedAt), t.ts(c.UpdatedAt))
	if err != nil {
		return nil, false, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return nil, false, err
	}
	stored, err := t.CallByProviderID(ctx, c.TenantID, c.Provider, c.ProviderCallID)
	return stored, n == 1, err
}

func (t *tx) Call(ctx context.Context, tenantID, id string) (*reach.Call, error) {
	c, err := scanCall(t.queryRow(ctx, `SELECT `+callColumns+` FROM calls WHERE tenant_id = ? AND id = ?`+t.forUpdate(), tenantID, id))
	if err != nil {
		return nil, notFound(err, "call", id)
	}
	return c, nil
}

func (t *tx) CallByProviderID(ctx context.Context, tenantID, provider, providerCallID string) (*reach.Call, error) {
	c, err := scanCall(t.queryRow(ctx, `SELECT `+callColumns+` FROM calls WHERE tenant_id = ? AND provider = ? AND provider_call_id = ?`+t.forUpdate(),
		tenantID, provider, providerCallID))
	if err != nil {
		return nil, notFound(err, "call", providerCallID)
	}
	return c, nil
}

func (t *tx) SetCallStatus(ctx context.Context, tenantID, id, status string, at time.Time) error {
	res, err := t.exec(ctx, `UPDATE calls SET status = ?, updated_at = ? WHERE tenant_id = ? AND id = ?`, status, t.ts(at), tenantID, id)
	return mustAffect(res, err, "call", id)
}

func (t *tx) LinkCall(ctx context.Context, tenantID, id string, l reach.CallLink, at time.Time) error {
	res, err := t.exec(ctx, `UPDATE calls SET link_type = ?, link_id = ?, link_customer_id = ?, link_by = ?, link_actor_id = ?, updated_at = ?
		WHERE tenant_id = ? AND id = ?`, string(l.Type), l.ID, l.CustomerID, l.By, l.ActorID, t.ts(at), tenantID, id)
	return mustAffect(res, err, "call", id)
}

func (t *tx) ListCalls(ctx context.Context, tenantID string, f reach.CallFilter) ([]reach.Call, error) {
	where, args := []string{"tenant_id = ?"}, []any{tenantID}
	add := func(cond string, arg any) { where, args = append(where, cond), append(args, arg) }
	if !f.Since.IsZero() {
		add("started_at >= ?", t.ts(f.Since))
	}
	if !f.Until.IsZero() {
		add("started_at < ?", t.ts(f.Until))
	}
	if f.Linked != nil {
		if *f.Linked {
			add("link_id <> ?", "")
		} else {
			add("link_id = ?", "")
		}
	}
	if f.CustomerID != "" {
		add("link_customer_id = ?", f.CustomerID)
	}
	if f.Before != "" {
		add("id < ?", f.Before)
	}
	rows, err := t.query(ctx, `SELECT `+callColumns+` FROM calls WHERE `+strings.Join(where, " AND ")+` ORDER BY id DESC LIMIT ?`,
		append(args, f.Limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []reach.Call{}
	for rows.Next() {
		c, err := scanCall(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *c)
	}
	return out, rows.Err()
}
