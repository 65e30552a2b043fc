package sqlstore

import "context"

// SetRarestCap lowers the count at which a search word is common, so tests
// on small data take the paths of common words; call the result to restore.
func SetRarestCap(n int) (restore func()) {
	was := rarestCap
	rarestCap = n
	return func() { rarestCap = was }
}

// Pragma reads a SQLite setting from a reader connection and from the writer.
func (db *DB) Pragma(name string) (read, write int64, err error) {
	if err = db.read.QueryRow(`PRAGMA ` + name).Scan(&read); err == nil {
		err = db.write.QueryRow(`PRAGMA ` + name).Scan(&write)
	}
	return read, write, err
}

// SQLiteReaders is how many reader connections a SQLite database opens.
func SQLiteReaders() int { return sqliteReaders }

// SecondaryIndexes lists (name, definition) of the indexes DeferIndexes
// would drop.
func (db *DB) SecondaryIndexes(ctx context.Context) ([][2]string, error) {
	var out [][2]string
	err := db.ddl(ctx, func(_ func(string, ...any) error, query func(string, ...any) ([][2]string, error)) (err error) {
		out, err = query(db.d.secondaryIndexesQuery(len(deferrableTables)), anySlice(deferrableTables)...)
		return err
	})
	return out, err
}

// StagedTermsLeft reports whether search_terms_staged exists.
func (db *DB) StagedTermsLeft(ctx context.Context) (bool, error) {
	var left bool
	err := db.ddl(ctx, func(_ func(string, ...any) error, query func(string, ...any) ([][2]string, error)) error {
		rows, err := query(db.d.tableQuery(), stagedTerms)
		left = len(rows) > 0
		return err
	})
	return left, err
}
