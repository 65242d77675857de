package scoring

import (
	"net/url"
	"strings"

	"github.com/councilbench/councilbench"
)

// inLink is a link to a page, as the page index keeps it.
type inLink struct {
	from *councilbench.Page
	text string
	ws   []string
	mask uint32 // the tasks whose words the text holds (taskMask)
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
	tw       map[string][]string             // memoised words of link texts
	tm       map[string]uint32               // memoised taskMask of link texts
	uw       map[string]pageURL              // memoised words of URLs
	cx       map[*councilbench.Page][]string // memoised context words of pages (see context)
	service  map[*councilbench.Page]bool     // memoised: the page's title names a service area
	// sideLinks are each OK page's internal links to documents and to
	// failed pages, where findTaskDocument looks.
	sideLinks map[*councilbench.Page][]councilbench.Link
	// tasks are the site's task findings, once judged: the search feature
	// reads them.
	tasks []councilbench.TaskFinding
	// special are the pages of the site features (contact page, A to Z,
	// accessibility statement), which are never a task's page.
	special map[*councilbench.Page]bool
}

// newIndex indexes a site's pages: by URL (as requested and final), their
// facts, the links to each page.
func newIndex(s *councilbench.Site, pages []*councilbench.Page) *siteIndex {
	x := &siteIndex{site: s, pages: pages, byURL: make(map[string]*councilbench.Page, len(pages)),
		notFound: map[*councilbench.Page]bool{}, ok: map[*councilbench.Page]bool{},
		inbound: map[*councilbench.Page][]inLink{}, linkFreq: map[string]int{},
		tw: map[string][]string{}, tm: map[string]uint32{}, uw: map[string]pageURL{}, cx: map[*councilbench.Page][]string{}, service: map[*councilbench.Page]bool{}, sideLinks: map[*councilbench.Page][]councilbench.Link{}}
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
			x.inbound[q] = append(x.inbound[q], inLink{from: p, text: l.Text, ws: x.textWords(l.Text), mask: x.textMask(l.Text)})
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

// textMask returns the tasks whose words a text holds (taskMask), memoised.
func (x *siteIndex) textMask(s string) uint32 {
	m, ok := x.tm[s]
	if !ok {
		m = taskMask(x.textWords(s))
		x.tm[s] = m
	}
	return m
}

// parsed returns what a URL says about its page (see parseURL), memoised.
func (x *siteIndex) parsed(u string) pageURL {
	pu, ok := x.uw[u]
	if !ok {
		pu = parseURL(u)
		x.uw[u] = pu
	}
	return pu
}

// urlWords returns the words of a URL's name, memoised.
func (x *siteIndex) urlWords(u string) []string { return x.parsed(u).name }

// noFacts are the facts of a page that has none stored.
var noFacts = &councilbench.PageFacts{}

// fact returns a page's facts, empty for a page without facts.
func (x *siteIndex) fact(p *councilbench.Page) *councilbench.PageFacts {
	if p.Facts != nil {
		return p.Facts
	}
	return noFacts
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

// depthLess orders depths with -1 (unknown) last.
func depthLess(a, b int) bool {
	if (a < 0) != (b < 0) {
		return a >= 0
	}
	return a < b
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
