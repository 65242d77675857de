package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/css"
	"github.com/councilbench/councilbench/internal/human"
	"github.com/councilbench/councilbench/scoring"
	"golang.org/x/net/html"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// writeSite writes s into a new folder and returns it.
func writeSite(t *testing.T, s *Site) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := Write(dir, s); err != nil {
		t.Fatal(err)
	}
	return dir
}

// siteFiles returns the files of a written site, relative and with slashes.
func siteFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// TestGolden compares every file of the fixed small model's site with
// testdata/golden; -update rewrites them.
func TestGolden(t *testing.T) {
	dir := writeSite(t, withCompare(fixtureSite(), true))
	golden := filepath.Join("testdata", "golden")
	got := siteFiles(t, dir)
	if *update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
		for _, f := range got {
			b, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			if err := writeFile(golden, f, b); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := siteFiles(t, golden)
	if !slices.Equal(got, want) {
		t.Fatalf("files: got %v, want %v (go test ./reports -run Golden -update)", got, want)
	}
	for _, f := range got {
		g, _ := os.ReadFile(filepath.Join(dir, f))
		w, _ := os.ReadFile(filepath.Join(golden, f))
		if !bytes.Equal(g, w) {
			gl, wl := strings.Split(string(g), "\n"), strings.Split(string(w), "\n")
			for i := range min(len(gl), len(wl)) {
				if gl[i] != wl[i] {
					t.Errorf("%s differs from the golden file at line %d:\n got: %s\nwant: %s", f, i+1, gl[i], wl[i])
					break
				}
			}
			if len(gl) != len(wl) {
				t.Errorf("%s: got %d lines, want %d", f, len(gl), len(wl))
			}
		}
	}
}

// TestNotComparable checks that surveys of different model versions are
// not compared, and that every table says so.
func TestNotComparable(t *testing.T) {
	dir := writeSite(t, withCompare(fixtureSite(), false))
	for _, f := range []string{"index.html", "league.html", "tier-county.html", "councils/ADU.html"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "The surveys are not compared until the older one is rescored") {
			t.Errorf("%s: no note that the surveys are not compared", f)
		}
		if strings.Contains(string(b), "Rank change") || strings.Contains(string(b), "Since 2025") {
			t.Errorf("%s: shows changes between surveys of different model versions", f)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, CSVFile))
	if strings.Contains(string(b), "rank_change") {
		t.Errorf("CSV has change columns for surveys that are not compared")
	}
}

func TestRank(t *testing.T) {
	for _, tc := range []struct {
		scores []float64
		want   []int
	}{
		{nil, []int{}},
		{[]float64{50}, []int{1}},
		{[]float64{90, 80, 80, 70}, []int{1, 2, 2, 4}},
		{[]float64{70, 80, 90, 80}, []int{4, 2, 1, 2}},
		{[]float64{80.04, 80.0, 79.96}, []int{1, 1, 1}}, // equal to a tenth
		{[]float64{60, 60, 60}, []int{1, 1, 1}},
	} {
		got := Rank(tc.scores)
		if len(got) != len(tc.want) || (len(got) > 0 && !slices.Equal(got, tc.want)) {
			t.Errorf("Rank(%v): got %v, want %v", tc.scores, got, tc.want)
		}
	}
}

func TestLeagueTies(t *testing.T) {
	l := leagues(fixtureSite())[0]
	var got []string
	for _, r := range l.Rows {
		got = append(got, r.C.Code+":"+strconv.Itoa(r.Rank))
	}
	// BIR and EDH, and ARU and WOR, share their assessments' scores.
	want := []string{"BIR:1", "EDH:1", "WSX:3", "CAM:4", "ARU:5", "WOR:5", "ADU:7", "CRF:8"}
	if !slices.Equal(got, want) {
		t.Errorf("ranks: got %v, want %v", got, want)
	}
	if len(l.NotAssessed) != 1 || l.NotAssessed[0].Code != "BFS" {
		t.Errorf("not assessed: got %v, want BFS", l.NotAssessed)
	}
}

func TestQuantile(t *testing.T) {
	// R 4.3: quantile(c(1, 2, 3, 4, 10), c(0, .25, .5, .75, 1))
	//   0%  25%  50%  75% 100%
	//    1    2    3    4   10
	// quantile(c(1, 2), c(.25, .9)) gives 1.25 1.90;
	// quantile(c(3.5, 7, 1, 9.25), .3) gives 3.25 (sorted 1, 3.5, 7, 9.25:
	// h = 3 × 0.3 = 0.9, 1 + 0.9 × 2.5).
	for _, tc := range []struct {
		xs   []float64
		p    float64
		want float64
	}{
		{[]float64{1, 2, 3, 4, 10}, 0, 1}, {[]float64{1, 2, 3, 4, 10}, .25, 2}, {[]float64{1, 2, 3, 4, 10}, .5, 3},
		{[]float64{1, 2, 3, 4, 10}, .75, 4}, {[]float64{1, 2, 3, 4, 10}, 1, 10},
		{[]float64{1, 2}, .25, 1.25}, {[]float64{1, 2}, .9, 1.9}, {[]float64{1, 3.5, 7, 9.25}, .3, 3.25}, {[]float64{5}, .5, 5},
	} {
		if got := Quantile(tc.xs, tc.p); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("Quantile(%v, %v): got %v, want %v", tc.xs, tc.p, got, tc.want)
		}
	}
	if got := Quantile(nil, .5); !math.IsNaN(got) {
		t.Errorf("Quantile(nil): got %v, want NaN", got)
	}
}

func TestSafeName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"ADU", "ADU"}, {"west-sussex", "west-sussex"}, {"../../etc/passwd", "etc-passwd"}, {"a/b\\c", "a-b-c"},
		{"..", ""}, {"", ""}, {"<script>", "script"}, {"Ynys Môn", "Ynys-M-n"}, {" x ", "x"}, {"a\x00b", "a-b"},
		{strings.Repeat("a", 100), strings.Repeat("a", maxName)},
	} {
		got := safeName(tc.in)
		if tc.want == "" {
			if !strings.HasPrefix(got, "x-") || len(got) != 10 {
				t.Errorf("safeName(%q): got %q, want x- and a hash", tc.in, got)
			}
		} else if got != tc.want {
			t.Errorf("safeName(%q): got %q, want %q", tc.in, got, tc.want)
		}
		if !regexp.MustCompile(`^[A-Za-z0-9-]+$`).MatchString(got) || !filepath.IsLocal(got) {
			t.Errorf("safeName(%q) = %q is not a safe file name", tc.in, got)
		}
	}
}

func TestCouncilFilesUnique(t *testing.T) {
	got := councilFiles([]Council{{Code: "A B"}, {Code: "A-B"}, {Code: "a/b"}, {Code: "../A-B"}})
	want := map[string]string{"A B": "councils/A-B.html", "A-B": "councils/A-B-2.html", "a/b": "councils/a-b-3.html", "../A-B": "councils/A-B-4.html"}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("councilFiles[%q]: got %q, want %q", k, got[k], w)
		}
	}
}

func TestWriteFileStaysInDir(t *testing.T) {
	dir := t.TempDir()
	for _, rel := range []string{"../x.html", "/etc/x", "a/../../x", ""} {
		if err := writeFile(filepath.Join(dir, "out"), rel, []byte("x")); err == nil {
			t.Errorf("writeFile(%q): got no error, want a refusal", rel)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 1 {
		t.Errorf("files were written outside the folder: %v", entries)
	}
}

func TestCSVSafe(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Adur", "Adur"}, {"", ""}, {"=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"}, {"+1", "'+1"}, {"-1", "'-1"},
		{"@SUM(A1)", "'@SUM(A1)"}, {"\tx", "'\tx"}, {"\rx", "'\rx"}, {"a=b", "a=b"},
	} {
		if got := CSVSafe(tc.in); got != tc.want {
			t.Errorf("CSVSafe(%q): got %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMarkdown(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"# Title\n\nSome **bold** and `<code>`.", "<p>Some <strong>bold</strong> and <code>&lt;code&gt;</code>.</p>\n"},
		{"## A heading\n", "<h2 id=\"md-a-heading\">A heading</h2>\n"},
		{"<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"},
		{"[x](javascript:alert(1)) [r](rules.md) [w](https://w3.org/)", "<p>x <a href=\"#rules\">r</a> <a href=\"https://w3.org/\">w</a></p>\n"},
		{"<!-- gone -->\n- a\n- b\n  c", "<ul>\n<li>a</li>\n<li>b c</li>\n</ul>\n"},
		{"&lt;meta&gt;", "<p>&lt;meta&gt;</p>\n"},
	} {
		if got := string(markdown(tc.in)); got != tc.want {
			t.Errorf("markdown(%q):\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
	got := string(markdown("### Items\n\n| A | B \\| C |\n| --- | --- |\n| `x` | y |\n"))
	want := "<h3 id=\"md-items\">Items</h3>\n<div class=\"table-wrap\" role=\"region\" aria-label=\"Items\" tabindex=\"0\">\n<table>\n<caption>Items</caption>\n<thead><tr><th scope=\"col\">A</th><th scope=\"col\">B | C</th></tr></thead>\n<tbody>\n<tr><td><code>x</code></td><td>y</td></tr>\n</tbody>\n</table>\n</div>\n"
	if got != want {
		t.Errorf("markdown table:\n got %q\nwant %q", got, want)
	}
}

// luminance returns the relative luminance of a #rrggbb colour (WCAG 2).
func luminance(hex string) float64 {
	v, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil || len(hex) != 7 {
		panic("bad colour " + hex)
	}
	ch := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(v>>16&0xff) + 0.7152*ch(v>>8&0xff) + 0.0722*ch(v&0xff)
}

// contrast returns the WCAG contrast ratio of two colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func TestContrastFunction(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want float64
	}{{"#000000", "#ffffff", 21}, {"#ffffff", "#ffffff", 1}, {"#767676", "#ffffff", 4.54}, {"#1d70b8", "#ffffff", 5.17}} {
		if got := contrast(tc.a, tc.b); math.Abs(got-tc.want) > 0.01 {
			t.Errorf("contrast(%s, %s): got %.2f, want %.2f", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestPaletteContrast(t *testing.T) {
	for _, p := range contrastPairs {
		fg, bg := palette[p.fg], palette[p.bg]
		if fg == "" || bg == "" {
			t.Fatalf("pair %s on %s: colour missing", p.fg, p.bg)
		}
		if got := contrast(fg, bg); got < p.min {
			t.Errorf("%s %s on %s %s: got contrast %.2f, want at least %.1f", p.fg, fg, p.bg, bg, got, p.min)
		}
	}
	// Every colour of the CSS comes from the palette.
	a, err := parse()
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, c := range palette {
		known[c] = true
	}
	for _, c := range regexp.MustCompile(`#[0-9a-fA-F]{3,8}\b`).FindAllString(a.css, -1) {
		if !known[c] {
			t.Errorf("CSS colour %s is not in the palette", c)
		}
	}
}

// TestOwnRules scores every page of the site with councilbench's own
// accessibility rules, with the site's own stylesheets: no rule may fail
// (advisory rules aside: the report claims WCAG AA, not AAA).
func TestOwnRules(t *testing.T) {
	for name, s := range map[string]*Site{"fixture": withCompare(fixtureSite(), true), "hostile": hostileSite(), "simulated": simulatedSite()} {
		dir := writeSite(t, s)
		for _, f := range siteFiles(t, dir) {
			if !strings.HasSuffix(f, ".html") {
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			u, err := css.FileURL(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			rep, _, err := scoring.DefaultScorer().Judge(b, "text/html; charset=utf-8", u, css.NewCache(css.FileLoader))
			if err != nil {
				t.Fatal(err)
			}
			if rep.Result("color-contrast") == nil {
				t.Errorf("%s %s: colour contrast not assessed", name, f)
			}
			for _, r := range rep.Results {
				if r.Outcome == scoring.Failed && !advisoryRule(r.Rule) {
					t.Errorf("%s %s: rule %s failed: %+v", name, f, r.Rule, r.Failures)
				}
			}
		}
	}
}

// advisoryRule reports whether a rule of the table is advisory.
func advisoryRule(id string) bool {
	for _, r := range scoring.Rules {
		if r.ID == id {
			return r.Advisory
		}
	}
	return false
}

// hostileSite is a site whose council's pages try to inject markup,
// script and spreadsheet formulas everywhere the report shows them.
func hostileSite() *Site {
	s := fixtureSite()
	const (
		script  = `<script>alert(1)</script>`
		breakQ  = `"><img src=x onerror=alert(1)>`
		formula = `=HYPERLINK("http://evil","x")`
		jsURL   = `javascript:alert(1)`
	)
	evil := script + breakQ + formula
	c := s.Councils[0] // ADU, assessed
	sc := *c.Score
	c.Code, c.Name, c.Region, c.Nation = "../../"+evil, evil, formula, "+Nation"+breakQ
	c.SiteURL = jsURL
	sc.Code = c.Code
	sc.StarsNote = evil
	sc.PassFailures = []string{evil}
	sc.Tasks = slices.Clone(sc.Tasks)
	c.PageTitles = map[string]string{}
	for i := range sc.Tasks {
		f := &sc.Tasks[i]
		f.Found, f.LinkText = true, breakQ+script
		if i%2 == 0 {
			f.URL = jsURL
		} else {
			f.URL = "https://evil.example/" + breakQ
		}
		f.OnlineVia = script
		c.PageTitles[f.URL] = script + breakQ
	}
	sc.Features = slices.Clone(sc.Features)
	for i := range sc.Features {
		sc.Features[i].URL = " JavaScript:alert(1)"
		sc.Features[i].Evidence = []string{evil}
	}
	sc.Components = slices.Clone(sc.Components)
	for i := range sc.Components {
		sc.Components[i].Items = slices.Clone(sc.Components[i].Items)
		for j := range sc.Components[i].Items {
			sc.Components[i].Items[j].Evidence = evil
		}
	}
	c.Score = &sc
	c.Failures = []RuleFailure{{Rule: "image-alt", Pages: 3, Examples: []councilbench.Failure{
		{Rule: "image-alt", PageURL: jsURL, Evidence: councilbench.Evidence{Selector: breakQ, Snippet: `<img src="x" onerror="alert(1)"></script><script>alert(1)</script>`}},
		{Rule: "image-alt", PageURL: "https://evil.example/</script>", Evidence: councilbench.Evidence{Selector: script, Snippet: evil}},
	}}, {Rule: evil, Pages: 1}}
	s.Councils[0] = c
	na := s.Councils[len(s.Councils)-1] // BFS, not assessed
	na.Name, na.Reason, na.Code = "-"+evil, evil, evil
	s.Councils[len(s.Councils)-1] = na
	s.Headlines = append(s.Headlines, evil)
	s.DivideTables[0].Rows = append(s.DivideTables[0].Rows, []string{evil, formula, breakQ})
	s.License = evil
	return withCompare(s, true)
}

// TestEscaping checks that nothing crawled turns into markup, script,
// links to javascript: or spreadsheet formulas, and that nothing is
// written outside the folder.
func TestEscaping(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	if err := Write(dir, hostileSite()); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Fatalf("files outside the site folder: %v", entries)
	}
	var sawScriptText, sawJSON bool
	for _, f := range siteFiles(t, dir) {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`^(councils/)?[A-Za-z0-9-]+\.(html|csv|json)$`).MatchString(f) {
			t.Errorf("unsafe file name %q", f)
		}
		switch {
		case strings.HasSuffix(f, ".html"):
			doc, err := html.Parse(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			var walk func(n *html.Node)
			walk = func(n *html.Node) {
				if n.Type == html.ElementNode {
					checkElement(t, f, n, &sawJSON)
				}
				if n.Type == html.TextNode && strings.Contains(n.Data, "<script>alert(1)</script>") {
					sawScriptText = true
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
			}
			walk(doc)
		case strings.HasSuffix(f, ".json"):
			var v struct {
				Councils []leagueRecord `json:"councils"`
			}
			if err := json.Unmarshal(b, &v); err != nil {
				t.Errorf("%s: invalid JSON: %v", f, err)
			}
			if !slices.ContainsFunc(v.Councils, func(r leagueRecord) bool { return strings.HasPrefix(r.Name, "<script>alert(1)</script>") }) {
				t.Errorf("%s: the hostile name did not survive intact", f)
			}
			if bytes.Contains(b, []byte("<script")) {
				t.Errorf("%s: raw <script in JSON", f)
			}
		case strings.HasSuffix(f, ".csv"):
			rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			number := regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
			for _, row := range rows {
				for _, cell := range row {
					if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && !number.MatchString(cell) {
						t.Errorf("%s: cell %q could start a formula", f, cell)
					}
				}
			}
			if !slices.ContainsFunc(rows, func(r []string) bool { return slices.Contains(r, `'=HYPERLINK("http://evil","x")`) }) {
				t.Errorf("%s: the formula region was not quoted as '=HYPERLINK(...)", f)
			}
		}
	}
	if !sawScriptText {
		t.Errorf("the hostile text is not shown as text anywhere")
	}
	if !sawJSON {
		t.Errorf("no council page embeds its scorecard as JSON")
	}
}

// checkElement asserts that an element of a page is one the report makes:
// no scripts but its own, no event handlers, no javascript: URLs, no
// images.
func checkElement(t *testing.T, f string, n *html.Node, sawJSON *bool) {
	t.Helper()
	switch n.Data {
	case "script":
		text := ""
		if n.FirstChild != nil {
			text = n.FirstChild.Data
		}
		typ := ""
		for _, a := range n.Attr {
			if a.Key == "type" {
				typ = a.Val
			}
		}
		switch {
		case typ == "application/json":
			var v councilbench.CouncilScore
			if err := json.Unmarshal([]byte(text), &v); err != nil {
				t.Errorf("%s: embedded JSON is invalid: %v", f, err)
			}
			if strings.Contains(strings.ToLower(text), "</script") {
				t.Errorf("%s: embedded JSON holds </script", f)
			}
			*sawJSON = *sawJSON || strings.Contains(v.StarsNote, "<script>alert(1)</script>")
		case text != sortJS:
			t.Errorf("%s: a script that is not the report's: %q", f, text)
		}
	case "img", "iframe", "object", "embed", "form", "base", "link":
		t.Errorf("%s: unexpected <%s> element", f, n.Data)
	}
	for _, a := range n.Attr {
		k := strings.ToLower(a.Key)
		if strings.HasPrefix(k, "on") {
			t.Errorf("%s: event handler attribute %s=%q on <%s>", f, a.Key, a.Val, n.Data)
		}
		if k == "href" || k == "src" || k == "action" || k == "xlink:href" || k == "formaction" {
			v := strings.ToLower(strings.TrimSpace(a.Val))
			if strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") || strings.HasPrefix(v, "vbscript:") {
				t.Errorf("%s: %s=%q on <%s>", f, a.Key, a.Val, n.Data)
			}
			if k == "href" && !(strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://") || strings.HasPrefix(v, "#") ||
				regexp.MustCompile(`^(\.\./)?[a-z0-9/-]*[a-z0-9-]+\.(html|csv|json|sqlite)(#[a-z0-9-]+)?$`).MatchString(strings.ToLower(a.Val))) {
				t.Errorf("%s: unexpected link %q", f, a.Val)
			}
		}
	}
}

// TestTierNames checks that every tier has names.
func TestTierNames(t *testing.T) {
	for _, tier := range councilbench.Tiers {
		if _, ok := tierNames[tier]; !ok {
			t.Errorf("tier %s has no names", tier)
		}
	}
}

// TestDownloadSizes checks that the downloads page states each file's
// size: the league tables as written, and the files the caller wrote.
func TestDownloadSizes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, size := range map[string]int64{ResultsSQLiteFile: 1_234_567, LinksFile: 2_500} {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(size); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	s := fixtureSite()
	s.ResultsSQLite, s.Links = true, true
	if err := Write(dir, s); err != nil {
		t.Fatal(err)
	}
	cite, err := os.ReadFile(filepath.Join(dir, "cite.html"))
	if err != nil {
		t.Fatal(err)
	}
	csvInfo, err := os.Stat(filepath.Join(dir, CSVFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"(<code>results.sqlite</code>, 1.23 MB)",
		"(<code>links.csv.zst</code>, 2.5 KB)",
		"(<code>league-table.csv</code>, " + human.FileSize(csvInfo.Size()) + ")",
		`<a href="links.csv.zst">`,
	} {
		if !strings.Contains(string(cite), want) {
			t.Errorf("cite.html lacks %q", want)
		}
	}
}
