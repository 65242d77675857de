package scoring

import (
	"slices"
	"strings"
)

// roleInfo is what the WAI-ARIA 1.2 role tables (with DPUB-ARIA and the
// Graphics module) say about one role. The tables are written from the
// specifications; where assistive technology support differs from the
// specification, the note on the field says which side is followed.
type roleInfo struct {
	abstract   bool
	deprecated bool
	// widget roles are interactive (used by nested-interactive and the
	// presentational-children checks).
	widget bool
	// nameFromContent: the role takes its name from its content.
	nameFromContent bool
	// namingProhibited: aria-label and aria-labelledby are prohibited.
	namingProhibited bool
	// childrenPresentational: descendants are presentational.
	childrenPresentational bool
	// allowed lists role-specific states and properties (globals are
	// always allowed, required ones are added).
	allowed []string
	// required lists states and properties that must be given, unless the
	// element's native semantics supply them.
	required []string
	// context lists the roles one of which must own this role.
	context []string
	// owned lists the roles this role must own (at least one).
	owned []string
	// super is the role's superclass roles (used for "is a" tests).
	super []string
}

// ariaRoles is the role table. Abstract roles are listed so that they can be
// refused as role values.
var ariaRoles = map[string]*roleInfo{
	"alert":            {super: []string{"section"}},
	"alertdialog":      {super: []string{"alert", "dialog"}, allowed: []string{"aria-modal"}},
	"application":      {allowed: []string{"aria-activedescendant", "aria-expanded"}, super: []string{"structure"}},
	"article":          {allowed: []string{"aria-posinset", "aria-setsize"}, super: []string{"document"}},
	"banner":           {super: []string{"landmark"}},
	"blockquote":       {super: []string{"section"}},
	"button":           {widget: true, nameFromContent: true, childrenPresentational: true, allowed: []string{"aria-expanded", "aria-pressed"}, super: []string{"command"}},
	"caption":          {namingProhibited: true, context: []string{"figure", "grid", "table", "treegrid"}, super: []string{"section"}},
	"cell":             {nameFromContent: true, context: []string{"row"}, allowed: []string{"aria-colindex", "aria-colspan", "aria-rowindex", "aria-rowspan"}, super: []string{"section"}},
	"checkbox":         {widget: true, nameFromContent: true, childrenPresentational: true, required: []string{"aria-checked"}, allowed: []string{"aria-errormessage", "aria-expanded", "aria-invalid", "aria-readonly", "aria-required"}, super: []string{"input"}},
	"code":             {namingProhibited: true, super: []string{"section"}},
	"columnheader":     {nameFromContent: true, context: []string{"row"}, allowed: []string{"aria-sort", "aria-colindex", "aria-colspan", "aria-readonly", "aria-required", "aria-rowindex", "aria-rowspan", "aria-selected", "aria-expanded"}, super: []string{"cell", "gridcell", "sectionhead"}},
	"combobox":         {widget: true, required: []string{"aria-expanded"}, allowed: []string{"aria-controls", "aria-autocomplete", "aria-readonly", "aria-required", "aria-activedescendant", "aria-errormessage", "aria-invalid"}, super: []string{"input"}},
	"command":          {abstract: true, widget: true, super: []string{"widget"}},
	"comment":          {allowed: []string{"aria-level", "aria-posinset", "aria-setsize"}, super: []string{"article"}},
	"complementary":    {super: []string{"landmark"}},
	"composite":        {abstract: true, widget: true, super: []string{"widget"}},
	"contentinfo":      {super: []string{"landmark"}},
	"definition":       {super: []string{"section"}},
	"deletion":         {namingProhibited: true, super: []string{"section"}},
	"dialog":           {allowed: []string{"aria-modal"}, super: []string{"window"}},
	"directory":        {deprecated: true, super: []string{"list"}},
	"document":         {super: []string{"structure"}},
	"emphasis":         {namingProhibited: true, super: []string{"section"}},
	"feed":             {owned: []string{"article"}, super: []string{"list"}},
	"figure":           {super: []string{"section"}},
	"form":             {super: []string{"landmark"}},
	"generic":          {namingProhibited: true, super: []string{"structure"}},
	"grid":             {widget: true, owned: []string{"row", "rowgroup"}, allowed: []string{"aria-multiselectable", "aria-readonly", "aria-activedescendant", "aria-colcount", "aria-rowcount"}, super: []string{"composite", "table"}},
	"gridcell":         {widget: true, nameFromContent: true, context: []string{"row"}, allowed: []string{"aria-readonly", "aria-required", "aria-selected", "aria-colindex", "aria-colspan", "aria-expanded", "aria-rowindex", "aria-rowspan", "aria-errormessage", "aria-invalid"}, super: []string{"cell", "widget"}},
	"group":            {allowed: []string{"aria-activedescendant"}, super: []string{"section"}},
	"heading":          {nameFromContent: true, required: []string{"aria-level"}, super: []string{"sectionhead"}},
	"image":            {childrenPresentational: true, super: []string{"section"}}, // ARIA 1.3 synonym of img
	"img":              {childrenPresentational: true, super: []string{"section"}},
	"input":            {abstract: true, widget: true, super: []string{"widget"}},
	"insertion":        {namingProhibited: true, super: []string{"section"}},
	"landmark":         {abstract: true, super: []string{"section"}},
	"link":             {widget: true, nameFromContent: true, allowed: []string{"aria-expanded"}, super: []string{"command"}},
	"list":             {owned: []string{"listitem"}, super: []string{"section"}},
	"listbox":          {widget: true, owned: []string{"group", "option"}, allowed: []string{"aria-multiselectable", "aria-readonly", "aria-required", "aria-activedescendant", "aria-expanded", "aria-orientation", "aria-errormessage", "aria-invalid"}, super: []string{"select"}},
	"listitem":         {context: []string{"directory", "list"}, allowed: []string{"aria-level", "aria-posinset", "aria-setsize", "aria-expanded"}, super: []string{"section"}},
	"log":              {super: []string{"section"}},
	"main":             {super: []string{"landmark"}},
	"mark":             {namingProhibited: true, super: []string{"section"}},
	"marquee":          {super: []string{"section"}},
	"math":             {childrenPresentational: true, super: []string{"section"}},
	"menu":             {widget: true, owned: []string{"group", "menuitem", "menuitemcheckbox", "menuitemradio"}, allowed: []string{"aria-activedescendant", "aria-orientation"}, super: []string{"select"}},
	"menubar":          {widget: true, owned: []string{"group", "menuitem", "menuitemcheckbox", "menuitemradio"}, allowed: []string{"aria-activedescendant", "aria-orientation"}, super: []string{"menu"}},
	"menuitem":         {widget: true, nameFromContent: true, context: []string{"group", "menu", "menubar"}, allowed: []string{"aria-posinset", "aria-setsize", "aria-expanded"}, super: []string{"command"}},
	"menuitemcheckbox": {widget: true, nameFromContent: true, childrenPresentational: true, context: []string{"group", "menu", "menubar"}, required: []string{"aria-checked"}, allowed: []string{"aria-expanded", "aria-posinset", "aria-readonly", "aria-setsize"}, super: []string{"checkbox", "menuitem"}},
	"menuitemradio":    {widget: true, nameFromContent: true, childrenPresentational: true, context: []string{"group", "menu", "menubar"}, required: []string{"aria-checked"}, allowed: []string{"aria-expanded", "aria-posinset", "aria-readonly", "aria-setsize"}, super: []string{"menuitemcheckbox", "radio"}},
	"meter":            {childrenPresentational: true, required: []string{"aria-valuenow"}, allowed: []string{"aria-valuemax", "aria-valuemin", "aria-valuetext"}, super: []string{"range"}},
	"navigation":       {super: []string{"landmark"}},
	"none":             {namingProhibited: true, super: []string{"structure"}},
	"note":             {super: []string{"section"}},
	"option":           {widget: true, nameFromContent: true, childrenPresentational: true, context: []string{"group", "listbox"}, allowed: []string{"aria-selected", "aria-checked", "aria-posinset", "aria-setsize"}, super: []string{"input"}},
	"paragraph":        {namingProhibited: true, super: []string{"section"}},
	"presentation":     {namingProhibited: true, super: []string{"structure"}},
	"progressbar":      {widget: true, childrenPresentational: true, allowed: []string{"aria-valuemax", "aria-valuemin", "aria-valuenow", "aria-valuetext"}, super: []string{"range"}},
	"radio":            {widget: true, nameFromContent: true, childrenPresentational: true, required: []string{"aria-checked"}, allowed: []string{"aria-posinset", "aria-setsize", "aria-required"}, super: []string{"input"}},
	"radiogroup":       {widget: true, allowed: []string{"aria-readonly", "aria-required", "aria-activedescendant", "aria-orientation", "aria-errormessage", "aria-invalid"}, super: []string{"select"}},
	"range":            {abstract: true, widget: true, super: []string{"widget"}},
	"region":           {super: []string{"landmark"}},
	"roletype":         {abstract: true},
	"row":              {widget: true, nameFromContent: true, context: []string{"grid", "rowgroup", "table", "treegrid"}, owned: []string{"cell", "columnheader", "gridcell", "rowheader"}, allowed: []string{"aria-colindex", "aria-level", "aria-rowindex", "aria-selected", "aria-activedescendant", "aria-expanded", "aria-posinset", "aria-setsize"}, super: []string{"group", "widget"}},
	"rowgroup":         {nameFromContent: true, context: []string{"grid", "table", "treegrid"}, owned: []string{"row"}, super: []string{"structure"}},
	"rowheader":        {nameFromContent: true, context: []string{"row"}, allowed: []string{"aria-sort", "aria-colindex", "aria-colspan", "aria-readonly", "aria-required", "aria-rowindex", "aria-rowspan", "aria-selected", "aria-expanded"}, super: []string{"cell", "gridcell", "sectionhead"}},
	"scrollbar":        {widget: true, childrenPresentational: true, required: []string{"aria-controls", "aria-valuenow"}, allowed: []string{"aria-orientation", "aria-valuemax", "aria-valuemin", "aria-valuetext"}, super: []string{"range"}},
	"search":           {super: []string{"landmark"}},
	"searchbox":        {widget: true, allowed: []string{"aria-activedescendant", "aria-autocomplete", "aria-multiline", "aria-placeholder", "aria-readonly", "aria-required", "aria-errormessage", "aria-invalid"}, super: []string{"textbox"}},
	"section":          {abstract: true, super: []string{"structure"}},
	"sectionhead":      {abstract: true, super: []string{"structure"}},
	"select":           {abstract: true, widget: true, super: []string{"composite", "group"}},
	"separator":        {childrenPresentational: true, required: []string{"aria-valuenow"}, allowed: []string{"aria-valuemax", "aria-valuemin", "aria-orientation", "aria-valuetext"}, super: []string{"structure"}}, // aria-valuenow is required only when focusable
	"slider":           {widget: true, childrenPresentational: true, required: []string{"aria-valuenow"}, allowed: []string{"aria-valuemax", "aria-valuemin", "aria-orientation", "aria-readonly", "aria-required", "aria-valuetext", "aria-errormessage", "aria-invalid"}, super: []string{"input", "range"}},
	"spinbutton":       {widget: true, allowed: []string{"aria-valuemax", "aria-valuemin", "aria-readonly", "aria-required", "aria-activedescendant", "aria-valuetext", "aria-valuenow", "aria-errormessage", "aria-invalid"}, super: []string{"composite", "input", "range"}},
	"status":           {super: []string{"section"}},
	"strong":           {namingProhibited: true, super: []string{"section"}},
	"structure":        {abstract: true, super: []string{"roletype"}},
	"subscript":        {namingProhibited: true, super: []string{"section"}},
	"suggestion":       {namingProhibited: true, super: []string{"section"}},
	"superscript":      {namingProhibited: true, super: []string{"section"}},
	"switch":           {widget: true, nameFromContent: true, childrenPresentational: true, required: []string{"aria-checked"}, allowed: []string{"aria-expanded", "aria-readonly", "aria-required"}, super: []string{"checkbox"}},
	"tab":              {widget: true, nameFromContent: true, childrenPresentational: true, context: []string{"tablist"}, allowed: []string{"aria-posinset", "aria-selected", "aria-setsize", "aria-expanded"}, super: []string{"sectionhead", "widget"}},
	"table":            {owned: []string{"row", "rowgroup"}, allowed: []string{"aria-colcount", "aria-rowcount"}, super: []string{"section"}},
	"tablist":          {widget: true, owned: []string{"tab"}, allowed: []string{"aria-multiselectable", "aria-orientation", "aria-activedescendant"}, super: []string{"composite"}},
	"tabpanel":         {super: []string{"section"}},
	"term":             {super: []string{"section"}},
	"textbox":          {widget: true, allowed: []string{"aria-activedescendant", "aria-autocomplete", "aria-multiline", "aria-placeholder", "aria-readonly", "aria-required", "aria-errormessage", "aria-invalid"}, super: []string{"input"}},
	"time":             {super: []string{"section"}},
	"timer":            {super: []string{"status"}},
	"toolbar":          {allowed: []string{"aria-orientation", "aria-activedescendant"}, super: []string{"group"}},
	"tooltip":          {nameFromContent: true, super: []string{"section"}},
	"tree":             {widget: true, owned: []string{"group", "treeitem"}, allowed: []string{"aria-multiselectable", "aria-required", "aria-activedescendant", "aria-orientation", "aria-errormessage", "aria-invalid"}, super: []string{"select"}},
	"treegrid":         {widget: true, owned: []string{"row", "rowgroup"}, allowed: []string{"aria-activedescendant", "aria-colcount", "aria-multiselectable", "aria-readonly", "aria-required", "aria-rowcount", "aria-errormessage", "aria-invalid"}, super: []string{"grid", "tree"}},
	"treeitem":         {widget: true, nameFromContent: true, context: []string{"group", "tree"}, allowed: []string{"aria-checked", "aria-expanded", "aria-level", "aria-posinset", "aria-selected", "aria-setsize"}, super: []string{"listitem", "option"}},
	"widget":           {abstract: true, widget: true, super: []string{"roletype"}},
	"window":           {abstract: true, super: []string{"roletype"}},

	// Graphics-ARIA.
	"graphics-document": {super: []string{"document"}},
	"graphics-object":   {super: []string{"group"}},
	"graphics-symbol":   {childrenPresentational: true, super: []string{"img"}},
}

func init() {
	// DPUB-ARIA 1.1 roles: each inherits what its superclass allows.
	dpub := map[string]string{
		"doc-abstract": "section", "doc-acknowledgments": "landmark", "doc-afterword": "landmark",
		"doc-appendix": "landmark", "doc-backlink": "link", "doc-biblioentry": "listitem",
		"doc-bibliography": "landmark", "doc-biblioref": "link", "doc-chapter": "landmark",
		"doc-colophon": "section", "doc-conclusion": "landmark", "doc-cover": "img",
		"doc-credit": "section", "doc-credits": "landmark", "doc-dedication": "section",
		"doc-endnote": "listitem", "doc-endnotes": "landmark", "doc-epigraph": "section",
		"doc-epilogue": "landmark", "doc-errata": "landmark", "doc-example": "section",
		"doc-footnote": "section", "doc-foreword": "landmark", "doc-glossary": "landmark",
		"doc-glossref": "link", "doc-index": "navigation", "doc-introduction": "landmark",
		"doc-noteref": "link", "doc-notice": "note", "doc-pagebreak": "separator",
		"doc-pagelist": "navigation", "doc-part": "landmark", "doc-preface": "landmark",
		"doc-prologue": "landmark", "doc-pullquote": "none", "doc-qna": "section",
		"doc-subtitle": "sectionhead", "doc-tip": "note", "doc-toc": "navigation",
	}
	for r, sup := range dpub {
		base := ariaRoles[sup]
		ri := &roleInfo{super: []string{sup}, allowed: append([]string{"aria-expanded"}, base.allowed...)}
		ri.nameFromContent = base.nameFromContent
		ri.widget = base.widget
		ri.childrenPresentational = base.childrenPresentational
		ariaRoles[r] = ri
	}
	ariaRoles["doc-biblioentry"].deprecated = true
	ariaRoles["doc-endnote"].deprecated = true
	ariaRoles["doc-biblioentry"].context = []string{"list"}
	ariaRoles["doc-endnote"].context = []string{"list"}
}

// isA reports whether role is sup or inherits from it.
func isA(role, sup string) bool {
	for i := 0; i < 8 && role != ""; i++ { // the hierarchy is shallow
		if role == sup {
			return true
		}
		ri := ariaRoles[role]
		if ri == nil {
			return false
		}
		if len(ri.super) == 0 {
			return false
		}
		for _, s := range ri.super[1:] {
			if isA(s, sup) {
				return true
			}
		}
		role = ri.super[0]
	}
	return false
}

// attrType is the value type of an ARIA state or property.
type attrType int

const (
	typeString attrType = iota
	typeBool
	typeTristate // true, false, mixed, undefined
	typeToken
	typeTokens
	typeIDRef
	typeIDRefs
	typeInt
	typeNumber
)

// attrInfo describes one ARIA state or property.
type attrInfo struct {
	typ        attrType
	values     []string // for tokens
	global     bool
	deprecated bool
	minInt     int // for integers
	hasMin     bool
}

// ariaAttrs is the WAI-ARIA 1.2 table of states and properties (plus the
// 1.3 additions that browsers already support).
var ariaAttrs = map[string]attrInfo{
	"aria-activedescendant":       {typ: typeIDRef},
	"aria-atomic":                 {typ: typeBool, global: true},
	"aria-autocomplete":           {typ: typeToken, values: []string{"inline", "list", "both", "none"}},
	"aria-braillelabel":           {typ: typeString, global: true},
	"aria-brailleroledescription": {typ: typeString, global: true},
	"aria-busy":                   {typ: typeBool, global: true},
	"aria-checked":                {typ: typeTristate},
	"aria-colcount":               {typ: typeInt, minInt: -1, hasMin: true},
	"aria-colindex":               {typ: typeInt, minInt: 1, hasMin: true},
	"aria-colindextext":           {typ: typeString},
	"aria-colspan":                {typ: typeInt, minInt: 1, hasMin: true},
	"aria-controls":               {typ: typeIDRefs, global: true},
	"aria-current":                {typ: typeToken, values: []string{"page", "step", "location", "date", "time", "true", "false"}, global: true},
	"aria-describedby":            {typ: typeIDRefs, global: true},
	"aria-description":            {typ: typeString, global: true},
	"aria-details":                {typ: typeIDRefs, global: true},
	"aria-disabled":               {typ: typeBool, global: true},
	"aria-dropeffect":             {typ: typeTokens, values: []string{"copy", "execute", "link", "move", "none", "popup"}, global: true, deprecated: true},
	"aria-errormessage":           {typ: typeIDRef, global: true},
	"aria-expanded":               {typ: typeToken, values: []string{"true", "false", "undefined"}},
	"aria-flowto":                 {typ: typeIDRefs, global: true},
	"aria-grabbed":                {typ: typeToken, values: []string{"true", "false", "undefined"}, global: true, deprecated: true},
	"aria-haspopup":               {typ: typeToken, values: []string{"true", "false", "menu", "listbox", "tree", "grid", "dialog"}, global: true},
	"aria-hidden":                 {typ: typeToken, values: []string{"true", "false", "undefined"}, global: true},
	"aria-invalid":                {typ: typeToken, values: []string{"grammar", "false", "spelling", "true"}, global: true},
	"aria-keyshortcuts":           {typ: typeString, global: true},
	"aria-label":                  {typ: typeString, global: true},
	"aria-labelledby":             {typ: typeIDRefs, global: true},
	"aria-level":                  {typ: typeInt, minInt: 1, hasMin: true},
	"aria-live":                   {typ: typeToken, values: []string{"assertive", "off", "polite"}, global: true},
	"aria-modal":                  {typ: typeBool},
	"aria-multiline":              {typ: typeBool},
	"aria-multiselectable":        {typ: typeBool},
	"aria-orientation":            {typ: typeToken, values: []string{"horizontal", "undefined", "vertical"}},
	"aria-owns":                   {typ: typeIDRefs, global: true},
	"aria-placeholder":            {typ: typeString},
	"aria-posinset":               {typ: typeInt, minInt: 1, hasMin: true},
	"aria-pressed":                {typ: typeTristate},
	"aria-readonly":               {typ: typeBool},
	"aria-relevant":               {typ: typeTokens, values: []string{"additions", "all", "removals", "text"}, global: true},
	"aria-required":               {typ: typeBool},
	"aria-roledescription":        {typ: typeString, global: true},
	"aria-rowcount":               {typ: typeInt, minInt: -1, hasMin: true},
	"aria-rowindex":               {typ: typeInt, minInt: 1, hasMin: true},
	"aria-rowindextext":           {typ: typeString},
	"aria-rowspan":                {typ: typeInt, minInt: 0, hasMin: true},
	"aria-selected":               {typ: typeToken, values: []string{"true", "false", "undefined"}},
	"aria-setsize":                {typ: typeInt, minInt: -1, hasMin: true},
	"aria-sort":                   {typ: typeToken, values: []string{"ascending", "descending", "none", "other"}},
	"aria-valuemax":               {typ: typeNumber},
	"aria-valuemin":               {typ: typeNumber},
	"aria-valuenow":               {typ: typeNumber},
	"aria-valuetext":              {typ: typeString},
}

// roleAllows reports whether role (an ARIA role, "" for none/generic)
// supports the attribute name, directly or by inheritance.
func roleAllows(role, name string) bool {
	ai, ok := ariaAttrs[name]
	if !ok {
		return false
	}
	if ai.global {
		return true
	}
	seen := 0
	var walk func(r string) bool
	walk = func(r string) bool {
		seen++
		if seen > 64 {
			return false
		}
		ri := ariaRoles[r]
		if ri == nil {
			return false
		}
		for _, a := range ri.allowed {
			if a == name {
				return true
			}
		}
		for _, a := range ri.required {
			if a == name {
				return true
			}
		}
		for _, s := range ri.super {
			if walk(s) {
				return true
			}
		}
		return false
	}
	return walk(role)
}

// validRole reports whether r is a concrete (non-abstract) role.
func validRole(r string) bool {
	ri, ok := ariaRoles[r]
	return ok && !ri.abstract
}

// firstValidRole returns the first concrete role token of a role attribute
// value, as browsers do, and whether the attribute had any token at all.
func firstValidRole(v string) string {
	for _, t := range strings.Fields(strings.ToLower(v)) {
		if validRole(t) {
			return t
		}
	}
	return ""
}

// aria11Attrs lists, per attribute, the roles on which WAI-ARIA 1.1
// supported it (through the section, sectionhead, window, document and
// group superclasses) and 1.2 no longer does. Browsers still expose such
// an attribute, pages written to 1.1 are no barrier for it, and axe-core
// and the W3C HTML conformance checker's tests accept it: aria-allowed-
// attr accepts it too, rather than fail a page for ARIA's later tidying.
var aria11Attrs = map[string][]string{
	"aria-expanded":    {"alert", "alertdialog", "application", "article", "banner", "button", "cell", "checkbox", "columnheader", "combobox", "complementary", "contentinfo", "definition", "dialog", "directory", "doc-abstract", "doc-acknowledgments", "doc-afterword", "doc-appendix", "doc-backlink", "doc-biblioentry", "doc-bibliography", "doc-biblioref", "doc-chapter", "doc-colophon", "doc-conclusion", "doc-cover", "doc-credit", "doc-credits", "doc-dedication", "doc-endnote", "doc-endnotes", "doc-epigraph", "doc-epilogue", "doc-errata", "doc-example", "doc-footnote", "doc-foreword", "doc-glossary", "doc-glossref", "doc-index", "doc-introduction", "doc-noteref", "doc-notice", "doc-pagebreak", "doc-pagelist", "doc-part", "doc-preface", "doc-prologue", "doc-qna", "doc-subtitle", "doc-tip", "doc-toc", "document", "feed", "figure", "form", "grid", "gridcell", "group", "heading", "image", "img", "link", "list", "listbox", "listitem", "log", "main", "marquee", "math", "menu", "menubar", "menuitem", "menuitemcheckbox", "menuitemradio", "navigation", "note", "progressbar", "radiogroup", "region", "row", "rowheader", "search", "status", "switch", "tab", "table", "tablist", "tabpanel", "term", "timer", "toolbar", "tooltip", "tree", "treegrid", "treeitem"},
	"aria-level":       {"grid", "tablist", "treegrid"},
	"aria-orientation": {"combobox"},
}

// aria11Allows reports whether WAI-ARIA 1.1 supported the attribute on
// the role (see aria11Attrs).
func aria11Allows(role, name string) bool {
	return slices.Contains(aria11Attrs[name], role)
}
