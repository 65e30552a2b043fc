package demo

// city is a real US or Canadian city with its state or province, the range
// of its real ZIP codes (or its real forward sortation areas, the first half
// of a postal code) and its real area codes, so a generated address and the
// phone numbers beside it agree as they would on a real record.
type city struct {
	name, state, country string
	zipLo, zipHi         int      // US: ZIP codes drawn from [zipLo, zipHi]
	fsas                 []string // Canada: first halves of postal codes
	areaCodes            []string
	french               bool // Québec: French street names and more French-Canadian names
	weight               int  // relative share of customers, roughly by metro size
}

// cities are the places customers live and work. Area codes include overlays
// added in recent years; a test checks each one passes phone.Parse.
var cities = []city{
	{name: "New York", state: "NY", country: "US", zipLo: 10001, zipHi: 10040, areaCodes: []string{"212", "646", "332", "917"}, weight: 9},
	{name: "Brooklyn", state: "NY", country: "US", zipLo: 11201, zipHi: 11239, areaCodes: []string{"718", "347", "929"}, weight: 6},
	{name: "Los Angeles", state: "CA", country: "US", zipLo: 90001, zipHi: 90068, areaCodes: []string{"213", "323", "310"}, weight: 9},
	{name: "San Diego", state: "CA", country: "US", zipLo: 92101, zipHi: 92130, areaCodes: []string{"619", "858"}, weight: 4},
	{name: "San Jose", state: "CA", country: "US", zipLo: 95110, zipHi: 95136, areaCodes: []string{"408", "669"}, weight: 3},
	{name: "Sacramento", state: "CA", country: "US", zipLo: 95811, zipHi: 95838, areaCodes: []string{"916", "279"}, weight: 3},
	{name: "Chicago", state: "IL", country: "US", zipLo: 60601, zipHi: 60660, areaCodes: []string{"312", "773", "872"}, weight: 7},
	{name: "Houston", state: "TX", country: "US", zipLo: 77002, zipHi: 77099, areaCodes: []string{"713", "281", "832", "346"}, weight: 7},
	{name: "Dallas", state: "TX", country: "US", zipLo: 75201, zipHi: 75254, areaCodes: []string{"214", "469", "972"}, weight: 6},
	{name: "Austin", state: "TX", country: "US", zipLo: 78701, zipHi: 78759, areaCodes: []string{"512", "737"}, weight: 4},
	{name: "San Antonio", state: "TX", country: "US", zipLo: 78201, zipHi: 78260, areaCodes: []string{"210", "726"}, weight: 4},
	{name: "Phoenix", state: "AZ", country: "US", zipLo: 85003, zipHi: 85054, areaCodes: []string{"602", "480", "623"}, weight: 5},
	{name: "Tucson", state: "AZ", country: "US", zipLo: 85701, zipHi: 85750, areaCodes: []string{"520"}, weight: 2},
	{name: "Philadelphia", state: "PA", country: "US", zipLo: 19102, zipHi: 19154, areaCodes: []string{"215", "267", "445"}, weight: 5},
	{name: "Pittsburgh", state: "PA", country: "US", zipLo: 15201, zipHi: 15235, areaCodes: []string{"412", "878"}, weight: 2},
	{name: "Columbus", state: "OH", country: "US", zipLo: 43201, zipHi: 43235, areaCodes: []string{"614", "380"}, weight: 3},
	{name: "Cleveland", state: "OH", country: "US", zipLo: 44102, zipHi: 44135, areaCodes: []string{"216"}, weight: 2},
	{name: "Indianapolis", state: "IN", country: "US", zipLo: 46201, zipHi: 46260, areaCodes: []string{"317", "463"}, weight: 3},
	{name: "Detroit", state: "MI", country: "US", zipLo: 48201, zipHi: 48239, areaCodes: []string{"313"}, weight: 3},
	{name: "Minneapolis", state: "MN", country: "US", zipLo: 55401, zipHi: 55455, areaCodes: []string{"612"}, weight: 3},
	{name: "Milwaukee", state: "WI", country: "US", zipLo: 53202, zipHi: 53233, areaCodes: []string{"414"}, weight: 2},
	{name: "St. Louis", state: "MO", country: "US", zipLo: 63101, zipHi: 63139, areaCodes: []string{"314", "557"}, weight: 2},
	{name: "Kansas City", state: "MO", country: "US", zipLo: 64101, zipHi: 64157, areaCodes: []string{"816"}, weight: 2},
	{name: "Denver", state: "CO", country: "US", zipLo: 80202, zipHi: 80239, areaCodes: []string{"303", "720"}, weight: 4},
	{name: "Salt Lake City", state: "UT", country: "US", zipLo: 84101, zipHi: 84124, areaCodes: []string{"801", "385"}, weight: 2},
	{name: "Las Vegas", state: "NV", country: "US", zipLo: 89101, zipHi: 89183, areaCodes: []string{"702", "725"}, weight: 3},
	{name: "Seattle", state: "WA", country: "US", zipLo: 98101, zipHi: 98199, areaCodes: []string{"206"}, weight: 4},
	{name: "Portland", state: "OR", country: "US", zipLo: 97201, zipHi: 97239, areaCodes: []string{"503", "971"}, weight: 3},
	{name: "Boise", state: "ID", country: "US", zipLo: 83702, zipHi: 83716, areaCodes: []string{"208", "986"}, weight: 1},
	{name: "Atlanta", state: "GA", country: "US", zipLo: 30303, zipHi: 30350, areaCodes: []string{"404", "678", "470"}, weight: 5},
	{name: "Charlotte", state: "NC", country: "US", zipLo: 28202, zipHi: 28277, areaCodes: []string{"704", "980"}, weight: 3},
	{name: "Raleigh", state: "NC", country: "US", zipLo: 27601, zipHi: 27617, areaCodes: []string{"919", "984"}, weight: 2},
	{name: "Nashville", state: "TN", country: "US", zipLo: 37201, zipHi: 37221, areaCodes: []string{"615", "629"}, weight: 3},
	{name: "Memphis", state: "TN", country: "US", zipLo: 38103, zipHi: 38141, areaCodes: []string{"901"}, weight: 2},
	{name: "Jacksonville", state: "FL", country: "US", zipLo: 32202, zipHi: 32258, areaCodes: []string{"904"}, weight: 2},
	{name: "Miami", state: "FL", country: "US", zipLo: 33125, zipHi: 33186, areaCodes: []string{"305", "786"}, weight: 5},
	{name: "Tampa", state: "FL", country: "US", zipLo: 33602, zipHi: 33647, areaCodes: []string{"813", "656"}, weight: 3},
	{name: "Orlando", state: "FL", country: "US", zipLo: 32801, zipHi: 32839, areaCodes: []string{"407", "689"}, weight: 3},
	{name: "New Orleans", state: "LA", country: "US", zipLo: 70112, zipHi: 70131, areaCodes: []string{"504"}, weight: 2},
	{name: "Boston", state: "MA", country: "US", zipLo: 2108, zipHi: 2136, areaCodes: []string{"617", "857"}, weight: 4},
	{name: "Baltimore", state: "MD", country: "US", zipLo: 21201, zipHi: 21239, areaCodes: []string{"410", "443", "667"}, weight: 2},
	{name: "Washington", state: "DC", country: "US", zipLo: 20001, zipHi: 20037, areaCodes: []string{"202"}, weight: 3},
	{name: "Oklahoma City", state: "OK", country: "US", zipLo: 73102, zipHi: 73170, areaCodes: []string{"405", "572"}, weight: 2},
	{name: "Albuquerque", state: "NM", country: "US", zipLo: 87102, zipHi: 87123, areaCodes: []string{"505"}, weight: 1},
	{name: "Omaha", state: "NE", country: "US", zipLo: 68102, zipHi: 68164, areaCodes: []string{"402", "531"}, weight: 1},
	{name: "Louisville", state: "KY", country: "US", zipLo: 40202, zipHi: 40299, areaCodes: []string{"502"}, weight: 1},
	{name: "Richmond", state: "VA", country: "US", zipLo: 23219, zipHi: 23237, areaCodes: []string{"804"}, weight: 1},

	{name: "Toronto", state: "ON", country: "CA", fsas: []string{"M4C", "M4E", "M4K", "M4L", "M4M", "M4S", "M4W", "M5A", "M5R", "M5V", "M6G", "M6H", "M6J", "M6K", "M6P"}, areaCodes: []string{"416", "647", "437"}, weight: 6},
	{name: "Ottawa", state: "ON", country: "CA", fsas: []string{"K1N", "K1P", "K1R", "K1S", "K1Y", "K1Z", "K2A", "K2B", "K2P"}, areaCodes: []string{"613", "343"}, weight: 2},
	{name: "Mississauga", state: "ON", country: "CA", fsas: []string{"L4T", "L4W", "L4X", "L4Z", "L5A", "L5B", "L5G", "L5L", "L5M", "L5N"}, areaCodes: []string{"905", "289", "365"}, weight: 2},
	{name: "Hamilton", state: "ON", country: "CA", fsas: []string{"L8L", "L8M", "L8N", "L8P", "L8R", "L9A", "L9C"}, areaCodes: []string{"905", "289"}, weight: 1},
	{name: "Montréal", state: "QC", country: "CA", fsas: []string{"H1V", "H2J", "H2L", "H2T", "H2V", "H2X", "H3A", "H3H", "H3Z", "H4A"}, areaCodes: []string{"514", "438"}, french: true, weight: 4},
	{name: "Québec", state: "QC", country: "CA", fsas: []string{"G1K", "G1L", "G1R", "G1S", "G1V", "G2B"}, areaCodes: []string{"418", "581"}, french: true, weight: 1},
	{name: "Vancouver", state: "BC", country: "CA", fsas: []string{"V5K", "V5L", "V5N", "V5T", "V5V", "V6A", "V6B", "V6E", "V6G", "V6H", "V6K"}, areaCodes: []string{"604", "778", "236"}, weight: 3},
	{name: "Calgary", state: "AB", country: "CA", fsas: []string{"T2E", "T2G", "T2P", "T2R", "T2S", "T2T", "T3A", "T3E", "T3H"}, areaCodes: []string{"403", "587", "825"}, weight: 2},
	{name: "Edmonton", state: "AB", country: "CA", fsas: []string{"T5H", "T5J", "T5K", "T5N", "T6E", "T6G", "T6H", "T6J"}, areaCodes: []string{"780", "587"}, weight: 2},
	{name: "Winnipeg", state: "MB", country: "CA", fsas: []string{"R2C", "R2H", "R2M", "R2W", "R3B", "R3C", "R3G", "R3L"}, areaCodes: []string{"204", "431"}, weight: 1},
	{name: "Halifax", state: "NS", country: "CA", fsas: []string{"B3H", "B3J", "B3K", "B3L", "B3M"}, areaCodes: []string{"902", "782"}, weight: 1},
}

// Street names. Québec streets use French forms ("rue Saint-Denis").
var (
	streetNames = []string{"Main", "Oak", "Maple", "Cedar", "Pine", "Elm", "Washington", "Lake", "Hill", "Park",
		"Walnut", "Sunset", "Lincoln", "Jackson", "Church", "Willow", "Highland", "Franklin", "Chestnut", "Meadow",
		"Ridge", "Spring", "Forest", "Jefferson", "Madison", "Adams", "Center", "Mill", "River", "Valley", "Birch",
		"Magnolia", "Dogwood", "Hickory", "Sycamore", "Aspen", "Juniper", "Laurel", "Poplar", "Spruce", "Cherry",
		"Orchard", "Prospect", "Grove", "Summit", "Fairview", "Woodland", "Heritage", "Pleasant", "Union",
		"Broadway", "Market", "Queen", "King", "Front", "Bay", "Harbor", "College", "University", "Victoria",
		"Dundas", "Bloor", "Kensington", "Wellington", "Cumberland", "Sherbrooke", "Lakeshore", "Old Mill",
		"Country Club", "Stonebridge", "Whispering Pines", "Rolling Hills", "Deer Run", "Foxhall", "Brookside",
		"Martin Luther King Jr", "Cesar Chavez", "Peachtree", "Magazine", "Bourbon", "Alamo", "Congress"}
	streetSuffixes = []string{"St", "St", "St", "Ave", "Ave", "Rd", "Dr", "Dr", "Ln", "Ct", "Blvd", "Way", "Pl",
		"Cir", "Ter", "Pkwy", "Trl"}
	directions = []string{"N", "S", "E", "W", "NE", "NW", "SE", "SW"}
	rues       = []string{"rue Saint-Denis", "rue Sainte-Catherine Ouest", "boulevard Saint-Laurent", "rue Sherbrooke Est",
		"avenue du Parc", "rue Ontario Est", "avenue du Mont-Royal Est", "rue Saint-Jean", "chemin de la Côte-des-Neiges",
		"rue Notre-Dame Ouest", "avenue Laurier Ouest", "boulevard René-Lévesque", "rue de la Montagne",
		"rue des Érables", "rue Beaubien Est", "avenue Christophe-Colomb", "rue Saint-Joseph Est", "chemin Sainte-Foy",
		"rue Fleury Ouest", "avenue Papineau"}
)
