package main

import (
	"context"
	"io"

	"reach"
	"reach/app"
)

// runUsers dispatches `reach users list|create|update|password|deactivate|reactivate`.
func runUsers(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	sub, args := subcommand(args)
	switch sub {
	case "list":
		return tenantCommand(ctx, "users list", "--tenant-id ID [--db DSN]", args, stdout, nil, nil,
			func(a *app.App, actor reach.Actor, _ []string) (any, error) {
				return a.ListUsers(ctx, actor, "", maxListedUsers)
			})
	case "create":
		var email, name, role, passwordFile *string
		return tenantCommand(ctx, "users create", "--email EMAIL --name NAME --role ROLE [--password-file FILE] --tenant-id ID [--db DSN]", args, stdout,
			func(f *flags) {
				email = f.String("email", "", "the user's email (required)")
				name = f.String("name", "", "the user's name (required)")
				role = f.String("role", "", "admin, manager, csr or viewer (required)")
				passwordFile = f.String("password-file", "", "file holding the user's first web sign-in password (one line)")
			}, nil,
			func(a *app.App, actor reach.Actor, _ []string) (any, error) {
				password, err := readPasswordFile("--password-file", *passwordFile)
				if err != nil {
					return nil, err
				}
				u, err := a.CreateUser(ctx, actor, app.UserInput{Email: *email, Name: *name, Role: reach.Role(*role), Password: password})
				return u, asFlags(err, map[string]string{"email": "--email", "name": "--name", "role": "--role", "password": "--password-file"})
			})
	case "password":
		var passwordFile *string
		return tenantCommand(ctx, "users password", "USER_ID --password-file FILE --tenant-id ID [--db DSN]", args, stdout,
			func(f *flags) {
				passwordFile = f.String("password-file", "", "file holding the new web sign-in password, one line; /dev/stdin reads a pipe (required)")
			}, []string{"USER_ID"},
			func(a *app.App, actor reach.Actor, pos []string) (any, error) {
				password, err := readPasswordFile("--password-file", *passwordFile)
				if err == nil && password == "" {
					err = &reach.Error{Code: reach.EREQUIRED, Message: "--password-file is required: the file holding the new password."}
				}
				if err != nil {
					return nil, err
				}
				// Setting a password ends the user's sessions: a reset locks out whoever had it.
				err = a.SetPassword(ctx, actor, pos[0], password)
				return nil, asFlags(err, map[string]string{"password": "--password-file"})
			})
	case "update":
		var name, role *string
		var fl *flags
		return tenantCommand(ctx, "users update", "USER_ID [--name NAME] [--role ROLE] --tenant-id ID [--db DSN]", args, stdout,
			func(f *flags) {
				fl = f
				name = f.String("name", "", "the new name")
				role = f.String("role", "", "the new role: admin, manager, csr or viewer")
			}, []string{"USER_ID"},
			func(a *app.App, actor reach.Actor, pos []string) (any, error) {
				var p app.UserPatch
				if fl.isSet("name") {
					p.Name = name
				}
				if fl.isSet("role") {
					p.Role = (*reach.Role)(role)
				}
				if p.Name == nil && p.Role == nil {
					return nil, fl.wrong("nothing to change: give --name, --role or both")
				}
				return onCurrentUser(ctx, a, actor, pos[0], func(base int64) (*reach.User, error) { return a.UpdateUser(ctx, actor, pos[0], p, base) })
			})
	case "deactivate", "reactivate":
		active := sub == "reactivate"
		return tenantCommand(ctx, "users "+sub, "USER_ID --tenant-id ID [--db DSN]", args, stdout, nil, []string{"USER_ID"},
			func(a *app.App, actor reach.Actor, pos []string) (any, error) {
				return onCurrentUser(ctx, a, actor, pos[0], func(base int64) (*reach.User, error) { return a.SetUserActive(ctx, actor, pos[0], active, base) })
			})
	}
	return unknownSubcommand("users", sub, "usage: reach users list|create|update|password|deactivate|reactivate … --tenant-id ID (reach users <command> --help for more)\n", stdout)
}

// maxListedUsers is the most users `reach users list` prints.
const maxListedUsers = 200

// onCurrentUser runs a change of a user based on the version just read: a
// command-line change has no earlier read to be based on.
func onCurrentUser(ctx context.Context, a *app.App, actor reach.Actor, id string, change func(base int64) (*reach.User, error)) (*reach.User, error) {
	u, err := a.User(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return change(u.Version)
}

// tenantCommand parses a command acting in one tenant, opens its database
// and prints do's result as JSON.
func tenantCommand(ctx context.Context, name, usage string, args []string, stdout io.Writer, extra func(*flags), names []string,
	do func(a *app.App, actor reach.Actor, pos []string) (any, error)) error {
	f := newFlags(name, usage)
	store, tenantID := dbFlag(f), tenantFlag(f)
	if extra != nil {
		extra(f)
	}
	pos, err := f.parse(args, stdout, names...)
	if err != nil {
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
	out, err := do(app.New(db), cliActor(*tenantID), pos)
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	return printJSON(stdout, out)
}
