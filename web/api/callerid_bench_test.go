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
	"strings"
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
// ceiling of this machine. bare and reach report p50 and p99 latency and
// requests per second with benchClients clients sending as fast as they
// are answered; half-rate then sends at half of reach's rate on a fixed
// schedule, as ringing phones do, and reports latency counted from each
// request's scheduled time, so a stall delays every call queued behind it.
// Each reports the process's peak anonymous and resident memory (server
// and client together). For a seeded database:
//
//	reach init --db big.db --tenant Big --admin-email admin@bigservices.com   # prints the token
//	reach seed --db big.db --tenant-id TENANT --customers 1000000
//	REACH_BENCH_DB=big.db REACH_BENCH_TOKEN=reach_… go test ./web/api -run '^$' -bench CallerIDHTTP -benchtime 40000x -count 2
//
// (REACH_BENCH_DB may be a postgres:// URL.) Without them it seeds 5,000
// customers into a temporary SQLite file.
func BenchmarkCallerIDHTTP(b *testing.B) {
	ctx := context.Background()
	a, db, token := benchDatabase(b)
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

	var reachRate float64
	b.Run("bare", func(b *testing.B) { loadCallerID(b, bareSrv.URL, token, numbers) })
	b.Run("reach", func(b *testing.B) { reachRate = loadCallerID(b, reachSrv.URL, token, numbers) })
	b.Run("half-rate", func(b *testing.B) { scheduleCallerID(b, reachSrv.URL, token, numbers, reachRate/2) })
}

// benchClients is how many requests are in flight at once.
const benchClients = 4

// loadCallerID sends b.N lookups from benchClients clients, reports latency
// percentiles and throughput, and returns the throughput.
func loadCallerID(b *testing.B, base, token string, numbers []string) float64 {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: benchClients}}
	defer client.CloseIdleConnections()
	defer sampleMemory(b)()
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
				start := time.Now()
				if err := lookUp(client, base, token, numbers[rng.IntN(len(numbers))]); err != nil {
					b.Error(err)
					return
				}
				per[c] = append(per[c], time.Since(start))
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	rate := float64(b.N) / b.Elapsed().Seconds()
	reportLatency(b, slices.Concat(per...))
	b.ReportMetric(rate, "req/s")
	return rate
}

// scheduleCallerID sends b.N lookups at rate a second, each at its time
// whether or not earlier ones have been answered, and reports the latency
// of each from the time it was due.
func scheduleCallerID(b *testing.B, base, token string, numbers []string, rate float64) {
	if rate <= 0 {
		b.Skip("no rate: run the reach benchmark first")
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	defer client.CloseIdleConnections()
	defer sampleMemory(b)()
	rng := rand.New(rand.NewPCG(3, 7))
	latencies, late := make([]time.Duration, b.N), make([]time.Duration, b.N)
	interval := time.Duration(float64(time.Second) / rate)
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for i := range b.N {
		due := start.Add(time.Duration(i) * interval)
		time.Sleep(time.Until(due))
		number := numbers[rng.IntN(len(numbers))]
		late[i] = time.Since(due)
		wg.Go(func() {
			if err := lookUp(client, base, token, number); err != nil {
				b.Error(err)
			}
			latencies[i] = time.Since(due)
		})
	}
	wg.Wait()
	b.StopTimer()
	reportLatency(b, latencies)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
	slices.Sort(late)
	b.ReportMetric(float64(late[len(late)*99/100].Microseconds())/1000, "sent_late_p99_ms")
}

// lookUp asks base who number is, and reads the whole answer.
func lookUp(client *http.Client, base, token, number string) error {
	req, _ := http.NewRequest("GET", base+"/api/v1/caller-id?number="+url.QueryEscape(number), nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	if res.StatusCode != 200 {
		return fmt.Errorf("caller ID of %s: status %d", number, res.StatusCode)
	}
	return nil
}

// reportLatency reports the p50, p95 and p99 of latencies.
func reportLatency(b *testing.B, latencies []time.Duration) {
	if len(latencies) == 0 {
		return
	}
	slices.Sort(latencies)
	pct := func(p float64) float64 {
		return float64(latencies[int(p*float64(len(latencies)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50_ms")
	b.ReportMetric(pct(0.95), "p95_ms")
	b.ReportMetric(pct(0.99), "p99_ms")
}

// sampleMemory samples the process's anonymous and resident memory every
// 50 ms until the returned stop, which reports the peaks.
func sampleMemory(b *testing.B) (stop func()) {
	done, finished := make(chan struct{}), make(chan struct{})
	var anon, rss int64
	go func() {
		defer close(finished)
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			a, r := processMemory()
			anon, rss = max(anon, a), max(rss, r)
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		if rss > 0 {
			b.ReportMetric(float64(anon)/(1<<20), "anon_MB")
			b.ReportMetric(float64(rss)/(1<<20), "rss_MB")
		}
	}
}

// processMemory reads this process's anonymous and resident memory, in
// bytes, from /proc (0 where there is none).
func processMemory() (anon, rss int64) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	for line := range strings.Lines(string(status)) {
		name, value, _ := strings.Cut(line, ":")
		var kb int64
		fmt.Sscanf(strings.TrimSpace(value), "%d kB", &kb)
		switch name {
		case "RssAnon":
			anon = kb << 10
		case "VmRSS":
			rss = kb << 10
		}
	}
	return anon, rss
}

// sampleNumbers picks numbers the tenant's records hold, from across the
// key space, and presents some as an agent would type them.
func sampleNumbers(b *testing.B, db *sqlstore.DB, tenantID string, n int) []string {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	var out []string
	for tries := 0; len(out) < n && tries < 10*n; tries++ {
		area := 200 + rng.IntN(800)
		err := db.Read(ctx, func(tx reach.Tx) error {
			taken := 0
			// One area code's numbers: PostgreSQL sends a range whole
			// however few of its rows are read.
			return tx.EachValue(ctx, tenantID, fmt.Sprintf("+1%d", area), fmt.Sprintf("+1%d", area+1), func(key, _ string) error {
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

// benchDatabase opens the database REACH_BENCH_DB names and returns the
// token REACH_BENCH_TOKEN holds; without them, a temporary SQLite file
// seeded with 5,000 customers and its admin's token.
func benchDatabase(b *testing.B) (*app.App, *sqlstore.DB, string) {
	dsn, token := os.Getenv("REACH_BENCH_DB"), os.Getenv("REACH_BENCH_TOKEN")
	if dsn == "" {
		dsn = filepath.Join(b.TempDir(), "bench.db")
	}
	db := storetest.OpenDSN(b, dsn)
	a := app.New(db)
	if token == "" {
		token = seedSmall(b, a, db, 5000)
	}
	return a, db, token
}

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
