package main

import (
	"context"
	"fmt"
	"io"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/scoring"
	"github.com/councilbench/councilbench/store"
)

// scorePage scores a stored HTML page against the accessibility rules, or
// returns nil for responses that are not a council's page (errors, bot
// challenges, documents).
func scorePage(scorer *scoring.Scorer, p *councilbench.Page) *store.PageScore {
	if p.Kind != councilbench.KindHTML || p.Body == nil || p.Status < 200 || p.Status >= 300 || p.Bot {
		return nil
	}
	rep, err := scorer.Score(p.Body, p.ContentType, p.FinalURL)
	if err != nil {
		return &store.PageScore{Error: err.Error()}
	}
	return storedScore(rep)
}

// storedScore converts a page's report to what the store keeps.
func storedScore(rep *scoring.PageReport) *store.PageScore {
	s := &store.PageScore{Charset: rep.Charset, Elements: rep.Elements, Limited: rep.Limited, Results: make([]store.RuleResult, len(rep.Results))}
	for i, r := range rep.Results {
		ev := make([]store.Evidence, len(r.Failures))
		for j, f := range r.Failures {
			ev[j] = store.Evidence{Selector: f.Selector, Snippet: f.Snippet}
		}
		s.Results[i] = store.RuleResult{Rule: r.Rule, Version: r.Version, Outcome: string(r.Outcome),
			Applicable: r.Applicable, FailureCount: r.FailureCount, Evidence: ev}
	}
	return s
}

// ruleMetas is the rule table as the store records it.
func ruleMetas(rules []*scoring.Rule) []store.RuleMeta {
	out := make([]store.RuleMeta, len(rules))
	for i, r := range rules {
		out[i] = store.RuleMeta{ID: r.ID, Version: r.Version, WCAG: r.WCAG, Level: r.Level, ACT: r.ACT,
			Axe: r.Axe, Impact: string(r.Impact), Description: r.Description}
	}
	return out
}

// printAccessibilitySummary prints the rules failed on most pages.
func printAccessibilitySummary(ctx context.Context, w io.Writer, db *store.DB, surveyID int64, top int) error {
	sums, err := db.RuleSummaries(ctx, surveyID)
	if err != nil {
		return err
	}
	var pages int
	for _, s := range sums {
		pages = max(pages, s.Pages)
	}
	if len(sums) == 0 {
		return nil
	}
	fmt.Fprintf(w, "\nAccessibility: the rules failed on the largest share of the pages they apply to:\n")
	fmt.Fprintf(w, "  %-28s %-9s %-12s %14s %14s\n", "rule", "impact", "WCAG", "pages failed", "sites failed")
	n := 0
	for _, s := range sums {
		if s.PagesFailed == 0 || n == top {
			break
		}
		n++
		fmt.Fprintf(w, "  %-28s %-9s %-12s %6d of %-5d %6d of %-5d\n", s.Rule, s.Impact, s.WCAG, s.PagesFailed, s.Pages, s.SitesFailed, s.Sites)
	}
	if n == 0 {
		fmt.Fprintln(w, "  none: every page passed every rule")
	}
	return nil
}
