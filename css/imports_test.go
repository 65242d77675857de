package css

import (
	"slices"
	"testing"
)

func TestImports(t *testing.T) {
	const base = "https://www.example.gov.uk/css/main.css"
	for _, tc := range []struct {
		src  string
		want []Import
	}{
		{`@import "a.css"; @import url(b.css) screen; @import url("/c.css") print; body{color:red} @import "late.css";`,
			[]Import{{URL: "https://www.example.gov.uk/css/a.css"}, {URL: "https://www.example.gov.uk/css/b.css", Media: "screen"}}},
		{`@charset "utf-8"; @layer base; @import url( 'https://cdn.example.com/x.css' ) layer(x) (min-width: 600px);`,
			[]Import{{URL: "https://cdn.example.com/x.css", Media: "(min-width:600px)"}}}, // the tokenizer drops white space where it means nothing
		{`@import "javascript:alert(1)"; @import "data:text/css,a{}"; @import "ok.css#frag";`,
			[]Import{{URL: "https://www.example.gov.uk/css/ok.css"}}},
		{`@import`, nil},
		{`/* c */ @import "x.css" (max-width: 400px);`, nil},
	} {
		got := Imports([]byte(tc.src), base)
		if !slices.Equal(got, tc.want) {
			t.Errorf("Imports(%q)\n got %+v\nwant %+v", tc.src, got, tc.want)
		}
	}
}

func TestMediaApplies(t *testing.T) {
	for _, tc := range []struct {
		media string
		want  bool
	}{
		{"", true}, {"all", true}, {"screen", true}, {"print", false}, {"only screen", true}, {"not print", true},
		{"not screen", false}, {"screen and (min-width: 1024px)", true}, {"screen and (max-width: 640px)", false},
		{"(min-width: 40.0625em)", true}, {"(max-width: 40.0525em)", false}, {"print, screen", true},
		{"(width >= 600px)", true}, {"(400px < width < 1000px)", false}, {"(prefers-color-scheme: dark)", false},
		{"(prefers-reduced-motion: reduce)", false}, {"(orientation: landscape)", true}, {"(hover: hover)", true},
		{"bogus", false}, {"(min-width: banana)", false}, {"not (bogus-feature: 1)", false},
		{"(min-width: 768px) and (max-width: 1279.98px)", false}, {"(min-width: 1200px) and (max-width: 1399px)", true},
		{"(-webkit-min-device-pixel-ratio: 2)", false}, {"(min-resolution: 2dppx)", false},
		{"screen and (min-width: 0\\0)", false},
	} {
		if got := MediaApplies(tc.media); got != tc.want {
			t.Errorf("MediaApplies(%q) = %v, want %v", tc.media, got, tc.want)
		}
	}
}
