package api_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"reach"
	"reach/app"
	"reach/demo"
	"reach/phone"
	"reach/sqlstore"
	"reach/sqlstore/storetest"
)

// BenchmarkCallerIDHTTP measures caller ID end to end — HTTP, token check,
// parsing, the index lookup, JSON — against a bare net/http handler that
// answers a fixed body, in the same run and through the same client, as the
// ceiling of this machine. Each reports p50 and p99 latency and requests
// per second with benchClients concurrent clients. For a seeded database:
//
//	reach init --db big.db --tenant Big --admin-email admin@bigservices.com   # prints the token
//	reach seed --db big.db --tenant-id TENANT --customers 1000000
//	REACH_BENCH_DB=big.db REACH_BENCH_TOKEN=reach_… go test ./web -run '^$' -bench CallerIDHTTP -benchtime 20000x
//
// (REACH_BENCH_DB may be a postgres:// URL.) Without them it seeds 5,000
// customers into a temporary SQLite file.
func BenchmarkCallerIDHTTP(b *testing.B) {
	ctx := context.Background()
	dsn, token := os.Getenv("REACH_BENCH_DB"), os.Getenv("REACH_BENCH_TOKEN")
	if dsn == "" {
		dsn = filepath.Join(b.TempDir(), "bench.db")
	}
	db := storetest.OpenDSN(b, dsn)
	a := app.New(db)
	if token == "" {
		token = seedSmall(b, a, db, 5000)
	}
	actor, err := a.Authenticate(ctx, token, reach.SourceAPI)
	if err != nil {
		b.Fatal(err)
	}
	numbers := sampleNumbers(b, db, actor.TenantID, 2000)

	reachSrv := httptest.NewServer(newHandler(a, db))
	defer reachSrv.Close()
	bare := []byte(`{"number":"+15128675309","matches":[]}`)
	bareSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(bare)
	}))
	defer bareSrv.Close()

	b.Run("bare", func(b *testing.B) { loadCallerID(b, bareSrv.URL, token, numbers) })
	b.Run("reach", func(b *testing.B) { loadCallerID(b, reachSrv.URL, token, numbers) })
}

// benchClients is how many requests are in flight at once.
const benchClients = 4

// loadCallerID sends b.N lookups from benchClients clients and reports
// latency percentiles and throughput.
func loadCallerID(b *testing.B, base, token string, numbers []string) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: benchClients}}
	defer client.CloseIdleConnections()
	per := make([][]time.Duration, benchClients)
	var next sync.Mutex
	sent := 0
	b.ResetTimer()
	var wg sync.WaitGroup
	for c := range benchClients {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(c), 7))
			for {
				next.Lock()
				if sent == b.N {
					next.Unlock()
					return
				}
				sent++
				next.Unlock()
				req, _ := http.NewRequest("GET", base+"/api/v1/caller-id?number="+url.QueryEscape(numbers[rng.IntN(len(numbers))]), nil)
				req.Header.Set("Authorization", "Bearer "+token)
				start := time.Now()
				res, err := client.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				per[c] = append(per[c], time.Since(start))
				if res.StatusCode != 200 {
					b.Errorf("status %d", res.StatusCode)
					return
				}
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	all := slices.Concat(per...)
	slices.Sort(all)
	if len(all) == 0 {
		return
	}
	pct := func(p float64) float64 { return float64(all[int(p*float64(len(all)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50_ms")
	b.ReportMetric(pct(0.99), "p99_ms")
	b.ReportMetric(float64(len(all))/b.Elapsed().Seconds(), "req/s")
}

// sampleNumbers picks numbers the tenant's records hold, from across the
// key space, and presents some as an agent would type them.
func sampleNumbers(b *testing.B, db *sqlstore.DB, tenantID string, n int) []string {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	var out []string
	for tries := 0; len(out) < n && tries < 10*n; tries++ {
		from := fmt.Sprintf("+1%d", 200+rng.IntN(800))
		err := db.Read(ctx, func(tx reach.Tx) error {
			taken := 0
			return tx.EachValue(ctx, tenantID, from, "+2", func(key, _ string) error {
				if taken == 20 {
					return errEnough
				}
				taken++
				if rng.IntN(4) == 0 { // as typed: (512) 867-5309
					key = phone.Format(key, "")
				}
				out = append(out, key)
				return nil
			})
		})
		if err != nil && err != errEnough {
			b.Fatal(err)
		}
	}
	if len(out) == 0 {
		b.Fatal("the tenant holds no phone numbers; seed it first")
	}
	return out
}

var errEnough = errors.New("enough")

// seedSmall creates a tenant with count generated customers and returns its
// admin's token.
func seedSmall(b *testing.B, a *app.App, db *sqlstore.DB, count int) string {
	ctx := context.Background()
	setup, err := a.InitTenant(ctx, "Bench", app.UserInput{Email: "admin@benchservices.com", Name: "Admin"}, reach.SourceCLI)
	if err != nil {
		b.Fatal(err)
	}
	customers, locations := demo.NewGenerator(1).Batch(setup.TenantID, setup.UserID, count, time.Now().UTC().Truncate(time.Microsecond))
	if err := db.BulkInsert(ctx, setup.TenantID, customers, locations); err != nil {
		b.Fatal(err)
	}
	return setup.Token
}
