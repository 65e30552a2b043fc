package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"reach"
	"reach/app"
)

func runInit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := newFlags("init", "--tenant NAME --admin-email EMAIL [--admin-name NAME] [--admin-password-file FILE] [--db DSN]")
	store := dbFlag(f)
	tenant := f.String("tenant", "", "name of the business (required)")
	adminEmail := f.String("admin-email", "", "email of the first admin (required)")
	adminName := f.String("admin-name", "", "name of the first admin (default: the email)")
	passwordFile := f.String("admin-password-file", "", "file holding the first admin's web sign-in password (one line; /dev/stdin reads it from a pipe); without it, set one later with reach users password")
	if _, err := f.parse(args, stdout); err != nil {
		return err
	}
	password, err := readPasswordFile("--admin-password-file", *passwordFile)
	if err != nil {
		return err
	}
	db, err := store.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	setup, err := app.New(db).InitTenant(ctx, *tenant, app.UserInput{Email: *adminEmail, Name: *adminName, Password: password}, reach.SourceCLI)
	if err != nil {
		return asFlags(err, map[string]string{"tenant": "--tenant", "email": "--admin-email", "name": "--admin-name", "password": "--admin-password-file"})
	}
	return printJSON(stdout, setup)
}

// readPasswordFile reads a password kept in a file, so it never shows in
// the process list or the shell's history; the line's end is not part of
// it. No file is no password.
func readPasswordFile(flag, path string) (string, error) {
	if path == "" {
		return "", nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("%s: %w", flag, err)
	}
	s := strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r")
	if s == "" {
		return "", fmt.Errorf("%s: %s is empty", flag, path)
	}
	if strings.ContainsAny(s, "\r\n") {
		return "", fmt.Errorf("%s: %s holds more than one line; a password is one line (no password box can type a line break)", flag, path)
	}
	return s, nil
}

// printJSON writes v as indented JSON, as every scriptable command answers.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// asFlags renames the fields of a validation error after the flags that
// carry them, so a command-line user knows which flag to fix.
func asFlags(err error, flags map[string]string) error {
	var e *reach.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	out := *e
	out.Fields = nil
	for _, f := range e.Fields {
		if flag, ok := flags[f.Field]; ok {
			f.Field = flag
		}
		out.Fields = append(out.Fields, f)
	}
	return &out
}
