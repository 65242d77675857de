package scoring

import (
	"testing"

	"github.com/councilbench/councilbench"
)

// TestPlanSearches checks how a site's searches are planned from its home
// page's forms: the search form a browser would submit with GET, its
// hidden fields, a search hosted elsewhere, the Welsh query on a Welsh
// page, and the reason no search can be made.
func TestPlanSearches(t *testing.T) {
	const home = "https://www.example.gov.uk/"
	search := councilbench.Form{Action: "/search", Search: true, Fields: 1, Names: []string{"q"}, Query: "q"}
	tests := []struct {
		name   string
		lang   string
		forms  []councilbench.Form
		url    string
		reason councilbench.SearchReason
	}{
		{"GET search form", "en", []councilbench.Form{search}, "https://www.example.gov.uk/search?q=missed+bin", ""},
		{"action's query replaced, hidden fields kept", "en",
			[]councilbench.Form{{Action: "/site/search.aspx?old=1", Search: true, Fields: 1, Query: "Keywords", Hidden: []string{"type=site"}}},
			"https://www.example.gov.uk/site/search.aspx?Keywords=missed+bin&type=site", ""},
		{"hosted elsewhere", "en", []councilbench.Form{{Action: "https://example.search-service.co.uk/search", Search: true, Fields: 1, Query: "query"}},
			"https://example.search-service.co.uk/search?query=missed+bin", ""},
		{"action that says search", "en", []councilbench.Form{{Action: "/chwilio", Fields: 1, Names: []string{"term"}, Query: "term"}},
			"https://www.example.gov.uk/chwilio?term=missed+bin", ""},
		{"Welsh home page", "cy", []councilbench.Form{search}, "https://www.example.gov.uk/search?q=bin+heb+ei+gasglu", ""},
		{"newsletter, then search", "en", []councilbench.Form{{Action: "/subscribe", Fields: 1, Emails: 1, Query: "email"}, search},
			"https://www.example.gov.uk/search?q=missed+bin", ""},
		{"POST only", "en", []councilbench.Form{{Action: "/search", Method: "post", Search: true, Fields: 1, Query: "q"}}, "", councilbench.SearchPostOnly},
		{"CAPTCHA", "en", []councilbench.Form{{Action: "/search", Search: true, Fields: 1, Query: "q", Captcha: true}}, "", councilbench.SearchCaptcha},
		{"login", "en", []councilbench.Form{{Action: "/search", Search: true, Fields: 2, Query: "q", Password: true}}, "", councilbench.SearchLogin},
		{"no search form", "en", []councilbench.Form{{Action: "/pay", Fields: 3, Query: "account"}}, "", councilbench.SearchNoForm},
		{"javascript action", "en", []councilbench.Form{{Action: "javascript:go()", Search: true, Fields: 1, Query: "q"}}, "", councilbench.SearchNoForm},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &councilbench.Page{URL: home, FinalURL: home, Facts: &councilbench.PageFacts{Lang: tt.lang, Forms: tt.forms}}
			plans := PlanSearches(p, []*Task{TaskByID("report-missed-bin")})
			if len(plans) != 1 {
				t.Fatalf("%d plans", len(plans))
			}
			if got := plans[0]; got.URL != tt.url || got.Reason != tt.reason {
				t.Errorf("got %q %q, want %q %q", got.URL, got.Reason, tt.url, tt.reason)
			}
		})
	}
	if got := PlanSearches(&councilbench.Page{URL: home}, Tasks); got != nil {
		t.Errorf("a home page without facts: got %d plans, want none", len(got))
	}
}

// TestFormFacts checks what the form fact records for a site search: the
// query field, hidden fields, a CAPTCHA and a password field.
func TestFormFacts(t *testing.T) {
	page := `<!doctype html><html lang="en"><head><title>Home</title></head><body>
<form role="search" action="/search" method="GET"><input type="hidden" name="collection" value="site"><input name="q"><button>Go</button></form>
<form action="/login" method="post"><input name="user"><input type="password" name="pw"></form>
<form action="/search"><input type="search" name="s"><div class="g-recaptcha" data-sitekey="x"></div></form>
</body></html>`
	_, facts, err := factsOnly().Judge([]byte(page), "text/html", "https://www.example.gov.uk/", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(facts.Forms) != 3 {
		t.Fatalf("%d forms", len(facts.Forms))
	}
	f0, f1, f2 := facts.Forms[0], facts.Forms[1], facts.Forms[2]
	if f0.Query != "q" || len(f0.Hidden) != 1 || f0.Hidden[0] != "collection=site" || f0.Method != "get" || f0.Captcha || f0.Password {
		t.Errorf("search form: %+v", f0)
	}
	if !f1.Password || f1.Query != "user" {
		t.Errorf("login form: %+v", f1)
	}
	if !f2.Captcha || f2.Query != "s" {
		t.Errorf("CAPTCHA form: %+v", f2)
	}
}
