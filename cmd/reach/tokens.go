package main

import (
	"context"
	"io"

	"reach"
	"reach/app"
)

// runTokens dispatches `reach tokens list|create|revoke`.
func runTokens(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	sub, args := subcommand(args)
	switch sub {
	case "list":
		return tenantCommand(ctx, "tokens list", "USER_ID --tenant-id ID [--db DSN]", args, stdout, nil, []string{"USER_ID"},
			func(a *app.App, actor reach.Actor, pos []string) (any, error) { return a.Tokens(ctx, actor, pos[0]) })
	case "create":
		var name *string
		return tenantCommand(ctx, "tokens create", "USER_ID [--name NAME] --tenant-id ID [--db DSN]", args, stdout,
			func(f *flags) { name = f.String("name", "", "what the token is for, e.g. the script using it") }, []string{"USER_ID"},
			func(a *app.App, actor reach.Actor, pos []string) (any, error) {
				return a.CreateToken(ctx, actor, pos[0], app.TokenInput{Name: *name})
			})
	case "revoke":
		return tenantCommand(ctx, "tokens revoke", "TOKEN_ID --tenant-id ID [--db DSN]", args, stdout, nil, []string{"TOKEN_ID"},
			func(a *app.App, actor reach.Actor, pos []string) (any, error) {
				if err := a.RevokeToken(ctx, actor, pos[0]); err != nil {
					return nil, err
				}
				return map[string]string{"revoked": pos[0]}, nil
			})
	}
	return unknownSubcommand("tokens", sub, "usage: reach tokens list|create|revoke … --tenant-id ID (reach tokens <command> --help for more)\n", stdout)
}
