package app

import (
	"context"
	"fmt"
	"sort"
	"time"

	"reach"
)

// SyncOptions travel with a save: which other records get the save's replaced
// or removed values, and the confirmation that reaching other customers is
// intended.
type SyncOptions struct {
	Sync                 []SyncInput `json:"sync,omitempty" maxItems:"100" doc:"Apply replaced or removed values to other records holding them."`
	ConfirmCrossCustomer bool        `json:"confirm_cross_customer,omitempty" doc:"Required when a target belongs to another customer."`
}

// SyncInput applies one replaced or removed value to chosen records.
type SyncInput struct {
	From    string   `json:"from" maxLength:"320" doc:"The old value, as listed in changes[].from."`
	Targets []string `json:"targets" maxItems:"5000" doc:"Contact method ids of the candidates to change."`
	// Versions pins each target's record to the version the preview showed,
	// so a record changed since is refused rather than silently overwritten.
	Versions map[string]int64 `json:"versions,omitempty" doc:"Record version of each target as listed in its candidate (record.version); a target whose record changed since is refused."`
}

// ValueChange is a value an edit replaced or removed, with the other records
// holding it.
type ValueChange struct {
	From        string     `json:"from"`
	FromDisplay string     `json:"from_display"`
	To          string     `json:"to,omitempty" doc:"The new value; absent when the value was removed."`
	ToDisplay   string     `json:"to_display,omitempty"`
	ToExtension string     `json:"-"`
	Kind        reach.Kind `json:"kind"`
	// Placeholder is set when the old value is a placeholder: it is never synced.
	Placeholder *reach.PlaceholderFlag `json:"placeholder,omitempty"`
	Candidates  []Candidate            `json:"candidates"`
	// Synced lists the targets this save changed.
	Synced []string `json:"synced,omitempty"`
}

// Candidate is another active record's contact method holding a changed value.
type Candidate struct {
	ContactMethodID string          `json:"contact_method_id"`
	Kind            reach.Kind      `json:"kind"`
	Memo            string          `json:"memo"`
	Record          CandidateRecord `json:"record"`
	Customer        CandidateOwner  `json:"customer"`
	// CrossCustomer: the record belongs to another customer, so syncing to it
	// needs confirm_cross_customer.
	CrossCustomer bool `json:"cross_customer"`
	// Editable: the user may edit the record.
	Editable bool `json:"editable"`
	// Preselected: same customer and editable, as the screen ticks by default.
	Preselected bool `json:"preselected"`
}

// CandidateRecord names the record holding a candidate, with its version.
type CandidateRecord struct {
	Type    reach.RecordType `json:"type"`
	ID      string           `json:"id"`
	Name    string           `json:"name"`
	Version int64            `json:"version"`
}

// CandidateOwner names the customer owning a candidate's record.
type CandidateOwner struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// valueChanges lists the values the diff replaced or removed — those no
// longer on the record at all — with every other active holder in the tenant.
func (a *App) valueChanges(ctx context.Context, tx reach.Tx, actor reach.Actor, edited Record, diff []ContactDiff) ([]ValueChange, error) {
	rules, err := loadPlaceholderRules(ctx, tx, actor.TenantID)
	if err != nil {
		return nil, err
	}
	still := map[string]bool{}
	for _, m := range edited.Contacts() {
		still[m.Key] = true
	}
	changes := []ValueChange{}
	seen := map[string]bool{}
	for _, d := range diff {
		if d.Before == nil || still[d.Before.Key] || seen[d.Before.Key] {
			continue
		}
		seen[d.Before.Key] = true
		vc := ValueChange{From: d.Before.Value, FromDisplay: d.Before.Display, Kind: d.Before.Kind, Candidates: []Candidate{}}
		if d.After != nil && d.After.Kind.IsNumber() == d.Before.Kind.IsNumber() {
			vc.To, vc.ToDisplay, vc.ToExtension = d.After.Value, d.After.Display, d.After.Extension
		}
		vc.Placeholder = rules.check(d.Before.Kind, d.Before.Value)
		held, err := tx.ContactsByKey(ctx, actor.TenantID, d.Before.Key)
		if err != nil {
			return nil, err
		}
		for _, h := range held {
			if h.Owner == edited.Ref() || !h.RecordActive {
				continue
			}
			c := Candidate{
				ContactMethodID: h.ID, Kind: h.Kind, Memo: h.Memo,
				Record:        CandidateRecord{Type: h.Owner.Type, ID: h.Owner.ID, Name: h.RecordName, Version: h.RecordVersion},
				Customer:      CandidateOwner{ID: h.CustomerID, Name: h.CustomerName},
				CrossCustomer: h.CustomerID != edited.customerID(),
				Editable:      actor.Can(editPermission(h.Owner.Type)),
			}
			c.Preselected = c.Editable && !c.CrossCustomer && vc.Placeholder == nil
			vc.Candidates = append(vc.Candidates, c)
		}
		changes = append(changes, vc)
	}
	return changes, nil
}

// checkNoSync refuses sync requests on an edit that changed nothing.
func checkNoSync(opts SyncOptions, _ []ValueChange) error {
	if len(opts.Sync) > 0 {
		return syncNotApplicable(0, opts.Sync[0].From)
	}
	return nil
}

func syncNotApplicable(i int, from string) error {
	return &reach.Error{Code: reach.EVALIDATION, Message: fmt.Sprintf("This save does not replace or remove %s, so it can't be synced.", from),
		Fields: []reach.FieldError{{Field: fmt.Sprintf("sync[%d].from", i), Code: reach.ESYNCNOTAPPLICABLE,
			Message: fmt.Sprintf("%s is not a value this save replaces or removes; use a from listed in changes.", from)}}}
}

// syncTarget is one chosen contact method on another record.
type syncTarget struct {
	change *ValueChange
	method reach.ContactMethod
	record Record
}

// applySync applies the requested syncs inside the edit's transaction: every
// target is checked (it still holds the old value, its record is at the
// version the preview showed, the user may edit it, another customer's record
// is confirmed), and only then are all of them changed, each record one
// version on, recorded in the same change as the edit. Targets and their
// records are read and written in batches, so a sync to a thousand records
// is a handful of statements.
func (a *App) applySync(ctx context.Context, tx reach.Tx, actor reach.Actor, ch *change, edited Record, changes []ValueChange, opts SyncOptions) error {
	if len(opts.Sync) == 0 {
		return nil
	}
	byFrom := map[string]*ValueChange{}
	for i := range changes {
		byFrom[changes[i].From] = &changes[i]
	}
	var ids []string
	wantedBy := map[string]int{} // target id -> index of its sync entry
	for i, s := range opts.Sync {
		vc := byFrom[s.From]
		if vc == nil {
			return syncNotApplicable(i, s.From)
		}
		if vc.Placeholder != nil {
			return &reach.Error{Code: reach.EPLACEHOLDERSYNC,
				Message: fmt.Sprintf("%s is a placeholder (%s): updating it must never reach other records. Change each record on its own, or leave the value empty.", vc.FromDisplay, vc.Placeholder.Reason),
				Fields:  []reach.FieldError{{Field: fmt.Sprintf("sync[%d].from", i), Code: reach.EPLACEHOLDERSYNC, Message: vc.Placeholder.Reason}},
				Details: map[string]any{"rule": vc.Placeholder.Rule}}
		}
		for _, id := range s.Targets {
			if _, dup := wantedBy[id]; !dup {
				wantedBy[id] = i
				ids = append(ids, id)
			}
		}
	}
	// A target must be one of the candidates listed for its value: another
	// active record holding it now. Anything else moved on since the preview.
	type listed struct {
		Candidate
		from string
	}
	candidates := map[string]listed{}
	var owners []reach.RecordRef
	for _, vc := range changes {
		for _, c := range vc.Candidates {
			candidates[c.ContactMethodID] = listed{c, vc.From}
			owners = append(owners, reach.RecordRef{Type: c.Record.Type, ID: c.Record.ID})
		}
	}
	records, err := loadRecords(ctx, tx, actor.TenantID, owners)
	if err != nil {
		return err
	}
	var targets []syncTarget
	var forbidden, stale []string
	crossCustomers := map[string]string{}
	for _, id := range ids {
		i := wantedBy[id]
		s, vc := opts.Sync[i], byFrom[opts.Sync[i].From]
		if indexOf(edited.Contacts(), id) >= 0 {
			return &reach.Error{Code: reach.EVALIDATION, Message: "A sync target is on the record being edited; edit it in the same save instead.",
				Fields: []reach.FieldError{{Field: fmt.Sprintf("sync[%d].targets", i), Code: reach.ESYNCTARGETINVALID, Message: "Target " + id + " is on the record being edited."}}}
		}
		c, isCandidate := candidates[id]
		ref := reach.RecordRef{Type: c.Record.Type, ID: c.Record.ID}
		r, loaded := records[ref]
		want, pinned := s.Versions[id]
		switch {
		case !isCandidate || !loaded || c.from != vc.From || (pinned && want != r.Version()) || indexOf(r.Contacts(), id) < 0:
			stale = append(stale, id)
			continue
		case !c.Editable:
			forbidden = append(forbidden, id)
		}
		m := r.Contacts()[indexOf(r.Contacts(), id)]
		if r.customerID() != edited.customerID() {
			crossCustomers[r.customerID()] = c.Customer.Name
		}
		targets = append(targets, syncTarget{change: vc, method: m, record: r})
	}
	if len(forbidden) > 0 {
		return &reach.Error{Code: reach.EFORBIDDEN, Message: "You may not edit some of the records chosen for sync; nothing was saved.",
			Details: map[string]any{"targets": forbidden}}
	}
	if len(stale) > 0 {
		return &reach.Error{Code: reach.EVERSIONCONFLICT, Message: "Some records chosen for sync changed since they were listed (or no longer hold the value); nothing was saved. Preview again.",
			Details: map[string]any{"targets": stale}}
	}
	if len(crossCustomers) > 0 && !opts.ConfirmCrossCustomer {
		return &reach.Error{Code: reach.ECROSSCUSTOMER, Message: "Some records chosen for sync belong to other customers; confirm with confirm_cross_customer: true. Nothing was saved.",
			Details: map[string]any{"customers": ownersList(crossCustomers)}}
	}
	return syncRecords(ctx, tx, actor.TenantID, ch, targets)
}

// syncRecords changes every target: it works out each record's new state,
// writes the differences with the store's bulk edits, and audits each record.
func syncRecords(ctx context.Context, tx reach.Tx, tenantID string, ch *change, targets []syncTarget) error {
	byRecord := map[reach.RecordRef][]syncTarget{}
	var order []reach.RecordRef
	for _, t := range targets {
		ref := t.record.Ref()
		if byRecord[ref] == nil {
			order = append(order, ref)
		}
		byRecord[ref] = append(byRecord[ref], t)
	}
	setValue := map[reach.ContactValue][]string{}
	var removed []string
	bumped := map[reach.RecordType][]string{}
	for _, ref := range order {
		before := byRecord[ref][0].record
		after := before.clone()
		cms := after.Contacts()
		for _, t := range byRecord[ref] {
			cms = syncOne(cms, t, tx.Now())
			t.change.Synced = append(t.change.Synced, t.method.ID)
		}
		for _, t := range byRecord[ref] {
			if i := indexOf(cms, t.method.ID); i < 0 {
				removed = append(removed, t.method.ID)
			} else {
				m := cms[i]
				v := reach.ContactValue{Kind: t.change.Kind, Value: m.Value, Key: m.Key, Display: m.Display, Extension: m.Extension}
				setValue[v] = append(setValue[v], m.ID)
			}
		}
		after.setContacts(cms)
		after.bump(tx.Now())
		bumped[ref.Type] = append(bumped[ref.Type], ref.ID)
		ch.record(string(ref.Type), ref.ID, before.Value(), after.Value())
	}
	for v, ids := range setValue {
		if err := tx.SetContactValue(ctx, tenantID, ids, v, tx.Now()); err != nil {
			return err
		}
	}
	if err := tx.DeleteContactMethods(ctx, tenantID, removed); err != nil {
		return err
	}
	for typ, ids := range bumped {
		if err := tx.BumpVersions(ctx, tenantID, typ, ids, tx.Now()); err != nil {
			return err
		}
	}
	return nil
}

// syncOne applies one replaced or removed value to one method of a record: a
// replacement takes the new value and keeps the method's own kind, memo and
// flags; a removal, or a replacement the record already holds, removes it.
func syncOne(cms []reach.ContactMethod, t syncTarget, now time.Time) []reach.ContactMethod {
	i := indexOf(cms, t.method.ID)
	if i < 0 {
		return cms
	}
	newKey := reach.ContactKey(t.change.Kind, t.change.To)
	if t.change.To == "" || indexOfKey(cms, newKey) >= 0 {
		return append(cms[:i:i], cms[i+1:]...)
	}
	m := &cms[i]
	m.Value, m.Key, m.Display, m.Extension, m.UpdatedAt = t.change.To, newKey, t.change.ToDisplay, t.change.ToExtension, now
	return cms
}

func indexOfKey(cms []reach.ContactMethod, key string) int {
	for i, m := range cms {
		if m.Key == key {
			return i
		}
	}
	return -1
}

func ownersList(m map[string]string) []CandidateOwner {
	out := make([]CandidateOwner, 0, len(m))
	for id, name := range m {
		out = append(out, CandidateOwner{ID: id, Name: name})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
