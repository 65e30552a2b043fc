package app

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"reach"
)

// Limits on free text. Names follow SPEC §9; the rest keep rows and screens sane.
const (
	maxNameLen    = 200
	maxMemoLen    = 100
	maxAddressLen = 200
)

// cleanText trims s and reports a field error when it has control or
// invisible format characters, invalid UTF-8 or more than max characters.
// required refuses an empty result.
func cleanText(v *reach.Validation, field, s string, max int, required bool) string {
	s = strings.TrimSpace(s)
	switch {
	case !utf8.ValidString(s):
		v.Add(field, reach.EINVALIDVALUE, fmt.Sprintf("%s is not valid UTF-8 text.", field))
	case strings.IndexFunc(s, isControl) >= 0:
		v.Add(field, reach.ECONTROLCHARS, fmt.Sprintf("%s contains control characters (such as line breaks or tabs); remove them.", field))
	case strings.IndexFunc(s, isHiddenFormat) >= 0:
		r, _ := utf8.DecodeRuneInString(s[strings.IndexFunc(s, isHiddenFormat):])
		v.Add(field, reach.EFORMATCHARS, fmt.Sprintf("%s contains an invisible character (U+%04X) that can hide or reverse what is shown; retype it.", field, r))
	case utf8.RuneCountInString(s) > max:
		v.Add(field, reach.ETOOLONG, fmt.Sprintf("%s is %d characters long; the most allowed is %d.", field, utf8.RuneCountInString(s), max))
	case required && s == "":
		v.Add(field, reach.EREQUIRED, fmt.Sprintf("%s is required.", field))
	}
	return s
}

// isControl matches C0/C1 controls and the Unicode line and paragraph separators.
func isControl(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029'
}

// isHiddenFormat matches Unicode format characters — zero-width spaces,
// bidirectional overrides, byte-order marks — which show nothing or reorder
// what is shown, so a name made of them looks empty or spoofs another.
// Zero-width joiners and non-joiners are kept: scripts and emoji need them.
func isHiddenFormat(r rune) bool {
	return unicode.Is(unicode.Cf, r) && r != '\u200C' && r != '\u200D'
}

var (
	usZip     = regexp.MustCompile(`^\d{5}(-\d{4})?$`)
	caPostal  = regexp.MustCompile(`^[A-Z]\d[A-Z] ?\d[A-Z]\d$`)
	usStates  = setOf("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR VI GU MP AS")
	caRegions = setOf("AB BC MB NB NL NS NT NU ON PE QC SK YT")
)

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Fields(s) {
		m[f] = true
	}
	return m
}

// cleanAddress normalizes a domestic address. An entirely empty address is
// allowed (not every customer gives one); otherwise street, city, state and
// postal code are required and checked against the country.
func cleanAddress(v *reach.Validation, field string, a reach.Address) reach.Address {
	a.Street = cleanText(v, field+".street", a.Street, maxAddressLen, false)
	a.Unit = cleanText(v, field+".unit", a.Unit, maxAddressLen, false)
	a.City = cleanText(v, field+".city", a.City, maxAddressLen, false)
	a.State = strings.ToUpper(cleanText(v, field+".state", a.State, 2, false))
	a.Zip = strings.ToUpper(cleanText(v, field+".zip", a.Zip, 10, false))
	a.Country = strings.ToUpper(cleanText(v, field+".country", a.Country, 2, false))
	if a == (reach.Address{}) {
		return a
	}
	if a.Country == "" {
		a.Country = "US"
		if caRegions[a.State] {
			a.Country = "CA"
		}
	}
	for _, req := range []struct{ name, val string }{{"street", a.Street}, {"city", a.City}, {"state", a.State}, {"zip", a.Zip}} {
		if req.val == "" {
			v.Add(field+"."+req.name, reach.EREQUIRED, fmt.Sprintf("%s.%s is required when an address is given.", field, req.name))
		}
	}
	switch a.Country {
	case "US", "CA":
		if a.State != "" {
			checkState(v, field+".state", a.State, a.Country)
		}
		if a.Zip != "" {
			a.Zip = checkPostal(v, field+".zip", a.Zip, a.Country)
		}
	default:
		v.Add(field+".country", reach.EINVALIDCOUNTRY, fmt.Sprintf("Country %q is not served; addresses must be in the US (US) or Canada (CA).", a.Country))
	}
	return a
}

// checkState refuses a code that is not a state or territory of country
// ("" for either).
func checkState(v *reach.Validation, field, state, country string) {
	switch {
	case country == "US" && !usStates[state]:
		v.Add(field, reach.EINVALIDSTATE, fmt.Sprintf("%q is not a US state, DC or territory code (use two letters, e.g. TX).", state))
	case country == "CA" && !caRegions[state]:
		v.Add(field, reach.EINVALIDSTATE, fmt.Sprintf("%q is not a Canadian province or territory code (use two letters, e.g. ON).", state))
	case country == "" && !usStates[state] && !caRegions[state]:
		v.Add(field, reach.EINVALIDSTATE, fmt.Sprintf("%q is not a US state or territory, nor a Canadian province or territory (use two letters, e.g. TX or ON).", state))
	}
}

// checkPostal returns an upper-cased ZIP or postal code of country ("" for
// either) in its stored form — a Canadian code with its one space — or
// reports why it is not one.
func checkPostal(v *reach.Validation, field, zip, country string) string {
	switch {
	case (country == "US" || country == "") && usZip.MatchString(zip):
		return zip
	case (country == "CA" || country == "") && caPostal.MatchString(zip):
		if !strings.Contains(zip, " ") {
			zip = zip[:3] + " " + zip[3:]
		}
		return zip
	case country == "US":
		v.Add(field, reach.EINVALIDPOSTALCODE, fmt.Sprintf("%q is not a ZIP code; use 12345 or 12345-6789.", zip))
	case country == "CA":
		v.Add(field, reach.EINVALIDPOSTALCODE, fmt.Sprintf("%q is not a Canadian postal code; use A1A 1A1.", zip))
	default:
		v.Add(field, reach.EINVALIDPOSTALCODE, fmt.Sprintf("%q is neither a ZIP code (12345 or 12345-6789) nor a Canadian postal code (A1A 1A1).", zip))
	}
	return zip
}
