// Package email checks that a typed email address is one a person can
// receive mail at on the public internet (SPEC §2), and returns its stored,
// comparison and display forms.
//
// The syntax policy follows python-email-validator's defaults (syntax only):
// dot-atom local parts, internationalized (SMTPUTF8) local parts and IDN
// domains allowed; quoted local parts, domain literals, display names,
// single-label domains, non-letter TLDs and special-use domains refused.
// Unlike that library's default, the RFC 5321 limit of 64 octets before
// the @ is enforced, as the SPEC requires.
package email

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
	"golang.org/x/text/unicode/norm"
)

// Error is the only error type Parse returns: the input is not an address
// mail can be delivered to, and Message says why.
type Error struct {
	Message string // a sentence for the person who typed the address
}

func (e *Error) Error() string { return e.Message }

// Address is a valid address in its three forms.
type Address struct {
	Value   string // local part as typed (NFC) + "@" + lower-case IDNA ASCII domain
	Key     string // Value lower-cased: addresses compare case-insensitively
	Display string // local part + "@" + Unicode domain
}

const (
	maxLocal  = 64  // octets, RFC 5321 §4.5.3.1.1
	maxTotal  = 254 // octets, RFC 5321 path limit less the angle brackets
	maxDomain = 253 // octets of the ASCII domain, RFC 1035
	maxLabel  = 63
)

// specialUse are IANA special-use names (and subdomains) that never receive
// public mail: python-email-validator's default list plus "alt" (RFC 9476)
// and "internal" (ICANN 2024 private-use TLD). The example.* domains are
// not here (RFC 6761 says to treat them normally); placeholders are
// another package's concern.
var specialUse = []string{"arpa", "invalid", "local", "localhost", "onion", "test", "alt", "internal"}

// atext are the ASCII characters RFC 5322 allows in an unquoted local part,
// besides letters and digits.
const atext = "!#$%&'*+-/=?^_`{|}~"

func fail(format string, args ...any) error {
	return &Error{Message: fmt.Sprintf(format, args...)}
}

// Parse validates input (surrounding whitespace is ignored). The error is
// always *Error.
func Parse(input string) (Address, error) {
	s := strings.TrimSpace(input)
	switch {
	case s == "":
		return Address{}, fail("An email address is required.")
	case len(s) > 4*maxTotal:
		return Address{}, fail("That is too long to be an email address: an address has at most %d characters.", maxTotal)
	case !utf8.ValidString(s):
		return Address{}, fail("The email address contains unreadable characters: retype it.")
	case strings.ContainsAny(s, "<>"):
		return Address{}, fail("%q is not just an email address: enter only the address, without a name or < >, e.g. jane.smith@gmail.com.", s)
	}
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return Address{}, fail("%q is not an email address: it has no @.", s)
	}
	local, domain := s[:at], s[at+1:]
	if strings.HasPrefix(local, `"`) || strings.HasSuffix(local, `"`) {
		return Address{}, fail("%q has a quoted part before the @: such addresses aren't accepted because most mail systems can't deliver to them.", s)
	}
	if strings.IndexByte(local, '@') >= 0 {
		return Address{}, fail("%q is not an email address: it has more than one @.", s)
	}
	if local == "" {
		return Address{}, fail("%q is not an email address: it has nothing before the @.", s)
	}
	if domain == "" {
		return Address{}, fail("%q is not an email address: it has nothing after the @.", s)
	}
	if strings.HasPrefix(domain, "[") {
		return Address{}, fail("%q ends in an IP address: enter an address with a domain name, e.g. jane.smith@gmail.com.", s)
	}
	local, err := checkLocal(s, local)
	if err != nil {
		return Address{}, err
	}
	ascii, unicodeDomain, err := checkDomain(s, domain)
	if err != nil {
		return Address{}, err
	}
	value := local + "@" + ascii
	display := local + "@" + unicodeDomain
	// Every form someone may use must fit: as typed, stored and shown.
	if len(s) > maxTotal || len(value) > maxTotal || len(display) > maxTotal {
		return Address{}, fail("%q is too long: an email address has at most %d characters.", s, maxTotal)
	}
	return Address{Value: value, Key: strings.ToLower(value), Display: display}, nil
}

// checkLocal validates the part before the @ and returns it NFC-normalized
// (RFC 6532 §3.1).
func checkLocal(s, local string) (string, error) {
	local = norm.NFC.String(local)
	if len(local) > maxLocal {
		return "", fail("%q is too long before the @: that part can have at most %d characters (fewer if they are accented or non-Latin).", s, maxLocal)
	}
	var bad []string
	for i, r := range local {
		if !localRune(r, i == 0) {
			bad = append(bad, describe(r))
		}
	}
	if len(bad) > 0 {
		return "", fail("%q contains characters that aren't allowed before the @: %s.", s, strings.Join(dedupe(bad), ", "))
	}
	if strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") || strings.Contains(local, "..") {
		return "", fail("%q is not valid: the part before the @ can't start or end with a dot or have two dots in a row.", s)
	}
	return local, nil
}

// localRune reports whether r may appear unquoted in a local part: RFC 5322
// atext, or (RFC 6531) a non-ASCII character that is visible and safe to show.
func localRune(r rune, first bool) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '.' || strings.ContainsRune(atext, r)
	}
	return safeRune(r, first)
}

// safeRune accepts letters, numbers, punctuation and symbols, and combining
// marks except in first position (where they would combine with whatever
// precedes the address). Spaces, line separators, controls, format
// characters (bidi overrides, zero-width space), private-use and unassigned
// code points are refused: they hide or disguise what the address is.
func safeRune(r rune, first bool) bool {
	switch {
	case unicode.In(r, unicode.L, unicode.N, unicode.P, unicode.S):
		return true
	case unicode.Is(unicode.M, r):
		return !first
	}
	return false
}

// checkDomain validates the part after the @ and returns its IDNA ASCII
// (lower-case) and Unicode forms.
func checkDomain(s, domain string) (ascii, uni string, err error) {
	var bad []string
	for i, r := range domain {
		ok := 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' || r == '.'
		if r >= utf8.RuneSelf {
			ok = safeRune(r, i == 0)
		}
		if !ok {
			bad = append(bad, describe(r))
		}
	}
	if len(bad) > 0 {
		return "", "", fail("%q contains characters that can't be in a domain name after the @: %s.", s, strings.Join(dedupe(bad), ", "))
	}
	// UTS #46 mapping: case folding, NFC, full-width forms and the
	// ideographic full stops become ASCII dots. The mapped form is returned
	// even on error, so structural mistakes get a specific message.
	mapped, mapErr := idna.Lookup.ToUnicode(domain)
	if msg := domainShape(mapped); msg != "" {
		return "", "", fail("%q is not valid: %s", s, msg)
	}
	if mapErr != nil {
		return "", "", fail("%q is not valid: the domain after the @ is not a valid internationalized domain name.", s)
	}
	if r, ok := notIDNA2008(mapped); ok {
		return "", "", fail("%q is not valid: %s can't be part of a domain name.", s, describe(r))
	}
	ascii, err = idna.Lookup.ToASCII(domain)
	if err != nil {
		return "", "", fail("%q is not valid: the domain after the @ is not a valid internationalized domain name.", s)
	}
	if len(ascii) > maxDomain {
		return "", "", fail("%q is not valid: the domain after the @ is too long.", s)
	}
	labels := strings.Split(ascii, ".")
	for _, l := range labels {
		if len(l) > maxLabel {
			return "", "", fail("%q is not valid: each part of the domain between dots can have at most %d characters.", s, maxLabel)
		}
	}
	if len(labels) < 2 {
		return "", "", fail("%q is not valid: the domain %q has no dot; it must be a full domain, such as gmail.com.", s, mapped)
	}
	if tld := labels[len(labels)-1]; !isLetter(tld[len(tld)-1]) {
		return "", "", fail("%q is not valid: it doesn't end in a real top-level domain such as .com.", s)
	}
	for _, d := range specialUse {
		if ascii == d || strings.HasSuffix(ascii, "."+d) {
			return "", "", fail("%q is not valid: .%s is a reserved domain that can't receive email.", s, d)
		}
	}
	if suffix, icann := publicsuffix.PublicSuffix(ascii); !icann && !strings.Contains(suffix, ".") {
		// Not a top-level domain of the public suffix list: no mail can
		// reach it, and it is most often a typo of a common one.
		msg := fmt.Sprintf("%q is not valid: .%s is not a top-level domain", s, suffix)
		if fix := nearTLD(suffix); fix != "" && len(s) > len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix) {
			msg += fmt.Sprintf("; did you mean %s%s?", s[:len(s)-len(suffix)], fix)
		} else {
			msg += " (such as .com, .net or .ca)."
		}
		return "", "", fail("%s", msg)
	}
	uni, err = idna.Lookup.ToUnicode(ascii)
	if err != nil {
		return "", "", fail("%q is not valid: the domain after the @ is not a valid internationalized domain name.", s)
	}
	return ascii, uni, nil
}

// notIDNA2008 finds a character that UTS #46 lets through but IDNA2008
// (RFC 5892) disallows, such as symbols and emoji ("©", "♥"): registries
// refuse them, so no such domain can receive mail. After UTS #46 mapping a
// PVALID character is a lower-case letter, modifier or other letter, a
// non-spacing or spacing mark, or a decimal digit, plus the few
// context-rule exceptions listed here.
func notIDNA2008(mapped string) (rune, bool) {
	for _, r := range mapped {
		if r < utf8.RuneSelf || unicode.In(r, unicode.Ll, unicode.Lm, unicode.Lo, unicode.Mn, unicode.Mc, unicode.Nd) {
			continue
		}
		switch r {
		case '\u00B7', '\u0375', '\u05F3', '\u05F4', '\u0F0B', '\u3007', '\u30FB':
			continue
		}
		return r, true
	}
	return 0, false
}

// domainShape explains dot and hyphen mistakes in a mapped domain, or "".
func domainShape(d string) string {
	switch {
	case strings.HasPrefix(d, "."):
		return "the domain after the @ can't start with a dot."
	case strings.HasSuffix(d, "."):
		return "an email address can't end with a dot."
	case strings.Contains(d, ".."):
		return "the domain after the @ can't have two dots in a row."
	}
	for _, l := range strings.Split(d, ".") {
		if strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") {
			return "a part of the domain can't start or end with a hyphen."
		}
		// RFC 5891 §4.2.3.1: "ab--" is reserved for encodings like xn--.
		if len(l) >= 4 && l[2:4] == "--" && !strings.EqualFold(l[:2], "xn") {
			return "a part of the domain can't have two hyphens in the third and fourth places."
		}
	}
	return ""
}

// commonTLDs are the top-level domains most customers' addresses end in, in
// the order a near miss is matched against them.
var commonTLDs = []string{"com", "net", "org", "ca", "us", "edu", "gov", "info", "biz", "io", "co", "me", "mil"}

// nearTLD returns the common top-level domain one typo away from tld — a
// letter wrong, missing, extra or two swapped, as "con", "cmo", "comm" are
// from "com" — or "".
func nearTLD(tld string) string {
	for _, c := range commonTLDs {
		if oneTypo(strings.ToLower(tld), c) {
			return c
		}
	}
	return ""
}

// oneTypo reports whether a becomes b by one substitution, insertion,
// deletion or transposition of adjacent letters.
func oneTypo(a, b string) bool {
	if a == b || len(a)-len(b) > 1 || len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	switch {
	case len(a) == len(b):
		return a[i+1:] == b[i+1:] || (i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:])
	case len(a) > len(b):
		return a[i+1:] == b[i:]
	default:
		return a[i:] == b[i+1:]
	}
}

func isLetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// describe names a refused character so the person can find it.
func describe(r rune) string {
	switch {
	case r == ' ':
		return "a space"
	case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
		return "a line break"
	case r == '\t':
		return "a tab"
	case unicode.IsSpace(r):
		return fmt.Sprintf("an invisible space (U+%04X)", r)
	case unicode.In(r, unicode.L, unicode.N, unicode.P, unicode.S):
		return fmt.Sprintf("%q", r)
	case unicode.Is(unicode.M, r):
		return fmt.Sprintf("an accent with no letter before it (U+%04X)", r)
	}
	return fmt.Sprintf("an invisible character (U+%04X)", r)
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	out := xs[:0]
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
