package css

import (
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/cascadia"
	tcss "github.com/tdewolff/parse/v2/css"
	"golang.org/x/net/html"
)

// Style is an element's computed style: the properties that text
// contrast, visibility and focus need, after the cascade, inheritance and
// var() substitution. What could not be resolved is said in Unresolved.
type Style struct {
	Color   Color // the text colour (-webkit-text-fill-color when set)
	ColorOK bool  // Color was resolved
	BG      Color // background-color of the element itself
	BGOK    bool
	BGImage string // "" when none, else "image" or "gradient"
	// Gradient holds the colours of a background that is only gradients,
	// stop by stop (nil when they cannot be read).
	Gradient []Color
	Opacity  float64 // of the element itself, 0 to 1
	FontSize float64 // px
	FontOK   bool
	Weight   int // 100 to 900
	Display  string
	Visible  bool   // visibility is visible (inherited)
	Position string // static, relative, absolute, fixed, sticky
	Shadow   bool   // text-shadow other than none (inherited)
	// ShadowColors are the text-shadow's colours (inherited); ShadowOK is
	// false when they cannot be read.
	ShadowColors []Color
	ShadowOK     bool
	Blend        bool // mix-blend-mode other than normal
	Filter       bool // filter or backdrop-filter other than none
	Transform    bool // a transform other than none
	// Clipped is true for the visually-hidden patterns: clipped to
	// nothing, a box of at most 1px with overflow hidden, or text moved
	// far off the screen. Such text is there for screen readers and is not
	// drawn where anyone can see it.
	Clipped   bool
	Underline bool // text-decoration-line includes underline
	// Border is true when the element has a bottom border (border or
	// border-bottom with a style and width): a cue other than colour.
	Border bool
	// OutlineNone is true when the element's own rules remove the
	// outline (outline: none or 0), which also removes the browser's focus
	// ring, drawn as an outline.
	OutlineNone bool
	// PulledUp is true for a negative top or left margin, which may draw
	// the box over the one before it.
	PulledUp bool
	// Inset is the colour of an inset box-shadow wide enough to fill the
	// box (Bootstrap paints table rows so): a layer over BG.
	Inset   Color
	InsetOK bool
	// Unresolved names what could not be read ("color", "background",
	// "var()"), "" when everything was.
	Unresolved string

	vars *varScope // custom properties: the element's own, over what it inherits
}

// Rules are the rules of a page's stylesheets, merged into one index in
// cascade order: the user-agent sheet, then the author sheets in document
// order, each after what it imports. Composing them costs a pass over
// every rule, so a survey composes a site's list of sheets once and every
// page that uses the same list shares it. Rules are read-only.
type Rules struct {
	main, pseudo, focus mergedIndex
	noPseudo, noFocus   bool
	ua                  bool // its sheet 0 is the user-agent sheet
	// sheets keeps the composed sheets alive: a cache that keys Rules by
	// its sheets' addresses must not see an address reused.
	sheets []*Sheet
}

// scopes are the custom property scopes computed, shared by the elements
// and the pages that declare the same custom properties over the same
// inherited scope: the root's (a framework's hundreds) and those declared
// over it are the same on every page of a site. A declaration's serial is
// unique in the process, so a key never matches another site's scope. It
// is emptied when it holds maxScopes.
var scopes struct {
	sync.Mutex
	m map[varsKey]*varScope
}

const maxScopes = 1 << 16

// mergedIndex is the rule index of several sheets.
type mergedIndex struct {
	byID, byClass, byTag map[string][]mrule
	any                  []mrule
}

// mrule is a rule in a bucket, with the position of its sheet in the
// cascade and what rejects most elements without reading the rule: the
// key mask of its rightmost compound and the first of the ancestor keys
// it needs. A bucket is tried element after element, so its entries are
// kept together, small.
type mrule struct {
	r      *rule
	self   uint64     // the keyBits of the rightmost compound's id, classes and tag
	anc    [4]ancBits // the first ancestor keys it needs (r.anc holds them all)
	sheet  int32
	nanc   uint8 // how many of anc are set
	pseudo uint8 // pseudoCode of r.pseudo
}

// pseudoCode numbers the pseudo-elements a rule may style.
func pseudoCode(p string) uint8 {
	switch p {
	case "":
		return 0
	case "before":
		return 1
	case "after":
		return 2
	}
	return 3
}

func newMrule(r *rule, sheet int) mrule {
	mr := mrule{r: r, sheet: int32(sheet), pseudo: pseudoCode(r.pseudo)}
	for _, k := range r.self {
		switch {
		case k[0] == '#' || k[0] == '.':
			mr.self |= keyBit(k[0], k[1:])
		case k != "*":
			mr.self |= keyBit('t', k)
		}
	}
	mr.nanc = uint8(copy(mr.anc[:], r.anc))
	return mr
}

func (x *mergedIndex) merge(from *ruleIndex, sheet int) {
	add := func(m *map[string][]mrule, src map[string][]*rule) {
		if len(src) == 0 {
			return
		}
		if *m == nil {
			*m = map[string][]mrule{}
		}
		for k, rs := range src {
			for _, r := range rs {
				if len(r.decls) > 0 {
					(*m)[k] = append((*m)[k], newMrule(r, sheet))
				}
			}
		}
	}
	add(&x.byID, from.byID)
	add(&x.byClass, from.byClass)
	add(&x.byTag, from.byTag)
	for _, r := range from.any {
		if len(r.decls) > 0 {
			x.any = append(x.any, newMrule(r, sheet))
		}
	}
}

// Compose merges the author sheets, in document order with their imports
// already spliced in, after the user-agent sheet.
func Compose(author []*Sheet) *Rules { return compose(author, true) }

// ComposeMore merges sheets that a page adds to a composition its site's
// pages share (its <style> elements to its linked sheets): no user-agent
// sheet. A cascade takes both (NewCascadeOf), so that what every page
// shares is merged once, and what one page adds costs only its own rules.
func ComposeMore(author []*Sheet) *Rules { return compose(author, false) }

func compose(author []*Sheet, ua bool) *Rules {
	rs := &Rules{noPseudo: true, noFocus: true, sheets: author, ua: ua}
	all := author
	if ua {
		all = append([]*Sheet{uaSheet()}, author...)
	}
	for i, s := range all {
		rs.main.merge(&s.main, i)
		rs.pseudo.merge(&s.pseudo, i)
		rs.focus.merge(&s.focus, i)
		author := !ua || i > 0
		if author && !s.pseudo.empty() {
			rs.noPseudo = false
		}
		if author && !s.focus.empty() {
			rs.noFocus = false
		}
	}
	return rs
}

// index returns one of the rules' indexes: main, pseudo or focus.
func (rs *Rules) index(which int) *mergedIndex {
	switch which {
	case idxPseudo:
		return &rs.pseudo
	case idxFocus:
		return &rs.focus
	}
	return &rs.main
}

const (
	idxMain = iota
	idxPseudo
	idxFocus
)

// A Part is composed rules in one page's cascade, with the place of each
// of its sheets in the page's order of sheets: Pos[i] is sheet i's (the
// user-agent sheet's place is 0, the page's sheets' 1 on). Nil Pos keeps
// the rules' own order.
type Part struct {
	Rules *Rules
	Pos   []int
}

// Cascade computes one page's styles from its Rules. It keeps what it
// learns of the page's elements as it goes, so it serves one page, its
// elements in document order (parents and earlier siblings first).
type Cascade struct {
	parts             []Part
	noPseudo, noFocus bool
	// budget bounds the selector matches of one page: a hostile sheet of
	// many rules that match every element could otherwise cost elements ×
	// rules. When it runs out, Limited is set and elements get what they
	// inherit.
	budget  int
	Limited bool
	scratch []propWinner
	share   map[shareKey]*Style // the page's styles, for sharing
}

// varsKey finds a custom property scope by the scope it inherits and the
// signature of the custom declarations in force.
type varsKey struct {
	parent *varScope
	sig    uint64
}

// customSignature hashes the custom properties' declarations in force
// (see signature).
func (m *matched) customSignature() uint64 {
	h := hashMix(hashSeed, uint64(len(m.props)))
	for i := range m.props {
		if w := &m.props[i]; w.id == pCustom {
			h = hashMix(h, w.d.serial)
		}
	}
	return h
}

// hashSeed starts a signature.
const hashSeed = 0x243F6A8885A308D3

// hashMix adds x to the hash h. x is scrambled first (splitmix64's
// finaliser): serials are small consecutive numbers and counts are tiny,
// and folded in as they are, a count and a serial could cancel each other
// (2^s == 3^(s+1)), giving two elements with different declarations one
// signature.
func hashMix(h, x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ x>>30) * 0xBF58476D1CE4E5B9
	x = (x ^ x>>27) * 0x94D049BB133111EB
	x ^= x >> 31
	h = (h ^ x) * 0x100000001B3
	return h ^ h>>32
}

// MaxMatches is the selector matches the cascade tries on one page.
const MaxMatches = 4_000_000

// Cascade returns a cascade for one page.
func (rs *Rules) Cascade() *Cascade { return NewCascadeOf(Part{Rules: rs}) }

// NewCascadeOf returns a cascade for one page over the parts of its rules.
func NewCascadeOf(parts ...Part) *Cascade {
	c := &Cascade{parts: parts, budget: MaxMatches, noPseudo: true, noFocus: true}
	for _, p := range parts {
		c.noPseudo = c.noPseudo && p.Rules.noPseudo
		c.noFocus = c.noFocus && p.Rules.noFocus
	}
	return c
}

// NewCascade composes the author sheets and returns a cascade for one
// page.
func NewCascade(author []*Sheet) *Cascade { return Compose(author).Cascade() }

// uaSheet is the user-agent stylesheet: the defaults of HTML's rendering
// section that decide colours, sizes, weights and hiding, as Chromium
// draws them.
var uaSheet = sync.OnceValue(func() *Sheet {
	return Compile([]byte(uaCSS), "about:blank")
})

const uaCSS = `
[hidden], area, base, basefont, datalist, head, link, meta, noembed, noframes, param, rp, script, style, template, title { display: none }
html, body, address, blockquote, center, dialog, div, figure, figcaption, footer, form, header, hr, legend, listing, main, p, plaintext, pre, search, xmp, article, aside, h1, h2, h3, h4, h5, h6, hgroup, nav, section, dir, dd, dl, dt, menu, ol, ul, fieldset, details, summary, optgroup { display: block }
li { display: list-item }
table { display: table }
caption { display: table-caption }
tr { display: table-row }
td, th { display: table-cell }
thead { display: table-header-group }
tbody { display: table-row-group }
tfoot { display: table-footer-group }
a[href] { color: #0000ee; text-decoration: underline }
h1 { font-size: 2em; font-weight: bold }
h2 { font-size: 1.5em; font-weight: bold }
h3 { font-size: 1.17em; font-weight: bold }
h4 { font-size: 1em; font-weight: bold }
h5 { font-size: 0.83em; font-weight: bold }
h6 { font-size: 0.67em; font-weight: bold }
b, strong { font-weight: bolder }
th { font-weight: bold }
small, sub, sup { font-size: smaller }
big { font-size: larger }
mark { background-color: yellow; color: black }
ins, u { text-decoration: underline }
button, select, input[type=button], input[type=submit], input[type=reset], input[type=color], input[type=file] { background-color: #efefef; color: #000; font-size: 13.333333px; font-weight: normal }
input, textarea { background-color: #fff; color: #000; font-size: 13.333333px; font-weight: normal }
select { background-color: #fff }
code, kbd, pre, samp, tt { font-size: 13px }
`

// key orders two declarations of a property: the higher wins.
type key struct {
	band  int // 0 UA, 1 author, 2 style attribute, 3 author !important, 4 style attribute !important
	layer int
	spec  cascadia.Specificity
	sheet int
	order int
}

func (a key) less(b key) bool {
	if a.band != b.band {
		return a.band < b.band
	}
	if a.layer != b.layer {
		return a.layer < b.layer
	}
	for i := range a.spec {
		if a.spec[i] != b.spec[i] {
			return a.spec[i] < b.spec[i]
		}
	}
	if a.sheet != b.sheet {
		return a.sheet < b.sheet
	}
	return a.order < b.order
}

// winner is the declaration in force for one property.
type winner struct {
	d   *decl
	k   key
	set bool
}

// matched gathers the declarations in force for one element: a short
// list searched in order, cheaper than a map for the few properties an
// element gets, and the set of the properties in it, which answers most
// lookups (a property no rule set) without searching.
type matched struct {
	props []propWinner
	has   uint64 // bit p is set when props holds property p
	own   bool   // the element declares some itself (hints, a style attribute)
}

type propWinner struct {
	prop string // the name (the declaration's; custom properties are found by it)
	id   prop
	winner
}

func (m *matched) offer(d *decl, k key) {
	bit := uint64(1) << d.id
	if m.has&bit != 0 {
		for i := range m.props {
			if m.props[i].id == d.id && (d.id != pCustom || m.props[i].prop == d.prop) {
				if !k.less(m.props[i].k) {
					m.props[i].winner = winner{d: d, k: k, set: true}
				}
				return
			}
		}
	}
	m.has |= bit
	m.props = append(m.props, propWinner{d.prop, d.id, winner{d: d, k: k, set: true}})
}

// get returns the winner of a property other than a custom one.
func (m *matched) get(p prop) (winner, bool) {
	if m.has&(1<<p) == 0 {
		return winner{}, false
	}
	for i := range m.props {
		if m.props[i].id == p {
			return m.props[i].winner, true
		}
	}
	return winner{}, false
}

// at returns the winner of a property, the zero winner when none.
func (m *matched) at(p prop) winner { w, _ := m.get(p); return w }

// layerKey ranks a rule's layer within its band: for normal declarations
// rules in no layer beat every layer; for !important the order reverses.
func layerKey(layer int, important bool) int {
	if layer == 0 {
		if important {
			return -1 << 30
		}
		return 1 << 30
	}
	if important {
		return -layer
	}
	return layer
}

// collect offers every declaration of the rules of x that match n, whose
// ancestors' filter is anc.
func (c *Cascade) collect(m *matched, e *Node, anc *Filter, which int, pseudo string) {
	for _, p := range c.parts {
		c.collectPart(m, e, anc, p, which, pseudo)
	}
}

// collectPart offers the declarations of the rules of one part's index
// that match e.
func (c *Cascade) collectPart(m *matched, e *Node, anc *Filter, p Part, which int, pseudo string) {
	x := p.Rules.index(which)
	ua := p.Rules.ua
	n, classes, id := e.N, e.Classes, e.ID
	pc := pseudoCode(pseudo)
	try := func(rs []mrule) {
	next:
		for i := range rs {
			mr := &rs[i]
			if mr.pseudo != pc || mr.self&^e.mask != 0 {
				continue
			}
			for _, b := range mr.anc[:mr.nanc] {
				if !anc.has(b) {
					continue next
				}
			}
			r := mr.r
			if len(r.anc) > len(mr.anc) && !filtered(anc, r.anc[len(mr.anc):]) {
				continue
			}
			if c.budget--; c.budget < 0 {
				c.Limited = true
				return
			}
			if r.simple != nil {
				if !matchSimple(r.simple, e) {
					continue
				}
			} else if !r.sel.Match(n) {
				continue
			}
			band, sheet := 1, int(mr.sheet)
			if ua && sheet == 0 {
				band = 0
			}
			if p.Pos != nil {
				sheet = p.Pos[sheet]
			}
			for i := range r.decls {
				d := &r.decls[i]
				b := band
				if d.important && band == 1 {
					b = 3
				}
				m.offer(d, key{band: b, layer: layerKey(r.layer, d.important), spec: r.spec, sheet: sheet, order: r.order})
			}
		}
	}
	try(x.any)
	if x.byTag != nil {
		try(x.byTag[n.Data])
	}
	if id != "" && x.byID != nil {
		try(x.byID[id])
	}
	if x.byClass != nil {
		for _, cl := range classes {
			try(x.byClass[cl])
		}
	}
}

// filtered reports whether every key a rule needs among the ancestors may
// be there.
func filtered(anc *Filter, need []ancBits) bool {
	for _, b := range need {
		if !anc.has(b) {
			return false
		}
	}
	return true
}

func attrOf(n *html.Node, k string) string {
	for _, a := range n.Attr {
		if a.Key == k && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// maxStyleAttr bounds the style attribute read per element.
const maxStyleAttr = 16 << 10

// inline parses a style attribute's declarations.
func inline(style string) []decl {
	if len(style) > maxStyleAttr {
		style = style[:maxStyleAttr]
	}
	p := tcss.NewParser(input([]byte(style)), true)
	var ds []decl
	for len(ds) < 256 {
		gt, _, data := p.Next()
		switch gt {
		case tcss.ErrorGrammar:
			if p.HasParseError() {
				continue
			}
			return ds
		case tcss.DeclarationGrammar:
			ds = appendDecls(ds, string(data), p.Values())
		case tcss.CustomPropertyGrammar:
			v := ""
			if vals := p.Values(); len(vals) > 0 {
				v = strings.TrimSpace(string(vals[0].Data))
			}
			ds = append(ds, newDecl(string(data), pCustom, v, false))
		}
	}
	return ds
}

// Compute returns the computed style of element e, given its parent's
// (nil for the root element). root is the root element's style (nil when
// e is the root), for rem. Elements must be computed in document order:
// parents and earlier siblings first.
func (c *Cascade) Compute(e *Node, parent, root *Style) *Style {
	n := e.N
	m := matched{props: c.scratch[:0]}
	c.collect(&m, e, e.anc, idxMain, "")
	hints(&m, n)
	if st, ok := attrFull(n, "style"); ok {
		ds := inline(st)
		for i := range ds {
			b := 2
			if ds[i].important {
				b = 4
			}
			m.offer(&ds[i], key{band: b, order: i})
			m.own = true
		}
	}
	// An element whose declarations in force are the same as an earlier
	// one's, over the same parent style, has the same style: it is shared
	// (styles are read-only), which saves computing and keeping it again.
	// Declarations of its own (hints, a style attribute) are never the
	// same.
	var k shareKey
	share := parent != nil && !m.own && len(c.share) < maxShared
	if share {
		k = shareKey{parent: parent, root: root, sig: m.signature()}
		if s, ok := c.share[k]; ok {
			c.scratch = m.props[:0]
			return s
		}
	}
	s := compute(m, parent, root, true)
	if share {
		if c.share == nil {
			c.share = map[shareKey]*Style{}
		}
		c.share[k] = s
	}
	c.scratch = m.props[:0] // the winners are copied into s: the list is reused
	return s
}

// shareKey finds a computed style by its parent's style, the root's and
// the signature of the declarations in force.
type shareKey struct {
	parent, root *Style
	sig          uint64
}

// maxShared bounds the styles a page keeps for sharing.
const maxShared = 1 << 16

// signature hashes the declarations in force and how each won: equal
// signatures mean the same declarations, so the same computed style over
// the same parent. (64 bits: two different sets share one by chance once
// in about 10^15 pages of a thousand elements.)
func (m *matched) signature() uint64 {
	h := hashMix(hashSeed, uint64(len(m.props)))
	mix := func(x uint64) { h = hashMix(h, x) }
	for i := range m.props {
		w := &m.props[i]
		k := &w.k
		mix(w.d.serial)
		mix(uint64(uint32(k.band))<<32 | uint64(uint32(k.layer)))
		mix(uint64(uint32(k.spec[0]))<<42 ^ uint64(uint32(k.spec[1]))<<21 ^ uint64(uint32(k.spec[2])))
		mix(uint64(uint32(k.sheet))<<32 | uint64(uint32(k.order)))
	}
	return h
}

// presentational are the declarations that HTML's presentational
// attributes stand for (bgcolor, <font color>, <body text>), by attribute.
var presentational = map[string]prop{"bgcolor": pBackgroundColor, "color": pColor, "text": pColor}

// hints offers the declarations of an element's presentational
// attributes, which HTML's rendering section maps to CSS below every
// author rule (specificity zero, before the first sheet).
func hints(m *matched, n *html.Node) {
	if n.Namespace != "" {
		return
	}
	for _, a := range n.Attr {
		id, ok := presentational[a.Key]
		if !ok || a.Namespace != "" {
			continue
		}
		switch {
		case a.Key == "bgcolor" && (n.Data == "body" || n.Data == "table" || n.Data == "tr" || n.Data == "td" || n.Data == "th" || n.Data == "thead" || n.Data == "tbody" || n.Data == "tfoot"):
		case a.Key == "color" && n.Data == "font":
		case a.Key == "text" && n.Data == "body":
		default:
			continue
		}
		v := strings.TrimSpace(a.Val)
		if v != "" && v[0] != '#' && len(v) == 6 && strings.Trim(strings.ToLower(v), "0123456789abcdef") == "" {
			v = "#" + v // legacy colour values often drop the #
		}
		d := &decl{prop: propNames[id], id: id, value: v}
		if _, taken := m.get(id); !taken {
			m.offer(d, key{band: 1})
			m.own = true
		}
	}
}

// PseudoBox reports whether a ::before or ::after of element n (whose
// computed style is s) has content and a background that may lie behind
// its text. It is asked only of the elements behind text whose contrast
// is judged.
func (c *Cascade) PseudoBox(n *Node, s, root *Style) bool {
	if c.noPseudo {
		return false
	}
	for _, pe := range []string{"before", "after"} {
		pm := matched{}
		c.collect(&pm, n, n.anc, idxPseudo, pe)
		if len(pm.props) == 0 {
			continue
		}
		ps := compute(pm, s, root, false)
		content := ""
		if w, ok := pm.get(pContent); ok {
			content = strings.TrimSpace(w.d.value)
		}
		if content != "" && content != "none" && content != "normal" && ps.Display != "none" &&
			(ps.BGImage != "" || ps.BGOK && ps.BG.A > 0 || !ps.BGOK) {
			return true
		}
	}
	return false
}

func attrFull(n *html.Node, k string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == k && a.Namespace == "" {
			return a.Val, true
		}
	}
	return "", false
}

// FocusStyle reports what the :focus and :focus-visible rules matching n
// do to its focus indicator: removed is true when they set outline to
// none or zero width, replaced when they also draw something in its
// place (an outline of their own, a box-shadow, a border, a background
// or a colour, or an underline).
func (c *Cascade) FocusStyle(n *Node, s *Style) (removed, replaced bool) {
	if c.noFocus {
		return false, false
	}
	m := matched{}
	c.collect(&m, n, n.anc, idxFocus, "")
	for _, pw := range m.props {
		prop, v := pw.prop, strings.ToLower(pw.d.value)
		switch prop {
		case "outline", "outline-style":
			if v == "none" || v == "0" || strings.HasPrefix(v, "0 ") || strings.Contains(v, "none") {
				removed = true
			} else {
				replaced = true
			}
		case "outline-width":
			if v == "0" || strings.HasPrefix(v, "0px") {
				removed = true
			}
		case "box-shadow":
			if v != "none" {
				replaced = true
			}
		case "border", "border-bottom", "border-bottom-style", "border-bottom-width", "background", "background-color", "color",
			"text-decoration", "text-decoration-line":
			if v != "none" && v != "inherit" && v != "transparent" {
				replaced = true
			}
		}
	}
	return removed, replaced
}

// value returns the computed text of a property after var()
// substitution: the winning declaration's, or the parent's for an
// inherited property, or "" for its initial value. bad is true when a
// var() could not be resolved (the property is then unset, as CSS says,
// and the caller says it could not tell).
func (s *Style) value(m *matched, p prop) (v string, explicit, bad bool) {
	w, ok := m.get(p)
	if !ok {
		return "", false, false
	}
	v = w.d.value
	if w.d.vars {
		r, ok := substitute(v, s.vars, 0)
		if !ok {
			return "", false, true
		}
		v = r
	}
	return strings.TrimSpace(v), true, false
}

// varScope is one element's custom properties over its parent's scope.
type varScope struct {
	parent *varScope
	vars   map[string]string
}

// get returns the value of a custom property: the nearest scope's. An
// empty value is the guaranteed-invalid one.
func (v *varScope) get(name string) (string, bool) {
	for s := v; s != nil; s = s.parent {
		if x, ok := s.vars[name]; ok {
			return x, true
		}
	}
	return "", false
}

// maxVarDepth bounds var() substitution (cycles, and chains built to
// explode).
const maxVarDepth = 16

// substitute replaces var(--x, fallback) references.
func substitute(v string, vars *varScope, depth int) (string, bool) {
	if depth > maxVarDepth {
		return "", false
	}
	var b strings.Builder
	for {
		i := strings.Index(v, "var(")
		if i < 0 {
			b.WriteString(v)
			break
		}
		b.WriteString(v[:i])
		j, d := i+4, 1
		for ; j < len(v) && d > 0; j++ {
			switch v[j] {
			case '(':
				d++
			case ')':
				d--
			}
		}
		if d != 0 {
			return "", false
		}
		inner := v[i+4 : j-1]
		name, fallback, hasFallback := strings.Cut(inner, ",")
		name = strings.TrimSpace(name)
		val, ok := vars.get(name)
		if !ok || val == "" {
			if !hasFallback {
				return "", false
			}
			val = strings.TrimSpace(fallback)
		}
		r, ok := substitute(val, vars, depth+1)
		if !ok {
			return "", false
		}
		if b.Len()+len(r) > 64<<10 {
			return "", false // a chain built to explode
		}
		b.WriteString(r)
		v = v[j:]
	}
	return b.String(), true
}

// compute turns the declarations in force into a computed style.
// compute turns the declarations in force into a computed style, sharing
// custom property scopes (scopes) when shareScopes is set.
func compute(m matched, parent, root *Style, shareScopes bool) *Style {
	s := &Style{Opacity: 1, Display: "inline", Visible: true, Position: "static", ColorOK: true, BGOK: true, FontOK: true,
		Color: Color{0, 0, 0, 1}, FontSize: 16, Weight: 400}
	if parent != nil {
		s.Color, s.ColorOK, s.FontSize, s.FontOK, s.Weight = parent.Color, parent.ColorOK, parent.FontSize, parent.FontOK, parent.Weight
		s.Visible, s.Shadow, s.vars = parent.Visible, parent.Shadow, parent.vars
		s.ShadowColors, s.ShadowOK = parent.ShadowColors, parent.ShadowOK
	}
	unresolved := func(what string) {
		if s.Unresolved == "" {
			s.Unresolved = what
		}
	}
	// Custom properties first: everything else may read them. Elements
	// that declare the same ones over the same inherited scope share one
	// scope: frameworks declare a component's twenty on every instance.
	var vk varsKey
	shareVars := shareScopes && m.has&1 != 0
	if shareVars {
		vk = varsKey{parent: s.vars, sig: m.customSignature()}
		scopes.Lock()
		v, ok := scopes.m[vk]
		scopes.Unlock()
		if ok {
			s.vars = v
			m.has &^= 1 // read: the loop below has nothing to do
		}
	}
	var own *varScope
	for _, pw := range m.props {
		if m.has&1 == 0 {
			break
		}
		prop, w := pw.prop, pw.winner
		if pw.id != pCustom {
			continue
		}
		if own == nil {
			// A scope of the element's own over the inherited ones: no
			// copy of what it inherits (frameworks declare hundreds).
			own = &varScope{parent: s.vars, vars: map[string]string{}}
		}
		v := w.d.value
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "initial":
			// The guaranteed-invalid value: var() takes its fallback.
			v = ""
		case "inherit", "unset":
			v, _ = s.vars.get(prop)
		}
		own.vars[prop] = v
	}
	if own != nil {
		// A custom property's own var() references resolve on the element
		// that declares it; a cycle makes the properties in it invalid.
		resolved := make(map[string]string, len(own.vars))
		for k, v := range own.vars {
			if strings.Contains(v, "var(") {
				if r, ok := substitute(v, own, 1); ok {
					v = r
				} else {
					v = ""
				}
			}
			resolved[k] = v
		}
		own.vars = resolved
		s.vars = own
		if shareVars {
			scopes.Lock()
			if scopes.m == nil || len(scopes.m) >= maxScopes {
				scopes.m = map[varsKey]*varScope{}
			}
			scopes.m[vk] = own
			scopes.Unlock()
		}
	}
	keyword := func(p prop) (string, bool) {
		v, explicit, bad := s.value(&m, p)
		if bad {
			unresolved("var()")
			return "", false
		}
		return strings.ToLower(v), explicit
	}
	rootFont := 16.0
	if root != nil {
		rootFont = root.FontSize
	}
	parentFont := 16.0
	if parent != nil {
		parentFont = parent.FontSize
	}
	// font and font-size
	if v, ok := keyword(pFontSize); ok {
		s.fontSize(v, parentFont, rootFont)
	}
	if v, ok := keyword(pFont); ok {
		if fs, fw, fine := fontShorthand(v); fine {
			if !m.at(pFont).k.less(m.at(pFontSize).k) || !m.at(pFontSize).set {
				s.fontSize(fs, parentFont, rootFont)
			}
			if !m.at(pFontWeight).set || !m.at(pFont).k.less(m.at(pFontWeight).k) {
				s.fontWeight(fw, parent)
			}
		} else {
			s.FontOK = false
		}
	}
	if v, ok := keyword(pFontWeight); ok && (!m.at(pFont).set || m.at(pFont).k.less(m.at(pFontWeight).k)) {
		s.fontWeight(v, parent)
	}
	if parent == nil && s.FontSize <= 0 {
		s.FontSize = 16
	}
	// color
	if v, ok := keyword(pColor); ok {
		switch v {
		case "inherit", "unset", "revert", "revert-layer":
		case "initial":
			s.Color, s.ColorOK = Color{0, 0, 0, 1}, true
		default:
			cur := s.Color
			if c, ok := ParseColor(v, cur); ok {
				s.Color, s.ColorOK = c, true
			} else {
				s.ColorOK = false
				unresolved("color")
			}
		}
	}
	if v, ok := keyword(pWebkitTextFillColor); ok && v != "currentcolor" && v != "inherit" && v != "initial" && v != "unset" {
		if c, ok := ParseColor(v, s.Color); ok {
			s.Color, s.ColorOK = c, true
		} else {
			s.ColorOK = false
			unresolved("color")
		}
	}
	// background: the shorthand or the longhands, whichever wins.
	bgShort, bgShortSet := m.get(pBackground)
	bgc, bgcSet := m.get(pBackgroundColor)
	bgi, bgiSet := m.get(pBackgroundImage)
	s.BG = Color{}
	if bgShortSet && (!bgcSet || bgc.k.less(bgShort.k)) {
		v, _ := keyword(pBackground)
		c, img, ok := backgroundShorthand(v, s.Color)
		s.BG, s.BGOK = c, ok
		if !ok {
			unresolved("background")
		}
		if !bgiSet || bgi.k.less(bgShort.k) {
			s.BGImage = img
		}
	} else if bgcSet {
		v, _ := keyword(pBackgroundColor)
		switch v {
		case "", "initial", "unset", "inherit", "revert", "revert-layer":
			// inherit of a background is rare and undecidable here; initial is transparent
			if v == "inherit" {
				s.BGOK = false
			}
		default:
			if c, ok := ParseColor(v, s.Color); ok {
				s.BG = c
			} else {
				s.BGOK = false
				unresolved("background")
			}
		}
	}
	if bgiSet && (!bgShortSet || bgShort.k.less(bgi.k)) {
		v, _ := keyword(pBackgroundImage)
		s.BGImage = imageKind(v)
		if s.BGImage == "gradient" {
			s.Gradient = gradientColors(v, s.Color)
		}
	} else if s.BGImage == "gradient" {
		v, _ := keyword(pBackground)
		s.Gradient = gradientColors(v, s.Color)
	}
	// the rest
	if v, ok := keyword(pOpacity); ok {
		if strings.HasSuffix(v, "%") {
			if n, err := strconv.ParseFloat(v[:len(v)-1], 64); err == nil {
				s.Opacity = clamp01(n / 100)
			}
		} else if n, err := strconv.ParseFloat(v, 64); err == nil {
			s.Opacity = clamp01(n)
		}
	}
	if v, ok := keyword(pDisplay); ok && v != "inherit" && v != "initial" && v != "unset" && v != "revert" {
		s.Display = v
	}
	if v, ok := keyword(pVisibility); ok {
		switch v {
		case "hidden", "collapse":
			s.Visible = false
		case "visible":
			s.Visible = true
		}
	}
	if v, ok := keyword(pPosition); ok {
		switch v {
		case "relative", "absolute", "fixed", "sticky", "static":
			s.Position = v
		}
	}
	if v, ok := keyword(pTextShadow); ok {
		switch v {
		case "inherit", "unset", "revert":
		case "none", "initial":
			s.Shadow, s.ShadowColors = false, nil
		default:
			s.Shadow = true
			s.ShadowColors, s.ShadowOK = shadowColors(v, s.Color)
		}
	}
	if v, ok := keyword(pMixBlendMode); ok && v != "normal" && v != "initial" && v != "unset" {
		s.Blend = true
	}
	for _, p := range []prop{pFilter, pBackdropFilter} {
		if v, ok := keyword(p); ok && v != "none" && v != "initial" && v != "unset" {
			s.Filter = true
		}
	}
	if v, ok := keyword(pTransform); ok && v != "none" && v != "initial" && v != "unset" {
		s.Transform = true
	}
	s.Clipped = clipped(s, keyword, parentFont, rootFont)
	s.PulledUp = negativeMargin(keyword)
	s.InsetOK = true
	if v, ok := keyword(pBoxShadow); ok && strings.Contains(v, "inset") {
		s.Inset, s.InsetOK = insetFill(v, s.Color)
	}
	if v, ok := keyword(pTextDecorationLine); ok {
		s.Underline = strings.Contains(v, "underline")
	}
	for _, p := range []prop{pBorder, pBorderBottom, pBorderBottomStyle} {
		if v, ok := keyword(p); ok {
			s.Border = v != "none" && v != "0" && v != "hidden" && !strings.HasPrefix(v, "0 ") && !strings.Contains(v, " none") &&
				!strings.HasPrefix(v, "none") && v != "initial" && v != "unset"
		}
	}
	if v, ok := keyword(pBorderBottomWidth); ok && (v == "0" || strings.HasPrefix(v, "0px")) {
		s.Border = false
	}
	for _, p := range []prop{pOutline, pOutlineStyle} {
		if v, ok := keyword(p); ok {
			s.OutlineNone = v == "none" || v == "0" || strings.HasPrefix(v, "0 ") || strings.Contains(v, "none")
		}
	}
	if v, ok := keyword(pOutlineWidth); ok && (v == "0" || strings.HasPrefix(v, "0px")) {
		s.OutlineNone = true
	}
	if td, ok := m.get(pTextDecoration); ok {
		if tdl, ok2 := m.get(pTextDecorationLine); !ok2 || tdl.k.less(td.k) {
			v, _ := keyword(pTextDecoration)
			s.Underline = strings.Contains(v, "underline")
		}
	}
	return s
}

func clamp01(x float64) float64 { return math.Max(0, math.Min(1, x)) }

func (s *Style) fontSize(v string, parentFont, rootFont float64) {
	switch v {
	case "", "inherit", "unset", "revert", "revert-layer":
		return
	case "initial", "medium":
		s.FontSize = 16
		return
	case "smaller":
		s.FontSize = parentFont / 1.2
		return
	case "larger":
		s.FontSize = parentFont * 1.2
		return
	}
	if px, ok := fontKeywords[v]; ok {
		s.FontSize = px
		return
	}
	px, ok := length(v, lengthCtx{em: parentFont, rem: rootFont, pct: parentFont})
	if !ok || px < 0 {
		s.FontOK = false
		if s.Unresolved == "" {
			s.Unresolved = "font-size"
		}
		return
	}
	s.FontSize = px
}

var fontKeywords = map[string]float64{"xx-small": 9, "x-small": 10, "small": 13, "large": 18, "x-large": 24, "xx-large": 32, "xxx-large": 48}

func (s *Style) fontWeight(v string, parent *Style) {
	pw := 400
	if parent != nil {
		pw = parent.Weight
	}
	switch v {
	case "", "inherit", "unset", "revert", "revert-layer":
		return
	case "normal", "initial":
		s.Weight = 400
	case "bold":
		s.Weight = 700
	case "bolder":
		switch {
		case pw < 350:
			s.Weight = 400
		case pw < 550:
			s.Weight = 700
		default:
			s.Weight = 900
		}
	case "lighter":
		switch {
		case pw < 550:
			s.Weight = 100
		case pw < 750:
			s.Weight = 400
		default:
			s.Weight = 700
		}
	default:
		if n, err := strconv.ParseFloat(v, 64); err == nil && n >= 1 && n <= 1000 {
			s.Weight = int(n)
		}
	}
}

// fontShorthand reads the size and weight of a font shorthand: "bold
// 1.5rem/1.2 Arial", "700 16px sans-serif", "italic small-caps 12px x".
// A system font (caption, menu...) is not read.
func fontShorthand(v string) (size, weight string, ok bool) {
	weight = "normal"
	fields := strings.Fields(v)
	for _, f := range fields {
		f = strings.TrimSuffix(f, ",")
		if i := strings.IndexByte(f, '/'); i > 0 {
			f = f[:i]
		}
		switch f {
		case "bold", "bolder", "lighter", "normal":
			if f != "normal" {
				weight = f
			}
			continue
		case "italic", "oblique", "small-caps":
			continue
		}
		if n, err := strconv.Atoi(f); err == nil && n >= 1 && n <= 1000 {
			weight = f
			continue
		}
		if _, kw := fontKeywords[f]; kw || f == "medium" || f == "smaller" || f == "larger" {
			return f, weight, true
		}
		if strings.ContainsAny(f[:1], "0123456789.") || strings.HasPrefix(f, "calc(") || strings.HasPrefix(f, "clamp(") ||
			strings.HasPrefix(f, "min(") || strings.HasPrefix(f, "max(") {
			return f, weight, true
		}
		return "", "", false
	}
	return "", "", false
}

// backgroundShorthand reads the colour and image of a background
// shorthand: the colour is its last layer's colour, transparent when it
// names none.
func backgroundShorthand(v string, current Color) (Color, string, bool) {
	switch v {
	case "", "none", "initial", "unset", "transparent":
		return Color{}, "", true
	case "inherit":
		return Color{}, "", false
	}
	img := imageKind(v)
	// The colour is a token of the last layer outside functions, or a
	// colour function.
	layers := splitTop(v, ',')
	last := layers[len(layers)-1]
	c, found := Color{}, false
	for _, tok := range topFields(last) {
		if strings.HasPrefix(tok, "url(") || strings.Contains(tok, "gradient(") || strings.HasPrefix(tok, "image-set(") {
			continue
		}
		if cc, ok := ParseColor(tok, current); ok {
			c, found = cc, true
		} else if strings.Contains(tok, "(") && !strings.HasPrefix(tok, "calc(") {
			return Color{}, img, false // a colour function it cannot read
		}
	}
	_ = found
	return c, img, true
}

// topFields splits at white space outside parentheses.
func topFields(s string) []string {
	var out []string
	depth, start := 0, -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || (depth == 0 && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
		}
	}
	return out
}

// imageKind says whether a background value paints an image: "gradient",
// "image" or "".
func imageKind(v string) string {
	switch {
	case strings.Contains(v, "gradient("):
		return "gradient"
	case strings.Contains(v, "url(") || strings.Contains(v, "image-set(") || strings.Contains(v, "element("):
		return "image"
	}
	return ""
}

// clipped recognises the patterns that keep text for screen readers but
// off the screen: clip: rect(0 0 0 0) or rect(1px...) on an absolutely
// positioned box, clip-path: inset(50%) or inset(100%), a width or
// height of 1px or less with overflow hidden, a text-indent of -999px or
// more, or a position far off the left or top.
func clipped(s *Style, kw func(prop) (string, bool), em, rem float64) bool {
	if v, ok := kw(pClipPath); ok {
		if strings.HasPrefix(v, "inset(50%") || strings.HasPrefix(v, "inset(100%") || v == "circle(0)" || strings.HasPrefix(v, "polygon(0 0, 0 0") || v == "inset(50%)" {
			return true
		}
	}
	abs := s.Position == "absolute" || s.Position == "fixed"
	if v, ok := kw(pClip); ok && abs && strings.HasPrefix(v, "rect(") {
		inner := strings.NewReplacer(",", " ", "px", "").Replace(strings.TrimSuffix(strings.TrimPrefix(v, "rect("), ")"))
		f := strings.Fields(inner)
		if len(f) == 4 {
			t, _ := strconv.ParseFloat(f[0], 64)
			r, _ := strconv.ParseFloat(f[1], 64)
			b, _ := strconv.ParseFloat(f[2], 64)
			l, _ := strconv.ParseFloat(f[3], 64)
			if b-t <= 1 || r-l <= 1 {
				return true
			}
		}
	}
	ctx := lengthCtx{em: em, rem: rem}
	overflow, _ := kw(pOverflow)
	if overflow == "hidden" || overflow == "clip" {
		for _, p := range []prop{pWidth, pHeight, pMaxWidth, pMaxHeight} {
			if v, ok := kw(p); ok {
				if px, ok := length(v, ctx); ok && px <= 1 {
					return true
				}
			}
		}
	}
	if v, ok := kw(pTextIndent); ok {
		if px, ok := length(v, ctx); ok && px <= -999 {
			return true
		}
	}
	if abs {
		for _, p := range []prop{pLeft, pTop} {
			if v, ok := kw(p); ok {
				if px, ok := length(v, ctx); ok && px <= -999 {
					return true
				}
			}
		}
	}
	return false
}

// shadowColors reads the colours of a text-shadow list; a shadow without
// a colour is drawn in the text's colour.
func shadowColors(v string, current Color) ([]Color, bool) {
	var out []Color
	for _, sh := range splitTop(v, ',') {
		c, found := current, false
		for _, tok := range topFields(strings.TrimSpace(sh)) {
			if cc, ok := ParseColor(tok, current); ok {
				c, found = cc, true
			} else if _, isLen := length(tok, lengthCtx{em: 16, rem: 16}); !isLen {
				return nil, false
			}
		}
		if !found {
			c = current
		}
		out = append(out, c)
	}
	return out, len(out) > 0
}

// gradientColors reads the colour stops of a background made of
// gradients alone, with the stops between them sampled (sRGB
// interpolation, as browsers draw by default). nil when any layer is not
// a gradient or a stop cannot be read.
func gradientColors(v string, current Color) []Color {
	var out []Color
	for _, layer := range topLayers(v) {
		layer = strings.TrimSpace(layer)
		open := strings.IndexByte(layer, '(')
		if open < 0 || !strings.HasSuffix(layer, ")") || !strings.Contains(layer[:open], "gradient") {
			// a colour after the gradients (in a shorthand) is read by the
			// caller; anything else is not a gradient.
			if _, ok := ParseColor(layer, current); ok || layer == "" || isBackgroundKeyword(layer) {
				continue
			}
			return nil
		}
		var stops []Color
		for i, arg := range splitTop(layer[open+1:len(layer)-1], ',') {
			f := topFields(strings.TrimSpace(arg))
			if len(f) == 0 {
				return nil
			}
			c, ok := ParseColor(f[0], current)
			if !ok && len(f) > 1 {
				c, ok = ParseColor(f[len(f)-1], current)
			}
			if !ok {
				if i == 0 {
					continue // the direction, angle or shape
				}
				if _, isLen := length(f[0], lengthCtx{em: 16, rem: 16, pct: 100}); isLen {
					continue // a colour hint
				}
				return nil
			}
			stops = append(stops, c)
		}
		if len(stops) == 0 {
			return nil
		}
		for i, c := range stops {
			out = append(out, c)
			if i+1 < len(stops) {
				d := stops[i+1]
				for k := 1; k < 4; k++ {
					t := float64(k) / 4
					out = append(out, Color{c.R + (d.R-c.R)*t, c.G + (d.G-c.G)*t, c.B + (d.B-c.B)*t, c.A + (d.A-c.A)*t})
				}
			}
		}
	}
	if len(out) > 64 {
		return nil
	}
	return out
}

// topLayers splits a background value into its layers and, in a
// shorthand, the words between functions.
func topLayers(v string) []string {
	var out []string
	for _, l := range splitTop(v, ',') {
		out = append(out, topFields(strings.TrimSpace(l))...)
	}
	return out
}

func isBackgroundKeyword(w string) bool {
	switch w {
	case "no-repeat", "repeat", "repeat-x", "repeat-y", "space", "round", "scroll", "fixed", "local", "top", "bottom",
		"left", "right", "center", "cover", "contain", "auto", "/", "border-box", "padding-box", "content-box", "text":
		return true
	}
	_, ok := length(w, lengthCtx{em: 16, rem: 16, pct: 100})
	return ok
}

// insetFill reads an inset box-shadow that fills its box (a spread of
// 100px or more, no offset): the colour it paints over the background.
// A thin inset shadow paints only the edges, behind no text: nothing.
func insetFill(v string, current Color) (Color, bool) {
	var out Color
	for _, sh := range splitTop(v, ',') {
		f := topFields(strings.TrimSpace(sh))
		inset := false
		var lens []float64
		c, found := current, false
		for _, tok := range f {
			if tok == "inset" {
				inset = true
				continue
			}
			if px, ok := length(tok, lengthCtx{em: 16, rem: 16}); ok {
				lens = append(lens, px)
				continue
			}
			cc, ok := ParseColor(tok, current)
			if !ok {
				return Color{}, false
			}
			c, found = cc, true
		}
		_ = found
		if !inset || len(lens) < 4 || lens[3] < 100 {
			continue
		}
		out = c.Over(out)
	}
	return out, true
}

// negativeMargin reports whether the margin shorthand or margin-top or
// margin-left is negative.
func negativeMargin(kw func(prop) (string, bool)) bool {
	neg := func(v string) bool { return strings.HasPrefix(strings.TrimSpace(v), "-") }
	if v, ok := kw(pMargin); ok {
		f := topFields(v)
		switch len(f) {
		case 1, 2, 3:
			if neg(f[0]) || len(f) >= 2 && neg(f[1]) {
				return true
			}
		case 4:
			if neg(f[0]) || neg(f[3]) {
				return true
			}
		}
	}
	for _, p := range []prop{pMarginTop, pMarginLeft} {
		if v, ok := kw(p); ok && neg(v) {
			return true
		}
	}
	return false
}
