package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"reach/sqlstore/storetest"
	"strings"
	"testing"

	"reach"
	"reach/sqlstore"
)

func TestPlaceholdersReportAndCleanupCLI(t *testing.T) {
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "reach.db")
	setup := initDB(t, dsn)
	// Two customers hold a fictional 555-01XX number stored before the rule.
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Legacy A", "Legacy B"} {
		storetest.Legacy(t, db, setup.TenantID, name, "+15125550142")
	}
	db.Close()

	out, errOut, code := runCLI(t, ctx, "placeholders", "report", "--db", dsn, "--tenant-id", setup.TenantID, "--json")
	var rep struct {
		Items []struct {
			Value     string `json:"value"`
			Customers int    `json:"customers"`
		} `json:"items"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil || len(rep.Items) != 1 || rep.Items[0].Customers != 2 {
		t.Fatalf("report: %d %q %q", code, out, errOut)
	}
	out, _, _ = runCLI(t, ctx, "placeholders", "report", "--db", dsn, "--tenant-id", setup.TenantID)
	if !strings.Contains(out, "fictional-555-01xx") || !strings.Contains(out, "Legacy A") {
		t.Errorf("table report: %q", out)
	}
	out, errOut, code = runCLI(t, ctx, "placeholders", "cleanup", "--db", dsn, "--tenant-id", setup.TenantID, "--all")
	if code != 0 || !strings.Contains(out, "removed 2 contact methods from 2 records") || !strings.Contains(out, "/revert") {
		t.Fatalf("cleanup: %d %q %q", code, out, errOut)
	}
	out, _, _ = runCLI(t, ctx, "placeholders", "report", "--db", dsn, "--tenant-id", setup.TenantID)
	if !strings.Contains(out, "no placeholder or suspect values") {
		t.Errorf("after cleanup: %q", out)
	}
	_, errOut, code = runCLI(t, ctx, "placeholders", "report", "--db", dsn)
	if code == 0 || !strings.Contains(errOut, "--tenant-id") {
		t.Errorf("missing tenant: %d %q", code, errOut)
	}
}

func TestLookupCLI(t *testing.T) {
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "reach.db")
	setup := initDB(t, dsn)
	out, errOut, code := runCLI(t, ctx, "lookup", "(512) 867-5309", "--db", dsn, "--tenant-id", setup.TenantID)
	if code != 0 || !strings.Contains(out, "+15128675309: no match") {
		t.Fatalf("lookup of an unknown number: %d %q %q", code, out, errOut)
	}
	if _, errOut, code := runCLI(t, ctx, "seed", "--db", dsn, "--tenant-id", setup.TenantID, "--customers", "50"); code != 0 {
		t.Fatal(errOut)
	}
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	var number string
	err = db.Read(ctx, func(tx reach.Tx) error {
		cs, err := tx.ListCustomers(ctx, setup.TenantID, reach.CustomerFilter{Limit: 50})
		for _, c := range cs {
			for _, m := range c.ContactMethods {
				if m.Kind.IsNumber() && number == "" {
					number = m.Display
				}
			}
		}
		return err
	})
	db.Close()
	if err != nil || number == "" {
		t.Fatalf("no seeded number: %v", err)
	}
	out, errOut, code = runCLI(t, ctx, "lookup", number, "--db", dsn, "--tenant-id", setup.TenantID)
	if code != 0 || !strings.Contains(out, "RECORD") || !strings.Contains(out, "customer ") {
		t.Errorf("lookup %s: %d %q %q", number, code, out, errOut)
	}
	// A typo in the number or the tenant is said, not answered "no match".
	if _, errOut, code = runCLI(t, ctx, "lookup", "abc", "--db", dsn, "--tenant-id", setup.TenantID); code == 0 || !strings.Contains(errOut, "not a phone number") {
		t.Errorf("lookup abc: exit %d, %q; want a failure saying it is not a phone number", code, errOut)
	}
	if _, errOut, code = runCLI(t, ctx, "lookup", number, "--db", dsn, "--tenant-id", "no-such-tenant"); code == 0 || !strings.Contains(errOut, "no-such-tenant") {
		t.Errorf("lookup in an unknown tenant: exit %d, %q; want a failure naming the tenant", code, errOut)
	}
}
