package main

import (
	"context"
	"flag"
	"os"

	"reach/sqlstore"
)

// dbFlag registers --db, defaulting to $REACH_DB or reach.db.
func dbFlag(fs *flag.FlagSet) *string {
	def := os.Getenv("REACH_DB")
	if def == "" {
		def = "reach.db"
	}
	return fs.String("db", def, "database: a SQLite file path or a postgres:// URL (env REACH_DB)")
}

// openDB opens and migrates the database, so every command sees the current schema.
func openDB(ctx context.Context, dsn string) (*sqlstore.DB, error) {
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
