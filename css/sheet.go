package css

import (
	"bytes"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/andybalholm/cascadia"
	tcss "github.com/tdewolff/parse/v2/css"
)

// Sheet is one compiled stylesheet: its style rules in order, with
// compiled selectors indexed by what their rightmost compound needs, and
// what was dropped under the work limits. A Sheet is read-only once
// compiled and shared by every page that uses it.
type Sheet struct {
	Imports   []Import // its @import rules, spliced in before its own rules by the cascade
	Truncated bool     // the body hit MaxSheetBytes
	Limited   bool     // a work limit dropped rules
	Rules     int      // selectors compiled (a group of three counts three)
	Skipped   int      // selectors not compiled: unsupported or over MaxSelectorLength

	main   ruleIndex // rules of the element itself
	pseudo ruleIndex // ::before and ::after rules
	focus  ruleIndex // :focus and :focus-visible rules, the pseudo-class removed
}

// decl is one declaration. Its value keeps var() references: they are
// resolved per element, where custom properties are known.
type decl struct {
	prop      string // lower case; a shorthand is kept as written and expanded when computed
	id        prop   // the property's number (pCustom for --x)
	value     string
	important bool
	vars      bool // value holds var() references
	// serial numbers the declarations compiled: copies of one declaration
	// share it, and no other declaration has it (the cascade shares the
	// styles that the same declarations decide).
	serial uint64
}

// declSerial numbers the declarations compiled in this process.
var declSerial atomic.Uint64

// newDecl returns the declaration of prop, whose number is id.
func newDecl(prop string, id prop, value string, important bool) decl {
	return decl{prop: prop, id: id, value: value, important: important, vars: strings.Contains(value, "var("), serial: declSerial.Add(1)}
}

// rule is one selector of a style rule with its declarations (shared by
// the selectors of a group).
type rule struct {
	sel    cascadia.Sel
	spec   cascadia.Specificity
	order  int // position in the sheet
	layer  int // 0 for rules in no @layer, else the layer's rank (1 is lowest)
	pseudo string
	decls  []decl
	// anc are the Bloom filter bits of the ids, classes and tags that the
	// selector needs among the element's ancestors: a rule whose bits are
	// not all in the element's ancestor filter cannot match, and is not
	// tried (browsers filter the same way).
	anc []ancBits
	// self are the ids (#x), classes (.x) and tag of the rightmost
	// compound, whose key mask (mrule.self) is checked on the element
	// before the selector is matched.
	self []string
	// simple is the selector when the cascade's own matcher can read it;
	// nil leaves it to cascadia (sel).
	simple *simple
}

// ruleIndex buckets rules by the id, class or tag their rightmost compound
// selector requires, as browsers do: an element is tried only against the
// rules that could match it.
type ruleIndex struct {
	byID, byClass, byTag map[string][]*rule
	any                  []*rule
}

func (x *ruleIndex) add(r *rule, kind byte, key string) {
	var m *map[string][]*rule
	switch kind {
	case '#':
		m = &x.byID
	case '.':
		m = &x.byClass
	case 't':
		m = &x.byTag
	default:
		x.any = append(x.any, r)
		return
	}
	if *m == nil {
		*m = map[string][]*rule{}
	}
	(*m)[key] = append((*m)[key], r)
}

func (x *ruleIndex) empty() bool {
	return len(x.byID) == 0 && len(x.byClass) == 0 && len(x.byTag) == 0 && len(x.any) == 0
}

// Compile parses and compiles a stylesheet whose final URL is base. It
// never fails: what it cannot read is skipped, as a browser skips it, and
// a work limit sets Limited.
func Compile(body []byte, base string) *Sheet {
	sh := &Sheet{Truncated: len(body) > MaxSheetBytes}
	c := compiler{sh: sh, base: base, layers: map[string]int{}}
	c.run(body)
	return sh
}

// compiler is one compilation's state.
type compiler struct {
	sh     *Sheet
	base   string
	order  int
	layers map[string]int
	// stack of the open blocks: what each at-rule or ruleset does to the
	// rules inside it.
	stack []frame
	// the ruleset being read
	cur      []*rule
	curDecls []decl
	seenRule bool // a style or block at-rule was read: later @imports are ignored
}

type frame struct {
	skip    bool // rules inside do not apply (@media that does not match, @font-face...)
	ruleset bool // a style rule's block (nested rules inside are skipped)
	layer   int
	cur     []*rule // the enclosing ruleset's rules, restored at its end
	decls   []decl
}

func (c *compiler) skipping() bool {
	for i := range c.stack {
		if c.stack[i].skip {
			return true
		}
	}
	return false
}

func (c *compiler) layer() int {
	for i := len(c.stack) - 1; i >= 0; i-- {
		if c.stack[i].layer != 0 {
			return c.stack[i].layer
		}
	}
	return 0
}

func (c *compiler) run(body []byte) {
	p := tcss.NewParser(input(body), false)
	const maxDepth = 32
	for {
		gt, _, data := p.Next()
		switch gt {
		case tcss.ErrorGrammar:
			if p.Err() != nil && p.HasParseError() {
				continue // a browser skips a broken construct and reads on
			}
			return
		case tcss.AtRuleGrammar:
			name := strings.ToLower(string(data))
			switch name {
			case "@import":
				if !c.seenRule && len(c.stack) == 0 {
					if imp, ok := readImport(p.Values(), mustParse(c.base)); ok && MediaApplies(imp.Media) && len(c.sh.Imports) < maxImports {
						c.sh.Imports = append(c.sh.Imports, imp)
					}
				}
			case "@layer":
				for _, n := range strings.Split(tokens(p.Values()), ",") {
					c.layerRank(strings.TrimSpace(n))
				}
			}
		case tcss.BeginAtRuleGrammar:
			c.seenRule = true
			if len(c.stack) >= maxDepth {
				c.sh.Limited = true
				c.stack = append(c.stack, frame{skip: true})
				continue
			}
			c.stack = append(c.stack, c.atRule(strings.ToLower(string(data)), tokens(p.Values())))
		case tcss.EndAtRuleGrammar:
			if len(c.stack) > 0 {
				c.stack = c.stack[:len(c.stack)-1]
			}
		case tcss.BeginRulesetGrammar:
			c.seenRule = true
			inRuleset := len(c.stack) > 0 && c.stack[len(c.stack)-1].ruleset
			c.stack = append(c.stack, frame{ruleset: true, skip: inRuleset, cur: c.cur, decls: c.curDecls})
			c.cur, c.curDecls = nil, nil
			if inRuleset || c.skipping() {
				// CSS nesting is not read: its rules are left out.
				if inRuleset {
					c.sh.Skipped++
				}
				continue
			}
			c.cur = c.selectors(tokens(p.Values()))
		case tcss.DeclarationGrammar:
			if c.cur != nil {
				c.curDecls = appendDecls(c.curDecls, string(data), p.Values())
			}
		case tcss.CustomPropertyGrammar:
			if c.cur != nil {
				v := ""
				if vals := p.Values(); len(vals) > 0 {
					v = strings.TrimSpace(string(vals[0].Data))
				}
				v, imp := cutImportant(v)
				c.curDecls = append(c.curDecls, newDecl(string(data), pCustom, v, imp))
			}
		case tcss.EndRulesetGrammar:
			c.endRuleset()
		}
	}
}

func (c *compiler) endRuleset() {
	if len(c.stack) == 0 {
		return
	}
	f := c.stack[len(c.stack)-1]
	c.stack = c.stack[:len(c.stack)-1]
	if len(c.cur) > 0 && len(c.curDecls) > 0 {
		ds := keptDecls(c.curDecls)
		for _, r := range c.cur {
			r.decls = ds
		}
	}
	c.cur, c.curDecls = f.cur, f.decls
}

// atRule returns the frame of a block at-rule.
func (c *compiler) atRule(name, prelude string) frame {
	switch name {
	case "@media":
		return frame{skip: !MediaApplies(prelude)}
	case "@supports":
		return frame{skip: !supports(prelude)}
	case "@layer":
		return frame{layer: c.layerRank(strings.TrimSpace(prelude))}
	case "@scope", "@document", "@-moz-document":
		// Scoping limits could make rules match where they do not: left out.
		return frame{skip: true}
	}
	// @font-face, @keyframes, @page, @container (decided by layout),
	// @counter-style, @property, @starting-style...: no style rules of
	// the page's first render.
	return frame{skip: true}
}

// layerRank returns the rank of a named cascade layer: layers rank in the
// order they are first named; an anonymous layer gets a rank of its own.
func (c *compiler) layerRank(name string) int {
	if name == "" {
		return len(c.layers) + 1 + c.order // anonymous: ranks after the named ones so far
	}
	if r, ok := c.layers[name]; ok {
		return r
	}
	r := len(c.layers) + 1
	c.layers[name] = r
	return r
}

// supports evaluates an @supports condition conservatively: the modern
// browser that axe-core runs in supports the features sites test for,
// so a condition holds unless it is negated.
func supports(cond string) bool {
	c := strings.ToLower(strings.TrimSpace(cond))
	return !strings.HasPrefix(c, "not")
}

// selectors compiles a ruleset's selector group into rules, one per
// selector, and indexes them.
func (c *compiler) selectors(group string) []*rule {
	var out []*rule
	layer := c.layer()
	for _, v := range expandGroup(group) {
		s := v.sel
		if c.sh.Rules >= MaxRules {
			c.sh.Limited = true
			return out
		}
		if len(s) > MaxSelectorLength || strings.Contains(strings.ToLower(s), ":has(") {
			// :has() walks the element's subtree on every match: left out,
			// with the pathological selectors.
			c.sh.Skipped++
			c.sh.Limited = true
			continue
		}
		idx, plain, pseudo, ok := classify(s)
		if !ok {
			c.sh.Skipped++
			continue
		}
		sel, err := cascadia.ParseWithPseudoElement(plain)
		if err != nil {
			c.sh.Skipped++
			continue
		}
		spec := sel.Specificity()
		for i := range spec {
			spec[i] += v.adj[i]
		}
		r := &rule{sel: sel, spec: spec, order: c.order, layer: layer, pseudo: pseudo, anc: ancestorKeys(plain), self: selfKeys(plain), simple: parseSimple(plain)}
		c.order++
		c.sh.Rules++
		kind, key := rightmostKey(plain)
		switch idx {
		case 'p':
			c.sh.pseudo.add(r, kind, key)
		case 'f':
			c.sh.focus.add(r, kind, key)
		default:
			c.sh.main.add(r, kind, key)
		}
		out = append(out, r)
	}
	return out
}

// variant is one selector of a group after :is() and :where() are
// expanded, with what to add to its specificity.
type variant struct {
	sel string
	adj cascadia.Specificity
}

// maxVariants bounds the selectors one group expands to.
const maxVariants = 64

// expandGroup splits a selector group and expands :is(), :where() (and
// their old names :matches() and :-webkit-any()), which cascadia does not
// read, into plain alternatives: "nav :is(h2, h3) a" is "nav h2 a" and
// "nav h3 a". An :is() counts the specificity of its most specific
// argument, a :where() none, as CSS says; adj carries the difference. A
// selector whose alternatives hold combinators is left out.
func expandGroup(group string) []variant {
	var out []variant
	for _, s := range splitSelectors(group) {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		out = append(out, expandIs(s, cascadia.Specificity{}, 0)...)
		if len(out) > maxVariants {
			return out[:maxVariants]
		}
	}
	return out
}

var isNames = []string{":is(", ":where(", ":matches(", ":-webkit-any("}

func expandIs(s string, adj cascadia.Specificity, depth int) []variant {
	lower := asciiLower(s) // positions in it are positions in s
	at, name := -1, ""
	for _, n := range isNames {
		if i := strings.Index(lower, n); i >= 0 && (at < 0 || i < at) {
			at, name = i, n
		}
	}
	if at < 0 || depth > 3 {
		return []variant{{s, adj}}
	}
	// The matching parenthesis.
	open := at + len(name) - 1
	d, end := 0, -1
	for i := open; i < len(s) && end < 0; i++ {
		switch s[i] {
		case '(':
			d++
		case ')':
			d--
			if d == 0 {
				end = i
			}
		}
	}
	if end < 0 {
		return nil
	}
	args := splitSelectors(s[open+1 : end])
	type arg struct {
		sel  string
		spec cascadia.Specificity
	}
	var as []arg
	var most cascadia.Specificity
	for _, a := range args {
		a = strings.TrimSpace(a)
		if a == "" || strings.ContainsAny(a, " >+~") {
			continue // a complex argument: not expanded
		}
		sel, err := cascadia.Parse(a)
		if err != nil {
			continue // an argument it cannot read is dropped, as :is() forgives
		}
		sp := sel.Specificity()
		if sp.Less(most) == false {
			most = sp
		}
		as = append(as, arg{a, sp})
	}
	prefix, suffix := s[:at], s[end+1:]
	// Where the compound holding the :is() starts, for a type selector
	// argument, which must come first in it.
	cs := strings.LastIndexAny(prefix, " >+~") + 1
	var out []variant
	for _, a := range as {
		var v string
		tag, rest := splitTag(a.sel)
		switch {
		case tag == "":
			v = prefix + a.sel + suffix
		default:
			own, _ := splitTag(prefix[cs:])
			switch {
			case own == "" || own == "*":
				v = prefix[:cs] + tag + strings.TrimPrefix(prefix[cs:], "*") + rest + suffix
			case strings.EqualFold(own, tag):
				v = prefix + rest + suffix
			default:
				continue // two different types: never matches
			}
		}
		na := adj
		for i := range na {
			switch name {
			case ":where(":
				na[i] -= a.spec[i]
			default:
				na[i] += most[i] - a.spec[i]
			}
		}
		out = append(out, expandIs(v, na, depth+1)...)
		if len(out) > maxVariants {
			break
		}
	}
	return out
}

// splitTag splits a compound's leading type selector from the rest.
func splitTag(c string) (tag, rest string) {
	if c == "" {
		return "", c
	}
	if c[0] == '*' {
		return "*", c[1:]
	}
	if !(isNameChar(c[0]) && c[0] != '-') || c[0] >= '0' && c[0] <= '9' {
		return "", c
	}
	name, j := readName(c, 0)
	return name, c[j:]
}

// classify sorts a selector: 'm' for the element's own styles, 'p' for
// ::before/::after (pseudo names it), 'f' for a rule that applies only in
// focus (":focus" or ":focus-visible" on its rightmost compound, removed
// from plain). ok is false for rules that never apply to the page's first
// render: other states (:hover, :active, :visited...) and other
// pseudo-elements.
func classify(s string) (idx byte, plain, pseudo string, ok bool) {
	lower := asciiLower(s)
	idx, plain = 'm', s
	for _, pe := range []string{"::before", "::after", ":before", ":after"} {
		if strings.HasSuffix(lower, pe) {
			plain = strings.TrimSpace(s[:len(s)-len(pe)])
			lower = lower[:len(lower)-len(pe)]
			pseudo = strings.TrimLeft(pe, ":")
			idx = 'p'
			break
		}
	}
	if strings.Contains(lower, "::") {
		return 0, "", "", false // ::placeholder, ::selection, ::marker...
	}
	for _, st := range []string{":focus-visible", ":focus"} {
		if idx == 'm' && strings.HasSuffix(lower, st) {
			plain = strings.TrimSpace(plain[:len(plain)-len(st)])
			lower = lower[:len(lower)-len(st)]
			idx = 'f'
			break
		}
	}
	for _, st := range []string{":hover", ":active", ":focus", ":visited", ":target", ":focus-within", ":checked", ":indeterminate",
		":-moz", ":-webkit", ":-ms-", ":autofill", ":user-invalid", ":invalid", ":placeholder-shown", ":open", ":popover-open", ":modal", ":fullscreen"} {
		if strings.Contains(lower, st) {
			// Inside :not() the state may hold at first render; the
			// rule is left out all the same (rare, and safer).
			return 0, "", "", false
		}
	}
	if plain == "" {
		plain = "*"
	}
	return idx, plain, pseudo, true
}

// topLevel calls visit for each byte of a selector outside strings,
// escapes, brackets and parentheses: the one scan behind splitting a
// group, finding the rightmost compound and reading the combinators.
func topLevel(s string, visit func(i int, ch byte)) {
	depth := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case quote != 0:
			if ch == '\\' {
				i++
			} else if ch == quote {
				quote = 0
			}
		case ch == '\\':
			i++ // an escaped character is part of a name
		case ch == '"' || ch == '\'':
			quote = ch
		case ch == '(' || ch == '[':
			depth++
		case ch == ')' || ch == ']':
			depth--
		case depth == 0:
			visit(i, ch)
		}
	}
}

// splitSelectors splits a selector group at top-level commas.
func splitSelectors(group string) []string {
	var out []string
	start := 0
	topLevel(group, func(i int, ch byte) {
		if ch == ',' {
			out = append(out, group[start:i])
			start = i + 1
		}
	})
	return append(out, group[start:])
}

// rightmostKey returns what the rightmost compound selector requires: an
// id ('#'), a class ('.'), a tag ('t'), or nothing (0).
func rightmostKey(s string) (byte, string) {
	var tag, class, id string
	for _, k := range selfKeys(s) {
		switch {
		case k[0] == '#' && id == "":
			id = k[1:]
		case k[0] == '.' && class == "":
			class = k[1:]
		case k[0] != '#' && k[0] != '.':
			tag = k
		}
	}
	switch {
	case id != "":
		return '#', id
	case class != "":
		return '.', class
	case tag != "" && tag != "*":
		return 't', tag
	}
	return 0, ""
}

func isNameChar(c byte) bool {
	return c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// asciiLower lower-cases ASCII letters only, so that an index into the
// result is one into s (strings.ToLower may change the length of text
// that is not ASCII or not valid UTF-8).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// cutImportant splits a trailing !important (in any case) off a value.
// It compares bytes, not lower-cased text, whose length may differ from
// the value's when the value is not valid UTF-8.
func cutImportant(v string) (string, bool) {
	t := strings.TrimSpace(v)
	const imp = "!important"
	if len(t) >= len(imp) && strings.EqualFold(t[len(t)-len(imp):], imp) {
		return strings.TrimSpace(t[:len(t)-len(imp)]), true
	}
	return v, false
}

// appendDecls appends a declaration, with !important split off, when its
// property is one the cascade computes.
func appendDecls(ds []decl, prop string, vals []tcss.Token) []decl {
	prop = strings.ToLower(prop)
	id, ok := propByName[prop]
	if !ok {
		if !strings.HasPrefix(prop, "--") {
			return ds
		}
		id = pCustom
	}
	v := tokens(vals)
	v, imp := cutImportant(v)
	return append(ds, newDecl(prop, id, v, imp))
}

// keptDecls returns the declarations in an array of their own (the
// compiler's slice is reused).
func keptDecls(ds []decl) []decl { return append([]decl(nil), ds...) }

// tokens writes tokens back as text.
func tokens(ts []tcss.Token) string {
	var b bytes.Buffer
	for _, t := range ts {
		b.Write(t.Data)
	}
	return strings.TrimSpace(b.String())
}

// ancestorKeys returns the filter bits of what a selector needs of the
// element's ancestors: the ids, classes and tags of the compounds joined
// to the rightmost by descendant or child combinators (not those before a
// sibling combinator, which are no ancestors), outside :not() and the
// like.
func ancestorKeys(s string) []ancBits {
	// Split into compounds and the combinators between them.
	var comps []string
	var combs []byte
	start := 0
	pending := byte(0)
	flush := func(i int) {
		if c := strings.TrimSpace(s[start:i]); c != "" {
			if len(comps) > 0 {
				combs = append(combs, pending)
			}
			comps = append(comps, c)
			pending = 0
		}
		start = i + 1
	}
	topLevel(s, func(i int, ch byte) {
		switch {
		case ch == ' ' || ch == '\t' || ch == '\n':
			flush(i)
			if pending == 0 {
				pending = ' '
			}
		case isCombinator(ch):
			flush(i)
			pending = ch
		}
	})
	flush(len(s))
	if len(comps) < 2 {
		return nil
	}
	var out []ancBits
	// Walk from the rightmost compound leftwards: a compound is an
	// ancestor when every combinator between it and the rightmost... is
	// a descendant or child combinator up to the first ancestor reached.
	ancestor := false
	for i := len(comps) - 2; i >= 0; i-- {
		switch combs[i] {
		case ' ', '>':
			ancestor = true
		default:
			// A sibling of the compound to its right: an ancestor only if
			// that one was.
		}
		if !ancestor || (combs[i] != ' ' && combs[i] != '>') {
			continue
		}
		for _, k := range compoundKeys(comps[i]) {
			out = append(out, bloomBits(k))
		}
	}
	return out
}

// compoundKeys returns a compound's id ("#x"), classes (".x") and tag,
// with CSS escapes decoded (".o-grid-6\\@sm" is the class "o-grid-6@sm").
func compoundKeys(c string) []string {
	var out []string
	depth := 0
	for i := 0; i < len(c); i++ {
		ch := c[i]
		switch {
		case ch == '(' || ch == '[':
			depth++
		case ch == ')' || ch == ']':
			depth--
		case depth > 0:
		case ch == '#' || ch == '.':
			name, j := readName(c, i+1)
			if name != "" {
				out = append(out, string(ch)+name)
			}
			i = j - 1
		case i == 0 && (isNameChar(ch) && ch != '-' || ch == '\\'):
			name, j := readName(c, i)
			out = append(out, strings.ToLower(name))
			i = j - 1
		}
	}
	return out
}

// readName reads an identifier from s[i:], decoding escapes, and returns
// it and the index after it.
func readName(s string, i int) (string, int) {
	var b strings.Builder
	for i < len(s) {
		ch := s[i]
		switch {
		case ch == '\\' && i+1 < len(s):
			j := i + 1
			for j < len(s) && j < i+7 && isHex(s[j]) {
				j++
			}
			if j > i+1 {
				n, _ := strconv.ParseUint(s[i+1:j], 16, 32)
				b.WriteRune(rune(n))
				if j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
					j++
				}
				i = j
			} else {
				b.WriteByte(s[i+1])
				i += 2
			}
		case ch == '\\':
			// A backslash at the end: CSS reads U+FFFD. Consumed, so that
			// every caller moves on.
			b.WriteRune('\uFFFD')
			i++
		case isNameChar(ch):
			b.WriteByte(ch)
			i++
		default:
			return b.String(), i
		}
	}
	return b.String(), i
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// ancBits are the two bits of one key in an ancestor filter.
type ancBits struct{ a, b uint16 }

// Filter is a Bloom filter of the ids, classes and tags of an element's
// ancestors.
type Filter [8]uint64

func bloomBits(k string) ancBits { return bloomKey(0, k) }

// bloomKey is bloomBits of the key kind+k ('.' or '#'; 0 for a tag),
// without making the string.
func bloomKey(kind byte, k string) ancBits {
	h := uint32(2166136261)
	if kind != 0 {
		h ^= uint32(kind)
		h *= 16777619
	}
	for i := 0; i < len(k); i++ {
		h ^= uint32(k[i])
		h *= 16777619
	}
	return ancBits{uint16(h % 512), uint16((h >> 16) % 512)}
}

// add puts the key kind+k in the filter (see bloomKey).
func (f *Filter) add(kind byte, k string) {
	b := bloomKey(kind, k)
	f[b.a/64] |= 1 << (b.a % 64)
	f[b.b/64] |= 1 << (b.b % 64)
}

func (f *Filter) has(b ancBits) bool {
	return f[b.a/64]&(1<<(b.a%64)) != 0 && f[b.b/64]&(1<<(b.b%64)) != 0
}

// selfKeys returns the keys of a selector's rightmost compound.
func selfKeys(s string) []string {
	return compoundKeys(lastCompound(s))
}

// lastCompound returns a selector's rightmost compound: what follows the
// last combinator or white space outside brackets, parentheses and
// strings.
func lastCompound(s string) string {
	start := 0
	topLevel(s, func(i int, ch byte) {
		if isCombinator(ch) {
			start = i + 1
		}
	})
	return s[start:]
}

// isCombinator reports whether a byte at the top level of a selector ends
// a compound: white space or a combinator.
func isCombinator(ch byte) bool {
	return ch == ' ' || ch == '>' || ch == '+' || ch == '~' || ch == '\t' || ch == '\n'
}
