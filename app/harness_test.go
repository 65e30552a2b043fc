package app_test

import (
	"context"
	"testing"

	"reach"
	"reach/app"
	"reach/sqlstore"
)

// tenant is one tenant's app with an admin actor, for use-case tests.
type tenant struct {
	app   *app.App
	db    *sqlstore.DB
	admin reach.Actor
}

func newTenant(tb testing.TB, db *sqlstore.DB) tenant {
	tb.Helper()
	a := app.New(db)
	s, err := a.InitTenant(context.Background(), "Test Services", app.UserInput{Email: "owner@testservices.com", Name: "Owner"}, reach.SourceCLI)
	if err != nil {
		tb.Fatal(err)
	}
	return tenant{app: a, db: db, admin: reach.Actor{TenantID: s.TenantID, UserID: s.UserID, Role: reach.RoleAdmin, Source: reach.SourceAPI}}
}

func (tn tenant) customer(tb testing.TB, name string, values ...string) *reach.Customer {
	tb.Helper()
	in := app.CustomerInput{Name: name}
	for _, v := range values {
		in.ContactMethods = append(in.ContactMethods, app.ContactMethodInput{Value: v})
	}
	c, err := tn.app.CreateCustomer(context.Background(), tn.admin, in)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func (tn tenant) location(tb testing.TB, customerID, name string, values ...string) *reach.Location {
	tb.Helper()
	in := app.LocationInput{Name: name}
	for _, v := range values {
		in.ContactMethods = append(in.ContactMethods, app.ContactMethodInput{Value: v})
	}
	l, err := tn.app.CreateLocation(context.Background(), tn.admin, customerID, in)
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

func (tn tenant) snapshot(tb testing.TB) string {
	tb.Helper()
	s, err := tn.db.Snapshot(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// inputs turns a record's methods back into whole-set save entries.
func inputs(cms []reach.ContactMethod) []app.ContactMethodInput {
	out := make([]app.ContactMethodInput, len(cms))
	for i, m := range cms {
		out[i] = app.ContactMethodInput{ID: m.ID, Kind: m.Kind, Value: m.Value, Extension: m.Extension, Memo: m.Memo, Primary: m.Primary}
	}
	return out
}

func ptr[T any](v T) *T { return &v }

// retryOnConflict runs a read-modify-write until it is not refused as stale.
func retryOnConflict(fn func() error) error {
	for {
		if err := fn(); reach.ErrorCode(err) != reach.EVERSIONCONFLICT {
			return err
		}
	}
}
