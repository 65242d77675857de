package crawler

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/gocolly/colly/v2"
)

// Result is what a site's crawl found, beside the pages it saved.
type Result struct {
	Pages  int // pages in the site's crawl, replayed ones included
	Depths []councilbench.Depth
	// StylesheetsSkipped counts the stylesheets the site's pages link to
	// (or import) that its stylesheet budget left out, in this run.
	StylesheetsSkipped int
}

// SaveFunc stores one page; the crawler calls it from several goroutines.
type SaveFunc func(*councilbench.Page) error

// Crawl crawls one site. prior holds the pages an interrupted run of the same
// survey stored for this site (with their links, and the bodies of robots and
// sitemap responses): they are replayed instead of fetched. Crawl fills in
// the site's outcome (FinalURL, Redirects, Status, Reason, Error, Robots,
// CrawlDelay, times). A site that fails is a result, not an error: Crawl
// returns an error only when ctx ends or save fails, and then the site
// should be crawled again on resume.
func (c *Crawler) Crawl(ctx context.Context, site *councilbench.Site, prior []*councilbench.Page, save SaveFunc) (*Result, error) {
	s := &siteCrawl{
		c:           c,
		site:        site,
		save:        save,
		memo:        make(map[string]*councilbench.Page, len(prior)),
		fetched:     make(map[string]*councilbench.Page),
		frontier:    make(map[string]*candidate),
		variants:    make(map[string]int),
		traps:       make(map[string]int),
		otherRobots: make(map[string]*robots),
		perHost:     c.cfg.PerHost,
		delay:       c.cfg.Delay,
		sheets:      c.sheets,
		saveSheet:   c.cfg.SaveStylesheet,
		track:       newTracker(&c.cfg, site),
	}
	for _, p := range prior {
		s.memo[p.URL] = p
	}
	s.seedBudget()
	var ht *http.Transport
	s.col, ht = c.siteClient()
	defer ht.CloseIdleConnections()
	site.StartedAt = time.Now().UTC()
	s.track.update(func(a *Activity) { a.Started = site.StartedAt })
	siteCtx, cancel := context.WithTimeout(ctx, c.cfg.SiteTime)
	defer cancel()
	err := s.run(siteCtx)
	site.FinishedAt = time.Now().UTC()
	s.track.update(func(a *Activity) { a.Phase, a.Ended = PhaseEnded, site.FinishedAt })
	if note := joinNotes(s.trapNote(), s.sheetNote()); note != "" && site.Error == "" && site.Status == councilbench.SiteDone {
		site.Error = note
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			return nil, err
		}
		// The site's time budget ran out: keep what was collected.
		site.Reason = councilbench.ReasonSiteTime
		site.Error = fmt.Sprintf("site time budget of %s ran out after %d pages", c.cfg.SiteTime, len(s.order))
		if site.Status != councilbench.SiteFailed {
			site.Status = councilbench.SiteDone
		}
		if site.FinalURL == "" {
			site.Status = councilbench.SiteFailed
		}
	}
	return &Result{Pages: len(s.order), Depths: s.depths(), StylesheetsSkipped: len(s.sheetBudget.skipped)}, nil
}

// joinNotes joins the notes that are not empty.
func joinNotes(notes ...string) string {
	var out []string
	for _, n := range notes {
		if n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, "; ")
}

// siteCrawl is the state of one site's crawl.
type siteCrawl struct {
	c        *Crawler
	col      *colly.Collector // the site's own client
	site     *councilbench.Site
	save     SaveFunc
	memo     map[string]*councilbench.Page
	fetched  map[string]*councilbench.Page // by URL, and by final URL after redirects
	order    []*councilbench.Page          // budgeted pages in the order fetched
	frontier map[string]*candidate
	home     *councilbench.Page
	scope    [2]string // the final host with and without "www."
	robots   *robots
	perHost  int
	delay    time.Duration
	variants map[string]int // query strings admitted per host and path
	traps    map[string]int // links not followed, by kind of trap

	homeSaved   *councilbench.Page // the home page's URL and facts, for the search planner
	robotsMu    sync.Mutex         // guards otherRobots, which workers fetching stylesheets share
	otherRobots map[string]*robots // robots.txt of hosts outside the site (a search hosted elsewhere, a CDN), by origin

	sheets      *sheetCache                          // the stylesheets known to the survey
	saveSheet   func(*councilbench.Stylesheet) error // stores a stylesheet fetched for the site; nil stores none
	sheetBudget sheetBudget
	noRobots    bool     // fetching for check, which reads no robots.txt
	track       *tracker // nil when the crawl's activity is not reported

	paceMu sync.Mutex
	next   time.Time // when the next request to the site may start
}

func (s *siteCrawl) run(ctx context.Context) error {
	site := s.site
	start, err := url.Parse(site.StartURL)
	if err != nil || normalize(start) == nil {
		site.Status, site.Reason, site.Error = councilbench.SiteFailed, councilbench.ReasonOther, fmt.Sprintf("bad start URL %q", site.StartURL)
		return nil
	}
	start = normalize(start)

	// robots.txt first, at the start URL's origin.
	rb, rpage, err := s.fetchRobots(ctx, start)
	if err != nil {
		return err
	}
	if rpage.Reason != "" && !unavailable(rpage.Reason) && !s.c.cfg.IgnoreRobots {
		// Nothing answered, or the answer broke off: that is the site's
		// failure, not robots'.
		return s.fail(rpage.Reason, "robots.txt: "+rpage.Error)
	}
	if !s.c.cfg.IgnoreRobots {
		if rpage.Status >= 500 {
			return s.fail(councilbench.ReasonHTTP5xx, robotsWhy(rpage, start))
		}
		if !rb.allowed(pathOf(start)) {
			return s.fail(councilbench.ReasonRobots, robotsWhy(rpage, start))
		}
		s.obey(rb)
	}

	// The home page is saved (and judged) only once the site's scope and
	// the robots.txt of its final origin are known, which its stylesheets
	// are fetched under; a home page that cannot be judged is saved at
	// once, without them.
	home, homeSheets, fresh, err := s.fetchPage(ctx, start.String(), councilbench.KindHTML, false, 0)
	if err != nil {
		return err
	}
	full := home // home is kept slim; full until it is saved
	saveHome := func(sheets []string) error {
		if !fresh {
			return nil
		}
		fresh = false
		if err := s.keep(ctx, full, sheets); err != nil {
			return err
		}
		// What the search planner reads of the home page: its facts, or
		// its body when the save function gave it none.
		s.homeSaved = &councilbench.Page{URL: full.URL, FinalURL: full.FinalURL, Kind: full.Kind, Status: full.Status,
			ContentType: full.ContentType, Facts: full.Facts}
		if full.Facts == nil {
			s.homeSaved.Body = full.Body
		}
		full = nil
		return nil
	}
	if !fresh {
		s.homeSaved = &councilbench.Page{URL: home.URL, FinalURL: home.FinalURL, Kind: home.Kind, Status: home.Status,
			ContentType: home.ContentType, Facts: home.Facts}
	}
	if !home.Judgeable() {
		if err := saveHome(nil); err != nil {
			return err
		}
	}
	retryAfter := home.Header.Get("Retry-After")
	home = slim(home)
	s.home = home
	s.markFetched(home)
	site.FinalURL = home.FinalURL
	site.Redirects = home.Redirects
	switch {
	case home.Reason != "":
		return s.fail(home.Reason, home.Error)
	case home.Bot:
		return s.fail(councilbench.ReasonBotProtection, fmt.Sprintf("home page answered %d with a bot-protection challenge", home.Status))
	case home.Status == http.StatusTooManyRequests:
		return s.fail(councilbench.ReasonRateLimited, fmt.Sprintf("home page answered 429 (Retry-After %q), within the retries and the time budget", retryAfter))
	case home.Status >= 500:
		return s.fail(councilbench.ReasonHTTP5xx, fmt.Sprintf("home page answered %d", home.Status))
	case home.Status >= 400:
		return s.fail(councilbench.ReasonHTTP4xx, fmt.Sprintf("home page answered %d", home.Status))
	}
	final, _ := url.Parse(home.FinalURL)
	host := strings.TrimPrefix(final.Host, "www.")
	s.scope = [2]string{host, "www." + host}

	// robots.txt of the final origin governs the crawl.
	if final.Scheme != start.Scheme || final.Host != start.Host {
		rb, rpage, err = s.fetchRobots(ctx, final)
		if err != nil {
			return err
		}
	}
	if !s.c.cfg.IgnoreRobots {
		if !rb.allowed(pathOf(final)) {
			if err := saveHome(nil); err != nil {
				return err
			}
			return s.fail(councilbench.ReasonRobots, robotsWhy(rpage, final))
		}
		s.obey(rb)
	}
	site.Robots = string(rpage.Body)
	if err := saveHome(homeSheets); err != nil {
		return err
	}

	// The nonexistent-URL probe, for soft-404 detection later.
	probe := *final
	sum := sha256.Sum256([]byte("councilbench-probe " + site.Key))
	probe.Path, probe.RawQuery = "/councilbench-probe-"+hex.EncodeToString(sum[:8]), ""
	pp, err := s.get(ctx, probe.String(), councilbench.KindProbe, false, -1)
	if err != nil {
		return err
	}
	s.fetched[pp.URL] = slim(pp)

	// The http:// variant of an https site, once, to see that it sends
	// visitors to https.
	if final.Scheme == "https" {
		hu := url.URL{Scheme: "http", Host: final.Hostname(), Path: "/"}
		if s.fetched[hu.String()] == nil {
			hp, err := s.get(ctx, hu.String(), councilbench.KindHTTP, false, -1)
			if err != nil {
				return err
			}
			s.fetched[hp.URL] = slim(hp)
		}
	}

	if err := s.readSitemaps(ctx, final, rb.sitemaps); err != nil {
		return err
	}
	s.order = append(s.order, home)
	s.discover(home, 0)
	site.Status = councilbench.SiteDone
	s.track.update(func(a *Activity) { a.Phase, a.Pages = PhasePages, len(s.order) })
	if err := s.crawl(ctx); err != nil {
		return err
	}
	return s.search(ctx)
}

// fail marks the site as not assessable.
func (s *siteCrawl) fail(reason councilbench.Reason, msg string) error {
	s.site.Status, s.site.Reason, s.site.Error = councilbench.SiteFailed, reason, msg
	return nil
}

// inScope reports whether u belongs to the site.
func (s *siteCrawl) inScope(u *url.URL) bool {
	h := u.Host
	return h == s.scope[0] || h == s.scope[1]
}

// get returns the page at rawURL: replayed from an interrupted run when it
// was stored, otherwise fetched, its stylesheets fetched, and saved. kind
// overrides the kind the response's type implies (robots, sitemap, probe).
// Workers call it concurrently, so it changes no state of the crawl:
// callers mark what was fetched.
func (s *siteCrawl) get(ctx context.Context, rawURL string, kind councilbench.PageKind, wantBody bool, depth int) (*councilbench.Page, error) {
	p, sheets, fresh, err := s.fetchPage(ctx, rawURL, kind, wantBody, depth)
	if err != nil || !fresh {
		return p, err
	}
	if err := s.keep(ctx, p, sheets); err != nil {
		return nil, err
	}
	return p, nil
}

// keep fetches the stylesheets of a page just fetched, when it can be
// judged, so that they are known when the page is saved (and the page step
// judges it), and then saves it.
func (s *siteCrawl) keep(ctx context.Context, p *councilbench.Page, sheets []string) error {
	if len(sheets) > 0 && p.Judgeable() && s.c.cfg.MaxStylesheets > 0 {
		if err := s.fetchSheets(ctx, sheets); err != nil {
			return err
		}
	}
	if err := s.save(p); err != nil {
		return fmt.Errorf("save %s: %w", p.URL, err)
	}
	return nil
}

// fetchPage returns the page at rawURL, replayed (fresh false) or fetched
// with its links and the stylesheets it links to, but not saved.
func (s *siteCrawl) fetchPage(ctx context.Context, rawURL string, kind councilbench.PageKind, wantBody bool, depth int) (p *councilbench.Page, sheets []string, fresh bool, err error) {
	if p := s.memo[rawURL]; p != nil {
		return p, nil, false, nil
	}
	maxBody := s.c.cfg.MaxBody
	if kind == councilbench.KindRobots {
		maxBody = maxRobotsBytes
	}
	if err := s.pace(ctx); err != nil {
		return nil, nil, false, err
	}
	p = s.c.fetch(ctx, s.col, rawURL, wantBody, maxBody, s.track)
	s.paced()
	if ctx.Err() != nil {
		// Interrupted, not fetched: the resumed run will fetch it.
		return nil, nil, false, ctx.Err()
	}
	p.SiteID = s.site.ID
	p.Depth = depth
	if kind != "" && kind != councilbench.KindHTML {
		p.Kind = kind
	}
	if p.Kind == councilbench.KindHTML && p.Body != nil {
		p.Links, sheets = s.links(p)
	}
	return p, sheets, true, nil
}

// pace waits until the site may be sent another request: requests start at
// least s.delay apart, and at least s.delay after the last one ended,
// across all of the site's workers.
func (s *siteCrawl) pace(ctx context.Context) error {
	if s.delay <= 0 {
		return nil
	}
	s.paceMu.Lock()
	now := time.Now()
	at := s.next
	if at.Before(now) {
		at = now
	}
	s.next = at.Add(s.delay)
	s.paceMu.Unlock()
	t := time.NewTimer(time.Until(at))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// paced records that a request has ended: the next may start no sooner
// than s.delay after it, as well as after the one before started, so a
// slow response does not bring two requests closer together than asked.
func (s *siteCrawl) paced() {
	if s.delay <= 0 {
		return
	}
	s.paceMu.Lock()
	if next := time.Now().Add(s.delay); next.After(s.next) {
		s.next = next
	}
	s.paceMu.Unlock()
}

// depths computes each budgeted page's fewest clicks from the home page over
// the links crawled, following redirects.
func (s *siteCrawl) depths() []councilbench.Depth {
	if s.home == nil {
		return nil
	}
	depth := map[*councilbench.Page]int{s.home: 0}
	queue := []*councilbench.Page{s.home}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if !p.Judgeable() {
			continue
		}
		for _, l := range p.Links {
			if l.External {
				continue
			}
			q := s.fetched[l.URL]
			if q == nil || q.SurveyRequest() {
				continue
			}
			if _, ok := depth[q]; !ok {
				depth[q] = depth[p] + 1
				queue = append(queue, q)
			}
		}
	}
	out := make([]councilbench.Depth, 0, len(s.order))
	for _, p := range s.order {
		d, ok := depth[p]
		if !ok {
			d = -1
		}
		out = append(out, councilbench.Depth{URL: p.URL, Depth: d, SitemapOnly: !ok})
	}
	return out
}

// slim returns what the crawl keeps of a page while the site is crawled:
// not its body or headers, which the store has, so that memory stays bounded
// by links, not by bytes.
func slim(p *councilbench.Page) *councilbench.Page {
	return &councilbench.Page{
		URL: p.URL, FinalURL: p.FinalURL, Redirects: p.Redirects, Kind: p.Kind, Status: p.Status,
		Bot: p.Bot, Reason: p.Reason, Error: p.Error, Links: p.Links, Depth: p.Depth,
	}
}
