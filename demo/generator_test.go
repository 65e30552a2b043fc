package demo

import (
	"regexp"
	"strings"
	"testing"

	"reach"
	"reach/email"
	"reach/phone"
	"reach/placeholder"
)

// generate draws n customers with their locations.
func generate(seed uint64, n int) ([]reach.Customer, [][]reach.Location) {
	g := NewGenerator(seed)
	cs := make([]reach.Customer, n)
	ls := make([][]reach.Location, n)
	for i := range n {
		cs[i], ls[i] = g.Next()
	}
	return cs, ls
}

// allMethods lists every contact method of the customers and their locations.
func allMethods(cs []reach.Customer, ls [][]reach.Location) []reach.ContactMethod {
	var out []reach.ContactMethod
	for i := range cs {
		out = append(out, cs[i].ContactMethods...)
		for _, l := range ls[i] {
			out = append(out, l.ContactMethods...)
		}
	}
	return out
}

func TestEveryCityAreaCodeIsDomesticAndValid(t *testing.T) {
	for _, c := range cities {
		for _, area := range c.areaCodes {
			n, err := phone.Parse("(" + area + ") 734-2890")
			if err != nil {
				t.Errorf("%s, %s: area code %s refused: %v", c.name, c.state, area, err)
				continue
			}
			if n.Region != c.country {
				t.Errorf("%s, %s: area code %s is in region %s, want %s", c.name, c.state, area, n.Region, c.country)
			}
		}
	}
}

// The generator builds values without parsing them, for speed; a sample of
// 2,000 must parse and round-trip to exactly what was built.
func TestGeneratedValuesParseAndRoundTrip(t *testing.T) {
	cs, ls := generate(7, 800)
	ms := allMethods(cs, ls)
	if len(ms) < 2000 {
		t.Fatalf("only %d contact methods generated, want at least 2000", len(ms))
	}
	for _, m := range ms[:2000] {
		if m.Kind == reach.KindEmail {
			a, err := email.Parse(m.Value)
			if err != nil {
				t.Errorf("email %q refused: %v", m.Value, err)
				continue
			}
			if a.Value != m.Value || a.Key != m.Key || a.Display != m.Display {
				t.Errorf("email %q parses to %+v, generated value/key/display %q/%q/%q", m.Value, a, m.Value, m.Key, m.Display)
			}
			continue
		}
		n, err := phone.Parse(m.Display)
		if err != nil {
			t.Errorf("number %q refused: %v", m.Display, err)
			continue
		}
		if n.E164 != m.Value || n.E164 != m.Key || n.Extension != m.Extension || n.Display() != m.Display {
			t.Errorf("number %q parses to %+v, generated %q ext %q", m.Display, n, m.Value, m.Extension)
		}
		if m.Extension != "" && m.Kind == reach.KindMobile {
			t.Errorf("mobile %s has an extension", m.Display)
		}
	}
}

// Fillers people type when they have no real value must never be generated:
// the placeholder rules would refuse them and they would mislead benchmarks.
// The rules are the placeholder package's own, so the two cannot drift.
func TestNothingLooksLikeAPlaceholder(t *testing.T) {
	cs, ls := generate(11, 5000)
	for _, m := range allMethods(cs, ls) {
		check := placeholder.Number
		if m.Kind == reach.KindEmail {
			check = placeholder.Email
		}
		if r, ok := check(m.Value); ok {
			t.Errorf("generated placeholder %s (%s)", m.Value, r.Name)
		}
	}
}

var (
	usZip    = regexp.MustCompile(`^\d{5}(-\d{4})?$`)
	caPostal = regexp.MustCompile(`^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] \d[ABCEGHJ-NPRSTV-Z]\d$`)
	// provinceLetters are the first letters of each province's postal codes.
	provinceLetters = map[string]string{"ON": "KLMNP", "QC": "GHJ", "BC": "V", "AB": "T", "MB": "R", "NS": "B"}
)

func TestAddressesAndNumbersAgreeWithTheirCity(t *testing.T) {
	cs, ls := generate(3, 3000)
	areas := map[string]map[string]bool{} // city → its area codes
	for _, c := range cities {
		areas[c.name] = map[string]bool{}
		for _, a := range c.areaCodes {
			areas[c.name][a] = true
		}
	}
	check := func(what string, a reach.Address) {
		switch a.Country {
		case "US":
			if !usZip.MatchString(a.Zip) {
				t.Errorf("%s: ZIP %q", what, a.Zip)
			}
		case "CA":
			if !caPostal.MatchString(a.Zip) || !strings.ContainsRune(provinceLetters[a.State], rune(a.Zip[0])) {
				t.Errorf("%s: postal code %q in %s", what, a.Zip, a.State)
			}
		default:
			t.Errorf("%s: country %q", what, a.Country)
		}
		if a.Street == "" || a.City == "" || a.State == "" {
			t.Errorf("%s: incomplete address %+v", what, a)
		}
	}
	ownAreaCode, numbers := 0, 0
	for i, c := range cs {
		check(c.Name, c.Address)
		for _, l := range ls[i] {
			check(c.Name+" / "+l.Name, l.Address)
		}
		for _, m := range c.ContactMethods {
			if m.Kind.IsNumber() {
				numbers++
				if areas[c.Address.City][m.Value[2:5]] {
					ownAreaCode++
				}
			}
		}
	}
	// Only shared numbers (a relative's cell, a national property manager)
	// may come from elsewhere.
	if float64(ownAreaCode) < 0.95*float64(numbers) {
		t.Errorf("only %d of %d customer numbers use an area code of the customer's city", ownAreaCode, numbers)
	}
}

func TestRecordsFollowTheContactRules(t *testing.T) {
	cs, ls := generate(5, 3000)
	check := func(what string, cms []reach.ContactMethod, customerID string, ref reach.RecordRef) {
		seen := map[string]bool{}
		primaries := map[string]int{}
		for _, m := range cms {
			if seen[m.Key] {
				t.Errorf("%s: %s listed twice", what, m.Display)
			}
			seen[m.Key] = true
			if m.Primary {
				primaries[m.Kind.PrimaryGroup()]++
			}
			if m.ID == "" || m.CustomerID != customerID || m.Owner != ref || !m.Kind.Valid() {
				t.Errorf("%s: method %+v not tied to its record", what, m)
			}
		}
		for g, n := range primaries {
			if n > 1 {
				t.Errorf("%s: %d primary %ss", what, n, g)
			}
		}
	}
	for i, c := range cs {
		check(c.Name, c.ContactMethods, c.ID, reach.RecordRef{Type: reach.RecordCustomer, ID: c.ID})
		for _, l := range ls[i] {
			if l.CustomerID != c.ID {
				t.Errorf("location %s not tied to %s", l.Name, c.Name)
			}
			check(l.Name, l.ContactMethods, c.ID, reach.RecordRef{Type: reach.RecordLocation, ID: l.ID})
		}
	}
}

func TestValuesAreSharedAsInRealLife(t *testing.T) {
	cs, ls := generate(Seed, 3000)
	customersByKey := map[string]map[string]bool{}
	kinds := map[reach.Kind]int{}
	types := map[reach.CustomerType]int{}
	reusedOnOwnLocation, accented, apostrophe, withLocations, inactive := 0, 0, 0, 0, 0
	for i, c := range cs {
		types[c.Type]++
		if !c.Active {
			inactive++
		}
		if strings.ContainsAny(c.Name, "éëèôñçíóáú") {
			accented++
		}
		if strings.Contains(c.Name, "'") {
			apostrophe++
		}
		own := map[string]bool{}
		for _, m := range c.ContactMethods {
			own[m.Key] = true
		}
		if len(ls[i]) > 0 {
			withLocations++
		}
		for _, l := range ls[i] {
			for _, m := range l.ContactMethods {
				if own[m.Key] {
					reusedOnOwnLocation++
				}
			}
		}
		for _, m := range allMethods(cs[i:i+1], ls[i:i+1]) {
			kinds[m.Kind]++
			if customersByKey[m.Key] == nil {
				customersByKey[m.Key] = map[string]bool{}
			}
			customersByKey[m.Key][c.ID] = true
		}
	}
	crossCustomer, widest := 0, 0
	for _, owners := range customersByKey {
		if len(owners) > 1 {
			crossCustomer++
		}
		widest = max(widest, len(owners))
	}
	t.Logf("3000 customers: types %v, kinds %v, %d values on several customers (widest %d), %d reused on own locations, %d accented, %d apostrophes, %d inactive",
		types, kinds, crossCustomer, widest, reusedOnOwnLocation, accented, apostrophe, inactive)
	for _, k := range reach.Kinds {
		if kinds[k] == 0 {
			t.Errorf("no %s generated", k)
		}
	}
	switch {
	case types[reach.Commercial] < 400 || types[reach.Residential] < 2000:
		t.Errorf("customer types %v: want mostly residential with a good share of commercial", types)
	case crossCustomer < 30 || widest < 3:
		t.Errorf("%d values shared between customers (widest on %d): want property managers and landlords on several", crossCustomer, widest)
	case reusedOnOwnLocation < 1000:
		t.Errorf("only %d location methods reuse their customer's value", reusedOnOwnLocation)
	case accented < 30 || apostrophe < 10:
		t.Errorf("names: %d accented, %d with apostrophes; want some of each", accented, apostrophe)
	case withLocations < 2500:
		t.Errorf("only %d of 3000 customers have locations", withLocations)
	case inactive == 0:
		t.Errorf("no former (inactive) customers")
	}
}

func TestSameSeedSameRecords(t *testing.T) {
	a, al := generate(42, 200)
	b, bl := generate(42, 200)
	for i := range a {
		if a[i].Name != b[i].Name || a[i].Address != b[i].Address || len(al[i]) != len(bl[i]) {
			t.Fatalf("customer %d differs: %q vs %q", i, a[i].Name, b[i].Name)
		}
		am, bm := allMethods(a[i:i+1], al[i:i+1]), allMethods(b[i:i+1], bl[i:i+1])
		for j := range am {
			if am[j].Value != bm[j].Value || am[j].Memo != bm[j].Memo || am[j].Primary != bm[j].Primary {
				t.Fatalf("customer %d method %d differs: %+v vs %+v", i, j, am[j], bm[j])
			}
		}
	}
	if c, _ := generate(43, 1); c[0].Name == a[0].Name && c[0].Address == a[0].Address {
		t.Errorf("another seed gave the same first customer")
	}
}

func BenchmarkGeneratorNext(b *testing.B) {
	g := NewGenerator(1)
	for range 300000 { // past the first-use checks of the exchanges
		g.Next()
	}
	b.ReportAllocs()
	for b.Loop() {
		g.Next()
	}
}

func TestFillerNumbersAreNeverDrawn(t *testing.T) {
	for line, want := range map[int]bool{1234: false, 7890: false, 9012: false, 4321: false, 987: false, 0: false, 7777: false,
		4408: true, 1299: true, 5521: true, 3089: true} {
		if got := plausibleLine(line); got != want {
			t.Errorf("plausibleLine(%04d) = %v, want %v", line, got, want)
		}
	}
	for digits, want := range map[string]bool{"2122222222": true, "3456789012": true, "4169876543": true, "4167345921": false, "5122890133": false} {
		if got := looksMadeUp(digits); got != want {
			t.Errorf("looksMadeUp(%s) = %v, want %v", digits, got, want)
		}
	}
	for exchange, want := range map[int]bool{555: false, 411: false, 911: false, 976: false, 958: false, 212: true, 734: true} {
		if got := plausibleExchange(exchange); got != want {
			t.Errorf("plausibleExchange(%d) = %v, want %v", exchange, got, want)
		}
	}
}
