// Package demo creates the demo tenant that `reach serve --demo` starts with,
// and generates the realistic synthetic customers it (and `reach seed`) load.
package demo

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"net/url"
	"text/tabwriter"

	"reach"
	"reach/app"
	"reach/phone"
	"reach/sqlstore"
)

// TenantName names the demo tenant; Ensure recognizes an earlier demo by it.
const TenantName = "Demo Home Services"

// Customers is how many customers the demo creates, and Seed the generator
// seed, fixed so every demo shows the same customers.
const (
	Customers = 300
	Seed      = 20240917
)

// demoUsers are the demo's users, one per built-in role. The domain is an
// ordinary one: reserved ones such as .test are refused as unreachable.
var demoUsers = []struct {
	email, name string
	role        reach.Role
}{
	{"admin@demohomeservices.com", "Alex Rivera", reach.RoleAdmin},
	{"manager@demohomeservices.com", "Morgan Lee", reach.RoleManager},
	{"csr@demohomeservices.com", "Casey Nguyen", reach.RoleCSR},
	{"viewer@demohomeservices.com", "Jordan Blake", reach.RoleViewer},
}

// User is a demo user with an API token issued by this run.
type User struct {
	Email string
	Name  string
	Role  reach.Role
	Token string // "" for a user deactivated since the demo was made
	// Password signs the user in to the web UI; "" like Token.
	Password string
}

// Info is what a newcomer needs to try the demo.
type Info struct {
	TenantID   string
	TenantName string
	// Created is set when this run created the tenant and its data, unset
	// when an earlier --demo run had and only new tokens were issued.
	Created   bool
	Customers int // created by this run
	Locations int // created by this run
	Users     []User
	// Example is a customer name to search for.
	Example string
}

// Ensure creates the demo tenant, its users and customers on an empty
// database. When the demo tenant already exists it issues fresh tokens for
// its users instead, so restarting with --demo still prints working tokens.
// A database holding other tenants only is refused: demo data must never be
// mixed into a real business's database.
func Ensure(ctx context.Context, a *app.App, db *sqlstore.DB) (Info, error) {
	tenants, err := db.Tenants(ctx)
	if err != nil {
		return Info{}, err
	}
	for _, t := range tenants {
		if t.Name == TenantName {
			return refresh(ctx, a, db, t)
		}
	}
	if len(tenants) > 0 {
		return Info{}, fmt.Errorf("the database already holds %d tenant(s) and none is %q: start --demo on an empty database (e.g. --db demo.db), or start without --demo",
			len(tenants), TenantName)
	}
	return create(ctx, a)
}

// create makes the demo tenant through the app's use cases, so the demo data
// obey every rule real data do and carry an audit trail.
func create(ctx context.Context, a *app.App) (Info, error) {
	admin := demoUsers[0]
	setup, err := a.InitTenant(ctx, TenantName, app.UserInput{Email: admin.email, Name: admin.name}, reach.SourceSystem)
	if err != nil {
		return Info{}, fmt.Errorf("create demo tenant: %w", err)
	}
	actor := reach.Actor{TenantID: setup.TenantID, UserID: setup.UserID, Role: reach.RoleAdmin, Source: reach.SourceSystem}
	password, err := newPassword(ctx, a, actor, setup.UserID)
	if err != nil {
		return Info{}, err
	}
	info := Info{TenantID: setup.TenantID, TenantName: TenantName, Created: true, Example: exampleSearch(),
		Users: []User{{Email: admin.email, Name: admin.name, Role: admin.role, Token: setup.Token, Password: password}}}
	for _, du := range demoUsers[1:] {
		u, err := a.CreateUser(ctx, actor, app.UserInput{Email: du.email, Name: du.name, Role: du.role})
		if err != nil {
			return Info{}, fmt.Errorf("create demo user %s: %w", du.email, err)
		}
		token, err := a.CreateToken(ctx, actor, u.ID, app.TokenInput{Name: tokenName})
		if err != nil {
			return Info{}, fmt.Errorf("issue token for %s: %w", du.email, err)
		}
		password, err := newPassword(ctx, a, actor, u.ID)
		if err != nil {
			return Info{}, err
		}
		info.Users = append(info.Users, User{Email: u.Email, Name: u.Name, Role: u.Role, Token: token.Secret, Password: password})
	}
	g := NewGenerator(Seed)
	for range Customers {
		c, locs := g.Next()
		created, err := a.CreateCustomer(ctx, actor, customerInput(c))
		if err != nil {
			return Info{}, fmt.Errorf("create demo customer %q: %w", c.Name, err)
		}
		info.Customers++
		for _, l := range locs {
			if _, err := a.CreateLocation(ctx, actor, created.ID, locationInput(l)); err != nil {
				return Info{}, fmt.Errorf("create location %q of demo customer %q: %w", l.Name, c.Name, err)
			}
			info.Locations++
		}
		if !c.Active {
			if _, err := a.SetCustomerActive(ctx, actor, created.ID, false, created.Version); err != nil {
				return Info{}, fmt.Errorf("deactivate demo customer %q: %w", c.Name, err)
			}
		}
	}
	return info, nil
}

// tokenName names the tokens the demo prints, so a restart knows which to
// revoke; an admin's initial token is one of them too.
const tokenName = "demo"

// refresh issues a new token for every active demo user of an existing demo
// tenant and revokes the ones an earlier run printed: tokens are stored only
// as hashes, so old ones cannot be shown again, and each restart must not
// leave another set of working tokens behind.
func refresh(ctx context.Context, a *app.App, db *sqlstore.DB, t reach.Tenant) (Info, error) {
	var users []reach.User
	err := db.Read(ctx, func(tx reach.Tx) (err error) {
		users, err = tx.ListUsers(ctx, t.ID, "", 200)
		return err
	})
	if err != nil {
		return Info{}, err
	}
	var actor *reach.Actor
	for _, u := range users {
		if u.Active && u.Role == reach.RoleAdmin {
			actor = &reach.Actor{TenantID: t.ID, UserID: u.ID, Role: u.Role, Source: reach.SourceSystem}
			break
		}
	}
	if actor == nil {
		return Info{}, fmt.Errorf("the demo tenant %q has no active admin left to issue tokens with", t.Name)
	}
	info := Info{TenantID: t.ID, TenantName: t.Name, Example: exampleSearch()}
	for _, u := range users {
		if !isDemoUser(u.Email) {
			continue
		}
		if !u.Active { // listed, so the banner does not silently lose them
			info.Users = append(info.Users, User{Email: u.Email, Name: u.Name, Role: u.Role})
			continue
		}
		old, err := a.Tokens(ctx, *actor, u.ID)
		if err != nil {
			return Info{}, err
		}
		for _, tk := range old {
			if tk.Name == tokenName || tk.Name == app.InitialTokenName {
				if err := a.RevokeToken(ctx, *actor, tk.ID); err != nil {
					return Info{}, fmt.Errorf("revoke an earlier demo token of %s: %w", u.Email, err)
				}
			}
		}
		token, err := a.CreateToken(ctx, *actor, u.ID, app.TokenInput{Name: tokenName})
		if err != nil {
			return Info{}, fmt.Errorf("issue token for %s: %w", u.Email, err)
		}
		password, err := newPassword(ctx, a, *actor, u.ID)
		if err != nil {
			return Info{}, err
		}
		info.Users = append(info.Users, User{Email: u.Email, Name: u.Name, Role: u.Role, Token: token.Secret, Password: password})
	}
	return info, nil
}

// newPassword sets a fresh random password for a demo user and returns it:
// like tokens, passwords are kept only as hashes, so each start prints new
// ones (and signs the demo users out of their old sessions).
func newPassword(ctx context.Context, a *app.App, actor reach.Actor, userID string) (string, error) {
	const letters = "abcdefghijkmnopqrstuvwxyz" // no l: it reads as 1
	b := make([]byte, 14)
	_, _ = rand.Read(b)
	for i := range b {
		if i%5 == 4 {
			b[i] = '-'
			continue
		}
		b[i] = letters[int(b[i])%len(letters)]
	}
	if err := a.SetPassword(ctx, actor, userID, string(b)); err != nil {
		return "", fmt.Errorf("set a demo password: %w", err)
	}
	return string(b), nil
}

func isDemoUser(email string) bool {
	for _, du := range demoUsers {
		if du.email == email {
			return true
		}
	}
	return false
}

// exampleSearch is the name of the demo's first customer: the generator is
// deterministic, so it exists in every demo database.
func exampleSearch() string {
	c, _ := NewGenerator(Seed).Next()
	return c.Name
}

// customerInput turns a generated customer into what a client would send,
// numbers in display form as a person would type them.
func customerInput(c reach.Customer) app.CustomerInput {
	return app.CustomerInput{Name: c.Name, Type: c.Type, Address: c.Address, ContactMethods: contactInputs(c.ContactMethods)}
}

func locationInput(l reach.Location) app.LocationInput {
	return app.LocationInput{Name: l.Name, Address: l.Address, ContactMethods: contactInputs(l.ContactMethods)}
}

func contactInputs(cms []reach.ContactMethod) []app.ContactMethodInput {
	out := make([]app.ContactMethodInput, 0, len(cms))
	for _, m := range cms {
		value := m.Value
		if m.Kind.IsNumber() {
			value = phone.Format(m.Value, "")
		}
		out = append(out, app.ContactMethodInput{Kind: m.Kind, Value: value, Extension: m.Extension, Memo: m.Memo, Primary: m.Primary})
	}
	return out
}

// Print shows where reach listens, the demo users with their passwords
// and tokens, and commands to paste.
func Print(w io.Writer, base string, info Info) {
	if info.Created {
		fmt.Fprintf(w, "Demo tenant %q created with %d customers and %d locations.\n", info.TenantName, info.Customers, info.Locations)
	} else {
		fmt.Fprintf(w, "Demo tenant %q already exists; its users got new passwords and API tokens, and the ones printed before stopped working.\n", info.TenantName)
	}
	fmt.Fprintf(w, "\n  Open:  %s/  and sign in as a user below\n", base)
	fmt.Fprintf(w, "  API:   %s/api/v1  (OpenAPI: %s/api/v1/openapi.json)\n", base, base)
	fmt.Fprintf(w, "  Tenant id: %s  (for the CLI's --tenant-id, and Twilio webhook URLs)\n\n", info.TenantID)
	fmt.Fprintln(w, "Demo users (shown once; restarting with --demo issues new passwords and tokens):")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  ROLE\tEMAIL\tPASSWORD\tAPI TOKEN")
	for _, u := range info.Users {
		password, token := u.Password, u.Token
		if token == "" {
			password, token = "(deactivated; reactivate the user to sign in)", ""
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", u.Role, u.Email, password, token)
	}
	tw.Flush()
	token := "reach_…"
	for _, u := range info.Users {
		if u.Token == "" {
			continue
		}
		token = u.Token
		if u.Role == reach.RoleCSR {
			break
		}
	}
	fmt.Fprintln(w, "\nOr from a terminal (as the CSR):")
	fmt.Fprintf(w, "  curl -s -H 'Authorization: Bearer %s' '%s/api/v1/customers?limit=5'\n", token, base)
	if info.Example != "" {
		fmt.Fprintf(w, "  curl -s -H 'Authorization: Bearer %s' '%s/api/v1/search?q=%s'\n", token, base, url.QueryEscape(info.Example))
	}
	fmt.Fprintln(w)
}
