package divide

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/register"
	"gonum.org/v1/gonum/stat/distuv"
)

// The planted differences of TestPlantedDifference, shire districts
// against larger councils.
const (
	plantScoreSD    = 15.0 // the score's spread in both groups (points)
	plantScoreShift = 4.0  // shire districts score this much lower (points)
	plantPassShire  = 0.25 // the accessibility pass rate of shire districts
	plantPassLarger = 0.38 // and of larger councils
	plantAlpha      = 0.05 // the nominal level of each test
)

// TestPlantedDifference checks the divide analysis's power and size by
// simulation. Each run makes the councils of England's register (its shire
// districts against its larger councils, 164 against 153 today) with
// measures drawn at the analysis's input (no crawl): scores normal with
// SD 15, shire districts 4 points lower; accessibility passes Bernoulli,
// 25% against 38%. Analyse compares the groups, and a run detects a
// measure's difference when its two-sided Mann–Whitney p-value (the test
// Analyse runs on every measure, before Holm's adjustment) is below 0.05.
// Over many runs, each from a seed of its own:
//
//   - the share of runs detecting each planted difference matches its
//     power, computed from the effect and the group sizes (scorePower,
//     passPower), within three binomial standard errors,
//     3·√(power·(1−power)/runs);
//   - with nothing planted (both groups drawn alike), the share of false
//     detections of each measure stays within 3·√(0.05·0.95/runs) of 0.05.
//
// The margin is the simulation's own noise: the powers computed are exact
// to well within it for groups this size. testing.Short runs fewer.
func TestPlantedDifference(t *testing.T) {
	var shire, larger []councilbench.Council
	for _, c := range register.Embedded() {
		if c.Nation != "England" {
			continue
		}
		switch c.Tier.Group() {
		case councilbench.GroupShireDistrict:
			shire = append(shire, c)
		case councilbench.GroupLarger:
			larger = append(larger, c)
		}
	}
	m, n := len(shire), len(larger)
	if m < 50 || n < 50 {
		t.Fatalf("the register has %d shire districts and %d larger councils in England: want at least 50 of each (the normal approximation)", m, n)
	}
	runs := 600
	if testing.Short() {
		runs = 200
	}
	scoreP := scorePower(plantScoreShift/plantScoreSD, m, n, plantAlpha)
	passP := passPower(plantPassShire, plantPassLarger, m, n, plantAlpha)
	t.Logf("%d shire districts, %d larger councils, %d runs; power: score %.3f, accessibility pass %.3f", m, n, runs, scoreP, passP)

	for _, tc := range []struct {
		name            string
		planted         bool
		wantScore, want float64
	}{
		{"planted", true, scoreP, passP},
		{"nothing planted", false, plantAlpha, plantAlpha},
	} {
		var scoreHits, passHits int
		for r := 0; r < runs; r++ {
			rng := rand.New(rand.NewPCG(20260402, uint64(r)<<1|boolBit(tc.planted)))
			cs := plantedCouncils(rng, shire, larger, tc.planted)
			rep := Analyse(cs, Options{Resamples: 50})
			if detected(t, rep, "score") {
				scoreHits++
			}
			if detected(t, rep, "accessibility-pass") {
				passHits++
			}
		}
		for _, c := range []struct {
			measure string
			hits    int
			want    float64
		}{
			{"score", scoreHits, tc.wantScore},
			{"accessibility-pass", passHits, tc.want},
		} {
			got := float64(c.hits) / float64(runs)
			margin := 3 * math.Sqrt(c.want*(1-c.want)/float64(runs))
			msg := fmt.Sprintf("%s, %s: detected in %d of %d runs (%.3f), want %.3f ± %.3f", tc.name, c.measure, c.hits, runs, got, c.want, margin)
			if math.Abs(got-c.want) > margin {
				t.Error(msg)
			} else {
				t.Log(msg)
			}
		}
	}
}

func boolBit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// plantedCouncils returns the analysis's input for one run: every shire
// district and larger council with a score and an accessibility pass drawn
// as TestPlantedDifference says (shire districts worse when planted, else
// both groups like the larger councils), stars from the score's bands and
// the other measures the same for all.
func plantedCouncils(rng *rand.Rand, shire, larger []councilbench.Council, planted bool) []Council {
	var out []Council
	add := func(c councilbench.Council, mean, pass float64) {
		score := mean + plantScoreSD*rng.NormFloat64()
		stars := 1
		for _, b := range []float64{40, 60, 75} {
			if score >= b {
				stars++
			}
		}
		out = append(out, Council{
			Code: c.Code, Name: c.Name, Tier: c.Tier, Nation: c.Nation, Region: c.Region, Assessed: true,
			Score: score, Stars: stars, AccessibilityPass: rng.Float64() < pass,
			Mobile: true, HTTPS: true, PageWeight: math.NaN(), PDFShare: math.NaN(),
		})
	}
	const mean = 65.0
	for _, c := range larger {
		add(c, mean, plantPassLarger)
	}
	for _, c := range shire {
		if planted {
			add(c, mean-plantScoreShift, plantPassShire)
		} else {
			add(c, mean, plantPassLarger)
		}
	}
	return out
}

// detected reports whether the report's test of a measure is below the
// nominal level.
func detected(t *testing.T, r *Report, id string) bool {
	t.Helper()
	for _, m := range r.Measures {
		if m.ID == id {
			if m.Compare == nil {
				t.Fatalf("measure %s not compared", id)
			}
			return m.Compare.P < plantAlpha
		}
	}
	t.Fatalf("no measure %s", id)
	return false
}

// scorePower returns the power of the two-sided Mann–Whitney test at
// level alpha, normal approximation with continuity correction (as
// MannWhitneyTest runs it for groups of 50 or more without ties), of a
// shift of d standard deviations between two normal groups of m and n.
//
// W counts the pairs (x, y) with x > y, x from the worse group: under no
// difference its mean is mn/2 and its variance mn(m+n+1)/12; under the
// shift its mean is mn·p1 and its variance
// mn·[p1(1−p1) + (n−1)(p2−p1²) + (m−1)(p2−p1²)] (Lehmann, Nonparametrics,
// 1975, §2.3), with p1 = P(X > Y) = Φ(−d/√2) and p2 = P(X > Y, X > Y′) =
// P(X > Y, X′ > Y), the orthant probability of two standard normals with
// correlation 1/2 below −d/√2. The test rejects when |W − mn/2| − 1/2
// exceeds z(1−alpha/2) times the null standard deviation.
func scorePower(d float64, m, n int, alpha float64) float64 {
	fm, fn := float64(m), float64(n)
	a := -d / math.Sqrt2
	p1 := distuv.UnitNormal.CDF(a)
	p2 := binormalCDF(a, a, 0.5)
	mean := fm * fn * p1
	sd := math.Sqrt(fm * fn * (p1*(1-p1) + (fn-1)*(p2-p1*p1) + (fm-1)*(p2-p1*p1)))
	sd0 := math.Sqrt(fm * fn * (fm + fn + 1) / 12)
	z := distuv.UnitNormal.Quantile(1 - alpha/2)
	hi := fm*fn/2 + 0.5 + z*sd0
	lo := fm*fn/2 - 0.5 - z*sd0
	return distuv.UnitNormal.Survival((hi-mean)/sd) + distuv.UnitNormal.CDF((lo-mean)/sd)
}

// passPower returns the power of the two-sided test at level alpha of two
// proportions p1 (of m councils) and p2 (of n), by the normal
// approximation: the pooled variance under no difference sets the
// critical value, the unpooled one the spread under the difference.
// On values of 0 and 1 the Mann–Whitney test with its tie correction is
// this test, its statistic smaller by √((N−1)/N) for N councils, and its
// continuity correction (half a pair) is 1/(2mn) in the difference of
// proportions: both negligible here.
func passPower(p1, p2 float64, m, n int, alpha float64) float64 {
	fm, fn := float64(m), float64(n)
	pbar := (fm*p1 + fn*p2) / (fm + fn)
	se0 := math.Sqrt(pbar * (1 - pbar) * (1/fm + 1/fn))
	se1 := math.Sqrt(p1*(1-p1)/fm + p2*(1-p2)/fn)
	z := distuv.UnitNormal.Quantile(1 - alpha/2)
	d := p2 - p1
	return distuv.UnitNormal.CDF((d-z*se0)/se1) + distuv.UnitNormal.CDF((-d-z*se0)/se1)
}

// binormalCDF returns P(X ≤ a, Y ≤ b) for standard normals X and Y with
// correlation rho (|rho| < 1): the integral over x ≤ a of
// φ(x)·Φ((b − rho·x)/√(1−rho²)), by Simpson's rule from −10.
func binormalCDF(a, b, rho float64) float64 {
	const steps = 4000 // even
	lo := -10.0
	if a <= lo {
		return 0
	}
	h := (a - lo) / steps
	s := math.Sqrt(1 - rho*rho)
	f := func(x float64) float64 {
		return distuv.UnitNormal.Prob(x) * distuv.UnitNormal.CDF((b-rho*x)/s)
	}
	sum := f(lo) + f(a)
	for i := 1; i < steps; i++ {
		w := 2.0
		if i%2 == 1 {
			w = 4
		}
		sum += w * f(lo+float64(i)*h)
	}
	return sum * h / 3
}

// TestPowerFormulas checks the power computations against values known
// independently: Φ₂(0, 0; ρ) = 1/4 + asin(ρ)/(2π) (Sheppard), and with no
// difference each power is the test's size, a little under alpha for
// the continuity correction.
func TestPowerFormulas(t *testing.T) {
	for _, rho := range []float64{-0.5, 0, 0.5, 0.9} {
		got, want := binormalCDF(0, 0, rho), 0.25+math.Asin(rho)/(2*math.Pi)
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("binormalCDF(0, 0, %g) = %.12f, want %.12f", rho, got, want)
		}
	}
	if got := scorePower(0, 160, 150, 0.05); got > 0.05 || got < 0.049 {
		t.Errorf("scorePower with no shift = %.5f, want just under 0.05", got)
	}
	if got := passPower(0.3, 0.3, 160, 150, 0.05); math.Abs(got-0.05) > 1e-12 {
		t.Errorf("passPower with no difference = %.5f, want 0.05", got)
	}
	// A larger shift or larger groups give more power.
	if !(scorePower(0.2, 100, 100, 0.05) < scorePower(0.3, 100, 100, 0.05) && scorePower(0.3, 100, 100, 0.05) < scorePower(0.3, 200, 200, 0.05)) {
		t.Errorf("scorePower does not grow with the shift and the groups")
	}
}
