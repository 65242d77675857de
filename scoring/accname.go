package scoring

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits of the accessible name computation, against hostile pages.
const (
	maxNameDepth = 48   // nesting followed below the named element
	maxNameLen   = 2048 // bytes of name kept at each step
)

// nameCtx is the state of one accessible name computation.
type nameCtx struct {
	root          *Element // the element being named
	inLabelledBy  bool     // inside an aria-labelledby traversal
	referenced    bool     // the current node was referenced directly (by aria-labelledby or a label)
	inContent     bool     // recursing into the content of an ancestor
	includeHidden bool     // the referenced node was hidden: so is what it holds, and it counts
	noPlaceholder bool     // leave out the last resort, placeholder (for label-not-placeholder)
	depth         int
}

// Name returns the accessible name of the element, computed as the W3C
// Accessible Name and Description Computation 1.2 and HTML-AAM say, with
// whitespace collapsed. CSS generated content is not seen.
func (p *Page) Name(e *Element) string {
	return collapse(p.nameOf(e, nameCtx{root: e}))
}

// HasNameBesidesPlaceholder reports whether the element has an accessible
// name without counting its placeholder, which disappears as soon as
// someone types.
func (p *Page) HasNameBesidesPlaceholder(e *Element) bool {
	return strings.TrimSpace(p.nameOf(e, nameCtx{root: e, noPlaceholder: true})) != ""
}

// HasName reports whether the element's accessible name is not empty.
func (p *Page) HasName(e *Element) bool {
	return strings.TrimSpace(p.nameOf(e, nameCtx{root: e})) != ""
}

func clip(s string) string {
	if len(s) > maxNameLen {
		return s[:maxNameLen]
	}
	return s
}

func (p *Page) nameOf(e *Element, c nameCtx) string {
	if p.nameBudget <= 0 {
		p.Limited = true
		return ""
	}
	p.nameBudget--
	if c.depth > maxNameDepth {
		p.Limited = true
		return ""
	}
	if c.root == nil {
		c.root = e
	}
	p.resolveRole(e)
	n := e.Node
	// A. Hidden nodes count only when referenced directly (and then so does
	// their hidden content).
	if e.Hidden() && !c.includeHidden {
		if !c.referenced {
			return ""
		}
		c.includeHidden = true
	}
	isRoot := e == c.root && !c.inContent && !c.inLabelledBy
	// B. aria-labelledby.
	if !c.inLabelledBy {
		if v, ok := e.Attr("aria-labelledby"); ok {
			var parts []string
			for i, id := range strings.Fields(v) {
				if i >= 32 {
					break
				}
				t := p.ByID(id)
				if t == nil {
					continue
				}
				if t == c.root && isField(t) {
					// A field that names itself adds nothing: its value is
					// no label (accname 2C embeds controls only in the label
					// of another widget), and Chromium and axe-core give
					// <select aria-labelledby=itself> no name.
					continue
				}
				s := p.nameOf(t, nameCtx{root: c.root, inLabelledBy: true, referenced: true, includeHidden: c.includeHidden, depth: c.depth + 1})
				if s = strings.TrimSpace(s); s != "" {
					parts = append(parts, s)
				}
			}
			if s := strings.Join(parts, " "); s != "" {
				return clip(s)
			}
		}
	}
	// C. A control embedded in the label of another element gives its value.
	if !isRoot && (c.inContent || c.inLabelledBy) && e != c.root {
		if v, ok := p.embeddedValue(e); ok {
			return v
		}
	}
	if e == c.root && c.inContent {
		return "" // a control inside its own label adds nothing
	}
	// D. aria-label.
	if ri := ariaRoles[e.Role]; ri == nil || !ri.namingProhibited || c.inContent || c.inLabelledBy {
		if v := strings.TrimSpace(attrVal(n, "aria-label")); v != "" {
			return clip(v)
		}
	}
	// E. The host language.
	if s, stop := p.nativeName(e, c); stop || strings.TrimSpace(s) != "" {
		return clip(s)
	}
	// F. Content.
	if c.inContent || c.inLabelledBy || p.nameFromContent(e) {
		if s := p.contentName(e, c); strings.TrimSpace(s) != "" {
			return clip(s)
		}
	}
	// I. Tooltip, then placeholder.
	if v := strings.TrimSpace(attrVal(n, "title")); v != "" {
		return clip(v)
	}
	if n.Namespace == "" && (n.DataAtom == atom.Input || n.DataAtom == atom.Textarea) && !c.noPlaceholder {
		if v := strings.TrimSpace(attrVal(n, "placeholder")); v != "" {
			return clip(v)
		}
	}
	// aria-placeholder is no name source: accname 1.2 step 2I names the
	// tooltip attribute only, and HTML-AAM only the placeholder of <input>
	// and <textarea>.
	return ""
}

// nameFromContent reports whether the element, when it is the one being
// named, takes its name from its content.
func (p *Page) nameFromContent(e *Element) bool {
	if ri := ariaRoles[e.Role]; ri != nil && ri.nameFromContent {
		return true
	}
	for r := e.Role; r != ""; {
		ri := ariaRoles[r]
		if ri == nil || len(ri.super) == 0 {
			break
		}
		r = ri.super[0]
		if r == "link" || r == "button" || r == "listitem" {
			return ariaRoles[r].nameFromContent
		}
	}
	if e.Node.Namespace == "" {
		switch e.Node.DataAtom {
		case atom.Summary, atom.Label, atom.Legend, atom.Caption, atom.Figcaption, atom.Option, atom.Td, atom.Th:
			return true
		}
	}
	return false
}

// embeddedValue returns the value of a form control embedded in another
// element's label.
func (p *Page) embeddedValue(e *Element) (string, bool) {
	n := e.Node
	switch {
	case isA(e.Role, "textbox"):
		// An empty field gives way to its own name (its placeholder, say),
		// as Chromium and axe-core compute it.
		v := textContent(n, maxNameLen)
		if n.DataAtom == atom.Input {
			v = attrVal(n, "value")
		}
		return v, strings.TrimSpace(v) != ""
	case e.Role == "combobox" || e.Role == "listbox":
		if n.DataAtom == atom.Select {
			var first, sel string
			found := false
			for _, o := range options(n, 1000) {
				if first == "" {
					first = textContent(o, maxNameLen)
				}
				if _, ok := attr(o, "selected"); ok && !found {
					sel, found = textContent(o, maxNameLen), true
				}
			}
			if found {
				return sel, true
			}
			return first, true
		}
		if n.DataAtom == atom.Input {
			return attrVal(n, "value"), true
		}
		return "", true
	case isA(e.Role, "range"):
		if v := strings.TrimSpace(attrVal(n, "aria-valuetext")); v != "" {
			return v, true
		}
		if v := strings.TrimSpace(attrVal(n, "aria-valuenow")); v != "" {
			return v, true
		}
		return attrVal(n, "value"), true
	}
	return "", false
}

// options returns up to max <option> descendants of a select.
func options(sel *html.Node, max int) []*html.Node {
	var out []*html.Node
	for c := sel.FirstChild; c != nil && len(out) < max; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.Option:
			out = append(out, c)
		case atom.Optgroup:
			for o := c.FirstChild; o != nil && len(out) < max; o = o.NextSibling {
				if o.Type == html.ElementNode && o.DataAtom == atom.Option {
					out = append(out, o)
				}
			}
		}
	}
	return out
}

// textContent returns the text of a subtree, up to max bytes.
func textContent(n *html.Node, max int) string {
	var b strings.Builder
	var walk func(*html.Node, int)
	walk = func(n *html.Node, d int) {
		if d > maxNameDepth {
			return
		}
		for c := n.FirstChild; c != nil && b.Len() < max; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				walk(c, d+1)
			}
		}
	}
	walk(n, 0)
	s := b.String()
	if len(s) > max {
		s = s[:max]
	}
	return s
}

// nativeName returns the name that HTML gives the element; stop means the
// computation ends there even if the name is empty.
func (p *Page) nativeName(e *Element, c nameCtx) (string, bool) {
	n := e.Node
	if n.Namespace == "svg" {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type == html.ElementNode && ch.Data == "title" {
				return textContent(ch, maxNameLen), false
			}
		}
		return "", false
	}
	if n.Namespace != "" {
		return "", false
	}
	switch n.DataAtom {
	case atom.Input:
		t := inputType(n)
		switch t {
		case "submit", "reset", "button":
			if v, ok := attr(n, "value"); ok && strings.TrimSpace(v) != "" {
				return v, false
			}
			if s := p.labelName(e, c); strings.TrimSpace(s) != "" {
				return s, false
			}
			switch t {
			case "submit":
				if !e.Has("value") {
					return "Submit", false
				}
			case "reset":
				if !e.Has("value") {
					return "Reset", false
				}
			}
			return "", false
		case "image":
			if v := strings.TrimSpace(attrVal(n, "alt")); v != "" {
				return v, false
			}
			return "", false
		}
		return p.labelName(e, c), false
	case atom.Textarea, atom.Select, atom.Meter, atom.Progress, atom.Output, atom.Button:
		return p.labelName(e, c), false
	case atom.Img:
		if e.Role == "none" {
			return "", true // decorative: neither alt nor title counts
		}
		if v := strings.TrimSpace(attrVal(n, "alt")); v != "" {
			return v, false
		}
		return "", false
	case atom.Area:
		return attrVal(n, "alt"), false
	case atom.Fieldset:
		return p.childName(e, c, atom.Legend), false
	case atom.Figure:
		return p.childName(e, c, atom.Figcaption), false
	case atom.Table:
		return p.childName(e, c, atom.Caption), false
	case atom.Optgroup:
		return attrVal(n, "label"), false
	case atom.Option:
		if v := strings.TrimSpace(attrVal(n, "label")); v != "" {
			return v, false
		}
	}
	return "", false
}

// childName is the content name of the first child element with tag a.
func (p *Page) childName(e *Element, c nameCtx, a atom.Atom) string {
	for ch := e.Node.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && ch.DataAtom == a && ch.Namespace == "" {
			if ce := p.Elem(ch); ce != nil {
				return p.contentName(ce, nameCtx{root: c.root, inContent: true, includeHidden: c.includeHidden, depth: c.depth + 1})
			}
		}
	}
	return ""
}

// labelName is the name a form control gets from its <label> elements.
func (p *Page) labelName(e *Element, c nameCtx) string {
	if c.inContent && e != c.root {
		return ""
	}
	var parts []string
	for _, l := range p.LabelsOf(e) {
		// A hidden <label> names nothing, even when its field is reached
		// through aria-labelledby: Chromium and axe-core give the field no
		// name, though accname 2A reads otherwise and Firefox differs
		// (w3c/html-aam#370, #533); the label rules side with what most
		// people's browsers expose.
		if l.Hidden() {
			continue
		}
		s := p.nameOf(l, nameCtx{root: c.root, inContent: true, includeHidden: c.includeHidden, depth: c.depth + 1})
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

// labelable reports whether HTML lets a <label> label the element.
func labelable(n *html.Node) bool {
	if n.Namespace != "" {
		return false
	}
	switch n.DataAtom {
	case atom.Button, atom.Meter, atom.Output, atom.Progress, atom.Select, atom.Textarea:
		return true
	case atom.Input:
		return inputType(n) != "hidden"
	}
	return false
}

// LabelsOf returns the <label> elements that label a labelable element:
// those whose for attribute names its id, and the label around it that has
// no for attribute and whose first labelable descendant it is.
func (p *Page) LabelsOf(e *Element) []*Element {
	if !labelable(e.Node) {
		return nil
	}
	var out []*Element
	if id := attrVal(e.Node, "id"); id != "" && p.ByID(id) == e {
		out = append(out, p.LabelsFor(id)...)
	}
	for a := e.Parent; a != nil; a = a.Parent {
		if a.Node.DataAtom != atom.Label || a.Node.Namespace != "" {
			continue
		}
		if !a.Has("for") && p.labeledControl(a) == e {
			out = append(out, a)
		}
		break // labels do not nest
	}
	return out
}

// labeledControl returns the first labelable descendant of a label that
// has no for attribute.
func (p *Page) labeledControl(l *Element) *Element {
	m := p.Memo("labeledControl", func() any { return map[*Element]*Element{} }).(map[*Element]*Element)
	if c, ok := m[l]; ok {
		return c
	}
	var found *Element
	budget := 10000
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if budget--; budget < 0 {
				return true
			}
			if c.Type != html.ElementNode {
				continue
			}
			if labelable(c) {
				found = p.Elem(c)
				return true
			}
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(l.Node)
	m[l] = found
	return found
}

// inlineTags are the elements whose content runs on without a word break
// in an accessible name.
var inlineTags = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true, atom.Cite: true,
	atom.Code: true, atom.Data: true, atom.Dfn: true, atom.Em: true, atom.I: true, atom.Kbd: true,
	atom.Mark: true, atom.Q: true, atom.S: true, atom.Samp: true, atom.Small: true, atom.Span: true,
	atom.Strong: true, atom.Sub: true, atom.Sup: true, atom.Time: true, atom.U: true, atom.Var: true,
	atom.Label: true, atom.Font: true,
}

// contentName concatenates the names of an element's children.
func (p *Page) contentName(e *Element, c nameCtx) string {
	var b strings.Builder
	cc := c
	cc.inContent = true
	cc.referenced = false
	cc.depth = c.depth + 1
	for ch := e.Node.FirstChild; ch != nil && b.Len() < maxNameLen; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			b.WriteString(clip(ch.Data))
		case html.ElementNode:
			if ch.DataAtom == atom.Br {
				b.WriteByte(' ')
				continue
			}
			ce := p.Elem(ch)
			if ce == nil {
				continue
			}
			s := p.nameOf(ce, cc)
			if s == "" {
				continue
			}
			if ch.Namespace == "" && inlineTags[ch.DataAtom] {
				b.WriteString(s)
			} else {
				b.WriteByte(' ')
				b.WriteString(s)
				b.WriteByte(' ')
			}
		}
	}
	return clip(b.String())
}

// isField reports whether the element is a native form field (<input>,
// <select>, <textarea>), whose value names nothing when it names itself;
// an element given a field's role by ARIA names itself from its content,
// as Chromium computes it.
func isField(e *Element) bool {
	n := e.Node
	return n.Namespace == "" && (n.DataAtom == atom.Input || n.DataAtom == atom.Select || n.DataAtom == atom.Textarea)
}
