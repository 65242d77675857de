// Package cssgen writes small styled HTML pages, seeded, for the
// contrast differential harness against axe-core in Chromium
// (scoring/contrastdiff_test.go). Each page holds 10 to 30 elements with
// text of their own, styled by what the cascade and the contrast rule must
// get right:
//
//   - text and background colours near the 3, 4.5 and 7 thresholds, on
//     both sides, written as names, #rgb, #rrggbb, #rrggbbaa, rgb(),
//     rgba(), the space syntax with a slash, hsl() and hsla();
//   - currentcolor, transparent, inherit, initial, unset; opacity on the
//     element and on its ancestors; backgrounds with alpha over others;
//   - inheritance through several levels, font sizes in em, rem, % and
//     pt that compound;
//   - custom properties with var(), fallbacks, a var() of a var(), a
//     missing one, a value invalid at computed-value time and a cycle;
//   - @media rules that do and do not match a 1280px wide screen, a
//     print stylesheet, an alternate stylesheet, a stylesheet that is not
//     there, @import;
//   - !important against style attributes, specificity fights between
//     id, class, attribute and type selectors, :where() and :is(), order;
//   - display:none, visibility:hidden (and visible again inside),
//     the hidden attribute, opacity 0, clipped "visually hidden" text,
//     aria-hidden (which hides nothing from sight), closed <details>;
//   - background images (url() and linear-gradient), absolutely and
//     fixed positioned boxes over text, text over boxes that are not its
//     ancestors, an <img> behind text;
//   - text-shadow, ::before and ::after content;
//   - large text at the boundary: 24px and 23.9px, 18.66px and 18.67px
//     bold, weights 600 and 700, bold and bolder, the font shorthand,
//     headings' own sizes;
//   - disabled form controls and their labels, text in links and buttons,
//     inputs with values and placeholders, selects, textareas;
//   - the user-agent stylesheet's colours (links, <mark>, buttons) and the
//     HTML attributes that still set colours (<font color>, bgcolor).
//
// The same seed gives the same pages, so a corpus of thousands is never
// stored. Its colours are computed here with WCAG 2's formula, not taken
// from package css, so that a mistake there cannot hide from the harness.
package cssgen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
)

// Page is one generated page: its HTML and the stylesheets it links to or
// imports, by path relative to the page's folder.
type Page struct {
	ID     string // "gen/SEED/N"
	Path   string // "SEED/N.html", where a server puts it
	HTML   string
	Sheets map[string]string // "SEED/N.css" → its text
}

// Generate returns n pages from the seed.
func Generate(seed uint64, n int) []Page {
	out := make([]Page, 0, n)
	for i := range n {
		g := &gen{rng: rand.New(rand.NewPCG(seed, uint64(i))), name: fmt.Sprintf("%d", i), sheets: map[string]string{}}
		html := g.page()
		sheets := map[string]string{}
		for k, v := range g.sheets {
			sheets[fmt.Sprintf("%d/%s", seed, k)] = v
		}
		out = append(out, Page{ID: fmt.Sprintf("gen/%d/%d", seed, i), Path: fmt.Sprintf("%d/%d.html", seed, i), HTML: html, Sheets: sheets})
	}
	return out
}

// gen writes one page.
type gen struct {
	rng    *rand.Rand
	name   string            // the page's file name without .html
	style  strings.Builder   // the <style> element
	sheet  strings.Builder   // the linked stylesheet, when there is one
	body   strings.Builder   // the body's content
	sheets map[string]string // the stylesheets by file name
	n      int               // classes and ids made so far
	texts  int               // text elements written so far
	bg     rgb               // the page background the body's content sits on
	fg     rgb               // the body's text colour
}

func (g *gen) pick(xs ...string) string { return xs[g.rng.IntN(len(xs))] }
func (g *gen) chance(p float64) bool    { return g.rng.Float64() < p }

// class returns a fresh class name (also used for ids).
func (g *gen) class() string {
	g.n++
	return fmt.Sprintf("c%d", g.n)
}

// rule adds a CSS rule to the page's <style> element or, when the page
// has one, sometimes to its linked stylesheet.
func (g *gen) rule(format string, args ...any) {
	r := fmt.Sprintf(format, args...) + "\n"
	if g.sheets[g.name+".css"] != "" || g.sheet.Len() > 0 {
		if g.chance(0.5) {
			g.sheet.WriteString(r)
			return
		}
	}
	g.style.WriteString(r)
}

// words are the texts of the elements: the words of council pages.
var words = []string{"Pay your council tax", "Report a missed bin", "Check your bin collection day", "Apply for a school place",
	"Comment on a planning application", "Register to vote", "Find your councillor", "Renew a library book",
	"Apply for a Blue Badge", "Report a pothole", "Housing benefit and council tax reduction", "Contact us",
	"Opening times", "Privacy notice", "Cookies on this site", "Accessibility statement", "Read more about this service",
	"Your account", "Sign in", "Search this site", "Next page", "Previous page", "Download the form (PDF, 120KB)",
	"Last updated 3 March", "Bins and recycling", "Roads, travel and parking", "Adult social care", "Council meetings"}

func (g *gen) text() string {
	g.texts++
	if g.chance(0.03) {
		return g.pick("›", "A", "1") // a single character: axe-core asks a human
	}
	return g.pick(words...)
}

func (g *gen) page() string {
	g.pageColours()
	linked := g.chance(0.6)
	if linked {
		g.sheet.WriteString("/* the page's own stylesheet */\n")
	}
	blocks := 8 + g.rng.IntN(16)
	for range blocks {
		g.block()
		if g.texts >= 30 {
			break
		}
	}
	for g.texts < 10 {
		g.block()
	}
	var h strings.Builder
	h.WriteString("<!doctype html>\n<html lang=\"en\"")
	if g.chance(0.1) {
		fmt.Fprintf(&h, " style=\"background-color: %s\"", g.format(g.bg, 1))
	}
	h.WriteString(">\n<head>\n<meta charset=\"utf-8\">\n<title>Generated page</title>\n")
	if linked {
		if g.chance(0.3) {
			// An @import at the top of the linked sheet, with rules of its own.
			imp := g.name + "-import.css"
			g.sheets[imp] = fmt.Sprintf("p.imported { color: %s; }\n", g.format(g.near(g.bg), 1))
			g.body.WriteString(fmt.Sprintf("<p class=\"imported\">%s</p>\n", g.text()))
			g.sheets[g.name+".css"] = fmt.Sprintf("@import url(%q);\n", imp) + g.sheet.String()
		} else {
			g.sheets[g.name+".css"] = g.sheet.String()
		}
		fmt.Fprintf(&h, "<link rel=\"stylesheet\" href=\"%s.css\">\n", g.name)
	}
	if g.chance(0.2) {
		// Stylesheets a browser does not apply here: for print, an
		// alternate one, and one that is not there.
		p := g.name + "-print.css"
		g.sheets[p] = "p, li, a, span, div { color: #ffffff !important; background: #ffffff !important; }\n"
		fmt.Fprintf(&h, "<link rel=\"%s\" href=\"%s\" media=\"%s\">\n", g.pick("stylesheet", "alternate stylesheet"), p, g.pick("print", "all"))
	}
	if g.chance(0.1) {
		fmt.Fprintf(&h, "<link rel=\"stylesheet\" href=\"%s-missing.css\">\n", g.name)
	}
	fmt.Fprintf(&h, "<style>\n%s</style>\n</head>\n", g.style.String())
	h.WriteString("<body>\n")
	h.WriteString(g.body.String())
	h.WriteString("</body>\n</html>\n")
	return h.String()
}

// pageColours picks the body's background and text colour.
func (g *gen) pageColours() {
	g.bg, g.fg = rgb{255, 255, 255}, rgb{0, 0, 0}
	switch g.rng.IntN(6) {
	case 0, 1: // the browser's defaults
		return
	case 2: // a light background, dark text
		g.bg = g.light()
		g.fg = g.against(g.bg, 7+g.rng.Float64()*8)
	case 3: // a dark background, light text
		g.bg = g.dark()
		g.fg = g.against(g.bg, 5+g.rng.Float64()*8)
	case 4: // through custom properties
		g.bg = g.light()
		g.fg = g.against(g.bg, 4+g.rng.Float64()*6)
		g.rule(":root { --page-bg: %s; --page-fg: %s; }", g.format(g.bg, 1), g.format(g.fg, 1))
		g.rule("body { background: var(--page-bg); color: var(--page-fg, #000); }")
		return
	case 5: // set on html, inherited by body
		g.bg = g.light()
		g.fg = g.against(g.bg, 5+g.rng.Float64()*8)
		g.rule("html { background-color: %s; color: %s; }", g.format(g.bg, 1), g.format(g.fg, 1))
		return
	}
	g.rule("body { background-color: %s; color: %s; font-family: Arial, sans-serif; }", g.format(g.bg, 1), g.format(g.fg, 1))
}

// block writes one family of styled text.
func (g *gen) block() {
	kinds := []func(){
		g.simple, g.simple, g.simple, g.inherit, g.inherit, g.vars, g.media, g.fight, g.fight, g.hidden,
		g.bgImage, g.positioned, g.shadow, g.pseudo, g.large, g.large, g.opacity, g.alphaStack, g.form,
		g.links, g.links, g.image, g.legacy, g.keywords, g.userAgent, g.selectors,
	}
	kinds[g.rng.IntN(len(kinds))]()
	g.body.WriteString("\n")
}

// textTag picks an element for text.
func (g *gen) textTag() string {
	return g.pick("p", "p", "p", "div", "h2", "h3", "li", "span", "label", "blockquote", "small", "td", "strong", "em")
}

// wrapTag writes a text element, wrapping li and td in their parents.
func (g *gen) textElement(tag, attrs, text string) {
	switch tag {
	case "li":
		fmt.Fprintf(&g.body, "<ul><li%s>%s</li></ul>", attrs, text)
	case "td":
		fmt.Fprintf(&g.body, "<table><tr><td%s>%s</td></tr></table>", attrs, text)
	default:
		fmt.Fprintf(&g.body, "<%s%s>%s</%s>", tag, attrs, text, tag)
	}
}

// simple: one element whose colours a rule or its style attribute sets.
func (g *gen) simple() {
	bg := g.bg
	setBG := g.chance(0.5)
	if setBG {
		bg = g.anyBG()
	}
	fg := g.near(bg)
	if g.chance(0.15) { // a named colour, whatever its contrast
		fg = names[g.rng.IntN(len(names))].c
	}
	decl := fmt.Sprintf("color: %s;", g.format(fg, 1))
	if setBG {
		decl += fmt.Sprintf(" background-color: %s;", g.format(bg, 1))
	}
	tag := g.textTag()
	if g.chance(0.3) {
		g.textElement(tag, fmt.Sprintf(" style=%q", decl), g.text())
		return
	}
	c := g.class()
	g.rule(".%s { %s }", c, decl)
	g.textElement(tag, fmt.Sprintf(" class=%q", c), g.text())
}

// inherit: colour, background and font size set on ancestors at several
// levels, with text at several depths.
func (g *gen) inherit() {
	depth := 2 + g.rng.IntN(3)
	bg := g.bg
	var open, close []string
	for d := range depth {
		c := g.class()
		var decl []string
		if g.chance(0.4) {
			bg = g.anyBG()
			decl = append(decl, "background-color: "+g.format(bg, 1))
		}
		if g.chance(0.5) || d == depth-1 {
			decl = append(decl, "color: "+g.format(g.near(bg), 1))
		}
		if g.chance(0.3) {
			decl = append(decl, "font-size: "+g.pick("1.25em", "0.875em", "120%", "1.5rem", "14pt", "larger", "smaller"))
		}
		if len(decl) > 0 {
			g.rule(".%s { %s; }", c, strings.Join(decl, "; "))
		}
		tag := g.pick("div", "section", "article", "aside", "div")
		open = append(open, fmt.Sprintf("<%s class=%q>", tag, c))
		close = append([]string{fmt.Sprintf("</%s>", tag)}, close...)
	}
	g.body.WriteString(strings.Join(open, ""))
	for range 1 + g.rng.IntN(3) {
		g.textElement(g.pick("p", "p", "span", "h3", "li"), "", g.text())
	}
	g.body.WriteString(strings.Join(close, ""))
}

// vars: custom properties, with fallbacks, chains, a missing one, a value
// invalid at computed-value time and a cycle.
func (g *gen) vars() {
	c := g.class()
	bg := g.anyBG()
	fg := g.near(bg)
	scope := g.pick(":root", "."+c+"-scope")
	p := "--" + c
	switch g.rng.IntN(6) {
	case 0: // plain
		g.rule("%s { %s-fg: %s; %s-bg: %s; }", scope, p, g.format(fg, 1), p, g.format(bg, 1))
		g.rule(".%s { color: var(%s-fg); background-color: var(%s-bg); }", c, p, p)
	case 1: // a missing property with a fallback
		g.rule(".%s { color: var(%s-nope, %s); background-color: var(%s-none, %s); }", c, p, g.format(fg, 1), p, g.format(bg, 1))
	case 2: // a var() of a var()
		g.rule("%s { %s-base: %s; %s-fg: var(%s-base); %s-bg: %s; }", scope, p, g.format(fg, 1), p, p, p, g.format(bg, 1))
		g.rule(".%s { color: var(%s-fg, red); background: var(%s-bg); }", c, p, p)
	case 3: // a cycle: both invalid at computed-value time, the fallback is used
		g.rule("%s { %s-a: var(%s-b); %s-b: var(%s-a); }", scope, p, p, p, p)
		g.rule(".%s { color: var(%s-a, %s); background-color: %s; }", c, p, g.format(fg, 1), g.format(bg, 1))
	case 4: // a cycle without a fallback: color is invalid, so inherited
		g.rule("%s { %s-a: var(%s-b); %s-b: var(%s-a); }", scope, p, p, p, p)
		g.rule(".%s { color: var(%s-a); }", c, p)
	case 5: // a value that is not a colour: invalid at computed-value time
		g.rule("%s { %s-fg: 12px; }", scope, p)
		g.rule(".%s { color: %s; color: var(%s-fg); background-color: %s; }", c, g.format(g.against(bg, 1.5), 1), p, g.format(bg, 1))
	}
	if scope != ":root" {
		fmt.Fprintf(&g.body, "<div class=\"%s-scope\">", c)
	}
	g.textElement(g.textTag(), fmt.Sprintf(" class=%q", c), g.text())
	if scope != ":root" {
		g.body.WriteString("</div>")
	}
}

// media: a rule inside @media that matches a 1280x800 screen, or not.
func (g *gen) media() {
	c := g.class()
	bg := g.anyBG()
	base, over := g.near(bg), g.near(bg)
	g.rule(".%s { color: %s; background-color: %s; }", c, g.format(base, 1), g.format(bg, 1))
	q := g.pick("(min-width: 1000px)", "(max-width: 600px)", "(min-width: 1400px)", "(max-width: 1300px)",
		"screen and (min-width: 40.0625em)", "print", "(min-width: 48.0625em) and (max-width: 1279px)", "(orientation: landscape)",
		"(prefers-color-scheme: dark)", "(prefers-reduced-motion: reduce)", "not print", "(width >= 1280px)", "(400px <= width <= 800px)",
		"only screen and (max-width: 768px)", "(hover: hover)")
	g.rule("@media %s { .%s { color: %s; } }", q, c, g.format(over, 1))
	g.textElement(g.textTag(), fmt.Sprintf(" class=%q", c), g.text())
}

// fight: specificity, !important, order and the style attribute.
func (g *gen) fight() {
	c, id := g.class(), g.class()
	bg := g.anyBG()
	a, b, d := g.near(bg), g.near(bg), g.near(bg)
	tag := g.pick("p", "div", "h2", "span")
	g.rule("body .%s { background-color: %s; }", c, g.format(bg, 1))
	switch g.rng.IntN(8) {
	case 0: // id beats class, whatever the order
		g.rule("#%s { color: %s; }", id, g.format(a, 1))
		g.rule(".%s { color: %s; }", c, g.format(b, 1))
	case 1: // !important in the sheet beats the style attribute
		g.rule(".%s { color: %s !important; }", c, g.format(a, 1))
		fmt.Fprintf(&g.body, "<%s id=%q class=%q style=\"color: %s\">%s</%s>", tag, id, c, g.format(b, 1), g.text(), tag)
		return
	case 2: // the style attribute beats an id
		g.rule("#%s { color: %s; }", id, g.format(a, 1))
		fmt.Fprintf(&g.body, "<%s id=%q class=%q style=\"color: %s\">%s</%s>", tag, id, c, g.format(b, 1), g.text(), tag)
		return
	case 3: // two classes beat one, the later of equals wins
		g.rule(".%s.%s { color: %s; }", c, c, g.format(a, 1))
		g.rule(".%s { color: %s; }", c, g.format(b, 1))
		g.rule(".%s { color: %s; }", c, g.format(d, 1))
	case 4: // :where() has no specificity, :is() the most of its arguments
		// (a type selector on an element that only this family writes, so
		// that it colours nothing else on the page)
		tag = g.pick("dfn", "samp", "cite", "var")
		g.rule(":where(#%s) { color: %s; }", id, g.format(a, 1))
		g.rule("%s { color: %s; }", tag, g.format(b, 1))
		g.rule(":is(.%s, #nothing) { color: %s; }", c, g.format(d, 1))
	case 5: // an attribute selector counts as a class
		g.rule("[data-x=\"%s\"] { color: %s; }", c, g.format(a, 1))
		g.rule("%s.%s { color: %s; }", tag, c, g.format(b, 1))
		fmt.Fprintf(&g.body, "<%s id=%q class=%q data-x=%q>%s</%s>", tag, id, c, c, g.text(), tag)
		return
	case 6: // two !important: the more specific wins
		g.rule("#%s { color: %s !important; }", id, g.format(a, 1))
		g.rule("body .%s { color: %s !important; }", c, g.format(b, 1))
	case 7: // an !important on the style attribute beats !important in the sheet
		g.rule("#%s.%s { color: %s !important; }", id, c, g.format(a, 1))
		fmt.Fprintf(&g.body, "<%s id=%q class=%q style=\"color: %s !important\">%s</%s>", tag, id, c, g.format(b, 1), g.text(), tag)
		return
	}
	fmt.Fprintf(&g.body, "<%s id=%q class=%q>%s</%s>", tag, id, c, g.text(), tag)
}

// hidden: text that is not drawn, or that is.
func (g *gen) hidden() {
	fg := g.against(g.bg, 1.3+g.rng.Float64()*2) // poor contrast: a failure if it counted
	col := g.format(fg, 1)
	switch g.rng.IntN(10) {
	case 0:
		fmt.Fprintf(&g.body, "<p style=\"display: none; color: %s\">%s</p>", col, g.text())
	case 1:
		fmt.Fprintf(&g.body, "<p hidden style=\"color: %s\">%s</p>", col, g.text())
	case 2:
		c := g.class()
		g.rule(".%s { visibility: hidden; color: %s; }", c, col)
		fmt.Fprintf(&g.body, "<div class=%q><p>%s</p><p style=\"visibility: visible\">%s</p></div>", c, g.text(), g.text())
	case 3:
		fmt.Fprintf(&g.body, "<p style=\"opacity: 0; color: %s\">%s</p>", col, g.text())
	case 4: // the visually hidden pattern of GOV.UK and Bootstrap
		c := g.class()
		g.rule(".%s { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important; padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%%) !important; border: 0 !important; white-space: nowrap !important; color: %s; }", c, col)
		fmt.Fprintf(&g.body, "<p>%s<span class=%q> for screen readers</span></p>", g.text(), c)
	case 5: // aria-hidden hides nothing from sight
		fmt.Fprintf(&g.body, "<p aria-hidden=\"true\" style=\"color: %s\">%s</p>", col, g.text())
	case 6:
		fmt.Fprintf(&g.body, "<details><summary>%s</summary><p style=\"color: %s\">%s</p></details>", g.text(), col, g.text())
	case 7: // off screen to the left
		fmt.Fprintf(&g.body, "<p style=\"position: absolute; left: -10000px; color: %s\">%s</p>", col, g.text())
	case 8: // display:none on an ancestor through a class in a media query that matches
		c := g.class()
		g.rule("@media screen { .%s { display: none; } }", c)
		fmt.Fprintf(&g.body, "<div class=%q><p style=\"color: %s\">%s</p></div>", c, col, g.text())
	case 9: // font-size 0
		fmt.Fprintf(&g.body, "<p style=\"font-size: 0; color: %s\">%s</p>", col, g.text())
	}
}

// bgImage: backgrounds axe-core cannot read.
func (g *gen) bgImage() {
	bg := g.anyBG()
	fg := g.near(bg)
	var decl string
	switch g.rng.IntN(5) {
	case 0:
		decl = fmt.Sprintf("background: %s url(\"/img/texture.png\") repeat", g.format(bg, 1))
	case 1:
		decl = fmt.Sprintf("background-image: linear-gradient(%s, %s); background-color: %s", g.format(bg, 1), g.format(g.anyBG(), 1), g.format(bg, 1))
	case 2:
		decl = fmt.Sprintf("background: linear-gradient(to right, %s 0%%, %s 100%%)", g.format(bg, 1), g.format(bg, 1))
	case 3: // the image is on an ancestor
		c := g.class()
		g.rule(".%s { background-image: url(/img/banner.jpg); background-color: %s; padding: 1em; }", c, g.format(bg, 1))
		fmt.Fprintf(&g.body, "<div class=%q><p style=\"color: %s\">%s</p></div>", c, g.format(fg, 1), g.text())
		return
	case 4: // background-image: none changes nothing
		decl = fmt.Sprintf("background-image: none; background-color: %s", g.format(bg, 1))
	}
	c := g.class()
	g.rule(".%s { %s; color: %s; }", c, decl, g.format(fg, 1))
	g.textElement(g.textTag(), fmt.Sprintf(" class=%q", c), g.text())
}

// positioned: boxes over text, and text over boxes that are not its
// ancestors.
func (g *gen) positioned() {
	box := g.anyBG()
	switch g.rng.IntN(4) {
	case 0: // a box over part of a paragraph
		fmt.Fprintf(&g.body, "<div style=\"position: relative\"><p style=\"color: %s\">%s</p><div style=\"position: absolute; top: 0; left: 40px; width: 60px; height: 30px; background-color: %s\"></div></div>",
			g.format(g.near(g.bg), 1), g.text(), g.format(box, 1))
	case 1: // text placed over a sibling box: its background is not an ancestor's
		fmt.Fprintf(&g.body, "<div style=\"position: relative; height: 60px\"><div style=\"position: absolute; inset: 0; background-color: %s\"></div><p style=\"position: absolute; top: 10px; left: 10px; margin: 0; color: %s\">%s</p></div>",
			g.format(box, 1), g.format(g.near(box), 1), g.text())
	case 2: // a fixed box in the corner of the viewport, over whatever is there
		fmt.Fprintf(&g.body, "<div style=\"position: fixed; bottom: 0; right: 0; background-color: %s; color: %s; padding: 4px\">%s</div>",
			g.format(box, 1), g.format(g.near(box), 1), g.text())
	case 3: // a negative margin pulls text over the previous box
		fmt.Fprintf(&g.body, "<div style=\"background-color: %s; height: 40px\"></div><p style=\"margin-top: -30px; color: %s\">%s</p>",
			g.format(box, 1), g.format(g.near(box), 1), g.text())
	}
}

// shadow: text-shadow.
func (g *gen) shadow() {
	bg := g.anyBG()
	fg := g.near(bg)
	sh := g.pick("1px 1px 0 %s", "0 0 2px %s", "0 0 0.1em %s", "2px 2px 4px %s", "0 0 3px %s, 0 0 5px %s", "none")
	sc := g.format(g.against(fg, 3+g.rng.Float64()*10), 1)
	sh = strings.ReplaceAll(sh, "%s", sc)
	c := g.class()
	g.rule(".%s { color: %s; background-color: %s; text-shadow: %s; }", c, g.format(fg, 1), g.format(bg, 1), sh)
	g.textElement(g.textTag(), fmt.Sprintf(" class=%q", c), g.text())
}

// pseudo: ::before and ::after.
func (g *gen) pseudo() {
	c := g.class()
	bg := g.anyBG()
	g.rule(".%s { color: %s; background-color: %s; position: relative; }", c, g.format(g.near(bg), 1), g.format(bg, 1))
	switch g.rng.IntN(3) {
	case 0: // a small inline marker
		g.rule(".%s::before { content: \"› \"; color: %s; }", c, g.format(g.anyBG(), 1))
	case 1: // a large absolutely positioned box behind the text
		g.rule(".%s::before { content: \"\"; position: absolute; inset: 0; z-index: -1; background-color: %s; }", c, g.format(g.anyBG(), 1))
	case 2:
		g.rule(".%s::after { content: \" (opens in a new tab)\"; }", c)
	}
	g.textElement(g.pick("p", "div", "h2"), fmt.Sprintf(" class=%q", c), g.text())
}

// large: text at the large-text boundary.
func (g *gen) large() {
	bg := g.anyBG()
	// Between 3 and 4.5: large text passes, normal text fails.
	fg := g.against(bg, 2.8+g.rng.Float64()*1.9)
	font := g.pick("font-size: 24px", "font-size: 23.9px", "font-size: 18.66px; font-weight: bold", "font-size: 18.67px; font-weight: 700",
		"font-size: 18.5px; font-weight: 600", "font-size: 19px; font-weight: 600", "font-size: 19px; font-weight: 700", "font-size: 14pt; font-weight: bold",
		"font-size: 18pt", "font-size: 1.5em", "font-size: 1.5rem", "font: bold 1.2rem/1.5 Arial, sans-serif", "font: 24px Georgia, serif",
		"font-size: 150%", "font-size: x-large", "font-size: 18px; font-weight: 900", "font-weight: bolder; font-size: 19px", "font-size: 20px; font-weight: 800")
	c := g.class()
	g.rule(".%s { %s; color: %s; background-color: %s; }", c, font, g.format(fg, 1), g.format(bg, 1))
	tag := g.pick("p", "div", "h2", "h1", "strong", "span", "h3")
	g.textElement(tag, fmt.Sprintf(" class=%q", c), g.text())
}

// opacity on the element or an ancestor.
func (g *gen) opacity() {
	bg := g.anyBG()
	fg := g.against(bg, 3+g.rng.Float64()*8)
	op := g.pick("0.5", "0.6", "0.75", "0.9", "0.4", "50%")
	if g.chance(0.5) {
		fmt.Fprintf(&g.body, "<div style=\"opacity: %s; background-color: %s\"><p style=\"color: %s\">%s</p></div>", op, g.format(bg, 1), g.format(fg, 1), g.text())
		return
	}
	fmt.Fprintf(&g.body, "<div style=\"background-color: %s\"><p style=\"opacity: %s; color: %s\">%s</p></div>", g.format(bg, 1), op, g.format(fg, 1), g.text())
}

// alphaStack: translucent backgrounds over others, and translucent text.
func (g *gen) alphaStack() {
	outer := g.anyBG()
	inner := g.anyBG()
	a := 0.1 + 0.8*g.rng.Float64()
	composite := mix(inner, outer, a)
	fg := g.near(composite)
	fa := 1.0
	if g.chance(0.3) {
		fa = 0.6 + 0.4*g.rng.Float64()
	}
	fmt.Fprintf(&g.body, "<div style=\"background-color: %s; padding: 4px\"><div style=\"background-color: %s\"><p style=\"color: %s\">%s</p></div></div>",
		g.format(outer, 1), g.format(inner, a), g.format(fg, fa), g.text())
}

// form: controls, disabled and not.
func (g *gen) form() {
	bg := g.anyBG()
	fg := g.near(bg)
	style := fmt.Sprintf("color: %s; background-color: %s", g.format(fg, 1), g.format(bg, 1))
	id := g.class()
	switch g.rng.IntN(9) {
	case 0:
		fmt.Fprintf(&g.body, "<button type=\"button\" style=%q>%s</button>", style, g.text())
	case 1:
		fmt.Fprintf(&g.body, "<button type=\"button\" disabled style=%q>%s</button>", style, g.text())
	case 2:
		fmt.Fprintf(&g.body, "<label for=%q style=%q>%s</label> <input id=%q disabled value=\"Disabled value\">", id, style, g.text(), id)
	case 3:
		fmt.Fprintf(&g.body, "<label for=%q>%s</label> <input id=%q style=%q value=\"Some text\">", id, g.text(), id, style)
	case 4:
		fmt.Fprintf(&g.body, "<label>%s <input type=\"text\" placeholder=\"Placeholder\" style=%q></label>", g.text(), style)
	case 5:
		fmt.Fprintf(&g.body, "<input type=\"submit\" value=%q style=%q>", g.text(), style)
	case 6:
		fmt.Fprintf(&g.body, "<label for=%q>%s</label> <select id=%q style=%q><option>First option</option><option>Second</option></select>", id, g.text(), id, style)
	case 7:
		fmt.Fprintf(&g.body, "<label for=%q>%s</label><br><textarea id=%q style=%q>Text in the area</textarea>", id, g.text(), id, style)
	case 8:
		fmt.Fprintf(&g.body, "<fieldset disabled><legend style=%q>%s</legend><label style=%q>%s <input></label><button style=%q>%s</button></fieldset>", style, g.text(), style, g.text(), style, g.text())
	}
}

// links: text with links, coloured by rules or by the user agent.
func (g *gen) links() {
	c := g.class()
	bg := g.anyBG()
	body := g.near(bg)
	g.rule(".%s { color: %s; background-color: %s; }", c, g.format(body, 1), g.format(bg, 1))
	switch g.rng.IntN(5) {
	case 0: // the user agent's link colour
	case 1: // close to the text colour, no underline
		g.rule(".%s a { color: %s; text-decoration: none; }", c, g.format(g.against(body, 1.2+g.rng.Float64()*2.5), 1))
	case 2: // coloured, underlined
		g.rule(".%s a { color: %s; }", c, g.format(g.near(bg), 1))
	case 3: // a visited colour that never shows, a hover colour that does not apply
		g.rule(".%s a:link { color: %s; } .%s a:visited { color: %s; } .%s a:hover { color: %s; }", c, g.format(g.near(bg), 1), c, g.format(bg, 1), c, g.format(bg, 1))
	case 4: // bold, no underline
		g.rule(".%s a { color: %s; text-decoration: none; font-weight: bold; }", c, g.format(g.near(bg), 1))
	}
	fmt.Fprintf(&g.body, "<p class=%q>Read about %s on <a href=\"#%s\">%s</a> before you apply for it online.</p>", c, strings.ToLower(g.text()), c, g.text())
}

// image: an <img> behind text, and one inside it.
func (g *gen) image() {
	if g.chance(0.5) {
		fmt.Fprintf(&g.body, "<div style=\"position: relative\"><img src=\"/img/photo.png\" alt=\"\" width=\"300\" height=\"60\" style=\"position: absolute; top: 0; left: 0\"><p style=\"position: relative; color: %s\">%s</p></div>",
			g.format(g.near(g.bg), 1), g.text())
		return
	}
	fmt.Fprintf(&g.body, "<p style=\"color: %s\"><img src=\"/img/icon.png\" alt=\"\" width=\"16\" height=\"16\"> %s</p>", g.format(g.near(g.bg), 1), g.text())
}

// legacy: the HTML attributes that set colours.
func (g *gen) legacy() {
	bg := g.anyBG()
	fg := g.near(bg)
	switch g.rng.IntN(3) {
	case 0:
		fmt.Fprintf(&g.body, "<p><font color=\"%s\">%s</font></p>", hex(g.near(g.bg)), g.text())
	case 1:
		fmt.Fprintf(&g.body, "<table bgcolor=\"%s\"><tr><td><font color=\"%s\">%s</font></td><td>%s</td></tr></table>", hex(bg), hex(fg), g.text(), g.text())
	case 2:
		fmt.Fprintf(&g.body, "<table><tr><td bgcolor=\"%s\" style=\"color: %s\">%s</td></tr></table>", hex(bg), g.format(fg, 1), g.text())
	}
}

// keywords: currentcolor, transparent, inherit, initial, unset.
func (g *gen) keywords() {
	bg := g.anyBG()
	fg := g.near(bg)
	c := g.class()
	g.rule(".%s { color: %s; background-color: %s; }", c, g.format(fg, 1), g.format(bg, 1))
	inner := g.pick("color: inherit", "color: initial", "color: unset", "color: currentcolor", "color: transparent",
		"background-color: transparent", "background-color: currentcolor", "color: revert", "background: none", "color: rgb(0 0 0 / 0)")
	fmt.Fprintf(&g.body, "<div class=%q><p style=%q>%s</p></div>", c, inner, g.text())
}

// userAgent: the user-agent stylesheet's colours.
func (g *gen) userAgent() {
	switch g.rng.IntN(7) {
	case 0:
		fmt.Fprintf(&g.body, "<p>%s <mark>highlighted words</mark> in the sentence.</p>", g.text())
	case 1:
		fmt.Fprintf(&g.body, "<button type=\"button\">%s</button>", g.text())
	case 2:
		fmt.Fprintf(&g.body, "<p><a href=\"#top\">%s</a></p>", g.text())
	case 3:
		fmt.Fprintf(&g.body, "<div style=\"background-color: %s\"><a href=\"#top\">%s</a></div>", g.format(g.anyBG(), 1), g.text())
	case 4:
		fmt.Fprintf(&g.body, "<p>Type <code>%s</code> or press <kbd>Enter</kbd>.</p>", strings.ToLower(g.text()))
	case 5:
		fmt.Fprintf(&g.body, "<h1>%s</h1>", g.text())
	case 6:
		fmt.Fprintf(&g.body, "<table><tr><th>%s</th><td>%s</td></tr></table>", g.text(), g.text())
	}
}

// selectors: combinators, pseudo-classes, attribute selectors.
func (g *gen) selectors() {
	c := g.class()
	bg := g.anyBG()
	a, b := g.near(bg), g.near(bg)
	g.rule(".%s { background-color: %s; color: %s; }", c, g.format(bg, 1), g.format(a, 1))
	sel := g.pick(".%s > p:first-child", ".%s p + p", ".%s p ~ p", ".%s p:nth-child(2n)", ".%s p:not(.x)", ".%s [lang]",
		".%s p:last-of-type", ".%s :is(p, li):first-of-type", ".%s p:hover", ".%s p:empty", ".%s > :nth-last-child(1)", ".%s p[class~=\"note\"]")
	g.rule(strings.ReplaceAll(sel, "%s", c)+" { color: %s; }", g.format(b, 1))
	fmt.Fprintf(&g.body, "<div class=%q><p>%s</p><p class=\"note\" lang=\"cy\">%s</p><p>%s</p></div>", c, g.text(), g.text(), g.text())
}

// Colours.

// rgb is a colour with 0–255 channels.
type rgb struct{ r, g, b float64 }

func (c rgb) lum() float64 {
	lin := func(v float64) float64 {
		v /= 255
		if v <= 0.03928 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.r) + 0.7152*lin(c.g) + 0.0722*lin(c.b)
}

func contrast(a, b rgb) float64 {
	la, lb := a.lum(), b.lum()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// mix is top with alpha a over bottom.
func mix(top, bottom rgb, a float64) rgb {
	m := func(x, y float64) float64 { return math.Round(x*a + y*(1-a)) }
	return rgb{m(top.r, bottom.r), m(top.g, bottom.g), m(top.b, bottom.b)}
}

func (g *gen) light() rgb {
	return rgb{float64(200 + g.rng.IntN(56)), float64(200 + g.rng.IntN(56)), float64(200 + g.rng.IntN(56))}
}

func (g *gen) dark() rgb {
	return rgb{float64(g.rng.IntN(70)), float64(g.rng.IntN(70)), float64(g.rng.IntN(90))}
}

// anyBG is a background: the page's, light, dark or saturated.
func (g *gen) anyBG() rgb {
	switch g.rng.IntN(5) {
	case 0:
		return g.bg
	case 1, 2:
		return g.light()
	case 3:
		return g.dark()
	}
	return rgb{float64(g.rng.IntN(256)), float64(g.rng.IntN(256)), float64(g.rng.IntN(256))}
}

// near is a text colour whose contrast with bg lies near one of the
// thresholds (3, 4.5, 7) on either side, or anywhere.
func (g *gen) near(bg rgb) rgb {
	var target float64
	switch g.rng.IntN(6) {
	case 0, 1:
		target = 4.5 + (g.rng.Float64()-0.5)*0.6
	case 2:
		target = 3 + (g.rng.Float64()-0.5)*0.6
	case 3:
		target = 7 + (g.rng.Float64()-0.5)*0.8
	default:
		target = 1.2 + g.rng.Float64()*14
	}
	return g.against(bg, target)
}

// against is a colour of a random hue whose contrast with bg is about
// target, just above it as the channels' 8 bits allow (or the most there
// is, when the target is out of reach). It walks from bg to the hue and on
// to black (or white, on a dark background) and takes the first colour
// that reaches the target.
func (g *gen) against(bg rgb, target float64) rgb {
	hue := rgb{float64(g.rng.IntN(256)), float64(g.rng.IntN(256)), float64(g.rng.IntN(256))}
	if g.chance(0.35) { // a grey
		v := float64(g.rng.IntN(256))
		hue = rgb{v, v, v}
	}
	end := rgb{0, 0, 0}
	if bg.lum() <= 0.18 {
		end = rgb{255, 255, 255}
	}
	lerp := func(a, b rgb, t float64) rgb {
		return rgb{math.Round(a.r + (b.r-a.r)*t), math.Round(a.g + (b.g-a.g)*t), math.Round(a.b + (b.b-a.b)*t)}
	}
	const steps = 512
	best := end
	for i := 0; i <= steps; i++ {
		t := float64(i) / steps
		var c rgb
		if t < 0.5 {
			c = lerp(bg, hue, 2*t)
		} else {
			c = lerp(hue, end, 2*t-1)
		}
		if contrast(c, bg) >= target {
			return c
		}
	}
	return best
}

func hex(c rgb) string { return fmt.Sprintf("#%02x%02x%02x", int(c.r), int(c.g), int(c.b)) }

// names are CSS named colours, some of whose names mislead (darkgray is
// lighter than gray).
// (A slice, not a map: the pages must not depend on map order.)
var names = []struct {
	name string
	c    rgb
}{
	{"white", rgb{255, 255, 255}}, {"black", rgb{0, 0, 0}}, {"gray", rgb{128, 128, 128}}, {"grey", rgb{128, 128, 128}},
	{"darkgray", rgb{169, 169, 169}}, {"dimgray", rgb{105, 105, 105}}, {"silver", rgb{192, 192, 192}}, {"lightgrey", rgb{211, 211, 211}},
	{"navy", rgb{0, 0, 128}}, {"maroon", rgb{128, 0, 0}}, {"rebeccapurple", rgb{102, 51, 153}}, {"teal", rgb{0, 128, 128}},
	{"green", rgb{0, 128, 0}}, {"red", rgb{255, 0, 0}}, {"orange", rgb{255, 165, 0}}, {"yellow", rgb{255, 255, 0}},
	{"whitesmoke", rgb{245, 245, 245}}, {"slategray", rgb{112, 128, 144}}, {"darkslategray", rgb{47, 79, 79}},
	{"steelblue", rgb{70, 130, 180}}, {"firebrick", rgb{178, 34, 34}}, {"ivory", rgb{255, 255, 240}}, {"gainsboro", rgb{220, 220, 220}},
	{"blue", rgb{0, 0, 255}},
}

// format writes a colour in one of CSS's notations, with alpha a.
func (g *gen) format(c rgb, a float64) string {
	r, gg, b := int(c.r), int(c.g), int(c.b)
	if a >= 1 {
		for _, nc := range names {
			if n := nc.name; nc.c == c && g.chance(0.7) {
				if g.chance(0.3) {
					return strings.ToUpper(n[:1]) + n[1:]
				}
				return n
			}
		}
		if r%17 == 0 && gg%17 == 0 && b%17 == 0 && g.chance(0.7) {
			return fmt.Sprintf("#%x%x%x", r/17, gg/17, b/17)
		}
		switch g.rng.IntN(8) {
		case 0, 1, 2:
			return fmt.Sprintf("#%02x%02x%02x", r, gg, b)
		case 3:
			return fmt.Sprintf("#%02X%02X%02X", r, gg, b)
		case 4:
			return fmt.Sprintf("rgb(%d, %d, %d)", r, gg, b)
		case 5:
			return fmt.Sprintf("rgb(%d %d %d)", r, gg, b)
		case 6:
			h, s, l := hsl(c)
			return fmt.Sprintf("hsl(%s, %s%%, %s%%)", num(h), num(s), num(l))
		case 7:
			return fmt.Sprintf("#%02x%02x%02xff", r, gg, b)
		}
	}
	switch g.rng.IntN(5) {
	case 0:
		return fmt.Sprintf("rgba(%d, %d, %d, %s)", r, gg, b, num(a))
	case 1:
		return fmt.Sprintf("rgb(%d %d %d / %s%%)", r, gg, b, num(a*100))
	case 2:
		h, s, l := hsl(c)
		return fmt.Sprintf("hsla(%s, %s%%, %s%%, %s)", num(h), num(s), num(l), num(a))
	case 3:
		return fmt.Sprintf("#%02x%02x%02x%02x", r, gg, b, int(math.Round(a*255)))
	}
	return fmt.Sprintf("rgba(%d,%d,%d,%s)", r, gg, b, num(a))
}

// num writes a number with at most three decimals.
func num(f float64) string {
	s := fmt.Sprintf("%.3f", f)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "" || s == "-0" {
		return "0"
	}
	return s
}

// hsl converts a colour to hue (degrees), saturation and lightness (%).
// With three decimals the round trip lands on the same 8-bit channels.
func hsl(c rgb) (h, s, l float64) {
	r, g, b := c.r/255, c.g/255, c.b/255
	mx, mn := math.Max(r, math.Max(g, b)), math.Min(r, math.Min(g, b))
	l = (mx + mn) / 2
	d := mx - mn
	if d == 0 {
		return 0, 0, l * 100
	}
	if l > 0.5 {
		s = d / (2 - mx - mn)
	} else {
		s = d / (mx + mn)
	}
	switch mx {
	case r:
		h = (g - b) / d
		if g < b {
			h += 6
		}
	case g:
		h = (b-r)/d + 2
	default:
		h = (r-g)/d + 4
	}
	return h * 60, s * 100, l * 100
}
