package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"reach"
	"reach/email"
)

// UserInput creates a user.
type UserInput struct {
	Email string     `json:"email" maxLength:"320"`
	Name  string     `json:"name" maxLength:"20000"`
	Role  reach.Role `json:"role" enum:"admin,manager,csr,viewer"`
}

// TokenInput names a new API token.
type TokenInput struct {
	Name string `json:"name,omitempty" maxLength:"400" doc:"What the token is for, e.g. the script using it."`
}

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
		adminName = adminEmail
	}
	admin := a.newUser(&v, UserInput{Email: adminEmail, Name: adminName, Role: reach.RoleAdmin})
	if err := v.Err(); err != nil {
		return Setup{}, err
	}
	t := &reach.Tenant{ID: reach.NewID(), Name: tenantName, SuspectThreshold: defaultSuspectThreshold}
	admin.TenantID = t.ID
	actor := reach.Actor{TenantID: t.ID, UserID: admin.ID, Role: reach.RoleAdmin, Source: source}
	var secret string
	_, err := a.write(ctx, actor, "tenant.init", true, func(tx reach.Tx, ch *change) error {
		t.CreatedAt, admin.CreatedAt = tx.Now(), tx.Now()
		if err := tx.InsertTenant(ctx, t); err != nil {
			return err
		}
		if err := tx.InsertUser(ctx, admin); err != nil {
			return err
		}
		var err error
		secret, err = a.insertToken(ctx, tx, admin, "initial admin token")
		ch.record("tenant", t.ID, nil, t)
		ch.record("user", admin.ID, nil, admin)
		return err
	})
	return Setup{TenantID: t.ID, UserID: admin.ID, Token: secret}, err
}

func (a *App) newUser(v *reach.Validation, in UserInput) *reach.User {
	u := &reach.User{ID: reach.NewID(), Role: in.Role, Active: true}
	u.Name = cleanText(v, "name", in.Name, maxNameLen, true)
	addr, err := email.Parse(in.Email)
	if err != nil {
		e := err.(*email.Error)
		v.Add("email", e.Code, e.Message)
	} else {
		u.Email = addr.Value
	}
	if !u.Role.Valid() {
		v.Add("role", reach.EINVALIDROLE, fmt.Sprintf("Role %q is not one of admin, manager, csr, viewer.", in.Role))
	}
	return u
}

func (a *App) insertToken(ctx context.Context, tx reach.Tx, u *reach.User, name string) (string, error) {
	secret, hash := reach.NewTokenSecret()
	err := tx.InsertToken(ctx, &reach.Token{ID: reach.NewID(), TenantID: u.TenantID, UserID: u.ID, Name: name, Hash: hash, CreatedAt: tx.Now()})
	return secret, err
}

// CreateUser adds a user with a role to the actor's tenant.
func (a *App) CreateUser(ctx context.Context, actor reach.Actor, in UserInput) (*reach.User, error) {
	if err := actor.Require(reach.PermUsersManage); err != nil {
		return nil, err
	}
	var v reach.Validation
	u := a.newUser(&v, in)
	if err := v.Err(); err != nil {
		return nil, err
	}
	u.TenantID = actor.TenantID
	_, err := a.write(ctx, actor, "user.create", true, func(tx reach.Tx, ch *change) error {
		u.CreatedAt = tx.Now()
		if err := tx.InsertUser(ctx, u); err != nil {
			return err
		}
		ch.record("user", u.ID, nil, u)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// ListUsers lists the users of the actor's tenant.
func (a *App) ListUsers(ctx context.Context, actor reach.Actor) ([]reach.User, error) {
	if err := actor.Require(reach.PermUsersManage); err != nil {
		return nil, err
	}
	var out []reach.User
	err := a.read(ctx, func(tx reach.Tx) (err error) {
		out, err = tx.ListUsers(ctx, actor.TenantID)
		return err
	})
	return out, err
}

// CreateToken issues an API token for a user of the actor's tenant. The secret
// is returned once; only its hash is kept.
func (a *App) CreateToken(ctx context.Context, actor reach.Actor, userID string, in TokenInput) (string, error) {
	if err := actor.Require(reach.PermUsersManage); err != nil {
		return "", err
	}
	var v reach.Validation
	name := cleanText(&v, "name", in.Name, maxNameLen, false)
	if err := v.Err(); err != nil {
		return "", err
	}
	var secret string
	_, err := a.write(ctx, actor, "token.create", true, func(tx reach.Tx, ch *change) error {
		u, err := tx.User(ctx, actor.TenantID, userID)
		if err != nil {
			return err
		}
		secret, err = a.insertToken(ctx, tx, u, name)
		ch.record("user", u.ID, nil, map[string]string{"token_issued": name})
		return err
	})
	return secret, err
}

// Authenticate turns a bearer token into the actor it speaks for.
func (a *App) Authenticate(ctx context.Context, secret string, source reach.Source) (reach.Actor, *reach.User, error) {
	unauth := reach.Errorf(reach.EUNAUTHENTICATED, "The API token is missing, malformed or revoked. Send Authorization: Bearer reach_… with a token an admin issued.")
	if !strings.HasPrefix(secret, reach.TokenPrefix) || len(secret) > 200 {
		return reach.Actor{}, nil, unauth
	}
	hash, now := reach.HashToken(secret), time.Now()
	u, ok := a.tokens.get(hash, now)
	if !ok {
		err := a.read(ctx, func(tx reach.Tx) error {
			_, found, err := tx.TokenByHash(ctx, hash)
			if err == nil {
				u = *found
			}
			return err
		})
		if reach.ErrorCode(err) == reach.ENOTFOUND {
			return reach.Actor{}, nil, unauth
		}
		if err != nil {
			return reach.Actor{}, nil, err
		}
		a.tokens.put(hash, u, now)
	}
	if !u.Active {
		return reach.Actor{}, nil, unauth
	}
	return reach.Actor{TenantID: u.TenantID, UserID: u.ID, Role: u.Role, Source: source}, &u, nil
}
