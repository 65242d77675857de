package reports

import (
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strings"

	"github.com/councilbench/councilbench"
)

// Quantile returns the p-quantile of the sorted values by R's default
// definition (type 7): linear interpolation between the order statistics
// at (n−1)p. It returns NaN for no values.
func Quantile(sorted []float64, p float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	h := float64(n-1) * p
	lo := math.Floor(h)
	i := int(lo)
	if i+1 >= n {
		return sorted[n-1]
	}
	return sorted[i] + (h-lo)*(sorted[i+1]-sorted[i])
}

// tierStats is one tier's score distribution and stars.
type tierStats struct {
	Tier                     councilbench.Tier
	Label                    string
	N                        int
	Min, Q1, Median, Q3, Max float64
	Stars                    [5]int // councils by stars (index 1 to 4)
	NotAssessed              int
	scores                   []float64
	codes, names             []string
}

// statsByTier returns the statistics of each tier with councils, in the
// order of councilbench.Tiers.
func statsByTier(s *Site) []*tierStats {
	var out []*tierStats
	for _, t := range councilbench.Tiers {
		ts := &tierStats{Tier: t, Label: tierPlural(t)}
		has := false
		type sc struct {
			score      float64
			code, name string
		}
		var xs []sc
		for i := range s.Councils {
			c := &s.Councils[i]
			if c.Tier != t {
				continue
			}
			has = true
			if !ranked(c) {
				ts.NotAssessed++
				continue
			}
			xs = append(xs, sc{c.Score.Score, c.Code, c.Name})
			if st := c.Score.Stars; st >= 1 && st <= 4 {
				ts.Stars[st]++
			}
		}
		if !has {
			continue
		}
		slices.SortStableFunc(xs, func(a, b sc) int {
			if a.score != b.score {
				if a.score < b.score {
					return -1
				}
				return 1
			}
			return strings.Compare(a.code, b.code)
		})
		for _, x := range xs {
			ts.scores = append(ts.scores, x.score)
			ts.codes = append(ts.codes, x.code)
			ts.names = append(ts.names, x.name)
		}
		ts.N = len(xs)
		if ts.N > 0 {
			v := ts.scores
			ts.Min, ts.Q1, ts.Median, ts.Q3, ts.Max = v[0], Quantile(v, 0.25), Quantile(v, 0.5), Quantile(v, 0.75), v[len(v)-1]
		}
		out = append(out, ts)
	}
	return out
}

// Geometry of the charts, in SVG user units. The SVGs scale to their
// container (a viewBox, width 100%), so the geometry suits a phone as well
// as a desktop: each tier's label sits above its row, not beside it, and
// the plot takes the whole width.
const (
	chartWidth = 600
	plotLeft   = 32 // room for half a tick label at either end
	plotRight  = 568
	chartTop   = 34 // the first row's top: under the axis title or the legend
	rowHeight  = 64
	labelDY    = 17 // a row's label baseline, below the row's top
	barDY      = 40 // the middle of a row's box or bar, below its top
	axisBelow  = 32 // room under the axis for its labels
)

// Axis is a chart's axis: it runs from Min to Max with a tick every Step.
type Axis struct {
	Min, Max, Step float64
}

// ScoreAxis returns an axis for scores from lo to hi, out of 100: nice
// round bounds a little around the data, so that scores in a narrow band
// spread across the chart instead of sitting in a corner of 0 to 100. A
// span under 10 points is widened to 10 around its middle; the bounds stay
// within 0 and 100. With no scores (lo > hi, or NaN) it runs from 0 to 100.
func ScoreAxis(lo, hi float64) Axis {
	if math.IsNaN(lo) || math.IsNaN(hi) || lo > hi {
		return Axis{0, 100, 20}
	}
	lo, hi = max(lo, 0), min(hi, 100)
	if hi-lo < 10 {
		mid := (lo + hi) / 2
		lo, hi = mid-5, mid+5
		if lo < 0 {
			lo, hi = 0, 10
		}
		if hi > 100 {
			lo, hi = 90, 100
		}
	}
	// About five ticks, at a step of 1, 2 or 5 times a power of ten.
	raw := (hi - lo) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 5} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	a := Axis{Min: math.Floor(lo/step) * step, Max: math.Ceil(hi/step) * step, Step: step}
	a.Min, a.Max = max(a.Min, 0), min(a.Max, 100)
	return a
}

// Ticks returns the values of the axis's ticks, Min to Max; just its ends
// when it has no step.
func (a Axis) Ticks() []float64 {
	if !(a.Step > 0) {
		return []float64{a.Min, a.Max}
	}
	var out []float64
	for i := 0; ; i++ {
		v := a.Min + float64(i)*a.Step
		if v > a.Max+a.Step/1e6 {
			return out
		}
		out = append(out, math.Round(v*1e6)/1e6)
	}
}

// X maps a value on the axis to x.
func (a Axis) X(v float64) float64 {
	return plotLeft + (plotRight-plotLeft)*(v-a.Min)/(a.Max-a.Min)
}

// Full reports whether the axis runs from 0 to 100.
func (a Axis) Full() bool { return a.Min == 0 && a.Max == 100 }

// stripChart is the scores-by-tier chart: a box and the councils' dots
// for each tier.
type stripChart struct {
	ID, Title, Desc string
	Width, Height   int
	Axis            Axis
	AxisTitle       string
	AxisY           float64
	Ticks           []tick
	Rows            []stripRow
}

type tick struct {
	X     float64
	Label string
}

type stripRow struct {
	Label                    string
	LabelY                   float64
	Y, BoxTop, BoxH          float64
	Empty                    bool
	Min, Q1, Median, Q3, Max float64 // as x
	Dots                     []dot
}

type dot struct {
	X, Y  float64
	Title string
}

// jitter spreads dots vertically, the same way every time for a council.
func jitter(code string) float64 {
	h := fnv.New32a()
	h.Write([]byte(code))
	return float64(h.Sum32()%1000)/1000*16 - 8
}

// newStripChart draws the scores by tier, on an axis fitted to the scores.
func newStripChart(stats []*tierStats) *stripChart {
	ch := &stripChart{ID: "chart-scores", Title: "Scores by tier", Width: chartWidth}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, ts := range stats {
		if ts.N > 0 {
			lo, hi = min(lo, ts.Min), max(hi, ts.Max)
		}
	}
	if math.IsInf(lo, 0) {
		lo, hi = math.NaN(), math.NaN()
	}
	ax := ScoreAxis(lo, hi)
	ch.Axis = ax
	var desc []string
	for i, ts := range stats {
		top := float64(chartTop + i*rowHeight)
		y := top + barDY
		r := stripRow{Label: fmt.Sprintf("%s (%d)", ts.Label, ts.N), LabelY: top + labelDY, Y: y, BoxTop: y - 12, BoxH: 24, Empty: ts.N == 0}
		if ts.N > 0 {
			r.Min, r.Q1, r.Median, r.Q3, r.Max = ax.X(ts.Min), ax.X(ts.Q1), ax.X(ts.Median), ax.X(ts.Q3), ax.X(ts.Max)
			for j, sc := range ts.scores {
				r.Dots = append(r.Dots, dot{X: ax.X(sc), Y: y + jitter(ts.codes[j]), Title: fmt.Sprintf("%s: %.1f", ts.names[j], sc)})
			}
			desc = append(desc, fmt.Sprintf("%s: median %.1f, middle half %.1f to %.1f, range %.1f to %.1f (%s)",
				ts.Label, ts.Median, ts.Q1, ts.Q3, ts.Min, ts.Max, councils(ts.N)))
		} else {
			desc = append(desc, fmt.Sprintf("%s: none assessed", ts.Label))
		}
		ch.Rows = append(ch.Rows, r)
	}
	ch.AxisY = float64(chartTop+len(stats)*rowHeight) + 4
	ch.Height = int(ch.AxisY) + axisBelow
	for _, v := range ax.Ticks() {
		ch.Ticks = append(ch.Ticks, tick{X: ax.X(v), Label: fmt.Sprint(v)})
	}
	ch.AxisTitle = "Score out of 100"
	axisDesc := "Box and dot plot of scores out of 100."
	if !ax.Full() {
		ch.AxisTitle = fmt.Sprintf("Score out of 100 (the axis runs %v to %v)", ax.Min, ax.Max)
		if ax.Max == 100 {
			ch.AxisTitle = fmt.Sprintf("Score out of 100 (the axis starts at %v, not 0)", ax.Min)
		}
		axisDesc = fmt.Sprintf("Box and dot plot of scores out of 100, on an axis from %v to %v.", ax.Min, ax.Max)
	}
	ch.Desc = axisDesc + " " + strings.Join(desc, "; ") + "."
	return ch
}

// starsChart is the stars-by-tier chart: a bar per tier, split by stars.
type starsChart struct {
	ID, Title, Desc string
	Width, Height   int
	AxisY           float64
	Ticks           []tick
	Legend          []legendItem
	Rows            []starsRow
}

type legendItem struct {
	X     float64
	Class string
	Label string
}

type starsRow struct {
	Label       string
	LabelY      float64
	Y, H, TextY float64
	Empty       bool
	Segments    []segment
}

type segment struct {
	X, W, TextX float64
	Class       string
	Label       string // the count, shown when the segment is wide enough
	Title       string
}

// newStarsChart draws the share of each tier's councils at each star
// rating.
func newStarsChart(stats []*tierStats) *starsChart {
	ch := &starsChart{ID: "chart-stars", Title: "Stars by tier", Width: chartWidth}
	for st := 1; st <= 4; st++ {
		ch.Legend = append(ch.Legend, legendItem{X: float64(st-1) * 140, Class: fmt.Sprintf("s%d", st), Label: starsLabel(st)})
	}
	ax := Axis{Min: 0, Max: 100, Step: 25}
	var desc []string
	for i, ts := range stats {
		top := float64(chartTop + i*rowHeight)
		r := starsRow{Label: fmt.Sprintf("%s (%d)", ts.Label, ts.N), LabelY: top + labelDY, Y: top + barDY - 14, H: 28, TextY: top + barDY + 6, Empty: ts.N == 0}
		x := float64(plotLeft)
		var parts []string
		for st := 1; st <= 4; st++ {
			n := ts.Stars[st]
			if ts.N == 0 {
				continue
			}
			parts = append(parts, fmt.Sprintf("%d with %s", n, starsLabel(st)))
			if n == 0 {
				continue
			}
			w := float64(plotRight-plotLeft) * float64(n) / float64(ts.N)
			sg := segment{X: x, W: w, TextX: x + w/2, Class: fmt.Sprintf("s%d", st),
				Title: fmt.Sprintf("%s: %d of %d with %s", ts.Label, n, ts.N, starsLabel(st))}
			if w >= 32 {
				sg.Label = fmt.Sprint(n)
			}
			r.Segments = append(r.Segments, sg)
			x += w
		}
		if ts.N == 0 {
			desc = append(desc, fmt.Sprintf("%s: none assessed", ts.Label))
		} else {
			desc = append(desc, fmt.Sprintf("%s (%d): %s", ts.Label, ts.N, strings.Join(parts, ", ")))
		}
		ch.Rows = append(ch.Rows, r)
	}
	ch.AxisY = float64(chartTop+len(stats)*rowHeight) + 4
	ch.Height = int(ch.AxisY) + axisBelow
	for _, v := range ax.Ticks() {
		ch.Ticks = append(ch.Ticks, tick{X: ax.X(v), Label: fmt.Sprintf("%v%%", v)})
	}
	ch.Desc = "Stacked bars of the share of each tier's assessed councils at each star rating. " + strings.Join(desc, "; ") + "."
	return ch
}

// councils says "1 council" or "n councils".
func councils(n int) string {
	if n == 1 {
		return "1 council"
	}
	return fmt.Sprintf("%d councils", n)
}

// starsLabel says "1 star" or "n stars".
func starsLabel(n int) string {
	if n == 1 {
		return "1 star"
	}
	return fmt.Sprintf("%d stars", n)
}
