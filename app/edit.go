package app

import (
	"context"
	"reflect"
	"time"

	"reach"
)

// editRecord is the one path by which an existing customer or location
// changes. It checks permission, loads the record, checks the version the
// client based its edit on, lets edit change a copy, validates the result and,
// when anything changed, saves it one version on with its audit entry in the
// same transaction. An edit that changes nothing writes nothing.
func (a *App) editRecord(ctx context.Context, actor reach.Actor, ref reach.RecordRef, action string, want *int64,
	edit func(tx reach.Tx, v *reach.Validation, r Record),
) (Record, error) {
	if err := actor.Require(editPermission(ref.Type)); err != nil {
		return Record{}, err
	}
	var out Record
	_, err := a.write(ctx, actor, action, want != nil, func(tx reach.Tx, ch *change) error {
		before, err := loadRecord(ctx, tx, actor.TenantID, ref)
		if err != nil {
			return err
		}
		if err := checkVersion(string(ref.Type), ref.ID, before.Version(), want); err != nil {
			return err
		}
		after := before.clone()
		var v reach.Validation
		edit(tx, &v, after)
		if v.Err() == nil {
			checkSet(&v, "contact_methods", after.Contacts())
		}
		if err := v.Err(); err != nil {
			return err
		}
		stampChanged(before.Contacts(), after.Contacts(), tx.Now())
		if reflect.DeepEqual(before.Value(), after.Value()) {
			out = before
			return nil
		}
		after.bump(tx.Now())
		if err := after.save(ctx, tx, before.Version()); err != nil {
			return err
		}
		ch.record(string(ref.Type), ref.ID, before.Value(), after.Value())
		out = after
		return nil
	})
	return out, err
}

// stampChanged sets UpdatedAt on each method that differs from its stored self.
func stampChanged(stored, next []reach.ContactMethod, now time.Time) {
	for i := range next {
		for _, s := range stored {
			if s.ID == next[i].ID {
				s.UpdatedAt = next[i].UpdatedAt
				if !reflect.DeepEqual(s, next[i]) {
					next[i].UpdatedAt = now
				}
			}
		}
	}
}
