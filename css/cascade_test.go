package css

import (
	"fmt"
	"strings"
	"testing"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// styles computes every element's style of a page with one author sheet,
// keyed by id.
func styles(t *testing.T, sheet, page string) map[string]*Style {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	c := NewCascade([]*Sheet{Compile([]byte(sheet), "https://example.gov.uk/s.css")})
	return computeAll(c, doc)
}

// computeAll computes every element's style, keyed by id.
func computeAll(c *Cascade, doc *html.Node) map[string]*Style {
	out := map[string]*Style{}
	byNode := map[*Node]*Style{}
	var root *Style
	for _, e := range Tree(doc) {
		var parent *Style
		if e.Parent != nil {
			parent = byNode[e.Parent]
		}
		s := c.Compute(e, parent, root)
		if root == nil {
			root = s
		}
		byNode[e] = s
		if e.ID != "" {
			out[e.ID] = s
		}
	}
	return out
}

func TestCascade(t *testing.T) {
	const sheet = `
:root { --brand: #1d70b8; --text: var(--missing, #0b0c0c); --loop: var(--loop2); --loop2: var(--loop); }
body { color: var(--text); font-size: 19px; }
.muted { color: #767676 }
#main .muted { color: #505a5f }
p.muted { color: red !important }
.brand { color: var(--brand) }
.loop { color: var(--loop) }
@media (max-width: 640px) { .wide { color: red } }
@media (min-width: 641px) { .wide { color: #00703c } }
@media print { .wide { color: blue } }
h2 { font-size: 1.5rem }
.big { font: bold 1.5em/1.2 Arial, sans-serif }
.hide { display: none }
.ghost { visibility: hidden }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0) }
.bg { background: #fff url(x.png) no-repeat }
.grad { background-image: linear-gradient(red, blue) }
.half { background-color: rgba(0, 0, 0, .5); opacity: .5 }
.hsl { color: hsl(120, 100%, 25%) }
.shadow { text-shadow: 1px 1px 2px black }
.unknown { color: color-mix(in srgb, red, blue) }
a:hover { color: red }
.calc { font-size: calc(1rem + 4px) }
`
	const page = `<html><body><div id=main><p id=p class=muted>x</p><span id=s class=muted>x</span></div>
<span id=brand class=brand>x</span><span id=loop class=loop>x</span><span id=wide class=wide>x</span>
<h2 id=h2>x</h2><div id=big class=big>x</div><div class=hide><span id=inhide>x</span></div>
<div class=ghost><span id=ghost>x</span><span id=shown style="visibility:visible">x</span></div>
<span id=sr class=sr>x</span><div id=bg class=bg>x</div><div id=grad class=grad>x</div><div id=half class=half>x</div>
<span id=hsl class=hsl>x</span><span id=shadow class=shadow><b id=inshadow>x</b></span><span id=unknown class=unknown>x</span>
<a id=link href=/>x</a><span id=calc class=calc>x</span><span id=plain>x</span><strong id=strong>x</strong>
<span id=inline style="color: #ff0000 !important; --brand: green">x<i id=child class=brand>y</i></span></body></html>`
	s := styles(t, sheet, page)
	for _, tc := range []struct {
		id   string
		got  any
		want any
	}{
		{"p", s["p"].Color.String(), "#ff0000"},
		{"s", s["s"].Color.String(), "#505a5f"},
		{"brand", s["brand"].Color.String(), "#1d70b8"},
		{"plain", s["plain"].Color.String(), "#0b0c0c"},
		{"loop", s["loop"].Unresolved, "var()"},
		{"wide", s["wide"].Color.String(), "#00703c"},
		{"h2 size", s["h2"].FontSize, 24.0},
		{"h2 weight", s["h2"].Weight, 700},
		{"big size", s["big"].FontSize, 28.5},
		{"big weight", s["big"].Weight, 700},
		{"inhide display", s["inhide"].Display, "inline"},
		{"ghost", s["ghost"].Visible, false},
		{"shown", s["shown"].Visible, true},
		{"sr", s["sr"].Clipped, true},
		{"bg image", s["bg"].BGImage, "image"},
		{"bg colour", s["bg"].BG.String(), "#ffffff"},
		{"grad", s["grad"].BGImage, "gradient"},
		{"half", s["half"].Opacity, 0.5},
		{"half bg", s["half"].BG.String(), "rgba(0,0,0,0.5)"},
		{"hsl", s["hsl"].Color.String(), "#008000"},
		{"shadow inherited", s["inshadow"].Shadow, true},
		{"unknown", s["unknown"].ColorOK, false},
		{"link", s["link"].Color.String(), "#0000ee"},
		{"link underline", s["link"].Underline, true},
		{"calc", s["calc"].FontSize, 20.0},
		{"strong", s["strong"].Weight, 700},
		{"inline important", s["inline"].Color.String(), "#ff0000"},
		{"inline var", s["child"].Color.String(), "#008000"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.id, tc.got, tc.want)
		}
	}
}

func TestCascadeMore(t *testing.T) {
	const sheet = `
:is(.c1, #nothing) { color: #333 }
var { color: #b4829f }
:where(#c2) { color: red }
.t { --bs-color-state: initial; --bs-color: #fff; color: var(--bs-color-state, var(--bs-color)) }
.row { background-color: #fff; box-shadow: inset 0 0 0 9999px rgba(0, 0, 0, .05) }
.thin { box-shadow: inset 0 1px 0 red }
nav :is(h2, h3) { color: #00703c }
.neg { margin: -20px 0 0 }
`
	const page = `<html><body><var id=c2 class=c1>x</var><table bgcolor="#20112b"><tr><td id=cell>x</td></tr></table>
<div class=t id=t>x</div><div class=row id=row>x</div><div class=thin id=thin>x</div><nav><h3 id=h3>x</h3></nav>
<font color=red id=font>x</font><p class=neg id=neg>x</p></body></html>`
	s := styles(t, sheet, page)
	for _, tc := range []struct {
		id   string
		got  any
		want any
	}{
		{":is() counts its most specific argument", s["c2"].Color.String(), "#333333"},
		{"bgcolor is a background", s["cell"].BG.String(), "rgba(0,0,0,0)"},
		{"a custom property set to initial takes the fallback", s["t"].Color.String(), "#ffffff"},
		{"an inset shadow that fills the box", s["row"].Inset.String(), "rgba(0,0,0,0.05)"},
		{"a thin inset shadow paints no fill", s["thin"].Inset.A, 0.0},
		{":is() expanded", s["h3"].Color.String(), "#00703c"},
		{"<font color>", s["font"].Color.String(), "#ff0000"},
		{"a negative margin", s["neg"].PulledUp, true},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.id, tc.got, tc.want)
		}
	}
	// The table's own bgcolor.
	doc := styles(t, sheet, `<html><body><table bgcolor="#20112b" id=tb><tr><td>x</td></tr></table></body></html>`)
	if got := doc["tb"].BG.String(); got != "#20112b" {
		t.Errorf("table bgcolor: got %s", got)
	}
}

// TestCascadeBudget: a sheet of many rules that all match every element
// stops at MaxMatches, marked Limited, instead of costing elements × rules.
func TestCascadeBudget(t *testing.T) {
	var b strings.Builder
	for i := range MaxRules {
		fmt.Fprintf(&b, "div:not(.x%d) { color: red }\n", i)
	}
	sh := Compile([]byte(b.String()), "https://example.gov.uk/s.css")
	if sh.Rules != MaxRules {
		t.Fatalf("compiled %d rules, want %d", sh.Rules, MaxRules)
	}
	doc, err := html.Parse(strings.NewReader("<html><body>" + strings.Repeat("<div>x</div>", 500) + "</body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	c := NewCascade([]*Sheet{sh})
	computeAll(c, doc)
	if !c.Limited {
		t.Error("500 elements × 20,000 matching rules: the budget did not stop the cascade")
	}
}

// TestMatchSimple compares the cascade's own matcher with cascadia's on
// selectors whose combinators make it backtrack, over every element of
// one page.
func TestMatchSimple(t *testing.T) {
	const page = `<html><body class=b>
<div class="a x"><div class=a><p class=y><span class=z id=s1>1</span></p></div></div>
<section class=a><div><p class="y x"><span class=z id=s2>2</span><em class=w>3</em><i>4</i></p></div></section>
<ul class=list><li class=i>1</li><li class="i j">2</li><li class=i><a class=k href=#x>3</a></li></ul>
<div class=a><div class=c><div class=a><div class=d><b class=z>5</b></div></div></div></div>
</body></html>`
	selectors := []string{
		".a .y .z", ".a > .y .z", ".a .a .y > .z", ".x .a .y .z", ".b .x > .a .y .z",
		".a .c .d .z", ".a > .c .a > .d > .z", ".c .a .c .z", ".y > .z + .w", ".z ~ i", ".z + i",
		".list > .i + .i", ".i ~ .j", ".i ~ .i > .k", ".list .j ~ .i .k", "section .y > .w",
		"body div div .z", "body > div > div .z", ".b .a .a .a .a .z", "div p span", "ul > li > a[href]",
		".a .c .z", ".nothing .a .y .z", "section div p em", ".x.y .z", "div > .d > b",
	}
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	nodes := Tree(doc)
	for _, sel := range selectors {
		ours := parseSimple(sel)
		if ours == nil {
			t.Errorf("%s: not read as a simple selector", sel)
			continue
		}
		ref := cascadia.MustCompile(sel)
		matches := 0
		for _, e := range nodes {
			got, want := matchSimple(ours, e), ref.Match(e.N)
			if got != want {
				t.Errorf("%s on <%s class=%q>: got %v, want %v", sel, e.N.Data, attrOf(e.N, "class"), got, want)
			}
			if got {
				matches++
			}
		}
		t.Logf("%-28s %d matches", sel, matches)
	}
}

// TestStyleSharing: elements whose declarations in force are the same over
// the same parent style share one style; a style attribute, or a parent
// of another colour, gives an element a style of its own.
func TestStyleSharing(t *testing.T) {
	const sheet = `.red { color: #d4351c } .blue { color: #1d70b8 } .x { font-weight: bold }
.v1 { --c: #d4351c } .v2 { --c: #1d70b8 } .v { --d: var(--c); font-weight: bold; color: var(--d) }`
	const page = `<html><body><ul class=red><li class=x id=a>1</li><li class=x id=b>2</li><li class=x id=c style="color:#000">3</li></ul>
<ul class=blue><li class=x id=d>4</li></ul>
<div class=v1><p class=v id=e>5</p><p class=v id=f>6</p></div><div class=v2><p class=v id=g>7</p></div></body></html>`
	s := styles(t, sheet, page)
	if s["a"] != s["b"] || s["e"] != s["f"] {
		t.Error("two alike siblings: styles not shared")
	}
	if s["e"].vars == s["g"].vars {
		t.Error("custom properties over different scopes: one scope")
	}
	for _, tc := range []struct {
		id, color string
	}{{"a", "#d4351c"}, {"b", "#d4351c"}, {"c", "#000000"}, {"d", "#1d70b8"}, {"e", "#d4351c"}, {"f", "#d4351c"}, {"g", "#1d70b8"}} {
		if got := s[tc.id].Color.String(); got != tc.color {
			t.Errorf("%s: colour %s, want %s", tc.id, got, tc.color)
		}
		if s[tc.id].Weight != 700 {
			t.Errorf("%s: weight %d, want 700", tc.id, s[tc.id].Weight)
		}
	}
}

// TestSignatureCollisions holds signatures apart for elements whose
// declarations differ only in a serial and a count: with the count and a
// consecutive serial folded in as they were, 2^s and 3^(s+1) met, and
// Bootstrap's .text-opacity-50 took .text-primary's custom scope (its text
// at full opacity) on some runs and not others.
func TestSignatureCollisions(t *testing.T) {
	custom := map[uint64]string{}
	all := map[uint64]string{}
	for n := 1; n <= 8; n++ {
		for serial := uint64(1); serial <= 2000; serial++ {
			m := matched{}
			for i := 0; i < n-1; i++ {
				m.props = append(m.props, propWinner{prop: "color", id: pColor, winner: winner{d: &decl{serial: 1_000_000 + uint64(i)}}})
			}
			m.props = append(m.props, propWinner{prop: "--x", id: pCustom, winner: winner{d: &decl{serial: serial}}})
			what := fmt.Sprintf("%d properties, the custom one's serial %d", n, serial)
			if prev, ok := custom[m.customSignature()]; ok {
				t.Fatalf("custom signatures meet: %s and %s", prev, what)
			}
			custom[m.customSignature()] = what
			if prev, ok := all[m.signature()]; ok {
				t.Fatalf("signatures meet: %s and %s", prev, what)
			}
			all[m.signature()] = what
		}
	}
}
