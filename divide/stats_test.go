package divide

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// The reference values below were computed independently with R 4.2.2
// (Debian's r-base-core), by the calls recorded next to them, run with
// options(digits = 17).

// near reports whether got is within a relative tolerance tol of want (an
// absolute one when want is 0); NaN matches NaN.
func near(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	if want == 0 {
		return math.Abs(got) <= tol
	}
	return math.Abs(got-want) <= tol*math.Abs(want)
}

func TestQuantileType7(t *testing.T) {
	// R: x <- c(3.1, 7, 1.5, 9.9, 4.4, 4.4, 12, 0.2)
	//    quantile(x, c(0, .1, .25, .5, .75, .9, 1), type = 7)
	//    0.2  1.11  2.7  4.4  7.725  10.53  12
	//    quantile(c(5), c(0, .25, .5, 1), type = 7)      → 5 5 5 5
	//    quantile(c(2, 10), c(.25, .5, .75), type = 7)   → 4 6 8
	x := []float64{3.1, 7, 1.5, 9.9, 4.4, 4.4, 12, 0.2}
	slices.Sort(x)
	tests := []struct {
		xs   []float64
		p    float64
		want float64
	}{
		{x, 0, 0.2}, {x, 0.1, 1.11}, {x, 0.25, 2.7}, {x, 0.5, 4.4},
		{x, 0.75, 7.725}, {x, 0.9, 10.53}, {x, 1, 12},
		{[]float64{5}, 0, 5}, {[]float64{5}, 0.25, 5}, {[]float64{5}, 0.5, 5}, {[]float64{5}, 1, 5},
		{[]float64{2, 10}, 0.25, 4}, {[]float64{2, 10}, 0.5, 6}, {[]float64{2, 10}, 0.75, 8},
		{nil, 0.5, math.NaN()},
	}
	for _, tt := range tests {
		if got := Quantile(tt.p, tt.xs); !near(got, tt.want, 1e-12) {
			t.Errorf("Quantile(%v, %v) = %v, want %v", tt.p, tt.xs, got, tt.want)
		}
	}
}

func TestSummarise(t *testing.T) {
	// R: x <- c(3.1, 7, 1.5, 9.9, 4.4, 4.4, 12, 0.2); c(mean(x), sd(x))
	//    5.3125000000000000 4.0681471739074819
	//    quantile(x, type = 7) → 0.2 2.7 4.4 7.725 12
	s := Summarise("g", []float64{3.1, 7, 1.5, 9.9, 4.4, 4.4, 12, 0.2}, false)
	got := []float64{float64(s.N), s.Mean, s.SD, s.Min, s.Q1, s.Median, s.Q3, s.Max}
	want := []float64{8, 5.3125, 4.0681471739074819, 0.2, 2.7, 4.4, 7.725, 12}
	for i := range want {
		if !near(got[i], want[i], 1e-12) {
			t.Errorf("summary field %d = %v, want %v", i, got[i], want[i])
		}
	}
	if !math.IsNaN(s.WilsonLo) {
		t.Errorf("WilsonLo of a continuous measure = %v, want NaN", s.WilsonLo)
	}
	e := Summarise("g", nil, true)
	if e.N != 0 || !math.IsNaN(e.Mean) || !math.IsNaN(e.Median) || !math.IsNaN(e.WilsonLo) {
		t.Errorf("empty summary = %+v, want n 0 and NaNs", e)
	}
	p := Summarise("g", []float64{1, 0, 0, 1, 1, 0, 0, 0, 0, 0}, true)
	if p.Count != 3 || p.N != 10 || !near(p.WilsonLo, 0.10779126740630104, 1e-12) {
		t.Errorf("proportion summary = %+v, want 3 of 10 with Wilson low 0.1078", p)
	}
}

func TestWilson(t *testing.T) {
	// R: prop.test(k, n, correct = FALSE)$conf.int, which is the Wilson
	// score interval; checked against the formula
	//   w <- function(k, n, z = qnorm(0.975)) { p <- k/n;
	//     c((p + z^2/(2*n) - z*sqrt(p*(1-p)/n + z^2/(4*n^2)))/(1+z^2/n),
	//       (p + z^2/(2*n) + z*sqrt(p*(1-p)/n + z^2/(4*n^2)))/(1+z^2/n)) }
	//   w(3, 10)  → 0.10779126740630104 0.60322185253885452
	//   w(14, 28) → 0.32633127457293470 0.67366872542706535
	tests := []struct {
		k, n   int
		lo, hi float64
	}{
		{0, 10, 0, 0.27753279986288915},
		{3, 10, 0.10779126740630104, 0.60322185253885452},
		{10, 10, 0.72246720013711085, 1},
		{14, 28, 0.32633127457293470, 0.67366872542706535},
		{1, 1, 0.2065493143772375, 1},
		{8, 28, 0.15253996056669092, 0.47059288433295710},
		{0, 0, math.NaN(), math.NaN()},
	}
	for _, tt := range tests {
		lo, hi := Wilson(tt.k, tt.n)
		if !near(lo, tt.lo, 1e-12) || !near(hi, tt.hi, 1e-12) {
			t.Errorf("Wilson(%d, %d) = %v, %v; want %v, %v", tt.k, tt.n, lo, hi, tt.lo, tt.hi)
		}
	}
	// R: qnorm(0.975) → 1.9599639845400536
	if !near(z975, 1.9599639845400536, 1e-15) {
		t.Errorf("z975 = %v, want 1.9599639845400536", z975)
	}
}

func seq(from, to int, f func(i float64) float64) []float64 {
	var xs []float64
	for i := from; i <= to; i++ {
		xs = append(xs, f(float64(i)))
	}
	return xs
}

func TestMannWhitney(t *testing.T) {
	a := []float64{1, 2, 2, 3, 3, 3, 4, 5, 6, 6}
	b := []float64{2, 3, 4, 4, 5, 6, 6, 7, 8, 9, 9, 10}
	p1 := append(slices.Repeat([]float64{1}, 8), slices.Repeat([]float64{0}, 20)...)
	p2 := append(slices.Repeat([]float64{1}, 10), slices.Repeat([]float64{0}, 13)...)
	e1 := []float64{1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30}
	e2 := []float64{0.878, 0.647, 0.598, 2.05, 1.061, 1.291, 1.06, 3.14, 1.29}
	s1 := []float64{0.8, 1.9, 3.7}
	s2 := []float64{4.1, 5.5, 6.2, 7.0}
	l1 := seq(1, 49, func(i float64) float64 { return math.Sqrt(i) * 10 })
	l2 := seq(1, 49, func(i float64) float64 { return math.Sqrt(i)*10 + 0.37 })
	m1 := seq(1, 50, func(i float64) float64 { return math.Sqrt(i) * 10 })
	m2 := seq(1, 12, func(i float64) float64 { return math.Sqrt(i)*10 + 3.3 })
	tests := []struct {
		name   string
		x, y   []float64
		normal bool // mannWhitneyNormal rather than MannWhitneyTest
		w, p   float64
		exact  bool
	}{
		// R: a <- c(1, 2, 2, 3, 3, 3, 4, 5, 6, 6); b <- c(2, 3, 4, 4, 5, 6, 6, 7, 8, 9, 9, 10)
		//    wilcox.test(a, b, exact = FALSE, correct = TRUE) → W = 25, p-value = 0.021768764678688796
		//    wilcox.test(b, a, exact = FALSE, correct = TRUE) → W = 95, p-value = 0.021768764678688796
		{"ties", a, b, true, 25, 0.021768764678688796, false},
		{"ties reversed", b, a, true, 95, 0.021768764678688796, false},
		// wilcox.test(a, b) with its default exact = NULL falls back to the
		// normal approximation because of the ties: the same values.
		{"ties, default", a, b, false, 25, 0.021768764678688796, false},
		// R: p1 <- c(rep(1, 8), rep(0, 20)); p2 <- c(rep(1, 10), rep(0, 13))
		//    wilcox.test(p1, p2, exact = FALSE, correct = TRUE) → W = 274, p-value = 0.27743183438583779
		{"proportions", p1, p2, false, 274, 0.27743183438583779, false},
		// R: e1 <- c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30)
		//    e2 <- c(0.878, 0.647, 0.598, 2.05, 1.061, 1.291, 1.06, 3.14, 1.29)
		//    wilcox.test(e1, e2) → W = 58, p-value = 0.13591114767585355 (exact)
		{"exact", e1, e2, false, 58, 0.13591114767585355, true},
		// R: wilcox.test(c(0.8, 1.9, 3.7), c(4.1, 5.5, 6.2, 7.0)) → W = 0, p-value = 0.057142857142857141
		//    wilcox.test(c(4.1, 5.5, 6.2, 7.0), c(0.8, 1.9, 3.7)) → W = 12, p-value = 0.057142857142857141
		{"exact, extreme", s1, s2, false, 0, 0.057142857142857141, true},
		{"exact, extreme reversed", s2, s1, false, 12, 0.057142857142857141, true},
		// R: l1 <- sqrt(1:49)*10; l2 <- sqrt(1:49)*10 + 0.37
		//    wilcox.test(l1, l2) → W = 1176, p-value = 0.86521035715281525 (exact)
		//    wilcox.test(l1, l2, exact = FALSE, correct = TRUE) → W = 1176, p-value = 0.86459723523365095
		{"exact, 49 and 49", l1, l2, false, 1176, 0.86521035715281525, true},
		{"normal, 49 and 49", l1, l2, true, 1176, 0.86459723523365095, false},
		// R: m1 <- sqrt(1:50)*10; m2 <- sqrt(1:12)*10 + 3.3
		//    wilcox.test(m1, m2) → W = 507, p-value = 2.3387829302667481e-04
		//    (normal approximation: a group of 50)
		{"normal from 50", m1, m2, false, 507, 2.3387829302667481e-04, false},
	}
	for _, tt := range tests {
		var got MannWhitney
		if tt.normal {
			got = mannWhitneyNormal(tt.x, tt.y)
		} else {
			got = MannWhitneyTest(tt.x, tt.y)
		}
		if got.W != tt.w || !near(got.P, tt.p, 1e-10) || got.Exact != tt.exact {
			t.Errorf("%s: got W %v, p %.17g, exact %v; want W %v, p %.17g, exact %v", tt.name, got.W, got.P, got.Exact, tt.w, tt.p, tt.exact)
		}
	}
}

func TestMannWhitneyAllTied(t *testing.T) {
	// R gives p NaN here (zero variance); the package reports p = 1.
	got := MannWhitneyTest([]float64{1, 1, 1}, []float64{1, 1})
	if got.P != 1 || got.W != 3 || !got.Ties {
		t.Errorf("all tied: got %+v, want W 3, p 1, ties", got)
	}
}

func TestWilcoxDist(t *testing.T) {
	// R: dwilcox(0:20, 4, 5)
	want := []float64{
		0.0079365079365079361, 0.0079365079365079361, 0.0158730158730158721,
		0.0238095238095238082, 0.0396825396825396803, 0.0476190476190476164,
		0.0634920634920634885, 0.0714285714285714246, 0.0873015873015872967,
		0.0873015873015872967, 0.0952380952380952328, 0.0873015873015872967,
		0.0873015873015872967, 0.0714285714285714246, 0.0634920634920634885,
		0.0476190476190476164, 0.0396825396825396803, 0.0238095238095238082,
		0.0158730158730158721, 0.0079365079365079361, 0.0079365079365079361,
	}
	got := wilcoxDist(4, 5)
	if len(got) != len(want) {
		t.Fatalf("len = %d, want %d", len(got), len(want))
	}
	for i := range want {
		if !near(got[i], want[i], 1e-13) {
			t.Errorf("P(W = %d) = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestCliffsDelta(t *testing.T) {
	a := []float64{1, 2, 2, 3, 3, 3, 4, 5, 6, 6}
	b := []float64{2, 3, 4, 4, 5, 6, 6, 7, 8, 9, 9, 10}
	e1 := []float64{1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30}
	e2 := []float64{0.878, 0.647, 0.598, 2.05, 1.061, 1.291, 1.06, 3.14, 1.29}
	p1 := append(slices.Repeat([]float64{1}, 8), slices.Repeat([]float64{0}, 20)...)
	p2 := append(slices.Repeat([]float64{1}, 10), slices.Repeat([]float64{0}, 13)...)
	tests := []struct {
		name string
		x, y []float64
		want float64
	}{
		// R: mean(sign(outer(a, b, "-"))) → -0.58333333333333337
		{"ties", a, b, -0.58333333333333337},
		{"ties reversed", b, a, 0.58333333333333337},
		// R: mean(sign(outer(e1, e2, "-"))) → 0.43209876543209874
		{"no ties", e1, e2, 0.43209876543209874},
		// R: mean(sign(outer(p1, p2, "-"))) → -0.14906832298136646
		{"proportions", p1, p2, -0.14906832298136646},
		{"empty", nil, b, math.NaN()},
	}
	for _, tt := range tests {
		if got := CliffsDelta(tt.x, tt.y); !near(got, tt.want, 1e-12) {
			t.Errorf("%s: CliffsDelta = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestHolm(t *testing.T) {
	tests := []struct {
		ps, want []float64
	}{
		// R: p.adjust(c(0.01, 0.04, 0.03, 0.005, NA, 0.5), "holm")
		//    0.040 0.090 0.090 0.025 NA 0.500
		{[]float64{0.01, 0.04, 0.03, 0.005, math.NaN(), 0.5}, []float64{0.04, 0.09, 0.09, 0.025, math.NaN(), 0.5}},
		// R: p.adjust(c(0.2, 0.2, 0.001, 0.04), "holm") → 0.40 0.40 0.004 0.12
		{[]float64{0.2, 0.2, 0.001, 0.04}, []float64{0.4, 0.4, 0.004, 0.12}},
		{nil, []float64{}},
	}
	for _, tt := range tests {
		got := Holm(tt.ps)
		if len(got) != len(tt.want) {
			t.Fatalf("Holm(%v) = %v, want %v", tt.ps, got, tt.want)
		}
		for i := range got {
			if !near(got[i], tt.want[i], 1e-12) {
				t.Errorf("Holm(%v)[%d] = %v, want %v", tt.ps, i, got[i], tt.want[i])
			}
		}
	}
}

// TestResampler checks the counting resampler against resampling done the
// plain way (drawing values, sorting, taking the type 7 median) from the
// same random stream.
func TestResampler(t *testing.T) {
	for _, xs := range [][]float64{
		{3.1, 7, 1.5, 9.9, 4.4, 4.4, 12, 0.2},
		{5},
		{2, 10},
		{1, 0, 0, 1, 1},
		{0, 0, 0},
		{1, 1},
		{0, 1},
	} {
		r := newResampler(xs)
		sorted := slices.Clone(xs)
		slices.Sort(sorted)
		a := rand.NewPCG(1, 2)
		b := rand.NewPCG(1, 2)
		for range 200 {
			mean, median := r.draw(a)
			draw := make([]float64, len(xs))
			var sum float64
			for i := range draw {
				draw[i] = sorted[index(b, len(xs))]
			}
			slices.Sort(draw)
			for _, v := range draw {
				sum += v
			}
			if wm, wd := sum/float64(len(draw)), Quantile(0.5, draw); !near(mean, wm, 1e-12) || !near(median, wd, 1e-12) {
				t.Fatalf("resample of %v: got mean %v, median %v; want %v, %v", xs, mean, median, wm, wd)
			}
		}
	}
}

func TestBootstrap(t *testing.T) {
	x := []float64{55, 61, 48, 70, 52, 66, 59, 63, 58, 49}
	y := []float64{72, 80, 68, 77, 75, 83, 70, 79}
	a := Bootstrap(x, y, 2000, 7, streamOf("score"))
	rx := slices.Clone(x)
	slices.Reverse(rx)
	b := Bootstrap(rx, y, 2000, 7, streamOf("score"))
	if a != b {
		t.Errorf("bootstrap depends on the order of the values: %+v and %+v", a, b)
	}
	if !(a.MeanLo < -12.6 && -12.6 < a.MeanHi && a.MeanHi < 0) {
		t.Errorf("mean interval %v to %v should contain the difference in means −12.6 and exclude 0", a.MeanLo, a.MeanHi)
	}
	if !(a.MedianLo <= -17.5 && -17.5 <= a.MedianHi) {
		t.Errorf("median interval %v to %v should contain the difference in medians −17.5", a.MedianLo, a.MedianHi)
	}
	if c := Bootstrap(x, y, 2000, 8, streamOf("score")); c == a {
		t.Errorf("another seed gave the same intervals %+v", c)
	}
	k := Bootstrap([]float64{3, 3, 3}, []float64{1, 1}, 100, 1, 1)
	if k != (BootstrapCI{2, 2, 2, 2}) {
		t.Errorf("constant groups: got %+v, want every bound 2", k)
	}
}
