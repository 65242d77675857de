package divide

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Quantile returns the p-quantile of the sorted values xs by R's default
// definition (type 7): h = (n−1)p, interpolating linearly between the order
// statistics either side of h. gonum's stat.Quantile offers the empirical
// and the linear-interpolation (type 4) definitions, not this one. It
// returns NaN for an empty slice; xs must be sorted ascending.
func Quantile(p float64, xs []float64) float64 {
	n := len(xs)
	if n == 0 || math.IsNaN(p) {
		return math.NaN()
	}
	h := float64(n-1) * p
	lo := int(math.Floor(h))
	if lo < 0 {
		return xs[0]
	}
	if lo >= n-1 {
		return xs[n-1]
	}
	return xs[lo] + (h-float64(lo))*(xs[lo+1]-xs[lo])
}

// Summary describes one group's values of one measure.
type Summary struct {
	Group  string  `json:"group"` // the group's id
	N      int     `json:"n"`     // values counted (councils assessed and, for a task, asked it)
	Mean   float64 `json:"mean"`  // NaN when N is 0
	SD     float64 `json:"sd"`    // sample standard deviation (n−1); NaN when N < 2
	Min    float64 `json:"min"`
	Q1     float64 `json:"q1"` // first quartile, type 7
	Median float64 `json:"median"`
	Q3     float64 `json:"q3"` // third quartile, type 7
	Max    float64 `json:"max"`
	// Count, WilsonLo and WilsonHi are set for proportions only: the
	// councils that have the property and the 95% Wilson score interval of
	// their share (Mean).
	Count    int     `json:"count"`
	WilsonLo float64 `json:"wilson_lo"`
	WilsonHi float64 `json:"wilson_hi"`
}

// Summarise returns the summary of xs (in any order) for the group named
// group. For a proportion, xs holds 0 and 1 and the Wilson interval is set.
func Summarise(group string, xs []float64, proportion bool) Summary {
	s := Summary{Group: group, N: len(xs)}
	nan := math.NaN()
	if len(xs) == 0 {
		s.Mean, s.SD, s.Min, s.Q1, s.Median, s.Q3, s.Max = nan, nan, nan, nan, nan, nan, nan
		s.WilsonLo, s.WilsonHi = nan, nan
		return s
	}
	sorted := slices.Clone(xs)
	slices.Sort(sorted)
	s.Mean = stat.Mean(sorted, nil)
	s.SD = nan
	if len(sorted) > 1 {
		s.SD = stat.StdDev(sorted, nil)
	}
	s.Min, s.Max = sorted[0], sorted[len(sorted)-1]
	s.Q1 = Quantile(0.25, sorted)
	s.Median = Quantile(0.5, sorted)
	s.Q3 = Quantile(0.75, sorted)
	s.WilsonLo, s.WilsonHi = nan, nan
	if proportion {
		for _, x := range sorted {
			if x != 0 {
				s.Count++
			}
		}
		s.WilsonLo, s.WilsonHi = Wilson(s.Count, s.N)
	}
	return s
}

// z975 is the 97.5th percentile of the standard normal distribution.
var z975 = distuv.UnitNormal.Quantile(0.975)

// Wilson returns the 95% Wilson score interval for k successes in n
// trials, as R's prop.test(k, n, correct = FALSE) gives it. It returns NaN
// bounds when n is 0.
func Wilson(k, n int) (lo, hi float64) {
	if n <= 0 {
		return math.NaN(), math.NaN()
	}
	z := z975
	nf := float64(n)
	p := float64(k) / nf
	den := 1 + z*z/nf
	centre := (p + z*z/(2*nf)) / den
	half := z / den * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf))
	return math.Max(0, centre-half), math.Min(1, centre+half)
}

// MannWhitney is the outcome of a two-sided Wilcoxon rank-sum
// (Mann–Whitney U) test of x against y.
type MannWhitney struct {
	// W is R's statistic: the rank sum of x less nx(nx+1)/2, that is the
	// number of pairs (x, y) with x > y plus half those with x = y.
	W float64 `json:"w"`
	// Z is the normal deviate with tie and continuity corrections; NaN for
	// the exact test.
	Z float64 `json:"z"`
	P float64 `json:"p"` // two-sided p-value
	// Exact is true when P comes from the exact distribution of W: as R's
	// wilcox.test does by default, when both groups have fewer than 50
	// values and there are no ties.
	Exact bool `json:"exact"`
	Ties  bool `json:"ties"` // some values occur more than once
}

// ExactLimit is the group size from which the Mann–Whitney test uses the
// normal approximation even without ties (R's wilcox.test uses the exact
// distribution when both groups have fewer than 50 values).
const ExactLimit = 50

// MannWhitneyTest runs the two-sided Mann–Whitney U test of x against y
// as R's wilcox.test(x, y) does by default: exact when both groups are
// smaller than ExactLimit and there are no ties, else the normal
// approximation with tie correction and continuity correction. When every
// value is the same the normal approximation is undefined (R returns NaN);
// MannWhitneyTest then returns P = 1, since the data show no difference at
// all. Both groups must be non-empty.
func MannWhitneyTest(x, y []float64) MannWhitney {
	return mannWhitney(x, y, len(x) < ExactLimit && len(y) < ExactLimit)
}

// mannWhitneyNormal runs the test with the normal approximation whatever
// the group sizes, as wilcox.test(x, y, exact = FALSE, correct = TRUE).
func mannWhitneyNormal(x, y []float64) MannWhitney {
	return mannWhitney(x, y, false)
}

func mannWhitney(x, y []float64, exactAllowed bool) MannWhitney {
	nx, ny := len(x), len(y)
	type obs struct {
		v   float64
		inX bool
	}
	all := make([]obs, 0, nx+ny)
	for _, v := range x {
		all = append(all, obs{v, true})
	}
	for _, v := range y {
		all = append(all, obs{v, false})
	}
	slices.SortStableFunc(all, func(a, b obs) int {
		switch {
		case a.v < b.v:
			return -1
		case a.v > b.v:
			return 1
		}
		return 0
	})
	// Midranks, and the tie term Σ(t³ − t).
	var rankSumX, tieTerm float64
	ties := false
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && all[j].v == all[i].v {
			j++
		}
		t := float64(j - i)
		if t > 1 {
			ties = true
			tieTerm += t*t*t - t
		}
		rank := float64(i+1+j) / 2 // mean of ranks i+1 .. j
		for k := i; k < j; k++ {
			if all[k].inX {
				rankSumX += rank
			}
		}
		i = j
	}
	fx, fy := float64(nx), float64(ny)
	w := rankSumX - fx*(fx+1)/2
	r := MannWhitney{W: w, Ties: ties, Z: math.NaN()}
	if exactAllowed && !ties {
		r.Exact = true
		var p float64
		if w > fx*fy/2 {
			p = wilcoxCDF(fx*fy-w, nx, ny) // P(W ≥ w), by symmetry
		} else {
			p = wilcoxCDF(w, nx, ny)
		}
		r.P = math.Min(1, 2*p)
		return r
	}
	n := fx + fy
	sigma := math.Sqrt(fx * fy / 12 * ((n + 1) - tieTerm/(n*(n-1))))
	diff := w - fx*fy/2
	if sigma == 0 {
		r.P = 1
		return r
	}
	corr := 0.0
	switch {
	case diff > 0:
		corr = 0.5
	case diff < 0:
		corr = -0.5
	}
	r.Z = (diff - corr) / sigma
	r.P = 2 * math.Min(distuv.UnitNormal.CDF(r.Z), distuv.UnitNormal.Survival(r.Z))
	r.P = math.Min(1, r.P)
	return r
}

// wilcoxCDF returns P(W ≤ q) for the Mann–Whitney statistic of groups of m
// and n values without ties (R's pwilcox). It builds the distribution with
// the recurrence P(m,n,k) = m/(m+n)·P(m−1,n,k−n) + n/(m+n)·P(m,n−1,k),
// which adds only positive terms.
func wilcoxCDF(q float64, m, n int) float64 {
	if q < 0 {
		return 0
	}
	if q >= float64(m*n) {
		return 1
	}
	dist := wilcoxDist(m, n)
	k := int(math.Floor(q + 1e-7))
	var p float64
	for i := 0; i <= k; i++ {
		p += dist[i]
	}
	return math.Min(1, p)
}

// wilcoxDist returns the probabilities of W = 0 .. m·n for groups of m and
// n values without ties.
func wilcoxDist(m, n int) []float64 {
	// prev[j] holds the distribution for (i−1, j); cur[j] for (i, j).
	prev := make([][]float64, n+1)
	for j := range prev {
		prev[j] = []float64{1} // i = 0: W is 0
	}
	for i := 1; i <= m; i++ {
		cur := make([][]float64, n+1)
		cur[0] = []float64{1} // j = 0: W is 0
		for j := 1; j <= n; j++ {
			d := make([]float64, i*j+1)
			a := float64(i) / float64(i+j)
			b := float64(j) / float64(i+j)
			// x's largest value above all y: W = W(i−1, j) + j.
			for k, v := range prev[j] {
				d[k+j] += a * v
			}
			// y's largest value above all x: W = W(i, j−1).
			for k, v := range cur[j-1] {
				d[k] += b * v
			}
			cur[j] = d
		}
		prev = cur
	}
	return prev[n]
}

// CliffsDelta returns Cliff's delta of x against y: the share of pairs
// (x, y) with x > y less the share with x < y, from −1 (every x below every
// y) to 1. It is NaN when either group is empty.
func CliffsDelta(x, y []float64) float64 {
	if len(x) == 0 || len(y) == 0 {
		return math.NaN()
	}
	ys := slices.Clone(y)
	slices.Sort(ys)
	var more, less int
	for _, v := range x {
		lo, _ := slices.BinarySearch(ys, v) // ys[:lo] < v
		hi := lo
		for hi < len(ys) && ys[hi] == v {
			hi++
		}
		more += lo
		less += len(ys) - hi
	}
	return float64(more-less) / float64(len(x)*len(y))
}

// Holm adjusts the p-values ps for multiple comparisons by Holm's method,
// as R's p.adjust(ps, "holm"). NaN values are left NaN and do not count
// towards the number of comparisons.
func Holm(ps []float64) []float64 {
	out := make([]float64, len(ps))
	var idx []int
	for i, p := range ps {
		out[i] = math.NaN()
		if !math.IsNaN(p) {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case ps[a] < ps[b]:
			return -1
		case ps[a] > ps[b]:
			return 1
		}
		return 0
	})
	m := len(idx)
	running := 0.0
	for rank, i := range idx {
		v := float64(m-rank) * ps[i]
		running = math.Max(running, v)
		out[i] = math.Min(1, running)
	}
	return out
}
