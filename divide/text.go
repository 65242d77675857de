package divide

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/internal/human"
)

// errWriter remembers the first error of a run of writes.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

func (r *Report) title() string {
	if r.AllNations {
		return "The digital divide: shire districts against larger councils in England, with Scotland, Wales and Northern Ireland"
	}
	return "The digital divide: shire districts against larger councils in England"
}

// method describes how the comparisons were made, in one paragraph.
func (r *Report) method() string {
	return fmt.Sprintf("Differences are shire districts minus larger councils, with 95%% percentile-bootstrap intervals "+
		"(%d resamples of each group, seed %d); p-values are from two-sided Mann–Whitney tests "+
		"(exact for groups under %d without ties, else the normal approximation with tie and continuity corrections), "+
		"adjusted across all %d tests by Holm's method%s. Quartiles are R's type 7. "+
		"A difference is called clear when its interval excludes 0 and its adjusted p is below 0.05.",
		r.Resamples, r.Seed, ExactLimit, r.tests(), r.untestedPhrase())
}

// untestedPhrase says how many measures were left untested for having no
// variation, for the method paragraph.
func (r *Report) untestedPhrase() string {
	n := 0
	for _, m := range r.Measures {
		if m.NoVariation {
			n++
		}
	}
	switch n {
	case 0:
		return ""
	case 1:
		return " (one measure with no variation, the same value for every council of both groups, was not tested)"
	}
	return fmt.Sprintf(" (%d measures with no variation, the same value for every council of both groups, were not tested)", n)
}

// NoVariation lists the measures with no variation (Measure.NoVariation)
// by their common value, as people read it, in the order the values first
// appear among the measures.
func (r *Report) NoVariation() []Alike {
	var out []Alike
	at := map[string]int{}
	for _, m := range r.Measures {
		if !m.NoVariation {
			continue
		}
		v := FormatValue(m.Unit, m.Groups[0].Mean)
		i, ok := at[v]
		if !ok {
			i = len(out)
			at[v] = i
			out = append(out, Alike{Value: v})
		}
		out[i].Measures = append(out[i].Measures, m.ID)
	}
	return out
}

// Alike is a value and the ids of the measures on which every council of
// both groups compared had it.
type Alike struct {
	Value    string
	Measures []string
}

// shown reports whether m has a section of its own in the text and
// Markdown reports: every measure with variation, and one without when
// another nation's councils (with AllNations) differ from the common
// value, which its section then shows.
func shown(m *Measure) bool {
	if !m.NoVariation {
		return true
	}
	v := m.Groups[0].Mean
	for _, s := range m.Groups[2:] {
		if s.N > 0 && (s.Min != v || s.Max != v) {
			return true
		}
	}
	return false
}

// pairIDs shortens a list of measure ids for people: a rule's two
// measures, or a task's, side by side become one, as rule/x/{fails,rate}.
func pairIDs(ids []string) []string {
	in := map[string]bool{}
	for _, id := range ids {
		in[id] = true
	}
	var out []string
	skip := map[string]bool{}
	for _, id := range ids {
		if skip[id] {
			continue
		}
		for _, pair := range [][2]string{{"/fails", "/rate"}, {"/found", "/online"}} {
			if base, ok := strings.CutSuffix(id, pair[0]); ok && in[base+pair[1]] {
				id = base + "/{" + pair[0][1:] + "," + pair[1][1:] + "}"
				skip[base+pair[1]] = true
				break
			}
		}
		out = append(out, id)
	}
	return out
}

const noVariationTitle = "No variation: every shire district and larger council had the same value, so these measures were not tested"

func (r *Report) tests() int {
	n := 0
	for _, m := range r.Measures {
		if m.Compare != nil {
			n++
		}
	}
	return n
}

func (r *Report) groupLabel(id string) string {
	if g := r.group(id); g != nil {
		return g.Label
	}
	return id
}

// WriteText writes the report as plain text for a terminal.
func (r *Report) WriteText(w io.Writer) error {
	e := &errWriter{w: w}
	if r.Simulated {
		e.printf("%s\n\n", councilbench.SimulatedNote)
	}
	e.printf("%s\n\n", r.title())
	e.printf("Councils: %d given, %d in the analysis", r.Councils, r.InScope)
	if len(r.OutOfScope) > 0 {
		var parts []string
		for _, c := range r.OutOfScope {
			parts = append(parts, fmt.Sprintf("%s %d", oneLine(c.Name), c.Councils))
		}
		e.printf(", outside it: %s", strings.Join(parts, ", "))
		if !r.AllNations {
			e.printf(" (--all-nations describes Scotland, Wales and Northern Ireland)")
		}
	}
	e.printf(".\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if e.err == nil {
		for _, g := range r.Groups {
			fmt.Fprintf(tw, "  %s\t%d councils\t%d assessed\t%d not assessed\n", g.Label, g.Councils, g.Assessed, g.NotAssessed)
		}
		e.err = tw.Flush()
	}
	e.printf("\n%s\n", r.method())

	e.printf("\nHeadlines\n")
	for _, h := range r.Headlines() {
		e.printf("  - %s\n", h)
	}

	e.printf("\nNot assessed (%d)\n", len(r.Unassessed))
	if e.err == nil && len(r.Unassessed) > 0 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, u := range r.Unassessed {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", oneLine(u.Code), oneLine(u.Name), oneLine(u.Tier), oneLine(u.Region), oneLine(u.Reason))
		}
		e.err = tw.Flush()
	}
	if len(r.Warnings) > 0 {
		e.printf("\nWarnings\n")
		for _, s := range r.Warnings {
			e.printf("  - %s\n", oneLine(s))
		}
	}

	e.printf("\nStars\n")
	if e.err == nil {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "  group\tn\t1 star\t2 stars\t3 stars\t4 stars\n")
		for _, s := range r.Stars {
			fmt.Fprintf(tw, "  %s\t%d", r.groupLabel(s.Group), s.N)
			for i := range 4 {
				fmt.Fprintf(tw, "\t%d (%s)", s.Counts[i], percent(s.Shares[i]))
			}
			fmt.Fprintf(tw, "\n")
		}
		e.err = tw.Flush()
	}

	e.printf("\nMeasures\n")
	for i := range r.Measures {
		if shown(&r.Measures[i]) {
			r.textMeasure(e, &r.Measures[i])
		}
	}
	if alike := r.NoVariation(); len(alike) > 0 {
		e.printf("\n%s:\n", noVariationTitle)
		for _, a := range alike {
			ids := pairIDs(a.Measures)
			for i, id := range ids {
				ids[i] = oneLine(id)
			}
			head := "  " + a.Value + ": "
			lines := human.Wrap(strings.Join(ids, ", "), 100-len(head))
			e.printf("%s%s\n", head, strings.Join(lines, "\n"+strings.Repeat(" ", len(head))))
		}
	}

	for _, part := range []struct {
		title string
		bs    []Breakdown
	}{{"By tier", r.ByTier}, {"By region", r.ByRegion}} {
		e.printf("\n%s (score in points; stars of the assessed councils)\n", part.title)
		if e.err != nil {
			break
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "  \tcouncils\tnot assessed\tn\tmean\tmedian\tQ1\tQ3\t1★\t2★\t3★\t4★\n")
		for _, b := range part.bs {
			s := b.Score
			fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\n", oneLine(b.Key), b.Councils, b.NotAssessed,
				s.N, fixed(s.Mean, 1), fixed(s.Median, 1), fixed(s.Q1, 1), fixed(s.Q3, 1),
				b.Stars[0], b.Stars[1], b.Stars[2], b.Stars[3])
		}
		e.err = tw.Flush()
	}
	if r.Simulated {
		e.printf("\n%s\n", councilbench.SimulatedNote)
	}
	return e.err
}

func (r *Report) textMeasure(e *errWriter, m *Measure) {
	e.printf("\n%s (%s)\n", oneLine(m.Label), unitName(m))
	if e.err != nil {
		return
	}
	tw := tabwriter.NewWriter(e.w, 0, 0, 2, ' ', 0)
	for _, s := range m.Groups {
		fmt.Fprintf(tw, "  %s\t%s\n", r.groupLabel(s.Group), describe(m, &s))
	}
	if e.err = tw.Flush(); e.err != nil {
		return
	}
	c := m.Compare
	if m.NoVariation {
		e.printf("  Not tested: no variation among shire districts and larger councils.\n")
		return
	}
	if c == nil {
		e.printf("  Not compared: shire districts or larger councils have no value (a task is asked only of the tiers that provide it).\n")
		return
	}
	e.printf("  Difference: %s\n", diffPhrase(m))
	e.printf("  Mann–Whitney W = %s, p %s (%s), Holm-adjusted p %s; Cliff's delta %s; %s\n",
		fixed(c.W, 1), pPhrase(c.P), testKind(c), pPhrase(c.PHolm), fixed(c.CliffsDelta, 3), verdict(m))
}

func unitName(m *Measure) string {
	switch m.Unit {
	case UnitShare:
		if m.Kind == Proportion {
			return "share of councils"
		}
		return "share, per council"
	case UnitBytes:
		return "KB, 1 KB = 1000 bytes"
	}
	return m.Unit
}

// describe summarises one group's values of m in words.
func describe(m *Measure, s *Summary) string {
	if s.N == 0 {
		return "n 0"
	}
	if m.Kind == Proportion {
		return fmt.Sprintf("%s (%d of %d; 95%% CI %s to %s)", FormatValue(UnitShare, s.Mean), s.Count, s.N, FormatValue(UnitShare, s.WilsonLo), FormatValue(UnitShare, s.WilsonHi))
	}
	return fmt.Sprintf("n %d, median %s (Q1 %s, Q3 %s), mean %s", s.N,
		FormatValue(m.Unit, s.Median), FormatValue(m.Unit, s.Q1), FormatValue(m.Unit, s.Q3), FormatValue(m.Unit, s.Mean))
}

// diffPhrase gives the differences of m with their intervals.
func diffPhrase(m *Measure) string {
	c := m.Compare
	u := DifferenceUnit(m.Unit)
	mean := fmt.Sprintf("%s %s (95%% CI %s to %s)", FormatDifference(m.Unit, c.MeanDiff), u, FormatDifference(m.Unit, c.MeanLo), FormatDifference(m.Unit, c.MeanHi))
	if m.Kind == Proportion {
		return mean
	}
	return fmt.Sprintf("in medians %s %s (95%% CI %s to %s); in means %s",
		FormatDifference(m.Unit, c.MedianDiff), u, FormatDifference(m.Unit, c.MedianLo), FormatDifference(m.Unit, c.MedianHi), mean)
}

func testKind(c *Comparison) string {
	if c.Exact {
		return "exact"
	}
	return "normal approximation"
}

func verdict(m *Measure) string {
	if m.Compare.Clear(m.Kind) {
		return "clear difference"
	}
	return "no clear difference"
}
