package divide

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/scoring"
	"golang.org/x/sync/errgroup"
)

// groupOf returns the group of c, or "" when c is outside the analysis.
func groupOf(c *Council, allNations bool) string {
	switch c.Nation {
	case "England":
		switch c.Tier.Group() {
		case councilbench.GroupShireDistrict:
			return GroupShire
		case councilbench.GroupLarger:
			return GroupLarger
		}
		return ""
	case "Scotland":
		if allNations {
			return GroupScotland
		}
	case "Wales":
		if allNations {
			return GroupWales
		}
	case "Northern Ireland":
		if allNations {
			return GroupNorthernIreland
		}
	}
	return ""
}

var groupLabels = map[string]string{
	GroupShire:           "shire districts",
	GroupLarger:          "larger councils",
	GroupScotland:        "Scottish councils",
	GroupWales:           "Welsh councils",
	GroupNorthernIreland: "Northern Irish councils",
}

// Analyse compares shire districts with larger councils in England (and,
// with opts.AllNations, describes the other nations' councils) on every
// measure. Each council counts once: a code given twice is used once, with
// a warning. Councils not assessed are counted and listed in the report.
// The result depends only on the councils (not their order) and opts.
func Analyse(councils []Council, opts Options) *Report {
	if opts.Seed == 0 {
		opts.Seed = DefaultSeed
	}
	if opts.Resamples <= 0 {
		opts.Resamples = DefaultResamples
	}
	r := &Report{Simulated: opts.Simulated, AllNations: opts.AllNations, Seed: opts.Seed, Resamples: opts.Resamples}

	// Each council once, in code order.
	cs := make([]*Council, 0, len(councils))
	seen := map[string]bool{}
	for i := range councils {
		c := &councils[i]
		if seen[c.Code] {
			r.Warnings = append(r.Warnings, fmt.Sprintf("council code %s given more than once: counted once", c.Code))
			continue
		}
		seen[c.Code] = true
		cs = append(cs, c)
	}
	slices.SortStableFunc(cs, func(a, b *Council) int { return cmp.Compare(a.Code, b.Code) })
	r.Councils = len(cs)

	groupIDs := []string{GroupShire, GroupLarger}
	if opts.AllNations {
		groupIDs = append(groupIDs, GroupScotland, GroupWales, GroupNorthernIreland)
	}
	infos := map[string]*GroupInfo{}
	for _, id := range groupIDs {
		infos[id] = &GroupInfo{ID: id, Label: groupLabels[id], Tested: id == GroupShire || id == GroupLarger}
	}

	// Members of each group: assessed councils only, in code order.
	members := map[string][]*Council{}
	var inScope []*Council
	out := map[string]int{}
	for _, c := range cs {
		g := groupOf(c, opts.AllNations)
		if g == "" {
			name := c.Nation
			if name == "" {
				name = "(no nation)"
			}
			if c.Nation == "England" {
				name = fmt.Sprintf("England, tier %s", c.Tier)
			}
			out[name]++
			continue
		}
		r.InScope++
		inScope = append(inScope, c)
		info := infos[g]
		info.Councils++
		if !c.Assessed {
			info.NotAssessed++
			r.Unassessed = append(r.Unassessed, Unassessed{
				Code: c.Code, Name: c.Name, Tier: string(c.Tier), Nation: c.Nation,
				Region: c.Region, Group: g, Reason: c.Reason,
			})
			continue
		}
		info.Assessed++
		members[g] = append(members[g], c)
		if c.Stars < 1 || c.Stars > 4 {
			r.Warnings = append(r.Warnings, fmt.Sprintf("council %s has %d stars, outside 1–4: left out of the star measures", c.Code, c.Stars))
		}
		if math.IsNaN(c.Score) {
			r.Warnings = append(r.Warnings, fmt.Sprintf("council %s has no score: left out of the score measure", c.Code))
		}
	}
	for _, name := range sortedKeys(out) {
		r.OutOfScope = append(r.OutOfScope, Count{Name: name, Councils: out[name]})
	}
	for _, id := range groupIDs {
		r.Groups = append(r.Groups, *infos[id])
	}

	var readers []func(*Council) (float64, bool)
	r.Measures, readers = buildMeasures(groupIDs, members)
	compareAll(r.Measures, readers, members, opts)

	for _, id := range groupIDs {
		r.Stars = append(r.Stars, starCounts(id, members[id]))
	}
	r.ByTier, r.ByRegion = breakdowns(inScope)
	return r
}

// measureDef declares one measure: how to read it from a council, which
// returns false when the council has no value for it.
type measureDef struct {
	id, label string
	kind      Kind
	unit      string
	value     func(c *Council) (float64, bool)
}

func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func finite(x float64) (float64, bool) { return x, !math.IsNaN(x) && !math.IsInf(x, 0) }

// buildMeasures declares the measures present in the data and summarises
// each group. It returns each measure's reader alongside.
func buildMeasures(groupIDs []string, members map[string][]*Council) ([]Measure, []func(*Council) (float64, bool)) {
	defs := []measureDef{
		{"score", "Overall score", Continuous, UnitPoints, func(c *Council) (float64, bool) { return finite(c.Score) }},
		{"stars", "Stars", Ordinal, UnitStars, func(c *Council) (float64, bool) {
			return float64(c.Stars), c.Stars >= 1 && c.Stars <= 4
		}},
		{"accessibility-pass", "Accessibility pass", Proportion, UnitShare, func(c *Council) (float64, bool) {
			return boolValue(c.AccessibilityPass), true
		}},
	}
	// Tasks and rules present in the data: the catalogue's order first,
	// then any others by id.
	taskSet, ruleSet := map[string]bool{}, map[string]bool{}
	for _, id := range groupIDs {
		for _, c := range members[id] {
			for t := range c.Tasks {
				taskSet[t] = true
			}
			for rl := range c.RuleRates {
				ruleSet[rl] = true
			}
		}
	}
	var taskIDs, ruleIDs []string
	for _, t := range scoring.Tasks {
		if taskSet[t.ID] {
			taskIDs = append(taskIDs, t.ID)
			delete(taskSet, t.ID)
		}
	}
	taskIDs = append(taskIDs, sortedKeys(taskSet)...)
	for _, rl := range scoring.Rules {
		if ruleSet[rl.ID] {
			ruleIDs = append(ruleIDs, rl.ID)
			delete(ruleSet, rl.ID)
		}
	}
	ruleIDs = append(ruleIDs, sortedKeys(ruleSet)...)

	for _, t := range taskIDs {
		name := t
		if def := scoring.TaskByID(t); def != nil {
			name = def.Name
		}
		defs = append(defs,
			measureDef{"task/" + t + "/found", name + ": found", Proportion, UnitShare, func(c *Council) (float64, bool) {
				tr, ok := c.Tasks[t]
				return boolValue(tr.Found), ok
			}},
			measureDef{"task/" + t + "/online", name + ": doable online", Proportion, UnitShare, func(c *Council) (float64, bool) {
				tr, ok := c.Tasks[t]
				return boolValue(tr.Online), ok
			}},
		)
	}
	defs = append(defs,
		measureDef{"mobile", "Mobile viewport", Proportion, UnitShare, func(c *Council) (float64, bool) { return boolValue(c.Mobile), true }},
		measureDef{"https", "HTTPS", Proportion, UnitShare, func(c *Council) (float64, bool) { return boolValue(c.HTTPS), true }},
		measureDef{"page-weight", "Page weight (median HTML page)", Continuous, UnitBytes, func(c *Council) (float64, bool) { return finite(c.PageWeight) }},
		measureDef{"pdf-share", "Documents published as PDF", Continuous, UnitShare, func(c *Council) (float64, bool) { return finite(c.PDFShare) }},
	)
	for _, rl := range ruleIDs {
		defs = append(defs,
			measureDef{"rule/" + rl + "/fails", "Rule " + rl + ": fails on any page", Proportion, UnitShare, func(c *Council) (float64, bool) {
				v, ok := c.RuleRates[rl]
				return boolValue(v > 0), ok
			}},
			measureDef{"rule/" + rl + "/rate", "Rule " + rl + ": share of pages failing", Continuous, UnitShare, func(c *Council) (float64, bool) {
				v, ok := c.RuleRates[rl]
				if !ok {
					return 0, false
				}
				return finite(v)
			}},
		)
	}

	ms := make([]Measure, len(defs))
	readers := make([]func(*Council) (float64, bool), len(defs))
	for i, d := range defs {
		m := Measure{ID: d.id, Label: d.label, Kind: d.kind, Unit: d.unit}
		for _, g := range groupIDs {
			m.Groups = append(m.Groups, Summarise(g, values(members[g], d.value), d.kind == Proportion))
		}
		ms[i], readers[i] = m, d.value
	}
	return ms, readers
}

func values(cs []*Council, f func(*Council) (float64, bool)) []float64 {
	var xs []float64
	for _, c := range cs {
		if v, ok := f(c); ok {
			xs = append(xs, v)
		}
	}
	return xs
}

// compareAll tests shire districts against larger councils on every
// measure with variation, in parallel (each measure has its own random
// stream, so the result does not depend on scheduling), then adjusts the
// p-values of those tests by Holm's method. A measure on which every
// council of both groups is alike is marked NoVariation and not tested.
func compareAll(ms []Measure, readers []func(*Council) (float64, bool), members map[string][]*Council, opts Options) {
	type job struct {
		m *Measure
		x []float64
		y []float64
	}
	var jobs []job
	for i := range ms {
		m := &ms[i]
		f := readers[i]
		x, y := values(members[GroupShire], f), values(members[GroupLarger], f)
		if len(x) == 0 || len(y) == 0 {
			continue
		}
		if constant(x, y) {
			m.NoVariation = true
			continue
		}
		jobs = append(jobs, job{m, x, y})
	}
	var g errgroup.Group
	g.SetLimit(max(1, runtime.GOMAXPROCS(0)))
	for _, j := range jobs {
		g.Go(func() error {
			j.m.Compare = compare(j.m.ID, j.x, j.y, opts)
			return nil
		})
	}
	g.Wait() // compare returns no errors

	var ps []float64
	var cmps []*Comparison
	for i := range ms {
		if c := ms[i].Compare; c != nil {
			ps = append(ps, c.P)
			cmps = append(cmps, c)
		}
	}
	for i, p := range Holm(ps) {
		cmps[i].PHolm = p
	}
}

// constant reports whether every value of x and y is the same.
func constant(x, y []float64) bool {
	v := x[0]
	for _, xs := range [][]float64{x, y} {
		for _, w := range xs {
			if w != v {
				return false
			}
		}
	}
	return true
}

// compare runs every comparison of x (shire districts) against y (larger
// councils) for the measure id.
func compare(id string, x, y []float64, opts Options) *Comparison {
	sx, sy := Summarise(GroupShire, x, false), Summarise(GroupLarger, y, false)
	ci := Bootstrap(x, y, opts.Resamples, uint64(opts.Seed), streamOf(id))
	return &Comparison{
		X: GroupShire, Y: GroupLarger,
		MeanDiff: sx.Mean - sy.Mean, MeanLo: ci.MeanLo, MeanHi: ci.MeanHi,
		MedianDiff: sx.Median - sy.Median, MedianLo: ci.MedianLo, MedianHi: ci.MedianHi,
		MannWhitney: MannWhitneyTest(x, y),
		CliffsDelta: CliffsDelta(x, y),
	}
}

func starCounts(group string, cs []*Council) StarCounts {
	s := StarCounts{Group: group}
	for _, c := range cs {
		if c.Stars >= 1 && c.Stars <= 4 {
			s.Counts[c.Stars-1]++
			s.N++
		}
	}
	for i, k := range s.Counts {
		if s.N > 0 {
			s.Shares[i] = float64(k) / float64(s.N)
		}
	}
	return s
}

// breakdowns describes the councils in scope by tier and by region.
func breakdowns(cs []*Council) (byTier, byRegion []Breakdown) {
	build := func(key func(*Council) string, order []string) []Breakdown {
		groups := map[string][]*Council{}
		for _, c := range cs {
			k := key(c)
			groups[k] = append(groups[k], c)
		}
		var keys []string
		for _, k := range order {
			if _, ok := groups[k]; ok {
				keys = append(keys, k)
				delete(groups, k)
			}
		}
		keys = append(keys, sortedKeys(groups)...)
		var out []Breakdown
		for _, k := range keys {
			b := Breakdown{Key: k}
			var scores []float64
			for _, c := range cs {
				if key(c) != k {
					continue
				}
				b.Councils++
				if !c.Assessed {
					b.NotAssessed++
					continue
				}
				if v, ok := finite(c.Score); ok {
					scores = append(scores, v)
				}
				if c.Stars >= 1 && c.Stars <= 4 {
					b.Stars[c.Stars-1]++
				}
			}
			b.Score = Summarise(k, scores, false)
			out = append(out, b)
		}
		return out
	}
	var tiers []string
	for _, t := range councilbench.Tiers {
		tiers = append(tiers, string(t))
	}
	byTier = build(func(c *Council) string { return string(c.Tier) }, tiers)
	byRegion = build(func(c *Council) string {
		if strings.TrimSpace(c.Region) == "" {
			return "(no region)"
		}
		return c.Region
	}, nil)
	return byTier, byRegion
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
