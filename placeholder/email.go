package placeholder

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/publicsuffix"
)

// splitAddress lower-cases an address and splits it at its last @, dropping
// a +tag from the local part.
func splitAddress(input string) (local, domain string, ok bool) {
	s := strings.ToLower(strings.TrimSpace(input))
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 {
		return "", "", false
	}
	local, domain = s[:at], strings.TrimSuffix(s[at+1:], ".")
	if plus := strings.IndexByte(local, '+'); plus > 0 {
		local = local[:plus]
	}
	return local, domain, true
}

// fillerLocals are the words people type for "no email". Variants with
// separators, digits and +tags are matched too: no.email, no-email1, none123.
var fillerLocals = map[string]bool{
	"noemail": true, "nomail": true, "none": true, "na": true, "n/a": true, "noreply": true, "donotreply": true,
	"donotemail": true, "noaddress": true, "test": true, "testing": true, "unknown": true, "fake": true, "null": true,
	"nil": true, "asdf": true, "asdfasdf": true, "qwerty": true, "customer": true, "email": true, "declined": true,
	"refused": true, "noone": true, "nobody": true, "blank": true, "empty": true, "dummy": true, "xxx": true,
	"abc": true, "no": true, "nope": true, "optout": true, "noemailaddress": true, "noemailprovided": true,
	"notprovided": true, "notavailable": true, "emailnotprovided": true, "doesnothave": true, "donthave": true,
}

// localShape strips what makes variants differ: separators and digits.
func localShape(local string) string {
	return strings.Map(func(r rune) rune {
		if r == '.' || r == '_' || r == '-' || (r >= '0' && r <= '9') {
			return -1
		}
		return r
	}, local)
}

// fillerDomains host no real mailboxes of customers; they are typed as filler.
var fillerDomains = map[string]bool{
	"noemail.com": true, "none.com": true, "nomail.com": true, "email.com": true, "test.com": true,
	"noemail.net": true, "none.net": true, "nomail.net": true, "fake.com": true, "noreply.com": true,
	"donotreply.com": true, "na.com": true, "no.com": true, "nowhere.com": true, "unknown.com": true,
	"asdf.com": true,
}

// reservedDomains are set aside for documentation and testing (RFC 2606,
// RFC 6761): no mail is ever delivered there.
var reservedDomains = []string{"example.com", "example.net", "example.org"}
var reservedTLDs = []string{"test", "invalid", "localhost", "example", "local"}

var emailRules = []func(local, domain string) (Rule, bool){fillerLocal, fillerDomain, reservedDomain, tinyAddress}

// tinyAddress: a one-character mailbox at a one-character domain — x@x.com,
// a@a.com, 1@1.com — is what people type to get past a required field.
func tinyAddress(local, domain string) (Rule, bool) {
	if utf8.RuneCountInString(local) != 1 { // before the suffix list, which costs the report a second
		return Rule{}, false
	}
	suffix, _ := publicsuffix.PublicSuffix(domain)
	name := strings.TrimSuffix(strings.TrimSuffix(domain, suffix), ".")
	if utf8.RuneCountInString(name[strings.LastIndexByte(name, '.')+1:]) == 1 {
		return Rule{"one-letter-address", local + "@" + domain + " is typed to fill the field; no customer's mailbox is one letter at a one-letter domain"}, true
	}
	return Rule{}, false
}

func fillerLocal(local, _ string) (Rule, bool) {
	shape := localShape(local)
	if fillerLocals[local] || fillerLocals[shape] {
		return Rule{"no-email-local-part", "\"" + local + "\" is what people type when a customer has no email"}, true
	}
	return Rule{}, false
}

func fillerDomain(_, domain string) (Rule, bool) {
	if fillerDomains[domain] {
		return Rule{"filler-domain", domain + " is a filler domain, not a customer's mailbox"}, true
	}
	return Rule{}, false
}

func reservedDomain(_, domain string) (Rule, bool) {
	for _, d := range reservedDomains {
		if domain == d || strings.HasSuffix(domain, "."+d) {
			return Rule{"reserved-domain", domain + " is reserved for examples; no mail is delivered there"}, true
		}
	}
	tld := domain[strings.LastIndexByte(domain, '.')+1:]
	for _, t := range reservedTLDs {
		if tld == t {
			return Rule{"reserved-domain", "." + t + " is reserved for testing; no mail is delivered there"}, true
		}
	}
	return Rule{}, false
}
