package survey

import (
	"context"
	"fmt"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/scoring"
	"github.com/councilbench/councilbench/store"
)

// assessSite is the site step: it assesses a site from its pages with
// their scores and facts (no network, no page body), scores each council
// that uses it, and stores both in one transaction. The crawl runs it when
// a site's crawl ends, a resumed run for a site that ended without it, and
// rescore for every site; pages is nil to read the site's pages from the
// store, or the pages a rescore has just judged.
func (p *pipeline) assessSite(ctx context.Context, site *councilbench.Site, pages []*councilbench.Page) error {
	if pages == nil {
		// The site's last pages may still be queued: the step reads what
		// is committed.
		if err := p.flush(); err != nil {
			return err
		}
		var err error
		if pages, err = p.db.SitePages(ctx, site.ID, store.PageOptions{Judgements: true}); err != nil {
			return err
		}
		if err := p.judgeMissing(ctx, pages); err != nil {
			return fmt.Errorf("site %s: %w", site.Key, err)
		}
	}
	a := scoring.AssessSite(scoring.SiteInput{Site: site, Pages: pages})
	var scores []*councilbench.CouncilScore
	for _, code := range site.Councils {
		if c, ok := p.councils[code]; ok {
			scores = append(scores, scoring.ScoreCouncil(c, a))
		}
	}
	return p.w.SaveAssessment(site.ID, a, scores)
}

// needsJudging reports whether the page step should have judged a stored
// page and did not: a crawl run without scoring, or a page stored by a
// version of councilbench that kept no facts.
func needsJudging(pg *councilbench.Page) bool {
	return pg.Judgeable() && (pg.Score == nil || pg.Facts == nil && pg.Score.Error == "") ||
		pg.FactsOnly() && pg.Facts == nil
}

// judgeMissing runs the page step on the pages of a site that lack it,
// reading their bodies, so that the site step never judges a site from
// half its pages. In a survey whose pages were judged as they were stored
// it reads no body.
func (p *pipeline) judgeMissing(ctx context.Context, pages []*councilbench.Page) error {
	var ids []int64
	byID := map[int64]*councilbench.Page{}
	for _, pg := range pages {
		if needsJudging(pg) {
			ids = append(ids, pg.ID)
			byID[pg.ID] = pg
		}
	}
	if len(ids) == 0 {
		return nil
	}
	bodies, err := p.db.PageBodies(ctx, ids)
	if err != nil {
		return err
	}
	for id, body := range bodies {
		pg := byID[id]
		pg.Body = body
		p.scorer.JudgePage(pg, p.source())
		pg.Body = nil
		if err := p.sheetsErr(); err != nil {
			return err
		}
		if err := p.w.SaveScore(pg); err != nil {
			return err
		}
	}
	return nil
}

// assessUnscored runs the site step for the ended sites of which a council
// has no score.
func (p *pipeline) assessUnscored(ctx context.Context, sites []*councilbench.Site) error {
	scores, err := p.db.CouncilScores(ctx, p.survey.ID)
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
				if err := p.assessSite(ctx, site, nil); err != nil {
					return fmt.Errorf("assess %s: %w", site.Key, err)
				}
				break
			}
		}
	}
	return nil
}
