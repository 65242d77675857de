package survey

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/crawler"
	"github.com/councilbench/councilbench/store"
)

// response is one page of a test site.
type response struct {
	status int
	ctype  string
	body   string
}

// site serves pages by path; any other path but robots.txt answers as
// notFound does (the not-found probe lands there).
type site struct {
	pages    map[string]response
	notFound response
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	res, ok := s.pages[r.URL.Path]
	switch {
	case r.URL.Path == "/robots.txt" && !ok:
		res = response{404, "text/plain", ""}
	case !ok:
		res = s.notFound
	}
	if res.ctype != "" {
		w.Header().Set("Content-Type", res.ctype)
	}
	w.WriteHeader(res.status)
	fmt.Fprint(w, res.body)
}

const host = "www.example-council.gov.uk"

// html is a UTF-8 HTML page with a title and a body.
func html(title, body string) response {
	return response{200, "text/html; charset=utf-8", "<!doctype html><html lang=en><head><title>" + title + "</title></head><body>" + body + "</body></html>"}
}

// homePage is an ordinary council home page: a statement, a contact page and
// a task page, and a search form.
func homePage() map[string]response {
	return map[string]response{
		"/": html("Example Council", `<main><h1>Example Council</h1><form role="search" action="/search"><input name="q"></form>
			<a href="/pay-council-tax">Pay your council tax</a> <a href="/contact-us">Contact us</a>
			<a href="/accessibility-statement">Accessibility statement</a></main>`),
		"/pay-council-tax":         html("Pay your council tax", `<h1>Pay your council tax</h1><a href="https://pay.example.com/ctax">Pay now</a>`),
		"/contact-us":              html("Contact us", `<h1>Contact us</h1><p>Ring us.</p>`),
		"/accessibility-statement": html("Accessibility statement", `<h1>Accessibility statement</h1>`),
	}
}

// newSurvey serves the site on loopback, creates a survey of one council
// using it in a new store, and returns the store, the survey and a runner
// that reaches the site through --resolve.
func newSurvey(t *testing.T, h http.Handler) (*store.DB, *councilbench.Survey, *Runner) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	cfg := crawler.DefaultConfig()
	cfg.Resolve = map[string]string{host: strings.TrimPrefix(srv.URL, "http://")}
	cfg.Timeout, cfg.SiteTime, cfg.RetryBackoff = 30*time.Second, 5*time.Minute, 10*time.Millisecond
	council := councilbench.Council{Code: "EXA", Name: "Example Council", Tier: councilbench.TierShireDistrict,
		Nation: "England", Website: "http://" + host + "/"}
	s, err := Create(ctx, db, "t", cfg, false, []councilbench.Council{council})
	if err != nil {
		t.Fatal(err)
	}
	return db, s, &Runner{DB: db, Crawl: cfg, Sites: 2, Score: true}
}

// surveyed serves the site and runs a whole survey of it.
func surveyed(t *testing.T, h http.Handler) (*store.DB, *councilbench.Survey) {
	t.Helper()
	db, s, r := newSurvey(t, h)
	if err := r.Run(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	return db, s
}

// assessed returns a survey's sites and their assessments.
func assessed(t *testing.T, db *store.DB, s *councilbench.Survey) ([]*councilbench.Site, map[int64]*councilbench.SiteAssessment) {
	t.Helper()
	ctx := context.Background()
	sites, err := db.Sites(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	as, err := db.SiteAssessments(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	return sites, as
}

// onlySite returns the survey's one site and its assessment.
func onlySite(t *testing.T, db *store.DB, s *councilbench.Survey) (*councilbench.Site, *councilbench.SiteAssessment) {
	t.Helper()
	sites, as := assessed(t, db, s)
	if len(sites) != 1 {
		t.Fatalf("sites: %v", sites)
	}
	return sites[0], as[sites[0].ID]
}

// TestProbe checks the real-404 feature against what the not-found probe
// answers: a page that says "Page not found" with status 200 is a soft 404
// that says so, which the site step can only tell from the probe's facts.
func TestProbe(t *testing.T) {
	tests := []struct {
		name     string
		notFound response
		want     string
		pass     bool
	}{
		{"real 404", response{404, "text/html", "<title>Page not found</title>"}, "(404)", true},
		{"soft 404 that says so", html("Page not found | Example Council", "<h1>Sorry</h1>"), "(soft-404-text)", false},
		{"soft 404 in a heading", html("Example Council", "<h1>404: this page cannot be found</h1>"), "(soft-404-text)", false},
		{"soft 404 in Welsh", html("Heb ddod o hyd i'r dudalen", ""), "(soft-404-text)", false},
		{"soft 404", html("Example Council", "<h1>Welcome</h1>"), "(soft-404)", false},
		{"gone", response{410, "text/plain", "gone"}, "(404)", true},
		{"server error", response{500, "text/plain", "oops"}, "(other)", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, s := surveyed(t, &site{pages: homePage(), notFound: tt.notFound})
			_, a := onlySite(t, db, s)
			f := a.Feature("real-404")
			if f == nil || !f.Known || f.Pass != tt.pass || len(f.Evidence) == 0 || !strings.HasSuffix(f.Evidence[0], tt.want) {
				t.Errorf("real-404: %+v, want evidence ending %s and pass %v", f, tt.want, tt.pass)
			}
		})
	}
}

// TestSiteStepReadsNoBody checks that a survey judges each page as it is
// stored and that the site step reads no page body: it works from the
// stored scores and facts alone.
func TestSiteStepReadsNoBody(t *testing.T) {
	db, s := surveyed(t, &site{pages: homePage(), notFound: html("Page not found", "")})
	ctx := context.Background()
	if n := db.BodiesRead(); n != 0 {
		t.Errorf("a survey read %d bodies back from the store, want 0", n)
	}
	st, stored := onlySite(t, db, s)
	if !stored.Assessed || stored.Task("pay-council-tax") == nil || !stored.Task("pay-council-tax").Found {
		t.Fatalf("assessment: %+v", stored)
	}
	p, err := open(ctx, db, s)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.assessSite(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	if err := p.close(); err != nil {
		t.Fatal(err)
	}
	if n := db.BodiesRead(); n != 0 {
		t.Errorf("the site step read %d bodies, want 0", n)
	}
	_, again := onlySite(t, db, s)
	if !reflect.DeepEqual(again, stored) {
		t.Errorf("the site step gave another assessment from the same pages:\ngot  %+v\nwant %+v", again, stored)
	}
}

// TestDecodeOnce serves pages labelled windows-1252 whose bytes are UTF-8:
// the crawler's link texts and the scorer's titles must read them the same
// way (as the label says, as browsers do), since one decoder reads both.
func TestDecodeOnce(t *testing.T) {
	const label = "text/html; charset=windows-1252"
	pages := homePage()
	pages["/"] = response{200, label, `<html><head><title>Home</title></head><body><a href="/caf%C3%A9">Café and £ prices</a></body></html>`}
	pages["/café"] = response{200, label, `<html><head><title>Café and £ prices</title></head><body><h1>Café</h1></body></html>`}
	db, s := surveyed(t, &site{pages: pages, notFound: response{404, "text/plain", ""}})
	ctx := context.Background()
	st, _ := onlySite(t, db, s)
	stored, err := db.SitePages(ctx, st.ID, store.PageOptions{Judgements: true})
	if err != nil {
		t.Fatal(err)
	}
	var linkText, title string
	for _, p := range stored {
		for _, l := range p.Links {
			if strings.Contains(l.URL, "caf") {
				linkText = l.Text
			}
		}
		if strings.Contains(p.URL, "caf") && p.Facts != nil {
			title = p.Facts.Title
		}
	}
	const want = "CafÃ© and Â£ prices" // UTF-8 bytes read as windows-1252
	if linkText != want || title != want {
		t.Errorf("link text %q, title %q: want both %q", linkText, title, want)
	}
}

// stopAfter cancels a run once it has stored n pages.
type stopAfter struct {
	n      int64
	cancel context.CancelFunc
	seen   atomic.Int64
}

func (o *stopAfter) PageStored(Progress) {
	if o.seen.Add(1) == o.n {
		o.cancel()
	}
}
func (o *stopAfter) SiteDone(*councilbench.Site, Progress)   {}
func (o *stopAfter) SiteActivity(crawler.Activity, Progress) {}

// bigSite is a site of many pages, each linking on.
func bigSite() *site {
	pages := homePage()
	var links strings.Builder
	for i := range 30 {
		fmt.Fprintf(&links, `<a href="/p%d">Page %d</a> `, i, i)
		pages[fmt.Sprintf("/p%d", i)] = html(fmt.Sprintf("Page %d", i), fmt.Sprintf(`<img src="x.png"><a href="/p%d">next</a>`, (i+1)%30))
	}
	home := pages["/"]
	home.body = strings.Replace(home.body, "</main>", links.String()+"</main>", 1)
	pages["/"] = home
	return &site{pages: pages, notFound: response{404, "text/html", "<title>Not found</title>"}}
}

// TestResume stops a run part-way and runs it again: the survey ends as an
// uninterrupted one does, pages, scores and assessment alike.
func TestResume(t *testing.T) {
	ctx := context.Background()
	db, s := surveyed(t, bigSite())
	want := dump(t, db, s)

	db2, s2, r2 := newSurvey(t, bigSite())
	r2.Crawl.PerHost = 1
	stop, cancel := context.WithCancel(ctx)
	defer cancel()
	r2.Observer = &stopAfter{n: 12, cancel: cancel}
	if err := r2.Run(stop, s2); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("stopped run: %v, want ErrInterrupted", err)
	}
	r2.Observer = nil
	if err := r2.Run(ctx, s2); err != nil {
		t.Fatal(err)
	}
	if got := dump(t, db2, s2); got != want {
		t.Errorf("resumed survey differs from an uninterrupted one:\n%s", firstDiff(got, want))
	}
}

// TestRescore checks that rescoring a survey gives what the survey stored,
// reading each page's body once.
func TestRescore(t *testing.T) {
	ctx := context.Background()
	db, s := surveyed(t, bigSite())
	want := dump(t, db, s)
	res, err := Rescore(ctx, db, s)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages < 30 || res.Missing != 0 || res.Sites != 1 {
		t.Errorf("rescore: %+v", res)
	}
	if got := db.BodiesRead(); got != int64(res.Pages) {
		t.Errorf("rescore read %d bodies for %d pages, want one each", got, res.Pages)
	}
	if got := dump(t, db, s); got != want {
		t.Errorf("rescored survey differs:\n%s", firstDiff(got, want))
	}
}

// dump describes a survey's stored results, timings aside.
func dump(t *testing.T, db *store.DB, s *councilbench.Survey) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	sites, as := assessed(t, db, s)
	for _, st := range sites {
		fmt.Fprintf(&b, "site %s %s %s\n", st.Key, st.Status, st.Reason)
		pages, err := db.SitePages(ctx, st.ID, store.PageOptions{Judgements: true, Evidence: true})
		if err != nil {
			t.Fatal(err)
		}
		// Pages are stored in the order they arrive, which timing decides.
		sort.Slice(pages, func(i, j int) bool { return pages[i].URL < pages[j].URL })
		for _, p := range pages {
			fmt.Fprintf(&b, "page %s %s %d depth=%d links=%v\n", p.URL, p.Kind, p.Status, p.Depth, p.Links)
			if p.Score != nil {
				// As JSON: %+v would print the evidence's pointers.
				js, err := json.Marshal(p.Score)
				if err != nil {
					t.Fatal(err)
				}
				fmt.Fprintf(&b, "  score %s\n", js)
			}
			if p.Facts != nil {
				fmt.Fprintf(&b, "  facts %+v\n", *p.Facts)
			}
		}
		if a := as[st.ID]; a != nil {
			for i := range a.Features {
				if f := &a.Features[i]; f.Unit == "ms" {
					// The time to first byte is the network's, not the
					// site's: on loopback it may even round to 0 ms, which
					// leaves it unknown.
					f.Known, f.Pass, f.Value, f.Evidence = false, false, 0, nil
				}
			}
			fmt.Fprintf(&b, "assessment %+v\n", *a)
		}
	}
	return b.String()
}

// firstDiff returns the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\ngot  %s\nwant %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("got %d lines, want %d", len(g), len(w))
}

// TestCompareUnderOneModel checks that a report compares two surveys under
// one model: an earlier survey scored with another model is rescored when
// its bodies are stored, and shown as not comparable, with the reason, when
// they are not.
func TestCompareUnderOneModel(t *testing.T) {
	ctx := context.Background()
	db, s := surveyed(t, bigSite())
	path := filepath.Join(t.TempDir(), "s.db")
	if err := db.ExportResults(ctx, s.ID, path); err != nil { // a copy without bodies
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		file       string // "" for the survey's own file, with its bodies
		comparable bool
	}{
		{"bodies stored", "", true},
		{"results only", path, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := db
			if tt.file != "" {
				var err error
				if d, err = store.Open(ctx, tt.file); err != nil {
					t.Fatal(err)
				}
				defer d.Close()
			}
			earlier, err := d.Survey(ctx, "t")
			if err != nil {
				t.Fatal(err)
			}
			setModel(t, d, earlier, "0")
			later := &councilbench.Survey{Name: "later", StartedAt: time.Now()}
			if err := d.CreateSurvey(ctx, later, nil, nil); err != nil {
				t.Fatal(err)
			}
			site, err := Report(ctx, d, later, earlier)
			if err != nil {
				t.Fatal(err)
			}
			cmp := site.Compare
			if cmp.Comparable != tt.comparable || cmp.Note == "" {
				t.Errorf("comparison: %+v, want comparable %v with a note", cmp, tt.comparable)
			}
			scores, err := d.CouncilScores(ctx, earlier.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := "0" // left as it was
			if tt.comparable {
				want = scores[0].ModelVersion // rescored
				if want == "0" || cmp.Earlier["EXA"].Score != scores[0].Score {
					t.Errorf("earlier survey not rescored: model %s, comparison %+v", want, cmp.Earlier)
				}
			}
			if scores[0].ModelVersion != want {
				t.Errorf("earlier model version %s, want %s", scores[0].ModelVersion, want)
			}
		})
	}
}

// setModel pretends that a survey was scored with another model version.
func setModel(t *testing.T, db *store.DB, s *councilbench.Survey, v string) {
	t.Helper()
	ctx := context.Background()
	scores, err := db.CouncilScores(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	sites, as := assessed(t, db, s)
	w := db.NewWriter(s.ID)
	for _, site := range sites {
		var mine []*councilbench.CouncilScore
		for _, cs := range scores {
			if cs.Site == site.Key {
				cs.ModelVersion = v
				mine = append(mine, cs)
			}
		}
		if err := w.SaveAssessment(site.ID, as[site.ID], mine); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}
