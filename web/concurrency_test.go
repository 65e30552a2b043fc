package web_test

import (
	"fmt"
	"sync"
	"testing"

	"reach"
)

// TestConcurrentEditsLoseNothing has 20 agents edit one customer at once.
// With If-Match, each write is either accepted or refused with
// version_conflict, and every accepted edit is in the final record. Without
// If-Match, every edit is accepted and none is lost.
func TestConcurrentEditsLoseNothing(t *testing.T) {
	const agents = 20
	forEachBackend(t, func(t *testing.T, e *env) {
		for _, pinned := range []bool{true, false} {
			t.Run(fmt.Sprintf("if-match=%v", pinned), func(t *testing.T) {
				c := e.customer(obj{"name": "Busy Customer"})
				var wg sync.WaitGroup
				statuses := make([]int, agents)
				codes := make([]string, agents)
				start := make(chan struct{})
				for i := 0; i < agents; i++ {
					wg.Add(1)
					go func(i int) {
						defer wg.Done()
						<-start
						var cur reach.Customer
						e.must(200, "csr", "GET", "/api/v1/customers/"+c.ID, nil).Decode(t, &cur)
						headers := []string{}
						if pinned {
							headers = []string{"If-Match", fmt.Sprintf(`"%d"`, cur.Version)}
						}
						r := e.do("csr", "POST", "/api/v1/customers/"+c.ID+"/contact-methods",
							obj{"value": fmt.Sprintf("512-867-%04d", 1000+i), "memo": fmt.Sprintf("agent %d", i)}, headers...)
						statuses[i], codes[i] = r.Status, r.Code()
					}(i)
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
				for i := 0; i < agents; i++ {
					switch {
					case statuses[i] == 201:
						accepted++
						if !have[fmt.Sprintf("agent %d", i)] {
							t.Errorf("agent %d's accepted edit is lost", i)
						}
					case statuses[i] == 412 && codes[i] == "version_conflict" && pinned:
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
				if !pinned && accepted != agents {
					t.Errorf("without If-Match only %d of %d edits were accepted", accepted, agents)
				}
				var hist struct {
					Items []any `json:"items"`
				}
				e.must(200, "csr", "GET", "/api/v1/customers/"+c.ID+"/changes?limit=200", nil).Decode(t, &hist)
				if len(hist.Items) != 1+accepted {
					t.Errorf("history has %d entries, want %d (creation + each accepted edit)", len(hist.Items), 1+accepted)
				}
			})
		}
	})
}
