package divide

import (
	"hash/fnv"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
)

// BootstrapCI holds percentile-bootstrap 95% confidence intervals for the
// differences (x − y) in means and in medians of two groups.
type BootstrapCI struct {
	MeanLo, MeanHi     float64
	MedianLo, MedianHi float64
}

// Bootstrap resamples x and y independently, each with replacement and at
// its own size, resamples times, and returns the 2.5th and 97.5th
// percentiles (type 7) of the resampled differences in means and in
// medians (type 7). The stream of random numbers is PCG seeded with seed
// and stream, so the same inputs always give the same intervals, whatever
// the order of x and y. Both groups must be non-empty.
func Bootstrap(x, y []float64, resamples int, seed, stream uint64) BootstrapCI {
	nan := math.NaN()
	if len(x) == 0 || len(y) == 0 || resamples < 1 {
		return BootstrapCI{nan, nan, nan, nan}
	}
	rng := rand.NewPCG(seed, stream)
	rx, ry := newResampler(x), newResampler(y)
	means := make([]float64, resamples)
	medians := make([]float64, resamples)
	for b := range resamples {
		mx, dx := rx.draw(rng)
		my, dy := ry.draw(rng)
		means[b] = mx - my
		medians[b] = dx - dy
	}
	slices.Sort(means)
	slices.Sort(medians)
	return BootstrapCI{
		MeanLo: Quantile(0.025, means), MeanHi: Quantile(0.975, means),
		MedianLo: Quantile(0.025, medians), MedianHi: Quantile(0.975, medians),
	}
}

// streamOf derives a measure's random stream from its id, so each measure's
// intervals depend only on its own data and the seed.
func streamOf(id string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64()
}

// resampler draws bootstrap resamples of one group. The values are sorted
// once; a resample is a count of draws per sorted position, so its mean and
// median come from one pass over the counts, with no sorting.
type resampler struct {
	sorted []float64
	counts []int
	lo, hi int     // the order statistics (0-based) the median interpolates
	frac   float64 // and the weight of hi
	// binary is set when every value is 0 or 1 (a proportion): the ones
	// then fill the sorted positions from firstOne, and a resample needs
	// only its count of ones.
	binary   bool
	firstOne int
}

func newResampler(xs []float64) *resampler {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	h := float64(n-1) * 0.5
	lo := int(math.Floor(h))
	hi := min(lo+1, n-1)
	r := &resampler{sorted: s, counts: make([]int, n), lo: lo, hi: hi, frac: h - float64(lo), binary: true}
	r.firstOne = n
	for i, v := range s {
		if v != 0 && v != 1 {
			r.binary = false
		}
		if v == 1 && r.firstOne == n {
			r.firstOne = i
		}
	}
	return r
}

// draw returns the mean and the median of one resample.
func (r *resampler) draw(rng *rand.PCG) (mean, median float64) {
	n := len(r.sorted)
	if r.binary {
		ones := 0
		for range n {
			if index(rng, n) >= r.firstOne {
				ones++
			}
		}
		// The resample sorted: n − ones zeros, then the ones.
		var vlo, vhi float64
		if r.lo >= n-ones {
			vlo = 1
		}
		if r.hi >= n-ones {
			vhi = 1
		}
		return float64(ones) / float64(n), vlo + r.frac*(vhi-vlo)
	}
	clear(r.counts)
	for range n {
		r.counts[index(rng, n)]++
	}
	var sum, vlo, vhi float64
	seen := 0
	for i, c := range r.counts {
		if c == 0 {
			continue
		}
		v := r.sorted[i]
		sum += float64(c) * v
		// Positions seen .. seen+c−1 of the resample hold v.
		if r.lo >= seen && r.lo < seen+c {
			vlo = v
		}
		if r.hi >= seen && r.hi < seen+c {
			vhi = v
		}
		seen += c
	}
	return sum / float64(n), vlo + r.frac*(vhi-vlo)
}

// index returns a uniform integer in [0, n) by Lemire's multiply-and-reject
// method on the generator's 64-bit outputs, written out here so that the
// resamples do not depend on how math/rand/v2 maps its stream to ranges.
func index(rng *rand.PCG, n int) int {
	un := uint64(n)
	hi, lo := bits.Mul64(rng.Uint64(), un)
	if lo < un {
		thresh := -un % un
		for lo < thresh {
			hi, lo = bits.Mul64(rng.Uint64(), un)
		}
	}
	return int(hi)
}
