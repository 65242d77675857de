package reports

import (
	"fmt"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/scoring"
)

// fixtureCouncil describes one council of the test model.
type fixtureCouncil struct {
	code, name string
	tier       councilbench.Tier
	nation     string
	region     string
	quality    int    // 0 to 4: how many things the site gets right
	reason     string // not assessed when set
}

var fixtureCouncils = []fixtureCouncil{
	{"ADU", "Adur District Council", councilbench.TierShireDistrict, "England", "South East", 1, ""},
	{"ARU", "Arun District Council", councilbench.TierShireDistrict, "England", "South East", 2, ""},
	{"WOR", "Worthing Borough Council", councilbench.TierShireDistrict, "England", "South East", 2, ""}, // ties with ARU
	{"WSX", "West Sussex County Council", councilbench.TierCounty, "England", "South East", 3, ""},
	{"BIR", "Birmingham City Council", councilbench.TierMetropolitan, "England", "West Midlands", 4, ""},
	{"CAM", "Camden London Borough Council", councilbench.TierLondonBorough, "England", "London", 3, ""},
	{"CRF", "Cardiff Council", councilbench.TierUnitary, "Wales", "Wales", 0, ""},
	{"EDH", "City of Edinburgh Council", councilbench.TierUnitary, "Scotland", "Scotland", 4, ""},
	{"BFS", "Belfast City Council", councilbench.TierDistrict, "Northern Ireland", "Northern Ireland", 0, "robots-disallow"},
}

var fixtureDate = time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)

// fixtureAssessment makes a site assessment whose quality rises with q.
func fixtureAssessment(fc fixtureCouncil, host string) *councilbench.SiteAssessment {
	a := &councilbench.SiteAssessment{SiteKey: host, Assessed: fc.reason == "", Reason: fc.reason,
		CatalogueVersion: scoring.TaskCatalogueVersion, Home: "https://" + host + "/", Pages: 40 + 10*fc.quality, HTMLPages: 30 + 10*fc.quality}
	if !a.Assessed {
		return a
	}
	for i, t := range scoring.Tasks {
		f := councilbench.TaskFinding{ID: t.ID, Version: t.Version, LGSL: t.LGSL, Clicks: -1}
		if i%5 < fc.quality+1 {
			f.Found = true
			f.URL = fmt.Sprintf("https://%s/%s", host, t.ID)
			f.Clicks = 1 + (i+fc.quality)%5
			f.LinkText = t.Name
			f.LinkedFrom = "https://" + host + "/"
			f.LinkedFromHome = i%2 == 0
			f.Online = i%4 < fc.quality
			f.PDFOnly = !f.Online && i%3 == 0
			if f.Online {
				f.OnlineVia, f.OnlineURL = "form", f.URL
			}
		}
		a.Tasks = append(a.Tasks, f)
	}
	for i, d := range scoring.Features {
		f := councilbench.Feature{ID: d.ID, Version: d.Version, Known: true, Pass: i%5 < fc.quality+1, Unit: "bool",
			Evidence: []string{fmt.Sprintf("checked on https://%s/", host)}}
		if f.Pass {
			f.Value = 1
		}
		switch d.ID {
		case scoring.FeatureStatement, scoring.FeatureAZ, scoring.FeatureContact:
			if f.Pass {
				f.URL = fmt.Sprintf("https://%s/%s", host, d.ID)
			}
			if d.ID == scoring.FeatureStatement {
				f.Unit, f.Value = "share", 0.2*float64(fc.quality)
			}
		case scoring.FeatureViewport, scoring.FeatureBrokenLinks, scoring.FeaturePDFShare:
			f.Unit, f.Value = "share", 0.25*float64(fc.quality)
			if d.ID == scoring.FeatureBrokenLinks {
				f.Value = 0.01 * float64(4-fc.quality)
			}
		case scoring.FeaturePageWeight:
			f.Unit, f.Value = "bytes", float64(900_000-180_000*fc.quality)
		case scoring.FeatureResponseTime:
			f.Unit, f.Value = "ms", float64(800-150*fc.quality)
		case scoring.FeatureHTTPRedirect:
			f.Known = fc.quality != 2
		}
		a.Features = append(a.Features, f)
	}
	a.Accessibility = councilbench.A11ySummary{Pages: a.HTMLPages}
	for i, r := range scoring.Rules[:8] {
		n := (4 - fc.quality) * (i + 1)
		if n == 0 {
			continue
		}
		a.Accessibility.Rules = append(a.Accessibility.Rules, councilbench.RuleRate{Rule: r.ID, Version: r.Version, Impact: r.Impact,
			Failed: n, Rate: float64(n) / float64(a.HTMLPages)})
	}
	return a
}

// fixtureSite is the fixed small model of the golden tests.
func fixtureSite() *Site {
	s := &Site{
		Survey: SurveyInfo{Name: "2026", Started: fixtureDate, Finished: fixtureDate.Add(72 * time.Hour), ToolVersion: "0.1.0",
			ModelVersion: scoring.ModelVersion, CatalogueVersion: scoring.TaskCatalogueVersion, PagesCrawled: 512, Sites: len(fixtureCouncils)},
		Answer: "Yes: shire district councils' websites scored lower than larger councils' in England, a median of 45 out of 100 against 57. " +
			"It compares the three shire districts and three larger councils (counties, unitaries, metropolitan and London boroughs) assessed in England; no single measure behind the score differed clearly on its own.",
		Headlines: []string{
			"Shire districts scored 12 points lower than larger councils at the median (95% confidence interval 4 to 20 points).",
			"Half as many shire districts let residents report a missed bin online.",
		},
		DivideTables: []Table{{Caption: "Shire districts and larger councils", Headers: []string{"Measure", "Shire districts", "Larger councils"},
			Rows: [][]string{{"Median score", "45.0", "57.0"}, {"Accessibility pass", "1 of 3", "2 of 3"}}, Note: "Larger councils are counties, unitaries, metropolitan and London boroughs."}},
		Rules:       scoring.Rules,
		Tasks:       scoring.Tasks,
		Methodology: "# Scoring methodology\n\n<!-- generated -->\n\nModel version **1**. See [rules.md](rules.md) and <https://example.org>.\n\n## The score\n\n| Component | Weight |\n| --- | --- |\n| Accessibility (`accessibility`) | 30 |\n| Top tasks | 40 |\n\n### Stars\n\n- four stars need the **accessibility pass**;\n- a score in the band otherwise\n  gets three.\n\n1. first\n2. second\n",
		License:     "The data are published under the Open Data Commons Attribution Licence (ODC-By) 1.0.\n\nYou may copy, share and adapt them, provided you credit councilbench.",
	}
	for _, fc := range fixtureCouncils {
		host := "www." + fc.code + ".example.gov.uk"
		cc := councilbench.Council{Code: fc.code, Name: fc.name, Tier: fc.tier, Nation: fc.nation, Region: fc.region}
		a := fixtureAssessment(fc, host)
		sc := scoring.ScoreCouncil(cc, a)
		c := Council{Code: fc.code, Name: fc.name, Tier: fc.tier, Nation: fc.nation, Region: fc.region, Assessed: sc.Assessed, Reason: sc.Reason,
			PagesCrawled: a.Pages, PagesJudged: a.HTMLPages, SiteURL: "https://" + host + "/", SurveyDate: fixtureDate}
		if sc.Assessed {
			c.Score = sc
			c.PageTitles = map[string]string{}
			for _, t := range sc.Tasks {
				if t.Found {
					c.PageTitles[t.URL] = scoring.TaskByID(t.ID).Name + " – " + fc.name
				}
			}
			for _, rr := range a.Accessibility.Rules {
				c.Failures = append(c.Failures, RuleFailure{Rule: rr.Rule, Pages: rr.Failed, Examples: []councilbench.Failure{
					{Rule: rr.Rule, PageURL: "https://" + host + "/", Evidence: councilbench.Evidence{Selector: "main > img:nth-child(2)", Snippet: `<img src="bin.png" class="hero">`}},
				}})
			}
			// Colour contrast: measured on most councils, not assessed on
			// one (a survey made before stylesheets were stored).
			if fc.code == "CRF" {
				c.Undecided = []RuleUndecided{{Rule: "color-contrast", NotAssessed: true}}
			} else {
				c.Undecided = []RuleUndecided{{Rule: "color-contrast", Judged: 412, CantTell: 37, Reasons: "bg-image 30, positioned 7"}}
				c.Failures = append(c.Failures, RuleFailure{Rule: "color-contrast", Pages: 3, Examples: []councilbench.Failure{
					{Rule: "color-contrast", PageURL: "https://" + host + "/news", Evidence: councilbench.Evidence{Selector: "p.date", Snippet: `<p class="date">`,
						Contrast: &councilbench.ContrastEvidence{Foreground: "#949494", Background: "#ffffff", Ratio: 3.03, Required: 4.5, FontPx: 14, Bold: false}}},
				}})
			}
			// Adur's header logo and footer text fail on most pages: two
			// template failures, and one of an advisory rule.
			if fc.code == "ADU" {
				urls := []string{"https://" + host + "/", "https://" + host + "/bins", "https://" + host + "/news"}
				c.TemplateFailures = []councilbench.TemplateFailure{
					{Rule: "color-contrast", Evidence: councilbench.Evidence{Selector: "#footer > p:nth-child(2)", Snippet: `<p class="legal">`,
						Contrast: &councilbench.ContrastEvidence{Foreground: "#949494", Background: "#ffffff", Ratio: 3.03, Required: 4.5, FontPx: 14}},
						Pages: 38, SitePages: a.HTMLPages, PageURLs: urls},
					{Rule: c.Failures[0].Rule, Evidence: councilbench.Evidence{Selector: "#header > a:nth-child(1) > img:nth-child(1)", Snippet: `<img src="/logo.png" class="logo">`},
						Pages: 12, SitePages: a.HTMLPages, PageURLs: urls},
					{Rule: "landmark-unique", Advisory: true, Evidence: councilbench.Evidence{Selector: "#footer > nav:nth-child(1)", Snippet: `<nav>`},
						Pages: 40, SitePages: a.HTMLPages, PageURLs: urls},
				}
			}
		}
		s.Councils = append(s.Councils, c)
	}
	return s
}

// withCompare adds an earlier survey to the site.
func withCompare(s *Site, comparable bool) *Site {
	c := &Comparison{Name: "2025", ModelVersion: s.Survey.ModelVersion, Comparable: comparable, Earlier: map[string]Earlier{}}
	if !comparable {
		c.ModelVersion = "0"
	}
	for i, cc := range s.Councils {
		if cc.Score == nil || cc.Code == "EDH" { // EDH is new
			continue
		}
		delta := float64(i%3-1) * 4.5 // down, same, up
		c.Earlier[cc.Code] = Earlier{Assessed: true, Score: cc.Score.Score - delta, Stars: cc.Score.Stars}
	}
	s.Compare = c
	return s
}
