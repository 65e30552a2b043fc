package storetest

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"reach/sqlstore"
)

func TestMigrate(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, migrated *sqlstore.DB) {
		// A database of its own on the same backend, not yet migrated.
		db, err := sqlstore.Open(t.Context(), DSN(t, migrated.Dialect()))
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		t.Cleanup(func() { db.Close() })
		all, err := db.Migrations()
		if err != nil {
			t.Fatalf("migrations: %v", err)
		}
		var names []string
		for _, m := range all {
			names = append(names, m.Name)
		}

		t.Run("first run applies every migration in order", func(t *testing.T) {
			applied, err := db.Migrate(t.Context())
			if err != nil {
				t.Fatalf("migrate: %v", err)
			}
			wantEqual(t, "applied", applied, names)
		})
		t.Run("second run is a no-op", func(t *testing.T) {
			applied, err := db.Migrate(t.Context())
			if err != nil {
				t.Fatalf("migrate again: %v", err)
			}
			if len(applied) != 0 {
				t.Fatalf("second migrate applied %v, want nothing", applied)
			}
		})
		t.Run("schema works after migrating twice", func(t *testing.T) {
			newTenant(t, db, "Acme")
		})
	})
}

// TestMigrationFiles checks the append-only discipline without a database:
// both dialects carry the same numbered steps, so a schema change made for one
// cannot be forgotten for the other.
func TestMigrationFiles(t *testing.T) {
	named := regexp.MustCompile(`^(\d{4})_[a-z0-9_]+\.sql$`)
	files := map[string][]string{}
	for _, dialect := range Backends {
		entries, err := os.ReadDir(filepath.Join("..", "migrations", dialect))
		if err != nil {
			t.Fatalf("read %s migrations: %v", dialect, err)
		}
		for _, e := range entries {
			files[dialect] = append(files[dialect], e.Name())
		}
	}

	t.Run("every file is named NNNN_name.sql", func(t *testing.T) {
		for _, dialect := range Backends {
			for _, n := range files[dialect] {
				if !named.MatchString(n) {
					t.Errorf("%s/%s is not named NNNN_lower_snake_name.sql", dialect, n)
				}
			}
		}
	})
	t.Run("numbers start at 1 and have no gaps or duplicates", func(t *testing.T) {
		for _, dialect := range Backends {
			for i, n := range files[dialect] { // os.ReadDir sorts by name
				m := named.FindStringSubmatch(n)
				if m == nil {
					continue
				}
				if v, _ := strconv.Atoi(m[1]); v != i+1 {
					t.Errorf("%s/%s has number %d, want %d", dialect, n, v, i+1)
				}
			}
		}
	})
	t.Run("both dialects have the same files", func(t *testing.T) {
		wantEqual(t, "postgres migrations vs sqlite", files["postgres"], files["sqlite"])
	})
	t.Run("the embedded list matches the files", func(t *testing.T) {
		db := Open(t, "sqlite")
		ms, err := db.Migrations()
		if err != nil {
			t.Fatalf("migrations: %v", err)
		}
		var names []string
		for i, m := range ms {
			names = append(names, m.Name)
			if m.Version != i+1 {
				t.Errorf("%s has version %d, want %d", m.Name, m.Version, i+1)
			}
		}
		wantEqual(t, "embedded migrations", names, files["sqlite"])
	})
}
