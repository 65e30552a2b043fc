package app

import (
	"context"
	"time"

	"reach"
)

// Record is a customer or a location seen as what both are to contact-method
// editing: a versioned record holding a list of contact methods. It lets the
// editing rules be written once for both.
type Record struct {
	Customer *reach.Customer
	Location *reach.Location
}

func loadRecord(ctx context.Context, tx reach.Tx, tenantID string, ref reach.RecordRef) (Record, error) {
	if ref.Type == reach.RecordLocation {
		l, err := tx.Location(ctx, tenantID, ref.ID)
		return Record{Location: l}, err
	}
	c, err := tx.Customer(ctx, tenantID, ref.ID)
	return Record{Customer: c}, err
}

// loadRecords reads many records at once, keyed by reference; unknown ones
// are absent.
func loadRecords(ctx context.Context, tx reach.Tx, tenantID string, refs []reach.RecordRef) (map[reach.RecordRef]Record, error) {
	ids := map[reach.RecordType][]string{}
	seen := map[reach.RecordRef]bool{}
	for _, r := range refs {
		if !seen[r] {
			seen[r] = true
			ids[r.Type] = append(ids[r.Type], r.ID)
		}
	}
	out := map[reach.RecordRef]Record{}
	cs, err := tx.CustomersByID(ctx, tenantID, ids[reach.RecordCustomer])
	if err != nil {
		return nil, err
	}
	for i := range cs {
		out[reach.RecordRef{Type: reach.RecordCustomer, ID: cs[i].ID}] = Record{Customer: &cs[i]}
	}
	ls, err := tx.LocationsByID(ctx, tenantID, ids[reach.RecordLocation])
	if err != nil {
		return nil, err
	}
	for i := range ls {
		out[reach.RecordRef{Type: reach.RecordLocation, ID: ls[i].ID}] = Record{Location: &ls[i]}
	}
	return out, nil
}

// Ref points at the record.
func (h Record) Ref() reach.RecordRef {
	if h.Location != nil {
		return reach.RecordRef{Type: reach.RecordLocation, ID: h.Location.ID}
	}
	return reach.RecordRef{Type: reach.RecordCustomer, ID: h.Customer.ID}
}

func (h Record) Version() int64 {
	if h.Location != nil {
		return h.Location.Version
	}
	return h.Customer.Version
}

func (h Record) Contacts() []reach.ContactMethod {
	if h.Location != nil {
		return h.Location.ContactMethods
	}
	return h.Customer.ContactMethods
}

// customerID is the customer owning the record (itself, for a customer).
func (h Record) customerID() string {
	if h.Location != nil {
		return h.Location.CustomerID
	}
	return h.Customer.ID
}

// value returns the record itself, for responses and audit snapshots.
func (h Record) Value() any {
	if h.Location != nil {
		return h.Location
	}
	return h.Customer
}

func editPermission(t reach.RecordType) reach.Permission {
	if t == reach.RecordLocation {
		return reach.PermLocationEdit
	}
	return reach.PermCustomerEdit
}

func viewPermission(t reach.RecordType) reach.Permission {
	if t == reach.RecordLocation {
		return reach.PermLocationView
	}
	return reach.PermCustomerView
}

// clone returns a copy the caller may change without touching h.
func (h Record) clone() Record {
	if h.Location != nil {
		l := *h.Location
		l.ContactMethods = append([]reach.ContactMethod{}, l.ContactMethods...)
		return Record{Location: &l}
	}
	c := *h.Customer
	c.ContactMethods = append([]reach.ContactMethod{}, c.ContactMethods...)
	return Record{Customer: &c}
}

// setContacts replaces the record's contact methods.
func (h Record) setContacts(cms []reach.ContactMethod) {
	if h.Location != nil {
		h.Location.ContactMethods = cms
	} else {
		h.Customer.ContactMethods = cms
	}
}

// bump moves the record one version on, changed at now.
func (h Record) bump(now time.Time) { h.setVersion(h.Version()+1, now) }

// save stores the record provided the stored version is still expect.
func (h Record) save(ctx context.Context, tx reach.Tx, expect int64) error {
	if h.Location != nil {
		return tx.UpdateLocation(ctx, h.Location, expect)
	}
	return tx.UpdateCustomer(ctx, h.Customer, expect)
}

// active reports whether the record is active.
func (h Record) active() bool {
	if h.Location != nil {
		return h.Location.Active
	}
	return h.Customer.Active
}

// name is the record's name, for messages.
func (h Record) name() string {
	if h.Location != nil {
		return h.Location.Name
	}
	return h.Customer.Name
}

// setVersion sets the record's version and update time.
func (h Record) setVersion(v int64, now time.Time) {
	if h.Location != nil {
		h.Location.Version, h.Location.UpdatedAt = v, now
	} else {
		h.Customer.Version, h.Customer.UpdatedAt = v, now
	}
}
