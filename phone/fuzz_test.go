package phone

import (
	"errors"
	"regexp"
	"testing"
)

var storedShape = regexp.MustCompile(`^\+1[2-9]\d{2}[2-9]\d{6}$`)

// FuzzParse checks Parse never panics, always returns *Error, and that an
// accepted number is a stored-shape E.164 that parses back to itself.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"416.555.0199", "+1 416 555 0199 x12", "tel:+1-416-555-0199;ext=12",
		"１-800-FLOWERS", "011 44 20 7946 0958", "555-0142", "", "+", "tel:;phone-context=+1", "(((((("} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		n, err := Parse(in)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) || pe.Message == "" {
				t.Fatalf("Parse(%q) error %#v", in, err)
			}
			return
		}
		if !storedShape.MatchString(n.E164) || !domestic[n.Region] {
			t.Fatalf("Parse(%q) = %+v", in, n)
		}
		again, err := Parse(n.E164)
		if err != nil || again.E164 != n.E164 {
			t.Fatalf("Parse(%q) = %s, but Parse(%s) = %+v, %v", in, n.E164, n.E164, again, err)
		}
	})
}
