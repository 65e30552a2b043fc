package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"reach"
	"reach/app"
	"reach/phone"
)

// runLookup prints who a number belongs to: `reach lookup NUMBER --tenant-id ID`.
func runLookup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("lookup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	tenantID := fs.String("tenant-id", "", "tenant: the tenant_id printed by reach init (required)")
	number, flagArgs := "", args
	if len(args) > 0 && (len(args[0]) == 0 || args[0][0] != '-') {
		number, flagArgs = args[0], args[1:] // the number may come first, as in the usage line
	}
	if err := fs.Parse(flagArgs); err != nil {
		return err
	}
	if number == "" && fs.NArg() > 0 {
		number = fs.Arg(0)
	}
	if number == "" || *tenantID == "" {
		return errors.New("usage: reach lookup NUMBER --tenant-id ID [--db DSN]")
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Read(ctx, func(tx reach.Tx) error { _, err := tx.Tenant(ctx, *tenantID); return err }); err != nil {
		return fmt.Errorf("tenant %s: %w", *tenantID, err)
	}
	id, err := app.New(db).LookupCaller(ctx, cliActor(*tenantID), number)
	if err != nil {
		return err
	}
	if _, perr := phone.Parse(number); perr != nil {
		// Caller ID answers such callers with no match; a person at the
		// command line wants to know why.
		return fmt.Errorf("%q matches nothing: %w", number, perr)
	}
	if len(id.Matches) == 0 {
		fmt.Fprintf(stdout, "%s: no match\n", id.Number)
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\tRECORD\tCUSTOMER\tKIND\tMEMO\tACTIVE\n", id.Number)
	for _, m := range id.Matches {
		fmt.Fprintf(tw, "\t%s %s (%s)\t%s (%s)\t%s\t%s\t%v\n", m.Record.Type, m.Record.Name, m.Record.ID, m.Customer.Name, m.Customer.ID,
			m.ContactMethod.Kind, m.ContactMethod.Memo, m.Record.Active)
	}
	return tw.Flush()
}
