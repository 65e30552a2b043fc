package demo

// People's names: common US and Canadian first and last names, with the
// accents, apostrophes and hyphens real records carry (Zoë O'Brien, Côté),
// which search and email handling must cope with.
var (
	firstNames = []string{"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
		"Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Christopher",
		"Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Sandra", "Donald", "Ashley",
		"Steven", "Kimberly", "Andrew", "Emily", "Paul", "Donna", "Joshua", "Michelle", "Kenneth", "Carol", "Kevin",
		"Amanda", "Brian", "Melissa", "George", "Deborah", "Timothy", "Stephanie", "Ronald", "Rebecca", "Jason",
		"Laura", "Edward", "Sharon", "Jeffrey", "Cynthia", "Ryan", "Kathleen", "Jacob", "Amy", "Gary", "Angela",
		"Nicholas", "Shirley", "Eric", "Brenda", "Jonathan", "Emma", "Stephen", "Anna", "Larry", "Pamela", "Justin",
		"Nicole", "Scott", "Samantha", "Brandon", "Katherine", "Benjamin", "Christine", "Samuel", "Helen", "Gregory",
		"Debra", "Alexander", "Rachel", "Patrick", "Carolyn", "Frank", "Janet", "Raymond", "Maria", "Jack", "Olivia",
		"Dennis", "Heather", "Jerry", "Catherine", "Tyler", "Diane", "Aaron", "Julie", "Adam", "Joyce", "Nathan",
		"Lauren", "Henry", "Kelly", "Zachary", "Christina", "Douglas", "Ruth", "Peter", "Joan", "Kyle", "Virginia",
		"Noah", "Judith", "Ethan", "Evelyn", "Jeremy", "Hannah", "Walter", "Andrea", "Christian", "Megan", "Keith",
		"Cheryl", "Roger", "Jacqueline", "Terry", "Madison", "Austin", "Teresa", "Sean", "Abigail", "Gerald",
		"Sophia", "Carl", "Martha", "Harold", "Sara", "Dylan", "Gloria", "Arthur", "Janice", "Lawrence", "Kathryn",
		"Jordan", "Ann", "Jesse", "Isabella", "Bryan", "Judy", "Bruce", "Julia", "Gabriel", "Grace", "Logan",
		"Alice", "Alan", "Jean", "Juan", "Denise", "Albert", "Frances", "Elijah", "Marilyn", "Wayne", "Natalie",
		"Vincent", "Diana", "Mason", "Brittany", "Roy", "Theresa", "Russell", "Kayla", "Bradley", "Alexis",
		"Philip", "Tiffany", "Liam", "Ava", "Lucas", "Mia", "Carlos", "Guadalupe", "Luis", "Rosa", "Miguel",
		"Carmen", "Wei", "Mei", "Priya", "Raj", "Anh", "Minh", "Hiroshi", "Yuki", "Ji-woo", "Aisha", "Omar",
		"Fatima", "Darnell", "Keisha", "Tremaine", "Imani",
		"Zoë", "José", "Renée", "Chloé", "André", "Siobhán", "Seán", "Inés", "Sofía", "Léa", "Mary-Kate",
		"D'Andre", "Ta'Nisha", "Bjørn", "Zoë", "José", "Renée"}
	frenchFirstNames = []string{"François", "Noémie", "Hélène", "Jérôme", "Amélie", "Mélanie", "Éric", "René",
		"Marie-Ève", "Jean-François", "Geneviève", "Stéphane", "Benoît", "Josée", "Chantal", "Luc", "Martin",
		"Nathalie", "Sylvie", "Mathieu", "Julie", "Isabelle", "Guillaume", "Marc-André", "Élise", "Gaétan",
		"Frédéric", "Sébastien", "Catherine", "Louis", "Émilie", "Olivier", "Camille", "Gabriel", "Léa"}
	lastNames = []string{"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
		"Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson",
		"Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
		"Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green",
		"Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gomez",
		"Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris",
		"Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson", "Bailey",
		"Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks", "Chavez", "Wood",
		"James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes", "Price", "Alvarez", "Castillo", "Sanders", "Patel",
		"Myers", "Long", "Ross", "Foster", "Jimenez", "Powell", "Jenkins", "Perry", "Russell", "Sullivan", "Bell",
		"Coleman", "Butler", "Henderson", "Barnes", "Fisher", "Vasquez", "Simmons", "Romero", "Jordan", "Patterson",
		"Hamilton", "Graham", "Reynolds", "Griffin", "Wallace", "Moreno", "West", "Cole", "Hayes", "Bryant",
		"Herrera", "Gibson", "Ellis", "Tran", "Medina", "Aguilar", "Stevens", "Murray", "Ford", "Castro",
		"Marshall", "Owens", "Harrison", "Fernandez", "McDonald", "Woods", "Washington", "Kennedy", "Wells",
		"Vargas", "Chen", "Freeman", "Webb", "Tucker", "Guzman", "Burns", "Crawford", "Olson", "Simpson", "Porter",
		"Hunter", "Gordon", "Silva", "Shaw", "Snyder", "Mason", "Dixon", "Hunt", "Hicks", "Holmes", "Palmer",
		"Wagner", "Black", "Robertson", "Boyd", "Rose", "Stone", "Salazar", "Fox", "Warren", "Mills", "Meyer",
		"Rice", "Schmidt", "Garza", "Daniels", "Ferguson", "Nichols", "Stephens", "Soto", "Weaver", "Ryan",
		"Gardner", "Payne", "Grant", "Dunn", "Spencer", "Hawkins", "Arnold", "Pierce", "Hansen", "Peters", "Santos",
		"Hart", "Knight", "Elliott", "Cunningham", "Duncan", "Armstrong", "Hudson", "Carroll", "Riley", "Andrews",
		"Singh", "Wong", "Chan", "Li", "Zhang", "Sato", "Kowalski", "Nowak", "MacDonald", "MacLeod", "McKenzie",
		"Van der Berg", "Kaur", "Gill", "Ahmed", "Ali", "Khan", "Okafor", "Mensah",
		"O'Brien", "O'Connor", "O'Neill", "D'Angelo", "O'Reilly", "Núñez", "García", "Hernández", "Peña", "Muñoz",
		"Schäfer", "Müller", "Ramírez", "Jiménez"}
	frenchLastNames = []string{"Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie",
		"Fortin", "Gagné", "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette",
		"Girard", "Simard", "Boucher", "Caron", "Beaulieu", "Cloutier", "Dubé", "Poirier", "Fournier", "Lapointe",
		"Leclerc", "Lefebvre", "Thériault", "St-Pierre", "Desjardins", "Béland", "Léger", "Hébert"}
)

// Words for business names.
var (
	bizAdjectives = []string{"Northside", "Lakeview", "Summit", "Evergreen", "Pinecrest", "Riverbend", "Cedar",
		"Golden", "Blue Ridge", "Oakwood", "Harbor", "Highland", "Maple", "Prairie", "Sunrise", "Silver Creek",
		"Red Rock", "Willow", "Pioneer", "Keystone", "Heritage", "Liberty", "Granite", "Coastal", "Metro",
		"Sterling", "Southern", "Westside", "Eastgate", "Twin Oaks", "Stonegate", "Bayshore", "Copper", "Ironwood"}
	bizNouns = []string{"Oak", "Harbor", "Crown", "Anchor", "Beacon", "Summit", "Keystone", "Landmark",
		"Cornerstone", "Parkside", "Meridian", "Bridgeway", "Northgate", "Westfield", "Lighthouse", "Compass",
		"Arbor", "Fairway", "Orchard", "Canyon"}
	foods = []string{"Spoon", "Table", "Fork", "Kettle", "Skillet", "Olive", "Pepper", "Grill", "Ladle",
		"Biscuit", "Brisket", "Noodle", "Taco", "Oyster", "Dumpling", "Pho", "Bagel"}
	saints = []string{"Mark", "Paul", "John", "Luke", "Anne", "Mary", "Joseph", "Patrick", "Michael", "Andrew"}
)

// Business name templates by line of business; %[1]s is a last name, %[2]s
// an adjective, %[3]s a noun, %[4]s the city, %[5]s a food, %[6]s a saint.
var (
	managerTemplates = []string{"%[2]s Property Management", "%[1]s Realty Group", "%[3]s Residential Management",
		"%[2]s Property Services", "%[1]s & Associates Property Management", "%[3]s Property Group",
		"%[2]s Homeowners Association", "%[4]s Rental Management"}
	bizTemplates = []string{"%[1]s Plumbing & Heating", "%[1]s & Sons Plumbing", "%[1]s Electric",
		"%[2]s Air Conditioning", "%[4]s Roofing Co.", "%[1]s Brothers Construction", "%[2]s Pest Control",
		"%[1]s's Diner", "The %[2]s %[5]s", "%[3]s Bistro", "%[4]s Pizza Co.", "%[1]s's Bakery",
		"%[4]s Family Dental", "%[1]s Law Group", "%[2]s Animal Hospital", "%[3]s Fitness", "%[1]s Auto Repair",
		"%[2]s Hardware", "St. %[6]s's Church", "%[3]s Montessori School", "%[2]s Self Storage",
		"%[3]s Coffee Roasters", "%[2]s Veterinary Clinic", "%[1]s Family Farms", "%[3]s Brewing Company",
		"%[2]s Dry Cleaners", "%[1]s Insurance Agency", "%[3]s Early Learning Center", "%[2]s Senior Living",
		"%[1]s Funeral Home", "%[2]s Laundromat", "%[3]s Medical Clinic", "%[2]s Car Wash", "%[1]s Landscaping"}
	frenchBizTemplates = []string{"Café du %[3]s", "Boulangerie %[1]s", "Plomberie %[1]s", "Dépanneur %[1]s",
		"Clinique dentaire %[4]s", "Restaurant chez %[1]s", "Garage %[1]s et fils", "Gestion immobilière %[1]s"}
)

// Memos people write beside a contact method.
var (
	ownMobileMemos   = []string{"", "", "", "Cell", "Mobile", "Cell", "Personal cell"}
	spouseMemos      = []string{"Wife's cell", "Husband's cell", "Spouse", "Wife", "Husband", "Partner's cell"}
	familyMemos      = []string{"Daughter's cell", "Son's cell", "Mom's cell", "Dad's cell", "Sister", "Brother's cell", "Emergency contact"}
	officeMemos      = []string{"Office", "Main line", "Front desk", "Office", "Main office"}
	billingMemos     = []string{"Billing", "Accounts payable", "Invoices", "Billing"}
	siteMemos        = []string{"Site contact", "Store manager", "Building super", "Maintenance", "Facilities", "Kitchen manager", "Manager on duty"}
	afterHoursMemos  = []string{"After hours", "Emergency line", "After hours / weekends", "On-call manager"}
	businessLocals   = []string{"office", "info", "service", "accounts", "admin", "frontdesk", "hello", "contact"}
	billingLocals    = []string{"billing", "ap", "accounts", "invoices", "accounting"}
	managerPhoneMemo = []string{"Property manager", "PM office", "Management office", "Property mgmt"}
	managerMailMemo  = []string{"Property manager", "Billing - property manager", "PM email", "Management company"}
)
