package scoring

import (
	"net/http"
	"testing"

	"github.com/councilbench/councilbench"
)

func TestParseViewport(t *testing.T) {
	tests := []struct {
		content           string
		deviceWidth, zoom bool
	}{
		{"width=device-width, initial-scale=1", true, true},
		{"width=device-width, initial-scale=1, user-scalable=no", true, false},
		{"width=device-width; user-scalable=0", true, false},
		{"width=device-width, user-scalable=yes", true, true},
		{"width=device-width, maximum-scale=1.0", true, false},
		{"width=device-width, maximum-scale=1", true, false},
		{"width=device-width, maximum-scale=2", true, true},
		{"width=device-width, maximum-scale=5.0", true, true},
		{"WIDTH=DEVICE-WIDTH, Maximum-Scale=1.5x", true, false},
		{"width=1024", false, true},
		{"initial-scale=1", false, true},
		{"", false, true},
	}
	for _, tt := range tests {
		v := ParseViewport(tt.content)
		if v.DeviceWidth != tt.deviceWidth || v.Zoom != tt.zoom {
			t.Errorf("%q: got device-width %v zoom %v, want %v %v", tt.content, v.DeviceWidth, v.Zoom, tt.deviceWidth, tt.zoom)
		}
		if got, want := v.Mobile(), tt.deviceWidth && tt.zoom; got != want {
			t.Errorf("%q: mobile: got %v, want %v", tt.content, got, want)
		}
	}
}

func TestHSTSMaxAge(t *testing.T) {
	tests := []struct {
		value string
		age   int64
		ok    bool
	}{
		{"max-age=31536000; includeSubDomains", 31536000, true},
		{"includeSubDomains; max-age=\"600\"; preload", 600, true},
		{"MAX-AGE=0", 0, true},
		{"max-age=-5", 0, false},
		{"max-age=abc", 0, false},
		{"includeSubDomains", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		age, ok := HSTSMaxAge(tt.value)
		if age != tt.age || ok != tt.ok {
			t.Errorf("%q: got %d %v, want %d %v", tt.value, age, ok, tt.age, tt.ok)
		}
	}
}

func TestClassifyProbe(t *testing.T) {
	const home = "https://www.x.gov.uk/"
	tests := []struct {
		name     string
		status   int
		final    string
		notFound bool
		want     string
	}{
		{"404", 404, "https://www.x.gov.uk/councilbench-probe-1", true, ProbeReal},
		{"410", 410, "https://www.x.gov.uk/councilbench-probe-1", false, ProbeReal},
		{"200 not found page", 200, "https://www.x.gov.uk/councilbench-probe-1", true, ProbeSoftText},
		{"200 anything", 200, "https://www.x.gov.uk/councilbench-probe-1", false, ProbeSoft},
		{"redirect home", 200, "https://WWW.x.gov.uk", false, ProbeSoftHome},
		{"403", 403, "https://www.x.gov.uk/councilbench-probe-1", false, ProbeOther},
		{"500", 500, "https://www.x.gov.uk/councilbench-probe-1", false, ProbeOther},
		{"no response", 0, "", false, ProbeNoResponse},
	}
	for _, tt := range tests {
		if got := ClassifyProbe(tt.status, tt.final, tt.notFound, home); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestPageFacts(t *testing.T) {
	tests := []struct {
		name             string
		html             string
		search, transact bool
		notFound         bool
	}{
		{"site search", `<form role="search" action="/search"><input type="text" name="query"></form>`, true, false, false},
		{"search input", `<form action="/find"><input type="search" name="x"></form>`, true, false, false},
		{"q field", `<form action="/search"><input name="q"><button>Go</button></form>`, true, false, false},
		{"search element", `<search><form action="/s"><input name="words"></form></search>`, true, false, false},
		{"newsletter", `<form action="https://public.govdelivery.com/x" method="post"><input type="email" name="email"><button>Sign up</button></form>`, false, false, false},
		{"postcode lookup", `<form action="results" method="get"><label for="p">Postcode</label><input id="p" name="postcode"></form>`, false, true, false},
		{"payment", `<form action="pay" method="post"><input name="account"><input name="amount"><input type="email" name="email"></form>`, false, true, false},
		{"buttons only", `<form action="/cookies" method="post"><input type="hidden" name="t"><button>Accept</button></form>`, false, false, false},
		{"not found", `<title>Page not found | Council</title><h1>Sorry</h1>`, false, false, true},
		{"404 heading", `<title>Council</title><h1>404 - page cannot be found</h1>`, false, false, true},
		{"Welsh not found", `<title>Heb ddod o hyd i'r dudalen</title>`, false, false, true},
		{"found", `<title>Lost and found property</title>`, false, false, false},
	}
	for _, tt := range tests {
		_, pf, err := DefaultScorer().Judge([]byte(tt.html), "text/html", "https://x.gov.uk/", nil)
		if err != nil {
			t.Fatal(err)
		}
		var search, transact bool
		for i := range pf.Forms {
			search = search || isSearch(&pf.Forms[i])
			transact = transact || isTransaction(&pf.Forms[i])
		}
		if notFound := saysNotFound(pf); search != tt.search || transact != tt.transact || notFound != tt.notFound {
			t.Errorf("%s: got search %v transaction %v not found %v, want %v %v %v", tt.name, search, transact, notFound, tt.search, tt.transact, tt.notFound)
		}
	}
}

// page returns a stored HTML page for the synthetic sites of the tests,
// judged by the page step as a survey stores it: with its score and facts,
// and without its body, which the assessment must not need.
func page(u string, depth int, body string, links ...councilbench.Link) *councilbench.Page {
	p := &councilbench.Page{URL: u, FinalURL: u, Kind: councilbench.KindHTML, Status: 200, Depth: depth, Bytes: int64(len(body)),
		ContentType: "text/html; charset=utf-8", Body: []byte(body), Links: links, Header: http.Header{}}
	judged(p)
	return p
}

// judged runs the page step on stored pages, then drops their bodies: the
// site assessment reads only what the page step stored.
func judged(pages ...*councilbench.Page) {
	for _, p := range pages {
		DefaultScorer().JudgePage(p, nil)
		p.Body = nil
	}
}

// TestFeaturesSynthetic checks features that the simulated web does not
// vary: a viewport blocking zoom, a soft 404 that redirects home, a broken
// link, an http-only site, a statement linked only from the footer of some
// pages.
func TestFeaturesSynthetic(t *testing.T) {
	const o = "http://x.gov.uk"
	head := `<meta name="viewport" content="width=device-width, maximum-scale=1"><title>X</title>`
	home := page(o+"/", 0, head+`<form role="search" action="/search"><input name="q"></form>`,
		councilbench.Link{URL: o + "/contact", Text: "Contact us"},
		councilbench.Link{URL: o + "/gone", Text: "Old page"},
		councilbench.Link{URL: o + "/council-tax/pay", Text: "Pay council tax"},
		councilbench.Link{URL: o + "/doc.pdf", Text: "Annual report"},
		councilbench.Link{URL: o + "/form.docx", Text: "Form"},
	)
	contact := page(o+"/contact", 1, head, councilbench.Link{URL: o + "/accessibility", Text: "Accessibility"})
	pay := page(o+"/council-tax/pay", 1, head+`<p>Ring us.</p>`)
	gone := &councilbench.Page{URL: o + "/gone", FinalURL: o + "/gone", Kind: councilbench.KindHTML, Status: 404, Depth: 1}
	stmt := page(o+"/accessibility", 2, head)
	pdf := &councilbench.Page{URL: o + "/doc.pdf", FinalURL: o + "/doc.pdf", Kind: councilbench.KindDocument, Status: 200, ContentType: "application/pdf", Depth: 1}
	probe := &councilbench.Page{URL: o + "/councilbench-probe-1", FinalURL: o + "/", Redirects: []string{o + "/councilbench-probe-1"},
		Kind: councilbench.KindProbe, Status: 200, Depth: -1}
	site := &councilbench.Site{Key: "x.gov.uk", StartURL: o + "/", FinalURL: o + "/", Status: councilbench.SiteDone}
	a := AssessSite(SiteInput{Site: site, Pages: []*councilbench.Page{home, contact, pay, gone, stmt, pdf, probe}})
	tests := []struct {
		id          string
		known, pass bool
		value       float64
	}{
		{FeatureStatement, true, false, 0.25},
		{FeatureHTTPS, true, false, 0},
		{FeatureHTTPRedirect, true, false, 0},
		{FeatureHSTS, true, false, 0},
		{FeatureViewport, true, false, 0},
		{FeatureSearch, true, true, 1},
		{FeatureAZ, true, false, 0},
		{FeatureContact, true, true, 1},
		{FeatureReal404, true, false, 0},
		{FeatureBrokenLinks, true, false, 0.2},
		{FeaturePDFShare, true, true, 0.5},
	}
	for _, tt := range tests {
		f := a.Feature(tt.id)
		if f.Known != tt.known || f.Pass != tt.pass || f.Value != tt.value {
			t.Errorf("%s: got known %v pass %v value %v, want %v %v %v (evidence %q)", tt.id, f.Known, f.Pass, f.Value, tt.known, tt.pass, tt.value, f.Evidence)
		}
	}
	if f := a.Feature(FeatureStatement); f.URL != o+"/accessibility" {
		t.Errorf("statement URL %q", f.URL)
	}
	task := a.Task("pay-council-tax")
	if !task.Found || task.Online || task.PDFOnly || task.Clicks != 1 || !task.LinkedFromHome || task.LinkText != "Pay council tax" {
		t.Errorf("pay-council-tax: %+v", task)
	}
}

// TestBrokenTaskLink checks that a link naming a task whose target failed
// does not count as finding the task, and that a PDF alone does, as
// PDF-only.
func TestBrokenTaskLink(t *testing.T) {
	const o = "https://y.gov.uk"
	home := page(o+"/", 0, "<title>Y</title>",
		councilbench.Link{URL: o + "/report-a-pothole", Text: "Report a pothole"},
		councilbench.Link{URL: o + "/forms/blue-badge.pdf", Text: "Blue Badge application form"},
	)
	broken := &councilbench.Page{URL: o + "/report-a-pothole", FinalURL: o + "/report-a-pothole", Kind: councilbench.KindHTML, Status: 500, Depth: 1}
	pdf := &councilbench.Page{URL: o + "/forms/blue-badge.pdf", FinalURL: o + "/forms/blue-badge.pdf", Kind: councilbench.KindDocument, Status: 200, ContentType: "application/pdf", Depth: 1}
	site := &councilbench.Site{Key: "y.gov.uk", StartURL: o + "/", FinalURL: o + "/", Status: councilbench.SiteDone}
	a := AssessSite(SiteInput{Site: site, Pages: []*councilbench.Page{home, broken, pdf}})
	if f := a.Task("report-pothole"); f.Found || f.BrokenURL != o+"/report-a-pothole" {
		t.Errorf("report-pothole: found %v, broken %q", f.Found, f.BrokenURL)
	}
	if f := a.Task("blue-badge"); !f.Found || !f.PDFOnly || f.Online || f.Clicks != 1 {
		t.Errorf("blue-badge: %+v", f)
	}
}

// TestPageLinks checks each page's link counts, and that its broken
// targets are judged as the broken-links feature judges them.
func TestPageLinks(t *testing.T) {
	const root = "https://x.gov.uk/"
	page := func(id int64, path string, status int, reason councilbench.Reason, links ...councilbench.Link) *councilbench.Page {
		return &councilbench.Page{ID: id, URL: root + path, FinalURL: root + path, Kind: councilbench.KindHTML, Status: status, Reason: reason, Depth: 1, Links: links}
	}
	in := func(path string) councilbench.Link { return councilbench.Link{URL: root + path, Text: path} }
	home := page(1, "", 200, "", in("a"), in("gone"), in("gone"), in("blocked"), in("never"), in("down"),
		councilbench.Link{URL: "https://elsewhere.org/", External: true})
	home.Depth = 0
	pages := []*councilbench.Page{
		home,
		page(2, "a", 200, ""),
		page(3, "gone", 404, ""),
		page(4, "blocked", 0, councilbench.ReasonRobots),
		page(5, "down", 0, councilbench.ReasonTimeout),
	}
	site := &councilbench.Site{Key: "x.gov.uk", StartURL: root, FinalURL: root, Status: councilbench.SiteDone}
	a := AssessSite(SiteInput{Site: site, Pages: pages})
	got := map[int64]councilbench.PageLinks{}
	for _, l := range a.Links {
		got[l.PageID] = l
	}
	for _, want := range []councilbench.PageLinks{
		// gone counted once among the targets; blocked (robots.txt) and
		// never (not stored) not checked; down (no response) broken.
		{PageID: 1, Links: 7, Internal: 6, External: 1, Checked: 3, Broken: 2},
		{PageID: 2}, // a judged page without links
	} {
		if got[want.PageID] != want {
			t.Errorf("page %d: got %+v, want %+v", want.PageID, got[want.PageID], want)
		}
	}
	if _, ok := got[3]; ok {
		t.Errorf("page 3 (a 404 without links) has a row: %+v", got[3])
	}
	broken := a.Feature(FeatureBrokenLinks)
	if got, want := broken.Evidence[0], "2 of 3 internal link targets fetched failed"; got != want {
		t.Errorf("broken-links feature: %q, want %q (the same judgement as the page counts)", got, want)
	}
}
