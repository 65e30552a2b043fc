package email

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks Parse never panics, always returns *Error, and that an
// accepted address is stable: its stored and displayed forms parse back to
// the same address.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"pat@plumbing.co", "Ñandú@Bäckerei.de", "li@例子。中国", `"a"@b.co`,
		"a@[1.2.3.4]", "x@xn--0.co", "@", "a@b@c", "pat@ｐｌｕｍｂｉｎｇ.co", "a@b.c\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		a, err := Parse(in)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Message == "" {
				t.Fatalf("Parse(%q) error %#v", in, err)
			}
			return
		}
		if !utf8.ValidString(a.Value) || len(a.Value) > maxTotal || a.Key != strings.ToLower(a.Value) {
			t.Fatalf("Parse(%q) = %+v", in, a)
		}
		for _, form := range []string{a.Value, a.Display} {
			b, err := Parse(form)
			if err != nil || b != a {
				t.Fatalf("Parse(%q) = %+v, but Parse(%q) = %+v, %v", in, a, form, b, err)
			}
		}
	})
}
