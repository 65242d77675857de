package scoring

import (
	"math"
	"os"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
)

// TestMethodologyDoc fails when docs/methodology.md is not what the model
// generates; -update rewrites it.
func TestMethodologyDoc(t *testing.T) {
	const path = "../docs/methodology.md"
	want := MethodologyMarkdown()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./scoring -run Methodology -update)", err)
	}
	if string(got) != want {
		t.Errorf("%s is stale: run go test ./scoring -run Methodology -update", path)
	}
}

// TestModelTables checks that the component weights add up to 100, that
// every component has items whose weights add up to 1, and that every
// scored feature is an item of its component.
func TestModelTables(t *testing.T) {
	total := 0.0
	for _, c := range Components {
		total += c.Weight
		sum := 0.0
		for _, it := range Items {
			if it.Component == c.ID {
				sum += it.Weight
			}
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Errorf("%s: item weights add up to %v, want 1", c.ID, sum)
		}
	}
	if total != 100 {
		t.Errorf("component weights add up to %v, want 100", total)
	}
	for _, f := range Features {
		if f.Judge == nil {
			t.Errorf("feature %s: no Judge", f.ID)
		}
		if f.Component == "" {
			if f.Points != nil {
				t.Errorf("feature %s: Points, but no component scores it", f.ID)
			}
			continue
		}
		found := false
		for _, it := range Items {
			if it.ID == f.ID && it.Component == f.Component {
				found = true
			}
		}
		if !found {
			t.Errorf("feature %s: no item in component %s", f.ID, f.Component)
		}
	}
	for _, it := range Items {
		switch it.ID {
		case "rules", "tasks", "task-links":
			continue
		}
		if f := FeatureByID(it.ID); f == nil || f.Component != it.Component {
			t.Errorf("item %s of %s: no feature of that component", it.ID, it.Component)
		}
	}
}

// TestFeaturePoints checks the item scores of the features, from their
// declarations' Points or pass and fail.
func TestFeaturePoints(t *testing.T) {
	tests := []struct {
		name  string
		f     *councilbench.Feature
		known bool
		want  float64
		ev    string
	}{
		{"not assessed", nil, false, 0, "not assessed"},
		{"unknown", &councilbench.Feature{ID: FeatureReal404, Evidence: []string{"no probe stored"}}, false, 0, "no probe stored"},
		{"pass", &councilbench.Feature{ID: FeatureHTTPS, Known: true, Pass: true, Value: 1, Evidence: []string{"home page: https://x"}}, true, 1, "home page: https://x"},
		{"fail", &councilbench.Feature{ID: FeatureHSTS, Known: true, Evidence: []string{"no header"}}, true, 0, "no header"},
		{"no statement", &councilbench.Feature{ID: FeatureStatement, Known: true, Evidence: []string{"none"}}, true, 0, "none"},
		{"statement not linked from home", &councilbench.Feature{ID: FeatureStatement, Known: true, URL: "https://x/a", Value: 0.5}, true, 0.6, ""},
		{"statement everywhere", &councilbench.Feature{ID: FeatureStatement, Known: true, Pass: true, URL: "https://x/a", Value: 1}, true, 1, ""},
		{"viewport", &councilbench.Feature{ID: FeatureViewport, Known: true, Value: 0.75}, true, 0.75, ""},
		{"page weight", &councilbench.Feature{ID: FeaturePageWeight, Known: true, Value: 625_000}, true, 0.5, "median 625000 bytes"},
		{"broken links", &councilbench.Feature{ID: FeatureBrokenLinks, Known: true, Value: 0.03}, true, 0.5, ""},
		{"undeclared", &councilbench.Feature{ID: "retired", Known: true, Pass: true}, true, 1, ""},
	}
	for _, tt := range tests {
		known, score, ev := featureItem(tt.f)
		if known != tt.known || math.Abs(score-tt.want) > 1e-9 || ev != tt.ev {
			t.Errorf("%s: got %v %v %q, want %v %v %q", tt.name, known, score, ev, tt.known, tt.want, tt.ev)
		}
	}
}

func TestTaskPoints(t *testing.T) {
	tests := []struct {
		name string
		f    councilbench.TaskFinding
		want float64
	}{
		{"missing", councilbench.TaskFinding{Clicks: -1}, 0},
		{"online shallow", councilbench.TaskFinding{Found: true, Online: true, Clicks: 2}, 1},
		{"online at 3", councilbench.TaskFinding{Found: true, Online: true, Clicks: 3}, 1},
		{"online at 4", councilbench.TaskFinding{Found: true, Online: true, Clicks: 4}, 0.9},
		{"online buried", councilbench.TaskFinding{Found: true, Online: true, Clicks: 6}, 0.8},
		{"pdf only", councilbench.TaskFinding{Found: true, PDFOnly: true, Clicks: 2}, 0.7},
		{"information only", councilbench.TaskFinding{Found: true, Clicks: 1}, 0.6},
		{"sitemap only", councilbench.TaskFinding{Found: true, Online: true, Clicks: -1}, 0.8},
	}
	for _, tt := range tests {
		if got := TaskPoints(&tt.f); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestAccessibilityRates checks that accessibility is judged by rates: the
// same failure rate over more pages gives the same score.
func TestAccessibilityRates(t *testing.T) {
	small := councilbench.A11ySummary{Pages: 10, Rules: []councilbench.RuleRate{{Rule: "image-alt", Impact: Critical, Failed: 1, Rate: 0.1}}}
	big := councilbench.A11ySummary{Pages: 1000, Rules: []councilbench.RuleRate{{Rule: "image-alt", Impact: Critical, Failed: 100, Rate: 0.1}}}
	s1, _, _ := accessibilityRules(small)
	s2, _, _ := accessibilityRules(big)
	if s1 != s2 || math.Abs(s1-0.95) > 1e-9 {
		t.Errorf("rates: got %v and %v, want 0.95 each", s1, s2)
	}
	tests := []struct {
		name string
		sum  councilbench.A11ySummary
		pass bool
	}{
		{"clean", councilbench.A11ySummary{Pages: 5, Rules: []councilbench.RuleRate{}}, true},
		{"rare critical", councilbench.A11ySummary{Pages: 100, Rules: []councilbench.RuleRate{{Rule: "image-alt", Impact: Critical, Failed: 3, Rate: 0.03}}}, true},
		{"common critical", councilbench.A11ySummary{Pages: 100, Rules: []councilbench.RuleRate{{Rule: "image-alt", Impact: Critical, Failed: 10, Rate: 0.1}}}, false},
		{"serious everywhere", councilbench.A11ySummary{Pages: 100, Rules: []councilbench.RuleRate{{Rule: "html-has-lang", Impact: Serious, Failed: 100, Rate: 1}}}, false},
		{"no pages", councilbench.A11ySummary{}, false},
	}
	for _, tt := range tests {
		a := &councilbench.SiteAssessment{Assessed: true, Accessibility: tt.sum,
			Features: []councilbench.Feature{{ID: FeatureStatement, Known: true, Pass: true, URL: "https://x.gov.uk/accessibility", Value: 1}}}
		score, known, _ := accessibilityRules(tt.sum)
		if got, why := accessibilityPass(a, score, known); got != tt.pass {
			t.Errorf("%s: pass %v (%v), want %v", tt.name, got, why, tt.pass)
		}
	}
	a := &councilbench.SiteAssessment{Assessed: true, Accessibility: councilbench.A11ySummary{Pages: 5, Rules: []councilbench.RuleRate{}},
		Features: []councilbench.Feature{{ID: FeatureStatement, Known: true, URL: "https://x.gov.uk/accessibility"}}}
	if got, _ := accessibilityPass(a, 1, true); got {
		t.Error("statement not linked from the home page: pass")
	}
}

// TestScoreCouncilStars checks the star bands and the four-star
// conditions on a hand-made assessment.
func TestScoreCouncilStars(t *testing.T) {
	perfect := func() *councilbench.SiteAssessment { return perfectSite(10) }
	c := councilbench.Council{Code: "XXX", Tier: councilbench.TierShireDistrict}
	s := ScoreCouncil(c, perfect())
	if s.Score != 100 || s.Stars != 4 || !s.AccessibilityPass {
		t.Errorf("perfect: score %v, %d stars, pass %v %v", s.Score, s.Stars, s.AccessibilityPass, s.PassFailures)
	}
	if len(s.Tasks) != 8 {
		t.Errorf("shire district asked %d tasks, want 8", len(s.Tasks))
	}

	a := perfect()
	a.Feature(FeatureHTTPS).Pass = false
	a.Feature(FeatureHSTS).Pass = false
	a.Feature(FeatureReal404).Pass = false
	s = ScoreCouncil(c, a)
	if s.Stars != 3 || s.StarsNote == "" || s.Score < 75 {
		t.Errorf("no https: score %v, %d stars (%s), want three stars in the four-star band", s.Score, s.Stars, s.StarsNote)
	}

	a = perfect()
	for i := range a.Tasks {
		a.Tasks[i] = councilbench.TaskFinding{ID: a.Tasks[i].ID, Clicks: -1}
	}
	s = ScoreCouncil(c, a)
	if s.Component(ComponentTasks).Score != 0 || s.Stars != 2 {
		t.Errorf("no tasks: tasks %v, score %v, %d stars", s.Component(ComponentTasks).Score, s.Score, s.Stars)
	}
}

// TestModelAdvisoryRates checks that an advisory rule's failure rate,
// however high, changes no score and no pass, and that the rules item's
// evidence counts it apart.
func TestModelAdvisoryRates(t *testing.T) {
	advisory := councilbench.RuleRate{Rule: "test-advisory", Impact: Critical, Failed: 100, Rate: 1, Advisory: true}
	scored := councilbench.RuleRate{Rule: "image-alt", Impact: Critical, Failed: 10, Rate: 0.1}
	tests := []struct {
		name         string
		rates        []councilbench.RuleRate
		wantScore    float64
		wantPass     bool
		wantEvidence string
	}{
		{"none", nil, 1, true, "100 pages judged; 0 rules fail on at least one"},
		{"advisory only", []councilbench.RuleRate{advisory}, 1, true,
			"100 pages judged; 0 rules fail on at least one; 1 advisory rules (best practice, not scored) fail too"},
		{"scored only", []councilbench.RuleRate{scored}, 0.95, false,
			"100 pages judged; 1 rules fail on at least one; worst: image-alt (critical) fails on 10 of 100 pages"},
		{"both", []councilbench.RuleRate{scored, advisory}, 0.95, false,
			"100 pages judged; 1 rules fail on at least one; worst: image-alt (critical) fails on 10 of 100 pages; 1 advisory rules (best practice, not scored) fail too"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sum := councilbench.A11ySummary{Pages: 100, Rules: append([]councilbench.RuleRate{}, tt.rates...)}
			score, known, ev := accessibilityRules(sum)
			if !known || math.Abs(score-tt.wantScore) > 1e-9 {
				t.Errorf("score: got %v (known %v), want %v", score, known, tt.wantScore)
			}
			if ev != tt.wantEvidence {
				t.Errorf("evidence:\n got %q\nwant %q", ev, tt.wantEvidence)
			}
			a := &councilbench.SiteAssessment{Assessed: true, Accessibility: sum,
				Features: []councilbench.Feature{{ID: FeatureStatement, Known: true, Pass: true, URL: "https://x.gov.uk/accessibility", Value: 1}}}
			pass, why := accessibilityPass(a, score, known)
			if pass != tt.wantPass {
				t.Errorf("pass: got %v (%v), want %v", pass, why, tt.wantPass)
			}
			for _, w := range why {
				if strings.Contains(w, advisory.Rule) {
					t.Errorf("an advisory rule decides the pass: %q", w)
				}
			}
		})
	}

	// A whole scorecard: the same site with and without an advisory rule
	// failing everywhere scores the same.
	c := councilbench.Council{Code: "XXX", Tier: councilbench.TierShireDistrict}
	site := func(rates ...councilbench.RuleRate) *councilbench.SiteAssessment { return perfectSite(100, rates...) }
	want, got := ScoreCouncil(c, site()), ScoreCouncil(c, site(advisory))
	if got.Score != want.Score || got.Stars != want.Stars || got.AccessibilityPass != want.AccessibilityPass ||
		got.Component(ComponentAccessibility).Score != want.Component(ComponentAccessibility).Score {
		t.Errorf("with an advisory failure: score %v, %d stars, pass %v; want %v, %d stars, pass %v",
			got.Score, got.Stars, got.AccessibilityPass, want.Score, want.Stars, want.AccessibilityPass)
	}
}

// perfectSite is an assessment that finds every task online and passes
// every feature, over the given number of judged pages with the rule
// rates given.
func perfectSite(pages int, rates ...councilbench.RuleRate) *councilbench.SiteAssessment {
	a := &councilbench.SiteAssessment{SiteKey: "x.gov.uk", Assessed: true,
		Accessibility: councilbench.A11ySummary{Pages: pages, Rules: append([]councilbench.RuleRate{}, rates...)}}
	for _, task := range Tasks {
		a.Tasks = append(a.Tasks, councilbench.TaskFinding{ID: task.ID, Found: true, Online: true, Clicks: 1, LinkedFromHome: true})
	}
	for _, f := range Features {
		a.Features = append(a.Features, councilbench.Feature{ID: f.ID, Known: true, Pass: true, Value: 1, URL: "https://x.gov.uk/p"})
	}
	a.Feature(FeatureBrokenLinks).Value = 0
	a.Feature(FeaturePageWeight).Value = 50_000
	return a
}
