package css

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// FuzzCompile compiles untrusted stylesheets and runs the cascade over a
// small page with them: no panic, no endless loop, and every computed
// value in range.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		"", "a{color:red}", "@import url(x.css) screen; p{color:#777 !important}",
		":root{--a:var(--b);--b:var(--a)} p{color:var(--a, blue)}",
		"@media (min-width:40em){@supports (display:grid){.x{background:linear-gradient(red,blue) #fff}}}",
		"@layer a,b; @layer b{p{color:red}} @layer a{p{color:blue}}",
		"p{font:bold 1.5rem/1 x} .a .b > .c + .d ~ .e{color:hsl(1turn 50% 50%/.5)}",
		"a::before{content:'x';background:red;position:absolute}",
		"{{{{", "@media", "p{color:rgb(", "\x00\xff{}", ".\\31 0{color:red}", "a{b:c;;;}}}}",
		"p{font-size:calc(1em + (2px * 3) / 0)}", "[class*=x]{color:oklch(50% .2 30)}",
	} {
		f.Add(s)
	}
	doc, err := html.Parse(strings.NewReader(`<html><body><div id=a class="a b"><p class=c>x<span class="d e">y</span></p><a href=/ class=e>z</a></div></body></html>`))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src string) {
		sh := Compile([]byte(src), "https://example.gov.uk/s.css")
		_ = Imports([]byte(src), "https://example.gov.uk/s.css")
		_ = MediaApplies(src)
		_, _ = ParseColor(src, Color{A: 1})
		c := NewCascade([]*Sheet{sh})
		byNode := map[*Node]*Style{}
		var root *Style
		for _, e := range Tree(doc) {
			s := c.Compute(e, byNode[e.Parent], root)
			if root == nil {
				root = s
			}
			byNode[e] = s
			if s.Opacity < 0 || s.Opacity > 1 || s.Color.A < 0 || s.Color.A > 1 || s.FontSize < 0 {
				t.Fatalf("out of range: %+v", s)
			}
			c.PseudoBox(e, s, root)
			c.FocusStyle(e, s)
		}
	})
}

// FuzzStyleAttribute computes the style of an element with an untrusted
// style attribute.
func FuzzStyleAttribute(f *testing.F) {
	for _, s := range []string{"color:red", "color:var(--x", "background:url(", "font:", "--a:1;--b:var(--a)", "opacity:2;font-size:-3px"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, style string) {
		n := &html.Node{Type: html.ElementNode, Data: "p", Attr: []html.Attribute{{Key: "style", Val: style}}}
		s := NewCascade(nil).Compute(NewNode(n, nil, nil), nil, nil)
		if s.Opacity < 0 || s.Opacity > 1 || s.FontSize < 0 {
			t.Fatalf("out of range: %+v", s)
		}
	})
}

// FuzzExpandIs expands untrusted selectors with :is() and :where(): no
// panic, whatever the bytes around them.
func FuzzExpandIs(f *testing.F) {
	for _, s := range []string{":is(.a, #b) p", "nav :where(h2,h3)", "\u0130:is(a)", "\xff:IS(.x)", ":is(", "a:is(b:is(c, d), e)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, v := range expandGroup(s) {
			_, _, _, _ = classify(v.sel)
			_, _ = rightmostKey(v.sel)
			_ = ancestorKeys(v.sel)
			_ = parseSimple(v.sel)
		}
	})
}

// FuzzClassFields: a class attribute is split on ASCII white space only
// (HTML's rule; strings.Fields would also split on U+00A0), and
// countFields counts what appendFields appends.
func FuzzClassFields(f *testing.F) {
	for _, s := range []string{"", " ", "a", " a  b\tc\n", "a\u00a0b", "\f\ra b\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := appendFields(nil, s)
		want := strings.FieldsFunc(s, func(r rune) bool { return r < 0x80 && isSpace(byte(r)) })
		if !slices.Equal(got, want) {
			t.Errorf("appendFields(%q) = %q, want %q", s, got, want)
		}
		if k := countFields(s); k != len(got) {
			t.Errorf("countFields(%q) = %d, want %d", s, k, len(got))
		}
	})
}
