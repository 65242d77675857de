package survey

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/crawler"
	"github.com/councilbench/councilbench/css"
	"github.com/councilbench/councilbench/store"
)

const (
	otherHost = "www.other-council.gov.uk"
	cdnHost   = "cdn.example.net"
)

// styledWeb serves two councils' sites, whose pages link to a sheet of
// their own, a sheet on a CDN that both use and a sheet that is gone, and
// the CDN; it counts the requests for each host and path.
type styledWeb struct {
	mu   sync.Mutex
	hits map[string]int
	site *site
}

func newStyledWeb() *styledWeb {
	pages := homePage()
	const links = `<link rel=stylesheet href="/site.css"><link rel=stylesheet href="http://` + cdnHost + `/lib.css">` +
		`<link rel=stylesheet href="/gone.css"><link rel=stylesheet href="/print.css" media=print>`
	for path, res := range pages {
		res.body = strings.Replace(res.body, "</title>", "</title>"+links, 1)
		pages[path] = res
	}
	pages["/site.css"] = response{200, "text/css", `@import "parts.css"; main{color:#222}`}
	pages["/parts.css"] = response{200, "text/css", `h1{color:#111}`}
	pages["/lib.css"] = response{200, "text/css; charset=utf-8", `body{background:#fff}`}
	return &styledWeb{hits: map[string]int{}, site: &site{pages: pages, notFound: response{404, "text/html", "<title>Not found</title>"}}}
}

func (w *styledWeb) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	w.mu.Lock()
	w.hits[r.Host+r.URL.Path]++
	w.mu.Unlock()
	w.site.ServeHTTP(rw, r)
}

func (w *styledWeb) count(key string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.hits[key]
}

// styledSurvey serves web and creates a survey of the two councils,
// returning the store, the survey and its runner; stylesheets says
// whether the survey fetches them (false: a survey as one made before
// stylesheets were stored).
func styledSurvey(t *testing.T, web http.Handler, stylesheets bool) (*store.DB, *councilbench.Survey, *Runner) {
	t.Helper()
	srv := httptest.NewServer(web)
	t.Cleanup(srv.Close)
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	addr := strings.TrimPrefix(srv.URL, "http://")
	cfg := crawler.DefaultConfig()
	cfg.Resolve = map[string]string{host: addr, otherHost: addr, cdnHost: addr}
	cfg.Timeout, cfg.SiteTime, cfg.RetryBackoff = 30*time.Second, 5*time.Minute, 10*time.Millisecond
	if !stylesheets {
		cfg.MaxStylesheets = 0
	}
	councils := []councilbench.Council{
		{Code: "EXA", Name: "Example Council", Tier: councilbench.TierShireDistrict, Nation: "England", Website: "http://" + host + "/"},
		{Code: "OTH", Name: "Other Council", Tier: councilbench.TierShireDistrict, Nation: "England", Website: "http://" + otherHost + "/"},
	}
	s, err := Create(ctx, db, "t", cfg, false, councils)
	if err != nil {
		t.Fatal(err)
	}
	// The runner's own settings fetch stylesheets: whether a survey does
	// is the survey's, decided when it was created.
	cfg.MaxStylesheets = crawler.DefaultMaxStylesheets
	return db, s, &Runner{DB: db, Crawl: cfg, Sites: 2, Score: true}
}

// sheetRows describes the stylesheets a survey stored, by URL.
func sheetRows(t *testing.T, db *store.DB, s *councilbench.Survey) []string {
	t.Helper()
	sheets, err := db.Stylesheets(context.Background(), s.ID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, st := range sheets {
		out = append(out, fmt.Sprintf("%s %d %s depth=%d sha=%.8s", st.URL, st.Status, st.Reason, st.Depth, st.SHA256))
	}
	sort.Strings(out)
	return out
}

// TestSurveyStylesheets runs a survey of two sites that share a CDN's
// stylesheet: the survey says it fetched stylesheets, each is fetched and
// stored once, and the page step's source (which rescore builds again
// from the store, without the network) gives each sheet its state.
func TestSurveyStylesheets(t *testing.T) {
	ctx := context.Background()
	web := newStyledWeb()
	db, s, r := styledSurvey(t, web, true)
	if err := r.Run(ctx, s); err != nil {
		t.Fatal(err)
	}
	got, err := db.Survey(ctx, "t")
	if err != nil {
		t.Fatal(err)
	}
	if !got.Stylesheets {
		t.Errorf("a new survey reads Stylesheets false")
	}
	for _, key := range []string{host + "/site.css", host + "/parts.css", host + "/gone.css",
		otherHost + "/site.css", otherHost + "/parts.css", otherHost + "/gone.css", cdnHost + "/lib.css"} {
		if n := web.count(key); n != 1 {
			t.Errorf("%s fetched %d times, want once", key, n)
		}
	}
	if n := web.count(host + "/print.css"); n != 0 {
		t.Errorf("a print stylesheet was fetched %d times", n)
	}
	rows := sheetRows(t, db, s)
	if len(rows) != 7 {
		t.Errorf("stored stylesheets:\n%s\nwant 7", strings.Join(rows, "\n"))
	}
	if n := db.BodiesRead(); n != 0 {
		t.Errorf("the survey read %d page bodies back, want 0", n)
	}

	// What the page step of a rescore reads, the network gone.
	p, err := open(ctx, db, got)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	src := p.source()
	if src == nil {
		t.Fatal("no stylesheet source for a survey that stored stylesheets")
	}
	tests := []struct {
		url  string
		want css.State
	}{
		{"http://" + host + "/site.css", css.Loaded},
		{"http://" + host + "/parts.css", css.Loaded},
		{"http://" + cdnHost + "/lib.css", css.Loaded},
		{"HTTP://CDN.EXAMPLE.NET:80/lib.css", css.Loaded}, // as a page may spell it
		{"http://" + host + "/gone.css", css.Dropped},
		{"http://" + host + "/print.css", css.Missing},
	}
	for _, tt := range tests {
		if sh, state := src.Sheet(tt.url); state != tt.want || (state == css.Loaded) != (sh != nil) {
			t.Errorf("%s: state %v (sheet %v), want %v", tt.url, state, sh != nil, tt.want)
		}
	}
	if err := p.sheetsErr(); err != nil {
		t.Errorf("stylesheet source: %v", err)
	}
	if _, err := Rescore(ctx, db, got); err != nil {
		t.Errorf("rescore: %v", err)
	}
}

// TestSurveyWithoutStylesheets runs a survey made before stylesheets were
// stored (its flag is 0) with a runner that would fetch them: it fetches
// none, so all its pages are judged alike, without them, and its page
// step (and a rescore's) has no source: contrast is not assessed.
func TestSurveyWithoutStylesheets(t *testing.T) {
	ctx := context.Background()
	web := newStyledWeb()
	db, s, r := styledSurvey(t, web, false)
	if s.Stylesheets {
		t.Fatalf("a survey created without a stylesheet budget reads Stylesheets true")
	}
	if err := r.Run(ctx, s); err != nil {
		t.Fatal(err)
	}
	if rows := sheetRows(t, db, s); len(rows) != 0 {
		t.Errorf("stored stylesheets %v, want none", rows)
	}
	for _, key := range []string{host + "/site.css", cdnHost + "/lib.css"} {
		if n := web.count(key); n != 0 {
			t.Errorf("%s fetched %d times, want never", key, n)
		}
	}
	p, err := open(ctx, db, s)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	if src := p.source(); src != nil {
		t.Errorf("a survey without stylesheets has a source: %v", src)
	}
	if _, err := Rescore(ctx, db, s); err != nil {
		t.Errorf("rescore: %v", err)
	}
	// Contrast is not assessed: no page has a result, each site's rate is
	// marked so (never zero, never a pass), and the score says so.
	as, err := db.SiteAssessments(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	assessed, rated := 0, 0
	for id, a := range as {
		if !a.Assessed {
			continue
		}
		assessed++
		found := false
		for _, r := range a.Accessibility.Rules {
			if r.Rule == "color-contrast" {
				found = true
				if !r.NotAssessed || r.Failed != 0 {
					t.Errorf("site %d: color-contrast rate %+v, want not assessed", id, r)
				}
			}
		}
		if !found {
			t.Errorf("site %d: no color-contrast rate, want one marked not assessed", id)
		}
		pages, err := db.SitePages(ctx, id, store.PageOptions{Judgements: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, pg := range pages {
			if pg.Score != nil && pg.Score.Result("color-contrast") != nil {
				t.Errorf("%s: color-contrast judged without stylesheets", pg.URL)
			}
		}
	}
	scores, err := db.CouncilScores(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, cs := range scores {
		for _, c := range cs.Components {
			for _, it := range c.Items {
				if it.ID != "rules" || !it.Known {
					continue
				}
				rated++
				if !strings.Contains(it.Evidence, "not assessed: color-contrast") {
					t.Errorf("%s: the rules item says %q, not that contrast was not assessed", cs.Code, it.Evidence)
				}
			}
		}
	}
	if assessed == 0 || rated == 0 {
		t.Errorf("%d sites assessed, %d councils' rules rated: nothing to check", assessed, rated)
	}
}

// TestSurveyStylesheetsResume stops a run part-way and runs it again:
// no stylesheet is fetched twice, and the survey stores the sheets an
// uninterrupted one does.
func TestSurveyStylesheetsResume(t *testing.T) {
	ctx := context.Background()
	whole := newStyledWeb()
	db, s, r := styledSurvey(t, whole, true)
	if err := r.Run(ctx, s); err != nil {
		t.Fatal(err)
	}
	want := sheetRows(t, db, s)

	web := newStyledWeb()
	db2, s2, r2 := styledSurvey(t, web, true)
	r2.Crawl.PerHost, r2.Sites = 1, 1
	stop, cancel := context.WithCancel(ctx)
	defer cancel()
	r2.Observer = &stopAfter{n: 3, cancel: cancel}
	if err := r2.Run(stop, s2); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("stopped run: %v, want ErrInterrupted", err)
	}
	if web.count(host+"/site.css") != 1 {
		t.Fatalf("the interrupted run did not fetch the first site's sheets")
	}
	r2.Observer = nil
	if err := r2.Run(ctx, s2); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{host + "/site.css", host + "/parts.css", host + "/gone.css", cdnHost + "/lib.css", otherHost + "/site.css"} {
		if n := web.count(key); n != 1 {
			t.Errorf("%s fetched %d times over the two runs, want once", key, n)
		}
	}
	if got := sheetRows(t, db2, s2); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("resumed survey's stylesheets:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSheetsHeldUntilCommitted checks that a sheet the crawl saved is
// readable by the page step before the writer commits it, and comes from
// the store once the writer has.
func TestSheetsHeldUntilCommitted(t *testing.T) {
	ctx := context.Background()
	db, s, _ := styledSurvey(t, newStyledWeb(), true)
	sites, err := db.Sites(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	p, err := open(ctx, db, s)
	if err != nil {
		t.Fatal(err)
	}
	st := &councilbench.Stylesheet{SiteID: sites[0].ID, URL: "http://" + cdnHost + "/held.css", Status: 200,
		Body: []byte("a{}"), SHA256: "sum"}
	if err := p.w.SaveStylesheet(st); err != nil {
		t.Fatal(err)
	}
	p.sheets.hold(st)
	if got, err := p.sheets.load(st.URL); err != nil || got != st {
		t.Errorf("held sheet: got %v, %v; want the copy held", got, err)
	}
	if err := p.flush(); err != nil {
		t.Fatal(err)
	}
	if len(p.sheets.pending) != 0 {
		t.Errorf("%d sheets still held after a flush", len(p.sheets.pending))
	}
	got, err := p.sheets.load(st.URL)
	if err != nil || got == nil || string(got.Body) != "a{}" {
		t.Errorf("committed sheet: got %+v, %v; want it from the store", got, err)
	}
	if err := p.close(); err != nil {
		t.Fatal(err)
	}
}

// TestSheetsLoaderError checks that a stylesheet the store cannot read is
// an error of the run, not a sheet silently missing.
func TestSheetsLoaderError(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	sh := newSheets(ctx, db, 1)
	db.Close()
	if _, state := sh.Sheet("http://" + cdnHost + "/lib.css"); state != css.Missing {
		t.Errorf("unreadable sheet: state %v, want missing", state)
	}
	if err := sh.err(); err == nil || !strings.Contains(err.Error(), "lib.css") {
		t.Errorf("unreadable sheet: error %v, want one naming it", err)
	}
}

// TestSheetsCacheBounded checks that the run's cache of compiled sheets
// is renewed once it has compiled its share of CSS, and that a sheet is
// still served, compiled again, by the next one.
func TestSheetsCacheBounded(t *testing.T) {
	ctx := context.Background()
	db, s, _ := styledSurvey(t, newStyledWeb(), true)
	sh := newSheets(ctx, db, s.ID)
	sh.generation = 20
	urls := []string{"http://" + cdnHost + "/a.css", "http://" + cdnHost + "/b.css", "http://" + cdnHost + "/c.css"}
	for _, u := range urls {
		sh.hold(&councilbench.Stylesheet{URL: u, Status: 200, Body: []byte("p{color:#000000}"), SHA256: u})
	}
	first := sh.current()
	for _, u := range urls[:2] {
		if _, state := sh.Sheet(u); state != css.Loaded {
			t.Errorf("%s: %v, want loaded", u, state)
		}
	}
	if sh.current() == first {
		t.Errorf("the cache was not renewed after compiling %d bytes (generation %d)", sh.loaded, sh.generation)
	}
	if _, state := sh.Sheet(urls[0]); state != css.Loaded {
		t.Errorf("%s after renewal: %v, want loaded", urls[0], state)
	}
	if err := sh.err(); err != nil {
		t.Error(err)
	}
}
