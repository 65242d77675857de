package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/css"
	"github.com/councilbench/councilbench/internal/testenv"
)

// cssWeb serves several hosts from one loopback server (the tests resolve
// every host name to it), routing by host and path, and counts the
// requests each URL receives and the requests in flight to each host.
type cssWeb struct {
	mu       sync.Mutex
	routes   map[string]http.HandlerFunc // "host/path" → handler
	hits     map[string]int              // "host/path" → requests
	inFlight map[string]int              // host → requests in flight
	peak     map[string]int              // host → most requests in flight at once
	order    []string                    // "host/path" of every request, in order
}

func newCSSWeb() *cssWeb {
	return &cssWeb{routes: map[string]http.HandlerFunc{}, hits: map[string]int{}, inFlight: map[string]int{}, peak: map[string]int{}}
}

func (w *cssWeb) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	host := r.Host
	if h, _, err := splitHostPort(host); err == nil {
		host = h
	}
	key := host + r.URL.Path
	w.mu.Lock()
	w.hits[key]++
	w.order = append(w.order, key)
	w.inFlight[host]++
	if w.inFlight[host] > w.peak[host] {
		w.peak[host] = w.inFlight[host]
	}
	h := w.routes[key]
	w.mu.Unlock()
	defer func() {
		w.mu.Lock()
		w.inFlight[host]--
		w.mu.Unlock()
	}()
	if h == nil {
		http.NotFound(rw, r)
		return
	}
	h(rw, r)
}

func splitHostPort(h string) (string, string, error) {
	u, err := url.Parse("http://" + h)
	if err != nil {
		return "", "", err
	}
	return u.Hostname(), u.Port(), nil
}

// handle routes "host/path" to h.
func (w *cssWeb) handle(key string, h http.HandlerFunc) { w.routes[key] = h }

// sheet routes "host/path" to a stylesheet with body, served as ctype.
func (w *cssWeb) sheet(key, ctype, body string) {
	w.handle(key, func(rw http.ResponseWriter, r *http.Request) {
		if ctype != "" {
			rw.Header().Set("Content-Type", ctype)
		}
		fmt.Fprint(rw, body)
	})
}

// page routes "host/path" to an HTML page that links to sheets (in its
// head) and to links.
func (w *cssWeb) page(key string, sheets []string, links ...string) {
	w.handle(key, func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(rw, "<!doctype html><html lang=en><head><title>t</title>")
		for _, s := range sheets {
			fmt.Fprintf(rw, "<link rel=stylesheet href=%q>", s)
		}
		fmt.Fprint(rw, "</head><body><main>")
		for _, l := range links {
			fmt.Fprintf(rw, "<a href=%q>%s</a>", l, l)
		}
		fmt.Fprint(rw, "</main></body></html>")
	})
}

func (w *cssWeb) hitCount(key string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.hits[key]
}

func (w *cssWeb) peakOf(host string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.peak[host]
}

// sheetCollector collects saved stylesheets, as the store would.
type sheetCollector struct {
	mu     sync.Mutex
	sheets []*councilbench.Stylesheet
}

func (c *sheetCollector) save(st *councilbench.Stylesheet) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sheets = append(c.sheets, st)
	return nil
}

// byURL returns the sheets saved, by URL; a URL saved twice is an error.
func (c *sheetCollector) byURL(t *testing.T) map[string]*councilbench.Stylesheet {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]*councilbench.Stylesheet{}
	for _, st := range c.sheets {
		if out[st.URL] != nil {
			t.Errorf("stylesheet %s saved twice", st.URL)
		}
		out[st.URL] = st
	}
	return out
}

// crawlSites crawls the sites at once with one crawler (one survey), and
// returns the crawler, the sites and the sheets saved; every page is
// checked, as it is saved, to have its sheets known to the crawler.
func crawlSites(t *testing.T, cfg Config, want map[string][]string, starts ...string) (*Crawler, []*councilbench.Site, *sheetCollector) {
	t.Helper()
	sheets := &sheetCollector{}
	cfg.SaveStylesheet = sheets.save
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	sites := make([]*councilbench.Site, len(starts))
	var wg sync.WaitGroup
	for i, start := range starts {
		key, _ := councilbench.SiteKey(start)
		sites[i] = &councilbench.Site{ID: int64(i + 1), Key: key, StartURL: start}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.Crawl(context.Background(), sites[i], nil, func(p *councilbench.Page) error {
				if p.Judgeable() {
					for _, u := range want[p.URL] {
						if c.Stylesheet(u) == nil {
							t.Errorf("%s saved before its stylesheet %s was known", p.URL, u)
						}
					}
				}
				return nil
			})
			if err != nil {
				t.Errorf("Crawl %s: %v", start, err)
			}
		}()
	}
	wg.Wait()
	return c, sites, sheets
}

// cssConfig is testConfig for the hosts of a cssWeb.
func cssConfig(srv string, hosts ...string) Config {
	cfg := testConfig(srv, hosts...)
	cfg.MaxPages = 10
	return cfg
}

func TestExtractStylesheets(t *testing.T) {
	base, _ := url.Parse("https://www.council.gov.uk/dir/page")
	tests := []struct {
		name string
		html string
		want []string
	}{
		{"linked, relative and absolute", `<link rel=stylesheet href="/a.css"><link rel="Stylesheet" href="https://cdn.example/b.css">`,
			[]string{"https://www.council.gov.uk/a.css", "https://cdn.example/b.css"}},
		{"each once, in document order", `<link rel=stylesheet href=b.css><link rel=stylesheet href=a.css><link rel=stylesheet href=b.css#x>`,
			[]string{"https://www.council.gov.uk/dir/b.css", "https://www.council.gov.uk/dir/a.css"}},
		{"media that applies to the screen", `<link rel=stylesheet href=/s.css media="screen and (min-width: 40em)"><link rel=stylesheet href=/all.css media=all>`,
			[]string{"https://www.council.gov.uk/s.css", "https://www.council.gov.uk/all.css"}},
		{"print and narrow screens are not fetched", `<link rel=stylesheet href=/p.css media=print><link rel=stylesheet href=/m.css media="(max-width: 600px)">`, nil},
		{"alternate, icon and other types are not stylesheets", `<link rel="alternate stylesheet" href=/alt.css><link rel=icon href=/i.css><link rel=stylesheet type=text/less href=/l.less>`, nil},
		{"type text/css is", `<link rel=stylesheet type="text/css" href=/t.css>`, []string{"https://www.council.gov.uk/t.css"}},
		{"base href", `<base href="https://assets.council.gov.uk/v2/"><link rel=stylesheet href=site.css>`, []string{"https://assets.council.gov.uk/v2/site.css"}},
		{"inert in template and noscript", `<template><link rel=stylesheet href=/t.css></template><noscript><link rel=stylesheet href=/n.css></noscript>`, nil},
		{"not http", `<link rel=stylesheet href="data:text/css,a{}"><link rel=stylesheet href="">`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := extractLinks([]byte("<!doctype html><html><head>"+tt.html+"</head><body></body></html>"), "text/html", base)
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestStylesheetsOncePerSurvey crawls two sites at once whose pages share
// a stylesheet on their own host and one on a CDN that both use: each
// sheet is fetched once per survey, before the pages that link to it are
// saved, and the CDN is never asked two things at once.
func TestStylesheetsOncePerSurvey(t *testing.T) {
	w := newCSSWeb()
	want := map[string][]string{}
	for _, site := range []string{"a.test", "b.test"} {
		own := "/site.css"
		sheets := []string{own, "http://cdn.test/shared.css", "http://cdn.test/" + site + ".css"}
		for _, p := range []string{"/", "/one", "/two"} {
			w.page(site+p, sheets, "/one", "/two")
			want["http://"+site+p] = []string{"http://" + site + own, "http://cdn.test/shared.css", "http://cdn.test/" + site + ".css"}
		}
		w.sheet(site+own, "text/css", "body{color:#111}")
		w.handle("cdn.test/"+site+".css", func(rw http.ResponseWriter, r *http.Request) {
			time.Sleep(20 * time.Millisecond) // long enough that the sites' requests would overlap
			rw.Header().Set("Content-Type", "text/css")
			fmt.Fprint(rw, "p{color:#222}")
		})
	}
	w.handle("cdn.test/shared.css", func(rw http.ResponseWriter, r *http.Request) {
		time.Sleep(20 * time.Millisecond)
		rw.Header().Set("Content-Type", "text/css; charset=utf-8")
		fmt.Fprint(rw, "h1{color:#333}")
	})
	srv := serve(t, w)
	cfg := cssConfig(hostOf(srv), "a.test", "b.test", "cdn.test")
	c, sites, got := crawlSites(t, cfg, want, "http://a.test/", "http://b.test/")
	for _, key := range []string{"a.test/site.css", "b.test/site.css", "cdn.test/shared.css", "cdn.test/a.test.css", "cdn.test/b.test.css", "cdn.test/robots.txt"} {
		if n := w.hitCount(key); n != 1 {
			t.Errorf("%s fetched %d times, want once", key, n)
		}
	}
	if n := w.peakOf("cdn.test"); n != 1 {
		t.Errorf("the CDN had %d requests in flight at once, want 1", n)
	}
	sheets := got.byURL(t)
	if len(sheets) != 5 {
		t.Errorf("saved %d stylesheets, want 5", len(sheets))
	}
	for u, st := range sheets {
		if !st.Usable() || st.Depth != 0 || st.SHA256 == "" || len(st.Body) == 0 || st.Status != 200 {
			t.Errorf("%s: %+v, want a usable linked sheet with its body and hash", u, st)
		}
		if strings.Contains(u, "a.test") && st.SiteID != sites[0].ID || strings.Contains(u, "b.test") && st.SiteID != sites[1].ID {
			t.Errorf("%s: site %d, want the site that asked for it", u, st.SiteID)
		}
		if rec := c.Stylesheet(u); rec == nil || rec.Body != nil {
			t.Errorf("%s: the crawler keeps %+v, want its record without a body", u, rec)
		}
	}
	for _, s := range sites {
		if s.Status != councilbench.SiteDone || s.Error != "" {
			t.Errorf("site %s: %s %q", s.Key, s.Status, s.Error)
		}
	}
}

// TestStylesheetImports follows @import chains to css.MaxImportDepth and
// through loops, fetching each sheet once.
func TestStylesheetImports(t *testing.T) {
	t.Run("deeper than the limit", func(t *testing.T) {
		w := newCSSWeb()
		w.page("council.test/", []string{"/d0.css"})
		for i := 0; i < 10; i++ {
			w.sheet(fmt.Sprintf("council.test/d%d.css", i), "text/css", fmt.Sprintf(`@import url("d%d.css"); .d%d{color:red}`, i+1, i))
		}
		srv := serve(t, w)
		_, _, got := crawlSites(t, cssConfig(hostOf(srv), "council.test"), nil, "http://council.test/")
		sheets := got.byURL(t)
		for i := 0; i < 10; i++ {
			u := fmt.Sprintf("http://council.test/d%d.css", i)
			st := sheets[u]
			if i <= css.MaxImportDepth {
				if st == nil || st.Depth != i {
					t.Errorf("d%d.css: %+v, want it fetched at depth %d", i, st, i)
				}
			} else if st != nil || w.hitCount(fmt.Sprintf("council.test/d%d.css", i)) != 0 {
				t.Errorf("d%d.css fetched, deeper than css.MaxImportDepth (%d)", i, css.MaxImportDepth)
			}
		}
	})
	t.Run("loop", func(t *testing.T) {
		w := newCSSWeb()
		w.page("council.test/", []string{"/a.css", "/b.css"}, "/one")
		w.page("council.test/one", []string{"/b.css"})
		w.sheet("council.test/a.css", "text/css", `@import "b.css"; a{color:red}`)
		w.sheet("council.test/b.css", "text/css", `@import "a.css"; @import "b.css"; b{color:red}`)
		srv := serve(t, w)
		_, _, got := crawlSites(t, cssConfig(hostOf(srv), "council.test"), nil, "http://council.test/")
		sheets := got.byURL(t)
		for _, p := range []string{"/a.css", "/b.css"} {
			if n := w.hitCount("council.test" + p); n != 1 {
				t.Errorf("%s fetched %d times, want once", p, n)
			}
			if sheets["http://council.test"+p] == nil {
				t.Errorf("%s not saved", p)
			}
		}
	})
	t.Run("sites importing each other's sheets", func(t *testing.T) {
		// a.test's sheet imports b.test's, which imports a.test's: two
		// sites crawled at once must not wait for each other for ever.
		w := newCSSWeb()
		w.page("a.test/", []string{"/x.css"})
		w.page("b.test/", []string{"/y.css"})
		w.sheet("a.test/x.css", "text/css", `@import "http://b.test/y.css";`)
		w.sheet("b.test/y.css", "text/css", `@import "http://a.test/x.css";`)
		srv := serve(t, w)
		cfg := cssConfig(hostOf(srv), "a.test", "b.test")
		done := make(chan struct{})
		go func() {
			defer close(done)
			crawlSites(t, cfg, nil, "http://a.test/", "http://b.test/")
		}()
		select {
		case <-done:
		case <-time.After(testenv.Scale(20 * time.Second)):
			t.Fatal("the crawls of two sites importing each other's sheets did not end")
		}
		for _, key := range []string{"a.test/x.css", "b.test/y.css"} {
			if n := w.hitCount(key); n != 1 {
				t.Errorf("%s fetched %d times, want once", key, n)
			}
		}
	})
}

// TestStylesheetFailures records every stylesheet that could not be
// applied, with what happened: each is bounded, and the site is crawled.
func TestStylesheetFailures(t *testing.T) {
	w := newCSSWeb()
	timeout := testenv.Scale(500 * time.Millisecond)
	sheets := []string{"/gone.css", "/html.css", "/untyped.css", "http://cdn.test/private/x.css", "http://cdn.test/open.css",
		"/huge.css", "/slow.css", "http://localhost/admin.css", "/redirected.css"}
	w.page("council.test/", sheets)
	w.handle("council.test/html.css", func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "text/html")
		fmt.Fprint(rw, "<html>not found, but 200</html>")
	})
	w.handle("council.test/untyped.css", func(rw http.ResponseWriter, r *http.Request) {
		rw.Header()["Content-Type"] = nil // no Content-Type at all, not even a sniffed one
		fmt.Fprint(rw, "a{color:red}")
	})
	w.sheet("cdn.test/robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\n")
	w.sheet("cdn.test/private/x.css", "text/css", "a{}")
	w.sheet("cdn.test/open.css", "text/css", "a{}")
	w.handle("council.test/huge.css", func(rw http.ResponseWriter, r *http.Request) {
		// Endless: a rule after another until the client hangs up.
		rw.Header().Set("Content-Type", "text/css")
		rule := []byte(".r{color:#123456}\n")
		for r.Context().Err() == nil {
			if _, err := rw.Write(rule); err != nil {
				return
			}
		}
	})
	w.handle("council.test/slow.css", func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "text/css")
		rw.WriteHeader(200)
		rc := http.NewResponseController(rw)
		for i := 0; r.Context().Err() == nil; i++ {
			fmt.Fprintf(rw, ".s%d{}", i)
			rc.Flush()
			select {
			case <-r.Context().Done():
			case <-time.After(timeout / 5):
			}
		}
	})
	w.handle("council.test/redirected.css", func(rw http.ResponseWriter, r *http.Request) {
		http.Redirect(rw, r, "http://cdn.test/open.css", http.StatusMovedPermanently)
	})
	srv := serve(t, w)
	cfg := cssConfig(hostOf(srv), "council.test", "cdn.test")
	cfg.Timeout, cfg.Retries = timeout, 0
	_, sites, got := crawlSites(t, cfg, nil, "http://council.test/")
	byURL := got.byURL(t)
	get := func(u string) *councilbench.Stylesheet {
		if !strings.HasPrefix(u, "http") {
			u = "http://council.test" + u
		}
		st := byURL[u]
		if st == nil {
			t.Fatalf("%s: not recorded", u)
		}
		return st
	}
	tests := []struct {
		url       string
		status    int
		reason    councilbench.Reason
		usable    bool
		unfetched bool
	}{
		{"/gone.css", 404, "", false, false},
		{"/html.css", 200, councilbench.ReasonNotCSS, false, false},
		{"/untyped.css", 200, "", true, false},
		{"http://cdn.test/private/x.css", 0, councilbench.ReasonRobots, false, true},
		{"http://cdn.test/open.css", 200, "", true, false},
		{"/slow.css", 200, councilbench.ReasonTimeout, false, false},
		{"http://localhost/admin.css", 0, councilbench.ReasonPrivateAddress, false, true},
		{"/redirected.css", 200, "", true, false},
	}
	for _, tt := range tests {
		st := get(tt.url)
		if st.Status != tt.status || st.Reason != tt.reason || st.Usable() != tt.usable || st.Unfetched() != tt.unfetched {
			t.Errorf("%s: status %d reason %q (%s), usable %v, unfetched %v; want %d %q, %v, %v",
				tt.url, st.Status, st.Reason, st.Error, st.Usable(), st.Unfetched(), tt.status, tt.reason, tt.usable, tt.unfetched)
		}
		if tt.reason != "" && st.Error == "" {
			t.Errorf("%s: no error message", tt.url)
		}
		if !tt.usable && st.Body != nil {
			t.Errorf("%s: a sheet a browser would not apply kept its body", tt.url)
		}
	}
	if n := w.hitCount("cdn.test/private/x.css"); n != 0 {
		t.Errorf("the sheet robots.txt disallows was fetched %d times", n)
	}
	if st := get("/redirected.css"); st.FinalURL != "http://cdn.test/open.css" {
		t.Errorf("redirected sheet: final URL %s", st.FinalURL)
	}
	huge := get("/huge.css")
	if !huge.Usable() || !huge.Truncated || len(huge.Body) != css.MaxSheetBytes {
		t.Errorf("endless sheet: usable %v, truncated %v, %d bytes; want usable, cut at %d", huge.Usable(), huge.Truncated, len(huge.Body), css.MaxSheetBytes)
	}
	if slow := get("/slow.css"); slow.FetchMS > (timeout + testenv.Scale(2*time.Second)).Milliseconds() {
		t.Errorf("slow sheet took %d ms, over the timeout of %v", slow.FetchMS, timeout)
	}
	if s := sites[0]; s.Status != councilbench.SiteDone {
		t.Errorf("site: %s/%s %q, want done", s.Status, s.Reason, s.Error)
	}
}

// TestStylesheetBudget bounds the stylesheets of one site, by number and
// by bytes: the rest are not fetched, and the site's row says so. A sheet
// another site fetched costs nothing.
func TestStylesheetBudget(t *testing.T) {
	tests := []struct {
		name      string
		max       int
		maxBytes  int64
		fetched   int
		skipped   int
		errorHave string
	}{
		{"by number", 3, 8 << 20, 3, 3, "3 stylesheets not fetched"},
		{"by bytes", 40, 2500, 3, 3, "3 stylesheets not fetched, 1 cut short"},
		{"within both", 40, 8 << 20, 6, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newCSSWeb()
			var sheets []string
			for i := 0; i < 6; i++ {
				p := fmt.Sprintf("/s%d.css", i)
				sheets = append(sheets, p)
				w.sheet("council.test"+p, "text/css", strings.Repeat("a{}", 1000/3)+"\n")
			}
			// The second site links to one sheet of the first, fetched
			// already: it costs it nothing.
			w.page("council.test/", sheets[:3], "/more")
			w.page("council.test/more", sheets)
			w.page("other.test/", []string{"http://council.test/s0.css", "/own.css"})
			w.sheet("other.test/own.css", "text/css", "b{}")
			srv := serve(t, w)
			cfg := cssConfig(hostOf(srv), "council.test", "other.test")
			cfg.MaxStylesheets, cfg.MaxStylesheetBytes = tt.max, tt.maxBytes
			sheetsSaved := &sheetCollector{}
			cfg.SaveStylesheet = sheetsSaved.save
			c, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			site := &councilbench.Site{ID: 1, Key: "council.test", StartURL: "http://council.test/"}
			res, err := c.Crawl(context.Background(), site, nil, (&collector{}).save)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for i := 0; i < 6; i++ {
				n += w.hitCount(fmt.Sprintf("council.test/s%d.css", i))
			}
			if n != tt.fetched || res.StylesheetsSkipped != tt.skipped {
				t.Errorf("fetched %d, skipped %d; want %d and %d", n, res.StylesheetsSkipped, tt.fetched, tt.skipped)
			}
			if !strings.Contains(site.Error, tt.errorHave) || (tt.errorHave == "") != (site.Error == "") {
				t.Errorf("site error %q, want it to say %q", site.Error, tt.errorHave)
			}
			other := &councilbench.Site{ID: 2, Key: "other.test", StartURL: "http://other.test/"}
			if _, err := c.Crawl(context.Background(), other, nil, (&collector{}).save); err != nil {
				t.Fatal(err)
			}
			if w.hitCount("council.test/s0.css") != 1 || w.hitCount("other.test/own.css") != 1 {
				t.Errorf("the second site fetched s0.css again, or not its own sheet")
			}
		})
	}
}

// TestStylesheetResume interrupts a crawl after its sheets were stored
// and resumes it with the pages and sheets stored so far: nothing is
// fetched twice, and the pages saved on resume find their sheets known.
func TestStylesheetResume(t *testing.T) {
	w := newCSSWeb()
	sheets := []string{"/site.css", "http://cdn.test/lib.css"}
	w.page("council.test/", sheets, "/a", "/b")
	w.page("council.test/a", sheets)
	w.page("council.test/b", append(sheets, "/b.css"))
	w.sheet("council.test/site.css", "text/css", `@import "parts.css"; body{}`)
	w.sheet("council.test/parts.css", "text/css", "p{}")
	w.sheet("council.test/b.css", "text/css", "b{}")
	w.sheet("cdn.test/lib.css", "text/css", "l{}")
	srv := serve(t, w)
	cfg := cssConfig(hostOf(srv), "council.test", "cdn.test")
	cfg.WaveSize = 1

	first := &sheetCollector{}
	cfg.SaveStylesheet = first.save
	c1, _ := New(cfg)
	ctx, cancel := context.WithCancel(context.Background())
	pages := &collector{}
	site := &councilbench.Site{ID: 1, Key: "council.test", StartURL: "http://council.test/"}
	var saved atomic.Int32
	_, err := c1.Crawl(ctx, site, nil, func(p *councilbench.Page) error {
		if p.Judgeable() && saved.Add(1) == 2 {
			// Stop at the second page, once the home page's sheets are stored.
			cancel()
			return context.Canceled
		}
		return pages.save(p)
	})
	cancel()
	if err == nil {
		t.Fatal("the crawl was not interrupted")
	}
	before := map[string]int{}
	for _, key := range []string{"council.test/site.css", "council.test/parts.css", "cdn.test/lib.css", "cdn.test/robots.txt"} {
		before[key] = w.hitCount(key)
		if before[key] != 1 {
			t.Fatalf("%s fetched %d times before the interruption, want once", key, before[key])
		}
	}

	// The resumed run: the sheets come back from the store without their
	// bodies, and the body of site.css when its imports are needed.
	stored := first.byURL(t)
	var seed []*councilbench.Stylesheet
	for _, st := range stored {
		seed = append(seed, slimSheet(st))
	}
	sort.Slice(seed, func(i, j int) bool { return seed[i].URL < seed[j].URL })
	second := &sheetCollector{}
	cfg.SaveStylesheet = second.save
	c2, _ := New(cfg)
	var loads atomic.Int32
	c2.SeedStylesheets(seed, func(u string) (*councilbench.Stylesheet, error) {
		loads.Add(1)
		return stored[u], nil
	})
	site2 := &councilbench.Site{ID: 1, Key: "council.test", StartURL: "http://council.test/"}
	if _, err := c2.Crawl(context.Background(), site2, pages.pages, func(p *councilbench.Page) error {
		if p.Judgeable() {
			for _, u := range []string{"http://council.test/site.css", "http://council.test/parts.css", "http://cdn.test/lib.css"} {
				if c2.Stylesheet(u) == nil {
					t.Errorf("%s saved on resume before %s was known", p.URL, u)
				}
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for key := range before {
		if n := w.hitCount(key); n != 1 {
			t.Errorf("%s fetched %d times in all, want once", key, n)
		}
	}
	if n := w.hitCount("council.test/b.css"); n != 1 {
		t.Errorf("b.css, new on resume, fetched %d times, want once", n)
	}
	if got := second.byURL(t); len(got) != 1 || got["http://council.test/b.css"] == nil {
		t.Errorf("the resumed run saved %v, want only b.css", keysOf(got))
	}
	if loads.Load() == 0 {
		t.Errorf("the imports of a seeded sheet were never read")
	}
}

func keysOf[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestFetchStylesheets fetches a checked page's sheets and their imports,
// with bodies, under the address guard.
func TestFetchStylesheets(t *testing.T) {
	w := newCSSWeb()
	w.page("council.test/dir/page", []string{"site.css", "http://localhost/admin.css"})
	w.sheet("council.test/dir/site.css", "text/css", `@import "/base.css"; a{}`)
	w.sheet("council.test/base.css", "text/css", "b{}")
	srv := serve(t, w)
	c, err := New(cssConfig(hostOf(srv), "council.test"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Fetch(context.Background(), "http://council.test/dir/page")
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.FetchStylesheets(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, st := range got {
		urls = append(urls, fmt.Sprintf("%s %d %s %d", st.URL, st.Depth, st.Reason, len(st.Body)))
	}
	want := []string{"http://council.test/dir/site.css 0  24", "http://council.test/base.css 1  3", "http://localhost/admin.css 0 private-address 0"}
	if strings.Join(urls, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(urls, "\n"), strings.Join(want, "\n"))
	}
}
