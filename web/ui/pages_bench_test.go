package ui_test

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"reach"
	"reach/app"
	"reach/demo"
	"reach/sqlstore/storetest"
)

// BenchmarkPages measures each main screen as an agent loads it, signed
// in, through HTTP: the time from request to the last byte of the page,
// as p50, p95 and p99 per page. The goal is under 100 ms of server time each on
// a 1,000,000-customer database:
//
//	reach init --db big.db --tenant Big --admin-email admin@bigservices.com   # prints the tenant id
//	reach seed --db big.db --tenant-id TENANT --customers 1000000
//	REACH_BENCH_DB=big.db REACH_BENCH_TENANT=TENANT go test ./web/ui -run '^$' -bench Pages -benchtime 200x
//
// (REACH_BENCH_DB may be a postgres:// URL.) It signs in as a bench admin
// it adds to the tenant. Without them it seeds 5,000 customers into a
// temporary SQLite file. REACH_BENCH_SLOWEST=1 logs each page's six
// slowest addresses, to see which queries make a tail.
func BenchmarkPages(b *testing.B) {
	ctx := context.Background()
	dsn, tenant := os.Getenv("REACH_BENCH_DB"), os.Getenv("REACH_BENCH_TENANT")
	if dsn == "" {
		dsn = filepath.Join(b.TempDir(), "bench.db")
	}
	db := storetest.OpenDSN(b, dsn)
	a := app.New(db)
	if tenant == "" {
		setup, err := a.InitTenant(ctx, "Bench", app.UserInput{Email: "admin@benchservices.com", Name: "Admin"}, reach.SourceCLI)
		if err != nil {
			b.Fatal(err)
		}
		customers, locations := demo.NewGenerator(1).Batch(setup.TenantID, setup.UserID, 5000, time.Now().UTC().Truncate(time.Microsecond))
		if err := db.BulkInsert(ctx, setup.TenantID, customers, locations); err != nil {
			b.Fatal(err)
		}
		tenant = setup.TenantID
	}
	actor := reach.Actor{TenantID: tenant, Role: reach.RoleAdmin, Source: reach.SourceCLI}
	e := &env{t: b, db: db, app: a, admin: actor, tenant: tenant, srv: serve(b, a, db)}
	agent := e.browser()
	const email, password = "pages-bench@benchservices.com", "bench password"
	benchUser(b, a, actor, email, password)
	if p := agent.post("/signin", url.Values{"email": {email}, "password": {password}}); p.Status != 200 || p.URL.Path != "/" {
		b.Fatalf("signing in: %d at %s", p.Status, p.URL)
	}

	s := samplesOf(b, a, actor)
	pages := []struct {
		name  string
		paths []string
	}{
		{"search-home", []string{"/"}},
		{"search-smith", []string{"/?q=smith"}},
		{"search-john-smith", []string{"/?q=john+smith"}},
		{"search-maria-garcia", []string{"/?q=maria+garcia"}},
		{"search-surname", s.search(func(c *reach.Customer) string { return lastWord(c.Name) })},
		{"search-full-name", s.search(func(c *reach.Customer) string { return c.Name })},
		{"search-email", s.search(emailOf)},
		{"search-street-prefix", s.search(func(c *reach.Customer) string { return streetPrefix(c.Address.Street) })},
		{"search-last-4", s.search(func(c *reach.Customer) string { return last4(c) })},
		{"search-number", s.search(func(c *reach.Customer) string { return number(c) })},
		{"search-street", s.search(func(c *reach.Customer) string { return c.Address.Street })},
		{"customer", s.each(func(c *reach.Customer) string { return "/customers/" + c.ID })},
		{"edit-contact-methods", s.each(func(c *reach.Customer) string { return "/customers/" + c.ID + "/contact-methods" })},
		{"location", s.locations},
		{"new-customer", []string{"/customers/new?phone=5128675309"}},
		{"calls", []string{"/calls"}},
		{"placeholders", []string{"/placeholders"}},
		{"admin", []string{"/admin"}},
	}
	for _, pg := range pages {
		paths := slices.DeleteFunc(slices.Clone(pg.paths), func(p string) bool { return p == "" })
		if len(paths) == 0 {
			b.Logf("%s: nothing to load in this tenant", pg.name)
			continue
		}
		b.Run(pg.name, func(b *testing.B) {
			took := make([]time.Duration, 0, b.N)
			slowest := map[string]time.Duration{}
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				p := agent.get(paths[i%len(paths)])
				took = append(took, time.Since(start))
				slowest[paths[i%len(paths)]] = max(slowest[paths[i%len(paths)]], took[len(took)-1])
				if p.Status != 200 {
					b.Fatalf("%s: %d", paths[i%len(paths)], p.Status)
				}
			}
			if os.Getenv("REACH_BENCH_SLOWEST") != "" {
				keys := slices.Collect(maps.Keys(slowest))
				slices.SortFunc(keys, func(x, y string) int { return int(slowest[y] - slowest[x]) })
				for _, k := range keys[:min(6, len(keys))] {
					b.Logf("%v %s", slowest[k], k)
				}
			}
			slices.Sort(took)
			pct := func(q float64) float64 { return float64(took[int(q*float64(len(took)-1))].Microseconds()) / 1000 }
			b.ReportMetric(pct(0.50), "p50_ms")
			b.ReportMetric(pct(0.95), "p95_ms")
			b.ReportMetric(pct(0.99), "p99_ms")
		})
	}
}

// benchUser makes sure the tenant has an admin the benchmark signs in as.
func benchUser(b *testing.B, a *app.App, actor reach.Actor, email, password string) {
	ctx := context.Background()
	users, err := a.ListUsers(ctx, actor, "", 200)
	if err != nil {
		b.Fatal(err)
	}
	id := ""
	for _, u := range users {
		if u.Email == email {
			id = u.ID
		}
	}
	if id == "" {
		u, err := a.CreateUser(ctx, actor, app.UserInput{Email: email, Name: "Pages Bench", Role: reach.RoleAdmin})
		if err != nil {
			b.Fatal(err)
		}
		id = u.ID
	}
	if err := a.SetPassword(ctx, actor, id, password); err != nil {
		b.Fatal(err)
	}
}

// samples are customers drawn from across the tenant, with their locations.
type samples struct {
	customers []*reach.Customer
	locations []string
}

func samplesOf(b *testing.B, a *app.App, actor reach.Actor) samples {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 4))
	var s samples
	// Customer ids are time-ordered; start pages at random points of the
	// id space's first characters so samples come from the whole tenant.
	for len(s.customers) < 100 {
		after := fmt.Sprintf("%08x", rng.Uint32())
		page, err := a.ListCustomers(ctx, actor, reach.CustomerFilter{After: after, Limit: 5})
		if err != nil {
			b.Fatal(err)
		}
		if len(page) == 0 {
			page, err = a.ListCustomers(ctx, actor, reach.CustomerFilter{Limit: 100})
			if err != nil || len(page) == 0 {
				b.Fatalf("the tenant has no customers (%v)", err)
			}
		}
		for _, listed := range page {
			c, err := a.Customer(ctx, actor, listed.ID)
			if err != nil {
				b.Fatal(err)
			}
			s.customers = append(s.customers, c)
			locs, err := a.ListLocations(ctx, actor, reach.LocationFilter{CustomerID: c.ID, Limit: 1})
			if err != nil {
				b.Fatal(err)
			}
			for _, l := range locs {
				s.locations = append(s.locations, "/locations/"+l.ID)
			}
		}
	}
	return s
}

func (s samples) each(path func(*reach.Customer) string) []string {
	var out []string
	for _, c := range s.customers {
		out = append(out, path(c))
	}
	return out
}

func (s samples) search(query func(*reach.Customer) string) []string {
	return s.each(func(c *reach.Customer) string {
		if q := query(c); q != "" {
			return "/?q=" + url.QueryEscape(q)
		}
		return ""
	})
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

func number(c *reach.Customer) string {
	for _, m := range c.ContactMethods {
		if m.Kind.IsNumber() {
			return m.Display
		}
	}
	return ""
}

func last4(c *reach.Customer) string {
	if n := number(c); len(n) >= 4 {
		return n[len(n)-4:]
	}
	return ""
}

func emailOf(c *reach.Customer) string {
	for _, m := range c.ContactMethods {
		if m.Kind == reach.KindEmail {
			return m.Value
		}
	}
	return ""
}

// streetPrefix is a street as an agent starts typing it: the number and
// the first letters of the name ("3311 jeff").
func streetPrefix(street string) string {
	f := strings.Fields(street)
	if len(f) < 2 {
		return ""
	}
	return f[0] + " " + f[1][:min(4, len(f[1]))]
}
