package scoring

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/councilbench/councilbench/css"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Element is one element of a page, with what the walk learned about it.
// Rules receive Elements; the underlying node is Node.
type Element struct {
	Node   *html.Node
	Tag    string   // lower-case local name ("svg", "circle" for SVG elements)
	Parent *Element // nil for the root element
	Index  int      // position in document order
	Depth  int      // 0 for the root element

	// Role is the element's semantic role after WAI-ARIA's conflict
	// resolution: the first valid token of its role attribute, else its
	// implicit role; "generic" for div, span and the like; "" where HTML
	// gives no role (label, legend, iframe...); "none" for presentational
	// elements.
	Role string
	// RoleAttr is the first valid token of the role attribute, "" when it
	// has none.
	RoleAttr string

	notRendered bool     // hidden attribute, display:none, inside head/template, closed details...
	invisible   bool     // visibility:hidden or collapse (inherited, can be undone)
	ariaHidden  bool     // aria-hidden="true" on itself or an ancestor
	presOwner   *Element // the nearest ancestor whose children are presentational
	roleDone    bool
	hasARIA     bool // a role or aria-* attribute
	// inTemplate: inside a <template>, whose content is no part of the
	// document (the DOM keeps it apart; x/net/html parses it in place).
	inTemplate bool
	// style is the element's computed style from the page's cascade.
	style   *css.Style
	opacity float64 // the product of its own and its ancestors' opacities
	inert   bool    // inert on itself or an ancestor
	// css is the element as the cascade reads it; lastChild the last child
	// element seen while styles are computed (for the next one's sibling).
	css       *css.Node
	lastChild *Element
	// contrast is the contrast rules' verdict, once judged;
	// disabledLabel marks an element naming a disabled widget.
	contrast      *ContrastVerdict
	disabledLabel bool
	// What the contrast rules settle once per element: exempt (itself or
	// an ancestor takes its text out of the rule), pseudo (a ::before or
	// ::after that may lie behind text), and what its children may draw
	// behind text.
	exempt, pseudo tri
	overlay        overlay
}

// tri is a fact settled once: unknown (0), no or yes.
type tri uint8

const (
	triNo tri = iota + 1
	triYes
)

// Style returns the element's computed style: the user-agent sheet, the
// page's stylesheets as far as they are known (Page.StylesKnown), its
// <style> elements and style attributes.
func (e *Element) Style() *css.Style { return e.style }

// Hidden reports whether the element is left out of the accessibility tree:
// not rendered (hidden, display:none in its style attribute or an
// ancestor's), invisible (visibility:hidden), or aria-hidden.
func (e *Element) Hidden() bool { return e.notRendered || e.invisible || e.ariaHidden }

// visible reports whether the element is drawn: rendered and not
// visibility:hidden, whatever aria-hidden says (axe-core's
// isHiddenForEveryone is its opposite).
func (e *Element) visible() bool { return !e.notRendered && !e.invisible }

// Attr returns the value of the attribute named key and whether it is
// present.
func (e *Element) Attr(key string) (string, bool) { return attr(e.Node, key) }

// Has reports whether the attribute named key is present.
func (e *Element) Has(key string) bool { _, ok := attr(e.Node, key); return ok }

func attr(n *html.Node, key string) (string, bool) {
	for i := range n.Attr {
		if n.Attr[i].Key == key && n.Attr[i].Namespace == "" {
			return n.Attr[i].Val, true
		}
	}
	return "", false
}

func attrVal(n *html.Node, key string) string { v, _ := attr(n, key); return v }

// inputType is an <input>'s type as the DOM reflects it: the attribute
// lower-cased when it names a type, else "text" (a type attribute is
// matched whole: " checkbox" is no checkbox).
func inputType(n *html.Node) string {
	t := strings.ToLower(attrVal(n, "type"))
	switch t {
	case "hidden", "text", "search", "tel", "url", "email", "password", "date", "month", "week", "time",
		"datetime-local", "number", "range", "color", "checkbox", "radio", "file", "submit", "image", "reset", "button":
		return t
	}
	return "text"
}

// Page is one parsed page as the rules see it: the tree, every element in
// document order, and the indexes that the walk built.
type Page struct {
	URL      string
	Charset  string
	Root     *html.Node // the document node
	Elements []*Element
	HTML     *Element // the root <html> element, never nil
	Body     *Element // may be nil for documents without a body
	XML      bool     // served as an XML document (SVG, MathML): not an HTML page

	byNode  map[*html.Node]*Element
	ids     map[string]*Element // first element with each id
	idCount map[string]int
	labels  map[string][]*Element // <label for=ID> by ID
	doc     *goquery.Document
	memo    map[string]any

	nameBudget int  // node visits left for accessible-name computations
	Limited    bool // a work limit was reached: some outcomes may be incomplete

	// Styles says how much of the page's styling is known: StylesKnown
	// when every stylesheet it links to was read (or dropped, as a
	// browser drops a stylesheet that failed); StylesPartial when some
	// were not fetched (a budget, robots.txt); StylesUnknown when the
	// page links stylesheets and no source of them was given (a survey
	// made before stylesheets were stored): the rules that need the
	// cascade are then not assessed.
	Styles             StylesState
	sheetsFound        int // linked stylesheets read, imports included
	baseSet            bool
	cascade            *css.Cascade
	disabledLabelsDone bool
}

// StylesState says how much of a page's styling is known.
type StylesState int

// The states of a page's styling.
const (
	StylesKnown StylesState = iota
	StylesPartial
	StylesUnknown
)

// Doc returns a goquery document over the page's one parsed tree (no
// second parse). Queries on it must stay local, starting from an element's
// Selection (Sel): a query over the whole document re-walks the tree, and
// the walk already hands each rule and fact the elements it asked for.
func (p *Page) Doc() *goquery.Document {
	if p.doc == nil {
		p.doc = goquery.NewDocumentFromNode(p.Root)
	}
	return p.doc
}

// Sel returns a goquery selection of one element, for the rules and facts
// that read its ancestors, children or descendants by selector.
func (p *Page) Sel(e *Element) *goquery.Selection {
	return p.Doc().FindNodes(e.Node)
}

// Elem returns the Element of a node, or nil when the node is not an
// element of the page.
func (p *Page) Elem(n *html.Node) *Element { return p.byNode[n] }

// ByID returns the first element whose id is id, or nil.
func (p *Page) ByID(id string) *Element { return p.ids[id] }

// IDCount returns how many elements have the id.
func (p *Page) IDCount(id string) int { return p.idCount[id] }

// LabelsFor returns the <label for=id> elements that name id.
func (p *Page) LabelsFor(id string) []*Element { return p.labels[id] }

// Memo returns the value that build stores under key, calling build once
// per page. Rules use it for page-wide facts (counts, maps) that they build
// from the element list rather than by re-walking the tree.
func (p *Page) Memo(key string, build func() any) any {
	if v, ok := p.memo[key]; ok {
		return v
	}
	if p.memo == nil {
		p.memo = map[string]any{}
	}
	v := build()
	p.memo[key] = v
	return v
}

// countElements counts the elements under root.
func countElements(root *html.Node) int {
	count := 0
	n := root.FirstChild
	for n != nil {
		if n.Type == html.ElementNode {
			count++
		}
		if n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		for n != nil && n.NextSibling == nil {
			n = n.Parent
			if n == root {
				return count
			}
		}
		if n != nil {
			n = n.NextSibling
		}
	}
	return count
}

// newPage walks the tree once, building the element list and the indexes.
func newPage(root *html.Node, pageURL, charsetName string) *Page {
	count := countElements(root)
	p := &Page{
		URL:      pageURL,
		Charset:  charsetName,
		Root:     root,
		byNode:   make(map[*html.Node]*Element, count),
		Elements: make([]*Element, 0, count),
	}
	type frame struct {
		n      *html.Node
		parent *Element
	}
	slab := make([]Element, count) // one allocation for the page's elements
	stack := make([]frame, 0, 64)
	for c := root.LastChild; c != nil; c = c.PrevSibling {
		stack = append(stack, frame{c, nil})
	}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if n.Type != html.ElementNode {
			continue
		}
		if len(slab) == 0 {
			slab = make([]Element, 8) // not reached: count is exact
		}
		e := &slab[0]
		slab = slab[1:]
		e.Node, e.Parent, e.Index, e.Tag = n, f.parent, len(p.Elements), n.Data
		if f.parent != nil {
			e.Depth = f.parent.Depth + 1
			e.inTemplate = f.parent.inTemplate || isHTML(f.parent, atom.Template)
		}
		p.Elements = append(p.Elements, e)
		p.byNode[n] = e
		for _, a := range n.Attr {
			if a.Namespace != "" {
				continue
			}
			if a.Key == "role" || strings.HasPrefix(a.Key, "aria-") {
				e.hasARIA = true
			}
			switch a.Key {
			case "id":
				if a.Val != "" {
					if p.ids == nil {
						// Made on first use: many small pages have no ids.
						p.ids, p.idCount = map[string]*Element{}, map[string]int{}
					}
					if p.idCount[a.Val] == 0 {
						p.ids[a.Val] = e
					}
					p.idCount[a.Val]++
				}
			case "for":
				if n.DataAtom == atom.Label {
					if p.labels == nil {
						p.labels = map[string][]*Element{}
					}
					p.labels[a.Val] = append(p.labels[a.Val], e)
				}
			}
		}
		switch {
		case n.DataAtom == atom.Html && p.HTML == nil:
			p.HTML = e
		case n.DataAtom == atom.Body && p.Body == nil && n.Namespace == "":
			p.Body = e
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			if c.Type == html.ElementNode {
				stack = append(stack, frame{c, e})
			}
		}
	}
	if p.HTML == nil {
		// html.Parse always makes one; fragments may not.
		h := &html.Node{Type: html.ElementNode, Data: "html", DataAtom: atom.Html}
		p.HTML = &Element{Node: h, Tag: "html", Index: -1}
	}
	p.nameBudget = 200000 + 50*len(p.Elements)
	return p
}

// visibility sets the hidden states of e from its attributes and its
// parent's states.
func (p *Page) visibility(e *Element) {
	n := e.Node
	par := e.Parent
	if par != nil {
		e.notRendered = par.notRendered
		e.invisible = par.invisible
		e.ariaHidden = par.ariaHidden
		e.inert = par.inert
	}
	if n.Namespace == "" {
		switch n.DataAtom {
		case atom.Head, atom.Template, atom.Script, atom.Style, atom.Noscript, atom.Title, atom.Meta, atom.Link, atom.Base,
			// The rest of the elements that HTML's rendering section
			// gives display:none (not <area>: an image map draws it).
			atom.Basefont, atom.Datalist, atom.Noembed, atom.Noframes, atom.Param, atom.Rp:
			e.notRendered = true
		case atom.Input:
			if inputType(n) == "hidden" {
				e.notRendered = true
			}
		case atom.Dialog:
			if _, open := attr(n, "open"); !open {
				e.notRendered = true
			}
		}
		if par != nil && par.Node.DataAtom == atom.Details && par.Node.Namespace == "" {
			if _, open := attr(par.Node, "open"); !open && !isFirstSummary(n) {
				e.notRendered = true
			}
		}
	}
	for _, a := range n.Attr {
		if a.Namespace != "" {
			continue
		}
		switch a.Key {
		case "inert":
			e.ariaHidden = true // inert content is out of the accessibility tree and the tab order
			e.inert = true
		case "aria-hidden":
			if ariaTrue(a.Val) {
				e.ariaHidden = true
			}
		}
	}
	// The cascade decides display and visibility: the user-agent sheet
	// (the hidden attribute), the page's stylesheets and style attributes.
	// visibility inherits, and visibility:visible on a child undoes a
	// hidden ancestor's (the cascade has done both); inert does not undo.
	visible := true
	if s := e.style; s != nil {
		if s.Display == "none" {
			e.notRendered = true
		}
		visible = s.Visible
	}
	e.invisible = !visible || e.inert
}

// isFirstSummary reports whether n is the first <summary> child of its
// parent.
func isFirstSummary(n *html.Node) bool {
	if n.DataAtom != atom.Summary || n.Namespace != "" {
		return false
	}
	for c := n.PrevSibling; c != nil; c = c.PrevSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Summary {
			return false
		}
	}
	return true
}

// tabIndex returns the tabindex attribute, read with HTML's rules for
// parsing integers, and whether it is an integer ("1px" is 1).
func tabIndex(n *html.Node) (int, bool) {
	v, ok := attr(n, "tabindex")
	if !ok {
		return 0, false
	}
	return parseInteger(v)
}

// disabled reports whether a form control is disabled (by its own
// attribute or a disabled fieldset ancestor outside its first legend).
func (p *Page) disabled(e *Element) bool {
	n := e.Node
	if n.Namespace != "" {
		return false
	}
	switch n.DataAtom {
	case atom.Button, atom.Input, atom.Select, atom.Textarea, atom.Optgroup, atom.Option, atom.Fieldset:
	default:
		return false
	}
	if e.Has("disabled") {
		return true
	}
	for a := e.Parent; a != nil; a = a.Parent {
		if a.Node.DataAtom == atom.Fieldset && a.Has("disabled") {
			return true
		}
	}
	return false
}

// Focusable reports whether the element can take focus at all (natively or
// by tabindex), ignoring whether it is rendered.
func (p *Page) Focusable(e *Element) bool {
	n := e.Node
	if p.disabled(e) {
		return false
	}
	if _, ok := tabIndex(n); ok {
		return true
	}
	if n.Namespace == "svg" {
		return n.Data == "a" && (e.Has("href") || e.Has("xlink:href") || hasNSAttr(n, "href"))
	}
	if n.Namespace != "" {
		return false
	}
	switch n.DataAtom {
	case atom.A, atom.Area:
		return e.Has("href")
	case atom.Button, atom.Select, atom.Textarea:
		// Not <iframe>: focus moves into the frame's document, not onto
		// the element (so ACT cae760, inapplicable example 4, takes an
		// <iframe role=none> as presentational; axe-core agrees).
		return true
	case atom.Input:
		return inputType(n) != "hidden"
	case atom.Summary:
		return e.Parent != nil && e.Parent.Node.DataAtom == atom.Details && isFirstSummary(n)
	case atom.Audio, atom.Video:
		return e.Has("controls")
	}
	if v, ok := attr(n, "contenteditable"); ok && !strings.EqualFold(v, "false") {
		return true
	}
	return false
}

func hasNSAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// InTabOrder reports whether the element is in sequential focus
// navigation: focusable, rendered and visible, without a negative tabindex.
func (p *Page) InTabOrder(e *Element) bool {
	if !e.visible() {
		return false
	}
	if i, ok := tabIndex(e.Node); ok && i < 0 {
		return false
	}
	return p.Focusable(e)
}

// ariaTrue reports whether an ARIA true/false value reads true (in any
// case, white space trimmed), as browsers read aria-hidden and the like.
func ariaTrue(v string) bool { return strings.EqualFold(strings.TrimSpace(v), "true") }

// hasGlobalARIA reports whether the element has a global ARIA state or
// property (which makes role="none" or "presentation" ignored).
func hasGlobalARIA(n *html.Node) bool {
	for _, a := range n.Attr {
		if !strings.HasPrefix(a.Key, "aria-") {
			continue
		}
		if ai, ok := ariaAttrs[a.Key]; ok && ai.global && a.Key != "aria-hidden" {
			return true
		}
	}
	return false
}
