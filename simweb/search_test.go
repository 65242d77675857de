package simweb

import (
	"bytes"
	"net/http"
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
// known by every word of its query.
func TestSearchCatalog(t *testing.T) {
	for _, def := range tasks {
		known := searchWords(strings.Join(append(slices.Clone(def.titles), def.query, def.keywords), " "))
		for _, w := range searchWords(def.query) {
			if !slices.Contains(known, w) {
				t.Errorf("%s: the task page is not known by %q of %q", def.id, w, def.query)
			}
		}
	}
}

// searchAction returns the URL of a site's search.
func searchAction(st *SiteTruth) string {
	u, _ := url.Parse(st.CanonicalURL)
	return u.Scheme + "://" + u.Host + "/search"
}

// TestSearchRanksMatchServer checks the manifest's ranks against the
// results the server gives for each task's SearchQuery, counted as a
// consumer counts them: the links of the results' main content.
func TestSearchRanksMatchServer(t *testing.T) {
	t.Parallel()
	w := mustNew(t, demoCouncils(), testOptions(7))
	for _, st := range w.Manifest().Sites {
		origin := strings.TrimSuffix(searchAction(&st), "/search")
		for _, task := range st.Tasks {
			results, status := searchOf(t, w, searchAction(&st), task.SearchQuery)
			if status != http.StatusOK {
				t.Fatalf("%s: search %q: status %d", st.Key, task.SearchQuery, status)
			}
			got := 0
			if task.Present {
				got = slices.Index(results, task.URL) + 1
			}
			if got != task.SearchRank || task.Present && (got < 1 || got > 5) {
				t.Errorf("%s: %s: %q gives %s at rank %d, manifest says %d; want the top five", st.Key, task.ID, task.SearchQuery, task.URL, got, task.SearchRank)
			}
			for _, r := range results {
				if !strings.HasPrefix(r, origin+"/") {
					t.Errorf("%s: result %s is not on the site", st.Key, r)
				}
			}
		}
	}
}

// TestSearchEngine checks how the engine ranks a resident's own words:
// the task page in the top five.
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
		for _, task := range st.Tasks {
			if !task.Present {
				continue
			}
			for _, q := range queries[task.ID] {
				results, _ := searchOf(t, w, searchAction(&st), q)
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
		st := &w.Manifest().Sites[0]
		if results, status := searchOf(t, w, searchAction(st), tc.q); status != http.StatusOK || len(results) != tc.want {
			t.Errorf("%s: %q: status %d, %d results; want 200, %d", st.Key, tc.q, status, len(results), tc.want)
		}
	}
}

func TestSearchPages(t *testing.T) {
	w := mustNew(t, demoCouncils(), testOptions(7))
	st := w.Manifest().Site("wigan.gov.uk")
	// Any of these words matches: most pages of the site.
	const q = "council tax bins recycling waste planning housing schools roads care libraries elections parking business leisure news"
	all, _ := searchOf(t, w, searchAction(st), q)
	if len(all) <= resultsPerPage {
		t.Fatalf("%s: %q gives %d results, want over %d to page", st.Key, q, len(all), resultsPerPage)
	}
	rec := serve(w, searchAction(st)+"?q="+url.QueryEscape(q)+"&page=2")
	base, _ := url.Parse(searchAction(st))
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
