package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/councilbench/councilbench"
)

// assessment is a queued SaveAssessment.
type assessment struct {
	siteID int64
	a      *councilbench.SiteAssessment
	scores []*councilbench.CouncilScore
	cards  []string // the scores as JSON, encoded on the caller's goroutine
}

// SaveAssessment stores a site's assessment and the scores of the councils
// that use the site in one transaction, replacing what was stored before.
func (w *Writer) SaveAssessment(siteID int64, a *councilbench.SiteAssessment, scores []*councilbench.CouncilScore) error {
	if err := w.Err(); err != nil {
		return err
	}
	o := &assessment{siteID: siteID, a: a, scores: scores}
	for _, cs := range scores {
		card, err := json.Marshal(cs)
		if err != nil {
			return fmt.Errorf("save assessment of site %d: scorecard of %s: %w", siteID, cs.Code, err)
		}
		o.cards = append(o.cards, string(card))
	}
	return w.queue(op{assess: o})
}

func (b *batch) saveAssessment(o *assessment) error {
	sid, tx, at, a := b.w.surveyID, b.tx, scoredAt(), o.a
	for _, q := range []string{
		"DELETE FROM task_findings WHERE site_id = ?", "DELETE FROM task_candidates WHERE site_id = ?",
		"DELETE FROM site_features WHERE site_id = ?",
		"DELETE FROM a11y_rates WHERE site_id = ?", "DELETE FROM site_assessments WHERE site_id = ?",
		"DELETE FROM page_links WHERE site_id = ?",
	} {
		if _, err := tx.Exec(q, o.siteID); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(`INSERT INTO site_assessments (site_id, survey_id, catalogue_version, assessed, reason, detail, home,
		html_pages, pages, a11y_pages, assessed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, o.siteID, sid, a.CatalogueVersion,
		boolInt(a.Assessed), nullString(a.Reason), nullString(a.Detail), nullString(a.Home), a.HTMLPages, a.Pages,
		a.Accessibility.Pages, at); err != nil {
		return err
	}
	for _, t := range a.Tasks {
		var clicks any
		if t.Clicks >= 0 {
			clicks = t.Clicks
		}
		lgsl := make([]string, len(t.LGSL))
		for i, c := range t.LGSL {
			lgsl[i] = strconv.Itoa(c)
		}
		if _, err := tx.Exec(`INSERT INTO task_findings (survey_id, site_id, task_id, task_version, lgsl, found, url, clicks,
			linked_from_home, linked_from_landing, landing_url, online, online_via, online_url, pdf_only, pdf_url, welsh_url,
			link_text, linked_from, match_pattern, broken_url, why, search_rank, search_reason)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			sid, o.siteID, t.ID, t.Version, strings.Join(lgsl, ","), boolInt(t.Found), nullString(t.URL), clicks,
			boolInt(t.LinkedFromHome), boolInt(t.LinkedFromLanding), nullString(t.LandingURL), boolInt(t.Online),
			nullString(t.OnlineVia), nullString(t.OnlineURL), boolInt(t.PDFOnly), nullString(t.PDFURL), nullString(t.WelshURL),
			nullString(t.LinkText), nullString(t.LinkedFrom), nullString(t.Match), nullString(t.BrokenURL), nullString(t.Why),
			searchRank(t.SearchRank), nullString(string(t.SearchReason))); err != nil {
			return fmt.Errorf("task %s: %w", t.ID, err)
		}
		for i, c := range t.Candidates {
			matched, err := json.Marshal(append([]string{}, c.Matched...))
			if err != nil {
				return err
			}
			if _, err := tx.Exec(`INSERT INTO task_candidates (survey_id, site_id, task_id, rank, url, matched, near_miss, action)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, sid, o.siteID, t.ID, i+1, c.URL, string(matched), nullString(c.NearMiss),
				boolInt(c.Action)); err != nil {
				return fmt.Errorf("task %s: candidate %s: %w", t.ID, c.URL, err)
			}
		}
	}
	for _, f := range a.Features {
		ev, err := json.Marshal(append([]string{}, f.Evidence...))
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO site_features (survey_id, site_id, feature_id, version, known, pass, value, unit, url, evidence)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, sid, o.siteID, f.ID, f.Version, boolInt(f.Known), boolInt(f.Pass),
			f.Value, f.Unit, nullString(f.URL), string(ev)); err != nil {
			return fmt.Errorf("feature %s: %w", f.ID, err)
		}
	}
	for _, r := range a.Accessibility.Rules {
		reasons, err := jsonCounts(r.Reasons)
		if err != nil {
			return fmt.Errorf("rate %s: %w", r.Rule, err)
		}
		var judged, cantTell any
		if r.Judged > 0 || r.CantTell > 0 {
			judged, cantTell = r.Judged, r.CantTell
		}
		if _, err := tx.Exec(`INSERT INTO a11y_rates (survey_id, site_id, rule_id, rule_version, impact, failed_pages, rate, example_url, advisory,
			not_assessed, judged, cant_tell, reasons)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, sid, o.siteID, r.Rule, r.Version, string(r.Impact), r.Failed, r.Rate, nullString(r.Example),
			boolInt(r.Advisory), boolInt(r.NotAssessed), judged, cantTell, reasons); err != nil {
			return fmt.Errorf("rate %s: %w", r.Rule, err)
		}
	}
	for _, l := range a.Links {
		if _, err := tx.Exec(`INSERT INTO page_links (page_id, survey_id, site_id, links, internal, external, checked, broken)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, l.PageID, sid, o.siteID, l.Links, l.Internal, l.External, l.Checked, l.Broken); err != nil {
			return fmt.Errorf("links of page %d: %w", l.PageID, err)
		}
	}
	for i, c := range o.scores {
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
			sid, c.Code, o.siteID, c.ModelVersion, c.CatalogueVersion, boolInt(c.Assessed), nullString(c.Reason), nullString(c.Detail),
			score, stars, nullString(c.StarsNote), boolInt(c.AccessibilityPass), o.cards[i], at); err != nil {
			return fmt.Errorf("council %s: %w", c.Code, err)
		}
		for _, t := range c.Tasks {
			if _, err := tx.Exec("INSERT INTO council_tasks (survey_id, code, task_id) VALUES (?, ?, ?)", sid, c.Code, t.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// CouncilScores returns the survey's council scorecards, ordered by code.
func (db *DB) CouncilScores(ctx context.Context, surveyID int64) ([]*councilbench.CouncilScore, error) {
	return db.councilScores(ctx, surveyID, "")
}

// CouncilScore returns one council's scorecard (its code in any case), or
// ErrNotFound.
func (db *DB) CouncilScore(ctx context.Context, surveyID int64, code string) (*councilbench.CouncilScore, error) {
	rows, err := db.councilScores(ctx, surveyID, code)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("council %s: %w", code, ErrNotFound)
	}
	return rows[0], nil
}

// councilScores reads scorecards, of one council when code is not empty.
// The scorecard is stored whole as JSON; its columns are copies of its
// headline fields for researchers' queries.
func (db *DB) councilScores(ctx context.Context, surveyID int64, code string) ([]*councilbench.CouncilScore, error) {
	var out []*councilbench.CouncilScore
	err := db.each(ctx, `SELECT code, scorecard FROM council_scores
		WHERE survey_id = ?1 AND (?2 = '' OR code = ?2 COLLATE NOCASE) ORDER BY code`, []any{surveyID, code}, func(r scanner) error {
		var c, card string
		if err := r.Scan(&c, &card); err != nil {
			return err
		}
		cs := &councilbench.CouncilScore{}
		if err := json.Unmarshal([]byte(card), cs); err != nil {
			return fmt.Errorf("scorecard of %s: %w", c, err)
		}
		out = append(out, cs)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("council scores: %w", err)
	}
	return out, nil
}

// SiteAssessments returns the stored assessments of a survey's sites, by
// site id, as they were saved.
func (db *DB) SiteAssessments(ctx context.Context, surveyID int64) (map[int64]*councilbench.SiteAssessment, error) {
	out := map[int64]*councilbench.SiteAssessment{}
	err := db.each(ctx, `SELECT a.site_id, s.key, a.catalogue_version, a.assessed, COALESCE(a.reason, ''), COALESCE(a.detail, ''),
		COALESCE(a.home, ''), a.html_pages, COALESCE(a.pages, s.pages, 0), COALESCE(a.a11y_pages, a.html_pages)
		FROM site_assessments AS a JOIN sites AS s ON s.id = a.site_id WHERE a.survey_id = ?`, []any{surveyID}, func(r scanner) error {
		var id int64
		a := &councilbench.SiteAssessment{Tasks: []councilbench.TaskFinding{}, Features: []councilbench.Feature{},
			Accessibility: councilbench.A11ySummary{Rules: []councilbench.RuleRate{}}}
		if err := r.Scan(&id, &a.SiteKey, &a.CatalogueVersion, &a.Assessed, &a.Reason, &a.Detail, &a.Home, &a.HTMLPages,
			&a.Pages, &a.Accessibility.Pages); err != nil {
			return err
		}
		out[id] = a
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("site assessments: %w", err)
	}
	err = db.each(ctx, `SELECT site_id, task_id, task_version, lgsl, found, COALESCE(url, ''), COALESCE(clicks, -1),
		linked_from_home, linked_from_landing, COALESCE(landing_url, ''), online, COALESCE(online_via, ''), COALESCE(online_url, ''),
		pdf_only, COALESCE(pdf_url, ''), COALESCE(welsh_url, ''), COALESCE(link_text, ''), COALESCE(linked_from, ''),
		COALESCE(match_pattern, ''), COALESCE(broken_url, ''), COALESCE(why, ''), COALESCE(search_rank, -1),
		COALESCE(search_reason, '')
		FROM task_findings WHERE survey_id = ? ORDER BY site_id, rowid`, []any{surveyID}, func(r scanner) error {
		var id int64
		var lgsl string
		var t councilbench.TaskFinding
		if err := r.Scan(&id, &t.ID, &t.Version, &lgsl, &t.Found, &t.URL, &t.Clicks, &t.LinkedFromHome, &t.LinkedFromLanding,
			&t.LandingURL, &t.Online, &t.OnlineVia, &t.OnlineURL, &t.PDFOnly, &t.PDFURL, &t.WelshURL, &t.LinkText,
			&t.LinkedFrom, &t.Match, &t.BrokenURL, &t.Why, &t.SearchRank, &t.SearchReason); err != nil {
			return err
		}
		t.LGSL = []int{}
		for _, c := range strings.Split(lgsl, ",") {
			if c == "" {
				continue
			}
			n, err := strconv.Atoi(c)
			if err != nil {
				return fmt.Errorf("task %s: lgsl %q: %w", t.ID, lgsl, err)
			}
			t.LGSL = append(t.LGSL, n)
		}
		if a := out[id]; a != nil {
			a.Tasks = append(a.Tasks, t)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("task findings: %w", err)
	}
	err = db.each(ctx, `SELECT site_id, task_id, url, matched, COALESCE(near_miss, ''), action
		FROM task_candidates WHERE survey_id = ? ORDER BY site_id, task_id, rank`, []any{surveyID}, func(r scanner) error {
		var id int64
		var task, matched string
		var c councilbench.TaskCandidate
		if err := r.Scan(&id, &task, &c.URL, &matched, &c.NearMiss, &c.Action); err != nil {
			return err
		}
		var err error
		if c.Matched, err = unmarshalStrings(matched); err != nil {
			return fmt.Errorf("task %s: candidate %s: %w", task, c.URL, err)
		}
		if a := out[id]; a != nil {
			if t := a.Task(task); t != nil {
				t.Candidates = append(t.Candidates, c)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("task candidates: %w", err)
	}
	err = db.each(ctx, `SELECT site_id, feature_id, version, known, pass, value, unit, COALESCE(url, ''), evidence
		FROM site_features WHERE survey_id = ? ORDER BY site_id, rowid`, []any{surveyID}, func(r scanner) error {
		var id int64
		var ev string
		var f councilbench.Feature
		if err := r.Scan(&id, &f.ID, &f.Version, &f.Known, &f.Pass, &f.Value, &f.Unit, &f.URL, &ev); err != nil {
			return err
		}
		var err error
		if f.Evidence, err = unmarshalStrings(ev); err != nil {
			return fmt.Errorf("feature %s: %w", f.ID, err)
		}
		if a := out[id]; a != nil {
			a.Features = append(a.Features, f)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("site features: %w", err)
	}
	err = db.each(ctx, `SELECT site_id, rule_id, rule_version, impact, failed_pages, rate, COALESCE(example_url, ''), advisory,
		not_assessed, COALESCE(judged, 0), COALESCE(cant_tell, 0), reasons
		FROM a11y_rates WHERE survey_id = ? ORDER BY site_id, rowid`, []any{surveyID}, func(r scanner) error {
		var id int64
		var rr councilbench.RuleRate
		var reasons sql.NullString
		if err := r.Scan(&id, &rr.Rule, &rr.Version, &rr.Impact, &rr.Failed, &rr.Rate, &rr.Example, &rr.Advisory,
			&rr.NotAssessed, &rr.Judged, &rr.CantTell, &reasons); err != nil {
			return err
		}
		var err error
		if rr.Reasons, err = readCounts(reasons); err != nil {
			return err
		}
		if a := out[id]; a != nil {
			a.Accessibility.Rules = append(a.Accessibility.Rules, rr)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("accessibility rates: %w", err)
	}
	return out, nil
}

// searchRank stores a task's search rank: NULL when not assessed (-1).
func searchRank(r int) any {
	if r < 0 {
		return nil
	}
	return r
}
