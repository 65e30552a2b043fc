// Package app holds reach's use cases. Every rule of the product lives here once:
// permissions, validation, versioning and audit. It talks to storage only
// through the domain's interfaces, one transaction per user action.
package app

import (
	"context"
	"time"

	"reach"
)

// App runs the use cases against a store.
type App struct {
	Store reach.Store
	// feeds wakes the call feeds open on this instance.
	feeds feedHub
	// tokens remembers recently checked API tokens.
	tokens tokenCache
}

// New returns an App over store.
func New(store reach.Store) *App { return &App{Store: store} }

// maxRetries bounds how often a write without If-Match is retried after a
// concurrent writer moved the record on; each retry re-reads and re-applies.
const maxRetries = 8

// change collects what one user action did so it is audited as one change.
type change struct {
	c *reach.Change
}

// record adds the before and after of one entity to the change.
func (ch *change) record(entityType, entityID string, before, after any) {
	ch.c.Entries = append(ch.c.Entries, reach.ChangeEntry{
		EntityType: entityType, EntityID: entityID,
		Before: reach.Snapshot(before), After: reach.Snapshot(after),
	})
}

// write runs fn in one transaction and stores the change it collected in the
// same transaction. When pinned is false (the client sent no version), a
// version conflict caused by a concurrent writer is retried: fn re-reads the
// record and re-applies the edit, so no edit is lost and none is refused.
func (a *App) write(ctx context.Context, actor reach.Actor, action string, pinned bool, fn func(tx reach.Tx, ch *change) error) (*reach.Change, error) {
	var out *reach.Change
	var err error
	for attempt := 0; attempt < maxRetries; attempt++ {
		err = a.Store.Write(ctx, func(tx reach.Tx) error {
			ch := &change{c: &reach.Change{
				ID: reach.NewID(), TenantID: actor.TenantID, ActorID: actor.UserID,
				Source: actor.Source, Action: action, At: tx.Now(),
			}}
			if err := fn(tx, ch); err != nil {
				return err
			}
			if len(ch.c.Entries) > 0 {
				if err := tx.InsertChange(ctx, ch.c); err != nil {
					return err
				}
			}
			out = ch.c
			return nil
		})
		if pinned || reach.ErrorCode(err) != reach.EVERSIONCONFLICT {
			break
		}
		time.Sleep(time.Duration(attempt+1) * time.Millisecond)
	}
	return out, err
}

// read runs fn in a read-only transaction.
func (a *App) read(ctx context.Context, fn func(tx reach.Tx) error) error {
	return a.Store.Read(ctx, fn)
}

// checkVersion returns version_conflict when the client based its write on a
// version other than the current one.
func checkVersion(what, id string, current int64, want *int64) error {
	if want != nil && *want != current {
		return reach.VersionConflict(what, id, current, *want)
	}
	return nil
}
