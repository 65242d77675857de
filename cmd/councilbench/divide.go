package main

import (
	"context"
	"fmt"
	"math"

	"github.com/councilbench/councilbench/divide"
	"github.com/councilbench/councilbench/reports"
	"github.com/councilbench/councilbench/scoring"
	"github.com/councilbench/councilbench/store"
)

func (m *Main) runDivide(ctx context.Context, args []string) error {
	fs := m.newFlagSet("divide", "--db FILE [--name SURVEY] [--format text|md|json|csv] [--all-nations]")
	var ref surveyRef
	ref.add(fs)
	format := fs.String("format", "text", "text, md, json or csv")
	all := fs.Bool("all-nations", false, "add Scotland's, Wales's and Northern Ireland's councils as groups of their own")
	if err := parseFlags(fs, args, false); err != nil {
		return err
	}
	write := map[string]func(*divide.Report) error{
		"text": func(r *divide.Report) error { return r.WriteText(m.Stdout) },
		"md":   func(r *divide.Report) error { return r.WriteMarkdown(m.Stdout) },
		"json": func(r *divide.Report) error { return r.WriteJSON(m.Stdout) },
		"csv":  func(r *divide.Report) error { return r.WriteCSV(m.Stdout) },
	}[*format]
	if write == nil {
		return usagef("--format must be text, md, json or csv, not %q", *format)
	}
	db, survey, err := ref.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	results, err := db.CouncilResults(ctx, survey.ID)
	if err != nil {
		return err
	}
	return write(divide.Analyse(divideCouncils(results), divide.Options{AllNations: *all}))
}

// divideCouncils turns the store's results into the analysis's input:
// each council once, the tasks asked of it only, unknown values as NaN.
func divideCouncils(results []*store.CouncilResult) []divide.Council {
	out := make([]divide.Council, 0, len(results))
	for _, r := range results {
		c := divide.Council{Code: r.Council.Code, Name: r.Council.Name, Tier: r.Council.Tier, Nation: r.Council.Nation,
			Region: r.Council.Region, Reason: "not crawled yet", PageWeight: math.NaN(), PDFShare: math.NaN()}
		if s := r.Score; s != nil {
			c.Assessed, c.Reason = s.Assessed, s.Reason
			c.Score, c.Stars, c.AccessibilityPass = s.Score, s.Stars, s.AccessibilityPass
		}
		if c.Assessed {
			c.RuleRates = map[string]float64{}
			if r.Judged > 0 {
				// Only failing rules are stored per site: the others
				// failed on none of its judged pages.
				for _, rule := range scoring.Rules {
					c.RuleRates[rule.ID] = r.Rates[rule.ID].Rate
				}
			}
			c.Tasks = map[string]divide.TaskResult{}
			for _, t := range r.Tasks {
				c.Tasks[t.Task] = divide.TaskResult{Found: t.Found, Online: t.Online}
			}
			c.Mobile = r.Features[scoring.FeatureViewport].Pass
			c.HTTPS = r.Features[scoring.FeatureHTTPS].Pass
			if f, ok := r.Features[scoring.FeaturePageWeight]; ok && f.Known {
				c.PageWeight = f.Value
			}
			if f, ok := r.Features[scoring.FeaturePDFShare]; ok && f.Known {
				c.PDFShare = f.Value
			}
		}
		out = append(out, c)
	}
	return out
}

// divideFindings returns the plain-English headline findings of the
// digital-divide analysis and a summary table, for the report's home page.
func divideFindings(results []*store.CouncilResult) ([]string, []reports.Table) {
	r := divide.Analyse(divideCouncils(results), divide.Options{})
	t := reports.Table{Caption: "Shire districts and larger councils in England", Headers: []string{"Measure", "Shire districts", "Larger councils", "Difference (95% CI)"},
		Note: "Medians for scores, shares for yes-or-no measures; the difference is shire districts minus larger councils, with a 95% bootstrap interval. Larger councils are counties, unitaries, metropolitan and London boroughs."}
	for _, id := range []string{"score", "accessibility-pass", "mobile", "https", "page-weight"} {
		ms := r.Measure(id)
		if ms == nil || len(ms.Groups) < 2 {
			continue
		}
		row := []string{ms.Label}
		prop := ms.Kind == divide.Proportion
		for _, g := range ms.Groups[:2] {
			switch {
			case g.N == 0:
				row = append(row, "none assessed")
			case prop:
				row = append(row, fmt.Sprintf("%d of %d (%s)", g.Count, g.N, divide.FormatValue(ms.Unit, g.Mean)))
			default:
				row = append(row, fmt.Sprintf("%s (n=%d)", divide.FormatValue(ms.Unit, g.Median), g.N))
			}
		}
		// Proportions are compared by their means (shares), the others by
		// their medians, as the divide's own report does.
		if c := ms.Compare; c == nil {
			row = append(row, "not tested")
		} else {
			d, lo, hi := c.MedianDiff, c.MedianLo, c.MedianHi
			if prop {
				d, lo, hi = c.MeanDiff, c.MeanLo, c.MeanHi
			}
			row = append(row, fmt.Sprintf("%s %s (%s to %s)", divide.FormatDifference(ms.Unit, d), divide.DifferenceUnit(ms.Unit),
				divide.FormatDifference(ms.Unit, lo), divide.FormatDifference(ms.Unit, hi)))
		}
		t.Rows = append(t.Rows, row)
	}
	return r.Headlines(), []reports.Table{t}
}
