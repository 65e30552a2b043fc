package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
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
