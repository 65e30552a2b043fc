package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"reach"
)

// BenchmarkSyncHTTP measures the save an agent makes when a number held by
// 1,000 other records changes — 500 locations of the same customer and 500
// other customers — through PUT …/contact-methods with the sync and its
// cross-customer confirmation, on a seeded database, where plans that
// depend on statistics show. Each save flips the number back, so each does
// the whole work; it reports p50, p95 and p99. It adds the 1,001 records to
// the tenant whose token REACH_BENCH_TOKEN holds, each run under a new
// number:
//
//	REACH_BENCH_DB=big.db REACH_BENCH_TOKEN=reach_… go test ./web/api -run '^$' -bench SyncHTTP -benchtime 30x
//
// Without them it seeds 5,000 customers into a temporary SQLite file.
func BenchmarkSyncHTTP(b *testing.B) {
	a, db, token := benchDatabase(b)
	srv := httptest.NewServer(newHandler(a, db))
	defer srv.Close()
	c := benchClient{b: b, base: srv.URL + "/api/v1", token: token}

	// Two fresh numbers nobody in the tenant holds: exchanges 230-289 of
	// Austin's 737, with a random line.
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	numbers := [2]string{}
	for i := range numbers {
		numbers[i] = fmt.Sprintf("+1737%03d%04d", 230+rng.IntN(60), rng.IntN(10000))
	}
	var src reach.Customer
	c.do(201, "POST", "/customers", obj{"name": "Sync Bench Holdings", "type": "commercial",
		"contact_methods": arr{obj{"kind": "phone", "value": numbers[0], "memo": "Office"}}}, "", &src)
	targets := make([]string, 0, 1000)
	for i := range 1000 {
		held := obj{"contact_methods": arr{obj{"kind": "phone", "value": numbers[0], "memo": "Landlord"}}}
		var r struct {
			ContactMethods []reach.ContactMethod `json:"contact_methods"`
		}
		if i%2 == 0 {
			held["name"] = fmt.Sprintf("Unit %d", i)
			c.do(201, "POST", "/customers/"+src.ID+"/locations", held, "", &r)
		} else {
			held["name"] = fmt.Sprintf("Sync Bench Tenant %d", i)
			c.do(201, "POST", "/customers", held, "", &r)
		}
		targets = append(targets, r.ContactMethods[0].ID)
	}

	version := src.Version
	var latencies []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		from, to := numbers[i%2], numbers[(i+1)%2]
		body := obj{
			"contact_methods":        arr{obj{"id": src.ContactMethods[0].ID, "kind": "phone", "value": to, "memo": "Office"}},
			"sync":                   arr{obj{"from": from, "targets": targets}},
			"confirm_cross_customer": true,
		}
		var saved struct {
			Customer reach.Customer `json:"customer"`
			Changes  []struct {
				Synced []any `json:"synced"`
			} `json:"changes"`
		}
		start := time.Now()
		c.do(200, "PUT", "/customers/"+src.ID+"/contact-methods", body, fmt.Sprintf(`"%d"`, version), &saved)
		latencies = append(latencies, time.Since(start))
		if len(saved.Changes) != 1 || len(saved.Changes[0].Synced) != 1000 {
			b.Fatalf("save %d synced %+v, want 1,000 records", i, saved.Changes)
		}
		version = saved.Customer.Version
	}
	b.StopTimer()
	reportLatency(b, latencies)
}

// benchClient sends a benchmark's API requests as the token's user.
type benchClient struct {
	b           *testing.B
	base, token string
}

// do sends body as JSON, with If-Match when ifMatch is set, wants status
// want, and decodes the answer into out.
func (c benchClient) do(want int, method, path string, body any, ifMatch string, out any) {
	c.b.Helper()
	data, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, c.base+path, bytes.NewReader(data))
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	if ifMatch != "" {
		req.Header.Set("If-Match", ifMatch)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.b.Fatal(err)
	}
	defer res.Body.Close()
	answer, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		c.b.Fatalf("%s %s: status %d, want %d: %s", method, path, res.StatusCode, want, answer)
	}
	if err := json.Unmarshal(answer, out); err != nil {
		c.b.Fatalf("%s %s: %v", method, path, err)
	}
}
