package scoring

import (
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
)

func TestLocate(t *testing.T) {
	const page = "<!DOCTYPE html>\n<html><head><title>T</title></head>\n<body>\n  <img src=a.png>\n  <p>Naïve <img src=a.png> <img src=b.png></p>\n" +
		"<table><tr><td><img src=c.png></td></tr></table>\n<b>x<p>y</b>z</p>\n<script>var s = '<img src=a.png>'</script></body></html>"
	for _, c := range []struct {
		sel  string
		want Position
	}{
		{"html > body > img:nth-child(1)", Position{4, 3}},
		{"html > body > p:nth-child(2) > img:nth-child(1)", Position{5, 12}}, // columns count characters, not bytes
		{"html > body > p:nth-child(2) > img:nth-child(2)", Position{5, 28}},
		{"td > img", Position{6, 16}},
		{"html > body > table > tbody", Position{}}, // made up by the parser
		{"html", Position{2, 1}},                    // one start tag, one element: known
		{"p > b", Position{}},                       // a clone of <b>, which the source has once
		{"img", Position{}},                         // more than one element
		{"[", Position{}},                           // not a selector
	} {
		got := Locate([]byte(page), "text/html", []string{c.sel})[0]
		if got != c.want {
			t.Errorf("%s: got %+v, want %+v", c.sel, got, c.want)
		}
	}
}

func FuzzLocate(f *testing.F) {
	f.Add([]byte("<p><img src=a>"), "p > img")
	f.Add([]byte("<table><b><tr><td>x"), "td")
	f.Fuzz(func(t *testing.T, body []byte, sel string) {
		for _, p := range Locate(body, "text/html", []string{sel}) {
			if p.Known() && (p.Column < 1 || p.Line < 1) {
				t.Fatalf("bad position %+v", p)
			}
		}
	})
}

// TestDocURL holds that every rule links to a page about its requirement:
// each WCAG criterion a rule tests has its Understanding page.
func TestDocURL(t *testing.T) {
	for _, r := range Rules {
		for _, sc := range r.WCAG {
			if understanding[sc] == "" {
				t.Errorf("%s: WCAG %s has no Understanding page in the table", r.ID, sc)
			}
		}
		if u := DocURL(&r.RuleInfo); !strings.HasPrefix(u, "https://") {
			t.Errorf("%s: doc URL %q", r.ID, u)
		}
	}
	if got, want := DocURL(&councilbench.RuleInfo{WCAG: []string{"1.1.1"}}), "https://www.w3.org/WAI/WCAG22/Understanding/non-text-content.html"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
