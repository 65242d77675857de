package scoring

import (
	"math"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Text as the rules read it: white space (HTML's and JavaScript's),
// numbers in attribute values, axe-core's sanitising, and the text an
// element shows on screen.

// htmlSpace is HTML's ASCII white space: tab, line feed, form feed,
// carriage return and space.
const htmlSpace = " \t\n\f\r"

// jsSpace reports whether r is white space to JavaScript: what \s
// matches and String.prototype.trim removes (WhiteSpace and
// LineTerminator: tab, vertical tab, form feed, space, no-break space,
// U+FEFF, the space separators of Unicode, line feed, carriage return and
// the line and paragraph separators). Go's unicode.IsSpace differs by
// U+0085, which JavaScript keeps, and U+FEFF, which it removes.
func jsSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', '\u00a0', '\u1680', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff':
		return true
	}
	return r >= '\u2000' && r <= '\u200a'
}

// collapse collapses runs of white space (Go's) to one space and trims.
func collapse(s string) string {
	if collapsed(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// collapsed reports whether s is ASCII with single spaces between words
// and none at its ends: what collapse would return unchanged.
func collapsed(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' '):
			return false
		}
	}
	return true
}

// leadingInt reads an optional sign and the decimal digits after it,
// ignoring whatever follows ("2px" is 2), as HTML's rules for parsing
// integers and JavaScript's parseInt do once they have skipped white
// space; ok is false without a digit. Digits past a value of a few
// hundred million are not read: no attribute here means anything that
// large.
func leadingInt(s string) (n int, ok bool) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	digits := 0
	for ; digits < len(s) && s[digits] >= '0' && s[digits] <= '9'; digits++ {
		if n < math.MaxInt32/10 {
			n = n*10 + int(s[digits]-'0')
		}
	}
	if digits == 0 {
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}

// parseInteger reads a number with HTML's rules for parsing integers:
// leading ASCII white space, an optional sign, digits, and whatever
// follows ignored ("2px" is 2, "0.5" is 0).
func parseInteger(s string) (int, bool) {
	return leadingInt(strings.TrimLeft(s, htmlSpace))
}

// parseNonNegInt reads a number with HTML's rules for parsing
// non-negative integers: those of parseInteger, where a negative number
// other than zero is an error.
func parseNonNegInt(s string) (int, bool) {
	n, ok := parseInteger(s)
	if !ok || n < 0 {
		return 0, false
	}
	return n, true
}

// jsParseInt reads a leading decimal integer as JavaScript's parseInt
// does (white space, an optional sign, then digits; the rest ignored).
func jsParseInt(s string) (int, bool) {
	return leadingInt(strings.TrimLeftFunc(s, jsSpace))
}

// jsParseFloat reads a leading decimal number as JavaScript's parseFloat
// does; ok is false where it would give NaN.
func jsParseFloat(s string) (float64, bool) {
	s = strings.TrimLeftFunc(s, jsSpace)
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	if strings.HasPrefix(s[i:], "Infinity") {
		if s[0] == '-' {
			return math.Inf(-1), true
		}
		return math.Inf(1), true
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0, false
	}
	end := i
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k > j {
			end = k
		}
	}
	f, _ := strconv.ParseFloat(s[:end], 64) // out of range gives ±Inf or 0, as JavaScript does
	return f, true
}

// sanitize normalises text as axe-core's sanitize does: CRLF to LF,
// no-break spaces to spaces, every run of two or more white-space
// characters to one space (a single line break stays), then trimmed.
func sanitize(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	run, first := 0, rune(0) // the white space run being read, and its first character
	flush := func() {
		switch {
		case run >= 2:
			b.WriteByte(' ')
		case run == 1:
			b.WriteRune(first)
		}
		run = 0
	}
	for _, r := range s {
		if r == '\u00a0' {
			r = ' '
		}
		if jsSpace(r) {
			if run == 0 {
				first = r
			}
			run++
			continue
		}
		flush()
		b.WriteRune(r)
	}
	flush()
	return strings.TrimFunc(b.String(), jsSpace)
}

// maxVisibleText bounds the text that visibleText gathers, and
// maxVisibleVisits the nodes it visits for one element.
const (
	maxVisibleText   = 8192
	maxVisibleVisits = 100000
)

// visibleText is the text of e's subtree that is rendered, as axe-core's
// visibleVirtual gathers it: the text nodes of the elements that are
// visible (and, for screenReader, not aria-hidden either), run together,
// a <br> as a space, then sanitized. Alternative text of images does not
// count: this is text on screen. Each element's text is gathered once per
// page: the images of one big table cell share it.
func (p *Page) visibleText(e *Element, screenReader bool) string {
	type key struct {
		e  *Element
		sr bool
	}
	memo := p.Memo("visible-text", func() any { return map[key]string{} }).(map[key]string)
	if s, ok := memo[key{e, screenReader}]; ok {
		return s
	}
	var b strings.Builder
	budget := maxVisibleVisits
	var walk func(x *Element, d int)
	walk = func(x *Element, d int) {
		if d > maxNameDepth {
			return
		}
		shown := x.visible() && (!screenReader || !x.ariaHidden)
		for c := x.Node.FirstChild; c != nil && b.Len() < maxVisibleText; c = c.NextSibling {
			if budget--; budget < 0 {
				p.Limited = true
				return
			}
			switch c.Type {
			case html.TextNode:
				if shown {
					b.WriteString(c.Data)
				}
			case html.ElementNode:
				if c.DataAtom == atom.Br && c.Namespace == "" {
					b.WriteByte(' ')
					continue
				}
				if ce := p.Elem(c); ce != nil {
					walk(ce, d+1)
				}
			}
		}
	}
	walk(e, 0)
	text := sanitize(b.String())
	memo[key{e, screenReader}] = text
	return text
}

// ariaVisibleLabel is the label that ARIA gives an element on screen
// (axe-core's labelVirtual): the visible text of the elements that its
// aria-labelledby names (the first 32), else its aria-label, sanitized.
func (p *Page) ariaVisibleLabel(e *Element) string {
	if v := attrVal(e.Node, "aria-labelledby"); strings.TrimFunc(v, jsSpace) != "" {
		var parts []string
		for i, id := range strings.Fields(v) {
			if i >= 32 {
				break
			}
			if t := p.ByID(id); t != nil {
				parts = append(parts, p.visibleText(t, false))
			} else {
				parts = append(parts, "")
			}
		}
		if s := strings.TrimFunc(strings.Join(parts, " "), jsSpace); s != "" {
			return s
		}
	}
	return sanitize(attrVal(e.Node, "aria-label"))
}
