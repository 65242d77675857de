package css

import (
	"bytes"
	"net/url"
	"strings"

	"github.com/tdewolff/parse/v2"
	tcss "github.com/tdewolff/parse/v2/css"
)

// Import is one @import rule of a stylesheet.
type Import struct {
	URL   string // absolute, resolved against the sheet's final URL
	Media string // its media query list, "" for all
}

// maxImports bounds the @import rules read from one stylesheet.
const maxImports = 64

// Imports returns the @import rules of a stylesheet whose final URL is
// base, in order, as a browser reads them: only before the first other
// rule (after @charset and @layer statements), and only those whose
// media apply to Viewport. A URL that does not resolve to http(s) is left
// out.
func Imports(body []byte, base string) []Import {
	b, err := url.Parse(base)
	if err != nil {
		return nil
	}
	p := tcss.NewParser(input(body), false)
	var out []Import
	for len(out) < maxImports {
		gt, _, data := p.Next()
		switch gt {
		case tcss.ErrorGrammar:
			return out // the end, or an error: what was read stands
		case tcss.CommentGrammar:
			continue
		case tcss.AtRuleGrammar:
			switch strings.ToLower(string(data)) {
			case "@charset", "@layer":
				continue
			case "@import":
				imp, ok := readImport(p.Values(), b)
				if ok && MediaApplies(imp.Media) {
					out = append(out, imp)
				}
				continue
			}
		}
		return out
	}
	return out
}

// readImport reads an @import's prelude: a string or url(), then an
// optional layer(), supports() and media list.
func readImport(vals []tcss.Token, base *url.URL) (Import, bool) {
	i := 0
	for i < len(vals) && vals[i].TokenType == tcss.WhitespaceToken {
		i++
	}
	if i >= len(vals) {
		return Import{}, false
	}
	var raw string
	switch t := vals[i]; t.TokenType {
	case tcss.StringToken:
		raw = unquote(string(t.Data))
	case tcss.URLToken:
		raw = urlArg(string(t.Data))
	case tcss.FunctionToken: // url( "x" ) is lexed as a function with a string inside
		if !strings.EqualFold(string(t.Data), "url(") || i+1 >= len(vals) {
			return Import{}, false
		}
		for i++; i < len(vals) && vals[i].TokenType == tcss.WhitespaceToken; i++ {
		}
		if i >= len(vals) || vals[i].TokenType != tcss.StringToken {
			return Import{}, false
		}
		raw = unquote(string(vals[i].Data))
		for i++; i < len(vals) && vals[i].TokenType != tcss.RightParenthesisToken; i++ {
		}
	default:
		return Import{}, false
	}
	u, err := base.Parse(strings.TrimSpace(raw))
	// http(s), or a local file's import of a local file (check FILE).
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") && !(u.Scheme == "file" && base.Scheme == "file") {
		return Import{}, false
	}
	u.Fragment = ""
	var media bytes.Buffer
	for _, t := range vals[i+1:] {
		media.Write(t.Data)
	}
	m := strings.TrimSpace(media.String())
	// layer(...) and supports(...) come before the media list: a layer
	// changes no outcome here; a supports() condition is read
	// conservatively, as everything else that is supported.
	for {
		lower := strings.ToLower(m)
		if strings.HasPrefix(lower, "layer") {
			m = strings.TrimSpace(skipCall(m[len("layer"):]))
			continue
		}
		if strings.HasPrefix(lower, "supports(") {
			m = strings.TrimSpace(skipCall(m[len("supports"):]))
			continue
		}
		break
	}
	return Import{URL: u.String(), Media: m}, true
}

// skipCall skips a parenthesised argument list at the start of s, if any.
func skipCall(s string) string {
	if !strings.HasPrefix(s, "(") {
		return s
	}
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return s[i+1:]
			}
		}
	}
	return ""
}

// unquote strips a CSS string's quotes and its simple escapes.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') {
		q := s[0]
		s = s[1:]
		if s[len(s)-1] == q {
			s = s[:len(s)-1]
		}
	}
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// urlArg returns the argument of a url(...) token.
func urlArg(tok string) string {
	s := tok
	if i := strings.IndexByte(s, '('); i >= 0 {
		s = s[i+1:]
	}
	s = strings.TrimSuffix(strings.TrimSpace(s), ")")
	return unquote(strings.TrimSpace(s))
}

// input wraps a body for the tokenizer, which appends a NUL sentinel:
// on a copy, so that a body shared with other goroutines is never
// written.
func input(body []byte) *parse.Input {
	if len(body) > MaxSheetBytes {
		body = body[:MaxSheetBytes]
	}
	b := make([]byte, len(body), len(body)+1)
	copy(b, body)
	return parse.NewInputBytes(b)
}

// mustParse parses a base URL, or returns an empty one.
func mustParse(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		return &url.URL{}
	}
	return u
}
