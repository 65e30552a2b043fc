package sqlstore_test

import (
	"path/filepath"
	"testing"

	"reach/sqlstore"
)

// The page cache is a budget for the whole database, shared by its readers
// and its writer, not granted to each; the map is what each connection maps.
func TestMemoryIsSharedByTheConnections(t *testing.T) {
	conns := int64(sqlstore.SQLiteReaders() + 1)
	for _, c := range []struct {
		mem                sqlstore.Memory
		cacheKiB, mapBytes int64
	}{
		{sqlstore.Memory{}, sqlstore.DefaultCacheMiB * 1024 / conns, sqlstore.MaxMapMiB << 20},
		{sqlstore.Memory{CacheMiB: 90, MapMiB: 256}, 90 * 1024 / conns, 256 << 20},
		{sqlstore.Memory{CacheMiB: 1, MapMiB: 5000}, 1024, sqlstore.MaxMapMiB << 20},
	} {
		db, err := sqlstore.OpenWith(t.Context(), filepath.Join(t.TempDir(), "reach.db"), c.mem)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		read, write, err := db.Pragma("cache_size")
		if err != nil || read != -c.cacheKiB || write != -c.cacheKiB {
			t.Errorf("%+v: cache_size reader %d, writer %d (%v); want %d each", c.mem, read, write, err, -c.cacheKiB)
		}
		read, write, err = db.Pragma("mmap_size")
		if err != nil || read != c.mapBytes || write != c.mapBytes {
			t.Errorf("%+v: mmap_size reader %d, writer %d (%v); want %d", c.mem, read, write, err, c.mapBytes)
		}
	}
}
