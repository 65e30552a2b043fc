package app

import (
	"strings"

	"reach"
	"reach/placeholder"
)

// defaultSuspectThreshold: a value on more distinct customers than this is a
// suspected placeholder (SPEC §4); real shared lines exist, so it is reported,
// not refused.
const defaultSuspectThreshold = 3

// placeholderRules are the built-in rules plus one tenant's documented list.
type placeholderRules struct {
	listed map[string]reach.Placeholder // by placeholderKey
}

func newPlaceholderRules(list []reach.Placeholder) *placeholderRules {
	r := &placeholderRules{listed: make(map[string]reach.Placeholder, len(list))}
	for _, p := range list {
		r.listed[p.Key] = p
	}
	return r
}

// placeholderKey is how typed values are compared with a tenant's list:
// numbers by their ten digits, emails case-insensitively.
func placeholderKey(kind reach.Kind, value string) string {
	if kind == reach.KindEmail {
		return strings.ToLower(strings.TrimSpace(value))
	}
	if k := placeholder.NumberKey(value); k != "" {
		return k
	}
	return strings.TrimSpace(value)
}

// check returns why a value is a placeholder, or nil. The tenant's list
// comes first: it names the business's own reasons.
func (r *placeholderRules) check(kind reach.Kind, value string) *reach.PlaceholderFlag {
	if p, ok := r.listed[placeholderKey(kind, value)]; ok {
		reason := "your team listed it as a placeholder"
		if p.Note != "" {
			reason += " (" + p.Note + ")"
		}
		return &reach.PlaceholderFlag{Rule: "tenant-list", Reason: reason}
	}
	var rule placeholder.Rule
	var ok bool
	if kind == reach.KindEmail {
		rule, ok = placeholder.Email(value)
	} else {
		rule, ok = placeholder.Number(value)
	}
	if !ok {
		return nil
	}
	return &reach.PlaceholderFlag{Rule: rule.Name, Reason: rule.Reason}
}

// flag marks, in contact methods going out to a client, the values that are
// placeholders by today's rules, though stored before a rule caught them.
func (w *work) flag(lists ...[]reach.ContactMethod) error {
	rules, err := w.placeholders()
	if err != nil {
		return err
	}
	for _, cms := range lists {
		for i := range cms {
			cms[i].Placeholder = rules.check(cms[i].Kind, cms[i].Value)
		}
	}
	return nil
}

// flagRecords flags the contact methods of records going out to a client.
func flagRecords[R reach.Record](w *work, records ...R) error {
	lists := make([][]reach.ContactMethod, len(records))
	for i, r := range records {
		lists[i] = r.Header().ContactMethods
	}
	return w.flag(lists...)
}

func kindNoun(k reach.Kind) string {
	switch k {
	case reach.KindEmail:
		return "email address"
	case reach.KindFax:
		return "fax number"
	}
	return "phone number"
}
