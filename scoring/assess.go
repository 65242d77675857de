package scoring

import (
	"slices"
	"strings"

	"github.com/councilbench/councilbench"
)

// SiteInput is what AssessSite judges: one site's stored crawl.
type SiteInput struct {
	Site *councilbench.Site
	// Pages are every stored page of the site, robots.txt, sitemaps, the
	// probe and documents included, with their links, and with the Score
	// and Facts that the page step stored: the assessment reads no body.
	Pages []*councilbench.Page
	// Rules is the rule table the pages were scored with, whose order and
	// Advisory marks the accessibility summary follows; nil means Rules.
	Rules []*Rule
}

// AssessSite judges one site's stored pages. It reads only what is stored:
// no network, no clock.
func AssessSite(in SiteInput) *councilbench.SiteAssessment {
	// The order pages were stored in depends on timing; the assessment
	// must not, so it reads them in URL order.
	in.Pages = slices.Clone(in.Pages)
	slices.SortStableFunc(in.Pages, func(p, q *councilbench.Page) int { return strings.Compare(p.URL, q.URL) })
	a := &councilbench.SiteAssessment{CatalogueVersion: TaskCatalogueVersion, Pages: len(in.Pages)}
	s := in.Site
	if s == nil {
		a.Reason = "no-site"
		return a
	}
	a.SiteKey = s.Key
	switch s.Status {
	case councilbench.SiteFailed:
		a.Reason = string(s.Reason)
		if a.Reason == "" {
			a.Reason = string(councilbench.ReasonOther)
		}
		a.Detail = s.Error
		return a
	case councilbench.SiteDone:
	default:
		a.Reason, a.Detail = "not-finished", "the site's crawl is "+string(s.Status)
		return a
	}
	x := newIndex(s, in.Pages)
	if x.home == nil {
		a.Reason, a.Detail = "no-home-page", "no home page fetched without error is stored"
		return a
	}
	a.Assessed = true
	a.Home = x.home.URL
	a.HTMLPages = len(x.okPages)
	for _, ct := range compiledTasks() {
		f := x.findTask(ct)
		x.searchRank(ct, &f)
		a.Tasks = append(a.Tasks, f)
	}
	x.tasks = a.Tasks
	a.Features = x.features()
	a.Links = x.pageLinks()
	rules := in.Rules
	if rules == nil {
		rules = Rules
	}
	a.Accessibility = x.a11y(rules)
	return a
}

// a11y turns the pages' accessibility reports into failure rates: one per
// rule of the table that failed, advisory rules marked as such, and one
// per rule that reads the cascade whatever it found, with how many
// elements it judged and could not decide, or marked not assessed when no
// page could be judged by it (its stylesheets were not stored).
func (x *siteIndex) a11y(rules []*Rule) councilbench.A11ySummary {
	sum := councilbench.A11ySummary{Rules: []councilbench.RuleRate{}}
	type tally struct {
		failed, seen, judged, cantTell int
		example                        string
		reasons                        map[string]int
	}
	by := map[string]*tally{}
	for _, p := range x.okPages {
		r := p.Score
		if r == nil || r.Error != "" {
			continue // not scored (survey --score=false), or could not be
		}
		sum.Pages++
		for _, res := range r.Results {
			t := by[res.Rule]
			if t == nil {
				t = &tally{}
				by[res.Rule] = t
			}
			t.seen++
			t.judged += res.Applicable
			t.cantTell += res.CantTellCount
			for why, n := range res.Reasons {
				if t.reasons == nil {
					t.reasons = map[string]int{}
				}
				t.reasons[why] += n
			}
			if res.Outcome == Failed {
				t.failed++
				if t.example == "" {
					t.example = p.URL
				}
			}
		}
	}
	for _, rule := range rules {
		t := by[rule.ID]
		if t == nil {
			t = &tally{}
		}
		if t.failed == 0 && !rule.NeedsCSS {
			continue
		}
		rr := councilbench.RuleRate{Rule: rule.ID, Version: rule.Version, Impact: rule.Impact, Failed: t.failed,
			Rate: share(t.failed, sum.Pages), Example: t.example, Advisory: rule.Advisory}
		if rule.NeedsCSS {
			rr.Judged, rr.CantTell, rr.Reasons = t.judged, t.cantTell, t.reasons
			rr.NotAssessed = t.seen == 0 && sum.Pages > 0
			if t.seen > 0 {
				// The rate is over the pages the rule could judge.
				rr.Rate = share(t.failed, t.seen)
			}
		}
		sum.Rules = append(sum.Rules, rr)
	}
	return sum
}

// share returns n/d, 0 when d is 0.
func share(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}
