package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/councilbench/councilbench"
)

// CouncilResult is everything a survey holds about one council's results,
// for the divide analysis and the report: its register entry, its score,
// the tasks asked of it with its site's findings, its site's features and
// accessibility failure rates.
type CouncilResult struct {
	Council  councilbench.Council
	SiteURL  string // the site's final URL, else its start URL
	Pages    int    // pages stored for its site
	Judged   int    // HTML pages its site's assessment judged
	Score    *CouncilScoreRow
	Tasks    []TaskRow             // the tasks asked of it, in task id order
	Features map[string]FeatureRow // by feature id
	Rates    map[string]RateRow    // by rule id: the rules its site failed
}

// CouncilResults returns the results of every council of a survey, in code
// order. A council whose site has not been assessed has a nil Score.
func (db *DB) CouncilResults(ctx context.Context, surveyID int64) ([]*CouncilResult, error) {
	councils, err := db.Councils(ctx, surveyID)
	if err != nil {
		return nil, err
	}
	sites, err := db.Sites(ctx, surveyID)
	if err != nil {
		return nil, err
	}
	scores, err := db.CouncilScores(ctx, surveyID)
	if err != nil {
		return nil, err
	}
	siteOf := map[string]*councilbench.Site{}
	for _, s := range sites {
		for _, code := range s.Councils {
			siteOf[code] = s
		}
	}
	scoreOf := map[string]*CouncilScoreRow{}
	for i := range scores {
		scoreOf[scores[i].Code] = &scores[i]
	}
	pages, err := db.countBySite(ctx, "SELECT site_id, count(*) FROM pages WHERE survey_id = ? GROUP BY site_id", surveyID)
	if err != nil {
		return nil, err
	}
	judged, err := db.countBySite(ctx, "SELECT site_id, html_pages FROM site_assessments WHERE survey_id = ?", surveyID)
	if err != nil {
		return nil, err
	}
	tasks, err := db.askedTasks(ctx, surveyID)
	if err != nil {
		return nil, err
	}
	features, err := db.siteFeatures(ctx, surveyID)
	if err != nil {
		return nil, err
	}
	rates, err := db.siteRates(ctx, surveyID)
	if err != nil {
		return nil, err
	}
	out := make([]*CouncilResult, 0, len(councils))
	for _, c := range councils {
		r := &CouncilResult{Council: c, Score: scoreOf[c.Code], Tasks: tasks[c.Code], Features: map[string]FeatureRow{}, Rates: map[string]RateRow{}}
		if s := siteOf[c.Code]; s != nil {
			r.SiteURL = s.FinalURL
			if r.SiteURL == "" {
				r.SiteURL = s.StartURL
			}
			r.Pages, r.Judged = pages[s.ID], judged[s.ID]
			if f := features[s.ID]; f != nil {
				r.Features = f
			}
			if rr := rates[s.ID]; rr != nil {
				r.Rates = rr
			}
		}
		out = append(out, r)
	}
	return out, nil
}

func (db *DB) countBySite(ctx context.Context, query string, surveyID int64) (map[int64]int, error) {
	rows, err := db.db.QueryContext(ctx, query, surveyID)
	if err != nil {
		return nil, fmt.Errorf("count: %w", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// askedTasks returns, by council code, the tasks asked of it with its
// site's findings.
func (db *DB) askedTasks(ctx context.Context, surveyID int64) (map[string][]TaskRow, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT ct.code, t.task_id, t.task_version, t.found, COALESCE(t.url, ''), COALESCE(t.clicks, -1),
			t.linked_from_home, t.linked_from_landing, t.online, COALESCE(t.online_via, ''), COALESCE(t.online_url, ''), t.pdf_only
		FROM council_tasks AS ct
		JOIN councils AS c ON c.survey_id = ct.survey_id AND c.code = ct.code
		JOIN task_findings AS t ON t.site_id = c.site_id AND t.task_id = ct.task_id
		WHERE ct.survey_id = ? ORDER BY ct.code, t.task_id`, surveyID)
	if err != nil {
		return nil, fmt.Errorf("asked tasks: %w", err)
	}
	defer rows.Close()
	out := map[string][]TaskRow{}
	for rows.Next() {
		var code string
		var t TaskRow
		var found, home, landing, online, pdf int
		if err := rows.Scan(&code, &t.Task, &t.Version, &found, &t.URL, &t.Clicks, &home, &landing, &online, &t.OnlineVia, &t.OnlineURL, &pdf); err != nil {
			return nil, fmt.Errorf("asked tasks: %w", err)
		}
		t.Found, t.LinkedFromHome, t.LinkedFromLanding, t.Online, t.PDFOnly = found == 1, home == 1, landing == 1, online == 1, pdf == 1
		out[code] = append(out[code], t)
	}
	return out, rows.Err()
}

func (db *DB) siteFeatures(ctx context.Context, surveyID int64) (map[int64]map[string]FeatureRow, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT site_id, feature_id, version, known, pass, value, unit, COALESCE(url, '')
		FROM site_features WHERE survey_id = ?`, surveyID)
	if err != nil {
		return nil, fmt.Errorf("features: %w", err)
	}
	defer rows.Close()
	out := map[int64]map[string]FeatureRow{}
	for rows.Next() {
		var site int64
		var f FeatureRow
		var known, pass int
		if err := rows.Scan(&site, &f.Feature, &f.Version, &known, &pass, &f.Value, &f.Unit, &f.URL); err != nil {
			return nil, fmt.Errorf("features: %w", err)
		}
		f.Known, f.Pass = known == 1, pass == 1
		if out[site] == nil {
			out[site] = map[string]FeatureRow{}
		}
		out[site][f.Feature] = f
	}
	return out, rows.Err()
}

func (db *DB) siteRates(ctx context.Context, surveyID int64) (map[int64]map[string]RateRow, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT site_id, rule_id, rule_version, impact, failed_pages, rate, COALESCE(example_url, '')
		FROM a11y_rates WHERE survey_id = ?`, surveyID)
	if err != nil {
		return nil, fmt.Errorf("rates: %w", err)
	}
	defer rows.Close()
	out := map[int64]map[string]RateRow{}
	for rows.Next() {
		var site int64
		var r RateRow
		if err := rows.Scan(&site, &r.Rule, &r.Version, &r.Impact, &r.Failed, &r.Rate, &r.Example); err != nil {
			return nil, fmt.Errorf("rates: %w", err)
		}
		if out[site] == nil {
			out[site] = map[string]RateRow{}
		}
		out[site][r.Rule] = r
	}
	return out, rows.Err()
}

// FailureExample is one failing element of a rule on a page.
type FailureExample struct {
	Rule, URL, Selector, Snippet string
}

// FailureExamples returns, by site id and rule id, up to perRule failing
// elements of each rule on the site's pages (the first in URL and document
// order), for the report.
func (db *DB) FailureExamples(ctx context.Context, surveyID int64, perRule int) (map[int64]map[string][]FailureExample, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT p.site_id, e.rule_id, p.url, e.selector, e.snippet
		FROM rule_evidence AS e JOIN pages AS p ON p.id = e.page_id
		WHERE e.survey_id = ? ORDER BY p.site_id, e.rule_id, p.url, e.seq`, surveyID)
	if err != nil {
		return nil, fmt.Errorf("failure examples: %w", err)
	}
	defer rows.Close()
	out := map[int64]map[string][]FailureExample{}
	for rows.Next() {
		var site int64
		var f FailureExample
		if err := rows.Scan(&site, &f.Rule, &f.URL, &f.Selector, &f.Snippet); err != nil {
			return nil, fmt.Errorf("failure examples: %w", err)
		}
		if out[site] == nil {
			out[site] = map[string][]FailureExample{}
		}
		if len(out[site][f.Rule]) < perRule {
			out[site][f.Rule] = append(out[site][f.Rule], f)
		}
	}
	return out, rows.Err()
}

// ExportResults writes to path a copy of one survey's results without page
// bodies: the download researchers can take without the crawl's bulk. The
// schema is the same, so the same queries work on it.
func (db *DB) ExportResults(ctx context.Context, surveyID int64, path string) error {
	if _, err := db.db.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("export results: %w", err)
	}
	out, err := Open(ctx, path)
	if err != nil {
		return fmt.Errorf("export results: %w", err)
	}
	defer out.Close()
	stmts := []string{"UPDATE pages SET body = NULL"}
	// Other surveys' rows go, children before parents.
	for _, t := range []string{"rule_evidence", "rule_results", "page_scores", "links", "a11y_rates", "site_features",
		"task_findings", "site_assessments", "council_tasks", "council_scores", "pages", "councils", "sites"} {
		stmts = append(stmts, "DELETE FROM "+t+" WHERE survey_id <> ?")
	}
	stmts = append(stmts, "DELETE FROM surveys WHERE id <> ?")
	for _, s := range stmts {
		var err error
		if strings.Contains(s, "?") {
			_, err = out.db.ExecContext(ctx, s, surveyID)
		} else {
			_, err = out.db.ExecContext(ctx, s)
		}
		if err != nil {
			return fmt.Errorf("export results: %s: %w", s, err)
		}
	}
	if _, err := out.db.ExecContext(ctx, "VACUUM"); err != nil {
		return fmt.Errorf("export results: %w", err)
	}
	return nil
}
