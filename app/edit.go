package app

import (
	"context"
	"reflect"
	"time"

	"reach"
)

// Edit is what one edit of a record did or, previewed, would do.
type Edit struct {
	// Record is the record after the edit.
	Record Record
	// ChangeID names the audited change; empty when nothing changed or when
	// the edit was only previewed.
	ChangeID string
	// Diff lists the contact methods added, changed and removed.
	Diff []ContactDiff
	// Changes lists the values the edit replaced or removed, each with the
	// other records holding them: the sync candidates.
	Changes []ValueChange
}

// editSpec says what an edit of a record does and how.
type editSpec struct {
	action string
	// want is the version the client based the edit on; nil means latest.
	want *int64
	// sync applies the edit's replaced or removed values to other records.
	sync SyncOptions
	// preview computes the edit without writing anything.
	preview bool
	// apply changes a copy of the record, reporting problems in v.
	apply func(tx reach.Tx, v *reach.Validation, r Record) error
}

// editRecord is the one path by which an existing customer or location
// changes. It checks permission, loads the record, checks the version the
// client based its edit on, lets apply change a copy, validates the result,
// finds the other holders of every value replaced or removed, and — unless
// previewing — saves the record one version on, applies the requested syncs,
// and audits all of it as one change in the same transaction. An edit that
// changes nothing writes nothing.
func (a *App) editRecord(ctx context.Context, actor reach.Actor, ref reach.RecordRef, spec editSpec) (Edit, error) {
	if err := actor.Require(editPermission(ref.Type)); err != nil {
		return Edit{}, err
	}
	var out Edit
	run := func(tx reach.Tx, ch *change) error {
		before, err := loadRecord(ctx, tx, actor.TenantID, ref)
		if err != nil {
			return err
		}
		if err := checkVersion(string(ref.Type), ref.ID, before.Version(), spec.want); err != nil {
			return err
		}
		after := before.clone()
		var v reach.Validation
		if err := spec.apply(tx, &v, after); err != nil {
			return err
		}
		if v.Err() == nil {
			checkSet(&v, "contact_methods", after.Contacts())
		}
		if err := v.Err(); err != nil {
			return err
		}
		stampChanged(before.Contacts(), after.Contacts(), tx.Now())
		out = Edit{Record: after, Diff: diffContacts(before.Contacts(), after.Contacts())}
		if out.Changes, err = a.valueChanges(ctx, tx, actor, after, out.Diff); err != nil {
			return err
		}
		if reflect.DeepEqual(before.Value(), after.Value()) {
			out.Record = before
			if err := checkNoSync(spec.sync, out.Changes); err != nil {
				return err
			}
			return flagPlaceholders(ctx, tx, actor.TenantID, before.Contacts())
		}
		if spec.preview { // shown at the current version: the one to send in If-Match
			return flagPlaceholders(ctx, tx, actor.TenantID, after.Contacts())
		}
		after.bump(tx.Now())
		if err := after.save(ctx, tx, before.Version()); err != nil {
			return err
		}
		ch.record(string(ref.Type), ref.ID, before.Value(), after.Value())
		if err := a.applySync(ctx, tx, actor, ch, after, out.Changes, spec.sync); err != nil {
			return err
		}
		out.ChangeID = ch.c.ID
		return flagPlaceholders(ctx, tx, actor.TenantID, after.Contacts())
	}
	if spec.preview {
		err := a.read(ctx, func(tx reach.Tx) error { return run(tx, &change{c: &reach.Change{}}) })
		return out, err
	}
	_, err := a.write(ctx, actor, spec.action, spec.want != nil, run)
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
