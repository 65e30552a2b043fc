package app_test

import (
	"context"
	"os"
	"testing"

	"reach"
	"reach/app"
	"reach/sqlstore/storetest"
)

// BenchmarkPlaceholderReport runs the placeholder report over a seeded
// database, such as 1,000,000 customers made by
//
//	reach seed --db big.db --tenant-id ID --customers 1000000
//	REACH_BENCH_DB=big.db REACH_BENCH_TENANT=ID go test ./app -run '^$' -bench PlaceholderReport -benchtime 3x
//
// (REACH_BENCH_DB may be a postgres:// URL). It skips without them.
func BenchmarkPlaceholderReport(b *testing.B) {
	dsn, tenant := os.Getenv("REACH_BENCH_DB"), os.Getenv("REACH_BENCH_TENANT")
	if dsn == "" || tenant == "" {
		b.Skip("set REACH_BENCH_DB and REACH_BENCH_TENANT to a seeded database and tenant")
	}
	ctx := context.Background()
	a := app.New(storetest.OpenDSN(b, dsn))
	actor := reach.Actor{TenantID: tenant, UserID: "bench", Role: reach.RoleAdmin, Source: reach.SourceCLI}
	for b.Loop() {
		rep, err := a.PlaceholderReport(ctx, actor, 0, benchReportLimit())
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(rep.Total), "items")
	}
}

// benchReportLimit is how many items the benchmark asks for: the API's first
// page, or with REACH_BENCH_REPORT=all every item, as the CLI does.
func benchReportLimit() int {
	if os.Getenv("REACH_BENCH_REPORT") == "all" {
		return 0
	}
	return 100
}
