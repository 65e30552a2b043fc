package demo

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"reach"
)

// Generator makes realistic synthetic customers with their locations and
// contact methods, for the demo tenant and for `reach seed`. The same seed
// gives the same records (apart from ids), so the demo always looks alike and
// benchmarks load comparable data.
//
// Values are shared the way real records share them: a customer's locations
// list the customer's own mobile or email; a property manager's office line
// and email appear on the records of several customers; a landlord's mobile
// is on each tenant's record; a relative's mobile sits on a parent's record.
// Everything else is unique, so only deliberate sharing repeats a value.
type Generator struct {
	rng       *rand.Rand
	cumWeight []int
	exchanges map[int]bool        // area code+exchange → accepted by phone.Parse
	numbers   map[uint64]struct{} // ten-digit numbers handed out
	emails    map[uint64]struct{} // hashes of email keys handed out
	domains   map[string]struct{} // business domains handed out
	managers  [][]*sharer         // per city: property managers still taking clients
	landlords [][]*sharer         // per city: landlords with rentals to let
	family    []string            // recent residential mobiles (a ring), for relatives
	familyAt  int
}

// sharer is a value set that appears on several customers' records.
type sharer struct {
	name         string
	phone, email string
	uses         int // how many more customers may list it
}

// NewGenerator returns a generator drawing from seed.
func NewGenerator(seed uint64) *Generator {
	g := &Generator{
		rng:       rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)),
		exchanges: map[int]bool{},
		numbers:   map[uint64]struct{}{},
		emails:    map[uint64]struct{}{},
		domains:   map[string]struct{}{},
		managers:  make([][]*sharer, len(cities)),
		landlords: make([][]*sharer, len(cities)),
		family:    make([]string, 0, 64),
	}
	total := 0
	for _, c := range cities {
		total += c.weight
		g.cumWeight = append(g.cumWeight, total)
	}
	return g
}

// Batch returns n new customers with their locations, stamped as created
// by creator in tenantID at now, ready for a bulk load.
func (g *Generator) Batch(tenantID, creator string, n int, now time.Time) ([]reach.Customer, []reach.Location) {
	customers, locations := make([]reach.Customer, 0, n), []reach.Location(nil)
	stamp := func(cms []reach.ContactMethod) {
		for i := range cms {
			cms[i].CreatedAt, cms[i].UpdatedAt, cms[i].CreatedBy, cms[i].Source = now, now, creator, reach.SourceSystem
		}
	}
	for range n {
		c, locs := g.Next()
		c.TenantID, c.CreatedAt, c.UpdatedAt = tenantID, now, now
		stamp(c.ContactMethods)
		for i := range locs {
			locs[i].TenantID, locs[i].CreatedAt, locs[i].UpdatedAt = tenantID, now, now
			stamp(locs[i].ContactMethods)
		}
		customers = append(customers, c)
		locations = append(locations, locs...)
	}
	return customers, locations
}

// Next returns a new customer with its locations, ids set, all active
// except a few former customers; tenant, timestamps and provenance are left
// to the caller.
func (g *Generator) Next() (reach.Customer, []reach.Location) {
	ci := g.city()
	if g.chance(0.22) {
		return g.commercial(ci)
	}
	return g.residential(ci)
}

func (g *Generator) chance(p float64) bool { return g.rng.Float64() < p }

func pick[T any](g *Generator, xs []T) T { return xs[g.rng.IntN(len(xs))] }

// city draws a city index, weighted by metro size.
func (g *Generator) city() int {
	n := g.rng.IntN(g.cumWeight[len(g.cumWeight)-1])
	for i, w := range g.cumWeight {
		if n < w {
			return i
		}
	}
	return len(cities) - 1
}

// person draws a first and last name; Québec draws mostly French-Canadian ones.
func (g *Generator) person(ci int) (first, last string) {
	if cities[ci].french && g.chance(0.7) {
		return pick(g, frenchFirstNames), pick(g, frenchLastNames)
	}
	return pick(g, firstNames), pick(g, lastNames)
}

// methods is a record's contact methods under construction: each value once,
// at most one primary number and one primary email, as app requires.
type methods []reach.ContactMethod

func (ms *methods) add(m reach.ContactMethod) {
	for _, x := range *ms {
		if x.Key == m.Key {
			return
		}
		if m.Primary && x.Primary && x.Kind.PrimaryGroup() == m.Kind.PrimaryGroup() {
			m.Primary = false
		}
	}
	*ms = append(*ms, m)
}

// own ties the methods to their record and the customer owning it.
func (ms methods) own(customerID string, ref reach.RecordRef) []reach.ContactMethod {
	out := []reach.ContactMethod(ms)
	for i := range out {
		out[i].CustomerID, out[i].Owner = customerID, ref
	}
	if out == nil {
		out = []reach.ContactMethod{}
	}
	return out
}

func (g *Generator) residential(ci int) (reach.Customer, []reach.Location) {
	first, last := g.person(ci)
	c := reach.Customer{RecordHeader: reach.RecordHeader{ID: reach.NewID(), Name: first + " " + last, Active: !g.chance(0.03), Version: 1}, Type: reach.Residential}
	spouse := ""
	if g.chance(0.12) {
		spouse, _ = g.person(ci)
		c.Name = first + " & " + spouse + " " + last
	}
	c.Address = g.address(ci, 0.18, false)
	var cms methods
	mobile := ""
	if g.chance(0.93) {
		mobile = g.newNumber(ci)
		memo := pick(g, ownMobileMemos)
		if spouse != "" {
			memo = first + "'s cell"
		}
		cms.add(numberMethod(reach.KindMobile, mobile, "", memo, g.chance(0.9)))
	}
	if spouse != "" || g.chance(0.15) {
		memo := pick(g, spouseMemos)
		if spouse != "" {
			memo = spouse + "'s cell"
		}
		cms.add(numberMethod(reach.KindMobile, g.newNumber(ci), "", memo, false))
	}
	if g.chance(0.22) {
		cms.add(numberMethod(reach.KindPhone, g.newNumber(ci), "", "Home", mobile == ""))
	}
	mail := ""
	if g.chance(0.78) {
		mail = g.personalEmail(ci, first, last)
		cms.add(emailMethod(mail, pick(g, []string{"", "", "", "Personal"}), g.chance(0.9)))
	}
	if g.chance(0.07) {
		cms.add(emailMethod(g.personalEmail(ci, first, last), pick(g, []string{"Work", "Alternate", "Old email - still checks it"}), false))
	}
	if g.chance(0.02) {
		cms.add(numberMethod(reach.KindFax, g.newNumber(ci), "", "Home office fax", false))
	}
	if g.chance(0.04) && len(g.family) > 0 {
		cms.add(numberMethod(reach.KindMobile, pick(g, g.family), "", pick(g, familyMemos), false))
	}
	switch {
	case g.chance(0.08):
		if pm := g.share(g.managers, ci, true); pm != nil {
			cms.add(numberMethod(reach.KindPhone, pm.phone, "", pick(g, managerPhoneMemo), false))
			if g.chance(0.7) {
				cms.add(emailMethod(pm.email, pick(g, managerMailMemo), false))
			}
		}
	case g.chance(0.06):
		if ll := g.share(g.landlords, ci, false); ll != nil {
			cms.add(numberMethod(reach.KindMobile, ll.phone, "", "Landlord - "+ll.name, false))
		}
	}
	if mobile != "" && g.chance(0.3) {
		g.remember(mobile)
	}
	c.ContactMethods = cms.own(c.ID, reach.RecordRef{Type: reach.RecordCustomer, ID: c.ID})
	return c, g.homes(ci, &c, first, last, mobile, mail)
}

// homes returns a residential customer's locations: usually the home at the
// billing address, sometimes none, sometimes also a rental or a parent's house.
func (g *Generator) homes(ci int, c *reach.Customer, first, last, mobile, mail string) []reach.Location {
	n := 1
	switch r := g.rng.IntN(100); {
	case r < 10:
		n = 0
	case r >= 97:
		n = 3
	case r >= 90:
		n = 2
	}
	var locs []reach.Location
	landlord := false
	for i := range n {
		l := reach.Location{RecordHeader: reach.RecordHeader{ID: reach.NewID(), Active: true, Version: 1}, CustomerID: c.ID}
		var cms methods
		if i == 0 {
			l.Address = c.Address
			l.Name = pick(g, []string{"Home", "Home", c.Name, c.Address.Street})
			if mobile != "" && g.chance(0.55) {
				cms.add(numberMethod(reach.KindMobile, mobile, "", pick(g, []string{"Homeowner", "Owner's cell", "", "Cell"}), true))
			}
			if mail != "" && g.chance(0.15) {
				cms.add(emailMethod(mail, "", true))
			}
			if g.chance(0.05) {
				cms.add(numberMethod(reach.KindMobile, g.newNumber(ci), "", pick(g, []string{"Neighbor - has key", "Caretaker", "Dog sitter"}), false))
			}
		} else {
			l.Address = g.address(ci, 0.3, false)
			kind := pick(g, []string{"Rental", "Rental", "Duplex", "Lake house", "Mom's house"})
			l.Name = kind + " - " + streetOnly(l.Address.Street)
			switch kind {
			case "Rental", "Duplex":
				tf, _ := g.person(ci)
				cms.add(numberMethod(reach.KindMobile, g.newNumber(ci), "", "Tenant - "+tf, true))
				if mobile != "" {
					cms.add(numberMethod(reach.KindMobile, mobile, "", "Owner", false))
					landlord = true
				}
			case "Mom's house":
				cms.add(numberMethod(reach.KindPhone, g.newNumber(ci), "", "Mom's home phone", true))
			default:
				if mobile != "" {
					cms.add(numberMethod(reach.KindMobile, mobile, "", "Owner", true))
				}
			}
		}
		l.ContactMethods = cms.own(c.ID, reach.RecordRef{Type: reach.RecordLocation, ID: l.ID})
		locs = append(locs, l)
	}
	if landlord {
		g.landlords[ci] = append(g.landlords[ci], &sharer{name: first + " " + last, phone: mobile, uses: 2 + g.rng.IntN(3)})
	}
	return locs
}

func (g *Generator) commercial(ci int) (reach.Customer, []reach.Location) {
	manager := g.chance(0.15)
	c := reach.Customer{RecordHeader: reach.RecordHeader{ID: reach.NewID(), Name: g.businessName(ci, manager), Active: !g.chance(0.03), Version: 1}, Type: reach.Commercial}
	c.Address = g.address(ci, 0.4, true)
	domain := g.businessDomain(ci, c.Name)
	var cms methods
	office, ext := g.newNumber(ci), ""
	if g.chance(0.12) {
		ext = strconv.Itoa(10 + g.rng.IntN(990))
	}
	cms.add(numberMethod(reach.KindPhone, office, ext, pick(g, officeMemos), true))
	if g.chance(0.4) {
		cms.add(numberMethod(reach.KindFax, g.newNumber(ci), "", pick(g, []string{"Fax", "Fax", "Billing fax", "Office fax"}), false))
	}
	billing := g.unusedEmail(pick(g, billingLocals), domain)
	cms.add(emailMethod(billing, pick(g, billingMemos), true))
	general := billing
	if g.chance(0.4) {
		general = g.unusedEmail(pick(g, businessLocals), domain)
		cms.add(emailMethod(general, pick(g, []string{"General", "Service requests", "Office", ""}), false))
	}
	if g.chance(0.7) {
		of, ol := g.person(ci)
		cms.add(numberMethod(reach.KindMobile, g.newNumber(ci), "", pick(g, []string{"Owner - " + of, of + " " + ol + " (owner)",
			"Manager's cell", "GM - " + of, "Owner's cell"}), false))
		if g.chance(0.3) {
			cms.add(emailMethod(g.unusedEmail(asciiWord(of)+"."+asciiWord(ol), domain), of+" (owner)", false))
		}
	}
	afterHours := ""
	if g.chance(0.25) {
		afterHours = g.newNumber(ci)
		cms.add(numberMethod(reach.KindMobile, afterHours, "", pick(g, afterHoursMemos), false))
	}
	if !manager && g.chance(0.08) {
		if pm := g.share(g.managers, ci, true); pm != nil {
			cms.add(numberMethod(reach.KindPhone, pm.phone, "", pick(g, managerPhoneMemo), false))
			cms.add(emailMethod(pm.email, pick(g, managerMailMemo), false))
		}
	}
	c.ContactMethods = cms.own(c.ID, reach.RecordRef{Type: reach.RecordCustomer, ID: c.ID})
	if manager {
		g.managers[ci] = append(g.managers[ci], &sharer{name: c.Name, phone: office, email: general, uses: 3 + g.rng.IntN(8)})
	}
	n := 1
	switch r := g.rng.IntN(100); {
	case manager:
		n = 2 + g.rng.IntN(2)
	case r >= 80:
		n = 3
	case r >= 50:
		n = 2
	}
	locs := make([]reach.Location, 0, n)
	for i := range n {
		l := reach.Location{RecordHeader: reach.RecordHeader{ID: reach.NewID(), Active: true, Version: 1}, CustomerID: c.ID}
		if i == 0 && !manager && g.chance(0.5) {
			l.Address, l.Name = c.Address, c.Name
		} else {
			l.Address = g.address(ci, 0.3, true)
			l.Name = g.siteName(l.Address, manager)
		}
		var lcms methods
		if manager {
			if g.chance(0.8) {
				lcms.add(numberMethod(reach.KindPhone, office, "", pick(g, managerPhoneMemo), true))
			}
			if g.chance(0.4) {
				f, _ := g.person(ci)
				lcms.add(numberMethod(reach.KindMobile, g.newNumber(ci), "", pick(g, []string{"Building super - " + f, "Maintenance", "On-site manager"}), false))
			}
			if g.chance(0.3) {
				lcms.add(emailMethod(general, "Property manager", true))
			}
		} else {
			if g.chance(0.55) {
				lcms.add(numberMethod(reach.KindPhone, office, ext, "Office", true))
			}
			if g.chance(0.6) {
				memo := pick(g, siteMemos)
				if g.chance(0.5) {
					f, _ := g.person(ci)
					memo += " - " + f
				}
				lcms.add(numberMethod(reach.KindMobile, g.newNumber(ci), "", memo, true))
			}
			if afterHours != "" && g.chance(0.5) {
				lcms.add(numberMethod(reach.KindMobile, afterHours, "", "After hours", false))
			}
			if g.chance(0.15) {
				lcms.add(emailMethod(billing, "Billing", true))
			}
		}
		l.ContactMethods = lcms.own(c.ID, reach.RecordRef{Type: reach.RecordLocation, ID: l.ID})
		locs = append(locs, l)
	}
	return c, locs
}

// businessName draws a business name of the city; manager asks for a
// property-management company.
func (g *Generator) businessName(ci int, manager bool) string {
	_, last := g.person(ci)
	templates := bizTemplates
	switch {
	case manager:
		templates = managerTemplates
	case cities[ci].french && g.chance(0.6):
		templates = frenchBizTemplates
	}
	name := fmt.Sprintf(pick(g, templates), last, pick(g, bizAdjectives), pick(g, bizNouns), cities[ci].name, pick(g, foods), pick(g, saints))
	if g.chance(0.15) {
		if cities[ci].country == "CA" {
			name += pick(g, []string{" Ltd.", " Inc."})
		} else {
			name += pick(g, []string{" LLC", ", Inc.", " Inc."})
		}
	}
	return name
}

// siteName names a commercial service location.
func (g *Generator) siteName(a reach.Address, manager bool) string {
	if manager {
		return fmt.Sprintf(pick(g, []string{"%[1]s Apartments", "%[2]s Townhomes", "%[2]s Plaza", "%[3]s Condominiums",
			"The %[2]s at %[3]s"}), pick(g, bizAdjectives), pick(g, bizNouns), streetOnly(a.Street))
	}
	switch g.rng.IntN(10) {
	case 0:
		return fmt.Sprintf("Store #%d", 1+g.rng.IntN(60))
	case 1:
		return fmt.Sprintf("Building %c", 'A'+rune(g.rng.IntN(5)))
	case 2:
		return streetOnly(a.Street) + " location"
	}
	return pick(g, []string{"Main office", "Warehouse", "Kitchen", "Shop", "Downtown location", "North campus", "Distribution center"})
}

// streetOnly drops the house number: "412 Oak St" → "Oak St".
func streetOnly(street string) string {
	if _, rest, ok := strings.Cut(street, " "); ok {
		return rest
	}
	return street
}

// share takes one use of a sharer of city ci, or of any city when anywhere
// is set (property managers often run buildings across a region), or nil.
func (g *Generator) share(pools [][]*sharer, ci int, anywhere bool) *sharer {
	if len(pools[ci]) == 0 && anywhere {
		start := g.rng.IntN(len(pools))
		for k := range pools {
			if j := (start + k) % len(pools); len(pools[j]) > 0 {
				ci = j
				break
			}
		}
	}
	pool := pools[ci]
	if len(pool) == 0 {
		return nil
	}
	i := g.rng.IntN(len(pool))
	s := pool[i]
	if s.uses--; s.uses <= 0 {
		pool[i] = pool[len(pool)-1]
		pools[ci] = pool[:len(pool)-1]
	}
	return s
}

// remember keeps a mobile for a later relative's record to list.
func (g *Generator) remember(mobile string) {
	if len(g.family) < cap(g.family) {
		g.family = append(g.family, mobile)
		return
	}
	g.family[g.familyAt] = mobile
	g.familyAt = (g.familyAt + 1) % len(g.family)
}
