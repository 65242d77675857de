package survey

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/scoring"
	"github.com/councilbench/councilbench/store"
)

// TestReportAdvisory checks that an advisory rate stored with a site's
// assessment reaches the report marked advisory, and a WCAG rate not.
func TestReportAdvisory(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := &councilbench.Survey{Name: "s"}
	site := &councilbench.Site{Key: "x.gov.uk", StartURL: "https://x.gov.uk/", Councils: []string{"XXX"}}
	c := councilbench.Council{Code: "XXX", Name: "X", Tier: councilbench.TierUnitary, Website: "https://x.gov.uk/"}
	if err := db.CreateSurvey(ctx, s, []*councilbench.Site{site}, []councilbench.Council{c}); err != nil {
		t.Fatal(err)
	}
	a := &councilbench.SiteAssessment{SiteKey: site.Key, Assessed: true, Pages: 4, HTMLPages: 4,
		Tasks: []councilbench.TaskFinding{}, Features: []councilbench.Feature{},
		Accessibility: councilbench.A11ySummary{Pages: 4, Rules: []councilbench.RuleRate{
			{Rule: "image-alt", Version: 1, Impact: councilbench.Critical, Failed: 1, Rate: 0.25},
			{Rule: "test-advisory", Version: 1, Impact: councilbench.Moderate, Failed: 4, Rate: 1, Advisory: true}}}}
	w := db.NewWriter(s.ID)
	if err := w.SaveAssessment(site.ID, a, []*councilbench.CouncilScore{scoring.ScoreCouncil(c, a)}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	rep, err := Report(ctx, db, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Councils) != 1 {
		t.Fatalf("got %d councils, want 1", len(rep.Councils))
	}
	got := map[string]bool{}
	for _, f := range rep.Councils[0].Failures {
		got[f.Rule] = f.Advisory
	}
	want := map[string]bool{"image-alt": false, "test-advisory": true}
	for rule, adv := range want {
		if a, ok := got[rule]; !ok || a != adv {
			t.Errorf("%s: got advisory %v (listed %v), want %v", rule, a, ok, adv)
		}
	}
}
