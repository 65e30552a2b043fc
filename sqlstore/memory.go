package sqlstore

import "runtime"

// sqliteReaders is how many connections serve SQLite's read transactions:
// two per core, so a long search does not hold up caller ID, and no more —
// each reader has its own page cache, and on 2 cores eight readers sharing
// the same cache budget answered a fifth fewer caller-ID lookups than four.
var sqliteReaders = min(8, max(4, 2*runtime.GOMAXPROCS(0)))

// Memory bounds what an open SQLite database keeps in memory; PostgreSQL
// manages its own. A zero field takes its default.
type Memory struct {
	// CacheMiB is the page cache of all connections together (default 128).
	// Each connection keeps its own cache, so the total is split between
	// them rather than granted to each: eight readers with 64 MiB apiece
	// held half a gigabyte, mostly the same index pages eight times.
	// Past the mapped part of the file, a page missing from the cache is
	// read from the system's file cache, a system call away.
	CacheMiB int
	// MapMiB is how much of the database file is read through a memory map
	// (default, and SQLite's most, 2047). Mapped pages are the operating
	// system's file cache — shared by every connection and by every process,
	// and given back under pressure — not memory reach holds; the rest of the
	// file is read into the page cache.
	MapMiB int
}

// Memory's defaults, and the most SQLite will map (SQLITE_MAX_MMAP_SIZE).
const (
	DefaultCacheMiB = 128
	MaxMapMiB       = 2047
)

func (m Memory) orDefaults() Memory {
	if m.CacheMiB <= 0 {
		m.CacheMiB = DefaultCacheMiB
	}
	if m.MapMiB <= 0 || m.MapMiB > MaxMapMiB {
		m.MapMiB = MaxMapMiB
	}
	return m
}

// cacheKiBPerConnection is each connection's share of the cache: the
// readers' and the writer's.
func (m Memory) cacheKiBPerConnection() int {
	return max(1024, m.CacheMiB*1024/(sqliteReaders+1))
}

func (m Memory) mapBytes() int64 { return int64(m.MapMiB) << 20 }
