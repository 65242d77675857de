package simweb

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/xml"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/internal/testenv"
)

// testOptions are small, fast options for tests.
func testOptions(seed int64) Options {
	return Options{Seed: seed, Faults: true, SlowPageDelay: 5 * time.Millisecond, PagesPerSite: 60}
}

// mustNew builds a web or fails the test.
func mustNew(t testing.TB, councils []councilbench.Council, opts Options) *Web {
	t.Helper()
	w, err := New(councils, opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return w
}

// start serves w on loopback for the rest of the test and returns a client
// that dials w.Addr() for every host, trusts the web's CA and does not
// follow redirects or ask for compression.
func start(t testing.TB, w *Web) *http.Client {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	if err := w.Start(ctx); err != nil {
		cancel()
		t.Fatalf("Start: %v", err)
	}
	c := newClient(w.Addr(), w.CertPool())
	t.Cleanup(func() {
		c.CloseIdleConnections()
		cancel()
		if err := w.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return c
}

// newClient returns a client that dials addr whatever the URL's host.
func newClient(addr string, roots *x509.CertPool) *http.Client {
	var d net.Dialer
	tr := &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return d.DialContext(ctx, "tcp", addr)
		},
		TLSClientConfig:     &tls.Config{RootCAs: roots},
		DisableCompression:  true,
		MaxIdleConnsPerHost: 4,
	}
	return &http.Client{
		Transport:     tr,
		Timeout:       testenv.Scale(20 * time.Second),
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// get fetches a URL and returns the response with its body read.
func get(t testing.TB, c *http.Client, u string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: reading body: %v", u, err)
	}
	return resp, body
}

// serve runs a request through the handler, as https unless the URL says.
func serve(w *Web, u string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, u, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	w.Handler().ServeHTTP(rec, req)
	return rec
}

// link is an <a href> of a page.
type link struct {
	url  string // absolute, without fragment; "" when not http(s)
	text string
}

// parseLinks returns every <a href> of an HTML body, resolved against base,
// and the value of the html element's lang attribute (and whether it has
// one).
func parseLinks(body []byte, base *url.URL) (links []link, lang string, hasLang bool) {
	z := html.NewTokenizer(bytes.NewReader(body))
	var cur *link
	var text strings.Builder
	for {
		switch z.Next() {
		case html.ErrorToken:
			return links, lang, hasLang
		case html.StartTagToken:
			tok := z.Token()
			switch tok.Data {
			case "html":
				for _, a := range tok.Attr {
					if a.Key == "lang" {
						lang, hasLang = a.Val, true
					}
				}
			case "a":
				for _, a := range tok.Attr {
					if a.Key != "href" {
						continue
					}
					l := link{}
					if u, err := base.Parse(a.Val); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
						u.Fragment = ""
						l.url = u.String()
					}
					links = append(links, l)
					cur = &links[len(links)-1]
					text.Reset()
				}
			}
		case html.TextToken:
			if cur != nil {
				text.Write(z.Text())
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "a" && cur != nil {
				cur.text = strings.Join(strings.Fields(text.String()), " ")
				cur = nil
			}
		}
	}
}

func TestDefaultOptions(t *testing.T) {
	o := DefaultOptions()
	if !o.Faults || o.SlowPageDelay != 1500*time.Millisecond || o.PagesPerSite != 150 {
		t.Errorf("DefaultOptions() = %+v, want faults on, 1.5s slow pages, 150 pages", o)
	}
	for _, tc := range []struct {
		in        Options
		wantDelay time.Duration
		wantPages int
	}{
		{Options{}, DefaultSlowPageDelay, DefaultPagesPerSite},
		{Options{SlowPageDelay: -1, PagesPerSite: 10}, 0, 10},
		{Options{SlowPageDelay: time.Millisecond, PagesPerSite: -3}, time.Millisecond, DefaultPagesPerSite},
	} {
		got := tc.in.normalised()
		if got.SlowPageDelay != tc.wantDelay || got.PagesPerSite != tc.wantPages {
			t.Errorf("%+v.normalised() = %v, %d pages; want %v, %d", tc.in, got.SlowPageDelay, got.PagesPerSite, tc.wantDelay, tc.wantPages)
		}
	}
}

func TestNewErrors(t *testing.T) {
	for _, tc := range []struct {
		name     string
		councils []councilbench.Council
	}{
		{"none", nil},
		{"bad scheme", []councilbench.Council{council("X", "X Council", councilbench.TierUnitary, "England", "ftp://x.gov.uk/")}},
		{"no host", []councilbench.Council{council("X", "X Council", councilbench.TierUnitary, "England", "https:///")}},
	} {
		if _, err := New(tc.councils, testOptions(1)); err == nil {
			t.Errorf("%s: New succeeded, want an error", tc.name)
		}
	}
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	manifest := func(w *Web) []byte {
		var b bytes.Buffer
		if err := w.Manifest().WriteJSON(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	cs := demoCouncils()
	a := mustNew(t, cs, testOptions(42))
	reversed := slices.Clone(cs)
	slices.Reverse(reversed)
	b := mustNew(t, reversed, testOptions(42))
	ja, jb := manifest(a), manifest(b)
	if !bytes.Equal(ja, jb) {
		t.Fatalf("same seed: manifests differ (%d and %d bytes)", len(ja), len(jb))
	}
	for _, st := range a.Manifest().Sites {
		for _, p := range st.Pages {
			ra, rb := serve(a, p.URL), serve(b, p.URL)
			if ra.Code != rb.Code || !bytes.Equal(ra.Body.Bytes(), rb.Body.Bytes()) {
				t.Fatalf("same seed: %s differs: %d, %d bytes; %d, %d bytes", p.URL, ra.Code, ra.Body.Len(), rb.Code, rb.Body.Len())
			}
		}
		for _, extra := range []string{"/robots.txt", "/sitemap.xml", "/no-such-page", "/search?q=council"} {
			u := strings.TrimSuffix(st.CanonicalURL, "/") + extra
			if u0, err := url.Parse(st.CanonicalURL); err == nil {
				u = u0.Scheme + "://" + u0.Host + extra
			}
			if !bytes.Equal(serve(a, u).Body.Bytes(), serve(b, u).Body.Bytes()) {
				t.Errorf("same seed: %s differs", u)
			}
		}
		if st.Search.Method == "get" {
			u := st.Search.Action + "?q=pay+council+tax"
			if ra, rb := serve(a, u), serve(b, u); ra.Code != http.StatusOK || !bytes.Equal(ra.Body.Bytes(), rb.Body.Bytes()) {
				t.Errorf("same seed: %s differs (%d)", u, ra.Code)
			}
		}
	}
	c := mustNew(t, cs, testOptions(43))
	if bytes.Equal(ja, manifest(c)) {
		t.Errorf("seeds 42 and 43 give the same manifest")
	}
	home := a.Manifest().Sites[0].CanonicalURL
	if bytes.Equal(serve(a, home).Body.Bytes(), serve(c, home).Body.Bytes()) {
		t.Errorf("seeds 42 and 43 give the same home page %s", home)
	}
}

func TestTasksFor(t *testing.T) {
	for _, tc := range []struct {
		tier    councilbench.Tier
		has     []string
		hasNot  []string
		wantLen int
	}{
		{councilbench.TierShireDistrict, []string{TaskPayCouncilTax, TaskReportMissedBin, TaskRegisterToVote, TaskFindCouncillor},
			[]string{TaskSchoolPlace, TaskReportPothole, TaskBlueBadge, TaskRenewLibraryBook}, 8},
		{councilbench.TierCounty, []string{TaskSchoolPlace, TaskReportPothole, TaskBlueBadge, TaskRenewLibraryBook},
			[]string{TaskPayCouncilTax, TaskReportMissedBin, TaskBinCollectionDay, TaskApplyHousing}, 4},
		{councilbench.TierUnitary, TaskIDs, nil, 12},
		{councilbench.TierMetropolitan, TaskIDs, nil, 12},
		{councilbench.TierLondonBorough, TaskIDs, nil, 12},
		{councilbench.TierDistrict, []string{TaskReportMissedBin, TaskBinCollectionDay, TaskPlanningApplication, TaskFindCouncillor},
			[]string{TaskPayCouncilTax, TaskApplyHousing, TaskSchoolPlace, TaskReportPothole, TaskRenewLibraryBook, TaskBlueBadge, TaskRegisterToVote}, 5},
	} {
		got := TasksFor(tc.tier)
		if len(got) != tc.wantLen {
			t.Errorf("TasksFor(%s) = %v (%d), want %d tasks", tc.tier, got, len(got), tc.wantLen)
		}
		for _, id := range tc.has {
			if !slices.Contains(got, id) {
				t.Errorf("TasksFor(%s) = %v, want it to have %s", tc.tier, got, id)
			}
		}
		for _, id := range tc.hasNot {
			if slices.Contains(got, id) {
				t.Errorf("TasksFor(%s) = %v, want it without %s", tc.tier, got, id)
			}
		}
	}
}

func TestTierTasks(t *testing.T) {
	cs := []councilbench.Council{
		council("SD", "Testshire District Council", councilbench.TierShireDistrict, "England", "https://www.sd.gov.uk/"),
		council("CO", "Testshire County Council", councilbench.TierCounty, "England", "https://www.co.gov.uk/"),
		council("UN", "Testton Council", councilbench.TierUnitary, "England", "https://www.un.gov.uk/"),
		council("ME", "Testby Metropolitan Borough Council", councilbench.TierMetropolitan, "England", "https://www.me.gov.uk/"),
		council("LB", "London Borough of Test", councilbench.TierLondonBorough, "England", "https://www.lb.gov.uk/"),
		council("NI", "Test and Down District Council", councilbench.TierDistrict, "Northern Ireland", "https://www.ni.gov.uk/"),
		council("WA", "Prawf County Borough Council", councilbench.TierUnitary, "Wales", "https://www.wa.gov.wales/"),
	}
	opts := testOptions(5)
	opts.Faults = false
	w := mustNew(t, cs, opts)
	for _, c := range cs {
		key, _ := councilbench.SiteKey(c.Website)
		st := w.Manifest().Site(key)
		if st == nil {
			t.Fatalf("no site %s", key)
		}
		var got []string
		for _, task := range st.Tasks {
			got = append(got, task.ID)
			if !task.Present || !task.Online || task.Depth < 1 || task.Depth > 2 {
				t.Errorf("%s: task %s: present %v, online %v, depth %d; want present, online, depth 1 or 2",
					c.Code, task.ID, task.Present, task.Online, task.Depth)
			}
			if rec := serve(w, task.URL); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), ">"+html.EscapeString(task.Name)+"<") {
				t.Errorf("%s: task page %s: status %d, want 200 with its name %q", c.Code, task.URL, rec.Code, task.Name)
			}
		}
		if want := TasksFor(c.Tier); !slices.Equal(got, want) {
			t.Errorf("%s (%s): tasks %v, want %v", c.Code, c.Tier, got, want)
		}
	}
	ni := w.Manifest().Site("ni.gov.uk")
	if ni.Task(TaskPayCouncilTax) != nil || ni.Task(TaskReportMissedBin) == nil {
		t.Errorf("NI district: council tax %v, missed bin %v; want no council tax, a missed bin task",
			ni.Task(TaskPayCouncilTax) != nil, ni.Task(TaskReportMissedBin) != nil)
	}
	co := w.Manifest().Site("co.gov.uk")
	if co.Task(TaskReportMissedBin) != nil || co.Task(TaskSchoolPlace) == nil {
		t.Errorf("county: bins %v, schools %v; want no bins, schools", co.Task(TaskReportMissedBin) != nil, co.Task(TaskSchoolPlace) != nil)
	}
	un := w.Manifest().Site("un.gov.uk")
	if un.Task(TaskReportMissedBin) == nil || un.Task(TaskSchoolPlace) == nil {
		t.Errorf("unitary: want both bins and schools")
	}
}

func TestServeManifestPages(t *testing.T) {
	t.Parallel()
	w := mustNew(t, demoCouncils(), testOptions(7))
	c := start(t, w)
	pages, pdfs := 0, 0
	for _, st := range w.Manifest().Sites {
		for _, p := range st.Pages {
			resp, body := get(t, c, p.URL)
			pages++
			if resp.StatusCode != p.Status {
				t.Errorf("%s: status %d, want %d", p.URL, resp.StatusCode, p.Status)
				continue
			}
			switch {
			case p.RedirectsTo != "":
				if got := resp.Header.Get("Location"); got != p.RedirectsTo {
					t.Errorf("%s: Location %q, want %q", p.URL, got, p.RedirectsTo)
				}
			case p.Kind == PagePDF:
				pdfs++
				if ct := resp.Header.Get("Content-Type"); ct != "application/pdf" || !bytes.HasPrefix(body, []byte("%PDF-1.")) ||
					!bytes.HasSuffix(body, []byte("%%EOF\n")) || len(body) != p.Bytes {
					t.Errorf("%s: %s of %d bytes, want a PDF of %d bytes", p.URL, ct, len(body), p.Bytes)
				}
			default:
				want := "text/html; charset=utf-8"
				if p.Charset != "" {
					want = "text/html; charset=" + p.Charset
				}
				if ct := resp.Header.Get("Content-Type"); ct != want {
					t.Errorf("%s: Content-Type %q, want %q", p.URL, ct, want)
				}
			}
		}
	}
	if pdfs == 0 {
		t.Errorf("no PDFs among %d pages", pages)
	}
	t.Logf("served %d pages (%d PDFs) through the listener", pages, pdfs)
}

func TestRedirects(t *testing.T) {
	w := mustNew(t, demoCouncils(), testOptions(11))
	c := start(t, w)
	hops := map[int]int{}
	for _, st := range w.Manifest().Sites {
		// The chain from the register's URL.
		var chain []string
		u := st.StartURL
		for len(chain) < 6 {
			resp, _ := get(t, c, u)
			if resp.StatusCode != http.StatusMovedPermanently {
				if resp.StatusCode != http.StatusOK {
					t.Errorf("%s: chain ends at %s with %d, want 200", st.Key, u, resp.StatusCode)
				}
				break
			}
			chain = append(chain, u)
			u = resp.Header.Get("Location")
		}
		if !slices.Equal(chain, st.Redirects) || normURL(u) != st.CanonicalURL {
			t.Errorf("%s: chain %v to %s, want %v to %s", st.Key, chain, u, st.Redirects, st.CanonicalURL)
		}
		hops[len(chain)]++

		// http → https, and twin or old hosts → the canonical host.
		cu, _ := url.Parse(st.CanonicalURL)
		if st.HTTPS {
			resp, _ := get(t, c, "http://"+cu.Host+"/contact?x=1")
			if got, want := resp.Header.Get("Location"), "https://"+cu.Host+"/contact?x=1"; resp.StatusCode != http.StatusMovedPermanently || got != want {
				t.Errorf("%s: http: %d to %q, want 301 to %q", st.Key, resp.StatusCode, got, want)
			}
		}
		service := ""
		if st.Search.Variant == SearchElsewhere {
			su, _ := url.Parse(st.Search.Action)
			service = su.Host
		}
		for _, h := range st.Hosts {
			if h == cu.Host || h == service {
				continue // the search service's host is tested by TestSearchElsewhere
			}
			resp, _ := get(t, c, cu.Scheme+"://"+h+"/a-page")
			loc, _ := url.Parse(resp.Header.Get("Location"))
			if resp.StatusCode != http.StatusMovedPermanently || loc == nil || loc.Host != cu.Host || loc.Path != "/a-page" {
				t.Errorf("%s: %s: %d to %v, want 301 to %s/a-page", st.Key, h, resp.StatusCode, loc, cu.Host)
			}
		}
	}
	if hops[0] == 0 || hops[1] == 0 || hops[2]+hops[3] == 0 {
		t.Errorf("redirect chains by length %v, want some of 0, 1 and 2-3 hops", hops)
	}
}

func TestRegisterURLs(t *testing.T) {
	cs := []councilbench.Council{
		council("KEN", "Kent County Council", councilbench.TierCounty, "England", "http://WWW.Kent.gov.uk:80/home"),
		council("SH1", "Shared District Council", councilbench.TierShireDistrict, "England", "https://www.shared.gov.uk/"),
		council("SH2", "Other District Council", councilbench.TierShireDistrict, "England", "https://shared.gov.uk/council/home"),
		council("BAR", "Bare Council", councilbench.TierUnitary, "England", "https://bare.gov.uk"),
	}
	for _, faults := range []bool{false, true} {
		opts := testOptions(53)
		opts.Faults = faults
		w := mustNew(t, cs, opts)
		c := start(t, w)
		for _, co := range cs {
			key, _ := councilbench.SiteKey(co.Website)
			st := w.Manifest().Site(key)
			u := co.Website
			for hops := 0; ; hops++ {
				req, _ := http.NewRequest(http.MethodHead, u, nil)
				resp, err := c.Do(req)
				if err != nil {
					t.Fatalf("HEAD %s: %v", u, err)
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusMovedPermanently || hops == 5 {
					if resp.StatusCode != http.StatusOK || normURL(u) != st.CanonicalURL {
						t.Errorf("faults %v: %s: %s leads to %s (%d), want %s (200)", faults, co.Code, co.Website, u, resp.StatusCode, st.CanonicalURL)
					}
					break
				}
				u = resp.Header.Get("Location")
			}
		}
		if st := w.Manifest().Site("kent.gov.uk"); st.StartURL != "http://WWW.Kent.gov.uk:80/home" || len(st.Redirects) == 0 {
			t.Errorf("kent: start %q, redirects %v; want the register's URL, redirected", st.StartURL, st.Redirects)
		}
	}
}

func TestHTTPAndHTTPSOnOnePort(t *testing.T) {
	cs := demoCouncils()[:1]
	opts := testOptions(3)
	opts.Faults = false
	w := mustNew(t, cs, opts)
	c := start(t, w)
	st := w.Manifest().Sites[0]
	cu, _ := url.Parse(st.CanonicalURL)
	resp, body := get(t, c, st.CanonicalURL)
	if resp.StatusCode != http.StatusOK || resp.TLS == nil || !bytes.Contains(body, []byte("<html")) {
		t.Fatalf("https %s: status %d, TLS %v, want 200 over TLS", st.CanonicalURL, resp.StatusCode, resp.TLS != nil)
	}
	if hsts := resp.Header.Get("Strict-Transport-Security"); hsts == "" {
		t.Errorf("good site %s: no Strict-Transport-Security header", st.Key)
	}
	resp, _ = get(t, c, "http://"+cu.Host+cu.Path)
	if resp.StatusCode != http.StatusMovedPermanently || resp.TLS != nil || resp.Header.Get("Location") != st.CanonicalURL {
		t.Errorf("http: status %d, TLS %v, Location %q; want a plain 301 to %s", resp.StatusCode, resp.TLS != nil,
			resp.Header.Get("Location"), st.CanonicalURL)
	}
	// The certificate names 127.0.0.1 too; an unknown host is misdirected.
	resp, _ = get(t, newClient(w.Addr(), w.CertPool()), "https://"+w.Addr()+"/")
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("https://%s/: status %d, want %d", w.Addr(), resp.StatusCode, http.StatusMisdirectedRequest)
	}
	// The PEM is the same authority.
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(w.CACertPEM()) {
		t.Fatalf("CACertPEM: no certificate")
	}
	if resp, _ := get(t, newClient(w.Addr(), pool), st.CanonicalURL); resp.StatusCode != http.StatusOK {
		t.Errorf("with CACertPEM: status %d, want 200", resp.StatusCode)
	}
	// A client that does not trust the authority fails.
	if _, err := newClient(w.Addr(), x509.NewCertPool()).Get(st.CanonicalURL); err == nil {
		t.Errorf("untrusting client: no error")
	}
}

func TestPageShape(t *testing.T) {
	t.Parallel()
	w := mustNew(t, demoCouncils(), Options{Seed: 2026, Faults: true, SlowPageDelay: -1})
	var sizes, links []int
	for _, st := range w.Manifest().Sites {
		for _, p := range st.Pages {
			if p.Kind == PagePDF || p.Status != http.StatusOK {
				continue
			}
			rec := serve(w, p.URL)
			body := rec.Body.Bytes()
			if rec.Code != p.Status {
				t.Errorf("%s: status %d, want %d", p.URL, rec.Code, p.Status)
				continue
			}
			if bytes.Contains(body, []byte("<h1>Page not found</h1>")) {
				continue // a soft 404
			}
			base, _ := url.Parse(p.URL)
			ls, _, _ := parseLinks(body, base)
			if len(body) < 20<<10 || len(body) > 120<<10 {
				t.Errorf("%s (%s): %d bytes, want 20 to 120 KB", p.URL, p.Kind, len(body))
			}
			if len(ls) < 40 || len(ls) > 200 {
				t.Errorf("%s (%s): %d links, want 40 to 200", p.URL, p.Kind, len(ls))
			}
			sizes = append(sizes, len(body))
			links = append(links, len(ls))
		}
	}
	sort.Ints(sizes)
	sort.Ints(links)
	if len(sizes) == 0 {
		t.Fatal("no pages")
	}
	t.Logf("%d HTML pages: size min %d median %d max %d; links min %d median %d max %d", len(sizes),
		sizes[0], sizes[len(sizes)/2], sizes[len(sizes)-1], links[0], links[len(links)/2], links[len(links)-1])
}

func TestDepthsMatchCrawl(t *testing.T) {
	t.Parallel()
	w := mustNew(t, demoCouncils(), testOptions(13))
	c := start(t, w)
	for _, st := range w.Manifest().Sites {
		canon, _ := url.Parse(st.CanonicalURL)
		depth := map[string]int{st.CanonicalURL: 0}
		deque := []string{st.CanonicalURL}
		for len(deque) > 0 {
			u := deque[0]
			deque = deque[1:]
			d := depth[u]
			resp, body := get(t, c, u)
			switch {
			case resp.StatusCode == http.StatusMovedPermanently:
				// A redirect costs no click: its target goes first.
				loc := resp.Header.Get("Location")
				if lu, err := url.Parse(loc); err == nil && lu.Host == canon.Host {
					if _, seen := depth[loc]; !seen {
						depth[loc] = d
						deque = append([]string{loc}, deque...)
					}
				}
			case resp.StatusCode == http.StatusOK && strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html"):
				base, _ := url.Parse(u)
				ls, _, _ := parseLinks(body, base)
				for _, l := range ls {
					lu, err := url.Parse(l.url)
					if l.url == "" || err != nil || lu.Host != canon.Host || lu.Scheme != canon.Scheme {
						continue
					}
					if _, seen := depth[l.url]; !seen {
						depth[l.url] = d + 1
						deque = append(deque, l.url)
					}
				}
			}
		}
		want := map[string]int{}
		for _, p := range st.Pages {
			if p.Depth >= 0 {
				want[p.URL] = p.Depth
			}
			if (p.Depth < 0) != p.SitemapOnly {
				t.Errorf("%s: depth %d, sitemap only %v", p.URL, p.Depth, p.SitemapOnly)
			}
		}
		for u, d := range depth {
			if wd, ok := want[u]; !ok {
				t.Errorf("%s: crawl reached %s at depth %d, not in the manifest", st.Key, u, d)
			} else if wd != d {
				t.Errorf("%s: %s: crawl depth %d, manifest depth %d", st.Key, u, d, wd)
			}
		}
		for u, d := range want {
			if _, ok := depth[u]; !ok {
				t.Errorf("%s: manifest page %s (depth %d) not reached by the crawl", st.Key, u, d)
			}
		}
	}
}

func TestGzip(t *testing.T) {
	w := mustNew(t, demoCouncils()[:3], testOptions(17))
	c := start(t, w)
	for _, st := range w.Manifest().Sites {
		_, plain := get(t, c, st.CanonicalURL)
		resp, zipped := get(t, c, st.CanonicalURL, "Accept-Encoding", "br;q=1.0, gzip;q=0.8")
		if resp.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("%s: Content-Encoding %q, want gzip", st.CanonicalURL, resp.Header.Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(bytes.NewReader(zipped))
		if err != nil {
			t.Fatalf("%s: gzip: %v", st.CanonicalURL, err)
		}
		got, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("%s: gunzip: %v", st.CanonicalURL, err)
		}
		if !bytes.Equal(got, plain) || len(zipped) >= len(plain)/2 {
			t.Errorf("%s: gzip of %d bytes inflates to %d bytes; want %d, at least halved", st.CanonicalURL, len(zipped), len(got), len(plain))
		}
		if resp, _ := get(t, c, st.CanonicalURL, "Accept-Encoding", "gzip;q=0, identity"); resp.Header.Get("Content-Encoding") != "" {
			t.Errorf("gzip;q=0: Content-Encoding %q, want none", resp.Header.Get("Content-Encoding"))
		}
	}
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"", false}, {"gzip", true}, {"deflate, gzip;q=0.5", true}, {"gzip;q=0", false}, {"gzip; q=0.0", false},
		{"*", true}, {"br", false}, {"GZIP", true}, {"x-gzip", false},
	} {
		if got := acceptsGzip(tc.in); got != tc.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// urlset is a sitemap or a sitemap index.
type urlset struct {
	URLs     []string `xml:"url>loc"`
	Sitemaps []string `xml:"sitemap>loc"`
}

func TestRobotsAndSitemaps(t *testing.T) {
	w := mustNew(t, demoCouncils(), testOptions(19))
	var delays, indexes, disallows int
	for _, st := range w.Manifest().Sites {
		cu, _ := url.Parse(st.CanonicalURL)
		origin := cu.Scheme + "://" + cu.Host
		rec := serve(w, origin+"/robots.txt")
		robots := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") ||
			!strings.Contains(robots, "Sitemap: "+origin+"/sitemap.xml\n") {
			t.Errorf("%s robots.txt: %d %q:\n%s", st.Key, rec.Code, rec.Header().Get("Content-Type"), robots)
		}
		var dis []string
		for _, line := range strings.Split(robots, "\n") {
			if v, ok := strings.CutPrefix(line, "Disallow: "); ok && v != "/" {
				dis = append(dis, v)
			}
		}
		if !slices.Equal(dis, st.RobotsDisallow) && !(len(dis) == 0 && len(st.RobotsDisallow) == 0) {
			t.Errorf("%s: Disallow %v, want %v", st.Key, dis, st.RobotsDisallow)
		}
		if got := strings.Contains(robots, "Crawl-delay: 1\n"); got != (st.CrawlDelay == 1) {
			t.Errorf("%s: Crawl-delay line %v, manifest delay %d", st.Key, got, st.CrawlDelay)
		}
		if st.CrawlDelay > 0 {
			delays++
		}
		if len(st.RobotsDisallow) > 0 {
			disallows++
		}

		var locs []string
		for i, sm := range st.Sitemaps {
			rec := serve(w, sm)
			var us urlset
			if err := xml.Unmarshal(rec.Body.Bytes(), &us); rec.Code != http.StatusOK || err != nil {
				t.Fatalf("%s: %d, %v", sm, rec.Code, err)
			}
			if i == 0 && len(st.Sitemaps) > 1 {
				indexes++
				if !slices.Equal(us.Sitemaps, st.Sitemaps[1:]) {
					t.Errorf("%s: index lists %v, want %v", sm, us.Sitemaps, st.Sitemaps[1:])
				}
			}
			locs = append(locs, us.URLs...)
		}
		var want []string
		for _, p := range st.Pages {
			if p.InSitemap {
				want = append(want, p.URL)
			}
			if p.SitemapOnly && !p.InSitemap {
				t.Errorf("%s: sitemap-only but not in the sitemap", p.URL)
			}
		}
		sort.Strings(locs)
		sort.Strings(want)
		if !slices.Equal(locs, want) {
			t.Errorf("%s: sitemaps list %d URLs, want %d", st.Key, len(locs), len(want))
		}
		if len(st.Sitemaps) == 1 {
			if rec := serve(w, origin+"/sitemap-news.xml"); rec.Code != http.StatusNotFound && !st.SoftNotFound {
				t.Errorf("%s: /sitemap-news.xml without an index: %d, want 404", st.Key, rec.Code)
			}
		}
	}
	if delays == 0 || indexes == 0 || disallows == 0 {
		t.Errorf("%d sites with a crawl delay, %d with a sitemap index, %d with Disallow lines; want some of each", delays, indexes, disallows)
	}
}

func TestNotFound(t *testing.T) {
	w := mustNew(t, demoCouncils(), testOptions(23))
	soft, hard := 0, 0
	for _, st := range w.Manifest().Sites {
		cu, _ := url.Parse(st.CanonicalURL)
		rec := serve(w, cu.Scheme+"://"+cu.Host+"/this/page/does-not-exist")
		want := http.StatusNotFound
		if st.SoftNotFound {
			want = http.StatusOK
			soft++
		} else {
			hard++
		}
		if rec.Code != want || !strings.Contains(rec.Body.String(), "Page not found") {
			t.Errorf("%s: unknown URL: %d, want %d with \"Page not found\"", st.Key, rec.Code, want)
		}
	}
	if soft == 0 || hard == 0 {
		t.Errorf("%d soft-404 sites, %d real-404 sites; want some of each", soft, hard)
	}
	if rec := serve(w, "https://unknown.example/"); rec.Code != http.StatusMisdirectedRequest {
		t.Errorf("unknown host: %d, want %d", rec.Code, http.StatusMisdirectedRequest)
	}
	st := w.Manifest().Sites[0]
	req := httptest.NewRequest(http.MethodPost, st.CanonicalURL, strings.NewReader("x=1"))
	rec := httptest.NewRecorder()
	w.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d, want %d", rec.Code, http.StatusMethodNotAllowed)
	}
}

func TestWindows1252(t *testing.T) {
	w := mustNew(t, demoCouncils(), testOptions(29))
	n := 0
	for _, st := range w.Manifest().Sites {
		for _, p := range st.Pages {
			if p.Charset == "" {
				continue
			}
			n++
			rec := serve(w, p.URL)
			body := rec.Body.Bytes()
			if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=windows-1252" {
				t.Errorf("%s: Content-Type %q, want windows-1252", p.URL, ct)
			}
			if !bytes.Contains(body, []byte{0xA3}) || utf8.Valid(body) || bytes.Contains(body, []byte(`charset="utf-8"`)) {
				t.Errorf("%s: want a £ as 0xA3, invalid UTF-8 and no utf-8 meta", p.URL)
			}
		}
	}
	if n == 0 {
		t.Errorf("no windows-1252 pages")
	}
}

func TestWelsh(t *testing.T) {
	cs := []councilbench.Council{
		council("WA", "Prawf County Borough Council", councilbench.TierUnitary, "Wales", "https://www.prawf.gov.wales/"),
		council("EN", "Test Council", councilbench.TierUnitary, "England", "https://www.test.gov.uk/"),
	}
	opts := testOptions(31)
	opts.Faults = false
	w := mustNew(t, cs, opts)
	st := w.Manifest().Site("prawf.gov.wales")
	if !st.Welsh || w.Manifest().Site("test.gov.uk").Welsh {
		t.Fatalf("Welsh: %v and %v, want a bilingual Welsh site only", st.Welsh, w.Manifest().Site("test.gov.uk").Welsh)
	}
	base, _ := url.Parse(st.CanonicalURL)
	links, lang, _ := parseLinks(serve(w, st.CanonicalURL).Body.Bytes(), base)
	var cy string
	for _, l := range links {
		if l.text == "Cymraeg" {
			cy = l.url
		}
	}
	if lang != "en" || cy == "" {
		t.Fatalf("English home: lang %q, Cymraeg link %q; want en and a link", lang, cy)
	}
	cyLinks, cyLang, _ := parseLinks(serve(w, cy).Body.Bytes(), base)
	texts := map[string]bool{}
	for _, l := range cyLinks {
		texts[l.text] = true
	}
	wants := []string{"Cynllunio", "English"}
	for _, s := range w.sites {
		if s.key == st.Key {
			for _, t := range s.tasks {
				wants = append(wants, t.welshTitle) // "Talu treth y cyngor", "Sut i dalu treth y cyngor"...
			}
		}
	}
	if len(wants) == 2 {
		t.Fatalf("no site %s", st.Key)
	}
	for _, want := range wants {
		if !texts[want] {
			t.Errorf("Welsh home %s: no link %q", cy, want)
		}
	}
	if cyLang != "cy" {
		t.Errorf("Welsh home: lang %q, want cy", cyLang)
	}
	for _, task := range st.Tasks {
		if !task.Welsh {
			t.Errorf("task %s has no Welsh version", task.ID)
			continue
		}
		rec := serve(w, task.WelshURL)
		_, l, _ := parseLinks(rec.Body.Bytes(), base)
		if rec.Code != http.StatusOK || l != "cy" {
			t.Errorf("%s: %d, lang %q; want 200 in Welsh", task.WelshURL, rec.Code, l)
		}
	}
}

func TestFaultMix(t *testing.T) {
	w := mustNew(t, demoCouncils(), DefaultOptions())
	kinds := map[string]int{}
	good := 0
	for _, st := range w.Manifest().Sites {
		for _, f := range st.Faults {
			kinds[f.Kind]++
		}
		if st.Good {
			good++
			if len(st.Faults) > 0 || !st.HasStatement || !st.HSTS || !st.HTTPS || st.LangMissing || st.SoftNotFound {
				t.Errorf("good site %s: %d faults, statement %v, HSTS %v, https %v", st.Key, len(st.Faults), st.HasStatement, st.HSTS, st.HTTPS)
			}
			for _, task := range st.Tasks {
				if !task.Present || !task.Online || task.Depth > 2 {
					t.Errorf("good site %s: task %s present %v online %v depth %d", st.Key, task.ID, task.Present, task.Online, task.Depth)
				}
			}
		} else if len(st.Faults) == 0 {
			t.Errorf("site %s is neither good nor faulty", st.Key)
		}
	}
	for _, k := range FaultKinds {
		if kinds[k] == 0 {
			t.Errorf("no %s fault in %d sites", k, len(w.Manifest().Sites))
		}
	}
	if good == 0 {
		t.Errorf("no good sites")
	}
	t.Logf("%d sites, %d good; faults %v", len(w.Manifest().Sites), good, kinds)

	opts := DefaultOptions()
	opts.Faults = false
	for _, st := range mustNew(t, demoCouncils(), opts).Manifest().Sites {
		if !st.Good || len(st.Faults) > 0 {
			t.Errorf("faults off: %s: good %v, %d faults", st.Key, st.Good, len(st.Faults))
		}
	}
}

func TestFaultsShowInBodies(t *testing.T) {
	w := mustNew(t, demoCouncils(), testOptions(37))
	seen := map[string]bool{}
	for _, st := range w.Manifest().Sites {
		for _, f := range st.Faults {
			seen[f.Kind] = true
			var body string
			var code int
			if f.URL != "" && f.Kind != FaultSlowPage {
				rec := serve(w, f.URL)
				body, code = rec.Body.String(), rec.Code
			}
			var ok bool
			switch {
			case f.Template:
				// A template fault shows on every page: the home page, a
				// content page and the "Page not found" page alike.
				ok = true
				for _, u := range []string{f.URL, contentPage(st), st.CanonicalURL + "no-such-page-xyz"} {
					ok = ok && showsTemplate(f.Kind, serve(w, u).Body.String())
				}
				ok = ok && (f.Kind != FaultLangMissing || st.LangMissing)
			case f.Kind == FaultImgNoAlt:
				ok = strings.Contains(body, `height="450" loading="lazy">`)
			case f.Kind == FaultInputNoLabel:
				ok = strings.Contains(body, `<input type="email" name="email" placeholder=`)
			case f.Kind == FaultEmptyLink:
				ok = strings.Contains(body, `class="icon-link"><svg`)
			case f.Kind == FaultLangMissing:
				ok = strings.Contains(body, "<html dir=") && st.LangMissing
			case f.Kind == FaultBrokenLink:
				ok = (code == http.StatusNotFound) != st.SoftNotFound && strings.Contains(body, "Page not found")
			case f.Kind == FaultRedirect:
				ok = code == http.StatusMovedPermanently && st.Page(f.URL).RedirectsTo != ""
			case f.Kind == FaultBuriedTask:
				p := st.Page(f.URL)
				ok = code == http.StatusOK && p != nil && p.Depth >= 4 && p.Depth <= 6
			case f.Kind == FaultMissingTask:
				ok = f.URL == "" && slices.ContainsFunc(st.Tasks, func(t TaskTruth) bool { return !t.Present && t.Depth == -1 })
			case f.Kind == FaultRobotsExclusion:
				ok = len(st.RobotsDisallow) > 0 && strings.Contains(body, "Disallow: ")
			case f.Kind == FaultNoStatement:
				ok = !st.HasStatement && !strings.Contains(body, ">Accessibility statement<")
			case f.Kind == FaultSoft404:
				ok = st.SoftNotFound
			case f.Kind == FaultLowContrast:
				ok = strings.Contains(body, `<p class="small-print">`) && strings.Contains(serve(w, cssURL(body, f.URL)).Body.String(), ".small-print{color:#a0a0a0}")
			case f.Kind == FaultSlowPage:
				t0 := time.Now()
				rec := serve(w, f.URL)
				ok = rec.Code == http.StatusOK && time.Since(t0) >= 5*time.Millisecond && st.Page(f.URL).Slow
			}
			if !ok {
				t.Errorf("%s: fault %s at %q (%s) does not show (status %d)", st.Key, f.Kind, f.URL, f.Detail, code)
			}
		}
		// And a template fault shows only where the manifest has it.
		home := serve(w, st.CanonicalURL).Body.String()
		for _, k := range []string{FaultImgNoAlt, FaultInputNoLabel, FaultEmptyLink, FaultEmptyButton, FaultLowContrast, FaultLangMissing, FaultNoViewport} {
			want := slices.ContainsFunc(st.Faults, func(f FaultTruth) bool { return f.Kind == k && f.Template })
			if got := showsTemplate(k, home); got != want {
				t.Errorf("%s: template fault %s shows %v, manifest says %v", st.Key, k, got, want)
			}
		}
		if st.Good {
			body := serve(w, st.CanonicalURL).Body.String()
			if !strings.Contains(body, `<html lang="en"`) || !strings.Contains(body, ">Accessibility statement<") {
				t.Errorf("good site %s: home page lacks lang or a statement link", st.Key)
			}
		}
	}
	for _, k := range FaultKinds {
		if !seen[k] {
			t.Errorf("fault kind %s not injected", k)
		}
	}
}

// showsTemplate reports whether a page body shows the template fault of a
// kind.
func showsTemplate(kind, body string) bool {
	switch kind {
	case FaultImgNoAlt:
		return strings.Contains(body, `/images/logo.svg" width="220"`)
	case FaultInputNoLabel:
		return strings.Contains(body, `<form class="footer-signup"`) && strings.Contains(body, `<input type="email" name="email" placeholder=`)
	case FaultEmptyLink:
		return strings.Contains(body, `class="social-link"><svg`) && !strings.Contains(body, `<span class="social-link__text">`)
	case FaultEmptyButton:
		return strings.Contains(body, `aria-controls="main-nav-list"><svg`)
	case FaultLowContrast:
		return strings.Contains(body, `<p class="copyright">`) && strings.Contains(body, ".copyright{color:#a0a0a0}")
	case FaultLangMissing:
		return strings.Contains(body, "<html dir=")
	case FaultNoViewport:
		return strings.Contains(body, "<title>") && !strings.Contains(body, `name="viewport"`)
	}
	return false
}

// contentPage returns the URL of one of a site's information pages.
func contentPage(st SiteTruth) string {
	for _, p := range st.Pages[len(st.Pages)/2:] {
		if p.Kind == PageOther && p.Status == http.StatusOK && p.RedirectsTo == "" {
			return p.URL
		}
	}
	return st.CanonicalURL
}

// cssURL returns the URL of a page's stylesheet.
func cssURL(body, pageURL string) string {
	i := strings.Index(body, `/assets/css/main.`)
	j := strings.Index(body[i:], `"`)
	base, _ := url.Parse(pageURL)
	u, _ := base.Parse(body[i : i+j])
	return u.String()
}

func TestStatsAndSlowPages(t *testing.T) {
	opts := testOptions(41)
	// Long enough that the three requests below are in flight at once,
	// even when a busy machine starts them far apart.
	opts.SlowPageDelay = testenv.Scale(150 * time.Millisecond)
	w := mustNew(t, demoCouncils(), opts)
	c := start(t, w)
	var slow string
	var key string
	for _, st := range w.Manifest().Sites {
		for _, p := range st.Pages {
			if p.Slow && slow == "" {
				slow, key = p.URL, st.Key
			}
		}
	}
	if slow == "" {
		t.Fatal("no slow page")
	}
	const n = 3
	var wg sync.WaitGroup
	t0 := time.Now()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := c.Get(slow)
			if err != nil {
				t.Errorf("GET %s: %v", slow, err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}()
	}
	wg.Wait()
	if el := time.Since(t0); el < opts.SlowPageDelay {
		t.Errorf("slow page took %v, want at least %v", el, opts.SlowPageDelay)
	}
	su, _ := url.Parse(slow)
	st := w.Stats()
	hk, _ := councilbench.SiteKey(slow)
	if got := st.Requests[su.Hostname()]; got != n {
		t.Errorf("Requests[%s] = %d, want %d", su.Hostname(), got, n)
	}
	if got := st.PeakInFlight[hk]; got != n {
		t.Errorf("PeakInFlight[%s] = %d, want %d (site %s)", hk, got, n, key)
	}
}

func TestHostsAndResolve(t *testing.T) {
	w := mustNew(t, demoCouncils(), testOptions(43))
	hosts := w.Hosts()
	if !sort.StringsAreSorted(hosts) {
		t.Errorf("Hosts() not sorted")
	}
	var want []string
	for _, st := range w.Manifest().Sites {
		want = append(want, st.Hosts...)
		cu, _ := url.Parse(st.CanonicalURL)
		su, _ := url.Parse(st.StartURL)
		if !slices.Contains(st.Hosts, cu.Hostname()) || !slices.Contains(st.Hosts, strings.ToLower(su.Hostname())) {
			t.Errorf("%s: hosts %v lack the canonical or start host", st.Key, st.Hosts)
		}
	}
	sort.Strings(want)
	if !slices.Equal(hosts, want) {
		t.Errorf("Hosts() = %d hosts, manifest has %d", len(hosts), len(want))
	}
	start(t, w)
	res := w.Resolve()
	if len(res) != len(hosts) {
		t.Errorf("Resolve() has %d hosts, want %d", len(res), len(hosts))
	}
	for h, a := range res {
		if a != w.Addr() || !strings.HasPrefix(a, "127.0.0.1:") {
			t.Errorf("Resolve()[%s] = %q, want %q", h, a, w.Addr())
		}
	}
	shared := w.Manifest().Site("adur-worthing.gov.uk")
	if shared == nil || !slices.Equal(shared.Councils, []string{"ADU", "WOT"}) {
		t.Errorf("Adur and Worthing: %+v, want one site of ADU and WOT", shared)
	}
}

func TestStartClose(t *testing.T) {
	w := mustNew(t, demoCouncils()[:2], testOptions(47))
	ctx, cancel := context.WithCancel(context.Background())
	if err := w.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if err := w.Start(ctx); err == nil {
		t.Errorf("second Start: no error")
	}
	addr := w.Addr()
	if c, err := net.Dial("tcp", addr); err != nil {
		t.Errorf("dial %s: %v", addr, err)
	} else {
		c.Close()
	}
	cancel()
	deadline := time.Now().Add(testenv.Scale(5 * time.Second))
	for {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatalf("still listening after the context ended")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := w.Close(); err != nil {
		t.Errorf("Close after cancel: %v", err)
	}
	if err := w.Start(context.Background()); err == nil {
		t.Errorf("Start after Close: no error")
	}
	done, cancel2 := context.WithCancel(context.Background())
	cancel2()
	if err := mustNew(t, demoCouncils()[:1], testOptions(1)).Start(done); err == nil {
		t.Errorf("Start with an ended context: no error")
	}
}

func TestBuildIsFast(t *testing.T) {
	cs := demoCouncils()
	t0 := time.Now()
	w := mustNew(t, cs, DefaultOptions())
	el := time.Since(t0)
	pages := 0
	for _, st := range w.Manifest().Sites {
		pages += len(st.Pages)
	}
	t.Logf("built %d sites, %d pages, %d hosts in %v", len(w.Manifest().Sites), pages, len(w.Hosts()), el)
	if limit := testenv.Scale(3 * time.Second); el > limit {
		t.Errorf("building %d councils took %v, over %v; want well under a second", len(cs), el, limit)
	}
}

func ExampleNew() {
	councils := []councilbench.Council{{
		Code: "ADU", Name: "Adur District Council", Tier: councilbench.TierShireDistrict,
		Nation: "England", Website: "https://www.adur-worthing.gov.uk/",
	}}
	opts := DefaultOptions()
	opts.Faults = false
	web, err := New(councils, opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	st := web.Manifest().Site("adur-worthing.gov.uk")
	fmt.Println(st.CanonicalURL, st.Good, len(st.Tasks))
	// Output: https://www.adur-worthing.gov.uk/ true 8
}

func BenchmarkServe(b *testing.B) {
	w := mustNew(b, demoCouncils(), Options{Seed: 1, Faults: true, SlowPageDelay: -1})
	var urls []string
	for _, st := range w.Manifest().Sites {
		for _, p := range st.Pages {
			if p.Kind != PagePDF && p.Status == http.StatusOK {
				urls = append(urls, p.URL)
			}
		}
	}
	var total int64
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		rec := serve(w, urls[i%len(urls)])
		total += int64(rec.Body.Len())
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(total)/float64(b.N), "bytes/page")
}

func BenchmarkServeGzip(b *testing.B) {
	w := mustNew(b, demoCouncils(), Options{Seed: 1, Faults: true, SlowPageDelay: -1})
	st := w.Manifest().Sites[0]
	for i := 0; b.Loop(); i++ {
		serve(w, st.Pages[i%20].URL, "Accept-Encoding", "gzip")
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

func BenchmarkParse(b *testing.B) {
	w := mustNew(b, demoCouncils(), Options{Seed: 1, Faults: true, SlowPageDelay: -1})
	st := w.Manifest().Sites[0]
	body := serve(w, st.Pages[1].URL).Body.Bytes()
	base, _ := url.Parse(st.Pages[1].URL)
	for b.Loop() {
		parseLinks(body, base)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

func BenchmarkNew(b *testing.B) {
	cs := demoCouncils()
	for b.Loop() {
		if _, err := New(cs, DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}
