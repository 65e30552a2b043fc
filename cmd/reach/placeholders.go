package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/schollz/progressbar/v3"

	"reach/app"
)

// runPlaceholders dispatches `reach placeholders report|cleanup`.
func runPlaceholders(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	sub, args := subcommand(args)
	switch sub {
	case "report":
		return placeholderReport(ctx, args, stdout)
	case "cleanup":
		return placeholderCleanup(ctx, args, stdout, stderr)
	}
	return unknownSubcommand("placeholders", sub, "usage: reach placeholders report --tenant-id ID [--json] [--db DSN]\n       reach placeholders cleanup (--all | VALUE...) --tenant-id ID [--db DSN]\n", stdout)
}

func placeholderReport(ctx context.Context, args []string, stdout io.Writer) error {
	f := newFlags("placeholders report", "--tenant-id ID [--json] [--db DSN]")
	store, tenantID := dbFlag(f), tenantFlag(f)
	asJSON := f.Bool("json", false, "print JSON instead of a table")
	if _, err := f.parse(args, stdout); err != nil {
		return err
	}
	if err := f.need("tenant-id"); err != nil {
		return err
	}
	db, err := store.openTenant(ctx, *tenantID)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := app.New(db).PlaceholderReport(ctx, cliActor(*tenantID), 0, 0)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(stdout, rep)
	}
	printReport(stdout, rep)
	return nil
}

func placeholderCleanup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := newFlags("placeholders cleanup", "(--all | VALUE...) --tenant-id ID [--db DSN]")
	store, tenantID := dbFlag(f), tenantFlag(f)
	all := f.Bool("all", false, "remove every placeholder value (suspects only when listed)")
	values, err := f.parse(args, stdout, "[VALUE...]")
	if err != nil {
		return err
	}
	if err := f.need("tenant-id"); err != nil {
		return err
	}
	if len(values) == 0 && !*all {
		return f.wrong("name the values to remove, or pass --all to remove every placeholder value")
	}
	db, err := store.openTenant(ctx, *tenantID)
	if err != nil {
		return err
	}
	defer db.Close()
	a, actor := app.New(db), cliActor(*tenantID)
	bar := progressbar.NewOptions(-1, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("finding holders"),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	res, err := a.CleanupPlaceholders(ctx, actor, app.CleanupInput{Values: values, AllPlaceholders: *all}, func(done, total int) {
		bar.ChangeMax(total)
		_ = bar.Set(done)
	})
	_ = bar.Finish()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "removed %d contact methods from %d records (%d values)\n", res.Removed, res.Records, len(res.Values))
	for _, v := range res.Unmatched {
		fmt.Fprintf(stderr, "warning: no record holds %s\n", v)
	}
	if res.ChangeID != "" {
		fmt.Fprintf(stdout, "change %s — undo with POST /api/v1/changes/%s/revert\n", res.ChangeID, res.ChangeID)
	}
	return nil
}

func printReport(w io.Writer, rep app.Report) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "VALUE\tREASON\tRECORDS\tCUSTOMERS\tSAMPLE\n")
	for _, it := range rep.Items {
		reason := "suspect (more than " + fmt.Sprint(rep.SuspectThreshold) + " customers)"
		if it.Rule != nil {
			reason = it.Rule.Rule + ": " + it.Rule.Reason
		}
		var names []string
		for _, h := range it.Sample {
			names = append(names, h.Name)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\n", it.Value, reason, it.Records, it.Customers, strings.Join(names, "; "))
	}
	tw.Flush()
	if len(rep.Items) == 0 {
		fmt.Fprintln(w, "no placeholder or suspect values")
	}
}
