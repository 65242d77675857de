package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/css"
	"github.com/councilbench/councilbench/internal/hostile"
	"github.com/councilbench/councilbench/internal/testenv"
	"github.com/councilbench/councilbench/store"
)

// The hostile-web suite: every kind of broken, slow, enormous, endless or
// malicious website, crawled end to end through `councilbench survey` with
// short budgets. Each site must end within its time and page budget with a
// clear reason, memory must stay bounded, nothing private may be reached,
// and the healthy councils surveyed beside them must come out exactly as
// they do without them.

// Budgets of the hostile surveys: short, so the suite is fast. The time
// budgets are multiplied by the test time scale (internal/testenv), since
// the healthy councils' pages must arrive within the request timeout and
// their crawls end within the site budget even on a busy machine.
var (
	hostileTimeout  = testenv.Scale(800 * time.Millisecond)
	hostileSiteTime = testenv.Scale(4 * time.Second)
	// hostileOverrun is how far past its budget a site may end: the fetch
	// under way when the budget runs out is cut short, not finished.
	hostileOverrun = testenv.Scale(time.Second)
)

const (
	hostileMaxPages = 30
	hostileMaxBody  = 2 << 20
)

// hostileArgs are the survey flags of the hostile suite.
func hostileArgs() []string {
	return []string{"--timeout", hostileTimeout.String(), "--site-time", hostileSiteTime.String(), "--retries", "1",
		"--max-pages", fmt.Sprint(hostileMaxPages), "--max-body", fmt.Sprint(hostileMaxBody), "--sites", "40", "--progress", "none"}
}

// startHostile starts the hostile web for the test and returns it with the
// flags that point a survey at it: --resolve for every fault site, and
// --ca-cert with the hostile CA and the simulated web's CA (simCA, a PEM
// file, may be "").
func startHostile(t testing.TB, opts hostile.Options, simCA string) (*hostile.Web, []string) {
	t.Helper()
	web, err := hostile.Start(opts)
	if err != nil {
		t.Skipf("hostile web: %v", err) // no 127.0.0.2 on this machine
	}
	t.Cleanup(web.Close)
	pem := web.CACertPEM()
	if simCA != "" {
		b, err := os.ReadFile(simCA)
		if err != nil {
			t.Fatal(err)
		}
		pem = append(pem, b...)
	}
	ca := filepath.Join(t.TempDir(), "cas.pem")
	if err := os.WriteFile(ca, pem, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--ca-cert", ca}
	for h, a := range web.Resolve() {
		args = append(args, "--resolve", h+"="+a)
	}
	return web, args
}

// withoutCA drops --ca-cert and its value from args.
func withoutCA(args []string) ([]string, string) {
	var out []string
	var ca string
	for i := 0; i < len(args); i++ {
		if args[i] == "--ca-cert" && i+1 < len(args) {
			ca = args[i+1]
			i++
			continue
		}
		out = append(out, args[i])
	}
	return out, ca
}

// hostileCouncil is a council whose website is the fault's site.
func hostileCouncil(i int, f hostile.Fault) councilbench.Council {
	return councilbench.Council{Code: fmt.Sprintf("H%02d", i), GSS: fmt.Sprintf("E9%07d", i), Name: "Hostile " + f.Name,
		Tier: councilbench.TierUnitary, Nation: "England", Region: "South East", Website: f.Start}
}

// siteOutcome is what the hostile suite checks of one site.
type siteOutcome struct {
	site   *councilbench.Site
	pages  []*councilbench.Page
	byURL  map[string]*councilbench.Page
	score  map[string]*councilbench.PageScore
	sheets []*councilbench.Stylesheet // the stylesheets the site fetched first
}

// sheet returns the stylesheet at path of the site, or nil.
func (o *siteOutcome) sheet(path string) *councilbench.Stylesheet {
	for _, st := range o.sheets {
		if u, err := url.Parse(st.URL); err == nil && u.RequestURI() == path {
			return st
		}
	}
	return nil
}

// page returns the page at path of the site, or nil.
func (o *siteOutcome) page(path string) *councilbench.Page {
	for _, p := range o.pages {
		if u, err := url.Parse(p.URL); err == nil && u.RequestURI() == path {
			return p
		}
	}
	return nil
}

func (o *siteOutcome) htmlPages() int {
	n := 0
	for _, p := range o.pages {
		if p.Kind == councilbench.KindHTML {
			n++
		}
	}
	return n
}

// readOutcomes reads every site of a survey with its pages and page scores.
func readOutcomes(t testing.TB, dbPath, name string) map[string]*siteOutcome {
	t.Helper()
	ctx := context.Background()
	db, s := openSurveyT(t, dbPath, name)
	defer db.Close()
	sites, err := db.Sites(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	sheets, err := db.Stylesheets(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*siteOutcome{}
	for _, site := range sites {
		ps, err := db.SitePages(ctx, site.ID, store.PageOptions{Bodies: []councilbench.PageKind{councilbench.KindRobots}, Judgements: true, Evidence: true})
		if err != nil {
			t.Fatal(err)
		}
		o := &siteOutcome{site: site, pages: ps, byURL: map[string]*councilbench.Page{}, score: map[string]*councilbench.PageScore{}}
		for _, st := range sheets {
			if st.SiteID == site.ID {
				o.sheets = append(o.sheets, st)
			}
		}
		for _, p := range ps {
			o.byURL[p.URL] = p
			if p.Score != nil {
				o.score[p.URL] = p.Score
			}
		}
		out[site.Key] = o
	}
	return out
}

// failedWith checks that the site failed with reason, and that its error
// says something.
func failedWith(reason councilbench.Reason, errorHas string) func(*testing.T, *hostile.Web, *siteOutcome) {
	return func(t *testing.T, _ *hostile.Web, o *siteOutcome) {
		if o.site.Status != councilbench.SiteFailed || o.site.Reason != reason {
			t.Errorf("site: got %s/%s (%s), want failed/%s", o.site.Status, o.site.Reason, o.site.Error, reason)
		}
		if o.site.Error == "" || !strings.Contains(o.site.Error, errorHas) {
			t.Errorf("site error %q, want one mentioning %q", o.site.Error, errorHas)
		}
	}
}

// done checks that the site was crawled, and then runs more checks.
func done(more ...func(*testing.T, *hostile.Web, *siteOutcome)) func(*testing.T, *hostile.Web, *siteOutcome) {
	return func(t *testing.T, w *hostile.Web, o *siteOutcome) {
		if o.site.Status != councilbench.SiteDone {
			t.Errorf("site: got %s/%s (%s), want done", o.site.Status, o.site.Reason, o.site.Error)
		}
		for _, m := range more {
			m(t, w, o)
		}
	}
}

// pageReasons checks the reasons recorded for pages of the site.
func pageReasons(want map[string]councilbench.Reason) func(*testing.T, *hostile.Web, *siteOutcome) {
	return func(t *testing.T, _ *hostile.Web, o *siteOutcome) {
		for path, reason := range want {
			p := o.page(path)
			if p == nil {
				t.Errorf("%s: not stored", path)
				continue
			}
			if p.Reason != reason || p.Error == "" {
				t.Errorf("%s: got reason %q (%q), want %q with a message", path, p.Reason, p.Error, reason)
			}
		}
	}
}

// truncatedHome checks that the home page was stored cut at the body cap.
func truncatedHome(t *testing.T, _ *hostile.Web, o *siteOutcome) {
	p := o.page("/")
	if p == nil || !p.Truncated || p.Size != hostileMaxBody {
		t.Errorf("home page: got %+v, want truncated at %d bytes", p, hostileMaxBody)
	}
}

// siteErrorHas checks the note on a site's row.
func siteErrorHas(s string) func(*testing.T, *hostile.Web, *siteOutcome) {
	return func(t *testing.T, _ *hostile.Web, o *siteOutcome) {
		if !strings.Contains(o.site.Error, s) {
			t.Errorf("site error %q, want it to mention %q", o.site.Error, s)
		}
	}
}

// homeScored checks that the home page was stored and scored, without a
// scorer's error: a hostile stylesheet costs the page nothing but itself.
func homeScored(t *testing.T, _ *hostile.Web, o *siteOutcome) {
	p := o.page("/")
	if p == nil {
		t.Fatalf("home page not stored")
	}
	if s := o.score[p.URL]; s == nil || s.Error != "" {
		t.Errorf("home page: score %+v, want it scored", s)
	}
}

// sheetCut checks that the stylesheet at path was stored cut at the
// stylesheet cap, and still applied.
func sheetCut(path string) func(*testing.T, *hostile.Web, *siteOutcome) {
	return func(t *testing.T, _ *hostile.Web, o *siteOutcome) {
		st := o.sheet(path)
		if st == nil || !st.Truncated || !st.Usable() || st.Bytes > 2*css.MaxSheetBytes {
			t.Errorf("%s: got %+v, want it usable, cut at %d bytes", path, st, css.MaxSheetBytes)
		}
	}
}

// fetchedOnce checks that each path was asked for exactly once.
func fetchedOnce(fault string, paths ...string) func(*testing.T, *hostile.Web, *siteOutcome) {
	return func(t *testing.T, w *hostile.Web, o *siteOutcome) {
		count := map[string]int{}
		for _, h := range w.Hits(fault) {
			count[h]++
		}
		for _, p := range paths {
			if count[p] != 1 {
				t.Errorf("%s fetched %d times, want once", p, count[p])
			}
			if o.sheet(p) == nil {
				t.Errorf("%s not recorded", p)
			}
		}
	}
}

// hostileExpect says, for each fault, what the survey must record.
var hostileExpect = map[string]func(*testing.T, *hostile.Web, *siteOutcome){
	"redirect-loop":  failedWith(councilbench.ReasonRedirectLoop, "redirect loop"),
	"redirect-chain": failedWith(councilbench.ReasonTooManyHops, "too many redirects"),
	"redirect-schemes": done(pageReasons(map[string]councilbench.Reason{"/to-ftp": councilbench.ReasonBadRedirect,
		"/to-file": councilbench.ReasonBadRedirect, "/to-javascript": councilbench.ReasonBadRedirect, "/to-data": councilbench.ReasonBadRedirect})),
	"redirect-private": done(pageReasons(map[string]councilbench.Reason{"/to-private": councilbench.ReasonPrivateAddress,
		"/to-localhost": councilbench.ReasonPrivateAddress, "/to-ten": councilbench.ReasonPrivateAddress,
		"/to-metadata": councilbench.ReasonPrivateAddress, "/to-ip6": councilbench.ReasonPrivateAddress})),
	"home-private": failedWith(councilbench.ReasonPrivateAddress, "private address"),
	"trap-calendar": done(siteErrorHas("crawler trap"), func(t *testing.T, _ *hostile.Web, o *siteOutcome) {
		n := 0
		for _, p := range o.pages {
			if strings.Contains(p.URL, "/calendar?") {
				n++
			}
		}
		if n > 20 {
			t.Errorf("%d calendar URLs stored, want at most 20 query strings for one path", n)
		}
	}),
	"trap-session": done(func(t *testing.T, _ *hostile.Web, o *siteOutcome) {
		for _, p := range o.pages {
			if l := strings.ToLower(p.URL); strings.Contains(l, "sessid") || strings.Contains(l, "jsessionid") {
				t.Errorf("a session id was kept: %s", p.URL)
			}
		}
		if o.page("/page-3") == nil {
			t.Errorf("the pages behind the session ids were not crawled")
		}
	}),
	"trap-deep": done(func(t *testing.T, _ *hostile.Web, o *siteOutcome) {
		for _, p := range o.pages {
			u, _ := url.Parse(p.URL)
			if strings.Contains(u.Path, "/a/a/a/") || strings.Contains(u.Path, "/b/b/b/") {
				t.Errorf("a repeating path was followed: %s", p.URL)
			}
		}
	}),
	"hang":         failedWith(councilbench.ReasonTimeout, "robots.txt"),
	"drip":         failedWith(councilbench.ReasonTimeout, "body"),
	"reset":        failedWith(councilbench.ReasonConnection, "body"),
	"huge-length":  done(truncatedHome),
	"huge-chunked": done(truncatedHome),
	"gzip-bomb": done(truncatedHome, func(t *testing.T, _ *hostile.Web, o *siteOutcome) {
		if p := o.page("/"); p != nil && p.Bytes > hostileMaxBody/100 {
			t.Errorf("gzip bomb: %d bytes read from the wire for %d decoded: the cap applies after decompression", p.Bytes, p.Size)
		}
	}),
	"binary": done(func(t *testing.T, _ *hostile.Web, o *siteOutcome) {
		if p := o.page("/"); p == nil || p.Status != 200 || p.Size != 256<<10 {
			t.Errorf("binary home page: got %+v", p)
		}
	}),
	"charsets": done(func(t *testing.T, _ *hostile.Web, o *siteOutcome) {
		for path, charset := range map[string]string{"/cp1252": "windows-1252", "/latin1": "windows-1252", "/utf16": "utf-16le", "/nocharset": "windows-1252"} {
			p := o.page(path)
			if p == nil {
				t.Errorf("%s: not stored", path)
				continue
			}
			var text string
			for _, l := range p.Links {
				text = l.Text
			}
			if text != "Café £ menu" {
				t.Errorf("%s: link text %q, want %q", path, text, "Café £ menu")
			}
			if s := o.score[p.URL]; s == nil || s.Charset != charset || s.Error != "" {
				t.Errorf("%s: score %+v, want decoded as %s", path, s, charset)
			}
		}
	}),
	"malformed": done(func(t *testing.T, _ *hostile.Web, o *siteOutcome) {
		if p := o.page("/nested"); p == nil {
			t.Errorf("/nested: not stored")
		} else if s := o.score[p.URL]; s == nil || !strings.Contains(s.Error, "512") {
			t.Errorf("/nested: score %+v, want the nesting error recorded", s)
		}
		if p := o.page("/attribute"); p == nil || !p.Truncated {
			t.Errorf("/attribute: got %+v, want stored truncated at the cap", p)
		}
		if p := o.page("/unclosed"); p == nil || o.score[p.URL] == nil || o.score[p.URL].Error != "" {
			t.Errorf("/unclosed: not stored and scored")
		}
	}),
	"robots-huge": done(func(t *testing.T, w *hostile.Web, o *siteOutcome) {
		if n := len(o.site.Robots); n == 0 || n > 500<<10 {
			t.Errorf("robots.txt stored with %d bytes, want at most 500 KiB", n)
		}
		for _, h := range w.Hits("robots-huge") {
			if strings.HasPrefix(h, "/private") {
				t.Errorf("disallowed %s was fetched", h)
			}
		}
		if o.page("/open") == nil {
			t.Errorf("/open not crawled")
		}
	}),
	"robots-malformed": done(func(t *testing.T, _ *hostile.Web, o *siteOutcome) {
		if o.page("/open") == nil {
			t.Errorf("/open not crawled: garbage rules must be no rules")
		}
	}),
	"robots-5xx": func(t *testing.T, w *hostile.Web, o *siteOutcome) {
		failedWith(councilbench.ReasonHTTP5xx, "RFC 9309")(t, w, o)
		for _, h := range w.Hits("robots-5xx") {
			if h != "/robots.txt" {
				t.Errorf("%s fetched although robots.txt answered 503", h)
			}
		}
	},
	"robots-404": done(func(t *testing.T, _ *hostile.Web, o *siteOutcome) {
		if o.page("/open") == nil {
			t.Errorf("/open not crawled: a missing robots.txt allows everything")
		}
	}),
	"sitemap-self": done(func(t *testing.T, w *hostile.Web, o *siteOutcome) {
		count := map[string]int{}
		for _, h := range w.Hits("sitemap-self") {
			count[h]++
		}
		if count["/sitemap.xml"] != 1 || count["/child.xml"] != 1 {
			t.Errorf("sitemaps fetched %v, want each once", count)
		}
	}),
	"sitemap-millions": done(),
	"rate-limited": done(func(t *testing.T, w *hostile.Web, o *siteOutcome) {
		at := w.HitTimes("rate-limited", "/")
		if len(at) != 2 || at[1].Sub(at[0]) < 900*time.Millisecond {
			t.Errorf("home page asked at %v, want twice, Retry-After (1s) apart", at)
		}
	}),
	"rate-limited-forever": failedWith(councilbench.ReasonRateLimited, "429"),
	"storm-503":            failedWith(councilbench.ReasonHTTP5xx, "503"),
	"css-huge":             done(homeScored, sheetCut("/huge.css")),
	"css-million-rules":    done(homeScored, sheetCut("/million.css")),
	"css-endless": done(homeScored, func(t *testing.T, _ *hostile.Web, o *siteOutcome) {
		if st := o.sheet("/endless.css"); st == nil || st.Reason != councilbench.ReasonTimeout || st.Usable() {
			t.Errorf("/endless.css: got %+v, want it recorded as a timeout, not applied", st)
		}
	}),
	"css-import-deep": done(homeScored, func(t *testing.T, w *hostile.Web, o *siteOutcome) {
		for n := 0; n <= css.MaxImportDepth; n++ {
			if st := o.sheet(fmt.Sprintf("/deep/%d.css", n)); st == nil || st.Depth != n || !st.Usable() {
				t.Errorf("/deep/%d.css: got %+v, want it fetched at depth %d", n, st, n)
			}
		}
		for _, h := range w.Hits("css-import-deep") {
			var n int
			if _, err := fmt.Sscanf(h, "/deep/%d.css", &n); err == nil && n > css.MaxImportDepth {
				t.Errorf("%s fetched, deeper than css.MaxImportDepth (%d)", h, css.MaxImportDepth)
			}
		}
	}),
	"css-import-loop": done(homeScored, fetchedOnce("css-import-loop", "/a.css", "/b.css")),
	"tls-self-signed": failedWith(councilbench.ReasonTLS, "certificate"),
	"tls-expired":     failedWith(councilbench.ReasonTLS, "expired"),
	"dns":             failedWith(councilbench.ReasonDNS, "no such host"),
}

// heapPeak samples the live heap every 10ms until stop is called, and
// returns the peak.
func heapPeak() (stop func() uint64) {
	var peak atomic.Uint64
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-quit:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	return func() uint64 { close(quit); wg.Wait(); return peak.Load() }
}

// TestHostileWeb surveys every hostile site at once beside two healthy
// councils; then a simulated web with a quarter of its sites replaced by
// hostile ones. Each hostile site must end within its budgets with a clear
// reason, nothing private may be reached, and the healthy councils' pages,
// findings and scores must equal those of a survey without hostile sites.
func TestHostileWeb(t *testing.T) {
	if testing.Short() {
		t.Skip("surveys the hostile web")
	}
	healthy := testCouncils(t, "ADU", "WOT", "KEN", "CRF", "BFS", "HRT", "SHE", "MAN")
	_, simFlags := startWeb(t, healthy, 5)
	simFlags, simCA := withoutCA(simFlags)
	web, hostileFlags := startHostile(t, hostile.Options{Drip: time.Second}, simCA)
	flags := append(append(hostileArgs(), simFlags...), hostileFlags...)
	t.Logf("budgets: --timeout %v, --site-time %v (time scale %g, %s)", hostileTimeout, hostileSiteTime, testenv.TimeScale(), testenv.ScaleVar)
	dir := t.TempDir()
	survey := func(name string, councils []councilbench.Council) (string, time.Duration) {
		t.Helper()
		db := filepath.Join(dir, name+".db")
		args := append([]string{"survey", "--db", db, "--name", name, "--register", writeRegister(t, councils)}, flags...)
		start := time.Now()
		code, stdout, stderr := runMain(t, args...)
		if code != exitOK {
			t.Fatalf("survey %s: exit %d\nstdout: %s\nstderr: %s", name, code, stdout, stderr)
		}
		return db, time.Since(start)
	}
	base, took := survey("base", healthy)
	t.Logf("baseline survey of %d healthy councils: %v", len(healthy), took.Round(time.Millisecond))

	t.Run("every fault", func(t *testing.T) {
		var councils []councilbench.Council
		for _, c := range healthy {
			if c.Code == "ADU" || c.Code == "WOT" || c.Code == "KEN" { // Adur and Worthing share a site
				councils = append(councils, c)
			}
		}
		faults := web.Faults()
		for i, f := range faults {
			councils = append(councils, hostileCouncil(i, f))
		}
		stop := heapPeak()
		db, took := survey("all", councils)
		peak := stop()
		t.Logf("%d hostile sites and 2 healthy ones in %v; peak live heap %d MiB", len(faults), took.Round(time.Millisecond), peak>>20)
		if peak > 768<<20 {
			t.Errorf("peak live heap %d MiB, want it bounded well below 768 MiB", peak>>20)
		}
		if took > 3*hostileSiteTime {
			t.Errorf("the survey took %v with sites crawled at once and a site budget of %v", took, hostileSiteTime)
		}
		got := readOutcomes(t, db, "all")
		for _, f := range faults {
			t.Run(f.Name, func(t *testing.T) {
				key, _ := councilbench.SiteKey(f.Start)
				o := got[key]
				if o == nil {
					t.Fatalf("no site row for %s", key)
				}
				if d := o.site.FinishedAt.Sub(o.site.StartedAt); d > hostileSiteTime+hostileOverrun {
					t.Errorf("the site took %v, over its budget of %v (and %v to stop)", d, hostileSiteTime, hostileOverrun)
				}
				if n := o.htmlPages(); n > hostileMaxPages+1 { // +1: the not-found probe
					t.Errorf("%d HTML pages stored, over the budget of %d", n, hostileMaxPages)
				}
				check := hostileExpect[f.Name]
				if check == nil {
					t.Fatalf("no expectation for fault %s", f.Name)
				}
				check(t, web, o)
				t.Logf("%s/%s: %s", o.site.Status, o.site.Reason, o.site.Error)
			})
		}
		if n := web.PrivateHits(); n != 0 {
			t.Errorf("private addresses were reached %d times", n)
		}
		compareHealthy(t, base, db, []string{"ADU", "WOT", "KEN"})
	})

	t.Run("a quarter hostile", func(t *testing.T) {
		// Two of the eight sites are replaced by hostile ones.
		councils := append([]councilbench.Council{}, healthy...)
		for i, c := range councils {
			if name, ok := map[string]string{"HRT": "drip", "MAN": "trap-session"}[c.Code]; ok {
				f, _ := web.Fault(name)
				councils[i].Website = f.Start
			}
		}
		db, took := survey("quarter", councils)
		t.Logf("quarter-hostile survey: %v", took.Round(time.Millisecond))
		compareHealthy(t, base, db, []string{"ADU", "WOT", "KEN", "CRF", "BFS", "SHE"})
	})
}

// compareHealthy checks that the councils' results in got equal those in
// want, timing aside.
func compareHealthy(t *testing.T, want, got string, codes []string) {
	t.Helper()
	w, g := surveyDump(t, want, "", codes), surveyDump(t, got, "", codes)
	if len(w) == 0 {
		t.Fatalf("no results for %v", codes)
	}
	for k, wv := range w {
		if gv := g[k]; gv != wv {
			t.Errorf("%s differs:\n%s", k, firstDiff(gv, wv))
		}
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(gl), len(wl)) {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			return fmt.Sprintf("line %d:\n got  %s\n want %s", i+1, g, w)
		}
	}
	return "(same)"
}

// surveyDump returns, for each council of codes (every council when codes
// is nil) the text of what the survey holds for it, without timings: its
// site's row, every page of the site with its links and accessibility
// outcome (rule results and evidence), and the council's score and
// scorecard minus the response-time feature. name "" means the file's only
// survey.
func surveyDump(t testing.TB, dbPath, name string, codes []string) map[string]string {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var survey *councilbench.Survey
	if name == "" {
		sums, err := db.Surveys(ctx)
		if err != nil || len(sums) != 1 {
			t.Fatalf("want one survey in %s: %v", dbPath, err)
		}
		survey = &sums[0].Survey
	} else if survey, err = db.Survey(ctx, name); err != nil {
		t.Fatal(err)
	}
	sites, err := db.Sites(ctx, survey.ID)
	if err != nil {
		t.Fatal(err)
	}
	scores, err := db.CouncilScores(ctx, survey.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, c := range codes {
		want[c] = true
	}
	out := map[string]string{}
	for _, site := range sites {
		var b strings.Builder
		fmt.Fprintf(&b, "site %s %s %s %q final=%s redirects=%v robots=%d\n", site.Key, site.Status, site.Reason, site.Error, site.FinalURL, site.Redirects, len(site.Robots))
		pages, err := db.SitePages(ctx, site.ID, store.PageOptions{Judgements: true, Evidence: true})
		if err != nil {
			t.Fatal(err)
		}
		sort.Slice(pages, func(i, j int) bool { return pages[i].URL < pages[j].URL })
		for _, p := range pages {
			fmt.Fprintf(&b, "page %s final=%s kind=%s status=%d depth=%d sitemap=%v truncated=%v size=%d reason=%s bot=%v redirects=%v\n",
				p.URL, p.FinalURL, p.Kind, p.Status, p.Depth, p.SitemapOnly, p.Truncated, p.Size, p.Reason, p.Bot, p.Redirects)
			for _, l := range p.Links {
				fmt.Fprintf(&b, "  link %s %q %v\n", l.URL, l.Text, l.External)
			}
			if s := p.Score; s != nil {
				fmt.Fprintf(&b, "  score charset=%s elements=%d limited=%v error=%q\n", s.Charset, s.Elements, s.Limited, s.Error)
				for _, r := range s.Results {
					fmt.Fprintf(&b, "  rule %s v%d %s %d/%d %v\n", r.Rule, r.Version, r.Outcome, r.FailureCount, r.Applicable, r.Failures)
				}
			}
			if f := p.Facts; f != nil {
				fmt.Fprintf(&b, "  facts %+v\n", *f)
			}
		}
		for _, code := range site.Councils {
			if codes != nil && !want[code] {
				continue
			}
			var s strings.Builder
			s.WriteString(b.String())
			for _, c := range scores {
				if c.Code == code {
					card, err := json.Marshal(c)
					if err != nil {
						t.Fatal(err)
					}
					fmt.Fprintf(&s, "council %s assessed=%v reason=%s score=%.3f stars=%d pass=%v note=%q\n%s\n",
						c.Code, c.Assessed, c.Reason, c.Score, c.Stars, c.AccessibilityPass, c.StarsNote, withoutTiming(t, string(card)))
				}
			}
			out[code] = s.String()
		}
	}
	return out
}

// withoutTiming returns a scorecard's JSON without the response-time
// feature, which measures the network, not the site.
func withoutTiming(t testing.TB, card string) string {
	var m map[string]any
	if err := json.Unmarshal([]byte(card), &m); err != nil {
		t.Fatalf("scorecard: %v", err)
	}
	if fs, ok := m["features"].([]any); ok {
		kept := fs[:0]
		for _, f := range fs {
			if fm, ok := f.(map[string]any); ok && fm["id"] == "response-time" {
				continue
			}
			kept = append(kept, f)
		}
		m["features"] = kept
	}
	b, _ := json.MarshalIndent(m, "", " ")
	return string(b)
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
