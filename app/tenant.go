package app

import (
	"cmp"
	"context"
	"strings"

	"reach"
)

// InitialTokenName names the token InitTenant issues for the first admin.
const InitialTokenName = "initial admin token"

// Setup is what InitTenant created: the tenant, its admin and a token shown once.
type Setup struct {
	TenantID string `json:"tenant_id"`
	UserID   string `json:"user_id"`
	Token    string `json:"token"`
}

// InitTenant creates a tenant with its first admin and an API token for them;
// with admin.Password, the admin can sign in to the web UI at once. It is
// the bootstrap step, so it takes no actor. The admin's role is admin,
// whatever admin.Role says.
func (a *App) InitTenant(ctx context.Context, tenantName string, admin UserInput, source reach.Source) (Setup, error) {
	var v reach.Validation
	tenantName = cleanText(&v, "tenant", tenantName, maxNameLen, true)
	if strings.TrimSpace(admin.Name) == "" {
		// The name defaults to the email; with no email either, that is
		// the one problem to report, not a missing name too.
		admin.Name = cmp.Or(strings.TrimSpace(admin.Email), "Admin")
	}
	admin.Role = reach.RoleAdmin
	u := newUser(&v, admin)
	if admin.Password != "" {
		checkPassword(&v, "password", admin.Password)
	}
	if err := v.Err(); err != nil {
		return Setup{}, err
	}
	hash, err := hashPassword(admin.Password)
	if err != nil {
		return Setup{}, err
	}
	t := &reach.Tenant{ID: reach.NewID(), Name: tenantName, SuspectThreshold: defaultSuspectThreshold}
	u.TenantID = t.ID
	actor := reach.Actor{TenantID: t.ID, UserID: u.ID, Role: reach.RoleAdmin, Source: source}
	var issued IssuedToken
	_, err = a.do(ctx, actor, "tenant.init", func(w *work) error {
		t.CreatedAt, u.CreatedAt = w.now(), w.now()
		if err := w.tx.InsertTenant(ctx, t); err != nil {
			return err
		}
		if err := w.tx.InsertUser(ctx, u); err != nil {
			return err
		}
		if hash != "" {
			if err := w.tx.SetPassword(ctx, t.ID, u.ID, hash, w.now()); err != nil {
				return err
			}
		}
		w.record("tenant", t.ID, nil, t)
		w.record("user", u.ID, nil, u)
		var err error
		issued, err = issueToken(w, u, InitialTokenName)
		return err
	})
	return Setup{TenantID: t.ID, UserID: u.ID, Token: issued.Secret}, err
}
