package cssgen

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestGenerate checks that a seed gives the same pages every time, that
// two seeds give different ones, that pages are whole documents whose
// stylesheets are all there, and that the grammar reaches every feature
// it promises over a few hundred pages.
func TestGenerate(t *testing.T) {
	a, b := Generate(7, 50), Generate(7, 50)
	for i := range a {
		if a[i].HTML != b[i].HTML || len(a[i].Sheets) != len(b[i].Sheets) {
			t.Fatalf("page %d differs between two runs of one seed", i)
		}
		for k, v := range a[i].Sheets {
			if b[i].Sheets[k] != v {
				t.Fatalf("page %d: sheet %s differs between two runs of one seed", i, k)
			}
		}
		if !strings.HasPrefix(a[i].HTML, "<!doctype html>") || !strings.HasSuffix(a[i].HTML, "</html>\n") {
			t.Errorf("%s: not a whole document", a[i].ID)
		}
	}
	if c := Generate(8, 50); c[0].HTML == a[0].HTML && c[1].HTML == a[1].HTML {
		t.Error("seeds 7 and 8 give the same pages")
	}
	var all strings.Builder
	for _, p := range Generate(1, 300) {
		all.WriteString(p.HTML)
		for _, s := range p.Sheets {
			all.WriteString(s)
		}
		if strings.Contains(p.HTML, `href="`+strings.TrimPrefix(p.Path, "1/")) {
			t.Errorf("%s links to itself", p.ID)
		}
	}
	for _, want := range []string{
		"rgba(", "hsl(", "hsla(", " / ", "#", "var(--", "currentcolor", "transparent", "opacity:", "@media (min-width: 1000px)",
		"@media print", "!important", ":where(", ":is(", "display: none", "visibility: hidden", " hidden ", "clip: rect(0 0 0 0)",
		"url(", "linear-gradient", "position: absolute", "position: fixed", "text-shadow", "::before", "::after", "font-size: 24px",
		"font-size: 18.66px; font-weight: bold", "font-weight: 600", "disabled", "<a href", "<button", "<img", "<font color", "bgcolor=",
		"@import", "<mark>", "<select", "<textarea", "placeholder=", "darkgray",
	} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("no %q in 300 pages", want)
		}
	}
}

// TestContrastNear checks the colour search: the colour it finds for a
// target ratio lies within the 8-bit channels' reach of it.
func TestContrastNear(t *testing.T) {
	g := &gen{}
	for _, tc := range []struct {
		bg     rgb
		target float64
	}{
		{rgb{255, 255, 255}, 4.5}, {rgb{255, 255, 255}, 3}, {rgb{0, 0, 0}, 4.5}, {rgb{30, 30, 60}, 7}, {rgb{200, 220, 240}, 4.5},
	} {
		for seed := range uint64(20) {
			g.rng = newRand(seed)
			c := g.against(tc.bg, tc.target)
			if got := contrast(c, tc.bg); got < tc.target || got > tc.target*1.15 {
				t.Errorf("against(%v, %v) = %v, contrast %.3f", tc.bg, tc.target, c, got)
			}
		}
	}
	if got := contrast(rgb{118, 118, 118}, rgb{255, 255, 255}); got < 4.54 || got > 4.55 {
		t.Errorf("contrast(#767676, white) = %.4f, want 4.54", got)
	}
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0)) }
