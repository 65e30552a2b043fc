package app

import (
	"context"
	"time"

	"reach"
	"reach/internal/feedhub"
)

// WakeCallFeeds tells this instance's open call feeds that a tenant's feed
// has grown elsewhere — another reach instance on the same database — or,
// with "", that any tenant's may have.
func (a *App) WakeCallFeeds(tenantID string) { a.feeds.Wake(tenantID) }

// appendCallEvent adds what happened to call to the tenant's feed, in the
// transaction that made it happen; the caller wakes the feeds after commit.
func appendCallEvent(w *work, typ string, call *reach.Call) error {
	return w.tx.AppendCallEvent(w.ctx, &reach.CallEvent{TenantID: call.TenantID, Type: typ, CallID: call.ID,
		Data: reach.Snapshot(call), At: w.now()})
}

// CallFeed is one agent's live view of the tenant's calls: every event after
// its cursor, in order, as they are committed.
type CallFeed struct {
	app    *App
	actor  reach.Actor
	sub    *feedhub.Subscription
	cursor int64
}

// FromNow opens a call feed at its end: only events committed from now on.
const FromNow = -1

// OpenCallFeed starts a feed of the actor's tenant after the event with seq
// after — the last one a reconnecting client saw — or, with FromNow, after
// the events already committed. A seq beyond the feed (a client of a
// restored database) starts at the end. Close the feed when done.
func (a *App) OpenCallFeed(ctx context.Context, actor reach.Actor, after int64) (*CallFeed, error) {
	if err := actor.Require(reach.PermCallsView); err != nil {
		return nil, err
	}
	if after < FromNow {
		return nil, reach.Invalid("after", reach.EINVALIDVALUE, "Resume a feed after the seq of an event it sent.")
	}
	f := &CallFeed{app: a, actor: actor}
	end := func() (last int64, err error) {
		err = a.store.Read(ctx, func(tx reach.Tx) (err error) {
			last, err = tx.LastCallEvent(ctx, actor.TenantID)
			return err
		})
		return last, err
	}
	var err error
	if f.sub, f.cursor, err = a.feeds.Subscribe(actor.TenantID, end); err != nil {
		return nil, err
	}
	if after != FromNow && after < f.cursor {
		f.cursor = after
	}
	return f, nil
}

// Next waits for the events after the cursor and returns them, oldest
// first, moving the cursor past them. It returns no events when idle passes
// without any (time for a keep-alive), and ctx's error when ctx ends.
func (f *CallFeed) Next(ctx context.Context, idle time.Duration) ([]reach.CallEvent, error) {
	timer := time.NewTimer(idle)
	defer timer.Stop()
	for {
		events, err := f.sub.After(f.cursor, f.load(ctx))
		if err != nil {
			return nil, err
		}
		if len(events) > 0 {
			f.cursor = events[len(events)-1].Seq
			return events, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-timer.C:
			f.sub.RefreshIfStale(idle)
			events, err := f.sub.After(f.cursor, f.load(ctx))
			if len(events) > 0 {
				f.cursor = events[len(events)-1].Seq
			}
			return events, err
		case <-f.sub.Wake:
		}
	}
}

// load reads the tenant's events after a seq from the database.
func (f *CallFeed) load(ctx context.Context) feedhub.Load {
	return func(after int64) (events []reach.CallEvent, err error) {
		err = f.app.store.Read(ctx, func(tx reach.Tx) (err error) {
			events, err = tx.CallEventsAfter(ctx, f.actor.TenantID, after, feedhub.Batch)
			return err
		})
		return events, err
	}
}

// Close stops the feed's wake-ups.
func (f *CallFeed) Close() { f.sub.Close() }
