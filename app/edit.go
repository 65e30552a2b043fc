package app

import (
	"context"
	"fmt"
	"strings"

	"reach"
	"reach/email"
	"reach/phone"
)

// Edit is what one edit of a record did or, previewed, would do.
type Edit struct {
	// Record is the record after the edit.
	Record reach.Record
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
	// base is the version the edit is based on; required unless previewing.
	base int64
	// sync applies the edit's replaced or removed values to other records.
	sync SyncOptions
	// preview computes the edit without writing anything.
	preview bool
	// apply changes a copy of the record, reporting problems in v. When it
	// changes the contact methods it returns which request entry holds each
	// (see checkSet), so the whole list is checked.
	apply func(w *work, v *reach.Validation, r reach.Record) (fieldOf func(i int) (string, bool), err error)
}

// editRecord is the one path by which an existing customer or location
// changes. It checks permission and the version the edit is based on, lets
// apply change a copy, validates the result, finds the other holders of
// every value replaced or removed, and — unless previewing — saves the
// record and the requested syncs as one change. An edit that changes
// nothing writes nothing.
func (a *App) editRecord(ctx context.Context, actor reach.Actor, ref reach.RecordRef, spec editSpec) (Edit, error) {
	if err := actor.Require(ref.Type.EditPermission()); err != nil {
		return Edit{}, err
	}
	if !spec.preview {
		if err := requireVersion(string(ref.Type), spec.base); err != nil {
			return Edit{}, err
		}
	}
	var out Edit
	run := func(w *work) error {
		before, err := loadRecord(w, ref)
		if err != nil {
			return err
		}
		if spec.base != 0 {
			if err := checkVersion(string(ref.Type), ref.ID, before.Header().Version, spec.base); err != nil {
				return err
			}
		}
		after := before.Clone()
		var v reach.Validation
		fieldOf, err := spec.apply(w, &v, after)
		if err != nil {
			return err
		}
		if fieldOf != nil {
			checkSet(&v, after.Header().ContactMethods, fieldOf)
		}
		if err := v.Err(); err != nil {
			return err
		}
		if sameRecord(before, after) {
			out.Record = before
			if len(spec.sync.Sync) > 0 {
				return syncNotApplicable(0, spec.sync.Sync[0].From)
			}
			return flagRecords(w, before)
		}
		if !spec.preview {
			w.save(before, after)
			out.ChangeID = w.change.ID
		}
		out.Record, out.Diff = after, diffContacts(before.Header().ContactMethods, after.Header().ContactMethods)
		if out.Changes, err = valueChanges(w, after, out.Diff); err != nil {
			return err
		}
		if !spec.preview {
			if err := applySync(w, after, out.Changes, spec.sync); err != nil {
				return err
			}
		}
		return flagRecords(w, after)
	}
	if spec.preview {
		return out, a.view(ctx, actor, run)
	}
	_, err := a.do(ctx, actor, spec.action, run)
	return out, err
}

// newMethod is a contact method not yet stored, with its own id.
func newMethod(n reach.ContactMethod) reach.ContactMethod {
	n.ID = reach.NewID()
	return n
}

// adopt gives a stored method the normalized fields of an edit of it,
// keeping its id and provenance.
func adopt(stored, n reach.ContactMethod) reach.ContactMethod {
	stored.Kind, stored.Value, stored.Key, stored.Display, stored.Extension, stored.Memo, stored.Primary =
		n.Kind, n.Value, n.Key, n.Display, n.Extension, n.Memo, n.Primary
	return stored
}

// SaveContactMethods replaces a record's whole set of contact methods at once,
// as the Edit Contact Methods screen saves: entries with an id update that
// method, entries without one update the stored method with the same value
// (so re-sending a value keeps its history) or are added, and methods not
// listed are removed. All rows change or none do, together with any syncs.
// With preview, it returns what the save would do and writes nothing.
func (a *App) SaveContactMethods(ctx context.Context, actor reach.Actor, ref reach.RecordRef, in []ContactMethodInput, base int64, sync SyncOptions, preview bool) (Edit, error) {
	spec := editSpec{action: "contact_methods.save", base: base, sync: sync, preview: preview}
	spec.apply = func(w *work, v *reach.Validation, r reach.Record) (func(int) (string, bool), error) {
		rules, err := w.placeholders()
		if err != nil {
			return nil, err
		}
		current := r.Header().ContactMethods
		claimed := map[string]bool{}
		for i, item := range in {
			if item.ID == "" {
				continue
			}
			if indexOf(current, item.ID) < 0 || claimed[item.ID] {
				v.Add(fmt.Sprintf("contact_methods[%d].id", i), reach.EUNKNOWNCONTACTMETHOD,
					fmt.Sprintf("Contact method %q is not on this record (or is listed twice); omit id to add a new one.", item.ID))
			}
			claimed[item.ID] = true
		}
		next := make([]reach.ContactMethod, 0, len(in))
		fields := make([]string, 0, len(in))
		for i, item := range in {
			field := fmt.Sprintf("contact_methods[%d]", i)
			var stored *reach.ContactMethod
			if item.ID != "" {
				j := indexOf(current, item.ID)
				if j < 0 {
					continue
				}
				stored = &current[j]
			} else if j := unclaimedSame(current, claimed, item); j >= 0 {
				stored = &current[j]
				claimed[stored.ID] = true
			}
			if stored != nil && item.Kind == "" {
				item.Kind = stored.Kind
			}
			n := normalizeContact(v, rules, field, item, stored)
			if stored != nil {
				n = adopt(*stored, n)
			} else {
				n = newMethod(n)
			}
			next, fields = append(next, n), append(fields, field)
		}
		r.Header().ContactMethods = next
		return func(i int) (string, bool) { return fields[i], true }, nil
	}
	return a.editRecord(ctx, actor, ref, spec)
}

// unclaimedSame finds the stored method, not already named by id, that an
// entry without an id re-sends: the same number and extension, or the same
// address. -1 if none.
func unclaimedSame(current []reach.ContactMethod, claimed map[string]bool, in ContactMethodInput) int {
	key, ext, ok := identityOf(in)
	if !ok {
		return -1
	}
	for i, m := range current {
		if !claimed[m.ID] && m.Key == key && m.Extension == ext {
			return i
		}
	}
	return -1
}

// identityOf reads what an entry's value is — its key and extension —
// without judging it; ok is false when it can't be read.
func identityOf(in ContactMethodInput) (key, ext string, ok bool) {
	if kindOf(in) == reach.KindEmail {
		addr, err := email.Parse(in.Value)
		return addr.Key, "", err == nil
	}
	n, err := phone.Parse(in.Value)
	if err != nil {
		return "", "", false
	}
	if e := strings.TrimSpace(in.Extension); e != "" {
		n.Extension = e
	}
	return n.E164, n.Extension, true
}

// AddContactMethod adds one contact method to a record and returns its id.
func (a *App) AddContactMethod(ctx context.Context, actor reach.Actor, ref reach.RecordRef, in ContactMethodInput, base int64) (Edit, string, error) {
	var id string
	spec := editSpec{action: "contact_method.add", base: base}
	spec.apply = func(w *work, v *reach.Validation, r reach.Record) (func(int) (string, bool), error) {
		rules, err := w.placeholders()
		if err != nil {
			return nil, err
		}
		if refuseID(v, "", in) {
			return nil, v.Err()
		}
		m := newMethod(normalizeContact(v, rules, "", in, nil))
		id = m.ID
		h := r.Header()
		h.ContactMethods = append(h.ContactMethods, m)
		last := len(h.ContactMethods) - 1
		if m.Primary {
			movePrimary(h.ContactMethods, last)
		}
		return func(i int) (string, bool) { return "", i == last }, nil
	}
	ed, err := a.editRecord(ctx, actor, ref, spec)
	return ed, id, err
}

// ContactMethodOwner finds which record holds a contact method, checking the
// actor may see that record.
func (a *App) ContactMethodOwner(ctx context.Context, actor reach.Actor, id string) (reach.RecordRef, error) {
	var ref reach.RecordRef
	err := a.view(ctx, actor, func(w *work) error {
		m, err := w.tx.ContactMethod(ctx, actor.TenantID, id)
		if err != nil {
			return err
		}
		ref = m.Owner
		return actor.Require(ref.Type.ViewPermission())
	})
	return ref, err
}

// ContactMethodRecord returns the record holding a contact method.
func (a *App) ContactMethodRecord(ctx context.Context, actor reach.Actor, id string) (reach.Record, error) {
	ref, err := a.ContactMethodOwner(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	var r reach.Record
	err = a.view(ctx, actor, func(w *work) (err error) {
		if r, err = loadRecord(w, ref); err != nil {
			return err
		}
		return flagRecords(w, r)
	})
	return r, err
}

// ContactMethodChange is a change to one contact method: a patch, or its
// removal, with syncs to other records.
type ContactMethodChange struct {
	Patch  ContactMethodPatch
	Remove bool
	SyncOptions
}

// ChangeContactMethod patches or removes one contact method, applying any
// syncs in the same change; with preview it only reports what would happen.
// Switching among mobile, phone and fax keeps the value, memo and history.
func (a *App) ChangeContactMethod(ctx context.Context, actor reach.Actor, id string, c ContactMethodChange, base int64, preview bool) (Edit, error) {
	ref, err := a.ContactMethodOwner(ctx, actor, id)
	if err != nil {
		return Edit{}, err
	}
	spec := editSpec{action: "contact_method.update", base: base, sync: c.SyncOptions, preview: preview}
	if c.Remove {
		spec.action = "contact_method.remove"
	}
	spec.apply = func(w *work, v *reach.Validation, r reach.Record) (func(int) (string, bool), error) {
		h := r.Header()
		i := indexOf(h.ContactMethods, id)
		if i < 0 { // removed by a concurrent writer since we looked it up
			return nil, reach.NotFound("contact method", id)
		}
		if c.Remove {
			h.ContactMethods = append(h.ContactMethods[:i:i], h.ContactMethods[i+1:]...)
			return nil, nil
		}
		rules, err := w.placeholders()
		if err != nil {
			return nil, err
		}
		h.ContactMethods[i] = patchContact(v, rules, h.ContactMethods[i], c.Patch)
		if h.ContactMethods[i].Primary {
			movePrimary(h.ContactMethods, i)
		}
		return func(j int) (string, bool) { return "", j == i }, nil
	}
	return a.editRecord(ctx, actor, ref, spec)
}

// patchContact applies a patch to one method, revalidating its value. A
// kind switch keeps the value, memo and extension — so switching a number
// with an extension to mobile is refused, as adding it would be.
func patchContact(v *reach.Validation, rules *placeholderRules, old reach.ContactMethod, p ContactMethodPatch) reach.ContactMethod {
	in := ContactMethodInput{Kind: old.Kind, Value: old.Value, Extension: old.Extension, Memo: old.Memo, Primary: old.Primary}
	if p.Kind != nil {
		in.Kind = *p.Kind
		if (in.Kind == reach.KindEmail) != (old.Kind == reach.KindEmail) && p.Value == nil {
			v.Add("kind", reach.EKINDCHANGE, fmt.Sprintf("%s cannot become %s with the same value; send the new value too.", capitalize(withArticle(kindNoun(old.Kind))), withArticle(kindNoun(in.Kind))))
			return old
		}
	}
	if p.Value != nil {
		in.Value, in.Extension = *p.Value, ""
	}
	if p.Extension != nil {
		in.Extension = *p.Extension
	}
	if p.Memo != nil {
		in.Memo = *p.Memo
	}
	if p.Primary != nil {
		in.Primary = *p.Primary
	}
	return adopt(old, normalizeContact(v, rules, "", in, &old))
}
