package app

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"

	"reach"
	"reach/internal/ratelimit"
)

// Passwords are kept as argon2id hashes (OWASP's minimum: 19 MiB, two
// passes), in PHC form, so the parameters can be raised later and old
// hashes still checked.
var passwordParams = &argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// Password lengths, in characters. Long passphrases are welcome; a bound
// keeps hashing a request body cheap.
const (
	minPasswordLen = 10
	maxPasswordLen = 200
)

// signInLimits bounds sign-in attempts, on each instance: per account and
// address, so guessing one account's password is slow; per account from
// every address together, looser, so a botnet is slow too without one
// address locking the account's owner out; and per address, so one client
// can't try many accounts.
type signInLimits struct{ pair, account, address *ratelimit.Limiter }

func newSignInLimits() signInLimits {
	return signInLimits{
		pair:    ratelimit.New(time.Minute, 10),
		account: ratelimit.New(6*time.Second, 100),
		address: ratelimit.New(6*time.Second, 30),
	}
}

// Only failed attempts count: a call center's agents signing in from one
// address at the start of a shift are not slowed. spent checks, failed pays.
func (l signInLimits) spent(email, address string, now time.Time) bool {
	account := strings.ToLower(email)
	return l.address.Spent(address, now) || l.pair.Spent(account+"\x00"+address, now) || l.account.Spent(account, now)
}

func (l signInLimits) failed(email, address string, now time.Time) {
	account := strings.ToLower(email)
	l.address.Allow(address, now)
	l.pair.Allow(account+"\x00"+address, now)
	l.account.Allow(account, now)
}

// hashing bounds how many password hashes are computed at once (each
// takes passwordParams.Memory), so a flood of sign-ins queues instead of
// exhausting memory.
var hashing = make(chan struct{}, 4)

// comparePassword checks password against hash, waiting for a hashing
// slot; a request that gives up waiting is refused.
func comparePassword(ctx context.Context, password, hash string) (bool, error) {
	select {
	case hashing <- struct{}{}:
	case <-ctx.Done():
		return false, ctx.Err()
	}
	defer func() { <-hashing }()
	return argon2id.ComparePasswordAndHash(password, hash)
}

// Session is a signed-in user: who, and since when. It is what the web
// UI's session keeps; AuthenticateSession turns it back into an actor.
type Session struct {
	TenantID   string
	UserID     string
	SignedInAt time.Time
}

// unusable is compared against when no user matches, so a wrong email
// takes as long to refuse as a wrong password.
var unusable, _ = argon2id.CreateHash("reach: no such user", passwordParams)

// SignIn checks an email and password, from address (the client's network
// address, for the rate limit), and returns the session to start. The same
// answer is given for an unknown email and a wrong password.
func (a *App) SignIn(ctx context.Context, email, password, address string) (Session, error) {
	email = strings.TrimSpace(email)
	now := time.Now()
	if a.signIns.spent(email, address, now) {
		return Session{}, reach.Errorf(reach.ETOOMANYATTEMPTS, "Too many failed sign-in attempts; wait a minute and try again.")
	}
	session, err := a.matchPassword(ctx, email, password)
	if reach.ErrorCode(err) == reach.EUNAUTHENTICATED {
		a.signIns.failed(email, address, now)
	}
	return session, err
}

// matchPassword finds the active user whose email and password these are.
func (a *App) matchPassword(ctx context.Context, email, password string) (Session, error) {
	refused := reach.Errorf(reach.EUNAUTHENTICATED, "The email or password is not right.")
	if email == "" || password == "" || utf8.RuneCountInString(password) > maxPasswordLen {
		return Session{}, refused
	}
	var logins []reach.Login
	var at time.Time
	if err := a.store.Read(ctx, func(tx reach.Tx) (err error) {
		at = tx.Now()
		logins, err = tx.LoginsByEmail(ctx, email)
		return err
	}); err != nil {
		return Session{}, err
	}
	compared, deactivated := false, false
	for _, l := range logins {
		if l.PasswordHash == "" {
			continue
		}
		compared = true
		ok, err := comparePassword(ctx, password, l.PasswordHash)
		if err := ctx.Err(); err != nil {
			return Session{}, err
		}
		switch {
		case err != nil || !ok:
		case !l.User.Active: // another account of this email may be active
			deactivated = true
		default:
			return Session{TenantID: l.User.TenantID, UserID: l.User.ID, SignedInAt: at}, nil
		}
	}
	if !compared {
		_, _ = comparePassword(ctx, password, unusable)
	}
	if deactivated {
		return Session{}, reach.Errorf(reach.EUNAUTHENTICATED, "This user is deactivated; ask an admin of your account.")
	}
	return Session{}, refused
}

// AuthenticateSession turns a signed-in session into the actor it speaks
// for, or refuses it: the user was deactivated, or their password set,
// since it signed in. Checked sessions are trusted for credentialTTL.
func (a *App) AuthenticateSession(ctx context.Context, s Session, source reach.Source) (reach.Actor, error) {
	ended := reach.Errorf(reach.EUNAUTHENTICATED, "Your session has ended; sign in again.")
	if s.TenantID == "" || s.UserID == "" {
		return reach.Actor{}, ended
	}
	key, now := "session\x00"+s.TenantID+"\x00"+s.UserID, time.Now()
	c, ok := a.credentials.Get(key, now)
	if !ok {
		err := a.store.Read(ctx, func(tx reach.Tx) error {
			l, err := tx.Login(ctx, s.TenantID, s.UserID)
			if err == nil {
				c = credential{user: l.User, sessionsAfter: l.SessionsAfter}
			}
			return err
		})
		if reach.ErrorCode(err) == reach.ENOTFOUND {
			return reach.Actor{}, ended
		}
		if err != nil {
			return reach.Actor{}, err
		}
		a.credentials.Put(key, c, now)
	}
	if !c.user.Active || s.SignedInAt.Before(c.sessionsAfter) {
		return reach.Actor{}, ended
	}
	return reach.Actor{TenantID: c.user.TenantID, UserID: c.user.ID, Role: c.user.Role, Source: source}, nil
}

// SetPassword sets a user's password — an admin setting or resetting it —
// and ends every session the user has.
func (a *App) SetPassword(ctx context.Context, actor reach.Actor, userID, password string) error {
	if err := actor.Require(reach.PermUsersManage); err != nil {
		return err
	}
	var v reach.Validation
	checkPassword(&v, "password", password)
	if err := v.Err(); err != nil {
		return err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	_, err = a.do(ctx, actor, "user.password", func(w *work) error {
		u, err := w.tx.User(ctx, actor.TenantID, userID)
		if err != nil {
			return err
		}
		if err := w.tx.SetPassword(ctx, actor.TenantID, userID, hash, w.now()); err != nil {
			return err
		}
		w.record("user", u.ID, map[string]string{"password": "…"}, map[string]string{"password": "set"})
		return nil
	})
	if err == nil {
		a.forgetUser(actor.TenantID, userID)
	}
	return err
}

// hashPassword is a password's stored form; "" for no password.
func hashPassword(password string) (string, error) {
	if password == "" {
		return "", nil
	}
	return argon2id.CreateHash(password, passwordParams)
}

// checkPassword records what is wrong with a new password.
func checkPassword(v *reach.Validation, field, password string) {
	switch n := utf8.RuneCountInString(password); {
	case n < minPasswordLen:
		v.Add(field, reach.ETOOSHORT, "A password is at least 10 characters; a few words make a good one.")
	case n > maxPasswordLen:
		v.Add(field, reach.ETOOLONG, "A password is at most 200 characters.")
	case strings.TrimSpace(password) == "":
		v.Add(field, reach.EINVALIDVALUE, "A password can't be only spaces.")
	}
}

// forgetUser drops what this instance checked of a user's tokens and
// sessions, so a change to the user counts on their next request.
func (a *App) forgetUser(tenantID, userID string) {
	a.credentials.Forget(func(c credential) bool { return c.user.ID == userID && c.user.TenantID == tenantID })
}
