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
	// Texts and WelshTexts are link-text patterns that identify the task's
	// page (the syntax is described in tasks_match.go); a page's <title>
	// or <h1> matching them corroborates.
	Texts, WelshTexts []string
	// URLs and WelshURLs are patterns for the last segment of the page's
	// URL path.
	URLs, WelshURLs []string
	// Areas are patterns for the link texts and URLs of the service area's
	// landing page (the crawl fetches these soon after the task pages).
	Areas []string
	// Portals are substrings of the host and path of third-party services
	// that do this task online, besides the catalogue-wide PortalHosts.
	Portals []string
	// Online says in words what counts as doing the task online.
	Online string
}

// TaskCatalogueVersion is bumped whenever a task is added or removed or the
// task-finding logic shared by every task changes. Each task's own Version
// covers its patterns.
const TaskCatalogueVersion = 1

// Tasks is the task catalogue, in the order reports list tasks. The ids are
// those of simweb's manifest.
var Tasks = []*Task{
	{ID: "pay-council-tax", Version: 1, Name: "Pay council tax", Welsh: "Talu treth y cyngor", LGSL: []int{57}, Provided: LowerTier,
		Texts: []string{"pay + council tax", "pay + counciltax", "council tax + payment"}, WelshTexts: []string{"talu + treth y cyngor"},
		URLs: []string{"pay + council tax", "pay + counciltax", "council tax + payment"}, WelshURLs: []string{"talu + treth"},
		Areas:   []string{"council tax", "counciltax", "treth y cyngor"},
		Portals: []string{"civicaepay", "civica", "paye.net", "payments", "/pay", "pay."},
		Online:  "a payment form on the page, or a link to an online payment service (Civica Pay, achieveservice, the council's payment portal)"},
	{ID: "report-missed-bin", Version: 1, Name: "Report a missed bin", Welsh: "Rhoi gwybod am fin heb ei gasglu", Provided: LowerTier | NIDistrict,
		Texts: []string{"missed + bin", "missed + collection"}, WelshTexts: []string{"heb ei gasglu", "heb eu casglu"},
		URLs: []string{"missed + bin", "missed + collection"}, WelshURLs: []string{"heb + gasglu"},
		Areas:   []string{"bin", "bins", "waste", "recycling", "rubbish", "biniau", "ailgylchu", "gwastraff"},
		Portals: []string{"missed", "bartec", "whitespace", "bins"},
		Online:  "a report form on the page, or a link to an online reporting service"},
	{ID: "bin-collection-day", Version: 1, Name: "Check your bin collection day", Welsh: "Casgliadau biniau", LGSL: []int{524}, Provided: LowerTier | NIDistrict,
		Texts: []string{"bin + day", "collection + day", "bin + date", "when + bin + collected"}, WelshTexts: []string{"casgliadau biniau", "diwrnod + casglu"},
		URLs: []string{"bin + day", "collection + day", "bin + date"}, WelshURLs: []string{"casgliadau + biniau"},
		Areas:   []string{"bin", "bins", "waste", "recycling", "rubbish", "biniau", "ailgylchu", "gwastraff"},
		Portals: []string{"bins", "collection", "bartec", "whitespace", "lookup"},
		Online:  "a postcode or address lookup form on the page, or a link to an online collection-day lookup"},
	{ID: "planning-applications", Version: 1, Name: "View and comment on planning applications", Welsh: "Ceisiadau cynllunio", LGSL: []int{516}, Provided: LowerTier | NIDistrict,
		Texts: []string{"view + planning application", "search + planning application", "comment + planning application",
			"find + planning application", "=planning applications", "planning register", "planning portal"},
		WelshTexts: []string{"ceisiadau cynllunio", "cais cynllunio"},
		URLs:       []string{"planning application", "planning register"}, WelshURLs: []string{"ceisiadau + cynllunio"},
		Areas:   []string{"planning", "cynllunio"},
		Portals: []string{"publicaccess", "online-applications", "planning-register", "planningexplorer", "planning", "idox", "northgate", "ocella", "swiftlg"},
		Online:  "a planning search form on the page, or a link to the online planning register (Idox Public Access and the like)"},
	{ID: "apply-housing", Version: 1, Name: "Apply for housing", Welsh: "Gwneud cais am dai", LGSL: []int{92}, Provided: LowerTier,
		Texts: []string{"apply + housing", "join + housing register", "housing application", "apply + council home"}, WelshTexts: []string{"cais am dai", "cofrestr tai"},
		URLs: []string{"apply + housing", "join + housing register", "housing application"}, WelshURLs: []string{"cais + dai"},
		Areas:   []string{"housing", "tai"},
		Portals: []string{"homeconnections", "homechoice", "choice based lettings", "housingjigsaw", "abritas", "locata", "housing"},
		Online:  "an application form on the page, or a link to the online housing register (Home Connections, Locata, Abritas...)"},
	{ID: "school-place", Version: 1, Name: "Apply for a school place", Welsh: "Gwneud cais am le mewn ysgol", LGSL: []int{13, 14}, Provided: UpperTier,
		Texts: []string{"school place", "school admission", "apply + school"}, WelshTexts: []string{"le mewn ysgol", "cais + ysgol", "derbyn i ysgolion"},
		URLs: []string{"school place", "school admission", "apply + school"}, WelshURLs: []string{"le mewn ysgol", "cais + ysgol"},
		Areas:   []string{"schools", "school", "education", "ysgolion", "addysg"},
		Portals: []string{"admissions", "eadmissions", "synergy", "capitaone"},
		Online:  "an application form on the page, or a link to the online admissions portal"},
	{ID: "report-pothole", Version: 1, Name: "Report a pothole or road problem", Welsh: "Rhoi gwybod am dwll yn y ffordd", LGSL: []int{557}, Provided: UpperTier,
		Texts: []string{"pothole", "road defect", "report + road", "report + highway"}, WelshTexts: []string{"twll yn y ffordd", "dwll yn y ffordd", "tyllau yn y ffordd"},
		URLs: []string{"pothole", "road defect", "report + road", "report + highway"}, WelshURLs: []string{"twll + ffordd", "dwll + ffordd"},
		Areas:   []string{"roads", "highways", "transport", "ffyrdd"},
		Portals: []string{"fixmystreet", "highways", "report"},
		Online:  "a report form on the page, or a link to an online reporting service (FixMyStreet, the council's highways portal)"},
	{ID: "blue-badge", Version: 1, Name: "Apply for a Blue Badge", Welsh: "Gwneud cais am Fathodyn Glas", LGSL: []int{279}, Provided: UpperTier,
		Texts: []string{"blue badge"}, WelshTexts: []string{"bathodyn glas", "fathodyn glas"},
		URLs: []string{"blue badge", "bluebadge"}, WelshURLs: []string{"bathodyn glas", "fathodyn glas"},
		Areas:   []string{"roads", "parking", "transport", "ffyrdd"},
		Portals: []string{"gov.uk/apply-blue-badge", "blue-badge", "bluebadge"},
		Online:  "an application form on the page, or a link to GOV.UK's Blue Badge service or the council's own"},
	{ID: "renew-library-book", Version: 1, Name: "Renew a library book", Welsh: "Adnewyddu llyfr llyfrgell", LGSL: []int{437}, Provided: UpperTier,
		Texts: []string{"renew + library", "renew + book", "renew + reserve", "renew + loan"}, WelshTexts: []string{"adnewyddu + llyfr", "adnewyddu + llyfrgell"},
		URLs: []string{"renew + library", "renew + book", "renew + reserve", "renew + loan"}, WelshURLs: []string{"adnewyddu"},
		Areas:   []string{"libraries", "library", "llyfrgelloedd", "llyfrgell"},
		Portals: []string{"spydus", "sirsidynix", "arena", "prism", "koha", "soutron", "library", "libraries"},
		Online:  "a library login form on the page, or a link to the online library catalogue account (Spydus, SirsiDynix...)"},
	{ID: "find-councillor", Version: 1, Name: "Find your councillor", Welsh: "Dod o hyd i'ch cynghorydd", LGSL: []int{358}, Provided: LowerTier | NIDistrict,
		Texts:      []string{"find + councillor", "your + councillor", "=councillor", "councillors + ward", "elected members"},
		WelshTexts: []string{"cynghorydd", "=cynghorwyr", "eich cynghorwyr"},
		URLs:       []string{"councillor", "mgmemberindex", "mgfindmember"}, WelshURLs: []string{"cynghorydd", "cynghorwyr"},
		Areas:   []string{"council and democracy", "your council", "about the council", "democracy", "democratiaeth"},
		Portals: []string{"moderngov", "mgfindmember", "mgmemberindex", "democracy", "councillors"},
		Online:  "a postcode search form on the page, or a link to the councillor search of the council's democracy system (ModernGov and the like)"},
	{ID: "report-fly-tipping", Version: 1, Name: "Report fly-tipping", Welsh: "Rhoi gwybod am dipio anghyfreithlon", LGSL: []int{587}, Provided: LowerTier | NIDistrict,
		Texts: []string{"fly tipping", "flytipping", "fly tip", "dumped rubbish", "illegal dumping"}, WelshTexts: []string{"tipio anghyfreithlon", "dipio anghyfreithlon"},
		URLs: []string{"fly tipping", "flytipping", "fly tip", "dumped rubbish"}, WelshURLs: []string{"tipio anghyfreithlon", "dipio anghyfreithlon"},
		Areas:   []string{"environment", "environmental", "street cleaning", "amgylchedd"},
		Portals: []string{"fixmystreet", "fly-tipping", "flytipping", "report"},
		Online:  "a report form on the page, or a link to an online reporting service (FixMyStreet, achieveservice...)"},
	{ID: "register-to-vote", Version: 1, Name: "Register to vote", Welsh: "Cofrestru i bleidleisio", LGSL: []int{364}, Provided: LowerTier,
		Texts: []string{"register + vote", "registering + vote", "electoral register", "voter registration"}, WelshTexts: []string{"cofrestru i bleidleisio", "cofrestr etholiadol"},
		URLs: []string{"register + vote", "registering + vote", "electoral register", "voter registration"}, WelshURLs: []string{"cofrestru + bleidleisio"},
		Areas:   []string{"elections", "voting", "electoral", "etholiadau", "pleidleisio"},
		Portals: []string{"gov.uk/register-to-vote", "register-to-vote"},
		Online:  "a form on the page, or a link to GOV.UK's Register to Vote service"},
}

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
func TasksForTier(tier councilbench.Tier) []*Task {
	s := ServicesOf(tier)
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
	tw, uw := words(text), urlWords(url)
	best := 0
	for _, ct := range compiledTasks() {
		if ct.text.match(tw) != nil || ct.welshText.match(tw) != nil || ct.url.match(uw) != nil || ct.welshURL.match(uw) != nil {
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
