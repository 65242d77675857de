package simweb

import (
	"github.com/councilbench/councilbench"
)

// The ids of the top tasks, as used in the manifest.
const (
	TaskPayCouncilTax       = "pay-council-tax"
	TaskReportMissedBin     = "report-missed-bin"
	TaskBinCollectionDay    = "bin-collection-day"
	TaskPlanningApplication = "planning-applications"
	TaskApplyHousing        = "apply-housing"
	TaskSchoolPlace         = "school-place"
	TaskReportPothole       = "report-pothole"
	TaskBlueBadge           = "blue-badge"
	TaskRenewLibraryBook    = "renew-library-book"
	TaskFindCouncillor      = "find-councillor"
	TaskReportFlyTipping    = "report-fly-tipping"
	TaskRegisterToVote      = "register-to-vote"
)

// TaskIDs lists every top task id, in the order the manifest lists tasks.
var TaskIDs = []string{
	TaskPayCouncilTax, TaskReportMissedBin, TaskBinCollectionDay, TaskPlanningApplication,
	TaskApplyHousing, TaskSchoolPlace, TaskReportPothole, TaskBlueBadge,
	TaskRenewLibraryBook, TaskFindCouncillor, TaskReportFlyTipping, TaskRegisterToVote,
}

// tierSet says which kinds of service a site's councils provide.
type tierSet struct {
	district bool // lower-tier services: bins, council tax, planning, housing...
	county   bool // upper-tier services: schools, roads, social care, libraries...
	ni       bool // Northern Ireland's district councils
}

// tierServices returns the services of one tier.
func tierServices(t councilbench.Tier) tierSet {
	switch t {
	case councilbench.TierShireDistrict:
		return tierSet{district: true}
	case councilbench.TierCounty:
		return tierSet{county: true}
	case councilbench.TierUnitary, councilbench.TierMetropolitan, councilbench.TierLondonBorough:
		return tierSet{district: true, county: true}
	case councilbench.TierDistrict:
		return tierSet{ni: true}
	}
	return tierSet{}
}

// union returns the services provided by either set.
func (a tierSet) union(b tierSet) tierSet {
	return tierSet{district: a.district || b.district, county: a.county || b.county, ni: a.ni || b.ni}
}

// has reports whether a provider of the services in a serves a need
// described by b: any service kind in common.
func (a tierSet) has(b tierSet) bool {
	return a.district && b.district || a.county && b.county || a.ni && b.ni
}

// TasksFor returns the ids of the top tasks a council of the tier is
// responsible for, in TaskIDs order: districts (shire and unitary-type)
// have bins, council tax, planning, housing, fly-tipping, electoral
// registration and councillors; counties (and unitary-type) have schools,
// roads, libraries and Blue Badges; Northern Ireland's districts have bins,
// planning, fly-tipping (environmental services) and councillors only.
func TasksFor(t councilbench.Tier) []string {
	return tasksFor(tierServices(t))
}

// tasksFor returns the task ids of a site providing the services ts.
func tasksFor(ts tierSet) []string {
	var out []string
	for _, id := range TaskIDs {
		if ts.has(taskByID[id].tiers) {
			out = append(out, id)
		}
	}
	return out
}

// sectionDef is one service area: a landing page, its information pages
// and its tasks.
type sectionDef struct {
	id        string
	titles    []string // English title alternatives
	niTitle   string   // the title on a Northern Ireland site, when different
	slugs     []string // URL slug alternatives
	welsh     string   // Welsh title
	welshSlug string
	topic     string // noun phrase for body text
	team      string // the team that runs it
	desc      string // one line for tiles and lists
	subpages  []string
	tiers     tierSet
}

// sections are the service areas, in navigation order.
var sections = []sectionDef{
	{
		id: "bins", titles: []string{"Bins and recycling", "Bins, rubbish and recycling", "Waste and recycling"},
		slugs: []string{"bins-and-recycling", "bins-rubbish-and-recycling", "waste-and-recycling"},
		welsh: "Biniau ac ailgylchu", welshSlug: "biniau-ac-ailgylchu",
		topic: "waste and recycling collections", team: "Waste Services",
		desc: "Collection days, missed bins, garden waste and recycling centres",
		subpages: []string{"Garden waste collections", "Bulky waste collections", "What goes in which bin",
			"Order a new or replacement bin", "Assisted bin collections", "Recycling centres",
			"Christmas and bank holiday collections", "Clinical waste collections", "Commercial waste", "Christmas bin collection changes"},
		tiers: tierSet{district: true, ni: true},
	},
	{
		id: "counciltax", titles: []string{"Council tax", "Council Tax"},
		slugs: []string{"council-tax", "counciltax", "council-tax-and-benefits"},
		welsh: "Treth y cyngor", welshSlug: "treth-y-cyngor",
		topic: "council tax", team: "Revenues",
		desc: "Pay, bands, discounts, moving home and Direct Debit",
		subpages: []string{"Council tax bands and charges", "Council tax discounts and exemptions", "Council Tax Reduction",
			"Tell us you are moving home", "Council tax instalment dates", "Council tax appeals", "Empty homes and second homes",
			"Single person discount", "Council tax annual billing", "Arrears and recovery"},
		tiers: tierSet{district: true},
	},
	{
		id: "planning", titles: []string{"Planning and building control", "Planning", "Planning and development"},
		slugs: []string{"planning-and-building-control", "planning", "planning-and-development"},
		welsh: "Cynllunio", welshSlug: "cynllunio",
		topic: "planning applications", team: "Planning",
		desc: "Applications, the local plan, enforcement and building control",
		subpages: []string{"Do I need planning permission?", "Pre-application advice", "Local plan", "Planning enforcement",
			"Building control", "Tree preservation orders", "Conservation areas", "Listed buildings", "Planning fees",
			"Neighbourhood planning"},
		tiers: tierSet{district: true, ni: true},
	},
	{
		id: "housing", titles: []string{"Housing", "Housing and homelessness"},
		slugs: []string{"housing", "housing-and-homelessness"},
		welsh: "Tai", welshSlug: "tai",
		topic: "housing services", team: "Housing Options",
		desc: "Homelessness help, the housing register and private renting",
		subpages: []string{"Homelessness advice", "Housing allocations policy", "Private renting", "Disabled facilities grants",
			"Houses in multiple occupation", "Council homes and tenancies", "Empty homes", "Affordable housing"},
		tiers: tierSet{district: true},
	},
	{
		id: "schools", titles: []string{"Schools and education", "Schools and learning", "Education and learning"},
		slugs: []string{"schools-and-education", "schools-and-learning", "education-and-learning"},
		welsh: "Ysgolion ac addysg", welshSlug: "ysgolion-ac-addysg",
		topic: "schools and education", team: "School Admissions",
		desc: "School places, term dates, transport and special educational needs",
		subpages: []string{"School term dates", "School transport", "Free school meals", "Special educational needs",
			"Admissions appeals", "Adult learning", "Childcare and early years", "School closures"},
		tiers: tierSet{county: true},
	},
	{
		id: "roads", titles: []string{"Roads and transport", "Roads, travel and parking", "Highways and transport"},
		slugs: []string{"roads-and-transport", "roads-travel-and-parking", "highways-and-transport"},
		welsh: "Ffyrdd a thrafnidiaeth", welshSlug: "ffyrdd-a-thrafnidiaeth",
		topic: "roads and highways", team: "Highways",
		desc: "Potholes, roadworks, gritting, buses and Blue Badges",
		subpages: []string{"Roadworks", "Gritting and winter weather", "Bus passes", "Public rights of way", "Street lighting",
			"Dropped kerbs", "Road safety", "Highway licences"},
		tiers: tierSet{county: true},
	},
	{
		id: "socialcare", titles: []string{"Adult social care", "Social care and health", "Care and support"},
		slugs: []string{"adult-social-care", "social-care-and-health", "care-and-support"},
		welsh: "Gofal cymdeithasol", welshSlug: "gofal-cymdeithasol",
		topic: "adult social care", team: "Adult Social Care",
		desc: "Care at home, care homes, carers and safeguarding",
		subpages: []string{"Care homes", "Care at home", "Support for carers", "Safeguarding adults", "Paying for care",
			"Children's services", "Fostering", "Adoption", "Direct payments", "Equipment and adaptations"},
		tiers: tierSet{county: true},
	},
	{
		id: "libraries", titles: []string{"Libraries", "Libraries and archives"},
		slugs: []string{"libraries", "libraries-and-archives"},
		welsh: "Llyfrgelloedd", welshSlug: "llyfrgelloedd",
		topic: "library services", team: "Libraries",
		desc: "Join, renew, eBooks, opening hours and local history",
		subpages: []string{"Library opening hours", "Join the library", "eBooks and eAudiobooks", "Mobile library",
			"Local and family history", "Reading groups", "Library events"},
		tiers: tierSet{county: true},
	},
	{
		id: "environment", titles: []string{"Environment", "Environmental health", "Community and environment"},
		niTitle: "Environmental services",
		slugs:   []string{"environment", "environmental-health", "community-and-environment"},
		welsh:   "Yr amgylchedd", welshSlug: "yr-amgylchedd",
		topic: "environmental health", team: "Environmental Health",
		desc: "Fly-tipping, noise, pests, food safety and air quality",
		subpages: []string{"Noise complaints", "Pest control", "Food safety and hygiene", "Air quality", "Dog fouling",
			"Abandoned vehicles", "Contaminated land", "Graffiti removal"},
		tiers: tierSet{district: true, county: true, ni: true},
	},
	{
		id: "elections", titles: []string{"Elections and voting", "Voting and elections"},
		slugs: []string{"elections-and-voting", "voting-and-elections", "elections"},
		welsh: "Etholiadau a phleidleisio", welshSlug: "etholiadau",
		topic: "electoral registration", team: "Electoral Services",
		desc:     "Registering to vote, polling stations, postal votes and results",
		subpages: []string{"Polling stations", "Postal votes", "Proxy votes", "Election results", "Voter ID", "Annual canvass"},
		tiers:    tierSet{district: true},
	},
	{
		id: "democracy", titles: []string{"Council and democracy", "Your council", "About the council"},
		slugs: []string{"council-and-democracy", "your-council", "about-the-council"},
		welsh: "Y cyngor a democratiaeth", welshSlug: "y-cyngor-a-democratiaeth",
		topic: "council meetings and decisions", team: "Democratic Services",
		desc: "Councillors, meetings, budgets, consultations and complaints",
		subpages: []string{"Council meetings and minutes", "Committees", "Council budget and spending", "Freedom of information",
			"Constitution", "Consultations", "Complaints", "Strategies and plans", "Transparency data"},
		tiers: tierSet{district: true, county: true, ni: true},
	},
	{
		id: "parking", titles: []string{"Parking", "Parking and car parks"},
		slugs: []string{"parking", "parking-and-car-parks"},
		welsh: "Parcio", welshSlug: "parcio",
		topic: "parking", team: "Parking Services",
		desc: "Car parks, permits and parking fines",
		subpages: []string{"Car parks", "Parking permits", "Pay a parking fine", "Challenge a parking fine",
			"Car park season tickets", "Residents' parking zones"},
		tiers: tierSet{district: true},
	},
	{
		id: "benefits", titles: []string{"Benefits and support", "Benefits", "Cost of living support"},
		slugs: []string{"benefits-and-support", "benefits", "cost-of-living-support"},
		welsh: "Budd-daliadau a chymorth", welshSlug: "budd-daliadau",
		topic: "benefits and financial support", team: "Benefits",
		desc: "Housing Benefit, Council Tax Reduction and help with living costs",
		subpages: []string{"Housing Benefit", "Discretionary Housing Payments", "Help with the cost of living",
			"Report a change of circumstances", "Benefit overpayments"},
		tiers: tierSet{district: true},
	},
	{
		id: "births", titles: []string{"Births, deaths and marriages", "Registration and ceremonies"},
		slugs: []string{"births-deaths-and-marriages", "registration-and-ceremonies"},
		welsh: "Genedigaethau, marwolaethau a phriodasau", welshSlug: "genedigaethau-marwolaethau-a-phriodasau",
		topic: "registration of births, deaths and marriages", team: "Registration Service",
		desc: "Register a birth or death, ceremonies and certificates",
		subpages: []string{"Register a birth", "Register a death", "Marriages and civil partnerships",
			"Copy certificates", "Citizenship ceremonies"},
		tiers: tierSet{county: true, ni: true},
	},
	{
		id: "business", titles: []string{"Business", "Business and licensing", "Business and economy"},
		slugs: []string{"business", "business-and-licensing", "business-and-economy"},
		welsh: "Busnes", welshSlug: "busnes",
		topic: "business support and licensing", team: "Licensing",
		desc: "Business rates, licences, grants and tenders",
		subpages: []string{"Business rates", "Licensing", "Food business registration", "Markets",
			"Business grants and support", "Tenders and contracts", "Street trading"},
		tiers: tierSet{district: true, county: true, ni: true},
	},
	{
		id: "leisure", titles: []string{"Leisure and culture", "Parks, sport and leisure", "Things to do"},
		niTitle: "Leisure and community",
		slugs:   []string{"leisure-and-culture", "parks-sport-and-leisure", "things-to-do"},
		welsh:   "Hamdden a diwylliant", welshSlug: "hamdden-a-diwylliant",
		topic: "parks, leisure and culture", team: "Leisure",
		desc: "Parks, leisure centres, events, museums and allotments",
		subpages: []string{"Parks and open spaces", "Sports and leisure centres", "Museums and galleries", "What's on",
			"Allotments", "Play areas", "Theatres and venues", "Community centres"},
		tiers: tierSet{district: true, ni: true},
	},
}

// sectionByID indexes sections by id.
var sectionByID = func() map[string]*sectionDef {
	m := make(map[string]*sectionDef, len(sections))
	for i := range sections {
		m[sections[i].id] = &sections[i]
	}
	return m
}()

// genericSubpages name further information pages of any section.
var genericSubpages = []string{
	"frequently asked questions", "fees and charges", "policies and strategies", "forms and documents",
	"consultations", "performance and statistics", "contact the team", "guidance notes", "service updates",
	"eligibility", "complaints and compliments", "data and reports",
}

// taskDef is one top task: where it lives, what it is called and how it is
// done online.
type taskDef struct {
	id      string
	section string
	titles  []string // link text and heading alternatives
	slugs   []string
	// welsh are the Welsh title and slug alternatives of the task's Welsh
	// page, with the initial mutations Welsh grammar puts in them ("Sut i
	// dalu treth y cyngor": talu after "i"); each is named by a pattern of
	// the task finder's WelshTexts.
	welsh []welshName
	// glued and camel are the task page's vanity paths on a site whose
	// CMS gives task pages vanity URLs (cmsVanity): glued words
	// ("missedbin") or camel case ("MissedBin").
	glued, camel []string
	fields       []string // form field labels
	method       string   // form method
	action       string   // form action, relative to the task page
	portals      []string // off-site portal URL templates ({slug}, {Camel}, {key})
	pdfable      bool     // some councils offer only a PDF form
	tiers        tierSet
	// query is what a resident types into a site search to find the task
	// (TaskTruth.SearchQuery); keywords are the other words a search
	// engine knows the task page by, besides those of its title.
	query    string
	keywords string
	// decoyNews and decoyDocs are the titles of the news articles and
	// documents that a poor search ranks above the task page: each holds
	// every word of query, and none holds every word of another task's.
	decoyNews []string
	decoyDocs []string
}

// welshName is a Welsh title and the slug of its page.
type welshName struct{ title, slug string }

// tasks are the top tasks, in TaskIDs order.
var tasks = []taskDef{
	{
		id: TaskPayCouncilTax, section: "counciltax",
		titles: []string{"Pay your council tax", "Pay council tax", "Pay your council tax online"},
		slugs:  []string{"pay-council-tax", "pay-your-council-tax", "pay-council-tax-online"},
		welsh: []welshName{
			{"Talu treth y cyngor", "talu-treth-y-cyngor"},
			{"Sut i dalu treth y cyngor", "sut-i-dalu-treth-y-cyngor"},
			{"Talu eich treth gyngor", "talu-eich-treth-gyngor"},
		},
		glued: []string{"paycounciltax", "counciltaxpayments"}, camel: []string{"PayCouncilTax", "PayYourCouncilTax"},
		fields: []string{"Council tax account number", "Amount to pay (£)", "Email address"},
		method: "post", action: "pay",
		portals: []string{"https://www.civicaepay.co.uk/{Camel}/Webpay_Public/Webpay/Default.aspx",
			"https://{slug}.achieveservice.com/service/Pay_your_council_tax",
			"https://pay.{slug}-portal.co.uk/counciltax"},
		query: "pay council tax", keywords: "council tax payment bill pay",
		decoyNews: []string{"More residents pay council tax by Direct Debit", "New ways to pay your council tax", "Reminder to pay your council tax instalment"},
		decoyDocs: []string{"How to pay council tax leaflet", "Council tax: ways to pay", "Pay council tax by Direct Debit: mandate form"},
		tiers:     tierSet{district: true},
	},
	{
		id: TaskReportMissedBin, section: "bins",
		titles: []string{"Report a missed bin collection", "Report a missed bin", "Missed bin collections"},
		slugs:  []string{"report-a-missed-bin", "report-a-missed-bin-collection", "missed-bins"},
		welsh: []welshName{
			{"Rhoi gwybod am fin heb ei gasglu", "rhoi-gwybod-am-fin-heb-ei-gasglu"},
			{"Rhoi gwybod am gasgliad a fethwyd", "rhoi-gwybod-am-gasgliad-a-fethwyd"},
			{"Bin heb ei gasglu", "bin-heb-ei-gasglu"},
		},
		glued: []string{"missedbin", "reportmissedbin"}, camel: []string{"MissedBin", "ReportMissedBin"},
		fields: []string{"Postcode", "First line of your address", "Which bin was missed?", "Email address"},
		method: "post", action: "report",
		portals: []string{"https://{slug}.achieveservice.com/service/Report_a_missed_bin",
			"https://bins.{slug}-portal.co.uk/missed-collection",
			"https://my.{slug}.info/forms/missed-bin"},
		query: "missed bin", keywords: "missed bin collection not collected report",
		decoyNews: []string{"Missed bin reports fall by a third", "Crews catch up on missed bins after the snow", "Why was my bin missed? Your questions answered"},
		decoyDocs: []string{"Missed bin collections performance report", "Missed bin policy", "Missed bins and assisted collections guidance"},
		tiers:     tierSet{district: true, ni: true},
	},
	{
		id: TaskBinCollectionDay, section: "bins",
		titles: []string{"Check your bin collection day", "Find your bin collection day", "Bin collection days"},
		slugs:  []string{"check-your-bin-day", "find-your-bin-collection-day", "bin-collection-days"},
		welsh: []welshName{
			{"Casgliadau biniau", "casgliadau-biniau"},
			{"Diwrnod casglu biniau", "diwrnod-casglu-biniau"},
			{"Pryd fydd fy miniau yn cael eu casglu?", "pryd-fydd-fy-miniau-yn-cael-eu-casglu"},
		},
		glued: []string{"binday", "bincollections"}, camel: []string{"BinDay", "BinCollectionDays"},
		fields: []string{"Postcode"},
		method: "get", action: "results",
		portals: []string{"https://bins.{slug}-portal.co.uk/collections",
			"https://{slug}.achieveservice.com/service/Bin_collection_days",
			"https://www.{slug}-bins.co.uk/lookup"},
		query: "bin collection day", keywords: "bin day collection calendar",
		decoyNews: []string{"Bin collection days change over Christmas", "New bin collection days from September", "Bank holiday bin collection day changes"},
		decoyDocs: []string{"Bin collection day calendar 2025", "Bin collection days by street", "Changes to bin collection days: guide for residents"},
		tiers:     tierSet{district: true, ni: true},
	},
	{
		id: TaskPlanningApplication, section: "planning",
		titles: []string{"View and comment on planning applications", "Search planning applications", "Comment on a planning application"},
		slugs:  []string{"view-and-comment-on-planning-applications", "search-planning-applications", "planning-applications"},
		welsh: []welshName{
			{"Ceisiadau cynllunio", "ceisiadau-cynllunio"},
			{"Chwilio am geisiadau cynllunio", "chwilio-am-geisiadau-cynllunio"},
			{"Gweld a rhoi sylwadau ar geisiadau cynllunio", "gweld-a-rhoi-sylwadau-ar-geisiadau-cynllunio"},
		},
		glued: []string{"planningapplications"}, camel: []string{"PlanningApplications", "ViewPlanningApplications"},
		fields: []string{"Application reference", "Address or street name"},
		method: "get", action: "search",
		portals: []string{"https://publicaccess.{key}/online-applications/",
			"https://planning.{slug}-portal.co.uk/search",
			"https://{slug}.planning-register.co.uk/Search/Advanced"},
		query: "planning applications", keywords: "planning application view comment",
		decoyNews: []string{"Record number of planning applications decided on time", "Planning applications: new online comment system", "Changes to how we publish planning applications"},
		decoyDocs: []string{"Planning applications weekly list", "Validation checklist for planning applications", "Planning applications committee report"},
		tiers:     tierSet{district: true, ni: true},
	},
	{
		id: TaskApplyHousing, section: "housing",
		titles: []string{"Apply for housing", "Join the housing register", "Apply to join the housing register"},
		slugs:  []string{"apply-for-housing", "join-the-housing-register", "apply-to-join-the-housing-register"},
		welsh: []welshName{
			{"Gwneud cais am dai", "gwneud-cais-am-dai"},
			{"Ymuno â'r gofrestr tai", "ymuno-ar-gofrestr-tai"},
			{"Gwneud cais i ymuno â'r gofrestr tai", "gwneud-cais-i-ymuno-ar-gofrestr-tai"},
		},
		glued: []string{"housingregister", "applyforhousing"}, camel: []string{"HousingRegister", "ApplyForHousing"},
		fields: []string{"Full name", "Date of birth", "Current address", "Number of people in your household"},
		method: "post", action: "apply",
		portals: []string{"https://{slug}.homeconnections.org.uk/apply",
			"https://www.{slug}homechoice.org.uk/register",
			"https://{slug}.achieveservice.com/service/Housing_register_application"},
		pdfable: true,
		query:   "apply for housing", keywords: "apply housing register social homes",
		decoyNews: []string{"Record numbers apply for social housing", "New allocations scheme changes how you apply for housing", "Apply for housing online from April"},
		decoyDocs: []string{"Housing allocations policy: who can apply", "Apply for housing: guidance notes", "Housing register: how to apply"},
		tiers:     tierSet{district: true},
	},
	{
		id: TaskSchoolPlace, section: "schools",
		titles: []string{"Apply for a school place", "School admissions: apply for a place", "Apply for a primary or secondary school place"},
		slugs:  []string{"apply-for-a-school-place", "school-admissions", "apply-for-a-school-place-online"},
		welsh: []welshName{
			{"Gwneud cais am le mewn ysgol", "gwneud-cais-am-le-mewn-ysgol"},
			{"Gwneud cais am le mewn ysgol gynradd neu uwchradd", "gwneud-cais-am-le-mewn-ysgol-gynradd-neu-uwchradd"},
			{"Derbyn i ysgolion: gwneud cais am le", "derbyn-i-ysgolion"},
		},
		glued: []string{"schooladmissions", "schoolplaces"}, camel: []string{"SchoolAdmissions", "SchoolPlaces"},
		fields: []string{"Child's full name", "Child's date of birth", "Home address", "First preference school"},
		method: "post", action: "apply",
		portals: []string{"https://admissions.{slug}-portal.co.uk/apply",
			"https://{slug}.cloud.admissions-online.co.uk/Synergy/Admissions",
			"https://www.eadmissions.org.uk/{Camel}"},
		pdfable: true,
		query:   "school place", keywords: "school place admissions apply",
		decoyNews: []string{"Most children get their first choice of school place", "Deadline approaching for secondary school places", "New primary school places planned"},
		decoyDocs: []string{"School place planning strategy", "Primary school places: admissions guide", "Secondary school places: admissions guide"},
		tiers:     tierSet{county: true},
	},
	{
		id: TaskReportPothole, section: "roads",
		titles: []string{"Report a pothole", "Report a pothole or road defect", "Report a problem with a road"},
		slugs:  []string{"report-a-pothole", "report-a-pothole-or-road-defect", "report-a-road-problem"},
		welsh: []welshName{
			{"Rhoi gwybod am dwll yn y ffordd", "rhoi-gwybod-am-dwll-yn-y-ffordd"},
			{"Rhoi gwybod am dyllau yn y ffordd", "rhoi-gwybod-am-dyllau-yn-y-ffordd"},
			{"Rhoi gwybod am ddifrod i'r ffordd", "rhoi-gwybod-am-ddifrod-ir-ffordd"},
		},
		glued: []string{"potholes", "reportpothole"}, camel: []string{"ReportPothole", "ReportPotholes"},
		fields: []string{"Location of the pothole", "Describe the problem", "Email address"},
		method: "post", action: "report",
		portals: []string{"https://{slug}.fixmystreet.com/report/new",
			"https://www.fixmystreet.com/reports/{Camel}",
			"https://highways.{slug}-portal.co.uk/report"},
		query: "report a pothole", keywords: "pothole road defect report",
		decoyNews: []string{"Thousands of potholes repaired after residents report them", "Report a pothole using our new app", "Pothole reports rise after the cold snap"},
		decoyDocs: []string{"Pothole repair policy: how to report defects", "Highway safety inspections and pothole report 2024", "Report a pothole: what happens next"},
		tiers:     tierSet{county: true},
	},
	{
		id: TaskBlueBadge, section: "roads",
		titles: []string{"Apply for a Blue Badge", "Blue Badge parking permits", "Blue Badges"},
		slugs:  []string{"apply-for-a-blue-badge", "blue-badge", "blue-badges"},
		welsh: []welshName{
			{"Gwneud cais am Fathodyn Glas", "gwneud-cais-am-fathodyn-glas"},
			{"Gwneud cais am Fathodyn Glas", "bathodyn-glas"},
			{"Sut i gael Bathodyn Glas", "sut-i-gael-bathodyn-glas"},
		},
		glued: []string{"bluebadge", "bluebadges"}, camel: []string{"BlueBadge", "BlueBadges"},
		fields: []string{"Full name", "National Insurance number", "Reason for applying"},
		method: "post", action: "apply",
		portals: []string{"https://www.gov.uk/apply-blue-badge",
			"https://{slug}.achieveservice.com/service/Blue_Badge"},
		pdfable: true,
		query:   "blue badge", keywords: "blue badge disabled parking",
		decoyNews: []string{"Blue Badge applications open online", "Blue Badge holders reminded to renew", "Changes to Blue Badge eligibility"},
		decoyDocs: []string{"Blue Badge eligibility guide", "Blue Badge scheme: rights and responsibilities", "Blue Badge application guidance notes"},
		tiers:     tierSet{county: true},
	},
	{
		id: TaskRenewLibraryBook, section: "libraries",
		titles: []string{"Renew your library books", "Renew a library book", "Renew, reserve and request"},
		slugs:  []string{"renew-library-books", "renew-a-library-book", "renew-reserve-and-request"},
		welsh: []welshName{
			{"Adnewyddu llyfr llyfrgell", "adnewyddu-llyfr-llyfrgell"},
			{"Adnewyddu a chadw llyfrau", "adnewyddu-a-chadw-llyfrau"},
			{"Adnewyddu, cadw a gofyn am lyfrau", "adnewyddu-cadw-a-gofyn-am-lyfrau"},
		},
		glued: []string{"renewbooks", "renewlibrarybooks"}, camel: []string{"RenewBooks", "RenewLibraryBooks"},
		fields: []string{"Library card number", "PIN"},
		method: "post", action: "login",
		portals: []string{"https://{slug}.spydus.co.uk/cgi-bin/spydus.exe/MSGTRN/WPAC/LOGINB",
			"https://{slug}.ent.sirsidynix.net.uk/client/en_GB/default",
			"https://libraries.{slug}-portal.co.uk/account"},
		query: "renew library books", keywords: "renew library book loan renewal",
		decoyNews: []string{"Renew library books online with the new app", "Libraries give more time to renew books over the summer", "Fines scrapped: renew your library books for free"},
		decoyDocs: []string{"How to renew library books", "Library rules: renew books up to three times", "Renew library books: frequently asked questions"},
		tiers:     tierSet{county: true},
	},
	{
		id: TaskFindCouncillor, section: "democracy",
		titles: []string{"Find your councillor", "Councillors", "Find your local councillor"},
		slugs:  []string{"find-your-councillor", "councillors", "find-your-local-councillor"},
		welsh: []welshName{
			{"Dod o hyd i'ch cynghorydd", "dod-o-hyd-ich-cynghorydd"},
			{"Chwilio am gynghorydd", "chwilio-am-gynghorydd"},
			{"Dod o hyd i gynghorydd", "dod-o-hyd-i-gynghorydd"},
		},
		glued: []string{"councillors", "findyourcouncillor"}, camel: []string{"FindYourCouncillor", "YourCouncillors"},
		fields: []string{"Postcode"},
		method: "get", action: "search",
		portals: []string{"https://democracy.{key}/mgFindMember.aspx",
			"https://{slug}.moderngov.co.uk/mgMemberIndex.aspx",
			"https://democracy.{slug}-portal.co.uk/councillors"},
		query: "find my councillor", keywords: "find councillor ward member",
		decoyNews: []string{"Find out who your councillor is after boundary changes", "Councillors find savings in budget review", "Find your councillor at a surgery near you"},
		decoyDocs: []string{"Find a councillor: ward map", "How to find your councillor", "Find your councillor by ward"},
		tiers:     tierSet{district: true, ni: true},
	},
	{
		id: TaskReportFlyTipping, section: "environment",
		titles: []string{"Report fly-tipping", "Report fly-tipping or dumped rubbish", "Fly-tipping"},
		slugs:  []string{"report-fly-tipping", "report-fly-tipping-or-dumped-rubbish", "fly-tipping"},
		welsh: []welshName{
			{"Rhoi gwybod am dipio anghyfreithlon", "tipio-anghyfreithlon"},
			{"Rhoi gwybod am achos o dipio anghyfreithlon", "rhoi-gwybod-am-achos-o-dipio-anghyfreithlon"},
			{"Adrodd am dipio anghyfreithlon", "adrodd-am-dipio-anghyfreithlon"},
		},
		glued: []string{"flytipping", "reportflytipping"}, camel: []string{"FlyTipping", "ReportFlyTipping"},
		fields: []string{"Where is the rubbish?", "What has been dumped?", "Email address"},
		method: "post", action: "report",
		portals: []string{"https://{slug}.achieveservice.com/service/Report_fly_tipping",
			"https://www.fixmystreet.com/reports/{Camel}",
			"https://report.{slug}-portal.co.uk/fly-tipping"},
		query: "fly tipping", keywords: "fly tipping flytipping dumped rubbish",
		decoyNews: []string{"Fly-tipping crackdown brings record fines", "Residents urged to report fly-tipping", "Fly-tipping cameras installed at hotspots"},
		decoyDocs: []string{"Fly-tipping enforcement policy", "Fly-tipping: a guide for landowners", "Fly-tipping annual statistics"},
		tiers:     tierSet{district: true, ni: true},
	},
	{
		id: TaskRegisterToVote, section: "elections",
		titles: []string{"Register to vote", "Registering to vote", "Register to vote online"},
		slugs:  []string{"register-to-vote", "registering-to-vote", "register-to-vote-online"},
		welsh: []welshName{
			{"Cofrestru i bleidleisio", "cofrestru-i-bleidleisio"},
			{"Sut i gofrestru i bleidleisio", "sut-i-gofrestru-i-bleidleisio"},
			{"Cofrestru i bleidleisio ar-lein", "cofrestru-i-bleidleisio-ar-lein"},
		},
		glued: []string{"registertovote", "electoralregistration"}, camel: []string{"RegisterToVote", "ElectoralRegistration"},
		fields: []string{"Full name", "Address", "National Insurance number"},
		method: "post", action: "register",
		portals: []string{"https://www.gov.uk/register-to-vote"},
		pdfable: true,
		query:   "register to vote", keywords: "register vote voter electoral registration",
		decoyNews: []string{"Register to vote before the deadline", "Students reminded to register to vote", "Young people urged to register to vote"},
		decoyDocs: []string{"How to register to vote", "Register to vote: guidance notes", "Register to vote by post: form and guidance"},
		tiers:     tierSet{district: true},
	},
}

// taskByID indexes tasks by id.
var taskByID = func() map[string]*taskDef {
	m := make(map[string]*taskDef, len(tasks))
	for i := range tasks {
		m[tasks[i].id] = &tasks[i]
	}
	return m
}()

// enSentences are the sentences of English body text. Placeholders:
// {topic}, {council}, {area}, {fee}, {n}, {days}, {phone}, {team}, {month}.
var enSentences = []string{
	"You can find out more about {topic} on this page, including who is eligible and how to apply.",
	"{council} is responsible for {topic} across {area}.",
	"Most requests are dealt with within {days} working days.",
	"If you need this information in a different format, such as large print or easy read, please contact us.",
	"The charge for this service is {fee} and is reviewed every April.",
	"You will need your reference number, your postcode and a valid email address.",
	"We aim to reply to all enquiries about {topic} within {days} working days.",
	"Our customer service centre is open Monday to Friday, 9am to 5pm, except on bank holidays.",
	"You can call us on {phone} if you cannot use the online service.",
	"Please read the guidance notes carefully before you start, as you will not be able to save a partly completed form.",
	"Last year we handled more than {n} requests relating to {topic}.",
	"Changes to {topic} will be published on this page and in the council's email newsletter.",
	"If your circumstances change, you must tell us within 21 days.",
	"Information about how we use your personal data is set out in our privacy notice.",
	"Some services may be affected by the Christmas and New Year bank holidays.",
	"Residents of {area} can also get help and advice from local voluntary organisations.",
	"We publish performance figures for {topic} every quarter.",
	"An administration fee of {fee} may apply to some applications.",
	"You can pay by debit or credit card, by Direct Debit, or at any Post Office using the barcode on your bill.",
	"Our {team} team will contact you if we need more information.",
	"Please allow up to {days} working days for your request to be processed.",
	"The council's decision is final, but you can ask for it to be reviewed if you think we have made a mistake.",
	"For urgent matters outside office hours, call our out-of-hours line on {phone}.",
	"We are working with partners across {area} to improve {topic} for everyone.",
	"Current fees are published each year in our fees and charges schedule; a standard application costs {fee}.",
	"You can also write to us at the council offices, but this may take longer.",
	"From {month}, the way we manage {topic} is changing.",
	"Find out what you need to do, what it costs and how long it takes.",
	"This page was last reviewed by the {team} team in {month}.",
	"Thank you for helping us to keep {area} clean, safe and welcoming.",
	"We will acknowledge your request by email and give you a reference number.",
	"Where a charge applies, it is currently {fee} per request.",
	"Most people can do this online in about ten minutes.",
	"If you have a hearing or speech impairment, you can contact us using Relay UK by dialling 18001 followed by our number.",
	"We cannot accept applications by email because of the personal information they contain.",
	"Check the eligibility criteria before you apply, as we cannot refund fees for applications that are refused.",
}

// cySentences are the sentences of Welsh body text ({topic} is Welsh).
var cySentences = []string{
	"Mae'r cyngor yn darparu ystod eang o wasanaethau i drigolion a busnesau.",
	"Gallwch gysylltu â ni ar-lein, dros y ffôn neu yn bersonol.",
	"Rydym yn croesawu gohebiaeth yn Gymraeg a byddwn yn ymateb yn Gymraeg heb oedi.",
	"Mae'r wybodaeth ar y dudalen hon yn cael ei hadolygu'n rheolaidd.",
	"Os oes angen yr wybodaeth hon arnoch mewn fformat arall, cysylltwch â ni.",
	"Darllenwch y canllawiau cyn i chi wneud cais.",
	"Bydd angen eich cod post a'ch cyfeiriad arnoch.",
	"Mae'r gwasanaeth ar gael 24 awr y dydd, 7 diwrnod yr wythnos.",
	"Byddwn yn anfon e-bost atoch i gadarnhau eich cais.",
	"Mae rhai gwasanaethau ar gael yn Saesneg yn unig ar hyn o bryd.",
	"Darllenwch ein hysbysiad preifatrwydd i gael gwybod sut rydym yn defnyddio eich gwybodaeth.",
	"Mae ein swyddfeydd ar agor o ddydd Llun i ddydd Gwener, 9am tan 5pm.",
	"Gallwch dalu ar-lein gan ddefnyddio cerdyn debyd neu gredyd.",
	"Rhowch wybod i ni os bydd eich amgylchiadau'n newid.",
	"Mae {topic} yn un o'n gwasanaethau pwysicaf.",
	"Mae'r tîm yn gweithio'n galed i wella'r gwasanaeth i bawb yn yr ardal.",
	"Bydd y rhan fwyaf o geisiadau yn cael eu prosesu o fewn deg diwrnod gwaith.",
	"Mae gwybodaeth am {topic} ar gael ar y dudalen hon.",
	"Rydym yn gweithio gyda'n partneriaid i ddiogelu'r dŵr a'r amgylchedd lleol.",
	"Mae'r cyngor yn dathlu Gŵyl Dewi gyda digwyddiadau ym mhob tref.",
}

// newsTemplates are headline templates: {council}, {topic}, {place},
// {facility}, {year}.
var newsTemplates = []string{
	"{council} agrees budget for {year}",
	"Have your say on the future of {topic}",
	"Changes to {topic} over the bank holiday",
	"Work begins on new {facility} in {place}",
	"{council} wins national award for {topic}",
	"Residents urged to check {topic} arrangements",
	"New online service for {topic} launched",
	"Funding boost for {place} {facility}",
	"Consultation opens on {topic}",
	"Road closures planned for {place} summer event",
	"Volunteers wanted for {place} clean-up day",
	"Update on {facility} refurbishment in {place}",
	"{place} {facility} reopens after improvements",
	"Council leader welcomes new investment in {place}",
}

// facilities fill {facility} in headlines.
var facilities = []string{
	"leisure centre", "play area", "car park", "community hub", "library", "cycle route",
	"sea defences", "market square", "skate park", "recycling centre", "sports pitches", "visitor centre",
}

// placeSuffixes make neighbourhood names for headlines.
var placeSuffixes = []string{" town centre", " Green", " Park", " High Street", " seafront", " Road", " Common", " Gardens"}

// months names the months, for dates in text.
var months = []string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// campaignTitles name the pages reachable only through the sitemap.
var campaignTitles = []string{
	"Winter campaign 2024", "Summer activities programme", "Budget consultation 2024 results",
	"Local plan examination library", "Archived guidance", "Spring clean volunteers 2024",
	"Cost of living events 2023",
}

// chainTitles name the pages between a landing page and a buried task.
var chainTitles = []string{"More information", "Other services", "Archive", "Further guidance", "Service details"}

// palettes are brand colours: primary (the links' colour), dark, accent.
// The primary and dark colours have a contrast of at least 4.5:1 with
// every background makeCSS gives (#ffffff and #f3f2f1), so that only the
// low-contrast faults fail contrast.
var palettes = [][3]string{
	{"#005ea5", "#003a69", "#ffbf47"}, {"#00703c", "#004e2a", "#f47738"}, {"#6f2c91", "#4a1d61", "#ffdd00"},
	{"#b10e1e", "#7a0a14", "#2b8cc4"}, {"#00768a", "#004f5c", "#f5a623"}, {"#1d3557", "#0f1d30", "#e63946"},
	{"#1f7a72", "#1a6b64", "#d53880"}, {"#2e3192", "#1e2060", "#fcb813"},
}

// serverNames are Server header values.
var serverNames = []string{"Microsoft-IIS/10.0", "nginx", "Apache", "cloudflare", "nginx/1.24.0", "Apache/2.4.58 (Ubuntu)"}

// cacheControls are Cache-Control header values for HTML pages.
var cacheControls = []string{"public, max-age=300", "no-cache, no-store, must-revalidate", "private, max-age=0",
	"public, max-age=600, stale-while-revalidate=60", "max-age=3600"}
