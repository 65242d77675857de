package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/councilbench/councilbench"
)

// TestMigrationAdvisory opens a file of schema version 6 holding a rule and
// a site's rate, as a survey made before advisory rules left it: migration
// 7 marks both not advisory and the view gains the column.
func TestMigrationAdvisory(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v6.db")
	raw, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms[:6] {
		if _, err := raw.Exec(m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
	}
	for _, q := range []string{
		"PRAGMA user_version = 6",
		`INSERT INTO rules (id, version, wcag, level, act, axe, impact, description) VALUES ('image-alt', 1, '1.1.1', 'A', '23a2a8', 'image-alt', 'critical', 'd')`,
		`INSERT INTO surveys (id, name, started_at, tool_version) VALUES (1, 's', '2026-01-01T00:00:00.000Z', 'v')`,
		`INSERT INTO sites (id, survey_id, key, start_url, status) VALUES (1, 1, 'x.gov.uk', 'https://x.gov.uk/', 'done')`,
		`INSERT INTO a11y_rates (survey_id, site_id, rule_id, rule_version, impact, failed_pages, rate) VALUES (1, 1, 'image-alt', 1, 'critical', 1, 0.5)`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for q, want := range map[string]int64{
		"PRAGMA user_version": int64(len(ms)),
		"SELECT count(*) FROM rules WHERE id = 'image-alt' AND advisory = 0":           1,
		"SELECT count(*) FROM a11y_rates WHERE rule_id = 'image-alt' AND advisory = 0": 1,
		"SELECT count(advisory) FROM v_rule_failures":                                  0,
	} {
		if got := queryInt(t, db, q); got != want {
			t.Errorf("%s: got %d, want %d", q, got, want)
		}
	}
}

// TestStoreAdvisoryRules stores a WCAG rule and an advisory one, a page
// failing both and a site's rates, and reads the advisory marks back from
// the rules, the rule summaries, the view and the assessment.
func TestStoreAdvisoryRules(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	s := &councilbench.Survey{Name: "s"}
	site := &councilbench.Site{Key: "x.gov.uk", StartURL: "https://x.gov.uk/", Councils: []string{"XXX"}}
	if err := db.CreateSurvey(ctx, s, []*councilbench.Site{site}, []councilbench.Council{{Code: "XXX", Name: "X", Tier: councilbench.TierCounty, Website: "https://x.gov.uk/"}}); err != nil {
		t.Fatal(err)
	}
	wcag := councilbench.RuleInfo{ID: "image-alt", Version: 1, WCAG: []string{"1.1.1"}, Level: "A", Impact: councilbench.Critical}
	advisory := councilbench.RuleInfo{ID: "test-advisory", Version: 1, Impact: councilbench.Moderate, Advisory: true}
	// Put twice, the second time as the table stands: the mark follows it.
	if err := db.PutRules(ctx, []councilbench.RuleInfo{wcag, {ID: advisory.ID, Version: 1, Impact: councilbench.Moderate}}); err != nil {
		t.Fatal(err)
	}
	if err := db.PutRules(ctx, []councilbench.RuleInfo{wcag, advisory}); err != nil {
		t.Fatal(err)
	}
	w := db.NewWriter(s.ID)
	failed := func(rule string) councilbench.RuleResult {
		return councilbench.RuleResult{Rule: rule, Version: 1, Outcome: councilbench.Failed, Applicable: 1, FailureCount: 1,
			Failures: []councilbench.Evidence{{Selector: "img", Snippet: "<img>"}}}
	}
	p := &councilbench.Page{SiteID: site.ID, URL: "https://x.gov.uk/", Kind: councilbench.KindHTML, Status: 200,
		Score: &councilbench.PageScore{URL: "https://x.gov.uk/", Elements: 3, Results: []councilbench.RuleResult{failed(wcag.ID), failed(advisory.ID)}}}
	if err := w.SavePage(p); err != nil {
		t.Fatal(err)
	}
	a := &councilbench.SiteAssessment{SiteKey: site.Key, Assessed: true, Pages: 1, HTMLPages: 1,
		Tasks: []councilbench.TaskFinding{}, Features: []councilbench.Feature{},
		Accessibility: councilbench.A11ySummary{Pages: 1, Rules: []councilbench.RuleRate{
			{Rule: wcag.ID, Version: 1, Impact: councilbench.Critical, Failed: 1, Rate: 1, Example: p.URL},
			{Rule: advisory.ID, Version: 1, Impact: councilbench.Moderate, Failed: 1, Rate: 1, Example: p.URL, Advisory: true}}}}
	if err := w.SaveAssessment(site.ID, a, nil); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	for q, want := range map[string]int64{
		"SELECT advisory FROM rules WHERE id = 'image-alt'":     0,
		"SELECT advisory FROM rules WHERE id = 'test-advisory'": 1,
		"SELECT count(*) FROM v_rule_failures":                  2,
		"SELECT count(*) FROM a11y_rates WHERE advisory = 1":    1,
		// docs/schema.md's example: the WCAG failures alone.
		"SELECT count(*) FROM v_rule_failures WHERE advisory = 0 AND level IN ('A', 'AA')": 1,
	} {
		if got := queryInt(t, db, q); got != want {
			t.Errorf("%s: got %d, want %d", q, got, want)
		}
	}
	// docs/schema.md's query of the pages failing a WCAG rule, advisory
	// rules left out.
	if got := queryInt(t, db, `SELECT pages_failing_wcag FROM (
		SELECT c.code, count(DISTINCT rr.page_id) AS pages_failing_wcag
		FROM rule_results rr
		JOIN rules r ON r.id = rr.rule_id AND r.version = rr.rule_version
		JOIN pages p ON p.id = rr.page_id
		JOIN councils c ON c.site_id = p.site_id AND c.survey_id = p.survey_id
		WHERE rr.survey_id = ? AND rr.outcome = 'failed' AND r.advisory = 0
		GROUP BY c.code) WHERE code = 'XXX'`, s.ID); got != 1 {
		t.Errorf("pages failing a WCAG rule: got %d, want 1", got)
	}
	if got := queryInt(t, db, `SELECT count(*) FROM rule_results rr JOIN rules r ON r.id = rr.rule_id AND r.version = rr.rule_version
		WHERE rr.outcome = 'failed' AND r.advisory = 0`); got != 1 {
		t.Errorf("WCAG failures: got %d, want 1", got)
	}
	sums, err := db.RuleSummaries(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, sum := range sums {
		got[sum.Rule] = sum.Advisory
	}
	if want := map[string]bool{wcag.ID: false, advisory.ID: true}; !reflect.DeepEqual(got, want) {
		t.Errorf("rule summaries' advisory marks: got %v, want %v", got, want)
	}
	as, err := db.SiteAssessments(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := as[site.ID].Accessibility; !reflect.DeepEqual(got, a.Accessibility) {
		t.Errorf("accessibility:\ngot  %+v\nwant %+v", got, a.Accessibility)
	}
}
