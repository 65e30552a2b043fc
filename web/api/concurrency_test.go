package api_test

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	"reach"
)

// TestConcurrentEditsLoseNothing has 20 agents add a number to one customer
// at once, each based on the version it read: each write is accepted or
// refused with version_conflict, and every accepted edit is in the record.
// Writes that name no version are refused, so none can overwrite unseen.
func TestConcurrentEditsLoseNothing(t *testing.T) {
	const agents = 20
	forEachBackend(t, func(t *testing.T, e *env) {
		c := e.customer(obj{"name": "Busy Customer"})
		var wg sync.WaitGroup
		statuses := make([]int, agents)
		codes := make([]reach.Code, agents)
		start := make(chan struct{})
		for i := range agents {
			wg.Go(func() {
				<-start
				var cur reach.Customer
				e.must(200, "csr", "GET", "/api/v1/customers/"+c.ID, nil).Decode(t, &cur)
				r := e.do("csr", "POST", "/api/v1/customers/"+c.ID+"/contact-methods",
					obj{"value": fmt.Sprintf("512-867-%04d", 1000+i), "memo": fmt.Sprintf("agent %d", i)}, ifMatch(cur.Version)...)
				statuses[i], codes[i] = r.Status, r.Code()
			})
		}
		close(start)
		wg.Wait()

		var final reach.Customer
		e.must(200, "csr", "GET", "/api/v1/customers/"+c.ID, nil).Decode(t, &final)
		have := map[string]bool{}
		for _, m := range final.ContactMethods {
			have[m.Memo] = true
		}
		accepted := 0
		for i := range agents {
			switch {
			case statuses[i] == 201:
				accepted++
				if !have[fmt.Sprintf("agent %d", i)] {
					t.Errorf("agent %d's accepted edit is lost", i)
				}
			case statuses[i] == 412 && codes[i] == reach.EVERSIONCONFLICT:
				if have[fmt.Sprintf("agent %d", i)] {
					t.Errorf("agent %d was refused but its edit was written", i)
				}
			default:
				t.Errorf("agent %d: status %d code %q", i, statuses[i], codes[i])
			}
		}
		if accepted == 0 || len(final.ContactMethods) != accepted || final.Version != int64(1+accepted) {
			t.Errorf("accepted %d, final has %d methods at version %d", accepted, len(final.ContactMethods), final.Version)
		}
		var hist historyPage
		e.must(200, "manager", "GET", "/api/v1/customers/"+c.ID+"/changes?limit=200", nil).Decode(t, &hist)
		if len(hist.Items) != 1+accepted {
			t.Errorf("history has %d entries, want %d (creation + each accepted edit)", len(hist.Items), 1+accepted)
		}
	})
}

// TestReadIncrementWriteLosesNoUpdate runs 20 clients that each add 5 to a
// counter kept in a customer's name — read, add one, write back based on
// the version read, and on version_conflict read again — so every one of
// the 100 increments is in the final value.
func TestReadIncrementWriteLosesNoUpdate(t *testing.T) {
	const clients, each = 20, 5
	forEachBackend(t, func(t *testing.T, e *env) {
		c := e.customer(obj{"name": "Counter 0"})
		var wg sync.WaitGroup
		for range clients {
			wg.Go(func() {
				for range each {
					for {
						var cur reach.Customer
						e.must(200, "csr", "GET", "/api/v1/customers/"+c.ID, nil).Decode(t, &cur)
						n, _ := strconv.Atoi(strings.TrimPrefix(cur.Name, "Counter "))
						r := e.do("csr", "PATCH", "/api/v1/customers/"+c.ID, obj{"name": fmt.Sprintf("Counter %d", n+1)}, ifMatch(cur.Version)...)
						if r.Status == 200 {
							break
						}
						if r.Status != 412 {
							t.Errorf("increment: %d %s", r.Status, r.Body)
							return
						}
					}
				}
			})
		}
		wg.Wait()
		var final reach.Customer
		e.must(200, "csr", "GET", "/api/v1/customers/"+c.ID, nil).Decode(t, &final)
		if final.Name != fmt.Sprintf("Counter %d", clients*each) || final.Version != 1+clients*each {
			t.Errorf("after %d increments: %q at version %d", clients*each, final.Name, final.Version)
		}
	})
}

// TestEveryWriteNamesItsVersion: a write to an existing record that names
// no version — no If-Match, an empty one, If-Match: * — is refused with 428
// and changes nothing; a weak tag never matches (412); a malformed or
// non-positive version, or a header and body that disagree, is 400.
func TestEveryWriteNamesItsVersion(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		c := e.customer(obj{"name": "Versioned", "contact_methods": arr{obj{"value": "512-867-5309"}}})
		l := e.location(c.ID, obj{"name": "Site"})
		m := c.ContactMethods[0].ID
		writes := []struct{ method, path string }{
			{"PATCH", "/api/v1/customers/" + c.ID},
			{"POST", "/api/v1/customers/" + c.ID + "/deactivate"},
			{"POST", "/api/v1/customers/" + c.ID + "/reactivate"},
			{"PATCH", "/api/v1/locations/" + l.ID},
			{"POST", "/api/v1/locations/" + l.ID + "/deactivate"},
			{"POST", "/api/v1/locations/" + l.ID + "/reactivate"},
			{"POST", "/api/v1/customers/" + c.ID + "/contact-methods"},
			{"PUT", "/api/v1/customers/" + c.ID + "/contact-methods"},
			{"PATCH", "/api/v1/contact-methods/" + m},
			{"DELETE", "/api/v1/contact-methods/" + m},
			{"PATCH", "/api/v1/users/" + e.users["viewer"]},
			{"POST", "/api/v1/users/" + e.users["viewer"] + "/deactivate"},
		}
		bodies := map[string]obj{
			"PUT":   {"contact_methods": arr{}},
			"PATCH": {"name": "Renamed"},
		}
		before := e.snapshot()
		for _, w := range writes {
			var body any
			if b, ok := bodies[w.method]; ok {
				body = b
			}
			if strings.HasSuffix(w.path, "/contact-methods") && w.method == "POST" {
				body = obj{"value": "512-867-0000"}
			}
			if strings.Contains(w.path, "/contact-methods/") && w.method == "PATCH" {
				body = obj{"memo": "x"}
			}
			for _, h := range [][]string{nil, {"If-Match", ""}, {"If-Match", "*"}} {
				r := e.do("admin", w.method, w.path, body, append(h, outsideHeader, "no If-Match")...)
				if r.Status != 428 || r.Code() != reach.EPRECONDITIONREQUIRED {
					t.Errorf("%s %s with %q: %d %s", w.method, w.path, h, r.Status, r.Body)
				}
			}
			if r := e.do("admin", w.method, w.path, body, "If-Match", `W/"1"`, outsideHeader, "weak tag"); r.Status != 412 || r.Code() != reach.EVERSIONCONFLICT {
				t.Errorf("%s %s with a weak tag: %d %s", w.method, w.path, r.Status, r.Body)
			}
			for _, bad := range []string{`"0"`, `"-1"`, `"1", "2"`, `3`, `"x"`} {
				if r := e.do("admin", w.method, w.path, body, "If-Match", bad, outsideHeader, "malformed If-Match"); r.Status != 400 || r.Code() != reach.EMALFORMED {
					t.Errorf("%s %s with If-Match %s: %d %s", w.method, w.path, bad, r.Status, r.Body)
				}
			}
		}
		r := e.do("admin", "PATCH", "/api/v1/customers/"+c.ID, obj{"name": "X", "version": 2}, ifMatch(1)...)
		if r.Status != 400 || r.Code() != reach.EMALFORMED {
			t.Errorf("If-Match and body version disagreeing: %d %s", r.Status, r.Body)
		}
		r = e.do("admin", "PATCH", "/api/v1/customers/"+c.ID, obj{"name": "X", "version": -1}, ifMatch(1)...)
		if r.Status != 400 || r.Code() != reach.EMALFORMED {
			t.Errorf("a negative body version: %d %s", r.Status, r.Body)
		}
		if e.snapshot() != before {
			t.Errorf("writes without a valid version changed the database")
		}
		// The version may come in the body instead of If-Match.
		e.must(200, "admin", "PATCH", "/api/v1/customers/"+c.ID, obj{"name": "By body", "version": 1}, outsideHeader, "version in the body instead of If-Match")
		e.must(200, "admin", "PATCH", "/api/v1/customers/"+c.ID, obj{"name": "By both", "version": 2}, ifMatch(2)...)
	})
}

// TestCrossingSyncsCollideCleanly: two agents at once each change a number
// on their record and sync it to the other's — each transaction locks its
// own record, then the other's, which on PostgreSQL is a deadlock the
// database breaks by aborting one. The aborted one runs again and then
// finds its record changed by the other's sync: every request is answered
// 200 or 412, never 500, and at least one goes through each time.
func TestCrossingSyncsCollideCleanly(t *testing.T) {
	const rounds = 6 // PostgreSQL takes deadlock_timeout (1 s) to see each deadlock
	forEachBackend(t, func(t *testing.T, e *env) {
		owner := e.customer(obj{"name": "Crossing Owner"})
		for round := range rounds {
			p, q := fmt.Sprintf("512-867-%04d", 2000+round), fmt.Sprintf("512-867-%04d", 3000+round)
			methods := arr{obj{"value": p, "kind": "phone", "memo": "P"}, obj{"value": q, "kind": "phone", "memo": "Q"}}
			x := e.location(owner.ID, obj{"name": fmt.Sprintf("X %d", round), "contact_methods": methods})
			y := e.location(owner.ID, obj{"name": fmt.Sprintf("Y %d", round), "contact_methods": methods})
			edits := []struct {
				method, target string
				from, to       string
			}{
				{x.ContactMethods[0].ID, y.ContactMethods[0].ID, p, fmt.Sprintf("512-867-%04d", 4000+round)},
				{y.ContactMethods[1].ID, x.ContactMethods[1].ID, q, fmt.Sprintf("512-867-%04d", 5000+round)},
			}
			statuses := make([]int, len(edits))
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i, ed := range edits {
				wg.Go(func() {
					<-start
					r := e.do("csr", "PATCH", "/api/v1/contact-methods/"+ed.method,
						obj{"value": ed.to, "sync": arr{obj{"from": ed.from, "targets": arr{ed.target}}}}, ifMatch(1)...)
					statuses[i] = r.Status
					if r.Status != 200 && r.Status != 412 {
						t.Errorf("round %d, edit %d: %d %s", round, i, r.Status, r.Body)
					}
				})
			}
			close(start)
			wg.Wait()
			if statuses[0] != 200 && statuses[1] != 200 {
				t.Errorf("round %d: neither crossing edit went through: %v", round, statuses)
			}
		}
	})
}
