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
			return c, i, true
		default:
			return c, i, false // ':' and anything else
		}
	}
	return c, i, true
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

// matcher matches simple selectors with the classes of the elements it
// has seen (the cascade computes parents and earlier siblings first).
type matcher struct {
	classes map[*html.Node][]string
}

func (m *matcher) classOf(n *html.Node) []string {
	if cs, ok := m.classes[n]; ok {
		return cs
	}
	cs := strings.Fields(attrOf(n, "class"))
	m.classes[n] = cs
	return cs
}

func (m *matcher) compound(c *compound, n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if c.tag != "" && c.tag != n.Data {
		return false
	}
	if c.id != "" && attrOf(n, "id") != c.id {
		return false
	}
	if len(c.classes) > 0 {
		cs := m.classOf(n)
		for _, want := range c.classes {
			found := false
			for _, have := range cs {
				if have == want {
					found = true
					break
				}
			}
			if !found {
				return false
			}
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

// match reports whether sel matches n.
func (m *matcher) match(sel *simple, n *html.Node) bool {
	return m.from(sel, len(sel.comps)-1, n)
}

// from matches comps[i] on n and what is left of it on n's relatives,
// backtracking through the combinators.
func (m *matcher) from(sel *simple, i int, n *html.Node) bool {
	if !m.compound(&sel.comps[i], n) {
		return false
	}
	if i == 0 {
		return true
	}
	switch sel.combs[i-1] {
	case '>':
		p := n.Parent
		return p != nil && p.Type == html.ElementNode && m.from(sel, i-1, p)
	case ' ':
		for p := n.Parent; p != nil && p.Type == html.ElementNode; p = p.Parent {
			if m.from(sel, i-1, p) {
				return true
			}
		}
		return false
	case '+':
		p := prevElement(n)
		return p != nil && m.from(sel, i-1, p)
	case '~':
		for p := prevElement(n); p != nil; p = prevElement(p) {
			if m.from(sel, i-1, p) {
				return true
			}
		}
	}
	return false
}

func prevElement(n *html.Node) *html.Node {
	for p := n.PrevSibling; p != nil; p = p.PrevSibling {
		if p.Type == html.ElementNode {
			return p
		}
	}
	return nil
}
