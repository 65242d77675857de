package divide

import (
	"fmt"
	"io"
	"strings"

	"github.com/councilbench/councilbench"
)

// WriteMarkdown writes the report as GitHub-flavoured Markdown. Text taken
// from the register (names, regions, reasons) is escaped, so it cannot
// turn into markup, links or HTML.
func (r *Report) WriteMarkdown(w io.Writer) error {
	e := &errWriter{w: w}
	e.printf("# %s\n\n", r.title())
	if r.Simulated {
		e.printf("> **%s**\n\n", councilbench.SimulatedNote)
	}
	for _, h := range r.Headlines() {
		e.printf("- %s\n", h)
	}
	e.printf("\n%s\n", r.method())

	e.printf("\n## Councils\n\n%d councils given, %d in the analysis.", r.Councils, r.InScope)
	if len(r.OutOfScope) > 0 {
		var parts []string
		for _, c := range r.OutOfScope {
			parts = append(parts, fmt.Sprintf("%s %d", mdText(c.Name), c.Councils))
		}
		e.printf(" Outside it: %s.", strings.Join(parts, ", "))
	}
	e.printf("\n\n| Group | Councils | Assessed | Not assessed |\n| --- | ---: | ---: | ---: |\n")
	for _, g := range r.Groups {
		e.printf("| %s | %d | %d | %d |\n", g.Label, g.Councils, g.Assessed, g.NotAssessed)
	}

	e.printf("\n### Not assessed (%d)\n\n", len(r.Unassessed))
	if len(r.Unassessed) == 0 {
		e.printf("Every council in the analysis was assessed.\n")
	} else {
		e.printf("| Code | Council | Tier | Region | Reason |\n| --- | --- | --- | --- | --- |\n")
		for _, u := range r.Unassessed {
			e.printf("| %s | %s | %s | %s | %s |\n", mdText(u.Code), mdText(u.Name), mdText(u.Tier), mdText(u.Region), mdText(u.Reason))
		}
	}
	if len(r.Warnings) > 0 {
		e.printf("\n### Warnings\n\n")
		for _, s := range r.Warnings {
			e.printf("- %s\n", mdText(s))
		}
	}

	e.printf("\n## Stars\n\n| Group | n | 1 star | 2 stars | 3 stars | 4 stars |\n| --- | ---: | ---: | ---: | ---: | ---: |\n")
	for _, s := range r.Stars {
		e.printf("| %s | %d |", r.groupLabel(s.Group), s.N)
		for i := range 4 {
			e.printf(" %d (%s) |", s.Counts[i], percent(s.Shares[i]))
		}
		e.printf("\n")
	}

	e.printf("\n## Measures\n\nEach group's cell gives, for a share of councils, the share (count of n; 95%% Wilson interval); for other measures, the median (Q1–Q3), mean and n.\n\n")
	e.printf("| Measure |")
	for _, g := range r.Groups {
		e.printf(" %s |", capital(g.Label))
	}
	e.printf(" Difference (95%% CI) | Cliff's δ | p | Holm p | |\n|%s --- | --- | --- | --- | --- |\n",
		strings.Repeat(" --- |", len(r.Groups)+1))
	for i := range r.Measures {
		m := &r.Measures[i]
		if !shown(m) {
			continue
		}
		e.printf("| %s (%s) |", mdText(m.Label), unitName(m))
		for _, s := range m.Groups {
			e.printf(" %s |", mdCell(m, &s))
		}
		c := m.Compare
		if m.NoVariation {
			e.printf(" no variation: not tested | %s | %s | %s | |\n", dash, dash, dash)
			continue
		}
		if c == nil {
			e.printf(" not compared | %s | %s | %s | |\n", dash, dash, dash)
			continue
		}
		mark := ""
		if c.Clear(m.Kind) {
			mark = "clear"
		}
		e.printf(" %s | %s | %s | %s | %s |\n", diffPhrase(m), fixed(c.CliffsDelta, 3), pValue(c.P), pValue(c.PHolm), mark)
	}
	if alike := r.NoVariation(); len(alike) > 0 {
		var parts []string
		for _, a := range alike {
			ids := pairIDs(a.Measures)
			for i, id := range ids {
				ids[i] = mdText(id)
			}
			parts = append(parts, fmt.Sprintf("%s: %s", a.Value, strings.Join(ids, ", ")))
		}
		e.printf("\n%s. %s.\n", noVariationTitle, strings.Join(parts, "; "))
	}

	for _, part := range []struct {
		title string
		bs    []Breakdown
	}{{"By tier", r.ByTier}, {"By region", r.ByRegion}} {
		e.printf("\n## %s\n\nScore in points and stars of the assessed councils.\n\n", part.title)
		e.printf("| | Councils | Not assessed | n | Mean | Median | Q1 | Q3 | 1 star | 2 stars | 3 stars | 4 stars |\n")
		e.printf("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
		for _, b := range part.bs {
			s := b.Score
			e.printf("| %s | %d | %d | %d | %s | %s | %s | %s | %d | %d | %d | %d |\n", mdText(b.Key), b.Councils, b.NotAssessed,
				s.N, fixed(s.Mean, 1), fixed(s.Median, 1), fixed(s.Q1, 1), fixed(s.Q3, 1),
				b.Stars[0], b.Stars[1], b.Stars[2], b.Stars[3])
		}
	}
	return e.err
}

func mdCell(m *Measure, s *Summary) string {
	if s.N == 0 {
		return "n 0"
	}
	if m.Kind == Proportion {
		return fmt.Sprintf("%s (%d of %d; %s–%s)", FormatValue(UnitShare, s.Mean), s.Count, s.N, FormatValue(UnitShare, s.WilsonLo), FormatValue(UnitShare, s.WilsonHi))
	}
	return fmt.Sprintf("%s (%s–%s), mean %s, n %d", FormatValue(m.Unit, s.Median), FormatValue(m.Unit, s.Q1), FormatValue(m.Unit, s.Q3), FormatValue(m.Unit, s.Mean), s.N)
}
