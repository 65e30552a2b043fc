package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reach/app"
)

// signsIn reports whether email and password sign in to db's web UI.
func signsIn(t *testing.T, db, email, password string) bool {
	t.Helper()
	ctx := context.Background()
	store, err := storeAt(db).open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	_, err = app.New(store).SignIn(ctx, email, password, "192.0.2.1")
	return err == nil
}

func writeFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "password")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestInitSetsTheAdminsPasswordFromAFile: the first admin can sign in to
// the web UI at once; the file's line end is not part of the password; a
// password too short is refused, naming the flag, and creates nothing.
func TestInitSetsTheAdminsPasswordFromAFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "reach.db")
	_, errOut, code := runCLI(t, context.Background(), "init", "--db", db, "--tenant", "Acme Heating", "--admin-email", "owner@acmeheating.com",
		"--admin-password-file", writeFile(t, "short\n"))
	if code == 0 || !strings.Contains(errOut, "--admin-password-file") || !strings.Contains(errOut, "at least 10") {
		t.Fatalf("a short password: exit %d, %q", code, errOut)
	}
	_, errOut, code = runCLI(t, context.Background(), "init", "--db", db, "--tenant", "Acme Heating", "--admin-email", "owner@acmeheating.com",
		"--admin-password-file", writeFile(t, "first line\nsecond line\n"))
	if code == 0 || !strings.Contains(errOut, "more than one line") {
		t.Fatalf("a two-line password file: exit %d, %q", code, errOut)
	}
	out, errOut, code := runCLI(t, context.Background(), "init", "--db", db, "--tenant", "Acme Heating", "--admin-email", "owner@acmeheating.com",
		"--admin-password-file", writeFile(t, "correct horse battery\r\n"))
	if code != 0 {
		t.Fatalf("init exited %d: %s", code, errOut)
	}
	var setup cliSetup
	if err := json.Unmarshal([]byte(out), &setup); err != nil {
		t.Fatal(err)
	}
	if store, err := storeAt(db).open(context.Background()); err != nil {
		t.Fatal(err)
	} else {
		tenants, _ := store.Tenants(context.Background())
		store.Close()
		if len(tenants) != 1 {
			t.Errorf("the refused init left a tenant behind: %d tenants", len(tenants))
		}
	}
	if !signsIn(t, db, "owner@acmeheating.com", "correct horse battery") {
		t.Error("the admin can't sign in with the password from the file")
	}
	if signsIn(t, db, "owner@acmeheating.com", "correct horse battery\r\n") {
		t.Error("the line end became part of the password")
	}

	// An admin resets another user's password from the command line.
	out, errOut, code = runCLI(t, context.Background(), "users", "create", "--db", db, "--tenant-id", setup.TenantID,
		"--email", "csr@acmeheating.com", "--name", "Casey", "--role", "csr", "--password-file", writeFile(t, "first password here\n"))
	if code != 0 {
		t.Fatalf("users create exited %d: %s", code, errOut)
	}
	var user struct{ ID string }
	_ = json.Unmarshal([]byte(out), &user)
	if !signsIn(t, db, "csr@acmeheating.com", "first password here") {
		t.Error("the new user can't sign in with the first password")
	}
	if _, errOut, code := runCLI(t, context.Background(), "users", "password", user.ID, "--db", db, "--tenant-id", setup.TenantID,
		"--password-file", writeFile(t, "second password here\n")); code != 0 {
		t.Fatalf("users password exited %d: %s", code, errOut)
	}
	if signsIn(t, db, "csr@acmeheating.com", "first password here") || !signsIn(t, db, "csr@acmeheating.com", "second password here") {
		t.Error("the reset did not replace the password")
	}
	if _, errOut, code := runCLI(t, context.Background(), "users", "password", user.ID, "--db", db, "--tenant-id", setup.TenantID); code == 0 || !strings.Contains(errOut, "--password-file") {
		t.Errorf("users password without a file: exit %d, %q", code, errOut)
	}
}
