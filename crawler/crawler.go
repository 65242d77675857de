package crawler

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/gocolly/colly/v2"
)

// Config holds the crawl's settings. The zero value is not useful: start
// from DefaultConfig.
type Config struct {
	UserAgent string
	MaxPages  int           // page budget per site, home page included
	MaxDepth  int           // links are followed to at most this many clicks from the home page
	PerHost   int           // requests in flight per site (1 when robots.txt sets a Crawl-delay)
	Delay     time.Duration // least time between the starts of two requests to one site
	Timeout   time.Duration // per request, redirects and body included
	SiteTime  time.Duration // per site, all requests included
	MaxBody   int64         // decoded body cap; a longer body is stored truncated

	Retries       int           // extra attempts after a timeout, 429 or 5xx
	RetryBackoff  time.Duration // first pause before a retry; doubles each time
	MaxRetryAfter time.Duration // cap on a server's Retry-After

	IgnoreRobots bool
	Resolve      map[string]string // host → addr:port; trusted, like curl's --resolve
	AllowPrivate bool              // allow every private address
	RootCAs      *x509.CertPool    // nil for the system's roots

	// Priority ranks an internal link (absolute URL and link text); links
	// ranked higher are fetched first, whatever their depth. nil ranks all
	// links equally, which gives a plain breadth-first crawl.
	Priority func(url, text string) int

	// WaveSize is how many URLs are chosen from the frontier at a time. The
	// choices depend on it, not on PerHost or timing, so runs with the same
	// WaveSize make the same choices.
	WaveSize int
}

// DefaultConfig returns the survey's defaults.
func DefaultConfig() Config {
	return Config{
		UserAgent:     councilbench.DefaultUserAgent,
		MaxPages:      200,
		MaxDepth:      5,
		PerHost:       2,
		Timeout:       20 * time.Second,
		SiteTime:      30 * time.Minute,
		MaxBody:       5 << 20,
		Retries:       2,
		RetryBackoff:  2 * time.Second,
		MaxRetryAfter: 60 * time.Second,
		WaveSize:      8,
	}
}

// Crawler crawls sites. It is safe for concurrent use: crawl many sites at
// once by calling Crawl from many goroutines.
type Crawler struct {
	cfg     Config
	guard   *guard
	fetches atomic.Int64
}

// New returns a crawler whose dialer refuses private addresses unless
// resolved or allowed.
func New(cfg Config) (*Crawler, error) {
	if cfg.MaxPages < 1 || cfg.PerHost < 1 || cfg.Timeout <= 0 || cfg.MaxBody < 1 || cfg.WaveSize < 1 {
		return nil, errors.New("crawler: MaxPages, PerHost, Timeout, MaxBody and WaveSize must be positive")
	}
	resolve := make(map[string]string, len(cfg.Resolve))
	for h, a := range cfg.Resolve {
		resolve[strings.ToLower(h)] = a
	}
	dialer := &net.Dialer{Timeout: cfg.Timeout, KeepAlive: 30 * time.Second}
	g := &guard{
		dial:         dialer.DialContext,
		resolver:     net.DefaultResolver,
		resolve:      resolve,
		allowPrivate: cfg.AllowPrivate,
	}
	return &Crawler{cfg: cfg, guard: g}, nil
}

// siteClient returns a colly collector with an HTTP transport and cookie jar
// of the site's own: connections are reused within the site's crawl and
// closed when it ends, so a survey's memory does not grow with the sites it
// has finished, and no cookie passes from one council to another.
func (c *Crawler) siteClient() (*colly.Collector, *http.Transport) {
	ht := &http.Transport{
		Proxy:                 nil, // a proxy would dial for us, past the guard
		DialContext:           c.guard.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          64,
		MaxIdleConnsPerHost:   c.cfg.PerHost + 2,
		IdleConnTimeout:       maxCrawlDelay + 5*time.Second, // outlives the longest pause between requests
		TLSHandshakeTimeout:   c.cfg.Timeout,
		ResponseHeaderTimeout: c.cfg.Timeout,
		ExpectContinueTimeout: time.Second,
	}
	if c.cfg.RootCAs != nil {
		ht.TLSClientConfig = newTLSConfig(c.cfg.RootCAs)
	}
	col := colly.NewCollector(colly.UserAgent(c.cfg.UserAgent))
	col.IgnoreRobotsTxt = true // colly's switch ignores Crawl-delay and Sitemap: we read robots.txt ourselves
	col.AllowURLRevisit = true // the frontier decides what is fetched
	col.MaxBodySize = 0        // the transport caps bodies after decompression
	col.ParseHTTPErrorResponse = true
	// Each fetch carries its own deadline (see fetchOnce), which reports a
	// timeout as one; the client's is only a backstop.
	col.SetRequestTimeout(c.cfg.Timeout + time.Second)
	col.WithTransport(&transport{inner: ht})
	col.SetRedirectHandler(checkRedirect)
	return col, ht
}

// Fetch fetches one URL with the crawler's safety rules (the address guard
// on every hop, timeouts, retries, the body cap) but without robots.txt or
// following or extracting links: for checking a single page.
func (c *Crawler) Fetch(ctx context.Context, rawURL string) (*councilbench.Page, error) {
	u, ok := NormalizeURL(rawURL)
	if !ok {
		return nil, fmt.Errorf("fetch %q: not an http or https URL", rawURL)
	}
	col, ht := c.siteClient()
	defer ht.CloseIdleConnections()
	p := c.fetch(ctx, col, u, false, c.cfg.MaxBody)
	if p.Reason != "" {
		return p, fmt.Errorf("fetch %s: %s: %s", u, p.Reason, p.Error)
	}
	return p, nil
}

// Fetches returns how many HTTP fetches (not memo hits) the crawler made.
func (c *Crawler) Fetches() int64 { return c.fetches.Load() }

// Result is what a site's crawl found, beside the pages it saved.
type Result struct {
	Pages  int // pages in the site's crawl, replayed ones included
	Depths []councilbench.Depth
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
		c:        c,
		site:     site,
		save:     save,
		memo:     make(map[string]*councilbench.Page, len(prior)),
		fetched:  make(map[string]*councilbench.Page),
		frontier: make(map[string]*candidate),
		variants: make(map[string]int),
		traps:    make(map[string]int),
		perHost:  c.cfg.PerHost,
		delay:    c.cfg.Delay,
	}
	for _, p := range prior {
		s.memo[p.URL] = p
	}
	var ht *http.Transport
	s.col, ht = c.siteClient()
	defer ht.CloseIdleConnections()
	site.StartedAt = time.Now().UTC()
	siteCtx, cancel := context.WithTimeout(ctx, c.cfg.SiteTime)
	defer cancel()
	err := s.run(siteCtx)
	site.FinishedAt = time.Now().UTC()
	if note := s.trapNote(); note != "" && site.Error == "" && site.Status == councilbench.SiteDone {
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
	return &Result{Pages: len(s.order), Depths: s.depths()}, nil
}

// candidate is a URL waiting in the frontier.
type candidate struct {
	url     string
	depth   int
	prio    int
	sitemap bool // known only from the sitemap so far
	doc     bool // looks like a document by its extension
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

	paceMu sync.Mutex
	next   time.Time // when the next request to the site may start
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

	home, err := s.get(ctx, start.String(), councilbench.KindHTML, false, 0)
	if err != nil {
		return err
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
			return s.fail(councilbench.ReasonRobots, robotsWhy(rpage, final))
		}
		s.obey(rb)
	}
	site.Robots = string(rpage.Body)

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
	return s.crawl(ctx)
}

// obey adopts a robots.txt: its rules, and its Crawl-delay, which also
// means one request at a time.
func (s *siteCrawl) obey(rb *robots) {
	s.robots = rb
	if rb.crawlDelay > 0 {
		s.perHost = 1
		s.delay = max(s.c.cfg.Delay, rb.crawlDelay)
		s.site.CrawlDelay = rb.crawlDelay
		s.next = time.Now().Add(s.delay) // robots.txt itself was a request
	}
}

// fail marks the site as not assessable.
func (s *siteCrawl) fail(reason councilbench.Reason, msg string) error {
	s.site.Status, s.site.Reason, s.site.Error = councilbench.SiteFailed, reason, msg
	return nil
}

func robotsWhy(p *councilbench.Page, u *url.URL) string {
	if p.Status >= 500 {
		return fmt.Sprintf("robots.txt answered %d, which RFC 9309 treats as disallow-all: the site was not crawled", p.Status)
	}
	return fmt.Sprintf("robots.txt disallows %s", u.String())
}

func pathOf(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p
}

// unavailable reports whether a robots.txt fetch that failed with reason
// makes robots.txt "unavailable" in RFC 9309's sense (section 2.3.1.3, like
// a 4xx: no rules) rather than "unreachable" (2.3.1.4, like a 5xx:
// disallow everything): a redirect the crawler will not follow says nothing
// about the server's health.
func unavailable(reason councilbench.Reason) bool {
	switch reason {
	case councilbench.ReasonRedirectLoop, councilbench.ReasonTooManyHops, councilbench.ReasonBadRedirect, councilbench.ReasonPrivateAddress:
		return true
	}
	return false
}

func (s *siteCrawl) fetchRobots(ctx context.Context, origin *url.URL) (*robots, *councilbench.Page, error) {
	ru := url.URL{Scheme: origin.Scheme, Host: origin.Host, Path: "/robots.txt"}
	p, err := s.get(ctx, ru.String(), councilbench.KindRobots, true, -1)
	if err != nil {
		return nil, nil, err
	}
	s.fetched[p.URL] = slim(p)
	status := p.Status
	switch {
	case p.Reason != "" && unavailable(p.Reason):
		status = http.StatusNotFound
	case p.Reason != "":
		status = 0
	}
	return parseRobots(status, p.Body, s.c.cfg.UserAgent), p, nil
}

// inScope reports whether u belongs to the site.
func (s *siteCrawl) inScope(u *url.URL) bool {
	h := u.Host
	return h == s.scope[0] || h == s.scope[1]
}

// readSitemaps reads the sitemaps robots.txt names (or /sitemap.xml) and
// their children, breadth first and bounded, and adds their in-scope URLs to
// the frontier as sitemap candidates.
func (s *siteCrawl) readSitemaps(ctx context.Context, final *url.URL, named []string) error {
	var queue []string
	for _, sm := range named {
		if u, ok := NormalizeURL(sm); ok {
			queue = append(queue, u)
		}
	}
	if len(queue) == 0 {
		queue = []string{(&url.URL{Scheme: final.Scheme, Host: final.Host, Path: "/sitemap.xml"}).String()}
	}
	seen := map[string]bool{}
	urls := 0
	for len(queue) > 0 && len(seen) < maxSitemaps && urls < maxSitemapURLs {
		sm := queue[0]
		queue = queue[1:]
		u, err := url.Parse(sm)
		if err != nil || seen[sm] || !s.inScope(u) || !s.allowed(u) {
			continue
		}
		seen[sm] = true
		p, err := s.get(ctx, sm, councilbench.KindSitemap, true, -1)
		if err != nil {
			return err
		}
		s.fetched[p.URL] = slim(p)
		if p.Status < 200 || p.Status >= 300 || len(p.Body) == 0 {
			continue
		}
		pages, children := parseSitemap(p.Body, maxSitemapURLs-urls)
		queue = append(queue, children...)
		for _, raw := range pages {
			pu, err := url.Parse(strings.TrimSpace(raw))
			if err != nil {
				continue
			}
			if pu = normalize(pu); pu == nil || !s.inScope(pu) || !s.allowed(pu) {
				continue
			}
			key := pu.String()
			if _, ok := s.frontier[key]; ok || s.fetched[key] != nil {
				continue
			}
			s.frontier[key] = &candidate{url: key, depth: -1, sitemap: true, doc: looksLikeDocument(pu)}
			urls++
		}
	}
	return nil
}

func (s *siteCrawl) allowed(u *url.URL) bool {
	return s.robots.allowed(pathOf(u))
}

// maxFrontier bounds the URLs waiting per site, against crawler traps.
const maxFrontier = 100000

// Crawler-trap bounds: calendars, faceted search and session ids make
// endless URLs out of a few pages. A path is followed with at most
// maxQueryVariants different query strings, and a path that repeats one of
// its segments maxSegmentRepeats times, or has more than maxPathSegments
// segments, is not followed at all (relative links on a page that answers
// every path make /a/b/a/b/a/b...).
const (
	maxQueryVariants  = 20
	maxSegmentRepeats = 3
	maxPathSegments   = 16
)

// trap says why a link looks like a crawler trap, or "" when it does not.
// It counts the query variants admitted per path in s.variants, so it must
// be called only from the goroutine that grows the frontier.
func (s *siteCrawl) trap(u *url.URL) string {
	segs := strings.Split(strings.Trim(u.EscapedPath(), "/"), "/")
	if len(segs) > maxPathSegments {
		return "deep-path"
	}
	seen := make(map[string]int, len(segs))
	for _, sg := range segs {
		if sg == "" {
			continue
		}
		if seen[sg]++; seen[sg] >= maxSegmentRepeats {
			return "repeated-path"
		}
	}
	if u.RawQuery != "" {
		key := u.Host + u.EscapedPath()
		if s.variants[key] >= maxQueryVariants {
			return "query-variants"
		}
		s.variants[key]++
	}
	return ""
}

// trapNote describes the links skipped as traps, for the site's row.
func (s *siteCrawl) trapNote() string {
	if len(s.traps) == 0 {
		return ""
	}
	kinds := make([]string, 0, len(s.traps))
	total := 0
	for k, n := range s.traps {
		kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
		total += n
	}
	sort.Strings(kinds)
	return fmt.Sprintf("crawler trap: %d links not followed (%s)", total, strings.Join(kinds, ", "))
}

// discover adds the internal links of a fetched page to the frontier.
func (s *siteCrawl) discover(p *councilbench.Page, depth int) {
	if !p.Judgeable() || depth >= s.c.cfg.MaxDepth {
		return
	}
	for _, l := range p.Links {
		if l.External {
			continue
		}
		if s.fetched[l.URL] != nil {
			continue
		}
		if c, ok := s.frontier[l.URL]; ok {
			if c.sitemap || depth+1 < c.depth {
				c.depth, c.sitemap = depth+1, false
			}
			continue
		}
		u, err := url.Parse(l.URL)
		if err != nil || !s.allowed(u) || len(s.frontier) >= maxFrontier {
			continue
		}
		if why := s.trap(u); why != "" {
			s.traps[why]++
			continue
		}
		prio := 0
		if s.c.cfg.Priority != nil {
			prio = s.c.cfg.Priority(l.URL, l.Text)
		}
		s.frontier[l.URL] = &candidate{url: l.URL, depth: depth + 1, prio: prio, doc: looksLikeDocument(u)}
	}
}

// less is the fixed order in which the budget is spent: links before
// sitemap-only URLs; then higher priority; then shallower; pages before
// documents; then by URL.
func less(a, b *candidate) bool {
	if a.sitemap != b.sitemap {
		return !a.sitemap
	}
	if a.prio != b.prio {
		return a.prio > b.prio
	}
	if a.depth != b.depth {
		return a.depth < b.depth
	}
	if a.doc != b.doc {
		return !a.doc
	}
	return a.url < b.url
}

// crawl spends the page budget in waves.
func (s *siteCrawl) crawl(ctx context.Context) error {
	for budget := s.c.cfg.MaxPages - 1; budget > 0 && len(s.frontier) > 0; {
		all := make([]*candidate, 0, len(s.frontier))
		for _, c := range s.frontier {
			all = append(all, c)
		}
		sort.Slice(all, func(i, j int) bool { return less(all[i], all[j]) })
		// Sitemap-only URLs wait until no link is left: a later wave may
		// still find more links.
		links := sort.Search(len(all), func(i int) bool { return all[i].sitemap })
		if links > 0 {
			all = all[:links]
		}
		wave := all[:min(len(all), budget, s.c.cfg.WaveSize)]
		for _, c := range wave {
			delete(s.frontier, c.url)
		}
		pages := make([]*councilbench.Page, len(wave))
		var next atomic.Int64
		var wg sync.WaitGroup
		errs := make([]error, s.perHost)
		for w := 0; w < s.perHost; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for {
					i := int(next.Add(1)) - 1
					if i >= len(wave) || ctx.Err() != nil {
						return
					}
					p, err := s.get(ctx, wave[i].url, "", false, wave[i].depth)
					if err != nil {
						errs[w] = err
						return
					}
					pages[i] = slim(p)
				}
			}(w)
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		budget -= len(wave)
		for i, p := range pages {
			s.order = append(s.order, p)
			s.markFetched(p)
			if !wave[i].sitemap {
				s.discover(p, wave[i].depth)
			}
		}
	}
	return nil
}

func (s *siteCrawl) markFetched(p *councilbench.Page) {
	s.fetched[p.URL] = p
	if p.FinalURL != "" && s.fetched[p.FinalURL] == nil {
		s.fetched[p.FinalURL] = p
	}
	delete(s.frontier, p.FinalURL)
}

// get returns the page at rawURL: replayed from an interrupted run when it
// was stored, otherwise fetched and saved. kind overrides the kind the
// response's type implies (robots, sitemap, probe). Workers call it
// concurrently, so it changes no state of the crawl: callers mark what was
// fetched.
func (s *siteCrawl) get(ctx context.Context, rawURL string, kind councilbench.PageKind, wantBody bool, depth int) (*councilbench.Page, error) {
	if p := s.memo[rawURL]; p != nil {
		return p, nil
	}
	maxBody := s.c.cfg.MaxBody
	if kind == councilbench.KindRobots {
		maxBody = maxRobotsBytes
	}
	if err := s.pace(ctx); err != nil {
		return nil, err
	}
	p := s.c.fetch(ctx, s.col, rawURL, wantBody, maxBody)
	s.paced()
	if ctx.Err() != nil {
		// Interrupted, not fetched: the resumed run will fetch it.
		return nil, ctx.Err()
	}
	p.SiteID = s.site.ID
	p.Depth = depth
	if kind != "" && kind != councilbench.KindHTML {
		p.Kind = kind
	}
	if p.Kind == councilbench.KindHTML && p.Body != nil {
		p.Links = s.links(p)
	}
	if err := s.save(p); err != nil {
		return nil, fmt.Errorf("save %s: %w", rawURL, err)
	}
	return p, nil
}

// links extracts a page's links and marks each internal or external. Before
// the home page has been fetched the scope is unknown: the home page's own
// final host is the scope.
func (s *siteCrawl) links(p *councilbench.Page) []councilbench.Link {
	base, err := url.Parse(p.FinalURL)
	if err != nil {
		return nil
	}
	scope := s.scope
	if scope[0] == "" {
		h := strings.TrimPrefix(base.Host, "www.")
		scope = [2]string{h, "www." + h}
	}
	raw := extractLinks(p.Body, p.ContentType, base)
	out := make([]councilbench.Link, 0, len(raw))
	seen := make(map[string]bool, len(raw))
	for _, l := range raw {
		key := l.url.String()
		if seen[key+"\x00"+l.text] {
			continue
		}
		seen[key+"\x00"+l.text] = true
		out = append(out, councilbench.Link{URL: key, Text: l.text, External: l.url.Host != scope[0] && l.url.Host != scope[1]})
	}
	return out
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
			if q == nil || q.Kind == councilbench.KindRobots || q.Kind == councilbench.KindSitemap || q.Kind == councilbench.KindProbe || q.Kind == councilbench.KindHTTP {
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

// looksLikeDocument guesses from the extension whether a URL is a document,
// so that pages are fetched before documents at the same depth.
func looksLikeDocument(u *url.URL) bool {
	doc, _ := councilbench.IsDocumentPath(u.Path)
	return doc
}

// looksLikeMedia guesses from the extension whether a URL is an image,
// audio, video or archive: not a page.
func looksLikeMedia(u *url.URL) bool {
	p := strings.ToLower(u.Path)
	for _, ext := range []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".mp3", ".mp4", ".mov", ".avi", ".wav", ".zip", ".gz", ".exe", ".dmg", ".iso"} {
		if strings.HasSuffix(p, ext) {
			return true
		}
	}
	return false
}

// fetch fetches one URL through colly, retrying timeouts, 429 and 5xx with
// back-off, and returns what happened as a page (never nil).
func (c *Crawler) fetch(ctx context.Context, col *colly.Collector, rawURL string, wantBody bool, maxBody int64) *councilbench.Page {
	if u, err := url.Parse(rawURL); err == nil && !wantBody && (looksLikeDocument(u) || looksLikeMedia(u)) {
		// A document's type and size are all the survey needs: ask with
		// HEAD, so no body is abandoned half-sent (which would leave the
		// server busy while the next request starts).
		p := c.fetchRetrying(ctx, col, http.MethodHead, rawURL, wantBody, maxBody)
		if p.Reason != "" || p.Status != http.StatusMethodNotAllowed && p.Status != http.StatusNotImplemented && p.Kind != councilbench.KindHTML {
			return p
		}
	}
	return c.fetchRetrying(ctx, col, http.MethodGet, rawURL, wantBody, maxBody)
}

func (c *Crawler) fetchRetrying(ctx context.Context, col *colly.Collector, method, rawURL string, wantBody bool, maxBody int64) *councilbench.Page {
	var p *councilbench.Page
	for attempt := 0; ; attempt++ {
		p = c.fetchOnce(ctx, col, method, rawURL, wantBody, maxBody)
		if attempt >= c.cfg.Retries || ctx.Err() != nil {
			return p
		}
		wait, retry := c.retryAfter(p, attempt)
		if !retry {
			return p
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait+c.cfg.Timeout {
			// The retry could not finish within the site's time budget:
			// keep the answer (and the reason) that we have.
			return p
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return p
		case <-t.C:
		}
	}
}

// retryAfter says whether and when to try a page again.
func (c *Crawler) retryAfter(p *councilbench.Page, attempt int) (time.Duration, bool) {
	backoff := c.cfg.RetryBackoff << attempt
	switch {
	case p.Reason == councilbench.ReasonTimeout || p.Reason == councilbench.ReasonConnection:
		return backoff, true
	case p.Bot || p.Reason != "":
		return 0, false
	case p.Status == 429 || p.Status == 503:
		if ra := parseRetryAfter(p.Header.Get("Retry-After")); ra > 0 {
			return min(ra, c.cfg.MaxRetryAfter), true
		}
		return backoff, true
	case p.Status == 500 || p.Status == 502 || p.Status == 504:
		return backoff, true
	}
	return 0, false
}

func parseRetryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return time.Until(t)
	}
	return 0
}

func (c *Crawler) fetchOnce(ctx context.Context, col *colly.Collector, method, rawURL string, wantBody bool, maxBody int64) *councilbench.Page {
	st := &fetchState{wantBody: wantBody, maxBody: maxBody}
	cc := col.Clone()
	// The timeout covers the whole fetch, redirects and body included, so
	// a server that sends one byte a second is cut off in time, and the
	// error says it was a timeout.
	fctx, cancel := context.WithTimeoutCause(ctx, c.cfg.Timeout,
		fmt.Errorf("request timeout of %s: %w", c.cfg.Timeout, context.DeadlineExceeded))
	defer cancel()
	cc.Context = context.WithValue(fctx, stateKey{}, st)
	var cbErr error
	cc.OnError(func(_ *colly.Response, err error) { cbErr = err })
	began := time.Now()
	err := cc.Request(method, rawURL, nil, nil, nil)
	c.fetches.Add(1)
	if err == nil {
		err = cbErr
	}
	p := &councilbench.Page{
		URL:         rawURL,
		FinalURL:    rawURL,
		Status:      st.status,
		Header:      st.header,
		ContentType: st.header.Get("Content-Type"),
		Bytes:       st.wire,
		Size:        st.size,
		Truncated:   st.truncated,
		Body:        st.body,
		FetchMS:     time.Since(began).Milliseconds(),
		TTFBMS:      st.ttfb.Milliseconds(),
		FetchedAt:   began.UTC(),
	}
	if n := len(st.hops); n > 0 {
		if f, ok := NormalizeURL(st.hops[n-1]); ok {
			p.FinalURL = f
		}
		if n > 1 {
			p.Redirects = st.hops[:n-1]
		}
	}
	if err != nil {
		p.Reason, p.Error = classify(err), err.Error()
		if st.status >= 300 && st.status < 400 {
			// A redirect that was not followed: the final URL is the last
			// one requested.
			p.Body = nil
		}
	} else if st.bodyErr != nil {
		p.Reason, p.Error = classify(st.bodyErr), "body: "+st.bodyErr.Error()
	}
	if p.Header == nil {
		p.Header = http.Header{}
	}
	p.Kind = kindOf(p.ContentType, p.Body != nil)
	p.Bot = isBotChallenge(p.Status, p.Header, p.Body)
	return p
}
