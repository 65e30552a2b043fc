package app

import (
	"context"

	"reach"
)

// LocationInput creates a service location of a customer.
type LocationInput struct {
	Name           string               `json:"name" maxLength:"20000" doc:"1 to 200 characters after trimming."`
	Address        reach.Address        `json:"address,omitempty" doc:"Service address (US or Canada)."`
	ContactMethods []ContactMethodInput `json:"contact_methods,omitempty" maxItems:"100"`
}

// LocationPatch changes some fields of a location.
type LocationPatch struct {
	Name    *string       `json:"name,omitempty" maxLength:"20000"`
	Address *AddressPatch `json:"address,omitempty"`
	Version *int64        `json:"version,omitempty" doc:"Alternative to If-Match."`
}

// CreateLocation adds a location to a customer.
func (a *App) CreateLocation(ctx context.Context, actor reach.Actor, customerID string, in LocationInput) (*reach.Location, error) {
	if err := actor.Require(reach.PermLocationEdit); err != nil {
		return nil, err
	}
	var v reach.Validation
	l := &reach.Location{ID: reach.NewID(), TenantID: actor.TenantID, CustomerID: customerID, Active: true, Version: 1}
	l.Name = cleanText(&v, "name", in.Name, maxNameLen, true)
	l.Address = cleanAddress(&v, "address", in.Address)
	_, err := a.write(ctx, actor, "location.create", true, func(tx reach.Tx, ch *change) error {
		if _, err := tx.Customer(ctx, actor.TenantID, customerID); err != nil {
			return err
		}
		l.CreatedAt, l.UpdatedAt = tx.Now(), tx.Now()
		rules, err := loadPlaceholderRules(ctx, tx, actor.TenantID)
		if err != nil {
			return err
		}
		l.ContactMethods = newContacts(&v, rules, actor, in.ContactMethods, tx, customerID, reach.RecordRef{Type: reach.RecordLocation, ID: l.ID})
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.InsertLocation(ctx, l); err != nil {
			return err
		}
		ch.record(string(reach.RecordLocation), l.ID, nil, l)
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
	err := a.read(ctx, func(tx reach.Tx) (err error) {
		if l, err = tx.Location(ctx, actor.TenantID, id); err != nil {
			return err
		}
		return flagPlaceholders(ctx, tx, actor.TenantID, l.ContactMethods)
	})
	return l, err
}

// UpdateLocation changes a location's name or address.
func (a *App) UpdateLocation(ctx context.Context, actor reach.Actor, id string, p LocationPatch, want *int64) (*reach.Location, error) {
	if want == nil {
		want = p.Version
	}
	return a.editLocation(ctx, actor, id, "location.update", want, func(v *reach.Validation, l *reach.Location) {
		if p.Name != nil {
			l.Name = cleanText(v, "name", *p.Name, maxNameLen, true)
		}
		if p.Address != nil {
			l.Address = cleanAddress(v, "address", p.Address.apply(l.Address))
		}
	})
}

// SetLocationActive deactivates or reactivates a location.
func (a *App) SetLocationActive(ctx context.Context, actor reach.Actor, id string, active bool, want *int64) (*reach.Location, error) {
	action := "location.deactivate"
	if active {
		action = "location.reactivate"
	}
	return a.editLocation(ctx, actor, id, action, want, func(_ *reach.Validation, l *reach.Location) { l.Active = active })
}

func (a *App) editLocation(ctx context.Context, actor reach.Actor, id, action string, want *int64, edit func(*reach.Validation, *reach.Location)) (*reach.Location, error) {
	e, err := a.editRecord(ctx, actor, reach.RecordRef{Type: reach.RecordLocation, ID: id}, editSpec{action: action, want: want,
		apply: func(_ reach.Tx, v *reach.Validation, r Record) error { edit(v, r.Location); return nil }})
	return e.Record.Location, err
}

// ListLocations lists locations, usually of one customer, a page at a time.
func (a *App) ListLocations(ctx context.Context, actor reach.Actor, f reach.LocationFilter) ([]reach.Location, error) {
	if err := actor.Require(reach.PermLocationView); err != nil {
		return nil, err
	}
	f.Limit = clampLimit(f.Limit)
	var out []reach.Location
	err := a.read(ctx, func(tx reach.Tx) error {
		if f.CustomerID != "" {
			if _, err := tx.Customer(ctx, actor.TenantID, f.CustomerID); err != nil {
				return err
			}
		}
		var err error
		if out, err = tx.ListLocations(ctx, actor.TenantID, f); err != nil {
			return err
		}
		var cms [][]reach.ContactMethod
		for _, l := range out {
			cms = append(cms, l.ContactMethods)
		}
		return flagPlaceholders(ctx, tx, actor.TenantID, cms...)
	})
	return out, err
}
