package simweb

import (
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// resultsPerPage is how many results a search page lists.
const resultsPerPage = 20

// poorRank is where a poor search puts each task page for its query.
const poorRank = 7

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
	// boost orders pages that match as many words of a query: a good
	// engine promotes the service pages (the "best bets" of real
	// engines), a poor one its news and documents.
	boost  int
	length int // the number of words of the title: shorter titles match better
}

// newIndex returns the site's search index: its English HTML pages and
// PDFs that answer 200 (buried and sitemap-only pages too, as a site's own
// search finds them), without the search page, the task pages of a missing
// search, or redirects and broken links. nil when the site has no search.
func (s *site) newIndex() *searchIndex {
	if s.searchVariant == SearchNone {
		return nil
	}
	ix := &searchIndex{s: s}
	for i, p := range s.pages {
		switch {
		case p.lang != "en" || p.status != 200 || p.redirect >= 0 || p.broken || p.kind == PageSearch:
			continue
		case p.kind == PageTask && s.searchVariant == SearchMissing:
			continue
		}
		e := indexEntry{page: i, words: searchWords(p.title)}
		e.length = len(e.words)
		if p.kind == PageTask {
			def := s.tasks[p.task].def
			e.words = searchWords(strings.Join(append(slices.Clone(def.titles), p.title, def.query, def.keywords), " "))
		}
		switch {
		case s.searchVariant == SearchPoor && (p.kind == PageNews || p.kind == PagePDF):
			e.boost = 1
		case s.searchVariant == SearchPoor:
		case p.kind == PageTask:
			e.boost = 2
		case p.kind == PageLanding:
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

// searchRank returns the task's SearchRank: its page's rank for its query
// on the site's GET search.
func (s *site) searchRank(t *siteTask) int {
	if !t.present || s.index == nil || s.searchVariant == SearchPostOnly {
		return 0
	}
	return s.index.rank(t.def.query, t.page)
}

// searchAction returns the action of the site's search forms, as the
// forms write it: /search, or the search service's absolute URL.
func (s *site) searchAction() string {
	if s.searchVariant == SearchElsewhere {
		return "https://" + s.searchHost + "/search"
	}
	return "/search"
}

// searchMethod returns the method of the site's search forms.
func (s *site) searchMethod() string {
	if s.searchVariant == SearchPostOnly {
		return "post"
	}
	return "get"
}

// searchTruth returns the site's SearchTruth.
func (s *site) searchTruth() SearchTruth {
	st := SearchTruth{Variant: s.searchVariant}
	switch s.searchVariant {
	case SearchNone:
		return st
	case SearchElsewhere:
		st.Action = s.searchAction()
	default:
		st.Action = s.origin() + s.searchAction()
	}
	st.Method = s.searchMethod()
	return st
}

// searchAsk is a search asked of a results page: the words typed and
// which page of results (from 1).
type searchAsk struct {
	q    string
	page int
}

// askOf returns the search a request asks of the page that answers with
// results: the q and page parameters of the query string, or of the form
// for a POST.
func askOf(rw http.ResponseWriter, r *http.Request) *searchAsk {
	get := r.URL.Query().Get
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(rw, r.Body, 64<<10)
		get = r.PostFormValue
	}
	a := &searchAsk{q: strings.TrimSpace(get("q")), page: 1}
	if n, err := strconv.Atoi(get("page")); err == nil && n > 1 {
		a.page = min(n, 1000)
	}
	return a
}

// answers reports whether a request to the site's own /search gets
// results: a GET for a GET search, a POST for a post-only one; never for
// an elsewhere search, whose service answers instead.
func (s *site) answers(r *http.Request) bool {
	switch s.searchVariant {
	case SearchElsewhere:
		return false
	case SearchPostOnly:
		return r.Method == http.MethodPost
	}
	return r.Method != http.MethodPost
}

// searchServiceRobots is the robots.txt of an elsewhere search's host: it
// lets crawlers search and nothing else.
const searchServiceRobots = "User-agent: *\nAllow: /search\nDisallow: /\n"

// serveSearchService answers a request to the host of an elsewhere
// search: https only, its robots.txt, and its results at /search, on
// pages that look like the site's, their links absolute.
func (s *site) serveSearchService(rw http.ResponseWriter, r *http.Request, host string) {
	if r.TLS == nil {
		u := url.URL{Scheme: "https", Host: host, Path: r.URL.Path, RawQuery: r.URL.RawQuery}
		http.Redirect(rw, r, u.String(), http.StatusMovedPermanently)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		rw.Header().Set("Allow", "GET, HEAD")
		http.Error(rw, "Method Not Allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case "/robots.txt":
		s.write(rw, r, http.StatusOK, "text/plain; charset=utf-8", []byte(searchServiceRobots), true)
	case "/search":
		p := s.pages[s.search]
		bp := bufPool.Get().(*[]byte)
		defer bufPool.Put(bp)
		*bp = s.render((*bp)[:0], s.search, p, view{ask: askOf(rw, r), abs: true})
		s.htmlHeaders(rw.Header(), p)
		rw.Header().Set("Cache-Control", "no-cache")
		s.write(rw, r, http.StatusOK, "text/html; charset=utf-8", *bp, true)
	default:
		http.NotFound(rw, r)
	}
}

// searchServiceHost returns a host name for the search service of an
// elsewhere search that no site uses: h, like
// "adurworthing.search-service.co.uk", or h with a number after its first
// label when that is taken.
func searchServiceHost(h string, taken map[string]bool) string {
	first, rest, _ := strings.Cut(h, ".")
	for n := 2; taken[h]; n++ {
		h = first + strconv.Itoa(n) + "." + rest
	}
	return h
}

// decoys gives a poor search the six pages it ranks above each task page:
// news articles and PDFs of the task's section, alternately, whose titles
// hold the words of the task's query. Pages that already rank above the
// task count among the six. The news articles are teased on the section's
// landing page and the PDFs listed there.
func (b *builder) decoys(addPDF func(title string, section int) int) {
	s, rng := b.s, b.rng
	for _, t := range s.tasks {
		if !t.present {
			continue
		}
		need := poorRank - s.newIndex().rank(t.def.query, t.page)
		si := s.pages[t.page].section
		landing := s.pages[s.sections[si].landing]
		for k := 0; k < need; k++ {
			if k%2 == 0 && k/2 < len(t.def.decoyNews) {
				title := t.def.decoyNews[k/2]
				p := newPage("/news/"+slugify(title), PageNews, title)
				p.parent, p.section, p.age = s.news[0], si, 1+rng.IntN(60)
				i := s.add(p)
				p.links = append(p.links, anchor{to: s.news[0], role: aInline, text: "Back to news"},
					anchor{to: s.sections[si].landing, role: aInline, text: s.sections[si].title})
				landing.links = append(landing.links, anchor{to: i, role: aNews, text: title})
			} else if k/2 < len(t.def.decoyDocs) {
				d := addPDF(t.def.decoyDocs[k/2], si)
				landing.links = append(landing.links, anchor{to: d, role: aDoc, text: s.pages[d].title})
			}
		}
	}
}
