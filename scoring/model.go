package scoring

import (
	"fmt"
	"math"
	"strings"

	"github.com/councilbench/councilbench"
)

// ModelVersion names the scoring model: its components, weights,
// thresholds and star bands. It is stored with every score and bumped
// whenever any of them changes (docs/methodology.md says what it is).
const ModelVersion = "3"

// The components of the score.
const (
	ComponentAccessibility = "accessibility"
	ComponentTasks         = "tasks"
	ComponentNavigation    = "navigation"
	ComponentMobile        = "mobile"
	ComponentTechnical     = "technical"
)

// ComponentDef declares one component of the score.
type ComponentDef struct {
	ID          string
	Name        string
	Weight      float64 // points out of 100
	Description string
}

// Components is the table of the score's components; their weights add up
// to 100.
var Components = []ComponentDef{
	{ID: ComponentAccessibility, Name: "Accessibility", Weight: 30,
		Description: "The accessibility rules' failure rates over the site's pages, weighted by impact (80%), and the accessibility statement (20%)."},
	{ID: ComponentTasks, Name: "Top tasks", Weight: 40,
		Description: "The mean of the points of the tasks asked of the council's tier: found, done online, and few clicks from the home page."},
	{ID: ComponentNavigation, Name: "Navigation and search", Weight: 10,
		Description: "A site search on the home page, an A to Z, a contact page, and the share of the council's tasks linked from the home page or their service's landing page."},
	{ID: ComponentMobile, Name: "Mobile", Weight: 10,
		Description: "Pages with a mobile viewport that allows zoom, and page weight."},
	{ID: ComponentTechnical, Name: "Technical health", Weight: 10,
		Description: "HTTPS, http redirected to https, HSTS, a real 404 for a missing page, and few broken internal links."},
}

// ItemDef declares one scored item of a component: its weight within the
// component and how its score (0 to 1) is computed.
type ItemDef struct {
	Component string
	ID        string // a feature id, "rules", "task-links" or "tasks"
	Weight    float64
	Rule      string // how the item scores, in words
}

// Items is the table of the components' items. An item that the stored
// pages cannot decide (an unknown feature) is left out and the weights of
// the others are scaled up. A feature's item scores with its
// declaration's Points (Features); Rule says in words what they do.
var Items = []ItemDef{
	{ComponentAccessibility, "rules", 0.8, "the product over rules of (1 − impact weight × share of pages failing the rule)"},
	{ComponentAccessibility, FeatureStatement, 0.2, "0.5 when a statement was found, + 0.3 when the home page links to it, + 0.2 × the share of pages that link to it"},
	{ComponentTasks, "tasks", 1, "the mean of the tasks' points (see Task points)"},
	{ComponentNavigation, FeatureSearch, 0.2, "1 when the home page has a site search form"},
	{ComponentNavigation, FeatureSearchFinds, 0.2, "the share of the council's tasks searched for whose page the site search lists in its first 5 results (left out when no search could be made)"},
	{ComponentNavigation, FeatureAZ, 0.2, "1 when an A to Z or service index was found"},
	{ComponentNavigation, FeatureContact, 0.2, "1 when a contact page was found"},
	{ComponentNavigation, "task-links", 0.2, "the share of the council's tasks whose page the home page or the service's landing page links to"},
	{ComponentMobile, FeatureViewport, 0.8, "the share of HTML pages with a device-width viewport that allows zoom"},
	{ComponentMobile, FeaturePageWeight, 0.2, fmt.Sprintf("1 for a median page weight up to %d KB, 0 from %d KB, linear between", PageWeightGood/1000, PageWeightBad/1000)},
	{ComponentTechnical, FeatureHTTPS, 0.25, "1 when the home page is served over https"},
	{ComponentTechnical, FeatureHTTPRedirect, 0.1, "1 when the register's http URL redirected to https (left out when unknown)"},
	{ComponentTechnical, FeatureHSTS, 0.15, "1 when the home page sends HSTS"},
	{ComponentTechnical, FeatureReal404, 0.2, "1 when the missing-page probe answered 404 or 410 (left out when unknown)"},
	{ComponentTechnical, FeatureBrokenLinks, 0.3, fmt.Sprintf("1 for at most %.0f%% broken internal link targets, 0 from %.0f%%, linear between", BrokenLinksGood*100, BrokenLinksBad*100)},
}

// Thresholds of the model.
const (
	PageWeightGood  = 250_000   // median HTML bytes as transferred for full marks
	PageWeightBad   = 1_000_000 // ... and for none
	BrokenLinksGood = 0.01      // share of broken internal link targets for full marks
	BrokenLinksBad  = 0.05      // ... and for none

	// The accessibility pass: an accessibility statement linked from the
	// home page, no critical rule failing on more than
	// PassMaxCriticalRate of the pages, and a rules score of at least
	// PassMinRulesScore (0 to 100).
	PassMaxCriticalRate = 0.05
	PassMinRulesScore   = 80

	// FourStarMinComponent is the lowest component score (0 to 100) that
	// four stars allow: a site strong overall but failing one area (no
	// HTTPS, say) gets three.
	FourStarMinComponent = 50
)

// ImpactWeights weight a rule's failure rate by its impact in the
// accessibility component.
var ImpactWeights = map[Impact]float64{Critical: 0.5, Serious: 0.3, Moderate: 0.15, Minor: 0.05}

// Task points: found, online (or only a PDF form), and clicks.
const (
	TaskPointsFound   = 0.4 // the task's page was found
	TaskPointsOnline  = 0.4 // it can be done online
	TaskPointsPDFOnly = 0.1 // instead of TaskPointsOnline when only a PDF form is offered
	TaskPointsShallow = 0.2 // the page is at most ShallowClicks clicks from the home page
	TaskPointsDeeper  = 0.1 // instead, at ShallowClicks+1 clicks
	ShallowClicks     = 3
)

// StarBands are the lowest scores of each star rating, best first. Four
// stars also needs the accessibility pass and every component at least
// FourStarMinComponent; a site without them gets three.
var StarBands = []struct {
	Stars int
	Min   float64
}{{4, 75}, {3, 60}, {2, 40}, {1, 0}}

// ScoreCouncil scores a council from its site's assessment, asking only
// the tasks of its tier. A site that could not be assessed gives no score
// (Assessed false, with the reason): it is never ranked as zero.
func ScoreCouncil(c councilbench.Council, a *councilbench.SiteAssessment) *councilbench.CouncilScore {
	s := &councilbench.CouncilScore{Code: c.Code, Tier: c.Tier, ModelVersion: ModelVersion, CatalogueVersion: TaskCatalogueVersion,
		Components: []councilbench.Component{}, Tasks: []councilbench.TaskFinding{}, Features: []councilbench.Feature{}}
	if a == nil {
		s.Reason = "no-site"
		return s
	}
	s.Site = a.SiteKey
	if !a.Assessed {
		s.Reason, s.Detail = a.Reason, a.Detail
		return s
	}
	s.Assessed = true
	for _, t := range TasksFor(c) {
		if f := a.Task(t.ID); f != nil {
			s.Tasks = append(s.Tasks, *f)
		}
	}
	s.Features = append(s.Features, a.Features...)

	rulesScore, rulesKnown, rulesEv := accessibilityRules(a.Accessibility)
	total, weights := 0.0, 0.0
	for _, cd := range Components {
		comp := councilbench.Component{ID: cd.ID, Weight: cd.Weight}
		for _, it := range Items {
			if it.Component != cd.ID {
				continue
			}
			item := councilbench.Item{ID: it.ID, Weight: it.Weight}
			switch it.ID {
			case "rules":
				item.Known, item.Score, item.Evidence = rulesKnown, rulesScore, rulesEv
			case "tasks":
				item.Known, item.Score, item.Evidence = taskItem(s.Tasks)
			case "task-links":
				item.Known, item.Score, item.Evidence = taskLinksItem(s.Tasks)
			default:
				item.Known, item.Score, item.Evidence = featureItem(a.Feature(it.ID))
			}
			item.Score = round(item.Score, 3)
			comp.Items = append(comp.Items, item)
		}
		sum, w := 0.0, 0.0
		for _, it := range comp.Items {
			if it.Known {
				sum += it.Weight * it.Score
				w += it.Weight
			}
		}
		if w > 0 {
			comp.Score = round(100*sum/w, 1)
			total += cd.Weight * sum / w
			weights += cd.Weight
		}
		s.Components = append(s.Components, comp)
	}
	if weights > 0 {
		s.Score = round(100*total/weights, 1)
		for i := range s.Components {
			cw := s.Components[i].Weight
			if knownWeight(&s.Components[i]) > 0 {
				s.Components[i].Points = round(s.Components[i].Score*cw/weights, 1)
			}
		}
	}
	s.AccessibilityPass, s.PassFailures = accessibilityPass(a, rulesScore, rulesKnown)
	for _, b := range StarBands {
		if s.Score >= b.Min {
			s.Stars = b.Stars
			break
		}
	}
	if s.Stars == 4 && !s.AccessibilityPass {
		s.Stars, s.StarsNote = 3, "no accessibility pass"
	}
	for _, c := range s.Components {
		if s.Stars == 4 && knownWeight(&c) > 0 && c.Score < FourStarMinComponent {
			s.Stars, s.StarsNote = 3, fmt.Sprintf("component %s scores %.1f, below %d", c.ID, c.Score, FourStarMinComponent)
		}
	}
	return s
}

// knownWeight returns the weight of the component's known items.
func knownWeight(c *councilbench.Component) float64 {
	w := 0.0
	for _, it := range c.Items {
		if it.Known {
			w += it.Weight
		}
	}
	return w
}

// accessibilityRules scores the rules' failure rates: the product over
// rules of (1 − impact weight × rate). Advisory rules count in neither the
// score nor the evidence's count of failing rules; the evidence names how
// many failed apart.
func accessibilityRules(sum councilbench.A11ySummary) (score float64, known bool, evidence string) {
	if sum.Pages == 0 {
		return 0, false, "no pages judged"
	}
	score = 1
	worst, worstLoss := "", 0.0
	scored, advisory := 0, 0
	var notAssessed []string
	for _, r := range sum.Rules {
		switch {
		case r.NotAssessed:
			if !r.Advisory {
				notAssessed = append(notAssessed, r.Rule)
			}
			continue
		case r.Advisory:
			if r.Failed > 0 {
				advisory++
			}
			continue
		case r.Failed == 0:
			continue // listed for how much it decided: nothing failed
		}
		scored++
		loss := ImpactWeights[r.Impact] * r.Rate
		score *= 1 - loss
		if loss > worstLoss {
			worst, worstLoss = fmt.Sprintf("%s (%s) fails on %d of %d pages", r.Rule, r.Impact, r.Failed, sum.Pages), loss
		}
	}
	evidence = fmt.Sprintf("%d pages judged; %d rules fail on at least one", sum.Pages, scored)
	if worst != "" {
		evidence += "; worst: " + worst
	}
	if advisory > 0 {
		evidence += fmt.Sprintf("; %d advisory rules (best practice, not scored) fail too", advisory)
	}
	if len(notAssessed) > 0 {
		// Left out of the product: neither a failure nor a pass.
		evidence += fmt.Sprintf("; not assessed: %s (the survey stored no stylesheets)", strings.Join(notAssessed, ", "))
	}
	return score, true, evidence
}

// accessibilityPass decides the accessibility pass. No advisory rule
// decides it.
func accessibilityPass(a *councilbench.SiteAssessment, rulesScore float64, rulesKnown bool) (bool, []string) {
	var why []string
	if st := a.Feature(FeatureStatement); st == nil || st.URL == "" {
		why = append(why, "no accessibility statement found")
	} else if !st.Pass {
		why = append(why, "the home page does not link to the accessibility statement")
	}
	if !rulesKnown {
		why = append(why, "no pages judged")
	} else {
		for _, r := range a.Accessibility.Rules {
			if !r.Advisory && !r.NotAssessed && r.Impact == Critical && r.Rate > PassMaxCriticalRate {
				why = append(why, fmt.Sprintf("critical rule %s fails on %.0f%% of pages (more than %.0f%%)", r.Rule, 100*r.Rate, 100*PassMaxCriticalRate))
			}
		}
		if 100*rulesScore < PassMinRulesScore {
			why = append(why, fmt.Sprintf("rules score %.1f is below %d", 100*rulesScore, PassMinRulesScore))
		}
	}
	return len(why) == 0, why
}

// TaskPoints returns a task finding's points, from 0 to 1.
func TaskPoints(f *councilbench.TaskFinding) float64 {
	if !f.Found {
		return 0
	}
	p := TaskPointsFound
	switch {
	case f.Online:
		p += TaskPointsOnline
	case f.PDFOnly:
		p += TaskPointsPDFOnly
	}
	switch {
	case f.Clicks >= 0 && f.Clicks <= ShallowClicks:
		p += TaskPointsShallow
	case f.Clicks == ShallowClicks+1:
		p += TaskPointsDeeper
	}
	return p
}

// taskItem scores the tasks asked of the council.
func taskItem(ts []councilbench.TaskFinding) (bool, float64, string) {
	if len(ts) == 0 {
		return false, 0, "no tasks asked of the tier"
	}
	sum, found, online := 0.0, 0, 0
	for i := range ts {
		sum += TaskPoints(&ts[i])
		if ts[i].Found {
			found++
		}
		if ts[i].Online {
			online++
		}
	}
	return true, sum / float64(len(ts)), fmt.Sprintf("%d tasks asked: %d found, %d online", len(ts), found, online)
}

// taskLinksItem scores the share of tasks linked from the home page or a
// landing page.
func taskLinksItem(ts []councilbench.TaskFinding) (bool, float64, string) {
	if len(ts) == 0 {
		return false, 0, "no tasks asked of the tier"
	}
	n := 0
	for _, t := range ts {
		if t.Found && (t.LinkedFromHome || t.LinkedFromLanding) {
			n++
		}
	}
	return true, share(n, len(ts)), fmt.Sprintf("%d of %d tasks linked from the home page or their landing page", n, len(ts))
}

// featureItem scores a feature with its declaration's Points.
func featureItem(f *councilbench.Feature) (bool, float64, string) {
	if f == nil {
		return false, 0, "not assessed"
	}
	if !f.Known {
		return false, 0, firstEvidence(f)
	}
	if def := FeatureByID(f.ID); def != nil && def.Points != nil {
		score, ev := def.Points(f)
		return true, score, ev
	}
	if f.Pass {
		return true, 1, firstEvidence(f)
	}
	return true, 0, firstEvidence(f)
}

// statementPoints scores the accessibility statement: 0.5 when found,
// + 0.3 when the home page links to it, + 0.2 × the share of pages that
// link to it.
func statementPoints(f *councilbench.Feature) (float64, string) {
	if f.URL == "" {
		return 0, firstEvidence(f)
	}
	s := 0.5 + 0.2*f.Value
	if f.Pass {
		s += 0.3
	}
	return s, firstEvidence(f)
}

// valuePoints scores a share by its value.
func valuePoints(f *councilbench.Feature) (float64, string) { return f.Value, firstEvidence(f) }

// pageWeightPoints scores the median page weight between PageWeightGood
// and PageWeightBad.
func pageWeightPoints(f *councilbench.Feature) (float64, string) {
	return linear(f.Value, PageWeightGood, PageWeightBad), fmt.Sprintf("median %.0f bytes", f.Value)
}

// brokenLinksPoints scores the share of broken internal link targets
// between BrokenLinksGood and BrokenLinksBad.
func brokenLinksPoints(f *councilbench.Feature) (float64, string) {
	return linear(f.Value, BrokenLinksGood, BrokenLinksBad), firstEvidence(f)
}

// firstEvidence returns a feature's first piece of evidence.
func firstEvidence(f *councilbench.Feature) string {
	if len(f.Evidence) == 0 {
		return ""
	}
	return f.Evidence[0]
}

// linear returns 1 at or below good, 0 at or above bad, linear between.
func linear(v, good, bad float64) float64 {
	switch {
	case v <= good:
		return 1
	case v >= bad:
		return 0
	}
	return (bad - v) / (bad - good)
}

// round rounds x to n decimals.
func round(x float64, n int) float64 {
	p := math.Pow(10, float64(n))
	return math.Round(x*p) / p
}
