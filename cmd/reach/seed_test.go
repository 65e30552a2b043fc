package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestSeedFillsAnExistingTenant(t *testing.T) {
	db := filepath.Join(t.TempDir(), "reach.db")
	setup := initDB(t, db)
	defer func(was int) { deferMin = was }(deferMin)
	deferMin = 1000 // so this load defers its indexes, as a large one does
	out, errOut, code := runCLI(t, context.Background(), "seed", "--db", db, "--tenant-id", setup.TenantID, "--customers", "1100", "--batch", "500")
	if code != 0 {
		t.Fatalf("seed exited %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "building the indexes") {
		t.Errorf("a load of 1100 customers into an empty database did not defer its indexes: %q", errOut)
	}
	summary := regexp.MustCompile(`^seeded 1100 customers, (\d+) locations, (\d+) contact methods into tenant \S+ in \S+ \(\d+ customers/s\)\n$`)
	if !summary.MatchString(out) {
		t.Errorf("summary line: %q", out)
	}
	if !strings.Contains(errOut, "seeding 1100/1100 customers") {
		t.Errorf("no final progress line on stderr: %q", errOut)
	}

	// The seeded customers are there for the tenant's users, via the API.
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go runCLI(t, ctx, "serve", "--db", db, "--addr", addr)
	waitReady(t, "http://"+addr)
	req, _ := http.NewRequest("GET", "http://"+addr+"/api/v1/customers?limit=200&type=commercial", nil)
	req.Header.Set("Authorization", "Bearer "+setup.Token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var page struct {
		Items []struct {
			Name           string `json:"name"`
			ContactMethods []any  `json:"contact_methods"`
		} `json:"items"`
	}
	if err := json.NewDecoder(res.Body).Decode(&page); err != nil || res.StatusCode != 200 || len(page.Items) < 100 {
		t.Fatalf("listing seeded commercial customers: status %d, %d items, %v", res.StatusCode, len(page.Items), err)
	}
	if len(page.Items[0].ContactMethods) == 0 {
		t.Errorf("seeded customer %q has no contact methods", page.Items[0].Name)
	}
	// Its name finds it: the search rows staged during the load are in
	// the index.
	req, _ = http.NewRequest("GET", "http://"+addr+"/api/v1/search?q="+url.QueryEscape(page.Items[0].Name), nil)
	req.Header.Set("Authorization", "Bearer "+setup.Token)
	found, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer found.Body.Close()
	body, _ := io.ReadAll(found.Body)
	if found.StatusCode != 200 || !strings.Contains(string(body), page.Items[0].Name) {
		t.Errorf("searching for seeded customer %q: status %d, %s", page.Items[0].Name, found.StatusCode, body)
	}
}

func TestSeedRefusesAnUnknownTenant(t *testing.T) {
	db := filepath.Join(t.TempDir(), "reach.db")
	initDB(t, db)
	_, errOut, code := runCLI(t, context.Background(), "seed", "--db", db, "--tenant-id", "no-such-tenant", "--customers", "10")
	if code == 0 || !strings.Contains(errOut, `tenant "no-such-tenant" does not exist`) || !strings.Contains(errOut, "reach init") {
		t.Errorf("seed into a missing tenant: code %d, stderr %q", code, errOut)
	}
	_, errOut, code = runCLI(t, context.Background(), "seed", "--db", db, "--customers", "10")
	if code == 0 || !strings.Contains(errOut, "--tenant-id is required") {
		t.Errorf("seed without --tenant-id: code %d, stderr %q", code, errOut)
	}
}

// serve --demo prints tokens that work, on the first start and on a restart.
func TestServeDemoPrintsWorkingTokens(t *testing.T) {
	db := filepath.Join(t.TempDir(), "reach.db")
	for start := range 2 {
		addr := freeAddr(t)
		ctx, cancel := context.WithCancel(context.Background())
		pr, pw := io.Pipe()
		done := make(chan int, 1)
		go func() {
			done <- run(ctx, []string{"serve", "--demo", "--db", db, "--addr", addr}, pw, io.Discard)
			pw.Close()
		}()
		lines := bufio.NewScanner(pr)
		tokens := map[string]string{}
		tokenLine := regexp.MustCompile(`^\s+(admin|manager|csr|viewer)\s+\S+@demohomeservices\.com\s.*\s(reach_\S+)$`)
		for lines.Scan() && !strings.HasPrefix(lines.Text(), "reach is listening") {
			if m := tokenLine.FindStringSubmatch(lines.Text()); m != nil {
				tokens[m[1]] = m[2]
			}
		}
		go io.Copy(io.Discard, pr)
		if len(tokens) != 4 {
			t.Fatalf("start %d: printed tokens for %v, want the four roles", start+1, tokens)
		}
		for role, token := range tokens {
			req, _ := http.NewRequest("GET", "http://"+addr+"/api/v1/customers?limit=1", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			res, err := http.DefaultClient.Do(req)
			if err != nil || res.StatusCode != 200 {
				t.Errorf("start %d: %s token: %v %v", start+1, role, err, res)
			} else {
				res.Body.Close()
			}
		}
		cancel()
		select {
		case <-done:
		case <-time.After(25 * time.Second):
			t.Fatal("serve did not shut down")
		}
	}
}
