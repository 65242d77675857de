package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// RuleMeta is one accessibility rule as the store records it, so that
// every stored outcome can be traced to the rule's logic and criteria.
type RuleMeta struct {
	ID          string
	Version     int
	WCAG        []string
	Level       string
	ACT         []string
	Axe         string
	Impact      string
	Description string
}

// PageScore is the accessibility outcome of one page.
type PageScore struct {
	Charset  string
	Elements int
	Limited  bool
	Error    string // the page could not be scored; Results is then empty
	Results  []RuleResult
}

// RuleResult is one rule's outcome on one page.
type RuleResult struct {
	Rule         string
	Version      int
	Outcome      string
	Applicable   int
	FailureCount int
	Evidence     []Evidence
}

// Evidence is one failing element.
type Evidence struct {
	Selector string
	Snippet  string
}

// PutRules records the rule table (id and version are the key; a rule whose
// logic changed has a new version and a new row).
func (db *DB) PutRules(ctx context.Context, rules []RuleMeta) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("put rules: %w", err)
	}
	defer tx.Rollback()
	for _, r := range rules {
		if _, err := tx.ExecContext(ctx, `INSERT INTO rules (id, version, wcag, level, act, axe, impact, description)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id, version) DO UPDATE SET
			wcag = excluded.wcag, level = excluded.level, act = excluded.act, axe = excluded.axe,
			impact = excluded.impact, description = excluded.description`,
			r.ID, r.Version, strings.Join(r.WCAG, ","), r.Level, strings.Join(r.ACT, ","), r.Axe, r.Impact, r.Description); err != nil {
			return fmt.Errorf("put rule %s: %w", r.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("put rules: %w", err)
	}
	return nil
}

// scoreRows writes a page's score in the writer's transaction, replacing
// any earlier one.
func (b *batch) saveScore(pageID int64, s *PageScore, at string) error {
	sid := b.w.surveyID
	for _, q := range []string{
		"DELETE FROM rule_evidence WHERE page_id = ?",
		"DELETE FROM rule_results WHERE page_id = ?",
		"DELETE FROM page_scores WHERE page_id = ?",
	} {
		if _, err := b.tx.Exec(q, pageID); err != nil {
			return err
		}
	}
	if _, err := b.tx.Exec(`INSERT INTO page_scores (page_id, survey_id, charset, elements, limited, error, scored_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, pageID, sid, nullString(s.Charset), s.Elements, boolInt(s.Limited), nullString(s.Error), at); err != nil {
		return err
	}
	for _, r := range s.Results {
		if _, err := b.insertResult.Exec(sid, pageID, r.Rule, r.Version, r.Outcome, r.Applicable, r.FailureCount); err != nil {
			return err
		}
		for i, e := range r.Evidence {
			if _, err := b.insertEvidence.Exec(sid, pageID, r.Rule, i, e.Selector, e.Snippet); err != nil {
				return err
			}
		}
	}
	return nil
}

// pageScoreOp is a queued SaveScore of a page already stored.
type pageScoreOp struct {
	pageID int64
	score  *PageScore
}

// SaveScore stores (or replaces) the score of a page already stored, as a
// rescore does.
func (w *Writer) SaveScore(pageID int64, s *PageScore) error {
	if err := w.Err(); err != nil {
		return err
	}
	return w.queue(op{score: &pageScoreOp{pageID: pageID, score: s}})
}

// RuleSummary is how often one rule failed across a survey.
type RuleSummary struct {
	Rule        string
	Impact      string
	WCAG        string
	Pages       int // pages where the rule applied (passed or failed)
	PagesFailed int
	Sites       int // sites with a page where it applied
	SitesFailed int // sites with a page where it failed
}

// RuleSummaries returns, for each rule, how many pages and sites of the
// survey failed it, most failed first.
func (db *DB) RuleSummaries(ctx context.Context, surveyID int64) ([]RuleSummary, error) {
	rows, err := db.db.QueryContext(ctx, `
		SELECT rr.rule_id, COALESCE(MAX(r.impact), ''), COALESCE(MAX(r.wcag), ''),
			SUM(rr.outcome IN ('passed', 'failed')), SUM(rr.outcome = 'failed'),
			COUNT(DISTINCT CASE WHEN rr.outcome IN ('passed', 'failed') THEN p.site_id END),
			COUNT(DISTINCT CASE WHEN rr.outcome = 'failed' THEN p.site_id END)
		FROM rule_results AS rr
		JOIN pages AS p ON p.id = rr.page_id
		LEFT JOIN rules AS r ON r.id = rr.rule_id AND r.version = rr.rule_version
		WHERE rr.survey_id = ?
		GROUP BY rr.rule_id
		ORDER BY SUM(rr.outcome = 'failed') * 1.0 / MAX(1, SUM(rr.outcome IN ('passed', 'failed'))) DESC, rr.rule_id`, surveyID)
	if err != nil {
		return nil, fmt.Errorf("rule summaries: %w", err)
	}
	defer rows.Close()
	var out []RuleSummary
	for rows.Next() {
		var s RuleSummary
		if err := rows.Scan(&s.Rule, &s.Impact, &s.WCAG, &s.Pages, &s.PagesFailed, &s.Sites, &s.SitesFailed); err != nil {
			return nil, fmt.Errorf("rule summaries: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// scoredAt is when scores are stamped.
func scoredAt() string { return formatTime(time.Now()).(string) }

// RuleOutcomes returns a rule's outcome on every scored page of a survey,
// by the page's final URL (after redirects), which is where its content is.
func (db *DB) RuleOutcomes(ctx context.Context, surveyID int64, rule string) (map[string]string, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT COALESCE(p.final_url, p.url), rr.outcome FROM rule_results AS rr
		JOIN pages AS p ON p.id = rr.page_id WHERE rr.survey_id = ? AND rr.rule_id = ?`, surveyID, rule)
	if err != nil {
		return nil, fmt.Errorf("outcomes of %s: %w", rule, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var u, o string
		if err := rows.Scan(&u, &o); err != nil {
			return nil, fmt.Errorf("outcomes of %s: %w", rule, err)
		}
		out[u] = o
	}
	return out, rows.Err()
}
