// Package demo creates the demo tenant that `reach serve --demo` starts with.
package demo

import (
	"context"
	"fmt"
	"io"

	"reach/app"
	"reach/sqlstore"
)

// Info is what a newcomer needs to try the demo.
type Info struct{}

// Ensure creates the demo tenant on an empty database.
func Ensure(ctx context.Context, a *app.App, db *sqlstore.DB) (Info, error) { return Info{}, nil }

// Print shows where to sign in.
func Print(w io.Writer, base string, info Info) { fmt.Fprintln(w, base) }
