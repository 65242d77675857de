package divide

import (
	"bytes"
	"encoding/csv"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/councilbench/councilbench"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var (
	reportsMu sync.Mutex
	reports   = map[Options]*Report{}
)

// analysed returns the report of testdata/councils.json with opts,
// computed once per test binary.
func analysed(t testing.TB, opts Options) *Report {
	t.Helper()
	reportsMu.Lock()
	defer reportsMu.Unlock()
	if r, ok := reports[opts]; ok {
		return r
	}
	r := Analyse(loadCouncils(t), opts)
	reports[opts] = r
	return r
}

// rRow is one measure's reference values from R.
type rRow struct {
	id                                   string
	nx, ny                               int
	meanX, meanY                         float64
	q1X, medianX, q3X, q1Y, medianY, q3Y float64
	w, p, cliff, pHolm                   float64
}

// TestAnalyseAgainstR checks Analyse on testdata/councils.json end to end
// (groups, measures, summaries, tests, Holm adjustment) against values R
// computed independently from the same JSON file:
//
//	Rscript testdata/reference.R
//
// (base R's quantile(type = 7), wilcox.test(x, y) with its defaults,
// mean(sign(outer(x, y, "-"))) and p.adjust(p, "holm"); the script is in
// testdata). Its output, verbatim:
func TestAnalyseAgainstR(t *testing.T) {
	want := []rRow{
		{"score", 28, 23, 55.039285714285711, 75.947826086956525, 48.5, 55.200000000000003, 60.474999999999994, 69.549999999999997, 76.599999999999994, 81.650000000000006, 28, 2.7579366483184058e-08, -0.91304347826086951, 9.1011909394507393e-07},
		{"stars", 28, 23, 2.2142857142857144, 3.3043478260869565, 2, 2, 2.25, 3, 3, 4, 67.5, 2.32263908223844e-07, -0.79037267080745344, 7.432445063163008e-06},
		{"accessibility-pass", 28, 23, 0.2857142857142857, 0.43478260869565216, 0, 0, 1, 0, 0, 1, 274, 0.27743183438583779, -0.14906832298136646, 1},
		{"task/pay-council-tax/found", 28, 17, 0.6428571428571429, 0.6470588235294118, 0, 1, 1, 0, 1, 1, 237, 0.98873867445265085, -0.0042016806722689074, 1},
		{"task/pay-council-tax/online", 28, 17, 0.21428571428571427, 0.41176470588235292, 0, 0, 0, 0, 0, 1, 191, 0.16565344437623261, -0.19747899159663865, 1},
		{"task/report-missed-bin/found", 28, 17, 0.6785714285714286, 0.70588235294117652, 0, 1, 1, 0, 1, 1, 231.5, 0.86097789927694279, -0.027310924369747899, 1},
		{"task/report-missed-bin/online", 28, 17, 0.21428571428571427, 0.52941176470588236, 0, 0, 0, 0, 1, 1, 163, 0.032718867116629691, -0.31512605042016806, 0.94884714638226098},
		{"task/bin-collection-day/found", 28, 17, 0.6071428571428571, 0.58823529411764708, 0, 1, 1, 0, 1, 1, 242.5, 0.91214744511026258, 0.018907563025210083, 1},
		{"task/bin-collection-day/online", 28, 17, 0.35714285714285715, 0.35294117647058826, 0, 0, 1, 0, 0, 1, 239, 0.98873867445265085, 0.0042016806722689074, 1},
		{"task/planning-applications/found", 28, 17, 0.6785714285714286, 0.70588235294117652, 0, 1, 1, 0, 1, 1, 231.5, 0.86097789927694279, -0.027310924369747899, 1},
		{"task/planning-applications/online", 28, 17, 0.35714285714285715, 0.47058823529411764, 0, 0, 1, 0, 0, 1, 211, 0.46481696605753187, -0.1134453781512605, 1},
		{"task/apply-housing/found", 28, 17, 0.6071428571428571, 0.70588235294117652, 0, 1, 1, 0, 1, 1, 214.5, 0.51616738324875544, -0.098739495798319324, 1},
		{"task/apply-housing/online", 28, 17, 0.25, 0.58823529411764708, 0, 0, 0.25, 0, 1, 1, 157.5, 0.025769775846721008, -0.33823529411764708, 0.7730932754016302},
		{"task/find-councillor/found", 28, 17, 0.5714285714285714, 0.76470588235294112, 0, 1, 1, 1, 1, 1, 192, 0.19899689575645674, -0.19327731092436976, 1},
		{"task/find-councillor/online", 28, 17, 0.21428571428571427, 0.52941176470588236, 0, 0, 0, 0, 1, 1, 163, 0.032718867116629691, -0.31512605042016806, 0.94884714638226098},
		{"task/report-fly-tipping/found", 28, 17, 0.7142857142857143, 0.82352941176470584, 0, 1, 1, 1, 1, 1, 212, 0.42267807417063546, -0.1092436974789916, 1},
		{"task/report-fly-tipping/online", 28, 17, 0.14285714285714285, 0.58823529411764708, 0, 0, 0, 0, 1, 1, 132, 0.0020744590124804458, -0.44537815126050423, 0.064308229386893817},
		{"task/register-to-vote/found", 28, 17, 0.6071428571428571, 0.88235294117647056, 0, 1, 1, 1, 1, 1, 172.5, 0.052641856891714189, -0.27521008403361347, 1},
		{"task/register-to-vote/online", 28, 17, 0.17857142857142858, 0.47058823529411764, 0, 0, 0, 0, 0, 1, 168.5, 0.039676662939637848, -0.29201680672268909, 1},
		{"mobile", 28, 23, 0.6428571428571429, 0.78260869565217395, 0, 1, 1, 1, 1, 1, 277, 0.28589331594174316, -0.13975155279503104, 1},
		{"https", 28, 23, 0.9642857142857143, 0.95652173913043481, 1, 1, 1, 1, 1, 1, 324.5, 0.91035783273485438, 0.007763975155279503, 1},
		{"page-weight", 28, 23, 252994.39285714287, 200626.08695652173, 156749, 214644.5, 345657, 150022, 187259, 236080.5, 395, 0.17140412888208606, 0.2267080745341615, 1},
		{"pdf-share", 27, 21, 0.76696296296296296, 0.74909523809523815, 0.69049999999999989, 0.78400000000000003, 0.84050000000000002, 0.58299999999999996, 0.755, 0.90800000000000003, 286, 0.96684432671544485, 0.0088183421516754845, 1},
		{"rule/image-alt/fails", 28, 23, 0.42857142857142855, 0.52173913043478259, 0, 0, 1, 0, 1, 1, 292, 0.51840066608121482, -0.093167701863354033, 1},
		{"rule/image-alt/rate", 28, 23, 0.12571428571428572, 0.074782608695652175, 0, 0, 0.27000000000000002, 0, 0.01, 0.13500000000000001, 333.5, 0.82147781505050743, 0.035714285714285712, 1},
		{"rule/link-name/fails", 28, 23, 0.5, 0.34782608695652173, 0, 0.5, 1, 0, 0, 1, 371, 0.28459747752856757, 0.15217391304347827, 1},
		{"rule/link-name/rate", 28, 23, 0.13178571428571428, 0.076521739130434779, 0, 0.01, 0.27750000000000002, 0, 0, 0.089999999999999997, 382, 0.21250439224358689, 0.18633540372670807, 1},
		{"rule/label/fails", 28, 23, 0.5357142857142857, 0.30434782608695654, 0, 1, 1, 0, 0, 1, 396.5, 0.10254235055697559, 0.23136645962732919, 1},
		{"rule/label/rate", 28, 23, 0.11107142857142857, 0.050000000000000003, 0, 0.070000000000000007, 0.17999999999999999, 0, 0, 0.084999999999999992, 403.5, 0.089632211519973942, 0.25310559006211181, 1},
		{"rule/document-title/fails", 28, 23, 0.5, 0.21739130434782608, 0, 0.5, 1, 0, 0, 0, 413, 0.040819799181940425, 0.28260869565217389, 1},
		{"rule/document-title/rate", 28, 23, 0.10642857142857143, 0.051304347826086956, 0, 0.0050000000000000001, 0.155, 0, 0, 0, 409.5, 0.057717707900457237, 0.27173913043478259, 1},
		{"rule/html-has-lang/fails", 17, 15, 0.47058823529411764, 0.33333333333333331, 0, 0, 1, 0, 0, 1, 145, 0.45067213715216381, 0.13725490196078433, 1},
		{"rule/html-has-lang/rate", 17, 15, 0.1423529411764706, 0.062, 0, 0, 0.28000000000000003, 0, 0, 0.095000000000000001, 155.5, 0.24264192521577374, 0.2196078431372549, 1},
	}
	r := analysed(t, Options{})
	var got []*Measure
	for i := range r.Measures {
		if r.Measures[i].Compare != nil {
			got = append(got, &r.Measures[i])
		}
	}
	if len(got) != len(want) {
		var ids []string
		for _, m := range got {
			ids = append(ids, m.ID)
		}
		t.Fatalf("measures compared: got %d (%v), want %d", len(got), ids, len(want))
	}
	for i, w := range want {
		m := got[i]
		if m.ID != w.id {
			t.Errorf("measure %d: got %s, want %s", i, m.ID, w.id)
			continue
		}
		sx, sy, c := m.Group(GroupShire), m.Group(GroupLarger), m.Compare
		if sx.N != w.nx || sy.N != w.ny {
			t.Errorf("%s: got n %d and %d, want %d and %d", m.ID, sx.N, sy.N, w.nx, w.ny)
		}
		pairs := []struct {
			name      string
			got, want float64
		}{
			{"mean x", sx.Mean, w.meanX}, {"mean y", sy.Mean, w.meanY},
			{"q1 x", sx.Q1, w.q1X}, {"median x", sx.Median, w.medianX}, {"q3 x", sx.Q3, w.q3X},
			{"q1 y", sy.Q1, w.q1Y}, {"median y", sy.Median, w.medianY}, {"q3 y", sy.Q3, w.q3Y},
			{"W", c.W, w.w}, {"p", c.P, w.p}, {"Cliff's delta", c.CliffsDelta, w.cliff}, {"Holm p", c.PHolm, w.pHolm},
			{"mean difference", c.MeanDiff, w.meanX - w.meanY}, {"median difference", c.MedianDiff, w.medianX - w.medianY},
		}
		for _, p := range pairs {
			if !near(p.got, p.want, 1e-9) {
				t.Errorf("%s: %s = %.17g, want %.17g", m.ID, p.name, p.got, p.want)
			}
		}
		if !(c.MeanLo <= c.MeanDiff && c.MeanDiff <= c.MeanHi) {
			t.Errorf("%s: mean difference %v outside its interval %v to %v", m.ID, c.MeanDiff, c.MeanLo, c.MeanHi)
		}
	}
}

// render writes r in every format.
func render(t *testing.T, r *Report) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for ext, write := range map[string]func(*bytes.Buffer) error{
		"txt":  func(b *bytes.Buffer) error { return r.WriteText(b) },
		"md":   func(b *bytes.Buffer) error { return r.WriteMarkdown(b) },
		"json": func(b *bytes.Buffer) error { return r.WriteJSON(b) },
		"csv":  func(b *bytes.Buffer) error { return r.WriteCSV(b) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatalf("writing %s: %v", ext, err)
		}
		out[ext] = b.Bytes()
	}
	return out
}

// TestGolden compares the report of the fixed synthetic survey, in every
// format, with testdata/golden; go test ./divide -update rewrites them.
func TestGolden(t *testing.T) {
	for _, tt := range []struct {
		name string
		opts Options
	}{
		{"england", Options{}},
		{"all-nations", Options{AllNations: true}},
	} {
		got := render(t, analysed(t, tt.opts))
		for _, ext := range []string{"txt", "md", "json", "csv"} {
			path := filepath.Join("testdata", "golden", tt.name+"."+ext)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got[ext], 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./divide -update)", err)
			}
			if !bytes.Equal(got[ext], want) {
				t.Errorf("%s differs from the golden file (go test ./divide -update rewrites it); got:\n%s", path, got[ext])
			}
		}
	}
}

// TestReproducible checks that the bootstrap gives the same output run to
// run, whatever the order of the councils.
func TestReproducible(t *testing.T) {
	cs := loadCouncils(t)
	a := render(t, analysed(t, Options{}))
	rev := slices.Clone(cs)
	slices.Reverse(rev)
	b := render(t, Analyse(rev, Options{}))
	for ext := range a {
		if !bytes.Equal(a[ext], b[ext]) {
			t.Errorf("%s output differs between runs (councils reversed)", ext)
		}
	}
	few := render(t, Analyse(cs, Options{Resamples: 500}))
	other := render(t, Analyse(cs, Options{Seed: 99, Resamples: 500}))
	if bytes.Equal(few["json"], other["json"]) {
		t.Error("another seed gave the same bootstrap intervals")
	}
}

func TestUnassessedCountedAndListed(t *testing.T) {
	r := analysed(t, Options{})
	var got []string
	for _, u := range r.Unassessed {
		got = append(got, u.Code+" "+u.Reason)
	}
	want := []string{"LC10 dns", "SD07 bot-protection", "SD19 +cmd|' /C calc'!A0"}
	if !slices.Equal(got, want) {
		t.Errorf("unassessed: got %q, want %q", got, want)
	}
	shire, larger := r.group(GroupShire), r.group(GroupLarger)
	if shire.Councils != 30 || shire.Assessed != 28 || shire.NotAssessed != 2 {
		t.Errorf("shire districts: got %+v, want 30 councils, 28 assessed, 2 not", *shire)
	}
	if larger.Councils != 24 || larger.Assessed != 23 || larger.NotAssessed != 1 {
		t.Errorf("larger councils: got %+v, want 24 councils, 23 assessed, 1 not", *larger)
	}
	// Outside the analysis without AllNations, counted by nation.
	wantOut := []Count{{"Northern Ireland", 2}, {"Scotland", 3}, {"Wales", 3}}
	if !slices.Equal(r.OutOfScope, wantOut) || r.InScope != 54 || r.Councils != 62 {
		t.Errorf("scope: got %d of %d in, out %v; want 54 of 62, out %v", r.InScope, r.Councils, r.OutOfScope, wantOut)
	}
	// With AllNations, NI2 is listed too.
	all := analysed(t, Options{AllNations: true})
	if len(all.Unassessed) != 4 || len(all.OutOfScope) != 0 || all.InScope != 62 {
		t.Errorf("all nations: got %d unassessed, out %v, %d in scope; want 4, none, 62", len(all.Unassessed), all.OutOfScope, all.InScope)
	}
	// Every format lists them.
	for ext, b := range render(t, r) {
		for _, code := range []string{"LC10", "SD07", "SD19"} {
			if !bytes.Contains(b, []byte(code)) {
				t.Errorf("%s output does not list %s", ext, code)
			}
		}
	}
}

func TestEachCouncilOnce(t *testing.T) {
	c := Council{Code: "AAA", Name: "A", Tier: councilbench.TierShireDistrict, Nation: "England", Assessed: true, Score: 50, Stars: 2}
	d := Council{Code: "BBB", Name: "B", Tier: councilbench.TierCounty, Nation: "England", Assessed: true, Score: 70, Stars: 3}
	r := Analyse([]Council{c, d, c}, Options{Resamples: 10})
	if r.Councils != 2 || r.Measure("score").Group(GroupShire).N != 1 {
		t.Errorf("duplicate council counted twice: %d councils, shire n %d", r.Councils, r.Measure("score").Group(GroupShire).N)
	}
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "AAA") {
		t.Errorf("warnings = %q, want one about AAA", r.Warnings)
	}
}

func TestTasksAmongAskedOnly(t *testing.T) {
	r := analysed(t, Options{})
	// Counties are not asked pay-council-tax: 23 larger councils assessed,
	// 6 of them counties (one unitary not assessed).
	m := r.Measure("task/pay-council-tax/found")
	if got, want := m.Group(GroupLarger).N, 17; got != want {
		t.Errorf("pay-council-tax asked of %d larger councils, want %d", got, want)
	}
	// Shire districts are never asked school-place: no comparison.
	if m := r.Measure("task/school-place/found"); m.Group(GroupShire).N != 0 || m.Compare != nil {
		t.Errorf("school-place: shire n %d, compare %v; want 0 and none", m.Group(GroupShire).N, m.Compare)
	}
}

// TestCSVInjection checks that hostile text from the register (a council
// named =HYPERLINK(...), a reason starting with +, a region starting with
// @) comes out of the CSV as inert text, and that no cell other than a
// plain number starts a formula.
func TestCSVInjection(t *testing.T) {
	r := analysed(t, Options{})
	var b bytes.Buffer
	if err := r.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, row := range rows {
		if len(row) != len(CSVHeader) {
			t.Fatalf("row of %d cells, want %d: %q", len(row), len(CSVHeader), row)
		}
		for _, cell := range row {
			found[cell] = true
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && !plainNumber(cell) {
				t.Errorf("cell %q starts a formula", cell)
			}
		}
	}
	for _, want := range []string{`'=HYPERLINK("http://x")`, `'+cmd|' /C calc'!A0`, `'@SUM(1+1)`} {
		if !found[want] {
			t.Errorf("CSV has no cell %q", want)
		}
	}
	if !found["-0.9130434783"] {
		t.Error("negative numbers should stay plain numbers (Cliff's delta of the score, -0.9130434783)")
	}
}

func TestCSVCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{`=HYPERLINK("http://x")`, `'=HYPERLINK("http://x")`},
		{"+1+1", "'+1+1"},
		{"+5", "'+5"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"-7.25", "-7.25"},
		{"1e-07", "1e-07"},
		{"-Inf", "'-Inf"},
		{"Adur", "Adur"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := csvCell(tt.in); got != tt.want {
			t.Errorf("csvCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMarkdownEscapes(t *testing.T) {
	r := Analyse(loadCouncils(t), Options{Resamples: 10})
	var b bytes.Buffer
	if err := r.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, bad := range []string{"<script>", "[Council](", "*Borough*"} {
		if strings.Contains(md, bad) {
			t.Errorf("Markdown holds unescaped %q", bad)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{fixed(-7.04, 0), "−7"},
		{fixed(-0.04, 1), "0.0"},
		{fixed(math.NaN(), 1), "–"},
		{FormatValue(UnitShare, 0.4286), "42.9%"},
		{FormatValue(UnitBytes, 252994), "253 KB"},
		{pValue(0.0004), "<0.001"},
		{pValue(0.04567), "0.046"},
		{machine(0.1 + 0.2), "0.3"},
		{machine(-0.91304347826086951), "-0.9130434783"},
		{machine(2.3e-8), "2.3e-08"},
		{machine(math.NaN()), ""},
		{oneLine("a\n\tb\u2028c"), "a b c"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// council makes an assessed English council with a score.
func council(code string, tier councilbench.Tier, score float64) Council {
	stars := 1 + int(score/25)
	return Council{Code: code, Name: code, Tier: tier, Nation: "England", Region: "R", Assessed: true,
		Score: score, Stars: min(stars, 4), PageWeight: 1e5, PDFShare: 0.5}
}

func TestHeadlines(t *testing.T) {
	// Clearly apart: every shire district below every larger council.
	var apart, mixed []Council
	for i := range 20 {
		apart = append(apart, council(string(rune('A'+i))+"S", councilbench.TierShireDistrict, 40+float64(i)))
		apart = append(apart, council(string(rune('A'+i))+"L", councilbench.TierUnitary, 70+float64(i)))
		mixed = append(mixed, council(string(rune('A'+i))+"S", councilbench.TierShireDistrict, 50+float64(i)))
		mixed = append(mixed, council(string(rune('A'+i))+"L", councilbench.TierUnitary, 50.5+float64(i)))
	}
	tests := []struct {
		name     string
		cs       []Council
		contains []string
		excludes []string
	}{
		{"apart", apart,
			[]string{"Shire districts scored a median of 50 against 80 for larger councils (difference −30 points, 95% CI"},
			[]string{"no clear difference (difference −30"}},
		{"mixed", mixed,
			[]string{"Shire districts scored a median of 59.5 against 60.0 for larger councils: no clear difference (difference −0.5 points"},
			nil},
	}
	for _, tt := range tests {
		hs := Analyse(tt.cs, Options{Resamples: 2000})
		got := strings.Join(hs.Headlines(), "\n")
		if n := len(hs.Headlines()); n < 3 || n > 6 {
			t.Errorf("%s: %d headlines, want 3 to 6", tt.name, n)
		}
		for _, s := range tt.contains {
			if !strings.Contains(got, s) {
				t.Errorf("%s: headlines lack %q; got:\n%s", tt.name, s, got)
			}
		}
		for _, s := range tt.excludes {
			if strings.Contains(got, s) {
				t.Errorf("%s: headlines hold %q; got:\n%s", tt.name, s, got)
			}
		}
	}
}

func TestClear(t *testing.T) {
	tests := []struct {
		c    *Comparison
		kind Kind
		want bool
	}{
		{&Comparison{PHolm: 0.01, MedianLo: -3, MedianHi: -1}, Continuous, true},
		{&Comparison{PHolm: 0.01, MedianLo: -3, MedianHi: 0}, Continuous, false},
		{&Comparison{PHolm: 0.06, MedianLo: -3, MedianHi: -1}, Continuous, false},
		{&Comparison{PHolm: 0.01, MeanLo: 0.1, MeanHi: 0.3, MedianLo: 0, MedianHi: 0}, Proportion, true},
		{&Comparison{PHolm: 0.01, MeanLo: -0.6, MeanHi: -0.2, MedianLo: -1, MedianHi: 0}, Ordinal, true},
		{&Comparison{PHolm: 0.01, MeanLo: -0.6, MeanHi: 0.1, MedianLo: -1, MedianHi: -1}, Ordinal, false},
		{&Comparison{PHolm: math.NaN(), MedianLo: -3, MedianHi: -1}, Continuous, false},
		{nil, Continuous, false},
	}
	for i, tt := range tests {
		if got := tt.c.Clear(tt.kind); got != tt.want {
			t.Errorf("case %d: Clear = %v, want %v", i, got, tt.want)
		}
	}
}

func BenchmarkAnalyse(b *testing.B) {
	cs := loadCouncils(b)
	for b.Loop() {
		Analyse(cs, Options{AllNations: true})
	}
}

func TestMDText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Pay council tax: found", "Pay council tax: found"},
		{"shire-district", "shire-district"},
		{"<script>alert(1)</script>", `\<script\>alert(1)\</script\>`},
		{"[x](http://y)", `\[x\](http\://y)`},
		{"a | b", `a \| b`},
		{"# heading", `\# heading`},
		{"- item", `\- item`},
		{"=SUM(1)", `\=SUM(1)`},
		{"Fish & Chips\nCouncil", "Fish &amp; Chips Council"},
		{`back\slash`, `back\\slash`},
	}
	for _, tt := range tests {
		if got := mdText(tt.in); got != tt.want {
			t.Errorf("mdText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestNoVariation checks that measures on which every shire district and
// larger council is alike are reported as such, in every format, and left
// out of Holm's family: adding them changes no other measure's test.
func TestNoVariation(t *testing.T) {
	base := analysed(t, Options{})
	cs := loadCouncils(t)
	for i := range cs {
		rates := map[string]float64{"never-fails": 0}
		for k, v := range cs[i].RuleRates {
			rates[k] = v
		}
		// Constant within each group but different between them: a real
		// difference, tested.
		if cs[i].Tier.Group() == councilbench.GroupShireDistrict {
			rates["split"] = 1
		} else {
			rates["split"] = 0
		}
		cs[i].RuleRates = rates
	}
	r := Analyse(cs, Options{})

	for _, tt := range []struct {
		id          string
		noVariation bool
	}{
		{"rule/never-fails/fails", true},
		{"rule/never-fails/rate", true},
		{"rule/split/fails", false},
		{"rule/split/rate", false},
		{"rule/image-alt/fails", false},
		{"score", false},
	} {
		m := r.Measure(tt.id)
		if m == nil {
			t.Fatalf("%s: no such measure", tt.id)
		}
		if got, want := m.NoVariation, tt.noVariation; got != want {
			t.Errorf("%s: NoVariation = %v, want %v", tt.id, got, want)
		}
		if got, want := m.Compare != nil, !tt.noVariation; got != want {
			t.Errorf("%s: compared = %v, want %v", tt.id, got, want)
		}
	}
	// The measures of the base report keep their tests and Holm p-values
	// once the split rule's two tests join the family: Holm over more tests,
	// not over the untested ones.
	if got, want := r.tests(), base.tests()+2; got != want {
		t.Errorf("tests in Holm's family: got %d, want %d", got, want)
	}
	var ps []float64
	for _, m := range base.Measures {
		if m.Compare != nil {
			ps = append(ps, m.Compare.P)
		}
	}
	ps = append(ps, r.Measure("rule/split/fails").Compare.P, r.Measure("rule/split/rate").Compare.P)
	holm := Holm(ps)
	k := 0
	for _, m := range base.Measures {
		if m.Compare == nil {
			continue
		}
		if got, want := r.Measure(m.ID).Compare.PHolm, holm[k]; !near(got, want, 1e-12) {
			t.Errorf("%s: Holm p %v, want %v", m.ID, got, want)
		}
		k++
	}

	if got, want := r.NoVariation(), []Alike{{"0.0%", []string{"rule/never-fails/fails", "rule/never-fails/rate"}}}; !slices.EqualFunc(got, want, func(a, b Alike) bool {
		return a.Value == b.Value && slices.Equal(a.Measures, b.Measures)
	}) {
		t.Errorf("NoVariation: got %v, want %v", got, want)
	}
	out := render(t, r)
	for _, tt := range []struct {
		ext, want string
	}{
		{"txt", "\nNo variation: every shire district and larger council had the same value, so these measures were not tested:\n  0.0%: rule/never-fails/{fails,rate}\n"},
		{"txt", "adjusted across all " + strconv.Itoa(r.tests()) + " tests by Holm's method (2 measures with no variation"},
		{"md", "No variation: every shire district and larger council had the same value, so these measures were not tested. 0.0%: rule/never-fails/\\{fails,rate\\}.\n"},
		{"json", "\"id\": \"rule/never-fails/rate\","},
		{"json", "\"compare\": null,\n      \"no_variation\": true"},
		{"csv", "comparison,rule/never-fails/fails,Rule never-fails: fails on any page,proportion,share,,shire-district-vs-larger," + strings.Repeat(",", 37) + "true\n"},
	} {
		if !strings.Contains(string(out[tt.ext]), tt.want) {
			t.Errorf("%s output lacks %q", tt.ext, tt.want)
		}
	}
	for _, ext := range []string{"txt", "md"} {
		if strings.Contains(string(out[ext]), "Rule never-fails: fails on any page") {
			t.Errorf("%s output gives the no-variation measure a section of its own", ext)
		}
	}
	if h := strings.Join(r.Headlines(), " "); !strings.Contains(h, "(two more rule measures had no variation") {
		t.Errorf("headlines do not mention the rule measures with no variation: %s", h)
	}

	// With the other nations described, a measure alike in England's two
	// groups keeps its section when another nation's councils differ.
	for i := range cs {
		if cs[i].Nation == "Scotland" {
			cs[i].RuleRates["never-fails"] = 0.5
		}
	}
	all := Analyse(cs, Options{AllNations: true})
	if m := all.Measure("rule/never-fails/fails"); !m.NoVariation || m.Compare != nil {
		t.Errorf("all nations: rule/never-fails/fails: NoVariation %v, compared %v; want no variation, untested", m.NoVariation, m.Compare != nil)
	}
	txt := string(render(t, all)["txt"])
	for _, want := range []string{
		"Rule never-fails: fails on any page (share of councils)\n",
		"  Not tested: no variation among shire districts and larger councils.\n",
		"  0.0%: rule/never-fails/{fails,rate}\n",
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("all nations: text lacks %q", want)
		}
	}
}

func TestPairIDs(t *testing.T) {
	got := pairIDs([]string{"task/a/found", "task/a/online", "task/b/found", "mobile", "rule/x/fails", "rule/y/rate", "rule/x/rate"})
	want := []string{"task/a/{found,online}", "task/b/found", "mobile", "rule/x/{fails,rate}", "rule/y/rate"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
