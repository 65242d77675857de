package main

import (
	"context"
	"fmt"
	"io"

	"github.com/councilbench/councilbench/store"
)

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
