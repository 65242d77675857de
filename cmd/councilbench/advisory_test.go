package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/scoring"
	"github.com/councilbench/councilbench/store"
)

// testAdvisoryRule is a test-only advisory rule that fails every <hr>: the
// rule table has no advisory rule of its own to test with, and the tests
// leave scoring.Rules as it is (other tests read it concurrently).
var testAdvisoryRule = &scoring.Rule{
	RuleInfo: councilbench.RuleInfo{ID: "test-advisory-hr", Version: 1, Impact: councilbench.Moderate, Advisory: true,
		Description: "Pages have no <hr> (test only)"},
	Target: scoring.Target{Tags: []string{"hr"}},
	Check:  func(*scoring.Page, *scoring.Element) scoring.Outcome { return scoring.Failed },
}

// advisoryScorer scores with the rule table and testAdvisoryRule.
func advisoryScorer() *scoring.Scorer {
	return scoring.NewScorer(append(slices.Clone(scoring.Rules), testAdvisoryRule))
}

// scoredOnlyScorer scores with the rule table's rules that are not
// advisory.
func scoredOnlyScorer() *scoring.Scorer {
	var rules []*scoring.Rule
	for _, r := range scoring.Rules {
		if !r.Advisory {
			rules = append(rules, r)
		}
	}
	return scoring.NewScorer(rules)
}

// runCheckWith runs "councilbench check ARGS..." with a scorer of its own.
func runCheckWith(t *testing.T, sc *scoring.Scorer, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = (&Main{Stdout: &out, Stderr: &errOut, scorer: sc}).Run(context.Background(), append([]string{"check"}, args...))
	return code, out.String(), errOut.String()
}

// TestCheckAdvisory checks that a page failing only an advisory rule
// exits 0, with the failure printed under its own heading (text) or marked
// advisory (json), and that a WCAG failure still exits 1.
func TestCheckAdvisory(t *testing.T) {
	dir := t.TempDir()
	onlyAdvisory := filepath.Join(dir, "advisory.html")
	both := filepath.Join(dir, "both.html")
	for p, s := range map[string]string{
		onlyAdvisory: strings.Replace(goodPage, "</main>", "<hr></main>", 1),
		both:         strings.Replace(badPage, "</main>", "<hr></main>", 1),
	} {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name string
		sc   *scoring.Scorer
		args []string
		want int
	}{
		{"advisory failure only", advisoryScorer(), []string{onlyAdvisory}, exitOK},
		{"advisory failure only, json", advisoryScorer(), []string{"--format", "json", onlyAdvisory}, exitOK},
		{"advisory and wcag failures", advisoryScorer(), []string{both}, exitError},
		{"advisory and wcag failures, json", advisoryScorer(), []string{"--format", "json", both}, exitError},
		{"no advisory rule in the table", scoredOnlyScorer(), []string{onlyAdvisory}, exitOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _, stderr := runCheckWith(t, tc.sc, tc.args...)
			if got != tc.want {
				t.Errorf("exit code: got %d, want %d; stderr: %s", got, tc.want, stderr)
			}
		})
	}

	// The default view: the page passes, and its advisory failure is
	// listed apart.
	_, stdout, _ := runCheckWith(t, advisoryScorer(), onlyAdvisory)
	if !strings.HasPrefix(stdout, onlyAdvisory+": no WCAG A or AA failures; 1 advisory\n  "+advisoryHeading+":\n  test-advisory-hr (best practice, moderate): 1 element") {
		t.Errorf("failures view:\n%s", stdout)
	}
	// --all: every rule's outcome.
	_, stdout, _ = runCheckWith(t, advisoryScorer(), "--all", onlyAdvisory)
	head, advisory, ok := strings.Cut(stdout, advisoryHeading)
	if !ok {
		t.Fatalf("text output lacks %q:\n%s", advisoryHeading, stdout)
	}
	if !strings.HasPrefix(head, onlyAdvisory+": 0 failed,") || strings.Contains(head, testAdvisoryRule.ID) {
		t.Errorf("the scored rules' part counts or lists the advisory rule:\n%s", head)
	}
	for _, want := range []string{"failed       test-advisory-hr             best practice — 1 failing, moderate", "<hr>"} {
		if !strings.Contains(advisory, want) {
			t.Errorf("advisory part lacks %q:\n%s", want, advisory)
		}
	}
	if _, stdout, _ := runCheckWith(t, scoredOnlyScorer(), "--all", onlyAdvisory); strings.Contains(stdout, advisoryHeading) {
		t.Errorf("an advisory heading without advisory rules:\n%s", stdout)
	}

	var page struct {
		Failed         bool `json:"failed"`
		AdvisoryFailed bool `json:"advisory_failed"`
		Rules          map[string]struct {
			Outcome  string `json:"outcome"`
			Advisory bool   `json:"advisory"`
		} `json:"rules"`
	}
	_, stdout, _ = runCheckWith(t, advisoryScorer(), "--format", "json", onlyAdvisory)
	if err := json.Unmarshal([]byte(stdout), &page); err != nil {
		t.Fatalf("decoding %s: %v", stdout, err)
	}
	if page.Failed || !page.AdvisoryFailed {
		t.Errorf("failed %v, advisory_failed %v; want false, true", page.Failed, page.AdvisoryFailed)
	}
	if r := page.Rules[testAdvisoryRule.ID]; r.Outcome != "failed" || !r.Advisory {
		t.Errorf("%s: got %+v, want failed and advisory", testAdvisoryRule.ID, r)
	}
	if r := page.Rules["image-alt"]; r.Outcome != "passed" || r.Advisory {
		t.Errorf("image-alt: got %+v, want passed and not advisory", r)
	}
}

// TestShowAdvisory checks that show lists a site's advisory failures apart,
// under a heading that says they are not scored, and says nothing of them
// when there are none.
func TestShowAdvisory(t *testing.T) {
	card := func(rates ...councilbench.RuleRate) *scorecardJSON {
		return &scorecardJSON{Name: "X", Survey: "s", Advisory: rates,
			CouncilScore: &councilbench.CouncilScore{Code: "XXX", Tier: councilbench.TierUnitary, Assessed: true, Score: 80, Stars: 4, AccessibilityPass: true,
				Features: []councilbench.Feature{{ID: "https", Known: true, Pass: true, Value: 1, Unit: "bool"}}}}
	}
	var b bytes.Buffer
	if err := writeScorecard(&b, card()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), advisoryHeading) {
		t.Errorf("an advisory section without advisory failures:\n%s", b.String())
	}
	b.Reset()
	rate := councilbench.RuleRate{Rule: testAdvisoryRule.ID, Version: 1, Impact: councilbench.Moderate, Failed: 3, Rate: 0.25,
		Example: "https://x.gov.uk/a", Advisory: true}
	if err := writeScorecard(&b, card(rate)); err != nil {
		t.Fatal(err)
	}
	features, advisory, ok := strings.Cut(b.String(), advisoryHeading)
	if !ok {
		t.Fatalf("no %q section:\n%s", advisoryHeading, b.String())
	}
	if !strings.Contains(features, "FEATURE") || strings.Contains(features, rate.Rule) {
		t.Errorf("the advisory rule is not apart from the scorecard:\n%s", b.String())
	}
	for _, want := range []string{"ADVISORY RULE", rate.Rule, "moderate", "3 (25%)", rate.Example} {
		if !strings.Contains(advisory, want) {
			t.Errorf("advisory section lacks %q:\n%s", want, advisory)
		}
	}
}

// TestAccessibilitySummaryAdvisory checks that the survey's summary of the
// rules failed lists advisory rules apart, after the scored ones.
func TestAccessibilitySummaryAdvisory(t *testing.T) {
	sums := []store.RuleSummary{
		{Rule: "test-advisory-hr", Impact: "moderate", Pages: 10, PagesFailed: 9, Sites: 2, SitesFailed: 2, Advisory: true},
		{Rule: "image-alt", Impact: "critical", WCAG: "1.1.1", Pages: 10, PagesFailed: 5, Sites: 2, SitesFailed: 1},
	}
	for _, tc := range []struct {
		name        string
		sums        []store.RuleSummary
		scored      []string // in the first part
		advisory    []string // in the advisory part; nil: no advisory part
		notInScored string
	}{
		{"both", sums, []string{"image-alt"}, []string{"test-advisory-hr", "9 of 10"}, "test-advisory-hr"},
		{"advisory only", sums[:1], []string{"every page passed every scored rule"}, []string{"test-advisory-hr"}, "test-advisory-hr"},
		{"scored only", sums[1:], []string{"image-alt"}, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			writeAccessibilitySummary(&b, tc.sums, 8)
			scored, advisory, ok := strings.Cut(b.String(), advisoryHeading)
			if ok != (tc.advisory != nil) {
				t.Fatalf("advisory part: got %v, want %v:\n%s", ok, tc.advisory != nil, b.String())
			}
			for _, want := range tc.scored {
				if !strings.Contains(scored, want) {
					t.Errorf("scored part lacks %q:\n%s", want, b.String())
				}
			}
			if tc.notInScored != "" && strings.Contains(scored, tc.notInScored) {
				t.Errorf("scored part lists %s:\n%s", tc.notInScored, b.String())
			}
			for _, want := range tc.advisory {
				if !strings.Contains(advisory, want) {
					t.Errorf("advisory part lacks %q:\n%s", want, b.String())
				}
			}
		})
	}
}
