package scoring

import (
	"slices"
	"testing"

	"github.com/councilbench/councilbench"
)

// testAdvisory is a test-only advisory rule: it fails every <hr>. The rule
// table has no advisory rule of its own to test with, and tests must not
// change Rules, which other tests read concurrently.
var testAdvisory = &Rule{
	RuleInfo: councilbench.RuleInfo{ID: "test-advisory-hr", Version: 1, Impact: Critical, Advisory: true,
		Description: "Pages have no <hr> (test only)"},
	Target: Target{Tags: []string{"hr"}},
	Check:  func(*Page, *Element) Outcome { return Failed },
}

// TestAssessAdvisoryRates checks that the site assessment marks the rates
// of advisory rules, in the order of the table the pages were scored
// with, and that an advisory failure changes no score.
func TestAssessAdvisoryRates(t *testing.T) {
	rules := append(slices.Clone(Rules), testAdvisory)
	withAdvisory := NewScorer(rules)
	const o = "https://x.gov.uk"
	site := &councilbench.Site{Key: "x.gov.uk", StartURL: o + "/", FinalURL: o + "/", Status: councilbench.SiteDone}
	bodies := map[string]string{
		o + "/":      `<!DOCTYPE html><html lang="en"><head><title>X</title></head><body><main><h1>X</h1><hr><img src="a.png"></main></body></html>`,
		o + "/about": `<!DOCTYPE html><html lang="en"><head><title>About</title></head><body><main><h1>About</h1><hr></main></body></html>`,
	}
	input := func(s *Scorer) SiteInput {
		in := SiteInput{Site: site, Rules: s.Rules()}
		for _, u := range []string{o + "/", o + "/about"} {
			depth := 0
			if u != o+"/" {
				depth = 1
			}
			p := &councilbench.Page{URL: u, FinalURL: u, Kind: councilbench.KindHTML, Status: 200, Depth: depth,
				ContentType: "text/html; charset=utf-8", Body: []byte(bodies[u])}
			s.JudgePage(p, nil)
			p.Body = nil
			in.Pages = append(in.Pages, p)
		}
		return in
	}

	a := AssessSite(input(withAdvisory))
	rate := func(id string) *councilbench.RuleRate {
		for i := range a.Accessibility.Rules {
			if a.Accessibility.Rules[i].Rule == id {
				return &a.Accessibility.Rules[i]
			}
		}
		return nil
	}
	for _, tt := range []struct {
		rule     string
		failed   int
		advisory bool
	}{
		{"image-alt", 1, false},
		{testAdvisory.ID, 2, true},
	} {
		r := rate(tt.rule)
		if r == nil {
			t.Errorf("%s: no rate in %+v", tt.rule, a.Accessibility.Rules)
			continue
		}
		if r.Failed != tt.failed || r.Advisory != tt.advisory {
			t.Errorf("%s: got %d pages failed, advisory %v; want %d, %v", tt.rule, r.Failed, r.Advisory, tt.failed, tt.advisory)
		}
	}
	if last := a.Accessibility.Rules[len(a.Accessibility.Rules)-1]; last.Rule != testAdvisory.ID {
		t.Errorf("rates not in table order: last is %s, want %s", last.Rule, testAdvisory.ID)
	}

	// The same pages scored without the advisory rule give the same
	// scorecard, apart from the evidence that names the advisory failure.
	c := councilbench.Council{Code: "XXX", Tier: councilbench.TierUnitary}
	got, want := ScoreCouncil(c, a), ScoreCouncil(c, AssessSite(input(DefaultScorer())))
	if got.Score != want.Score || got.Stars != want.Stars || got.AccessibilityPass != want.AccessibilityPass ||
		!slices.Equal(got.PassFailures, want.PassFailures) {
		t.Errorf("with an advisory failure: score %v, %d stars, pass %v %v; want %v, %d stars, pass %v %v",
			got.Score, got.Stars, got.AccessibilityPass, got.PassFailures, want.Score, want.Stars, want.AccessibilityPass, want.PassFailures)
	}
}
