package crawler

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/css"
)

// sheetCache is the stylesheets a Crawler knows: fetched in this run, or
// stored by an interrupted run and seeded. Each URL has one entry: the
// first site to ask for a sheet fetches it while the others wait for it
// (singleflight), so a CDN's sheet is fetched once however many sites use
// it. Entries keep no body (the store has it), only what the crawl needs
// to go on: the record and the sheet's @imports.
type sheetCache struct {
	mu    sync.Mutex
	byURL map[string]*sheetEntry
	load  css.Loader // reads a seeded sheet's body, for its @imports; nil: none
}

// sheetEntry is one URL of the cache.
type sheetEntry struct {
	done  chan struct{}            // closed once sheet is set, or the fetch was given up
	sheet *councilbench.Stylesheet // without its body; nil when given up

	mu           sync.Mutex // guards the imports of a seeded sheet, read lazily
	imports      []css.Import
	importsKnown bool
}

func newSheetCache() *sheetCache {
	return &sheetCache{byURL: map[string]*sheetEntry{}}
}

// claim returns the entry of u, and whether the caller created it and must
// now fetch the sheet (and then finish or abandon the entry).
func (c *sheetCache) claim(u string) (*sheetEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.byURL[u]; e != nil {
		return e, false
	}
	e := &sheetEntry{done: make(chan struct{})}
	c.byURL[u] = e
	return e, true
}

// finish records the fetched sheet (without its body) and its imports, and
// wakes the sites waiting for it.
func (c *sheetCache) finish(e *sheetEntry, st *councilbench.Stylesheet, imports []css.Import) {
	e.sheet, e.imports, e.importsKnown = st, imports, true
	close(e.done)
}

// abandon gives up an entry that was not fetched (the site's budget, or
// its time, ran out): the next site to ask claims it afresh.
func (c *sheetCache) abandon(u string, e *sheetEntry) {
	c.mu.Lock()
	if c.byURL[u] == e {
		delete(c.byURL, u)
	}
	c.mu.Unlock()
	close(e.done)
}

// known returns the record of u once its fetch has ended, or nil.
func (c *sheetCache) known(u string) *sheetEntry {
	c.mu.Lock()
	e := c.byURL[u]
	c.mu.Unlock()
	if e == nil {
		return nil
	}
	select {
	case <-e.done:
		if e.sheet != nil {
			return e
		}
	default:
	}
	return nil
}

// importsOf returns the @imports of a known entry, reading a seeded
// sheet's body from the store the first time they are asked for.
func (c *sheetCache) importsOf(e *sheetEntry) ([]css.Import, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.importsKnown || !e.sheet.Usable() || e.sheet.Unfetched() {
		return e.imports, nil
	}
	if c.load == nil {
		e.importsKnown = true
		return nil, nil
	}
	st, err := c.load(e.sheet.URL)
	if err != nil {
		return nil, fmt.Errorf("stylesheet %s: %w", e.sheet.URL, err)
	}
	if st != nil && st.Usable() {
		e.imports = css.Imports(st.Body, sheetBase(st))
	}
	e.importsKnown = true
	return e.imports, nil
}

// SeedStylesheets makes the crawler know the stylesheets an interrupted
// run of the same survey stored, so that none is fetched again, and each
// counts in the budget of the site that fetched it. The sheets need no
// bodies: load (nil for none) reads a sheet's body when the crawl needs
// its @imports. Call it before crawling.
func (c *Crawler) SeedStylesheets(sheets []*councilbench.Stylesheet, load css.Loader) {
	c.sheets.mu.Lock()
	defer c.sheets.mu.Unlock()
	c.sheets.load = load
	for _, st := range sheets {
		if c.sheets.byURL[st.URL] != nil {
			continue
		}
		e := &sheetEntry{done: make(chan struct{}), sheet: slimSheet(st)}
		if st.Body != nil {
			e.importsKnown = true
			if st.Usable() {
				e.imports = css.Imports(st.Body, sheetBase(st))
			}
		}
		close(e.done)
		c.sheets.byURL[st.URL] = e
	}
}

// Stylesheet returns what the crawler recorded of the stylesheet at
// rawURL (fetched in this run, refused, or seeded), without its body, or
// nil when it has no record: a sheet not fetched (a site's budget ran
// out) or still being fetched. The page step asks it which sheets a
// page may be judged with.
func (c *Crawler) Stylesheet(rawURL string) *councilbench.Stylesheet {
	u, ok := NormalizeURL(rawURL)
	if !ok {
		return nil
	}
	if e := c.sheets.known(u); e != nil {
		return e.sheet
	}
	return nil
}

// FetchStylesheets fetches the stylesheets an HTML page links to and those
// they @import (to css.MaxImportDepth), each once, with the crawler's
// safety rules (the address guard on every hop, timeouts, retries, the
// size cap, the stylesheet budget of a site) but, like Fetch, without
// robots.txt: for checking a single page. p is the page as Fetch returned
// it. It returns every sheet fetched or refused, with its body, in the
// order they were first asked for; an error only when ctx ends.
func (c *Crawler) FetchStylesheets(ctx context.Context, p *councilbench.Page) ([]*councilbench.Stylesheet, error) {
	base := p.FinalURL
	if base == "" {
		base = p.URL
	}
	bu, err := url.Parse(base)
	if err != nil || normalize(bu) == nil {
		return nil, fmt.Errorf("stylesheets of %q: not an http or https URL", base)
	}
	if c.cfg.MaxStylesheets == 0 {
		return nil, nil
	}
	_, links := extractLinks(p.Body, p.ContentType, bu)
	col, ht := c.siteClient()
	defer ht.CloseIdleConnections()
	var (
		mu  sync.Mutex
		out []*councilbench.Stylesheet
	)
	h := strings.TrimPrefix(bu.Host, "www.")
	s := &siteCrawl{
		c: c, col: col, site: &councilbench.Site{}, sheets: newSheetCache(), noRobots: true,
		scope: [2]string{h, "www." + h}, perHost: c.cfg.PerHost, delay: c.cfg.Delay,
		otherRobots: map[string]*robots{},
		saveSheet: func(st *councilbench.Stylesheet) error {
			mu.Lock()
			out = append(out, st)
			mu.Unlock()
			return nil
		},
	}
	err = s.fetchSheets(ctx, links)
	return out, err
}

// sheetBudget is a site's spending on stylesheets.
type sheetBudget struct {
	mu      sync.Mutex
	count   int             // sheets recorded for the site (fetched or refused)
	bytes   int64           // bytes transferred, and reserved by fetches under way
	skipped map[string]bool // sheets not fetched for want of budget
	cut     int             // sheets cut short by the byte budget
}

// seedBudget counts what an interrupted run spent on the site's sheets
// (seeded sheets the site fetched first), so that a resumed crawl leaves
// out what the uninterrupted one would have.
func (s *siteCrawl) seedBudget() {
	b := &s.sheetBudget
	c := s.sheets
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.byURL {
		select {
		case <-e.done:
		default:
			continue
		}
		if e.sheet != nil && e.sheet.SiteID == s.site.ID {
			b.count++
			b.bytes += e.sheet.Bytes
		}
	}
}

// reserve claims a place in the site's stylesheet budget for u, and the
// bytes the fetch may read: at most css.MaxSheetBytes, and no more than
// the budget has left. ok is false when the budget is spent.
func (s *siteCrawl) reserve(u string) (limit int64, ok bool) {
	b := &s.sheetBudget
	cfg := s.c.cfg
	b.mu.Lock()
	defer b.mu.Unlock()
	left := cfg.MaxStylesheetBytes - b.bytes
	if b.count >= cfg.MaxStylesheets || left <= 0 {
		if b.skipped == nil {
			b.skipped = map[string]bool{}
		}
		b.skipped[u] = true
		return 0, false
	}
	limit = min(int64(css.MaxSheetBytes), left)
	b.count++
	b.bytes += limit
	return limit, true
}

// settle replaces a reservation's bytes with those the fetch transferred;
// a fetch interrupted by the end of ctx gives its place back.
func (s *siteCrawl) settle(limit, spent int64, interrupted bool) {
	b := &s.sheetBudget
	b.mu.Lock()
	defer b.mu.Unlock()
	b.bytes += spent - limit
	if interrupted {
		b.count--
	}
}

// sheetNote describes the stylesheets the site's budget left out, for the
// site's row.
func (s *siteCrawl) sheetNote() string {
	b := &s.sheetBudget
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.skipped) == 0 && b.cut == 0 {
		return ""
	}
	note := fmt.Sprintf("stylesheet budget: %d stylesheets not fetched", len(b.skipped))
	if b.cut > 0 {
		note += fmt.Sprintf(", %d cut short", b.cut)
	}
	return note + fmt.Sprintf(" (the site's limit is %d stylesheets and %d KiB)", s.c.cfg.MaxStylesheets, s.c.cfg.MaxStylesheetBytes>>10)
}

// fetchSheets makes sure every stylesheet of links (a page's, in document
// order) and every sheet they @import, to css.MaxImportDepth, is known to
// the crawler before the page is saved: fetched by this site, or by
// another (waiting for it if it is under way), or left out by the budget.
// An @import loop ends because each URL is visited once per page, at the
// shallowest depth it is reached.
func (s *siteCrawl) fetchSheets(ctx context.Context, links []string) error {
	visited := map[string]int{}
	var visit func(u string, depth int) error
	visit = func(u string, depth int) error {
		if d, ok := visited[u]; ok && d <= depth {
			return nil
		}
		visited[u] = depth
		imports, err := s.sheet(ctx, u, depth)
		if err != nil {
			return err
		}
		if depth >= css.MaxImportDepth {
			return nil
		}
		for _, im := range imports {
			iu, ok := NormalizeURL(im.URL)
			if !ok {
				continue
			}
			if err := visit(iu, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	for _, u := range links {
		if err := visit(u, 0); err != nil {
			return err
		}
	}
	return nil
}

// sheet makes the stylesheet at u known, fetching it unless another site
// has (or is), and returns its @imports. It waits for no other sheet while
// it owns one, so sites whose sheets import each other cannot deadlock.
func (s *siteCrawl) sheet(ctx context.Context, u string, depth int) ([]css.Import, error) {
	for {
		e, owner := s.sheets.claim(u)
		if !owner {
			select {
			case <-e.done:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			if e.sheet == nil {
				continue // given up by the site that claimed it: try it ourselves
			}
			return s.sheets.importsOf(e)
		}
		st, imports, err := s.fetchSheet(ctx, u, depth)
		if err != nil || st == nil {
			s.sheets.abandon(u, e)
			return nil, err
		}
		s.sheets.finish(e, st, imports)
		return imports, nil
	}
}

// fetchSheet fetches one stylesheet for the site, within its budget and
// under the same rules as its pages: robots.txt of the sheet's host, the
// site's pacing on its own hosts and the survey's limit of one request at
// a time on any other host, the address guard, retries and a size cap of
// css.MaxSheetBytes. It saves and returns the sheet (without its body) and
// its @imports; a nil sheet means the budget left it out.
func (s *siteCrawl) fetchSheet(ctx context.Context, u string, depth int) (*councilbench.Stylesheet, []css.Import, error) {
	pu, err := url.Parse(u)
	if err != nil {
		return nil, nil, nil // extractLinks and NormalizeURL gave it: cannot happen
	}
	limit, ok := s.reserve(u)
	if !ok {
		return nil, nil, nil
	}
	own := s.inScope(pu)
	st, err := s.sheetRobots(ctx, pu, own, depth)
	if err != nil {
		s.settle(limit, 0, true)
		return nil, nil, err
	}
	if st != nil {
		s.settle(limit, 0, false) // refused: a place in the budget, no bytes
	} else {
		var p *councilbench.Page
		if own {
			if err := s.pace(ctx); err != nil {
				s.settle(limit, 0, true)
				return nil, nil, err
			}
			p = s.c.fetch(ctx, s.col, u, true, limit, s.track)
			s.paced()
		} else {
			g := s.c.hosts.gate(pu.Host)
			if err := g.acquire(ctx); err != nil {
				s.settle(limit, 0, true)
				return nil, nil, err
			}
			p = s.c.fetch(ctx, s.col, u, true, limit, s.track)
			g.release(s.c.cfg.Delay)
		}
		if ctx.Err() != nil {
			// Interrupted, not fetched: the resumed run will fetch it.
			s.settle(limit, 0, true)
			return nil, nil, ctx.Err()
		}
		s.settle(limit, p.Bytes, false)
		if p.Truncated && p.Reason == "" && limit < css.MaxSheetBytes {
			s.sheetBudget.mu.Lock()
			s.sheetBudget.cut++
			s.sheetBudget.mu.Unlock()
		}
		st = sheetOf(p, depth)
	}
	st.SiteID = s.site.ID
	var imports []css.Import
	if st.Usable() {
		imports = css.Imports(st.Body, sheetBase(st))
	}
	if s.saveSheet != nil {
		if err := s.saveSheet(st); err != nil {
			return nil, nil, fmt.Errorf("save stylesheet %s: %w", u, err)
		}
	}
	return slimSheet(st), imports, nil
}

// sheetRobots returns the record of a sheet that robots.txt of its host
// keeps the crawl from fetching (or whose robots.txt could not be read),
// or nil when it may be fetched.
func (s *siteCrawl) sheetRobots(ctx context.Context, u *url.URL, own bool, depth int) (*councilbench.Stylesheet, error) {
	if s.noRobots || s.c.cfg.IgnoreRobots {
		return nil, nil
	}
	refused := func(reason councilbench.Reason, msg string) *councilbench.Stylesheet {
		return &councilbench.Stylesheet{URL: u.String(), Depth: depth, FetchedAt: time.Now().UTC(), Reason: reason, Error: msg}
	}
	if own {
		if !s.allowed(u) {
			return refused(councilbench.ReasonRobots, "robots.txt of the site disallows "+pathOf(u)), nil
		}
		return nil, nil
	}
	rb, failed, err := s.foreignRobots(ctx, u)
	switch {
	case err != nil:
		return nil, err
	case failed != nil:
		// Nothing answered at the host: the sheet would fail the same way.
		return refused(failed.Reason, "robots.txt of "+u.Host+": "+failed.Error), nil
	case !rb.allowed(pathOf(u)):
		return refused(councilbench.ReasonRobots, "robots.txt of "+u.Host+" disallows "+pathOf(u)), nil
	}
	return nil, nil
}

// foreignRobots returns robots.txt of the origin of u, a host outside the
// site: the one this site read (for its search), or the one another site
// read, or else fetched now, once for the whole survey, through the host's
// limit, and saved as a page of this site. failed is the robots.txt
// response when nothing usable answered (its Reason says why).
func (s *siteCrawl) foreignRobots(ctx context.Context, u *url.URL) (rb *robots, failed *councilbench.Page, err error) {
	origin := u.Scheme + "://" + u.Host
	s.robotsMu.Lock()
	rb = s.otherRobots[origin]
	s.robotsMu.Unlock()
	if rb != nil {
		return rb, nil, nil
	}
	e, err := s.c.hosts.robots(ctx, origin, func() (*hostRobots, error) {
		ru := origin + "/robots.txt"
		p := s.memo[ru]
		if p == nil {
			g := s.c.hosts.gate(u.Host)
			if err := g.acquire(ctx); err != nil {
				return nil, err
			}
			p = s.c.fetch(ctx, s.col, ru, true, maxRobotsBytes, s.track)
			g.release(s.c.cfg.Delay)
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			p.SiteID, p.Depth, p.Kind = s.site.ID, -1, councilbench.KindRobots
			if s.save != nil {
				if err := s.save(p); err != nil {
					return nil, fmt.Errorf("save %s: %w", ru, err)
				}
			}
		}
		hr := &hostRobots{rules: robotsOf(p, s.c.cfg.UserAgent)}
		if p.Reason != "" && !unavailable(p.Reason) {
			hr.failed = slim(p)
		}
		g := s.c.hosts.gate(u.Host)
		g.setDelay(hr.rules.crawlDelay)
		return hr, nil
	})
	if err != nil {
		return nil, nil, err
	}
	s.robotsMu.Lock()
	s.otherRobots[origin] = e.rules
	s.robotsMu.Unlock()
	return e.rules, e.failed, nil
}

// sheetOf turns a fetched response into a stylesheet record. A 2xx
// response whose type is not CSS is recorded as not-css: Chromium applies
// a stylesheet only when it is served as text/css, without a
// Content-Type, or as application/x-unknown-content-type (the lenient
// exception for same-origin sheets of quirks-mode pages is left out:
// council pages are in standards mode). Only a sheet a browser would apply
// keeps its body.
func sheetOf(p *councilbench.Page, depth int) *councilbench.Stylesheet {
	st := &councilbench.Stylesheet{
		URL: p.URL, FinalURL: p.FinalURL, Status: p.Status, ContentType: p.ContentType, Header: p.Header,
		Bytes: p.Bytes, Truncated: p.Truncated, FetchMS: p.FetchMS, FetchedAt: p.FetchedAt, Depth: depth,
		Reason: p.Reason, Error: p.Error,
	}
	if st.Usable() && !cssType(st.ContentType) {
		st.Reason, st.Error = councilbench.ReasonNotCSS,
			fmt.Sprintf("served as %q: browsers apply a stylesheet only when it is text/css", st.ContentType)
	}
	if st.Usable() {
		st.Body = p.Body
		if st.Body == nil {
			st.Body = []byte{}
		}
		sum := sha256.Sum256(st.Body)
		st.SHA256 = hex.EncodeToString(sum[:])
	}
	return st
}

// cssType reports whether a Content-Type lets a browser apply a
// stylesheet (see sheetOf).
func cssType(ct string) bool {
	if strings.TrimSpace(ct) == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(ct, ";")[0]))
	}
	return mt == "text/css" || mt == "application/x-unknown-content-type"
}

// sheetBase is the URL a sheet's @imports resolve against.
func sheetBase(st *councilbench.Stylesheet) string {
	if st.FinalURL != "" {
		return st.FinalURL
	}
	return st.URL
}

// slimSheet returns a sheet's record without its body, which the store
// keeps: the crawler's memory stays bounded by the number of sheets.
func slimSheet(st *councilbench.Stylesheet) *councilbench.Stylesheet {
	c := *st
	c.Body = nil
	return &c
}

// hostGates are the hosts outside the sites that the survey asks for
// stylesheets (a CDN, a supplier's host), shared by every site: one
// request in flight to each at a time, spaced by the configured Delay (or
// the host's Crawl-delay), and robots.txt of each origin read once.
type hostGates struct {
	mu      sync.Mutex
	gates   map[string]*hostGate
	robotsE map[string]*robotsEntry
}

// hostGate is one host's turn to be asked.
type hostGate struct {
	slot  chan struct{} // holds a token while a request is in flight
	mu    sync.Mutex
	next  time.Time     // when the next request may start
	delay time.Duration // the host's Crawl-delay, when longer than Delay
}

// hostRobots is robots.txt of an origin outside the sites.
type hostRobots struct {
	rules  *robots
	failed *councilbench.Page // set when nothing usable answered
}

// robotsEntry is one origin's robots.txt, read once (singleflight).
type robotsEntry struct {
	done chan struct{}
	hr   *hostRobots // nil when given up
}

// gate returns the gate of host.
func (h *hostGates) gate(host string) *hostGate {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.gates == nil {
		h.gates = map[string]*hostGate{}
	}
	g := h.gates[host]
	if g == nil {
		g = &hostGate{slot: make(chan struct{}, 1)}
		h.gates[host] = g
	}
	return g
}

// robots returns origin's robots.txt, calling fetch for the first site
// that asks while the others wait. A fetch that fails (ctx ended) is
// given up, and the next site tries again.
func (h *hostGates) robots(ctx context.Context, origin string, fetch func() (*hostRobots, error)) (*hostRobots, error) {
	for {
		h.mu.Lock()
		if h.robotsE == nil {
			h.robotsE = map[string]*robotsEntry{}
		}
		e := h.robotsE[origin]
		owner := e == nil
		if owner {
			e = &robotsEntry{done: make(chan struct{})}
			h.robotsE[origin] = e
		}
		h.mu.Unlock()
		if !owner {
			select {
			case <-e.done:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			if e.hr == nil {
				continue
			}
			return e.hr, nil
		}
		hr, err := fetch()
		if err != nil {
			h.mu.Lock()
			delete(h.robotsE, origin)
			h.mu.Unlock()
			close(e.done)
			return nil, err
		}
		e.hr = hr
		close(e.done)
		return hr, nil
	}
}

// acquire waits for the host's turn: no other request in flight to it,
// and its delay since the last one ended.
func (g *hostGate) acquire(ctx context.Context) error {
	select {
	case g.slot <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	g.mu.Lock()
	wait := time.Until(g.next)
	g.mu.Unlock()
	if wait <= 0 {
		return nil
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-ctx.Done():
		<-g.slot
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// release ends the request in flight: the next may start after delay (or
// the host's Crawl-delay, when longer).
func (g *hostGate) release(delay time.Duration) {
	g.mu.Lock()
	g.next = time.Now().Add(max(delay, g.delay))
	g.mu.Unlock()
	<-g.slot
}

// setDelay records the host's Crawl-delay.
func (g *hostGate) setDelay(d time.Duration) {
	g.mu.Lock()
	g.delay = max(g.delay, d)
	g.mu.Unlock()
}
