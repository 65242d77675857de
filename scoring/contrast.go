package scoring

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/css"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ContrastVerdict is the text contrast rule's verdict on one element with
// text of its own.
type ContrastVerdict struct {
	Outcome  Outcome
	Reason   string    // why it can't tell (one of the Cant* codes); "" otherwise
	FG, BG   css.Color // the text colour as drawn and the background composed behind it
	Ratio    float64   // the contrast ratio, when measured
	Required float64   // 4.5, or 3 for large text (WCAG 1.4.3)
	SizePx   float64   // computed font size in CSS pixels
	Bold     bool      // font-weight 700 or more
}

// The reasons the contrast rules can't tell, as stored and reported. Each
// names something only a browser's layout or painting could settle.
const (
	CantBGImage     = "bg-image"
	CantBGGradient  = "bg-gradient"
	CantImageBehind = "image-behind"
	CantPositioned  = "positioned"
	CantTextShadow  = "text-shadow"
	CantBlend       = "blend-mode"
	CantFilter      = "filter"
	CantColor       = "color-unresolved"
	CantPseudo      = "pseudo-content"
	CantStylesheet  = "stylesheet-missing"
	CantFontSize    = "font-size-unresolved"
	CantTransform   = "transform"
	CantShortText   = "short-text"
)

// CantTellReasons says what each reason code means, for docs/rules.md and
// the report.
var CantTellReasons = []struct{ Code, Means string }{
	{CantBGImage, "a background image lies behind the text (on it or an ancestor, before an opaque background)"},
	{CantBGGradient, "a gradient lies behind the text and the text passes on part of it and fails on another (or it cannot be read)"},
	{CantImageBehind, "an image, video, canvas, svg or iframe positioned out of the flow in a box behind the text may lie under it"},
	{CantPositioned, "the text is in a box positioned (absolute or fixed) out of the boxes whose backgrounds are known"},
	{CantTextShadow, "a text-shadow, whose colour would change the verdict, lies between the text and its background"},
	{CantBlend, "mix-blend-mode mixes the text or a box behind it with what is below"},
	{CantFilter, "a filter or backdrop-filter changes the colours"},
	{CantColor, "a colour, background or var() that the cascade cannot resolve (color-mix(), lab(), a var() cycle...)"},
	{CantPseudo, "a ::before or ::after box with content and a background may lie behind the text"},
	{CantStylesheet, "a stylesheet of the page was not fetched (the site's budget, robots.txt, the address guard) or the cascade's work limit ran out"},
	{CantFontSize, "the font size cannot be resolved and the ratio lies between 3:1 and 4.5:1, where size decides"},
	{CantTransform, "a transform may move the text over something else"},
	{CantShortText, "the text is one character (\"X\", \"»\"): often an icon whose meaning is elsewhere, as axe-core finds too"},
}

// The WCAG thresholds.
const (
	largeTextPx     = 24.0         // 18pt
	largeBoldTextPx = 14.0 * 4 / 3 // 14pt
	boldWeight      = 700
)

// Contrast judges the text contrast of one element (WCAG 1.4.3, ACT
// afw4f7): Inapplicable when it has no visible text of its own, else
// Passed, Failed or CantTell with a reason. Verdicts are kept per page.
func (p *Page) Contrast(e *Element) ContrastVerdict {
	if e.contrast != nil {
		return *e.contrast
	}
	v := p.judgeContrast(e)
	if v == inapplicable {
		e.contrast = &inapplicable // most elements: no copy of their own
	} else {
		c := v
		e.contrast = &c
	}
	return v
}

// inapplicable is the verdict on an element whose text is not judged.
var inapplicable = ContrastVerdict{Outcome: Inapplicable}

// ownText reports whether e has a text node child with something other
// than white space, as drawn: the visible text that the rule is about.
// Text of icon fonts alone (private-use or astral symbols) is not read,
// nor text with no letter or digit ("----====", "|"): it is no human
// language, to which WCAG 1.4.3 does not apply (ACT afw4f7).
func ownText(e *Element) bool {
	for c := e.Node.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && hasWord(c.Data) && !nonBMPOnly(c.Data) {
			return true
		}
	}
	return false
}

// shortText reports whether an element's own text is one character.
func shortText(e *Element) bool {
	n := 0
	for c := e.Node.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			n += utf8.RuneCountInString(strings.TrimFunc(c.Data, unicode.IsSpace))
		}
	}
	return n == 1
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// hasWord reports whether s has a letter or digit (isWordRune): a byte
// at a time through ASCII, as most of a page's text (and all of the white
// space between its tags) is.
func hasWord(s string) bool {
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if l := b | 0x20; 'a' <= l && l <= 'z' || '0' <= b && b <= '9' {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			return true
		}
		i += n
	}
	return false
}

// contrastApplies says whether the rule judges e's text: HTML text, drawn
// and on screen (not the visually-hidden patterns), not in a disabled
// control or its label, not a control's native rendering.
func (p *Page) contrastApplies(e *Element) bool {
	n := e.Node
	if n.Namespace != "" || e.style == nil || !e.visible() || e.inTemplate || e.ariaHidden || !ownText(e) {
		return false
	}
	switch n.DataAtom {
	case atom.Option, atom.Optgroup, atom.Select, atom.Textarea, atom.Title, atom.Script, atom.Style, atom.Noscript:
		return false
	}
	if e.style.FontSize == 0 && e.style.FontOK {
		return false
	}
	p.markDisabledLabels()
	return !p.contrastExempt(e)
}

// contrastExempt reports whether e or an ancestor takes its text out of
// the rule: clipped or transparent, disabled (or aria-disabled), a label
// of a disabled control, or naming a disabled widget. It is settled once
// per element, from its parent's answer: text elements share most of
// their ancestors.
func (p *Page) contrastExempt(e *Element) bool {
	// Up to the nearest ancestor settled already, then down again.
	var chain []*Element
	a := e
	for ; a != nil && a.exempt == 0; a = a.Parent {
		chain = append(chain, a)
	}
	ex := a != nil && a.exempt == triYes
	for i := len(chain) - 1; i >= 0; i-- {
		c := chain[i]
		ex = ex || p.contrastExemptSelf(c)
		c.exempt = triNo
		if ex {
			c.exempt = triYes
		}
	}
	return ex
}

func (p *Page) contrastExemptSelf(a *Element) bool {
	s := a.style
	if s == nil || s.Clipped || s.Opacity == 0 {
		return true
	}
	if p.disabled(a) || ariaTrue(attrVal(a.Node, "aria-disabled")) {
		return true
	}
	if isHTML(a, atom.Label) {
		if c := p.labelledControl(a); c != nil && p.disabled(c) {
			return true
		}
	}
	return a.disabledLabel
}

// markDisabledLabels marks the elements that name a disabled widget
// through its aria-labelledby: text that is part of a disabled
// component's label, which WCAG 1.4.3 exempts. Done once per page, when
// the contrast rule first asks.
func (p *Page) markDisabledLabels() {
	if p.disabledLabelsDone {
		return
	}
	p.disabledLabelsDone = true
	for _, e := range p.Elements {
		if !e.hasARIA {
			continue
		}
		ids, ok := e.Attr("aria-labelledby")
		if !ok || !(p.disabled(e) || ariaTrue(attrVal(e.Node, "aria-disabled"))) {
			continue
		}
		for _, id := range strings.Fields(ids) {
			if l := p.ByID(id); l != nil {
				l.disabledLabel = true
			}
		}
	}
}

// labelledControl returns the control a <label> labels: its for
// attribute's target, else the first control inside it.
func (p *Page) labelledControl(label *Element) *Element {
	if id, ok := label.Attr("for"); ok {
		return p.ByID(id)
	}
	for _, c := range p.Elements[label.Index+1:] {
		if !isDescendant(c, label) {
			break
		}
		switch c.Node.DataAtom {
		case atom.Input, atom.Select, atom.Textarea, atom.Button:
			return c
		}
	}
	return nil
}

func isDescendant(e, anc *Element) bool {
	for a := e.Parent; a != nil; a = a.Parent {
		if a == anc {
			return true
		}
	}
	return false
}

func (p *Page) judgeContrast(e *Element) ContrastVerdict {
	if !p.contrastApplies(e) {
		return ContrastVerdict{Outcome: Inapplicable}
	}
	s := e.style
	v := ContrastVerdict{SizePx: s.FontSize, Bold: s.Weight >= boldWeight}
	cant := func(why string) ContrastVerdict { v.Outcome, v.Reason = CantTell, why; return v }
	if !s.ColorOK {
		return cant(CantColor)
	}
	// Opacity multiplies down the tree: the text is drawn at the product
	// of its own and its ancestors' opacities (as axe-core composes it).
	fg := s.Color
	fg.A *= e.opacity

	// The background: the element's and its ancestors' background
	// colours (and gradients, stop by stop), from the text down to the
	// first opaque one, composed over the canvas (white).
	type layer struct{ colors []css.Color }
	var layers []layer
	var pendingCB *Element // the containing block a positioned box on the way may be drawn relative to
	var via *Element       // the child of a on the way up from the text
	reason := ""
	opaque := false
	for a := e; a != nil && !opaque; a = a.Parent {
		as := a.style
		if a == pendingCB {
			pendingCB = nil
		}
		switch {
		case as.Unresolved == "background" || !as.BGOK || !as.InsetOK:
			return cant(CantColor)
		case as.BGImage == "gradient" && as.Gradient == nil:
			return cant(CantBGGradient)
		case as.BGImage == "image":
			return cant(CantBGImage)
		case as.Blend:
			return cant(CantBlend)
		case as.Filter:
			return cant(CantFilter)
		case p.pseudoBox(a):
			return cant(CantPseudo)
		}
		if a != e && p.overlaid(a, via) {
			return cant(CantImageBehind)
		}
		if as.PulledUp && paintsBox(p.prevElement(a)) {
			// A negative margin draws this box over the one before it.
			return cant(CantPositioned)
		}
		via = a
		// The opacities of this box and its ancestors apply to its
		// background.
		op := a.opacity
		var l layer
		if as.BGImage == "gradient" {
			// The gradient is drawn over the box's background colour.
			allOpaque := true
			for _, c := range as.Gradient {
				c = c.Over(as.BG)
				c.A *= op
				l.colors = append(l.colors, c)
				allOpaque = allOpaque && c.A >= 1
			}
			opaque = allOpaque
		} else if bg := as.Inset.Over(as.BG); bg.A > 0 {
			// An inset shadow that fills the box is painted over its
			// background colour.
			bg.A *= op
			l.colors = []css.Color{bg}
			opaque = bg.A >= 1
		}
		if l.colors != nil {
			if opaque && pendingCB != nil {
				return cant(CantPositioned)
			}
			layers = append(layers, l)
		}
		if as.Transform && reason == "" {
			reason = CantTransform
		}
		if (as.Position == "absolute" || as.Position == "fixed") && pendingCB == nil && !opaque {
			pendingCB = containingBlock(a)
			if as.Position == "fixed" {
				pendingCB = p.HTML
			}
		}
	}
	if !opaque && pendingCB != nil && pendingCB != p.HTML {
		return cant(CantPositioned)
	}
	// Every background the text may stand on: one, or one per sampled
	// gradient colour.
	bgs := []css.Color{{R: 1, G: 1, B: 1, A: 1}}
	for i := len(layers) - 1; i >= 0; i-- {
		var next []css.Color
		for _, c := range layers[i].colors {
			for _, b := range bgs {
				next = append(next, c.Over(b))
			}
		}
		if len(next) > 256 {
			return cant(CantBGGradient)
		}
		bgs = next
	}
	large := s.FontSize >= largeTextPx-0.01 || v.Bold && s.FontSize >= largeBoldTextPx-0.01
	v.Required = 4.5
	if large {
		v.Required = 3
	}
	// The worst and best backgrounds for the text.
	lo, hi := -1.0, -1.0
	var loFG, loBG, hiFG, hiBG css.Color
	for _, b := range bgs {
		f := fg.Over(b)
		r := css.Contrast(f, b)
		if lo < 0 || r < lo {
			lo, loFG, loBG = r, f, b
		}
		if r > hi {
			hi, hiFG, hiBG = r, f, b
		}
	}
	if !s.FontOK {
		switch {
		case lo >= 4.5:
			v.Required = 4.5
		case hi < 3:
			v.Required = 3
		default:
			return cant(CantFontSize)
		}
	}
	switch {
	case lo >= v.Required:
		v.Outcome, v.Ratio, v.FG, v.BG = Passed, lo, loFG, loBG
	case hi < v.Required:
		v.Outcome, v.Ratio, v.FG, v.BG = Failed, hi, hiFG, hiBG
	default:
		return cant(CantBGGradient) // passes on part of a gradient, fails on another
	}
	// What could still change the verdict: a text-shadow lies between the
	// text and its background, and ACT counts it as background: when the
	// verdict against a shadow's colour differs, it can't tell; a
	// transform may move the text; a stylesheet not fetched may change
	// anything.
	if s.Shadow {
		if !s.ShadowOK {
			return cant(CantTextShadow)
		}
		for _, c := range s.ShadowColors {
			b := c.Over(v.BG)
			if (css.Contrast(fg.Over(b), b) >= v.Required) != (v.Outcome == Passed) {
				return cant(CantTextShadow)
			}
		}
	}
	if shortText(e) {
		return cant(CantShortText)
	}
	switch {
	case reason != "":
		return cant(reason)
	case p.Styles == StylesPartial:
		return cant(CantStylesheet)
	}
	return v
}

// pseudoBox reports, once per element, whether its ::before or ::after
// may lie behind text (css.Cascade.PseudoBox).
func (p *Page) pseudoBox(a *Element) bool {
	if a.pseudo == 0 {
		a.pseudo = triNo
		if p.cascade.PseudoBox(a.css, a.style, p.HTML.style) {
			a.pseudo = triYes
		}
	}
	return a.pseudo == triYes
}

// containingBlock returns the box an absolutely positioned element is
// placed in: its nearest positioned ancestor (or the root).
func containingBlock(e *Element) *Element {
	for a := e.Parent; a != nil; a = a.Parent {
		if a.style.Position != "static" || a.style.Transform {
			return a
		}
		if a.Parent == nil {
			return a
		}
	}
	return e
}

// overlaid reports whether a box holds, as a child other than via (the
// child the text is in), an image, video, canvas, svg or other replaced
// element positioned out of the flow, or a positioned box with a
// background image, or one with a background colour before a positioned
// via: something that may be drawn behind the text.
func (p *Page) overlaid(a, via *Element) bool {
	// What a's children hold is read once per box, whatever the via: a
	// box of many children would otherwise cost their square.
	sum := &a.overlay
	if !sum.done {
		sum.done, sum.firstPaint = true, -1
		for c := a.Node.FirstChild; c != nil; c = c.NextSibling {
			ce := p.byNode[c]
			if ce == nil || ce.style == nil || !ce.visible() {
				continue
			}
			if pos := ce.style.Position; pos != "absolute" && pos != "fixed" {
				continue
			}
			switch {
			case ce.Node.Namespace == "svg" && ce.Tag == "svg":
				sum.behind = true
			case ce.Node.Namespace == "":
				switch ce.Node.DataAtom {
				case atom.Img, atom.Picture, atom.Video, atom.Canvas, atom.Iframe, atom.Object, atom.Embed:
					sum.behind = true
				default:
					if ce.style.BGImage != "" {
						sum.behind = true
					} else if sum.firstPaint < 0 && paintsBox(ce) {
						sum.firstPaint = ce.Index
					}
				}
			}
		}
	}
	if sum.behind {
		return true
	}
	// A positioned box with a background colour lies behind text only
	// when the text's box is positioned after it (positioned boxes paint
	// over the flow).
	return via != nil && sum.firstPaint >= 0 && sum.firstPaint < via.Index &&
		(via.style.Position == "absolute" || via.style.Position == "fixed")
}

// overlay is what overlaid reads of a box's children, once.
type overlay struct {
	done       bool
	behind     bool // a positioned image or background image
	firstPaint int  // the first positioned child painting a box, by index; -1 for none
}

// paintsBox reports whether an element paints a background (a colour, an
// image or a gradient) or is an image.
func paintsBox(e *Element) bool {
	if e == nil || e.style == nil || !e.visible() {
		return false
	}
	if e.Node.Namespace == "" {
		switch e.Node.DataAtom {
		case atom.Img, atom.Picture, atom.Video, atom.Canvas, atom.Iframe, atom.Object, atom.Embed:
			return true
		}
	}
	return e.style.BGImage != "" || e.style.BG.A > 0 || e.style.Inset.A > 0
}

// prevElement returns the element before e among its siblings.
func (p *Page) prevElement(e *Element) *Element {
	for c := e.Node.PrevSibling; c != nil; c = c.PrevSibling {
		if c.Type == html.ElementNode {
			return p.byNode[c]
		}
	}
	return nil
}

// checkContrast is the color-contrast rule's check.
func checkContrast(p *Page, e *Element) Outcome { return p.Contrast(e).Outcome }

// checkContrastEnhanced is the advisory AAA rule: 7:1, or 4.5:1 for large
// text (WCAG 1.4.6, ACT 09o5cg).
func checkContrastEnhanced(p *Page, e *Element) Outcome {
	v := p.Contrast(e)
	if v.Ratio == 0 || v.Outcome == Inapplicable {
		return v.Outcome
	}
	if v.Outcome == CantTell {
		return CantTell
	}
	if v.Ratio < enhancedRequired(v) {
		return Failed
	}
	return Passed
}

func enhancedRequired(v ContrastVerdict) float64 {
	if v.Required == 3 {
		return 4.5
	}
	return 7
}

// contrastFinding is what the contrast rules record of an element: the
// reason for a can't-tell, the measurements for a failure.
func contrastFinding(enhanced bool) func(p *Page, e *Element) Finding {
	return func(p *Page, e *Element) Finding {
		v := p.Contrast(e)
		if v.Outcome == CantTell {
			return Finding{Reason: v.Reason}
		}
		req := v.Required
		if enhanced {
			req = enhancedRequired(v)
		}
		return Finding{Contrast: &councilbench.ContrastEvidence{Foreground: v.FG.String(), Background: v.BG.String(),
			Ratio: math.Floor(v.Ratio*100) / 100, Required: req, FontPx: math.Round(v.SizePx*100) / 100, Bold: v.Bold}}
	}
}

// nonBMPOnly reports whether a text is made only of symbols outside the
// basic plane or private-use icons (icon fonts), which carry no reading.
func nonBMPOnly(s string) bool {
	for _, r := range strings.TrimSpace(s) {
		if r < utf8.RuneSelf || (r < 0xE000 || r > 0xF8FF) && r < 0x10000 {
			return false
		}
	}
	return true
}
