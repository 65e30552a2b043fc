// Command reach runs the reach service and its scriptable administration.
// Usage: reach <serve|init|migrate|seed|placeholders|lookup> [flags]; see README.md.
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

// commands maps each subcommand to its runner.
var commands = map[string]func(ctx context.Context, args []string, stdout, stderr io.Writer) error{
	"serve":   runServe,
	"init":    runInit,
	"migrate": runMigrate,
	"seed":    runSeed,
	// placeholders report|cleanup
	"placeholders": runPlaceholders,
	"lookup":       runLookup,
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || commands[args[0]] == nil {
		fmt.Fprintln(stderr, "usage: reach <serve|init|migrate|seed|placeholders|lookup> [flags]   (reach <command> -h for flags)")
		return 2
	}
	if err := commands[args[0]](ctx, args[1:], stdout, stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 2
		}
		fmt.Fprintln(stderr, "reach "+args[0]+": "+describe(err))
		return 1
	}
	return 0
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
