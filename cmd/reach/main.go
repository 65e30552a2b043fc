// Command reach runs the reach service and its scriptable administration.
// Usage: reach <command> [arguments] [flags]; reach help lists the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"reach"
)

// commands maps each subcommand to its runner and a line of help.
var commands = map[string]struct {
	run  func(ctx context.Context, args []string, stdout, stderr io.Writer) error
	help string
}{
	"serve":        {runServe, "run the API (and, with --demo, a demo tenant)"},
	"init":         {runInit, "create a tenant with its first admin; prints JSON"},
	"migrate":      {runMigrate, "apply schema migrations"},
	"seed":         {runSeed, "fill a tenant with synthetic customers, for benchmarks"},
	"lookup":       {runLookup, "who holds a phone number"},
	"placeholders": {runPlaceholders, "report or clean up placeholder values"},
	"users":        {runUsers, "list, create, update, deactivate and reactivate users, and set their passwords"},
	"tokens":       {runTokens, "list, issue and revoke API tokens; prints JSON"},
}

// commandOrder is the order help lists the commands in.
var commandOrder = []string{"serve", "init", "migrate", "seed", "lookup", "placeholders", "users", "tokens"}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run runs a command line and returns its exit status: 0 when done (or
// help was asked for), 1 when the command failed, 2 when the command line
// itself is wrong.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return 2
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage())
		return 0
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, version())
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "reach: unknown command %q\n%s", args[0], usage())
		return 2
	}
	err := cmd.run(ctx, args[1:], stdout, stderr)
	var wrong *usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &wrong):
		fmt.Fprintf(stderr, "reach %s: %s\n%s", args[0], wrong.msg, wrong.usage)
		return 2
	}
	fmt.Fprintln(stderr, "reach "+args[0]+": "+describe(err))
	return 1
}

func usage() string {
	s := "usage: reach <command> [arguments] [flags]\n\ncommands:\n"
	for _, name := range commandOrder {
		s += fmt.Sprintf("  %-13s %s\n", name, commands[name].help)
	}
	return s + "  version       print the version\n\nreach <command> --help shows a command's arguments and flags.\n"
}

// describe renders an error for a person: a domain error's message and each
// field problem on its own line; anything else as is.
func describe(err error) string {
	var e *reach.Error
	if !errors.As(err, &e) {
		return err.Error()
	}
	msg := e.Message
	for _, f := range e.Fields {
		msg += "\n  " + f.Field + ": " + f.Message + " (" + string(f.Code) + ")"
	}
	return msg
}
