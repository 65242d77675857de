package scoring

import (
	"strings"

	"github.com/councilbench/councilbench"
)

// Services says which kinds of service a council provides, for the task
// catalogue's "who provides what".
type Services uint8

// The kinds of service.
const (
	// LowerTier services: bins, council tax, planning, housing, electoral
	// registration. Shire districts provide them, and so do unitary-type
	// councils (English unitaries, metropolitan and London boroughs, and
	// the Scottish and Welsh councils).
	LowerTier Services = 1 << iota
	// UpperTier services: schools, roads, libraries, Blue Badges. Counties
	// provide them, and so do unitary-type councils.
	UpperTier
	// NIDistrict services: Northern Ireland's district councils provide
	// waste and recycling, planning, councillors and environmental
	// services, but not council tax, housing, schools, roads, libraries,
	// Blue Badges or electoral registration, which other bodies run.
	NIDistrict
)

// ServicesOf returns the services a council of the tier provides.
func ServicesOf(t councilbench.Tier) Services {
	switch t {
	case councilbench.TierShireDistrict:
		return LowerTier
	case councilbench.TierCounty:
		return UpperTier
	case councilbench.TierUnitary, councilbench.TierMetropolitan, councilbench.TierLondonBorough:
		return LowerTier | UpperTier
	case councilbench.TierDistrict:
		return NIDistrict
	}
	return 0
}

// String names the services, e.g. "lower+ni".
func (s Services) String() string {
	var parts []string
	for _, x := range []struct {
		s    Services
		name string
	}{{LowerTier, "lower"}, {UpperTier, "upper"}, {NIDistrict, "ni"}} {
		if s&x.s != 0 {
			parts = append(parts, x.name)
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "+")
}

// Task is one top task of the catalogue: what residents come to a council
// website to do. Each task is one declaration in the table Tasks.
type Task struct {
	ID      string // stable id, as in simweb's manifest, e.g. "pay-council-tax"
	Version int    // bumped whenever its patterns or its online test change
	Name    string // English name
	Welsh   string // Welsh name
	// LGSL lists the codes of GOV.UK's Local Government Services List
	// (data/lgsl-services.csv) for the service, where that list has it.
	LGSL []int
	// Provided says which councils provide the service: a council is asked
	// the task when its tier's services (ServicesOf) include one of these.
	Provided Services
	// Texts and WelshTexts are the patterns (syntax in tasks_match.go)
	// that name the task in a link's text, a page's <title> or <h1>, or
	// the name of its URL: the action and its object ("pay + ~council
	// tax"), in the words councils use.
	Texts, WelshTexts []string
	// NotTexts and WelshNotTexts name pages about the task's subject that
	// are not the task (a Blue Badge's misuse, a library card's renewal),
	// besides the catalogue-wide NearMissTexts.
	NotTexts, WelshNotTexts []string
	// Areas are patterns for the link texts and URLs of the service area's
	// landing page (the crawl fetches these soon after the task pages).
	Areas []string
	// Portals are substrings of the host and path of third-party services
	// that do this task online, besides the catalogue-wide PortalHosts.
	Portals []string
	// Query and WelshQuery are what a resident types into the council's
	// own search box to find the task.
	Query, WelshQuery string
	// Online says in words what counts as doing the task online.
	Online string
	// Action names what the task's page offers ("payment"), for the
	// explanation of a task not found: "no payment action".
	Action string
}

// TaskCatalogueVersion is bumped whenever a task is added or removed or the
// task-finding logic shared by every task changes. Each task's own Version
// covers its patterns.
//
// Version 2: the vocabulary of real councils' pages; Welsh mutations;
// URLs read past CMS numbering, file names and glued words; near-miss
// words; the page's context (its URL and the service pages linking to it).
const TaskCatalogueVersion = 2

// Tasks is the task catalogue, in the order reports list tasks. The ids are
// those of simweb's manifest. The vocabulary comes from real councils'
// pages (the development set in survey/testdata/task-pages-dev.csv) and
// from the LGSL's service names.
var Tasks = []*Task{
	{ID: "pay-council-tax", Version: 2, Name: "Pay council tax", Welsh: "Talu treth y cyngor", LGSL: []int{57}, Provided: LowerTier,
		Texts: []string{"pay + ~council tax|ctax", "direct debit + ~council tax", "council tax + online", "online + payment",
			"make + payment", "=pay online", "=pay for it", "=payments"},
		WelshTexts: []string{"talu + ~treth y cyngor|treth gyngor", "debyd uniongyrchol + ~treth y cyngor|treth gyngor", "=talu ar lein", "=taliadau"},
		NotTexts:   []string{"help + pay", "benefit", "support"},
		Areas:      []string{"council tax", "treth y cyngor"},
		Portals:    []string{"civicaepay", "civica", "paye.net", "payments", "/pay", "pay."},
		Query:      "pay council tax", WelshQuery: "talu treth y cyngor",
		Action: "payment", Online: "a payment form on the page, or a link to an online payment service (Civica Pay, achieveservice, the council's payment portal)"},
	{ID: "report-missed-bin", Version: 2, Name: "Report a missed bin", Welsh: "Rhoi gwybod am fin heb ei gasglu", Provided: LowerTier | NIDistrict,
		Texts: []string{"missed + bin|collection", "missed + ~bin|waste|recycling|rubbish|refuse", "not + collected + ~bin|waste|recycling"},
		WelshTexts: []string{"heb + casglu", "fethwyd|methwyd|methu + ~biniau|bin|casgliad|casgliadau|gwastraff|ailgylchu",
			"methu + casgliad"},
		Areas:   []string{"bin", "bins", "waste", "recycling", "rubbish", "biniau", "ailgylchu", "gwastraff"},
		Portals: []string{"missed", "bartec", "whitespace", "bins"},
		Query:   "missed bin", WelshQuery: "bin heb ei gasglu",
		Action: "report", Online: "a report form on the page, or a link to an online reporting service"},
	{ID: "bin-collection-day", Version: 2, Name: "Check your bin collection day", Welsh: "Casgliadau biniau", LGSL: []int{524}, Provided: LowerTier | NIDistrict,
		Texts: []string{"bin|bins|collection|collections|refuse|waste|recycling + day|days|date|dates|calendar|calendars|schedule|finder|lookup",
			"when + bin|bins|collected|collection", "check|find + bin|waste|recycling|refuse collection", "=bin collection",
			"=bin collections", "refuse + collected", "bin + collected"},
		WelshTexts: []string{"diwrnod|diwrnodau|dyddiad|dyddiadau|calendr + casglu|casgliad|casgliadau|bin|biniau|gwastraff|ailgylchu",
			"pryd + casglu|biniau", "=casgliadau biniau"},
		NotTexts:      []string{"garden", "bulky", "clinical", "assisted"},
		WelshNotTexts: []string{"gardd", "swmpus"},
		Areas:         []string{"bin", "bins", "waste", "recycling", "rubbish", "biniau", "ailgylchu", "gwastraff"},
		Portals:       []string{"bins", "collection", "bartec", "whitespace", "lookup"},
		Query:         "bin collection day", WelshQuery: "diwrnod casglu biniau",
		Action: "lookup", Online: "a postcode or address lookup form on the page, or a link to an online collection-day lookup"},
	{ID: "planning-applications", Version: 2, Name: "View and comment on planning applications", Welsh: "Ceisiadau cynllunio", LGSL: []int{516}, Provided: LowerTier | NIDistrict,
		Texts: []string{"view|search|find|comment|object|track|see + ~planning application|planning applications",
			"comment|object + application", "=planning applications", "planning register", "planning portal",
			"planning application + details|list|lists|register|online|search", "planning decisions", "public access + ~planning"},
		WelshTexts: []string{"chwilio|gweld|sylw|sylwadau|gwrthwynebu + ~ceisiadau cynllunio|cais cynllunio",
			"=ceisiadau cynllunio", "cofrestr + cynllunio"},
		Areas:   []string{"planning", "cynllunio"},
		Portals: []string{"publicaccess", "online-applications", "planning-register", "planningexplorer", "planning", "idox", "northgate", "ocella", "swiftlg"},
		Query:   "planning applications", WelshQuery: "ceisiadau cynllunio",
		Action: "search", Online: "a planning search form on the page, or a link to the online planning register (Idox Public Access and the like)"},
	{ID: "apply-housing", Version: 2, Name: "Apply for housing", Welsh: "Gwneud cais am dai", LGSL: []int{92}, Provided: LowerTier,
		Texts: []string{"apply + ~housing|council home|council house|homechoice|home choice|social housing",
			"housing register", "housing list", "join|register + ~housing register|housing list|homechoice",
			"=social housing", "=council housing", "housing + application", "register for + council housing"},
		WelshTexts:    []string{"cais + ~tai|tai cymdeithasol|cofrestr tai", "cofrestr tai", "=tai cymdeithasol", "=tai cyngor"},
		NotTexts:      []string{"benefit", "homeless", "homelessness", "allocated", "rent"},
		WelshNotTexts: []string{"digartrefedd", "digartref", "budd-dal tai"},
		Areas:         []string{"housing", "tai"},
		Portals:       []string{"homeconnections", "homechoice", "choice based lettings", "housingjigsaw", "abritas", "locata", "housing"},
		Query:         "apply for housing", WelshQuery: "gwneud cais am dai",
		Action: "application", Online: "an application form on the page, or a link to the online housing register (Home Connections, Locata, Abritas...)"},
	{ID: "school-place", Version: 2, Name: "Apply for a school place", Welsh: "Gwneud cais am le mewn ysgol", LGSL: []int{13, 14}, Provided: UpperTier,
		Texts: []string{"school place|school places", "school admission|school admissions", "admission|admissions + school|schools",
			"apply|applying|application + ~school|schools|school place|admissions", "reception + place|places|application|applications|entry",
			"starting + primary|secondary|school", "enrol|enrolment|enrollment|registration + ~school|schools",
			"place|places + ~school admissions|admissions", "in year + place|places|application|transfer"},
		WelshTexts:    []string{"le mewn ysgol", "cais + ~ysgol|ysgolion|derbyn i ysgolion|derbyniadau", "=derbyn i ysgolion", "derbyn i ysgol + cais"},
		NotTexts:      []string{"term dates", "holiday|holidays", "transport", "appeal|appeals", "arrangements", "allocated"},
		WelshNotTexts: []string{"meini prawf", "llyfryn", "cludiant", "apel"},
		Areas:         []string{"schools", "school", "education", "ysgolion", "addysg"},
		Portals:       []string{"admissions", "eadmissions", "synergy", "capitaone"},
		Query:         "school place", WelshQuery: "lle mewn ysgol",
		Action: "application", Online: "an application form on the page, or a link to the online admissions portal"},
	{ID: "report-pothole", Version: 2, Name: "Report a pothole or road problem", Welsh: "Rhoi gwybod am dwll yn y ffordd", LGSL: []int{557}, Provided: UpperTier,
		Texts: []string{"pothole", "pot hole", "road|pavement|footpath|highway|roads|pavements + defect|damage|damaged|problem|repair|fault",
			"damaged + road|roads|pavement|pavements|footpath", "report + ~road|roads|highway|highways|pavement"},
		WelshTexts: []string{"twll + ffordd", "tyllau + ffordd|ffyrdd", "diffyg|difrod + ffordd|ffyrdd|palmant"},
		NotTexts:   []string{"claim|claims", "compensation", "roadworks", "closure|closures", "gritting"},
		Areas:      []string{"roads", "highways", "transport", "ffyrdd"},
		Portals:    []string{"fixmystreet", "highways", "report"},
		Query:      "report a pothole", WelshQuery: "twll yn y ffordd",
		Action: "report", Online: "a report form on the page, or a link to an online reporting service (FixMyStreet, the council's highways portal)"},
	{ID: "blue-badge", Version: 2, Name: "Apply for a Blue Badge", Welsh: "Gwneud cais am Fathodyn Glas", LGSL: []int{279}, Provided: UpperTier,
		Texts: []string{"blue badge", "apply + ~blue badge", "disabled + parking|badge",
			"parking + ~adult social care|social care|disabled|disability|disabilities"},
		WelshTexts:    []string{"bathodyn glas", "bathodynnau glas", "cais + ~bathodyn glas"},
		NotTexts:      []string{"misuse", "refused", "parking with", "parking bay|parking bays", "fraud", "abuse"},
		WelshNotTexts: []string{"camddefnyddio", "parcio gyda", "gwrthod"},
		Areas:         []string{"roads", "parking", "transport", "ffyrdd"},
		Portals:       []string{"gov.uk/apply-blue-badge", "blue-badge", "bluebadge"},
		Query:         "blue badge", WelshQuery: "bathodyn glas",
		Action: "application", Online: "an application form on the page, or a link to GOV.UK's Blue Badge service or the council's own"},
	{ID: "renew-library-book", Version: 2, Name: "Renew a library book", Welsh: "Adnewyddu llyfr llyfrgell", LGSL: []int{437}, Provided: UpperTier,
		Texts: []string{"renew + ~library|libraries|book|books|loan|loans|item|items|title|titles|spydus|catalogue|borrowing",
			"renew + reserve|reservation|request"},
		WelshTexts:    []string{"adnewyddu + ~llyfr|llyfrau|llyfrgell|llyfrgelloedd|eitem|eitemau|benthyciad"},
		NotTexts:      []string{"card", "membership", "pin"},
		WelshNotTexts: []string{"cerdyn", "aelodaeth"},
		Areas:         []string{"libraries", "library", "llyfrgelloedd", "llyfrgell"},
		Portals:       []string{"spydus", "sirsidynix", "arena", "prism", "koha", "soutron", "library", "libraries"},
		Query:         "renew library books", WelshQuery: "adnewyddu llyfrau llyfrgell",
		Action: "renewal", Online: "a library login form on the page, or a link to the online library catalogue account (Spydus, SirsiDynix...)"},
	{ID: "find-councillor", Version: 2, Name: "Find your councillor", Welsh: "Dod o hyd i'ch cynghorydd", LGSL: []int{358}, Provided: LowerTier | NIDistrict,
		Texts: []string{"find|your|my|local|search|who is + councillor", "councillor + search|finder|lookup|by", "=councillor", "=councillors",
			"councillors + ward|wards", "=elected members", "=members", "all members", "member + index", "=your representatives",
			"by + name|ward|party|area + ~councillor|councillors"},
		WelshTexts: []string{"=cynghorwyr", "=cynghorydd", "eich + cynghorwyr|cynghorydd", "dod o hyd + cynghorydd|cynghorwyr",
			"chwilio + cynghorydd|cynghorwyr", "cynghorwyr + ward|wardiau"},
		NotTexts:      []string{"allowance|allowances", "code of conduct", "interests", "become", "standing"},
		WelshNotTexts: []string{"lwfansau", "bod yn gynghorydd", "byddwch"},
		Areas:         []string{"council and democracy", "your council", "about the council", "democracy", "democratiaeth"},
		Portals:       []string{"moderngov", "mgfindmember", "mgmemberindex", "democracy", "councillors"},
		Query:         "find my councillor", WelshQuery: "dod o hyd i'ch cynghorydd",
		Action: "search", Online: "a postcode search form on the page, or a link to the councillor search of the council's democracy system (ModernGov and the like)"},
	{ID: "report-fly-tipping", Version: 2, Name: "Report fly-tipping", Welsh: "Rhoi gwybod am dipio anghyfreithlon", LGSL: []int{587}, Provided: LowerTier | NIDistrict,
		Texts:      []string{"fly tipping", "flytipping", "fly tip", "flytip", "dumped rubbish", "illegal dumping", "dumped waste"},
		WelshTexts: []string{"tipio anghyfreithlon"},
		NotTexts:   []string{"prosecution|prosecutions|prosecuted", "fine|fines|fined", "campaign"},
		Areas:      []string{"environment", "environmental", "street cleaning", "amgylchedd"},
		Portals:    []string{"fixmystreet", "fly-tipping", "flytipping", "report"},
		Query:      "fly tipping", WelshQuery: "tipio anghyfreithlon",
		Action: "report", Online: "a report form on the page, or a link to an online reporting service (FixMyStreet, achieveservice...)"},
	{ID: "register-to-vote", Version: 2, Name: "Register to vote", Welsh: "Cofrestru i bleidleisio", LGSL: []int{364}, Provided: LowerTier,
		Texts: []string{"register|registering + vote|voting", "registration + ~electoral|voter|vote|voting|elections|election",
			"electoral|voter + registration", "how + register + ~electoral|elections|election|voting|vote",
			"get on + register", "join + electoral register"},
		WelshTexts:    []string{"cofrestru + pleidleisio", "cofrestru + ~etholiadol|etholiadau|pleidleisio"},
		NotTexts:      []string{"open register", "edited register", "canvass", "postal", "proxy"},
		WelshNotTexts: []string{"cofrestr agored", "canfasio", "post", "drwy ddirprwy"},
		Areas:         []string{"elections", "voting", "electoral", "etholiadau", "pleidleisio"},
		Portals:       []string{"gov.uk/register-to-vote", "register-to-vote"},
		Query:         "register to vote", WelshQuery: "cofrestru i bleidleisio",
		Action: "registration", Online: "a form on the page, or a link to GOV.UK's Register to Vote service"},
}

// NearMissTexts and WelshNearMissTexts are words of pages that inform
// about a service rather than deliver it: discounts and bands, charges and
// fees, policies, statistics, consultations, questions and answers,
// opening hours, news of changes. A page whose name carries one is not a
// task's page unless it also says how to do the task (ActionTexts).
var NearMissTexts = []string{"discount|discounts", "exemption|exemptions", "reduction|reductions", "band|bands", "valuation",
	"charge|charges", "fees", "how much", "policy|policies", "strategy", "statistics", "consultation|consultations", "faq|faqs",
	"frequently asked", "questions", "opening hours", "opening times", "what is", "who can", "what to do", "what happens",
	"criteria", "eligibility", "guidance", "notes", "changes", "christmas", "bank holiday", "news", "leaflet", "privacy",
	"terms and conditions", "local plan", "documents", "data"}

// WelshNearMissTexts are the Welsh near-miss words.
var WelshNearMissTexts = []string{"gostyngiad|gostyngiadau", "eithriad|eithriadau", "band|bandiau", "ffioedd", "taliadau am",
	"polisi", "strategaeth", "ystadegau", "ymgynghoriad|ymgynghoriadau", "cwestiynau", "atebion", "oriau agor", "beth yw",
	"beth syn", "pwy all", "pwy sy", "faint", "meini prawf", "canllawiau", "newidiadau", "nadolig", "newyddion", "hysbysiad",
	"gwario", "ble mae", "preifatrwydd", "telerau", "cynllun datblygu", "dogfennau"}

// ActionTexts say how to do a task; they outweigh a near-miss word
// ("Who can get a Blue Badge and how to apply").
var ActionTexts = []string{"how to apply", "how to pay", "how to report", "how to register", "how to renew", "apply now",
	"apply online", "pay online", "report online", "sut i wneud cais", "sut mae gwneud cais", "sut i dalu", "sut i gofrestru",
	"gwneud cais ar lein", "talu ar lein"}

// PortalHosts are substrings of the host and path of third-party services
// that councils use for online transactions (payments, forms, bookings,
// reports). An off-site link on a task page to one of them counts as doing
// the task online, whatever its text.
var PortalHosts = []string{
	"achieveservice", "firmstep", "jadu", "granicus", "govservice", "civicaepay", "civicapay", "capita", "paye.net",
	"payments.service.gov.uk", "gov.uk/pay", "idoxwam", "idox", "publicaccess", "fixmystreet", "love-clean-streets",
	"lovecleanstreets", "mycouncil", "myaccount", "my-account", "selfservice", "self-service", "eforms", "e-forms",
	"forms.", "/forms/", "/form/", "portal", "bookings", "booking", "apply", "/report", "opus", "netcall", "liberty",
	"moderngov", "spydus", "sirsidynix", "homeconnections", "eadmissions", "admissions-online", "bartec", "whitespace",
}

// taskByID indexes the catalogue.
var taskByID = func() map[string]*Task {
	m := make(map[string]*Task, len(Tasks))
	for _, t := range Tasks {
		m[t.ID] = t
	}
	return m
}()

// TaskByID returns the catalogue's task with the id, or nil.
func TaskByID(id string) *Task { return taskByID[id] }

// ProvidedBy reports whether a council whose tier provides the services s
// is asked the task.
func (t *Task) ProvidedBy(s Services) bool { return t.Provided&s != 0 }

// TasksFor returns the tasks asked of the council: those its tier provides,
// in catalogue order. District-only services are never asked of a county,
// county-only services never of a district, and Northern Ireland's district
// councils are asked only waste, planning, councillors and fly-tipping.
func TasksFor(c councilbench.Council) []*Task {
	return TasksForTier(c.Tier)
}

// TasksForTier returns the tasks asked of councils of the tier.
func TasksForTier(tier councilbench.Tier) []*Task { return tasksProvided(ServicesOf(tier)) }

// TasksForCouncils returns the catalogue's tasks that any of the councils
// provides, in catalogue order: the tasks a shared site is asked.
func TasksForCouncils(councils []councilbench.Council) []*Task {
	var s Services
	for _, c := range councils {
		s |= ServicesOf(c.Tier)
	}
	return tasksProvided(s)
}

// tasksProvided returns the catalogue's tasks that the services include.
func tasksProvided(s Services) []*Task {
	var out []*Task
	for _, t := range Tasks {
		if t.ProvidedBy(s) {
			out = append(out, t)
		}
	}
	return out
}

// Priorities returned by Priority.
const (
	PriorityTask    = 3 // the link names a top task
	PriorityArea    = 2 // the link names a service area (a landing page)
	PriorityFeature = 1 // the link names a page the site features need (A to Z, contact, accessibility statement)
)

// Priority ranks a link for the crawl: PriorityTask when its text or URL
// names a top task of the catalogue (in English or Welsh), PriorityArea
// when it names a task's service area, PriorityFeature for the pages the
// site features look for, 0 otherwise. The crawler fetches higher-ranked
// links first, so the task pages are stored before the page budget runs
// out. It is safe for concurrent use.
func Priority(url, text string) int {
	tw, pu := words(text), parseURL(url)
	uw := pu.name
	mask := taskMask(tw) | pu.mask
	var cx []string
	best := 0
	for _, ct := range compiledTasks() {
		if mask&(ct.bit|ct.areaBit) == 0 {
			continue
		}
		if cx == nil {
			cx = pu.words()
		}
		if lv, _, _ := ct.textLevel(tw, cx); lv != levelNone {
			return PriorityTask
		}
		if lv, _, _ := ct.textLevel(uw, pu.ctx); lv != levelNone {
			return PriorityTask
		}
		if best < PriorityArea && (ct.areas.match(tw) != nil || ct.areas.match(uw) != nil) {
			best = PriorityArea
		}
	}
	if best == 0 {
		for _, fp := range []*featurePatterns{statementPatterns, azPatterns, contactPatterns} {
			if fp.text.match(tw) != nil || fp.url.match(uw) != nil {
				return PriorityFeature
			}
		}
	}
	return best
}
