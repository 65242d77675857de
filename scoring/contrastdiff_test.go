package scoring

import (
	"bufio"
	"bytes"
	"compress/gzip"
	gocontext "context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"math"
	"math/rand/v2"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/andybalholm/cascadia"
	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/css"
	"github.com/councilbench/councilbench/internal/cssgen"
	"github.com/councilbench/councilbench/internal/testenv"
	"golang.org/x/net/html"
)

// The contrast differential harness measures councilbench's text contrast
// verdicts (Page.Contrast, from HTML and CSS without a browser) against
// axe-core's color-contrast rule in headless Chromium, element by element,
// over a corpus of pages with their real stylesheets. axe-core's results
// are the oracle, recorded once in contrastOracleFile (regenerated with
// -contrast.oracle, which needs node, Chromium and tools/axe's packages),
// so that the default run needs no browser. docs/contrast.md says how to
// read the figures.

var (
	contrastRegen = flag.Bool("contrast.oracle", false, "TestContrastOracle: run axe-core in Chromium over the corpus and rewrite "+contrastOracleFile)
	contrastGen   = flag.Int("contrast.gen", contrastGenDefault, "TestContrastOracle: how many generated pages (more than the oracle holds runs Chromium for the rest)")
)

const (
	// contrastOracleFile holds axe-core's results on the corpus, keyed by
	// page then by axe-core's target selector.
	contrastOracleFile = "testdata/contrast-oracle.json.gz"
	// contrastRatchetFile holds the overall figures, which may not fall.
	contrastRatchetFile = "testdata/contrast-oracle-ratchet.json"
	// contrastGenSeed and contrastGenDefault: the generated pages of the
	// default run (internal/cssgen).
	contrastGenSeed    = 1
	contrastGenDefault = 300
	// contrastFreshSample is how many pages TestContrastOracleFresh runs
	// in Chromium again to check that the oracle is not stale.
	contrastFreshSample = 10
)

// contrastBarsMet says the engine has reached the bars; until the
// engine's engineer flips it, the test logs the bars without failing.
const contrastBarsMet = true

// The bars, overall.
const (
	contrastBarAgreement = 0.97 // where both engines decide, they decide alike
	contrastBarDecided   = 0.80 // of the elements axe-core decides, the share we decide
	contrastBarRecall    = 0.90 // of axe-core's failures, the share we fail
)

// contrastPart is one part of the corpus: a folder served at the root of
// a loopback origin of its own, so that root-relative links
// (/stylesheets/x.css) resolve as on the site.
type contrastPart struct {
	name  string
	fsys  fs.FS
	pages []string // paths in fsys, in order
	// sheets returns the stylesheet files whose bytes, with the page's,
	// make its hash: a change to any of them makes the oracle's record of
	// the page stale.
	sheets func(page string) []string
}

// id names a page in the oracle: the part, then the path.
func (cp *contrastPart) id(page string) string { return cp.name + "/" + page }

// host is the part's origin on the councilbench side, where the page URL
// and its stylesheets' URLs live; contrastLoader maps it back to fsys.
func (cp *contrastPart) host() string { return cp.name + ".contrast.test" }

// hash is the SHA-256 of a page and the stylesheets it may use.
func (cp *contrastPart) hash(page string) (string, error) {
	h := sha256.New()
	body, err := fs.ReadFile(cp.fsys, page)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(h, "%s %d\n", page, len(body))
	h.Write(body)
	for _, s := range cp.sheets(page) {
		b, err := fs.ReadFile(cp.fsys, s)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", s, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// contrastCorpus returns the corpus: the GDS audit's pages with their
// stylesheet, the report's own pages (their CSS is inline), pages of GOV.UK
// Frontend and Bootstrap components, and gen generated pages.
func contrastCorpus(t testing.TB, gen int) []*contrastPart {
	t.Helper()
	dir := func(name, root string, globs ...string) *contrastPart {
		fsys := os.DirFS(root)
		cp := &contrastPart{name: name, fsys: fsys}
		for _, g := range globs {
			m, err := fs.Glob(fsys, g)
			if err != nil {
				t.Fatal(err)
			}
			sort.Strings(m)
			cp.pages = append(cp.pages, m...)
		}
		if len(cp.pages) == 0 {
			t.Fatalf("no pages in %s", root)
		}
		var sheets []string
		_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".css") {
				sheets = append(sheets, p)
			}
			return nil
		})
		sort.Strings(sheets)
		cp.sheets = func(string) []string { return sheets }
		return cp
	}
	parts := []*contrastPart{
		dir("gds", "testdata/gds", "tests/*.html", "example-pages/*.html"),
		dir("report", "../reports/testdata/golden", "*.html", "councils/*.html"),
		dir("govuk", "testdata/contrast/govuk", "*.html"),
		dir("bootstrap", "testdata/contrast/bootstrap", "*.html"),
	}
	if gen > 0 {
		parts = append(parts, genPart(gen))
	}
	return parts
}

// genPart is n pages of internal/cssgen, with the images they show (the
// same small PNG under every name: what matters is that they load, as an
// <img> that fails to load and has alt="" is not drawn at all).
func genPart(n int) *contrastPart {
	fsys := fstest.MapFS{}
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range img.Pix {
		img.Pix[i] = []uint8{90, 90, 90, 255}[i%4]
	}
	img.Set(0, 0, color.RGBA{200, 30, 30, 255})
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	for _, name := range []string{"img/photo.png", "img/icon.png", "img/texture.png", "img/banner.jpg"} {
		fsys[name] = &fstest.MapFile{Data: buf.Bytes()}
	}
	cp := &contrastPart{name: "gen", fsys: fsys}
	own := map[string][]string{}
	for _, p := range cssgen.Generate(contrastGenSeed, n) {
		fsys[p.Path] = &fstest.MapFile{Data: []byte(p.HTML)}
		cp.pages = append(cp.pages, p.Path)
		for s, body := range p.Sheets {
			fsys[s] = &fstest.MapFile{Data: []byte(body)}
			own[p.Path] = append(own[p.Path], s)
		}
		sort.Strings(own[p.Path])
	}
	cp.sheets = func(page string) []string { return own[page] }
	return cp
}

// contrastLoader is the css.Loader of the councilbench side: the URL
// http://PART.contrast.test/PATH is PATH in the part's folder. A file that
// is not there answers 404, as the loopback server does for Chromium.
func contrastLoader(parts []*contrastPart) css.Loader {
	byHost := map[string]*contrastPart{}
	for _, cp := range parts {
		byHost[cp.host()] = cp
	}
	return func(u string) (*councilbench.Stylesheet, error) {
		pu, err := url.Parse(u)
		if err != nil || pu.Scheme != "http" || byHost[pu.Host] == nil {
			return nil, nil
		}
		st := &councilbench.Stylesheet{URL: u, FinalURL: u, Status: 200, ContentType: "text/css"}
		body, err := fs.ReadFile(byHost[pu.Host].fsys, strings.TrimPrefix(path.Clean(pu.Path), "/"))
		if err != nil {
			st.Status, st.ContentType = 404, "text/plain"
			return st, nil
		}
		sum := sha256.Sum256(body)
		st.Body, st.Bytes, st.SHA256 = body, int64(len(body)), hex.EncodeToString(sum[:])
		return st, nil
	}
}

// The oracle file.

// contrastOracle is what contrastOracleFile holds.
type contrastOracle struct {
	Axe        string `json:"axe"`
	Chromium   string `json:"chromium"`
	Playwright string `json:"playwright"`
	Viewport   string `json:"viewport"`
	// Gen is how many generated pages (seed contrastGenSeed) it holds.
	Gen   int                    `json:"gen"`
	Pages map[string]*oraclePage `json:"pages"`
}

// oraclePage is axe-core's results on one page.
type oraclePage struct {
	SHA256 string `json:"sha256"` // of the page and its stylesheets when recorded (contrastPart.hash)
	Error  string `json:"error,omitempty"`
	// Blocked are the requests the oracle aborted (not loopback).
	Blocked []string `json:"blocked,omitempty"`
	// Nodes are keyed by axe-core's target selector.
	Nodes map[string]*oracleNode `json:"nodes"`
}

// oracleNode is one element axe-core listed under one of the three rules.
type oracleNode struct {
	HTML string `json:"html,omitempty"` // axe-core's snippet, color-contrast's
	// Path names the element by :nth-child steps when axe-core's target
	// does not name exactly one element in Chromium's document.
	Path     string     `json:"path,omitempty"`
	Contrast *axeResult `json:"color-contrast,omitempty"`
	Enhanced *axeResult `json:"color-contrast-enhanced,omitempty"`
	Link     *axeResult `json:"link-in-text-block,omitempty"`
}

// axeResult is one rule's outcome on one element and its check's data.
type axeResult struct {
	Outcome string         `json:"outcome"` // passed, failed, incomplete
	Data    map[string]any `json:"data,omitempty"`
	Checks  []string       `json:"checks,omitempty"`
}

func (r *axeResult) str(key string) string {
	if r == nil {
		return ""
	}
	s, _ := r.Data[key].(string)
	return s
}

func (r *axeResult) num(key string) float64 {
	if r == nil {
		return 0
	}
	f, _ := r.Data[key].(float64)
	return f
}

// messageKey is the check's message key; "" for none.
func (r *axeResult) messageKey() string { return r.str("messageKey") }

var axeFontPx = regexp.MustCompile(`\(([0-9.]+)px\)`)

// fontPx reads the CSS pixels of axe-core's fontSize ("12.0pt (16px)").
func (r *axeResult) fontPx() float64 {
	m := axeFontPx.FindStringSubmatch(r.str("fontSize"))
	if m == nil {
		return 0
	}
	f, _ := strconv.ParseFloat(m[1], 64)
	return f
}

// axeClass sorts axe-core's color-contrast result into what the figures
// count: "passed", "failed", "hidden" (a pass because the element is not
// visible on screen, which decides nothing about colour) or
// "incomplete:KEY".
func (r *axeResult) class() string {
	switch r.Outcome {
	case "passed":
		if r.messageKey() == "hidden" {
			return "hidden"
		}
		return "passed"
	case "failed":
		return "failed"
	}
	k := r.messageKey()
	if k == "" {
		k = "default"
	}
	return "incomplete:" + k
}

func readContrastOracle(file string) (*contrastOracle, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	var o contrastOracle
	if err := json.NewDecoder(zr).Decode(&o); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return &o, nil
}

func writeContrastOracle(file string, o *contrastOracle) error {
	data, err := json.Marshal(o) // maps are written in key order: the same results give the same bytes
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(file, buf.Bytes(), 0o644)
}

// Running the oracle.

// contrastLine is what tools/axe/contrast.mjs prints for a page, or its
// last line with the versions.
type contrastLine struct {
	ID    string `json:"id"`
	Rules map[string][]struct {
		Target  string         `json:"target"`
		Path    string         `json:"path"`
		Outcome string         `json:"outcome"`
		Data    map[string]any `json:"data"`
		HTML    string         `json:"html"`
		Checks  []string       `json:"checks"`
	} `json:"rules"`
	Blocked    []string `json:"blocked"`
	Error      string   `json:"error"`
	MS         int64    `json:"ms"` // how long the page took, loading and axe-core
	Axe        string   `json:"axe"`
	Chromium   string   `json:"chromium"`
	Playwright string   `json:"playwright"`
}

// contrastServe serves a part's folder over loopback, as a static site:
// each file with the type its extension gives, 404 for anything else.
func contrastServe(fsys fs.FS) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		body, err := fs.ReadFile(fsys, p)
		if err != nil || r.Method != http.MethodGet {
			http.NotFound(w, r)
			return
		}
		typ := mime.TypeByExtension(path.Ext(p))
		if strings.HasSuffix(p, ".html") {
			typ = "text/html" // no charset: Chromium finds it in the page, as councilbench does
		}
		w.Header().Set("Content-Type", typ)
		w.Write(body)
	})
}

// runContrastOracle runs axe-core in Chromium over the pages named by ids
// (a part's name, a slash, a path) and returns its results by id, with
// the versions.
func runContrastOracle(t testing.TB, parts []*contrastPart, ids []string) *contrastOracle {
	t.Helper()
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		testenv.SkipOrFail(t, "no Chromium at "+chromium+" (apt-get install chromium)")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		testenv.SkipOrFail(t, "no node on the PATH")
	}
	for _, m := range []string{"axe-core", "playwright-core"} {
		if _, err := os.Stat(filepath.Join(axeDir, "node_modules", m)); err != nil {
			testenv.SkipOrFail(t, "no "+m+" in tools/axe/node_modules (cd tools/axe && npm ci)")
		}
	}
	byName := map[string]*contrastPart{}
	base := map[string]string{}
	for _, cp := range parts {
		byName[cp.name] = cp
		srv := httptest.NewServer(contrastServe(cp.fsys))
		defer srv.Close()
		base[cp.name] = srv.URL
	}
	type job struct {
		ID  string `json:"id"`
		URL string `json:"url"`
	}
	var jobs []job
	for _, id := range ids {
		name, p, _ := strings.Cut(id, "/")
		jobs = append(jobs, job{id, base[name] + "/" + p})
	}
	// The hashes are taken before Chromium reads the pages, so that a
	// page another change rewrites meanwhile is found stale, not recorded
	// with results of its older self.
	sums := map[string]string{}
	for _, id := range ids {
		name, p, _ := strings.Cut(id, "/")
		sum, err := byName[name].hash(p)
		if err != nil {
			t.Fatal(err)
		}
		sums[id] = sum
	}
	in, _ := json.Marshal(jobs)
	ctx, cancel := gocontext.WithTimeout(gocontext.Background(), testenv.Scale(time.Duration(60+len(ids))*time.Second))
	defer cancel()
	script, _ := filepath.Abs(filepath.Join(axeDir, "contrast.mjs"))
	cmd := exec.CommandContext(ctx, node, script, chromium)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("contrast.mjs: %v\n%s", err, lastLines(stderr.String(), 20))
	}
	o := &contrastOracle{Viewport: "1280x800", Pages: map[string]*oraclePage{}}
	partMS, partN := map[string]int64{}, map[string]int{} // per part, for the log
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 256<<20)
	for sc.Scan() {
		var l contrastLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("contrast.mjs output: %v", err)
		}
		if l.Axe != "" {
			o.Axe, o.Chromium, o.Playwright = l.Axe, l.Chromium, l.Playwright
			continue
		}
		name, _, _ := strings.Cut(l.ID, "/")
		partMS[name] += l.MS
		partN[name]++
		op := &oraclePage{SHA256: sums[l.ID], Error: l.Error, Blocked: l.Blocked, Nodes: map[string]*oracleNode{}}
		for rule, nodes := range l.Rules {
			for _, n := range nodes {
				on := op.Nodes[n.Target]
				if on == nil {
					on = &oracleNode{}
					op.Nodes[n.Target] = on
				}
				if n.Path != "" {
					on.Path = n.Path
				}
				r := &axeResult{Outcome: n.Outcome, Data: n.Data, Checks: n.Checks}
				switch rule {
				case "color-contrast":
					on.Contrast, on.HTML = r, n.HTML
				case "color-contrast-enhanced":
					on.Enhanced = r
				case "link-in-text-block":
					on.Link = r
				}
			}
		}
		o.Pages[l.ID] = op
	}
	if len(o.Pages) != len(ids) || o.Axe == "" {
		t.Fatalf("contrast.mjs answered for %d of %d pages (axe-core %q)\n%s", len(o.Pages), len(ids), o.Axe, lastLines(stderr.String(), 20))
	}
	var perPart []string
	for _, cp := range parts {
		if partN[cp.name] > 0 {
			perPart = append(perPart, fmt.Sprintf("%s %d pages %.0fs", cp.name, partN[cp.name], float64(partMS[cp.name])/1000))
		}
	}
	t.Logf("axe-core %s in Chromium %s (playwright-core %s): %d pages in %v (page time summed over the parallel workers: %s)",
		o.Axe, o.Chromium, o.Playwright, len(ids), time.Since(start).Round(time.Second), strings.Join(perPart, ", "))
	return o
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// Comparing.

// contrastVerdictFunc judges one element; (*Page).Contrast in the test,
// a fake in the harness's own tests.
type contrastVerdictFunc func(p *Page, e *Element) ContrastVerdict

// contrastPair is one element axe-core's color-contrast listed, with our
// verdict on it.
type contrastPair struct {
	Target string
	Axe    *axeResult // color-contrast
	Enh    *axeResult // color-contrast-enhanced, nil when not listed
	HTML   string
	Ours   ContrastVerdict
}

// contrastOurs is an element we fail that axe-core's color-contrast never
// listed.
type contrastOurs struct {
	Selector string
	Snippet  string
	Ours     ContrastVerdict
}

// contrastPageResult is one page's comparison.
type contrastPageResult struct {
	Part, ID  string
	Pairs     []contrastPair
	Unmatched []string       // axe-core's targets that match no element, or several, in our tree
	ByPath    int            // targets that named several elements, found by their path instead
	OursOnly  []contrastOurs // our failures on elements axe-core never listed
}

// contrastCompare matches axe-core's color-contrast targets to the
// elements of the page as councilbench parsed it and judges each with
// verdict; then walks every element for failures axe-core never listed.
func contrastCompare(p *Page, nodes map[string]*oracleNode, verdict contrastVerdictFunc) contrastPageResult {
	var res contrastPageResult
	listed := map[*html.Node]bool{}
	targets := make([]string, 0, len(nodes))
	for t := range nodes {
		targets = append(targets, t)
	}
	sort.Strings(targets)
	for _, target := range targets {
		n := nodes[target]
		if n.Contrast == nil {
			continue
		}
		matched := contrastMatch(p, target)
		if len(matched) != 1 && n.Path != "" {
			if m := contrastMatch(p, n.Path); len(m) == 1 {
				matched = m
				res.ByPath++
			}
		}
		if len(matched) != 1 || p.Elem(matched[0]) == nil {
			res.Unmatched = append(res.Unmatched, target)
			continue
		}
		listed[matched[0]] = true
		res.Pairs = append(res.Pairs, contrastPair{Target: target, Axe: n.Contrast, Enh: n.Enhanced, HTML: n.HTML, Ours: verdict(p, p.Elem(matched[0]))})
	}
	for _, e := range p.Elements {
		if listed[e.Node] {
			continue
		}
		if v := verdict(p, e); v.Outcome == Failed {
			res.OursOnly = append(res.OursOnly, contrastOurs{Selector: p.Selector(e), Snippet: Snippet(e.Node), Ours: v})
		}
	}
	return res
}

// contrastMatch returns the elements of the page a selector matches; none
// when cascadia cannot read it.
func contrastMatch(p *Page, selector string) []*html.Node {
	sel, err := cascadia.Compile(selector)
	if err != nil {
		return nil
	}
	return sel.MatchAll(p.Root)
}

// contrastFigures are the counts of one part of the corpus, or of all.
type contrastFigures struct {
	Pages     int `json:"pages"`
	AxeNodes  int `json:"axe_nodes"` // color-contrast's elements in the top document
	Unmatched int `json:"unmatched"` // of those, targets that do not name exactly one element of our tree
	ByPath    int `json:"by_path"`   // targets that named several elements in Chromium too, matched by their path

	// axe-core's outcomes on the matched elements.
	AxePassed     int            `json:"axe_passed"`
	AxeFailed     int            `json:"axe_failed"`
	AxeHidden     int            `json:"axe_hidden"`     // passed as "not visible on screen"
	AxeIncomplete map[string]int `json:"axe_incomplete"` // by messageKey

	// On the elements axe-core decides (passed or failed).
	AxeDecided  int            `json:"axe_decided"`
	WeDecide    int            `json:"we_decide"`   // of those, we pass or fail too
	Agree       int            `json:"agree"`       // of those, alike
	BothFailed  int            `json:"both_failed"` // of axe-core's failures, we fail
	WeOnlyPass  int            `json:"we_pass_axe_fails"`
	WeUndecided map[string]int `json:"we_undecided"` // axe-core decides, we can't tell (by reason) or say inapplicable

	// Our failures.
	OursFailed        int            `json:"ours_failed"`        // everywhere on the pages
	FPAxePassed       int            `json:"fp_axe_passed"`      // axe-core passed the element
	FPAxeHidden       int            `json:"fp_axe_hidden"`      // axe-core found it hidden
	FPUnlisted        int            `json:"fp_unlisted"`        // axe-core never listed it
	OursFailIncomplet int            `json:"ours_fail_axe_asks"` // axe-core could not tell
	OursCantTell      map[string]int `json:"ours_cant_tell"`     // on the matched elements, by reason

	// The enhanced rule (AAA), for information: where both decide.
	EnhBoth  int `json:"enh_both"`
	EnhAgree int `json:"enh_agree"`
}

func newContrastFigures() *contrastFigures {
	return &contrastFigures{AxeIncomplete: map[string]int{}, WeUndecided: map[string]int{}, OursCantTell: map[string]int{}}
}

// contrastRate is n/d, 0 when d is 0 (no evidence is no agreement: a
// ratchet at 0 can only rise).
func contrastRate(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

func (f *contrastFigures) agreement() float64 { return contrastRate(f.Agree, f.WeDecide) }
func (f *contrastFigures) decided() float64   { return contrastRate(f.WeDecide, f.AxeDecided) }
func (f *contrastFigures) recall() float64    { return contrastRate(f.BothFailed, f.AxeFailed) }

// precision is the share of our failures that axe-core fails too.
func (f *contrastFigures) precision() float64 {
	return contrastRate(f.OursFailed-f.FPAxePassed-f.FPAxeHidden-f.FPUnlisted-f.OursFailIncomplet, f.OursFailed)
}

func (f *contrastFigures) falsePositives() int { return f.FPAxePassed + f.FPAxeHidden + f.FPUnlisted }

// ourDecision is "passed", "failed" or "" (undecided).
func ourDecision(v ContrastVerdict) string {
	switch v.Outcome {
	case Passed:
		return "passed"
	case Failed:
		return "failed"
	}
	return ""
}

// ourUndecided names why we did not decide: the can't-tell reason, or
// "inapplicable".
func ourUndecided(v ContrastVerdict) string {
	if v.Outcome == CantTell {
		if v.Reason == "" {
			return "cantTell"
		}
		return v.Reason
	}
	return string(v.Outcome)
}

// oracleEnhancedRequired is the AAA ratio for the verdict's text: 7, or 4.5 for
// large text (whose AA ratio is 3).
func oracleEnhancedRequired(v ContrastVerdict) float64 {
	if v.Required <= 3 {
		return 4.5
	}
	return 7
}

// add counts one page's comparison.
func (f *contrastFigures) add(r contrastPageResult) {
	f.Pages++
	f.AxeNodes += len(r.Pairs) + len(r.Unmatched)
	f.Unmatched += len(r.Unmatched)
	f.ByPath += r.ByPath
	for _, pr := range r.Pairs {
		cls := pr.Axe.class()
		ours := ourDecision(pr.Ours)
		if pr.Ours.Outcome == CantTell {
			f.OursCantTell[ourUndecided(pr.Ours)]++
		}
		if ours == "failed" {
			f.OursFailed++
		}
		switch cls {
		case "passed", "failed":
			f.AxeDecided++
			if cls == "passed" {
				f.AxePassed++
			} else {
				f.AxeFailed++
			}
			switch {
			case ours == "":
				f.WeUndecided[ourUndecided(pr.Ours)]++
			default:
				f.WeDecide++
				if ours == cls {
					f.Agree++
				}
				if cls == "failed" && ours == "failed" {
					f.BothFailed++
				}
				if cls == "failed" && ours == "passed" {
					f.WeOnlyPass++
				}
				if cls == "passed" && ours == "failed" {
					f.FPAxePassed++
				}
			}
		case "hidden":
			f.AxeHidden++
			if ours == "failed" {
				f.FPAxeHidden++
			}
		default:
			f.AxeIncomplete[strings.TrimPrefix(cls, "incomplete:")]++
			if ours == "failed" {
				f.OursFailIncomplet++
			}
		}
		// The enhanced rule: axe-core passes text under the AA ratio
		// (color-contrast fails it), so our AAA verdict does the same.
		if pr.Enh != nil && ours != "" && (pr.Enh.Outcome == "passed" || pr.Enh.Outcome == "failed") && pr.Enh.messageKey() != "hidden" {
			oursEnh := "passed"
			if pr.Ours.Ratio >= pr.Ours.Required && pr.Ours.Ratio < oracleEnhancedRequired(pr.Ours) {
				oursEnh = "failed"
			}
			f.EnhBoth++
			if oursEnh == pr.Enh.Outcome {
				f.EnhAgree++
			}
		}
	}
	f.OursFailed += len(r.OursOnly)
	f.FPUnlisted += len(r.OursOnly)
}

// contrastFiguresOf sums the comparisons per part and over all ("all").
func contrastFiguresOf(results []contrastPageResult) map[string]*contrastFigures {
	out := map[string]*contrastFigures{"all": newContrastFigures()}
	for _, r := range results {
		if out[r.Part] == nil {
			out[r.Part] = newContrastFigures()
		}
		out[r.Part].add(r)
		out["all"].add(r)
	}
	return out
}

// contrastParts lists the parts of the figures in the corpus's order,
// then "all".
func contrastParts(figs map[string]*contrastFigures) []string {
	order := map[string]int{"gds": 0, "report": 1, "govuk": 2, "bootstrap": 3, "gen": 4, "all": 99}
	var parts []string
	for k := range figs {
		parts = append(parts, k)
	}
	sort.Slice(parts, func(i, j int) bool {
		oi, ok := order[parts[i]]
		if !ok {
			oi = 50
		}
		oj, ok := order[parts[j]]
		if !ok {
			oj = 50
		}
		if oi != oj {
			return oi < oj
		}
		return parts[i] < parts[j]
	})
	return parts
}

func pct(f float64) string { return fmt.Sprintf("%5.1f%%", 100*f) }

// contrastTable formats the figures: one row per part, then the outcomes'
// reasons.
func contrastTable(figs map[string]*contrastFigures) string {
	var b strings.Builder
	parts := contrastParts(figs)
	fmt.Fprintf(&b, "%-10s %5s %6s %6s | %6s %6s %6s %6s | %7s %7s %7s %7s | %6s %6s %6s %6s %6s %6s\n",
		"part", "pages", "axe", "unmat", "pass", "fail", "hidden", "incomp", "agree", "decided", "recall", "precis",
		"ours F", "FP:ps", "FP:hid", "FP:unl", "F:inc", "AAA")
	for _, part := range parts {
		f := figs[part]
		inc := 0
		for _, n := range f.AxeIncomplete {
			inc += n
		}
		fmt.Fprintf(&b, "%-10s %5d %6d %6d | %6d %6d %6d %6d | %7s %7s %7s %7s | %6d %6d %6d %6d %6d %6s\n",
			part, f.Pages, f.AxeNodes, f.Unmatched, f.AxePassed, f.AxeFailed, f.AxeHidden, inc,
			pct(f.agreement()), pct(f.decided()), pct(f.recall()), pct(f.precision()),
			f.OursFailed, f.FPAxePassed, f.FPAxeHidden, f.FPUnlisted, f.OursFailIncomplet, pct(contrastRate(f.EnhAgree, f.EnhBoth)))
	}
	all := figs["all"]
	listed := all.AxeNodes - all.Unmatched
	fmt.Fprintf(&b, "\nwhy undecided, over the %d elements axe-core listed that we matched:\n", listed)
	fmt.Fprintf(&b, "  %-28s %6s %7s    %-28s %6s %7s\n", "axe-core incomplete (key)", "n", "rate", "ours can't tell (reason)", "n", "rate")
	left, right := sortedCounts(all.AxeIncomplete), sortedCounts(all.OursCantTell)
	for i := 0; i < max(len(left), len(right)); i++ {
		l, r := "", ""
		if i < len(left) {
			l = fmt.Sprintf("%-28s %6d %7s", left[i].k, left[i].n, pct(contrastRate(left[i].n, listed)))
		} else {
			l = fmt.Sprintf("%-28s %6s %7s", "", "", "")
		}
		if i < len(right) {
			r = fmt.Sprintf("%-28s %6d %7s", right[i].k, right[i].n, pct(contrastRate(right[i].n, listed)))
		}
		fmt.Fprintf(&b, "  %s    %s\n", l, r)
	}
	if len(all.WeUndecided) > 0 {
		fmt.Fprintf(&b, "where axe-core decides and we do not (%d):", all.AxeDecided-all.WeDecide)
		for _, kv := range sortedCounts(all.WeUndecided) {
			fmt.Fprintf(&b, " %s %d;", kv.k, kv.n)
		}
		b.WriteString("\n")
	}
	return b.String()
}

type countKV struct {
	k string
	n int
}

func sortedCounts(m map[string]int) []countKV {
	var out []countKV
	for k, n := range m {
		out = append(out, countKV{k, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].n != out[j].n {
			return out[i].n > out[j].n
		}
		return out[i].k < out[j].k
	})
	return out
}

// contrastDisagreements lists up to limit elements where both engines
// decide and disagree, the worst first (the furthest apart in ratio),
// and up to limit of our false positives.
func contrastDisagreements(results []contrastPageResult, limit int) (worst, fps []string) {
	type item struct {
		score float64
		text  string
	}
	var ws, fps2 []item
	for _, r := range results {
		for _, pr := range r.Pairs {
			cls, ours := pr.Axe.class(), ourDecision(pr.Ours)
			axe := fmt.Sprintf("axe %s %s on %s ratio %.2f (needs %s) font %s %s%s", cls, pr.Axe.str("fgColor"), pr.Axe.str("bgColor"),
				pr.Axe.num("contrastRatio"), pr.Axe.str("expectedContrastRatio"), pr.Axe.str("fontSize"), pr.Axe.str("fontWeight"), keySuffix(pr.Axe))
			line := fmt.Sprintf("%s %s\n\t%s\n\t%s\n\t%s", r.ID, pr.Target, axe, describeVerdict(pr.Ours), pr.HTML)
			switch {
			case (cls == "passed" || cls == "failed") && ours != "" && ours != cls:
				d := math.Abs(math.Log(math.Max(pr.Ours.Ratio, 1)) - math.Log(math.Max(pr.Axe.num("contrastRatio"), 1)))
				ws = append(ws, item{d, line})
				if ours == "failed" {
					fps2 = append(fps2, item{d, line})
				}
			case cls == "hidden" && ours == "failed":
				fps2 = append(fps2, item{0, line})
			}
		}
		for _, o := range r.OursOnly {
			fps2 = append(fps2, item{0, fmt.Sprintf("%s %s (axe-core never listed it)\n\t%s\n\t%s", r.ID, o.Selector, describeVerdict(o.Ours), o.Snippet)})
		}
	}
	pick := func(items []item) []string {
		sort.SliceStable(items, func(i, j int) bool { return items[i].score > items[j].score })
		var out []string
		for _, it := range items[:min(limit, len(items))] {
			out = append(out, it.text)
		}
		return out
	}
	return pick(ws), pick(fps2)
}

func keySuffix(r *axeResult) string {
	if k := r.messageKey(); k != "" {
		return " [" + k + "]"
	}
	return ""
}

func describeVerdict(v ContrastVerdict) string {
	s := "ours " + string(v.Outcome)
	if v.Reason != "" {
		s += " (" + v.Reason + ")"
	}
	if v.Outcome == Passed || v.Outcome == Failed || v.Ratio > 0 {
		bold := ""
		if v.Bold {
			bold = " bold"
		}
		s += fmt.Sprintf(" %s on %s ratio %.2f (needs %g) font %.4gpx%s", v.FG, v.BG, v.Ratio, v.Required, v.SizePx, bold)
	}
	return s
}

// contrastRatchet is what contrastRatchetFile holds: the figures over
// every part but the volatile ones, which may not fall.
type contrastRatchet struct {
	Agreement float64 `json:"agreement"`
	Decided   float64 `json:"decided"`
	Recall    float64 `json:"recall"`
	Precision float64 `json:"precision"`
}

// judgeContrastCorpus parses every page of the oracle with its
// stylesheets and compares. Pages the oracle does not hold, pages it
// could not load and pages changed since it was recorded are left out
// and returned apart.
func judgeContrastCorpus(t testing.TB, parts []*contrastPart, o *contrastOracle, verdict contrastVerdictFunc) (results []contrastPageResult, missing, failed, stale []string) {
	t.Helper()
	loader := contrastLoader(parts)
	for _, cp := range parts {
		src := css.NewCache(loader) // one per site: its pages share their stylesheets
		for _, pg := range cp.pages {
			id := cp.id(pg)
			op := o.Pages[id]
			switch {
			case op == nil:
				missing = append(missing, id)
				continue
			case op.Error != "":
				failed = append(failed, id+": "+op.Error)
				continue
			}
			if sum, err := cp.hash(pg); err != nil {
				t.Fatal(err)
			} else if sum != op.SHA256 {
				stale = append(stale, id)
				continue
			}
			body, err := fs.ReadFile(cp.fsys, pg)
			if err != nil {
				t.Fatal(err)
			}
			p, err := ParseStyled(body, "text/html", "http://"+cp.host()+"/"+pg, src)
			if err != nil {
				t.Errorf("%s: %v", id, err)
				continue
			}
			r := contrastCompare(p, op.Nodes, verdict)
			r.Part, r.ID = cp.name, id
			results = append(results, r)
		}
		if err := src.Err(); err != nil {
			t.Errorf("%s: %v", cp.name, err)
		}
	}
	return results, missing, failed, stale
}

// TestContrastOracle compares councilbench's contrast verdicts with
// axe-core's in Chromium over the corpus, element by element: the
// agreement where both decide, the share of axe-core's decisions we make,
// the recall of axe-core's failures, our false positives, and the reasons
// each engine gives for not deciding, per part and overall (-v prints the
// tables and the worst disagreements). The figures may not fall below the
// ratchet (-update rewrites it); the bars are enforced once
// contrastBarsMet is true. -contrast.oracle runs axe-core again and
// rewrites the oracle; -contrast.gen N compares N generated pages,
// running Chromium for those the oracle does not hold.
func TestContrastOracle(t *testing.T) {
	if testing.Short() {
		t.Skip("parses hundreds of pages with their stylesheets")
	}
	parts := contrastCorpus(t, *contrastGen)
	var ids []string
	for _, cp := range parts {
		for _, pg := range cp.pages {
			ids = append(ids, cp.id(pg))
		}
	}
	var o *contrastOracle
	if *contrastRegen {
		o = runContrastOracle(t, parts, ids)
		o.Gen = *contrastGen
		if err := writeContrastOracle(contrastOracleFile, o); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(contrastOracleFile); err == nil {
			t.Logf("wrote %s: %d pages, %d KB", contrastOracleFile, len(o.Pages), fi.Size()>>10)
		}
	} else {
		var err error
		o, err = readContrastOracle(contrastOracleFile)
		if err != nil {
			t.Fatalf("%v (go test ./scoring -run ContrastOracle -contrast.oracle records it)", err)
		}
		var extra []string
		for _, id := range ids {
			if o.Pages[id] == nil && strings.HasPrefix(id, "gen/") {
				extra = append(extra, id)
			}
		}
		if len(extra) > 0 {
			// More generated pages than the oracle holds: ask Chromium
			// about the rest, without recording them.
			more := runContrastOracle(t, parts, extra)
			for id, op := range more.Pages {
				o.Pages[id] = op
			}
		}
	}
	t.Logf("oracle: axe-core %s in Chromium %s at %s", o.Axe, o.Chromium, o.Viewport)
	if o.Axe != axeCoreVersion {
		t.Errorf("the oracle was recorded with axe-core %s, the pinned one is %s: run -contrast.oracle", o.Axe, axeCoreVersion)
	}

	results, missing, failed, stale := judgeContrastCorpus(t, parts, o, (*Page).Contrast)
	for _, id := range missing {
		t.Errorf("%s: not in the oracle (go test ./scoring -run ContrastOracle -contrast.oracle)", id)
	}
	for _, e := range failed {
		t.Errorf("the oracle could not load %s", e)
	}
	if len(stale) > 0 {
		// Another change to a page (the report's goldens change with the
		// report) leaves its record stale: such pages are left out here,
		// and TestContrastOracleFresh, in CI, says whether axe-core's
		// results changed with them.
		t.Logf("%d pages changed since the oracle was recorded, left out (go test ./scoring -run ContrastOracle -contrast.oracle): %s",
			len(stale), strings.Join(stale[:min(len(stale), 10)], ", "))
	}

	figs := contrastFiguresOf(results)
	all := figs["all"]
	t.Logf("councilbench's contrast verdicts against axe-core %s's color-contrast in Chromium %s, element by element:\n%s", o.Axe, o.Chromium, contrastTable(figs))
	t.Logf("overall: agreement %s where both decide (%d of %d), decided %s of axe-core's decisions (%d of %d), recall %s of axe-core's failures (%d of %d), %d false positives (%d axe-core passed, %d it found hidden, %d it never listed)",
		pct(all.agreement()), all.Agree, all.WeDecide, pct(all.decided()), all.WeDecide, all.AxeDecided, pct(all.recall()), all.BothFailed, all.AxeFailed,
		all.falsePositives(), all.FPAxePassed, all.FPAxeHidden, all.FPUnlisted)
	worst, fps := contrastDisagreements(results, 20)
	if len(worst) > 0 {
		t.Logf("the worst %d disagreements where both decide:\n%s", len(worst), strings.Join(worst, "\n"))
	}
	if len(fps) > 0 {
		t.Logf("%d of our false positives:\n%s", len(fps), strings.Join(fps, "\n"))
	}
	if all.ByPath > 0 {
		t.Logf("%d of axe-core's targets named several elements (in Chromium too) and were matched by their path", all.ByPath)
	}
	if all.AxeNodes > 0 && contrastRate(all.Unmatched, all.AxeNodes) > 0.02 {
		t.Errorf("%d of axe-core's %d targets match no element or several in our tree: the two parsers disagree, or the pages changed", all.Unmatched, all.AxeNodes)
	}

	bars := []struct {
		name      string
		got, want float64
	}{{"agreement where both decide", all.agreement(), contrastBarAgreement}, {"decided share", all.decided(), contrastBarDecided}, {"recall", all.recall(), contrastBarRecall}}
	for _, b := range bars {
		switch {
		case b.got >= b.want:
			t.Logf("bar met: %s %s (bar %s)", b.name, pct(b.got), pct(b.want))
		case contrastBarsMet:
			t.Errorf("%s %s, below the bar of %s", b.name, pct(b.got), pct(b.want))
		default:
			t.Logf("bar not yet met (contrastBarsMet is false): %s %s, the bar is %s", b.name, pct(b.got), pct(b.want))
		}
	}
	// The ratchet holds the parts whose pages change only with the
	// corpus: the report's pages change with the report, and a change to
	// them would move the figures without any change to the engine.
	held := newContrastFigures()
	staleHeld := 0
	for _, r := range results {
		if !contrastVolatile[r.Part] {
			held.add(r)
		}
	}
	for _, id := range stale {
		if part, _, _ := strings.Cut(id, "/"); !contrastVolatile[part] {
			staleHeld++
		}
	}
	switch {
	case *contrastGen != contrastGenDefault:
		t.Logf("the ratchet holds the default %d generated pages: not checked", contrastGenDefault)
	case staleHeld > 0:
		t.Errorf("%d pages of the corpus changed since the oracle was recorded: run -contrast.oracle", staleHeld)
	default:
		checkContrastRatchet(t, held)
	}
}

// contrastVolatile are the parts of the corpus whose pages change with
// other work (the report's goldens), which the ratchet does not hold.
var contrastVolatile = map[string]bool{"report": true}

// axeCoreVersion is the pinned axe-core of tools/axe/package.json.
const axeCoreVersion = "4.14.1"

// checkContrastRatchet holds the figures of the parts that are not
// volatile: they may not fall; -update records them.
func checkContrastRatchet(t *testing.T, all *contrastFigures) {
	t.Helper()
	got := contrastRatchet{Agreement: round3(all.agreement()), Decided: round3(all.decided()), Recall: round3(all.recall()), Precision: round3(all.precision())}
	if *update {
		data, _ := json.MarshalIndent(got, "", "  ")
		if err := os.WriteFile(contrastRatchetFile, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(contrastRatchetFile)
	if err != nil {
		t.Fatalf("%v (run with -update to record the figures)", err)
	}
	var want contrastRatchet
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"agreement", got.Agreement, want.Agreement}, {"decided", got.Decided, want.Decided}, {"recall", got.Recall, want.Recall}, {"precision", got.Precision, want.Precision}} {
		if c.got < c.want {
			t.Errorf("contrast against axe-core fell: %s %.3f, the ratchet holds %.3f (-update records better figures)", c.name, c.got, c.want)
		}
	}
}

// TestContrastOracleFresh runs axe-core in Chromium again over a seeded
// sample of the corpus (and over every page changed since the oracle was
// recorded) and checks that its results still match the oracle: that
// neither the corpus nor axe-core nor Chromium has moved under it. A
// changed page of a volatile part (the report's) is only logged, as
// TestContrastOracle leaves it out. It needs Chromium, and skips without
// it except in CI.
func TestContrastOracleFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Chromium")
	}
	o, err := readContrastOracle(contrastOracleFile)
	if err != nil {
		t.Fatal(err)
	}
	parts := contrastCorpus(t, o.Gen)
	var ids, changed []string
	for _, cp := range parts {
		for _, pg := range cp.pages {
			id := cp.id(pg)
			ids = append(ids, id)
			if op := o.Pages[id]; op != nil {
				if sum, _ := cp.hash(pg); sum != op.SHA256 {
					changed = append(changed, id)
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(17, 0))
	rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	sample := append(ids[:min(contrastFreshSample, len(ids))], changed[:min(len(changed), 40)]...)
	sample = dedupe(sample)
	fresh := runContrastOracle(t, parts, sample)
	if fresh.Axe != o.Axe || fresh.Chromium != o.Chromium {
		t.Logf("the oracle was recorded with axe-core %s in Chromium %s; this run has axe-core %s in Chromium %s", o.Axe, o.Chromium, fresh.Axe, fresh.Chromium)
	}
	isChanged := map[string]bool{}
	for _, id := range changed {
		isChanged[id] = true
	}
	for _, id := range sample {
		diff := diffOraclePages(o.Pages[id], fresh.Pages[id])
		if diff == "" {
			continue
		}
		// A page of a volatile part that changed (a report golden) is left
		// out of TestContrastOracle until the oracle is recorded again: no
		// failure for the work that changed it. Anything else that differs
		// is the oracle gone stale: the corpus, axe-core or Chromium moved.
		part, _, _ := strings.Cut(id, "/")
		if isChanged[id] && contrastVolatile[part] {
			t.Logf("%s changed, and so did axe-core's results on it (left out of TestContrastOracle until -contrast.oracle):\n%s", id, diff)
			continue
		}
		t.Errorf("%s: axe-core's results differ from the oracle's (go test ./scoring -run ContrastOracle -contrast.oracle):\n%s", id, diff)
	}
	if len(changed) > 0 {
		t.Logf("%d pages changed since the oracle was recorded; -contrast.oracle records them again", len(changed))
	}
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// diffOraclePages describes how two records of a page differ (targets,
// outcomes, colours, ratios, message keys); "" when they do not.
func diffOraclePages(want, got *oraclePage) string {
	if want == nil {
		return "not in the oracle"
	}
	if got == nil {
		return "not run"
	}
	var b strings.Builder
	if want.Error != got.Error {
		fmt.Fprintf(&b, "  error: oracle %q, now %q\n", want.Error, got.Error)
	}
	keys := map[string]bool{}
	for k := range want.Nodes {
		keys[k] = true
	}
	for k := range got.Nodes {
		keys[k] = true
	}
	var sorted []string
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	summary := func(r *axeResult) string {
		if r == nil {
			return "-"
		}
		return fmt.Sprintf("%s %s/%s %v %s %s %s", r.Outcome, r.str("fgColor"), r.str("bgColor"), r.Data["contrastRatio"], r.str("fontSize"), r.str("fontWeight"), r.messageKey())
	}
	n := 0
	for _, k := range sorted {
		w, g := want.Nodes[k], got.Nodes[k]
		if w == nil {
			w = &oracleNode{}
		}
		if g == nil {
			g = &oracleNode{}
		}
		for _, rr := range []struct {
			rule string
			w, g *axeResult
		}{{"color-contrast", w.Contrast, g.Contrast}, {"color-contrast-enhanced", w.Enhanced, g.Enhanced}, {"link-in-text-block", w.Link, g.Link}} {
			if ws, gs := summary(rr.w), summary(rr.g); ws != gs {
				if n++; n <= 10 {
					fmt.Fprintf(&b, "  %s %s: oracle %s, now %s\n", k, rr.rule, ws, gs)
				}
			}
		}
	}
	if n > 10 {
		fmt.Fprintf(&b, "  and %d more\n", n-10)
	}
	return b.String()
}
