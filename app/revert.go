package app

import (
	"context"
	"encoding/json"
	"fmt"

	"reach"
)

// RevertConflict names a record that changed after the change being reverted.
type RevertConflict struct {
	Type           reach.RecordType `json:"type"`
	ID             string           `json:"id"`
	Name           string           `json:"name"`
	Version        int64            `json:"version" doc:"Its version now."`
	ChangedVersion int64            `json:"changed_version" doc:"The version the change left it at."`
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
	return a.write(ctx, actor, "change.revert", true, func(tx reach.Tx, ch *change) error {
		c, err := tx.Change(ctx, actor.TenantID, id)
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
		current := make([]Record, len(steps))
		for i, s := range steps {
			if current[i], err = loadRecord(ctx, tx, actor.TenantID, s.ref); err != nil {
				return err
			}
			if v := current[i].Version(); v != s.leftAt {
				conflicts = append(conflicts, RevertConflict{Type: s.ref.Type, ID: s.ref.ID, Name: current[i].name(), Version: v, ChangedVersion: s.leftAt})
			}
		}
		if len(conflicts) > 0 {
			return &reach.Error{Code: reach.EREVERTCONFLICT,
				Message: fmt.Sprintf("%d record(s) changed after this change, so reverting it would undo later work; nothing was reverted.", len(conflicts)),
				Details: map[string]any{"records": conflicts}}
		}
		for i, s := range steps {
			restored, err := s.restore(actor.TenantID)
			if err != nil {
				return err
			}
			restored.setVersion(current[i].Version()+1, tx.Now())
			if err := restored.save(ctx, tx, current[i].Version()); err != nil {
				return err
			}
			ch.record(string(s.ref.Type), s.ref.ID, current[i].Value(), restored.Value())
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

// revertSteps reads a change's entries into the records to restore, refusing
// entries that can't be reverted and records the actor may not edit.
func revertSteps(actor reach.Actor, c *reach.Change) ([]revertStep, error) {
	var steps []revertStep
	index := map[reach.RecordRef]int{}
	for _, e := range c.Entries {
		typ := reach.RecordType(e.EntityType)
		if typ == reach.RecordCustomer || typ == reach.RecordLocation {
			if err := actor.Require(editPermission(typ)); err != nil {
				return nil, err
			}
		}
		if (typ != reach.RecordCustomer && typ != reach.RecordLocation) || string(e.Before) == "null" {
			return nil, reach.Errorf(reach.EREVERTUNSUPPORTED,
				"This change (%s) can't be reverted: only edits of existing customers and locations can. To undo a creation, deactivate the record.", c.Action)
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

// restore decodes the state before the change into a record, filling what
// snapshots leave out: the tenant, and each method's owner and key.
func (s revertStep) restore(tenantID string) (Record, error) {
	var r Record
	var err error
	if s.ref.Type == reach.RecordLocation {
		r.Location = &reach.Location{}
		err = json.Unmarshal(s.before, r.Location)
		r.Location.TenantID = tenantID
	} else {
		r.Customer = &reach.Customer{}
		err = json.Unmarshal(s.before, r.Customer)
		r.Customer.TenantID = tenantID
	}
	if err != nil {
		return Record{}, err
	}
	cms := r.Contacts()
	for i := range cms {
		cms[i].Owner, cms[i].CustomerID, cms[i].Key = s.ref, r.customerID(), reach.ContactKey(cms[i].Kind, cms[i].Value)
	}
	return r, nil
}
