package scoring

import (
	"io/fs"
	"maps"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/councilbench/councilbench/css"
)

// The contrast harness's own tests: that it matches axe-core's targets to
// the right elements and counts what it should, with fake verdicts, so
// that its figures can be trusted whatever the engine says.

// fakeVerdicts judges elements by their id; Inapplicable for the rest.
func fakeVerdicts(byID map[string]ContrastVerdict) contrastVerdictFunc {
	return func(p *Page, e *Element) ContrastVerdict {
		if id, ok := e.Attr("id"); ok {
			if v, ok := byID[id]; ok {
				return v
			}
		}
		return ContrastVerdict{Outcome: Inapplicable}
	}
}

func axeNode(outcome, key string, ratio float64) *oracleNode {
	data := map[string]any{"contrastRatio": ratio, "fgColor": "#777777", "bgColor": "#ffffff", "fontSize": "12.0pt (16px)", "fontWeight": "normal"}
	if key != "" {
		data["messageKey"] = key
	}
	return &oracleNode{Contrast: &axeResult{Outcome: outcome, Data: data}}
}

// TestContrastCompare matches a hand-made page's axe-core targets: one
// element each is compared, a target that names several is matched by its
// path when the oracle gives one, a target that names none or several is
// counted apart, a node only other rules listed is not color-contrast's,
// and our failures on elements axe-core never listed are found by the
// walk.
func TestContrastCompare(t *testing.T) {
	const page = `<!doctype html><html lang="en"><head><title>t</title></head><body>
<p id="a">Passes</p><p id="b">Fails</p><p class="dup">One</p><p class="dup">Two</p>
<p id="c">Only we fail it</p><p id="d">Hidden to axe-core</p><p id="e">On an image</p><p id="f"><a href="#">Link</a></p>
</body></html>`
	p, err := Parse([]byte(page), "text/html", "http://x.contrast.test/p.html")
	if err != nil {
		t.Fatal(err)
	}
	nodes := map[string]*oracleNode{
		"#a":                 axeNode("passed", "", 7),
		"#b":                 axeNode("failed", "", 2.5),
		".dup":               axeNode("passed", "", 21), // names two elements: counted apart
		"p.dup:nth-child(4)": {Path: ":root > body:nth-child(2) > p:nth-child(4)", Contrast: &axeResult{Outcome: "passed"}},
		"[class]":            {Path: ":root > body:nth-child(2) > p:nth-child(3)", Contrast: &axeResult{Outcome: "passed"}}, // found by its path
		"#zzz":               axeNode("passed", "", 21),
		"#d":                 axeNode("passed", "hidden", 0),
		"#e":                 axeNode("incomplete", "bgImage", 0),
		"#f a":               {Link: &axeResult{Outcome: "failed"}}, // link-in-text-block only
		"p[":                 axeNode("passed", "", 21),             // no selector cascadia can read
	}
	verdicts := map[string]ContrastVerdict{
		"a": {Outcome: Passed, Ratio: 7, Required: 4.5},
		"b": {Outcome: Failed, Ratio: 2.5, Required: 4.5},
		"c": {Outcome: Failed, Ratio: 1.5, Required: 4.5},
		"d": {Outcome: Failed, Ratio: 1.5, Required: 4.5},
		"e": {Outcome: CantTell, Reason: CantBGImage},
	}
	r := contrastCompare(p, nodes, fakeVerdicts(verdicts))
	var got []string
	for _, pr := range r.Pairs {
		got = append(got, pr.Target+"="+string(pr.Ours.Outcome))
	}
	if want := []string{"#a=passed", "#b=failed", "#d=failed", "#e=cantTell", "[class]=inapplicable", "p.dup:nth-child(4)=inapplicable"}; !slices.Equal(got, want) {
		t.Errorf("pairs: got %v, want %v", got, want)
	}
	if want := []string{"#zzz", ".dup", "p["}; !slices.Equal(r.Unmatched, want) {
		t.Errorf("unmatched: got %v, want %v", r.Unmatched, want)
	}
	if len(r.OursOnly) != 1 || r.OursOnly[0].Selector != "#c" {
		t.Errorf("ours only: got %+v, want #c", r.OursOnly)
	}

	r.Part, r.ID = "test", "test/p.html"
	f := contrastFiguresOf([]contrastPageResult{r})["all"]
	want := &contrastFigures{
		Pages: 1, AxeNodes: 9, Unmatched: 3, ByPath: 1, AxePassed: 3, AxeFailed: 1, AxeHidden: 1, AxeIncomplete: map[string]int{"bgImage": 1},
		AxeDecided: 4, WeDecide: 2, Agree: 2, BothFailed: 1, WeUndecided: map[string]int{"inapplicable": 2},
		OursFailed: 3, FPAxeHidden: 1, FPUnlisted: 1, OursCantTell: map[string]int{CantBGImage: 1},
	}
	checkFigures(t, "hand-made page", f, want)
	if got := f.precision(); got < 0.333 || got > 0.334 {
		t.Errorf("precision: got %.3f, want 1/3 (one of our three failures is axe-core's)", got)
	}
	worst, fps := contrastDisagreements([]contrastPageResult{r}, 20)
	if len(worst) != 0 || len(fps) != 2 {
		t.Errorf("disagreements: got %d worst and %d false positives, want 0 and 2:\n%s", len(worst), len(fps), strings.Join(append(worst, fps...), "\n"))
	}
}

func checkFigures(t *testing.T, name string, got, want *contrastFigures) {
	t.Helper()
	type kv = map[string]int
	norm := func(m kv) kv {
		if len(m) == 0 {
			return nil
		}
		return m
	}
	g, w := *got, *want
	g.AxeIncomplete, w.AxeIncomplete = nil, nil
	g.WeUndecided, w.WeUndecided = nil, nil
	g.OursCantTell, w.OursCantTell = nil, nil
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s: figures\n got %+v\nwant %+v", name, g, w)
	}
	for _, m := range []struct {
		field     string
		got, want kv
	}{{"axe incomplete", got.AxeIncomplete, want.AxeIncomplete}, {"we undecided", got.WeUndecided, want.WeUndecided}, {"ours can't tell", got.OursCantTell, want.OursCantTell}} {
		if !maps.Equal(norm(m.got), norm(m.want)) {
			t.Errorf("%s: %s: got %v, want %v", name, m.field, m.got, m.want)
		}
	}
}

// TestContrastFigures counts pairs of outcomes into the figures and
// their rates.
func TestContrastFigures(t *testing.T) {
	pass := func(ratio float64) *axeResult {
		return &axeResult{Outcome: "passed", Data: map[string]any{"contrastRatio": ratio}}
	}
	fail := func(ratio float64) *axeResult {
		return &axeResult{Outcome: "failed", Data: map[string]any{"contrastRatio": ratio}}
	}
	incomplete := func(key string) *axeResult {
		return &axeResult{Outcome: "incomplete", Data: map[string]any{"messageKey": key}}
	}
	ours := func(o Outcome, ratio, required float64) ContrastVerdict {
		return ContrastVerdict{Outcome: o, Ratio: ratio, Required: required, FG: css.Color{A: 1}, BG: css.Color{R: 1, G: 1, B: 1, A: 1}}
	}
	for _, tc := range []struct {
		name                       string
		pairs                      []contrastPair
		oursOnly                   int
		want                       *contrastFigures
		agreement, decided, recall float64
	}{
		{name: "nothing", want: &contrastFigures{Pages: 1}},
		{
			name: "agreement where both decide",
			pairs: []contrastPair{
				{Axe: pass(7), Ours: ours(Passed, 7, 4.5)},
				{Axe: fail(2), Ours: ours(Failed, 2, 4.5)},
				{Axe: pass(4.6), Ours: ours(Failed, 4.4, 4.5)}, // a false positive
				{Axe: fail(4.4), Ours: ours(Passed, 4.6, 4.5)}, // a miss
			},
			want: &contrastFigures{Pages: 1, AxeNodes: 4, AxePassed: 2, AxeFailed: 2, AxeDecided: 4, WeDecide: 4, Agree: 2, BothFailed: 1,
				WeOnlyPass: 1, OursFailed: 2, FPAxePassed: 1},
			agreement: 0.5, decided: 1, recall: 0.5,
		},
		{
			name: "axe-core decides, we do not",
			pairs: []contrastPair{
				{Axe: pass(7), Ours: ContrastVerdict{Outcome: CantTell, Reason: CantPositioned}},
				{Axe: fail(2), Ours: ContrastVerdict{Outcome: Inapplicable}},
				{Axe: fail(2), Ours: ours(Failed, 2, 4.5)},
			},
			want: &contrastFigures{Pages: 1, AxeNodes: 3, AxePassed: 1, AxeFailed: 2, AxeDecided: 3, WeDecide: 1, Agree: 1, BothFailed: 1,
				WeUndecided: map[string]int{CantPositioned: 1, "inapplicable": 1}, OursFailed: 1, OursCantTell: map[string]int{CantPositioned: 1}},
			agreement: 1, decided: 1.0 / 3, recall: 0.5,
		},
		{
			name: "axe-core cannot tell, or finds the element hidden",
			pairs: []contrastPair{
				{Axe: incomplete("bgImage"), Ours: ours(Failed, 2, 4.5)},
				{Axe: incomplete(""), Ours: ContrastVerdict{Outcome: CantTell}},
				{Axe: &axeResult{Outcome: "passed", Data: map[string]any{"messageKey": "hidden"}}, Ours: ours(Passed, 9, 4.5)},
			},
			oursOnly: 2,
			want: &contrastFigures{Pages: 1, AxeNodes: 3, AxeHidden: 1, AxeIncomplete: map[string]int{"bgImage": 1, "default": 1},
				OursFailed: 3, FPUnlisted: 2, OursFailIncomplet: 1, OursCantTell: map[string]int{"cantTell": 1}},
		},
		{
			name: "the enhanced rule",
			pairs: []contrastPair{
				// 5:1 passes AA and fails AAA's 7:1, as axe-core finds.
				{Axe: pass(5), Enh: &axeResult{Outcome: "failed"}, Ours: ours(Passed, 5, 4.5)},
				// Large text at 5:1 passes AAA's 4.5:1; axe-core says it fails.
				{Axe: pass(5), Enh: &axeResult{Outcome: "failed"}, Ours: ours(Passed, 5, 3)},
				// Under AA: axe-core's enhanced rule passes it (AA fails it).
				{Axe: fail(3), Enh: &axeResult{Outcome: "passed"}, Ours: ours(Failed, 3, 4.5)},
				// Undecided by us: not counted.
				{Axe: pass(8), Enh: &axeResult{Outcome: "passed"}, Ours: ContrastVerdict{Outcome: CantTell, Reason: CantTextShadow}},
			},
			want: &contrastFigures{Pages: 1, AxeNodes: 4, AxePassed: 3, AxeFailed: 1, AxeDecided: 4, WeDecide: 3, Agree: 3, BothFailed: 1,
				WeUndecided: map[string]int{CantTextShadow: 1}, OursFailed: 1, OursCantTell: map[string]int{CantTextShadow: 1}, EnhBoth: 3, EnhAgree: 2},
			agreement: 1, decided: 0.75, recall: 1,
		},
	} {
		r := contrastPageResult{Part: "p", ID: "p/x.html", Pairs: tc.pairs}
		for range tc.oursOnly {
			r.OursOnly = append(r.OursOnly, contrastOurs{Selector: "p", Ours: ours(Failed, 2, 4.5)})
		}
		figs := contrastFiguresOf([]contrastPageResult{r})
		checkFigures(t, tc.name, figs["all"], tc.want)
		checkFigures(t, tc.name+" (its part)", figs["p"], tc.want)
		f := figs["all"]
		for _, c := range []struct {
			name      string
			got, want float64
		}{{"agreement", f.agreement(), tc.agreement}, {"decided", f.decided(), tc.decided}, {"recall", f.recall(), tc.recall}} {
			if d := c.got - c.want; d > 1e-9 || d < -1e-9 {
				t.Errorf("%s: %s %.4f, want %.4f", tc.name, c.name, c.got, c.want)
			}
		}
	}

	// Parts add up to the whole.
	a := contrastPageResult{Part: "a", Pairs: []contrastPair{{Axe: pass(7), Ours: ours(Passed, 7, 4.5)}}}
	b := contrastPageResult{Part: "b", Pairs: []contrastPair{{Axe: fail(2), Ours: ours(Passed, 5, 4.5)}}}
	figs := contrastFiguresOf([]contrastPageResult{a, b})
	if figs["all"].Pages != 2 || figs["all"].WeDecide != 2 || figs["all"].Agree != 1 || figs["a"].Agree != 1 || figs["b"].Agree != 0 {
		t.Errorf("parts: all %+v, a %+v, b %+v", *figs["all"], *figs["a"], *figs["b"])
	}
	if got := contrastParts(figs); !slices.Equal(got, []string{"a", "b", "all"}) {
		t.Errorf("parts in order: %v", got)
	}
	if table := contrastTable(figs); !strings.Contains(table, "all") || !strings.Contains(table, " 50.0%") {
		t.Errorf("table:\n%s", table)
	}
}

// TestContrastLoader serves the corpus's stylesheets to the cascade as
// the loopback server serves them to Chromium: root-relative paths from
// the part's folder, 404 for what is not there, nothing for other hosts.
func TestContrastLoader(t *testing.T) {
	parts := contrastCorpus(t, 2)
	load := contrastLoader(parts)
	for _, tc := range []struct {
		url    string
		status int // 0: not stored
	}{
		{"http://govuk.contrast.test/stylesheets/govuk-frontend.min.css", 200},
		{"http://bootstrap.contrast.test/css/bootstrap.min.css", 200},
		{"http://gds.contrast.test/tests/../assets/stylesheets/tests.css", 200},
		{"http://gds.contrast.test/assets/stylesheets/nothere.css", 404},
		{"http://gen.contrast.test/1/0-missing.css", 404},
		{"https://cdn.example.com/x.css", 0},
		{"file:///etc/passwd", 0},
	} {
		st, err := load(tc.url)
		switch {
		case err != nil:
			t.Errorf("%s: %v", tc.url, err)
		case tc.status == 0 && st != nil:
			t.Errorf("%s: got a stylesheet, want none", tc.url)
		case tc.status != 0 && (st == nil || st.Status != tc.status):
			t.Errorf("%s: got %+v, want status %d", tc.url, st, tc.status)
		case tc.status == 200 && (len(st.Body) == 0 || !st.Usable() || st.SHA256 == ""):
			t.Errorf("%s: an empty or unusable sheet", tc.url)
		}
	}
	// Every stylesheet a static page links to is there.
	for _, cp := range parts[:4] {
		for _, pg := range cp.pages {
			p, err := Parse(mustRead(t, cp, pg), "text/html", "http://"+cp.host()+"/"+pg)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range p.Elements {
				rel, _ := e.Attr("rel")
				href, ok := e.Attr("href")
				if e.Tag != "link" || !ok || !css.StylesheetLink(rel, attrVal(e.Node, "type")) {
					continue
				}
				u := contrastResolve(p.URL, href)
				if st, _ := load(u); st == nil || st.Status != 200 {
					t.Errorf("%s links to %s, which the corpus does not hold", cp.id(pg), u)
				}
			}
		}
	}
}

func mustRead(t *testing.T, cp *contrastPart, page string) []byte {
	t.Helper()
	b, err := fs.ReadFile(cp.fsys, page)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// contrastResolve resolves a reference against a page's URL.
func contrastResolve(base, ref string) string {
	b, err := url.Parse(base)
	if err != nil {
		return ""
	}
	u, err := b.Parse(strings.TrimSpace(ref))
	if err != nil {
		return ""
	}
	return u.String()
}
