package scoring

import (
	"net/url"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The advisory rules about landmarks and headings follow axe-core 4.14's
// best-practice rules of the same ids. Those rules pick their elements by
// CSS selector (`main:not([role]), [role=main]`, `[role=banner]`...), so a
// role attribute counts here only where its value is exactly the role, and
// they read roles as axe-core's getRole does: a role attribute names a role
// only when its whole value (trimmed, lower-cased) is one valid role, and
// <aside>, <form>, <section>, <header> and <footer> are landmarks by
// HTML-AAM's scoping and naming conditions as axe-core reads them. The
// page-wide facts are gathered once per page from the element list
// (Page.Memo), never by walking the tree again per element.

// lmLandmarkRoles are the roles that axe-core's standards type as
// landmarks (DPUB roles aside: axe-core's getRole does not read them).
var lmLandmarkRoles = map[string]bool{
	"application": true, "banner": true, "complementary": true, "contentinfo": true, "form": true,
	"main": true, "navigation": true, "region": true, "search": true,
}

// lmFacts is what the landmark rules read of a page, per element (by
// Element.Index), gathered in one pass in document order.
type lmFacts struct {
	role   []string // the role as axe-core's getRole computes it; "none" for presentational
	hidden []bool   // out of the accessibility tree (axe-core's isVisibleToScreenReaders is false)
	// inSect: an ancestor is sectioning content (article, aside, nav,
	// section without a role attribute, or role article, complementary,
	// navigation or region); inSectMain: the same, or main.
	inSect, inSectMain []bool
	// inTemplate: inside a <template>, whose content is no part of the
	// document (the DOM keeps it apart; x/net/html parses it in place).
	inTemplate []bool
}

// lmRoleIs reports whether the element's role attribute is exactly r, as
// the selector [role=r] matches it.
func lmRoleIs(e *Element, r string) bool {
	v, ok := e.Attr("role")
	return ok && v == r
}

// lmTagNoRole reports whether e is the HTML element a with no role
// attribute, as the selector a:not([role]) matches it.
func lmTagNoRole(e *Element, a atom.Atom) bool { return isHTML(e, a) && !e.Has("role") }

// lmExplicitRole is the role attribute as axe-core's getExplicitRole
// reads it: the whole value, trimmed and lower-cased, when it is one valid
// concrete role; "" otherwise.
func lmExplicitRole(e *Element) string {
	v, ok := e.Attr("role")
	if !ok {
		return ""
	}
	r := strings.ToLower(strings.TrimSpace(v))
	if strings.HasPrefix(r, "doc-") || !validRole(r) {
		return ""
	}
	return r
}

// lmNotDisplayed are the HTML elements that the rendering section of HTML
// gives display:none and that the walk's hidden states leave out.
var lmNotDisplayed = map[atom.Atom]bool{atom.Datalist: true, atom.Noembed: true, atom.Noframes: true, atom.Param: true, atom.Rp: true, atom.Basefont: true}

// landmarkFacts gathers the per-element facts once per page.
func (p *Page) landmarkFacts() *lmFacts {
	return p.Memo("landmark-facts", func() any {
		n := len(p.Elements)
		f := &lmFacts{role: make([]string, n), hidden: make([]bool, n), inSect: make([]bool, n), inSectMain: make([]bool, n), inTemplate: make([]bool, n)}
		var areas []*Element
		var usemap map[string][]*Element // image maps' images, by usemap value
		for _, e := range p.Elements {
			i := e.Index
			switch {
			case isHTML(e, atom.Area):
				areas = append(areas, e)
			case isHTML(e, atom.Img) && e.Has("usemap"):
				if usemap == nil {
					usemap = map[string][]*Element{}
				}
				u := attrVal(e.Node, "usemap")
				usemap[u] = append(usemap[u], e)
			}
			f.hidden[i] = e.Hidden() || (e.Node.Namespace == "" && lmNotDisplayed[e.Node.DataAtom])
			if par := e.Parent; par != nil && par.Index >= 0 {
				j := par.Index
				f.hidden[i] = f.hidden[i] || f.hidden[j]
				f.inTemplate[i] = f.inTemplate[j] || isHTML(par, atom.Template)
				sect := (!par.Has("role") && par.Node.Namespace == "" && (par.Node.DataAtom == atom.Article || par.Node.DataAtom == atom.Aside ||
					par.Node.DataAtom == atom.Nav || par.Node.DataAtom == atom.Section)) ||
					lmRoleIs(par, "article") || lmRoleIs(par, "complementary") || lmRoleIs(par, "navigation") || lmRoleIs(par, "region")
				f.inSect[i] = f.inSect[j] || sect
				f.inSectMain[i] = f.inSectMain[j] || sect || lmTagNoRole(par, atom.Main) || lmRoleIs(par, "main")
			}
			f.role[i] = f.axeRole(p, e)
		}
		f.areas(areas, usemap)
		return f
	}).(*lmFacts)
}

// areas sets the hidden state of each <area> as axe-core decides it, from
// its own attributes and its image map alone (not its ancestors): an area
// is hidden when it is aria-hidden or inert itself, or when no <map name>
// holds it, or no image uses the map, or an image that uses it is hidden.
func (f *lmFacts) areas(areas []*Element, usemap map[string][]*Element) {
	for _, a := range areas {
		hidden := strings.EqualFold(strings.TrimSpace(attrVal(a.Node, "aria-hidden")), "true") || a.Has("inert")
		if !hidden {
			m := a.Parent
			for m != nil && !isHTML(m, atom.Map) {
				m = m.Parent
			}
			var refs []*Element
			if m != nil && attrVal(m.Node, "name") != "" {
				refs = usemap["#"+attrVal(m.Node, "name")]
			}
			hidden = len(refs) == 0
			for _, r := range refs {
				hidden = hidden || f.hidden[r.Index]
			}
		}
		f.hidden[a.Index] = hidden
	}
}

// axeRole computes an element's role as axe-core's getRole does: the
// explicit role, else the implicit one, with WAI-ARIA's presentational
// conflict resolution.
func (f *lmFacts) axeRole(p *Page, e *Element) string {
	switch r := lmExplicitRole(e); r {
	case "":
		return f.implicit(p, e)
	case "none", "presentation":
		if hasGlobalARIA(e.Node) || p.Focusable(e) {
			if strings.Contains(e.Tag, "-") {
				return "" // a custom element has no implicit role
			}
			return f.implicit(p, e)
		}
		return "none"
	default:
		return r
	}
}

// implicit is an element's implicit role as axe-core computes it, which
// departs from the walk's (Element.Role) for the elements that HTML-AAM
// makes landmarks only in some contexts or with a name, for <summary>
// (a button to axe-core) and for a role attribute that names no single
// role (axe-core falls back to the implicit role).
func (f *lmFacts) implicit(p *Page, e *Element) string {
	if e.Node.Namespace == "" {
		switch e.Node.DataAtom {
		case atom.Header, atom.Footer:
			if f.inSectMain[e.Index] {
				return ""
			}
			if e.Node.DataAtom == atom.Header {
				return "banner"
			}
			return "contentinfo"
		case atom.Aside:
			if f.inSect[e.Index] && !p.lmNamed(e, true) {
				return ""
			}
			return "complementary"
		case atom.Form:
			if p.lmNamed(e, false) {
				return "form"
			}
			return ""
		case atom.Section:
			if p.lmNamed(e, false) {
				return "region"
			}
			return ""
		case atom.Summary:
			return "button"
		}
	}
	var r string
	if e.RoleAttr == "" {
		r = e.Role // resolved from the implicit role, conflicts included
	} else {
		r = p.implicitRole(e)
		if r == "presentation" && (hasGlobalARIA(e.Node) || p.Focusable(e)) {
			r = "img" // <img alt=""> that is focusable or has a global ARIA attribute
		}
	}
	if r == "presentation" {
		r = "none"
	}
	return r
}

// lmNamed reports whether the element has a name from aria-labelledby
// or aria-label (or, when title is set, its title attribute): axe-core's
// hasAccessibleName, which decides the implicit role of <aside>, <form>
// and <section>.
func (p *Page) lmNamed(e *Element, title bool) bool {
	if strings.TrimSpace(attrVal(e.Node, "aria-label")) != "" || (title && strings.TrimSpace(attrVal(e.Node, "title")) != "") {
		return true
	}
	if v, ok := e.Attr("aria-labelledby"); ok {
		for i, id := range strings.Fields(v) {
			if i >= 32 {
				break
			}
			if t := p.ByID(id); t != nil && strings.TrimSpace(p.nameOf(t, nameCtx{inLabelledBy: true, referenced: true})) != "" {
				return true
			}
		}
	}
	return false
}

// roleOf and hiddenOf read the facts of one element.
func (f *lmFacts) roleOf(e *Element) string {
	if e.Index < 0 || e.Index >= len(f.role) {
		return ""
	}
	return f.role[e.Index]
}

func (f *lmFacts) hiddenOf(e *Element) bool {
	if e.Index < 0 || e.Index >= len(f.hidden) {
		return false
	}
	return f.hidden[e.Index]
}

// lmMainSel matches axe-core's main:not([role]), [role=main].
func lmMainSel(e *Element) bool { return lmTagNoRole(e, atom.Main) || lmRoleIs(e, "main") }

// lmBannerSel matches header:not([role]), [role=banner].
func lmBannerSel(e *Element) bool { return lmTagNoRole(e, atom.Header) || lmRoleIs(e, "banner") }

// lmContentinfoSel matches footer:not([role]), [role=contentinfo].
func lmContentinfoSel(e *Element) bool {
	return lmTagNoRole(e, atom.Footer) || lmRoleIs(e, "contentinfo")
}

// lmH1Sel matches axe-core's level-one headings: h1:not([role],
// [aria-level]), :is(h1, h2, h3, h4, h5, h6):not([role])[aria-level=1],
// [role=heading][aria-level=1].
func lmH1Sel(e *Element) bool {
	lvl, hasLvl := e.Attr("aria-level")
	if !e.Has("role") && isHTML(e, atom.H1) && !hasLvl {
		return true
	}
	if hasLvl && lvl == "1" {
		return (!e.Has("role") && headingLevel(e) > 0 && e.Node.Namespace == "") || lmRoleIs(e, "heading")
	}
	return false
}

// lmModalSel matches dialog, [role=dialog], [aria-modal=true]: what
// axe-core's isModalOpen looks for.
func lmModalSel(e *Element) bool {
	v, _ := e.Attr("aria-modal")
	return isHTML(e, atom.Dialog) || lmRoleIs(e, "dialog") || v == "true"
}

// lmPage is the page-wide facts of the landmark and heading rules.
type lmPage struct {
	hasMain, hasH1 bool
	// modal: a dialog shows, by the HTML (axe-core passes the page
	// rules while a modal is open, whatever is behind it).
	modal bool
	// The first element of each duplicate rule's selector that is
	// exposed, and how many exposed elements of the selector have the
	// rule's role.
	firstMain, firstBanner, firstContentinfo *Element
	mains, banners, contentinfos             int
}

// landmarkPage gathers the page-wide facts once per page.
func (p *Page) landmarkPage() *lmPage {
	return p.Memo("landmark-page", func() any {
		f := p.landmarkFacts()
		lp := &lmPage{}
		for _, e := range p.Elements {
			if !e.notRendered && !e.invisible && lmModalSel(e) {
				lp.modal = true
			}
			if f.hidden[e.Index] {
				continue
			}
			if lmMainSel(e) {
				lp.hasMain = true
				lp.mains++
				if lp.firstMain == nil {
					lp.firstMain = e
				}
			}
			if lmH1Sel(e) {
				lp.hasH1 = true
			}
			if lmBannerSel(e) {
				if lp.firstBanner == nil {
					lp.firstBanner = e
				}
				if f.role[e.Index] == "banner" {
					lp.banners++
				}
			}
			if lmContentinfoSel(e) {
				if lp.firstContentinfo == nil {
					lp.firstContentinfo = e
				}
				if f.role[e.Index] == "contentinfo" {
					lp.contentinfos++
				}
			}
		}
		return lp
	}).(*lmPage)
}

// lmPageHas judges a page rule that wants some element: passed when it has
// one, cantTell when a dialog shows (axe-core passes a page while a modal
// dialog is open, which for most dialogs is up to script and CSS), else
// failed.
func lmPageHas(p *Page, e *Element, has func(lp *lmPage) bool) Outcome {
	if p.XML || e != p.HTML {
		return Inapplicable
	}
	lp := p.landmarkPage()
	switch {
	case has(lp):
		return Passed
	case lp.modal:
		return CantTell
	}
	return Failed
}

func checkOneMain(p *Page, e *Element) Outcome {
	return lmPageHas(p, e, func(lp *lmPage) bool { return lp.hasMain })
}

func checkHeadingOne(p *Page, e *Element) Outcome {
	return lmPageHas(p, e, func(lp *lmPage) bool { return lp.hasH1 })
}

// checkNoDuplicate judges a page's landmark of one kind on the first
// exposed element of its selector, as axe-core does: failed when more
// than one exposed element has the role.
func checkNoDuplicate(kind string) func(p *Page, e *Element) Outcome {
	return func(p *Page, e *Element) Outcome {
		lp := p.landmarkPage()
		first, n := lp.firstMain, lp.mains
		switch kind {
		case "banner":
			first, n = lp.firstBanner, lp.banners
		case "contentinfo":
			first, n = lp.firstContentinfo, lp.contentinfos
		}
		if e != first {
			return Inapplicable
		}
		return outcome(n <= 1)
	}
}

// checkTopLevel judges a landmark of one kind: failed when an ancestor is
// a landmark (its role attribute's role, else, but for a <form>, its
// implicit role). (axe-core's check also lets a complementary landmark sit
// inside main; landmark-complementary-is-top-level is left out of the
// table, WAI-ARIA 1.2 having made nesting it intended.)
func checkTopLevel(sel func(e *Element) bool, bodyContext bool) func(p *Page, e *Element) Outcome {
	return func(p *Page, e *Element) Outcome {
		if !sel(e) {
			return Inapplicable
		}
		f := p.landmarkFacts()
		if f.hiddenOf(e) {
			return Inapplicable
		}
		if bodyContext && !e.Has("role") {
			// axe-core's landmark-has-body-context-matches: a header or
			// footer inside sectioning content or main is no banner or
			// contentinfo.
			for a := e.Parent; a != nil; a = a.Parent {
				if a.Node.Namespace == "" {
					switch a.Node.DataAtom {
					case atom.Article, atom.Aside, atom.Main, atom.Nav, atom.Section:
						return Inapplicable
					}
				}
			}
		}
		for a := e.Parent; a != nil; a = a.Parent {
			r := lmExplicitRole(a)
			if r == "" && !isHTML(a, atom.Form) {
				r = f.roleOf(a)
			}
			if lmLandmarkRoles[r] {
				return Failed
			}
		}
		return Passed
	}
}

// lmUniqueSel matches the selector of axe-core's landmark-unique.
func lmUniqueSel(e *Element) bool {
	if v, ok := e.Attr("role"); ok {
		switch v {
		case "banner", "complementary", "contentinfo", "main", "navigation", "region", "search", "form":
			return true
		}
	}
	if e.Node.Namespace != "" {
		return false
	}
	switch e.Node.DataAtom {
	case atom.Form, atom.Footer, atom.Header, atom.Aside, atom.Main, atom.Nav, atom.Section:
		return true
	}
	return false
}

// lmUniqueGroups maps each exposed landmark of landmark-unique's selector to
// the first landmark with its role and name, and counts each group.
type lmUniqueGroups struct {
	first map[*Element]*Element
	count map[*Element]int // by the group's first landmark
}

func (p *Page) landmarkGroups() *lmUniqueGroups {
	return p.Memo("landmark-unique", func() any {
		f := p.landmarkFacts()
		g := &lmUniqueGroups{first: map[*Element]*Element{}, count: map[*Element]int{}}
		byKey := map[string]*Element{}
		for _, e := range p.Elements {
			role := f.role[e.Index]
			if f.hidden[e.Index] || !lmLandmarkRoles[role] || !lmUniqueSel(e) {
				continue
			}
			key := role + "\x00" + strings.ToLower(p.Name(e))
			first := byKey[key]
			if first == nil {
				first = e
				byKey[key] = e
			}
			g.first[e] = first
			g.count[first]++
		}
		return g
	}).(*lmUniqueGroups)
}

// checkLandmarkUnique judges each landmark against the landmarks before
// it: the first of two or more landmarks with the same role and name fails
// (axe-core reports it, with the others as related nodes); the others are
// answered for by it.
func checkLandmarkUnique(p *Page, e *Element) Outcome {
	g := p.landmarkGroups()
	first, ok := g.first[e]
	switch {
	case !ok:
		return Inapplicable
	case first != e:
		return Inapplicable
	}
	return outcome(g.count[e] == 1)
}

// lmHeadingLevel is a heading's level as axe-core's heading-order reads
// it: a valid aria-level (any integer from 1, parsed as JavaScript's
// parseInt does), else the <hN>'s N, else 2.
func lmHeadingLevel(e *Element) int {
	hl := 0
	if e.Node.Namespace == "" {
		hl = headingLevel(e)
	}
	v, ok := e.Attr("aria-level")
	v = strings.TrimSpace(v)
	if hl > 0 && (!ok || v == "") {
		return hl
	}
	lvl, valid := lmParseInt(v)
	if !valid || lvl < 1 {
		if hl > 0 {
			return hl
		}
		return 2
	}
	return lvl
}

// lmParseInt reads a leading decimal integer as JavaScript's parseInt does
// (an optional sign, then digits; the rest ignored).
func lmParseInt(s string) (int, bool) {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	n, digits := 0, 0
	for digits < len(s) && s[digits] >= '0' && s[digits] <= '9' {
		if n < 1e6 {
			n = n*10 + int(s[digits]-'0')
		}
		digits++
	}
	if digits == 0 {
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}

// lmHeadings is the page's exposed headings in document order, with
// their levels: the elements of h1–h6 and [role=heading] whose role is
// heading.
type lmHeadings struct {
	pos    map[*Element]int
	levels []int
}

func (p *Page) lmHeadingOrder() *lmHeadings {
	return p.Memo("heading-order", func() any {
		f := p.landmarkFacts()
		h := &lmHeadings{pos: map[*Element]int{}}
		for _, e := range p.Elements {
			if f.hidden[e.Index] || f.role[e.Index] != "heading" || !(lmRoleIs(e, "heading") || (e.Node.Namespace == "" && headingLevel(e) > 0)) {
				continue
			}
			h.pos[e] = len(h.levels)
			h.levels = append(h.levels, lmHeadingLevel(e))
		}
		return h
	}).(*lmHeadings)
}

// checkHeadingOrder fails a heading whose level is more than one below
// the previous heading's.
func checkHeadingOrder(p *Page, e *Element) Outcome {
	h := p.lmHeadingOrder()
	i, ok := h.pos[e]
	switch {
	case !ok:
		return Inapplicable
	case i == 0:
		return Passed
	}
	return outcome(h.levels[i]-h.levels[i-1] <= 1)
}

// lmCurrentPageLink reports whether a link's href points into the page
// itself, as axe-core's lmCurrentPageLink decides: "#..." (but not "#",
// nor the router links "#!..." and "#/..."), "/#...", or a URL whose
// origin and path are the page's.
func (p *Page) lmCurrentPageLink(href string) bool {
	if href == "" || href == "#" {
		return false
	}
	if strings.HasPrefix(href, "/#") {
		return true
	}
	if strings.HasPrefix(href, "#!") || strings.HasPrefix(href, "#/") {
		return false
	}
	if href[0] == '#' {
		return true
	}
	base, err := url.Parse(p.URL)
	if err != nil || base.Scheme == "" || base.Host == "" {
		return false
	}
	u, err := base.Parse(strings.TrimSpace(href))
	if err != nil {
		return false
	}
	if f := u.Fragment; strings.HasPrefix(f, "!") || strings.HasPrefix(f, "/") {
		return false
	}
	path := func(u *url.URL) string {
		if u.Path == "" {
			return "/"
		}
		return u.Path
	}
	return strings.EqualFold(u.Scheme, base.Scheme) && strings.EqualFold(u.Host, base.Host) && path(u) == path(base)
}

// lmSkipLinks are the page's facts for skip links: the first link to
// another page (axe-core's firstPageLink), and the first element of each
// name attribute value.
type lmSkipLinks struct {
	firstPageLink *Element
	names         map[string]*Element
}

func (p *Page) lmSkipLinks() *lmSkipLinks {
	return p.Memo("skip-links", func() any {
		s := &lmSkipLinks{}
		f := p.landmarkFacts()
		for _, e := range p.Elements {
			if f.inTemplate[e.Index] {
				continue // a template's content is no part of the document
			}
			if v, ok := e.Attr("name"); ok && v != "" {
				if s.names == nil {
					s.names = map[string]*Element{}
				}
				if s.names[v] == nil {
					s.names[v] = e
				}
			}
			if s.firstPageLink == nil && e.Tag == "a" && e.Has("href") {
				if h := attrVal(e.Node, "href"); !strings.HasPrefix(h, "javascript:") && !p.lmCurrentPageLink(h) {
					s.firstPageLink = e
				}
			}
		}
		return s
	}).(*lmSkipLinks)
}

// lmIsSkipLink reports whether a link comes before the page's first link to
// another page (axe-core's lmIsSkipLink).
func (p *Page) lmIsSkipLink(e *Element) bool {
	if !e.Has("href") || (e.Tag != "a" && !isHTML(e, atom.Area)) {
		return false
	}
	first := p.lmSkipLinks().firstPageLink
	return first == nil || e.Index < first.Index
}

// lmSkipTarget returns the element a same-page link points to (by id, then
// by name), and whether its fragment could be read at all.
func (p *Page) lmSkipTarget(e *Element) (*Element, bool) {
	href := attrVal(e.Node, "href")
	if !p.lmCurrentPageLink(href) {
		return nil, true
	}
	_, frag, _ := strings.Cut(href, "#")
	frag, err := url.PathUnescape(frag)
	if err != nil {
		return nil, false
	}
	if frag == "" {
		return nil, true
	}
	if t := p.ByID(frag); t != nil && !p.landmarkFacts().inTemplate[t.Index] {
		return t, true
	}
	return p.lmSkipLinks().names[frag], true
}

// checkSkipLink judges a skip link (a same-page link before the page's
// first link to another page): passed when its target exists and is
// exposed, cantTell when the target is hidden (script may show it),
// failed when no element has the id or name it points to.
func checkSkipLink(p *Page, e *Element) Outcome {
	href, _ := e.Attr("href")
	if !(strings.HasPrefix(href, "#") || strings.HasPrefix(href, "/#")) {
		return Inapplicable
	}
	f := p.landmarkFacts()
	if f.hiddenOf(e) || !p.lmIsSkipLink(e) {
		return Inapplicable
	}
	t, ok := p.lmSkipTarget(e)
	switch {
	case !ok:
		return CantTell
	case t == nil:
		return Failed
	case f.hiddenOf(t):
		return CantTell
	}
	return Passed
}

// lmJSSpace reports whether JavaScript's String.prototype.trim removes r.
func lmJSSpace(r rune) bool { return (unicode.IsSpace(r) && r != 0x85) || r == 0xFEFF }

// lmNoTextElements are the elements whose text axe-core never counts as
// content (hasChildTextNodes).
var lmNoTextElements = map[string]bool{"head": true, "title": true, "template": true, "script": true, "style": true,
	"iframe": true, "object": true, "video": true, "audio": true, "noscript": true}

// lmChildText reports whether the element has a child text node that is
// not white space.
func lmChildText(e *Element) bool {
	if lmNoTextElements[e.Tag] {
		return false
	}
	for c := e.Node.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimFunc(c.Data, lmJSSpace) != "" {
			return true
		}
	}
	return false
}

// lmVisualRoles are the role attribute values that make an element visual
// content to axe-core.
var lmVisualRoles = map[string]bool{"checkbox": true, "img": true, "meter": true, "progressbar": true, "scrollbar": true,
	"radio": true, "slider": true, "spinbutton": true, "textbox": true}

// lmVisualContent is axe-core's lmVisualContent: a role attribute of a
// visual role, or, without a valid one, an element that shows something
// besides text (images, media, form controls).
func lmVisualContent(e *Element) bool {
	if r := lmExplicitRole(e); r != "" {
		return lmVisualRoles[r]
	}
	switch e.Tag {
	case "img", "iframe", "object", "video", "audio", "canvas", "svg", "math", "button", "select", "textarea", "keygen", "progress", "meter":
		return true
	case "input":
		return strings.ToLower(attrVal(e.Node, "type")) != "hidden"
	}
	return false
}

// lmVisibleText reports whether the element holds text that shows on
// screen (axe-core's visibleVirtual: aria-hidden does not matter).
func (p *Page) lmVisibleText(e *Element) bool {
	budget := 10000
	var walk func(e *Element, depth int) bool
	walk = func(e *Element, depth int) bool {
		if e.notRendered || e.invisible || depth > maxNameDepth {
			return false
		}
		for c := e.Node.FirstChild; c != nil; c = c.NextSibling {
			if budget--; budget < 0 {
				return false
			}
			switch c.Type {
			case html.TextNode:
				if strings.TrimFunc(c.Data, lmJSSpace) != "" {
					return true
				}
			case html.ElementNode:
				if ce := p.Elem(c); ce != nil && walk(ce, depth+1) {
					return true
				}
			}
		}
		return false
	}
	return walk(e, 0)
}

// lmAriaLabel is axe-core's labelVirtual: the visible text of the
// elements aria-labelledby names, else aria-label.
func (p *Page) lmAriaLabel(e *Element) bool {
	if v := attrVal(e.Node, "aria-labelledby"); strings.TrimSpace(v) != "" {
		for i, id := range strings.Fields(v) {
			if i >= 32 {
				break
			}
			if t := p.ByID(id); t != nil && p.lmVisibleText(t) {
				return true
			}
		}
	}
	return strings.TrimFunc(attrVal(e.Node, "aria-label"), lmJSSpace) != ""
}

// lmRegionLike is axe-core's isRegion for the region rule: a landmark, a
// live region (aria-live polite or assertive, role alert, log or status),
// a dialog or an <svg>.
func lmRegionLike(e *Element, role string) bool {
	switch strings.ToLower(strings.TrimSpace(attrVal(e.Node, "aria-live"))) {
	case "polite", "assertive":
		return true
	}
	switch role {
	case "alert", "log", "status":
		return true
	}
	return lmLandmarkRoles[role] || isHTML(e, atom.Dialog) || lmRoleIs(e, "dialog") || lmRoleIs(e, "alertdialog") || e.Tag == "svg"
}

// lmRegionless returns the elements that axe-core's region rule reports:
// content (text, an image or a control, or an element labelled by ARIA)
// outside every landmark, live region and dialog, each raised to its
// highest ancestor below <body> that holds nothing exempt. Exempt are the
// landmarks and the like, buttons, frames, skip links whose target exists,
// and hidden elements: an ancestor of any of them is not raised past. The
// page is read once, in document order, skipping the subtrees that are
// settled.
func (p *Page) lmRegionless() map[*Element]bool {
	return p.Memo("lmRegionless", func() any {
		out := map[*Element]bool{}
		body := p.Body
		if body == nil {
			return out
		}
		f := p.landmarkFacts()
		marked := make([]bool, len(p.Elements)) // holds something exempt
		var found []*Element
		skip := -1 // skip the elements deeper than this
		for _, e := range p.Elements {
			if skip >= 0 {
				if e.Depth > skip {
					continue
				}
				skip = -1
			}
			role := f.role[e.Index]
			exempt := f.hidden[e.Index] || role == "button" || lmRegionLike(e, role) || isHTML(e, atom.Iframe) || isHTML(e, atom.Frame)
			if !exempt && p.lmIsSkipLink(e) {
				t, _ := p.lmSkipTarget(e)
				exempt = t != nil
			}
			switch {
			case exempt:
				for a := e; a != nil && a.Index >= 0 && !marked[a.Index]; a = a.Parent {
					marked[a.Index] = true
				}
				skip = e.Depth
			case e != body && (lmChildText(e) || lmVisualContent(e) || p.lmAriaLabel(e)) && !(role == "none" && !lmChildText(e)):
				found = append(found, e)
				skip = e.Depth
			}
		}
		for _, e := range found {
			v := e
			for v.Parent != nil && v.Parent != body && v.Parent.Index >= 0 && !marked[v.Parent.Index] {
				v = v.Parent
			}
			out[v] = true
		}
		return out
	}).(map[*Element]bool)
}

// checkRegion judges each exposed element inside <body>: failed when it is
// content outside the landmarks (raised as axe-core raises it), else
// passed.
func checkRegion(p *Page, e *Element) Outcome {
	body := p.Body
	if p.XML || body == nil || e.Index <= body.Index || e.Depth <= body.Depth {
		return Inapplicable
	}
	if p.landmarkFacts().hiddenOf(e) {
		return Inapplicable
	}
	return outcome(!p.lmRegionless()[e])
}
