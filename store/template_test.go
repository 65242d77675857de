package store

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
)

// TestTemplateFailures stores two sites whose pages fail rules on shared
// and page-specific elements, and reads the template failures back, from
// the view and the store's methods (schema version 11): an element failing
// on MinTemplatePages pages of a site is one, on fewer it is not; the
// selector and the snippet must both match; another site's pages do not
// count; failures of another survey never show.
func TestTemplateFailures(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	rules := []councilbench.RuleInfo{
		{ID: "image-alt", Version: 2, WCAG: []string{"1.1.1"}, Level: "A", Impact: councilbench.Critical},
		{ID: "landmark-one-main", Version: 1, Impact: councilbench.Moderate, Advisory: true},
		{ID: "color-contrast", Version: 1, WCAG: []string{"1.4.3"}, Level: "AA", Impact: councilbench.Serious},
	}
	if err := db.PutRules(ctx, rules); err != nil {
		t.Fatal(err)
	}
	logo := councilbench.Evidence{Selector: "#header > a:nth-child(1) > img:nth-child(1)", Snippet: `<img src="/logo.png" class="logo">`}
	photo := councilbench.Evidence{Selector: "main > img:nth-child(2)", Snippet: `<img src="/photo.jpg">`}
	grey := councilbench.Evidence{Selector: "footer > p:nth-child(1)", Snippet: `<p class="small">`,
		Contrast: &councilbench.ContrastEvidence{Foreground: "#949494", Background: "#ffffff", Ratio: 3.03, Required: 4.5, FontPx: 14}}
	html := councilbench.Evidence{Selector: "html", Snippet: `<html lang="en">`}
	fail := func(rule string, v int, evs ...councilbench.Evidence) councilbench.RuleResult {
		return councilbench.RuleResult{Rule: rule, Version: v, Outcome: councilbench.Failed, Applicable: len(evs), FailureCount: len(evs), Failures: evs}
	}
	type page struct {
		path    string
		results []councilbench.RuleResult
		err     string // a page that could not be scored
	}
	survey := func(name string, sites map[string][]page) (*councilbench.Survey, map[string]int64) {
		s := &councilbench.Survey{Name: name}
		var ss []*councilbench.Site
		var cs []councilbench.Council
		for key := range sites {
			code := strings.ToUpper(key[:3])
			ss = append(ss, &councilbench.Site{Key: key, StartURL: "https://" + key + "/", Councils: []string{code}})
			cs = append(cs, councilbench.Council{Code: code, Name: key, Tier: councilbench.TierUnitary, Website: "https://" + key + "/"})
		}
		if err := db.CreateSurvey(ctx, s, ss, cs); err != nil {
			t.Fatal(err)
		}
		ids := map[string]int64{}
		w := db.NewWriter(s.ID)
		for _, site := range ss {
			ids[site.Key] = site.ID
			for _, p := range sites[site.Key] {
				u := "https://" + site.Key + p.path
				sc := &councilbench.PageScore{URL: u, Elements: 10, Results: p.results, Error: p.err}
				if err := w.SavePage(&councilbench.Page{SiteID: site.ID, URL: u, Kind: councilbench.KindHTML, Status: 200, Score: sc}); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return s, ids
	}
	s, ids := survey("s", map[string][]page{
		"a.gov.uk": {
			{path: "/", results: []councilbench.RuleResult{fail("image-alt", 2, logo, photo), fail("landmark-one-main", 1, html), fail("color-contrast", 1, grey)}},
			{path: "/b", results: []councilbench.RuleResult{fail("image-alt", 2, logo, photo), fail("landmark-one-main", 1, html), fail("color-contrast", 1, grey)}},
			{path: "/c", results: []councilbench.RuleResult{fail("image-alt", 2, logo), fail("landmark-one-main", 1, html), fail("color-contrast", 1, grey)}},
			// The same selector with another snippet is another element.
			{path: "/d", results: []councilbench.RuleResult{fail("image-alt", 2, councilbench.Evidence{Selector: logo.Selector, Snippet: `<img src="/other.png">`})}},
			{path: "/e", err: "too deep"},
		},
		// Two pages of another site with the logo: not a template failure
		// there, and no help to a.gov.uk's count.
		"b.gov.uk": {
			{path: "/", results: []councilbench.RuleResult{fail("image-alt", 2, logo)}},
			{path: "/b", results: []councilbench.RuleResult{fail("image-alt", 2, logo)}},
		},
	})
	// Another survey, with a template failure of its own: never counted in.
	other, _ := survey("other", map[string][]page{"a.gov.uk": {
		{path: "/", results: []councilbench.RuleResult{fail("image-alt", 2, logo)}},
		{path: "/x", results: []councilbench.RuleResult{fail("image-alt", 2, logo)}},
		{path: "/y", results: []councilbench.RuleResult{fail("image-alt", 2, logo)}},
	}})
	a, b := ids["a.gov.uk"], ids["b.gov.uk"]

	got, err := db.TemplateFailures(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	urls := []string{"https://a.gov.uk/", "https://a.gov.uk/b", "https://a.gov.uk/c"}
	want := []councilbench.TemplateFailure{
		{Rule: "color-contrast", Evidence: grey, Pages: 3, SitePages: 4, PageURLs: urls},
		{Rule: "image-alt", Evidence: logo, Pages: 3, SitePages: 4, PageURLs: urls},
		{Rule: "landmark-one-main", Evidence: html, Advisory: true, Pages: 3, SitePages: 4, PageURLs: urls},
	}
	if !reflect.DeepEqual(got[a], want) {
		t.Errorf("template failures of a.gov.uk:\ngot  %+v\nwant %+v", got[a], want)
	}
	if len(got[b]) != 0 || len(got) != 1 {
		t.Errorf("template failures of other sites: got %+v, want none", got)
	}
	one, err := db.SiteTemplateFailures(ctx, s.ID, a)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(one, want) {
		t.Errorf("SiteTemplateFailures:\ngot  %+v\nwant %+v", one, want)
	}
	if none, err := db.SiteTemplateFailures(ctx, other.ID, a); err != nil || len(none) != 0 {
		t.Errorf("SiteTemplateFailures of another survey's id with this site: got %+v, %v; want none", none, err)
	}

	// Every failure of a site, by rule, page and document order.
	fs, err := db.SiteFailures(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	wantFs := []councilbench.Failure{{Rule: "image-alt", PageURL: "https://b.gov.uk/", Evidence: logo}, {Rule: "image-alt", PageURL: "https://b.gov.uk/b", Evidence: logo}}
	if !reflect.DeepEqual(fs, wantFs) {
		t.Errorf("SiteFailures:\ngot  %+v\nwant %+v", fs, wantFs)
	}
	fs, err = db.SiteFailures(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(fs), 12; got != want {
		t.Errorf("SiteFailures of a.gov.uk: got %d, want %d: %+v", got, want, fs)
	}

	// The view's threshold is the one the code names.
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if view := ms[10].sql; !strings.Contains(view, fmt.Sprintf("HAVING COUNT(DISTINCT e.page_id) >= %d;", councilbench.MinTemplatePages)) {
		t.Errorf("v_template_failures does not apply MinTemplatePages (%d):\n%s", councilbench.MinTemplatePages, view)
	}

	// docs/schema.md's queries.
	for q, want := range map[string]int64{
		"SELECT count(*) FROM v_template_failures WHERE survey_id = 1":                                     3,
		"SELECT count(*) FROM v_template_failures WHERE survey_id = 1 AND advisory = 0":                    2,
		"SELECT pages FROM v_template_failures WHERE survey_id = 1 AND rule_id = 'image-alt'":              3,
		"SELECT site_pages FROM v_template_failures WHERE survey_id = 1 AND rule_id = 'image-alt'":         4,
		"SELECT rule_version FROM v_template_failures WHERE survey_id = 1 AND rule_id = 'image-alt'":       2,
		"SELECT count(*) FROM v_template_failures WHERE survey_id = 1 AND first_url = 'https://a.gov.uk/'": 3,
		"SELECT count(*) FROM v_template_failures WHERE survey_id = 2":                                     1,
		// The examples, as they are written there.
		`SELECT count(*) FROM (SELECT c.code, t.rule_id, t.pages, t.site_pages, t.selector, t.snippet, t.first_url
FROM v_template_failures t JOIN councils c ON c.site_id = t.site_id AND c.survey_id = t.survey_id
WHERE t.survey_id = 1 AND t.advisory = 0
ORDER BY c.code, t.pages DESC)`: 2,
		`SELECT count(*) FROM (SELECT rule_id, count(*) AS elements, count(DISTINCT site_id) AS sites
FROM v_template_failures WHERE survey_id = 1 AND pages >= 0.5 * site_pages
GROUP BY rule_id ORDER BY sites DESC)`: 3,
		`SELECT count(*) FROM v_template_failures t JOIN councils c ON c.site_id = t.site_id
		 WHERE t.survey_id = 1 AND c.code = 'A.G' AND t.advisory = 0 AND t.pages >= 0.5 * t.site_pages`: 2,
	} {
		if got := queryInt(t, db, q); got != want {
			t.Errorf("%s: got %d, want %d", q, got, want)
		}
	}
}
