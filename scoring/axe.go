package scoring

import (
	"slices"
	"sort"
	"strings"

	"golang.org/x/net/html/atom"
)

// axe-core's view of the page, where it differs from the browsers' and
// the specifications' (roles it reads from the exact attribute value,
// elements it gives no role, elements it names natively), and the
// declared differences (AxeDiffers) built from it for the rule table.

// childOfGenericWithGlobalARIA is a selector of the elements with a role
// whose parent has no role attribute but a global ARIA attribute (other
// than aria-hidden), which puts that parent in the accessibility tree.
var childOfGenericWithGlobalARIA = func() string {
	var sels []string
	for name, a := range ariaAttrs {
		if a.global && name != "aria-hidden" {
			sels = append(sels, ":not([role])["+name+"] > [role]")
		}
	}
	sort.Strings(sels)
	return strings.Join(sels, ", ")
}()

// hiddenSelector approximates, as a selector for declared differences,
// the elements councilbench takes as hidden: the hidden attribute,
// aria-hidden="true" and inline display:none or visibility:hidden, on the
// element or an ancestor.
const hiddenSelector = `[hidden], [hidden] *, [aria-hidden=true], [aria-hidden=true] *, ` +
	`[style*="display:none"], [style*="display:none"] *, [style*="display: none"], [style*="display: none"] *, ` +
	`[style*="visibility:hidden"], [style*="visibility:hidden"] *, [style*="visibility: hidden"], [style*="visibility: hidden"] *`

// axeExactRole declares, for a rule judging elements by an explicit role,
// the elements whose role attribute names the role in another case or
// behind another token ("Button", "button link"): browsers take the first
// valid token of a role attribute, whatever its case (Chromium exposes
// both as buttons), while axe-core's rule selectors ([role="button"])
// match the exact value only, so it leaves them unjudged.
func axeExactRole(roles ...string) AxeDiff {
	sel := "[role]"
	for _, r := range roles {
		sel += `:not([role="` + r + `"])`
	}
	return AxeDiff{Side: OursOnly, Selector: sel,
		Why: "Browsers take the first token of a role attribute that names a non-abstract role (WAI-ARIA 1.2, 5.1 Introduction to Roles) and compare tokens ASCII case-insensitively (Chromium, Gecko and WebKit: w3c/aria#2548, act-rules#2296): Chromium exposes role=\"Button\" and role=\"button link\" as buttons, and this rule judges them so; axe-core's selector matches the role attribute's exact value only and leaves them unjudged."}
}

// axeNamingTags are the elements that axe-core's standards (htmlElms)
// give a naming method of their own, a[href] first.
var axeNamingTags = []string{"area", "br", "button", "fieldset", "figure", "hr", "img", "input", "output", "select", "svg", "summary", "table", "textarea"}

// axeNamingMethods reports whether HTML gives the element a way to be
// named of its own (axeNamingTags: an <a href>, an <img>, an <input>...,
// and an <svg>), which axe-core's no-naming-method-matches takes out of
// its rules about naming elements by their role.
func axeNamingMethods(e *Element) bool {
	n := e.Node
	switch {
	case n.Data == "svg":
		return true
	case n.Namespace != "":
		return false
	case n.Data == "a":
		return e.Has("href")
	}
	return slices.Contains(axeNamingTags, n.Data)
}

// axeNativeNamed declares, for a rule judging elements by an explicit role
// (ACT e086e5, 97a4e1: any element with the role), the elements that HTML
// names natively (an <img> by its alt, an <input> by its label, a
// <button> or <a href> by its content): axe-core's
// no-naming-method-matches leaves them out of its role rules, however the
// role attribute changes what they are, though browsers expose them with
// the role and the name HTML gives, which may be none.
func axeNativeNamed() AxeDiff {
	sels := []string{"a[href][role]"}
	for _, t := range axeNamingTags {
		sels = append(sels, t+"[role]")
	}
	return AxeDiff{Side: OursOnly, Selector: strings.Join(sels, ", "),
		Why: "ACT e086e5 and 97a4e1 apply to every element with the role, and browsers expose an <img role=checkbox> or a <button role=progressbar> with that role and only the name HTML gives it (ACT e086e5, failed example 8, fails an <input role=menuitemcheckbox> without one); axe-core's no-naming-method-matches leaves out of its role rules every element that HTML can name natively."}
}

// axeUnroledTags are the HTML elements that HTML-AAM, ARIA in HTML or
// SVG-AAM map to a role (paragraph, blockquote, code, emphasis, strong,
// deletion, insertion, subscript, superscript, mark, time, caption,
// group, form, graphics-document) and axe-core 4.14 gives none: its rules
// that hinge on an implicit role read these elements differently.
var axeUnroledTags = []string{"p", "blockquote", "code", "em", "strong", "del", "s", "ins", "sub", "sup", "mark", "time", "caption", "address", "hgroup", "svg", "form"}

// axeImplicitRole is the implicit role that axe-core 4.14 gives an element
// (its implicitHtmlRoles, which read elements by local name whatever
// their namespace), where it departs from HTML-AAM's (implicitRole): no
// role for the axeUnroledTags, for generic elements (axe-core lists no
// generic role) and for <html>; body a document and summary a button;
// header, footer and aside scoped by axe-core's sectioning selectors
// (axeSectioned), form and section landmarks only when aria-label or
// aria-labelledby names them; an <img alt=""> an image when it is
// focusable or has a global ARIA attribute; list items and table parts
// their own roles whatever their list or table (axe-core's getRole, not
// its implicit role, passes a presentational parent's role on); every
// <input> that HTML-AAM gives no role a textbox.
func (p *Page) axeImplicitRole(e *Element) string {
	n := e.Node
	switch n.Data {
	case "a", "area":
		if e.Has("href") {
			return "link"
		}
		return ""
	case "aside":
		if axeSectioned(e, false) && !p.hasAuthorName(e, true) {
			return ""
		}
		return "complementary"
	case "body":
		return "document"
	case "footer", "header":
		switch {
		case axeSectioned(e, true):
			return ""
		case n.Data == "footer":
			return "contentinfo"
		}
		return "banner"
	case "form":
		if p.hasAuthorName(e, false) {
			return "form"
		}
		return ""
	case "html":
		return ""
	case "img":
		if alt, ok := e.Attr("alt"); ok && alt == "" && !hasGlobalARIA(n) && !p.Focusable(e) {
			return "presentation"
		}
		return "img"
	case "input":
		if r := p.inputRole(e); r != "" {
			return r
		}
		return "textbox"
	case "li":
		return "listitem"
	case "section":
		if p.hasAuthorName(e, false) {
			return "region"
		}
		return ""
	case "summary":
		return "button"
	case "tbody", "thead", "tfoot":
		return "rowgroup"
	case "td":
		if t := p.tableOf(e); t != nil && (t.RoleAttr == "grid" || t.RoleAttr == "treegrid") {
			return "gridcell"
		}
		return "cell"
	case "th":
		return p.thRole(e)
	case "tr":
		return "row"
	}
	r := p.implicitRole(e)
	if r == "generic" || slices.Contains(axeUnroledTags, n.Data) {
		return ""
	}
	return r
}

// axeSectioned reports whether an ancestor of e is sectioning content as
// axe-core's getSectioningContentSelector matches it: an article, aside,
// nav or section without a role attribute, or an element whose role
// attribute is article, complementary, navigation or region; withMain
// adds main (getSectioningContentPlusMainSelector).
func axeSectioned(e *Element, withMain bool) bool {
	for a := e.Parent; a != nil; a = a.Parent {
		role, hasRole := a.Attr("role") // matched as written, as a CSS attribute selector does
		if a.Node.Namespace == "" && !hasRole {
			switch a.Node.DataAtom {
			case atom.Article, atom.Aside, atom.Nav, atom.Section:
				return true
			case atom.Main:
				if withMain {
					return true
				}
			}
		}
		switch role {
		case "article", "complementary", "navigation", "region":
			return true
		case "main":
			if withMain {
				return true
			}
		}
	}
	return false
}

// roleAttrIs reports whether the element's role attribute is exactly r,
// as the selector [role=r] matches it.
func roleAttrIs(e *Element, r string) bool {
	v, ok := e.Attr("role")
	return ok && v == r
}

// htmlNoRole reports whether e is the HTML element a without a role
// attribute, as the selector a:not([role]) matches it.
func htmlNoRole(e *Element, a atom.Atom) bool { return isHTML(e, a) && !e.Has("role") }

// axeValidRole reports whether axe-core knows r as a concrete role:
// WAI-ARIA's, DPUB's and the Graphics module's, without generic (which
// axe-core 4.14 does not list) and with text, sectionheader and
// sectionfooter (which it does).
func axeValidRole(r string) bool {
	switch r {
	case "generic":
		return false
	case "text", "sectionheader", "sectionfooter":
		return true
	}
	return validRole(r)
}

// axeExplicitRole is the role attribute as axe-core's getExplicitRole
// reads it: the whole value, trimmed and lower-cased, when it is one role
// that axe-core knows (DPUB roles aside); "" otherwise.
func axeExplicitRole(e *Element) string {
	v, ok := e.Attr("role")
	if !ok {
		return ""
	}
	r := strings.ToLower(strings.TrimFunc(v, jsSpace))
	if strings.HasPrefix(r, "doc-") || !axeValidRole(r) {
		return ""
	}
	return r
}

// axeUnroledSelector selects axeUnroledTags, each with the suffix (an
// attribute selector, say).
func axeUnroledSelector(suffix string) string {
	var sels []string
	for _, t := range axeUnroledTags {
		sels = append(sels, t+suffix)
	}
	return strings.Join(sels, ", ")
}

// axeRoleFallback declares, for a rule that hinges on an element's role,
// the elements whose role attribute is more than one valid role (role=
// "button link", or "buton button" after a misspelt token): browsers take
// the first valid token (WAI-ARIA 1.2, 7.1; Chromium exposes both as
// buttons), and so does this rule; axe-core 4.14 gives such an element no
// role in some rules.
func axeRoleFallback() AxeDiff {
	return AxeDiff{Side: OursOnly, Selector: "[role]",
		Elements: "elements whose role attribute holds more than one token",
		Match: func(p *Page, e *Element) bool {
			return len(strings.Fields(attrVal(e.Node, "role"))) > 1
		},
		Why: "WAI-ARIA 1.2 (the role attribute): user agents use the first token that names a valid role, so role=\"button link\" is a button, as Chromium exposes it; axe-core 4.14 gives such an element no role here."}
}
