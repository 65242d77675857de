package scoring

import (
	"strings"

	"github.com/councilbench/councilbench/css"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// link-in-text-block: axe-core's rule of the same name (WCAG 1.4.1): a
// link inside a block of text must stand out from the text around it by
// more than its colour (an underline, a border, a weight or a background
// of its own), or its colour must contrast 3:1 with the text's (WCAG
// technique G183).
func checkLinkInTextBlock(p *Page, e *Element) Outcome {
	if !isHTML(e, atom.A) || !e.Has("href") || !e.visible() || e.style == nil || !p.contrastApplies(firstTextElement(p, e)) {
		return Inapplicable
	}
	block := textBlock(e)
	if block == nil || !blockHasOtherText(block.Node, e.Node) {
		return Inapplicable
	}
	if p.Styles == StylesPartial {
		return CantTell
	}
	ls, bs := e.style, block.style
	// A cue other than colour, on the link or between it and the block
	// (an underline drawn by the block itself is on all its text).
	for a := e; a != nil && a != block; a = a.Parent {
		s := a.style
		if s.Underline && !bs.Underline || s.Border {
			return Passed
		}
		if s.BG.A > 0 && (s.BG != bs.BG) {
			return Passed
		}
	}
	if d := ls.Weight - bs.Weight; d >= 300 || d <= -300 {
		return Passed
	}
	if !ls.ColorOK || !bs.ColorOK {
		return CantTell
	}
	bg := css.Color{R: 1, G: 1, B: 1, A: 1}
	if ls.Color.A < 1 || bs.Color.A < 1 {
		// Compare the colours as drawn on the block's background.
		if v := p.Contrast(block); v.Outcome == Passed || v.Outcome == Failed {
			bg = v.BG
		}
	}
	if css.Contrast(ls.Color.Over(bg), bs.Color.Over(bg)) >= 3 {
		return Passed
	}
	return Failed
}

// firstTextElement returns the element that draws a link's text: the
// link, or its first descendant with text of its own. Whether that text
// is drawn on screen (the contrast rule's applicability) decides whether
// the link is judged at all.
func firstTextElement(p *Page, e *Element) *Element {
	if ownText(e) {
		return e
	}
	for _, c := range p.Elements[e.Index+1:] {
		if !isDescendant(c, e) {
			break
		}
		if ownText(c) {
			return c
		}
	}
	return e
}

// textBlock returns the nearest ancestor laid out as a block: the block of
// text a link sits in.
func textBlock(e *Element) *Element {
	for a := e.Parent; a != nil; a = a.Parent {
		switch a.style.Display {
		case "block", "list-item", "table-cell", "flow-root":
			return a
		case "inline", "contents":
			continue
		default:
			if strings.Contains(a.style.Display, "flex") || strings.Contains(a.style.Display, "grid") {
				return nil // a layout of items, not a run of text
			}
		}
	}
	return nil
}

// blockHasOtherText reports whether a block holds text of its own outside
// the link (and outside other links).
func blockHasOtherText(block, link *html.Node) bool {
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c == link:
			case c.Type == html.TextNode:
				if hasWord(c.Data) {
					return true
				}
			case c.Type == html.ElementNode && c.DataAtom != atom.A && c.DataAtom != atom.Script && c.DataAtom != atom.Style:
				if walk(c) {
					return true
				}
			}
		}
		return false
	}
	return walk(block)
}

// focus-outline: an advisory rule (WCAG 2.4.7): a stylesheet that removes
// the outline of a focusable element, which is how browsers draw the
// focus ring, should draw something in its place when it has focus (an
// outline, a box-shadow, a border, a background, a colour or an
// underline in a :focus or :focus-visible rule).
func checkFocusOutline(p *Page, e *Element) Outcome {
	if e.style == nil || !p.InTabOrder(e) || e.Hidden() {
		return Inapplicable
	}
	removed, replaced := p.cascade.FocusStyle(e.css, e.style)
	if !removed && !e.style.OutlineNone {
		return Passed
	}
	if replaced {
		return Passed
	}
	if p.Styles == StylesPartial {
		return CantTell
	}
	return Failed
}
