package main

import (
	"context"
	"encoding/json"
	"flag"
	"io"

	"reach"
	"reach/app"
)

func runInit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	tenant := fs.String("tenant", "", "name of the business (required)")
	adminEmail := fs.String("admin-email", "", "email of the first admin (required)")
	adminName := fs.String("admin-name", "", "name of the first admin (default: the email)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	setup, err := app.New(db).InitTenant(ctx, *tenant, *adminEmail, *adminName, reach.SourceCLI)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	return enc.Encode(setup)
}
