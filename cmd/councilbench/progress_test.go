package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/crawler"
	"github.com/councilbench/councilbench/store"
	"github.com/councilbench/councilbench/survey"
)

// TestBarLines renders the bar for states of a survey: the time left is
// never "0s" while sites run, and near the end the sites still running are
// named with why they are slow.
func TestBarLines(t *testing.T) {
	now := time.Date(2026, 12, 2, 1, 0, 0, 0, time.UTC)
	ago := func(d time.Duration) time.Time { return now.Add(-d) }
	delayed := crawler.Activity{Site: "adur-worthing.gov.uk", Started: ago(72 * time.Second), Phase: crawler.PhasePages,
		SiteTime: 30 * time.Minute, MaxPages: 200, Pages: 41, CrawlDelay: time.Second, Requests: 45, ResponseTime: 2 * time.Second}
	retrying := crawler.Activity{Site: "kent.gov.uk", Started: ago(50 * time.Second), Phase: crawler.PhasePages,
		SiteTime: 30 * time.Minute, MaxPages: 200, Pages: 12, Requests: 10, ResponseTime: 23 * time.Second,
		Retries: 1, RetryCause: "503 with Retry-After", RetryAt: now.Add(25 * time.Second)}
	tests := []struct {
		name    string
		pr      survey.Progress
		before  int
		elapsed time.Duration
		width   int
		want    []string
	}{
		{
			name: "start", pr: survey.Progress{Sites: 40}, elapsed: 5 * time.Second, width: 100,
			want: []string{
				"0 of 40 websites ended [                        ]   0% · 5s · time left not known yet",
				"0 websites failed · 0 pages · 0 page errors",
			},
		},
		{
			name: "half way", elapsed: 2 * time.Minute, width: 100,
			pr: survey.Progress{Sites: 40, SitesEnded: 20, SitesFailed: 2, Pages: 12345, PageErrors: 51,
				Running: []crawler.Activity{delayed, retrying}},
			want: []string{
				"20 of 40 websites ended [████████████            ]  50% · 2m · about 2m left",
				"2 websites failed · 12,345 pages · 51 page errors",
			},
		},
		{
			name: "a short estimate is never 0s", elapsed: time.Second, width: 100,
			pr: survey.Progress{Sites: 40, SitesEnded: 39},
			want: []string{
				"39 of 40 websites ended [███████████████████████ ]  97% · 1s · about 10s left",
				"0 websites failed · 0 pages · 0 page errors",
			},
		},
		{
			name: "the last two sites, a Crawl-delay and a retry", elapsed: 3*time.Minute + 41*time.Second, width: 130,
			pr: survey.Progress{Sites: 40, SitesEnded: 38, Pages: 7021, PageErrors: 28,
				Running: []crawler.Activity{delayed, retrying}},
			want: []string{
				"38 of 40 websites ended [██████████████████████  ]  95% · 3m41s · waiting on 2 sites",
				"0 websites failed · 7,021 pages · 28 page errors",
				"  adur-worthing.gov.uk: Crawl-delay 1 s · 41 of 200 pages · running 1m12s",
				"  kent.gov.uk: retry in 25 s after 503 with Retry-After · slow responses (2.3 s on average) · 12 of 200 pages · running 50s",
			},
		},
		{
			name: "resumed: no estimate before a site of this run ends", before: 30, elapsed: 10 * time.Second, width: 100,
			pr: survey.Progress{Sites: 40, SitesEnded: 30, SitesFailed: 3, Running: []crawler.Activity{delayed}},
			want: []string{
				"30 of 40 websites ended [██████████████████      ]  75% · 10s · time left not known yet",
				"3 websites failed · 0 pages · 0 page errors",
			},
		},
		{
			name: "more running than named", elapsed: 10 * time.Minute, width: 130,
			pr: survey.Progress{Sites: 10, SitesEnded: 4, Running: []crawler.Activity{
				{Site: "a.gov.uk", Started: ago(9 * time.Minute), Phase: crawler.PhaseStart},
				{Site: "b.gov.uk", Started: ago(8 * time.Minute), Phase: crawler.PhaseSearch, Pages: 200, Searched: 7, SearchBudget: 60,
					Retries: 3, RetryCause: "timeout", RetryAt: ago(time.Minute)},
				{Site: "c.gov.uk", Started: ago(16 * time.Minute), Phase: crawler.PhasePages, Pages: 80, MaxPages: 200, SiteTime: 30 * time.Minute},
				{Site: "d.gov.uk", Started: ago(7 * time.Second), Ended: ago(2 * time.Second), Phase: crawler.PhaseEnded, Pages: 9},
				{Site: "e.gov.uk", Started: ago(6 * time.Second)},
				{Site: "f.gov.uk", Started: ago(5 * time.Second)},
			}},
			want: []string{
				"4 of 10 websites ended [█████████               ]  40% · 10m · waiting on 6 sites",
				"0 websites failed · 0 pages · 0 page errors",
				"  a.gov.uk: reading robots.txt, the home page and sitemaps · running 9m",
				"  b.gov.uk: 3 retries, the last after timeout · 200 pages, asking the site's search (7 of at most 60 requests) · running 8m",
				"  c.gov.uk: 80 of 200 pages · running 16m of its 30m budget",
				"  d.gov.uk: 9 pages, crawled; storing and assessing for 2s · running 7s",
				"  and 2 more",
			},
		},
		{
			name: "cut to the terminal's width", elapsed: time.Minute, width: 40,
			pr: survey.Progress{Sites: 40, SitesEnded: 39, Running: []crawler.Activity{delayed}},
			want: []string{
				"39 of 40 websites ended [█████████████…",
				"0 websites failed · 0 pages · 0 page e…",
				"  adur-worthing.gov.uk: Crawl-delay 1 …",
			},
		},
		{
			name: "all ended", elapsed: time.Hour + 90*time.Second, width: 100,
			pr: survey.Progress{Sites: 40, SitesEnded: 40, SitesFailed: 1, Pages: 1000000, PageErrors: 1000},
			want: []string{
				"40 of 40 websites ended [████████████████████████] 100% · 1h2m · all ended",
				"1 websites failed · 1,000,000 pages · 1,000 page errors",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := barLines(tt.pr, tt.before, tt.elapsed, now, tt.width)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestTimeLeftNeverZero checks that no state with sites left says "0s".
func TestTimeLeftNeverZero(t *testing.T) {
	for ended := 0; ended < 40; ended++ {
		for _, running := range []int{0, 1, 16} {
			for _, elapsed := range []time.Duration{0, time.Millisecond, time.Second, time.Hour} {
				pr := survey.Progress{Sites: 40, SitesEnded: ended, Running: make([]crawler.Activity, running)}
				if got := timeLeft(pr, 0, elapsed); strings.Contains(got, " 0") || strings.HasPrefix(got, "0") {
					t.Errorf("%d of 40 ended, %d running, after %s: %q", ended, running, elapsed, got)
				}
			}
		}
	}
}

// TestLogNamesWaitingSites checks that near the end the log's line for a
// site that ended names the sites still running, and why, as the bar does.
func TestLogNamesWaitingSites(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, "log", 3, 0)
	delayed := crawler.Activity{Site: "adur-worthing.gov.uk", Started: time.Now(), Phase: crawler.PhasePages,
		MaxPages: 200, Pages: 41, CrawlDelay: time.Second}
	p.SiteDone(&councilbench.Site{Key: "kent.gov.uk", Status: councilbench.SiteDone},
		survey.Progress{Sites: 3, SitesEnded: 1, Pages: 10, Running: []crawler.Activity{delayed}})
	p.SiteDone(&councilbench.Site{Key: "kent.gov.uk", Status: councilbench.SiteDone},
		survey.Progress{Sites: 3, SitesEnded: 2, Pages: 20, Running: []crawler.Activity{delayed}})
	p.finish()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("log:\n%s", buf.String())
	}
	const want = `waiting_on="adur-worthing.gov.uk: Crawl-delay 1 s · 41 of 200 pages · running `
	if strings.Contains(lines[0], "waiting_on") {
		t.Errorf("a site is still to start, yet the log names the running ones: %s", lines[0])
	}
	if !strings.Contains(lines[1], want) {
		t.Errorf("got %s\nwant it to contain %s", lines[1], want)
	}
}

// TestLogWaitsQuietly checks that the log says what the survey waits on
// when it has been quiet for 15 s near the end, and not sooner or before
// the end.
func TestLogWaitsQuietly(t *testing.T) {
	var buf bytes.Buffer
	p := &progress{w: &buf, log: slog.New(slog.NewTextHandler(&buf, nil))}
	t0 := time.Now()
	p.logged = t0
	delayed := crawler.Activity{Site: "welhat.gov.uk", Started: t0, Phase: crawler.PhaseSearch, Pages: 49,
		Searched: 7, SearchBudget: 72, CrawlDelay: time.Second}
	p.PageStored(survey.Progress{Sites: 3, SitesEnded: 1, Pages: 5, Running: []crawler.Activity{delayed}})
	p.tickAt(t0.Add(20 * time.Second)) // a site is still to start: not the end
	p.PageStored(survey.Progress{Sites: 3, SitesEnded: 2, Pages: 6, Running: []crawler.Activity{delayed}})
	p.tickAt(t0.Add(14 * time.Second)) // quiet, but not for long enough
	p.tickAt(t0.Add(15 * time.Second))
	p.tickAt(t0.Add(16 * time.Second)) // it has just said so
	got := strings.Split(strings.TrimSpace(buf.String()), "\n")
	const want = `msg=waiting websites=3 websites_ended=2 websites_failed=0 pages=6 page_errors=0 ` +
		`waiting_on="welhat.gov.uk: Crawl-delay 1 s · 49 pages, asking the site's search (7 of at most 72 requests) · running 15s"`
	if len(got) != 1 || !strings.HasSuffix(got[0], want) {
		t.Errorf("got\n%s\nwant one line ending\n%s", buf.String(), want)
	}
}

// TestBarRedraws checks that each frame of the bar goes back to the first
// line of the one before and clears what is left of it.
func TestBarRedraws(t *testing.T) {
	var buf bytes.Buffer
	t0 := time.Now()
	p := &progress{w: &buf, bar: true, width: func() int { return 80 }, start: t0}
	delayed := crawler.Activity{Site: "welhat.gov.uk", Started: t0, Phase: crawler.PhasePages, Pages: 4, MaxPages: 200}
	p.last = survey.Progress{Sites: 3, SitesEnded: 1, Running: []crawler.Activity{delayed, delayed}}
	p.draw(t0)
	first := buf.String()
	buf.Reset()
	p.last = survey.Progress{Sites: 3, SitesEnded: 3}
	p.draw(t0)
	second := buf.String()
	if n := strings.Count(first, "\n"); !strings.HasPrefix(first, "\r1 of 3") || n != 3 {
		t.Errorf("first frame: %q (%d newlines, want 3)", first, n)
	}
	if !strings.HasPrefix(second, "\r\x1b[3A3 of 3") || !strings.HasSuffix(second, "\x1b[K\x1b[J") || strings.Count(second, "\n") != 1 {
		t.Errorf("second frame: %q", second)
	}
}

// teeObserver hands every event to each of its observers.
type teeObserver []survey.Observer

func (t teeObserver) PageStored(p survey.Progress) {
	for _, o := range t {
		o.PageStored(p)
	}
}

func (t teeObserver) SiteDone(s *councilbench.Site, p survey.Progress) {
	for _, o := range t {
		o.SiteDone(s, p)
	}
}

func (t teeObserver) SiteActivity(a crawler.Activity, p survey.Progress) {
	for _, o := range t {
		o.SiteActivity(a, p)
	}
}

// TestBarAndLogCountsAgree runs a survey of simulated councils and one
// whose site refuses connections, with the bar and the log hearing the
// same events, and checks that each word stands for the same count in
// both, and for what the store holds at the end.
func TestBarAndLogCountsAgree(t *testing.T) {
	councils := testCouncils(t, "ADU", "KEN", "MAN", "EPP")
	web, _ := startWeb(t, councils[:2], 7)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := ln.Addr().String()
	ln.Close()
	councils[2].Website = "https://dead.example.gov.uk/"
	// A site with broken links of its own: the page errors do not hang on
	// what faults the simulated web happens to give its sites.
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			fmt.Fprint(w, `<!doctype html><html lang="en"><title>Home</title><main><a href="/gone">Gone</a> <a href="/broken">Broken</a> <a href="/fine">Fine</a></main></html>`)
		case "/fine":
			fmt.Fprint(w, `<!doctype html><html lang="en"><title>Fine</title><main><p>Fine.</p></main></html>`)
		case "/broken":
			http.Error(w, "broken", http.StatusInternalServerError)
		default:
			http.NotFound(w, r)
		}
	}))
	defer broken.Close()
	councils[3].Website = "http://errors.example.gov.uk/"

	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cfg := crawler.DefaultConfig()
	cfg.Resolve = web.Resolve()
	cfg.Resolve["dead.example.gov.uk"] = dead
	cfg.Resolve["errors.example.gov.uk"] = strings.TrimPrefix(broken.URL, "http://")
	cfg.RootCAs = web.CertPool()
	cfg.RetryBackoff = 10 * time.Millisecond
	s, err := survey.Create(ctx, db, "t", cfg, false, councils)
	if err != nil {
		t.Fatal(err)
	}
	var barOut, logOut bytes.Buffer
	bar := newProgress(&barOut, "bar", len(councils), 0)
	log := newProgress(&logOut, "log", len(councils), 0)
	// One site at a time: the last site's line in the log is then the
	// last event.
	r := &survey.Runner{DB: db, Crawl: cfg, Sites: 1, Score: false, Observer: teeObserver{bar, log}}
	if err := r.Run(ctx, s); err != nil {
		t.Fatal(err)
	}
	bar.mu.Lock()
	frame := barLines(bar.last, bar.before, 0, time.Now(), 200)
	bar.mu.Unlock()
	bar.finish()
	log.finish()

	barCounts := map[string]int64{}
	head := regexp.MustCompile(`^(\d+) of (\d+) websites ended`).FindStringSubmatch(frame[0])
	if head == nil {
		t.Fatalf("bar: %q", frame[0])
	}
	barCounts["websites_ended"], _ = strconv.ParseInt(head[1], 10, 64)
	barCounts["websites"], _ = strconv.ParseInt(head[2], 10, 64)
	for _, c := range strings.Split(frame[1], " · ") {
		n, word, _ := strings.Cut(c, " ")
		barCounts[strings.ReplaceAll(word, " ", "_")], _ = strconv.ParseInt(strings.ReplaceAll(n, ",", ""), 10, 64)
	}
	lines := strings.Split(strings.TrimSpace(logOut.String()), "\n")
	logCounts := map[string]int64{}
	count := regexp.MustCompile(`^(\w+)=(\d+)$`)
	for _, f := range strings.Fields(lines[len(lines)-1]) {
		if m := count.FindStringSubmatch(f); m != nil {
			logCounts[m[1]], _ = strconv.ParseInt(m[2], 10, 64)
		}
	}

	// What the store holds.
	sites, err := db.Sites(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{"websites": int64(len(sites)), "websites_ended": int64(len(sites))}
	for _, site := range sites {
		if site.Status == councilbench.SiteFailed {
			want["websites_failed"]++
		}
		pages, err := db.SitePages(ctx, site.ID, store.PageOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			want["pages"]++
			if p.PageError() {
				want["page_errors"]++
			}
		}
	}
	if want["websites_failed"] != 1 || want["page_errors"] == 0 {
		t.Fatalf("the survey should have a failed site and page errors: %v", want)
	}
	for _, c := range progressCounts(survey.Progress{}) {
		k := strings.ReplaceAll(c.word, " ", "_")
		if barCounts[k] != logCounts[k] || barCounts[k] != want[k] {
			t.Errorf("%s: the bar says %d, the log %d, the store %d", c.word, barCounts[k], logCounts[k], want[k])
		}
	}
	if len(barCounts) != 5 || len(logCounts) != 5 {
		t.Errorf("counts: bar %v, log %v", barCounts, logCounts)
	}
	if !strings.Contains(barOut.String(), "websites ended") {
		t.Errorf("the bar drew nothing: %q", barOut.String())
	}
}
