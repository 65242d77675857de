package scoring

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"github.com/councilbench/councilbench/charset"
	"golang.org/x/net/html"
)

// Position is where an element's start tag begins in a page's source:
// 1-based line and column, the column counted in characters. The zero
// Position means not known.
type Position struct {
	Line, Column int
}

// Known reports whether the position was found.
func (p Position) Known() bool { return p.Line > 0 }

// maxLocateTags bounds the start tags Locate reads, so that a hostile page
// costs bounded memory.
const maxLocateTags = 1 << 20

// Locate returns the source position of the element that each evidence
// selector matches in the page, decoded as the scorer decodes it. The
// parse tree keeps no offsets, so each element is matched to a start tag
// of the source: the k-th element of the tree with a given name and
// attributes is the k-th such start tag, when the source has exactly as
// many as the tree. Where it has not (elements the parser made up, like
// an implied <tbody>, or formatting tags it cloned), and for a selector
// that matches no single element, the position is left unknown rather
// than guessed.
func Locate(body []byte, contentType string, selectors []string) []Position {
	out := make([]Position, len(selectors))
	if len(selectors) == 0 {
		return out
	}
	text, _ := charset.Decode(body, contentType)
	root, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		return out
	}
	// The start tags of the source by signature, with their offsets.
	source := map[string][]int{}
	z := html.NewTokenizer(bytes.NewReader(text))
	off, n := 0, 0
	for n < maxLocateTags {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := len(z.Raw())
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			t := z.Token()
			source[signature(t.Data, t.Attr)] = append(source[signature(t.Data, t.Attr)], off)
			n++
		}
		off += raw
	}
	// The tree's elements by the same signature, in document order.
	tree := map[string][]*html.Node{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				k := signature(c.Data, c.Attr)
				tree[k] = append(tree[k], c)
			}
			walk(c)
		}
	}
	walk(root)
	doc := goquery.NewDocumentFromNode(root)
	for i, sel := range selectors {
		m, err := cascadia.Compile(sel)
		if err != nil {
			continue
		}
		found := doc.FindMatcher(m)
		if found.Length() != 1 {
			continue
		}
		e := found.Get(0)
		k := signature(e.Data, e.Attr)
		offs, nodes := source[k], tree[k]
		if len(offs) != len(nodes) {
			continue
		}
		for j, c := range nodes {
			if c == e {
				out[i] = position(text, offs[j])
				break
			}
		}
	}
	return out
}

// signature is an element's lower-case name and its attributes, the first
// of each name as the parser keeps them, in the source's order.
func signature(name string, attrs []html.Attribute) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(name))
	seen := map[string]bool{}
	for _, a := range attrs {
		k := strings.ToLower(a.Key)
		if a.Namespace != "" {
			k = a.Namespace + ":" + k
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		b.WriteByte(0)
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(a.Val)
	}
	return b.String()
}

// position turns a byte offset of text into a line and column.
func position(text []byte, off int) Position {
	before := text[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return Position{Line: line, Column: utf8.RuneCount(before[start:]) + 1}
}
