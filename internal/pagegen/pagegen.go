// Package pagegen writes small HTML pages from a grammar of what real
// markup does, seeded, for the differential harness against axe-core
// (scoring/axediff_test.go): ARIA roles with allowed, prohibited, required,
// deprecated and misspelt attributes and valid, invalid, empty and odd
// values; autocomplete tokens in valid, invalid and odd orders; lang
// values; labels by for, by wrapping, by aria-labelledby, by title only,
// by aria-describedby only, hidden labels; tables with headers, scope, th only and empty headers;
// image buttons, image maps, iframes, objects, svg; lists and definition
// lists broken in every way; landmarks duplicated and nested; access keys,
// viewport zoom caps and table summaries; and hidden content around all of
// it. The same seed gives the same pages, so a
// corpus of thousands is never stored.
//
// Its vocabulary is written from the WAI-ARIA 1.2 and HTML specifications,
// not taken from councilbench's rule tables, so that a mistake in those
// tables cannot hide from the harness.
package pagegen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Page is one generated page.
type Page struct {
	ID   string // "gen/SEED/N"
	HTML string
}

// Generate returns n pages from the seed.
func Generate(seed uint64, n int) []Page {
	out := make([]Page, 0, n)
	for i := range n {
		g := &gen{rng: rand.New(rand.NewPCG(seed, uint64(i)))}
		out = append(out, Page{ID: fmt.Sprintf("gen/%d/%d", seed, i), HTML: g.page()})
	}
	return out
}

// gen writes one page.
type gen struct {
	rng *rand.Rand
	b   strings.Builder
	ids int
}

func (g *gen) pick(xs ...string) string { return xs[g.rng.IntN(len(xs))] }
func (g *gen) chance(p float64) bool    { return g.rng.Float64() < p }

// id returns a fresh id, sometimes one used before (a duplicate).
func (g *gen) id() string {
	if g.ids > 0 && g.chance(0.1) {
		return fmt.Sprintf("x%d", g.rng.IntN(g.ids))
	}
	g.ids++
	return fmt.Sprintf("x%d", g.ids-1)
}

// ref returns an id to refer to: one that exists, or sometimes not.
func (g *gen) ref() string {
	if g.ids == 0 || g.chance(0.2) {
		return "missing" + fmt.Sprint(g.rng.IntN(3))
	}
	return fmt.Sprintf("x%d", g.rng.IntN(g.ids))
}

func (g *gen) page() string {
	g.b.WriteString("<!doctype html>\n<html")
	if !g.chance(0.1) {
		fmt.Fprintf(&g.b, " lang=%q", g.lang())
	}
	g.b.WriteString("><head><meta charset=utf-8>")
	if !g.chance(0.1) {
		fmt.Fprintf(&g.b, "<title>%s</title>", g.pick("Page", "Report a pothole", " ", "Council tax"))
	}
	if g.chance(0.2) {
		fmt.Fprintf(&g.b, `<meta name="viewport" content=%q>`, g.pick("width=device-width, initial-scale=1", "width=device-width, user-scalable=no",
			"width=device-width, maximum-scale=1.0", "width=device-width, maximum-scale=5", "user-scalable=0",
			"width=device-width, maximum-scale=3", "maximum-scale=2.0; user-scalable=yes"))
	}
	g.b.WriteString("</head><body>\n")
	for range 1 + g.rng.IntN(4) {
		g.fragment()
	}
	g.b.WriteString("</body></html>\n")
	return g.b.String()
}

// lang returns a lang value: valid, with a region or script, private use,
// invalid, empty or white space.
func (g *gen) lang() string {
	return g.pick("en", "en-GB", "cy", "cy-GB", "fr", "zh-Hant", "x-private", "i-klingon", "english", "en_GB", "", " ", "123", "EN", "qaa")
}

// fragment writes one family of markup, sometimes hidden.
func (g *gen) fragment() {
	hide := ""
	switch {
	case g.chance(0.1):
		hide = " hidden"
	case g.chance(0.1):
		hide = ` aria-hidden="true"`
	case g.chance(0.1):
		hide = ` style="display:none"`
	}
	if hide != "" {
		fmt.Fprintf(&g.b, "<div%s>", hide)
	}
	switch g.rng.IntN(10) {
	case 0, 1:
		g.ariaElement()
	case 2:
		g.autocomplete()
	case 3:
		g.label()
	case 4:
		g.table()
	case 5:
		g.media()
	case 6:
		g.list()
	case 7:
		g.landmarks()
	case 8:
		g.link()
	case 9:
		g.langFragment()
	}
	if hide != "" {
		g.b.WriteString("</div>")
	}
	g.b.WriteString("\n")
}

// roles are WAI-ARIA 1.2's roles, abstract ones and misspellings among
// them.
var roles = []string{"button", "checkbox", "combobox", "dialog", "grid", "gridcell", "heading", "img", "link", "list", "listbox",
	"listitem", "menu", "menubar", "menuitem", "menuitemcheckbox", "menuitemradio", "option", "progressbar", "radio", "radiogroup",
	"region", "row", "rowgroup", "scrollbar", "searchbox", "separator", "slider", "spinbutton", "switch", "tab", "tablist",
	"tabpanel", "textbox", "tree", "treeitem", "presentation", "none", "alert", "banner", "navigation", "main", "complementary",
	"contentinfo", "form", "search", "meter", "tooltip", "document", "application", "feed", "math", "note", "status", "timer",
	"alertdialog", "command", "widget", "buton", "Button", "button link", "", " "}

// attrs are WAI-ARIA attributes with values to try, odd ones included.
var attrs = []struct {
	name   string
	values []string
}{
	{"aria-checked", []string{"true", "false", "mixed", "TRUE", "true ", "yes", "", "undefined"}},
	{"aria-expanded", []string{"true", "false", "undefined", "1", ""}},
	{"aria-pressed", []string{"true", "false", "mixed", "pressed"}},
	{"aria-selected", []string{"true", "false", "no"}},
	{"aria-disabled", []string{"true", "false", "disabled"}},
	{"aria-hidden", []string{"true", "false", "undefined"}},
	{"aria-level", []string{"1", "2", "0", "-1", "two", ""}},
	{"aria-valuenow", []string{"5", "5.5", "five", ""}},
	{"aria-valuemin", []string{"0"}},
	{"aria-valuemax", []string{"10"}},
	{"aria-label", []string{"Name", "", " "}},
	{"aria-labelledby", []string{"@ref", "@ref @ref", ""}},
	{"aria-describedby", []string{"@ref"}},
	{"aria-controls", []string{"@ref", "@ref @ref", ""}},
	{"aria-owns", []string{"@ref"}},
	{"aria-activedescendant", []string{"@ref"}},
	{"aria-haspopup", []string{"true", "menu", "listbox", "dialog", "nonsense"}},
	{"aria-live", []string{"polite", "assertive", "off", "rude"}},
	{"aria-current", []string{"page", "true", "false", "date", "bogus"}},
	{"aria-invalid", []string{"true", "grammar", "spelling", "nonsense"}},
	{"aria-orientation", []string{"horizontal", "vertical", "diagonal"}},
	{"aria-sort", []string{"ascending", "descending", "none", "other", "up"}},
	{"aria-autocomplete", []string{"list", "both", "none", "inline", "maybe"}},
	{"aria-dropeffect", []string{"copy"}}, // deprecated in ARIA 1.1
	{"aria-grabbed", []string{"true"}},    // deprecated
	{"aria-errormessage", []string{"@ref"}},
	{"aria-required", []string{"true", "false"}},
	{"aria-readonly", []string{"true"}},
	{"aria-placeholder", []string{"Search"}},
	{"aria-roledescription", []string{"slide", ""}},
	{"aria-braillelabel", []string{"btn"}},
	{"aria-brailleroledescription", []string{"btn"}},
	{"aria-posinset", []string{"1"}},
	{"aria-setsize", []string{"3", "-1"}},
	{"aria-colcount", []string{"2"}},
	{"aria-labeledby", []string{"@ref"}}, // misspelt
	{"aria-role", []string{"button"}},    // not an attribute
}

// ariaElement writes an element with a role and a few ARIA attributes,
// with children sometimes of the roles it requires.
func (g *gen) ariaElement() {
	tag := g.pick("div", "span", "button", "a", "input", "li", "ul", "img", "h2", "p", "section", "td")
	role := g.pick(roles...)
	id := g.id()
	fmt.Fprintf(&g.b, "<%s id=%q", tag, id)
	if role != "" || g.chance(0.5) {
		fmt.Fprintf(&g.b, " role=%q", role)
	}
	switch tag {
	case "a":
		if g.chance(0.7) {
			g.b.WriteString(` href="/x"`)
		}
	case "img":
		if g.chance(0.5) {
			fmt.Fprintf(&g.b, ` src="a.png" alt=%q`, g.pick("", "Alt", " "))
		}
	case "input":
		fmt.Fprintf(&g.b, ` type=%q`, g.pick("text", "checkbox", "button", "submit", "image", "radio", "hidden"))
	}
	if g.chance(0.3) {
		fmt.Fprintf(&g.b, ` tabindex=%q`, g.pick("0", "-1", "1", "3"))
	}
	for range g.rng.IntN(4) {
		a := attrs[g.rng.IntN(len(attrs))]
		v := a.values[g.rng.IntN(len(a.values))]
		v = strings.ReplaceAll(v, "@ref", g.ref())
		fmt.Fprintf(&g.b, " %s=%q", a.name, v)
	}
	switch tag {
	case "input", "img":
		g.b.WriteString(">")
		return
	}
	g.b.WriteString(">")
	if g.chance(0.6) {
		g.b.WriteString(g.pick("Text", "", " ", "<img src=i.png alt=\"Icon\">", "<span aria-hidden=\"true\">x</span>"))
	}
	for range g.rng.IntN(3) {
		fmt.Fprintf(&g.b, `<span role=%q id=%q>%s</span>`, g.pick(roles...), g.id(), g.pick("Item", ""))
	}
	if g.chance(0.2) {
		g.b.WriteString(`<a href="/in">inner link</a>`)
	}
	fmt.Fprintf(&g.b, "</%s>", tag)
}

// autocomplete writes a field with an autocomplete value.
func (g *gen) autocomplete() {
	tokens := []string{"name", "given-name", "family-name", "email", "tel", "street-address", "postal-code", "country",
		"bday", "cc-number", "username", "new-password", "current-password", "one-time-code", "url", "photo",
		"shipping postal-code", "billing email", "section-a email", "home tel", "work email", "mobile tel", "fax tel",
		"section-b shipping street-address", "off", "on", "", " ", "emial", "tel home", "email webauthn", "nickname",
		"address-line1", "organization-title", "transaction-amount", "language", "sex", "impp", "home email",
		"billing section-x email", "shipping shipping email"}
	typ := g.pick("text", "email", "tel", "password", "number", "hidden", "checkbox", "date")
	fmt.Fprintf(&g.b, `<label>Field <input type=%q autocomplete=%q></label>`, typ, g.pick(tokens...))
	if g.chance(0.3) {
		fmt.Fprintf(&g.b, `<select autocomplete=%q aria-label="Choice"><option>a</option></select>`, g.pick(tokens...))
	}
}

// label writes a form field labelled in one of the ways pages do, or not.
func (g *gen) label() {
	id := g.id()
	field := g.pick(`<input type="text" id="%s"%s>`, `<textarea id="%s"%s></textarea>`, `<select id="%s"%s><option>One</option></select>`,
		`<input type="checkbox" id="%s"%s>`, `<input type="radio" name="r" id="%s"%s>`, `<input type="file" id="%s"%s>`)
	extra := ""
	switch g.rng.IntN(10) {
	case 0:
		fmt.Fprintf(&g.b, `<label for=%q>Name</label>`, id)
	case 1:
		g.b.WriteString("<label>Name ")
		defer g.b.WriteString("</label>")
	case 2:
		lid := g.id()
		fmt.Fprintf(&g.b, `<span id=%q>Name</span>`, lid)
		extra = fmt.Sprintf(` aria-labelledby=%q`, lid)
	case 3:
		extra = ` title="Name"`
	case 4:
		fmt.Fprintf(&g.b, `<label for=%q hidden>Name</label>`, id)
	case 5:
		fmt.Fprintf(&g.b, `<label for=%q style="display:none">Name</label>`, id)
	case 6:
		extra = ` placeholder="Name"`
	case 7:
		extra = fmt.Sprintf(` aria-labelledby=%q`, g.ref())
	case 8:
		fmt.Fprintf(&g.b, `<label for=%q></label>`, id)
	case 9:
		extra = fmt.Sprintf(` aria-describedby=%q`, g.ref())
	}
	fmt.Fprintf(&g.b, field, id, extra)
}

// table writes a table with headers in one of the ways pages do.
func (g *gen) table() {
	g.b.WriteString("<table")
	if g.chance(0.2) {
		g.b.WriteString(` role="presentation"`)
	}
	if g.chance(0.2) {
		fmt.Fprintf(&g.b, ` summary=%q`, g.pick("Fees", "fees ", "Cost of each item"))
	}
	g.b.WriteString(">")
	if g.chance(0.3) {
		g.b.WriteString("<caption>Fees</caption>")
	}
	h1, h2 := g.id(), g.id()
	switch g.rng.IntN(6) {
	case 0:
		fmt.Fprintf(&g.b, `<tr><th id=%q>Item</th><th id=%q>Cost</th></tr><tr><td headers=%q>Bin</td><td headers=%q>£5</td></tr>`, h1, h2, h1, g.pick(h2, "nope", h2+" "+h1, ""))
	case 1:
		fmt.Fprintf(&g.b, `<tr><th scope=%q>Item</th><th scope=%q>Cost</th></tr><tr><td>Bin</td><td>£5</td></tr>`, g.pick("col", "row", "column", ""), g.pick("col", "colgroup", "bogus"))
	case 2:
		g.b.WriteString(`<tr><th>Item</th><th>Cost</th></tr>`)
	case 3:
		g.b.WriteString(`<tr><th></th><th>Cost</th></tr><tr><td>Bin</td><td>£5</td></tr>`)
	case 4:
		g.b.WriteString(`<tr><td>Item</td><td>Cost</td></tr><tr><td><table><tr><th>Inner</th></tr><tr><td>x</td></tr></table></td><td>£5</td></tr>`)
	case 5:
		g.b.WriteString(`<tr><td colspan="2"><b>Fees</b></td></tr><tr><th>Item</th><th>Cost</th></tr><tr><td>Bin</td><td>£5</td></tr>`)
	}
	g.b.WriteString("</table>")
}

// media writes images, image buttons, maps, iframes, objects and svg.
func (g *gen) media() {
	alt := func() string {
		switch g.rng.IntN(4) {
		case 0:
			return ""
		case 1:
			return ` alt=""`
		case 2:
			return ` alt=" "`
		}
		return ` alt="Photo"`
	}
	switch g.rng.IntN(8) {
	case 0:
		fmt.Fprintf(&g.b, `<img src="p.jpg"%s>`, alt())
	case 1:
		fmt.Fprintf(&g.b, `<input type="image" src="go.png"%s>`, alt())
	case 2:
		fmt.Fprintf(&g.b, `<img src="map.png" usemap="#m" alt="Map"><map name="m"><area shape="rect" coords="0,0,10,10" href="/a"%s></map>`, alt())
	case 3:
		fmt.Fprintf(&g.b, `<iframe src="/f"%s></iframe>`, g.pick("", ` title="Map"`, ` title=""`, ` tabindex="-1"`, ` aria-hidden="true" tabindex="-1"`))
	case 4:
		fmt.Fprintf(&g.b, `<object data="movie.swf"%s>%s</object>`, g.pick("", ` aria-label="Film"`, ` title="Film"`, ` role="presentation"`), g.pick("", "Fallback text"))
	case 5:
		fmt.Fprintf(&g.b, `<svg role=%q>%s<circle r="2"/></svg>`, g.pick("img", "graphics-document", "presentation"), g.pick("", "<title>Logo</title>", "<title></title>"))
	case 6:
		fmt.Fprintf(&g.b, `<div role="img"%s>x</div>`, g.pick("", ` aria-label="Chart"`, ` title="Chart"`))
	case 7:
		fmt.Fprintf(&g.b, `<button>%s</button>`, g.pick("", "Go", `<img src="g.png"`+alt()+`>`, `<span aria-hidden="true">→</span>`))
	}
}

// list writes lists and definition lists, broken in every way.
func (g *gen) list() {
	g.b.WriteString(g.pick(
		"<ul><li>One</li><li>Two</li></ul>",
		"<ul><li>One</li><div>Two</div></ul>",
		"<ol><p>One</p></ol>",
		"<li>Orphan</li>",
		"<dl><dt>Term</dt><dd>Definition</dd></dl>",
		"<dl><div><dt>Term</dt><dd>Def</dd></div><p>Stray</p></dl>",
		"<dt>Orphan term</dt><dd>Orphan definition</dd>",
	))
}

// landmarks writes landmarks, sometimes duplicated or nested.
func (g *gen) landmarks() {
	g.b.WriteString(g.pick(
		"<header>Top</header><nav><a href=\"/\">Home</a></nav><main><h1>Title</h1></main><footer>End</footer>",
		"<main><h1>One</h1></main><main><h1>Two</h1></main>",
		"<main><main>Nested</main></main>",
		"<nav aria-label=\"Main\"><a href=\"/a\">A</a></nav><nav aria-label=\"Main\"><a href=\"/b\">B</a></nav>",
		"<aside><aside>Inner</aside></aside><section aria-label=\"Part\">S</section>",
		"<h1></h1><h3>Skipped a level</h3><h2><span hidden>Hidden</span></h2>",
	))
}

// link writes links with and without names, some with access keys.
func (g *gen) link() {
	fmt.Fprintf(&g.b, `<a href=%q%s`, g.pick("/page", "#", "#top", "javascript:void(0)", ""),
		g.pick("", ` aria-label="Read more"`, ` title="More"`, ` role="button"`, ` tabindex="-1"`))
	key := g.chance(0.3)
	if key {
		fmt.Fprintf(&g.b, ` accesskey=%q`, g.pick("s", "S", "1", ""))
	}
	fmt.Fprintf(&g.b, `>%s</a>`, g.pick("Read more", "", " ", `<img src="i.png" alt="">`, `<img src="i.png" alt="Home">`, `<svg><title>Home</title></svg>`,
		`<img src="i.png" alt="Home"> Home`))
	if key && g.chance(0.5) {
		fmt.Fprintf(&g.b, `<a href="/help" accesskey=%q>Help</a>`, g.pick("s", "h"))
	}
}

// langFragment writes text in another language.
func (g *gen) langFragment() {
	fmt.Fprintf(&g.b, `<p lang=%q>Bore da</p>`, g.lang())
	if g.chance(0.3) {
		fmt.Fprintf(&g.b, `<blink>Old</blink><marquee>Older</marquee>`)
	}
}
