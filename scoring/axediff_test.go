package scoring

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/andybalholm/cascadia"
	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/charset"
	"github.com/councilbench/councilbench/internal/pagegen"
	"github.com/councilbench/councilbench/internal/testenv"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// axeDir holds the project's pinned axe-core and jsdom (tools/axe).
const axeDir = "../tools/axe"

// layoutRules are axe-core rules that cannot answer on jsdom, so the
// harness leaves them out: axe-core fails a marquee only when its check
// is-on-screen finds it on screen, which on jsdom it never is; and it
// judges frame-focusable-content from inside the frame, where jsdom runs
// nothing.
var layoutRules = map[string]bool{"marquee": true, "frame-focusable-content": true}

// layoutElements are, per axe rule, the elements whose applicability
// axe-core decides from layout that jsdom does not have: the harness
// leaves them out of both sides, as it does axe's incomplete results.
// object-alt applies only to an <object> that loaded, which axe-core
// tells by whether its fallback content has boxes on screen; jsdom draws
// none, so every object looks loaded there, while a browser shows the
// fallback of one that failed to load.
var layoutElements = map[string]func(n *html.Node) bool{
	"object-alt": func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode || (c.Type == html.TextNode && strings.TrimSpace(c.Data) != "") {
				return true
			}
		}
		return false
	},
}

// axeAll runs the differential harness over every real page instead of
// the seeded sample the test holds with its ratchet.
var axeAll = flag.Bool("axe.all", false, "TestAxeDifferential: every real page of testdata, not the seeded sample")

// axeSample is how many real pages the test compares: a seeded sample,
// the same every run, so the ratchet holds figures of one corpus.
const axeSample = 300

// axeGen is how many generated pages TestAxeDifferentialGenerated
// compares; the flag asks for more (the 5,000).
var axeGen = flag.Int("axe.gen", 300, "TestAxeDifferentialGenerated: how many generated pages")

// diffPage is one page of the differential corpus.
type diffPage struct {
	ID     string `json:"id"`   // where it comes from, e.g. act/23a2a8/failed-1.html
	HTML   string `json:"html"` // decoded to UTF-8
	source string // act, gds, pages
}

// realDiffPages returns the real pages of testdata: the static ACT cases,
// the GDS audit's test and example pages, the Helsingborg pages, and the
// report's own pages (the golden files of package reports).
func realDiffPages(t testing.TB) []diffPage {
	t.Helper()
	var pages []diffPage
	for _, glob := range []struct{ source, pattern string }{
		{"act", "testdata/act/*/*.html"}, {"gds", "testdata/gds/tests/*.html"}, {"gds", "testdata/gds/example-pages/*.html"},
		{"pages", "testdata/pages/*.html"},
		{"report", "../reports/testdata/golden/*.html"}, {"report", "../reports/testdata/golden/councils/*.html"},
	} {
		files, err := filepath.Glob(glob.pattern)
		if err != nil {
			t.Fatal(err)
		}
		sort.Strings(files)
		for _, f := range files {
			body, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text, _ := charset.Decode(body, "text/html")
			id := strings.TrimPrefix(strings.TrimPrefix(f, "testdata/"), "../reports/testdata/")
			pages = append(pages, diffPage{ID: id, HTML: string(text), source: glob.source})
		}
	}
	return pages
}

// axeLine is what tools/axe/jsdom.mjs prints for a page.
type axeLine struct {
	ID         string              `json:"id"`
	Violations map[string][]string `json:"violations"`
	Incomplete map[string][]string `json:"incomplete"`
	Error      string              `json:"error"`
	Axe        string              `json:"axe"`
}

// runAxe runs axe-core on jsdom over the pages, for the named rules.
func runAxe(t testing.TB, pages []diffPage, rules []string) map[string]axeLine {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		testenv.SkipOrFail(t, "no node on PATH")
	}
	for _, m := range []string{"axe-core", "jsdom"} {
		if _, err := os.Stat(filepath.Join(axeDir, "node_modules", m)); err != nil {
			testenv.SkipOrFail(t, "no "+m+" in tools/axe/node_modules (cd tools/axe && npm ci)")
		}
	}
	in, err := json.Marshal(pages)
	if err != nil {
		t.Fatal(err)
	}
	script, _ := filepath.Abs(filepath.Join(axeDir, "jsdom.mjs"))
	cmd := exec.Command(node, script, strings.Join(rules, ","))
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("axe: %v\n%s", err, stderr.String())
	}
	res := map[string]axeLine{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var l axeLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("axe output: %v", err)
		}
		if l.Axe != "" {
			t.Logf("axe-core %s on jsdom", l.Axe)
			continue
		}
		res[l.ID] = l
	}
	return res
}

// diffCount is one axe rule's agreement at element level.
type diffCount struct {
	Both     int `json:"both"`
	AxeOnly  int `json:"axe_only"`
	OursOnly int `json:"ours_only"`
	// Documented are the disagreements that a rule's AxeDiffers declares.
	Documented int `json:"documented"`
	// Declared counts the documented elements per declaration (declKey).
	Declared map[string]int `json:"declared,omitempty"`
	Examples []string       `json:"examples,omitempty"` // a few disagreements, for the log
}

// declRef is one declared difference with its key and compiled selector.
type declRef struct {
	key string
	d   AxeDiff
	sel cascadia.Selector
}

// covers reports whether the declared difference covers the element n of
// the page.
func (ref declRef) covers(p *Page, n *html.Node) bool {
	if !ref.sel.Match(n) {
		return false
	}
	if ref.d.Match == nil {
		return true
	}
	e := p.Elem(n)
	return e != nil && ref.d.Match(p, e)
}

// declKey names a rule's i-th declared difference in the figures.
func declKey(rule string, i int) string { return fmt.Sprintf("%s#%d", rule, i) }

// axeAllFile holds the harness's figures over every real page
// (go test ./scoring -run AxeDifferential -axe.all -update), which
// docs/rules.md quotes.
const axeAllFile = "testdata/axe-diff-all.json"

// axeAllFigures is what axeAllFile holds.
type axeAllFigures struct {
	Pages int                   `json:"pages"`
	Rules map[string]*diffCount `json:"rules"`
}

// add adds another count's figures (not its examples) to c.
func (c *diffCount) add(o *diffCount) {
	c.Both += o.Both
	c.AxeOnly += o.AxeOnly
	c.OursOnly += o.OursOnly
	c.Documented += o.Documented
}

// precision and recall of councilbench relative to axe-core.
func (c diffCount) precision() float64 { return ratio(c.Both, c.Both+c.OursOnly) }
func (c diffCount) recall() float64    { return ratio(c.Both, c.Both+c.AxeOnly) }

func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

// resolve finds the one element a CSS selector names in a parsed page.
func resolve(doc *html.Node, sel string) *html.Node {
	s, err := cascadia.Compile(sel)
	if err != nil {
		return nil
	}
	nodes := s.MatchAll(doc)
	if len(nodes) != 1 {
		return nil
	}
	return nodes[0]
}

// identity says what one failure is for a rule: the element; for the
// duplicate-id rules the id value (axe-core reports one element that bears
// a duplicated id, councilbench another); for the table rules whose axe
// selector is "table" (td-has-header, td-headers-attr, th-has-data-cells),
// the table, which axe reports where councilbench reports its cells.
func identity(rule string, n *html.Node) any {
	switch {
	case strings.HasPrefix(rule, "duplicate-id"):
		for _, a := range n.Attr {
			if a.Namespace == "" && a.Key == "id" {
				return "id=" + a.Val
			}
		}
	case rule == "td-has-header" || rule == "td-headers-attr" || rule == "th-has-data-cells":
		for t := n; t != nil; t = t.Parent {
			if t.Type == html.ElementNode && t.DataAtom == atom.Table {
				return t
			}
		}
	}
	return n
}

// differential compares councilbench's failing elements with axe-core's,
// per axe rule, over the pages. Elements axe reports as incomplete are left
// out of both sides; a (page, rule) whose failures councilbench recorded
// only in part (more than MaxFailures) is left out and counted.
func differential(t testing.TB, pages []diffPage) (map[string]*diffCount, int) {
	t.Helper()
	byAxe := map[string][]string{}     // axe rule → councilbench rules
	declared := map[string][]declRef{} // axe rule → its declared differences
	also := map[string][]string{}      // axe rule → the other axe rules that report its rules' failures
	alsoOf := map[string][]string{}    // axe rule → the councilbench rules whose failures it may report
	for _, r := range Rules {
		if r.Axe != "" && !layoutRules[r.Axe] && !r.NeedsCSS { // the cascade's rules are measured in Chromium (contrastdiff_test.go): jsdom has no layout
			byAxe[r.Axe] = append(byAxe[r.Axe], r.ID)
			for i, d := range r.AxeDiffers {
				declared[r.Axe] = append(declared[r.Axe], declRef{key: declKey(r.ID, i), d: d, sel: cascadia.MustCompile(d.Selector)})
			}
			also[r.Axe] = append(also[r.Axe], r.AxeAlso...)
			for _, a := range r.AxeAlso {
				alsoOf[a] = append(alsoOf[a], r.ID)
			}
		}
	}
	var axeRules []string
	for a := range byAxe {
		axeRules = append(axeRules, a)
	}
	sort.Strings(axeRules)
	axe := runAxe(t, pages, axeRules)
	scorer := DefaultScorer()
	counts := map[string]*diffCount{}
	for _, a := range axeRules {
		counts[a] = &diffCount{}
	}
	partial := 0
	for _, p := range pages {
		al, ok := axe[p.ID]
		if !ok || al.Error != "" {
			t.Logf("%s: axe: %s", p.ID, al.Error)
			continue
		}
		score, _, err := scorer.Judge([]byte(p.HTML), "text/html; charset=utf-8", "https://example.invalid/", nil)
		if err != nil || score.Error != "" {
			continue
		}
		// One DOM for both engines' selectors and the declared differences:
		// the page as councilbench parses it.
		page, err := Parse([]byte(p.HTML), "text/html; charset=utf-8", "https://example.invalid/")
		if err != nil {
			continue
		}
		doc := page.Root
		// failing returns the elements that councilbench's rules fail, as
		// identities for the axe rule a, and whether any rule recorded its
		// failures only in part.
		failing := func(a string, ids []string) (map[any]string, bool) {
			ours := map[any]string{}
			truncated := false
			for _, id := range ids {
				r := score.Result(id)
				if r == nil {
					continue
				}
				if r.FailureCount > len(r.Failures) {
					truncated = true
				}
				for _, f := range r.Failures {
					if n := resolve(doc, f.Selector); n != nil {
						ours[identity(a, n)] = f.Selector
					}
				}
			}
			return ours, truncated
		}
		for _, a := range axeRules {
			ours, truncated := failing(a, byAxe[a])
			if truncated {
				partial++
				continue
			}
			// The failures each engine files under another rule's name
			// that the rule table declares (AxeAlso) count for both.
			oursElsewhere, _ := failing(a, alsoOf[a])
			axeElsewhere := map[any]bool{}
			for _, other := range also[a] {
				for _, sel := range al.Violations[other] {
					if n := resolve(doc, sel); n != nil {
						axeElsewhere[identity(a, n)] = true
					}
				}
			}
			theirs := map[any]string{}
			for _, sel := range al.Violations[a] {
				if n := resolve(doc, sel); n != nil {
					theirs[identity(a, n)] = sel
				}
			}
			for _, sel := range al.Incomplete[a] {
				if n := resolve(doc, sel); n != nil {
					delete(ours, identity(a, n))
				}
			}
			if skip := layoutElements[a]; skip != nil {
				for _, m := range []map[any]string{ours, theirs} {
					for id, sel := range m {
						if n := resolve(doc, sel); n != nil && skip(n) {
							delete(m, id)
						}
					}
				}
			}
			c := counts[a]
			documented := func(side AxeSide, sel string) bool {
				n := resolve(doc, sel)
				for _, ref := range declared[a] {
					if ref.d.Side == side && n != nil && ref.covers(page, n) {
						if c.Declared == nil {
							c.Declared = map[string]int{}
						}
						c.Declared[ref.key]++
						return true
					}
				}
				return false
			}
			for n, sel := range ours {
				if _, ok := theirs[n]; ok {
					c.Both++
					continue
				}
				if axeElsewhere[n] {
					c.Both++
					continue
				}
				if documented(OursOnly, sel) {
					c.Documented++
					continue
				}
				c.OursOnly++
				if len(c.Examples) < 6 {
					c.Examples = append(c.Examples, fmt.Sprintf("ours only: %s %s\n\t%s", p.ID, sel, context(resolve(doc, sel))))
				}
			}
			for n, sel := range theirs {
				if _, ok := ours[n]; !ok {
					if _, ok := oursElsewhere[n]; ok {
						c.Both++
						continue
					}
					if documented(AxeOnly, sel) {
						c.Documented++
						continue
					}
					c.AxeOnly++
					if len(c.Examples) < 12 {
						c.Examples = append(c.Examples, fmt.Sprintf("axe only:  %s %s\n\t%s", p.ID, sel, context(resolve(doc, sel))))
					}
				}
			}
		}
	}
	return counts, partial
}

// context shows a disagreement's element for the log: its ancestors'
// tags and its own markup, shortened.
func context(n *html.Node) string {
	if n == nil {
		return ""
	}
	var path []string
	for a := n.Parent; a != nil && a.Type == html.ElementNode && a.Data != "body" && len(path) < 4; a = a.Parent {
		path = append([]string{openTag(a)}, path...)
	}
	var b bytes.Buffer
	_ = html.Render(&b, n)
	own := b.String()
	if len(own) > 240 {
		own = own[:240] + "…"
	}
	return strings.Join(append(path, own), " ")
}

// openTag renders an element's start tag.
func openTag(n *html.Node) string {
	var b strings.Builder
	b.WriteString("<" + n.Data)
	for _, a := range n.Attr {
		fmt.Fprintf(&b, " %s=%q", a.Key, a.Val)
	}
	b.WriteString(">")
	return b.String()
}

// diffTable formats the counts, worst first, with the pooled figures.
func diffTable(counts map[string]*diffCount) (string, diffCount) {
	var rules []string
	var pooled diffCount
	for a, c := range counts {
		rules = append(rules, a)
		pooled.add(c)
	}
	sort.Slice(rules, func(i, j int) bool {
		ci, cj := counts[rules[i]], counts[rules[j]]
		if di, dj := ci.AxeOnly+ci.OursOnly, cj.AxeOnly+cj.OursOnly; di != dj {
			return di > dj
		}
		return rules[i] < rules[j]
	})
	var b strings.Builder
	fmt.Fprintf(&b, "%-32s %6s %8s %9s %10s %9s %7s\n", "axe rule", "both", "axe only", "ours only", "documented", "precision", "recall")
	for _, a := range rules {
		c := counts[a]
		if c.Both+c.AxeOnly+c.OursOnly+c.Documented == 0 {
			continue
		}
		fmt.Fprintf(&b, "%-32s %6d %8d %9d %10d %9.3f %7.3f\n", a, c.Both, c.AxeOnly, c.OursOnly, c.Documented, c.precision(), c.recall())
	}
	fmt.Fprintf(&b, "%-32s %6d %8d %9d %10d %9.3f %7.3f\n", "pooled", pooled.Both, pooled.AxeOnly, pooled.OursOnly, pooled.Documented, pooled.precision(), pooled.recall())
	return b.String(), pooled
}

// TestAxeDifferential compares councilbench's rules with axe-core's on
// jsdom, element by element, over a seeded sample of the real pages of
// testdata (the static ACT cases, the GDS audit's pages, the Helsingborg
// pages; -axe.all for all of them), and holds the sample's pooled
// precision and recall with a ratchet that may only rise. Run with -v for
// the table per rule and examples of each disagreement.
func TestAxeDifferential(t *testing.T) {
	if testing.Short() {
		t.Skip("runs axe-core over hundreds of pages")
	}
	pages := realDiffPages(t)
	if !*axeAll && len(pages) > axeSample {
		rng := rand.New(rand.NewPCG(11, 0))
		rng.Shuffle(len(pages), func(i, j int) { pages[i], pages[j] = pages[j], pages[i] })
		pages = pages[:axeSample]
	}
	counts, partial := differential(t, pages)
	table, pooled := diffTable(counts)
	t.Logf("councilbench against axe-core on %d real pages (%d page-rule pairs left out: more than %d failures):\n%s", len(pages), partial, MaxFailures, table)
	logExamples(t, counts)
	checkPerRule(t, counts)
	if *axeAll {
		// The whole corpus's figures feed docs/rules.md; the ratchet holds
		// the sample's.
		if *update {
			all := axeAllFigures{Pages: len(pages), Rules: counts}
			for _, c := range counts {
				c.Examples = nil
			}
			data, _ := json.MarshalIndent(all, "", "  ")
			if err := os.WriteFile(axeAllFile, append(data, '\n'), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	checkRatchet(t, filepath.Join("testdata", "axe-diff-ratchet.json"), pooled)
}

// checkRatchet holds pooled precision and recall in a file: they may only
// rise; -update records them.
func checkRatchet(t *testing.T, path string, pooled diffCount) {
	t.Helper()
	type figures struct {
		Precision float64 `json:"precision"`
		Recall    float64 `json:"recall"`
	}
	got := figures{Precision: round3(pooled.precision()), Recall: round3(pooled.recall())}
	if *update {
		data, _ := json.MarshalIndent(got, "", "  ")
		if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to record the figures)", err)
	}
	var want figures
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if got.Precision < want.Precision || got.Recall < want.Recall {
		t.Errorf("agreement with axe-core fell: precision %.3f (ratchet %.3f), recall %.3f (ratchet %.3f)", got.Precision, want.Precision, got.Recall, want.Recall)
	}
}

func round3(f float64) float64 { return float64(int(f*1000)) / 1000 }

// perRuleFloor is the agreement every rule must keep, in precision and in
// recall, once axe-core fails at least perRuleMin elements under it.
const (
	perRuleFloor = 0.95
	perRuleMin   = 20
)

// logExamples logs each rule's examples of disagreement.
func logExamples(t *testing.T, counts map[string]*diffCount) {
	t.Helper()
	for a, c := range counts {
		for _, e := range c.Examples {
			t.Logf("%s: %s", a, e)
		}
	}
}

// checkPerRule fails the test for each rule below the floor.
func checkPerRule(t *testing.T, counts map[string]*diffCount) {
	t.Helper()
	for a, c := range counts {
		if c.Both+c.AxeOnly < perRuleMin {
			continue
		}
		if c.precision() < perRuleFloor || c.recall() < perRuleFloor {
			t.Errorf("%s: precision %.3f, recall %.3f relative to axe-core (each must be at least %.2f)", a, c.precision(), c.recall(), perRuleFloor)
		}
	}
}

// simDiffPages returns a seeded sample of n HTML pages of the simulated
// web (the one the other scoring tests crawl).
func simDiffPages(t testing.TB, n int) []diffPage {
	t.Helper()
	sw := crawledWeb(t)
	var urls []string
	for _, ss := range sw.sites {
		for _, pg := range ss.pages {
			if pg.Kind == councilbench.KindHTML && pg.Status == 200 {
				urls = append(urls, pg.FinalURL)
			}
		}
	}
	sort.Strings(urls)
	rng := rand.New(rand.NewPCG(13, 0))
	rng.Shuffle(len(urls), func(i, j int) { urls[i], urls[j] = urls[j], urls[i] })
	var pages []diffPage
	for _, u := range urls[:min(n, len(urls))] {
		// The crawl kept no bodies: fetch the page again.
		pg := simFetch(sw.web.Handler(), u)
		text, _ := charset.Decode(pg.Body, pg.ContentType)
		pages = append(pages, diffPage{ID: u, HTML: string(text), source: "sim"})
	}
	return pages
}

// TestAxeDifferentialSim compares councilbench's rules with axe-core's
// over a seeded sample of the simulated web's pages, which the survey's
// tests crawl, and holds the figures with a ratchet.
func TestAxeDifferentialSim(t *testing.T) {
	if testing.Short() {
		t.Skip("runs axe-core over a hundred pages")
	}
	pages := simDiffPages(t, 100)
	counts, partial := differential(t, pages)
	table, pooled := diffTable(counts)
	t.Logf("councilbench against axe-core on %d pages of the simulated web (%d page-rule pairs left out):\n%s", len(pages), partial, table)
	logExamples(t, counts)
	checkPerRule(t, counts)
	checkRatchet(t, filepath.Join("testdata", "axe-diff-sim-ratchet.json"), pooled)
}

// TestAxeDifferentialGenerated compares councilbench's rules with
// axe-core's over pages that internal/pagegen writes from its grammar of
// real markup (seeded: the same pages every run), and holds the pooled
// precision and recall of the default 300 pages with a ratchet; -axe.gen N
// runs N pages and only reports.
func TestAxeDifferentialGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("runs axe-core over hundreds of pages")
	}
	var pages []diffPage
	for _, p := range pagegen.Generate(1, *axeGen) {
		pages = append(pages, diffPage{ID: p.ID, HTML: p.HTML, source: "gen"})
	}
	counts, partial := differential(t, pages)
	table, pooled := diffTable(counts)
	t.Logf("councilbench against axe-core on %d generated pages (%d page-rule pairs left out):\n%s", len(pages), partial, table)
	logExamples(t, counts)
	checkPerRule(t, counts)
	if *axeGen != 300 {
		return
	}
	checkRatchet(t, filepath.Join("testdata", "axe-diff-gen-ratchet.json"), pooled)
}
