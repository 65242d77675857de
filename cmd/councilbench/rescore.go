package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/scoring"
	"github.com/councilbench/councilbench/store"
)

// runRescore scores the stored pages of a survey again with the current
// rules, from the stored bytes alone: no network.
func (m *Main) runRescore(ctx context.Context, args []string) error {
	fs := m.newFlagSet("rescore", "--db FILE [--name SURVEY]")
	var ref surveyRef
	ref.add(fs)
	if err := parseFlags(fs, args, false); err != nil {
		return err
	}
	db, survey, err := ref.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := rescoreSurvey(ctx, db, survey)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Rescored %d pages of survey %q with %d rules, task catalogue %d and model %s.\n",
		n, survey.Name, len(scoring.Rules), scoring.TaskCatalogueVersion, scoring.ModelVersion)
	if err := printAccessibilitySummary(ctx, m.Stdout, db, survey.ID, 8); err != nil {
		return err
	}
	return printStars(ctx, m.Stdout, db, survey.ID)
}

// rescoreSurvey scores every stored HTML page of the survey again, site by
// site, assesses each crawled site again and scores its councils with the
// current model, and returns how many pages it scored.
func rescoreSurvey(ctx context.Context, db *store.DB, survey *councilbench.Survey) (int, error) {
	scorer := scoring.DefaultScorer()
	if err := db.PutRules(ctx, ruleMetas(scorer.Rules())); err != nil {
		return 0, err
	}
	sites, err := db.Sites(ctx, survey.ID)
	if err != nil {
		return 0, err
	}
	councils, err := councilIndex(ctx, db, survey.ID)
	if err != nil {
		return 0, err
	}
	w := db.NewWriter(survey.ID)
	n := 0
	for _, site := range sites {
		if err := ctx.Err(); err != nil {
			w.Close()
			return n, err
		}
		pages, err := db.SitePages(ctx, site.ID, councilbench.KindHTML)
		if err != nil {
			w.Close()
			return n, err
		}
		scored, err := scorePages(scorer, w, pages)
		n += scored
		if err != nil {
			w.Close()
			return n, err
		}
		if site.Status != councilbench.SiteDone && site.Status != councilbench.SiteFailed {
			continue // not crawled yet: the survey assesses it when it is
		}
		if err := assessSite(ctx, db, w, site, councils); err != nil {
			w.Close()
			return n, err
		}
	}
	return n, w.Close()
}

// scorePages scores pages on every core and queues their scores; it
// returns how many it scored.
func scorePages(scorer *scoring.Scorer, w *store.Writer, pages []*councilbench.Page) (int, error) {
	var next, scored atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, runtime.GOMAXPROCS(0))
	for k := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(pages) {
					return
				}
				s := scorePage(scorer, pages[i])
				if s == nil {
					continue
				}
				if err := w.SaveScore(pages[i].ID, s); err != nil {
					errs[k] = err
					return
				}
				scored.Add(1)
			}
		}()
	}
	wg.Wait()
	return int(scored.Load()), errors.Join(errs...)
}
