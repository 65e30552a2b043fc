package app

import (
	"context"
	"fmt"

	"reach"
)

// CleanupInput names the values to remove from every record holding them.
type CleanupInput struct {
	// Values to remove, as listed in the report (any format for numbers).
	Values []string `json:"values,omitempty"`
	// AllPlaceholders adds every value the rules or the tenant's list mark;
	// suspects are removed only when listed in values, since real shared
	// lines exist.
	AllPlaceholders bool `json:"all_placeholders,omitempty"`
}

// CleanupResult says what a cleanup removed.
type CleanupResult struct {
	// ChangeID names the change, to revert it; empty when nothing was removed.
	ChangeID string   `json:"change_id,omitempty"`
	Values   []string `json:"values"`
	// Removed counts the contact methods removed.
	Removed int `json:"removed"`
	// Unmatched lists the values no record held, so a typo is noticed.
	Unmatched []string `json:"unmatched,omitempty"`
	// Records counts the records changed.
	Records int `json:"records"`
}

// maxCleanupValues bounds the values one cleanup names.
const maxCleanupValues = 1000

// CleanupPlaceholders removes values from every record holding them, as one
// audited change that can be reverted. progress, if set, hears how many of
// the values are done.
func (a *App) CleanupPlaceholders(ctx context.Context, actor reach.Actor, in CleanupInput, progress func(done, total int)) (CleanupResult, error) {
	for _, p := range []reach.Permission{reach.PermPlaceholdersManage, reach.PermCustomerEdit, reach.PermLocationEdit} {
		if err := actor.Require(p); err != nil {
			return CleanupResult{}, err
		}
	}
	switch {
	case len(in.Values) == 0 && !in.AllPlaceholders:
		return CleanupResult{}, reach.Invalid("values", reach.EREQUIRED, "List at least one value to remove, or set all_placeholders: true.")
	case len(in.Values) > maxCleanupValues:
		return CleanupResult{}, reach.Invalid("values", reach.ETOOLONG, fmt.Sprintf("A cleanup names at most %d values; run it in parts.", maxCleanupValues))
	}
	var res CleanupResult
	ch, err := a.do(ctx, actor, "placeholders.cleanup", func(w *work) error {
		keys, err := cleanupKeys(w, in)
		if err != nil {
			return err
		}
		res = CleanupResult{Values: keys}
		var owners []reach.RecordRef
		gone := map[string]bool{} // contact method ids to remove
		for i, key := range keys {
			held, err := w.tx.ContactsByKey(ctx, actor.TenantID, key)
			if err != nil {
				return err
			}
			if len(held) == 0 {
				res.Unmatched = append(res.Unmatched, key)
			}
			for _, m := range held {
				owners = append(owners, m.Owner)
				gone[m.ID] = true
			}
			if progress != nil {
				progress(i+1, len(keys))
			}
		}
		records, err := loadRecords(w, owners)
		if err != nil {
			return err
		}
		for _, ref := range owners {
			before, ok := records[ref]
			if !ok {
				continue
			}
			delete(records, ref) // each record once
			after := before.Clone()
			h := after.Header()
			kept := h.ContactMethods[:0]
			for _, m := range h.ContactMethods {
				if gone[m.ID] {
					res.Removed++
				} else {
					kept = append(kept, m)
				}
			}
			h.ContactMethods = kept
			if w.save(before, after) {
				res.Records++
			}
		}
		return nil
	})
	if err == nil && res.Records > 0 {
		res.ChangeID = ch.ID
	}
	return res, err
}

// cleanupKeys turns the listed values into keys, and adds every placeholder
// value stored when asked to.
func cleanupKeys(w *work, in CleanupInput) ([]string, error) {
	var keys []string
	seen := map[string]bool{}
	add := func(k string) {
		if k != "" && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	for i, v := range in.Values {
		if len(v) > maxValueLen {
			return nil, reach.Invalid(fmt.Sprintf("values[%d]", i), reach.ETOOLONG, fmt.Sprintf("A value is at most %d characters.", maxValueLen))
		}
		add(normalizeKey(v))
	}
	if in.AllPlaceholders {
		rules, err := w.placeholders()
		if err != nil {
			return nil, err
		}
		last := ""
		err = w.tx.EachValue(w.ctx, w.actor.TenantID, "", "", func(key, _ string) error {
			if key != last {
				last = key
				if rules.check(kindOfKey(key), key) != nil {
					add(key)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return keys, nil
}
