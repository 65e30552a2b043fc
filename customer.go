package reach

import (
	"slices"
	"time"
)

// CustomerType says who is billed: a household or a business.
type CustomerType string

// Customer types.
const (
	Residential CustomerType = "residential"
	Commercial  CustomerType = "commercial"
)

// Valid reports whether t is a known customer type.
func (t CustomerType) Valid() bool { return t == Residential || t == Commercial }

// Address is a domestic (US or Canadian) postal address.
type Address struct {
	Street  string `json:"street"`
	Unit    string `json:"unit"`
	City    string `json:"city"`
	State   string `json:"state"`
	Zip     string `json:"zip"`
	Country string `json:"country"`
}

// RecordHeader is what customers and locations have in common: each is a
// versioned record with a name, an address and its own contact methods.
type RecordHeader struct {
	ID       string  `json:"id"`
	TenantID string  `json:"-"`
	Name     string  `json:"name"`
	Address  Address `json:"address"`
	Active   bool    `json:"active"`
	// Version counts the record's changes; every write names the version it
	// is based on and moves it one on.
	Version        int64           `json:"version"`
	CreatedAt      time.Time       `json:"created_at"`
	UpdatedAt      time.Time       `json:"updated_at"`
	ContactMethods []ContactMethod `json:"contact_methods"`
}

// Customer is who is billed. It carries its own contact methods.
type Customer struct {
	RecordHeader
	Type CustomerType `json:"type"`
}

// Location is where work is done; it belongs to one customer and carries its own
// contact methods.
type Location struct {
	RecordHeader
	CustomerID string `json:"customer_id"`
}

// Record is a customer or a location, as everything that edits contact
// methods sees them: *Customer and *Location implement it.
type Record interface {
	Ref() RecordRef
	// Header is the record's shared part, to read or change in place.
	Header() *RecordHeader
	// OwnerID is the customer the record belongs to: the customer itself, or
	// the location's customer.
	OwnerID() string
	// Clone returns a copy whose fields and contact methods can be changed
	// without touching the original.
	Clone() Record
}

// Ref points at the customer.
func (c *Customer) Ref() RecordRef { return RecordRef{Type: RecordCustomer, ID: c.ID} }

// Header is the customer's shared part.
func (c *Customer) Header() *RecordHeader { return &c.RecordHeader }

// OwnerID is the customer itself.
func (c *Customer) OwnerID() string { return c.ID }

// Clone copies the customer and its contact methods.
func (c *Customer) Clone() Record {
	d := *c
	d.ContactMethods = slices.Clone(c.ContactMethods)
	return &d
}

// Ref points at the location.
func (l *Location) Ref() RecordRef { return RecordRef{Type: RecordLocation, ID: l.ID} }

// Header is the location's shared part.
func (l *Location) Header() *RecordHeader { return &l.RecordHeader }

// OwnerID is the location's customer.
func (l *Location) OwnerID() string { return l.CustomerID }

// Clone copies the location and its contact methods.
func (l *Location) Clone() Record {
	d := *l
	d.ContactMethods = slices.Clone(l.ContactMethods)
	return &d
}

// RecordType names the two kinds of record that hold contact methods.
type RecordType string

// Record types.
const (
	RecordCustomer RecordType = "customer"
	RecordLocation RecordType = "location"
)

// EditPermission is what editing such a record, or its contact methods, needs.
func (t RecordType) EditPermission() Permission {
	if t == RecordLocation {
		return PermLocationEdit
	}
	return PermCustomerEdit
}

// ViewPermission is what seeing such a record needs.
func (t RecordType) ViewPermission() Permission {
	if t == RecordLocation {
		return PermLocationView
	}
	return PermCustomerView
}

// RecordRef points at a customer or a location.
type RecordRef struct {
	Type RecordType `json:"type"`
	ID   string     `json:"id"`
}

// CustomerFilter selects customers in a list. Zero values mean "any".
type CustomerFilter struct {
	Active *bool
	Type   CustomerType
	State  string
	City   string
	Zip    string
	// NamePrefix matches the start of the name, case-insensitively.
	NamePrefix   string
	UpdatedSince time.Time
	// After is the id of the last customer of the previous page.
	After string
	Limit int
}

// LocationFilter selects locations in a list.
type LocationFilter struct {
	CustomerID string
	Active     *bool
	After      string
	Limit      int
}
