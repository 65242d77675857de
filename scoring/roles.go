package scoring

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// resolveRoles sets the Role of every element, parents before children.
func (p *Page) resolveRoles() {
	for _, e := range p.Elements {
		p.resolveRole(e)
	}
}

func (p *Page) resolveRole(e *Element) {
	if e.roleDone {
		return
	}
	e.roleDone = true
	if e.Parent != nil {
		p.resolveRole(e.Parent)
		e.presOwner = e.Parent.presOwner
		if ri := ariaRoles[e.Parent.Role]; ri != nil && ri.childrenPresentational {
			e.presOwner = e.Parent
		}
	}
	if v, ok := e.Attr("role"); ok {
		e.RoleAttr = firstValidRole(v)
	}
	role := e.RoleAttr
	if role == "" {
		role = p.implicitRole(e)
	}
	if role == "none" || role == "presentation" {
		// Conflict resolution: a focusable element, or one with a global
		// ARIA attribute, keeps its implicit role.
		if p.Focusable(e) || hasGlobalARIA(e.Node) {
			role = p.implicitRole(e)
			if role == "presentation" { // img alt="" that is focusable or labelled
				role = "img"
			}
		}
	}
	if role == "presentation" {
		role = "none"
	}
	e.Role = role
}

// implicitRole is the role that HTML-AAM maps the element to, without its
// role attribute.
func (p *Page) implicitRole(e *Element) string {
	n := e.Node
	switch n.Namespace {
	case "svg":
		if n.Data == "svg" {
			return "graphics-document"
		}
		if n.Data == "a" && (e.Has("href") || hasNSAttr(n, "href")) {
			return "link"
		}
		return ""
	case "math":
		if n.Data == "math" {
			return "math"
		}
		return ""
	}
	switch n.DataAtom {
	case atom.A:
		if e.Has("href") {
			return "link"
		}
		return "generic"
	case atom.Area:
		if e.Has("href") {
			return "link"
		}
		return ""
	case atom.Article:
		return "article"
	case atom.Aside:
		// HTML-AAM: an aside scoped to sectioning content (not to the body
		// or main) is complementary only when it has a name of its own.
		for a := e.Parent; a != nil; a = a.Parent {
			if isHTML(a, atom.Main) || a.RoleAttr == "main" {
				break
			}
			switch a.Node.DataAtom {
			case atom.Article, atom.Aside, atom.Nav, atom.Section:
				if !p.hasAuthorName(e, true) {
					return "generic"
				}
			}
		}
		return "complementary"
	case atom.B, atom.Bdi, atom.Bdo, atom.Body, atom.Data, atom.Div, atom.I, atom.Pre, atom.Q, atom.Samp, atom.Small, atom.Span, atom.U:
		return "generic"
	case atom.Blockquote:
		return "blockquote"
	case atom.Button:
		return "button"
	case atom.Caption:
		return "caption"
	case atom.Code:
		return "code"
	case atom.Datalist:
		return "listbox"
	case atom.Del, atom.S:
		return "deletion"
	case atom.Dd:
		return "definition"
	case atom.Dfn, atom.Dt:
		return "term"
	case atom.Details:
		return "group"
	case atom.Dialog:
		return "dialog"
	case atom.Em:
		return "emphasis"
	case atom.Fieldset, atom.Optgroup, atom.Address:
		return "group"
	case atom.Figure:
		return "figure"
	case atom.Footer, atom.Header:
		for a := e.Parent; a != nil; a = a.Parent {
			switch a.Node.DataAtom {
			case atom.Article, atom.Aside, atom.Main, atom.Nav, atom.Section:
				return "generic"
			}
			switch a.RoleAttr {
			case "article", "complementary", "main", "navigation", "region":
				return "generic"
			}
		}
		if n.DataAtom == atom.Footer {
			return "contentinfo"
		}
		return "banner"
	case atom.Form:
		return "form"
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return "heading"
	case atom.Hgroup:
		return "group"
	case atom.Hr:
		return "separator"
	case atom.Html:
		return "document"
	case atom.Img:
		if v, ok := e.Attr("alt"); ok && v == "" {
			return "presentation"
		}
		return "img"
	case atom.Input:
		return p.inputRole(e)
	case atom.Ins:
		return "insertion"
	case atom.Li:
		if e.Parent != nil && e.Parent.Role == "none" {
			switch e.Parent.Node.DataAtom {
			case atom.Ul, atom.Ol, atom.Menu:
				return "none"
			}
		}
		return "listitem"
	case atom.Main:
		return "main"
	case atom.Mark:
		return "mark"
	case atom.Menu, atom.Ol, atom.Ul:
		return "list"
	case atom.Meter:
		return "meter"
	case atom.Nav:
		return "navigation"
	case atom.Option:
		return "option"
	case atom.Output:
		return "status"
	case atom.P:
		return "paragraph"
	case atom.Progress:
		return "progressbar"
	case atom.Search:
		return "search"
	case atom.Section:
		if p.hasAuthorName(e, true) {
			return "region"
		}
		return "generic"
	case atom.Select:
		if e.Has("multiple") {
			return "listbox"
		}
		if size, ok := parseNonNegInt(attrVal(n, "size")); ok && size > 1 {
			return "listbox"
		}
		return "combobox"
	case atom.Strong:
		return "strong"
	case atom.Sub:
		return "subscript"
	case atom.Sup:
		return "superscript"
	case atom.Table:
		return "table"
	case atom.Tbody, atom.Thead, atom.Tfoot:
		if t := p.tableOf(e); t != nil && t.Role == "none" {
			return "none"
		}
		return "rowgroup"
	case atom.Tr:
		if t := p.tableOf(e); t != nil && t.Role == "none" {
			return "none"
		}
		return "row"
	case atom.Td:
		t := p.tableOf(e)
		switch {
		case t == nil:
			return ""
		case t.Role == "none":
			return "none"
		case t.Role == "grid" || t.Role == "treegrid":
			return "gridcell"
		}
		return "cell"
	case atom.Th:
		t := p.tableOf(e)
		if t != nil && t.Role == "none" {
			return "none"
		}
		return p.thRole(e)
	case atom.Textarea:
		return "textbox"
	case atom.Time:
		return "time"
	}
	return ""
}

// inputRole is the implicit role of an <input> by its type and, for the
// text fields, whether it has a suggestions source element (a list
// attribute that names a <datalist>).
func (p *Page) inputRole(e *Element) string {
	t := inputType(e.Node)
	switch t {
	case "button", "image", "reset", "submit":
		return "button"
	case "checkbox":
		return "checkbox"
	case "radio":
		return "radio"
	case "range":
		return "slider"
	case "number":
		return "spinbutton"
	case "search":
		if p.hasDatalist(e) {
			return "combobox"
		}
		return "searchbox"
	case "hidden", "color", "date", "datetime-local", "file", "month", "time", "week":
		return ""
	case "password":
		return "textbox" // no ARIA role in HTML-AAM, exposed as a (protected) text field
	}
	if p.hasDatalist(e) {
		return "combobox"
	}
	return "textbox"
}

// hasDatalist reports whether an <input> has a suggestions source
// element: the first element whose id is its list attribute is a
// <datalist>.
func (p *Page) hasDatalist(e *Element) bool {
	v, ok := e.Attr("list")
	if !ok {
		return false
	}
	t := p.ByID(v)
	return t != nil && isHTML(t, atom.Datalist)
}

// tableOf returns the nearest <table> ancestor of a table part.
func (p *Page) tableOf(e *Element) *Element {
	for a := e.Parent; a != nil; a = a.Parent {
		if a.Node.DataAtom == atom.Table && a.Node.Namespace == "" {
			return a
		}
	}
	return nil
}

// thRole decides between columnheader and rowheader for a <th>.
func (p *Page) thRole(e *Element) string {
	switch strings.ToLower(strings.TrimSpace(attrVal(e.Node, "scope"))) {
	case "row", "rowgroup":
		return "rowheader"
	case "col", "colgroup":
		return "columnheader"
	}
	row := e.Parent
	if row == nil || row.Node.DataAtom != atom.Tr {
		return "columnheader"
	}
	if row.Parent != nil && row.Parent.Node.DataAtom == atom.Thead {
		return "columnheader"
	}
	// A header with data cells in its row heads that row.
	for c := row.Node.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Td {
			return "rowheader"
		}
	}
	return "columnheader"
}

// hasAuthorName reports whether the element has a name of the author's:
// a non-empty name from aria-label, from the elements that its
// aria-labelledby names (the first 32), or, when title is set, from its
// title attribute. HTML-AAM asks it of sections and asides (title
// counting) before making them landmarks, and axe-core's
// hasAccessibleName of forms and sections (title not counting) and of
// asides (counting).
func (p *Page) hasAuthorName(e *Element, title bool) bool {
	if strings.TrimSpace(attrVal(e.Node, "aria-label")) != "" || (title && strings.TrimSpace(attrVal(e.Node, "title")) != "") {
		return true
	}
	if v, ok := e.Attr("aria-labelledby"); ok {
		for i, id := range strings.Fields(v) {
			if i >= 32 {
				break
			}
			if t := p.ByID(id); t != nil && strings.TrimSpace(p.nameOf(t, nameCtx{root: e, inLabelledBy: true, referenced: true})) != "" {
				return true
			}
		}
	}
	return false
}
