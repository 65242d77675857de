package simweb

import (
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// resultsPerPage is how many results a search page lists.
const resultsPerPage = 20

// stopWords are the words a search ignores.
var stopWords = map[string]bool{
	"a": true, "an": true, "and": true, "are": true, "as": true, "at": true, "be": true, "by": true, "can": true,
	"do": true, "for": true, "from": true, "how": true, "i": true, "if": true, "in": true, "into": true, "is": true,
	"it": true, "its": true, "me": true, "my": true, "of": true, "on": true, "or": true, "our": true, "the": true,
	"this": true, "to": true, "us": true, "was": true, "we": true, "what": true, "when": true, "where": true,
	"which": true, "who": true, "why": true, "with": true, "you": true, "your": true,
}

// searchWords returns the distinct words of a text as a search knows
// them, in order: lower-cased, without apostrophes, split at anything but
// a letter or a digit (so "fly-tipping" is "fly tipping"), plurals folded
// ("libraries" is "library", "bins" is "bin"), stop words left out.
func searchWords(text string) []string {
	text = strings.NewReplacer("'", "", "’", "").Replace(strings.ToLower(text))
	var out []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if stopWords[w] {
			continue
		}
		if w = foldPlural(w); !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// foldPlural returns the singular of a plural word: -ies to -y, and a
// final -s dropped, except from short words and those in -ss or -us
// ("bus", "business", "status").
func foldPlural(w string) string {
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us"):
		return w[:len(w)-1]
	}
	return w
}

// searchIndex is a site's search engine: the pages it finds, each with
// the words it knows the page by and the weight it gives the page.
type searchIndex struct {
	s       *site
	entries []indexEntry
}

// indexEntry is one page of a search index.
type indexEntry struct {
	page  int
	words []string // searchWords of the title, and of a task page's keywords
	// boost orders pages that match as many words of a query: the engine
	// promotes the service pages (the "best bets" of real engines).
	boost  int
	length int // the number of words of the title: shorter titles match better
}

// newIndex returns the site's search index: its English HTML pages and
// PDFs that answer 200 (buried and sitemap-only pages too, as a site's own
// search finds them), without the search page, redirects and broken links.
func (s *site) newIndex() *searchIndex {
	ix := &searchIndex{s: s}
	for i, p := range s.pages {
		if p.lang != "en" || p.status != 200 || p.redirect >= 0 || p.broken || p.kind == PageSearch {
			continue
		}
		e := indexEntry{page: i, words: searchWords(p.title)}
		e.length = len(e.words)
		switch p.kind {
		case PageTask:
			def := s.tasks[p.task].def
			e.words = searchWords(strings.Join(append(slices.Clone(def.titles), p.title, def.query, def.keywords), " "))
			e.boost = 2
		case PageLanding:
			e.boost = 1
		}
		ix.entries = append(ix.entries, e)
	}
	return ix
}

// search returns the pages matching a query, best first: by how many of
// the query's words they have, then by boost, then shorter titles first,
// then by path.
func (ix *searchIndex) search(query string) []int {
	words := searchWords(query)
	type hit struct {
		e *indexEntry
		n int
	}
	var hits []hit
	for k := range ix.entries {
		e := &ix.entries[k]
		n := 0
		for _, w := range words {
			if slices.Contains(e.words, w) {
				n++
			}
		}
		if n > 0 {
			hits = append(hits, hit{e, n})
		}
	}
	sort.Slice(hits, func(a, b int) bool {
		x, y := hits[a], hits[b]
		switch {
		case x.n != y.n:
			return x.n > y.n
		case x.e.boost != y.e.boost:
			return x.e.boost > y.e.boost
		case x.e.length != y.e.length:
			return x.e.length < y.e.length
		}
		return ix.s.pages[x.e.page].path < ix.s.pages[y.e.page].path
	})
	out := make([]int, len(hits))
	for k, h := range hits {
		out[k] = h.e.page
	}
	return out
}

// rank returns the 1-based rank of page i among the results of a query,
// or 0 when it is not among them.
func (ix *searchIndex) rank(query string, i int) int {
	return slices.Index(ix.search(query), i) + 1
}

// searchRank returns the task's SearchRank: its page's rank for its query.
func (s *site) searchRank(t *siteTask) int {
	if !t.present {
		return 0
	}
	return s.index.rank(t.def.query, t.page)
}

// searchAsk is a search asked of a results page: the words typed and
// which page of results (from 1).
type searchAsk struct {
	q    string
	page int
}

// askOf returns the search a request asks: its q and page parameters.
func askOf(r *http.Request) *searchAsk {
	get := r.URL.Query().Get
	a := &searchAsk{q: strings.TrimSpace(get("q")), page: 1}
	if n, err := strconv.Atoi(get("page")); err == nil && n > 1 {
		a.page = min(n, 1000)
	}
	return a
}
