package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/scoring"
	"github.com/councilbench/councilbench/store"
)

// showFixture writes a survey "s" of one council, XXX, whose site has 8
// scored pages: image-alt fails on the header logo of 4 of them (a
// template failure) and on a photo with a long address on one; link-name
// fails on one element of every page, a different one each time.
func showFixture(t *testing.T) (path, longSrc string) {
	t.Helper()
	ctx := context.Background()
	path = filepath.Join(t.TempDir(), "s.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var infos []councilbench.RuleInfo
	for _, r := range scoring.Rules {
		infos = append(infos, r.RuleInfo)
	}
	if err := db.PutRules(ctx, infos); err != nil {
		t.Fatal(err)
	}
	s := &councilbench.Survey{Name: "s"}
	site := &councilbench.Site{Key: "x.gov.uk", StartURL: "https://x.gov.uk/", Councils: []string{"XXX"}}
	if err := db.CreateSurvey(ctx, s, []*councilbench.Site{site}, []councilbench.Council{{Code: "XXX", Name: "Exampleshire", Tier: councilbench.TierCounty, Website: site.StartURL}}); err != nil {
		t.Fatal(err)
	}
	version := func(id string) int {
		for _, r := range scoring.Rules {
			if r.ID == id {
				return r.Version
			}
		}
		t.Fatalf("no rule %s", id)
		return 0
	}
	fail := func(rule string, evs ...councilbench.Evidence) councilbench.RuleResult {
		return councilbench.RuleResult{Rule: rule, Version: version(rule), Outcome: councilbench.Failed, Applicable: len(evs), FailureCount: len(evs), Failures: evs}
	}
	logo := councilbench.Evidence{Selector: "#header > a:nth-child(1) > img:nth-child(1)", Snippet: `<img src="/logo.png" class="logo">`}
	longSrc = "https://x.gov.uk/media/" + strings.Repeat("very-long-folder-name/", 8) + "broken-photo.jpg"
	photo := councilbench.Evidence{Selector: "#main > p:nth-child(3) > img:nth-child(1)", Snippet: `<img src="` + longSrc + `">`}
	w := db.NewWriter(s.ID)
	for i := range 8 {
		u := fmt.Sprintf("https://x.gov.uk/page-%d", i)
		link := councilbench.Evidence{Selector: fmt.Sprintf("#main > a:nth-child(%d)", i+1), Snippet: fmt.Sprintf(`<a href="/empty-%d">`, i)}
		results := []councilbench.RuleResult{fail("link-name", link)}
		var alt []councilbench.Evidence
		if i < 4 {
			alt = append(alt, logo)
		}
		if i == 5 {
			alt = append(alt, photo)
		}
		if len(alt) > 0 {
			results = append(results, fail("image-alt", alt...))
		}
		p := &councilbench.Page{SiteID: site.ID, URL: u, Kind: councilbench.KindHTML, Status: 200, Depth: 1,
			Score: &councilbench.PageScore{URL: u, Elements: 20, Results: results}}
		if err := w.SavePage(p); err != nil {
			t.Fatal(err)
		}
	}
	a := &councilbench.SiteAssessment{SiteKey: site.Key, Assessed: true, Pages: 8, HTMLPages: 8,
		Tasks: []councilbench.TaskFinding{}, Features: []councilbench.Feature{},
		Accessibility: councilbench.A11ySummary{Pages: 8, Rules: []councilbench.RuleRate{
			{Rule: "image-alt", Version: version("image-alt"), Impact: councilbench.Critical, Failed: 5, Rate: 5.0 / 8, Example: "https://x.gov.uk/page-0"},
			{Rule: "link-name", Version: version("link-name"), Impact: councilbench.Serious, Failed: 8, Rate: 1, Example: "https://x.gov.uk/page-0"},
		}}}
	cs := &councilbench.CouncilScore{Code: "XXX", Tier: councilbench.TierCounty, Site: site.Key, ModelVersion: "test", Assessed: true, Score: 61.5, Stars: 2,
		Components: []councilbench.Component{{ID: "accessibility", Weight: 30, Score: 40, Points: 12}},
		Features: []councilbench.Feature{
			{ID: "broken-links", Known: true, Pass: true, Value: 0.04081632653061224, Unit: "share", Evidence: []string{"2 of 49 internal link targets failed"}},
			{ID: "page-weight", Known: true, Pass: true, Value: 13456, Unit: "bytes"},
			{ID: "response-time", Known: true, Pass: true, Value: 1234, Unit: "ms"},
			{ID: "https", Known: true, Pass: true, Value: 1, Unit: "bool", Evidence: []string{"home page: " + longSrc}},
		}}
	if err := w.SaveAssessment(site.ID, a, []*councilbench.CouncilScore{cs}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path, longSrc
}

// TestShowWhatToFix checks that show lists the failing rules with their
// pages, selectors and snippets, groups the header logo failing on four
// pages as a template failure, never cuts evidence (JSON whole, text
// wrapped) and prints values as people read them.
func TestShowWhatToFix(t *testing.T) {
	path, longSrc := showFixture(t)
	code, stdout, stderr := runMain(t, "show", "XXX", "--db", path)
	if code != exitOK {
		t.Fatalf("show: exit %d: %s", code, stderr)
	}
	text := stdout
	for _, line := range strings.Split(text, "\n") {
		if n := len([]rune(line)); n > 100 {
			t.Errorf("line of %d characters, wider than 100: %q", n, line)
		}
	}
	// The template failure comes first, with its element and its pages.
	tmpl, rules, ok := strings.Cut(text, "Rules failed, worst first")
	if !ok {
		t.Fatalf("no list of the rules failed:\n%s", text)
	}
	tmpl = tmpl[strings.Index(tmpl, "Template failures"):]
	for _, want := range []string{
		"image-alt (WCAG 1.1.1 A, critical): on 4 of 8 pages (50%)",
		"element #header > a:nth-child(1) > img:nth-child(1)",
		`tag     <img src="/logo.png" class="logo">`,
		"pages   https://x.gov.uk/page-0, https://x.gov.uk/page-1 and 2 more",
	} {
		if !strings.Contains(tmpl, want) {
			t.Errorf("the template failures lack %q:\n%s", want, tmpl)
		}
	}
	if strings.Contains(tmpl, "link-name") {
		t.Errorf("link-name fails on a different element on each page, yet is a template failure:\n%s", tmpl)
	}
	// Each failed rule, worst first, with its pages and elements; the
	// logo is not listed again, and the list of pages is bounded.
	for _, want := range []string{
		"link-name (WCAG 2.4.4, 4.1.2 A, serious): fails on 8 pages (100%)",
		"https://x.gov.uk/page-0\n      element #main > a:nth-child(1)\n      tag     <a href=\"/empty-0\">",
		"https://x.gov.uk/page-4\n",
		"… and 3 more pages",
		"image-alt (WCAG 1.1.1 A, critical): fails on 5 pages (62.5%)",
		"4 of its pages fail on template failures above; on other elements:\n    https://x.gov.uk/page-5\n      element #main > p:nth-child(3) > img:nth-child(1)",
		"See: https://www.w3.org/WAI/WCAG22/Understanding/non-text-content.html",
	} {
		if !strings.Contains(rules, want) {
			t.Errorf("the rules failed lack %q:\n%s", want, rules)
		}
	}
	if strings.Index(rules, "link-name") > strings.Index(rules, "image-alt") {
		t.Errorf("the rules are not worst first:\n%s", rules)
	}
	if strings.Contains(rules, "logo.png") {
		t.Errorf("the template failure's element is listed again under its rule:\n%s", rules)
	}
	if strings.Contains(rules, "https://x.gov.uk/page-6") {
		t.Errorf("more than %d pages listed under a rule:\n%s", textPagesPerRule, rules)
	}
	// Long evidence is wrapped, never cut: joined again, it is whole.
	unwrapped := regexp.MustCompile(`\s+`).ReplaceAllString(text, "")
	if !strings.Contains(unwrapped, `<imgsrc="`+longSrc+`">`) || !strings.Contains(unwrapped, "homepage:"+longSrc) {
		t.Errorf("the long address is cut:\n%s", text)
	}
	// Values as people read them.
	for _, want := range []string{"4.1%", "13 KB", "1.2 s"} {
		if !strings.Contains(text, want) {
			t.Errorf("show does not print %q:\n%s", want, text)
		}
	}
	for _, raw := range []string{"0.0408", "13456", "1234 ms", " share", " bytes"} {
		if strings.Contains(text, raw) {
			t.Errorf("show prints a raw value %q:\n%s", raw, text)
		}
	}

	// JSON: every failing element, whole, and the template failure with
	// every page.
	code, stdout, stderr = runMain(t, "show", "XXX", "--db", path, "--format", "json")
	if code != exitOK {
		t.Fatalf("show --format json: exit %d: %s", code, stderr)
	}
	var card scorecardJSON
	if err := json.Unmarshal([]byte(stdout), &card); err != nil {
		t.Fatalf("show --format json: %v\n%s", err, stdout)
	}
	if got, want := len(card.Failures), 8+4+1; got != want {
		t.Errorf("JSON failures: got %d, want %d", got, want)
	}
	found := false
	for _, f := range card.Failures {
		found = found || f.Rule == "image-alt" && f.PageURL == "https://x.gov.uk/page-5" && f.Snippet == `<img src="`+longSrc+`">`
	}
	if !found {
		t.Errorf("JSON failures lack the photo's whole snippet: %+v", card.Failures)
	}
	if len(card.TemplateFailures) != 1 {
		t.Fatalf("JSON template failures: got %+v, want the logo's", card.TemplateFailures)
	}
	tf := card.TemplateFailures[0]
	if tf.Rule != "image-alt" || tf.Selector != "#header > a:nth-child(1) > img:nth-child(1)" || tf.Pages != 4 || tf.SitePages != 8 ||
		strings.Join(tf.PageURLs, " ") != "https://x.gov.uk/page-0 https://x.gov.uk/page-1 https://x.gov.uk/page-2 https://x.gov.uk/page-3" {
		t.Errorf("JSON template failure: got %+v", tf)
	}
	if len(card.Failed) != 2 || card.Failed[0].Rule != "link-name" {
		t.Errorf("JSON failed rules: got %+v, want link-name then image-alt", card.Failed)
	}
}

// TestSimilarTemplates checks which template failures show prints as one
// fix: the same rule on as many pages, the same tag, selectors that
// differ only in their positions, and the same colours.
func TestSimilarTemplates(t *testing.T) {
	tf := func(rule string, pages int, sel, snippet string, fg string) councilbench.TemplateFailure {
		t := councilbench.TemplateFailure{Rule: rule, Pages: pages, Evidence: councilbench.Evidence{Selector: sel, Snippet: snippet}}
		if fg != "" {
			t.Contrast = &councilbench.ContrastEvidence{Foreground: fg, Background: "#ffffff"}
		}
		return t
	}
	menu := func(i int, fg string) councilbench.TemplateFailure {
		return tf("color-contrast", 40, fmt.Sprintf("#nav > li:nth-child(%d) > a:nth-child(1)", i), fmt.Sprintf(`<a href="/s%d">`, i), fg)
	}
	for _, c := range []struct {
		name string
		in   []councilbench.TemplateFailure
		want []int // the sizes of the groups, in order
	}{
		{"a menu's links", []councilbench.TemplateFailure{menu(1, "#777"), menu(10, "#777"), menu(2, "#777")}, []int{3}},
		{"another colour", []councilbench.TemplateFailure{menu(1, "#777"), menu(2, "#888")}, []int{1, 1}},
		{"on fewer pages", []councilbench.TemplateFailure{menu(1, "#777"), tf("color-contrast", 39, "#nav > li:nth-child(2) > a:nth-child(1)", `<a href="/x">`, "#777")}, []int{1, 1}},
		{"another rule", []councilbench.TemplateFailure{tf("link-name", 40, "#nav > li:nth-child(1) > a:nth-child(1)", "<a>", ""), tf("image-alt", 40, "#nav > li:nth-child(2) > a:nth-child(1)", "<a>", "")}, []int{1, 1}},
		{"another tag", []councilbench.TemplateFailure{tf("link-name", 40, "#f > *:nth-child(1)", "<a>", ""), tf("link-name", 40, "#f > *:nth-child(2)", "<button>", "")}, []int{1, 1}},
		{"another path", []councilbench.TemplateFailure{tf("link-name", 40, "#f > a:nth-child(1)", "<a>", ""), tf("link-name", 40, "#g > a:nth-child(1)", "<a>", "")}, []int{1, 1}},
		{"apart in the list", []councilbench.TemplateFailure{menu(1, "#777"), tf("link-name", 40, "#f > a:nth-child(1)", "<a>", ""), menu(2, "#777")}, []int{2, 1}},
	} {
		var got []int
		for _, g := range similarTemplates(c.in) {
			got = append(got, len(g))
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: got groups of %v, want %v", c.name, got, c.want)
		}
	}
}

// TestPrintStarsCap checks that the survey's list of stars says, beside a
// council's stars, why a score in the four-star band has three.
func TestPrintStarsCap(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := &councilbench.Survey{Name: "s"}
	site := &councilbench.Site{Key: "x.gov.uk", StartURL: "https://x.gov.uk/", Councils: []string{"CAP", "TOP"}}
	councils := []councilbench.Council{
		{Code: "CAP", Name: "Capped Borough Council", Tier: councilbench.TierShireDistrict, Website: site.StartURL},
		{Code: "TOP", Name: "Top Borough Council", Tier: councilbench.TierShireDistrict, Website: site.StartURL},
	}
	if err := db.CreateSurvey(ctx, s, []*councilbench.Site{site}, councils); err != nil {
		t.Fatal(err)
	}
	w := db.NewWriter(s.ID)
	a := &councilbench.SiteAssessment{SiteKey: site.Key, Assessed: true, Tasks: []councilbench.TaskFinding{}, Features: []councilbench.Feature{}}
	scores := []*councilbench.CouncilScore{
		{Code: "CAP", Tier: councilbench.TierShireDistrict, Site: site.Key, ModelVersion: "test", Assessed: true, Score: 92.8, Stars: 3, StarsNote: "no accessibility pass"},
		{Code: "TOP", Tier: councilbench.TierShireDistrict, Site: site.Key, ModelVersion: "test", Assessed: true, Score: 80, Stars: 3},
	}
	if err := w.SaveAssessment(site.ID, a, scores); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := printStars(ctx, &out, db, s.ID); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		code, want string
	}{
		{"CAP", "★★★   92.8  capped at ★★★: no accessibility pass"},
		{"TOP", "★★★   80.0"},
	} {
		var line string
		for _, l := range strings.Split(out.String(), "\n") {
			if strings.HasPrefix(l, "  "+tt.code+" ") {
				line = l
			}
		}
		if !strings.HasSuffix(line, tt.want) {
			t.Errorf("%s: got %q, want it to end %q", tt.code, line, tt.want)
		}
	}
}
