// Package app holds reach's use cases. Every rule of the product lives here once:
// permissions, validation, versioning and audit. It talks to storage only
// through the domain's interfaces, one transaction per user action, and
// knows nothing of HTTP: the transports decide how a request names the
// version it is based on, and render the errors returned here.
package app

import (
	"context"
	"time"

	"reach"
	"reach/internal/feedhub"
	"reach/internal/tokencache"
)

// App runs the use cases against a store.
type App struct {
	store reach.Store
	// feeds wakes the call feeds open on this instance.
	feeds feedhub.Hub
	// credentials remembers recently checked API tokens and sessions.
	credentials *tokencache.Cache[credential]
	// signIns limits sign-in attempts per account and per address.
	signIns signInLimits
}

// credentialTTL is how long a checked token is trusted without asking the
// database again. A token revoked or a user deactivated through this
// instance stops working here at once; on other instances within this time.
const credentialTTL = 10 * time.Second

// New returns an App over store.
func New(store reach.Store) *App {
	return &App{store: store, credentials: tokencache.New[credential](credentialTTL), signIns: newSignInLimits()}
}

// do runs fn as one use case that may write: one transaction, audited as
// one change named action, which it returns (with no entries when nothing
// changed).
func (a *App) do(ctx context.Context, actor reach.Actor, action string, fn func(w *work) error) (*reach.Change, error) {
	var out *reach.Change
	err := a.store.Write(ctx, func(tx reach.Tx) error {
		w := newWork(ctx, tx, actor, action)
		if err := fn(w); err != nil {
			return err
		}
		if err := w.flush(); err != nil {
			return err
		}
		out = w.change
		return nil
	})
	return out, err
}

// view runs fn as a use case that only reads, in a read-only transaction.
func (a *App) view(ctx context.Context, actor reach.Actor, fn func(w *work) error) error {
	return a.store.Read(ctx, func(tx reach.Tx) error { return fn(newWork(ctx, tx, actor, "")) })
}

// requireVersion refuses a write to an existing record that does not name
// the version it is based on: without it, a concurrent edit would be lost.
func requireVersion(what string, base int64) error {
	if base <= 0 {
		return reach.Errorf(reach.EPRECONDITIONREQUIRED,
			"A change to an existing %s must name the version of it the change is based on; read the %s and send its version.", what, what)
	}
	return nil
}

// checkVersion refuses a write based on a version other than the current one.
func checkVersion(what, id string, current, base int64) error {
	if base != current {
		return reach.VersionConflict(what, id, current, base)
	}
	return nil
}
