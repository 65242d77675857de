package simweb

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"net"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/councilbench/councilbench"
)

// hostRole is what a host name does for its site.
type hostRole uint8

const (
	roleCanonical hostRole = iota // serves the site
	roleTwin                      // the www/apex twin: redirects to the canonical host, path kept
	roleOld                       // a moved domain: redirects to the new host
	roleSearch                    // the search service of an elsewhere search
)

// Anchor roles: where in a page's main content an anchor is drawn.
const (
	aList   uint8 = iota // an item of the main list, with a description
	aInline              // inside a paragraph
	aTop                 // a popular task on the home page
	aNews                // a news teaser
	aDoc                 // a document (PDF)
	aStart               // the start button of an off-site online service
	aPager               // pagination
	aIcon                // an icon-only link with no text (the empty-link fault)
	aMore                // a "more" link at the end of the main list
)

// Online routes of a task.
const (
	modeForm   = iota // a form on the task page
	modePortal        // a start button to an off-site portal
	modePDF           // only a PDF form to print
)

// anchor is one link of a page: to another page of the site, or to an
// external URL when to < 0.
type anchor struct {
	to   int
	role uint8
	text string
	ext  string
}

// page is one URL of a site's structure. Its body is generated on request.
type page struct {
	path     string
	kind     string
	title    string
	lang     string // "en" or "cy"
	section  int    // index into site.sections, -1 for none
	parent   int    // breadcrumb parent, -1 for none
	twin     int    // the other language's version, -1 for none
	status   int
	redirect int // page redirected to (301), -1 for none
	task     int // index into site.tasks, -1 for none
	links    []anchor
	sidebar  []anchor
	age      int // days before the base date it was last updated (news: published)
	pdfSize  int
	depth    int

	hidden       bool // kept out of navigation, the A-Z and sidebars
	broken       bool // the target of a broken link: served as "Page not found"
	inSitemap    bool
	sitemapOnly  bool
	slow         bool
	imgNoAlt     bool
	inputNoLabel bool
	lowContrast  bool
	cp1252       bool
	disallowed   bool
}

// html reports whether the page is served as an HTML document whose links
// count: a 200 page that is not a PDF or a redirect.
func (p *page) html() bool {
	return p.status == 200 && p.kind != PagePDF && p.redirect < 0
}

// siteSection is a service area of a site.
type siteSection struct {
	def       *sectionDef
	title     string
	path      string
	landing   int
	welsh     int   // Welsh landing page, -1 for none
	children  []int // visible tasks then information pages
	pdfs      []int
	chainHead int // first page of the chain to a buried task, -1 for none
	hasTask   bool
	num       int // the category's number of a Jadu site
}

// siteTask is a top task of a site.
type siteTask struct {
	def       *taskDef
	title     string
	slug      string
	present   bool
	buried    bool
	page      int // -1 when missing
	welsh     int // -1 when there is no Welsh version
	mode      int
	action    string // the form's action, relative to the task page
	onlineURL string // absolute form action or portal URL
	pdf       int    // the PDF form, -1 for none

	welshTitle, welshSlug string // of the Welsh page
	vanity                string // the page's path, without "/", on a vanity site
	num                   int    // the page's number, where the CMS numbers pages
}

// site is one simulated website: its structure, in memory, from which bodies
// are generated.
type site struct {
	key      string
	name     string
	area     string
	slug     string // alphanumeric stem, for portal host names
	camel    string
	phone    string
	councils []councilbench.Council
	ts       tierSet
	seed     uint64

	startURL  string
	scheme    string // of the canonical URL
	host      string // canonical host
	homePath  string
	regPath   string // the register URL's path, redirected from on moved hosts
	routes    map[string]hostRole
	aliases   map[string]bool // other register paths, redirected to the home page
	httpsRedo bool            // plain http redirects to https
	redirects []string

	welsh        bool
	good         bool
	moved        bool
	langMissing  bool
	tmpl         map[string]bool // template faults: on every page (see siteSpec.tmpl)
	soft404      bool
	hasStatement bool
	hsts         bool
	frameOptions bool
	lastModified bool
	absNav       bool
	crawlDelay   int
	disallow     []string
	sitemapIndex bool
	server       string
	cacheControl string
	palette      [3]string
	css          string
	script       string

	searchVariant string // one of SearchVariants
	searchHost    string // the search service's host of an elsewhere search

	cms         string    // the CMS style of its URLs: cmsPlain or one of cmsStyles
	spRoot      [2]string // the first segments of SharePoint paths: English, Welsh
	nextNum     int       // the last page number of a Jadu or article site
	vanityCamel bool      // the first task's vanity path is camel case

	pages    []*page
	byPath   map[string]int
	home     int
	cyHome   int
	az       int
	search   int
	contact  int
	cyCont   int
	stmt     int
	cyStmt   int
	privacy  int
	cookies  int
	terms    int
	news     []int // news list pages
	articles []int // newest first
	sections []*siteSection
	tasks    []*siteTask
	redirOf  map[int]int // page -> old URL redirecting to it
	faults   []FaultTruth
	index    *searchIndex // nil when the site has no search

	header [2][]anchor // per language: en, cy
	nav    [2][]anchor
	navIdx [2][]int // per language: start of each section's group in nav
	footer [2][]anchor
	navB   [2][]byte // pre-rendered navigation
	footB  [2][]byte // pre-rendered footer
}

// siteSpec is what New decides about a site before building it.
type siteSpec struct {
	key      string
	councils []councilbench.Council
	good     bool
	moved    bool
	delay    bool
	cp1252   bool
	faults   map[string]bool // kinds present other than by the template
	tmpl     map[string]bool // kinds the template carries (on every page)
	badness  float64         // 0 the best site, 1 the worst (see drawQuality)
	search   string          // the search variant
	cms      string          // the CMS style
}

// New builds the web for the councils. Councils whose websites share a
// councilbench.SiteKey share one site. The same councils (in any order) and
// options give byte-identical pages and manifest.
func New(councils []councilbench.Council, opts Options) (*Web, error) {
	opts = opts.normalised()
	groups := map[string][]councilbench.Council{}
	for _, c := range councils {
		key, err := councilbench.SiteKey(c.Website)
		if err != nil {
			return nil, fmt.Errorf("simweb: council %s: website %q: %w", c.Code, c.Website, err)
		}
		groups[key] = append(groups[key], c)
	}
	if len(groups) == 0 {
		return nil, fmt.Errorf("simweb: no councils")
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return build(planSites(keys, groups, opts), opts)
}

// build builds the web of the planned sites.
func build(specs []*siteSpec, opts Options) (*Web, error) {
	taken := map[string]bool{}
	for _, sp := range specs {
		taken[sp.key] = true
		taken["www."+sp.key] = true
	}
	w := &Web{opts: opts, routes: map[string]*route{}}
	w.manifest = &Manifest{Seed: opts.Seed}
	for _, sp := range specs {
		s, err := buildSite(sp, opts, taken)
		if err != nil {
			return nil, fmt.Errorf("simweb: site %s: %w", sp.key, err)
		}
		for h, role := range s.routes {
			if _, dup := w.routes[h]; dup {
				return nil, fmt.Errorf("simweb: host %s served by two sites", h)
			}
			hk, err := councilbench.SiteKey("http://" + h)
			if err != nil {
				return nil, fmt.Errorf("simweb: host %s: %w", h, err)
			}
			w.routes[h] = &route{site: s, role: role, key: hk}
			w.hosts = append(w.hosts, h)
		}
		w.sites = append(w.sites, s)
		w.manifest.Sites = append(w.manifest.Sites, s.truth())
	}
	sort.Strings(w.hosts)
	if err := w.makeCerts(); err != nil {
		return nil, err
	}
	w.handler = w.newHandler()
	return w, nil
}

// planSites makes the choices that span sites: which are good, which moved
// domain, which set a crawl delay, which faulty site gets which fault and
// which search variant.
func planSites(keys []string, groups map[string][]councilbench.Council, opts Options) []*siteSpec {
	rng := rand.New(rand.NewPCG(uint64(opts.Seed), 0x5eedc0de))
	n := len(keys)
	specs := make([]*siteSpec, n)
	for i, k := range keys {
		cs := slices.Clone(groups[k])
		sort.Slice(cs, func(a, b int) bool { return cs[a].Code < cs[b].Code })
		specs[i] = &siteSpec{key: k, councils: cs, faults: map[string]bool{}, tmpl: map[string]bool{}}
	}
	pick := func(count int, from []int) []int {
		perm := rng.Perm(len(from))
		out := make([]int, 0, count)
		for _, j := range perm[:min(count, len(from))] {
			out = append(out, from[j])
		}
		return out
	}
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	share := func(f float64, min1 bool, of int) int {
		c := int(math.Round(f * float64(of)))
		if c == 0 && min1 {
			c = 1
		}
		return c
	}
	var faulty []int
	if !opts.Faults {
		for _, sp := range specs {
			sp.good = true
		}
	} else {
		nGood := 0
		if n >= 2 {
			nGood = share(1-webaimFailing, true, n)
		}
		good, drawn := drawQuality(keys, opts.Seed, nGood)
		for i, sp := range specs {
			sp.good = good[i]
			if sp.good {
				continue
			}
			faulty = append(faulty, i)
			sp.badness = drawn[i].badness
			sp.faults, sp.tmpl = drawn[i].page, drawn[i].tmpl
		}
	}
	for _, i := range pick(share(0.08, n >= 4, n), all) {
		specs[i].moved = true
	}
	// Crawl delays go to small sites (districts) when there are any, so
	// that a polite crawl of them stays short.
	var small []int
	for i, sp := range specs {
		if !slices.ContainsFunc(sp.councils, func(c councilbench.Council) bool {
			return c.Tier != councilbench.TierShireDistrict && c.Tier != councilbench.TierDistrict
		}) {
			small = append(small, i)
		}
	}
	nDelay := share(0.05, n >= 8, n)
	if len(small) < nDelay {
		small = all
	}
	for _, i := range pick(nDelay, small) {
		specs[i].delay = true
	}
	for _, i := range pick(share(0.1, n >= 5, n), all) {
		specs[i].cp1252 = true
	}
	// Search variants go round-robin over the faulty sites in a seeded
	// order, good last, so that every variant is on a site once six sites
	// are faulty; the good sites search well.
	for _, sp := range specs {
		sp.search = SearchGood
	}
	for k, j := range rng.Perm(len(faulty)) {
		specs[faulty[j]].search = SearchVariants[(k+1)%len(SearchVariants)]
	}
	planCMS(specs, opts.Seed)
	return specs
}

// hash64 hashes s with FNV-1a.
func hash64(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// builder holds what building one site needs.
type builder struct {
	s    *site
	sp   *siteSpec
	opts Options
	rng  *rand.Rand
	// wrng chooses the Welsh names of task pages and crng the paths of
	// the site's CMS style, apart from rng so that they leave its choices
	// as they were.
	wrng, crng *rand.Rand
	size       int // the number of HTML pages to aim for
}

// buildSite builds the structure of one site.
func buildSite(sp *siteSpec, opts Options, taken map[string]bool) (*site, error) {
	s := &site{
		key:      sp.key,
		councils: sp.councils,
		seed:     uint64(opts.Seed) ^ hash64(sp.key),
		byPath:   map[string]int{},
		routes:   map[string]hostRole{},
		aliases:  map[string]bool{},
		redirOf:  map[int]int{},
		good:     sp.good,
		cyHome:   -1, cyCont: -1, stmt: -1, cyStmt: -1, search: -1,

		searchVariant: sp.search,
	}
	b := &builder{s: s, sp: sp, opts: opts, rng: rand.New(rand.NewPCG(uint64(opts.Seed), hash64(sp.key))),
		wrng: rand.New(rand.NewPCG(hash64(sp.key), uint64(opts.Seed)^0x3e15)),
		crng: rand.New(rand.NewPCG(hash64(sp.key), uint64(opts.Seed)^0xc35c35)), size: opts.PagesPerSite}
	if sp.delay {
		// A site asking for a crawl delay is a third of the size.
		b.size = opts.PagesPerSite * 3 / 10
	}
	b.names()
	if err := b.hosts(taken); err != nil {
		return nil, err
	}
	if s.searchVariant == SearchElsewhere {
		s.searchHost = searchServiceHost(s.slug+".search-service.co.uk"+reservedSuffix(s.key), taken)
		taken[s.searchHost] = true
		s.routes[s.searchHost] = roleSearch
	}
	b.style()
	b.cmsSetup()
	b.plan()
	b.pagesAndLinks()
	s.index = s.newIndex()
	b.robots()
	s.computeDepths()
	if err := b.check(); err != nil {
		return nil, err
	}
	chain, err := s.chainFrom(s.startURL)
	if err != nil {
		return nil, err
	}
	s.redirects = chain
	s.prerender()
	return s, nil
}

// placeName returns the place a council is named after.
func placeName(name string) string {
	n := strings.TrimSpace(name)
	for _, p := range []string{"London Borough of ", "Royal Borough of "} {
		n = strings.TrimPrefix(n, p)
	}
	for _, suf := range []string{" Metropolitan Borough Council", " Metropolitan District Council", " District Council",
		" Borough Council", " City Council", " County Borough Council", " County Council", " Council", " Corporation"} {
		if t := strings.TrimSuffix(n, suf); t != n && t != "" {
			return t
		}
	}
	return n
}

// keyStem returns the site key without its public suffix, e.g.
// "adur-worthing" (and without ReservedTLD, for a fictional council's).
func keyStem(key string) string {
	key = strings.TrimSuffix(key, reservedSuffix(key))
	for _, suf := range []string{".gov.uk", ".gov.wales", ".org.uk", ".co.uk", ".gov.scot", ".org", ".com", ".net", ".uk", ".info", ".wales", ".scot"} {
		if t := strings.TrimSuffix(key, suf); t != key && t != "" {
			return t
		}
	}
	return key
}

// names sets the site's names, phone number and languages.
func (b *builder) names() {
	s := b.s
	var places []string
	for _, c := range s.councils {
		s.ts = s.ts.union(tierServices(c.Tier))
		if c.Nation == "Wales" {
			s.welsh = true
		}
		places = append(places, placeName(c.Name))
	}
	if len(s.councils) == 1 {
		s.name = strings.TrimSpace(s.councils[0].Name)
		if s.name == "" {
			s.name = s.key
		}
	} else {
		s.name = strings.Join(places, " & ") + " Councils"
	}
	s.area = strings.Join(places, " and ")
	stem := keyStem(s.key)
	var sb, cb strings.Builder
	up := true
	for _, r := range stem {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			sb.WriteRune(r)
			if up && r >= 'a' && r <= 'z' {
				r -= 'a' - 'A'
			}
			cb.WriteRune(r)
			up = false
		default:
			up = true
		}
	}
	s.slug, s.camel = sb.String(), cb.String()
	if s.slug == "" {
		s.slug, s.camel = "council", "Council"
	}
	s.phone = fmt.Sprintf("01%03d %06d", 200+b.rng.IntN(800), b.rng.IntN(1000000))
}

// twinHost returns the www/apex twin of a host, or "" for none.
func twinHost(h string) string {
	if strings.HasPrefix(h, "www.") {
		return h[len("www."):]
	}
	if net.ParseIP(h) != nil || !strings.Contains(h, ".") {
		return ""
	}
	switch h[:strings.IndexByte(h, '.')] {
	case "new", "www1", "www2", "www3", "beta", "my", "online", "site", "web", "en", "cy":
		return ""
	}
	return "www." + h
}

// hosts decides the canonical host and scheme, the home path and the
// redirecting hosts.
func (b *builder) hosts(taken map[string]bool) error {
	s, rng := b.s, b.rng
	first := s.councils[0]
	u, err := url.Parse(first.Website)
	if err != nil {
		return fmt.Errorf("website %q: %w", first.Website, err)
	}
	s.startURL = first.Website
	regHost := strings.ToLower(u.Hostname())
	s.regPath = u.Path
	if s.regPath == "" {
		s.regPath = "/"
	}
	s.scheme = "https"
	s.httpsRedo = true
	if !s.good && u.Scheme == "http" && rng.Float64() < 0.25 {
		s.scheme, s.httpsRedo = "http", false
	}
	twin := twinHost(regHost)
	s.host = regHost
	s.routes[regHost] = roleCanonical
	if twin != "" {
		s.routes[twin] = roleTwin
		if rng.Float64() < 0.15 {
			s.host = twin
			s.routes[twin], s.routes[regHost] = roleCanonical, roleTwin
		}
	}
	s.homePath = s.regPath
	if b.sp.moved {
		if nh := b.movedHost(regHost, taken); nh != "" {
			s.moved = true
			for h := range s.routes {
				s.routes[h] = roleOld
			}
			s.host = nh
			s.routes[nh] = roleCanonical
			if t := twinHost(nh); t != "" && !taken[t] {
				s.routes[t] = roleTwin
			}
			s.homePath = "/"
			if rng.Float64() < 0.4 {
				s.homePath = "/en/"
			}
		}
	}
	for h := range s.routes {
		taken[h] = true
	}
	for _, c := range s.councils[1:] {
		cu, err := url.Parse(c.Website)
		if err != nil {
			return fmt.Errorf("website %q: %w", c.Website, err)
		}
		h := strings.ToLower(cu.Hostname())
		if _, ok := s.routes[h]; !ok {
			return fmt.Errorf("council %s: host %s is not a host of the site", c.Code, h)
		}
		if p := cu.Path; p != "" && p != "/" && p != s.homePath && p != s.regPath {
			s.aliases[p] = true
		}
	}
	return nil
}

// movedHost returns the new host of a site that moved domain, or "" when
// every candidate is taken.
func (b *builder) movedHost(old string, taken map[string]bool) string {
	stem := keyStem(b.s.key)
	stem = stem[strings.LastIndexByte(stem, '.')+1:]
	flat := strings.ReplaceAll(stem, "-", "")
	tld := ".gov.uk" + reservedSuffix(b.s.key) // a fictional council moves within .example
	cands := []string{"www." + flat + tld, "www." + stem + "council" + tld, "www.new" + flat + tld, "www." + stem + "-council" + tld}
	b.rng.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
	for _, c := range cands {
		k := strings.TrimPrefix(c, "www.")
		if c != old && !taken[c] && !taken[k] {
			return c
		}
	}
	return ""
}

// style chooses the site's headers, colours and look.
func (b *builder) style() {
	s, rng := b.s, b.rng
	s.server = serverNames[rng.IntN(len(serverNames))]
	s.cacheControl = cacheControls[rng.IntN(len(cacheControls))]
	s.palette = palettes[rng.IntN(len(palettes))]
	s.hsts = s.scheme == "https" && (s.good || rng.Float64() < 0.35)
	s.frameOptions = rng.Float64() < 0.6
	s.lastModified = rng.Float64() < 0.4
	s.absNav = rng.Float64() < 0.3
	s.sitemapIndex = rng.Float64() < 0.3
	s.css = makeCSS(rng, s.palette)
	if b.sp.tmpl[FaultLowContrast] {
		s.css += contrastCSS(".copyright")
	}
	if b.sp.faults[FaultLowContrast] {
		s.css += contrastCSS(".small-print")
	}
	s.script = makeScript(rng, s.slug)
}

// plan sets the site-wide faults and crawl settings.
func (b *builder) plan() {
	s, f := b.s, b.sp.faults
	s.tmpl = b.sp.tmpl
	s.langMissing = s.tmpl[FaultLangMissing]
	s.soft404 = f[FaultSoft404]
	s.hasStatement = !f[FaultNoStatement]
	if b.sp.delay {
		s.crawlDelay = 1
	}
}

// url returns the absolute URL of page i.
func (s *site) url(i int) string {
	return s.origin() + s.pages[i].path
}

// origin returns the canonical scheme and host.
func (s *site) origin() string {
	return s.scheme + "://" + s.host
}

// slugify makes a URL slug of a title.
func slugify(t string) string { return makeSlug(t, false) }

// makeSlug makes a URL slug of a title, lower case or, with keepCase, in
// the title's case.
func makeSlug(t string, keepCase bool) string {
	var sb strings.Builder
	dash := false
	if !keepCase {
		t = strings.ToLower(t)
	}
	for _, r := range t {
		switch r {
		case 'â', 'á', 'à':
			r = 'a'
		case 'ê', 'é', 'è':
			r = 'e'
		case 'î', 'í':
			r = 'i'
		case 'ô', 'ó':
			r = 'o'
		case 'û', 'ú':
			r = 'u'
		case 'ŵ':
			r = 'w'
		case 'ŷ':
			r = 'y'
		case '\'', '’':
			continue
		}
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || keepCase && r >= 'A' && r <= 'Z' {
			if dash && sb.Len() > 0 {
				sb.WriteByte('-')
			}
			sb.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return sb.String()
}

// reserved reports whether a path is served by something other than a page.
func (s *site) reserved(p string) bool {
	switch p {
	case "/", "/robots.txt", "/sitemap.xml", "/sitemap-pages.xml", "/sitemap-news.xml", "/favicon.ico":
		return true
	}
	return s.aliases[p] || strings.HasPrefix(p, "/assets/") || strings.HasPrefix(p, "/images/")
}

// add adds a page, making its path unique, and returns its index.
func (s *site) add(p *page) int {
	if p.lang == "" {
		p.lang = "en"
	}
	if p.status == 0 {
		p.status = 200
	}
	base, ext := p.path, ""
	if b, ok := strings.CutSuffix(base, ".aspx"); ok {
		base, ext = b, ".aspx" // Page-2.aspx
	}
	for n := 2; ; n++ {
		_, dup := s.byPath[p.path]
		if !dup && (!s.reserved(p.path) || len(s.pages) == 0) {
			break
		}
		p.path = base + "-" + strconv.Itoa(n) + ext
	}
	i := len(s.pages)
	s.pages = append(s.pages, p)
	s.byPath[p.path] = i
	return i
}

// newPage returns a page with no parent, twin, redirect, task or section.
func newPage(path, kind, title string) *page {
	return &page{path: path, kind: kind, title: title, section: -1, parent: -1, twin: -1, redirect: -1, task: -1, depth: -1}
}

// choose returns a random element.
func choose[T any](rng *rand.Rand, xs []T) T {
	return xs[rng.IntN(len(xs))]
}

// truth returns the site's ground truth.
func (s *site) truth() SiteTruth {
	st := SiteTruth{
		Key: s.key, Name: s.name, StartURL: s.startURL, CanonicalURL: s.url(s.home),
		Redirects: s.redirects, Good: s.good, SoftNotFound: s.soft404, HasStatement: s.hasStatement,
		LangMissing: s.langMissing, Welsh: s.welsh, HTTPS: s.scheme == "https", HSTS: s.hsts,
		CrawlDelay: s.crawlDelay, RobotsDisallow: slices.Clone(s.disallow),
		Sitemaps: []string{s.origin() + "/sitemap.xml"}, Search: s.searchTruth(), Faults: slices.Clone(s.faults),
	}
	if st.RobotsDisallow == nil {
		st.RobotsDisallow = []string{}
	}
	if st.Faults == nil {
		st.Faults = []FaultTruth{}
	}
	if s.sitemapIndex {
		st.Sitemaps = append(st.Sitemaps, s.origin()+"/sitemap-pages.xml", s.origin()+"/sitemap-news.xml")
	}
	for _, c := range s.councils {
		st.Councils = append(st.Councils, c.Code)
	}
	for h := range s.routes {
		st.Hosts = append(st.Hosts, h)
	}
	sort.Strings(st.Hosts)
	for i, p := range s.pages {
		pt := PageTruth{
			URL: s.origin() + p.path, Kind: p.kind, Lang: p.lang, Depth: p.depth, SitemapOnly: p.sitemapOnly,
			InSitemap: p.inSitemap, Slow: p.slow, Disallowed: p.disallowed, Status: p.status,
		}
		if p.kind == PagePDF {
			pt.Lang, pt.Bytes = "", s.pdfLen(i)
		}
		if p.cp1252 {
			pt.Charset = "windows-1252"
		}
		if p.redirect >= 0 {
			pt.RedirectsTo = s.url(p.redirect)
		}
		st.Pages = append(st.Pages, pt)
	}
	for _, t := range s.tasks {
		tt := TaskTruth{ID: t.def.id, Name: t.title, Present: t.present, Depth: -1, SearchQuery: t.def.query, SearchRank: s.searchRank(t)}
		if t.present {
			tt.URL, tt.Depth = s.url(t.page), s.pages[t.page].depth
			tt.Online = t.mode != modePDF
			tt.Portal = t.mode == modePortal
			tt.OnlineURL = t.onlineURL
			tt.PDFOnly = t.mode == modePDF
			if t.pdf >= 0 {
				tt.PDFURL = s.url(t.pdf)
			}
			if t.welsh >= 0 {
				tt.Welsh, tt.WelshURL = true, s.url(t.welsh)
			}
		}
		st.Tasks = append(st.Tasks, tt)
	}
	if st.Tasks == nil {
		st.Tasks = []TaskTruth{}
	}
	return st
}
