package survey

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/crawler"
	"github.com/councilbench/councilbench/scoring"
	"github.com/councilbench/councilbench/store"
	"golang.org/x/sync/errgroup"
)

// ErrInterrupted is returned (wrapped) by Run when its context ended before
// the survey's sites were all crawled: run it again to resume.
var ErrInterrupted = errors.New("interrupted")

// Progress is how far a run of a survey has got. The progress display and
// the log print its counts under the same words (README, "Progress").
type Progress struct {
	Sites       int   // sites of the survey
	SitesEnded  int   // sites whose crawl has ended, crawled or failed, in this run or earlier ones
	SitesFailed int64 // sites that could not be assessed (status failed), in this run or earlier ones
	Pages       int64 // pages stored in this run (each URL once, as the store keeps it), survey requests (robots.txt, sitemaps...) included
	// PageErrors counts the pages stored in this run whose fetch failed or
	// answered an error status (4xx, 5xx), survey requests aside: a
	// missing robots.txt, the not-found probe or a failed site search is
	// not an error of the site's pages.
	PageErrors int64
	// Running is what the sites being crawled now are doing, the longest
	// running first: a display names them near the end, when they are all
	// that is left.
	Running []crawler.Activity
}

// Observer hears how a run is going. Its methods are called from the
// run's goroutines, possibly at the same time.
type Observer interface {
	PageStored(Progress)
	SiteDone(*councilbench.Site, Progress)
	// SiteActivity hears each change of what a running site's crawl is
	// doing (a Crawl-delay obeyed, a request ended, a retry waited for,
	// see crawler.Activity), often: it must return quickly.
	SiteActivity(crawler.Activity, Progress)
}

// Runner runs the crawl of a survey.
type Runner struct {
	DB    *store.DB
	Crawl crawler.Config
	// Sites is how many sites are crawled at once.
	Sites int
	// Score runs the page step as each page is stored and the site step as
	// each site's crawl ends. Without it the run only crawls: rescore
	// later.
	Score bool
	// Observer, when not nil, hears of every page stored and site done.
	Observer Observer
}

// Run crawls every site of the survey that is not done yet (pending, or
// crawling when an earlier run was stopped), Sites at a time, through the
// store's one writer. A site that fails is a row with its reason; Run
// returns an error only when the run cannot go on (the store cannot be
// written) or ctx ends (ErrInterrupted), and everything committed before
// stays for the next run to resume from.
func (r *Runner) Run(ctx context.Context, survey *councilbench.Survey) (err error) {
	sites, err := r.DB.Sites(ctx, survey.ID)
	if err != nil {
		return err
	}
	var todo []*councilbench.Site
	for _, s := range sites {
		if s.Status == councilbench.SitePending || s.Status == councilbench.SiteCrawling {
			todo = append(todo, s)
		}
	}
	p, err := open(ctx, r.DB, survey)
	if err != nil {
		return err
	}
	cfg := r.Crawl
	if cfg.SearchBudget > 0 {
		// The site's own search is asked for the tasks its councils
		// provide, with the home page's search form.
		cfg.PlanSearch = p.planSearch
	}
	if p.sheets == nil {
		// A survey begun before stylesheets were stored goes on without
		// them, so that all its pages are judged alike.
		cfg.MaxStylesheets = 0
	}
	if cfg.MaxStylesheets > 0 {
		cfg.SaveStylesheet = func(st *councilbench.Stylesheet) error {
			if err := p.w.SaveStylesheet(st); err != nil {
				return err
			}
			if r.Score {
				// Held until committed: the pages that link to it are
				// judged before the writer's next commit.
				p.sheets.hold(st)
			}
			return nil
		}
	}
	// What each running site is doing, for the observer.
	var runMu sync.Mutex
	running := map[string]crawler.Activity{}
	var progress func() Progress
	cfg.Activity = func(a crawler.Activity) {
		if next := r.Crawl.Activity; next != nil {
			next(a)
		}
		runMu.Lock()
		running[a.Site] = a
		runMu.Unlock()
		if r.Observer != nil {
			r.Observer.SiteActivity(a, progress())
		}
	}
	cr, err := crawler.New(cfg)
	if err != nil {
		p.close()
		return err
	}
	if cfg.MaxStylesheets > 0 {
		// The sheets an interrupted run stored are not fetched again.
		stored, err := r.DB.Stylesheets(ctx, survey.ID)
		if err != nil {
			p.close()
			return err
		}
		cr.SeedStylesheets(stored, p.sheets.stored)
		p.sheets.known = func(u string) bool { return cr.Stylesheet(u) != nil }
	}
	defer func() {
		if cerr := p.close(); err == nil {
			err = cerr
		}
	}()
	if r.Score {
		// A run killed between a site's end and its site step left the
		// site crawled without scores: the site step runs now.
		if err := p.assessUnscored(ctx, sites); err != nil {
			return err
		}
	}

	var pages, pageErrs, failed atomic.Int64
	var done atomic.Int64
	done.Store(int64(len(sites) - len(todo)))
	for _, s := range sites {
		if s.Status == councilbench.SiteFailed {
			failed.Add(1) // failed in an earlier run, and not crawled again
		}
	}
	progress = func() Progress {
		pr := Progress{Sites: len(sites), SitesEnded: int(done.Load()), SitesFailed: failed.Load(), Pages: pages.Load(), PageErrors: pageErrs.Load()}
		runMu.Lock()
		for _, a := range running {
			pr.Running = append(pr.Running, a)
		}
		runMu.Unlock()
		sort.Slice(pr.Running, func(i, j int) bool {
			a, b := pr.Running[i], pr.Running[j]
			if !a.Started.Equal(b.Started) {
				return a.Started.Before(b.Started)
			}
			return a.Site < b.Site
		})
		return pr
	}
	var stored urlSet
	save := func(pg *councilbench.Page) error {
		if r.Score {
			// The page step, on the crawl's own goroutine: the page is
			// stored with its score and facts in one transaction. The
			// crawler has fetched the page's stylesheets before saving it.
			p.scorer.JudgePage(pg, p.source())
			if err := p.sheetsErr(); err != nil {
				return err
			}
		}
		if stored.first(pg.URL) {
			pages.Add(1)
			if pg.PageError() {
				pageErrs.Add(1)
			}
		}
		if r.Observer != nil {
			r.Observer.PageStored(progress())
		}
		return p.w.SavePage(pg)
	}

	// Only a fatal error (the store, or ctx) cancels the other sites: a
	// council's site failing is a row with a reason, not an error.
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(max(1, min(r.Sites, len(todo))))
	for _, site := range todo {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := p.crawlSite(gctx, cr, site, save, r.Score); err != nil {
				return err
			}
			if site.Status == councilbench.SiteFailed {
				failed.Add(1)
			}
			runMu.Lock()
			delete(running, site.Key)
			runMu.Unlock()
			done.Add(1)
			if r.Observer != nil {
				r.Observer.SiteDone(site, progress())
			}
			return nil
		})
	}
	err = g.Wait()
	if ctx.Err() != nil {
		return fmt.Errorf("survey %q: %w", survey.Name, ErrInterrupted)
	}
	return err
}

// crawlSite crawls one site, replaying what an interrupted run stored of
// it, records its outcome and, when scoring, runs its site step.
func (p *pipeline) crawlSite(ctx context.Context, cr *crawler.Crawler, site *councilbench.Site, save crawler.SaveFunc, score bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	// Pages stored by an interrupted run are replayed, not fetched again.
	prior, err := p.db.SitePages(ctx, site.ID, store.PageOptions{
		Bodies:     []councilbench.PageKind{councilbench.KindRobots, councilbench.KindSitemap, councilbench.KindSearch},
		Judgements: true, // the home page's facts plan the site's searches
	})
	if err != nil {
		return fmt.Errorf("site %s: %w", site.Key, err)
	}
	if err := p.w.StartSite(site); err != nil {
		return err
	}
	res, err := cr.Crawl(ctx, site, prior, save)
	if err != nil {
		return fmt.Errorf("crawl %s: %w", site.Key, err)
	}
	if err := p.w.FinishSite(site, res.Depths); err != nil {
		return err
	}
	if !score {
		return nil
	}
	// Each council is scored as soon as its site's crawl ends.
	return p.assessSite(ctx, site, nil)
}

// planSearch plans a site's searches: the tasks its councils provide,
// submitted with its home page's search form. A crawl that does not score
// hands over the home page's body instead of its facts: the page step
// reads them from it here.
func (p *pipeline) planSearch(site *councilbench.Site, home *councilbench.Page) []councilbench.SiteSearch {
	if home.Facts == nil && home.Body != nil {
		p.scorer.JudgePage(home, nil)
	}
	var councils []councilbench.Council
	for _, code := range site.Councils {
		if c, ok := p.councils[code]; ok {
			councils = append(councils, c)
		}
	}
	return scoring.PlanSearches(home, scoring.TasksForCouncils(councils))
}

// pipeline is one survey's two steps, with what they share: the store, its
// one writer, the scorer, the survey's councils and its stylesheets.
type pipeline struct {
	db       *store.DB
	w        *store.Writer
	scorer   *scoring.Scorer
	survey   *councilbench.Survey
	councils map[string]councilbench.Council
	sheets   *sheets // nil for a survey made before stylesheets were stored
}

// open starts a pipeline: it records the rule table the survey is scored
// with, and starts the survey's writer. Pages are judged with the
// survey's stylesheets when it stored them; ctx bounds reading them.
func open(ctx context.Context, db *store.DB, survey *councilbench.Survey) (*pipeline, error) {
	p := &pipeline{db: db, scorer: scoring.DefaultScorer(), survey: survey}
	if survey.Stylesheets {
		p.sheets = newSheets(ctx, db, survey.ID)
	}
	if err := db.PutRules(ctx, p.scorer.RuleInfos()); err != nil {
		return nil, err
	}
	var err error
	if p.councils, err = Councils(ctx, db, survey.ID); err != nil {
		return nil, err
	}
	p.w = db.NewWriter(survey.ID)
	return p, nil
}

// close commits what is queued and stops the writer.
func (p *pipeline) close() error { return p.w.Close() }

// urlSet is the URLs saved in a run, by a 64-bit hash of each rather than
// the URL (a survey saves some hundred thousand): the store keeps a
// URL once per survey and ignores it when another site saves it again (a
// stylesheet host's robots.txt, a search result on another council's
// site), so the progress counts it once too. A URL an earlier run stored
// for another site is still counted: the run does not read them.
type urlSet struct {
	mu   sync.Mutex
	seen map[uint64]struct{}
}

// first reports whether u is saved for the first time in the run.
func (s *urlSet) first(u string) bool {
	h := fnv.New64a()
	h.Write([]byte(u))
	k := h.Sum64()
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.seen[k]; ok {
		return false
	}
	if s.seen == nil {
		s.seen = map[uint64]struct{}{}
	}
	s.seen[k] = struct{}{}
	return true
}
