package simweb

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// mainLinks returns the <a href> links inside a page's <main> element,
// resolved against base, and whether the last is a rel="next" link.
func mainLinks(body []byte, base *url.URL) (links []string, next bool) {
	z := html.NewTokenizer(bytes.NewReader(body))
	depth := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return links, next
		case html.StartTagToken:
			tok := z.Token()
			if tok.Data == "main" {
				depth++
			}
			if tok.Data != "a" || depth == 0 {
				continue
			}
			var href string
			rel := false
			for _, a := range tok.Attr {
				switch {
				case a.Key == "href":
					href = a.Val
				case a.Key == "rel" && a.Val == "next":
					rel = true
				}
			}
			if u, err := base.Parse(href); err == nil {
				links = append(links, u.String())
				next = rel
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "main" {
				depth--
			}
		}
	}
}

// form is a <form> of a page as a search detector sees it.
type form struct {
	action, method, role string
	searchInput          bool   // an input of type search
	labels               string // the text of its labels and buttons
}

// parseForms returns the forms of an HTML body.
func parseForms(body []byte) []form {
	z := html.NewTokenizer(bytes.NewReader(body))
	var out []form
	var cur *form
	text := 0 // inside a label or button of the current form
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			attr := func(k string) string {
				for _, a := range tok.Attr {
					if a.Key == k {
						return a.Val
					}
				}
				return ""
			}
			switch {
			case tok.Data == "form":
				out = append(out, form{action: attr("action"), method: attr("method"), role: attr("role")})
				cur = &out[len(out)-1]
			case cur != nil && tok.Data == "input" && attr("type") == "search":
				cur.searchInput = true
			case cur != nil && (tok.Data == "label" || tok.Data == "button"):
				text++
			}
		case html.TextToken:
			if cur != nil && text > 0 {
				cur.labels += string(z.Text()) + " "
			}
		case html.EndTagToken:
			switch name, _ := z.TagName(); string(name) {
			case "form":
				cur, text = nil, 0
			case "label", "button":
				text = max(text-1, 0)
			}
		}
	}
}

// searchOf returns the results a search URL gives (every page of them),
// as the links of each page's main content, and the status of the first
// page.
func searchOf(t *testing.T, w *Web, action, q string) (results []string, status int) {
	t.Helper()
	u := action + "?q=" + url.QueryEscape(q)
	for n := 1; ; n++ {
		rec := serve(w, u)
		if n == 1 {
			status = rec.Code
		}
		base, _ := url.Parse(u)
		links, next := mainLinks(rec.Body.Bytes(), base)
		if !next {
			return append(results, links...), status
		}
		results = append(results, links[:len(links)-1]...)
		if len(links)-1 != resultsPerPage || n == 50 {
			t.Fatalf("%s: %d results and a next link, want %d", u, len(links)-1, resultsPerPage)
		}
		if want := action + "?q=" + url.QueryEscape(q) + "&page=" + strconv.Itoa(n+1); links[len(links)-1] != want {
			t.Fatalf("%s: next link %s, want %s", u, links[len(links)-1], want)
		}
		u = links[len(links)-1]
	}
}

func TestSearchWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Pay your council tax", []string{"pay", "council", "tax"}},
		{"find my councillor", []string{"find", "councillor"}},
		{"Councillors' allowances", []string{"councillor", "allowance"}},
		{"Report fly-tipping", []string{"report", "fly", "tipping"}},
		{"Renew your library books", []string{"renew", "library", "book"}},
		{"Libraries and archives", []string{"library", "archive"}},
		{"Bus passes for the business", []string{"bus", "passe", "business"}},
		{"Bin collection days, bins", []string{"bin", "collection", "day"}},
		{"Register to vote", []string{"register", "vote"}},
		{"a to the of", nil},
		{"Children’s services", []string{"children", "service"}},
		{"Ffyrdd a thrafnidiaeth", []string{"ffyrdd", "thrafnidiaeth"}},
	} {
		if got := searchWords(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("searchWords(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestSearchCatalog checks what the ranks rely on: every task page is
// known by every word of its query, and each decoy holds every word of
// its task's query and not every word of another task's, so that it
// outranks its own task page only.
func TestSearchCatalog(t *testing.T) {
	has := func(words []string, query string) bool {
		for _, w := range searchWords(query) {
			if !slices.Contains(words, w) {
				return false
			}
		}
		return true
	}
	for _, def := range tasks {
		if def.query == "" || len(def.decoyNews)+len(def.decoyDocs) < poorRank-1 {
			t.Errorf("%s: query %q, %d decoys; want a query and %d decoys", def.id, def.query, len(def.decoyNews)+len(def.decoyDocs), poorRank-1)
		}
		if known := searchWords(strings.Join(append(slices.Clone(def.titles), def.query, def.keywords), " ")); !has(known, def.query) {
			t.Errorf("%s: the task page is not known by every word of %q", def.id, def.query)
		}
		for _, d := range append(slices.Clone(def.decoyNews), def.decoyDocs...) {
			words := searchWords(d)
			if !has(words, def.query) {
				t.Errorf("%s: decoy %q lacks words of %q", def.id, d, def.query)
			}
			for _, other := range tasks {
				if other.id != def.id && has(words, other.query) {
					t.Errorf("%s: decoy %q has every word of %s's query %q", def.id, d, other.id, other.query)
				}
			}
		}
	}
}

func TestSearchVariants(t *testing.T) {
	for _, seed := range []int64{7, 42, 2026} {
		w := mustNew(t, demoCouncils(), testOptions(seed))
		count := map[string]int{}
		for _, st := range w.Manifest().Sites {
			sr := st.Search
			count[sr.Variant]++
			if st.Good && sr.Variant != SearchGood {
				t.Errorf("seed %d: good site %s has a %s search", seed, st.Key, sr.Variant)
			}
			var wantAction, wantMethod string
			switch sr.Variant {
			case SearchNone:
			case SearchElsewhere:
				su, _ := url.Parse(sr.Action)
				wantAction, wantMethod = "https://"+su.Host+"/search", "get"
				if !strings.HasSuffix(su.Host, ".search-service.co.uk") || !slices.Contains(st.Hosts, su.Host) {
					t.Errorf("seed %d: %s: search host %s, want a host of the site under search-service.co.uk", seed, st.Key, su.Host)
				}
			case SearchPostOnly:
				wantAction, wantMethod = strings.TrimSuffix(st.CanonicalURL, mustPath(st.CanonicalURL))+"/search", "post"
			default:
				wantAction, wantMethod = strings.TrimSuffix(st.CanonicalURL, mustPath(st.CanonicalURL))+"/search", "get"
			}
			if sr.Action != wantAction || sr.Method != wantMethod {
				t.Errorf("seed %d: %s (%s): action %q %q, want %q %q", seed, st.Key, sr.Variant, sr.Action, sr.Method, wantAction, wantMethod)
			}
			if got, want := slices.Contains(st.RobotsDisallow, "/search"), sr.Variant == SearchDisallowed; got != want {
				t.Errorf("seed %d: %s (%s): robots.txt disallows /search: %v, want %v", seed, st.Key, sr.Variant, got, want)
			}
			for _, task := range st.Tasks {
				if task.SearchQuery != taskByID[task.ID].query {
					t.Errorf("seed %d: %s: %s: query %q, want %q", seed, st.Key, task.ID, task.SearchQuery, taskByID[task.ID].query)
				}
				var ok bool
				switch r := task.SearchRank; {
				case !task.Present:
					ok = r == 0
				case sr.Variant == SearchPoor:
					ok = r == poorRank
				case sr.Variant == SearchMissing || sr.Variant == SearchPostOnly || sr.Variant == SearchNone:
					ok = r == 0
				default:
					ok = r >= 1 && r <= 5
				}
				if !ok {
					t.Errorf("seed %d: %s (%s): %s (present %v) at rank %d", seed, st.Key, sr.Variant, task.ID, task.Present, task.SearchRank)
				}
			}
		}
		for _, v := range SearchVariants {
			if count[v] < 3 {
				t.Errorf("seed %d: %d sites with a %s search, want at least 3 of each: %v", seed, count[v], v, count)
			}
		}
	}
	opts := testOptions(7)
	opts.Faults = false
	for _, st := range mustNew(t, demoCouncils(), opts).Manifest().Sites {
		if st.Search.Variant != SearchGood {
			t.Errorf("faults off: %s has a %s search, want good", st.Key, st.Search.Variant)
		}
	}
	// One faulty site gets the first variant other than good.
	one := mustNew(t, demoCouncils()[2:3], testOptions(7)).Manifest().Sites[0]
	if one.Good || one.Search.Variant != SearchPoor {
		t.Errorf("one site: good %v, %s search; want faulty, poor", one.Good, one.Search.Variant)
	}
}

// mustPath returns the path of a URL.
func mustPath(raw string) string {
	u, _ := url.Parse(raw)
	return u.Path
}

// TestSearchRanksMatchServer checks the manifest's ranks against the
// results the server gives for each task's SearchQuery, counted as a
// consumer counts them: the links of the results' main content.
func TestSearchRanksMatchServer(t *testing.T) {
	t.Parallel()
	w := mustNew(t, demoCouncils(), testOptions(7))
	checked := map[string]int{}
	for _, st := range w.Manifest().Sites {
		if st.Search.Method != "get" {
			continue
		}
		for _, task := range st.Tasks {
			results, status := searchOf(t, w, st.Search.Action, task.SearchQuery)
			if status != http.StatusOK {
				t.Fatalf("%s: search %q: status %d", st.Key, task.SearchQuery, status)
			}
			got := 0
			if task.Present {
				got = slices.Index(results, task.URL) + 1
			}
			if got != task.SearchRank {
				t.Errorf("%s (%s): %s: %q gives %s at rank %d, manifest says %d", st.Key, st.Search.Variant, task.ID, task.SearchQuery, task.URL, got, task.SearchRank)
			}
			for _, r := range results {
				if !strings.HasPrefix(r, strings.TrimSuffix(st.CanonicalURL, mustPath(st.CanonicalURL))+"/") {
					t.Errorf("%s: result %s is not on the site", st.Key, r)
				}
			}
			checked[st.Search.Variant]++
		}
	}
	for _, v := range []string{SearchGood, SearchPoor, SearchMissing, SearchElsewhere, SearchDisallowed} {
		if checked[v] == 0 {
			t.Errorf("no %s search checked", v)
		}
	}
}

// TestSearchEngine checks how the engine ranks a resident's own words on
// sites whose search works: the task page in the top five.
func TestSearchEngine(t *testing.T) {
	w := mustNew(t, demoCouncils(), testOptions(11))
	queries := map[string][]string{
		TaskPayCouncilTax:       {"council tax", "pay council tax online"},
		TaskReportMissedBin:     {"missed bin collection", "bin not collected"},
		TaskBinCollectionDay:    {"bin day", "bin collection days"},
		TaskPlanningApplication: {"planning application", "comment on planning"},
		TaskApplyHousing:        {"housing register", "social housing"},
		TaskSchoolPlace:         {"school places", "school admissions"},
		TaskReportPothole:       {"pothole", "potholes"},
		TaskBlueBadge:           {"blue badges", "Blue Badge"},
		TaskRenewLibraryBook:    {"library books", "renew a library book"},
		TaskFindCouncillor:      {"councillors", "my councillor"},
		TaskReportFlyTipping:    {"fly-tipping", "report fly tipping"},
		TaskRegisterToVote:      {"electoral registration", "register to vote"},
	}
	n := 0
	for _, st := range w.Manifest().Sites {
		if v := st.Search.Variant; v != SearchGood && v != SearchElsewhere && v != SearchDisallowed {
			continue
		}
		for _, task := range st.Tasks {
			if !task.Present {
				continue
			}
			for _, q := range queries[task.ID] {
				results, _ := searchOf(t, w, st.Search.Action, q)
				if r := slices.Index(results, task.URL) + 1; r < 1 || r > 5 {
					t.Errorf("%s: %q: %s at rank %d of %d, want in the top five", st.Key, q, task.ID, r, len(results))
				}
				n++
			}
		}
	}
	if n == 0 {
		t.Fatal("no queries checked")
	}
	for _, tc := range []struct {
		q    string
		want int
	}{
		{"", 0}, {"the of and", 0}, {"xyzzy", 0},
	} {
		st := w.Manifest().Sites[0]
		for _, s := range w.Manifest().Sites {
			if s.Search.Variant == SearchGood {
				st = s
			}
		}
		if results, status := searchOf(t, w, st.Search.Action, tc.q); status != http.StatusOK || len(results) != tc.want {
			t.Errorf("%s: %q: status %d, %d results; want 200, %d", st.Key, tc.q, status, len(results), tc.want)
		}
	}
}

func TestSearchPages(t *testing.T) {
	w := mustNew(t, demoCouncils(), testOptions(7))
	var st *SiteTruth
	for i := range w.Manifest().Sites {
		if s := &w.Manifest().Sites[i]; s.Search.Variant == SearchGood {
			st = s
		}
	}
	// Any of these words matches: most pages of the site.
	const q = "council tax bins recycling waste planning housing schools roads care libraries elections parking business leisure news"
	all, _ := searchOf(t, w, st.Search.Action, q)
	if len(all) <= resultsPerPage {
		t.Fatalf("%s: %q gives %d results, want over %d to page", st.Key, q, len(all), resultsPerPage)
	}
	rec := serve(w, st.Search.Action+"?q="+url.QueryEscape(q)+"&page=2")
	base, _ := url.Parse(st.Search.Action)
	links, next := mainLinks(rec.Body.Bytes(), base)
	want := all[resultsPerPage:min(2*resultsPerPage, len(all))]
	if next {
		links = links[:len(links)-1]
	}
	if !slices.Equal(links, want) || next != (len(all) > 2*resultsPerPage) ||
		!strings.Contains(rec.Body.String(), `<ol class="search-results" start="21">`) {
		t.Errorf("page 2 of %d results: %d links (next %v), want results 21 to %d", len(all), len(links), next, 20+len(want))
	}
	// The header, navigation and footer links are outside main.
	body := rec.Body.String()
	if i, j := strings.Index(body, "<main"), strings.Index(body, `class="search-toggle"`); j < 0 || j > i {
		t.Errorf("the header's search link is not before main")
	}
}

func TestSearchPostOnly(t *testing.T) {
	w := mustNew(t, demoCouncils(), testOptions(7))
	n := 0
	for _, st := range w.Manifest().Sites {
		if st.Search.Variant != SearchPostOnly {
			continue
		}
		n++
		forms := parseForms(serve(w, st.CanonicalURL).Body.Bytes())
		searches := 0
		for _, f := range forms {
			if f.role == "search" || f.searchInput {
				searches++
				if f.method != "post" || f.action != "/search" {
					t.Errorf("%s: search form %s %s, want post /search", st.Key, f.method, f.action)
				}
			}
		}
		if searches != 2 {
			t.Errorf("%s: %d search forms on the home page, want the header's and the hero's", st.Key, searches)
		}
		task := st.Tasks[0]
		rec := serve(w, st.Search.Action+"?q="+url.QueryEscape(task.SearchQuery))
		base, _ := url.Parse(st.Search.Action)
		if links, _ := mainLinks(rec.Body.Bytes(), base); rec.Code != http.StatusOK || len(links) != 0 {
			t.Errorf("%s: GET search: %d with %d links in main, want 200 with none", st.Key, rec.Code, len(links))
		}
		// A browser's POST gets results, the task page among the first.
		req := httptest.NewRequest(http.MethodPost, st.Search.Action, strings.NewReader("q="+url.QueryEscape(task.SearchQuery)))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		post := httptest.NewRecorder()
		w.Handler().ServeHTTP(post, req)
		links, _ := mainLinks(post.Body.Bytes(), base)
		if r := slices.Index(links, task.URL) + 1; post.Code != http.StatusOK || task.Present && (r < 1 || r > 5) {
			t.Errorf("%s: POST search %q: %d, %s at rank %d; want 200, in the top five", st.Key, task.SearchQuery, post.Code, task.ID, r)
		}
	}
	if n == 0 {
		t.Fatal("no post-only site")
	}
}

func TestSearchNone(t *testing.T) {
	w := mustNew(t, demoCouncils(), testOptions(7))
	n := 0
	for _, st := range w.Manifest().Sites {
		if st.Search.Variant != SearchNone {
			continue
		}
		n++
		origin := strings.TrimSuffix(st.CanonicalURL, mustPath(st.CanonicalURL))
		urls := []string{origin + "/no-such-page"}
		for _, p := range st.Pages {
			if p.Kind == PageSearch {
				t.Errorf("%s: search page %s", st.Key, p.URL)
			}
			if p.Kind != PagePDF && p.RedirectsTo == "" {
				urls = append(urls, p.URL)
			}
		}
		for _, u := range urls {
			body := serve(w, u).Body.Bytes()
			for _, f := range parseForms(body) {
				if f.role == "search" || f.searchInput || saysSearch(f.action) || saysSearch(f.labels) {
					t.Errorf("%s: %s: a search form: %+v", st.Key, u, f)
				}
			}
			base, _ := url.Parse(u)
			links, _, _ := parseLinks(body, base)
			for _, l := range links {
				if strings.HasPrefix(l.url, origin+"/search") || saysSearch(l.url) {
					t.Errorf("%s: %s links to %s", st.Key, u, l.url)
				}
			}
		}
		if rec := serve(w, origin+"/search?q=bins"); rec.Code != http.StatusNotFound && !st.SoftNotFound {
			t.Errorf("%s: /search: %d, want 404", st.Key, rec.Code)
		}
	}
	if n == 0 {
		t.Fatal("no site without a search")
	}
}

func TestSearchElsewhere(t *testing.T) {
	w := mustNew(t, demoCouncils(), testOptions(7))
	c := start(t, w)
	res := w.Resolve()
	n := 0
	for _, st := range w.Manifest().Sites {
		if st.Search.Variant != SearchElsewhere {
			continue
		}
		n++
		su, _ := url.Parse(st.Search.Action)
		if _, ok := res[su.Host]; !ok || !slices.Contains(w.Hosts(), su.Host) {
			t.Errorf("%s: %s is not resolved", st.Key, su.Host)
		}
		for _, f := range parseForms(serve(w, st.CanonicalURL).Body.Bytes()) {
			if (f.role == "search" || f.searchInput) && (f.action != st.Search.Action || f.method != "get") {
				t.Errorf("%s: search form %s %s, want get %s", st.Key, f.method, f.action, st.Search.Action)
			}
		}
		// Through the listener: TLS for the service's host, results
		// linking back to the site's pages by absolute URL.
		task := st.Tasks[0]
		resp, body := get(t, c, st.Search.Action+"?q="+url.QueryEscape(task.SearchQuery))
		links, _ := mainLinks(body, su)
		if resp.StatusCode != http.StatusOK || task.Present && slices.Index(links, task.URL)+1 != task.SearchRank {
			t.Errorf("%s: %s: %d, links %v; want %s at rank %d", st.Key, st.Search.Action, resp.StatusCode, links, task.URL, task.SearchRank)
		}
		if bytes.Contains(body, []byte(`href="/`)) || bytes.Contains(body, []byte(`src="/`)) {
			t.Errorf("%s: the service's results page has relative links", st.Key)
		}
		resp, robots := get(t, c, "https://"+su.Host+"/robots.txt")
		if resp.StatusCode != http.StatusOK || !bytes.Contains(robots, []byte("Allow: /search\n")) {
			t.Errorf("%s: service robots.txt: %d %q, want /search allowed", st.Key, resp.StatusCode, robots)
		}
		if resp, _ := get(t, c, "http://"+su.Host+"/search?q=x"); resp.StatusCode != http.StatusMovedPermanently ||
			resp.Header.Get("Location") != "https://"+su.Host+"/search?q=x" {
			t.Errorf("%s: http service: %d to %q, want 301 to https", st.Key, resp.StatusCode, resp.Header.Get("Location"))
		}
		if resp, _ := get(t, c, "https://"+su.Host+"/"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: service home: %d, want 404", st.Key, resp.StatusCode)
		}
		// The site's own search page holds the form, and no results.
		own := strings.TrimSuffix(st.CanonicalURL, mustPath(st.CanonicalURL)) + "/search?q=" + url.QueryEscape(task.SearchQuery)
		base, _ := url.Parse(own)
		if links, _ := mainLinks(serve(w, own).Body.Bytes(), base); len(links) != 0 {
			t.Errorf("%s: %s: %d links in main, want none", st.Key, own, len(links))
		}
	}
	if n == 0 {
		t.Fatal("no elsewhere site")
	}
}

func TestSearchDisallowed(t *testing.T) {
	w := mustNew(t, demoCouncils(), testOptions(7))
	n := 0
	for _, st := range w.Manifest().Sites {
		origin := strings.TrimSuffix(st.CanonicalURL, mustPath(st.CanonicalURL))
		robots := serve(w, origin+"/robots.txt").Body.String()
		want := st.Search.Variant == SearchDisallowed
		if got := strings.Contains(robots, "Disallow: /search\n"); got != want {
			t.Errorf("%s (%s): robots.txt disallows /search: %v, want %v", st.Key, st.Search.Variant, got, want)
		}
		if p := st.Page(origin + "/search"); p != nil && p.Disallowed != want {
			t.Errorf("%s (%s): search page disallowed %v, want %v", st.Key, st.Search.Variant, p.Disallowed, want)
		}
		if want {
			n++
		}
	}
	if n == 0 {
		t.Fatal("no disallowed site")
	}
}
