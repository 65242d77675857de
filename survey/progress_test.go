package survey

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/crawler"
	"github.com/councilbench/councilbench/store"
)

// recorder keeps every event of a run.
type recorder struct {
	mu       sync.Mutex
	stored   []Progress
	done     []Progress
	activity []crawler.Activity
	during   []Progress // the progress given with each activity
}

func (r *recorder) PageStored(p Progress) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stored = append(r.stored, p)
}

func (r *recorder) SiteDone(_ *councilbench.Site, p Progress) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.done = append(r.done, p)
}

func (r *recorder) SiteActivity(a crawler.Activity, p Progress) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.activity = append(r.activity, a)
	r.during = append(r.during, p)
}

// TestProgress runs a survey of a site with a Crawl-delay, a page that
// answers 500 and a sitemap that is missing, and checks what its observer
// heard: the counts at the end equal what the store holds (a page error is
// a page or document that failed, not a missing sitemap or the not-found
// probe), and the running site is named, with its Crawl-delay, until it is
// done.
func TestProgress(t *testing.T) {
	pages := homePage()
	pages["/"] = html("Example Council", `<main><a href="/contact-us">Contact us</a> <a href="/broken">Broken</a></main>`)
	pages["/broken"] = response{500, "text/plain", "oops"}
	pages["/robots.txt"] = response{200, "text/plain", "User-agent: *\nCrawl-delay: 0.05\nSitemap: http://" + host + "/sitemap.xml\n"}
	db, s, r := newSurvey(t, &site{pages: pages, notFound: response{404, "text/html", "<title>Not found</title>"}})
	rec := &recorder{}
	r.Observer = rec
	ctx := context.Background()
	if err := r.Run(ctx, s); err != nil {
		t.Fatal(err)
	}
	st, _ := onlySite(t, db, s)
	stored, err := db.SitePages(ctx, st.ID, store.PageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var errs, surveyErrs int64
	for _, p := range stored {
		failed := p.Reason != "" || p.Status >= 400
		switch {
		case failed && p.SurveyRequest():
			surveyErrs++
		case failed:
			errs++
		}
	}
	if errs != 1 || surveyErrs == 0 {
		t.Fatalf("the test site should store one failed page and a failed survey request: %d and %d", errs, surveyErrs)
	}

	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.done) != 1 || len(rec.stored) == 0 || len(rec.activity) == 0 {
		t.Fatalf("events: %d site done, %d pages stored, %d activities", len(rec.done), len(rec.stored), len(rec.activity))
	}
	end := rec.done[0]
	got := []any{end.Sites, end.SitesEnded, end.SitesFailed, end.Pages, end.PageErrors, len(end.Running)}
	want := []any{1, 1, int64(0), int64(len(stored)), errs, 0}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("progress at the end, field %d: got %v, want %v (%+v)", i, got[i], want[i], end)
		}
	}
	for _, p := range rec.stored {
		if len(p.Running) != 1 || p.Running[0].Site != st.Key {
			t.Errorf("while its pages are stored, the site should be running: %+v", p.Running)
			break
		}
	}
	last := rec.activity[len(rec.activity)-1]
	if last.Site != st.Key || last.CrawlDelay != 50*time.Millisecond || last.Phase != crawler.PhaseEnded {
		t.Errorf("the site's last activity: %+v", last)
	}
	if p := rec.during[len(rec.during)-1]; len(p.Running) != 1 || p.Running[0] != last {
		t.Errorf("the progress given with an activity should hold it: %+v", p.Running)
	}
}

// TestURLSetCountsOnce checks that a URL saved again in a run, which the
// store ignores, is not counted again.
func TestURLSetCountsOnce(t *testing.T) {
	var s urlSet
	var got []bool
	for _, u := range []string{"https://a.gov.uk/robots.txt", "https://b.gov.uk/", "https://a.gov.uk/robots.txt", "https://a.gov.uk/robots.txt?"} {
		got = append(got, s.first(u))
	}
	want := []bool{true, true, false, true}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("URL %d: got %v, want %v", i, got[i], want[i])
		}
	}
}
