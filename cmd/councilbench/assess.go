package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/internal/human"
	"github.com/councilbench/councilbench/store"
	"github.com/councilbench/councilbench/survey"
)

// printStars prints each council's stars and score, best first, and those
// that could not be assessed apart, with the reason.
func printStars(ctx context.Context, w io.Writer, db *store.DB, surveyID int64) error {
	scores, err := db.CouncilScores(ctx, surveyID)
	if err != nil || len(scores) == 0 {
		return err
	}
	councils, err := survey.Councils(ctx, db, surveyID)
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
		line := fmt.Sprintf("  %-4s %-44s %-15s %-4s %5.1f", s.Code, trim(c.Name, 44), c.Tier, strings.Repeat("★", s.Stars), s.Score)
		if s.StarsNote != "" {
			// Beside the stars: a score in the four-star band with three
			// stars would otherwise look like a mistake.
			line += "  capped at ★★★: " + s.StarsNote
		}
		fmt.Fprintln(w, line)
	}
	return nil
}

func trim(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// printSearchByTier prints, per tier, the share of the councils' tasks
// that their own site search lists among its first results (Better
// Connected's test), with how many tasks' searches could not be assessed.
func printSearchByTier(ctx context.Context, w io.Writer, db *store.DB, surveyID int64) error {
	scores, err := db.CouncilScores(ctx, surveyID)
	if err != nil || len(scores) == 0 {
		return err
	}
	type tally struct{ councils, searched, found, notAssessed int }
	byTier := map[councilbench.Tier]*tally{}
	for _, s := range scores {
		if !s.Assessed {
			continue
		}
		t := byTier[s.Tier]
		if t == nil {
			t = &tally{}
			byTier[s.Tier] = t
		}
		t.councils++
		for _, f := range s.Tasks {
			switch {
			case f.SearchRank > 0:
				t.searched++
				t.found++
			case f.SearchRank == 0:
				t.searched++
			case f.SearchReason != councilbench.SearchNotAsked:
				t.notAssessed++
			}
		}
	}
	if len(byTier) == 0 {
		return nil
	}
	fmt.Fprintf(w, "\nSite search: tasks whose page the council's own search lists in its first %d results, by tier:\n", councilbench.MaxSearchResults)
	for _, tier := range councilbench.Tiers {
		t := byTier[tier]
		if t == nil {
			continue
		}
		if t.searched == 0 {
			fmt.Fprintf(w, "  %-16s %3d councils: no search could be made (%d tasks not assessed)\n", tier, t.councils, t.notAssessed)
			continue
		}
		fmt.Fprintf(w, "  %-16s %3d councils: %6s (%d of %d tasks searched; %d not assessed: no form, POST only, robots.txt...)\n",
			tier, t.councils, human.PercentOf(t.found, t.searched), t.found, t.searched, t.notAssessed)
	}
	return nil
}
