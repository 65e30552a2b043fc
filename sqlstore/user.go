package sqlstore

import (
	"context"
	"strings"

	"reach"
)

func (t *tx) InsertTenant(ctx context.Context, tn *reach.Tenant) error {
	_, err := t.exec(ctx, `INSERT INTO tenants (id, name, created_at, suspect_threshold) VALUES (?, ?, ?, ?)`,
		tn.ID, tn.Name, t.ts(tn.CreatedAt), tn.SuspectThreshold)
	return err
}

func (t *tx) Tenant(ctx context.Context, id string) (*reach.Tenant, error) {
	var tn reach.Tenant
	err := t.queryRow(ctx, `SELECT id, name, created_at, suspect_threshold FROM tenants WHERE id = ?`, id).
		Scan(&tn.ID, &tn.Name, timeCol{&tn.CreatedAt}, &tn.SuspectThreshold)
	if err != nil {
		return nil, notFound(err, "tenant", id)
	}
	return &tn, nil
}

func (t *tx) InsertUser(ctx context.Context, u *reach.User) error {
	_, err := t.exec(ctx, `INSERT INTO users (id, tenant_id, email, email_key, name, role, active, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		u.ID, u.TenantID, u.Email, strings.ToLower(u.Email), u.Name, string(u.Role), u.Active, t.ts(u.CreatedAt))
	if reach.ErrorCode(err) == reach.ECONFLICT {
		return reach.Errorf(reach.ECONFLICT, "A user with email %s already exists.", u.Email)
	}
	return err
}

const userColumns = `u.id, u.tenant_id, u.email, u.name, u.role, u.active, u.created_at`

func scanUser(s interface{ Scan(...any) error }, u *reach.User) error {
	return s.Scan(&u.ID, &u.TenantID, &u.Email, &u.Name, &u.Role, &u.Active, timeCol{&u.CreatedAt})
}

func (t *tx) User(ctx context.Context, tenantID, id string) (*reach.User, error) {
	var u reach.User
	err := scanUser(t.queryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.tenant_id = ? AND u.id = ?`, tenantID, id), &u)
	if err != nil {
		return nil, notFound(err, "user", id)
	}
	return &u, nil
}

func (t *tx) ListUsers(ctx context.Context, tenantID string) ([]reach.User, error) {
	rows, err := t.query(ctx, `SELECT `+userColumns+` FROM users u WHERE u.tenant_id = ? ORDER BY u.id`, tenantID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var users []reach.User
	for rows.Next() {
		var u reach.User
		if err := scanUser(rows, &u); err != nil {
			return nil, err
		}
		users = append(users, u)
	}
	return users, rows.Err()
}

func (t *tx) InsertToken(ctx context.Context, tk *reach.Token) error {
	_, err := t.exec(ctx, `INSERT INTO api_tokens (id, tenant_id, user_id, name, hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		tk.ID, tk.TenantID, tk.UserID, tk.Name, tk.Hash, t.ts(tk.CreatedAt))
	return err
}

func (t *tx) TokenByHash(ctx context.Context, hash string) (*reach.Token, *reach.User, error) {
	var tk reach.Token
	var u reach.User
	err := t.hotQueryRow(ctx, `SELECT k.id, k.tenant_id, k.user_id, k.name, k.hash, k.created_at, `+userColumns+`
		FROM api_tokens k JOIN users u ON u.id = k.user_id AND u.tenant_id = k.tenant_id
		WHERE k.hash = ?`, hash).Scan(&tk.ID, &tk.TenantID, &tk.UserID, &tk.Name, &tk.Hash, timeCol{&tk.CreatedAt},
		&u.ID, &u.TenantID, &u.Email, &u.Name, &u.Role, &u.Active, timeCol{&u.CreatedAt})
	if err != nil {
		return nil, nil, notFound(err, "token", "")
	}
	return &tk, &u, nil
}
