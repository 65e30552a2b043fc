package app

import (
	"context"
	"fmt"

	"reach"
	"reach/email"
)

// UserInput creates a user.
type UserInput struct {
	Email string     `json:"email"`
	Name  string     `json:"name"`
	Role  reach.Role `json:"role"`
	// Password, when given, lets the user sign in to the web UI at once.
	Password string `json:"password,omitempty"`
}

// UserPatch changes a user's name or role.
type UserPatch struct {
	Name *string     `json:"name,omitempty"`
	Role *reach.Role `json:"role,omitempty"`
}

func newUser(v *reach.Validation, in UserInput) *reach.User {
	u := &reach.User{ID: reach.NewID(), Role: in.Role, Active: true, Version: 1}
	u.Name = cleanText(v, "name", in.Name, maxNameLen, true)
	addr, err := email.Parse(in.Email)
	if err != nil {
		v.Add("email", reach.EINVALIDEMAIL, err.Error())
	} else {
		u.Email = addr.Value
	}
	checkRole(v, in.Role)
	return u
}

func checkRole(v *reach.Validation, r reach.Role) {
	if r == "" {
		v.Add("role", reach.EREQUIRED, "A role is required: admin, manager, csr or viewer.")
	} else if !r.Valid() {
		v.Add("role", reach.EINVALIDROLE, fmt.Sprintf("Role %q is not one of admin, manager, csr, viewer.", r))
	}
}

// Me returns the actor's own user, which anyone may read.
func (a *App) Me(ctx context.Context, actor reach.Actor) (*reach.User, error) {
	var u *reach.User
	err := a.store.Read(ctx, func(tx reach.Tx) (err error) {
		u, err = tx.User(ctx, actor.TenantID, actor.UserID)
		return err
	})
	return u, err
}

// CreateUser adds a user with a role to the actor's tenant.
func (a *App) CreateUser(ctx context.Context, actor reach.Actor, in UserInput) (*reach.User, error) {
	if err := actor.Require(reach.PermUsersManage); err != nil {
		return nil, err
	}
	var v reach.Validation
	u := newUser(&v, in)
	if in.Password != "" {
		checkPassword(&v, "password", in.Password)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	hash, err := hashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	u.TenantID = actor.TenantID
	_, err = a.do(ctx, actor, "user.create", func(w *work) error {
		u.CreatedAt = w.now()
		if err := w.tx.InsertUser(ctx, u); err != nil {
			return err
		}
		if hash != "" {
			if err := w.tx.SetPassword(ctx, u.TenantID, u.ID, hash, w.now()); err != nil {
				return err
			}
		}
		w.record("user", u.ID, nil, u)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// User returns one user of the actor's tenant.
func (a *App) User(ctx context.Context, actor reach.Actor, id string) (*reach.User, error) {
	if err := actor.Require(reach.PermUsersManage); err != nil {
		return nil, err
	}
	var u *reach.User
	err := a.view(ctx, actor, func(w *work) (err error) {
		u, err = w.tx.User(ctx, actor.TenantID, id)
		return err
	})
	return u, err
}

// ListUsers lists the users of the actor's tenant in id order, after the
// user with id after ("" for the first page).
func (a *App) ListUsers(ctx context.Context, actor reach.Actor, after string, limit int) ([]reach.User, error) {
	if err := actor.Require(reach.PermUsersManage); err != nil {
		return nil, err
	}
	var out []reach.User
	err := a.view(ctx, actor, func(w *work) (err error) {
		out, err = w.tx.ListUsers(ctx, actor.TenantID, after, clampLimit(limit))
		return err
	})
	return out, err
}

// UpdateUser changes a user's name or role; base is the user's version the
// change is based on. The tenant's last active admin keeps the role.
func (a *App) UpdateUser(ctx context.Context, actor reach.Actor, id string, p UserPatch, base int64) (*reach.User, error) {
	return a.editUser(ctx, actor, id, "user.update", base, func(v *reach.Validation, u *reach.User) {
		if p.Name != nil {
			u.Name = cleanText(v, "name", *p.Name, maxNameLen, true)
		}
		if p.Role != nil {
			checkRole(v, *p.Role)
			u.Role = *p.Role
		}
	})
}

// SetUserActive deactivates or reactivates a user. Deactivating ends every
// API token and session of the user at once: they stop working on this
// instance immediately and on others within credentialTTL, and a
// reactivated user needs new ones (and signs in again). The tenant's last active admin can't be deactivated.
func (a *App) SetUserActive(ctx context.Context, actor reach.Actor, id string, active bool, base int64) (*reach.User, error) {
	action := "user.deactivate"
	if active {
		action = "user.reactivate"
	}
	return a.editUser(ctx, actor, id, action, base, func(_ *reach.Validation, u *reach.User) { u.Active = active })
}

// editUser is the one path by which a user changes: permission, version,
// validation, the last-admin rule, token revocation on deactivation, audit,
// and forgetting the credentials this instance checked for the user.
func (a *App) editUser(ctx context.Context, actor reach.Actor, id, action string, base int64, edit func(*reach.Validation, *reach.User)) (*reach.User, error) {
	if err := actor.Require(reach.PermUsersManage); err != nil {
		return nil, err
	}
	if err := requireVersion("user", base); err != nil {
		return nil, err
	}
	var out *reach.User
	_, err := a.do(ctx, actor, action, func(w *work) error {
		// Lock the tenant first: concurrent edits of its users queue here,
		// so two admins demoting each other can't both succeed.
		if _, err := w.tx.Tenant(ctx, actor.TenantID); err != nil {
			return err
		}
		before, err := w.tx.User(ctx, actor.TenantID, id)
		if err != nil {
			return err
		}
		if err := checkVersion("user", id, before.Version, base); err != nil {
			return err
		}
		after := *before
		var v reach.Validation
		edit(&v, &after)
		if err := v.Err(); err != nil {
			return err
		}
		out = &after
		if after == *before {
			return nil
		}
		if isAdmin(before) && !isAdmin(&after) {
			n, err := w.tx.CountActiveAdmins(ctx, actor.TenantID)
			if err != nil {
				return err
			}
			if n <= 1 {
				return reach.Errorf(reach.ELASTADMIN, "%s is the last active admin of this account; make another user an admin first.", before.Email)
			}
		}
		after.Version = before.Version + 1
		if err := w.tx.UpdateUser(ctx, &after, before.Version); err != nil {
			return err
		}
		w.record("user", id, before, &after)
		if before.Active && !after.Active {
			if err := w.tx.EndSessions(ctx, actor.TenantID, id, w.now()); err != nil {
				return err
			}
			return revokeAll(w, id)
		}
		return nil
	})
	if err == nil {
		// This instance's checked credentials hold the user as they were:
		// a demoted admin must not keep the role for credentialTTL.
		a.forgetUser(actor.TenantID, id)
	}
	return out, err
}

func isAdmin(u *reach.User) bool { return u.Active && u.Role == reach.RoleAdmin }
