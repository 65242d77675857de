package divide

import (
	"fmt"
	"strings"
)

// Answer answers the report's question, "are shire district councils
// falling behind online?", in two plain sentences that a councillor or a
// journalist can quote: first the verdict on the overall score (yes, no,
// or no clear sign, with the medians), then the councils compared and the
// other measures that differed clearly, if any. A difference is clear as
// in Headlines (Comparison.Clear); the statistics behind it are in
// Headlines and the full report.
func (r *Report) Answer() string {
	shire, larger := r.group(GroupShire), r.group(GroupLarger)
	if shire == nil || larger == nil || shire.Assessed == 0 || larger.Assessed == 0 {
		return "This survey cannot say: it assessed no shire district or no larger council in England, so there is nothing to compare."
	}
	compared := fmt.Sprintf("It compares the %s shire districts and %s larger councils (counties, unitaries, metropolitan and London boroughs) assessed in England",
		count(shire.Assessed), count(larger.Assessed))
	m := r.Measure("score")
	if m == nil || m.Compare == nil {
		return "This survey cannot say: it assessed too few councils in one of the groups to compare them. " + compared + "."
	}
	c := m.Compare
	sx, sy := m.Group(GroupShire), m.Group(GroupLarger)
	dec := headlineDecimals(sx.Median, sy.Median, c.MedianDiff)
	median := fmt.Sprintf("a median of %s out of 100 against %s", fixed(sx.Median, dec), fixed(sy.Median, dec))
	var verdict string
	scoreClear := c.Clear(m.Kind)
	switch {
	case scoreClear && c.MedianDiff < 0:
		verdict = "Yes: shire district councils' websites scored lower than larger councils' in England, " + median + "."
	case scoreClear:
		verdict = "No: shire district councils' websites scored higher than larger councils' in England, " + median + "."
	case fixed(sx.Median, dec) == fixed(sy.Median, dec):
		verdict = fmt.Sprintf("No clear sign of it: shire district councils' websites in England scored a median of %s out of 100, the same as larger councils'.", fixed(sx.Median, dec))
	default:
		verdict = "No clear sign of it: shire district councils' websites in England scored " + median + " for larger councils', a gap too small to tell apart from chance."
	}
	others := r.otherClear()
	switch {
	case len(others) > 2:
		compared += fmt.Sprintf("; other clear differences: %s, %s and %s more", others[0], others[1], count(len(others)-2))
	case len(others) > 0:
		compared += "; other clear differences: " + strings.Join(others, "; ")
	case scoreClear:
		compared += "; no single measure behind the score differed clearly on its own"
	default:
		compared += "; no other measure differed clearly either"
	}
	return verdict + " " + compared + "."
}

// otherClear describes the clear differences other than the score's, in
// the order Headlines gives them: stars, the accessibility pass, the top
// tasks, the site features and the accessibility rules.
func (r *Report) otherClear() []string {
	var out []string
	if m := r.Measure("stars"); m != nil && m.Compare.Clear(m.Kind) {
		var top [2]float64
		for i, g := range []string{GroupShire, GroupLarger} {
			for _, st := range r.Stars {
				if st.Group == g {
					top[i] = st.Shares[2] + st.Shares[3]
				}
			}
		}
		out = append(out, fmt.Sprintf("%s of shire districts earned three or four stars against %s of larger councils", percent(top[0]), percent(top[1])))
	}
	if m := r.Measure("accessibility-pass"); m != nil && m.Compare.Clear(m.Kind) {
		out = append(out, fmt.Sprintf("%s of shire districts passed the accessibility check against %s of larger councils",
			percent(m.Group(GroupShire).Mean), percent(m.Group(GroupLarger).Mean)))
	}
	tasks, rules := 0, 0
	var features []string
	for i := range r.Measures {
		m := &r.Measures[i]
		if !m.Compare.Clear(m.Kind) {
			continue
		}
		switch {
		case strings.HasPrefix(m.ID, "task/"):
			tasks++
		case strings.HasPrefix(m.ID, "rule/"):
			rules++
		case m.ID == "mobile" || m.ID == "https" || m.ID == "page-weight" || m.ID == "pdf-share":
			features = append(features, otherPhrase(m))
		}
	}
	if tasks > 0 {
		out = append(out, comparisons(tasks, "top-task")+" (found, or doable online)")
	}
	out = append(out, features...)
	if rules > 0 {
		out = append(out, comparisons(rules, "accessibility-rule"))
	}
	return out
}

// comparisons says "one top-task comparison" or "two top-task comparisons".
func comparisons(n int, what string) string {
	if n == 1 {
		return "one " + what + " comparison"
	}
	return count(n) + " " + what + " comparisons"
}
