package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

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
