package main

import (
	"context"
	"fmt"
	"io"

	"github.com/councilbench/councilbench/internal/human"
	"github.com/councilbench/councilbench/store"
)

// printAccessibilitySummary prints the rules failed on most pages.
func printAccessibilitySummary(ctx context.Context, w io.Writer, db *store.DB, surveyID int64, top int) error {
	sums, err := db.RuleSummaries(ctx, surveyID)
	if err != nil {
		return err
	}
	writeAccessibilitySummary(w, sums, top)
	return nil
}

// writeAccessibilitySummary prints the top rules failed on the largest
// share of the pages they apply to (most failed first, as RuleSummaries
// orders them): the scored rules, then the advisory rules that failed,
// apart, under advisoryHeading.
func writeAccessibilitySummary(w io.Writer, sums []store.RuleSummary, top int) {
	if len(sums) == 0 {
		return
	}
	var scored, advisory []store.RuleSummary
	advisoryFailed := false
	for _, s := range sums {
		if s.Advisory {
			advisory = append(advisory, s)
			advisoryFailed = advisoryFailed || s.PagesFailed > 0
		} else {
			scored = append(scored, s)
		}
	}
	header := func() {
		fmt.Fprintf(w, "  %-28s %-9s %-12s %22s %14s\n", "rule", "impact", "WCAG", "pages failed", "sites failed")
	}
	list := func(sums []store.RuleSummary) int {
		n := 0
		for _, s := range sums {
			if s.PagesFailed == 0 || n == top {
				break
			}
			n++
			pages := fmt.Sprintf("%s of %s (%s)", human.Count(s.PagesFailed), human.Count(s.Pages), human.PercentOf(s.PagesFailed, s.Pages))
			sites := fmt.Sprintf("%s of %s", human.Count(s.SitesFailed), human.Count(s.Sites))
			fmt.Fprintf(w, "  %-28s %-9s %-12s %22s %14s\n", s.Rule, s.Impact, s.WCAG, pages, sites)
		}
		return n
	}
	fmt.Fprintf(w, "\nAccessibility: the rules failed on the largest share of the pages they apply to:\n")
	header()
	switch {
	case list(scored) > 0:
	case advisoryFailed:
		fmt.Fprintln(w, "  none: every page passed every scored rule")
	default:
		fmt.Fprintln(w, "  none: every page passed every rule")
	}
	if advisoryFailed {
		fmt.Fprintf(w, "\n%s: the rules failed on the largest share of the pages they apply to:\n", advisoryHeading)
		header()
		list(advisory)
	}
}
