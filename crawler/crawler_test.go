package crawler

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/internal/testenv"
)

// testConfig returns a crawler config for tests: short timeouts (that the
// test servers must meet, so multiplied by the test time scale), no retry
// pauses to speak of, and host names resolved to the test server.
func testConfig(addr string, hosts ...string) Config {
	cfg := DefaultConfig()
	cfg.Timeout = testenv.Scale(2 * time.Second)
	cfg.SiteTime = testenv.Scale(20 * time.Second)
	cfg.RetryBackoff = 10 * time.Millisecond
	cfg.MaxRetryAfter = 50 * time.Millisecond
	cfg.Resolve = map[string]string{}
	for _, h := range hosts {
		cfg.Resolve[h] = addr
	}
	return cfg
}

// collector collects saved pages, as the store would.
type collector struct {
	mu    sync.Mutex
	pages []*councilbench.Page
}

func (c *collector) save(p *councilbench.Page) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages = append(c.pages, p)
	return nil
}

func (c *collector) urls(kinds ...councilbench.PageKind) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, p := range c.pages {
		if len(kinds) == 0 || containsKind(kinds, p.Kind) {
			out = append(out, p.URL)
		}
	}
	sort.Strings(out)
	return out
}

func containsKind(ks []councilbench.PageKind, k councilbench.PageKind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// crawl crawls one site with cfg and returns the site, its result and the
// pages saved.
func crawl(t *testing.T, cfg Config, start string, prior ...*councilbench.Page) (*councilbench.Site, *Result, *collector) {
	t.Helper()
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	key, _ := councilbench.SiteKey(start)
	site := &councilbench.Site{ID: 1, Key: key, StartURL: start}
	col := &collector{}
	res, err := c.Crawl(context.Background(), site, prior, col.save)
	if err != nil {
		t.Fatalf("Crawl: %v", err)
	}
	return site, res, col
}

// graphSite serves a site whose pages link as graph says: each key is a
// path, each value the paths it links to (with the path as link text).
type graphSite struct {
	graph    map[string][]string
	robots   string
	inFlight atomic.Int32
	peak     atomic.Int32
	mu       sync.Mutex
	hits     []string
	times    []time.Time
	delay    time.Duration
	// pairUp, when set, holds the first request for a page below the home
	// page (/s00...) until another request is in flight too, for at most
	// pairUp: a crawler that sends requests in parallel is then seen to,
	// however late a busy machine starts the second one.
	pairUp time.Duration
	held   atomic.Bool
}

func (g *graphSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := g.inFlight.Add(1)
	defer g.inFlight.Add(-1)
	for {
		p := g.peak.Load()
		if n <= p || g.peak.CompareAndSwap(p, n) {
			break
		}
	}
	g.mu.Lock()
	g.hits = append(g.hits, r.URL.Path)
	g.times = append(g.times, time.Now())
	g.mu.Unlock()
	if g.pairUp > 0 && strings.HasPrefix(r.URL.Path, "/s0") && g.held.CompareAndSwap(false, true) {
		for end := time.Now().Add(g.pairUp); g.peak.Load() < 2 && time.Now().Before(end); {
			time.Sleep(time.Millisecond)
		}
	}
	if g.delay > 0 {
		time.Sleep(g.delay)
	}
	if r.URL.Path == "/robots.txt" {
		if g.robots == "" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, g.robots)
		return
	}
	links, ok := g.graph[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!doctype html><html lang=en><title>%s</title><body><main>", r.URL.Path)
	for _, l := range links {
		fmt.Fprintf(w, "<a href=%q>%s</a>\n", l, strings.Trim(l, "/"))
	}
	fmt.Fprint(w, "</main></body></html>")
}

func (g *graphSite) hitCount(path string) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := 0
	for _, h := range g.hits {
		if h == path {
			n++
		}
	}
	return n
}

// wideGraph is a home page with n children, each with n grandchildren.
func wideGraph(n int) map[string][]string {
	g := map[string][]string{"/": nil}
	for i := 0; i < n; i++ {
		child := fmt.Sprintf("/s%02d", i)
		g["/"] = append(g["/"], child)
		for j := 0; j < n; j++ {
			gc := fmt.Sprintf("%s/p%02d", child, j)
			g[child] = append(g[child], gc)
			g[gc] = []string{"/"}
		}
	}
	return g
}

func serve(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func hostOf(srv *httptest.Server) string { return strings.TrimPrefix(srv.URL, "http://") }

func TestBudgetOrderAndDepthLimit(t *testing.T) {
	tests := []struct {
		name     string
		maxPages int
		maxDepth int
		want     []string // html pages fetched, sorted
	}{
		{"budget spent breadth-first by URL", 5, 5, []string{"/", "/s00", "/s01", "/s02", "/s03"}},
		{"depth limit 1 stops at the children", 100, 1, []string{"/", "/s00", "/s01", "/s02", "/s03", "/s04", "/s05"}},
		{"second level after the first", 9, 5, []string{"/", "/s00", "/s00/p00", "/s00/p01", "/s01", "/s02", "/s03", "/s04", "/s05"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &graphSite{graph: wideGraph(6)}
			srv := serve(t, g)
			cfg := testConfig(hostOf(srv), "council.test")
			cfg.MaxPages, cfg.MaxDepth = tt.maxPages, tt.maxDepth
			_, res, col := crawl(t, cfg, "http://council.test/")
			var got []string
			for _, u := range col.urls(councilbench.KindHTML) {
				got = append(got, strings.TrimPrefix(u, "http://council.test"))
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if res.Pages != len(tt.want) {
				t.Errorf("got %d pages in result, want %d", res.Pages, len(tt.want))
			}
		})
	}
}

func TestPriorityFirst(t *testing.T) {
	g := &graphSite{graph: wideGraph(6)}
	// A task page deep in the site, linked from one grandchild.
	g.graph["/s05/p05"] = []string{"/council-tax/pay"}
	g.graph["/council-tax/pay"] = nil
	srv := serve(t, g)
	cfg := testConfig(hostOf(srv), "council.test")
	cfg.MaxPages = 16
	cfg.Priority = func(u, text string) int {
		switch {
		case strings.Contains(u, "council-tax"):
			return 2
		case strings.HasSuffix(u, "/s05"), strings.HasSuffix(u, "/s05/p05"):
			return 1
		}
		return 0
	}
	_, res, col := crawl(t, cfg, "http://council.test/")
	got := col.urls(councilbench.KindHTML)
	if !contains(got, "http://council.test/council-tax/pay") {
		t.Errorf("the prioritised task page was not fetched within the budget: got %v", got)
	}
	for _, d := range res.Depths {
		if d.URL == "http://council.test/council-tax/pay" && d.Depth != 3 {
			t.Errorf("task page depth: got %d, want 3", d.Depth)
		}
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func TestDepthIsFewestClicks(t *testing.T) {
	// /a is prioritised and leads to /c by a long way round; / links to /c
	// directly too, but /c is first reached through /a/b.
	g := &graphSite{graph: map[string][]string{
		"/":    {"/a", "/z", "/y"},
		"/a":   {"/a/b"},
		"/a/b": {"/c"},
		"/z":   {"/c"},
		"/y":   nil,
		"/c":   {"/d"},
		"/d":   nil,
	}}
	srv := serve(t, g)
	cfg := testConfig(hostOf(srv), "council.test")
	cfg.WaveSize = 1
	cfg.Priority = func(u, _ string) int {
		if strings.Contains(u, "/a") || strings.HasSuffix(u, "/c") {
			return 1
		}
		return 0
	}
	_, res, _ := crawl(t, cfg, "http://council.test/")
	want := map[string]int{"/": 0, "/a": 1, "/z": 1, "/y": 1, "/a/b": 2, "/c": 2, "/d": 3}
	got := map[string]int{}
	for _, d := range res.Depths {
		got[strings.TrimPrefix(d.URL, "http://council.test")] = d.Depth
	}
	for p, w := range want {
		if got[p] != w {
			t.Errorf("depth of %s: got %d, want %d", p, got[p], w)
		}
	}
}

func TestRobots(t *testing.T) {
	g := &graphSite{graph: wideGraph(3), robots: "User-agent: *\nDisallow: /s01\nCrawl-delay: 0.2\nSitemap: http://council.test/sitemap.xml\n"}
	srv := serve(t, g)
	cfg := testConfig(hostOf(srv), "council.test")
	cfg.PerHost = 4
	site, _, _ := crawl(t, cfg, "http://council.test/")
	if n := g.hitCount("/s01"); n != 0 {
		t.Errorf("disallowed /s01 fetched %d times", n)
	}
	if n := g.hitCount("/s01/p00"); n != 0 {
		t.Errorf("disallowed /s01/p00 fetched %d times", n)
	}
	if site.CrawlDelay != 200*time.Millisecond {
		t.Errorf("crawl delay: got %s, want 200ms", site.CrawlDelay)
	}
	if p := g.peak.Load(); p != 1 {
		t.Errorf("with a Crawl-delay, peak requests in flight: got %d, want 1", p)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	for i := 1; i < len(g.times); i++ {
		// Allow a little timer slack.
		if gap := g.times[i].Sub(g.times[i-1]); gap < 190*time.Millisecond {
			t.Errorf("request %d came %s after the one before, want at least the 200ms Crawl-delay", i, gap)
		}
	}
}

func TestRobotsCrawlDelayCapped(t *testing.T) {
	r := parseRobots(200, []byte("User-agent: *\nCrawl-delay: 3600\n"), "councilbench")
	if r.crawlDelay != maxCrawlDelay {
		t.Errorf("got %s, want %s", r.crawlDelay, maxCrawlDelay)
	}
}

func TestRobotsStatus(t *testing.T) {
	tests := []struct {
		status int
		body   string
		path   string
		want   bool
	}{
		{200, "User-agent: *\nDisallow: /private", "/private/x", false},
		{200, "User-agent: *\nDisallow: /private", "/public", true},
		{200, "User-agent: councilbench\nDisallow: /\n\nUser-agent: *\nAllow: /", "/", false},
		{404, "", "/anything", true},
		{503, "", "/anything", false},
		{0, "", "/anything", false},
		{200, "\x00\xff garbage {{{", "/x", true},
	}
	for _, tt := range tests {
		r := parseRobots(tt.status, []byte(tt.body), "councilbench/0.1")
		if got := r.allowed(tt.path); got != tt.want {
			t.Errorf("status %d %q: allowed(%s) got %v, want %v", tt.status, tt.body, tt.path, got, tt.want)
		}
	}
}

func TestRobotsDisallowAllFailsSite(t *testing.T) {
	g := &graphSite{graph: wideGraph(2), robots: "User-agent: *\nDisallow: /\n"}
	srv := serve(t, g)
	site, _, col := crawl(t, testConfig(hostOf(srv), "council.test"), "http://council.test/")
	if site.Status != councilbench.SiteFailed || site.Reason != councilbench.ReasonRobots {
		t.Errorf("got %s/%s, want failed/%s", site.Status, site.Reason, councilbench.ReasonRobots)
	}
	if got := col.urls(councilbench.KindHTML); len(got) != 0 {
		t.Errorf("fetched %v despite robots.txt", got)
	}
}

func TestPerHostLimit(t *testing.T) {
	for _, perHost := range []int{1, 2, 3} {
		g := &graphSite{graph: wideGraph(5), delay: 20 * time.Millisecond}
		if perHost > 1 {
			g.pairUp = testenv.Scale(time.Second)
		}
		srv := serve(t, g)
		// Two host names of one site: the limit is the site's, not each name's.
		cfg := testConfig(hostOf(srv), "council.test", "www.council.test")
		cfg.PerHost = perHost
		g.graph["/"] = append(g.graph["/"], "http://www.council.test/s00", "http://www.council.test/s01")
		crawl(t, cfg, "http://council.test/")
		if got := int(g.peak.Load()); got > perHost {
			t.Errorf("per-host %d: peak in flight at the server got %d", perHost, got)
		}
		if perHost > 1 && int(g.peak.Load()) < 2 {
			t.Errorf("per-host %d: never more than one request in flight", perHost)
		}
	}
}

func TestRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Host == "council.test":
			http.Redirect(w, r, "http://www.council.test/", http.StatusMovedPermanently)
		case r.URL.Path == "/":
			http.Redirect(w, r, "/home", http.StatusFound)
		case r.URL.Path == "/home":
			fmt.Fprint(w, `<html><a href="/loop1">loop</a><a href="/hop/0">hops</a><a href="/ftp">ftp</a></html>`)
		case r.URL.Path == "/loop1":
			http.Redirect(w, r, "/loop2", http.StatusFound)
		case r.URL.Path == "/loop2":
			http.Redirect(w, r, "/loop1", http.StatusFound)
		case r.URL.Path == "/ftp":
			http.Redirect(w, r, "ftp://example.org/file", http.StatusFound)
		case strings.HasPrefix(r.URL.Path, "/hop/"):
			var n int
			fmt.Sscanf(r.URL.Path, "/hop/%d", &n)
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", n+1), http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	})
	srv := serve(t, mux)
	site, _, col := crawl(t, testConfig(hostOf(srv), "council.test", "www.council.test"), "http://council.test/")
	if site.FinalURL != "http://www.council.test/home" {
		t.Errorf("final URL: got %s, want http://www.council.test/home", site.FinalURL)
	}
	wantChain := []string{"http://council.test/", "http://www.council.test/"}
	if strings.Join(site.Redirects, " ") != strings.Join(wantChain, " ") {
		t.Errorf("redirect chain: got %v, want %v", site.Redirects, wantChain)
	}
	reasons := map[string]councilbench.Reason{}
	for _, p := range col.pages {
		reasons[p.URL] = p.Reason
	}
	for u, want := range map[string]councilbench.Reason{
		"http://www.council.test/loop1": councilbench.ReasonRedirectLoop,
		"http://www.council.test/hop/0": councilbench.ReasonTooManyHops,
		"http://www.council.test/ftp":   councilbench.ReasonBadRedirect,
	} {
		if reasons[u] != want {
			t.Errorf("%s: got reason %q, want %q", u, reasons[u], want)
		}
	}
}

func TestSiteFailures(t *testing.T) {
	// A port with nothing listening.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := ln.Addr().String()
	ln.Close()
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "<html></html>") }))
	defer tlsSrv.Close()
	// The timeout of this test, which every server but the slow one must
	// meet; the slow one answers only long after it.
	timeout := testenv.Scale(300 * time.Millisecond)
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(10 * timeout):
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	five := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", 500) }))
	bot := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(403)
		fmt.Fprint(w, "<html><title>Just a moment...</title><script src=/cdn-cgi/challenge-platform/x.js></script></html>")
	}))

	tests := []struct {
		name  string
		start string
		addr  string
		want  councilbench.Reason
	}{
		{"dead", "http://dead.test/", dead, councilbench.ReasonConnection},
		{"tls", "https://tls.test/", strings.TrimPrefix(tlsSrv.URL, "https://"), councilbench.ReasonTLS},
		{"timeout", "http://slow.test/", hostOf(slow), councilbench.ReasonTimeout},
		{"5xx", "http://five.test/", hostOf(five), councilbench.ReasonHTTP5xx},
		{"bot", "http://bot.test/", hostOf(bot), councilbench.ReasonBotProtection},
		{"dns", "http://no-such-host.invalid/", "", councilbench.ReasonDNS},
		{"private", "http://127.0.0.1:1/", "", councilbench.ReasonPrivateAddress},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig(tt.addr)
			if tt.addr != "" {
				h, _ := councilbench.SiteKey(tt.start)
				cfg.Resolve[h] = tt.addr
			}
			cfg.Timeout = timeout
			cfg.Retries = 1
			site, _, _ := crawl(t, cfg, tt.start)
			if site.Status != councilbench.SiteFailed || site.Reason != tt.want {
				t.Errorf("got %s/%s (%s), want failed/%s", site.Status, site.Reason, site.Error, tt.want)
			}
			if site.Error == "" {
				t.Errorf("no error message recorded")
			}
		})
	}
}

func TestPrivateAddressesRefused(t *testing.T) {
	// A second server that the resolved site links and redirects to by
	// address: it must never be reached.
	var secretHits atomic.Int32
	secret := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		secretHits.Add(1)
		fmt.Fprint(w, "<html>secret</html>")
	}))
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("no 127.0.0.2 here: %v", err)
	}
	secret.Listener = ln
	secret.Start()
	defer secret.Close()
	secretURL := secret.URL
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			fmt.Fprintf(w, `<html><a href="/go">go</a><a href="%s/">direct</a></html>`, secretURL)
		case "/go":
			http.Redirect(w, r, secretURL+"/admin", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	})
	srv := serve(t, mux)

	t.Run("refused", func(t *testing.T) {
		_, _, col := crawl(t, testConfig(hostOf(srv), "council.test"), "http://council.test/")
		var got councilbench.Reason
		for _, p := range col.pages {
			if p.URL == "http://council.test/go" {
				got = p.Reason
			}
		}
		if got != councilbench.ReasonPrivateAddress {
			t.Errorf("redirect to a private address: got reason %q, want %q", got, councilbench.ReasonPrivateAddress)
		}
		if n := secretHits.Load(); n != 0 {
			t.Errorf("the private server was reached %d times", n)
		}
	})
	t.Run("allowed", func(t *testing.T) {
		cfg := testConfig(hostOf(srv), "council.test")
		cfg.AllowPrivate = true
		crawl(t, cfg, "http://council.test/")
		if n := secretHits.Load(); n == 0 {
			t.Errorf("with AllowPrivate the redirect was not followed")
		}
	})
}

func TestBodiesAndDocuments(t *testing.T) {
	big := strings.Repeat("<p>council</p>", 10000) // 140 KB
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			fmt.Fprint(w, `<html><a href="/big">big</a><a href="/doc.pdf">Annual report (PDF)</a><a href="https://gov.uk/x">GOV.UK</a></html>`)
		case "/big":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, big)
		case "/doc.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Header().Set("Content-Length", "5000000")
			w.Write(make([]byte, 64<<10))
		default:
			http.NotFound(w, r)
		}
	})
	srv := serve(t, mux)
	cfg := testConfig(hostOf(srv), "council.test")
	cfg.MaxBody = 100 << 10
	_, _, col := crawl(t, cfg, "http://council.test/")
	for _, p := range col.pages {
		switch p.URL {
		case "http://council.test/":
			var ext []string
			for _, l := range p.Links {
				if l.External {
					ext = append(ext, l.URL)
				}
			}
			if len(p.Links) != 3 || len(ext) != 1 || ext[0] != "https://gov.uk/x" {
				t.Errorf("home links: got %+v", p.Links)
			}
		case "http://council.test/big":
			if !p.Truncated || len(p.Body) != 100<<10 {
				t.Errorf("big page: truncated %v, %d bytes; want truncated at %d", p.Truncated, len(p.Body), 100<<10)
			}
		case "http://council.test/doc.pdf":
			if p.Kind != councilbench.KindDocument || p.Body != nil || p.Size != 5000000 {
				t.Errorf("pdf: kind %s, body %d bytes, size %d; want document, no body, size 5000000", p.Kind, len(p.Body), p.Size)
			}
		}
	}
}

// TestResume interrupts a crawl after some pages and resumes it with the
// pages saved so far: the union must equal an uninterrupted crawl's pages,
// with nothing fetched twice.
func TestResume(t *testing.T) {
	for _, stopAfter := range []int{1, 3, 7, 15, 22} {
		g := &graphSite{graph: wideGraph(6), robots: "User-agent: *\nAllow: /\n"}
		srv := serve(t, g)
		cfg := testConfig(hostOf(srv), "council.test")
		cfg.MaxPages = 25
		_, _, whole := crawl(t, cfg, "http://council.test/")

		c, _ := New(cfg)
		ctx, cancel := context.WithCancel(context.Background())
		first := &collector{}
		var n atomic.Int32
		site := &councilbench.Site{ID: 1, Key: "council.test", StartURL: "http://council.test/"}
		_, err := c.Crawl(ctx, site, nil, func(p *councilbench.Page) error {
			if int(n.Add(1)) > stopAfter {
				cancel()
				return context.Canceled
			}
			return first.save(p)
		})
		cancel()
		if err == nil {
			t.Fatalf("stop after %d: crawl was not interrupted", stopAfter)
		}
		before := c.fetches.Load()
		second := &collector{}
		site2 := &councilbench.Site{ID: 1, Key: "council.test", StartURL: "http://council.test/"}
		if _, err := c.Crawl(context.Background(), site2, first.pages, second.save); err != nil {
			t.Fatal(err)
		}
		all := append(first.urls(), second.urls()...)
		sort.Strings(all)
		if got, want := strings.Join(all, "\n"), strings.Join(whole.urls(), "\n"); got != want {
			t.Errorf("stop after %d: resumed pages differ:\ngot  %v\nwant %v", stopAfter, all, whole.urls())
		}
		if fetched := int(c.fetches.Load() - before); fetched != len(second.pages) {
			t.Errorf("stop after %d: resumed run fetched %d URLs, saved %d", stopAfter, fetched, len(second.pages))
		}
	}
}

func TestSitemapOnlyLast(t *testing.T) {
	g := &graphSite{graph: wideGraph(2), robots: "Sitemap: http://council.test/sm.xml\n"}
	g.graph["/orphan"] = nil
	mux := http.NewServeMux()
	mux.Handle("/", g)
	mux.HandleFunc("/sm.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<?xml version="1.0"?><sitemapindex><sitemap><loc>http://council.test/sm2.xml</loc></sitemap><sitemap><loc>http://council.test/sm.xml</loc></sitemap></sitemapindex>`)
	})
	mux.HandleFunc("/sm2.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<urlset><url><loc>http://council.test/orphan</loc></url><url><loc>http://council.test/s00</loc></url><url><loc>http://elsewhere.test/x</loc></url></urlset>`)
	})
	srv := serve(t, mux)
	_, res, col := crawl(t, testConfig(hostOf(srv), "council.test"), "http://council.test/")
	if got := col.urls(councilbench.KindSitemap); len(got) != 2 {
		t.Errorf("sitemaps fetched: got %v, want sm.xml and sm2.xml once each", got)
	}
	last := col.pages[len(col.pages)-1]
	if last.URL != "http://council.test/orphan" {
		t.Errorf("last page fetched: got %s, want the sitemap-only /orphan", last.URL)
	}
	for _, d := range res.Depths {
		only := d.URL == "http://council.test/orphan"
		if d.SitemapOnly != only || only && d.Depth != -1 {
			t.Errorf("%s: sitemap-only %v depth %d", d.URL, d.SitemapOnly, d.Depth)
		}
	}
}
