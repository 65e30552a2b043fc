package app

import (
	"context"
	"strings"
	"time"

	"reach"
)

// TokenInput names a new API token.
type TokenInput struct {
	// Name says what the token is for, e.g. the script using it.
	Name string `json:"name,omitempty"`
}

// IssuedToken is a new API token with its secret, shown this once.
type IssuedToken struct {
	reach.Token
	Secret string `json:"token"`
}

// tokenUseResolution is how precisely a token's last use is kept: recording
// every use would put a write on every request.
const tokenUseResolution = time.Minute

// credential is what a checked token or session stood for, as the cache
// keeps it.
type credential struct {
	tokenID  string // "" for a session
	user     reach.User
	lastUsed time.Time
	// sessionsAfter voids a session signed in before it.
	sessionsAfter time.Time
}

// issueToken stores a new token of u and returns it with its secret.
func issueToken(w *work, u *reach.User, name string) (IssuedToken, error) {
	secret, hash := reach.NewTokenSecret()
	t := reach.Token{ID: reach.NewID(), TenantID: u.TenantID, UserID: u.ID, Name: name, Hash: hash, CreatedAt: w.now()}
	if err := w.tx.InsertToken(w.ctx, &t); err != nil {
		return IssuedToken{}, err
	}
	w.record("token", t.ID, nil, t)
	return IssuedToken{Token: t, Secret: secret}, nil
}

// CreateToken issues an API token for a user of the actor's tenant. The
// secret is returned once; only its hash is kept.
func (a *App) CreateToken(ctx context.Context, actor reach.Actor, userID string, in TokenInput) (IssuedToken, error) {
	if err := actor.Require(reach.PermUsersManage); err != nil {
		return IssuedToken{}, err
	}
	var v reach.Validation
	name := cleanText(&v, "name", in.Name, maxNameLen, false)
	if err := v.Err(); err != nil {
		return IssuedToken{}, err
	}
	var out IssuedToken
	_, err := a.do(ctx, actor, "token.create", func(w *work) error {
		u, err := w.tx.User(ctx, actor.TenantID, userID)
		if err != nil {
			return err
		}
		if !u.Active {
			return reach.Errorf(reach.ECONFLICT, "%s is deactivated; reactivate the user before issuing a token.", u.Email)
		}
		out, err = issueToken(w, u, name)
		return err
	})
	return out, err
}

// Tokens lists a user's API tokens, without their secrets. Users may list
// their own; listing another's takes users.manage.
func (a *App) Tokens(ctx context.Context, actor reach.Actor, userID string) ([]reach.Token, error) {
	if userID != actor.UserID {
		if err := actor.Require(reach.PermUsersManage); err != nil {
			return nil, err
		}
	}
	var out []reach.Token
	err := a.view(ctx, actor, func(w *work) error {
		if _, err := w.tx.User(ctx, actor.TenantID, userID); err != nil {
			return err
		}
		var err error
		out, err = w.tx.Tokens(ctx, actor.TenantID, userID)
		return err
	})
	return out, err
}

// RevokeToken deletes an API token; it stops working on this instance at
// once and on others within credentialTTL. Users may revoke their own.
func (a *App) RevokeToken(ctx context.Context, actor reach.Actor, id string) error {
	_, err := a.do(ctx, actor, "token.revoke", func(w *work) error {
		t, err := w.tx.Token(ctx, actor.TenantID, id)
		if err != nil {
			return err
		}
		if t.UserID != actor.UserID {
			if err := actor.Require(reach.PermUsersManage); err != nil {
				return err
			}
		}
		if err := w.tx.DeleteTokens(ctx, actor.TenantID, []string{id}); err != nil {
			return err
		}
		w.record("token", id, t, nil)
		return nil
	})
	if err == nil {
		a.credentials.Forget(func(c credential) bool { return c.tokenID == id })
	}
	return err
}

// revokeAll deletes every token of a user, in the use case's transaction.
func revokeAll(w *work, userID string) error {
	tokens, err := w.tx.Tokens(w.ctx, w.actor.TenantID, userID)
	if err != nil || len(tokens) == 0 {
		return err
	}
	ids := make([]string, len(tokens))
	for i, t := range tokens {
		ids[i] = t.ID
		w.record("token", t.ID, t, nil)
	}
	return w.tx.DeleteTokens(w.ctx, w.actor.TenantID, ids)
}

// Authenticate turns a bearer token into the actor it speaks for. A checked
// token is trusted for credentialTTL; its last use is recorded to the minute.
func (a *App) Authenticate(ctx context.Context, secret string, source reach.Source) (reach.Actor, error) {
	unauth := reach.Errorf(reach.EUNAUTHENTICATED, "The API token is missing, malformed or revoked. Authenticate with a token an admin issued.")
	if !strings.HasPrefix(secret, reach.TokenPrefix) || len(secret) > 200 {
		return reach.Actor{}, unauth
	}
	hash, now := reach.HashToken(secret), time.Now()
	c, ok := a.credentials.Get(hash, now)
	if !ok {
		err := a.store.Read(ctx, func(tx reach.Tx) error {
			t, u, err := tx.TokenByHash(ctx, hash)
			if err == nil {
				c = credential{tokenID: t.ID, user: *u}
				if t.LastUsedAt != nil {
					c.lastUsed = *t.LastUsedAt
				}
			}
			return err
		})
		if reach.ErrorCode(err) == reach.ENOTFOUND {
			return reach.Actor{}, unauth
		}
		if err != nil {
			return reach.Actor{}, err
		}
		if c.user.Active && now.Sub(c.lastUsed) >= tokenUseResolution {
			err := a.store.Write(ctx, func(tx reach.Tx) error { return tx.TouchToken(ctx, c.user.TenantID, c.tokenID, tx.Now()) })
			if err != nil {
				return reach.Actor{}, err
			}
			c.lastUsed = now
		}
		a.credentials.Put(hash, c, now)
	}
	if !c.user.Active {
		return reach.Actor{}, unauth
	}
	return reach.Actor{TenantID: c.user.TenantID, UserID: c.user.ID, Role: c.user.Role, Source: source}, nil
}
