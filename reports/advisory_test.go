package reports

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/scoring"
)

// testAdvisoryRule is a test-only advisory rule: the rule table has none of
// its own to test with, and the tests leave scoring.Rules as it is.
var testAdvisoryRule = &scoring.Rule{RuleInfo: councilbench.RuleInfo{ID: "test-advisory", Version: 1, Impact: councilbench.Moderate,
	Advisory: true, Description: "Pages have one main landmark (test only)"}}

// advisorySite is the fixture site scored with testAdvisoryRule too: CRF
// fails it beside its WCAG failures, EDH fails it alone.
func advisorySite(t *testing.T) *Site {
	t.Helper()
	s := fixtureSite()
	s.Rules = append(slices.Clone(scoring.Rules), testAdvisoryRule)
	for i := range s.Councils {
		c := &s.Councils[i]
		f := RuleFailure{Rule: testAdvisoryRule.ID, Pages: 2, Advisory: true, Examples: []councilbench.Failure{
			{Rule: testAdvisoryRule.ID, PageURL: c.SiteURL + "about", Evidence: councilbench.Evidence{Selector: "body", Snippet: "<body>"}}}}
		switch c.Code {
		case "CRF":
			if len(c.Failures) == 0 {
				t.Fatal("CRF has no WCAG failure in the fixture")
			}
			c.Failures = append(c.Failures, f)
		case "EDH":
			c.Failures = []RuleFailure{f}
		}
	}
	return s
}

// TestReportAdvisory checks that a council's page lists advisory failures
// apart from the WCAG failures, under a heading that says they are best
// practice and not scored, and that the methodology lists advisory rules
// apart.
func TestReportAdvisory(t *testing.T) {
	dir := writeSite(t, advisorySite(t))
	read := func(f string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	const heading = `<h2 id="advisory">Advisory rules failed (best practice, not scored)</h2>`
	for _, tc := range []struct {
		file       string
		wcag       []string // in the WCAG part, before the heading
		noWCAGRule bool
	}{
		{"councils/CRF.html", []string{`<caption id="failures-caption">`}, false},
		{"councils/EDH.html", []string{"No rule failed on the pages judged other than the advisory rules below."}, true},
	} {
		t.Run(tc.file, func(t *testing.T) {
			page := read(tc.file)
			wcag, advisory, ok := strings.Cut(page, heading)
			if !ok {
				t.Fatalf("no %s", heading)
			}
			advisory, _, _ = strings.Cut(advisory, `<h2 id="features">`)
			for _, want := range tc.wcag {
				if !strings.Contains(wcag, want) {
					t.Errorf("WCAG part lacks %q", want)
				}
			}
			if strings.Contains(wcag, testAdvisoryRule.ID) {
				t.Error("the advisory rule is listed with the WCAG failures")
			}
			if got := strings.Contains(wcag, `<caption id="failures-caption">`); got == tc.noWCAGRule {
				t.Errorf("WCAG failures table: got %v, want %v", got, !tc.noWCAGRule)
			}
			for _, want := range []string{`<caption id="advisory-caption">Advisory rules (best practice, not scored)`,
				`<a href="#rule-test-advisory">test-advisory</a>`, `<h3 id="rule-test-advisory">test-advisory</h3>`,
				testAdvisoryRule.Description, "<code>&lt;body&gt;</code>", "count in no score"} {
				if !strings.Contains(advisory, want) {
					t.Errorf("advisory part lacks %q", want)
				}
			}
		})
	}
	if page := read("councils/ADU.html"); strings.Contains(page, `id="advisory"`) {
		t.Error("ADU, which fails no advisory rule, has an advisory section")
	}

	m := read("methodology.html")
	rules, advisory, ok := strings.Cut(m, `<h3 id="advisory-rules">Advisory rules (best practice, not scored)</h3>`)
	if !ok {
		t.Fatal("methodology: no advisory rules section")
	}
	if strings.Contains(rules, testAdvisoryRule.ID) || !strings.Contains(advisory, `<tr id="rule-test-advisory">`) {
		t.Error("methodology: the advisory rule is not listed apart")
	}
	scored := 0
	for _, r := range scoring.Rules {
		if !r.Advisory {
			scored++
		}
	}
	if want := "these " + strconv.Itoa(scored) + " rules, without a browser (and the advisory rules below, which are not scored)."; !strings.Contains(rules, want) {
		t.Errorf("methodology lacks %q", want)
	}

	// The pages with advisory sections pass the project's own rules
	// (WCAG AA: the advisory AAA contrast aside).
	for _, f := range []string{"councils/CRF.html", "councils/EDH.html", "methodology.html"} {
		rep, err := scoring.ScorePage([]byte(read(f)), "text/html; charset=utf-8", "file:///"+f)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rep.Results {
			if r.Outcome == scoring.Failed && !advisoryRule(r.Rule) {
				t.Errorf("%s: rule %s failed: %+v", f, r.Rule, r.Failures)
			}
		}
	}
}
