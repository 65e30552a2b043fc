package app_test

import (
	"testing"
	"time"

	"reach"
	"reach/sqlstore"
	"reach/sqlstore/storetest"
)

// TestAnUnfinishedKeyIsTakenOver: a key whose first request never finished
// (its instance stopped mid-request) is busy for a while, then free again —
// not stuck for the 24 hours keys are kept.
func TestAnUnfinishedKeyIsTakenOver(t *testing.T) {
	storetest.ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		tn := newTenant(t, db)
		ctx := t.Context()
		now := time.Now().UTC()
		db.Now = func() time.Time { return now }
		t.Cleanup(func() { db.Now = func() time.Time { return time.Now().UTC() } })
		if first, err := tn.app.BeginIdempotent(ctx, tn.admin, "k-1", "fp"); first != nil || err != nil {
			t.Fatalf("the first use of a key: %q, %v", first, err)
		}
		// The first request dies here, never finishing its key.
		now = now.Add(30 * time.Second)
		if _, err := tn.app.BeginIdempotent(ctx, tn.admin, "k-1", "fp"); reach.ErrorCode(err) != reach.EIDEMPOTENCYBUSY {
			t.Fatalf("a retry while the first may still run: %v", err)
		}
		now = now.Add(3 * time.Minute)
		if first, err := tn.app.BeginIdempotent(ctx, tn.admin, "k-1", "fp"); first != nil || err != nil {
			t.Fatalf("a retry long after the first died: %q, %v", first, err)
		}
		if err := tn.app.FinishIdempotent(ctx, tn.admin, "k-1", "fp", []byte("the response")); err != nil {
			t.Fatal(err)
		}
		if first, err := tn.app.BeginIdempotent(ctx, tn.admin, "k-1", "fp"); string(first) != "the response" || err != nil {
			t.Fatalf("a retry after the takeover finished: %q, %v", first, err)
		}
	})
}
