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

// InitTenant creates a tenant with its first admin and an API token for them.
// It is the bootstrap step, so it takes no actor.
func (a *App) InitTenant(ctx context.Context, tenantName, adminEmail, adminName string, source reach.Source) (Setup, error) {
	var v reach.Validation
	tenantName = cleanText(&v, "tenant", tenantName, maxNameLen, true)
	if strings.TrimSpace(adminName) == "" {
		// The name defaults to the email; with no email either, that is
		// the one problem to report, not a missing name too.
		adminName = cmp.Or(strings.TrimSpace(adminEmail), "Admin")
	}
	admin := newUser(&v, UserInput{Email: adminEmail, Name: adminName, Role: reach.RoleAdmin})
	if err := v.Err(); err != nil {
		return Setup{}, err
	}
	t := &reach.Tenant{ID: reach.NewID(), Name: tenantName, SuspectThreshold: defaultSuspectThreshold}
	admin.TenantID = t.ID
	actor := reach.Actor{TenantID: t.ID, UserID: admin.ID, Role: reach.RoleAdmin, Source: source}
	var issued IssuedToken
	_, err := a.do(ctx, actor, "tenant.init", func(w *work) error {
		t.CreatedAt, admin.CreatedAt = w.now(), w.now()
		if err := w.tx.InsertTenant(ctx, t); err != nil {
			return err
		}
		if err := w.tx.InsertUser(ctx, admin); err != nil {
			return err
		}
		w.record("tenant", t.ID, nil, t)
		w.record("user", admin.ID, nil, admin)
		var err error
		issued, err = issueToken(w, admin, InitialTokenName)
		return err
	})
	return Setup{TenantID: t.ID, UserID: admin.ID, Token: issued.Secret}, err
}
