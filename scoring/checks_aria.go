package scoring

import (
	"strconv"
	"strings"

	"golang.org/x/net/html/atom"
)

func checkAriaRoles(p *Page, e *Element) Outcome {
	v, ok := e.Attr("role")
	if !ok || strings.TrimSpace(v) == "" || e.Hidden() {
		return Inapplicable
	}
	return outcome(e.RoleAttr != "")
}

func checkDeprecatedRole(p *Page, e *Element) Outcome {
	if e.RoleAttr == "" || e.Hidden() {
		return Inapplicable
	}
	return outcome(!ariaRoles[e.RoleAttr].deprecated)
}

// ariaAttrList calls f for each aria-* attribute of e.
func ariaAttrList(e *Element, f func(key, val string) bool) {
	for _, a := range e.Node.Attr {
		if a.Namespace == "" && strings.HasPrefix(a.Key, "aria-") {
			if !f(a.Key, a.Val) {
				return
			}
		}
	}
}

func checkAriaValidAttr(p *Page, e *Element) Outcome {
	o := Inapplicable
	ariaAttrList(e, func(k, v string) bool {
		if _, ok := ariaAttrs[k]; !ok {
			o = Failed
			return false
		}
		o = Passed
		return true
	})
	return o
}

// validAriaValue checks an ARIA attribute value against its type.
func validAriaValue(ai attrInfo, v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	switch ai.typ {
	case typeBool:
		return v == "true" || v == "false"
	case typeTristate:
		return v == "true" || v == "false" || v == "mixed" || v == "undefined"
	case typeToken:
		for _, t := range ai.values {
			if v == t {
				return true
			}
		}
		return false
	case typeTokens:
		for _, tok := range strings.Fields(v) {
			found := false
			for _, t := range ai.values {
				if tok == t {
					found = true
				}
			}
			if !found {
				return false
			}
		}
		return true
	case typeInt:
		i, err := strconv.Atoi(v)
		return err == nil && (!ai.hasMin || i >= ai.minInt)
	case typeNumber:
		_, err := strconv.ParseFloat(v, 64)
		return err == nil
	}
	return true // strings and id references: any value
}

func checkAriaValidValue(p *Page, e *Element) Outcome {
	if e.notRendered {
		return Inapplicable
	}
	o := Inapplicable
	ariaAttrList(e, func(k, v string) bool {
		ai, ok := ariaAttrs[k]
		if !ok || strings.TrimSpace(v) == "" {
			return true
		}
		if !validAriaValue(ai, v) {
			o = Failed
			return false
		}
		o = Passed
		return true
	})
	return o
}

func checkAriaAllowedAttr(p *Page, e *Element) Outcome {
	if e.Hidden() {
		return Inapplicable // ACT 5c01ea: elements in the accessibility tree only
	}
	o := Inapplicable
	ariaAttrList(e, func(k, v string) bool {
		ai, ok := ariaAttrs[k]
		if !ok || ai.global {
			return true
		}
		// aria-required="false" says what every element already is, and
		// a contenteditable element is multi-line unless told otherwise:
		// browsers expose nothing for either (axe-core ignores both).
		if (k == "aria-required" && strings.EqualFold(strings.TrimSpace(v), "false")) ||
			(k == "aria-multiline" && strings.EqualFold(strings.TrimSpace(v), "false") && e.Has("contenteditable")) {
			return true
		}
		if !roleAllows(e.Role, k) && !nativeAllows(e, k) && !aria11Allows(e.Role, k) {
			o = Failed
			return false
		}
		o = Passed
		return true
	})
	return o
}

// nativeAllows covers the states HTML elements carry without a matching
// ARIA role (aria-required and aria-invalid on any form field, say).
func nativeAllows(e *Element, k string) bool {
	// An explicit role decides what the element supports (ARIA in HTML):
	// an <input type=radio role=application> is an application.
	if e.Node.Namespace != "" || e.RoleAttr != "" {
		return false
	}
	if isHTML(e, atom.Input) {
		switch inputType(e.Node) {
		case "button", "submit", "reset", "image", "hidden":
			return false // a button (or nothing): no field states
		}
	}
	switch e.Node.DataAtom {
	case atom.Input, atom.Select, atom.Textarea:
		switch k {
		case "aria-required", "aria-readonly", "aria-autocomplete", "aria-placeholder":
			return e.Node.DataAtom != atom.Select || k == "aria-required"
		}
	}
	return false
}

func checkAriaProhibitedAttr(p *Page, e *Element) Outcome {
	if e.Hidden() {
		return Inapplicable
	}
	ri := ariaRoles[e.Role]
	o := Inapplicable
	ariaAttrList(e, func(k, v string) bool {
		if strings.TrimSpace(v) == "" {
			return true
		}
		switch k {
		case "aria-label", "aria-labelledby", "aria-braillelabel":
			o = Passed
			if ri != nil && ri.namingProhibited {
				o = Failed
				return false
			}
		case "aria-roledescription", "aria-brailleroledescription":
			o = Passed
			if e.Role == "generic" || e.Role == "none" {
				o = Failed
				return false
			}
		}
		return true
	})
	return o
}

func checkAriaConditionalAttr(p *Page, e *Element) Outcome {
	if e.Hidden() {
		return Inapplicable
	}
	if isHTML(e, atom.Input) {
		v, ok := e.Attr("aria-checked")
		if !ok || inputType(e.Node) != "checkbox" || e.Role != "checkbox" {
			return Inapplicable
		}
		v = strings.ToLower(strings.TrimSpace(v))
		checked := e.Has("checked")
		return outcome(!(v == "true" && !checked || v == "false" && checked))
	}
	if e.Role != "row" {
		return Inapplicable
	}
	o := Inapplicable
	for _, k := range []string{"aria-posinset", "aria-setsize", "aria-level", "aria-expanded"} {
		if !e.Has(k) {
			continue
		}
		o = Passed
		// Only a row of a table or grid fails: a row outside any is
		// aria-required-parent's to judge (axe-core's getRowOwner too).
		for a := e.Parent; a != nil; a = a.Parent {
			if a.Role == "treegrid" {
				break
			}
			if a.Role == "table" || a.Role == "grid" {
				return Failed
			}
		}
	}
	return o
}

func checkBrailleEquivalent(p *Page, e *Element) Outcome {
	if e.Hidden() {
		return Inapplicable
	}
	o := Inapplicable
	if strings.TrimSpace(attrVal(e.Node, "aria-braillelabel")) != "" {
		o = outcome(p.HasName(e))
	}
	if v, ok := e.Attr("aria-brailleroledescription"); ok && strings.TrimSpace(v) != "" && o != Failed {
		o = outcome(strings.TrimSpace(attrVal(e.Node, "aria-roledescription")) != "")
	}
	return o
}

func checkAriaRequiredAttr(p *Page, e *Element) Outcome {
	if e.RoleAttr == "" || e.Hidden() || e.RoleAttr != e.Role || p.implicitRole(e) == e.RoleAttr {
		return Inapplicable
	}
	ri := ariaRoles[e.RoleAttr]
	if len(ri.required) == 0 {
		return Passed
	}
	for _, k := range ri.required {
		if strings.TrimSpace(attrVal(e.Node, k)) != "" {
			continue
		}
		switch {
		case k == "aria-checked" && isHTML(e, atom.Input) && (inputType(e.Node) == "checkbox" || inputType(e.Node) == "radio"):
			continue // the native checked state
		case e.RoleAttr == "separator" && !p.Focusable(e):
			continue // only a focusable separator is a widget
		case k == "aria-valuenow" && (isHTML(e, atom.Input) || isHTML(e, atom.Meter) || isHTML(e, atom.Progress)):
			continue // the native value
		case k == "aria-level" && e.Node.Namespace == "" && headingLevel(e) > 0:
			continue
		}
		return Failed
	}
	return Passed
}

// headingLevel is the level of an <h1>–<h6>, 0 for other elements.
func headingLevel(e *Element) int {
	switch e.Node.DataAtom {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// ownerOf returns the element whose aria-owns claims e, or nil.
func (p *Page) ownerOf(e *Element) *Element {
	owners := p.Memo("aria-owns", func() any {
		m := map[*Element]*Element{}
		for _, o := range p.Elements {
			v, ok := o.Attr("aria-owns")
			if !ok {
				continue
			}
			for i, id := range strings.Fields(v) {
				if i > 256 {
					break
				}
				if t := p.ByID(id); t != nil && m[t] == nil && t != o {
					m[t] = o
				}
			}
		}
		return m
	}).(map[*Element]*Element)
	return owners[e]
}

// transparent reports whether the accessibility tree skips the element
// (its children take its place): presentational and plain generic
// elements, and elements HTML gives no role.
func (p *Page) transparent(e *Element) bool {
	switch e.Role {
	case "none", "generic", "":
		return !hasGlobalARIA(e.Node) && !p.Focusable(e)
	}
	return false
}

// maxOwned bounds the elements examined for one owner.
const maxOwned = 5000

// owned returns the elements that e owns in the accessibility tree: its
// children, with transparent ones replaced by their own children, and
// aria-owns targets, skipping hidden elements and those owned elsewhere.
func (p *Page) owned(e *Element) []*Element {
	var out []*Element
	budget := maxOwned
	var add func(x *Element)
	add = func(x *Element) {
		p.childElements(x, func(c *Element) bool {
			if budget--; budget < 0 {
				p.Limited = true
				return false
			}
			if c.Hidden() {
				return true
			}
			if o := p.ownerOf(c); o != nil && o != e {
				return true
			}
			if p.transparent(c) {
				add(c)
				return true
			}
			out = append(out, c)
			return true
		})
	}
	add(e)
	if v, ok := e.Attr("aria-owns"); ok {
		for _, id := range strings.Fields(v) {
			if t := p.ByID(id); t != nil && t != e && p.ownerOf(t) == e && !t.Hidden() {
				if p.transparent(t) {
					add(t)
				} else {
					out = append(out, t)
				}
			}
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func checkRequiredChildren(p *Page, e *Element) Outcome {
	ri := ariaRoles[e.Role]
	if ri == nil || len(ri.owned) == 0 || e.Hidden() {
		return Inapplicable
	}
	if e.RoleAttr == "" || e.RoleAttr != e.Role {
		// ACT bc4a75 applies to explicit roles: native lists are the list
		// rule's, and a native table's parts keep their implicit roles
		// only inside a table (HTML-AAM), which the table rules judge; a
		// role=none that the conflict resolution cancels leaves the
		// implicit role, which is no explicit one either.
		return Inapplicable
	}
	if ariaTrue(attrVal(e.Node, "aria-busy")) {
		return Inapplicable
	}
	owned := p.owned(e)
	if len(owned) == 0 {
		return outcome(e.RoleAttr == "")
	}
	var ok func(list []*Element, depth int) bool
	ok = func(list []*Element, depth int) bool {
		for _, c := range list {
			if c.Role == "caption" && (e.Role == "table" || e.Role == "grid" || e.Role == "treegrid") {
				continue
			}
			if !contains(ri.owned, c.Role) {
				return false
			}
			if c.Role == "group" && depth < 8 {
				if !ok(p.owned(c), depth+1) {
					return false
				}
			}
		}
		return true
	}
	return outcome(ok(owned, 0))
}

func checkRequiredParent(p *Page, e *Element) Outcome {
	if e.RoleAttr == "" || e.Role != e.RoleAttr || e.Hidden() || p.implicitRole(e) == e.RoleAttr {
		return Inapplicable
	}
	ri := ariaRoles[e.RoleAttr]
	if len(ri.context) == 0 {
		return Inapplicable
	}
	context := ri.context
	allowsGroup := contains(context, "group")
	for x, depth := e, 0; depth < 16; depth++ {
		par := p.ownerOf(x)
		if par == nil {
			par = x.Parent
			for par != nil && p.transparent(par) {
				par = par.Parent
			}
		}
		if par == nil {
			return Failed
		}
		// A group is a context only inside the role's own container:
		// WAI-ARIA names group among a treeitem's (and a listitem's)
		// contexts for the nested branches of a tree (or list), so the
		// group must itself be in a tree or a treeitem; axe-core's
		// aria-required-parent walks up through the group the same way.
		if par.Role == "group" && allowsGroup {
			next := []string{}
			for _, r := range context {
				if r != "group" {
					next = append(next, r)
				}
			}
			if e.RoleAttr == "listitem" || e.RoleAttr == "treeitem" {
				next = append(next, e.RoleAttr)
			}
			context, x = next, par
			continue
		}
		return outcome(contains(context, par.Role))
	}
	return Failed
}

// descendants calls f for each element inside e, in document order.
func (p *Page) descendants(e *Element, f func(d *Element) bool) {
	for i := e.Index + 1; i >= 1 && i < len(p.Elements); i++ {
		d := p.Elements[i]
		if d.Depth <= e.Depth {
			return
		}
		if !f(d) {
			return
		}
	}
}

// inlineScripts returns the text of the page's inline scripts (capped).
func (p *Page) inlineScripts() string {
	return p.Memo("inline-scripts", func() any {
		var b strings.Builder
		for _, s := range p.Elements {
			if isHTML(s, atom.Script) && b.Len() < 1<<20 {
				b.WriteString(textContent(s.Node, 1<<20-b.Len()))
			}
		}
		return b.String()
	}).(string)
}

func checkAriaHiddenFocus(p *Page, e *Element) Outcome {
	if !ariaTrue(attrVal(e.Node, "aria-hidden")) || e.notRendered {
		return Inapplicable
	}
	if e.Parent != nil && e.Parent.ariaHidden {
		return Inapplicable // the outermost aria-hidden element answers for its content
	}
	var culprit *Element
	if p.InTabOrder(e) {
		culprit = e
	} else {
		p.descendants(e, func(d *Element) bool {
			if p.InTabOrder(d) {
				culprit = d
				return false
			}
			return true
		})
	}
	if culprit == nil {
		return Passed
	}
	// A focus sentinel that a script moves focus away from is allowed.
	if id := attrVal(culprit.Node, "id"); id != "" {
		if s := p.inlineScripts(); strings.Contains(s, id) && strings.Contains(s, "focus") {
			return CantTell
		}
	}
	return Failed
}

func checkPresentationConflict(p *Page, e *Element) Outcome {
	if e.Hidden() {
		return Inapplicable
	}
	decorative := e.RoleAttr == "none" || e.RoleAttr == "presentation"
	if e.RoleAttr == "" && isHTML(e, atom.Img) {
		if v, ok := e.Attr("alt"); ok && v == "" {
			decorative = true
		}
	}
	if !decorative {
		return Inapplicable
	}
	return outcome(e.Role == "none")
}

func checkNestedInteractive(p *Page, e *Element) Outcome {
	ri := ariaRoles[e.Role]
	if ri == nil || !ri.childrenPresentational || e.Hidden() {
		return Inapplicable
	}
	bad := p.Memo("nested-interactive", func() any {
		m := map[*Element]bool{}
		for _, d := range p.Elements {
			if d.presOwner != nil && p.InTabOrder(d) {
				m[d.presOwner] = true
			}
		}
		return m
	}).(map[*Element]bool)
	return outcome(!bad[e])
}

// idrefAttrs are the attributes whose values are id references.
var idrefAttrs = []string{"aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "aria-activedescendant", "aria-errormessage", "aria-details", "aria-flowto"}

func checkDuplicateIDAria(p *Page, e *Element) Outcome {
	id := attrVal(e.Node, "id")
	if id == "" {
		return Inapplicable
	}
	refs := p.Memo("referenced-ids", func() any {
		m := map[string]bool{}
		for _, x := range p.Elements {
			for _, a := range x.Node.Attr {
				if a.Namespace != "" {
					continue
				}
				if a.Key == "for" && isHTML(x, atom.Label) {
					m[a.Val] = true
					continue
				}
				if !strings.HasPrefix(a.Key, "aria-") || !contains(idrefAttrs, a.Key) || len(a.Val) > 1<<16 {
					continue
				}
				for _, r := range strings.Fields(a.Val) {
					m[r] = true
				}
			}
		}
		return m
	}).(map[string]bool)
	if !refs[id] {
		return Inapplicable
	}
	return outcome(p.IDCount(id) == 1 || p.ByID(id) == e)
}

// missingIDRef reports whether one of the element's id-reference
// attributes (other than the naming ones) names no element of the page.
func missingIDRef(p *Page, e *Element) bool {
	for _, k := range []string{"aria-controls", "aria-owns", "aria-activedescendant", "aria-details", "aria-flowto"} {
		v, ok := e.Attr(k)
		if !ok || strings.TrimSpace(v) == "" {
			continue
		}
		found := false
		for _, id := range strings.Fields(v) {
			if p.ByID(id) != nil {
				found = true
				break
			}
		}
		if !found {
			return true
		}
	}
	return false
}

// paddedARIAValue reports whether one of the element's ARIA attributes
// has white space around a value that is valid without it.
func paddedARIAValue(p *Page, e *Element) bool {
	padded := false
	ariaAttrList(e, func(k, v string) bool {
		if ai, ok := ariaAttrs[k]; ok && strings.TrimSpace(v) != v && strings.TrimSpace(v) != "" && validAriaValue(ai, v) {
			padded = true
			return false
		}
		return true
	})
	return padded
}
