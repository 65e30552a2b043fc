// Package placeholder recognizes fake contact details that people type to fill
// a required field — "(123) 456-7890", "noemail@gmail.com" — so reach can
// refuse them at entry and never sync them to other customers (SPEC §4).
// It works on what was typed, before any validity check, so a fake number is
// named as a fake rather than as a typo.
package placeholder

// Rule names one built-in pattern and explains it to the person who typed the
// value, so staff learn why it was refused.
type Rule struct {
	Name   string `json:"rule"`
	Reason string `json:"reason"`
}

// Number reports whether a phone number, as typed or in E.164, is a filler.
func Number(input string) (Rule, bool) {
	d := nationalDigits(input)
	if len(d) != 10 {
		return Rule{}, false
	}
	for _, check := range numberRules {
		if r, ok := check(d); ok {
			return r, true
		}
	}
	return Rule{}, false
}

// Email reports whether an address is a filler: a "no email" local part, a
// filler domain, or a domain reserved for examples and testing.
func Email(input string) (Rule, bool) {
	local, domain, ok := splitAddress(input)
	if !ok {
		return Rule{}, false
	}
	for _, check := range emailRules {
		if r, ok := check(local, domain); ok {
			return r, true
		}
	}
	return Rule{}, false
}

// NumberKey returns a typed number as "+1" and its ten digits, ignoring an
// extension, or "" when it has no ten-digit NANP form. A tenant's listed
// placeholders are compared by it, so "(800) 555-0100" on the list catches
// "1-800-555-0100 x2" at entry as well as the stored E.164.
func NumberKey(input string) string {
	if d := nationalDigits(input); len(d) == 10 {
		return "+1" + d
	}
	return ""
}
