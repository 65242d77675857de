package crawler

import (
	"net/http"
	"sync"
	"testing"
	"time"
)

// TestActivity crawls a site whose robots.txt sets a Crawl-delay and whose
// first page below the home page answers 503 once, and checks what the
// crawl reported of itself: the delay, the retry and why, every request,
// the pages against the budget, and its phases in order.
func TestActivity(t *testing.T) {
	g := &graphSite{graph: wideGraph(2), robots: "User-agent: *\nCrawl-delay: 0.05\n"}
	var once sync.Once
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		refused := false
		if r.URL.Path == "/s00" {
			once.Do(func() { refused = true })
		}
		if refused {
			g.mu.Lock()
			g.hits = append(g.hits, r.URL.Path)
			g.mu.Unlock()
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		g.ServeHTTP(w, r)
	}))
	cfg := testConfig(hostOf(srv), "council.test")
	cfg.MaxPages = 5
	var mu sync.Mutex
	var reports []Activity
	cfg.Activity = func(a Activity) {
		mu.Lock()
		defer mu.Unlock()
		reports = append(reports, a)
	}
	_, res, _ := crawl(t, cfg, "http://council.test/")

	mu.Lock()
	defer mu.Unlock()
	if len(reports) == 0 {
		t.Fatal("no activity reported")
	}
	last := reports[len(reports)-1]
	g.mu.Lock()
	requests := len(g.hits)
	g.mu.Unlock()
	got := []any{last.Site, last.Phase, last.MaxPages, last.Pages, last.CrawlDelay, last.Requests, last.Retries, last.RetryCause, last.Started.IsZero()}
	want := []any{"council.test", PhaseEnded, 5, res.Pages, 50 * time.Millisecond, requests, 1, "503 with Retry-After", false}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("last report, field %d: got %v, want %v (%+v)", i, got[i], want[i], last)
		}
	}
	if last.Ended.Before(last.Started) {
		t.Errorf("the crawl ended before it started: %+v", last)
	}
	if last.RetryAt.IsZero() {
		t.Error("the retry's time was not reported")
	}
	// Phases in order, and counts that never go back: the reports of one
	// site arrive in the order of its changes.
	order := map[Phase]int{PhaseStart: 0, PhasePages: 1, PhaseSearch: 2, PhaseEnded: 3}
	var phases []Phase
	for i, a := range reports {
		if len(phases) == 0 || phases[len(phases)-1] != a.Phase {
			phases = append(phases, a.Phase)
		}
		if i == 0 {
			continue
		}
		b := reports[i-1]
		if order[a.Phase] < order[b.Phase] || a.Requests < b.Requests || a.Pages < b.Pages || a.Retries < b.Retries {
			t.Errorf("report %d went back: %+v after %+v", i, a, b)
		}
	}
	if got, want := phases, []Phase{PhaseStart, PhasePages, PhaseEnded}; len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("phases: got %v, want %v", got, want)
	}
}

// TestActivityNotReported checks that a crawl without Config.Activity
// tracks nothing (and so costs nothing).
func TestActivityNotReported(t *testing.T) {
	cfg := DefaultConfig()
	if tr := newTracker(&cfg, nil); tr != nil {
		t.Errorf("got a tracker without Config.Activity: %+v", tr)
	}
}
