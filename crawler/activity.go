package crawler

import (
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/councilbench/councilbench"
)

// Activity is what one site's crawl is doing, as far as it bears on how long
// the crawl takes, so that a progress display can name a slow site and say
// why it is slow. The crawler reports it through Config.Activity.
type Activity struct {
	Site     string        // the site's key
	Started  time.Time     // when the site's crawl began
	Ended    time.Time     // when it ended (PhaseEnded): what follows is the caller's (storing, scoring)
	Phase    Phase         // what the crawl is at
	SiteTime time.Duration // the site's time budget (Config.SiteTime)
	MaxPages int           // the site's page budget (Config.MaxPages)
	// Pages counts the budgeted pages fetched or replayed so far, the home
	// page included: the crawl ends at MaxPages, or sooner when the site
	// has no more links to follow.
	Pages int
	// Searched counts the requests made to the site's own search (its
	// queries and result pages), of at most SearchBudget.
	Searched     int
	SearchBudget int
	// CrawlDelay is the Crawl-delay of the site's robots.txt that the crawl
	// obeys (capped at 10 s): one request at a time, this far apart. 0 for
	// none.
	CrawlDelay time.Duration
	// Requests counts the HTTP requests made for the site (its pages,
	// robots.txt, sitemaps, stylesheets, searches), retries included, and
	// ResponseTime adds up how long they took.
	Requests     int
	ResponseTime time.Duration
	// Retries counts the requests made again after a timeout, a dropped
	// connection, 429 or 5xx; RetryCause says why the last one was (as
	// "503", "429 with Retry-After", "timeout"), and RetryAt when it
	// starts.
	Retries    int
	RetryCause string
	RetryAt    time.Time
}

// Phase is what a site's crawl is at.
type Phase string

// The phases of a site's crawl, in order.
const (
	PhaseStart  Phase = "start"  // robots.txt, the home page, the probe and the sitemaps
	PhasePages  Phase = "pages"  // spending the page budget
	PhaseSearch Phase = "search" // asking the site's own search (Config.PlanSearch)
	PhaseEnded  Phase = "ended"  // Crawl has returned
)

// MeanResponse returns the mean time a request to the site took, or 0
// before any ended.
func (a Activity) MeanResponse() time.Duration {
	if a.Requests == 0 {
		return 0
	}
	return a.ResponseTime / time.Duration(a.Requests)
}

// tracker keeps a site's Activity and reports each change. A nil tracker
// (Fetch, FetchStylesheets) reports nothing.
type tracker struct {
	report func(Activity)
	mu     sync.Mutex
	a      Activity
}

func newTracker(cfg *Config, site *councilbench.Site) *tracker {
	if cfg.Activity == nil {
		return nil
	}
	return &tracker{report: cfg.Activity, a: Activity{Site: site.Key, Phase: PhaseStart, SiteTime: cfg.SiteTime,
		MaxPages: cfg.MaxPages, SearchBudget: cfg.SearchBudget}}
}

// update changes the activity and reports it. The report is made under the
// lock, so that the reports of one site arrive in the order of its
// changes.
func (t *tracker) update(change func(*Activity)) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	change(&t.a)
	t.report(t.a)
}

// fetched records a request that ended after took.
func (t *tracker) fetched(took time.Duration) {
	t.update(func(a *Activity) {
		a.Requests++
		a.ResponseTime += took
	})
}

// retrying records a request to be made again after wait, because of p.
func (t *tracker) retrying(p *councilbench.Page, wait time.Duration) {
	t.update(func(a *Activity) {
		a.Retries++
		a.RetryCause = retryCause(p)
		a.RetryAt = time.Now().Add(wait)
	})
}

// retryCause says in a few words why p is tried again.
func retryCause(p *councilbench.Page) string {
	switch {
	case p.Reason != "":
		return string(p.Reason)
	case p.Header.Get("Retry-After") != "" && (p.Status == http.StatusTooManyRequests || p.Status == http.StatusServiceUnavailable):
		return fmt.Sprintf("%d with Retry-After", p.Status)
	}
	return fmt.Sprint(p.Status)
}
