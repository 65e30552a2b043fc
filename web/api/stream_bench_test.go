package api_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"reach"
	"reach/app"
	"reach/sqlstore/storetest"
)

// BenchmarkScreenPop measures how long an agent waits for the pop: from an
// inbound call being posted to its call.incoming event arriving on an open
// stream, with 20 agents connected. It reports p50 and p99.
func BenchmarkScreenPop(b *testing.B) {
	db := storetest.OpenDSN(b, filepath.Join(b.TempDir(), "pop.db"))
	a := app.New(db)
	token := seedSmall(b, a, db, 1000)
	srv := httptest.NewServer(newHandler(a, db))
	b.Cleanup(srv.Close) // after the streams' own cleanups have closed them
	var agents []*stream
	for range 20 {
		agents = append(agents, openStream(b, srv.URL, token))
	}
	waits := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		body := fmt.Sprintf(`{"from":"+15128675309","provider":"bench","provider_call_id":"CA-%d-%d"}`, b.N, i)
		req, _ := http.NewRequest("POST", srv.URL+"/api/v1/calls", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		start := time.Now()
		res, err := http.DefaultClient.Do(req)
		if err != nil || res.StatusCode != 201 {
			b.Fatalf("post call: %v %v", err, res)
		}
		res.Body.Close()
		for _, s := range agents {
			select {
			case ev := <-s.events:
				if ev.Type != reach.CallIncoming {
					b.Fatalf("event %+v", ev)
				}
			case <-time.After(5 * time.Second):
				b.Fatal("no pop within 5 s")
			}
		}
		waits = append(waits, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(waits)
	if len(waits) == 0 {
		return
	}
	b.ReportMetric(float64(waits[len(waits)/2].Microseconds())/1000, "p50_ms")
	b.ReportMetric(float64(waits[(len(waits)-1)*99/100].Microseconds())/1000, "p99_ms")
}
