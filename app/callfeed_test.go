package app_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"reach"
	"reach/app"
	"reach/sqlstore"
	"reach/sqlstore/storetest"
)

// countingStore counts reads of the call feed.
type countingStore struct {
	*sqlstore.DB
	feedReads atomic.Int64
}

func (s *countingStore) Read(ctx context.Context, fn func(reach.Tx) error) error {
	return s.DB.Read(ctx, func(tx reach.Tx) error { return fn(countingTx{tx, s}) })
}

type countingTx struct {
	reach.Tx
	s *countingStore
}

func (t countingTx) CallEventsAfter(ctx context.Context, tenantID string, after int64, limit int) ([]reach.CallEvent, error) {
	t.s.feedReads.Add(1)
	return t.Tx.CallEventsAfter(ctx, tenantID, after, limit)
}

// TestCallFeedsShareReads: many agents watching one tenant each get every
// event, in order, while the feed is read from the database about once per
// event, not once per agent.
func TestCallFeedsShareReads(t *testing.T) {
	storetest.ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		store := &countingStore{DB: db}
		a := app.New(store)
		setup, err := a.InitTenant(ctx, "Pop Services", app.UserInput{Email: "owner@popservices.com", Name: "Owner"}, reach.SourceCLI)
		if err != nil {
			t.Fatal(err)
		}
		admin := reach.Actor{TenantID: setup.TenantID, UserID: setup.UserID, Role: reach.RoleAdmin, Source: reach.SourceAPI}

		const agents, calls = 100, 10
		feeds := make([]*app.CallFeed, agents)
		for i := range feeds {
			if feeds[i], err = a.OpenCallFeed(ctx, admin, app.FromNow); err != nil {
				t.Fatal(err)
			}
			defer feeds[i].Close()
		}
		before := store.feedReads.Load()
		var wg sync.WaitGroup
		got := make([][]int64, agents)
		for i, f := range feeds {
			wg.Go(func() {
				for len(got[i]) < calls {
					events, err := f.Next(ctx, 5*time.Second)
					if err != nil || len(events) == 0 {
						t.Errorf("agent %d: %v after %d events", i, err, len(got[i]))
						return
					}
					for _, e := range events {
						got[i] = append(got[i], e.Seq)
					}
				}
			})
		}
		for n := range calls {
			if _, _, err := a.RecordCall(ctx, admin, app.CallInput{From: "+15128675309", Provider: "test", ProviderCallID: "CA-" + string(rune('a'+n))}); err != nil {
				t.Fatal(err)
			}
		}
		wg.Wait()
		for i, seqs := range got {
			for j, seq := range seqs {
				if seq != int64(j+1) {
					t.Fatalf("agent %d got events %v; want 1..%d in order", i, seqs, calls)
				}
			}
		}
		reads := store.feedReads.Load() - before
		t.Logf("%d agents, %d calls: %d reads of the feed", agents, calls, reads)
		if reads > 4*calls {
			t.Errorf("%d agents and %d calls read the feed %d times; want about one read per call", agents, calls, reads)
		}
	})
}

// TestCallFeedCatchesUpThroughABacklog: a stream opened while the tenant's
// shared reads lag hundreds of events behind still gets the next call at
// once, not at its next keep-alive.
func TestCallFeedCatchesUpThroughABacklog(t *testing.T) {
	storetest.ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
		defer cancel()
		a := app.New(db)
		setup, err := a.InitTenant(ctx, "Busy Services", app.UserInput{Email: "owner@busyservices.com", Name: "Owner"}, reach.SourceCLI)
		if err != nil {
			t.Fatal(err)
		}
		admin := reach.Actor{TenantID: setup.TenantID, UserID: setup.UserID, Role: reach.RoleAdmin, Source: reach.SourceAPI}
		idle, err := a.OpenCallFeed(ctx, admin, app.FromNow) // a slow client: never reads
		if err != nil {
			t.Fatal(err)
		}
		defer idle.Close()
		err = db.Write(ctx, func(tx reach.Tx) error {
			for range 650 {
				if err := tx.AppendCallEvent(ctx, &reach.CallEvent{TenantID: setup.TenantID, Type: reach.CallIncoming, CallID: "old", Data: []byte(`{}`), At: tx.Now()}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		a.WakeCallFeeds(setup.TenantID)
		live, err := a.OpenCallFeed(ctx, admin, app.FromNow)
		if err != nil {
			t.Fatal(err)
		}
		defer live.Close()
		if events, err := live.Next(ctx, 50*time.Millisecond); err != nil || len(events) != 0 {
			t.Fatalf("a new stream got %d events (%v); want none of the backlog", len(events), err)
		}
		call, _, err := a.RecordCall(ctx, admin, app.CallInput{From: "+15128675309", Provider: "test", ProviderCallID: "CA-live"})
		if err != nil {
			t.Fatal(err)
		}
		// Its keep-alive is a minute away and ctx ends in 20 s: only the
		// wake-up for this call can deliver it.
		events, err := live.Next(ctx, time.Minute)
		if err != nil || len(events) != 1 || events[0].CallID != call.ID || events[0].Seq != 651 {
			t.Fatalf("got %+v (%v); want the new call as event 651", events, err)
		}
	})
}
