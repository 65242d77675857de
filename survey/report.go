package survey

import (
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/divide"
	"github.com/councilbench/councilbench/reports"
	"github.com/councilbench/councilbench/scoring"
	"github.com/councilbench/councilbench/store"
	"github.com/klauspost/compress/zstd"
)

// DataLicence is the licence of the published results.
const DataLicence = `The survey results (scores, findings, evidence and the downloads) are published under the Creative Commons Attribution 4.0 International licence (CC BY 4.0): you may share and adapt them for any purpose, if you credit "councilbench" and link to the methodology. The council register is from mySociety (CC BY 4.0) and GOV.UK Local Links Manager (MIT, Crown copyright); the Local Government Service List codes are from GOV.UK (MIT, Crown copyright). Text and markup quoted from councils' websites as evidence remain theirs.`

// Report reads a survey's results into the report's model. With an earlier
// survey to compare with (compare not empty), the two are compared under
// one model: an earlier survey scored with another model is rescored first
// when its pages' bodies are stored, and otherwise shown as not comparable,
// with the reason.
func Report(ctx context.Context, db *store.DB, survey *councilbench.Survey, compare *councilbench.Survey) (*reports.Site, error) {
	results, err := db.CouncilResults(ctx, survey.ID)
	if err != nil {
		return nil, err
	}
	examples, err := db.FailureExamples(ctx, survey.ID, 3)
	if err != nil {
		return nil, err
	}
	templates, err := db.TemplateFailures(ctx, survey.ID)
	if err != nil {
		return nil, err
	}
	sums, err := db.Surveys(ctx)
	if err != nil {
		return nil, err
	}
	site := &reports.Site{
		Survey: reports.SurveyInfo{Name: survey.Name, Started: survey.StartedAt, Finished: survey.FinishedAt, ToolVersion: survey.ToolVersion,
			Simulated: survey.Simulated},
		Rules:       scoring.Rules,
		Tasks:       scoring.Tasks,
		Methodology: scoring.MethodologyMarkdown(),
		License:     DataLicence,
	}
	for _, s := range sums {
		if s.Survey.ID == survey.ID {
			site.Survey.PagesCrawled, site.Survey.Sites = int(s.Pages), s.Sites
		}
	}
	for _, r := range results {
		c := reports.Council{Code: r.Council.Code, Name: r.Council.Name, Tier: r.Council.Tier, Nation: r.Council.Nation,
			Region: r.Council.Region, SiteURL: r.SiteURL(), PagesCrawled: r.Pages, SurveyDate: survey.StartedAt}
		if r.Assessment != nil {
			c.PagesJudged = r.Assessment.HTMLPages
		}
		if r.Site != nil {
			c.TemplateFailures = templates[r.Site.ID]
		}
		if r.Score == nil {
			c.Reason = "not crawled yet"
		} else {
			c.Assessed, c.Reason = r.Score.Assessed, r.Score.Reason
			if r.Score.Assessed {
				c.Score = r.Score
			}
			site.Survey.ModelVersion, site.Survey.CatalogueVersion = r.Score.ModelVersion, r.Score.CatalogueVersion
		}
		for _, rate := range sortedRates(r.Assessment) {
			if rate.Judged > 0 || rate.NotAssessed {
				if !rate.Advisory {
					c.Undecided = append(c.Undecided, reports.RuleUndecided{Rule: rate.Rule, NotAssessed: rate.NotAssessed,
						Judged: rate.Judged, CantTell: rate.CantTell, Reasons: councilbench.ReasonCounts(rate.Reasons)})
				}
			}
			if rate.Failed == 0 {
				continue // a cascade rule listed for how much it decided
			}
			f := reports.RuleFailure{Rule: rate.Rule, Pages: rate.Failed, Judged: c.PagesJudged, Advisory: rate.Advisory}
			if r.Site != nil {
				f.Examples = examples[r.Site.ID][rate.Rule]
			}
			c.Failures = append(c.Failures, f)
		}
		site.Councils = append(site.Councils, c)
	}
	site.Answer, site.Headlines, site.DivideTables = divideFindings(results)
	if compare != nil {
		if site.Compare, err = comparison(ctx, db, compare, site.Survey.ModelVersion); err != nil {
			return nil, err
		}
	}
	return site, nil
}

// WriteReport writes the report's website into dir with the results-only
// SQLite download and the link graph beside it.
func WriteReport(ctx context.Context, db *store.DB, survey *councilbench.Survey, site *reports.Site, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	results := filepath.Join(dir, reports.ResultsSQLiteFile)
	os.Remove(results) // VACUUM INTO will not overwrite
	if err := db.ExportResults(ctx, survey.ID, results); err != nil {
		return err
	}
	site.ResultsSQLite = true
	if err := writeLinks(ctx, db, survey.ID, survey.Simulated, filepath.Join(dir, reports.LinksFile)); err != nil {
		return err
	}
	site.Links = true
	return reports.Write(dir, site)
}

// writeLinks writes the survey's every link to path as zstd-compressed CSV
// (reports.LinksHeader). Text cells pass through reports.CSVSafe, so a
// link text cannot become a spreadsheet formula.
// A simulated survey's rows start with a simulated column, true on every
// row, as the league table's CSV does.
func writeLinks(ctx context.Context, db *store.DB, surveyID int64, simulated bool, path string) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	zw, err := zstd.NewWriter(f, zstd.WithEncoderLevel(zstd.SpeedBetterCompression))
	if err != nil {
		return fmt.Errorf("links: %w", err)
	}
	cw := csv.NewWriter(zw)
	var first []string // the simulated column, if any
	if simulated {
		first = []string{"simulated"}
	}
	if err := cw.Write(append(first, reports.LinksHeader...)); err != nil {
		return fmt.Errorf("links: %w", err)
	}
	if simulated {
		first = []string{"true"}
	}
	err = db.EachLink(ctx, surveyID, func(pageID int64, pageURL string, l councilbench.Link) error {
		ext := "0"
		if l.External {
			ext = "1"
		}
		return cw.Write(append(first, strconv.FormatInt(pageID, 10), reports.CSVSafe(pageURL), reports.CSVSafe(l.URL), reports.CSVSafe(l.Text), ext))
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("links: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("links: %w", err)
	}
	return nil
}

// sortedRates returns a site's failing rules, worst first.
func sortedRates(a *councilbench.SiteAssessment) []councilbench.RuleRate {
	if a == nil {
		return nil
	}
	out := append([]councilbench.RuleRate(nil), a.Accessibility.Rules...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Rate != out[j].Rate {
			return out[i].Rate > out[j].Rate
		}
		return out[i].Rule < out[j].Rule
	})
	return out
}

// comparison reads an earlier survey's scores and ranks. Surveys are only
// compared under one model: an earlier survey scored with another model is
// rescored under the current one first, when every page it should judge
// has its body stored; otherwise the comparison says why it is not made.
func comparison(ctx context.Context, db *store.DB, earlier *councilbench.Survey, modelVersion string) (*reports.Comparison, error) {
	scores, err := db.CouncilScores(ctx, earlier.ID)
	if err != nil {
		return nil, err
	}
	cmp := &reports.Comparison{Name: earlier.Name, Comparable: true, Earlier: map[string]reports.Earlier{}}
	if v := otherModel(scores, modelVersion); v != "" {
		// Rescore only a survey that can be rescored whole: one scored by
		// half would be under no model at all.
		missing, err := Lacking(ctx, db, earlier)
		if err != nil {
			return nil, err
		}
		if missing > 0 {
			cmp.Comparable, cmp.ModelVersion = false, v
			cmp.Note = fmt.Sprintf("Survey %s was scored with model %s and this one with model %s, and %d of its pages have no stored body to score again (a results-only file?): the two are not compared.",
				earlier.Name, v, modelVersion, missing)
			return cmp, nil
		}
		if _, err := Rescore(ctx, db, earlier); err != nil {
			return nil, fmt.Errorf("rescore survey %s under model %s: %w", earlier.Name, modelVersion, err)
		}
		if scores, err = db.CouncilScores(ctx, earlier.ID); err != nil {
			return nil, err
		}
		cmp.Note = fmt.Sprintf("Survey %s was scored with model %s; it has been scored again with model %s to compare.", earlier.Name, v, modelVersion)
	}
	var assessed []*councilbench.CouncilScore
	for _, s := range scores {
		cmp.ModelVersion = s.ModelVersion
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

// otherModel returns the model version of a score made with another model
// than v, or "".
func otherModel(scores []*councilbench.CouncilScore, v string) string {
	for _, s := range scores {
		if s.ModelVersion != v {
			return s.ModelVersion
		}
	}
	return ""
}

// DivideCouncils turns a survey's results into the divide analysis's input:
// each council once, the tasks asked of it only, unknown values as NaN.
func DivideCouncils(results []*councilbench.CouncilResult) []divide.Council {
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
			if a := r.Assessment; a != nil && a.HTMLPages > 0 {
				// Only failing rules are stored per site: the others
				// failed on none of its judged pages.
				for _, rule := range scoring.Rules {
					c.RuleRates[rule.ID] = 0
				}
				for _, rr := range a.Accessibility.Rules {
					c.RuleRates[rr.Rule] = rr.Rate
					if rr.NotAssessed {
						delete(c.RuleRates, rr.Rule) // no finding, never 0
					}
				}
			}
			c.Tasks = map[string]divide.TaskResult{}
			for _, t := range r.Score.Tasks {
				c.Tasks[t.ID] = divide.TaskResult{Found: t.Found, Online: t.Online}
			}
			features := map[string]councilbench.Feature{}
			for _, f := range r.Score.Features {
				features[f.ID] = f
			}
			c.Mobile = features[scoring.FeatureViewport].Pass
			c.HTTPS = features[scoring.FeatureHTTPS].Pass
			if f, ok := features[scoring.FeaturePageWeight]; ok && f.Known {
				c.PageWeight = f.Value
			}
			if f, ok := features[scoring.FeaturePDFShare]; ok && f.Known {
				c.PDFShare = f.Value
			}
		}
		out = append(out, c)
	}
	return out
}

// divideFindings returns the digital-divide analysis's plain answer to the
// report's question, its headline findings and a summary table, for the
// report's home page and its comparison page.
func divideFindings(results []*councilbench.CouncilResult) (string, []string, []reports.Table) {
	r := divide.Analyse(DivideCouncils(results), divide.Options{})
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
			if ms.NoVariation {
				row = append(row, "none: every council alike (not tested)")
			} else {
				row = append(row, "not tested")
			}
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
	return r.Answer(), r.Headlines(), []reports.Table{t}
}
