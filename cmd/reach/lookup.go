package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"reach/app"
	"reach/phone"
)

// runLookup prints who a number belongs to: `reach lookup NUMBER --tenant-id ID`.
func runLookup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := newFlags("lookup", "NUMBER --tenant-id ID [--db DSN]")
	store := dbFlag(f)
	tenantID := tenantFlag(f)
	pos, err := f.parse(args, stdout, "NUMBER")
	if err != nil {
		return err
	}
	if err := f.need("tenant-id"); err != nil {
		return err
	}
	number := pos[0]
	if _, perr := phone.Parse(number); perr != nil {
		// Caller ID answers such callers with no match; a person at the
		// command line wants to know why.
		return fmt.Errorf("%q matches nothing: %w", number, perr)
	}
	db, err := store.openTenant(ctx, *tenantID)
	if err != nil {
		return err
	}
	defer db.Close()
	id, err := app.New(db).LookupCaller(ctx, cliActor(*tenantID), number)
	if err != nil {
		return err
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
