package scoring

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/councilbench/councilbench"
)

// SiteInput is what AssessSite judges: one site's stored crawl.
type SiteInput struct {
	Site *councilbench.Site
	// Pages are every stored page of the site, robots.txt, sitemaps, the
	// probe and documents included, with their links, and with the Score
	// and Facts that the page step stored: the assessment reads no body.
	Pages []*councilbench.Page
}

// inLink is a link to a page, as the page index keeps it.
type inLink struct {
	from *councilbench.Page
	text string
	ws   []string
}

// siteIndex is the assessment's view of a site's pages.
type siteIndex struct {
	site     *councilbench.Site
	pages    []*councilbench.Page
	byURL    map[string]*councilbench.Page
	notFound map[*councilbench.Page]bool // pages whose title or heading says "not found"
	ok       map[*councilbench.Page]bool
	okPages  []*councilbench.Page // in stored order
	home     *councilbench.Page
	inbound  map[*councilbench.Page][]inLink // distinct (page, text) links to each page
	linkFreq map[string]int                  // OK pages linking to each URL
	chrome   int                             // a URL linked from at least this many OK pages is site chrome
	probe    *councilbench.Page
	tw, uw   map[string][]string // memoised words of link texts and of URLs
	// sideLinks are each OK page's internal links to documents and to
	// failed pages, where findTaskDocument looks.
	sideLinks map[*councilbench.Page][]councilbench.Link
	// special are the pages of the site features (contact page, A to Z,
	// accessibility statement), which are never a task's page.
	special map[*councilbench.Page]bool
}

// AssessSite judges one site's stored pages. It reads only what is stored:
// no network, no clock.
func AssessSite(in SiteInput) *councilbench.SiteAssessment {
	// The order pages were stored in depends on timing; the assessment
	// must not, so it reads them in URL order.
	in.Pages = slices.Clone(in.Pages)
	slices.SortStableFunc(in.Pages, func(p, q *councilbench.Page) int { return strings.Compare(p.URL, q.URL) })
	a := &councilbench.SiteAssessment{CatalogueVersion: TaskCatalogueVersion, Pages: len(in.Pages)}
	s := in.Site
	if s == nil {
		a.Reason = "no-site"
		return a
	}
	a.SiteKey = s.Key
	switch s.Status {
	case councilbench.SiteFailed:
		a.Reason = string(s.Reason)
		if a.Reason == "" {
			a.Reason = string(councilbench.ReasonOther)
		}
		a.Detail = s.Error
		return a
	case councilbench.SiteDone:
	default:
		a.Reason, a.Detail = "not-finished", "the site's crawl is "+string(s.Status)
		return a
	}
	x := newIndex(s, in.Pages)
	if x.home == nil {
		a.Reason, a.Detail = "no-home-page", "no home page fetched without error is stored"
		return a
	}
	a.Assessed = true
	a.Home = x.home.URL
	a.HTMLPages = len(x.okPages)
	for _, ct := range compiledTasks() {
		a.Tasks = append(a.Tasks, x.findTask(ct))
	}
	a.Features = x.features()
	a.Accessibility = x.a11y()
	return a
}

// newIndex indexes a site's pages: by URL (as requested and final), their
// facts, the links to each page.
func newIndex(s *councilbench.Site, pages []*councilbench.Page) *siteIndex {
	x := &siteIndex{site: s, pages: pages, byURL: make(map[string]*councilbench.Page, len(pages)),
		notFound: map[*councilbench.Page]bool{}, ok: map[*councilbench.Page]bool{},
		inbound: map[*councilbench.Page][]inLink{}, linkFreq: map[string]int{},
		tw: map[string][]string{}, uw: map[string][]string{}, sideLinks: map[*councilbench.Page][]councilbench.Link{}}
	for _, p := range pages {
		if _, dup := x.byURL[p.URL]; !dup {
			x.byURL[p.URL] = p
		}
	}
	for _, p := range pages {
		if p.FinalURL != "" {
			if _, dup := x.byURL[p.FinalURL]; !dup {
				x.byURL[p.FinalURL] = p
			}
		}
		if p.Kind == councilbench.KindProbe && x.probe == nil {
			x.probe = p
		}
		if p.Facts != nil && saysNotFound(p.Facts) {
			x.notFound[p] = true
		}
		// A page that says "not found" is not one of the site's pages,
		// whatever its status.
		if p.Judgeable() && !x.notFound[p] {
			x.ok[p] = true
			x.okPages = append(x.okPages, p)
		}
	}
	// The home page: depth 0, else the register's URL, else where it led.
	for _, p := range x.okPages {
		if p.Depth == 0 {
			x.home = p
			break
		}
	}
	for _, u := range []string{s.StartURL, s.FinalURL} {
		if p := x.byURL[u]; x.home == nil && p != nil && x.ok[p] {
			x.home = p
		}
	}
	for _, p := range x.okPages {
		seen := map[string]bool{}
		for _, l := range p.Links {
			if !seen[l.URL] {
				seen[l.URL] = true
				x.linkFreq[l.URL]++
			}
			if l.External {
				continue
			}
			q := x.byURL[l.URL]
			if q == nil || q == p {
				continue
			}
			if q.Kind == councilbench.KindDocument || x.failed(q) {
				x.sideLinks[p] = append(x.sideLinks[p], l)
			}
			key := l.URL + "\x00" + l.Text
			if seen[key] {
				continue
			}
			seen[key] = true
			x.inbound[q] = append(x.inbound[q], inLink{from: p, text: l.Text, ws: x.textWords(l.Text)})
		}
	}
	x.chrome = max(3, (len(x.okPages)+1)/2)
	x.special = map[*councilbench.Page]bool{}
	for _, fp := range []*featurePatterns{statementPatterns, azPatterns, contactPatterns} {
		_, _, all := x.featurePage(fp)
		for _, p := range all {
			x.special[p] = true
		}
	}
	return x
}

// textWords returns the words of a link text, memoised.
func (x *siteIndex) textWords(s string) []string {
	ws, ok := x.tw[s]
	if !ok {
		ws = words(s)
		x.tw[s] = ws
	}
	return ws
}

// urlWords returns the words of a URL's last segment, memoised.
func (x *siteIndex) urlWords(u string) []string {
	ws, ok := x.uw[u]
	if !ok {
		ws = urlWords(u)
		x.uw[u] = ws
	}
	return ws
}

// noFacts are the facts of a page that has none stored.
var noFacts = &councilbench.PageFacts{}

// fact returns a page's facts, empty for a page without facts.
func (x *siteIndex) fact(p *councilbench.Page) *councilbench.PageFacts {
	if p.Facts != nil {
		return p.Facts
	}
	return noFacts
}

// viewportOf returns what a page's viewport says, nil when it has none.
func (x *siteIndex) viewportOf(p *councilbench.Page) *Viewport {
	f := x.fact(p)
	if !f.HasViewport {
		return nil
	}
	v := ParseViewport(f.Viewport)
	return &v
}

// isChrome reports whether a URL is linked from most pages (headers,
// footers, navigation): such links say nothing about one page.
func (x *siteIndex) isChrome(u string) bool { return x.linkFreq[u] >= x.chrome }

// failed reports whether a stored page was fetched and failed: an error
// status (429 aside), no response, or a page that says "not found".
// Pages never fetched for reasons of the survey's own (robots.txt, the
// time budget, cancellation, rate limiting, bot protection) did not fail.
func (x *siteIndex) failed(p *councilbench.Page) bool {
	if p.Bot {
		return false
	}
	switch p.Reason {
	case councilbench.ReasonRobots, councilbench.ReasonSiteTime, councilbench.ReasonCanceled,
		councilbench.ReasonRateLimited, councilbench.ReasonBotProtection, councilbench.ReasonPrivateAddress:
		return false
	}
	switch {
	case p.Status == 429:
		return false
	case p.Status >= 400 || p.Status == 0:
		return true
	case p.Kind == councilbench.KindHTML && p.Status >= 200 && p.Status < 300:
		return x.notFound[p]
	}
	return false
}

// newsSegments are path segments of news, blogs and events, whose pages
// report on services rather than deliver them.
var newsSegments = map[string]bool{"news": true, "newsroom": true, "press": true, "press-releases": true, "blog": true, "blogs": true,
	"events": true, "article": true, "articles": true, "media-releases": true, "stories": true, "newyddion": true}

// isNews reports whether a URL's path is under a news-like segment.
func isNews(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	segs := strings.Split(strings.ToLower(u.Path), "/")
	for _, s := range segs[:max(len(segs)-1, 0)] {
		if newsSegments[s] {
			return true
		}
	}
	return false
}

// documentExts are the extensions of document links.
var documentExts = []string{".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".odp", ".rtf", ".csv"}

// docKind returns whether a link target is a document and whether it is a
// PDF, from the stored page's Content-Type when fetched, else from the URL.
func (x *siteIndex) docKind(raw string) (doc, pdf bool) {
	if p := x.byURL[raw]; p != nil && p.Kind == councilbench.KindDocument {
		ct := strings.ToLower(p.ContentType)
		return true, strings.Contains(ct, "pdf") || strings.HasSuffix(strings.ToLower(pathOf(raw)), ".pdf")
	}
	lp := strings.ToLower(pathOf(raw))
	for _, ext := range documentExts {
		if strings.HasSuffix(lp, ext) {
			return true, ext == ".pdf"
		}
	}
	return false, false
}

// pathOf returns a URL's path.
func pathOf(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return u.Path
	}
	return raw
}

// candidate is a page that may be a task's page.
type candidate struct {
	p                 *councilbench.Page
	score             int
	enLevel           int // levelEn when an English pattern matched something about it
	link              *inLink
	match             string
	text, url, titleL int
}

// better reports whether c ranks above d: a higher score, then fewer
// clicks (reached by links before sitemap-only), then the shorter URL.
func (c *candidate) better(d *candidate) bool {
	if d == nil {
		return true
	}
	if c.score != d.score {
		return c.score > d.score
	}
	cd, dd := c.p.Depth, d.p.Depth
	if (cd < 0) != (dd < 0) {
		return cd >= 0
	}
	if cd != dd {
		return cd < dd
	}
	if len(c.p.URL) != len(d.p.URL) {
		return len(c.p.URL) < len(d.p.URL)
	}
	return c.p.URL < d.p.URL
}

// judge scores a page as the task's page: a link naming the task counts
// twice, its URL and its title or heading once each, English above Welsh.
// It returns nil unless a link or the URL names the task.
func (x *siteIndex) judge(ct *compiledTask, p *councilbench.Page) *candidate {
	c := &candidate{p: p}
	for i := range x.inbound[p] {
		l := &x.inbound[p][i]
		lv, pat := ct.textLevel(l.ws)
		if lv == levelNone {
			continue
		}
		if lv > c.text || lv == c.text && (c.link == nil || depthLess(l.from.Depth, c.link.from.Depth)) {
			c.text, c.link, c.match = lv, l, pat.src
		}
	}
	c.url = ct.urlLevel(x.urlWords(p.URL))
	if p.FinalURL != "" && p.FinalURL != p.URL {
		c.url = max(c.url, ct.urlLevel(x.urlWords(p.FinalURL)))
	}
	if c.text == levelNone && c.url == levelNone {
		return nil
	}
	f := x.fact(p)
	t1, _ := ct.textLevel(x.textWords(f.Title))
	t2, _ := ct.textLevel(x.textWords(f.H1))
	c.titleL = max(t1, t2)
	c.score = 2*c.text + c.url + c.titleL
	c.enLevel = max(c.text, c.url, c.titleL)
	return c
}

// depthLess orders depths with -1 (unknown) last.
func depthLess(a, b int) bool {
	if (a < 0) != (b < 0) {
		return a >= 0
	}
	return a < b
}

// findTask looks for one task's page among the stored pages.
func (x *siteIndex) findTask(ct *compiledTask) councilbench.TaskFinding {
	t := ct.task
	f := councilbench.TaskFinding{ID: t.ID, Version: t.Version, LGSL: t.LGSL, Clicks: -1}
	if f.LGSL == nil {
		f.LGSL = []int{}
	}
	var best, welsh *candidate
	for _, p := range x.okPages {
		if p == x.home || x.special[p] || isNews(p.URL) {
			continue
		}
		c := x.judge(ct, p)
		if c == nil {
			continue
		}
		if c.better(best) {
			best = c
		}
		if c.enLevel == levelWelsh && c.better(welsh) {
			welsh = c
		}
	}
	if best == nil {
		x.findTaskDocument(ct, &f)
		return f
	}
	p := best.p
	f.Found, f.URL, f.Clicks = true, p.URL, p.Depth
	if best.link != nil {
		f.LinkText, f.LinkedFrom, f.Match = best.link.text, best.link.from.URL, best.match
	} else {
		f.Match = "url"
	}
	if welsh != nil && welsh.p != p && best.enLevel == levelEn {
		f.WelshURL = welsh.p.URL
	}
	// Linked from the home page, or from a landing page of the service
	// area (one click from home, named after the area).
	for _, l := range x.inbound[p] {
		switch {
		case l.from == x.home:
			f.LinkedFromHome = true
		case l.from.Depth == 1 && !f.LinkedFromLanding:
			if ct.areas.match(x.urlWords(l.from.URL)) != nil || ct.areas.match(x.textWords(x.fact(l.from).Title)) != nil {
				f.LinkedFromLanding, f.LandingURL = true, l.from.URL
			}
		}
	}
	x.online(ct, p, &f)
	return f
}

// findTaskDocument looks for a document (a PDF form) named after the task
// when no page was found, and notes a broken link naming the task.
func (x *siteIndex) findTaskDocument(ct *compiledTask, f *councilbench.TaskFinding) {
	var doc *councilbench.Page
	var docLink inLink
	for _, p := range x.okPages {
		for _, l := range x.sideLinks[p] {
			lv, _ := ct.textLevel(x.textWords(l.Text))
			if lv == levelNone && ct.urlLevel(x.urlWords(l.URL)) == levelNone {
				continue
			}
			q := x.byURL[l.URL]
			if q == nil {
				continue
			}
			if x.failed(q) {
				if f.BrokenURL == "" {
					f.BrokenURL = l.URL
				}
				continue
			}
			if isDoc, _ := x.docKind(l.URL); isDoc && q.Status >= 200 && q.Status < 300 && (doc == nil || depthLess(q.Depth, doc.Depth)) {
				doc, docLink = q, inLink{from: p, text: l.Text}
			}
		}
	}
	if doc != nil {
		f.Found, f.URL, f.Clicks, f.PDFOnly, f.PDFURL = true, doc.URL, doc.Depth, true, doc.URL
		f.LinkText, f.LinkedFrom, f.Match = docLink.text, docLink.from.URL, "document"
	}
}

// socialHosts are never online routes.
var socialHosts = []string{"facebook.com", "twitter.com", "x.com", "instagram.com", "youtube.com", "youtu.be", "linkedin.com",
	"tiktok.com", "flickr.com", "nextdoor.", "whatsapp.com", "threads.net", "bsky.app"}

// onlinePhrases are link texts that start an online transaction.
var onlinePhrases = patterns(compilePatterns([]string{"=start now", "=start", "=apply now", "=apply online", "=pay now", "=pay online",
	"=report it", "=report it online", "=report online", "=book online", "=book now", "=do it online", "=request it online",
	"=dechrau nawr", "=dechrau", "=gwneud cais ar lein", "=talu ar lein", "=talu nawr"}))

// online decides whether the task's page offers an online route, and
// otherwise whether it offers only a document form.
func (x *siteIndex) online(ct *compiledTask, p *councilbench.Page, f *councilbench.TaskFinding) {
	for i := range x.fact(p).Forms {
		if fm := &x.fact(p).Forms[i]; isTransaction(fm) {
			f.Online, f.OnlineVia, f.OnlineURL = true, "form", resolveRef(p, fm.Action)
			return
		}
	}
	var doc string
	for _, l := range p.Links {
		if l.URL == p.URL || l.URL == p.FinalURL || x.isChrome(l.URL) {
			continue
		}
		lower := strings.ToLower(l.URL)
		ws := x.textWords(l.Text)
		if l.External {
			if hostIn(lower, socialHosts) {
				continue
			}
			lv, _ := ct.textLevel(ws)
			if lv != levelNone || onlinePhrases.match(ws) != nil || containsAny(lower, PortalHosts) || containsAny(lower, ct.portals) {
				f.Online, f.OnlineVia, f.OnlineURL = true, "portal", l.URL
				return
			}
			continue
		}
		if onlinePhrases.match(ws) != nil {
			f.Online, f.OnlineVia, f.OnlineURL = true, "link", l.URL
			return
		}
		if isDoc, _ := x.docKind(l.URL); isDoc && doc == "" {
			if q := x.byURL[l.URL]; q == nil || !x.failed(q) {
				doc = l.URL
			}
		}
	}
	if doc != "" {
		f.PDFOnly, f.PDFURL = true, doc
	}
}

// resolveRef resolves a form action against the page's final URL.
func resolveRef(p *councilbench.Page, ref string) string {
	base := p.FinalURL
	if base == "" {
		base = p.URL
	}
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	r, err := b.Parse(strings.TrimSpace(ref))
	if err != nil {
		return ref
	}
	r.Fragment = ""
	return r.String()
}

// containsAny reports whether s contains any of the substrings.
func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if sub != "" && strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// hostIn reports whether the host of a URL is one of the hosts or under
// one.
func hostIn(raw string, hosts []string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	h := strings.ToLower(u.Hostname())
	for _, x := range hosts {
		if strings.HasSuffix(x, ".") {
			if strings.Contains(h, x) {
				return true
			}
			continue
		}
		if h == x || strings.HasSuffix(h, "."+x) {
			return true
		}
	}
	return false
}

// featurePage finds the page a feature's patterns name: the one the home
// page links to, else the most linked. It returns the page, a link naming
// it, and every page the patterns name.
func (x *siteIndex) featurePage(fp *featurePatterns) (*councilbench.Page, *inLink, []*councilbench.Page) {
	var all []*councilbench.Page
	var best *councilbench.Page
	var bestLink *inLink
	bestRank := -1
	for _, p := range x.okPages {
		if p == x.home {
			continue
		}
		var link *inLink
		for i := range x.inbound[p] {
			if l := &x.inbound[p][i]; fp.text.match(l.ws) != nil {
				if link == nil || l.from == x.home {
					link = l
				}
			}
		}
		if link == nil && fp.url.match(x.urlWords(p.URL)) == nil {
			continue
		}
		all = append(all, p)
		rank := x.linkFreq[p.URL]
		if link != nil && link.from == x.home {
			rank += 1 << 20
		}
		if rank > bestRank || rank == bestRank && depthLess(p.Depth, best.Depth) {
			best, bestLink, bestRank = p, link, rank
		}
	}
	return best, bestLink, all
}

// features judges the site features.
func (x *siteIndex) features() []councilbench.Feature {
	out := make([]councilbench.Feature, 0, len(Features))
	for _, def := range Features {
		f := councilbench.Feature{ID: def.ID, Version: def.Version, Unit: "bool", Known: true}
		switch def.ID {
		case FeatureStatement:
			x.statement(&f)
		case FeatureHTTPS:
			final := x.site.FinalURL
			if final == "" {
				final = x.home.FinalURL
			}
			f.Pass = strings.HasPrefix(strings.ToLower(final), "https://")
			f.Evidence = []string{"home page: " + final}
		case FeatureHTTPRedirect:
			x.httpRedirect(&f)
		case FeatureHSTS:
			final := x.home.FinalURL
			if final == "" {
				final = x.home.URL
			}
			v := headerValue(x.home.Header, "Strict-Transport-Security")
			age, ok := HSTSMaxAge(v)
			f.Pass = strings.HasPrefix(strings.ToLower(final), "https://") && ok && age > 0
			if v == "" {
				f.Evidence = []string{"no Strict-Transport-Security header on " + final}
			} else {
				f.Evidence = []string{"Strict-Transport-Security: " + v + " on " + final}
			}
		case FeatureViewport:
			x.viewport(&f)
		case FeatureSearch:
			x.search(&f)
		case FeatureAZ, FeatureContact:
			fp := azPatterns
			if def.ID == FeatureContact {
				fp = contactPatterns
			}
			p, l, _ := x.featurePage(fp)
			if p != nil {
				f.Pass, f.URL = true, p.URL
				f.Evidence = []string{p.URL}
				if l != nil {
					f.Evidence = append(f.Evidence, fmt.Sprintf("link %q on %s", l.text, l.from.URL))
				}
			} else {
				f.Evidence = []string{"no page found"}
			}
		case FeatureReal404:
			x.real404(&f)
		case FeatureBrokenLinks:
			x.brokenLinks(&f)
		case FeaturePDFShare:
			x.pdfShare(&f)
		case FeaturePageWeight:
			var sizes []float64
			for _, p := range x.okPages {
				sizes = append(sizes, float64(p.Bytes))
			}
			f.Unit = "bytes"
			f.Known = len(sizes) > 0
			f.Value = median(sizes)
			f.Pass = f.Known && f.Value <= PageWeightGood
			f.Evidence = []string{fmt.Sprintf("median of %d HTML pages", len(sizes))}
		case FeatureResponseTime:
			var ms []float64
			for _, p := range x.okPages {
				if p.TTFBMS > 0 {
					ms = append(ms, float64(p.TTFBMS))
				}
			}
			f.Unit = "ms"
			f.Known = len(ms) > 0
			f.Value = median(ms)
			f.Pass = f.Known
			f.Evidence = []string{fmt.Sprintf("median time to first byte of %d HTML pages (indicative: it depends on the surveyor's network)", len(ms))}
		}
		if f.Unit == "bool" && f.Pass {
			f.Value = 1 // a yes-or-no feature's value is its answer
		}
		out = append(out, f)
	}
	return out
}

// statement judges the accessibility statement.
func (x *siteIndex) statement(f *councilbench.Feature) {
	f.Unit = "share"
	p, l, all := x.featurePage(statementPatterns)
	if p == nil {
		f.Evidence = []string{"no accessibility statement found"}
		return
	}
	is := map[string]bool{}
	for _, q := range all {
		is[q.URL] = true
		if q.FinalURL != "" {
			is[q.FinalURL] = true
		}
	}
	linking, fromHome := 0, false
	for _, q := range x.okPages {
		for _, ln := range q.Links {
			if !ln.External && is[ln.URL] {
				linking++
				if q == x.home {
					fromHome = true
				}
				break
			}
		}
	}
	f.Value = share(linking, len(x.okPages))
	f.Pass, f.URL = fromHome, p.URL
	f.Evidence = []string{p.URL}
	if l != nil {
		f.Evidence = append(f.Evidence, fmt.Sprintf("link %q on %s", l.text, l.from.URL))
	}
	if fromHome {
		f.Evidence = append(f.Evidence, "linked from the home page")
	} else {
		f.Evidence = append(f.Evidence, "not linked from the home page")
	}
	f.Evidence = append(f.Evidence, fmt.Sprintf("linked from %d of %d HTML pages", linking, len(x.okPages)))
}

// httpRedirect judges whether http led to https.
func (x *siteIndex) httpRedirect(f *councilbench.Feature) {
	start := x.site.StartURL
	final := x.site.FinalURL
	if final == "" {
		final = x.home.FinalURL
	}
	if !strings.HasPrefix(strings.ToLower(start), "http://") {
		// The crawler asks for the http variant of an https site once.
		for _, p := range x.pages {
			if p.Kind != councilbench.KindHTTP {
				continue
			}
			f.Pass = p.Reason == "" && strings.HasPrefix(strings.ToLower(p.FinalURL), "https://")
			chain := append([]string{}, p.Redirects...)
			if len(chain) == 0 {
				chain = []string{p.URL}
			}
			f.Evidence = []string{strings.Join(append(chain, p.FinalURL), " → ")}
			if p.Reason != "" {
				f.Evidence = []string{p.URL + ": " + string(p.Reason) + ": " + p.Error}
			}
			return
		}
		f.Known = false
		f.Evidence = []string{"the register's URL is " + start + ": the http variant was not requested"}
		return
	}
	f.Pass = strings.HasPrefix(strings.ToLower(final), "https://")
	chain := append([]string{}, x.site.Redirects...)
	if len(chain) == 0 || chain[0] != start {
		chain = append([]string{start}, chain...)
	}
	f.Evidence = []string{strings.Join(append(chain, final), " → ")}
}

// viewport judges the mobile viewport over the HTML pages.
func (x *siteIndex) viewport(f *councilbench.Feature) {
	f.Unit = "share"
	mobile, blocked := 0, 0
	var firstBlocked string
	for _, p := range x.okPages {
		v := x.viewportOf(p)
		if v == nil {
			continue
		}
		if v.Mobile() {
			mobile++
		}
		if !v.Zoom {
			blocked++
			if firstBlocked == "" {
				firstBlocked = p.URL + ": " + v.Content
			}
		}
	}
	hv := x.viewportOf(x.home)
	f.Value = share(mobile, len(x.okPages))
	f.Pass = hv != nil && hv.Mobile() && blocked == 0
	if hv == nil {
		f.Evidence = []string{"home page: no viewport"}
	} else {
		f.Evidence = []string{fmt.Sprintf("home page: %q", hv.Content)}
	}
	f.Evidence = append(f.Evidence, fmt.Sprintf("%d of %d HTML pages have a device-width viewport that allows zoom; %d block zoom", mobile, len(x.okPages), blocked))
	if firstBlocked != "" {
		f.Evidence = append(f.Evidence, "blocks zoom: "+firstBlocked)
	}
}

// search judges the site search form.
func (x *siteIndex) search(f *councilbench.Feature) {
	for i := range x.fact(x.home).Forms {
		if fm := &x.fact(x.home).Forms[i]; isSearch(fm) {
			f.Pass = true
			f.Evidence = []string{"search form on the home page, action " + resolveRef(x.home, fm.Action)}
			return
		}
	}
	for _, p := range x.okPages {
		for i := range x.fact(p).Forms {
			if isSearch(&x.fact(p).Forms[i]) {
				f.Evidence = []string{"no search form on the home page; one on " + p.URL}
				return
			}
		}
	}
	f.Evidence = []string{"no search form found"}
}

// real404 judges the nonexistent-URL probe.
func (x *siteIndex) real404(f *councilbench.Feature) {
	p := x.probe
	if p == nil {
		f.Known = false
		f.Evidence = []string{"no probe stored"}
		return
	}
	home := x.home.FinalURL
	if home == "" {
		home = x.home.URL
	}
	final := p.FinalURL
	if final == "" {
		final = p.URL
	}
	k := ClassifyProbe(p.Status, final, x.notFound[p], home)
	f.Pass = k == ProbeReal
	f.Known = k != ProbeNoResponse
	f.Evidence = []string{fmt.Sprintf("%s answered %d (%s)", p.URL, p.Status, k)}
	if final != p.URL {
		f.Evidence = append(f.Evidence, "redirected to "+final)
	}
}

// brokenLinks measures the share of internal link targets that failed.
func (x *siteIndex) brokenLinks(f *councilbench.Feature) {
	f.Unit = "share"
	seen := map[string]bool{}
	fetched, broken := 0, 0
	var ev []string
	for _, p := range x.okPages {
		for _, l := range p.Links {
			if l.External || seen[l.URL] {
				continue
			}
			seen[l.URL] = true
			q := x.byURL[l.URL]
			if q == nil || q.Kind == councilbench.KindRobots || q.Kind == councilbench.KindSitemap || q.Kind == councilbench.KindProbe {
				continue
			}
			if q.Reason == councilbench.ReasonRobots || q.Reason == councilbench.ReasonSiteTime || q.Reason == councilbench.ReasonCanceled {
				continue
			}
			fetched++
			if x.failed(q) {
				broken++
				if len(ev) < 5 {
					what := fmt.Sprintf("%d", q.Status)
					if q.Status == 0 {
						what = string(q.Reason)
					} else if q.Status < 300 {
						what += " \"not found\" page"
					}
					ev = append(ev, fmt.Sprintf("%s (%s) linked from %s", l.URL, what, p.URL))
				}
			}
		}
	}
	f.Known = fetched > 0
	f.Value = share(broken, fetched)
	f.Pass = f.Known && f.Value <= BrokenLinksGood
	f.Evidence = append([]string{fmt.Sprintf("%d of %d internal link targets fetched failed", broken, fetched)}, ev...)
}

// pdfShare measures the share of document links that are PDFs.
func (x *siteIndex) pdfShare(f *councilbench.Feature) {
	f.Unit = "share"
	seen := map[string]bool{}
	docs, pdfs := 0, 0
	for _, p := range x.okPages {
		for _, l := range p.Links {
			if seen[l.URL] {
				continue
			}
			seen[l.URL] = true
			if isDoc, isPDF := x.docKind(l.URL); isDoc {
				docs++
				if isPDF {
					pdfs++
				}
			}
		}
	}
	f.Known = docs > 0
	f.Value = share(pdfs, docs)
	f.Pass = f.Known
	f.Evidence = []string{fmt.Sprintf("%d of %d document links are PDFs", pdfs, docs)}
}

// a11y turns the pages' accessibility reports into failure rates.
func (x *siteIndex) a11y() councilbench.A11ySummary {
	sum := councilbench.A11ySummary{Rules: []councilbench.RuleRate{}}
	failed := map[string]int{}
	example := map[string]string{}
	for _, p := range x.okPages {
		r := p.Score
		if r == nil || r.Error != "" {
			continue // not scored (survey --score=false), or could not be
		}
		sum.Pages++
		for _, res := range r.Results {
			if res.Outcome == Failed {
				failed[res.Rule]++
				if example[res.Rule] == "" {
					example[res.Rule] = p.URL
				}
			}
		}
	}
	for _, rule := range Rules {
		if n := failed[rule.ID]; n > 0 {
			sum.Rules = append(sum.Rules, councilbench.RuleRate{Rule: rule.ID, Version: rule.Version, Impact: rule.Impact, Failed: n,
				Rate: share(n, sum.Pages), Example: example[rule.ID]})
		}
	}
	return sum
}

// share returns n/d, 0 when d is 0.
func share(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// median returns the median of xs, 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}
