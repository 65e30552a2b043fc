package app_test

import (
	"context"
	"sync"
	"testing"

	"reach"
	"reach/app"
	"reach/sqlstore"
	"reach/sqlstore/storetest"
)

func TestSyncRefusesTargetsTheUserMayNotEdit(t *testing.T) {
	storetest.ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		tn := newTenant(t, db)
		c := tn.customer(t, "Holder", "512-867-5309")
		l := tn.location(t, c.ID, "Site", "512-867-5309")
		// A credential that may edit customers but not locations.
		clerk := tn.admin
		clerk.Scopes = []reach.Permission{reach.PermCustomerView, reach.PermCustomerEdit, reach.PermLocationView}
		before := tn.snapshot(t)
		in := inputs(c.ContactMethods)
		in[0].Value = "512-444-0000"
		e, err := tn.app.SaveContactMethods(ctx, clerk, reach.RecordRef{Type: reach.RecordCustomer, ID: c.ID}, in, 0, app.SyncOptions{}, true)
		if err != nil || len(e.Changes) != 1 || len(e.Changes[0].Candidates) != 1 || e.Changes[0].Candidates[0].Editable {
			t.Fatalf("preview: %+v %v; want one candidate marked not editable", e.Changes, err)
		}
		_, err = tn.app.SaveContactMethods(ctx, clerk, reach.RecordRef{Type: reach.RecordCustomer, ID: c.ID}, in, 1,
			app.SyncOptions{Sync: []app.SyncInput{{From: "+15128675309", Targets: []string{l.ContactMethods[0].ID}}}}, false)
		if reach.ErrorCode(err) != reach.EFORBIDDEN {
			t.Fatalf("sync to a location the user may not edit: %v, want forbidden", err)
		}
		if tn.snapshot(t) != before {
			t.Errorf("refused sync wrote to the database")
		}
	})
}

// TestSyncRaceWithTargetEdit edits a target between preview and apply — in
// sequence, then truly concurrently — and checks the apply is refused and
// writes nothing whenever the target moved on.
func TestSyncRaceWithTargetEdit(t *testing.T) {
	storetest.ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		tn := newTenant(t, db)
		src := tn.customer(t, "Source", "512-867-5309")
		dst := tn.customer(t, "Target", "512-867-5309")
		ref := reach.RecordRef{Type: reach.RecordCustomer, ID: src.ID}
		in := inputs(src.ContactMethods)
		in[0].Value = "512-444-0000"
		preview, err := tn.app.SaveContactMethods(ctx, tn.admin, ref, in, 0, app.SyncOptions{}, true)
		if err != nil {
			t.Fatal(err)
		}
		cand := preview.Changes[0].Candidates[0]
		opts := app.SyncOptions{ConfirmCrossCustomer: true, Sync: []app.SyncInput{{From: "+15128675309",
			Targets: []string{cand.ContactMethodID}, Versions: map[string]int64{cand.ContactMethodID: cand.Record.Version}}}}

		// Someone renames the target after the preview.
		if _, err := tn.app.UpdateCustomer(ctx, tn.admin, dst.ID, app.CustomerPatch{Name: ptr("Target Renamed")}, dst.Version); err != nil {
			t.Fatal(err)
		}
		before := tn.snapshot(t)
		_, err = tn.app.SaveContactMethods(ctx, tn.admin, ref, in, 1, opts, false)
		if reach.ErrorCode(err) != reach.EVERSIONCONFLICT {
			t.Fatalf("apply after the target changed: %v, want version_conflict", err)
		}
		if e := err.(*reach.Error); e.Details["targets"] == nil {
			t.Errorf("the conflict does not name the target: %+v", e)
		}
		if tn.snapshot(t) != before {
			t.Fatalf("refused apply wrote to the database")
		}

		// Now race them: the apply (pinned to the version it previewed) and an
		// edit of the target start together. Either the apply wins and the
		// edit lands after it, or the edit wins and the apply is refused
		// with nothing written; never a half-applied sync.
		for round := 0; round < 10; round++ {
			src, _ = tn.app.Customer(ctx, tn.admin, src.ID)
			dst, _ = tn.app.Customer(ctx, tn.admin, dst.ID)
			if src.ContactMethods[0].Value != dst.ContactMethods[0].Value {
				t.Fatalf("round %d starts unshared", round)
			}
			in := inputs(src.ContactMethods)
			in[0].Value = map[bool]string{true: "512-444-0000", false: "512-867-5309"}[round%2 == 0]
			from := src.ContactMethods[0].Value
			opts := app.SyncOptions{ConfirmCrossCustomer: true, Sync: []app.SyncInput{{From: from,
				Targets: []string{dst.ContactMethods[0].ID}, Versions: map[string]int64{dst.ContactMethods[0].ID: dst.Version}}}}
			var wg sync.WaitGroup
			var applyErr, editErr error
			wg.Add(2)
			go func() {
				defer wg.Done()
				_, applyErr = tn.app.SaveContactMethods(ctx, tn.admin, ref, in, src.Version, opts, false)
			}()
			go func() {
				defer wg.Done()
				// The editor reads, edits and retries on a conflict, as a client does.
				editErr = retryOnConflict(func() error {
					cur, err := tn.app.Customer(ctx, tn.admin, dst.ID)
					if err != nil {
						return err
					}
					_, err = tn.app.UpdateCustomer(ctx, tn.admin, dst.ID, app.CustomerPatch{Name: ptr("Target " + string(rune('A'+round)))}, cur.Version)
					return err
				})
			}()
			wg.Wait()
			if editErr != nil {
				t.Fatalf("round %d: the target edit failed: %v", round, editErr)
			}
			gotSrc, _ := tn.app.Customer(ctx, tn.admin, src.ID)
			gotDst, _ := tn.app.Customer(ctx, tn.admin, dst.ID)
			switch {
			case applyErr == nil:
				if gotSrc.ContactMethods[0].Value == from || gotDst.ContactMethods[0].Value == from {
					t.Fatalf("round %d: accepted sync left the old value: src %s dst %s", round, gotSrc.ContactMethods[0].Value, gotDst.ContactMethods[0].Value)
				}
			case reach.ErrorCode(applyErr) == reach.EVERSIONCONFLICT:
				if gotSrc.ContactMethods[0].Value != from || gotDst.ContactMethods[0].Value != from {
					t.Fatalf("round %d: refused sync changed something", round)
				}
				// Put the pair back in step for the next round.
				if _, err := tn.app.SaveContactMethods(ctx, tn.admin, ref, in, gotSrc.Version, app.SyncOptions{ConfirmCrossCustomer: true,
					Sync: []app.SyncInput{{From: from, Targets: []string{gotDst.ContactMethods[0].ID}}}}, false); err != nil {
					t.Fatal(err)
				}
			default:
				t.Fatalf("round %d: apply failed with %v", round, applyErr)
			}
		}
	})
}
