package app

import (
	"context"
	"reflect"
	"time"

	"reach"
)

// work is one use case's transaction: who acts, the tenant's rules it reads
// once, and what it changes. Every write of customers, locations and contact
// methods — an edit, a sync, a cleanup, a revert, a creation — goes through
// save, so versions, provenance, audit and the store's one write path are
// the same for all of them. Later concerns (consent, import, merge) hook here.
type work struct {
	ctx    context.Context
	tx     reach.Tx
	actor  reach.Actor
	change *reach.Change
	// rules are the tenant's placeholder rules, read on first use.
	rules *placeholderRules
	// writes are the records saved, in order; written and audited by flush.
	writes []reach.RecordWrite
	saved  map[reach.RecordRef]int
	// audit lists the change's entries in order: a record's (by its index
	// in writes) or another entity's.
	audit []auditEntry
}

type auditEntry struct {
	write int // index into writes, or -1
	entry reach.ChangeEntry
}

func newWork(ctx context.Context, tx reach.Tx, actor reach.Actor, action string) *work {
	return &work{ctx: ctx, tx: tx, actor: actor, saved: map[reach.RecordRef]int{},
		change: &reach.Change{ID: reach.NewID(), TenantID: actor.TenantID, ActorID: actor.UserID, Source: actor.Source, Action: action, At: tx.Now()}}
}

func (w *work) now() time.Time { return w.tx.Now() }

// placeholders returns the tenant's placeholder rules, read once per use case.
func (w *work) placeholders() (*placeholderRules, error) {
	if w.rules == nil {
		list, err := w.tx.Placeholders(w.ctx, w.actor.TenantID)
		if err != nil {
			return nil, err
		}
		w.rules = newPlaceholderRules(list)
	}
	return w.rules, nil
}

// save queues a record's new state — a new record when before is nil — and
// reports whether anything changed. A changed record moves one version on;
// each contact method gets its owner and key, a new one the actor's
// provenance, a changed one its update time. A record saved twice in one
// use case is written once, from its first state to its last.
func (w *work) save(before, after reach.Record) bool { return w.put(before, after, true) }

// restore is save for a revert: the contact methods come back exactly as
// they were, provenance and update times included.
func (w *work) restore(before, after reach.Record) bool { return w.put(before, after, false) }

func (w *work) put(before, after reach.Record, stamp bool) bool {
	ref := after.Ref()
	i, again := w.saved[ref]
	if again {
		before = w.writes[i].Before
	}
	w.deriveMethods(before, after, stamp)
	changed := before == nil || !sameRecord(before, after)
	h, now := after.Header(), w.now()
	h.TenantID = w.actor.TenantID
	switch {
	case before == nil:
		h.Version, h.CreatedAt, h.UpdatedAt = 1, now, now
	case changed:
		h.Version, h.UpdatedAt = before.Header().Version+1, now
	default:
		h.Version, h.UpdatedAt = before.Header().Version, before.Header().UpdatedAt
	}
	// What is written and audited is the record as saved: the caller may go
	// on to flag placeholders on after for its reply, which are never stored.
	if again {
		w.writes[i].After = after.Clone()
		return changed
	}
	if !changed {
		return false
	}
	w.saved[ref] = len(w.writes)
	w.audit = append(w.audit, auditEntry{write: len(w.writes)})
	w.writes = append(w.writes, reach.RecordWrite{Before: before, After: after.Clone()})
	return true
}

// deriveMethods fills what the rules derive for each contact method of
// after: its owner and key and, when stamping, its provenance and update time.
func (w *work) deriveMethods(before, after reach.Record, stamp bool) {
	old := map[string]reach.ContactMethod{}
	if before != nil {
		for _, m := range before.Header().ContactMethods {
			old[m.ID] = m
		}
	}
	now := w.now()
	cms := after.Header().ContactMethods
	for i := range cms {
		m := &cms[i]
		m.Owner, m.CustomerID, m.Key, m.Placeholder = after.Ref(), after.OwnerID(), reach.ContactKey(m.Kind, m.Value), nil
		if !stamp {
			continue
		}
		prev, kept := old[m.ID]
		switch {
		case !kept:
			m.CreatedAt, m.UpdatedAt, m.CreatedBy, m.Source = now, now, w.actor.UserID, w.actor.Source
		case !sameMethod(prev, *m):
			m.UpdatedAt = now
		default:
			m.UpdatedAt = prev.UpdatedAt
		}
	}
}

// record audits a change to an entity that is not a customer or location.
func (w *work) record(entityType, entityID string, before, after any) {
	w.audit = append(w.audit, auditEntry{write: -1, entry: reach.ChangeEntry{
		EntityType: entityType, EntityID: entityID, Before: reach.Snapshot(before), After: reach.Snapshot(after)}})
}

// flush writes the saved records in one call and the change auditing them
// and everything else recorded, in the same transaction.
func (w *work) flush() error {
	var writes []reach.RecordWrite
	for _, a := range w.audit {
		if a.write < 0 {
			w.change.Entries = append(w.change.Entries, a.entry)
			continue
		}
		rw := w.writes[a.write]
		if rw.Before != nil && sameRecord(rw.Before, rw.After) {
			continue
		}
		writes = append(writes, rw)
		var before any
		if rw.Before != nil {
			before = rw.Before
		}
		ref := rw.After.Ref()
		w.change.Entries = append(w.change.Entries, reach.ChangeEntry{EntityType: string(ref.Type), EntityID: ref.ID,
			Before: reach.Snapshot(before), After: reach.Snapshot(rw.After)})
	}
	if len(writes) > 0 {
		if err := w.tx.WriteRecords(w.ctx, w.actor.TenantID, writes); err != nil {
			return err
		}
	}
	if len(w.change.Entries) == 0 {
		return nil
	}
	return w.tx.InsertChange(w.ctx, w.change)
}

// sameRecord reports whether two states of a record are the same but for
// version and update times.
func sameRecord(a, b reach.Record) bool {
	return reflect.DeepEqual(comparable(a), comparable(b))
}

func comparable(r reach.Record) reach.Record {
	c := r.Clone()
	h := c.Header()
	h.Version, h.UpdatedAt = 0, time.Time{}
	for i := range h.ContactMethods {
		h.ContactMethods[i] = comparableMethod(h.ContactMethods[i])
	}
	return c
}

// sameMethod reports whether a contact method is unchanged, whatever its
// update time, position or flags for display.
func sameMethod(a, b reach.ContactMethod) bool {
	return comparableMethod(a) == comparableMethod(b)
}

func comparableMethod(m reach.ContactMethod) reach.ContactMethod {
	m.UpdatedAt, m.Position, m.Placeholder = time.Time{}, 0, nil
	return m
}
