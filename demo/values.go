package demo

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"reach"
	"reach/phone"
)

// newNumber returns a phone number of the city, in E.164, that no earlier
// record received: only deliberate sharing repeats a number. It is built
// directly rather than parsed, but every area code and exchange it uses was
// accepted once by phone.Parse (remembered in g.exchanges), and numbers that
// look made up — 555 exchanges, N11 codes, runs like 1234 or 0000 — are
// never drawn, so no placeholder check would refuse them.
func (g *Generator) newNumber(ci int) string {
	areas := cities[ci].areaCodes
	for {
		area := areas[g.rng.IntN(len(areas))]
		exchange := 200 + g.rng.IntN(800)
		line := g.rng.IntN(10000)
		if !plausibleExchange(exchange) || !plausibleLine(line) {
			continue
		}
		digits := area + strconv.Itoa(exchange) + fmt.Sprintf("%04d", line)
		if looksMadeUp(digits) {
			continue
		}
		n, _ := strconv.ParseUint(digits, 10, 64)
		if _, used := g.numbers[n]; used {
			continue
		}
		if !g.exchangeValid(digits) {
			continue
		}
		g.numbers[n] = struct{}{}
		return "+1" + digits
	}
}

// exchangeValid asks phone.Parse about the first number drawn in each area
// code and exchange, and remembers the answer: the numbering plan decides
// validity by area code and exchange, and parsing every number would make
// seeding a million customers several times slower.
func (g *Generator) exchangeValid(digits string) bool {
	key, _ := strconv.Atoi(digits[:6])
	if ok, seen := g.exchanges[key]; seen {
		return ok
	}
	n, err := phone.Parse("+1" + digits)
	ok := err == nil && n.E164 == "+1"+digits
	g.exchanges[key] = ok
	return ok
}

// plausibleExchange refuses N11 service codes, 555 (fictional and
// directory numbers) and the codes reserved for special services.
func plausibleExchange(x int) bool {
	switch {
	case x%100 == 11, x == 555, x == 950, x == 958, x == 959, x == 976:
		return false
	}
	return true
}

// plausibleLine refuses line numbers people type as fillers: one digit
// repeated (0000) and straight runs (1234, 7890, 4321).
func plausibleLine(line int) bool {
	s := fmt.Sprintf("%04d", line)
	if strings.Count(s, s[:1]) == 4 {
		return false
	}
	up, down := true, true
	for i := 1; i < 4; i++ {
		up = up && succeeds(s[i-1], s[i])
		down = down && succeeds(s[i], s[i-1])
	}
	return !up && !down
}

// looksMadeUp reports a ten-digit number with a run of five digits that
// repeat or count up or down, as in 212-222-2222 or 345-678-9012.
func looksMadeUp(d string) bool {
	same, up, down := 1, 1, 1
	for i := 1; i < len(d); i++ {
		same, up, down = next(same, d[i] == d[i-1]), next(up, succeeds(d[i-1], d[i])), next(down, succeeds(d[i], d[i-1]))
		if same >= 5 || up >= 5 || down >= 5 {
			return true
		}
	}
	return false
}

// succeeds reports whether digit b follows digit a when counting, 9 then 0
// included, as in the filler 1234567890.
func succeeds(a, b byte) bool { return b-'0' == (a-'0'+1)%10 }

func next(run int, continues bool) int {
	if continues {
		return run + 1
	}
	return 1
}

// numberMethod is a mobile, phone or fax contact method holding e164.
func numberMethod(kind reach.Kind, e164, ext, memo string, primary bool) reach.ContactMethod {
	return reach.ContactMethod{ID: reach.NewID(), Kind: kind, Value: e164, Key: e164,
		Display: phone.Format(e164, ext), Extension: ext, Memo: memo, Primary: primary}
}

// emailMethod is an email contact method. Addresses are ASCII with a
// lower-case domain, so the stored value is the address itself and the key
// its lower-cased form, as email.Parse would give.
func emailMethod(addr, memo string, primary bool) reach.ContactMethod {
	return reach.ContactMethod{ID: reach.NewID(), Kind: reach.KindEmail, Value: addr, Key: strings.ToLower(addr),
		Display: addr, Memo: memo, Primary: primary}
}

// Mail providers people use, by country; repeats weight the draw.
var (
	usMailDomains = []string{"gmail.com", "gmail.com", "gmail.com", "gmail.com", "gmail.com", "yahoo.com", "yahoo.com",
		"hotmail.com", "outlook.com", "icloud.com", "icloud.com", "aol.com", "comcast.net", "att.net", "verizon.net",
		"msn.com", "sbcglobal.net", "me.com", "live.com", "protonmail.com"}
	caMailDomains = []string{"gmail.com", "gmail.com", "gmail.com", "gmail.com", "hotmail.com", "hotmail.ca", "outlook.com",
		"yahoo.ca", "rogers.com", "sympatico.ca", "shaw.ca", "telus.net", "icloud.com", "bell.net", "live.ca"}
	qcMailDomains = []string{"gmail.com", "gmail.com", "videotron.ca", "hotmail.com", "hotmail.ca", "outlook.com",
		"yahoo.ca", "sympatico.ca", "icloud.com", "bell.net"}
)

// personalEmail returns an unused personal address for a person living in
// city ci, shaped the ways people pick them (jane.doe, jdoe, janedoe87).
func (g *Generator) personalEmail(ci int, first, last string) string {
	domains := usMailDomains
	switch {
	case cities[ci].french:
		domains = qcMailDomains
	case cities[ci].country == "CA":
		domains = caMailDomains
	}
	f, l := asciiWord(first), asciiWord(last)
	var local string
	switch g.rng.IntN(8) {
	case 0, 1:
		local = f + "." + l
	case 2:
		local = f + l
	case 3:
		local = f[:1] + l
	case 4:
		local = f + "_" + l
	case 5:
		local = f + fmt.Sprintf("%02d", (50+g.rng.IntN(56))%100) // birth year
	case 6:
		local = l + "." + f
	default:
		local = f + "." + l + strconv.Itoa(1+g.rng.IntN(99))
	}
	if g.chance(0.05) {
		local = capitalize(local) // typed with capitals; the key is lower-case
	}
	return g.unusedEmail(local, domains[g.rng.IntN(len(domains))])
}

// unusedEmail returns local@domain, adding digits to local until the address
// is new, so two unrelated people never share a mailbox by accident.
func (g *Generator) unusedEmail(local, domain string) string {
	addr := local + "@" + domain
	for tries := 0; ; tries++ {
		h := fnv.New64a()
		h.Write([]byte(strings.ToLower(addr)))
		if _, used := g.emails[h.Sum64()]; !used {
			g.emails[h.Sum64()] = struct{}{}
			return addr
		}
		digits := 10 + g.rng.IntN(90)
		if tries > 3 {
			digits = 100 + g.rng.IntN(9900)
		}
		addr = local + strconv.Itoa(digits) + "@" + domain
	}
}

// businessDomain returns an unused domain made from a business name, e.g.
// "Harbor Plumbing & Heating" → harborplumbingheating.com.
func (g *Generator) businessDomain(ci int, name string) string {
	var words []string
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' || r == '&' || r == '/' }) {
		w = asciiWord(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"))
		switch w {
		case "", "the", "and", "co", "llc", "inc", "ltd", "llp", "of", "du", "et", "chez":
			continue
		}
		words = append(words, w)
	}
	slug := strings.Join(words, "")
	if len(slug) > 24 && len(words) > 1 {
		slug = strings.Join(words[:len(words)-1], "")
	}
	if len(slug) > 30 {
		slug = slug[:30]
	}
	tld := ".com"
	switch {
	case cities[ci].country == "CA" && g.chance(0.6):
		tld = ".ca"
	case g.chance(0.1):
		tld = ".net"
	}
	base := slug
	for n := 0; ; n++ {
		if n == 1 {
			slug = base + asciiWord(cities[ci].name)
		} else if n > 1 {
			slug = base + strconv.Itoa(n)
		}
		if _, used := g.domains[slug+tld]; !used {
			g.domains[slug+tld] = struct{}{}
			return slug + tld
		}
	}
}

// asciiWord folds a name to the lower-case ASCII letters and digits an
// address is made of: "Zoë" → "zoe", "O'Brien" → "obrien", "Bjørn" → "bjorn".
func asciiWord(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == 'ø':
			b.WriteByte('o')
		case r == 'æ':
			b.WriteString("ae")
		case r == 'ß':
			b.WriteString("ss")
		case unicode.Is(unicode.Mn, r):
		}
	}
	return b.String()
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Letters Canada Post uses in postal codes (never D, F, I, O, Q, U).
const postalLetters = "ABCEGHJKLMNPRSTVWXYZ"

// address returns a street address in city ci; unitChance is how often it
// carries an apartment or suite.
func (g *Generator) address(ci int, unitChance float64, commercial bool) reach.Address {
	c := &cities[ci]
	num := 100 + g.rng.IntN(4900)
	if commercial || g.chance(0.2) {
		num = 1 + g.rng.IntN(9999)
	}
	var street string
	switch {
	case c.french && g.chance(0.8):
		street = strconv.Itoa(num) + " " + pick(g, rues)
	default:
		name := pick(g, streetNames)
		if c.country == "US" && g.chance(0.08) {
			name = pick(g, directions) + " " + name
		}
		street = strconv.Itoa(num) + " " + name + " " + pick(g, streetSuffixes)
		if c.country == "CA" && g.chance(0.15) {
			street += " " + pick(g, []string{"E", "W", "N", "S"})
		}
	}
	a := reach.Address{Street: street, City: c.name, State: c.state, Country: c.country}
	if g.chance(unitChance) {
		a.Unit = g.unit(commercial)
	}
	if c.country == "US" {
		a.Zip = fmt.Sprintf("%05d", c.zipLo+g.rng.IntN(c.zipHi-c.zipLo+1))
		if g.chance(0.05) {
			a.Zip += fmt.Sprintf("-%04d", 1+g.rng.IntN(9998))
		}
	} else {
		a.Zip = pick(g, c.fsas) + " " + strconv.Itoa(g.rng.IntN(10)) +
			string(postalLetters[g.rng.IntN(len(postalLetters))]) + strconv.Itoa(g.rng.IntN(10))
	}
	return a
}

// unit returns an apartment, unit or suite designator.
func (g *Generator) unit(commercial bool) string {
	if commercial {
		switch g.rng.IntN(3) {
		case 0:
			return fmt.Sprintf("Suite %d", 100*(1+g.rng.IntN(9))+g.rng.IntN(20))
		case 1:
			return fmt.Sprintf("Unit %d", 1+g.rng.IntN(40))
		default:
			return fmt.Sprintf("Bldg %c", 'A'+rune(g.rng.IntN(6)))
		}
	}
	switch g.rng.IntN(4) {
	case 0:
		return fmt.Sprintf("Apt %d", 1+g.rng.IntN(30))
	case 1:
		return fmt.Sprintf("Apt %d%c", 1+g.rng.IntN(12), 'A'+rune(g.rng.IntN(6)))
	case 2:
		return fmt.Sprintf("Unit %d", 100+g.rng.IntN(1900))
	default:
		return fmt.Sprintf("#%d", 1+g.rng.IntN(2400))
	}
}
