package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/schollz/progressbar/v3"

	"reach"
	"reach/app"
)

// runPlaceholders dispatches `reach placeholders report|cleanup`.
func runPlaceholders(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "report" && args[0] != "cleanup") {
		return errors.New("usage: reach placeholders report --tenant-id ID [--json] | reach placeholders cleanup --tenant-id ID [--all] [VALUE...]")
	}
	fs := flag.NewFlagSet("placeholders "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	tenantID := fs.String("tenant-id", "", "tenant: the tenant_id printed by reach init (required)")
	asJSON := fs.Bool("json", false, "report: print JSON instead of a table")
	all := fs.Bool("all", false, "cleanup: remove every placeholder value (suspects only when listed)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *tenantID == "" {
		return errors.New("--tenant-id is required")
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	a := app.New(db)
	actor := cliActor(*tenantID)
	if args[0] == "report" {
		rep, err := a.PlaceholderReport(ctx, actor, 0, 0)
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(rep)
		}
		printReport(stdout, rep)
		return nil
	}
	if fs.NArg() == 0 && !*all {
		return errors.New("name the values to remove (after the flags), or pass --all to remove every placeholder value")
	}
	bar := progressbar.NewOptions(-1, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("finding holders"),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	res, err := a.CleanupPlaceholders(ctx, actor, app.CleanupInput{Values: fs.Args(), AllPlaceholders: *all}, func(done, total int) {
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

// cliActor is the administrator a command-line run acts as; its changes are
// audited with source cli.
func cliActor(tenantID string) reach.Actor {
	return reach.Actor{TenantID: tenantID, UserID: "cli", Role: reach.RoleAdmin, Source: reach.SourceCLI}
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
