package survey

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/crawler"
	"github.com/councilbench/councilbench/store"
)

var update = flag.Bool("update", false, "rewrite the task finder's ratchet (testdata/task-pages-ratchet.json)")

// devTask maps the development set's task ids to the catalogue's.
var devTask = map[string]string{
	"pay-council-tax": "pay-council-tax", "missed-bin": "report-missed-bin", "bin-day": "bin-collection-day",
	"planning-applications": "planning-applications", "housing-apply": "apply-housing", "school-place": "school-place",
	"pothole": "report-pothole", "blue-badge": "blue-badge", "library-renew": "renew-library-book",
	"councillor": "find-councillor", "fly-tipping": "report-fly-tipping", "electoral": "register-to-vote",
}

// taskRow is one row of testdata/task-pages-dev.csv.
type taskRow struct {
	task     string // the catalogue's task id
	nearMiss bool   // the page looks like the task's but is not it
	council  string
	url      string
	title    string
	linkText string
	lang     string
}

// readTaskRows reads the development set.
func readTaskRows(t *testing.T) []taskRow {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "task-pages-dev.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []taskRow
	for i, r := range recs[1:] {
		label, near := strings.CutPrefix(r[0], "near-miss:")
		id, ok := devTask[label]
		if !ok {
			t.Fatalf("task-pages-dev.csv line %d: unknown task %q", i+2, r[0])
		}
		rows = append(rows, taskRow{task: id, nearMiss: near, council: r[1], url: r[2], title: r[3], linkText: r[4], lang: r[5]})
	}
	return rows
}

// rowSite is the one-council site the harness builds for a row: a home
// page with ordinary council links and one link to the row's page at its
// real path and query. It is built from the row's URL, title and link text
// alone, so task rows and near-misses are built alike: the page's <title>
// and <h1> are the row's title or, without one, the words of the URL's last
// path segment; the link's text is the row's link text, else that title.
type rowSite struct {
	host  string
	page  string // the page's path and query, as requested
	pages map[string]string
}

// ordinaryLinks are the links of the harness's home page, besides the one
// to the row's page: the service areas and the pages every council has.
var ordinaryLinks = [][2]string{
	{"/council-tax", "Council tax"}, {"/bins-and-recycling", "Bins and recycling"}, {"/planning", "Planning"},
	{"/housing", "Housing"}, {"/schools", "Schools and education"}, {"/roads-and-transport", "Roads and transport"},
	{"/libraries", "Libraries"}, {"/your-council", "Your council"}, {"/elections", "Elections and voting"},
	{"/news", "News"}, {"/jobs", "Jobs"}, {"/contact-us", "Contact us"}, {"/accessibility-statement", "Accessibility statement"},
}

func newRowSite(rawURL, title, linkText string) (*rowSite, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	page := u.EscapedPath()
	if page == "" {
		page = "/"
	}
	if u.RawQuery != "" {
		page += "?" + u.RawQuery
	}
	if title == "" {
		title = pathWords(u.Path)
	}
	if linkText == "" {
		linkText = title
	}
	s := &rowSite{host: strings.ToLower(u.Hostname()), page: page, pages: map[string]string{}}
	var nav strings.Builder
	for _, l := range ordinaryLinks {
		fmt.Fprintf(&nav, `<li><a href="%s">%s</a></li>`, l[0], l[1])
	}
	header := `<header><a href="/">Home</a><nav><ul>` + nav.String() + `</ul></nav></header>`
	doc := func(title, main string) string {
		return "<!doctype html><html><head><meta charset=utf-8><title>" + esc(title) + "</title></head><body>" + header +
			"<main><h1>" + esc(title) + "</h1>" + main + "</main><footer><p>Example Council</p></footer></body></html>"
	}
	s.pages["/"] = doc("Example Council", fmt.Sprintf(`<p>Welcome.</p><ul><li><a href="%s">%s</a></li></ul>`, escAttr(page), esc(linkText)))
	for _, l := range ordinaryLinks {
		if _, dup := s.pages[l[0]]; !dup && l[0] != page {
			s.pages[l[0]] = doc(l[1], "<p>About "+esc(strings.ToLower(l[1]))+".</p>")
		}
	}
	s.pages[page] = doc(title, "<p>This page is about "+esc(title)+".</p>")
	return s, nil
}

// pathWords returns the words of a URL path's last segment, without a
// file extension.
func pathWords(p string) string {
	seg := path.Base(strings.TrimRight(p, "/"))
	if seg == "." || seg == "/" {
		return ""
	}
	if i := strings.LastIndexByte(seg, '.'); i > 0 {
		seg = seg[:i]
	}
	return strings.Join(strings.FieldsFunc(seg, func(r rune) bool { return strings.ContainsRune("-_+.", r) }), " ")
}

func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func escAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", `"`, "&quot;", "<", "&lt;").Replace(s)
}

// rowHosts serves each row's site on its own host name.
type rowHosts map[string]*rowSite

func (h rowHosts) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host := strings.ToLower(r.Host)
	if i := strings.LastIndexByte(host, ':'); i > 0 {
		host = host[:i]
	}
	s := h[host]
	if s == nil {
		http.NotFound(w, r)
		return
	}
	body, ok := s.pages[r.URL.RequestURI()]
	if !ok {
		body, ok = s.pages[r.URL.EscapedPath()]
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, body)
}

// rowResult is what the finder made of one row.
type rowResult struct {
	row   taskRow
	url   string // the row's page as the crawl requested it
	found *councilbench.TaskFinding
	hit   bool // the finder took the row's page for the row's task
}

// surveyRows surveys every row's site with the real crawler and assessment.
// Rows that share a host name are surveyed in separate rounds.
func surveyRows(t *testing.T, rows []taskRow) []rowResult {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "tasks.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var rounds []rowHosts
	results := make([]rowResult, len(rows))
	where := make([]int, len(rows)) // each row's round
	for i, r := range rows {
		s, err := newRowSite(r.url, r.title, r.linkText)
		if err != nil {
			t.Fatalf("row %d: %v", i+2, err)
		}
		// Sites are keyed without "www.", so www.x and x share a round
		// only apart.
		key := strings.TrimPrefix(s.host, "www.")
		k := 0
		for k < len(rounds) && (rounds[k][key] != nil || rounds[k]["www."+key] != nil) {
			k++
		}
		if k == len(rounds) {
			rounds = append(rounds, rowHosts{})
		}
		rounds[k][s.host], where[i] = s, k
		results[i] = rowResult{row: r, url: "http://" + s.host + s.page}
	}
	for k, hosts := range rounds {
		srv := httptest.NewServer(hosts)
		cfg := crawler.DefaultConfig()
		cfg.Resolve = map[string]string{}
		var councils []councilbench.Council
		for h := range hosts {
			cfg.Resolve[h] = strings.TrimPrefix(srv.URL, "http://")
			councils = append(councils, councilbench.Council{Code: h, Name: h, Tier: councilbench.TierUnitary,
				Nation: "England", Website: "http://" + h + "/"})
		}
		sort.Slice(councils, func(i, j int) bool { return councils[i].Code < councils[j].Code })
		cfg.RetryBackoff = 10 * time.Millisecond
		s, err := Create(ctx, db, fmt.Sprintf("round%d", k), cfg, false, councils)
		if err != nil {
			t.Fatal(err)
		}
		if err := (&Runner{DB: db, Crawl: cfg, Sites: 8, Score: true}).Run(ctx, s); err != nil {
			t.Fatal(err)
		}
		srv.Close()
		sites, as := assessed(t, db, s)
		for _, site := range sites {
			u, _ := url.Parse(site.StartURL)
			for i := range rows {
				if where[i] != k || rows[i].url == "" {
					continue
				}
				if ru, _ := url.Parse(results[i].url); strings.TrimPrefix(ru.Host, "www.") != strings.TrimPrefix(u.Host, "www.") {
					continue
				}
				a := as[site.ID]
				if a == nil {
					t.Fatalf("%s: no assessment", site.StartURL)
				}
				f := a.Task(rows[i].task)
				if f == nil {
					t.Errorf("%s: no finding for %s (assessed %v, %s %s)", site.StartURL, rows[i].task, a.Assessed, a.Reason, a.Detail)
				}
				results[i].found = f
				results[i].hit = f != nil && f.Found && f.URL == results[i].url
			}
		}
	}
	return results
}

// taskTotals are the harness's figures, held by a ratchet.
type taskTotals struct {
	Found      int `json:"found"`       // task pages found as the right task
	FoundWelsh int `json:"found_welsh"` // of them, in Welsh
	Taken      int `json:"taken"`       // near-misses taken for the task
	TakenWelsh int `json:"taken_welsh"` // of them, in Welsh
}

// TestTaskPagesDev surveys every row of the development set of real
// council task pages and near-misses (testdata/task-pages-dev.csv) and
// holds the finder's figures with a ratchet: pages found may only rise,
// near-misses taken may only fall. Run with -v for the table and every
// miss; -update records better figures.
func TestTaskPagesDev(t *testing.T) {
	if testing.Short() {
		t.Skip("surveys 320 sites")
	}
	rows := readTaskRows(t)
	results := surveyRows(t, rows)

	type cell struct{ tasks, found, near, taken int }
	table := map[string]*cell{}
	var got taskTotals
	var misses []string
	for _, r := range results {
		key := r.row.task + " " + r.row.lang
		c := table[key]
		if c == nil {
			c = &cell{}
			table[key] = c
		}
		welsh := r.row.lang == "cy"
		if !r.row.nearMiss {
			c.tasks++
			if r.hit {
				c.found++
				got.Found++
				if welsh {
					got.FoundWelsh++
				}
				continue
			}
			misses = append(misses, fmt.Sprintf("missed  %-20s %s %s: %s", r.row.task, r.row.lang, r.url, why(r)))
			continue
		}
		c.near++
		if r.hit {
			c.taken++
			got.Taken++
			if welsh {
				got.TakenWelsh++
			}
			misses = append(misses, fmt.Sprintf("taken   %-20s %s %s: %s", r.row.task, r.row.lang, r.url, why(r)))
		}
	}
	var keys []string
	for k := range table {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "%-24s %4s %12s %14s\n", "task", "lang", "found", "near-misses taken")
	for _, k := range keys {
		c := table[k]
		task, lang, _ := strings.Cut(k, " ")
		fmt.Fprintf(&b, "%-24s %4s %5d of %3d %7d of %3d\n", task, lang, c.found, c.tasks, c.taken, c.near)
	}
	fmt.Fprintf(&b, "%-24s %4s %5d of %3d %7d of %3d\n", "all", "", got.Found, countRows(rows, false, ""), got.Taken, countRows(rows, true, ""))
	fmt.Fprintf(&b, "%-24s %4s %5d of %3d %7d of %3d\n", "all", "cy", got.FoundWelsh, countRows(rows, false, "cy"), got.TakenWelsh, countRows(rows, true, "cy"))
	t.Logf("task finder on the development set:\n%s\n%s", b.String(), strings.Join(misses, "\n"))

	ratchet := filepath.Join("testdata", "task-pages-ratchet.json")
	if *update {
		data, _ := json.MarshalIndent(got, "", "  ")
		if err := os.WriteFile(ratchet, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(ratchet)
	if err != nil {
		t.Fatalf("%v (run with -update to record the figures)", err)
	}
	var want taskTotals
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatalf("%s: %v", ratchet, err)
	}
	if got.Found < want.Found || got.FoundWelsh < want.FoundWelsh {
		t.Errorf("task pages found: got %d (%d Welsh), ratchet %d (%d Welsh)", got.Found, got.FoundWelsh, want.Found, want.FoundWelsh)
	}
	if got.Taken > want.Taken || got.TakenWelsh > want.TakenWelsh {
		t.Errorf("near-misses taken: got %d (%d Welsh), ratchet %d (%d Welsh)", got.Taken, got.TakenWelsh, want.Taken, want.TakenWelsh)
	}
	if got != want {
		t.Logf("better than the ratchet: run with -update to record %+v", got)
	}
}

// countRows counts task rows or near-misses, in one language or all.
func countRows(rows []taskRow, near bool, lang string) int {
	n := 0
	for _, r := range rows {
		if r.nearMiss == near && (lang == "" || r.lang == lang) {
			n++
		}
	}
	return n
}

// why says what the finder made of a row it got wrong.
func why(r rowResult) string {
	f := r.found
	switch {
	case f == nil:
		return "no finding"
	case r.hit:
		return fmt.Sprintf("taken (match %q, link %q)", f.Match, f.LinkText)
	case f.Found:
		return "took " + f.URL + " instead"
	}
	return "not found"
}
