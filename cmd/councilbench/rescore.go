package main

import (
	"context"
	"fmt"

	"github.com/councilbench/councilbench/scoring"
	"github.com/councilbench/councilbench/survey"
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
	db, s, err := ref.open(ctx, m.Stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := survey.Rescore(ctx, db, s)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Rescored %d pages of survey %q with %d rules, page facts %d, task catalogue %d and model %s.\n",
		res.Pages, s.Name, len(scoring.Rules), scoring.FactsVersion, scoring.TaskCatalogueVersion, scoring.ModelVersion)
	if res.Missing > 0 {
		fmt.Fprintf(m.Stdout, "%d pages have no stored body to score again (a results-only file?): they keep the scores stored with them.\n", res.Missing)
	}
	if err := printAccessibilitySummary(ctx, m.Stdout, db, s.ID, 8); err != nil {
		return err
	}
	return printStars(ctx, m.Stdout, db, s.ID)
}
