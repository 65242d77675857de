package scoring

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
)

// actionSite builds a site whose home page links to each fixture of
// testdata/tasks/actions at its path, with the fixture's <title> before
// " |" as the link text, and judges every page with the page step.
func actionSite(t *testing.T, pages map[string]string) SiteInput {
	t.Helper()
	const origin = "https://www.example-council.gov.uk"
	scorer := NewScorer(Rules)
	site := &councilbench.Site{Key: "example-council.gov.uk", StartURL: origin + "/", FinalURL: origin + "/", Status: councilbench.SiteDone}
	var links strings.Builder
	var out []*councilbench.Page
	for path, file := range pages {
		body, err := os.ReadFile(filepath.Join("testdata", "tasks", "actions", file))
		if err != nil {
			t.Fatal(err)
		}
		title, _, _ := strings.Cut(string(body[strings.Index(string(body), "<title>")+7:]), " |")
		links.WriteString(`<li><a href="` + path + `">` + title + "</a></li>")
		out = append(out, &councilbench.Page{URL: origin + path, Depth: 1, Body: body})
	}
	home := &councilbench.Page{URL: origin + "/", Depth: 0,
		Body: []byte(`<!doctype html><html lang="en"><head><title>Example Council</title></head><body><main><h1>Example Council</h1><ul>` +
			links.String() + `</ul></main></body></html>`)}
	out = append(out, home)
	for _, p := range out {
		p.FinalURL, p.Status, p.Kind, p.ContentType = p.URL, 200, councilbench.KindHTML, "text/html; charset=utf-8"
		p.Links = simLinks(p, [2]string{"www.example-council.gov.uk", "example-council.gov.uk"})
		scorer.JudgePage(p, nil)
		p.Body = nil // the site step reads no body
	}
	return SiteInput{Site: site, Pages: out}
}

// TestTaskActions checks near-miss discrimination from page facts: a page
// named for the service area is the task's page only when it offers the
// action; a near-miss stays a near-miss whatever it offers; news is never
// a task's page; and of two pages named for the task, the one that offers
// the action wins. A task not found says why.
func TestTaskActions(t *testing.T) {
	tests := []struct {
		name    string
		pages   map[string]string
		found   string // the path found for pay-council-tax; "" for none
		via     string
		why     string // a part of Why when not found
		nearMis string // the closest candidate's near-miss pattern
	}{
		{"area page with a payment link", map[string]string{"/council-tax": "area-with-payment.html"}, "/council-tax", "portal", "", ""},
		{"area page that only informs", map[string]string{"/council-tax": "area-only.html"}, "", "",
			"closest page: /council-tax (names the service area only; no payment action)", ""},
		{"near-miss that offers an action", map[string]string{"/council-tax/discounts": "discounts-with-form.html"}, "", "",
			`closest page: /council-tax/discounts (names the service area, but the page is about "discount|discounts")`, "discount|discounts"},
		{"news about the task", map[string]string{"/pay-your-council-tax-online": "news-article.html"}, "", "",
			"no page names the task or its service area", ""},
		{"the page that offers the action", map[string]string{"/council-tax/how-to-pay": "informs.html", "/council-tax/pay-council-tax": "offers.html"},
			"/council-tax/pay-council-tax", "form", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := AssessSite(actionSite(t, tt.pages))
			f := a.Task("pay-council-tax")
			if f == nil {
				t.Fatalf("no finding (assessed %v: %s)", a.Assessed, a.Reason)
			}
			got := ""
			if f.Found {
				got = pathOf(f.URL)
			}
			if got != tt.found {
				t.Errorf("found %q, want %q (why %q)", got, tt.found, f.Why)
			}
			if f.Found && f.OnlineVia != tt.via {
				t.Errorf("online via %q, want %q", f.OnlineVia, tt.via)
			}
			if !strings.Contains(f.Why, tt.why) || (tt.why == "") != (f.Why == "") {
				t.Errorf("why %q, want %q", f.Why, tt.why)
			}
			if tt.nearMis != "" && (len(f.Candidates) == 0 || f.Candidates[0].NearMiss != tt.nearMis) {
				t.Errorf("candidates %+v, want the first a near-miss %q", f.Candidates, tt.nearMis)
			}
		})
	}
}
