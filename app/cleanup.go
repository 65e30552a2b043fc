package app

import (
	"context"
	"fmt"

	"reach"
)

// CleanupInput names the values to remove from every record holding them.
type CleanupInput struct {
	Values []string `json:"values,omitempty" maxItems:"1000" doc:"Values to remove, as listed in the report (any format for numbers)."`
	// AllPlaceholders adds every value the rules or the tenant's list mark;
	// suspects are removed only when listed in values, since real shared
	// lines exist.
	AllPlaceholders bool `json:"all_placeholders,omitempty" doc:"Also remove every value marked as a placeholder (suspects only when listed)."`
}

// CleanupResult says what a cleanup removed.
type CleanupResult struct {
	ChangeID string   `json:"change_id,omitempty" doc:"Revert it with POST /api/v1/changes/{id}/revert."`
	Values   []string `json:"values"`
	Removed  int      `json:"removed" doc:"Contact methods removed."`
	// Unmatched lists the values no record held, so a typo is noticed.
	Unmatched []string `json:"unmatched,omitempty" doc:"Listed values no record holds."`
	Records   int      `json:"records" doc:"Records changed."`
}

// CleanupPlaceholders removes values from every record holding them, as one
// audited change that can be reverted. progress, if set, hears how many of
// the values are done.
func (a *App) CleanupPlaceholders(ctx context.Context, actor reach.Actor, in CleanupInput, progress func(done, total int)) (CleanupResult, error) {
	for _, p := range []reach.Permission{reach.PermPlaceholdersManage, reach.PermCustomerEdit, reach.PermLocationEdit} {
		if err := actor.Require(p); err != nil {
			return CleanupResult{}, err
		}
	}
	if len(in.Values) == 0 && !in.AllPlaceholders {
		return CleanupResult{}, &reach.Error{Code: reach.EVALIDATION, Message: "Name the values to remove, or set all_placeholders.",
			Fields: []reach.FieldError{{Field: "values", Code: reach.EREQUIRED, Message: "List at least one value, or set all_placeholders: true."}}}
	}
	var res CleanupResult
	ch, err := a.write(ctx, actor, "placeholders.cleanup", true, func(tx reach.Tx, ch *change) error {
		keys, err := a.cleanupKeys(ctx, tx, actor, in)
		if err != nil {
			return err
		}
		res = CleanupResult{Values: keys}
		var targets []syncTarget
		var owners []reach.RecordRef
		var held [][]reach.HeldContact
		for i, key := range keys {
			h, err := tx.ContactsByKey(ctx, actor.TenantID, key)
			if err != nil {
				return err
			}
			held = append(held, h)
			if len(h) == 0 {
				res.Unmatched = append(res.Unmatched, key)
			}
			for _, m := range h {
				owners = append(owners, m.Owner)
			}
			if progress != nil {
				progress(i+1, len(keys))
			}
		}
		records, err := loadRecords(ctx, tx, actor.TenantID, owners)
		if err != nil {
			return err
		}
		for i, key := range keys {
			vc := &ValueChange{From: key, Kind: kindOfKey(key)}
			for _, m := range held[i] {
				targets = append(targets, syncTarget{change: vc, method: m.ContactMethod, record: records[m.Owner]})
			}
		}
		res.Removed = len(targets)
		if err := syncRecords(ctx, tx, actor.TenantID, ch, targets); err != nil {
			return err
		}
		res.Records = len(ch.c.Entries)
		return nil
	})
	if err == nil && res.Records > 0 {
		res.ChangeID = ch.ID
	}
	return res, err
}

// cleanupKeys turns the listed values into keys, and adds every placeholder
// value stored when asked to.
func (a *App) cleanupKeys(ctx context.Context, tx reach.Tx, actor reach.Actor, in CleanupInput) ([]string, error) {
	var keys []string
	seen := map[string]bool{}
	add := func(k string) {
		if k != "" && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	for i, v := range in.Values {
		k := placeholderKey(kindOfKey(v), v)
		if len(k) > 320 {
			return nil, &reach.Error{Code: reach.EVALIDATION, Message: "A value is too long.",
				Fields: []reach.FieldError{{Field: fmt.Sprintf("values[%d]", i), Code: reach.ETOOLONG, Message: "A value is at most 320 characters."}}}
		}
		add(k)
	}
	if in.AllPlaceholders {
		rules, err := loadPlaceholderRules(ctx, tx, actor.TenantID)
		if err != nil {
			return nil, err
		}
		last := ""
		err = tx.EachValue(ctx, actor.TenantID, "", "", func(key, _ string) error {
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
