package store

import (
	"context"
	"reflect"
	"testing"

	"github.com/councilbench/councilbench"
)

// TestStoreContrast stores a page whose contrast rule failed on one
// element and could not tell on two, and a site's rates with a rule not
// assessed, and reads them back: the measurements, the can't-tell counts
// and reasons, and the not-assessed mark (schema version 9).
func TestStoreContrast(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	s := &councilbench.Survey{Name: "s"}
	site := &councilbench.Site{Key: "x.gov.uk", StartURL: "https://x.gov.uk/", Councils: []string{"XXX"}}
	if err := db.CreateSurvey(ctx, s, []*councilbench.Site{site}, []councilbench.Council{{Code: "XXX", Name: "X", Tier: councilbench.TierCounty, Website: "https://x.gov.uk/"}}); err != nil {
		t.Fatal(err)
	}
	rule := councilbench.RuleInfo{ID: "color-contrast", Version: 1, WCAG: []string{"1.4.3"}, Level: "AA", Impact: councilbench.Serious}
	if err := db.PutRules(ctx, []councilbench.RuleInfo{rule}); err != nil {
		t.Fatal(err)
	}
	w := db.NewWriter(s.ID)
	res := councilbench.RuleResult{Rule: rule.ID, Version: 1, Outcome: councilbench.Failed, Applicable: 5, FailureCount: 1,
		CantTellCount: 2, Reasons: map[string]int{"bg-image": 1, "positioned": 1},
		Failures: []councilbench.Evidence{{Selector: "p.date", Snippet: `<p class="date">`,
			Contrast: &councilbench.ContrastEvidence{Foreground: "#949494", Background: "#ffffff", Ratio: 3.03, Required: 4.5, FontPx: 14, Bold: true}}}}
	plain := councilbench.RuleResult{Rule: "image-alt", Version: 1, Outcome: councilbench.Failed, Applicable: 1, FailureCount: 1,
		Failures: []councilbench.Evidence{{Selector: "img", Snippet: "<img>"}}}
	p := &councilbench.Page{SiteID: site.ID, URL: "https://x.gov.uk/", Kind: councilbench.KindHTML, Status: 200,
		Score: &councilbench.PageScore{URL: "https://x.gov.uk/", Elements: 9, Results: []councilbench.RuleResult{res, plain}}}
	if err := w.SavePage(p); err != nil {
		t.Fatal(err)
	}
	a := &councilbench.SiteAssessment{SiteKey: site.Key, Assessed: true, Pages: 1, HTMLPages: 1,
		Tasks: []councilbench.TaskFinding{}, Features: []councilbench.Feature{},
		Accessibility: councilbench.A11ySummary{Pages: 1, Rules: []councilbench.RuleRate{
			{Rule: rule.ID, Version: 1, Impact: councilbench.Serious, Failed: 1, Rate: 1, Example: p.URL, Judged: 5, CantTell: 2,
				Reasons: map[string]int{"bg-image": 1, "positioned": 1}},
			{Rule: "color-contrast-enhanced", Version: 1, Impact: councilbench.Serious, Advisory: true, NotAssessed: true}}}}
	if err := w.SaveAssessment(site.ID, a, nil); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	pages, err := db.SitePages(ctx, site.ID, PageOptions{Judgements: true, Evidence: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 || pages[0].Score == nil {
		t.Fatalf("pages: %+v", pages)
	}
	for i, want := range []councilbench.RuleResult{res, plain} {
		if got := pages[0].Score.Results[i]; !reflect.DeepEqual(got, want) {
			t.Errorf("result %d:\ngot  %+v\nwant %+v", i, got, want)
		}
	}
	if got := *pages[0].Score.Results[0].Failures[0].Contrast; got != *res.Failures[0].Contrast {
		t.Errorf("contrast evidence: got %+v, want %+v", got, *res.Failures[0].Contrast)
	}
	as, err := db.SiteAssessments(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := as[site.ID].Accessibility; !reflect.DeepEqual(got, a.Accessibility) {
		t.Errorf("accessibility:\ngot  %+v\nwant %+v", got, a.Accessibility)
	}
	ex, err := db.FailureExamples(ctx, s.ID, 5)
	if err != nil {
		t.Fatal(err)
	}
	if got := ex[site.ID][rule.ID]; len(got) != 1 || got[0].Contrast == nil || got[0].Contrast.Ratio != 3.03 {
		t.Errorf("failure examples: %+v", got)
	}
	// docs/schema.md's queries.
	for q, want := range map[string]int64{
		"SELECT count(*) FROM v_rule_failures WHERE ratio < required":                       1,
		"SELECT cant_tell FROM rule_results WHERE rule_id = 'color-contrast'":               2,
		"SELECT not_assessed FROM a11y_rates WHERE rule_id = 'color-contrast-enhanced'":     1,
		"SELECT count(*) FROM rule_evidence WHERE rule_id = 'image-alt' AND ratio IS NULL":  1,
		"SELECT round(100 * (1.0 - 1.0 * cant_tell / judged)) FROM a11y_rates WHERE judged": 60,
	} {
		if got := queryInt(t, db, q); got != want {
			t.Errorf("%s: got %d, want %d", q, got, want)
		}
	}
}
