package app

import (
	"context"
	"strings"
	"unicode/utf8"

	"reach"
	"reach/email"
	"reach/phone"
)

// Search finds customers and locations the actor may see by name or street
// (prefix of any word), phone number in any format or its last 4+ digits, or
// email. Every path is an index lookup, whatever the tenant's size.
func (a *App) Search(ctx context.Context, actor reach.Actor, q string, limit int) ([]reach.SearchResult, error) {
	if err := actor.Require(reach.PermCustomerView); err != nil {
		return nil, err
	}
	q = strings.TrimSpace(q)
	if q == "" || utf8.RuneCountInString(q) > 200 {
		return nil, &reach.Error{Code: reach.EVALIDATION, Message: "Type 1 to 200 characters to search.",
			Fields: []reach.FieldError{{Field: "q", Code: reach.EINVALIDVALUE, Message: "Type 1 to 200 characters to search."}}}
	}
	limit = clampLimit(limit)
	var out []reach.SearchResult
	err := a.read(ctx, func(tx reach.Tx) (err error) {
		out, err = searchIn(ctx, tx, actor.TenantID, q, limit)
		return err
	})
	if err != nil {
		return nil, err
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
	if out == nil {
		out = []reach.SearchResult{}
	}
	return out, nil
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
