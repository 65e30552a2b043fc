package app_test

import (
	"fmt"
	"sync"
	"testing"

	"reach"
	"reach/app"
	"reach/sqlstore"
	"reach/sqlstore/storetest"
)

// TestTwoAdminsCannotDemoteEachOther: the account's two admins demoting
// each other at the same moment can't both succeed — the account would be
// left with none. They queue on the tenant's row.
func TestTwoAdminsCannotDemoteEachOther(t *testing.T) {
	storetest.ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		for round := range 10 {
			tn := newTenant(t, db)
			other, err := tn.app.CreateUser(ctx, tn.admin, app.UserInput{Email: fmt.Sprintf("second%d@testservices.com", round), Name: "Second Admin", Role: reach.RoleAdmin})
			if err != nil {
				t.Fatal(err)
			}
			owner, err := tn.app.User(ctx, tn.admin, tn.admin.UserID)
			if err != nil {
				t.Fatal(err)
			}
			asOther := reach.Actor{TenantID: tn.admin.TenantID, UserID: other.ID, Role: reach.RoleAdmin, Source: reach.SourceAPI}
			errs := make([]error, 2)
			var wg sync.WaitGroup
			start := make(chan struct{})
			wg.Go(func() {
				<-start
				_, errs[0] = tn.app.UpdateUser(ctx, tn.admin, other.ID, app.UserPatch{Role: ptr(reach.RoleCSR)}, other.Version)
			})
			wg.Go(func() {
				<-start
				_, errs[1] = tn.app.UpdateUser(ctx, asOther, owner.ID, app.UserPatch{Role: ptr(reach.RoleCSR)}, owner.Version)
			})
			close(start)
			wg.Wait()
			failed := 0
			for _, err := range errs {
				if err != nil {
					failed++
					if reach.ErrorCode(err) != reach.ELASTADMIN {
						t.Fatalf("round %d: %v", round, err)
					}
				}
			}
			if failed != 1 {
				t.Fatalf("round %d: %d of the two demotions failed, want exactly one: %v", round, failed, errs)
			}
		}
	})
}
