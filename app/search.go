package app

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"reach"
	"reach/email"
	"reach/phone"
)

// maxSearchDepth bounds how far into a search's results paging goes: an
// agent narrows a search rather than reading its thousandth match.
const maxSearchDepth = 1000

// Search finds customers and locations the actor may see by name or street
// (prefix of any word), phone number in any format or its last 4+ digits, or
// email, skipping the first offset results; more says whether results
// follow. Every path is an index lookup, whatever the tenant's size.
func (a *App) Search(ctx context.Context, actor reach.Actor, q string, offset, limit int) (results []reach.SearchResult, more bool, err error) {
	if err := actor.Require(reach.PermCustomerView); err != nil {
		return nil, false, err
	}
	q = strings.TrimSpace(q)
	switch {
	case q == "" || utf8.RuneCountInString(q) > 200:
		return nil, false, reach.Invalid("q", reach.EINVALIDVALUE, "Type 1 to 200 characters to search.")
	case offset < 0 || offset >= maxSearchDepth:
		return nil, false, reach.Invalid("cursor", reach.EINVALIDVALUE, fmt.Sprintf("Search pages reach only the first %d results; type more to narrow the search.", maxSearchDepth))
	}
	limit = clampLimit(limit)
	var out []reach.SearchResult
	err = a.view(ctx, actor, func(w *work) (err error) {
		out, err = searchIn(ctx, w.tx, actor.TenantID, q, offset+limit+1)
		return err
	})
	if err != nil {
		return nil, false, err
	}
	if !actor.Can(reach.PermLocationView) {
		kept := out[:0]
		for _, r := range out {
			if r.Type == reach.RecordCustomer {
				kept = append(kept, r)
			}
		}
		out = kept
	}
	out = out[min(offset, len(out)):]
	if more = len(out) > limit; more {
		out = out[:limit]
	}
	return out, more, nil
}

// searchIn decides what the query is: an email, a phone number, a number's
// last digits, or words of a name or street.
func searchIn(ctx context.Context, tx reach.Tx, tenantID, q string, limit int) ([]reach.SearchResult, error) {
	if strings.Contains(q, "@") {
		if addr, err := email.Parse(q); err == nil {
			return tx.SearchContactKey(ctx, tenantID, addr.Key, limit)
		}
		return tx.SearchContactKey(ctx, tenantID, strings.ToLower(q), limit)
	}
	digits := phone.Digits(q)
	if !looksNumeric(q) && len(digits) >= 10 {
		// A number read out with its extension ("(512) 867-5309 x12")
		// finds the number's holders.
		if n, err := phone.Parse(q); err == nil && n.Extension != "" {
			return tx.SearchContactKey(ctx, tenantID, n.E164, limit)
		}
	}
	if looksNumeric(q) && len(digits) >= 4 {
		if n, err := phone.Parse(q); err == nil {
			return tx.SearchContactKey(ctx, tenantID, n.E164, limit)
		}
		if len(digits) <= 10 {
			return tx.SearchNumberSuffix(ctx, tenantID, digits, limit)
		}
		return []reach.SearchResult{}, nil
	}
	words := reach.SearchWords(q)
	if len(words) > 8 {
		words = words[:8]
	}
	return tx.SearchWords(ctx, tenantID, words, limit)
}

// looksNumeric reports whether q is written like a phone number: digits and
// the punctuation people type around them, nothing else.
func looksNumeric(q string) bool {
	for _, r := range q {
		if !strings.ContainsRune("0123456789+-(). ", r) && !(r >= '０' && r <= '９') {
			return false
		}
	}
	return true
}
