package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"reach"
)

// WakeCallFeeds tells this instance's open call feeds that a tenant's feed
// has grown elsewhere — another reach instance on the same database — or,
// with "", that any tenant's may have.
func (a *App) WakeCallFeeds(tenantID string) { a.feeds.wake(tenantID) }

// appendCallEvent adds what happened to call to the tenant's feed, in the
// transaction that made it happen; the caller wakes the feeds after commit.
func appendCallEvent(ctx context.Context, tx reach.Tx, typ string, call *reach.Call) error {
	return tx.AppendCallEvent(ctx, &reach.CallEvent{TenantID: call.TenantID, Type: typ, CallID: call.ID,
		Data: reach.Snapshot(call), At: tx.Now()})
}

// feedBatch bounds the events one read of a feed returns.
const feedBatch = 200

// CallFeed is one agent's live view of the tenant's calls: every event after
// its cursor, in order, as they are committed.
type CallFeed struct {
	app      *App
	tenantID string
	tenant   *tenantFeed
	cursor   int64
	wake     chan struct{}
	close    func()
}

// OpenCallFeed starts a feed of the actor's tenant after lastEventID — the
// last event a reconnecting client saw — or, when that is "", after the
// events already committed. A lastEventID beyond the feed (a client of a
// restored database) starts at the end. Close the feed when done.
func (a *App) OpenCallFeed(ctx context.Context, actor reach.Actor, lastEventID string) (*CallFeed, error) {
	if err := actor.Require(reach.PermCallsView); err != nil {
		return nil, err
	}
	after, err := parseEventID(lastEventID)
	if err != nil {
		return nil, err
	}
	// Subscribe before reading the end of the feed, so an event committed in
	// between is not missed.
	f := &CallFeed{app: a, tenantID: actor.TenantID}
	last := func() (end int64, err error) {
		err = a.read(ctx, func(tx reach.Tx) (err error) {
			end, err = tx.LastCallEvent(ctx, actor.TenantID)
			return err
		})
		return end, err
	}
	if f.tenant, f.wake, f.close, f.cursor, err = a.feeds.subscribe(actor.TenantID, last); err != nil {
		return nil, err
	}
	if after >= 0 && after < f.cursor {
		f.cursor = after
	}
	return f, nil
}

func parseEventID(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return -1, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, &reach.Error{Code: reach.EVALIDATION, Message: "Last-Event-ID must be the id of an event this stream sent.",
			Fields: []reach.FieldError{{Field: "Last-Event-ID", Code: reach.EINVALIDVALUE, Message: "Give a whole number from an event's id: line."}}}
	}
	return n, nil
}

// Next waits for the events after the cursor and returns them, oldest
// first, moving the cursor past them. It returns no events when idle passes
// without any (time for a keep-alive), and ctx's error when ctx ends.
func (f *CallFeed) Next(ctx context.Context, idle time.Duration) ([]reach.CallEvent, error) {
	timer := time.NewTimer(idle)
	defer timer.Stop()
	for {
		events, err := f.tenant.after(f.cursor, f.load(ctx))
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
			f.tenant.refreshIfStale(idle)
			events, err := f.tenant.after(f.cursor, f.load(ctx))
			if len(events) > 0 {
				f.cursor = events[len(events)-1].Seq
			}
			return events, err
		case <-f.wake:
		}
	}
}

// load reads the tenant's events after a seq from the database.
func (f *CallFeed) load(ctx context.Context) func(after int64) ([]reach.CallEvent, error) {
	return func(after int64) (events []reach.CallEvent, err error) {
		err = f.app.read(ctx, func(tx reach.Tx) (err error) {
			events, err = tx.CallEventsAfter(ctx, f.tenantID, after, feedBatch)
			return err
		})
		return events, err
	}
}

// Close stops the feed's wake-ups.
func (f *CallFeed) Close() { f.close() }
