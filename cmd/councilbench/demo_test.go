package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/register"
	"github.com/councilbench/councilbench/store"
	"github.com/klauspost/compress/zstd"
)

// realPlace returns a real council's place: its name without the words
// that say what kind of council it is ("Adur District Council" → "Adur",
// "London Borough of Barnet" → "Barnet").
func realPlace(name string) string {
	n := strings.TrimSpace(name)
	for _, p := range []string{"London Borough of ", "Royal Borough of ", "Comhairle nan "} {
		n = strings.TrimPrefix(n, p)
	}
	for _, suf := range []string{" Metropolitan Borough Council", " Metropolitan District Council", " District Council",
		" County Borough Council", " Borough Council", " City Council", " County Council", " Council", " Corporation"} {
		if t := strings.TrimSuffix(n, suf); t != n && t != "" {
			return t
		}
	}
	return n
}

// notCouncilNames are real councils' places that the demo's outputs use
// as ordinary words, not as the council's name: each would be a false
// hit. Everything else of every real council, its full name and its
// place, is looked for.
var notCouncilNames = map[string]string{
	// The region and the tier ("London Borough of ..."): the City of
	// London Corporation is looked for by its name and "City of London".
	"London": "a region's name and a tier's",
	// An English word at the start of a sentence or heading: the
	// methodology's "Reading a URL", the simulated libraries' pages.
	"Reading": "an English word",
}

// tokens splits text into words of letters and digits, so that names
// match whatever punctuation or markup is around them (and inside them:
// "Bournemouth, Christchurch and Poole" is four words).
func tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// nameFinder finds real councils' names and places, as whole words with
// their case, and real councils' host names, in text.
type nameFinder struct {
	names  map[string]string // the words of a name, space-joined → the council
	first  map[string]bool   // the first words of names
	maxLen int
	hosts  map[string]string // a real site key → the council
	hostRe *regexp.Regexp
}

func newNameFinder() *nameFinder {
	f := &nameFinder{names: map[string]string{}, first: map[string]bool{}, hosts: map[string]string{}, hostRe: regexp.MustCompile(`[a-z0-9][a-z0-9.-]*\.[a-z]{2,}`)}
	for _, c := range register.Embedded() {
		// "City of Edinburgh" is looked for, and "Edinburgh" too.
		for _, n := range []string{c.Name, realPlace(c.Name), strings.TrimPrefix(realPlace(c.Name), "City of ")} {
			if _, skip := notCouncilNames[n]; skip {
				continue
			}
			ws := tokens(n)
			f.names[strings.Join(ws, " ")] = c.Name
			f.first[ws[0]] = true
			f.maxLen = max(f.maxLen, len(ws))
		}
		if k, err := councilbench.SiteKey(c.Website); err == nil {
			f.hosts[k] = c.Name
		}
	}
	return f
}

// find returns the real councils named in text, with what named them.
func (f *nameFinder) find(text string) []string {
	var out []string
	ws := tokens(text)
	for i := range ws {
		if !f.first[ws[i]] {
			continue
		}
		for n := 1; n <= f.maxLen && i+n <= len(ws); n++ {
			if c, ok := f.names[strings.Join(ws[i:i+n], " ")]; ok {
				out = append(out, fmt.Sprintf("%q (%s)", strings.Join(ws[i:i+n], " "), c))
			}
		}
	}
	for _, h := range f.hostRe.FindAllString(strings.ToLower(text), -1) {
		// The host and every parent of it: www.welhat.gov.uk, welhat.gov.uk...
		for k := h; ; {
			if c, ok := f.hosts[k]; ok {
				out = append(out, fmt.Sprintf("host %s (%s)", h, c))
			}
			_, rest, ok := strings.Cut(k, ".")
			if !ok {
				break
			}
			k = rest
		}
	}
	return out
}

func TestNameFinder(t *testing.T) {
	f := newNameFinder()
	for _, tc := range []struct {
		text string
		want int
	}{
		{"Welwyn Hatfield, 3 of 4 stars, image-alt fails on 11%", 1},
		{"<td>Welwyn Hatfield Borough Council</td>", 2}, // the name and the place
		{"North East Lincolnshire", 2},
		{"<td>North East</td><td>Yarby Council</td>", 0}, // a region, not North East Lincolnshire
		{"London Borough of Cranwell, London", 0},
		{"Royal Borough of Greenwich", 2},
		{"City of Edinburgh", 2},
		{"Edinburgh's", 1},
		{"https://www.welhat.gov.uk/bins", 1},
		{"https://www.salbury.gov.uk.example/", 0}, // bury.gov.uk is Bury's, salbury.gov.uk nobody's
		{"https://www.bury.gov.uk.example/", 0},
		{"https://bury.gov.uk/", 1},
		{"Reading a URL", 0},
		{"bradford", 0}, // names have capitals
	} {
		if got := f.find(tc.text); len(got) != tc.want {
			t.Errorf("find(%q) = %q, want %d hits", tc.text, got, tc.want)
		}
	}
}

// TestDemoIsFictional runs the demo (with small budgets) and every command
// that prints a survey, and checks that no real council's name, place or
// host name appears anywhere: not in the terminal output, not in the
// report's files or downloads (results.sqlite's every text value), not in
// the pages of the simulated web as stored; and that every output says the
// data is simulated.
func TestDemoIsFictional(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo")
	}
	t.Chdir(t.TempDir()) // the demo writes its report into the working folder
	db := "demo.db"
	var outputs []string // what each command printed, named
	run := func(want int, args ...string) string {
		t.Helper()
		start := time.Now()
		code, stdout, stderr := runMain(t, args...)
		t.Logf("%s: %s", strings.Join(args, " "), time.Since(start).Round(time.Millisecond))
		if code != want {
			t.Fatalf("%s: exit %d, want %d: %s", strings.Join(args, " "), code, want, stderr)
		}
		outputs = append(outputs, strings.Join(args, " ")+"\n"+stdout+stderr)
		return stdout
	}
	note := councilbench.SimulatedNote
	out := run(exitOK, "survey", "--demo", "--db", db, "--max-pages", "12", "--search-budget", "6", "--progress", "none")
	if !strings.HasPrefix(out, note+"\n") || !strings.HasSuffix(out, note+"\n") {
		t.Errorf("survey --demo: the output does not begin and end with the note:\n%s", out)
	}
	ctx := context.Background()
	st, s := openSurveyT(t, db, "demo")
	if !s.Simulated {
		t.Errorf("the demo's survey is not marked simulated")
	}
	councils, err := st.Councils(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	scores, err := st.CouncilScores(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range scores {
		// A capped council says so beside its stars in the summary.
		if sc.StarsNote == "" {
			continue
		}
		want := regexp.MustCompile(`(?m)^  ` + sc.Code + ` .*capped at ★★★: ` + regexp.QuoteMeta(sc.StarsNote) + `$`)
		if !want.MatchString(out) {
			t.Errorf("survey --demo: %s's stars are capped (%s), but its line does not say so", sc.Code, sc.StarsNote)
		}
	}
	var bodies []string // the simulated web's pages as stored
	sites, err := st.Sites(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, site := range sites {
		pages, err := st.SitePages(ctx, site.ID, store.PageOptions{Bodies: []councilbench.PageKind{councilbench.KindHTML}})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			var links strings.Builder
			for _, l := range p.Links {
				links.WriteString(l.URL + " " + l.Text + "\n")
			}
			bodies = append(bodies, p.URL+"\n"+string(p.Body)+"\n"+links.String())
		}
	}
	st.Close()
	if len(councils) < 30 || len(bodies) < 200 {
		t.Fatalf("%d councils, %d pages: the demo surveyed too little to check", len(councils), len(bodies))
	}

	for _, c := range councils {
		if out := run(exitOK, "show", c.Code, "--db", db); !strings.HasPrefix(out, note+"\n") {
			t.Errorf("show %s: no note first:\n%.200s", c.Code, out)
		}
		if out := run(exitOK, "show", c.Code, "--db", db, "--format", "json"); !strings.Contains(out, `"simulated": true`) {
			t.Errorf("show %s --format json: no simulated field", c.Code)
		}
	}
	for _, format := range []string{"text", "md", "json", "csv"} {
		for _, all := range []string{"--all-nations=false", "--all-nations"} {
			out := run(exitOK, "divide", "--db", db, "--format", format, all)
			var says bool
			switch format {
			case "json":
				says = strings.Contains(out, `"simulated": true`)
			case "csv":
				says = strings.HasPrefix(out, "simulated,")
			default:
				says = strings.Contains(out, note)
			}
			if !says {
				t.Errorf("divide --format %s %s does not say the data is simulated", format, all)
			}
		}
	}
	if out := run(exitOK, "report", "--db", db, "--out", "again"); !strings.Contains(out, note) {
		t.Errorf("report: no note:\n%s", out)
	}
	if out := run(exitOK, "surveys", "--db", db); !strings.Contains(out, "SIMULATED") {
		t.Errorf("surveys: no SIMULATED:\n%s", out)
	}

	find := newNameFinder()
	check := func(what, text string) {
		t.Helper()
		if hits := find.find(text); len(hits) > 0 {
			sort.Strings(hits)
			t.Errorf("%s names real councils: %s", what, strings.Join(slicesCompact(hits), ", "))
		}
	}
	for _, o := range outputs {
		cmd, _, _ := strings.Cut(o, "\n")
		check("councilbench "+cmd, o)
	}
	for i, b := range bodies {
		check(fmt.Sprintf("stored page %d", i), b)
	}
	title := regexp.MustCompile(`<title>([^<]*)</title>`)
	banner := `<div class="simulated"><p>` + html.EscapeString(note) + `</p></div>`
	for _, dir := range []string{demoReportDir, "again"} {
		files := 0
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			files++
			if filepath.Ext(path) == ".sqlite" {
				check(path, sqliteText(t, path))
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			check(path, string(b))
			switch filepath.Ext(path) {
			case ".html":
				m := title.FindSubmatch(b)
				if m == nil || !strings.Contains(string(m[1]), "(simulated)") {
					t.Errorf("%s: title %q does not say (simulated)", path, m)
				}
				if !strings.Contains(string(b), banner) {
					t.Errorf("%s: no simulated banner", path)
				}
			case ".csv":
				if !strings.HasPrefix(string(b), "simulated,") {
					t.Errorf("%s: no simulated column first", path)
				}
			case ".zst":
				csv, err := zstd.NewReader(bytes.NewReader(b))
				if err != nil {
					return err
				}
				defer csv.Close()
				text, err := io.ReadAll(csv)
				if err != nil {
					return err
				}
				check(path, string(text))
				if !strings.HasPrefix(string(text), "simulated,") || strings.Count(string(text), "\ntrue,") < 10 {
					t.Errorf("%s: no simulated column first", path)
				}
			case ".json":
				if !strings.Contains(string(b), `"simulated": true`) {
					t.Errorf("%s: no simulated field", path)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if files < len(councils) {
			t.Errorf("%s: %d files, fewer than the councils", dir, files)
		}
	}

	// Run again, as a new user does: the survey is finished, so nothing is
	// crawled, but the summary is printed again and a deleted report is
	// written again.
	if err := os.RemoveAll(demoReportDir); err != nil {
		t.Fatal(err)
	}
	again := run(exitOK, "survey", "--demo", "--db", db, "--max-pages", "12", "--search-budget", "6", "--progress", "none")
	for _, want := range []string{note, "Site search:", "Are shire district councils falling behind online?", "The digital divide", "The report is in " + demoReportDir} {
		if !strings.Contains(again, want) {
			t.Errorf("survey --demo run again does not print %q:\n%s", want, again)
		}
	}
	if strings.Contains(again, "--retry-failed") {
		t.Errorf("survey --demo run again offers --retry-failed, but no site failed:\n%s", again)
	}
	if _, err := os.Stat(filepath.Join(demoReportDir, "index.html")); err != nil {
		t.Errorf("survey --demo run again did not write the deleted report: %v", err)
	}
}

// slicesCompact drops repeated neighbours of a sorted slice.
func slicesCompact(s []string) []string {
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// sqliteText returns every text value of every table of a SQLite file,
// one a line, and checks that its survey is marked simulated.
func sqliteText(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var sim int
	if err := db.QueryRow("SELECT simulated FROM surveys").Scan(&sim); err != nil || sim != 1 {
		t.Errorf("%s: the survey's simulated is %d (%v), want 1", path, sim, err)
	}
	rows, err := db.Query("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	var b strings.Builder
	for _, tb := range tables {
		rows, err := db.Query(`SELECT * FROM "` + tb + `"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				switch v := v.(type) {
				case string:
					b.WriteString(v + "\n")
				case []byte:
					if utf8.Valid(v) {
						b.Write(v)
						b.WriteByte('\n')
					}
				}
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return b.String()
}
