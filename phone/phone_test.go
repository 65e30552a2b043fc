package phone

import (
	"errors"
	"strings"
	"testing"
	"unicode"

	"github.com/nyaruka/phonenumbers"
)

// The two verdicts of a refused number, as the tests below name them.
const (
	bad  = "invalid"
	intl = "international"
)

func verdictOf(e *Error) string {
	if e.International {
		return intl
	}
	return bad
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, in       string
		e164, ext, reg string // want on success
		code           string // want on failure
	}{
		{"dots separate groups", "416.555.0199", "+14165550199", "", "CA", ""},
		{"parenthesised area code", "(416) 555-0199", "+14165550199", "", "CA", ""},
		{"leading long-distance 1", "1-312-555-0142", "+13125550142", "", "US", ""},
		{"plus one international form", "+1 312 555 0142", "+13125550142", "", "US", ""},
		{"bare ten digits", "3125550142", "+13125550142", "", "US", ""},
		{"surrounding whitespace is trimmed", "  (312) 555-0142\n", "+13125550142", "", "US", ""},
		{"ext. label", "4165550199 ext. 12", "+14165550199", "12", "CA", ""},
		{"x label", "416-555-0199 x12", "+14165550199", "12", "CA", ""},
		{"hash label", "416-555-0199 #12", "+14165550199", "12", "CA", ""},
		{"rfc3966 ext parameter", "+1 416 555 0199;ext=12", "+14165550199", "12", "CA", ""},
		{"auto-dial pause extension", "312-555-0142,,4321", "+13125550142", "4321", "US", ""},
		{"tel URI with extension", "tel:+1-416-555-0199;ext=12", "+14165550199", "12", "CA", ""},
		{"tel URI upper case", "TEL:+13125550142", "+13125550142", "", "US", ""},
		{"full-width digits", "（３１２）５５５－０１４２", "+13125550142", "", "US", ""},
		{"full-width plus", "＋1 312 555 0142", "+13125550142", "", "US", ""},
		{"arabic-indic digits", "٣١٢٥٥٥٠١٤٢", "+13125550142", "", "US", ""},
		{"devanagari digits", "३१२५५५०१४२", "+13125550142", "", "US", ""},
		{"soft hyphen is punctuation", "312\u00ad555\u00ad0142", "+13125550142", "", "US", ""},
		{"vanity letters", "1-800-FLOWERS", "+18003569377", "", "US", ""},
		{"vanity letters with extension", "1-800-FLOWERS x7", "+18003569377", "7", "US", ""},
		{"toll-free 8XX is domestic", "888 555 0142", "+18885550142", "", "US", ""},
		{"premium 900 is domestic", "900 555 0142", "+19005550142", "", "US", ""},
		{"personal 5XX is domestic", "500 555 0142", "+15005550142", "", "US", ""},
		{"puerto rico", "787 722 0142", "+17877220142", "", "PR", ""},
		{"us virgin islands", "340 776 0142", "+13407760142", "", "VI", ""},
		{"guam", "671 472 0142", "+16714720142", "", "GU", ""},
		{"northern mariana islands", "670 234 0142", "+16702340142", "", "MP", ""},
		{"american samoa", "684 633 0142", "+16846330142", "", "AS", ""},
		{"011 then country code 1 is still international dialing", "011 1 312 555 0142", "", "", "", intl},

		{"empty means a number is required", "", "", "", "", bad},
		{"whitespace only means a number is required", " \t\n ", "", "", "", bad},
		{"over 100 characters", strings.Repeat("1", 101), "", "", "", bad},
		{"huge input", strings.Repeat("4165550199 ", 10000), "", "", "", bad},
		{"control character inside", "416\x00555 0199", "", "", "", bad},
		{"tab inside", "416\t555 0199", "", "", "", bad},
		{"invalid utf-8", "416 555 \xff0199", "", "", "", bad},
		{"words", "call me maybe", "", "", "", bad},
		{"seven-digit local number", "555-0142", "", "", "", bad},
		{"nine digits", "312 555 014", "", "", "", bad},
		{"eleven digits without leading 1", "312 555 01422", "", "", "", bad},
		{"area code starting with 0", "012 555 0142", "", "", "", bad},
		{"area code starting with 1", "+1 112 555 0142", "", "", "", bad},
		{"exchange starting with 0", "312 055 0142", "", "", "", bad},
		{"exchange starting with 1", "312 155 0142", "", "", "", bad},
		{"N11 area code", "411 555 0142", "", "", "", bad},
		{"N11 exchange", "312 911 0142", "", "", "", bad},
		{"bare service code", "911", "", "", "", bad},
		{"date with slashes", "12/25/2023", "", "", "", bad},
		{"iso date", "2023-12-25", "", "", "", bad},
		{"one stray letter", "312-555-0142a", "", "", "", bad},
		{"letter O for zero", "312-555-O142", "", "", "", bad},
		{"vanity of wrong length", "1-800-FLOWER", "", "", "", bad},
		{"x inside the number", "312 x 555 0142", "", "", "", bad},
		{"extension marker without digits", "312 555 0142 ext", "", "", "", bad},
		{"extension over 15 digits", "312 555 0142 ext. 1234567890123456", "", "", "", bad},
		{"plus signs inside", "312+555+0142", "", "", "", bad},
		{"unassigned country code", "+210 555 0142", "", "", "", bad},

		{"other country code", "+44 20 7946 0958", "", "", "", intl},
		{"011 international dialing", "011 44 20 7946 0958", "", "", "", intl},
		{"global freephone +800", "+800 1234 5678", "", "", "", intl},
		{"jamaica is +1 but not domestic", "876 927 0142", "", "", "", intl},
		{"bahamas is +1 but not domestic", "+1 242 327 0142", "", "", "", intl},
		{"dominican republic is +1 but not domestic", "1-809-555-0142", "", "", "", intl},
		{"bermuda is +1 but not domestic", "441 295 0142", "", "", "", intl},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, err := Parse(tc.in)
			if tc.code != "" {
				var pe *Error
				if !errors.As(err, &pe) {
					t.Fatalf("Parse(%q) = %+v, %v; want *Error %s", tc.in, n, err, tc.code)
				}
				if verdictOf(pe) != tc.code || pe.Message == "" {
					t.Fatalf("Parse(%q) error %s %q; want %s", tc.in, verdictOf(pe), pe.Message, tc.code)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.in, err)
			}
			if n.E164 != tc.e164 || n.Extension != tc.ext || n.Region != tc.reg {
				t.Fatalf("Parse(%q) = %+v; want %s ext %q region %s", tc.in, n, tc.e164, tc.ext, tc.reg)
			}
		})
	}
}

func TestMessagesSayWhatIsWrong(t *testing.T) {
	for in, want := range map[string]string{
		"":                  "required",
		"555-0142":          "area code",
		"416-555-0199a":     "letters",
		"+44 20 7946 0958":  "country code +44",
		"876 927 0142":      "Jamaica",
		"312 055 0142":      "can't start with 0 or 1",
		"312 x 555 0142":    "extension marker",
		"416-555-0199 cell": "spells a word",
		"1-800-FLOWER":      "spells a word",
		"911":               "service code",
	} {
		_, err := Parse(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) error %v; want it to mention %q", in, err, want)
		}
	}
}

func TestDisplay(t *testing.T) {
	n, err := Parse("+1 416 555 0199 x12")
	if err != nil {
		t.Fatal(err)
	}
	if got := n.Display(); got != "(416) 555-0199 ext. 12" {
		t.Errorf("Display = %q", got)
	}
	for _, tc := range []struct{ e164, ext, want string }{
		{"+14165550199", "", "(416) 555-0199"},
		{"+14165550199", "7", "(416) 555-0199 ext. 7"},
		{"+442079460958", "", "+442079460958"}, // not a +1 number: unchanged
		{"garbage", "12", "garbage"},
		{"", "", ""},
	} {
		if got := Format(tc.e164, tc.ext); got != tc.want {
			t.Errorf("Format(%q, %q) = %q; want %q", tc.e164, tc.ext, got, tc.want)
		}
	}
}

func TestDigits(t *testing.T) {
	for in, want := range map[string]string{
		"(416) 555-0199 x12": "416555019912",
		"４１６５５５０１９９":         "4165550199",
		"᠐᠑᠒":                "012", // Mongolian
		"𝟎𝟗":                 "09",  // mathematical bold, in a run of five digit sets
		"no digits":          "",
		"²½":                 "", // superscripts and fractions are not decimal digits
	} {
		if got := Digits(in); got != want {
			t.Errorf("Digits(%q) = %q; want %q", in, got, want)
		}
	}
}

// Every +1 region that is not domestic gets a name in messages.
func TestNANPNamesCoverMetadata(t *testing.T) {
	for _, r := range phonenumbers.GetRegionCodesForCountryCode(1) {
		if !domestic[r] && nanpNames[r] == "" {
			t.Errorf("no name for +1 region %s", r)
		}
	}
}

// digitValue relies on every Nd range being whole runs of ten digits.
func TestNdRangesAreRunsOfTen(t *testing.T) {
	for _, r := range unicode.Nd.R16 {
		if r.Stride != 1 || (r.Hi-r.Lo+1)%10 != 0 {
			t.Errorf("Nd range %U-%U stride %d", r.Lo, r.Hi, r.Stride)
		}
	}
	for _, r := range unicode.Nd.R32 {
		if r.Stride != 1 || (r.Hi-r.Lo+1)%10 != 0 {
			t.Errorf("Nd range %U-%U stride %d", r.Lo, r.Hi, r.Stride)
		}
	}
}
