package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/crawler"
	"github.com/councilbench/councilbench/internal/human"
	"github.com/councilbench/councilbench/scoring"
	"github.com/councilbench/councilbench/store"
	"github.com/councilbench/councilbench/survey"
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
	searchBudget int
	maxSheets    int
	maxSheetSize byteSize
}

func (m *Main) runSurvey(ctx context.Context, args []string) (err error) {
	var f surveyFlags
	fs := m.newFlagSet("survey", "[flags]")
	fs.StringVar(&f.db, "db", defaultDBFile, "SQLite `file` to store the survey in (councilbench-demo.db with --demo)")
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
	fs.IntVar(&f.searchBudget, "search-budget", crawler.DefaultSearchBudget, "requests each site's own search may take: a query per task the council provides and up to 5 result pages each (0 asks no site search)")
	fs.IntVar(&f.maxSheets, "max-stylesheets", crawler.DefaultMaxStylesheets, "stylesheets fetched per site (linked and @imported, on any host), apart from --max-pages; 0 fetches none, and the survey's contrast is then not assessed")
	f.maxSheetSize = crawler.DefaultMaxStylesheetBytes
	fs.Var(&f.maxSheetSize, "max-stylesheet-bytes", "bytes of stylesheets transferred per site, e.g. 8MiB")
	fs.BoolVar(&f.score, "score", true, "judge each page as it is stored (accessibility rules and page facts) and each site as its crawl ends (--score=false only crawls: run rescore later)")
	fs.StringVar(&f.progress, "progress", "auto", "progress display: auto (a bar on a terminal), bar, log or none")
	if err := parseFlags(fs, args, false); err != nil {
		return err
	}
	if err := f.validate(fs); err != nil {
		return err
	}
	defer func() {
		// Stopped at any moment (opening the file, starting the simulated
		// web, crawling): what was committed stays, and the same command
		// resumes.
		if err != nil && ctx.Err() != nil {
			err = fmt.Errorf("interrupted: run the same command again to resume survey %q", f.name)
		}
	}()
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

	s, err := db.Survey(ctx, f.name)
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
		if s, err = survey.Create(ctx, db, f.name, cfg, f.demo, councils); err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "survey %q: %d councils, starting\n", s.Name, len(councils))
	case err != nil:
		return err
	default:
		// The interrupted run's choices must be made again.
		survey.Resume(s, &cfg)
		if f.retryFailed {
			n, err := db.RetryFailed(ctx, s.ID)
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stderr, "survey %q: crawling %d failed sites again\n", s.Name, n)
		} else if !s.FinishedAt.IsZero() {
			// Nothing to crawl: say so, and give what the run gave.
			fmt.Fprintf(m.Stderr, "survey %q finished at %s: nothing to crawl (another --name starts a new survey)\n",
				s.Name, s.FinishedAt.Format(time.RFC3339))
			return m.surveyOutcome(ctx, db, s, &f, true)
		} else {
			fmt.Fprintf(m.Stderr, "survey %q: resuming\n", s.Name)
		}
	}

	sites, err := db.Sites(ctx, s.ID)
	if err != nil {
		return err
	}
	done := 0
	for _, site := range sites {
		if site.Status == councilbench.SiteDone || site.Status == councilbench.SiteFailed {
			done++
		}
	}
	prog := newProgress(m.Stderr, f.progress, len(sites), done)
	r := &survey.Runner{DB: db, Crawl: cfg, Sites: f.sites, Score: f.score, Observer: prog}
	err = r.Run(ctx, s)
	prog.finish()
	if err != nil {
		return err // an interruption is reported as such above
	}
	if err := db.FinishSurvey(ctx, s.ID, time.Now().UTC()); err != nil {
		return err
	}
	return m.surveyOutcome(ctx, db, s, &f, false)
}

// surveyOutcome prints what a finished survey found: its summary, the
// accessibility failures, the stars and the site searches; for the demo,
// the divide's findings too, and it writes the report when it is missing
// (the demo's run writes it; a rerun rebuilds one that was deleted).
// rerun says the survey had finished before this command.
func (m *Main) surveyOutcome(ctx context.Context, db *store.DB, s *councilbench.Survey, f *surveyFlags, rerun bool) error {
	if s.Simulated {
		// Before and after the scores, so that no part of the output
		// can be taken for real councils' results.
		fmt.Fprintf(m.Stdout, "%s\n\n", councilbench.SimulatedNote)
		defer fmt.Fprintf(m.Stdout, "\n%s\n", councilbench.SimulatedNote)
	}
	if err := m.printSurveySummary(ctx, db, s, rerun); err != nil {
		return err
	}
	if err := printAccessibilitySummary(ctx, m.Stdout, db, s.ID, 8); err != nil {
		return err
	}
	if err := printStars(ctx, m.Stdout, db, s.ID); err != nil {
		return err
	}
	if err := printSearchByTier(ctx, m.Stdout, db, s.ID); err != nil {
		return err
	}
	if f.demo {
		// The demo ends with what a survey is for: the divide's findings
		// and the published report.
		site, err := survey.Report(ctx, db, s, nil)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "\nAre shire district councils falling behind online?\n")
		for _, line := range human.Wrap(site.Answer, 78) {
			fmt.Fprintf(m.Stdout, "  %s\n", line)
		}
		fmt.Fprintf(m.Stdout, "\nThe digital divide (councilbench divide --db %s --name %s for the statistics):\n", f.db, s.Name)
		for _, h := range site.Headlines {
			fmt.Fprintf(m.Stdout, "  - %s\n", h)
		}
		if _, err := os.Stat(filepath.Join(demoReportDir, "index.html")); err != nil {
			if err := survey.WriteReport(ctx, db, s, site, demoReportDir); err != nil {
				return fmt.Errorf("write the report to %s: %w", demoReportDir, err)
			}
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
			f.db = demoDBFile
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
	if f.searchBudget < 0 {
		return usagef("--search-budget must not be negative, not %d", f.searchBudget)
	}
	if f.maxSheets < 0 {
		return usagef("--max-stylesheets must not be negative, not %d", f.maxSheets)
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
	cfg.SearchBudget = f.searchBudget
	cfg.MaxStylesheets, cfg.MaxStylesheetBytes = f.maxSheets, int64(f.maxSheetSize)
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
			return cfg, usagef("--ca-cert: %w", err)
		}
		cfg.RootCAs = pool
	}
	return cfg, nil
}

// printSurveySummary prints what the survey holds: sites by outcome, the
// reasons of failures, and pages.
func (m *Main) printSurveySummary(ctx context.Context, db *store.DB, survey *councilbench.Survey, rerun bool) error {
	sites, err := db.Sites(ctx, survey.ID)
	if err != nil {
		return err
	}
	sums, err := db.Surveys(ctx)
	if err != nil {
		return err
	}
	var sum store.SurveySummary
	for _, x := range sums {
		if x.Survey.ID == survey.ID {
			sum = x
		}
	}
	reasons := map[string][]string{}
	for _, s := range sites {
		if s.Status == councilbench.SiteFailed {
			reasons[string(s.Reason)] = append(reasons[string(s.Reason)], s.Key)
		}
	}
	fmt.Fprintf(m.Stdout, "Survey %q: %d councils, %d websites (%d crawled, %d could not be assessed, %d pending), %s pages stored.\n",
		survey.Name, sum.Councils, sum.Sites, sum.SitesDone, sum.SitesFailed, sum.SitesPending, human.Count(int(sum.Pages)))
	keys := make([]string, 0, len(reasons))
	for k := range reasons {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(m.Stdout, "  %-18s %d: %s\n", k, len(reasons[k]), strings.Join(reasons[k], ", "))
	}
	if rerun && sum.SitesFailed > 0 {
		fmt.Fprintln(m.Stdout, "  --retry-failed crawls the sites that could not be assessed again.")
	}
	return nil
}
