package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/councilbench/councilbench/reports"
	"github.com/councilbench/councilbench/scoring"
	"github.com/councilbench/councilbench/store"
)

// dataLicence is the licence of the published results.
const dataLicence = `The survey results (scores, findings, evidence and the downloads) are published under the Creative Commons Attribution 4.0 International licence (CC BY 4.0): you may share and adapt them for any purpose, if you credit "councilbench" and link to the methodology. The council register is from mySociety (CC BY 4.0) and GOV.UK Local Links Manager (MIT, Crown copyright); the Local Government Service List codes are from GOV.UK (MIT, Crown copyright). Text and markup quoted from councils' websites as evidence remain theirs.`

func (m *Main) runReport(ctx context.Context, args []string) error {
	fs := m.newFlagSet("report", "--db FILE --out DIR [--name SURVEY] [--compare SURVEY]")
	var ref surveyRef
	ref.add(fs)
	out := fs.String("out", "", "`folder` to write the static website to (created; its files are replaced)")
	compare := fs.String("compare", "", "an earlier survey's `name`, to show changes since then")
	if err := parseFlags(fs, args, false); err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out: name the folder to write the website to")
	}
	db, survey, err := ref.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	site, err := buildReport(ctx, db, survey.Name, *compare)
	if err != nil {
		return err
	}
	if err := writeReport(ctx, db, site, *out); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Wrote the report of survey %q to %s (open %s).\n", site.Survey.Name, *out, filepath.Join(*out, "index.html"))
	return nil
}

// writeReport writes the website and the results-only SQLite download.
func writeReport(ctx context.Context, db *store.DB, site *reports.Site, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	survey, err := db.Survey(ctx, site.Survey.Name)
	if err != nil {
		return err
	}
	results := filepath.Join(dir, reports.ResultsSQLiteFile)
	os.Remove(results) // VACUUM INTO will not overwrite
	if err := db.ExportResults(ctx, survey.ID, results); err != nil {
		return err
	}
	site.ResultsSQLite = true
	return reports.Write(dir, site)
}

// buildReport reads a survey's results into the report's model.
func buildReport(ctx context.Context, db *store.DB, name, compare string) (*reports.Site, error) {
	survey, err := db.Survey(ctx, name)
	if err != nil {
		return nil, usagef("--name %q: %v", name, err)
	}
	results, err := db.CouncilResults(ctx, survey.ID)
	if err != nil {
		return nil, err
	}
	examples, err := db.FailureExamples(ctx, survey.ID, 3)
	if err != nil {
		return nil, err
	}
	sums, err := db.Surveys(ctx)
	if err != nil {
		return nil, err
	}
	site := &reports.Site{
		Survey:      reports.SurveyInfo{Name: survey.Name, Started: survey.StartedAt, Finished: survey.FinishedAt, ToolVersion: survey.ToolVersion},
		Rules:       scoring.Rules,
		Tasks:       scoring.Tasks,
		Methodology: scoring.MethodologyMarkdown(),
		License:     dataLicence,
	}
	for _, s := range sums {
		if s.Survey.ID == survey.ID {
			site.Survey.PagesCrawled, site.Survey.Sites = int(s.Pages), s.Sites
		}
	}
	for _, r := range results {
		c := reports.Council{Code: r.Council.Code, Name: r.Council.Name, Tier: r.Council.Tier, Nation: r.Council.Nation,
			Region: r.Council.Region, SiteURL: r.SiteURL, PagesCrawled: r.Pages, PagesJudged: r.Judged, SurveyDate: survey.StartedAt}
		if r.Score == nil {
			c.Reason = "not crawled yet"
		} else {
			var cs scoring.CouncilScore
			if err := json.Unmarshal([]byte(r.Score.Scorecard), &cs); err != nil {
				return nil, fmt.Errorf("scorecard of %s: %w", r.Council.Code, err)
			}
			c.Assessed, c.Reason = cs.Assessed, cs.Reason
			if cs.Assessed {
				c.Score = &cs
			}
			site.Survey.ModelVersion, site.Survey.CatalogueVersion = cs.ModelVersion, cs.CatalogueVersion
		}
		for _, rate := range sortedRates(r.Rates) {
			f := reports.RuleFailure{Rule: rate.Rule, Pages: rate.Failed, Judged: r.Judged}
			if r.Score != nil {
				for _, ex := range examples[r.Score.SiteID][rate.Rule] {
					f.Examples = append(f.Examples, reports.FailureExample{PageURL: ex.URL, Selector: ex.Selector, Snippet: ex.Snippet})
				}
			}
			c.Failures = append(c.Failures, f)
		}
		site.Councils = append(site.Councils, c)
	}
	site.Headlines, site.DivideTables = divideFindings(results)
	if compare != "" {
		if site.Compare, err = comparison(ctx, db, compare, site.Survey.ModelVersion); err != nil {
			return nil, err
		}
	}
	return site, nil
}

// sortedRates returns a site's failing rules, worst first.
func sortedRates(rates map[string]store.RateRow) []store.RateRow {
	out := make([]store.RateRow, 0, len(rates))
	for _, r := range rates {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Rate != out[j].Rate {
			return out[i].Rate > out[j].Rate
		}
		return out[i].Rule < out[j].Rule
	})
	return out
}

// comparison reads an earlier survey's scores and ranks. Surveys scored
// with different model versions are not compared: the older must be
// rescored first.
func comparison(ctx context.Context, db *store.DB, name, modelVersion string) (*reports.Comparison, error) {
	earlier, err := db.Survey(ctx, name)
	if err != nil {
		return nil, usagef("--compare %q: %v", name, err)
	}
	scores, err := db.CouncilScores(ctx, earlier.ID)
	if err != nil {
		return nil, err
	}
	cmp := &reports.Comparison{Name: name, Comparable: true, Earlier: map[string]reports.Earlier{}}
	var assessed []store.CouncilScoreRow
	for _, s := range scores {
		cmp.ModelVersion = s.ModelVersion
		if s.ModelVersion != modelVersion {
			cmp.Comparable = false
			cmp.Note = fmt.Sprintf("Survey %s was scored with model %s and this one with model %s: they are not compared until %s is rescored (councilbench rescore --name %s).",
				name, s.ModelVersion, modelVersion, name, name)
		}
		if s.Assessed {
			assessed = append(assessed, s)
		} else {
			cmp.Earlier[s.Code] = reports.Earlier{}
		}
	}
	sort.SliceStable(assessed, func(i, j int) bool { return assessed[i].Score > assessed[j].Score })
	vals := make([]float64, len(assessed))
	for i, s := range assessed {
		vals[i] = s.Score
	}
	ranks := reports.Rank(vals)
	for i, s := range assessed {
		cmp.Earlier[s.Code] = reports.Earlier{Assessed: true, Score: s.Score, Stars: s.Stars, Rank: ranks[i]}
	}
	return cmp, nil
}
