package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/councilbench/councilbench"
)

// PutRules records the rule table (id and version are the key; a rule whose
// logic changed has a new version and a new row).
func (db *DB) PutRules(ctx context.Context, rules []councilbench.RuleInfo) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("put rules: %w", err)
	}
	defer tx.Rollback()
	for _, r := range rules {
		if _, err := tx.ExecContext(ctx, `INSERT INTO rules (id, version, wcag, level, act, axe, impact, description, advisory)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id, version) DO UPDATE SET
			wcag = excluded.wcag, level = excluded.level, act = excluded.act, axe = excluded.axe,
			impact = excluded.impact, description = excluded.description, advisory = excluded.advisory`,
			r.ID, r.Version, strings.Join(r.WCAG, ","), r.Level, strings.Join(r.ACT, ","), r.Axe, string(r.Impact), r.Description,
			boolInt(r.Advisory)); err != nil {
			return fmt.Errorf("put rule %s: %w", r.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("put rules: %w", err)
	}
	return nil
}

// judgement is a queued SaveScore of a page already stored.
type judgement struct {
	pageID int64
	score  *councilbench.PageScore
	facts  *councilbench.PageFacts
}

// SaveScore stores (or replaces) the Score and Facts of a page already
// stored (p.ID), as a rescore does. Nil ones remove what was stored.
func (w *Writer) SaveScore(p *councilbench.Page) error {
	if err := w.Err(); err != nil {
		return err
	}
	return w.queue(op{judge: &judgement{pageID: p.ID, score: p.Score, facts: p.Facts}})
}

// saveJudgement writes a page's score and facts in the writer's
// transaction, replacing any earlier ones.
func (b *batch) saveJudgement(pageID int64, s *councilbench.PageScore, f *councilbench.PageFacts) error {
	sid := b.w.surveyID
	for _, q := range []string{
		"DELETE FROM rule_evidence WHERE page_id = ?",
		"DELETE FROM rule_results WHERE page_id = ?",
		"DELETE FROM page_scores WHERE page_id = ?",
		"DELETE FROM page_forms WHERE page_id = ?",
		"DELETE FROM page_facts WHERE page_id = ?",
	} {
		if _, err := b.tx.Exec(q, pageID); err != nil {
			return err
		}
	}
	if s != nil {
		if _, err := b.tx.Exec(`INSERT INTO page_scores (page_id, survey_id, charset, elements, limited, error, scored_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, pageID, sid, nullString(s.Charset), s.Elements, boolInt(s.Limited), nullString(s.Error), scoredAt()); err != nil {
			return fmt.Errorf("score: %w", err)
		}
		for _, r := range s.Results {
			reasons, err := jsonCounts(r.Reasons)
			if err != nil {
				return fmt.Errorf("score: %w", err)
			}
			if _, err := b.insertResult.Exec(sid, pageID, r.Rule, r.Version, string(r.Outcome), r.Applicable, r.FailureCount,
				r.CantTellCount, reasons); err != nil {
				return fmt.Errorf("score: %w", err)
			}
			for i, e := range r.Failures {
				var fg, bg, ratio, req, px, bold any
				if c := e.Contrast; c != nil {
					fg, bg, ratio, req, px, bold = c.Foreground, c.Background, c.Ratio, c.Required, c.FontPx, boolInt(c.Bold)
				}
				if _, err := b.insertEvidence.Exec(sid, pageID, r.Rule, i, e.Selector, e.Snippet, fg, bg, ratio, req, px, bold); err != nil {
					return fmt.Errorf("score: %w", err)
				}
			}
		}
	}
	if f != nil {
		var viewport any
		if f.HasViewport {
			viewport = f.Viewport
		}
		if _, err := b.insertFacts.Exec(pageID, sid, f.Version, f.Title, f.H1, f.Lang, viewport, boolInt(f.Main), boolInt(f.Article)); err != nil {
			return fmt.Errorf("facts: %w", err)
		}
		for i, fm := range f.Forms {
			names, err := marshalStrings(fm.Names)
			if err != nil {
				return fmt.Errorf("facts: %w", err)
			}
			hidden, err := marshalStrings(fm.Hidden)
			if err != nil {
				return fmt.Errorf("facts: %w", err)
			}
			if _, err := b.insertForm.Exec(sid, pageID, i, fm.Action, fm.Method, boolInt(fm.Search), fm.Fields, names, fm.Emails,
				nullString(fm.Query), hidden, boolInt(fm.Captcha), boolInt(fm.Password)); err != nil {
				return fmt.Errorf("facts: %w", err)
			}
		}
	}
	return nil
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
	// Advisory is the rule's rules.advisory: best practice, reported apart
	// from the WCAG failures and counted in no score.
	Advisory bool
}

// RuleSummaries returns, for each rule, how many pages and sites of the
// survey failed it, most failed first.
func (db *DB) RuleSummaries(ctx context.Context, surveyID int64) ([]RuleSummary, error) {
	rows, err := db.db.QueryContext(ctx, `
		SELECT rr.rule_id, COALESCE(MAX(r.impact), ''), COALESCE(MAX(r.wcag), ''), COALESCE(MAX(r.advisory), 0),
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
		if err := rows.Scan(&s.Rule, &s.Impact, &s.WCAG, &s.Advisory, &s.Pages, &s.PagesFailed, &s.Sites, &s.SitesFailed); err != nil {
			return nil, fmt.Errorf("rule summaries: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// scoredAt is when scores are stamped.
func scoredAt() string { return formatTime(time.Now()).(string) }

// jsonCounts writes counts by reason as a JSON object, NULL when empty.
func jsonCounts(m map[string]int) (any, error) {
	if len(m) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// readCounts reads what jsonCounts wrote.
func readCounts(s sql.NullString) (map[string]int, error) {
	if !s.Valid || s.String == "" {
		return nil, nil
	}
	var m map[string]int
	if err := json.Unmarshal([]byte(s.String), &m); err != nil {
		return nil, fmt.Errorf("reasons %q: %w", s.String, err)
	}
	return m, nil
}
