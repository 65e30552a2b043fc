package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"reach"
)

func (t *tx) InsertUser(ctx context.Context, u *reach.User) error {
	_, err := t.exec(ctx, `INSERT INTO users (id, tenant_id, email, email_key, name, role, active, version, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.ID, u.TenantID, u.Email, strings.ToLower(u.Email), u.Name, string(u.Role), u.Active, u.Version, t.ts(u.CreatedAt))
	if isDuplicate(err) {
		return &reach.Error{Code: reach.ECONFLICT, Message: fmt.Sprintf("A user with email %s already exists.", u.Email), Err: err}
	}
	return err
}

const userColumns = `u.id, u.tenant_id, u.email, u.name, u.role, u.active, u.version, u.created_at`

func scanUser(s interface{ Scan(...any) error }, u *reach.User) error {
	return s.Scan(&u.ID, &u.TenantID, &u.Email, &u.Name, &u.Role, &u.Active, &u.Version, timeCol{&u.CreatedAt})
}

func (t *tx) User(ctx context.Context, tenantID, id string) (*reach.User, error) {
	var u reach.User
	err := scanUser(t.queryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.tenant_id = ? AND u.id = ?`+t.forUpdate(), tenantID, id), &u)
	if err != nil {
		return nil, notFound(err, "user", id)
	}
	return &u, nil
}

func (t *tx) UpdateUser(ctx context.Context, u *reach.User, expect int64) error {
	res, err := t.exec(ctx, `UPDATE users SET name = ?, role = ?, active = ?, version = ? WHERE tenant_id = ? AND id = ? AND version = ?`,
		u.Name, string(u.Role), u.Active, u.Version, u.TenantID, u.ID, expect)
	if err != nil {
		return err
	}
	return t.checkVersioned(ctx, res, "users", "user", u.TenantID, u.ID, expect)
}

func (t *tx) ListUsers(ctx context.Context, tenantID, after string, limit int) ([]reach.User, error) {
	rows, err := t.query(ctx, `SELECT `+userColumns+` FROM users u WHERE u.tenant_id = ? AND u.id > ? ORDER BY u.id LIMIT ?`,
		tenantID, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	users := []reach.User{}
	for rows.Next() {
		var u reach.User
		if err := scanUser(rows, &u); err != nil {
			return nil, err
		}
		users = append(users, u)
	}
	return users, rows.Err()
}

func (t *tx) CountActiveAdmins(ctx context.Context, tenantID string) (int, error) {
	var n int
	err := t.queryRow(ctx, `SELECT count(*) FROM users WHERE tenant_id = ? AND role = ? AND active = ?`,
		tenantID, string(reach.RoleAdmin), true).Scan(&n)
	return n, t.d.translate(err)
}

const tokenColumns = `k.id, k.tenant_id, k.user_id, k.name, k.hash, k.created_at, k.last_used_at`

func scanToken(s interface{ Scan(...any) error }, tk *reach.Token, extra ...any) error {
	var used time.Time
	err := s.Scan(append([]any{&tk.ID, &tk.TenantID, &tk.UserID, &tk.Name, &tk.Hash, timeCol{&tk.CreatedAt}, timeCol{&used}}, extra...)...)
	if !used.IsZero() {
		tk.LastUsedAt = &used
	}
	return err
}

func (t *tx) InsertToken(ctx context.Context, tk *reach.Token) error {
	_, err := t.exec(ctx, `INSERT INTO api_tokens (id, tenant_id, user_id, name, hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		tk.ID, tk.TenantID, tk.UserID, tk.Name, tk.Hash, t.ts(tk.CreatedAt))
	return err
}

func (t *tx) TokenByHash(ctx context.Context, hash string) (*reach.Token, *reach.User, error) {
	var tk reach.Token
	var u reach.User
	err := scanToken(t.hotQueryRow(ctx, `SELECT `+tokenColumns+`, `+userColumns+`
		FROM api_tokens k JOIN users u ON u.id = k.user_id AND u.tenant_id = k.tenant_id
		WHERE k.hash = ?`, hash), &tk, &u.ID, &u.TenantID, &u.Email, &u.Name, &u.Role, &u.Active, &u.Version, timeCol{&u.CreatedAt})
	if err != nil {
		return nil, nil, notFound(err, "token", "")
	}
	return &tk, &u, nil
}

func (t *tx) Token(ctx context.Context, tenantID, id string) (*reach.Token, error) {
	var tk reach.Token
	if err := scanToken(t.queryRow(ctx, `SELECT `+tokenColumns+` FROM api_tokens k WHERE k.tenant_id = ? AND k.id = ?`, tenantID, id), &tk); err != nil {
		return nil, notFound(err, "API token", id)
	}
	return &tk, nil
}

func (t *tx) Tokens(ctx context.Context, tenantID, userID string) ([]reach.Token, error) {
	rows, err := t.query(ctx, `SELECT `+tokenColumns+` FROM api_tokens k WHERE k.tenant_id = ? AND k.user_id = ? ORDER BY k.id`, tenantID, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []reach.Token{}
	for rows.Next() {
		var tk reach.Token
		if err := scanToken(rows, &tk); err != nil {
			return nil, err
		}
		out = append(out, tk)
	}
	return out, rows.Err()
}

func (t *tx) DeleteTokens(ctx context.Context, tenantID string, ids []string) error {
	return inBatches(len(ids), maxInList, func(lo, hi int) error {
		_, err := t.exec(ctx, `DELETE FROM api_tokens WHERE tenant_id = ? AND id IN (`+placeholders(hi-lo)+`)`,
			append([]any{tenantID}, anySlice(ids[lo:hi])...)...)
		return err
	})
}

func (t *tx) TouchToken(ctx context.Context, tenantID, id string, at time.Time) error {
	_, err := t.exec(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE tenant_id = ? AND id = ?`, t.ts(at), tenantID, id)
	return err
}
