package divide

import (
	"encoding/csv"
	"io"
	"strconv"
)

// CSVHeader is the header row of WriteCSV.
var CSVHeader = []string{
	"section", "measure", "label", "kind", "unit", "group", "comparison",
	"n", "count", "mean", "sd", "min", "q1", "median", "q3", "max", "wilson_lo", "wilson_hi",
	"mean_diff", "mean_diff_lo", "mean_diff_hi", "median_diff", "median_diff_lo", "median_diff_hi",
	"w", "z", "p", "exact", "ties", "p_holm", "cliffs_delta", "clear",
	"stars_1", "stars_2", "stars_3", "stars_4", "councils", "not_assessed",
	"code", "name", "tier", "nation", "region", "reason", "no_variation",
}

// WriteCSV writes the report as one machine-readable table with the
// columns of CSVHeader. The first column says what a row is:
//
//   - comparison: one row per measure × comparison (shire districts
//     against larger councils): the differences, their intervals, the
//     test, Cliff's delta and the Holm-adjusted p-value; for a measure
//     with no variation (Measure.NoVariation), no_variation is true and
//     the test's cells are empty;
//   - group: one row per measure × group: n, mean, sd, min, quartiles,
//     max, and for proportions the count and the Wilson interval;
//   - stars: one row per group: its councils with 1 to 4 stars;
//   - tier and region: one row per tier or region (in group): councils,
//     not assessed, the score summary and the star counts;
//   - not-assessed: one row per council that could not be assessed;
//   - out-of-scope: councils outside the groups (in name), by nation.
//
// Cells that do not apply are empty. Numbers are plain decimals (10
// significant digits). No text cell starts with = + - @, a tab or a
// carriage return (such cells get a leading single quote), so a council
// name from the register cannot become a spreadsheet formula.
//
// A simulated survey's report (Report.Simulated) has a first column more,
// simulated, true on every row.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	header := CSVHeader
	if r.Simulated {
		header = append([]string{"simulated"}, CSVHeader...)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	write := func(cells map[string]string) {
		row := make([]string, len(header))
		for k, v := range cells {
			row[col[k]] = csvCell(v)
		}
		if r.Simulated {
			row[0] = "true"
		}
		cw.Write(row)
	}
	cw.Write(header)
	for _, m := range r.Measures {
		c := m.Compare
		if m.NoVariation {
			write(map[string]string{
				"section": "comparison", "measure": m.ID, "label": oneLine(m.Label), "kind": string(m.Kind), "unit": m.Unit,
				"comparison": GroupShire + "-vs-" + GroupLarger, "no_variation": "true",
			})
			continue
		}
		if c == nil {
			continue
		}
		write(map[string]string{
			"section": "comparison", "measure": m.ID, "label": oneLine(m.Label), "kind": string(m.Kind), "unit": m.Unit,
			"comparison": c.X + "-vs-" + c.Y,
			"mean_diff":  machine(c.MeanDiff), "mean_diff_lo": machine(c.MeanLo), "mean_diff_hi": machine(c.MeanHi),
			"median_diff": machine(c.MedianDiff), "median_diff_lo": machine(c.MedianLo), "median_diff_hi": machine(c.MedianHi),
			"w": machine(c.W), "z": machine(c.Z), "p": machine(c.P), "exact": strconv.FormatBool(c.Exact),
			"ties": strconv.FormatBool(c.Ties), "p_holm": machine(c.PHolm), "cliffs_delta": machine(c.CliffsDelta),
			"clear": strconv.FormatBool(c.Clear(m.Kind)), "no_variation": "false",
		})
	}
	for _, m := range r.Measures {
		for _, s := range m.Groups {
			cells := map[string]string{
				"section": "group", "measure": m.ID, "label": oneLine(m.Label), "kind": string(m.Kind), "unit": m.Unit,
				"group": s.Group, "n": strconv.Itoa(s.N), "mean": machine(s.Mean), "sd": machine(s.SD),
				"min": machine(s.Min), "q1": machine(s.Q1), "median": machine(s.Median), "q3": machine(s.Q3), "max": machine(s.Max),
			}
			if m.Kind == Proportion {
				cells["count"] = strconv.Itoa(s.Count)
				cells["wilson_lo"], cells["wilson_hi"] = machine(s.WilsonLo), machine(s.WilsonHi)
			}
			write(cells)
		}
	}
	for _, s := range r.Stars {
		write(map[string]string{
			"section": "stars", "measure": "stars", "group": s.Group, "n": strconv.Itoa(s.N),
			"stars_1": strconv.Itoa(s.Counts[0]), "stars_2": strconv.Itoa(s.Counts[1]),
			"stars_3": strconv.Itoa(s.Counts[2]), "stars_4": strconv.Itoa(s.Counts[3]),
		})
	}
	for _, part := range []struct {
		section string
		bs      []Breakdown
	}{{"tier", r.ByTier}, {"region", r.ByRegion}} {
		for _, b := range part.bs {
			s := b.Score
			write(map[string]string{
				"section": part.section, "measure": "score", "unit": UnitPoints, "group": oneLine(b.Key),
				"councils": strconv.Itoa(b.Councils), "not_assessed": strconv.Itoa(b.NotAssessed),
				"n": strconv.Itoa(s.N), "mean": machine(s.Mean), "sd": machine(s.SD),
				"min": machine(s.Min), "q1": machine(s.Q1), "median": machine(s.Median), "q3": machine(s.Q3), "max": machine(s.Max),
				"stars_1": strconv.Itoa(b.Stars[0]), "stars_2": strconv.Itoa(b.Stars[1]),
				"stars_3": strconv.Itoa(b.Stars[2]), "stars_4": strconv.Itoa(b.Stars[3]),
			})
		}
	}
	for _, u := range r.Unassessed {
		write(map[string]string{
			"section": "not-assessed", "group": u.Group, "code": oneLine(u.Code), "name": oneLine(u.Name),
			"tier": oneLine(u.Tier), "nation": oneLine(u.Nation), "region": oneLine(u.Region), "reason": oneLine(u.Reason),
		})
	}
	for _, c := range r.OutOfScope {
		write(map[string]string{"section": "out-of-scope", "nation": oneLine(c.Name), "councils": strconv.Itoa(c.Councils)})
	}
	cw.Flush()
	return cw.Error()
}
