package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// storeAt is the database at dsn as a command chooses it, with the default
// memory settings.
func storeAt(dsn string) *dbChoice {
	c := dbFlag(newFlags("test", ""))
	c.dsn = dsn
	return c
}

func TestMemorySettingsAreChecked(t *testing.T) {
	db := filepath.Join(t.TempDir(), "reach.db")
	t.Setenv("REACH_SQLITE_CACHE_MIB", "lots")
	if _, errOut, code := runCLI(t, context.Background(), "migrate", "--db", db); code == 0 || !strings.Contains(errOut, `REACH_SQLITE_CACHE_MIB="lots"`) {
		t.Errorf("a cache size that is not a number: exit %d, %q", code, errOut)
	}
	t.Setenv("REACH_SQLITE_CACHE_MIB", "32")
	if _, errOut, code := runCLI(t, context.Background(), "migrate", "--db", db, "--sqlite-map-mib", "4096"); code == 0 || !strings.Contains(errOut, "--sqlite-map-mib from 1 to 2047") {
		t.Errorf("a map larger than SQLite allows: exit %d, %q", code, errOut)
	}
	if out, errOut, code := runCLI(t, context.Background(), "migrate", "--db", db, "--sqlite-map-mib", "512"); code != 0 || !strings.Contains(out, "applied") {
		t.Errorf("settings in range: exit %d, %q %q", code, out, errOut)
	}
}
