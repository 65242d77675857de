package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/crawler"
	"github.com/councilbench/councilbench/register"
	"github.com/councilbench/councilbench/scoring"
	"github.com/councilbench/councilbench/store"
)

// surveyFlags are the survey command's settings.
type surveyFlags struct {
	db, name     string
	demo         bool
	councils     councilFlags
	maxPages     int
	maxDepth     int
	perHost      int
	sites        int
	delay        time.Duration
	timeout      time.Duration
	siteTime     time.Duration
	maxBody      byteSize
	retries      int
	ignoreRobots bool
	userAgent    string
	resolve      resolveFlag
	allowPrivate bool
	caCert       string
	retryFailed  bool
	progress     string
	score        bool
}

// settings is what a survey stores of its flags, so that a resumed run
// makes the same choices as the interrupted one.
type settings struct {
	MaxPages     int    `json:"max_pages"`
	MaxDepth     int    `json:"max_depth"`
	MaxBody      int64  `json:"max_body"`
	IgnoreRobots bool   `json:"ignore_robots"`
	WaveSize     int    `json:"wave_size"`
	UserAgent    string `json:"user_agent"`
	Demo         bool   `json:"demo,omitempty"`
}

func (m *Main) runSurvey(ctx context.Context, args []string) error {
	var f surveyFlags
	fs := m.newFlagSet("survey", "[flags]")
	fs.StringVar(&f.db, "db", "councilbench.db", "SQLite `file` to store the survey in (councilbench-demo.db with --demo)")
	fs.StringVar(&f.name, "name", "", "survey `name` (default the current year; demo with --demo); an unfinished survey of this name is resumed")
	fs.BoolVar(&f.demo, "demo", false, "survey a simulated web of about 40 councils served on loopback: needs no network")
	f.councils.add(fs, true)
	fs.IntVar(&f.maxPages, "max-pages", 200, "page budget per site, home page included")
	fs.IntVar(&f.maxDepth, "max-depth", 5, "follow links at most this many clicks from the home page")
	fs.IntVar(&f.perHost, "per-host", 2, "requests in flight per site (1 when robots.txt sets a Crawl-delay)")
	fs.IntVar(&f.sites, "sites", 16, "sites crawled at once")
	fs.DurationVar(&f.delay, "delay", 0, "least time between the starts of two requests to one site")
	fs.DurationVar(&f.timeout, "timeout", 20*time.Second, "timeout of one request, redirects and body included")
	fs.DurationVar(&f.siteTime, "site-time", 30*time.Minute, "time budget of one site's crawl")
	f.maxBody = 5 << 20
	fs.Var(&f.maxBody, "max-body", "body cap after decompression, e.g. 5MB or 500KiB; longer bodies are stored truncated")
	fs.IntVar(&f.retries, "retries", 2, "extra attempts after a timeout, a dropped connection, 429 or 5xx, with back-off")
	fs.BoolVar(&f.ignoreRobots, "ignore-robots", false, "do not obey robots.txt (it is still read for its Sitemap lines)")
	fs.StringVar(&f.userAgent, "user-agent", councilbench.DefaultUserAgent, "User-Agent header")
	fs.Var(&f.resolve, "resolve", "`HOST=ADDR:PORT`: connect to ADDR:PORT for HOST and trust that mapping, even to a private address (repeatable)")
	fs.BoolVar(&f.allowPrivate, "allow-private", false, "allow connections to private, loopback and link-local addresses")
	fs.StringVar(&f.caCert, "ca-cert", "", "PEM `file` of an extra certificate authority to trust (for local test servers)")
	fs.BoolVar(&f.retryFailed, "retry-failed", false, "crawl again only the sites of the survey that failed")
	fs.BoolVar(&f.score, "score", true, "score each page against the accessibility rules as it is stored (--score=false crawls only; rescore later)")
	fs.StringVar(&f.progress, "progress", "auto", "progress display: auto (a bar on a terminal), bar, log or none")
	if err := parseFlags(fs, args, false); err != nil {
		return err
	}
	if err := f.validate(fs); err != nil {
		return err
	}
	cfg, err := f.crawlConfig()
	if err != nil {
		return err
	}
	var demo *demoWeb
	if f.demo {
		if demo, err = startDemo(ctx, m.Stderr); err != nil {
			return err
		}
		defer demo.Close()
		for h, a := range demo.web.Resolve() {
			cfg.Resolve[h] = a
		}
		cfg.RootCAs = demo.web.CertPool()
	}

	db, err := store.Open(ctx, f.db)
	if err != nil {
		return fmt.Errorf("open %s: %w", f.db, err)
	}
	defer db.Close()

	survey, err := db.Survey(ctx, f.name)
	switch {
	case errors.Is(err, store.ErrNotFound):
		var councils []councilbench.Council
		if demo != nil {
			councils = demo.councils
		} else if councils, err = f.councils.councils(); err != nil {
			return err
		}
		if len(councils) == 0 {
			return usagef("no councils chosen: check --tier, --nation, --only and --exclude")
		}
		if survey, err = createSurvey(ctx, db, f.name, cfg, f.demo, councils); err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "survey %q: %d councils, starting\n", survey.Name, len(councils))
	case err != nil:
		return err
	default:
		var s settings
		if err := json.Unmarshal([]byte(survey.Settings), &s); err == nil && s.MaxPages > 0 {
			// The interrupted run's choices must be made again.
			cfg.MaxPages, cfg.MaxDepth, cfg.MaxBody, cfg.IgnoreRobots, cfg.WaveSize = s.MaxPages, s.MaxDepth, s.MaxBody, s.IgnoreRobots, s.WaveSize
		}
		if f.retryFailed {
			n, err := db.RetryFailed(ctx, survey.ID)
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stderr, "survey %q: crawling %d failed sites again\n", survey.Name, n)
		} else if !survey.FinishedAt.IsZero() {
			fmt.Fprintf(m.Stderr, "survey %q finished at %s; use --retry-failed to crawl its failed sites again, or another --name\n",
				survey.Name, survey.FinishedAt.Format(time.RFC3339))
			return m.printSurveySummary(ctx, db, survey)
		} else {
			fmt.Fprintf(m.Stderr, "survey %q: resuming\n", survey.Name)
		}
	}

	if err := m.crawlSurvey(ctx, db, survey, cfg, f); err != nil {
		return err
	}
	if err := db.FinishSurvey(ctx, survey.ID, time.Now().UTC()); err != nil {
		return err
	}
	if err := m.printSurveySummary(ctx, db, survey); err != nil {
		return err
	}
	if err := printAccessibilitySummary(ctx, m.Stdout, db, survey.ID, 8); err != nil {
		return err
	}
	if err := printStars(ctx, m.Stdout, db, survey.ID); err != nil {
		return err
	}
	if f.demo {
		// The demo ends with what a survey is for: the divide's findings
		// and the published report.
		site, err := buildReport(ctx, db, survey.Name, "")
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "\nThe digital divide (councilbench divide --db %s --name %s for the statistics):\n", f.db, survey.Name)
		for _, h := range site.Headlines {
			fmt.Fprintf(m.Stdout, "  - %s\n", h)
		}
		if err := writeReport(ctx, db, site, demoReportDir); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "\nThe report is in %s/: open %s/index.html in a browser.\n", demoReportDir, demoReportDir)
	}
	fmt.Fprintf(m.Stdout, "\nThe survey is in %s (tables: docs/schema.md). For example:\n  sqlite3 %s \"SELECT council_code, COUNT(*) AS pages FROM council_pages WHERE kind = 'html' GROUP BY 1\"\n", f.db, f.db)
	return nil
}

func (f *surveyFlags) validate(fs *flag.FlagSet) error {
	if f.demo {
		set := map[string]bool{}
		fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
		for _, n := range []string{"register", "tier", "nation", "only", "exclude"} {
			if set[n] {
				return usagef("--%s cannot be used with --demo: the demo chooses its own councils", n)
			}
		}
		if !set["db"] {
			f.db = "councilbench-demo.db"
		}
		if !set["name"] {
			f.name = "demo"
		}
	}
	if f.name == "" {
		f.name = fmt.Sprint(time.Now().Year())
	}
	for _, c := range []struct {
		name string
		v    int
	}{{"max-pages", f.maxPages}, {"max-depth", f.maxDepth}, {"per-host", f.perHost}, {"sites", f.sites}} {
		if c.v < 1 {
			return usagef("--%s must be at least 1, not %d", c.name, c.v)
		}
	}
	for _, c := range []struct {
		name string
		v    time.Duration
	}{{"timeout", f.timeout}, {"site-time", f.siteTime}} {
		if c.v <= 0 {
			return usagef("--%s must be positive, not %s", c.name, c.v)
		}
	}
	if f.retries < 0 {
		return usagef("--retries must not be negative")
	}
	if f.delay < 0 {
		return usagef("--delay must not be negative")
	}
	switch f.progress {
	case "auto", "bar", "log", "none":
	default:
		return usagef("--progress: unknown value %q (want auto, bar, log or none)", f.progress)
	}
	return nil
}

func (f *surveyFlags) crawlConfig() (crawler.Config, error) {
	cfg := crawler.DefaultConfig()
	cfg.UserAgent = f.userAgent
	cfg.MaxPages, cfg.MaxDepth, cfg.PerHost = f.maxPages, f.maxDepth, f.perHost
	cfg.Delay, cfg.Timeout, cfg.SiteTime = f.delay, f.timeout, f.siteTime
	cfg.MaxBody = int64(f.maxBody)
	cfg.Retries = f.retries
	cfg.IgnoreRobots = f.ignoreRobots
	cfg.Priority = scoring.Priority
	cfg.AllowPrivate = f.allowPrivate
	cfg.Resolve = map[string]string{}
	for h, a := range f.resolve {
		cfg.Resolve[h] = a
	}
	if f.caCert != "" {
		pool, err := loadCertPool(f.caCert)
		if err != nil {
			return cfg, &usageError{fmt.Errorf("--ca-cert: %w", err)}
		}
		cfg.RootCAs = pool
	}
	return cfg, nil
}

func createSurvey(ctx context.Context, db *store.DB, name string, cfg crawler.Config, demo bool, councils []councilbench.Council) (*councilbench.Survey, error) {
	js, err := json.Marshal(settings{
		MaxPages: cfg.MaxPages, MaxDepth: cfg.MaxDepth, MaxBody: cfg.MaxBody,
		IgnoreRobots: cfg.IgnoreRobots, WaveSize: cfg.WaveSize, UserAgent: cfg.UserAgent, Demo: demo,
	})
	if err != nil {
		return nil, err
	}
	s := &councilbench.Survey{Name: name, StartedAt: time.Now().UTC(), ToolVersion: councilbench.Version, Settings: string(js)}
	var sites []*councilbench.Site
	for _, g := range register.Sites(councils) {
		site := &councilbench.Site{Key: g.Key, StartURL: g.StartURL, Status: councilbench.SitePending}
		for _, c := range g.Councils {
			site.Councils = append(site.Councils, c.Code)
		}
		sites = append(sites, site)
	}
	if err := db.CreateSurvey(ctx, s, sites, councils); err != nil {
		return nil, fmt.Errorf("create survey %q: %w", name, err)
	}
	return s, nil
}

// crawlSurvey crawls every site of the survey that is not yet done, --sites
// at a time, through the store's one writer.
func (m *Main) crawlSurvey(ctx context.Context, db *store.DB, survey *councilbench.Survey, cfg crawler.Config, f surveyFlags) error {
	sites, err := db.Sites(ctx, survey.ID)
	if err != nil {
		return err
	}
	var todo []*councilbench.Site
	for _, s := range sites {
		if s.Status == councilbench.SitePending || s.Status == councilbench.SiteCrawling {
			todo = append(todo, s)
		}
	}
	cr, err := crawler.New(cfg)
	if err != nil {
		return err
	}
	councils, err := councilIndex(ctx, db, survey.ID)
	if err != nil {
		return err
	}
	scorer := scoring.DefaultScorer()
	if err := db.PutRules(ctx, ruleMetas(scorer.Rules())); err != nil {
		return err
	}
	w := db.NewWriter(survey.ID)
	// A run killed between a site's end and its assessment left the site
	// finished without scores: assess those now, from the store.
	if err := assessUnscored(ctx, db, w, survey.ID, sites, councils); err != nil {
		w.Close()
		return err
	}
	prog := newProgress(m.Stderr, f.progress, len(sites), len(sites)-len(todo))

	var pages, errs, failed atomic.Int64
	save := func(p *councilbench.Page) error {
		pages.Add(1)
		if p.Reason != "" || p.Status >= 400 && p.Kind != councilbench.KindProbe {
			errs.Add(1)
		}
		prog.pages(pages.Load(), errs.Load(), failed.Load())
		// Each page is scored as it is stored, on the crawl's own
		// goroutine, and stored with its score in one transaction.
		var score *store.PageScore
		if f.score {
			score = scorePage(scorer, p)
		}
		return w.SaveScoredPage(p, score)
	}
	queue := make(chan *councilbench.Site)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	for i := 0; i < min(f.sites, max(len(todo), 1)); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for site := range queue {
				if err := m.crawlSite(ctx, db, w, cr, site, save, councils); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					continue
				}
				if site.Status == councilbench.SiteFailed {
					failed.Add(1)
				}
				prog.siteDone(site, pages.Load(), failed.Load())
			}
		}()
	}
feed:
	for _, s := range todo {
		select {
		case queue <- s:
		case <-ctx.Done():
			break feed
		}
	}
	close(queue)
	wg.Wait()
	prog.finish()
	werr := w.Close()
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted: run the same command again to resume survey %q", survey.Name)
	}
	if firstErr != nil {
		return firstErr
	}
	return werr
}

func (m *Main) crawlSite(ctx context.Context, db *store.DB, w *store.Writer, cr *crawler.Crawler, site *councilbench.Site, save crawler.SaveFunc, councils map[string]councilbench.Council) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	// Pages stored by an interrupted run are replayed, not fetched again.
	prior, err := db.SitePages(ctx, site.ID, councilbench.KindRobots, councilbench.KindSitemap)
	if err != nil {
		return fmt.Errorf("site %s: %w", site.Key, err)
	}
	if err := w.StartSite(site); err != nil {
		return err
	}
	res, err := cr.Crawl(ctx, site, prior, save)
	if err != nil {
		return fmt.Errorf("crawl %s: %w", site.Key, err)
	}
	depths := make([]store.PageDepth, len(res.Depths))
	for i, d := range res.Depths {
		depths[i] = store.PageDepth{URL: d.URL, Depth: d.Depth, SitemapOnly: d.SitemapOnly}
	}
	if err := w.FinishSite(site, depths); err != nil {
		return err
	}
	// Each council is scored as soon as its site's crawl ends.
	return assessSite(ctx, db, w, site, councils)
}

// assessUnscored assesses the finished sites of which a council has no
// score.
func assessUnscored(ctx context.Context, db *store.DB, w *store.Writer, surveyID int64, sites []*councilbench.Site, councils map[string]councilbench.Council) error {
	scores, err := db.CouncilScores(ctx, surveyID)
	if err != nil {
		return err
	}
	scored := make(map[string]bool, len(scores))
	for _, s := range scores {
		scored[s.Code] = true
	}
	for _, site := range sites {
		if site.Status != councilbench.SiteDone && site.Status != councilbench.SiteFailed {
			continue
		}
		for _, code := range site.Councils {
			if !scored[code] {
				if err := assessSite(ctx, db, w, site, councils); err != nil {
					return fmt.Errorf("assess %s: %w", site.Key, err)
				}
				break
			}
		}
	}
	return nil
}

// printSurveySummary prints what the survey holds: sites by outcome, the
// reasons of failures, and pages.
func (m *Main) printSurveySummary(ctx context.Context, db *store.DB, survey *councilbench.Survey) error {
	sites, err := db.Sites(ctx, survey.ID)
	if err != nil {
		return err
	}
	sums, err := db.Surveys(ctx)
	if err != nil {
		return err
	}
	var sum store.SurveySummary
	for _, s := range sums {
		if s.Survey.ID == survey.ID {
			sum = s
		}
	}
	reasons := map[string][]string{}
	for _, s := range sites {
		if s.Status == councilbench.SiteFailed {
			reasons[string(s.Reason)] = append(reasons[string(s.Reason)], s.Key)
		}
	}
	fmt.Fprintf(m.Stdout, "Survey %q: %d councils, %d websites (%d crawled, %d could not be assessed, %d pending), %d pages stored.\n",
		survey.Name, sum.Councils, sum.Sites, sum.SitesDone, sum.SitesFailed, sum.SitesPending, sum.Pages)
	keys := make([]string, 0, len(reasons))
	for k := range reasons {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(m.Stdout, "  %-18s %d: %s\n", k, len(reasons[k]), strings.Join(reasons[k], ", "))
	}
	return nil
}

// newLogger returns the structured logger used when no bar is shown.
func newLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(os.Stderr, nil))
}
