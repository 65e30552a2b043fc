package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"reach"
)

const loginColumns = userColumns + `, u.password_hash, u.sessions_after`

func scanLogin(s interface{ Scan(...any) error }, l *reach.Login) error {
	u := &l.User
	return s.Scan(&u.ID, &u.TenantID, &u.Email, &u.Name, &u.Role, &u.Active, &u.Version, timeCol{&u.CreatedAt},
		&l.PasswordHash, timeCol{&l.SessionsAfter})
}

func (t *tx) LoginsByEmail(ctx context.Context, email string) ([]reach.Login, error) {
	rows, err := t.query(ctx, `SELECT `+loginColumns+` FROM users u WHERE u.email_key = ? ORDER BY u.tenant_id`, strings.ToLower(email))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []reach.Login
	for rows.Next() {
		var l reach.Login
		if err := scanLogin(rows, &l); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

func (t *tx) Login(ctx context.Context, tenantID, userID string) (*reach.Login, error) {
	var l reach.Login
	if err := scanLogin(t.queryRow(ctx, `SELECT `+loginColumns+` FROM users u WHERE u.tenant_id = ? AND u.id = ?`, tenantID, userID), &l); err != nil {
		return nil, notFound(err, "user", userID)
	}
	return &l, nil
}

func (t *tx) SetPassword(ctx context.Context, tenantID, userID, hash string, at time.Time) error {
	res, err := t.exec(ctx, `UPDATE users SET password_hash = ?, sessions_after = ? WHERE tenant_id = ? AND id = ?`, hash, t.ts(at), tenantID, userID)
	return mustAffect(res, err, "user", userID)
}

func (t *tx) EndSessions(ctx context.Context, tenantID, userID string, at time.Time) error {
	res, err := t.exec(ctx, `UPDATE users SET sessions_after = ? WHERE tenant_id = ? AND id = ?`, t.ts(at), tenantID, userID)
	return mustAffect(res, err, "user", userID)
}

// Sessions of the web UI, kept for scs: found by their token (which the
// session manager hashes before it gets here), outside any transaction.

// FindSession returns a session's data, unless it is unknown or expired.
func (db *DB) FindSession(ctx context.Context, token string) ([]byte, bool, error) {
	var data []byte
	var expiry time.Time
	err := db.read.QueryRowContext(ctx, db.d.rebind(`SELECT data, expiry FROM sessions WHERE token = ?`), token).Scan(&data, timeCol{&expiry})
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, false, nil
	case err != nil:
		return nil, false, db.d.translate(err)
	case !expiry.After(db.Now()):
		return nil, false, nil
	}
	return data, true, nil
}

// CommitSession stores a session's data until expiry, replacing any before.
func (db *DB) CommitSession(ctx context.Context, token string, data []byte, expiry time.Time) error {
	_, err := db.write.ExecContext(ctx, db.d.rebind(`INSERT INTO sessions (token, data, expiry) VALUES (?, ?, ?)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`), token, data, db.d.timeValue(expiry))
	return db.d.translate(err)
}

// DeleteSession forgets a session; an unknown one is no error.
func (db *DB) DeleteSession(ctx context.Context, token string) error {
	_, err := db.write.ExecContext(ctx, db.d.rebind(`DELETE FROM sessions WHERE token = ?`), token)
	return db.d.translate(err)
}

// DeleteExpiredSessions forgets the sessions that expired before.
func (db *DB) DeleteExpiredSessions(ctx context.Context, before time.Time) error {
	_, err := db.write.ExecContext(ctx, db.d.rebind(`DELETE FROM sessions WHERE expiry < ?`), db.d.timeValue(before))
	return db.d.translate(err)
}
