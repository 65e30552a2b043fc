package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func runCLI(t *testing.T, ctx context.Context, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(ctx, args, &out, &errb)
	return out.String(), errb.String(), code
}

func TestInitPrintsJSONWithAWorkingToken(t *testing.T) {
	db := filepath.Join(t.TempDir(), "reach.db")
	out, errOut, code := runCLI(t, context.Background(), "init", "--db", db, "--tenant", "Acme Heating", "--admin-email", "owner@acmeheating.com")
	if code != 0 {
		t.Fatalf("init exited %d: %s", code, errOut)
	}
	var setup struct {
		TenantID string `json:"tenant_id"`
		UserID   string `json:"user_id"`
		Token    string `json:"token"`
	}
	if err := json.Unmarshal([]byte(out), &setup); err != nil || setup.TenantID == "" || setup.UserID == "" || !strings.HasPrefix(setup.Token, "reach_") {
		t.Fatalf("stdout is not the setup JSON: %q (%v)", out, err)
	}

	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		_, _, code := runCLI(t, ctx, "serve", "--db", db, "--addr", addr)
		done <- code
	}()
	base := "http://" + addr
	waitReady(t, base)
	req, _ := http.NewRequest("GET", base+"/api/v1/customers", nil)
	req.Header.Set("Authorization", "Bearer "+setup.Token)
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("token from init does not work: %v %v", err, res)
	}
	res.Body.Close()

	// An agent's open call stream must not hold the shutdown up.
	req, _ = http.NewRequest("GET", base+"/api/v1/calls/stream", nil)
	req.Header.Set("Authorization", "Bearer "+setup.Token)
	stream, err := http.DefaultClient.Do(req)
	if err != nil || stream.StatusCode != 200 {
		t.Fatalf("call stream: %v %v", err, stream)
	}
	defer stream.Body.Close()
	streamEnded := make(chan error, 1)
	go func() { _, err := io.Copy(io.Discard, stream.Body); streamEnded <- err }()

	cancel() // what SIGTERM does
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d after shutdown", code)
		}
	case <-time.After(25 * time.Second):
		t.Fatal("serve did not shut down")
	}
	select {
	case err := <-streamEnded:
		if err != nil {
			t.Errorf("the call stream ended with %v, want a clean end", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("the call stream is still open after shutdown")
	}
}

func TestInitRefusesBadInput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "reach.db")
	_, errOut, code := runCLI(t, context.Background(), "init", "--db", db, "--tenant", "", "--admin-email", "not-an-email")
	if code == 0 || !strings.Contains(errOut, "invalid_email") || !strings.Contains(errOut, "tenant") {
		t.Errorf("init with bad input: code %d, stderr %q", code, errOut)
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	db := filepath.Join(t.TempDir(), "reach.db")
	out, errOut, code := runCLI(t, context.Background(), "migrate", "--db", db)
	if code != 0 || !strings.Contains(out, "applied 0001_init.sql") {
		t.Fatalf("first migrate: %d %q %q", code, out, errOut)
	}
	out, _, code = runCLI(t, context.Background(), "migrate", "--db", db)
	if code != 0 || !strings.Contains(out, "up to date") {
		t.Fatalf("second migrate: %d %q", code, out)
	}
}

func TestUnknownCommandShowsUsage(t *testing.T) {
	_, errOut, code := runCLI(t, context.Background(), "frobnicate")
	if code != 2 || !strings.Contains(errOut, "usage") {
		t.Errorf("code %d stderr %q", code, errOut)
	}
}

// cliSetup is what `reach init` prints.
type cliSetup struct {
	TenantID string `json:"tenant_id"`
	UserID   string `json:"user_id"`
	Token    string `json:"token"`
}

// initDB runs `reach init` on db and returns what it printed.
func initDB(t *testing.T, db string) cliSetup {
	t.Helper()
	out, errOut, code := runCLI(t, context.Background(), "init", "--db", db, "--tenant", "Acme Heating", "--admin-email", "owner@acmeheating.com")
	var setup cliSetup
	if code != 0 || json.Unmarshal([]byte(out), &setup) != nil || setup.TenantID == "" {
		t.Fatalf("init exited %d: %q %s", code, out, errOut)
	}
	return setup
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func waitReady(t *testing.T, base string) {
	t.Helper()
	for i := 0; i < 100; i++ {
		res, err := http.Get(base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s never became ready", base)
}

// TestCommandLinesAreReadStrictly: an unknown flag or an argument a command
// does not take is refused with exit 2 and the usage, wherever it stands;
// flags may follow arguments; --help prints the usage and exits 0; the
// version is printed on asking.
func TestCommandLinesAreReadStrictly(t *testing.T) {
	db := filepath.Join(t.TempDir(), "reach.db")
	setup := initDB(t, db)
	ctx := context.Background()
	for _, args := range [][]string{
		{"lookup", "5128675309", "--bogus", "--db", db, "--tenant-id", setup.TenantID},
		{"lookup", "5128675309", "--db", db, "--tenant-id", setup.TenantID, "extra"},
		{"lookup", "--db", db, "--tenant-id", setup.TenantID},
		{"lookup", "5128675309", "--db", db},
		{"migrate", "--db", db, "leftover"},
		{"users", "deactivate", "--db", db, "--tenant-id", setup.TenantID},
		{"users", "frobnicate"},
		{"users", "update", setup.UserID, "--db", db, "--tenant-id", setup.TenantID}, // nothing to change
		{"placeholders", "cleanup", "--db", db, "--tenant-id", setup.TenantID},
	} {
		_, errOut, code := runCLI(t, ctx, args...)
		if code != 2 || !strings.Contains(errOut, "usage: reach") || strings.Contains(errOut, " -db") {
			t.Errorf("%q: exit %d, stderr %q", args, code, errOut)
		}
	}
	// Flags are spelt --name in messages, as in the usage.
	if _, errOut, _ := runCLI(t, ctx, "lookup", "5128675309", "--bogus"); !strings.Contains(errOut, "unknown flag --bogus") || !strings.Contains(errOut, "  --tenant-id") {
		t.Errorf("an unknown flag: %q", errOut)
	}
	// A mistyped --db is refused, not made into a new, empty database.
	missing := filepath.Join(t.TempDir(), "mistyped.db")
	for _, args := range [][]string{{"lookup", "5128675309"}, {"users", "list"}, {"placeholders", "report"}, {"seed", "--customers", "1"}} {
		_, errOut, code := runCLI(t, ctx, append(args, "--db", missing, "--tenant-id", setup.TenantID)...)
		if _, err := os.Stat(missing); code != 1 || !strings.Contains(errOut, "there is no database at "+missing) || err == nil {
			t.Errorf("%q on a missing database: exit %d, %q; stat %v", args, code, errOut, err)
		}
	}
	out, _, code := runCLI(t, ctx, "lookup", "5128675309", "--db", db, "--tenant-id", setup.TenantID)
	if code != 0 || !strings.Contains(out, "no match") {
		t.Errorf("flags after the number: exit %d %q", code, out)
	}
	for _, args := range [][]string{{"lookup", "--help"}, {"serve", "-h"}, {"help"}, {"--help"}, {"users", "--help"}, {"tokens", "-h"}, {"placeholders", "help"}, {"users", "create", "--help"}} {
		out, _, code := runCLI(t, ctx, args...)
		if code != 0 || !strings.Contains(out, "usage: reach") {
			t.Errorf("%q: exit %d, stdout %q", args, code, out)
		}
	}
	for _, args := range [][]string{{"--version"}, {"version"}} {
		if out, _, code := runCLI(t, ctx, args...); code != 0 || !strings.HasPrefix(out, "reach ") || !strings.Contains(out, "go1.") {
			t.Errorf("%q: exit %d, stdout %q", args, code, out)
		}
	}
}

// TestUsersAndTokensFromTheCommandLine: the CLI lists, creates, updates,
// deactivates and reactivates users and lists, issues and revokes tokens,
// answering JSON; a deactivated user's tokens end.
func TestUsersAndTokensFromTheCommandLine(t *testing.T) {
	db := filepath.Join(t.TempDir(), "reach.db")
	setup := initDB(t, db)
	ctx := context.Background()
	cli := func(args ...string) string {
		t.Helper()
		out, errOut, code := runCLI(t, ctx, append(args, "--db", db, "--tenant-id", setup.TenantID)...)
		if code != 0 {
			t.Fatalf("%q: exit %d: %s", args, code, errOut)
		}
		return out
	}
	var u struct {
		ID, Email, Name string
		Role            string
		Active          bool
		Version         int
	}
	json.Unmarshal([]byte(cli("users", "create", "--email", "casey@acmeheating.com", "--name", "Casey", "--role", "csr")), &u)
	if u.ID == "" || u.Role != "csr" || !u.Active {
		t.Fatalf("users create: %+v", u)
	}
	json.Unmarshal([]byte(cli("users", "update", u.ID, "--role", "manager")), &u)
	if u.Role != "manager" || u.Version != 2 || u.Name != "Casey" {
		t.Errorf("users update: %+v", u)
	}
	var issued struct{ ID, Token string }
	json.Unmarshal([]byte(cli("tokens", "create", u.ID, "--name", "laptop")), &issued)
	if !strings.HasPrefix(issued.Token, "reach_") {
		t.Fatalf("tokens create: %+v", issued)
	}
	var tokens []struct{ ID, Name string }
	json.Unmarshal([]byte(cli("tokens", "list", u.ID)), &tokens)
	if len(tokens) != 1 || tokens[0].Name != "laptop" {
		t.Errorf("tokens list: %+v", tokens)
	}
	json.Unmarshal([]byte(cli("users", "deactivate", u.ID)), &u)
	json.Unmarshal([]byte(cli("tokens", "list", u.ID)), &tokens)
	if u.Active || len(tokens) != 0 {
		t.Errorf("after deactivate: %+v, %d tokens", u, len(tokens))
	}
	cli("users", "reactivate", u.ID)
	json.Unmarshal([]byte(cli("tokens", "create", u.ID)), &issued)
	cli("tokens", "revoke", issued.ID)
	var all []struct{ Email string }
	json.Unmarshal([]byte(cli("users", "list")), &all)
	if len(all) != 2 {
		t.Errorf("users list: %+v", all)
	}
	if _, errOut, code := runCLI(t, ctx, "users", "deactivate", setup.UserID, "--db", db, "--tenant-id", setup.TenantID); code != 1 || !strings.Contains(errOut, "last active admin") {
		t.Errorf("deactivating the last admin: exit %d %s", code, errOut)
	}
}
