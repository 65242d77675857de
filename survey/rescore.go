package survey

import (
	"context"
	"runtime"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/store"
	"golang.org/x/sync/errgroup"
)

// Rescored is what a rescore did.
type Rescored struct {
	Pages int // pages judged again: HTML pages and probes with a stored body
	// Missing counts the pages the page step should judge whose body is not
	// stored (a results-only file): they keep the scores and facts stored
	// with them, which may be of older rule or fact versions.
	Missing int
	Sites   int // sites assessed again
}

// Rescore repeats a survey's page step and site step from what the survey
// stored, without the network, under the current rules, facts, task
// catalogue and model: every stored body is decompressed and parsed once,
// on every core, and each crawled site is assessed again from the pages
// just judged. Sites not crawled yet are left for the survey to finish.
// Pages are judged with the stylesheets the survey stored, compiled once
// for the whole rescore; a survey made before they were stored is judged
// without them (the rules that need the cascade are not assessed).
func Rescore(ctx context.Context, db *store.DB, survey *councilbench.Survey) (res Rescored, err error) {
	p, err := open(ctx, db, survey)
	if err != nil {
		return res, err
	}
	defer func() {
		if cerr := p.close(); err == nil {
			err = cerr
		}
	}()
	sites, err := db.Sites(ctx, survey.ID)
	if err != nil {
		return res, err
	}
	for _, site := range sites {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		pages, err := db.SitePages(ctx, site.ID, store.PageOptions{
			Bodies:     []councilbench.PageKind{councilbench.KindHTML, councilbench.KindProbe, councilbench.KindSearchResult},
			Judgements: true,
		})
		if err != nil {
			return res, err
		}
		n, missing, err := p.judgeAll(ctx, pages)
		res.Pages += n
		res.Missing += missing
		if err != nil {
			return res, err
		}
		if site.Status != councilbench.SiteDone && site.Status != councilbench.SiteFailed {
			continue // not crawled yet: the survey assesses it when it is
		}
		if err := p.assessSite(ctx, site, pages); err != nil {
			return res, err
		}
		res.Sites++
	}
	return res, nil
}

// Lacking returns how many of a survey's pages the page step should judge
// but cannot for want of a stored body (a results-only file): a rescore
// would keep their stored results.
func Lacking(ctx context.Context, db *store.DB, survey *councilbench.Survey) (int, error) {
	sites, err := db.Sites(ctx, survey.ID)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, site := range sites {
		pages, err := db.SitePages(ctx, site.ID, store.PageOptions{})
		if err != nil {
			return 0, err
		}
		none, err := db.PagesWithoutBody(ctx, site.ID)
		if err != nil {
			return 0, err
		}
		for _, pg := range pages {
			if pg.Judgeable() && none[pg.ID] {
				n++
			}
		}
	}
	return n, nil
}

// judgeAll runs the page step on a site's pages on every core, queues
// their new scores and facts, and drops their bodies. It returns how many
// pages it judged and how many it could not for want of a body.
func (p *pipeline) judgeAll(ctx context.Context, pages []*councilbench.Page) (judged, missing int, err error) {
	var todo []*councilbench.Page
	for _, pg := range pages {
		switch {
		case !pg.Judgeable() && !pg.FactsOnly():
		case pg.Body == nil:
			if pg.Judgeable() {
				missing++ // a probe without a body was not HTML: nothing is missing
			}
		default:
			todo = append(todo, pg)
		}
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, pg := range todo {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			p.scorer.JudgePage(pg, p.source())
			pg.Body = nil
			if err := p.sheetsErr(); err != nil {
				return err
			}
			return p.w.SaveScore(pg)
		})
	}
	return len(todo), missing, g.Wait()
}
