package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// Assessment is what a site's stored pages show, with the scores of the
// councils that use the site. SaveAssessment replaces a site's earlier one.
type Assessment struct {
	SiteID           int64
	CatalogueVersion int
	Assessed         bool
	Reason, Detail   string
	Home             string
	HTMLPages        int
	Tasks            []TaskRow
	Features         []FeatureRow
	Rates            []RateRow
	Councils         []CouncilScoreRow
}

// TaskRow is one task's finding on a site.
type TaskRow struct {
	Task                                   string
	Version                                int
	LGSL                                   []int
	Found                                  bool
	URL                                    string
	Clicks                                 int // -1 when not found or sitemap-only
	LinkedFromHome, LinkedFromLanding      bool
	LandingURL                             string
	Online                                 bool
	OnlineVia, OnlineURL                   string
	PDFOnly                                bool
	PDFURL, WelshURL, LinkText, LinkedFrom string
	BrokenURL                              string
}

// FeatureRow is one site feature, with its evidence.
type FeatureRow struct {
	Feature     string
	Version     int
	Known, Pass bool
	Value       float64
	Unit, URL   string
	Evidence    []string
}

// RateRow is the share of a site's pages failing one accessibility rule.
type RateRow struct {
	Rule    string
	Version int
	Impact  string
	Failed  int
	Rate    float64
	Example string
}

// CouncilScoreRow is one council's score.
type CouncilScoreRow struct {
	Code              string
	SiteID            int64
	ModelVersion      string
	CatalogueVersion  int
	Assessed          bool
	Reason, Detail    string
	Score             float64
	Stars             int
	StarsNote         string
	AccessibilityPass bool
	Tasks             []string // the tasks asked of the council
	Scorecard         string   // JSON
}

// SaveAssessment stores a site's assessment and its councils' scores in
// one transaction, replacing what was stored before.
func (w *Writer) SaveAssessment(a *Assessment) error {
	if err := w.Err(); err != nil {
		return err
	}
	return w.queue(op{assess: a})
}

func (b *batch) saveAssessment(a *Assessment) error {
	sid, tx, at := b.w.surveyID, b.tx, scoredAt()
	for _, q := range []string{
		"DELETE FROM task_findings WHERE site_id = ?", "DELETE FROM site_features WHERE site_id = ?",
		"DELETE FROM a11y_rates WHERE site_id = ?", "DELETE FROM site_assessments WHERE site_id = ?",
	} {
		if _, err := tx.Exec(q, a.SiteID); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(`INSERT INTO site_assessments (site_id, survey_id, catalogue_version, assessed, reason, detail, home, html_pages, assessed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.SiteID, sid, a.CatalogueVersion, boolInt(a.Assessed), nullString(a.Reason),
		nullString(a.Detail), nullString(a.Home), a.HTMLPages, at); err != nil {
		return err
	}
	for _, t := range a.Tasks {
		var clicks any
		if t.Clicks >= 0 {
			clicks = t.Clicks
		}
		lgsl := make([]string, len(t.LGSL))
		for i, c := range t.LGSL {
			lgsl[i] = fmt.Sprint(c)
		}
		if _, err := tx.Exec(`INSERT INTO task_findings (survey_id, site_id, task_id, task_version, lgsl, found, url, clicks,
			linked_from_home, linked_from_landing, landing_url, online, online_via, online_url, pdf_only, pdf_url, welsh_url,
			link_text, linked_from, broken_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			sid, a.SiteID, t.Task, t.Version, strings.Join(lgsl, ","), boolInt(t.Found), nullString(t.URL), clicks,
			boolInt(t.LinkedFromHome), boolInt(t.LinkedFromLanding), nullString(t.LandingURL), boolInt(t.Online),
			nullString(t.OnlineVia), nullString(t.OnlineURL), boolInt(t.PDFOnly), nullString(t.PDFURL), nullString(t.WelshURL),
			nullString(t.LinkText), nullString(t.LinkedFrom), nullString(t.BrokenURL)); err != nil {
			return fmt.Errorf("task %s: %w", t.Task, err)
		}
	}
	for _, f := range a.Features {
		ev, err := json.Marshal(append([]string{}, f.Evidence...))
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO site_features (survey_id, site_id, feature_id, version, known, pass, value, unit, url, evidence)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, sid, a.SiteID, f.Feature, f.Version, boolInt(f.Known), boolInt(f.Pass),
			f.Value, f.Unit, nullString(f.URL), string(ev)); err != nil {
			return fmt.Errorf("feature %s: %w", f.Feature, err)
		}
	}
	for _, r := range a.Rates {
		if _, err := tx.Exec(`INSERT INTO a11y_rates (survey_id, site_id, rule_id, rule_version, impact, failed_pages, rate, example_url)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, sid, a.SiteID, r.Rule, r.Version, r.Impact, r.Failed, r.Rate, nullString(r.Example)); err != nil {
			return fmt.Errorf("rate %s: %w", r.Rule, err)
		}
	}
	for _, c := range a.Councils {
		if _, err := tx.Exec("DELETE FROM council_tasks WHERE survey_id = ? AND code = ?", sid, c.Code); err != nil {
			return err
		}
		var score, stars any
		if c.Assessed {
			score, stars = c.Score, c.Stars
		}
		if _, err := tx.Exec(`INSERT INTO council_scores (survey_id, code, site_id, model_version, catalogue_version, assessed,
			reason, detail, score, stars, stars_note, accessibility_pass, scorecard, scored_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (survey_id, code) DO UPDATE SET site_id = excluded.site_id, model_version = excluded.model_version,
			catalogue_version = excluded.catalogue_version, assessed = excluded.assessed, reason = excluded.reason,
			detail = excluded.detail, score = excluded.score, stars = excluded.stars, stars_note = excluded.stars_note,
			accessibility_pass = excluded.accessibility_pass, scorecard = excluded.scorecard, scored_at = excluded.scored_at`,
			sid, c.Code, a.SiteID, c.ModelVersion, c.CatalogueVersion, boolInt(c.Assessed), nullString(c.Reason), nullString(c.Detail),
			score, stars, nullString(c.StarsNote), boolInt(c.AccessibilityPass), c.Scorecard, at); err != nil {
			return fmt.Errorf("council %s: %w", c.Code, err)
		}
		for _, t := range c.Tasks {
			if _, err := tx.Exec("INSERT INTO council_tasks (survey_id, code, task_id) VALUES (?, ?, ?)", sid, c.Code, t); err != nil {
				return err
			}
		}
	}
	return nil
}

// CouncilScores returns the survey's council scores, ordered by code.
func (db *DB) CouncilScores(ctx context.Context, surveyID int64) ([]CouncilScoreRow, error) {
	return db.councilScores(ctx, surveyID, "")
}

// CouncilScore returns one council's score (its code in any case), or
// ErrNotFound.
func (db *DB) CouncilScore(ctx context.Context, surveyID int64, code string) (*CouncilScoreRow, error) {
	rows, err := db.councilScores(ctx, surveyID, code)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("council %s: %w", code, ErrNotFound)
	}
	return &rows[0], nil
}

// councilScores reads council scores, of one council when code is not empty.
func (db *DB) councilScores(ctx context.Context, surveyID int64, code string) ([]CouncilScoreRow, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT code, COALESCE(site_id, 0), model_version, catalogue_version, assessed,
		COALESCE(reason, ''), COALESCE(detail, ''), COALESCE(score, 0), COALESCE(stars, 0), COALESCE(stars_note, ''),
		accessibility_pass, scorecard FROM council_scores
		WHERE survey_id = ?1 AND (?2 = '' OR code = ?2 COLLATE NOCASE) ORDER BY code`, surveyID, code)
	if err != nil {
		return nil, fmt.Errorf("council scores: %w", err)
	}
	defer rows.Close()
	var out []CouncilScoreRow
	for rows.Next() {
		var c CouncilScoreRow
		var assessed, pass int
		if err := rows.Scan(&c.Code, &c.SiteID, &c.ModelVersion, &c.CatalogueVersion, &assessed, &c.Reason, &c.Detail,
			&c.Score, &c.Stars, &c.StarsNote, &pass, &c.Scorecard); err != nil {
			return nil, fmt.Errorf("council scores: %w", err)
		}
		c.Assessed, c.AccessibilityPass = assessed == 1, pass == 1
		out = append(out, c)
	}
	return out, rows.Err()
}

// SiteRuleOutcomes returns the stored rule outcomes of a site's pages, by
// page URL, for the site's assessment.
func (db *DB) SiteRuleOutcomes(ctx context.Context, siteID int64) (map[string][]RuleResult, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT p.url, rr.rule_id, rr.rule_version, rr.outcome, rr.applicable, rr.failure_count
		FROM rule_results AS rr JOIN pages AS p ON p.id = rr.page_id WHERE p.site_id = ? ORDER BY rr.page_id, rr.rule_id`, siteID)
	if err != nil {
		return nil, fmt.Errorf("rule outcomes of site %d: %w", siteID, err)
	}
	defer rows.Close()
	out := map[string][]RuleResult{}
	for rows.Next() {
		var u string
		var r RuleResult
		if err := rows.Scan(&u, &r.Rule, &r.Version, &r.Outcome, &r.Applicable, &r.FailureCount); err != nil {
			return nil, fmt.Errorf("rule outcomes of site %d: %w", siteID, err)
		}
		out[u] = append(out[u], r)
	}
	return out, rows.Err()
}
