package storetest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"reach"
	"reach/sqlstore"
)

// base is the suite's fixed clock: microsecond precision, UTC, as stored.
var base = time.Date(2025, 3, 14, 15, 9, 26, 535897000, time.UTC)

// at returns base plus n minutes, so fixtures get distinct, ordered times.
func at(n int) time.Time { return base.Add(time.Duration(n) * time.Minute) }

// mustWrite runs fn in a write transaction and fails the test on error.
func mustWrite(tb testing.TB, db *sqlstore.DB, fn func(tx reach.Tx) error) {
	tb.Helper()
	if err := db.Write(tb.Context(), fn); err != nil {
		tb.Fatalf("write: %v", err)
	}
}

// mustRead runs fn in a read transaction and fails the test on error.
func mustRead(tb testing.TB, db *sqlstore.DB, fn func(tx reach.Tx) error) {
	tb.Helper()
	if err := db.Read(tb.Context(), fn); err != nil {
		tb.Fatalf("read: %v", err)
	}
}

// wantCode fails the test unless err carries the domain error code.
func wantCode(tb testing.TB, err error, code reach.Code) {
	tb.Helper()
	if got := reach.ErrorCode(err); got != code {
		tb.Fatalf("error code = %q, want %q (err: %v)", got, code, err)
	}
}

// wantEqual fails the test unless got and want are deeply equal.
func wantEqual(tb testing.TB, what string, got, want any) {
	tb.Helper()
	if !reflect.DeepEqual(got, want) {
		tb.Fatalf("%s differs\n got: %+v\nwant: %+v", what, got, want)
	}
}

// newTenant inserts a tenant and returns its id.
func newTenant(tb testing.TB, db *sqlstore.DB, name string) string {
	tb.Helper()
	tn := &reach.Tenant{ID: reach.NewID(), Name: name, CreatedAt: base}
	mustWrite(tb, db, func(tx reach.Tx) error { return tx.InsertTenant(tb.Context(), tn) })
	return tn.ID
}

// newCustomer returns an active residential customer of the tenant, version 1,
// created and updated at base, with no contact methods.
func newCustomer(tenantID, name string) *reach.Customer {
	return &reach.Customer{RecordHeader: reach.RecordHeader{
		ID:       reach.NewID(),
		TenantID: tenantID,
		Name:     name,
		Address: reach.Address{Street: "12 Elm Street", Unit: "Apt 3", City: "Springfield",
			State: "IL", Zip: "62701", Country: "US"},
		Active:         true,
		Version:        1,
		CreatedAt:      base,
		UpdatedAt:      base,
		ContactMethods: []reach.ContactMethod{},
	}, Type: reach.Residential}
}

// newLocation returns an active location of customer c, version 1, with no
// contact methods.
func newLocation(c *reach.Customer, name string) *reach.Location {
	return &reach.Location{RecordHeader: reach.RecordHeader{
		ID:       reach.NewID(),
		TenantID: c.TenantID,
		Name:     name,
		Address: reach.Address{Street: "400 Oak Avenue", City: "Shelbyville",
			State: "IL", Zip: "62565", Country: "US"},
		Active:         true,
		Version:        1,
		CreatedAt:      base,
		UpdatedAt:      base,
		ContactMethods: []reach.ContactMethod{},
	}, CustomerID: c.ID}
}

// customerRef and locationRef name the record holding a contact method.
func customerRef(c *reach.Customer) (reach.RecordRef, string) {
	return reach.RecordRef{Type: reach.RecordCustomer, ID: c.ID}, c.ID
}

func locationRef(l *reach.Location) (reach.RecordRef, string) {
	return reach.RecordRef{Type: reach.RecordLocation, ID: l.ID}, l.CustomerID
}

// phoneMethod returns a mobile number held by owner; e164 is "+1" and ten digits.
func phoneMethod(owner reach.RecordRef, customerID, e164 string) reach.ContactMethod {
	d := e164[2:]
	return reach.ContactMethod{
		ID: reach.NewID(), Owner: owner, CustomerID: customerID,
		Kind: reach.KindMobile, Value: e164, Key: e164,
		Display:   fmt.Sprintf("(%s) %s-%s", d[:3], d[3:6], d[6:]),
		CreatedAt: base, CreatedBy: "user-1", Source: reach.SourceUI, UpdatedAt: base,
	}
}

// emailMethod returns an email address held by owner.
func emailMethod(owner reach.RecordRef, customerID, addr string) reach.ContactMethod {
	return reach.ContactMethod{
		ID: reach.NewID(), Owner: owner, CustomerID: customerID,
		Kind: reach.KindEmail, Value: addr, Key: strings.ToLower(addr), Display: addr,
		CreatedAt: base, CreatedBy: "user-1", Source: reach.SourceAPI, UpdatedAt: base,
	}
}

// insertCustomer stores c in its own transaction.
func insertCustomer(tb testing.TB, db *sqlstore.DB, c *reach.Customer) {
	tb.Helper()
	mustWrite(tb, db, func(tx reach.Tx) error { return insert(tb.Context(), tx, c) })
}

// insertLocation stores l in its own transaction.
func insertLocation(tb testing.TB, db *sqlstore.DB, l *reach.Location) {
	tb.Helper()
	mustWrite(tb, db, func(tx reach.Tx) error { return insert(tb.Context(), tx, l) })
}

// readCustomer returns the stored customer or fails the test.
func readCustomer(tb testing.TB, db *sqlstore.DB, tenantID, id string) *reach.Customer {
	tb.Helper()
	var c *reach.Customer
	mustRead(tb, db, func(tx reach.Tx) (err error) {
		c, err = tx.Customer(tb.Context(), tenantID, id)
		return err
	})
	return c
}

// readLocation returns the stored location or fails the test.
func readLocation(tb testing.TB, db *sqlstore.DB, tenantID, id string) *reach.Location {
	tb.Helper()
	var l *reach.Location
	mustRead(tb, db, func(tx reach.Tx) (err error) {
		l, err = tx.Location(tb.Context(), tenantID, id)
		return err
	})
	return l
}

// snapshot renders the whole database, to prove a refused write changed nothing.
func snapshot(tb testing.TB, db *sqlstore.DB) string {
	tb.Helper()
	s, err := db.Snapshot(tb.Context())
	if err != nil {
		tb.Fatalf("snapshot: %v", err)
	}
	return s
}

// cloneCustomer copies c deeply enough to edit its contact methods.
func cloneCustomer(c *reach.Customer) *reach.Customer {
	d := *c
	d.ContactMethods = slices.Clone(c.ContactMethods)
	return &d
}

// cloneLocation copies l deeply enough to edit its contact methods.
func cloneLocation(l *reach.Location) *reach.Location {
	d := *l
	d.ContactMethods = slices.Clone(l.ContactMethods)
	return &d
}

// customerIDs returns the ids of customers, in order.
func customerIDs(cs []reach.Customer) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

// insert stores new records through WriteRecords.
func insert(ctx context.Context, tx reach.Tx, records ...reach.Record) error {
	if len(records) == 0 {
		return nil
	}
	writes := make([]reach.RecordWrite, len(records))
	for i, r := range records {
		writes[i] = reach.RecordWrite{After: r}
	}
	return tx.WriteRecords(ctx, records[0].Header().TenantID, writes)
}

// update writes after over the stored record through WriteRecords, as the
// change of a writer that read the record at version expect.
func update(ctx context.Context, tx reach.Tx, after reach.Record, expect int64) error {
	var before reach.Record
	var err error
	switch r := after.(type) {
	case *reach.Customer:
		before, err = tx.Customer(ctx, r.TenantID, r.ID)
	case *reach.Location:
		before, err = tx.Location(ctx, r.TenantID, r.ID)
	}
	if err != nil {
		return err
	}
	before.Header().Version = expect
	return tx.WriteRecords(ctx, after.Header().TenantID, []reach.RecordWrite{{Before: before, After: after}})
}
