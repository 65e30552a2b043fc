package placeholder

import "testing"

func TestNumberRules(t *testing.T) {
	cases := []struct {
		in, rule string
	}{
		{"(123) 456-7890", "sequential-digits"},
		{"123-456-7890", "sequential-digits"},
		{"+1 987 654 3210", "sequential-digits"},
		{"0123456789", "sequential-digits"},
		{"000-000-0000", "same-digit-number"},
		{"999.999.9999", "same-digit-number"},
		{"(512) 555-0142", "fictional-555-01xx"},
		{"+15125550199", "fictional-555-01xx"},
		{"(555) 867-5309", "filler-area-code"},
		{"111-222-3333", "filler-area-code"},
		{"(512) 555-5555", "filler-line"},
		{"512-000-0000", "filler-line"},
		{"512 123 4567", "filler-line"},
		{"１２３４５６７８９０", "sequential-digits"},
		{"123-456-7890 x12", "sequential-digits"},
		{"(299) 867-5309", "nonexistent-area-code"},
		{"(200) 867-5309", "nonexistent-area-code"},
		{"(512) 555-1212", "directory-assistance"},
		{"+1 416 555 1212", "directory-assistance"},
		{"(303) 555-1234", "filler-line"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			r, ok := Number(tc.in)
			if !ok || r.Name != tc.rule || r.Reason == "" {
				t.Errorf("Number(%q) = %+v, %v; want rule %s", tc.in, r, ok, tc.rule)
			}
		})
	}
	for _, real := range []string{"(512) 867-5309", "+14165550299", "303-492-7788", "(212) 555-0200", "604 555 2211", "(512) 555-1213", "(512) 555-2234"} {
		if r, ok := Number(real); ok {
			t.Errorf("real number %q flagged as %s", real, r.Name)
		}
	}
}

func TestEmailRules(t *testing.T) {
	cases := []struct {
		in, rule string
	}{
		{"noemail@gmail.com", "no-email-local-part"},
		{"NoEmail@Gmail.com", "no-email-local-part"},
		{"no.email@yahoo.com", "no-email-local-part"},
		{"no-email1@yahoo.com", "no-email-local-part"},
		{"none123@hotmail.com", "no-email-local-part"},
		{"n/a@gmail.com", "no-email-local-part"},
		{"donotreply+acme@gmail.com", "no-email-local-part"},
		{"test@gmail.com", "no-email-local-part"},
		{"jane@noemail.com", "filler-domain"},
		{"jane@none.com", "filler-domain"},
		{"jane@example.com", "reserved-domain"},
		{"jane@mail.example.org", "reserved-domain"},
		{"jane@acme.test", "reserved-domain"},
		{"jane@acme.invalid", "reserved-domain"},
		{"x@x.com", "one-letter-address"},
		{"a@a.com", "one-letter-address"},
		{"1@1.com", "one-letter-address"},
		{"Q@Z.co.uk", "one-letter-address"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			r, ok := Email(tc.in)
			if !ok || r.Name != tc.rule {
				t.Errorf("Email(%q) = %+v, %v; want rule %s", tc.in, r, ok, tc.rule)
			}
		})
	}
	for _, real := range []string{"jane.smith@gmail.com", "nonna@gmail.com", "tester.jones@acme.com", "office@smithplumbing.com", "na.kim@gmail.com", "customer.service@bigbox.com", "j@smithplumbing.com", "info@x.com", "x@xy.com"} {
		if r, ok := Email(real); ok {
			t.Errorf("real address %q flagged as %s", real, r.Name)
		}
	}
}
