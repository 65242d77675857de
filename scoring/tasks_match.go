package scoring

import (
	"net/url"
	"path"
	"strings"
	"unicode"
)

// Link texts, page titles and URLs are matched against the catalogue's
// patterns as sequences of words. A pattern is one or more phrases joined
// by "+", every one of which must occur in the text ("pay + council tax"
// matches "Pay your council tax online"); a leading "=" asks for the whole
// text to be the phrase ("=councillors"). Words are compared lower-cased,
// with Welsh circumflexes and acute accents folded and apostrophes dropped
// ("i'ch" is "ich"), and a word of a pattern also matches its plural in
// -s or -es. Hyphens, slashes and other punctuation separate words, so
// "fly-tipping" is two words, as is the URL segment "fly-tipping".

// pattern is a compiled link-text or URL pattern.
type pattern struct {
	src     string
	phrases [][]string
	exact   bool
}

// compilePattern compiles one pattern of the catalogue's syntax.
func compilePattern(src string) pattern {
	p := pattern{src: src}
	s := strings.TrimSpace(src)
	if strings.HasPrefix(s, "=") {
		p.exact, s = true, s[1:]
	}
	for _, part := range strings.Split(s, "+") {
		if ws := words(part); len(ws) > 0 {
			p.phrases = append(p.phrases, ws)
		}
	}
	return p
}

// match reports whether the words ws match the pattern.
func (p *pattern) match(ws []string) bool {
	if len(p.phrases) == 0 {
		return false
	}
	if p.exact {
		return len(p.phrases) == 1 && len(ws) == len(p.phrases[0]) && phraseAt(ws, p.phrases[0], 0)
	}
	for _, ph := range p.phrases {
		if !containsPhrase(ws, ph) {
			return false
		}
	}
	return true
}

// containsPhrase reports whether the phrase occurs in ws.
func containsPhrase(ws, ph []string) bool {
	for i := 0; i+len(ph) <= len(ws); i++ {
		if phraseAt(ws, ph, i) {
			return true
		}
	}
	return false
}

// phraseAt reports whether the phrase occurs in ws at index i.
func phraseAt(ws, ph []string, i int) bool {
	for k, w := range ph {
		if !wordIs(ws[i+k], w) {
			return false
		}
	}
	return true
}

// wordIs reports whether the word t of a text is the pattern word w or its
// plural.
func wordIs(t, w string) bool {
	if !strings.HasPrefix(t, w) {
		return false
	}
	switch t[len(w):] {
	case "", "s", "es":
		return true
	}
	return false
}

// patterns is a compiled list of patterns.
type patterns []pattern

// compilePatterns compiles a list of patterns.
func compilePatterns(srcs []string) patterns {
	out := make(patterns, 0, len(srcs))
	for _, s := range srcs {
		out = append(out, compilePattern(s))
	}
	return out
}

// match returns the first pattern the words match, or nil.
func (ps patterns) match(ws []string) *pattern {
	if len(ws) == 0 {
		return nil
	}
	for i := range ps {
		if ps[i].match(ws) {
			return &ps[i]
		}
	}
	return nil
}

// maxMatchWords bounds the words of a text that patterns look at, so that a
// hostile link text costs little.
const maxMatchWords = 64

// words splits a text into lower-case words (see the comment at the top of
// this file).
func words(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r == '\'' || r == '’':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(fold(unicode.ToLower(r)))
		default:
			flush()
			if len(out) >= maxMatchWords {
				return out
			}
		}
	}
	flush()
	return out
}

// fold removes the accents of Welsh (and French) vowels.
func fold(r rune) rune {
	switch r {
	case 'â', 'á', 'à', 'ä':
		return 'a'
	case 'ê', 'é', 'è', 'ë':
		return 'e'
	case 'î', 'í', 'ì', 'ï':
		return 'i'
	case 'ô', 'ó', 'ò', 'ö':
		return 'o'
	case 'û', 'ú', 'ù', 'ü':
		return 'u'
	case 'ŵ', 'ẃ', 'ẁ', 'ẅ':
		return 'w'
	case 'ŷ', 'ý', 'ỳ', 'ÿ':
		return 'y'
	}
	return r
}

// urlWords returns the words of a URL's last non-empty path segment,
// without a file extension such as .aspx or .html: the part of a URL that
// names the page.
func urlWords(raw string) []string {
	p := raw
	if u, err := url.Parse(raw); err == nil {
		p = u.Path
	}
	p = strings.TrimRight(p, "/")
	seg := path.Base(p)
	if seg == "." || seg == "/" {
		return nil
	}
	if i := strings.LastIndexByte(seg, '.'); i > 0 {
		switch strings.ToLower(seg[i+1:]) {
		case "aspx", "asp", "html", "htm", "php", "jsp", "cfm", "shtml":
			seg = seg[:i]
		}
	}
	if s, err := url.PathUnescape(seg); err == nil {
		seg = s
	}
	return words(seg)
}
