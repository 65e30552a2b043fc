package app

import (
	"context"

	"reach"
)

// LocationInput creates a service location of a customer.
type LocationInput struct {
	Name string `json:"name"`
	// Address is the service address (US or Canada).
	Address        reach.Address        `json:"address,omitempty"`
	ContactMethods []ContactMethodInput `json:"contact_methods,omitempty"`
}

// LocationPatch changes some fields of a location.
type LocationPatch struct {
	Name    *string       `json:"name,omitempty"`
	Address *AddressPatch `json:"address,omitempty"`
}

// CreateLocation adds a location to a customer.
func (a *App) CreateLocation(ctx context.Context, actor reach.Actor, customerID string, in LocationInput) (*reach.Location, error) {
	if err := actor.Require(reach.PermLocationEdit); err != nil {
		return nil, err
	}
	var v reach.Validation
	l := &reach.Location{RecordHeader: reach.RecordHeader{ID: reach.NewID(), Active: true}, CustomerID: customerID}
	l.Name = cleanText(&v, "name", in.Name, maxNameLen, true)
	l.Address = cleanAddress(&v, "address", in.Address)
	_, err := a.do(ctx, actor, "location.create", func(w *work) error {
		if _, err := w.tx.Customer(ctx, actor.TenantID, customerID); err != nil {
			return err
		}
		if err := newContacts(w, &v, l, in.ContactMethods); err != nil {
			return err
		}
		w.save(nil, l)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// Location returns one location with its contact methods.
func (a *App) Location(ctx context.Context, actor reach.Actor, id string) (*reach.Location, error) {
	if err := actor.Require(reach.PermLocationView); err != nil {
		return nil, err
	}
	var l *reach.Location
	err := a.view(ctx, actor, func(w *work) (err error) {
		if l, err = w.tx.Location(ctx, actor.TenantID, id); err != nil {
			return err
		}
		return flagRecords(w, l)
	})
	return l, err
}

// UpdateLocation changes a location's name or address; base is the version
// the change is based on.
func (a *App) UpdateLocation(ctx context.Context, actor reach.Actor, id string, p LocationPatch, base int64) (*reach.Location, error) {
	return a.editLocation(ctx, actor, id, "location.update", base, func(v *reach.Validation, l *reach.Location) {
		if p.Name != nil {
			l.Name = cleanText(v, "name", *p.Name, maxNameLen, true)
		}
		if p.Address != nil {
			l.Address = cleanAddress(v, "address", p.Address.apply(l.Address))
		}
	})
}

// SetLocationActive deactivates or reactivates a location.
func (a *App) SetLocationActive(ctx context.Context, actor reach.Actor, id string, active bool, base int64) (*reach.Location, error) {
	action := "location.deactivate"
	if active {
		action = "location.reactivate"
	}
	return a.editLocation(ctx, actor, id, action, base, func(_ *reach.Validation, l *reach.Location) { l.Active = active })
}

func (a *App) editLocation(ctx context.Context, actor reach.Actor, id, action string, base int64, edit func(*reach.Validation, *reach.Location)) (*reach.Location, error) {
	e, err := a.editRecord(ctx, actor, reach.RecordRef{Type: reach.RecordLocation, ID: id}, editSpec{action: action, base: base,
		apply: func(_ *work, v *reach.Validation, r reach.Record) (func(int) (string, bool), error) {
			edit(v, r.(*reach.Location))
			return nil, nil
		}})
	if err != nil {
		return nil, err
	}
	return e.Record.(*reach.Location), nil
}

// ListLocations lists locations, usually of one customer, a page at a time.
func (a *App) ListLocations(ctx context.Context, actor reach.Actor, f reach.LocationFilter) ([]reach.Location, error) {
	if err := actor.Require(reach.PermLocationView); err != nil {
		return nil, err
	}
	f.Limit = clampLimit(f.Limit)
	var out []reach.Location
	err := a.view(ctx, actor, func(w *work) error {
		if f.CustomerID != "" {
			if _, err := w.tx.Customer(ctx, actor.TenantID, f.CustomerID); err != nil {
				return err
			}
		}
		var err error
		if out, err = w.tx.ListLocations(ctx, actor.TenantID, f); err != nil {
			return err
		}
		return flagRecords(w, ptrs(out)...)
	})
	return out, err
}
