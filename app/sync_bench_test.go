package app_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"reach"
	"reach/app"
	"reach/sqlstore/storetest"
)

// BenchmarkSync1000 measures one save that replaces a number and syncs it to
// the 1,000 other records holding it (half the customer's own locations, half
// other customers), all in one transaction. Each iteration flips the number
// back, so every iteration does the full work.
//
//	go test ./app -run '^$' -bench Sync1000 -benchtime 20x
//	REACH_TEST_POSTGRES=postgres://… go test ./app -run '^$' -bench Sync1000 -benchtime 20x
func BenchmarkSync1000(b *testing.B) {
	for _, backend := range storetest.Backends {
		b.Run(backend, func(b *testing.B) {
			if backend == "postgres" && os.Getenv(storetest.PostgresEnv) == "" {
				b.Skip("set " + storetest.PostgresEnv + " to benchmark PostgreSQL")
			}
			ctx := context.Background()
			tn := newTenant(b, storetest.Open(b, backend))
			src := tn.customer(b, "Maple Holdings", "512-867-5309")
			var targets []string
			for i := range 1000 {
				var m reach.ContactMethod
				if i%2 == 0 {
					m = tn.location(b, src.ID, fmt.Sprintf("Unit %d", i), "512-867-5309", "512-867-1111").ContactMethods[0]
				} else {
					m = tn.customer(b, fmt.Sprintf("Tenant %d", i), "512-867-5309").ContactMethods[0]
				}
				targets = append(targets, m.ID)
			}
			values := []string{"+15128675309", "+15124440000"}
			ref := reach.RecordRef{Type: reach.RecordCustomer, ID: src.ID}
			version := src.Version
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				in := inputs(src.ContactMethods)
				in[0].Value = values[(i+1)%2]
				e, err := tn.app.SaveContactMethods(ctx, tn.admin, ref, in, version, app.SyncOptions{ConfirmCrossCustomer: true,
					Sync: []app.SyncInput{{From: values[i%2], Targets: targets}}}, false)
				if err != nil {
					b.Fatal(err)
				}
				if len(e.Changes[0].Synced) != 1000 {
					b.Fatalf("synced %d", len(e.Changes[0].Synced))
				}
				version = e.Record.Header().Version
			}
		})
	}
}
