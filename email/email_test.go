package email

import (
	"errors"
	"strings"
	"testing"
)

func TestParseAccepts(t *testing.T) {
	tests := []struct{ name, in, value, key, display string }{
		{"plain address", "pat@plumbing.co", "pat@plumbing.co", "pat@plumbing.co", "pat@plumbing.co"},
		{"domain is lower-cased, local part kept as typed", "Pat.Lee@Plumbing.CO", "Pat.Lee@plumbing.co", "pat.lee@plumbing.co", "Pat.Lee@plumbing.co"},
		{"surrounding whitespace is trimmed", " \tpat@plumbing.co\r\n", "pat@plumbing.co", "pat@plumbing.co", "pat@plumbing.co"},
		{"plus tags and atext symbols", "o'neil+bills/2024=ok@plumbing.co", "o'neil+bills/2024=ok@plumbing.co", "o'neil+bills/2024=ok@plumbing.co", "o'neil+bills/2024=ok@plumbing.co"},
		{"subdomains", "ops@mail.east.plumbing.co", "ops@mail.east.plumbing.co", "ops@mail.east.plumbing.co", "ops@mail.east.plumbing.co"},
		{"a new generic top-level domain", "x@acme.plumbing", "x@acme.plumbing", "x@acme.plumbing", "x@acme.plumbing"},
		{"a country-code second level", "tom@acme.co.uk", "tom@acme.co.uk", "tom@acme.co.uk", "tom@acme.co.uk"},
		{"IDN domain stored as punycode, shown in Unicode", "anna@Bäckerei.de", "anna@xn--bckerei-5wa.de", "anna@xn--bckerei-5wa.de", "anna@bäckerei.de"},
		{"punycode domain input shown in Unicode", "anna@xn--bckerei-5wa.de", "anna@xn--bckerei-5wa.de", "anna@xn--bckerei-5wa.de", "anna@bäckerei.de"},
		{"ideographic full stop separates labels", "li@例子。中国", "li@xn--fsqu00a.xn--fiqs8s", "li@xn--fsqu00a.xn--fiqs8s", "li@例子.中国"},
		{"full-width domain folds to ASCII", "sam@ｐｌｕｍｂｉｎｇ.co", "sam@plumbing.co", "sam@plumbing.co", "sam@plumbing.co"},
		{"internationalized local part", "Ñandú@plumbing.co", "Ñandú@plumbing.co", "ñandú@plumbing.co", "Ñandú@plumbing.co"},
		{"local part NFC-normalized", "jose\u0301@plumbing.co", "jos\u00e9@plumbing.co", "jos\u00e9@plumbing.co", "jos\u00e9@plumbing.co"},
		{"cyrillic address", "иван@почта.рф", "иван@xn--80a1acny.xn--p1ai", "иван@xn--80a1acny.xn--p1ai", "иван@почта.рф"},
		{"catalan middle dot is IDNA2008-valid", "pau@col·legi.cat", "pau@xn--collegi-xma.cat", "pau@xn--collegi-xma.cat", "pau@col·legi.cat"},
		{"example.com is a placeholder matter, not syntax", "a@example.com", "a@example.com", "a@example.com", "a@example.com"},
		{"local part of exactly 64 octets", strings.Repeat("a", 64) + "@plumbing.co", strings.Repeat("a", 64) + "@plumbing.co", strings.Repeat("a", 64) + "@plumbing.co", strings.Repeat("a", 64) + "@plumbing.co"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Parse(tc.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.in, err)
			}
			if a.Value != tc.value || a.Key != tc.key || a.Display != tc.display {
				t.Fatalf("Parse(%q) = %+v; want %q %q %q", tc.in, a, tc.value, tc.key, tc.display)
			}
		})
	}
}

func TestParseRefuses(t *testing.T) {
	long63 := strings.Repeat("d", 63)
	tests := []struct{ name, in, mention string }{
		{"empty means an address is required", "", "required"},
		{"whitespace only means an address is required", "  \n", "required"},
		{"no @", "pat.plumbing.co", "no @"},
		{"two @", "pat@home@plumbing.co", "more than one @"},
		{"nothing before the @", "@plumbing.co", "nothing before"},
		{"nothing after the @", "pat@", "nothing after"},
		{"display name", "Pat Lee <pat@plumbing.co>", "without a name"},
		{"angle brackets alone", "<pat@plumbing.co>", "without a name"},
		{"quoted local part", `"pat lee"@plumbing.co`, "quoted"},
		{"IPv4 domain literal", "pat@[192.0.2.1]", "IP address"},
		{"IPv6 domain literal", "pat@[IPv6:2001:db8::1]", "IP address"},
		{"single-label domain", "pat@plumbing", "no dot"},
		{"numeric TLD", "pat@plumbing.123", "top-level domain"},
		{"bare IP address as domain", "pat@192.0.2.1", "top-level domain"},
		{"space inside", "pat lee@plumbing.co", "a space"},
		{"space inside domain", "pat@plumbing .co", "a space"},
		{"line break inside", "pat\n@plumbing.co", "line break"},
		{"comment syntax", "pat(work)@plumbing.co", "'('"},
		{"leading dot in local part", ".pat@plumbing.co", "dot"},
		{"trailing dot in local part", "pat.@plumbing.co", "dot"},
		{"two dots in local part", "pat..lee@plumbing.co", "dot"},
		{"leading dot in domain", "pat@.plumbing.co", "start with a dot"},
		{"full-width leading dot in domain", "pat@．plumbing.co", "start with a dot"},
		{"trailing dot in domain", "pat@plumbing.co.", "end with a dot"},
		{"two dots in domain", "pat@plumbing..co", "two dots"},
		{"hyphen at label start", "pat@-plumbing.co", "hyphen"},
		{"hyphen at label end", "pat@plumbing-.co", "hyphen"},
		{"reserved double hyphen", "pat@ab--cd.co", "two hyphens"},
		{"bogus punycode", "pat@xn--0.co", "internationalized domain"},
		{"underscore in domain", "pat@plumb_ing.co", "'_'"},
		{"symbol in domain is not IDNA2008", "pat@plumbing.co©", "'©'"},
		{"emoji domain is not IDNA2008", "pat@i♥plumbing.co", "'♥'"},
		{"zero-width space", "pat\u200b@plumbing.co", "U+200B"},
		{"bidi override", "pat\u202e@plumbing.co", "U+202E"},
		{"non-breaking space inside", "pat\u00a0lee@plumbing.co", "U+00A0"},
		{"private-use character", "pat\ue000@plumbing.co", "U+E000"},
		{"combining mark first", "\u0301pat@plumbing.co", "accent"},
		{"control character", "pat\x07@plumbing.co", "U+0007"},
		{"invalid UTF-8", "pat\xff@plumbing.co", "unreadable"},
		{"local part over 64 octets", strings.Repeat("a", 65) + "@plumbing.co", "at most 64"},
		{"local part over 64 octets in UTF-8", strings.Repeat("é", 33) + "@plumbing.co", "at most 64"},
		{"domain label over 63", "pat@" + long63 + "d.co", "at most 63"},
		{"whole address over 254", "pat@" + strings.Repeat(long63+".", 3) + strings.Repeat("d", 60) + ".co", "too long"},
		{"huge input", strings.Repeat("a", 5000) + "@plumbing.co", "too long"},
		{".test is special-use", "pat@plumbing.test", "reserved"},
		{".invalid is special-use", "pat@plumbing.invalid", "reserved"},
		{".localhost is special-use", "pat@shop.localhost", "reserved"},
		{".local is special-use", "pat@printer.local", "reserved"},
		{".onion is special-use", "pat@abc.onion", "reserved"},
		{".arpa is special-use", "pat@router.home.arpa", "reserved"},
		{".alt is special-use", "pat@node.alt", "reserved"},
		{".internal is private-use", "pat@corp.internal", "reserved"},
		{"a typo of .com is named with its fix", "jane@gmail.con", "did you mean jane@gmail.com?"},
		{"swapped letters of .com", "jane@Gmail.CMO", "did you mean jane@Gmail.com?"},
		{"a doubled letter of .net", "jo@comcast.nett", "did you mean jo@comcast.net?"},
		{"a made-up top-level domain", "pat@acme.tld", ".tld is not a top-level domain"},
		{"a one-letter top-level domain", "x@plumbing.q", ".q is not a top-level domain"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Parse(tc.in)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse(%q) = %+v, %v; want *Error", tc.in, a, err)
			}
			if !strings.Contains(e.Message, tc.mention) {
				t.Fatalf("Parse(%q) error %q; want it to mention %q", tc.in, e.Message, tc.mention)
			}
		})
	}
}

func TestSameAddressSameKey(t *testing.T) {
	a, _ := Parse("Pat.Lee@Bäckerei.DE")
	b, _ := Parse("pat.lee@xn--bckerei-5wa.de")
	if a.Key == "" || a.Key != b.Key {
		t.Fatalf("keys differ: %q vs %q", a.Key, b.Key)
	}
}
