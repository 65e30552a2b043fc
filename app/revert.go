package app

import (
	"context"
	"encoding/json"
	"fmt"

	"reach"
)

// RevertConflict names a record that changed after the change being reverted.
type RevertConflict struct {
	Type reach.RecordType `json:"type"`
	ID   string           `json:"id"`
	Name string           `json:"name"`
	// Version is the record's version now; ChangedVersion the one the
	// change left it at.
	Version        int64 `json:"version"`
	ChangedVersion int64 `json:"changed_version"`
}

// revertNeeds lists, for changes that needed more than edit rights, the
// permission their revert needs too: undoing a cleanup puts placeholder
// values back, which only those who manage placeholders may do.
var revertNeeds = map[string]reach.Permission{"placeholders.cleanup": reach.PermPlaceholdersManage}

// RevertChange puts every record a change touched back as it was before the
// change, atomically, as a new change. If any of them changed since, nothing
// is written and the conflicts are listed. The actor needs edit rights on
// every touched record, whatever the change itself needed, and — for someone
// else's change — the right to see the audit trail.
func (a *App) RevertChange(ctx context.Context, actor reach.Actor, id string) (*reach.Change, error) {
	return a.do(ctx, actor, "change.revert", func(w *work) error {
		c, err := w.tx.Change(ctx, actor.TenantID, id)
		if err != nil {
			return err
		}
		if c.ActorID != actor.UserID {
			if err := actor.Require(reach.PermAuditView); err != nil {
				return err
			}
		}
		if p, ok := revertNeeds[c.Action]; ok {
			if err := actor.Require(p); err != nil {
				return err
			}
		}
		steps, err := revertSteps(actor, c)
		if err != nil {
			return err
		}
		var conflicts []RevertConflict
		current := make([]reach.Record, len(steps))
		for i, s := range steps {
			if current[i], err = loadRecord(w, s.ref); err != nil {
				return err
			}
			if v := current[i].Header().Version; v != s.leftAt {
				conflicts = append(conflicts, RevertConflict{Type: s.ref.Type, ID: s.ref.ID, Name: current[i].Header().Name, Version: v, ChangedVersion: s.leftAt})
			}
		}
		if len(conflicts) > 0 {
			return &reach.Error{Code: reach.EREVERTCONFLICT,
				Message: fmt.Sprintf("%d record(s) changed after this change, so reverting it would undo later work; nothing was reverted.", len(conflicts)),
				Details: map[string]any{"records": conflicts}}
		}
		for i, s := range steps {
			restored, err := s.restore()
			if err != nil {
				return err
			}
			w.restore(current[i], restored)
		}
		return nil
	})
}

// revertStep is one record to put back: its state before the change, and the
// version the change left it at.
type revertStep struct {
	ref    reach.RecordRef
	before json.RawMessage
	leftAt int64
}

// revertible says whether a change's entry about a record can be put back:
// an edit of an existing customer or location can; a creation can't (it is
// undone by deactivating the record).
func revertible(typ reach.RecordType, before json.RawMessage) bool {
	return (typ == reach.RecordCustomer || typ == reach.RecordLocation) && len(before) > 0 && string(before) != "null"
}

// Revertible says whether a record's history item is one RevertChange can
// undo, as far as that item goes: screens offer "Undo" by it.
func Revertible(it reach.HistoryItem) bool {
	return revertible(reach.RecordType(it.EntityType), it.Before)
}

// revertSteps reads a change's entries into the records to restore, refusing
// entries that can't be reverted and records the actor may not edit.
func revertSteps(actor reach.Actor, c *reach.Change) ([]revertStep, error) {
	var steps []revertStep
	index := map[reach.RecordRef]int{}
	for _, e := range c.Entries {
		typ := reach.RecordType(e.EntityType)
		if !revertible(typ, e.Before) {
			return nil, reach.Errorf(reach.EREVERTUNSUPPORTED,
				"This change (%s) can't be reverted: only edits of existing customers and locations can. To undo a creation, deactivate the record.", c.Action)
		}
		if err := actor.Require(typ.EditPermission()); err != nil {
			return nil, err
		}
		var after struct {
			Version int64 `json:"version"`
		}
		if err := json.Unmarshal(e.After, &after); err != nil {
			return nil, err
		}
		ref := reach.RecordRef{Type: typ, ID: e.EntityID}
		if i, seen := index[ref]; seen { // touched twice: first before, last after
			steps[i].leftAt = after.Version
			continue
		}
		index[ref] = len(steps)
		steps = append(steps, revertStep{ref: ref, before: e.Before, leftAt: after.Version})
	}
	return steps, nil
}

// restore decodes the state before the change into a record; the unit of
// work fills what snapshots leave out (the tenant, each method's owner and
// key).
func (s revertStep) restore() (reach.Record, error) {
	var r reach.Record = &reach.Customer{}
	if s.ref.Type == reach.RecordLocation {
		r = &reach.Location{}
	}
	if err := json.Unmarshal(s.before, r); err != nil {
		return nil, err
	}
	return r, nil
}
