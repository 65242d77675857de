package scoring

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The advisory rules about landmarks and headings follow axe-core 4.14's
// best-practice rules of the same ids. Those rules pick their elements by
// CSS selector (`main:not([role]), [role=main]`, `[role=banner]`...), so a
// role attribute counts here only where its value is exactly the role, and
// they read roles as axe-core's getRole does: a role attribute names a role
// only when its whole value (trimmed, lower-cased) is one valid role
// (axeExplicitRole), and <aside>, <form>, <section>, <header> and <footer>
// are landmarks by HTML-AAM's scoping and naming conditions as axe-core
// reads them (axeImplicitRole). The page-wide facts are gathered once per
// page from the element list (Page.Memo), never by walking the tree again
// per element.

// axeLandmarkRoles are the roles that axe-core's standards type as
// landmarks (DPUB roles aside: axe-core's getRole does not read them).
var axeLandmarkRoles = map[string]bool{
	"application": true, "banner": true, "complementary": true, "contentinfo": true, "form": true,
	"main": true, "navigation": true, "region": true, "search": true,
}

// landmarkFacts is what the landmark rules read of a page, per element:
// its role as axe-core's getRole computes it, gathered once in document
// order, and the hidden state of its image map areas.
type landmarkFacts struct {
	role []string // by Element.Index; "none" for presentational
	// areaHidden: the <area> elements that axe-core takes as hidden.
	areaHidden map[*Element]bool
}

// landmarkFacts gathers the per-element facts once per page.
func (p *Page) landmarkFacts() *landmarkFacts {
	return p.Memo("landmark-facts", func() any {
		f := &landmarkFacts{role: make([]string, len(p.Elements))}
		for _, e := range p.Elements {
			f.role[e.Index] = p.axeRole(e)
			if isHTML(e, atom.Area) {
				if f.areaHidden == nil {
					f.areaHidden = map[*Element]bool{}
				}
				f.areaHidden[e] = p.axeAreaHidden(e)
			}
		}
		return f
	}).(*landmarkFacts)
}

// axeAreaHidden reports whether axe-core takes an <area> as hidden, from
// its own attributes and its image map alone (not its ancestors): when it
// is aria-hidden or inert itself, or when no <map name> holds it, or no
// image uses the map, or an image that uses it is hidden.
func (p *Page) axeAreaHidden(a *Element) bool {
	if ariaTrue(attrVal(a.Node, "aria-hidden")) || a.Has("inert") {
		return true
	}
	var refs []*Element
	if m := areaMap(a); m != nil && attrVal(m.Node, "name") != "" {
		refs = p.usemapImages()[attrVal(m.Node, "name")]
	}
	hidden := len(refs) == 0
	for _, r := range refs {
		hidden = hidden || r.Hidden()
	}
	return hidden
}

// axeRole computes an element's role as axe-core's getRole does: the
// explicit role, else the implicit one, with WAI-ARIA's presentational
// conflict resolution.
func (p *Page) axeRole(e *Element) string {
	switch r := axeExplicitRole(e); r {
	case "":
		return p.axeInheritedRole(e)
	case "none", "presentation":
		if hasGlobalARIA(e.Node) || p.Focusable(e) {
			if strings.Contains(e.Tag, "-") {
				return "" // a custom element has no implicit role
			}
			return p.axeInheritedRole(e)
		}
		return "none"
	default:
		return r
	}
}

// axeInheritedRole is an element's implicit role as axe-core's getRole
// computes it: its implicit role, or "none" for the list items and table
// parts of a presentational list or table, which take their parent's
// role (the walk's implicit role says when).
func (p *Page) axeInheritedRole(e *Element) string {
	switch e.Tag {
	case "li", "tbody", "thead", "tfoot", "tr", "td", "th":
		if e.Node.Namespace == "" && p.implicitRole(e) == "none" {
			return "none"
		}
	}
	r := p.axeImplicitRole(e)
	if r == "presentation" {
		r = "none"
	}
	return r
}

// roleOf and hiddenOf read the facts of one element: its role, and
// whether it is out of the accessibility tree (axe-core's
// isVisibleToScreenReaders is false).
func (f *landmarkFacts) roleOf(e *Element) string {
	if e.Index < 0 || e.Index >= len(f.role) {
		return ""
	}
	return f.role[e.Index]
}

func (f *landmarkFacts) hiddenOf(e *Element) bool {
	if h, ok := f.areaHidden[e]; ok {
		return h
	}
	return e.Hidden()
}

// mainSel matches axe-core's main:not([role]), [role=main].
func mainSel(e *Element) bool { return htmlNoRole(e, atom.Main) || roleAttrIs(e, "main") }

// bannerSel matches header:not([role]), [role=banner].
func bannerSel(e *Element) bool { return htmlNoRole(e, atom.Header) || roleAttrIs(e, "banner") }

// contentinfoSel matches footer:not([role]), [role=contentinfo].
func contentinfoSel(e *Element) bool {
	return htmlNoRole(e, atom.Footer) || roleAttrIs(e, "contentinfo")
}

// h1Sel matches axe-core's level-one headings: h1:not([role],
// [aria-level]), :is(h1, h2, h3, h4, h5, h6):not([role])[aria-level=1],
// [role=heading][aria-level=1].
func h1Sel(e *Element) bool {
	lvl, hasLvl := e.Attr("aria-level")
	if !e.Has("role") && isHTML(e, atom.H1) && !hasLvl {
		return true
	}
	if hasLvl && lvl == "1" {
		return (!e.Has("role") && headingLevel(e) > 0 && e.Node.Namespace == "") || roleAttrIs(e, "heading")
	}
	return false
}

// modalSel matches dialog, [role=dialog], [aria-modal=true]: what
// axe-core's isModalOpen looks for.
func modalSel(e *Element) bool {
	v, _ := e.Attr("aria-modal")
	return isHTML(e, atom.Dialog) || roleAttrIs(e, "dialog") || v == "true"
}

// pageLandmarks is the page-wide facts of the landmark and heading rules.
type pageLandmarks struct {
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
func (p *Page) landmarkPage() *pageLandmarks {
	return p.Memo("landmark-page", func() any {
		f := p.landmarkFacts()
		lp := &pageLandmarks{}
		for _, e := range p.Elements {
			if e.visible() && modalSel(e) {
				lp.modal = true
			}
			if f.hiddenOf(e) {
				continue
			}
			if mainSel(e) {
				lp.hasMain = true
				lp.mains++
				if lp.firstMain == nil {
					lp.firstMain = e
				}
			}
			if h1Sel(e) {
				lp.hasH1 = true
			}
			if bannerSel(e) {
				if lp.firstBanner == nil {
					lp.firstBanner = e
				}
				if f.role[e.Index] == "banner" {
					lp.banners++
				}
			}
			if contentinfoSel(e) {
				if lp.firstContentinfo == nil {
					lp.firstContentinfo = e
				}
				if f.role[e.Index] == "contentinfo" {
					lp.contentinfos++
				}
			}
		}
		return lp
	}).(*pageLandmarks)
}

// pageHas judges a page rule that wants some element: passed when it has
// one, cantTell when a dialog shows (axe-core passes a page while a modal
// dialog is open, which for most dialogs is up to script and CSS), else
// failed.
func pageHas(p *Page, e *Element, has func(lp *pageLandmarks) bool) Outcome {
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
	return pageHas(p, e, func(lp *pageLandmarks) bool { return lp.hasMain })
}

func checkHeadingOne(p *Page, e *Element) Outcome {
	return pageHas(p, e, func(lp *pageLandmarks) bool { return lp.hasH1 })
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
			r := axeExplicitRole(a)
			if r == "" && !isHTML(a, atom.Form) {
				r = f.roleOf(a)
			}
			if axeLandmarkRoles[r] {
				return Failed
			}
		}
		return Passed
	}
}

// uniqueSel matches the selector of axe-core's landmark-unique.
func uniqueSel(e *Element) bool {
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

// uniqueGroups maps each exposed landmark of landmark-unique's selector to
// the first landmark with its role and name, and counts each group.
type uniqueGroups struct {
	first map[*Element]*Element
	count map[*Element]int // by the group's first landmark
}

func (p *Page) landmarkGroups() *uniqueGroups {
	return p.Memo("landmark-unique", func() any {
		f := p.landmarkFacts()
		g := &uniqueGroups{first: map[*Element]*Element{}, count: map[*Element]int{}}
		byKey := map[string]*Element{}
		for _, e := range p.Elements {
			role := f.role[e.Index]
			if f.hiddenOf(e) || !axeLandmarkRoles[role] || !uniqueSel(e) {
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
	}).(*uniqueGroups)
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

// axeHeadingLevel is a heading's level as axe-core's heading-order reads
// it: a valid aria-level (any integer from 1, parsed as JavaScript's
// parseInt does), else the <hN>'s N, else 2.
func axeHeadingLevel(e *Element) int {
	hl := 0
	if e.Node.Namespace == "" {
		hl = headingLevel(e)
	}
	v, ok := e.Attr("aria-level")
	v = strings.TrimSpace(v)
	if hl > 0 && (!ok || v == "") {
		return hl
	}
	lvl, valid := jsParseInt(v)
	if !valid || lvl < 1 {
		if hl > 0 {
			return hl
		}
		return 2
	}
	return lvl
}

// headings is the page's exposed headings in document order, with
// their levels: the elements of h1–h6 and [role=heading] whose role is
// heading.
type headings struct {
	pos    map[*Element]int
	levels []int
}

func (p *Page) headingOrder() *headings {
	return p.Memo("heading-order", func() any {
		f := p.landmarkFacts()
		h := &headings{pos: map[*Element]int{}}
		for _, e := range p.Elements {
			if f.hiddenOf(e) || f.role[e.Index] != "heading" || !(roleAttrIs(e, "heading") || (e.Node.Namespace == "" && headingLevel(e) > 0)) {
				continue
			}
			h.pos[e] = len(h.levels)
			h.levels = append(h.levels, axeHeadingLevel(e))
		}
		return h
	}).(*headings)
}

// checkHeadingOrder fails a heading whose level is more than one below
// the previous heading's.
func checkHeadingOrder(p *Page, e *Element) Outcome {
	h := p.headingOrder()
	i, ok := h.pos[e]
	switch {
	case !ok:
		return Inapplicable
	case i == 0:
		return Passed
	}
	return outcome(h.levels[i]-h.levels[i-1] <= 1)
}

// currentPageLink reports whether a link's href points into the page
// itself, as axe-core's isCurrentPageLink decides: "#..." (but not "#",
// nor the router links "#!..." and "#/..."), "/#...", or a URL whose
// origin and path are the page's.
func (p *Page) currentPageLink(href string) bool {
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

// skipLinks are the page's facts for skip links: the first link to
// another page (axe-core's firstPageLink), and the first element of each
// name attribute value.
type skipLinks struct {
	firstPageLink *Element
	names         map[string]*Element
}

func (p *Page) skipLinks() *skipLinks {
	return p.Memo("skip-links", func() any {
		s := &skipLinks{}
		for _, e := range p.Elements {
			if e.inTemplate {
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
				if h := attrVal(e.Node, "href"); !strings.HasPrefix(h, "javascript:") && !p.currentPageLink(h) {
					s.firstPageLink = e
				}
			}
		}
		return s
	}).(*skipLinks)
}

// isSkipLink reports whether a link comes before the page's first link to
// another page (axe-core's isSkipLink).
func (p *Page) isSkipLink(e *Element) bool {
	if !e.Has("href") || (e.Tag != "a" && !isHTML(e, atom.Area)) {
		return false
	}
	first := p.skipLinks().firstPageLink
	return first == nil || e.Index < first.Index
}

// skipTarget returns the element a same-page link points to (by id, then
// by name), and whether its fragment could be read at all.
func (p *Page) skipTarget(e *Element) (*Element, bool) {
	href := attrVal(e.Node, "href")
	if !p.currentPageLink(href) {
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
	if t := p.ByID(frag); t != nil && !t.inTemplate {
		return t, true
	}
	return p.skipLinks().names[frag], true
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
	if f.hiddenOf(e) || !p.isSkipLink(e) {
		return Inapplicable
	}
	t, ok := p.skipTarget(e)
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

// noTextElements are the elements whose text axe-core never counts as
// content (hasChildTextNodes).
var noTextElements = map[string]bool{"head": true, "title": true, "template": true, "script": true, "style": true,
	"iframe": true, "object": true, "video": true, "audio": true, "noscript": true}

// hasChildText reports whether the element has a child text node that is
// not white space.
func hasChildText(e *Element) bool {
	if noTextElements[e.Tag] {
		return false
	}
	for c := e.Node.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimFunc(c.Data, jsSpace) != "" {
			return true
		}
	}
	return false
}

// visualRoles are the role attribute values that make an element visual
// content to axe-core.
var visualRoles = map[string]bool{"checkbox": true, "img": true, "meter": true, "progressbar": true, "scrollbar": true,
	"radio": true, "slider": true, "spinbutton": true, "textbox": true}

// visualContent is axe-core's isVisualContent: a role attribute of a
// visual role, or, without a valid one, an element that shows something
// besides text (images, media, form controls).
func visualContent(e *Element) bool {
	if r := axeExplicitRole(e); r != "" {
		return visualRoles[r]
	}
	switch e.Tag {
	case "img", "iframe", "object", "video", "audio", "canvas", "svg", "math", "button", "select", "textarea", "keygen", "progress", "meter":
		return true
	case "input":
		return inputType(e.Node) != "hidden"
	}
	return false
}

// regionLike is axe-core's isRegion for the region rule: a landmark, a
// live region (aria-live polite or assertive, role alert, log or status),
// a dialog or an <svg>.
func regionLike(e *Element, role string) bool {
	switch strings.ToLower(strings.TrimSpace(attrVal(e.Node, "aria-live"))) {
	case "polite", "assertive":
		return true
	}
	switch role {
	case "alert", "log", "status":
		return true
	}
	return axeLandmarkRoles[role] || isHTML(e, atom.Dialog) || roleAttrIs(e, "dialog") || roleAttrIs(e, "alertdialog") || e.Tag == "svg"
}

// regionless returns the elements that axe-core's region rule reports:
// content (text, an image or a control, or an element labelled by ARIA)
// outside every landmark, live region and dialog, each raised to its
// highest ancestor below <body> that holds nothing exempt. Exempt are the
// landmarks and the like, buttons, frames, skip links whose target exists,
// and hidden elements: an ancestor of any of them is not raised past. The
// page is read once, in document order, skipping the subtrees that are
// settled.
func (p *Page) regionless() map[*Element]bool {
	return p.Memo("regionless", func() any {
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
			exempt := f.hiddenOf(e) || role == "button" || regionLike(e, role) || isHTML(e, atom.Iframe) || isHTML(e, atom.Frame)
			if !exempt && p.isSkipLink(e) {
				t, _ := p.skipTarget(e)
				exempt = t != nil
			}
			switch {
			case exempt:
				for a := e; a != nil && a.Index >= 0 && !marked[a.Index]; a = a.Parent {
					marked[a.Index] = true
				}
				skip = e.Depth
			case e != body && (hasChildText(e) || visualContent(e) || p.ariaVisibleLabel(e) != "") && !(role == "none" && !hasChildText(e)):
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
	return outcome(!p.regionless()[e])
}
