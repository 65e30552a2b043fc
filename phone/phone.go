// Package phone turns whatever a person types as a phone or fax number into a
// domestic (US, Canada, US territories) E.164 number plus an extension, and
// refuses everything else with a coded, user-facing error (SPEC §2).
//
// Numbering-plan knowledge comes only from libphonenumber's metadata
// (github.com/nyaruka/phonenumbers); this package adds input hygiene, the
// domestic-only policy, and messages that say what to fix.
package phone

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
)

// Error is the only error type Parse returns: the input is not a number
// that can be saved, and Message says why to the person who typed it.
type Error struct {
	// International is set when the input is a real number outside the
	// US, Canada and the US territories; otherwise it is not a valid number.
	International bool
	Message       string
}

func (e *Error) Error() string { return e.Message }

// Number is a parsed domestic phone number.
type Number struct {
	E164      string // "+14165550199"
	Extension string // "12" or ""
	Region    string // "US", "CA", "PR", "VI", "GU", "MP" or "AS"
}

const (
	maxRunes  = 100              // nobody types a phone number longer than this
	maxExtLen = 15               // libphonenumber's limit for ",,"/";" auto-dial extensions
	example   = "(416) 492-7788" // a real-looking example: 555-01XX ones are placeholders
)

// domestic lists the regions calls can be placed to.
var domestic = map[string]bool{"US": true, "CA": true, "PR": true, "VI": true, "GU": true, "MP": true, "AS": true}

// domesticOrder is domestic, most numbers first.
var domesticOrder = []string{"US", "CA", "PR", "VI", "GU", "MP", "AS"}

// domesticRegion is the domestic region whose numbering plan holds pn, or "".
func domesticRegion(pn *phonenumbers.PhoneNumber) string {
	for _, r := range domesticOrder {
		if phonenumbers.IsValidNumberForRegion(pn, r) {
			return r
		}
	}
	return ""
}

func invalid(format string, args ...any) error {
	return &Error{Message: fmt.Sprintf(format, args...)}
}

func international(format string, args ...any) error {
	return &Error{International: true, Message: fmt.Sprintf(format, args...) +
		" Only US, Canadian and US-territory numbers can be saved, because international calls can't be placed."}
}

// Parse accepts a number as typed ("416.555.0199", "+1 416 555 0199 x12",
// "tel:+1-416-555-0199;ext=12", full-width digits …). The error is always *Error.
func Parse(input string) (Number, error) { return parse(input, true) }

// parse is Parse; shortcut false skips the canonical E.164 shortcut, for
// the test that checks it agrees with the library.
func parse(input string, shortcut bool) (n Number, err error) {
	// The library has had panics on malformed input; a panic must not
	// escape a form validator.
	defer func() {
		if recover() != nil {
			n, err = Number{}, invalid("%q could not be read as a phone number: enter the 10-digit number, e.g. %s.", input, example)
		}
	}()
	if len(input) > 8*maxRunes { // cheap bound before any scanning
		return Number{}, invalid("That is too long to be a phone number: enter just the number, e.g. %s.", example)
	}
	s := strings.TrimSpace(input)
	switch {
	case s == "":
		return Number{}, invalid("A phone number is required: enter the 10-digit number with its area code, e.g. %s.", example)
	case !utf8.ValidString(s):
		return Number{}, invalid("The phone number contains unreadable characters: retype it, e.g. %s.", example)
	case utf8.RuneCountInString(s) > maxRunes:
		return Number{}, invalid("That is too long to be a phone number: enter just the number, e.g. %s.", example)
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		return Number{}, invalid("The phone number contains invisible control characters: retype it, e.g. %s.", example)
	}
	if pn := canonical(s); pn != nil && shortcut {
		return classify(s, pn)
	}
	// The library passes non-ASCII digits other than full-width and
	// Arabic-Indic through unconverted, so map every decimal digit first.
	s = asciiDigits(s)
	stray, label := letters(s)
	if stray == 1 || stray == 2 {
		return Number{}, invalid("%q has letters that aren't part of a phone number: remove them (vanity numbers like 1-800-FLOWERS are fine).", s)
	}
	pn, perr := phonenumbers.Parse(s, "US")
	if perr == nil && stray == 0 && label && pn.GetExtension() == "" {
		// The library dropped an "x"/"ext" that was not followed by an
		// extension, e.g. "650 x 253-1234": the digits around it are suspect.
		return Number{}, invalid("%q has an extension marker (x, ext, #) that isn't followed by the extension: put the extension digits after it at the end, e.g. %s x12.", s, example)
	}
	if perr != nil {
		err = parseError(s, perr)
	} else if dialsOut(s) {
		// 011 is how a North American phone dials abroad: whatever follows,
		// the person typed an international call.
		err = international("%q is dialed with 011, the international prefix.", s)
	} else {
		n, err = classify(s, pn)
	}
	if err != nil && stray >= 3 && !err.(*Error).International {
		// Three or more letters were read as a vanity number; say so
		// rather than report a digit count the person never typed.
		return Number{}, invalid("%q is not a valid phone number: if it spells a word (like 1-800-FLOWERS), check that it makes 10 digits; otherwise remove the letters.", s)
	}
	return n, err
}

// canonical reads a number already in domestic E.164 form, "+1" and ten
// digits — what telephony providers send and what reach stores — without
// the library's general parser, which caller ID would otherwise run on
// every call. It returns nil for anything else.
func canonical(s string) *phonenumbers.PhoneNumber {
	digits, ok := strings.CutPrefix(s, "+1")
	if !ok || len(digits) != 10 || strings.Trim(digits, "0123456789") != "" || digits[0] < '2' {
		return nil
	}
	n, err := strconv.ParseUint(digits, 10, 64)
	if err != nil {
		return nil
	}
	cc := int32(1)
	return &phonenumbers.PhoneNumber{CountryCode: &cc, NationalNumber: &n}
}

// parseError explains a number the library could not parse at all.
func parseError(s string, err error) error {
	switch err {
	case phonenumbers.ErrInvalidCountryCode:
		return invalid("%q starts with a country code that doesn't exist: enter a US or Canadian number, e.g. %s.", s, example)
	case phonenumbers.ErrTooShortNSN, phonenumbers.ErrTooShortAfterIDD:
		return invalid("%q is too short to be a phone number: enter all 10 digits, e.g. %s.", s, example)
	case phonenumbers.ErrNumTooLong:
		return invalid("%q is too long to be a phone number: enter one 10-digit number, e.g. %s.", s, example)
	}
	return invalid("%q is not a phone number: enter the 10-digit number with its area code, e.g. %s.", s, example)
}

// classify applies the domestic-only policy to a parsed number.
func classify(s string, pn *phonenumbers.PhoneNumber) (Number, error) {
	if cc := pn.GetCountryCode(); cc != 1 {
		return Number{}, international("%q is an international number (country code +%d).", s, cc)
	}
	nsn := phonenumbers.GetNationalSignificantNumber(pn)
	if len(nsn) != 10 {
		if len(nsn) == 3 && nsn[1:] == "11" {
			return Number{}, invalid("%q is a service code (like 411 or 911), not a phone number: enter the 10-digit number, e.g. %s.", s, example)
		}
		if len(nsn) == 7 {
			return Number{}, invalid("%q is missing its area code: enter all 10 digits, e.g. %s.", s, example)
		}
		return Number{}, invalid("%q has %d digits, but a US or Canadian number has 10 (not counting a leading 1): check it and enter e.g. %s.", s, len(nsn), example)
	}
	// N11 exchanges (212-911-xxxx) are refused here: the SPEC lists N11 codes
	// as invalid, while libphonenumber's US/CA patterns allow any [2-9]XX
	// exchange. N11 codes are reserved for services such as 411 and 911.
	shaped := nanpShape(nsn) && nsn[4:6] != "11"
	// Most numbers are domestic: asking the domestic regions alone is a
	// third of the work of asking the library which of NANP's two dozen
	// regions a number belongs to, and caller ID parses every call.
	region := ""
	if shaped {
		region = domesticRegion(pn)
	}
	if region == "" {
		if !shaped || !phonenumbers.IsValidNumber(pn) {
			return Number{}, invalid("%q is not a valid US or Canadian number: %s", s, whyInvalid(nsn))
		}
		region = phonenumbers.GetRegionCodeForNumber(pn)
		// Toll-free, premium and personal numbers are shared by every NANP
		// country and cannot be told apart by the digits, so they count as domestic.
		switch phonenumbers.GetNumberType(pn) {
		case phonenumbers.TOLL_FREE, phonenumbers.PREMIUM_RATE, phonenumbers.PERSONAL_NUMBER:
			region = "US"
		default:
			if !domestic[region] {
				return Number{}, international("%q is a number in %s (area code %s), not in the US or Canada.", s, nanpCountry(region), nsn[:3])
			}
		}
	}
	ext := pn.GetExtension()
	if len(ext) > maxExtLen || strings.Trim(ext, "0123456789") != "" {
		return Number{}, invalid("The extension of %q is too long: an extension has at most %d digits.", s, maxExtLen)
	}
	return Number{E164: "+1" + nsn, Extension: ext, Region: region}, nil
}

// nanpShape is a last structural guard (NXX-NXX-XXXX) so a stored value can
// never break the display format, whatever the metadata says.
func nanpShape(nsn string) bool {
	return len(nsn) == 10 && strings.Trim(nsn, "0123456789") == "" && nsn[0] >= '2' && nsn[3] >= '2'
}

// whyInvalid names the most likely mistake in a 10-digit number the library
// rejected. It only words the message; validity was decided by the metadata.
func whyInvalid(nsn string) string {
	switch {
	case nsn[0] == '1':
		return "an area code can't start with 1 (if the 1 is the long-distance prefix, a digit is missing). Check the digits."
	case nsn[0] == '0':
		return "an area code can't start with 0. Check the digits."
	case nsn[3] < '2':
		return "the 3 digits after the area code can't start with 0 or 1. Check the digits."
	case nsn[1:3] == "11" || nsn[4:6] == "11":
		return "N11 codes like 411 and 911 are service codes, not part of a phone number. Check the digits."
	}
	return fmt.Sprintf("area code %s or exchange %s is not in use. Check the digits.", nsn[:3], nsn[3:6])
}

// Display returns the national format, e.g. "(416) 555-0199 ext. 12".
func (n Number) Display() string { return Format(n.E164, n.Extension) }

// Format displays stored parts like Number.Display. It returns e164
// unchanged when it is not a 10-digit +1 number.
func Format(e164, ext string) string {
	nsn, ok := strings.CutPrefix(e164, "+1")
	if !ok || !nanpShape(nsn) {
		return e164
	}
	out := "(" + nsn[:3] + ") " + nsn[3:6] + "-" + nsn[6:]
	if ext != "" {
		out += " ext. " + ext
	}
	return out
}

// Digits returns the decimal digits of s as ASCII, mapping full-width and
// other Unicode decimal digits (e.g. for "last 4 digits" search).
func Digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if d, ok := digitValue(r); ok {
			b.WriteByte('0' + d)
		}
	}
	return b.String()
}

// asciiDigits rewrites every Unicode decimal digit in s as ASCII.
func asciiDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if d, ok := digitValue(r); ok {
			return rune('0' + d)
		}
		return r
	}, s)
}

// digitValue returns the value of a Unicode decimal digit (category Nd).
// Unicode encodes Nd only in contiguous runs of ten, 0 through 9, so the
// value is the offset from the start of its range modulo 10.
func digitValue(r rune) (byte, bool) {
	if r >= '0' && r <= '9' {
		return byte(r - '0'), true
	}
	if r < 0x80 || !unicode.Is(unicode.Nd, r) {
		return 0, false
	}
	for _, rg := range unicode.Nd.R16 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return byte((r - rune(rg.Lo)) % 10), true
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return byte((r - rune(rg.Lo)) % 10), true
		}
	}
	return 0, false
}

// extLabels are the words libphonenumber reads as extension markers.
var extLabels = map[string]bool{
	"x": true, "xt": true, "xtn": true, "ext": true, "extn": true, "extension": true,
	"extensión": true, "extensio\u0301n": true, "anexo": true, "доб": true, "int": true,
	"ｘ": true, "ｘｔ": true, "ｘｔｎ": true, "ｅｘｔ": true, "ｅｘｔｎ": true, "ｉｎｔ": true,
}

// letters counts the letters after the first digit that are not an
// extension label, and says whether a label was seen. libphonenumber
// silently drops one or two letters (it converts three or more, as a vanity
// number), which would hide a typo such as "416-555-0199a" or "416-555-O199".
func letters(s string) (stray int, label bool) {
	if len(s) > 4 && strings.EqualFold(s[:4], "tel:") {
		// RFC 3966 parameters (;ext=, ;isub=, ;phone-context=) are syntax.
		s, _, _ = strings.Cut(s, ";")
	}
	first := strings.IndexAny(s, "0123456789")
	if first < 0 {
		return 0, false
	}
	for _, w := range strings.FieldsFunc(s[first:], func(r rune) bool {
		// U+30FC is a letter to Unicode but a dash to libphonenumber.
		return r == '\u30FC' || !unicode.IsLetter(r) && !unicode.IsMark(r)
	}) {
		if extLabels[strings.ToLower(w)] {
			label = true
		} else {
			stray += utf8.RuneCountInString(w)
		}
	}
	return stray, label
}

// nanpNames names the other countries that share +1, for messages.
var nanpNames = map[string]string{
	"AG": "Antigua and Barbuda", "AI": "Anguilla", "BB": "Barbados", "BM": "Bermuda",
	"BS": "the Bahamas", "DM": "Dominica", "DO": "the Dominican Republic", "GD": "Grenada",
	"JM": "Jamaica", "KN": "Saint Kitts and Nevis", "KY": "the Cayman Islands", "LC": "Saint Lucia",
	"MS": "Montserrat", "SX": "Sint Maarten", "TC": "the Turks and Caicos Islands",
	"TT": "Trinidad and Tobago", "VC": "Saint Vincent and the Grenadines", "VG": "the British Virgin Islands",
}

// nanpCountry names a +1 region, falling back to "another country".
func nanpCountry(region string) string {
	if name, ok := nanpNames[region]; ok {
		return name
	}
	return "another country"
}

// dialsOut reports whether the digits typed start with 011 and no + came
// before them.
func dialsOut(s string) bool {
	var digits strings.Builder
	for _, r := range s {
		if r == '+' && digits.Len() == 0 {
			return false
		}
		if r >= '0' && r <= '9' {
			digits.WriteRune(r)
			if digits.Len() == 3 {
				break
			}
		}
	}
	return digits.String() == "011"
}
