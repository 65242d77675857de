package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/scoring"
	"github.com/councilbench/councilbench/store"
)

// assessSite assesses a site from what the store holds of it (pages, links,
// rule outcomes: no network), scores each council that uses it, and stores
// both. The crawl calls it when a site's crawl ends; rescore for every site.
func assessSite(ctx context.Context, db *store.DB, w *store.Writer, site *councilbench.Site, councils map[string]councilbench.Council) error {
	// The site's last pages may still be queued: the assessment reads
	// what is committed.
	if err := w.Flush(); err != nil {
		return err
	}
	pages, err := db.SitePages(ctx, site.ID, councilbench.KindHTML)
	if err != nil {
		return err
	}
	outcomes, err := db.SiteRuleOutcomes(ctx, site.ID)
	if err != nil {
		return err
	}
	reports := make(map[string]*scoring.PageReport, len(outcomes))
	for u, rs := range outcomes {
		rep := &scoring.PageReport{URL: u, Results: make([]scoring.Result, len(rs))}
		for i, r := range rs {
			rep.Results[i] = scoring.Result{Rule: r.Rule, Version: r.Version, Outcome: scoring.Outcome(r.Outcome),
				Applicable: r.Applicable, FailureCount: r.FailureCount}
		}
		reports[u] = rep
	}
	a := scoring.AssessSite(scoring.SiteInput{Site: site, Pages: pages, A11y: reports})
	row := storedAssessment(site.ID, a)
	for _, code := range site.Councils {
		c, ok := councils[code]
		if !ok {
			continue
		}
		cs := scoring.ScoreCouncil(c, a)
		card, err := json.Marshal(cs)
		if err != nil {
			return err
		}
		r := store.CouncilScoreRow{Code: c.Code, SiteID: site.ID, ModelVersion: cs.ModelVersion, CatalogueVersion: cs.CatalogueVersion,
			Assessed: cs.Assessed, Reason: cs.Reason, Detail: cs.Detail, Score: cs.Score, Stars: cs.Stars, StarsNote: cs.StarsNote,
			AccessibilityPass: cs.AccessibilityPass, Scorecard: string(card)}
		for _, t := range cs.Tasks {
			r.Tasks = append(r.Tasks, t.ID)
		}
		row.Councils = append(row.Councils, r)
	}
	return w.SaveAssessment(row)
}

// storedAssessment converts a site's assessment to the store's rows.
func storedAssessment(siteID int64, a *scoring.SiteAssessment) *store.Assessment {
	row := &store.Assessment{SiteID: siteID, CatalogueVersion: a.CatalogueVersion, Assessed: a.Assessed, Reason: a.Reason,
		Detail: a.Detail, Home: a.Home, HTMLPages: a.HTMLPages}
	for _, t := range a.Tasks {
		row.Tasks = append(row.Tasks, store.TaskRow{Task: t.ID, Version: t.Version, LGSL: t.LGSL, Found: t.Found, URL: t.URL,
			Clicks: t.Clicks, LinkedFromHome: t.LinkedFromHome, LinkedFromLanding: t.LinkedFromLanding, LandingURL: t.LandingURL,
			Online: t.Online, OnlineVia: t.OnlineVia, OnlineURL: t.OnlineURL, PDFOnly: t.PDFOnly, PDFURL: t.PDFURL,
			WelshURL: t.WelshURL, LinkText: t.LinkText, LinkedFrom: t.LinkedFrom, BrokenURL: t.BrokenURL})
	}
	for _, f := range a.Features {
		row.Features = append(row.Features, store.FeatureRow{Feature: f.ID, Version: f.Version, Known: f.Known, Pass: f.Pass,
			Value: f.Value, Unit: f.Unit, URL: f.URL, Evidence: f.Evidence})
	}
	for _, r := range a.Accessibility.Rules {
		row.Rates = append(row.Rates, store.RateRow{Rule: r.Rule, Version: r.Version, Impact: string(r.Impact), Failed: r.Failed,
			Rate: r.Rate, Example: r.Example})
	}
	return row
}

// councilIndex returns a survey's councils by code.
func councilIndex(ctx context.Context, db *store.DB, surveyID int64) (map[string]councilbench.Council, error) {
	cs, err := db.Councils(ctx, surveyID)
	if err != nil {
		return nil, err
	}
	m := make(map[string]councilbench.Council, len(cs))
	for _, c := range cs {
		m[c.Code] = c
	}
	return m, nil
}

// printStars prints each council's stars and score, best first, and those
// that could not be assessed apart, with the reason.
func printStars(ctx context.Context, w io.Writer, db *store.DB, surveyID int64) error {
	scores, err := db.CouncilScores(ctx, surveyID)
	if err != nil || len(scores) == 0 {
		return err
	}
	councils, err := councilIndex(ctx, db, surveyID)
	if err != nil {
		return err
	}
	sort.SliceStable(scores, func(i, j int) bool {
		if scores[i].Assessed != scores[j].Assessed {
			return scores[i].Assessed
		}
		return scores[i].Score > scores[j].Score
	})
	fmt.Fprintf(w, "\nStars (model %s; see docs/methodology.md):\n", scores[0].ModelVersion)
	for _, s := range scores {
		c := councils[s.Code]
		if !s.Assessed {
			fmt.Fprintf(w, "  %-4s %-44s %-15s not assessed: %s\n", s.Code, trim(c.Name, 44), c.Tier, s.Reason)
			continue
		}
		fmt.Fprintf(w, "  %-4s %-44s %-15s %-4s %5.1f\n", s.Code, trim(c.Name, 44), c.Tier, strings.Repeat("★", s.Stars), s.Score)
	}
	return nil
}

func trim(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
