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

// Geometry of the charts, in SVG user units.
const (
	chartWidth  = 760
	chartLeft   = 230 // where the plot starts: tier labels sit to its left
	chartRight  = 730
	chartTop    = 40
	rowHeight   = 56
	chartBottom = 44 // room for the axis labels
)

// xFor maps a score (0 to 100) to x.
func xFor(score float64) float64 {
	return chartLeft + (chartRight-chartLeft)*score/100
}

// stripChart is the scores-by-tier chart: a box and the councils' dots
// for each tier.
type stripChart struct {
	ID, Title, Desc string
	Width, Height   int
	AxisY           int
	Ticks           []tick
	Rows            []stripRow
}

type tick struct {
	X     float64
	Label string
}

type stripRow struct {
	Label                    string
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
	return float64(h.Sum32()%1000)/1000*20 - 10
}

// newStripChart draws the scores by tier.
func newStripChart(stats []*tierStats) *stripChart {
	ch := &stripChart{ID: "chart-scores", Title: "Scores by tier", Width: chartWidth}
	var desc []string
	for i, ts := range stats {
		y := float64(chartTop + i*rowHeight + rowHeight/2)
		r := stripRow{Label: fmt.Sprintf("%s (%d)", ts.Label, ts.N), Y: y, BoxTop: y - 14, BoxH: 28, Empty: ts.N == 0}
		if ts.N > 0 {
			r.Min, r.Q1, r.Median, r.Q3, r.Max = xFor(ts.Min), xFor(ts.Q1), xFor(ts.Median), xFor(ts.Q3), xFor(ts.Max)
			for j, sc := range ts.scores {
				r.Dots = append(r.Dots, dot{X: xFor(sc), Y: y + jitter(ts.codes[j]), Title: fmt.Sprintf("%s: %.1f", ts.names[j], sc)})
			}
			desc = append(desc, fmt.Sprintf("%s: median %.1f, middle half %.1f to %.1f, range %.1f to %.1f (%d councils)",
				ts.Label, ts.Median, ts.Q1, ts.Q3, ts.Min, ts.Max, ts.N))
		} else {
			desc = append(desc, fmt.Sprintf("%s: none assessed", ts.Label))
		}
		ch.Rows = append(ch.Rows, r)
	}
	ch.AxisY = chartTop + len(stats)*rowHeight
	ch.Height = ch.AxisY + chartBottom
	for v := 0; v <= 100; v += 20 {
		ch.Ticks = append(ch.Ticks, tick{X: xFor(float64(v)), Label: fmt.Sprint(v)})
	}
	ch.Desc = "Box and dot plot of scores out of 100. " + strings.Join(desc, "; ") + "."
	return ch
}

// starsChart is the stars-by-tier chart: a bar per tier, split by stars.
type starsChart struct {
	ID, Title, Desc string
	Width, Height   int
	AxisY           int
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
	Label    string
	Y, TextY float64
	Empty    bool
	Segments []segment
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
		ch.Legend = append(ch.Legend, legendItem{X: chartLeft + float64(st-1)*110, Class: fmt.Sprintf("s%d", st), Label: starsLabel(st)})
	}
	var desc []string
	for i, ts := range stats {
		y := float64(chartTop + i*rowHeight + rowHeight/2)
		r := starsRow{Label: fmt.Sprintf("%s (%d)", ts.Label, ts.N), Y: y - 14, TextY: y + 5, Empty: ts.N == 0}
		x := float64(chartLeft)
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
			w := float64(chartRight-chartLeft) * float64(n) / float64(ts.N)
			sg := segment{X: x, W: w, TextX: x + w/2, Class: fmt.Sprintf("s%d", st),
				Title: fmt.Sprintf("%s: %d of %d with %s", ts.Label, n, ts.N, starsLabel(st))}
			if w >= 24 {
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
	ch.AxisY = chartTop + len(stats)*rowHeight
	ch.Height = ch.AxisY + chartBottom
	for v := 0; v <= 100; v += 25 {
		ch.Ticks = append(ch.Ticks, tick{X: xFor(float64(v)), Label: fmt.Sprintf("%d%%", v)})
	}
	ch.Desc = "Stacked bars of the share of each tier's assessed councils at each star rating. " + strings.Join(desc, "; ") + "."
	return ch
}

// starsLabel says "1 star" or "n stars".
func starsLabel(n int) string {
	if n == 1 {
		return "1 star"
	}
	return fmt.Sprintf("%d stars", n)
}
