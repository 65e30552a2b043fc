package app

import (
	"context"
	"fmt"

	"reach"
)

// CustomerInput creates a customer, optionally with its contact methods.
type CustomerInput struct {
	Name           string               `json:"name" maxLength:"20000" doc:"1 to 200 characters after trimming, no control characters."`
	Type           reach.CustomerType   `json:"type,omitempty" enum:"residential,commercial" doc:"Defaults to residential."`
	Address        reach.Address        `json:"address,omitempty" doc:"Billing address (US or Canada); may be omitted entirely."`
	ContactMethods []ContactMethodInput `json:"contact_methods,omitempty" maxItems:"100"`
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
	Name    *string             `json:"name,omitempty" maxLength:"20000"`
	Type    *reach.CustomerType `json:"type,omitempty" enum:"residential,commercial"`
	Address *AddressPatch       `json:"address,omitempty"`
	Version *int64              `json:"version,omitempty" doc:"Alternative to If-Match."`
}

// CreateCustomer creates a customer with its contact methods in one change.
func (a *App) CreateCustomer(ctx context.Context, actor reach.Actor, in CustomerInput) (*reach.Customer, error) {
	if err := actor.Require(reach.PermCustomerEdit); err != nil {
		return nil, err
	}
	var v reach.Validation
	c := &reach.Customer{ID: reach.NewID(), TenantID: actor.TenantID, Type: in.Type, Active: true, Version: 1}
	c.Name = cleanText(&v, "name", in.Name, maxNameLen, true)
	if c.Type == "" {
		c.Type = reach.Residential
	} else if !c.Type.Valid() {
		v.Add("type", reach.EINVALIDVALUE, fmt.Sprintf("Type %q is not residential or commercial.", c.Type))
	}
	c.Address = cleanAddress(&v, "address", in.Address)
	_, err := a.write(ctx, actor, "customer.create", true, func(tx reach.Tx, ch *change) error {
		c.CreatedAt, c.UpdatedAt = tx.Now(), tx.Now()
		rules, err := loadPlaceholderRules(ctx, tx, actor.TenantID)
		if err != nil {
			return err
		}
		c.ContactMethods = newContacts(&v, rules, actor, in.ContactMethods, tx, c.ID, reach.RecordRef{Type: reach.RecordCustomer, ID: c.ID})
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.InsertCustomer(ctx, c); err != nil {
			return err
		}
		ch.record(string(reach.RecordCustomer), c.ID, nil, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// newContacts builds the contact methods of a record being created.
func newContacts(v *reach.Validation, rules *placeholderRules, actor reach.Actor, in []ContactMethodInput, tx reach.Tx, customerID string, owner reach.RecordRef) []reach.ContactMethod {
	cms := make([]reach.ContactMethod, 0, len(in))
	for i, item := range in {
		field := fmt.Sprintf("contact_methods[%d]", i)
		if item.ID != "" {
			v.Add(field+".id", reach.EUNKNOWNCONTACTMETHOD, "A new record's contact methods cannot carry ids; omit id.")
			continue
		}
		m := normalizeContact(v, rules, field, item, nil)
		m.ID, m.CustomerID, m.Owner = reach.NewID(), customerID, owner
		m.CreatedAt, m.UpdatedAt, m.CreatedBy, m.Source = tx.Now(), tx.Now(), actor.UserID, actor.Source
		cms = append(cms, m)
	}
	if len(v.Fields) == 0 {
		checkSet(v, "contact_methods", cms)
	}
	return cms
}

// Customer returns one customer with its contact methods.
func (a *App) Customer(ctx context.Context, actor reach.Actor, id string) (*reach.Customer, error) {
	if err := actor.Require(reach.PermCustomerView); err != nil {
		return nil, err
	}
	var c *reach.Customer
	err := a.read(ctx, func(tx reach.Tx) (err error) {
		if c, err = tx.Customer(ctx, actor.TenantID, id); err != nil {
			return err
		}
		return flagPlaceholders(ctx, tx, actor.TenantID, c.ContactMethods)
	})
	return c, err
}

// UpdateCustomer changes a customer's name, type or address.
func (a *App) UpdateCustomer(ctx context.Context, actor reach.Actor, id string, p CustomerPatch, want *int64) (*reach.Customer, error) {
	if want == nil {
		want = p.Version
	}
	return a.editCustomer(ctx, actor, id, "customer.update", want, func(v *reach.Validation, c *reach.Customer) {
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
func (a *App) SetCustomerActive(ctx context.Context, actor reach.Actor, id string, active bool, want *int64) (*reach.Customer, error) {
	action := "customer.deactivate"
	if active {
		action = "customer.reactivate"
	}
	return a.editCustomer(ctx, actor, id, action, want, func(_ *reach.Validation, c *reach.Customer) { c.Active = active })
}

func (a *App) editCustomer(ctx context.Context, actor reach.Actor, id, action string, want *int64, edit func(*reach.Validation, *reach.Customer)) (*reach.Customer, error) {
	e, err := a.editRecord(ctx, actor, reach.RecordRef{Type: reach.RecordCustomer, ID: id}, editSpec{action: action, want: want,
		apply: func(_ reach.Tx, v *reach.Validation, r Record) error { edit(v, r.Customer); return nil }})
	return e.Record.Customer, err
}

// ListCustomers lists customers matching f, one page at a time.
func (a *App) ListCustomers(ctx context.Context, actor reach.Actor, f reach.CustomerFilter) ([]reach.Customer, error) {
	if err := actor.Require(reach.PermCustomerView); err != nil {
		return nil, err
	}
	f.Limit = clampLimit(f.Limit)
	var out []reach.Customer
	err := a.read(ctx, func(tx reach.Tx) (err error) {
		if out, err = tx.ListCustomers(ctx, actor.TenantID, f); err != nil {
			return err
		}
		var cms [][]reach.ContactMethod
		for _, c := range out {
			cms = append(cms, c.ContactMethods)
		}
		return flagPlaceholders(ctx, tx, actor.TenantID, cms...)
	})
	return out, err
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
