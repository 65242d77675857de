package crawler

import (
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/councilbench/councilbench"
)

// TestResultLinks checks which links of a results page are its results:
// those of the main content, less forms, asides, links back to the results
// page (sorting, other pages) and links that go nowhere, at most five.
func TestResultLinks(t *testing.T) {
	tests := []struct {
		file string
		base string
		want []string
	}{
		{"with-main.html", "https://www.example.gov.uk/search?q=missed+bin", []string{
			"https://www.example.gov.uk/bins/report-a-missed-bin|Report a missed bin",
			"https://www.example.gov.uk/news/missed-bins-after-snow|Missed bins after the snow",
			"https://www.example.gov.uk/documents/missed-bin-policy.pdf|PDF: Missed bin policy",
			"https://www.example.gov.uk/bins/bin-collection-day|Check your bin day",
			"https://www.example.gov.uk/bins|Bins and recycling",
		}},
		{"no-main.html", "https://www.example.gov.uk/search?q=pay+council+tax", []string{
			"https://www.example.gov.uk/pay-council-tax|Pay your council tax",
			"https://www.example.gov.uk/council-tax|Council tax",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", "search", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			base, _ := url.Parse(tt.base)
			var got []string
			for _, r := range resultLinks(body, "text/html; charset=utf-8", base, councilbench.MaxSearchResults) {
				got = append(got, r.URL+"|"+r.Text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// FuzzResultLinks feeds arbitrary bodies to the results reader: it never
// panics, returns at most the results asked for, and only http(s) URLs.
func FuzzResultLinks(f *testing.F) {
	for _, name := range []string{"with-main.html", "no-main.html"} {
		body, err := os.ReadFile(filepath.Join("testdata", "search", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(body)
	}
	f.Add([]byte(`<main role="main"><main><a href="javascript:x()">x</a><a href="//evil/">y</a></main>`))
	base, _ := url.Parse("https://www.example.gov.uk/search?q=x")
	f.Fuzz(func(t *testing.T, body []byte) {
		rs := resultLinks(body, "text/html", base, 5)
		if len(rs) > 5 {
			t.Fatalf("%d results", len(rs))
		}
		for _, r := range rs {
			if u, err := url.Parse(r.URL); err != nil || u.Scheme != "http" && u.Scheme != "https" {
				t.Fatalf("result %q", r.URL)
			}
		}
	})
}
