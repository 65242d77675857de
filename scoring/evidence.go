package scoring

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// maxSelectorSteps bounds the length of an evidence selector. Elements
// nested deeper than this below the nearest ancestor with a unique id get a
// selector of the last maxSelectorSteps steps, which may match more than
// one element.
const maxSelectorSteps = 128

// Selector returns a CSS selector that matches exactly the element in the
// page: its id when the id is unique, else a path of :nth-child steps from
// the nearest ancestor with a unique id, or from html.
func (p *Page) Selector(e *Element) string {
	var steps []string
	for a := e; a != nil; a = a.Parent {
		if id := attrVal(a.Node, "id"); id != "" && p.idCount[id] == 1 {
			steps = append(steps, "#"+cssIdent(id))
			break
		}
		if len(steps) >= maxSelectorSteps {
			p.Limited = true
			break
		}
		if a.Parent == nil {
			steps = append(steps, tagSel(a.Node))
			if a.Node.Parent != nil && a.Node.Parent.Type == html.DocumentNode {
				steps[len(steps)-1] = ":root"
				if tagSel(a.Node) == "html" {
					steps[len(steps)-1] = "html"
				}
			}
			break
		}
		steps = append(steps, tagSel(a.Node)+":nth-child("+strconv.Itoa(childIndex(a.Node))+")")
	}
	var b strings.Builder
	for i := len(steps) - 1; i >= 0; i-- {
		b.WriteString(steps[i])
		if i > 0 {
			b.WriteString(" > ")
		}
	}
	return b.String()
}

// childIndex is the 1-based position of n among its parent's element
// children.
func childIndex(n *html.Node) int {
	i := 1
	for c := n.PrevSibling; c != nil; c = c.PrevSibling {
		if c.Type == html.ElementNode {
			i++
		}
	}
	return i
}

// tagSel is the type selector of an element, or * when its name is not a
// plain lower-case identifier.
func tagSel(n *html.Node) string {
	for i := 0; i < len(n.Data); i++ {
		c := n.Data[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' && i > 0 || c == '-' && i > 0) {
			return "*"
		}
	}
	if n.Data == "" {
		return "*"
	}
	return n.Data
}

// cssIdent escapes s as a CSS identifier, as CSS.escape does.
func cssIdent(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == 0:
			b.WriteString("\ufffd")
		case r < 0x20 || r == 0x7f, i == 0 && r >= '0' && r <= '9',
			i == 1 && r >= '0' && r <= '9' && s[0] == '-':
			b.WriteString("\\" + strconv.FormatInt(int64(r), 16) + " ")
		case i == 0 && r == '-' && len(s) == 1:
			b.WriteString("\\-")
		case r >= 0x80 || r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			b.WriteRune(r)
		default:
			b.WriteByte('\\')
			b.WriteRune(r)
		}
	}
	return b.String()
}

var snippetEscaper = strings.NewReplacer(`"`, "&quot;", "\n", " ", "\r", " ", "\t", " ")

// maxAttrSnippet bounds each attribute value in a snippet.
const maxAttrSnippet = 80

// Snippet returns the element's opening tag, with long attribute values
// cut, truncated to MaxSnippet bytes (ending in "…" when cut).
func Snippet(n *html.Node) string {
	var b strings.Builder
	b.WriteByte('<')
	b.WriteString(n.Data)
	for _, a := range n.Attr {
		if b.Len() > MaxSnippet {
			break
		}
		b.WriteByte(' ')
		if a.Namespace != "" {
			b.WriteString(a.Namespace + ":")
		}
		b.WriteString(truncate(a.Key, maxAttrSnippet))
		b.WriteString(`="`)
		v := truncate(a.Val, maxAttrSnippet)
		b.WriteString(snippetEscaper.Replace(v))
		b.WriteByte('"')
	}
	b.WriteByte('>')
	return truncate(b.String(), MaxSnippet)
}

// truncate cuts s to at most max bytes at a rune boundary, marking the cut
// with "…".
func truncate(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
