package css

import (
	"strings"

	"golang.org/x/net/html"
)

// simple is a selector made only of type, id, class and attribute
// selectors joined by combinators: most of a site's selectors. The
// cascade matches these itself, reading each element's classes once,
// which is many times cheaper than the general matcher; anything else
// (pseudo-classes, namespaces, case flags) is left to cascadia.
type simple struct {
	comps []compound // left to right
	combs []byte     // combs[i] joins comps[i] and comps[i+1]: ' ', '>', '+' or '~'
}

type compound struct {
	tag     string // lower case; "" for any
	id      string
	classes []string
	attrs   []attrTest
	// mask has the keyBits of the tag, id and classes: an element whose
	// own mask lacks one of them cannot match, which settles most tests
	// of an ancestor without comparing a string.
	mask uint64
}

// keyBit is the bit of one tag ('t'), id ('#') or class ('.') in a
// 64-bit mask.
func keyBit(kind byte, s string) uint64 {
	h := uint32(2166136261) ^ uint32(kind)
	h *= 16777619
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return 1 << (h >> 26)
}

type attrTest struct {
	name, op, val string // op "" tests presence
}

// parseSimple reads a selector as a simple one, or returns nil.
func parseSimple(s string) *simple {
	var sel simple
	i := 0
	var comb byte
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			i++
			if comb == 0 {
				comb = ' '
			}
		}
		if i >= len(s) {
			break
		}
		if s[i] == '>' || s[i] == '+' || s[i] == '~' {
			comb = s[i]
			i++
			continue
		}
		c, j, ok := parseCompound(s, i)
		if !ok || j == i {
			return nil
		}
		if len(sel.comps) > 0 {
			if comb == 0 {
				return nil
			}
			sel.combs = append(sel.combs, comb)
		} else if comb != 0 && comb != ' ' {
			return nil // a leading combinator
		}
		sel.comps = append(sel.comps, c)
		comb = 0
		i = j
	}
	if len(sel.comps) == 0 || comb != 0 && comb != ' ' {
		return nil
	}
	return &sel
}

func parseCompound(s string, i int) (compound, int, bool) {
	var c compound
	start := i
	for i < len(s) {
		ch := s[i]
		switch {
		case ch == '*' && i == start:
			i++
		case i == start && (isNameChar(ch) && ch != '-' || ch == '\\'):
			name, j := readName(s, i)
			c.tag = strings.ToLower(name)
			i = j
		case ch == '#':
			name, j := readName(s, i+1)
			if name == "" {
				return c, i, false
			}
			c.id = name
			i = j
		case ch == '.':
			name, j := readName(s, i+1)
			if name == "" {
				return c, i, false
			}
			c.classes = append(c.classes, name)
			i = j
		case ch == '[':
			end := strings.IndexByte(s[i:], ']')
			if end < 0 {
				return c, i, false
			}
			t, ok := parseAttrTest(s[i+1 : i+end])
			if !ok {
				return c, i, false
			}
			c.attrs = append(c.attrs, t)
			i += end + 1
		case ch == ' ' || ch == '\t' || ch == '\n' || ch == '>' || ch == '+' || ch == '~':
			c.setMask()
			return c, i, true
		default:
			return c, i, false // ':' and anything else
		}
	}
	c.setMask()
	return c, i, true
}

func (c *compound) setMask() {
	c.mask = 0
	if c.tag != "" {
		c.mask |= keyBit('t', c.tag)
	}
	if c.id != "" {
		c.mask |= keyBit('#', c.id)
	}
	for _, cl := range c.classes {
		c.mask |= keyBit('.', cl)
	}
}

func parseAttrTest(s string) (attrTest, bool) {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "\\|") && !strings.Contains(s, "|=") {
		return attrTest{}, false
	}
	for _, op := range []string{"~=", "|=", "^=", "$=", "*=", "="} {
		k, v, found := strings.Cut(s, op)
		if !found {
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') {
			if v[len(v)-1] != v[0] {
				return attrTest{}, false // a case flag (" i") or a broken string
			}
			v = v[1 : len(v)-1]
		} else if strings.ContainsAny(v, " \t\"'") {
			return attrTest{}, false
		}
		if strings.Contains(v, "\\") || !validAttrName(k) {
			return attrTest{}, false
		}
		return attrTest{name: strings.ToLower(k), op: op, val: v}, true
	}
	if !validAttrName(s) {
		return attrTest{}, false
	}
	return attrTest{name: strings.ToLower(s)}, true
}

func validAttrName(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		if !isNameChar(k[i]) {
			return false
		}
	}
	return true
}

// Node is an element as the cascade reads it: its node, its classes and
// id read once, and its parent and previous element sibling, which the
// matcher walks without looking anything up.
type Node struct {
	N            *html.Node
	Parent, Prev *Node
	Classes      []string
	ID           string

	mask uint64  // the keyBits of its tag, id and classes
	anc  *Filter // the ids, classes and tags of its ancestors
	down *Filter // anc with its own: its children's anc, made for the first
}

// Arena holds what a page's Nodes share, in a few arrays rather than an
// allocation a Node: their classes and their ancestor filters.
type Arena struct {
	classes []string
	filters []Filter
}

// filter returns a new filter from the arena.
func (a *Arena) filter() *Filter {
	if a == nil {
		return new(Filter)
	}
	if len(a.filters) == cap(a.filters) {
		// Chunks double from small to 256: small pages are common.
		a.filters = make([]Filter, 0, min(max(8, 2*cap(a.filters)), 256))
	}
	a.filters = a.filters[:len(a.filters)+1]
	return &a.filters[len(a.filters)-1]
}

// noAncestors is the filter of the root element: nothing.
var noAncestors Filter

// NewNode returns the Node of element n, whose parent and previous element
// sibling are parent and prev (nil when none).
func NewNode(n *html.Node, parent, prev *Node) *Node {
	e := new(Node)
	e.Init(n, parent, prev, nil)
	return e
}

// childFilter returns the filter of e's children: e's ancestors' and e's
// own id, classes and tag, made once.
func (e *Node) childFilter(a *Arena) *Filter {
	if e.down == nil {
		f := a.filter()
		*f = *e.anc
		f.add(0, e.N.Data)
		if e.ID != "" {
			f.add('#', e.ID)
		}
		for _, c := range e.Classes {
			f.add('.', c)
		}
		e.down = f
	}
	return e.down
}

// Init makes e the Node of element n, as NewNode does, in place: a page's
// Nodes can then be allocated together, and what they hold is taken from
// arena (nil allocates it).
func (e *Node) Init(n *html.Node, parent, prev *Node, arena *Arena) {
	*e = Node{N: n, Parent: parent, Prev: prev, ID: attrOf(n, "id"), anc: &noAncestors}
	if cl := attrOf(n, "class"); cl != "" {
		k := countFields(cl)
		var buf []string
		classes := &buf
		if arena != nil {
			classes = &arena.classes
		}
		if cap(*classes)-len(*classes) < k {
			// A new array, not a bigger copy: earlier Nodes keep theirs.
			// Chunks double from small to 512: small pages are common.
			*classes = make([]string, 0, max(k, min(max(16, 2*cap(*classes)), 512)))
		}
		start := len(*classes)
		*classes = appendFields(*classes, cl)
		e.Classes = (*classes)[start:len(*classes):len(*classes)]
	}
	e.mask = keyBit('t', n.Data)
	if e.ID != "" {
		e.mask |= keyBit('#', e.ID)
	}
	for _, c := range e.Classes {
		e.mask |= keyBit('.', c)
	}
	if parent != nil {
		e.anc = parent.childFilter(arena)
	}
}

// appendFields appends the fields of s separated by ASCII white space, as
// a class attribute separates them.
func appendFields(out []string, s string) []string {
	i := 0
	for i < len(s) {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		j := i
		for j < len(s) && !isSpace(s[j]) {
			j++
		}
		if j > i {
			out = append(out, s[i:j])
		}
		i = j
	}
	return out
}

// countFields counts the fields appendFields appends.
func countFields(s string) int {
	k := 0
	for i := 0; i < len(s); i++ {
		if !isSpace(s[i]) && (i == 0 || isSpace(s[i-1])) {
			k++
		}
	}
	return k
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// Tree returns the Nodes of every element under root, in document order
// (parents before children).
func Tree(root *html.Node) []*Node {
	var out []*Node
	var walk func(n *html.Node, parent *Node)
	walk = func(n *html.Node, parent *Node) {
		var prev *Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			e := NewNode(c, parent, prev)
			out = append(out, e)
			prev = e
			walk(c, e)
		}
	}
	walk(root, nil)
	return out
}

// compound reports whether c matches e.
func compoundMatch(c *compound, e *Node) bool {
	if c.mask&^e.mask != 0 {
		return false
	}
	n := e.N
	if c.tag != "" && c.tag != n.Data {
		return false
	}
	if c.id != "" && e.ID != c.id {
		return false
	}
	for _, want := range c.classes {
		found := false
		for _, have := range e.Classes {
			if have == want {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	for i := range c.attrs {
		if !attrMatch(&c.attrs[i], n) {
			return false
		}
	}
	return true
}

func attrMatch(t *attrTest, n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Namespace != "" || a.Key != t.name {
			continue
		}
		v := a.Val
		switch t.op {
		case "":
			return true
		case "=":
			return v == t.val
		case "~=":
			for _, f := range strings.Fields(v) {
				if f == t.val {
					return true
				}
			}
			return false
		case "|=":
			return v == t.val || strings.HasPrefix(v, t.val+"-")
		case "^=":
			return t.val != "" && strings.HasPrefix(v, t.val)
		case "$=":
			return t.val != "" && strings.HasSuffix(v, t.val)
		case "*=":
			return t.val != "" && strings.Contains(v, t.val)
		}
	}
	return false
}

// matchSimple reports whether sel matches e.
func matchSimple(sel *simple, e *Node) bool {
	return matchFrom(sel, len(sel.comps)-1, e) == matched1
}

// A match's outcome. notHere says that comps[i] did not match where it
// was tried but may match higher up; nowhere says that what is left of
// the selector matches at no ancestor, so that no ancestor further up need
// be tried either (every ancestor of a higher start was tried already).
// Without this a selector of several descendant combinators whose
// leftmost part fails backtracks through every combination of ancestors:
// one such rule on a council's page cost 59 tests an element.
type outcome uint8

const (
	matched1 outcome = iota
	notHere
	nowhere
)

// matchFrom matches comps[i] on e and what is left of it on e's
// relatives.
func matchFrom(sel *simple, i int, e *Node) outcome {
	if !compoundMatch(&sel.comps[i], e) {
		return notHere
	}
	if i == 0 {
		return matched1
	}
	switch sel.combs[i-1] {
	case '>':
		if e.Parent == nil {
			return nowhere
		}
		return matchFrom(sel, i-1, e.Parent)
	case ' ':
		for p := e.Parent; p != nil; p = p.Parent {
			if r := matchFrom(sel, i-1, p); r != notHere {
				return r
			}
		}
		return nowhere
	case '+':
		if e.Prev == nil {
			return notHere
		}
		if r := matchFrom(sel, i-1, e.Prev); r == matched1 {
			return r
		}
		return notHere
	case '~':
		for p := e.Prev; p != nil; p = p.Prev {
			if r := matchFrom(sel, i-1, p); r == matched1 {
				return r
			}
		}
	}
	return notHere
}
