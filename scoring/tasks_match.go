package scoring

import (
	"net/url"
	"strings"
	"unicode"
)

// Link texts, page titles and URLs are matched against the catalogue's
// patterns as sequences of words.
//
// A pattern is one or more parts joined by "+", every one of which must
// occur in the text ("pay + council tax" matches "Pay your council tax
// online"). A part is one phrase or several separated by "|" ("bin|collection
// + day"). A part that starts with "~" may instead occur in the page's
// context: the rest of its URL (the other path segments and the host name)
// and the titles of the service pages that link to it, so that "Sut i dalu"
// under /treth-y-cyngor/ is the council tax payment page ("talu + ~treth y
// cyngor"). A leading "=" asks for the whole text to be the phrase
// ("=councillors").
//
// Words are compared lower-cased, with Welsh circumflexes and acute accents
// folded and apostrophes dropped ("i'ch" is "ich"). A word of an English
// pattern also matches its inflections: plurals, -ing, -ed, -al, -ion and
// -ment forms ("renew" matches "renewing" and "renewal", "pay" matches
// "payment", "tip" matches "tipping"). A word of a Welsh pattern matches its
// plural in -s or -es (other Welsh plurals are listed in the catalogue) and
// every initial mutation of it (see mutations), so "talu" matches "dalu" in
// "Sut i dalu". Hyphens, slashes and other punctuation separate words.

// part is one "+"-separated part of a pattern.
type part struct {
	alts [][]word // alternative phrases, each a sequence of words
	ctx  bool     // may be found in the context instead
}

// word is one word of a phrase: the forms it may take.
type word struct {
	forms   []string
	english bool // matches English inflections; otherwise only -s and -es
	// For an English word, its stem without a final "e" ("reserv") and
	// with its final consonant doubled ("tipp"), or "" when it has none.
	dropE, doubled string
}

// englishWord returns an English pattern word.
func englishWord(w string) word {
	ew := word{forms: []string{w}, english: true}
	if n := len(w); n >= 3 {
		if w[n-1] == 'e' {
			ew.dropE = w[:n-1]
		} else if !isVowel(w[n-1]) {
			ew.doubled = w + w[n-1:]
		}
	}
	return ew
}

// pattern is a compiled link-text or URL pattern.
type pattern struct {
	src   string
	parts []part
	exact bool
}

// compilePattern compiles one English pattern of the catalogue's syntax.
func compilePattern(src string) pattern { return compileLang(src, false) }

// compileWelsh compiles a Welsh pattern: its words also match their
// mutated forms.
func compileWelsh(src string) pattern { return compileLang(src, true) }

func compileLang(src string, welsh bool) pattern {
	p := pattern{src: src}
	s := strings.TrimSpace(src)
	if strings.HasPrefix(s, "=") {
		p.exact, s = true, s[1:]
	}
	for _, raw := range strings.Split(s, "+") {
		var pt part
		raw = strings.TrimSpace(raw)
		if strings.HasPrefix(raw, "~") {
			pt.ctx, raw = true, raw[1:]
		}
		for _, alt := range strings.Split(raw, "|") {
			var ph []word
			for _, w := range words(alt) {
				if welsh {
					ph = append(ph, word{forms: mutations(w)})
				} else {
					ph = append(ph, englishWord(w))
				}
			}
			if len(ph) > 0 {
				pt.alts = append(pt.alts, ph)
			}
		}
		if len(pt.alts) > 0 {
			p.parts = append(p.parts, pt)
		}
	}
	return p
}

// match reports whether the words ws match the pattern, every part in ws.
func (p *pattern) match(ws []string) bool {
	ok, _ := p.matchIn(ws, nil)
	return ok
}

// matchIn reports whether the words ws match the pattern, the parts that
// allow it in the context words cx instead, and whether the context was
// needed.
func (p *pattern) matchIn(ws, cx []string) (ok, usedCtx bool) {
	if len(p.parts) == 0 || len(ws) == 0 {
		return false, false
	}
	if p.exact {
		for _, ph := range p.parts[0].alts {
			if len(p.parts) == 1 && len(ws) == len(ph) && phraseAt(ws, ph, 0) {
				return true, false
			}
		}
		return false, false
	}
	for _, pt := range p.parts {
		if pt.in(ws) {
			continue
		}
		if pt.ctx && pt.in(cx) {
			usedCtx = true
			continue
		}
		return false, false
	}
	return true, usedCtx
}

// in reports whether one of the part's phrases occurs in ws.
func (pt *part) in(ws []string) bool {
	for _, ph := range pt.alts {
		if containsPhrase(ws, ph) {
			return true
		}
	}
	return false
}

// containsPhrase reports whether the phrase occurs in ws.
func containsPhrase(ws []string, ph []word) bool {
	for i := 0; i+len(ph) <= len(ws); i++ {
		if phraseAt(ws, ph, i) {
			return true
		}
	}
	return false
}

// phraseAt reports whether the phrase occurs in ws at index i.
func phraseAt(ws []string, ph []word, i int) bool {
	for k := range ph {
		if !ph[k].is(ws[i+k]) {
			return false
		}
	}
	return true
}

// is reports whether the text word t is one of the word's forms or an
// inflection of one.
func (w *word) is(t string) bool {
	if w.english {
		return inflects(t, w)
	}
	for _, f := range w.forms {
		if pluralOf(t, f) {
			return true
		}
	}
	return false
}

// pluralOf reports whether t is w or w with -s or -es.
func pluralOf(t, w string) bool {
	if len(t) < len(w) || t[:len(w)] != w {
		return false
	}
	switch t[len(w):] {
	case "", "s", "es":
		return true
	}
	return false
}

// englishSuffixes are the endings an English pattern word may take.
var englishSuffixes = []string{"s", "es", "ing", "ings", "ed", "al", "als", "ion", "ions", "ment", "ments"}

// isEnglishSuffix reports whether s is "" or one of englishSuffixes.
func isEnglishSuffix(s string) bool {
	if s == "" {
		return true
	}
	for _, x := range englishSuffixes {
		if s == x {
			return true
		}
	}
	return false
}

// inflects reports whether t is the English word w or one of its
// inflections: w and a suffix, with a final "e" dropped ("reserve",
// "reserving") or a final consonant doubled ("tip", "tipping").
func inflects(t string, w *word) bool {
	f := w.forms[0]
	if len(t) == 0 || len(f) == 0 || t[0] != f[0] {
		return false
	}
	if len(t) >= len(f) && t[:len(f)] == f && isEnglishSuffix(t[len(f):]) {
		return true
	}
	if e := w.dropE; e != "" && len(t) > len(e) && t[:len(e)] == e {
		switch t[len(e):] {
		case "ing", "ion", "ions", "al":
			return true
		}
	}
	if d := w.doubled; d != "" && len(t) > len(d) && t[:len(d)] == d {
		switch t[len(d):] {
		case "ing", "ed", "er", "ers":
			return true
		}
	}
	return false
}

func isVowel(b byte) bool { return strings.IndexByte("aeiouwy", b) >= 0 }

// mutations returns a Welsh word and its initially mutated forms. Welsh
// changes the first consonant of a word after certain words:
//
//	soft:     p→b  t→d  c→g  b→f  d→dd  g→(dropped)  m→f  ll→l  rh→r
//	nasal:    p→mh t→nh c→ngh b→m d→n  g→ng
//	aspirate: p→ph t→th c→ch
//
// so "talu" (to pay) is "dalu" in "Sut i dalu" and "bathodyn" (badge) is
// "fathodyn" in "Gwneud cais am Fathodyn Glas". Digraphs that do not mutate
// (ch, ph, th, dd, ff, ng) are left alone.
func mutations(w string) []string {
	forms := []string{w}
	add := func(heads ...string) {
		for _, h := range heads {
			forms = append(forms, h)
		}
	}
	for _, d := range []string{"ch", "ph", "th", "dd", "ff", "ng"} {
		if strings.HasPrefix(w, d) {
			return forms
		}
	}
	switch {
	case strings.HasPrefix(w, "ll"):
		add("l" + w[2:])
	case strings.HasPrefix(w, "rh"):
		add("r" + w[2:])
	case w == "":
	default:
		rest := w[1:]
		switch w[0] {
		case 'p':
			add("b"+rest, "mh"+rest, "ph"+rest)
		case 't':
			add("d"+rest, "nh"+rest, "th"+rest)
		case 'c':
			add("g"+rest, "ngh"+rest, "ch"+rest)
		case 'b':
			add("f"+rest, "m"+rest)
		case 'd':
			add("dd"+rest, "n"+rest)
		case 'g':
			if rest != "" {
				add(rest)
			}
			add("ng" + rest)
		case 'm':
			add("f" + rest)
		}
	}
	return forms
}

// patterns is a compiled list of patterns.
type patterns []pattern

// compilePatterns compiles a list of English patterns.
func compilePatterns(srcs []string) patterns {
	out := make(patterns, 0, len(srcs))
	for _, s := range srcs {
		out = append(out, compilePattern(s))
	}
	return out
}

// compileWelshPatterns compiles a list of Welsh patterns.
func compileWelshPatterns(srcs []string) patterns {
	out := make(patterns, 0, len(srcs))
	for _, s := range srcs {
		out = append(out, compileWelsh(s))
	}
	return out
}

// match returns the first pattern the words match, or nil.
func (ps patterns) match(ws []string) *pattern {
	p, _ := ps.matchIn(ws, nil)
	return p
}

// matchIn returns the first pattern the words match, allowing its "~"
// parts in the context cx, and whether that needed the context. A match
// without the context is preferred.
func (ps patterns) matchIn(ws, cx []string) (*pattern, bool) {
	if len(ws) == 0 {
		return nil, false
	}
	var viaCtx *pattern
	for i := range ps {
		ok, used := ps[i].matchIn(ws, cx)
		switch {
		case ok && !used:
			return &ps[i], false
		case ok && viaCtx == nil:
			viaCtx = &ps[i]
		}
	}
	return viaCtx, viaCtx != nil
}

// maxMatchWords bounds the words of a text that patterns look at, so that a
// hostile link text costs little.
const maxMatchWords = 64

// words splits a text into lower-case words (see the comment at the top of
// this file).
func words(s string) []string { return splitWords(s, false) }

// splitWords splits a text into words; with camel, a lower-case letter
// followed by an upper-case one also separates words, as in the URL
// segments "MissedBin" and "potholeFAQs".
func splitWords(s string, camel bool) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	prevLower := false
	for _, r := range s {
		switch {
		case r == '\'' || r == '’':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if camel && prevLower && unicode.IsUpper(r) {
				flush()
				if len(out) >= maxMatchWords {
					return out
				}
			}
			prevLower = unicode.IsLower(r)
			b.WriteRune(fold(unicode.ToLower(r)))
		default:
			prevLower = false
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

// pageURL is what a URL says about the page it names: the words of its
// name (the last path segment that names anything) and of its context (the
// other path segments and the host name), and its language.
type pageURL struct {
	name, ctx []string
	welsh     bool   // a cy. host, a /cy/ segment or a lang=cy query
	mask      uint32 // the tasks whose words the name holds (taskMask)
}

// words returns all the URL's words: its name, then its context.
func (pu pageURL) words() []string { return append(append([]string{}, pu.name...), pu.ctx...) }

// fileExts are the file name extensions of pages, dropped from a URL's
// segments.
var fileExts = map[string]bool{"aspx": true, "asp": true, "html": true, "htm": true, "php": true, "jsp": true, "cfm": true,
	"shtml": true, "eb": true, "do": true, "action": true, "xhtml": true, "exe": true}

// genericSegments are path segments that name no page: CMS file names
// ("default.aspx", "index.php", SharePoint's "Pages"), language codes and
// the like. The segment before them names the page.
var genericSegments = map[string]bool{"default": true, "index": true, "home": true, "pages": true, "page": true, "w": true,
	"en": true, "cy": true, "eng": true, "cym": true, "en gb": true, "cy gb": true, "content": true, "info": true, "article": true,
	"articles": true, "site": true, "web": true, "main": true, "view": true, "display": true, "webpage": true,
	"cgi bin": true, "form": true, "forms": true, "xfp": true, "services": true, "service": true, "residents": true,
	"resident": true, "preswylydd": true, "preswylwyr": true, "cartref": true, "trigolion": true, "en us": true,
	// The sort order of a list names no page: /councillors/name.
	"name": true, "names": true, "alphabetical": true, "a z": true, "az": true, "list": true, "all": true}

// hostNoise are host name labels that say nothing about a page.
var hostNoise = map[string]bool{"www": true, "www1": true, "www2": true, "www3": true, "gov": true, "uk": true, "org": true,
	"co": true, "com": true, "net": true, "cymru": true, "llyw": true, "wales": true, "scot": true, "new": true, "beta": true}

// parseURL reads a URL's words. Numeric segments and segments that are
// only an id ("page_101375", "Q007") or a generic CMS file name are
// skipped, so "/info/20177/homechoice/257/housing_register" is named
// "housing register" and "/fly-tipping/2" "fly tipping"; the query's
// values of words name the page when its last segment is a generic file
// name ("/cpapps/index.cfm?fa=wastecalendar").
// Glued words are separated where the catalogue's vocabulary can split
// them ("checkyourbinday", "Diwrnodcasglubiniau").
func parseURL(raw string) pageURL {
	var pu pageURL
	u, err := url.Parse(raw)
	if err != nil {
		return pu
	}
	host := strings.ToLower(u.Hostname())
	pu.welsh = strings.HasPrefix(host, "cy.")
	if l := strings.ToLower(u.Query().Get("lang")); strings.HasPrefix(l, "cy") {
		pu.welsh = true
	}
	var segs [][]string
	lastGeneric := false
	for _, seg := range strings.Split(u.Path, "/") {
		if s, err := url.PathUnescape(seg); err == nil {
			seg = s
		}
		if i := strings.LastIndexByte(seg, '.'); i > 0 && fileExts[strings.ToLower(seg[i+1:])] {
			seg = seg[:i]
		}
		ws := splitWords(seg, true)
		if len(ws) == 0 {
			continue
		}
		key := strings.Join(ws, " ")
		if key == "cy" || key == "cym" || key == "cy gb" {
			pu.welsh = true
		}
		if genericSegments[key] || isID(ws) {
			lastGeneric = true
			continue
		}
		lastGeneric = false
		segs = append(segs, segmentAll(ws, false))
	}
	if len(segs) == 0 || lastGeneric && u.RawQuery != "" {
		for k, vs := range u.Query() {
			if strings.EqualFold(k, "lang") || strings.EqualFold(k, "language") {
				continue
			}
			for _, v := range vs {
				if ws := splitWords(v, true); len(ws) > 0 && !isID(ws) && len(strings.Join(ws, "")) >= 4 && !strings.Contains(v, "/") {
					segs = append(segs, segmentAll(ws, false))
				}
			}
		}
	}
	if len(segs) > 0 {
		pu.name = segs[len(segs)-1]
		for _, s := range segs[:len(segs)-1] {
			pu.ctx = append(pu.ctx, s...)
		}
	}
	for _, l := range strings.Split(host, ".") {
		if !hostNoise[l] {
			pu.ctx = append(pu.ctx, segmentAll(splitWords(l, false), true)...)
		}
	}
	pu.mask = taskMask(pu.name)
	return pu
}

// isID reports whether a segment's words are only numbers and short
// codes: "101375", "page 101375", "q007", "com55".
func isID(ws []string) bool {
	for _, w := range ws {
		letters := 0
		digits := false
		for _, r := range w {
			if unicode.IsDigit(r) {
				digits = true
			} else {
				letters++
			}
		}
		if !digits && !(w == "page" || w == "id" || w == "item" || w == "p") {
			return false
		}
		if digits && letters > 3 {
			return false
		}
	}
	return true
}

// urlWords returns the words of a URL's name (see parseURL): the part of a
// URL that names the page.
func urlWords(raw string) []string { return parseURL(raw).name }
