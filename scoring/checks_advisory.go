package scoring

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The checks of the advisory rules about names, roles, images, forms and
// tables: axe-core's best-practice rules that the HTML decides, and the
// barriers of the GDS accessibility tool audit that other tools report
// from the HTML. Where a rule mirrors an axe-core rule, the check follows
// axe-core 4.14's checks and matchers, and its comment says which.

// accesskeys: axe-core's accesskeys (check accesskeys and its after
// step). Every element that is displayed and has a non-empty accesskey
// takes part, whatever its role; the values are compared upper-cased, as
// written. The first element with a value that another element repeats
// fails and stands for the group; the others are judged with it.
func checkAccesskeys(p *Page, e *Element) Outcome {
	key, ok := e.Attr("accesskey")
	if !ok || key == "" || !e.visible() {
		return Inapplicable
	}
	type group struct {
		first *Element
		n     int
	}
	keys := p.Memo("accesskeys", func() any {
		m := map[string]*group{}
		for _, x := range p.Elements {
			v, ok := x.Attr("accesskey")
			if !ok || v == "" || !x.visible() {
				continue
			}
			k := strings.ToUpper(v)
			if m[k] == nil {
				m[k] = &group{first: x}
			}
			m[k].n++
		}
		return m
	}).(map[string]*group)
	g := keys[strings.ToUpper(key)]
	if g == nil || g.first != e {
		return Inapplicable // judged with the first element of its value
	}
	return outcome(g.n == 1)
}

// checkAccesskeyAttr fails any accesskey (the GDS audit's "Accesskey
// attribute used"): a page's shortcuts clash with those of browsers and
// screen readers, differ between browsers, and are seldom made known.
func checkAccesskeyAttr(p *Page, e *Element) Outcome {
	key, ok := e.Attr("accesskey")
	if !ok || strings.TrimSpace(key) == "" || !e.visible() {
		return Inapplicable
	}
	return Failed
}

// roleAllowance is what ARIA in HTML allows as the role of an element, as
// axe-core's standards table htmlElms has it: any role, the roles listed,
// or none.
type roleAllowance struct {
	any   bool
	roles []string
}

var (
	anyRoleAllowed = roleAllowance{any: true}
	noRoleAllowed  = roleAllowance{}
)

// htmlAllowedRoles holds the elements whose allowed roles do not depend
// on their attributes; allowedRoles decides the others (a, area,
// figure, img, input, select, summary).
var htmlAllowedRoles = func() map[string]roleAllowance {
	m := map[string]roleAllowance{}
	for _, t := range strings.Fields("abbr address b bdi bdo blockquote canvas cite code data del dfn div em hgroup i ins kbd mark output p pre q rp rt ruby s samp small span strong sub sup svg table tbody td tfoot th thead time tr u var") {
		m[t] = anyRoleAllowed
	}
	for _, t := range strings.Fields("base body caption col colgroup datalist dd details head html label legend link main map math meta meter noscript optgroup option param picture progress script slot source style template textarea title track") {
		m[t] = noRoleAllowed
	}
	lists := []struct{ tags, roles string }{
		{"article", "feed presentation none document application main region"},
		{"aside", "feed note presentation none region search doc-dedication doc-example doc-footnote doc-glossary doc-pullquote doc-tip"},
		{"audio video", "application"},
		{"br wbr", "presentation none"},
		{"button", "checkbox combobox gridcell link menuitem menuitemcheckbox menuitemradio option radio separator slider switch tab treeitem"},
		{"dialog", "alertdialog"},
		{"dl", "group list presentation none"},
		{"dt", "listitem"},
		{"embed", "application document img image presentation none"},
		{"fieldset", "none presentation radiogroup"},
		{"figcaption", "group none presentation"},
		{"footer header", "group none presentation doc-footnote"},
		{"form", "form search none presentation"},
		{"h1 h2 h3 h4 h5 h6", "none presentation tab doc-subtitle"},
		{"hr", "none presentation doc-pagebreak"},
		{"iframe", "application document img image none presentation"},
		{"li", "menuitem menuitemcheckbox menuitemradio option none presentation radio separator tab treeitem doc-biblioentry doc-endnote"},
		{"menu ol ul", "directory group listbox menu menubar none presentation radiogroup tablist toolbar tree"},
		{"nav", "doc-index doc-pagelist doc-toc menu menubar none presentation tablist"},
		{"object", "application document img image"},
		{"search", "form group none presentation region search"},
		{"section", "alert alertdialog application banner complementary contentinfo dialog document feed group log main marquee navigation none note presentation search status tabpanel doc-abstract doc-acknowledgments doc-afterword doc-appendix doc-bibliography doc-chapter doc-colophon doc-conclusion doc-credit doc-credits doc-dedication doc-endnotes doc-epigraph doc-epilogue doc-errata doc-example doc-foreword doc-glossary doc-index doc-introduction doc-notice doc-pagelist doc-part doc-preface doc-prologue doc-pullquote doc-qna doc-toc"},
	}
	for _, l := range lists {
		for _, t := range strings.Fields(l.tags) {
			m[t] = roleAllowance{roles: strings.Fields(l.roles)}
		}
	}
	return m
}()

// hasLineChars reports whether s has a character other than a line
// terminator (JavaScript's /.+/).
func hasLineChars(s string) bool {
	for _, r := range s {
		if r != '\n' && r != '\r' && r != '\u2028' && r != '\u2029' {
			return true
		}
	}
	return false
}

// allowedRoles returns the roles that ARIA in HTML allows on e (as
// axe-core's getElementSpec resolves htmlElms' variants), and false when
// e is no HTML element that the table knows.
func (p *Page) allowedRoles(e *Element) (roleAllowance, bool) {
	// axe-core looks elements up by their local name whatever their
	// namespace (its isHtmlElement asks a virtual node, which has no
	// namespace, for one): an <svg> is in the table, with any role.
	n := e.Node
	switch n.Data {
	case "a":
		if e.Has("href") {
			return roleAllowance{roles: []string{"button", "checkbox", "menuitem", "menuitemcheckbox", "menuitemradio", "option", "radio", "switch", "tab", "treeitem", "doc-backlink", "doc-biblioref", "doc-glossref", "doc-noteref"}}, true
		}
		return anyRoleAllowed, true
	case "area":
		if e.Has("href") {
			return noRoleAllowed, true
		}
		return roleAllowance{roles: []string{"button", "link"}}, true
	case "figure":
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Data == "figcaption" {
				return roleAllowance{roles: []string{"doc-example"}}, true
			}
		}
		return anyRoleAllowed, true
	case "img":
		if alt, ok := e.Attr("alt"); (ok && hasLineChars(alt)) || p.HasName(e) {
			return roleAllowance{roles: []string{"button", "checkbox", "link", "math", "menuitem", "menuitemcheckbox", "menuitemradio", "meter", "option", "progressbar", "radio", "scrollbar", "separator", "slider", "switch", "tab", "treeitem", "doc-cover"}}, true
		}
		return roleAllowance{roles: []string{"presentation", "none"}}, true
	case "input":
		switch t := inputType(e.Node); t {
		case "button":
			return roleAllowance{roles: []string{"checkbox", "combobox", "link", "menuitem", "menuitemcheckbox", "menuitemradio", "option", "radio", "switch", "tab"}}, true
		case "checkbox":
			if e.Has("aria-pressed") {
				return roleAllowance{roles: []string{"button", "menuitemcheckbox", "option", "switch"}}, true
			}
			return roleAllowance{roles: []string{"menuitemcheckbox", "option", "switch"}}, true
		case "color", "date", "datetime-local", "file", "month", "number", "password", "range", "reset", "submit", "time", "week", "hidden":
			return noRoleAllowed, true
		case "image":
			return roleAllowance{roles: []string{"link", "menuitem", "menuitemcheckbox", "menuitemradio", "radio", "switch"}}, true
		case "radio":
			return roleAllowance{roles: []string{"menuitemradio"}}, true
		case "text":
			if e.Has("list") {
				return noRoleAllowed, true
			}
		}
		return roleAllowance{roles: []string{"combobox", "searchbox", "spinbutton"}}, true
	case "select":
		if size, ok := e.Attr("size"); !e.Has("multiple") && (!ok || size == "1") {
			return roleAllowance{roles: []string{"menu"}}, true
		}
		return noRoleAllowed, true
	case "summary":
		if e.Parent != nil && isHTML(e.Parent, atom.Details) && isFirstSummary(n) {
			return noRoleAllowed, true
		}
		return anyRoleAllowed, true
	}
	a, ok := htmlAllowedRoles[n.Data]
	return a, ok
}

// dpubRoleTypes are the DPUB roles that axe-core allows only on elements
// whose implicit role is the role's type (a doc-noteref on a link).
var dpubRoleTypes = map[string]string{
	"doc-backlink": "link", "doc-biblioentry": "listitem", "doc-biblioref": "link", "doc-cover": "img",
	"doc-endnote": "listitem", "doc-glossref": "link", "doc-noteref": "link",
}

// unallowedRoles returns the roles of e's role attribute that ARIA in HTML
// does not allow on the element (axe-core's getElementUnallowedRoles, with
// allowImplicit): every valid token is judged, not only the first.
func (p *Page) unallowedRoles(e *Element) []string {
	spec, known := p.allowedRoles(e)
	if !known {
		return nil
	}
	implicit := p.axeImplicitRole(e)
	if implicit == "" {
		switch {
		case isHTML(e, atom.Header):
			implicit = "banner"
		case isHTML(e, atom.Footer):
			implicit = "contentinfo"
		}
	}
	var bad []string
	for i, r := range strings.Fields(strings.ToLower(attrVal(e.Node, "role"))) {
		if i > 64 {
			break
		}
		if !axeValidRole(r) || r == implicit {
			continue
		}
		if t, ok := dpubRoleTypes[r]; ok && t != implicit {
			bad = append(bad, r)
			continue
		}
		if !spec.any && !contains(spec.roles, r) {
			bad = append(bad, r)
		}
	}
	return bad
}

// checkAriaAllowedRole: axe-core's aria-allowed-role (check
// aria-allowed-role, allowImplicit). It applies to elements whose role
// attribute has a valid token; an element with a role ARIA in HTML does
// not allow fails, or cannot be told when it is hidden (axe-core reports
// it for review).
func checkAriaAllowedRole(p *Page, e *Element) Outcome {
	v, ok := e.Attr("role")
	if !ok {
		return Inapplicable
	}
	valid := false
	for _, r := range strings.Fields(strings.ToLower(v)) {
		if axeValidRole(r) {
			valid = true
			break
		}
	}
	if !valid {
		return Inapplicable
	}
	if len(p.unallowedRoles(e)) == 0 {
		return Passed
	}
	if e.Hidden() {
		return CantTell
	}
	return Failed
}

// axeWidgetRoles are the roles whose type is widget in axe-core's role
// table.
var axeWidgetRoles = map[string]bool{
	"button": true, "checkbox": true, "combobox": true, "gridcell": true, "link": true, "listbox": true,
	"menuitem": true, "menuitemcheckbox": true, "menuitemradio": true, "option": true, "progressbar": true,
	"radio": true, "scrollbar": true, "searchbox": true, "slider": true, "spinbutton": true, "switch": true,
	"tab": true, "textbox": true, "treeitem": true,
}

// checkAriaText: axe-core's aria-text (check no-focusable-content):
// role="text" flattens its content into one text node for screen
// readers, so it holds no widget that can take focus (tabindex="-1"
// included).
func checkAriaText(p *Page, e *Element) Outcome {
	if !roleAttrIs(e, "text") || e.Hidden() {
		return Inapplicable
	}
	o := Passed
	p.descendants(e, func(d *Element) bool {
		role, focusable := d.Role, p.Focusable(d)
		if isHTML(d, atom.Summary) && role == "" {
			// Browsers expose a <summary> as a disclosure button and let
			// it take focus (axe-core: role button, natively focusable).
			role, focusable = "button", true
		}
		if axeWidgetRoles[role] && focusable && d.visible() {
			o = Failed
			return false
		}
		return true
	})
	return o
}

// altParent is the nearest ancestor whose text an image's text
// alternative can repeat (axe-core's duplicate-img-label parentSelector:
// button, [role=button], a[href], p, li, td, th).
func altParent(e *Element) *Element {
	for a := e.Parent; a != nil; a = a.Parent {
		if roleAttrIs(a, "button") {
			return a
		}
		if a.Node.Namespace != "" {
			if a.Node.Namespace == "svg" && a.Node.Data == "a" && a.Has("href") {
				return a
			}
			continue
		}
		switch a.Node.DataAtom {
		case atom.Button, atom.P, atom.Li, atom.Td, atom.Th:
			return a
		case atom.A:
			if a.Has("href") {
				return a
			}
		}
	}
	return nil
}

// checkImageRedundantAlt: axe-core's image-redundant-alt (check
// duplicate-img-label): an image's text alternative does not repeat, word
// for word, the text of the link, button, paragraph, list item or cell
// around it, which a screen reader would then read twice.
func checkImageRedundantAlt(p *Page, e *Element) Outcome {
	if !isHTML(e, atom.Img) || e.Hidden() {
		return Inapplicable
	}
	if e.Role == "none" {
		return Passed
	}
	par := altParent(e)
	if par == nil {
		return Passed
	}
	name := strings.ToLower(sanitize(p.nameOf(e, nameCtx{root: e})))
	if name == "" {
		return Passed // no text that could repeat the text around it
	}
	return outcome(strings.ToLower(p.visibleText(par, true)) != name)
}

// visibleLabel is the text that labels a form field visibly (axe-core's
// label check): its label from ARIA on screen (ariaVisibleLabel), else
// the text of the first <label for> its id, else of the <label> around
// it.
func (p *Page) visibleLabel(e *Element) string {
	if s := p.ariaVisibleLabel(e); s != "" {
		return s
	}
	if id := attrVal(e.Node, "id"); id != "" {
		if ls := p.LabelsFor(id); len(ls) > 0 {
			if s := p.visibleText(ls[0], true); s != "" {
				return s
			}
		}
	}
	for a := e.Parent; a != nil; a = a.Parent {
		if isHTML(a, atom.Label) {
			return p.visibleText(a, true)
		}
	}
	return ""
}

// checkLabelTitleOnly: axe-core's label-title-only (matcher label-matches,
// check title-only): a form field whose only label is its title or
// aria-describedby has no label on screen, and its title shows only to
// mouse users.
func checkLabelTitleOnly(p *Page, e *Element) Outcome {
	if e.Node.Namespace != "" || e.Hidden() {
		return Inapplicable
	}
	if isHTML(e, atom.Input) {
		switch inputType(e.Node) {
		case "hidden", "image", "button", "submit", "reset":
			return Inapplicable
		}
	}
	if p.visibleLabel(e) != "" {
		return Passed
	}
	title := attrVal(e.Node, "title")
	if e.Role == "none" {
		title = ""
	}
	if title != "" || strings.TrimSpace(attrVal(e.Node, "aria-describedby")) != "" {
		return Failed
	}
	return Passed
}

// checkMetaViewportLarge: axe-core's meta-viewport-large (check
// meta-viewport-scale with scaleMinimum 5 and lowerBound 2): a viewport
// that lets users zoom at all (the WCAG rule meta-viewport judges that)
// lets them zoom to 500%.
func checkMetaViewportLarge(p *Page, e *Element) Outcome {
	if !isHTML(e, atom.Meta) || !strings.EqualFold(strings.TrimSpace(attrVal(e.Node, "name")), "viewport") {
		return Inapplicable
	}
	content := strings.ToLower(attrVal(e.Node, "content"))
	if len(content) > 4096 {
		content = content[:4096]
	}
	for _, item := range strings.FieldsFunc(content, func(r rune) bool { return r == ',' || r == ';' }) {
		parts := strings.Split(item, "=")
		if len(parts) < 2 {
			continue
		}
		k, v := strings.TrimFunc(parts[0], jsSpace), strings.TrimFunc(parts[1], jsSpace)
		if k != "maximum-scale" || v == "" {
			continue
		}
		f, ok := jsParseFloat(v)
		if ok && f < 0 {
			continue
		}
		if !ok && v != "device-width" && v != "device-height" {
			continue // not a scale: lowerBound leaves it to meta-viewport
		}
		if ok && f >= 2 && f < 5 {
			return Failed
		}
	}
	return Passed
}

// html5Doctype reports whether the page declares <!DOCTYPE html> without
// a public or system identifier (axe-core's isHTML5).
func (p *Page) html5Doctype() bool {
	for c := p.Root.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.DoctypeNode {
			if c.Data != "html" {
				return false
			}
			for _, a := range c.Attr {
				if (a.Key == "public" || a.Key == "system") && a.Val != "" {
					return false
				}
			}
			return true
		}
	}
	return false
}

// checkScopeAttrValid: axe-core's scope-attr-valid (checks html5-scope
// and scope-value): scope is row, col, rowgroup or colgroup, and, in an
// HTML5 document, only on <th> (HTML made scope on <td> obsolete).
func checkScopeAttrValid(p *Page, e *Element) Outcome {
	v, ok := e.Attr("scope")
	if !ok || e.Hidden() || e.Node.Namespace != "" {
		return Inapplicable
	}
	if isHTML(e, atom.Td) && p.html5Doctype() {
		return Failed
	}
	switch strings.ToLower(v) {
	case "row", "col", "rowgroup", "colgroup":
		return Passed
	}
	return Failed
}

// checkTableDuplicateName: axe-core's table-duplicate-name (check
// same-caption-summary): a table's summary does not repeat its caption,
// which a screen reader would read twice.
func checkTableDuplicateName(p *Page, e *Element) Outcome {
	if !isHTML(e, atom.Table) || e.Hidden() {
		return Inapplicable
	}
	summary, ok := e.Attr("summary")
	if !ok || summary == "" {
		return Inapplicable
	}
	caption := p.tableCaption(e)
	if caption == nil {
		return Inapplicable
	}
	text := sanitize(p.contentName(caption, nameCtx{root: caption}))
	if text == "" {
		return Inapplicable
	}
	return outcome(strings.ToLower(sanitize(summary)) != strings.ToLower(text))
}

// checkAriaRoledescription fails aria-roledescription on an element
// without a role (WAI-ARIA 1.2: it is prohibited on generic, and user
// agents must not expose it on an element with no valid or implicit
// role), as axe-core's aria-roledescription does. On other roles the
// specification allows it; axe-core asks for review of those outside the
// few that screen readers announce, councilbench passes them.
func checkAriaRoledescription(p *Page, e *Element) Outcome {
	if !e.Has("aria-roledescription") || e.Hidden() {
		return Inapplicable
	}
	if isHTML(e, atom.Summary) && e.Role == "" {
		// ARIA in HTML gives <summary> no role, but browsers expose it
		// as a disclosure control, and axe-core as a button.
		return Passed
	}
	switch e.Role {
	case "", "generic", "none":
		return Failed
	}
	return Passed
}

// checkLinkDestination fails links whose href is "#" alone or a
// javascript: URL (the GDS audit's "Link to #" and "Link to javascript"):
// they go nowhere, so they are buttons that say they are links, and they
// do nothing when script fails.
func checkLinkDestination(p *Page, e *Element) Outcome {
	href, ok := e.Attr("href")
	if !ok || e.Node.Namespace != "" || e.Hidden() || !isA(e.Role, "link") {
		return Inapplicable
	}
	// The URL parser strips leading and trailing C0 controls and spaces,
	// and every tab and newline.
	href = strings.TrimFunc(href, func(r rune) bool { return r <= ' ' })
	href = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, href)
	if href == "#" || strings.HasPrefix(strings.ToLower(href), "javascript:") {
		return Failed
	}
	return Passed
}

// choiceKey is one group of radio buttons or checkboxes: the same form
// owner, type and name.
type choiceKey struct {
	form      *Element
	typ, name string
}

// formOwner returns the form that a field belongs to: the one its form
// attribute names, else its nearest <form> ancestor.
func (p *Page) formOwner(e *Element) *Element {
	if id, ok := e.Attr("form"); ok {
		if f := p.ByID(id); f != nil && isHTML(f, atom.Form) {
			return f
		}
		return nil
	}
	for a := e.Parent; a != nil; a = a.Parent {
		if isHTML(a, atom.Form) {
			return a
		}
	}
	return nil
}

// choiceOf returns the group key of a rendered radio button or checkbox
// with a name, and false for other elements.
func (p *Page) choiceOf(e *Element) (choiceKey, bool) {
	if !isHTML(e, atom.Input) || e.Hidden() {
		return choiceKey{}, false
	}
	t := inputType(e.Node)
	name := attrVal(e.Node, "name")
	if (t != "radio" && t != "checkbox") || name == "" || e.RoleAttr != "" && e.RoleAttr != t {
		return choiceKey{}, false
	}
	return choiceKey{p.formOwner(e), t, name}, true
}

// checkChoiceGroup fails a radio button or checkbox of a group (two or
// more that share a name in a form) that no fieldset or element with role
// group or radiogroup encloses (the GDS audit's "Group of radio buttons
// not enclosed in a fieldset" and "Group of check boxes..."): without the
// group, screen reader users hear the options without their question.
func checkChoiceGroup(p *Page, e *Element) Outcome {
	k, ok := p.choiceOf(e)
	if !ok {
		return Inapplicable
	}
	groups := p.Memo("choice-groups", func() any {
		m := map[choiceKey]int{}
		for _, x := range p.Elements {
			if k, ok := p.choiceOf(x); ok {
				m[k]++
			}
		}
		return m
	}).(map[choiceKey]int)
	if groups[k] < 2 {
		return Inapplicable
	}
	for a := e.Parent; a != nil; a = a.Parent {
		if a.Role == "group" || a.Role == "radiogroup" {
			return Passed
		}
	}
	return Failed
}

// checkFieldsetLegend fails a fieldset without a name (the GDS audit's
// "Fieldset without a legend" and "Empty legend"): its group is announced
// with nothing to say what it is about.
func checkFieldsetLegend(p *Page, e *Element) Outcome {
	if !isHTML(e, atom.Fieldset) || e.Hidden() || e.Role == "none" {
		return Inapplicable
	}
	return outcome(p.HasName(e))
}

// checkTableHeaders fails a data table without header cells (the GDS
// audit's "Table has no table headings"). A table counts as data when it
// says so: a caption, a summary, a <thead>, a name, or an explicit table
// role; layout tables say none of these, and are left alone. Tables of
// fewer than two rows or columns need no headers.
func checkTableHeaders(p *Page, e *Element) Outcome {
	if e.Hidden() || e.Role != "table" {
		return Inapplicable
	}
	data := e.RoleAttr == "table" || p.hasAuthorName(e, true)
	if isHTML(e, atom.Table) {
		if strings.TrimSpace(attrVal(e.Node, "summary")) != "" {
			data = true
		}
		p.childElements(e, func(c *Element) bool {
			if isHTML(c, atom.Caption) || isHTML(c, atom.Thead) {
				data = true
			}
			return !data
		})
	} else if e.RoleAttr != "table" {
		return Inapplicable
	}
	if !data {
		return Inapplicable
	}
	tm := p.table(e)
	if !tm.ok {
		return CantTell
	}
	if tm.width < 2 || tm.height < 2 {
		return Inapplicable
	}
	for _, c := range tm.cells {
		if c.e.Role == "columnheader" || c.e.Role == "rowheader" {
			return Passed
		}
	}
	return Failed
}

// checkDecorativeImageText fails an image marked as decorative (alt="",
// or role none or presentation) that carries text all the same: a
// non-empty alt, which the role hides from screen readers, or a title,
// which shows to mouse users only (the GDS audit's "Image with
// presentation role has non-empty alt" and "Image has empty alt and
// non-empty title"). Either the image means something, and its alt
// should say it, or it does not, and the text should go.
func checkDecorativeImageText(p *Page, e *Element) Outcome {
	if !isHTML(e, atom.Img) || e.Hidden() || e.Role != "none" {
		return Inapplicable
	}
	return outcome(strings.TrimSpace(attrVal(e.Node, "alt")) == "" && strings.TrimSpace(attrVal(e.Node, "title")) == "")
}
