package sqlstore_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"reach/sqlstore"
)

// TestClosingLeavesTheFilesAlone: a statement still being prepared when the
// database closes must not open a connection afterwards — on SQLite that
// recreates the -wal and -shm files beside a database its user believes
// closed (and made removing its folder fail now and then).
func TestClosingLeavesTheFilesAlone(t *testing.T) {
	ctx := context.Background()
	for range 20 {
		dir := t.TempDir()
		db, err := sqlstore.Open(ctx, filepath.Join(dir, "reach.db"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CallersOf(ctx, "tenant", "+15128675309"); err != nil { // starts preparing its statement
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		closed := files(t, dir)
		time.Sleep(10 * time.Millisecond)
		if later := files(t, dir); !slices.Equal(later, closed) {
			t.Fatalf("after Close the folder held %v, then %v", closed, later)
		}
	}
}

func files(t *testing.T, dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
