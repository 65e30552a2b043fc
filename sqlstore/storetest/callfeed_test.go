package storetest

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"reach"
	"reach/sqlstore"
)

// TestCallFeed covers what the screen pop stands on: each tenant's events
// count 1, 2, 3… in commit order, even when appended concurrently, and a
// read after a cursor returns exactly what follows it.
func TestCallFeed(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		a, b := newTenant(t, db, "A"), newTenant(t, db, "B")
		appendEvent := func(tenant, callID string) (int64, error) {
			e := &reach.CallEvent{TenantID: tenant, Type: reach.CallIncoming, CallID: callID, Data: json.RawMessage(`{"id":"` + callID + `"}`), At: at(1)}
			err := db.Write(ctx, func(tx reach.Tx) error { return tx.AppendCallEvent(ctx, e) })
			return e.Seq, err
		}
		events := func(tenant string, after int64, limit int) []reach.CallEvent {
			var out []reach.CallEvent
			mustRead(t, db, func(tx reach.Tx) (err error) {
				out, err = tx.CallEventsAfter(ctx, tenant, after, limit)
				return err
			})
			return out
		}
		last := func(tenant string) int64 {
			var n int64
			mustRead(t, db, func(tx reach.Tx) (err error) {
				n, err = tx.LastCallEvent(ctx, tenant)
				return err
			})
			return n
		}
		if last(a) != 0 || len(events(a, 0, 10)) != 0 {
			t.Fatal("a new tenant's feed is not empty")
		}

		const writers = 40
		var wg sync.WaitGroup
		errs := make(chan error, writers)
		for i := range writers {
			wg.Go(func() {
				if _, err := appendEvent(a, fmt.Sprintf("call-%02d", i)); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("concurrent append: %v", err)
		}
		if seq, err := appendEvent(b, "b-call"); err != nil || seq != 1 {
			t.Errorf("tenant B's first event: seq %d (%v), want 1: seqs count per tenant", seq, err)
		}

		all := events(a, 0, 100)
		if len(all) != writers || last(a) != writers {
			t.Fatalf("%d events, last %d; want %d of each", len(all), last(a), writers)
		}
		calls := map[string]bool{}
		for i, e := range all {
			if e.Seq != int64(i+1) || e.TenantID != a || e.Type != reach.CallIncoming || !e.At.Equal(at(1)) ||
				string(e.Data) != `{"id":"`+e.CallID+`"}` || calls[e.CallID] {
				t.Fatalf("event %d: %+v", i, e)
			}
			calls[e.CallID] = true
		}
		page := events(a, 10, 5)
		if len(page) != 5 || page[0].Seq != 11 || page[4].Seq != 15 {
			t.Errorf("events after 10, 5 of them: %+v", page)
		}
		if got := events(b, 0, 100); len(got) != 1 || got[0].CallID != "b-call" {
			t.Errorf("tenant B's feed: %+v", got)
		}

		// An event is stored with the transaction that made it, or not at all.
		err := db.Write(ctx, func(tx reach.Tx) error {
			if err := tx.AppendCallEvent(ctx, &reach.CallEvent{TenantID: a, Type: reach.CallLinked, CallID: "x", Data: json.RawMessage(`{}`), At: at(2)}); err != nil {
				return err
			}
			return reach.Errorf(reach.ECONFLICT, "the use case failed")
		})
		wantCode(t, err, reach.ECONFLICT)
		if seq, _ := appendEvent(a, "after-rollback"); seq != writers+1 || last(a) != writers+1 {
			t.Errorf("after a rolled-back append the next seq is %d, want %d: no gaps", seq, writers+1)
		}

		// Only the latest events are kept; the count goes on.
		db.CallEventsKept = 10
		for range 10 {
			if _, err := appendEvent(a, "later"); err != nil {
				t.Fatal(err)
			}
		}
		kept := events(a, 0, 100)
		if len(kept) != 10 || kept[0].Seq != writers+2 || last(a) != writers+11 {
			t.Errorf("with 10 kept: %+v, last %d; want 10 from %d, last %d", kept, last(a), writers+2, writers+11)
		}
		if len(events(b, 0, 100)) != 1 {
			t.Error("pruning tenant A's feed touched tenant B's")
		}
	})
}
