package app

import (
	"context"
	"fmt"
	"strings"

	"reach"
)

// CustomerInput creates a customer, optionally with its contact methods.
type CustomerInput struct {
	Name string `json:"name"`
	// Type defaults to residential.
	Type reach.CustomerType `json:"type,omitempty"`
	// Address is the billing address (US or Canada); it may be omitted.
	Address        reach.Address        `json:"address,omitempty"`
	ContactMethods []ContactMethodInput `json:"contact_methods,omitempty"`
}

// AddressPatch changes some parts of an address.
type AddressPatch struct {
	Street  *string `json:"street,omitempty"`
	Unit    *string `json:"unit,omitempty"`
	City    *string `json:"city,omitempty"`
	State   *string `json:"state,omitempty"`
	Zip     *string `json:"zip,omitempty"`
	Country *string `json:"country,omitempty"`
}

func (p *AddressPatch) apply(a reach.Address) reach.Address {
	if p == nil {
		return a
	}
	for _, f := range []struct {
		from *string
		to   *string
	}{{p.Street, &a.Street}, {p.Unit, &a.Unit}, {p.City, &a.City}, {p.State, &a.State}, {p.Zip, &a.Zip}, {p.Country, &a.Country}} {
		if f.from != nil {
			*f.to = *f.from
		}
	}
	return a
}

// CustomerPatch changes some fields of a customer.
type CustomerPatch struct {
	Name    *string             `json:"name,omitempty"`
	Type    *reach.CustomerType `json:"type,omitempty"`
	Address *AddressPatch       `json:"address,omitempty"`
}

// CreateCustomer creates a customer with its contact methods in one change.
func (a *App) CreateCustomer(ctx context.Context, actor reach.Actor, in CustomerInput) (*reach.Customer, error) {
	if err := actor.Require(reach.PermCustomerEdit); err != nil {
		return nil, err
	}
	var v reach.Validation
	c := &reach.Customer{RecordHeader: reach.RecordHeader{ID: reach.NewID(), Active: true}, Type: in.Type}
	c.Name = cleanText(&v, "name", in.Name, maxNameLen, true)
	if c.Type == "" {
		c.Type = reach.Residential
	} else if !c.Type.Valid() {
		v.Add("type", reach.EINVALIDVALUE, fmt.Sprintf("Type %q is not residential or commercial.", c.Type))
	}
	c.Address = cleanAddress(&v, "address", in.Address)
	_, err := a.do(ctx, actor, "customer.create", func(w *work) error {
		if err := newContacts(w, &v, c, in.ContactMethods); err != nil {
			return err
		}
		w.save(nil, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// newContacts gives a record being created its contact methods, checked as
// a whole set, and refuses the record if anything in v failed.
func newContacts(w *work, v *reach.Validation, r reach.Record, in []ContactMethodInput) error {
	rules, err := w.placeholders()
	if err != nil {
		return err
	}
	cms := make([]reach.ContactMethod, 0, len(in))
	fields := make([]string, 0, len(in))
	for i, item := range in {
		field := fmt.Sprintf("contact_methods[%d]", i)
		if refuseID(v, field, item) {
			continue
		}
		cms, fields = append(cms, newMethod(normalizeContact(v, rules, field, item, nil))), append(fields, field)
	}
	checkSet(v, cms, func(i int) (string, bool) { return fields[i], true })
	r.Header().ContactMethods = cms
	return v.Err()
}

// Customer returns one customer with its contact methods.
func (a *App) Customer(ctx context.Context, actor reach.Actor, id string) (*reach.Customer, error) {
	if err := actor.Require(reach.PermCustomerView); err != nil {
		return nil, err
	}
	var c *reach.Customer
	err := a.view(ctx, actor, func(w *work) (err error) {
		if c, err = w.tx.Customer(ctx, actor.TenantID, id); err != nil {
			return err
		}
		return flagRecords(w, c)
	})
	return c, err
}

// UpdateCustomer changes a customer's name, type or address; base is the
// version the change is based on.
func (a *App) UpdateCustomer(ctx context.Context, actor reach.Actor, id string, p CustomerPatch, base int64) (*reach.Customer, error) {
	return a.editCustomer(ctx, actor, id, "customer.update", base, func(v *reach.Validation, c *reach.Customer) {
		if p.Name != nil {
			c.Name = cleanText(v, "name", *p.Name, maxNameLen, true)
		}
		if p.Type != nil {
			if !p.Type.Valid() {
				v.Add("type", reach.EINVALIDVALUE, fmt.Sprintf("Type %q is not residential or commercial.", *p.Type))
			}
			c.Type = *p.Type
		}
		if p.Address != nil {
			c.Address = cleanAddress(v, "address", p.Address.apply(c.Address))
		}
	})
}

// SetCustomerActive deactivates or reactivates a customer.
func (a *App) SetCustomerActive(ctx context.Context, actor reach.Actor, id string, active bool, base int64) (*reach.Customer, error) {
	action := "customer.deactivate"
	if active {
		action = "customer.reactivate"
	}
	return a.editCustomer(ctx, actor, id, action, base, func(_ *reach.Validation, c *reach.Customer) { c.Active = active })
}

func (a *App) editCustomer(ctx context.Context, actor reach.Actor, id, action string, base int64, edit func(*reach.Validation, *reach.Customer)) (*reach.Customer, error) {
	e, err := a.editRecord(ctx, actor, reach.RecordRef{Type: reach.RecordCustomer, ID: id}, editSpec{action: action, base: base,
		apply: func(_ *work, v *reach.Validation, r reach.Record) (func(int) (string, bool), error) {
			edit(v, r.(*reach.Customer))
			return nil, nil
		}})
	if err != nil {
		return nil, err
	}
	return e.Record.(*reach.Customer), nil
}

// ListCustomers lists customers matching f, one page at a time. Filters take
// their values as entry does: "tx" is the state TX, "h2x3k5" the postal
// code H2X 3K5.
func (a *App) ListCustomers(ctx context.Context, actor reach.Actor, f reach.CustomerFilter) ([]reach.Customer, error) {
	if err := actor.Require(reach.PermCustomerView); err != nil {
		return nil, err
	}
	var v reach.Validation
	f.City = strings.TrimSpace(f.City)
	if f.State = strings.ToUpper(strings.TrimSpace(f.State)); f.State != "" {
		checkState(&v, "state", f.State, "")
	}
	if f.Zip = strings.ToUpper(strings.TrimSpace(f.Zip)); f.Zip != "" {
		f.Zip = checkPostal(&v, "zip", f.Zip, "")
	}
	if f.Type != "" && !f.Type.Valid() {
		v.Add("type", reach.EINVALIDVALUE, fmt.Sprintf("Type %q is not residential or commercial.", f.Type))
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	f.Limit = clampLimit(f.Limit)
	var out []reach.Customer
	err := a.view(ctx, actor, func(w *work) (err error) {
		if out, err = w.tx.ListCustomers(ctx, actor.TenantID, f); err != nil {
			return err
		}
		return flagRecords(w, ptrs(out)...)
	})
	return out, err
}

// ptrs points at each element of s.
func ptrs[T any](s []T) []*T {
	out := make([]*T, len(s))
	for i := range s {
		out[i] = &s[i]
	}
	return out
}

// clampLimit applies the default page size and the maximum of 200.
func clampLimit(n int) int {
	switch {
	case n <= 0:
		return 50
	case n > 200:
		return 200
	}
	return n
}
