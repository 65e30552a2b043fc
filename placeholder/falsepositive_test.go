package placeholder

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"reach/email"
	"reach/phone"
)

// TestNoFalsePositivesOnRealNumbers draws 10,000 valid US, Canadian and
// territory numbers (any real area code, any exchange, any line, but not the
// fictional 555-01XX lines) and checks no built-in rule calls them filler.
func TestNoFalsePositivesOnRealNumbers(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	checked := 0
	for checked < 10000 {
		npa, nxx, line := 200+rng.IntN(800), 200+rng.IntN(800), rng.IntN(10000)
		if nxx == 555 && (line/100 == 1 || line == 1212 || line == 1234) {
			continue // reserved for fiction, or directory assistance: placeholders by definition
		}
		n, err := phone.Parse(fmt.Sprintf("%d%d%04d", npa, nxx, line))
		if err != nil {
			continue // not a valid domestic number: not in this test's population
		}
		checked++
		if r, ok := Number(n.E164); ok {
			t.Errorf("real number %s flagged as %s (%s)", n.Display(), r.Name, r.Reason)
		}
	}
}

// TestNoFalsePositivesOnRealEmails builds 10,000 realistic personal and
// business addresses and checks no built-in rule calls them filler.
func TestNoFalsePositivesOnRealEmails(t *testing.T) {
	first := strings.Fields("james mary robert patricia john jennifer michael linda david elizabeth william barbara richard susan joseph jessica thomas sarah charles karen nora noah nancy nathan tess tessa nadia nina anna ana nick nell norm")
	last := strings.Fields("smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white harris nguyen kim obrien testa nash nunez")
	personal := strings.Fields("gmail.com yahoo.com outlook.com hotmail.com icloud.com aol.com comcast.net verizon.net att.net shaw.ca rogers.com sympatico.ca protonmail.com me.com live.com")
	trades := strings.Fields("plumbing heating electric hvac roofing cooling mechanical services builders propertymgmt realty dental bakery")
	roles := strings.Fields("info office billing accounts service dispatch sales admin hello contact frontdesk manager ap ar")
	rng := rand.New(rand.NewPCG(3, 4))
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	for i := 0; i < 10000; i++ {
		f, l := pick(first), pick(last)
		var addr string
		switch rng.IntN(6) {
		case 0:
			addr = f + "." + l + "@" + pick(personal)
		case 1:
			addr = f[:1] + l + fmt.Sprint(rng.IntN(100)) + "@" + pick(personal)
		case 2:
			addr = f + "_" + l + "@" + pick(personal)
		case 3:
			addr = f + l + fmt.Sprint(1950+rng.IntN(60)) + "@" + pick(personal)
		case 4:
			addr = pick(roles) + "@" + l + pick(trades) + ".com"
		default:
			addr = f + "@" + l + pick(trades) + "." + pick([]string{"com", "net", "ca", "us"})
		}
		if _, err := email.Parse(addr); err != nil {
			t.Fatalf("generated %q is not a valid address: %v", addr, err)
		}
		if r, ok := Email(addr); ok {
			t.Errorf("real address %s flagged as %s (%s)", addr, r.Name, r.Reason)
		}
	}
}
