package app

import (
	"fmt"
	"slices"
	"sort"

	"reach"
	"reach/phone"
)

// SyncOptions travel with a save: which other records get the save's replaced
// or removed values, and the confirmation that reaching other customers is
// intended.
type SyncOptions struct {
	Sync []SyncInput `json:"sync,omitempty"`
	// ConfirmCrossCustomer is required when a target belongs to another customer.
	ConfirmCrossCustomer bool `json:"confirm_cross_customer,omitempty"`
}

// SyncInput applies one replaced or removed value to chosen records.
type SyncInput struct {
	// From is the old value, in any format: it is compared as normalized.
	From string `json:"from"`
	// Targets are the contact method ids of the candidates to change.
	Targets []string `json:"targets"`
	// Versions pins targets' records to the version the preview showed
	// (keyed by the target's contact method id), so a record changed since
	// is refused rather than silently overwritten.
	Versions map[string]int64 `json:"versions,omitempty"`
}

// Limits of a sync request.
const (
	maxSyncEntries = 100
	maxSyncTargets = 5000
)

// ValueChange is a value an edit replaced or removed, with the other records
// holding it.
type ValueChange struct {
	From        string `json:"from"`
	FromDisplay string `json:"from_display"`
	// To is the new value; empty when the value was removed. A number
	// syncs without an extension: each target keeps its own.
	To        string     `json:"to,omitempty"`
	ToDisplay string     `json:"to_display,omitempty"`
	Kind      reach.Kind `json:"kind"`
	// Placeholder is set when the old value is a placeholder: it is never synced.
	Placeholder *reach.PlaceholderFlag `json:"placeholder,omitempty"`
	Candidates  []Candidate            `json:"candidates"`
	// Synced lists the targets this save changed.
	Synced []string `json:"synced,omitempty"`
	// key and toKey are the comparison keys of From and To.
	key, toKey string
}

// Candidate is another active record's contact method holding a changed value.
type Candidate struct {
	ContactMethodID string          `json:"contact_method_id"`
	Kind            reach.Kind      `json:"kind"`
	Extension       string          `json:"extension"`
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
func valueChanges(w *work, edited reach.Record, diff []ContactDiff) ([]ValueChange, error) {
	rules, err := w.placeholders()
	if err != nil {
		return nil, err
	}
	still := map[string]bool{}
	for _, m := range edited.Header().ContactMethods {
		still[m.Key] = true
	}
	changes := []ValueChange{}
	seen := map[string]bool{}
	for _, d := range diff {
		if d.Before == nil || still[d.Before.Key] || seen[d.Before.Key] {
			continue
		}
		seen[d.Before.Key] = true
		vc := ValueChange{From: d.Before.Value, FromDisplay: phone.Format(d.Before.Value, ""), Kind: d.Before.Kind, key: d.Before.Key, Candidates: []Candidate{}}
		if d.Before.Kind == reach.KindEmail {
			vc.FromDisplay = d.Before.Display
		}
		if a := d.After; a != nil && a.Kind.IsNumber() == d.Before.Kind.IsNumber() {
			vc.To, vc.toKey, vc.ToDisplay = a.Value, a.Key, phone.Format(a.Value, "")
			if a.Kind == reach.KindEmail {
				vc.ToDisplay = a.Display
			}
		}
		vc.Placeholder = rules.check(d.Before.Kind, d.Before.Value)
		held, err := w.tx.ContactsByKey(w.ctx, w.actor.TenantID, d.Before.Key)
		if err != nil {
			return nil, err
		}
		for _, h := range held {
			if h.Owner == edited.Ref() || !h.RecordActive {
				continue
			}
			c := Candidate{
				ContactMethodID: h.ID, Kind: h.Kind, Extension: h.Extension, Memo: h.Memo,
				Record:        CandidateRecord{Type: h.Owner.Type, ID: h.Owner.ID, Name: h.RecordName, Version: h.RecordVersion},
				Customer:      CandidateOwner{ID: h.CustomerID, Name: h.CustomerName},
				CrossCustomer: h.CustomerID != edited.OwnerID(),
				Editable:      w.actor.Can(h.Owner.Type.EditPermission()),
			}
			c.Preselected = c.Editable && !c.CrossCustomer && vc.Placeholder == nil
			vc.Candidates = append(vc.Candidates, c)
		}
		changes = append(changes, vc)
	}
	return changes, nil
}

func syncNotApplicable(i int, from string) error {
	return reach.Invalid(fmt.Sprintf("sync[%d].from", i), reach.ESYNCNOTAPPLICABLE,
		fmt.Sprintf("%s is not a value this save replaces or removes, so it can't be synced; use a from listed in changes.", from))
}

// syncTarget is one chosen contact method on another record.
type syncTarget struct {
	change *ValueChange
	method reach.ContactMethod
	record reach.Record
}

// applySync applies the requested syncs inside the edit's transaction: every
// target is checked (it still holds the old value, its record is at the
// version the preview showed, the user may edit it, another customer's record
// is confirmed), and only then are all of them changed, each record one
// version on, recorded in the same change as the edit.
func applySync(w *work, edited reach.Record, changes []ValueChange, opts SyncOptions) error {
	if len(opts.Sync) == 0 {
		return nil
	}
	if len(opts.Sync) > maxSyncEntries {
		return reach.Invalid("sync", reach.ETOOLONG, fmt.Sprintf("A save syncs at most %d values.", maxSyncEntries))
	}
	byKey := map[string]*ValueChange{}
	for i := range changes {
		byKey[changes[i].key] = &changes[i]
	}
	var ids []string
	wantedBy := map[string]int{}                        // target id -> index of its sync entry
	entryChange := make([]*ValueChange, len(opts.Sync)) // each entry's value, parsed once
	for i, s := range opts.Sync {
		vc := byKey[normalizeKey(s.From)]
		entryChange[i] = vc
		if vc == nil {
			return syncNotApplicable(i, s.From)
		}
		if vc.Placeholder != nil {
			return &reach.Error{Code: reach.EPLACEHOLDERSYNC,
				Message: fmt.Sprintf("%s is a placeholder (%s): updating it must never reach other records. Change each record on its own, or leave the value empty.", vc.FromDisplay, vc.Placeholder.Reason),
				Fields:  []reach.FieldError{{Field: fmt.Sprintf("sync[%d].from", i), Code: reach.EPLACEHOLDERSYNC, Message: vc.Placeholder.Reason}},
				Details: map[string]any{"rule": vc.Placeholder.Rule}}
		}
		if len(s.Targets) > maxSyncTargets {
			return reach.Invalid(fmt.Sprintf("sync[%d].targets", i), reach.ETOOLONG, fmt.Sprintf("A sync names at most %d targets.", maxSyncTargets))
		}
		for id := range s.Versions {
			if !containsString(s.Targets, id) {
				return reach.Invalid(fmt.Sprintf("sync[%d].versions.%s", i, id), reach.ESYNCTARGETINVALID,
					fmt.Sprintf("versions names %s, which is not one of this entry's targets; key each version by a target's contact_method_id.", id))
			}
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
		key string
	}
	candidates := map[string]listed{}
	for _, vc := range changes {
		for _, c := range vc.Candidates {
			candidates[c.ContactMethodID] = listed{c, vc.key}
		}
	}
	// Only the targets' records are read for writing (and so, on
	// PostgreSQL, locked): the other holders are not changed.
	var owners []reach.RecordRef
	for _, id := range ids {
		if c, ok := candidates[id]; ok {
			owners = append(owners, reach.RecordRef{Type: c.Record.Type, ID: c.Record.ID})
		}
	}
	records, err := loadRecords(w, owners)
	if err != nil {
		return err
	}
	var targets []syncTarget
	var forbidden, stale []string
	crossCustomers := map[string]string{}
	for _, id := range ids {
		i := wantedBy[id]
		s, vc := opts.Sync[i], entryChange[i]
		if indexOf(edited.Header().ContactMethods, id) >= 0 {
			return reach.Invalid(fmt.Sprintf("sync[%d].targets", i), reach.ESYNCTARGETINVALID,
				fmt.Sprintf("Target %s is on the record being edited; edit it in the same save instead.", id))
		}
		c, isCandidate := candidates[id]
		r, loaded := records[reach.RecordRef{Type: c.Record.Type, ID: c.Record.ID}]
		want, pinned := s.Versions[id]
		switch {
		case !isCandidate || !loaded || c.key != vc.key || (pinned && want != r.Header().Version) || indexOf(r.Header().ContactMethods, id) < 0:
			stale = append(stale, id)
			continue
		case !c.Editable:
			forbidden = append(forbidden, id)
		}
		m := r.Header().ContactMethods[indexOf(r.Header().ContactMethods, id)]
		if r.OwnerID() != edited.OwnerID() {
			crossCustomers[r.OwnerID()] = c.Customer.Name
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
	syncRecords(w, targets)
	return nil
}

// syncRecords saves every target's record with its targets changed: a
// replacement takes the new value, keeping the method's own kind, memo,
// extension and flags; a removal, or a replacement the record already
// holds, removes the method.
func syncRecords(w *work, targets []syncTarget) {
	before, after := map[reach.RecordRef]reach.Record{}, map[reach.RecordRef]reach.Record{}
	var order []reach.RecordRef
	var changes []*ValueChange
	for _, t := range targets {
		ref := t.record.Ref()
		r, ok := after[ref]
		if !ok {
			r = t.record.Clone()
			before[ref], after[ref] = t.record, r
			order = append(order, ref)
		}
		h := r.Header()
		h.ContactMethods = syncOne(h.ContactMethods, t)
		t.change.Synced = append(t.change.Synced, t.method.ID)
		if !slices.Contains(changes, t.change) {
			changes = append(changes, t.change)
		}
	}
	for _, ref := range order {
		w.save(before[ref], after[ref])
	}
	// The answer lists the targets' records at their new versions, so a
	// client pinning versions from it pins what is stored.
	for _, c := range changes {
		for i, cand := range c.Candidates {
			if r, ok := after[reach.RecordRef{Type: cand.Record.Type, ID: cand.Record.ID}]; ok {
				c.Candidates[i].Record.Version = r.Header().Version
			}
		}
	}
}

func syncOne(cms []reach.ContactMethod, t syncTarget) []reach.ContactMethod {
	i := indexOf(cms, t.method.ID)
	if i < 0 {
		return cms
	}
	m := cms[i]
	if t.change.To == "" || slices.ContainsFunc(cms, func(o reach.ContactMethod) bool { return o.Key == t.change.toKey && o.Extension == m.Extension }) {
		return append(cms[:i:i], cms[i+1:]...)
	}
	m.Value, m.Key, m.Display = t.change.To, t.change.toKey, t.change.ToDisplay
	if m.Kind.IsNumber() {
		m.Display = phone.Format(m.Value, m.Extension)
	}
	cms[i] = m
	return cms
}

func containsString(list []string, s string) bool { return slices.Contains(list, s) }

func ownersList(m map[string]string) []CandidateOwner {
	out := make([]CandidateOwner, 0, len(m))
	for id, name := range m {
		out = append(out, CandidateOwner{ID: id, Name: name})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
