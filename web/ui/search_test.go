package ui_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestSearchPagesThroughManyMatches: "More results" leads to the next
// results, numbered on from the last page and never repeating it, until
// every match has been shown once.
func TestSearchPagesThroughManyMatches(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	const n = 45
	for i := range n {
		e.customer(fmt.Sprintf("Quill %02d", i))
	}
	b := e.signedIn("csr")
	seen := map[string]bool{}
	path, pages := "/?q=quill", 0
	for path != "" {
		p := b.get(path)
		pages++
		items := p.all(".result-list li")
		first := len(seen) + 1
		if pages == 1 {
			if got := p.text(".count"); got != "20+ found for “quill”" {
				t.Errorf("page 1 counts %q", got)
			}
		} else if want := fmt.Sprintf("Results %d–%d", first, first+len(items)-1); !strings.HasPrefix(p.text(".count"), want) {
			t.Errorf("page %d counts %q, want it to start %q", pages, p.text(".count"), want)
		}
		if start := attr(p.find(".result-list"), "start"); start != fmt.Sprint(first) {
			t.Errorf("page %d's list starts at %s, want %d", pages, start, first)
		}
		for _, li := range items {
			name := strings.Join(strings.Fields(textOf(li)), " ")
			if seen[name] {
				t.Fatalf("page %d repeats %s", pages, name)
			}
			seen[name] = true
		}
		path = ""
		if more := p.find("#results p a"); more != nil {
			path = attr(more, "href")
		}
	}
	if len(seen) != n || pages != 3 {
		t.Errorf("%d results over %d pages, want %d over 3", len(seen), pages, n)
	}
}
