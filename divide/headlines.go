package divide

import (
	"fmt"
	"math"
	"strings"
)

// Measure returns the measure with the id, or nil.
func (r *Report) Measure(id string) *Measure {
	for i := range r.Measures {
		if r.Measures[i].ID == id {
			return &r.Measures[i]
		}
	}
	return nil
}

// Group returns the summary of the group with the id, or nil.
func (m *Measure) Group(id string) *Summary {
	for i := range m.Groups {
		if m.Groups[i].Group == id {
			return &m.Groups[i]
		}
	}
	return nil
}

func (r *Report) group(id string) *GroupInfo {
	for i := range r.Groups {
		if r.Groups[i].ID == id {
			return &r.Groups[i]
		}
	}
	return nil
}

// Headlines returns three to six plain-English sentences of the main
// findings, for the public: who was compared, the score, the stars, the
// accessibility pass, the tasks and the other measures. A difference is
// called clear only when its 95% interval excludes zero and its
// Holm-adjusted p-value is below 0.05; otherwise the sentence says there
// is no clear difference.
func (r *Report) Headlines() []string {
	shire, larger := r.group(GroupShire), r.group(GroupLarger)
	notAssessed := len(r.Unassessed)
	var hs []string
	scope := fmt.Sprintf("The survey assessed %d of %d shire districts and %d of %d larger councils (counties, unitaries, metropolitan and London boroughs) in England",
		shire.Assessed, shire.Councils, larger.Assessed, larger.Councils)
	if r.AllNations {
		scope += ", and describes the Scottish, Welsh and Northern Irish councils alongside"
	}
	switch notAssessed {
	case 0:
		scope += "."
	case 1:
		scope += "; the one council that could not be assessed is listed with the reason."
	default:
		scope += fmt.Sprintf("; the %s councils that could not be assessed are listed with the reason.", count(notAssessed))
	}
	hs = append(hs, scope)
	if shire.Assessed == 0 || larger.Assessed == 0 {
		return append(hs, "With no assessed councils in one of the groups, there is nothing to compare.")
	}

	if m := r.Measure("score"); m != nil && m.Compare != nil {
		c := m.Compare
		sx, sy := m.Group(GroupShire), m.Group(GroupLarger)
		dec := headlineDecimals(c.MedianDiff, c.MedianLo, c.MedianHi)
		s := fmt.Sprintf("Shire districts scored a median of %s against %s for larger councils", fixed(sx.Median, dec), fixed(sy.Median, dec))
		detail := fmt.Sprintf("difference %s points, 95%% CI %s to %s", fixed(c.MedianDiff, dec), fixed(c.MedianLo, dec), fixed(c.MedianHi, dec))
		if c.Clear(m.Kind) {
			s += " (" + detail + ")."
		} else {
			s += ": no clear difference (" + detail + ")."
		}
		hs = append(hs, s)
	}

	if m := r.Measure("stars"); m != nil && m.Compare != nil {
		var top [2]float64
		for i, g := range []string{GroupShire, GroupLarger} {
			for _, st := range r.Stars {
				if st.Group == g {
					top[i] = st.Shares[2] + st.Shares[3]
				}
			}
		}
		s := fmt.Sprintf("%s of shire districts earned three or four stars, against %s of larger councils; ", percent(top[0]), percent(top[1]))
		if m.Compare.Clear(m.Kind) {
			dir := "lower"
			if m.Compare.CliffsDelta > 0 {
				dir = "higher"
			}
			s += fmt.Sprintf("shire districts' star ratings were clearly %s (Mann–Whitney test, adjusted p %s).", dir, pPhrase(m.Compare.PHolm))
		} else {
			s += fmt.Sprintf("there is no clear difference in star ratings (Mann–Whitney test, adjusted p %s).", pPhrase(m.Compare.PHolm))
		}
		hs = append(hs, s)
	}

	if m := r.Measure("accessibility-pass"); m != nil && m.Compare != nil {
		hs = append(hs, proportionSentence(m, "passed the accessibility check"))
	}

	// Tasks: how many comparisons are clear, and the clearest.
	var tasks, clearTasks []*Measure
	var others []string
	rulesClear, rulesTested, rulesAlike := 0, 0, 0
	for i := range r.Measures {
		m := &r.Measures[i]
		if m.NoVariation && strings.HasPrefix(m.ID, "rule/") {
			rulesAlike++
		}
		if m.Compare == nil {
			continue
		}
		switch {
		case strings.HasPrefix(m.ID, "task/"):
			tasks = append(tasks, m)
			if m.Compare.Clear(m.Kind) {
				clearTasks = append(clearTasks, m)
			}
		case strings.HasPrefix(m.ID, "rule/"):
			rulesTested++
			if m.Compare.Clear(m.Kind) {
				rulesClear++
			}
		case m.ID == "mobile" || m.ID == "https" || m.ID == "page-weight" || m.ID == "pdf-share":
			if m.Compare.Clear(m.Kind) {
				others = append(others, otherPhrase(m))
			}
		}
	}
	if len(tasks) > 0 {
		if len(clearTasks) == 0 {
			hs = append(hs, fmt.Sprintf("No top task showed a clear difference between shire districts and larger councils in being found or doable online (%s comparisons, adjusted for their number).", count(len(tasks))))
		} else {
			best := clearTasks[0]
			for _, m := range clearTasks[1:] {
				if math.Abs(m.Compare.MeanDiff) > math.Abs(best.Compare.MeanDiff) {
					best = m
				}
			}
			name, what, _ := strings.Cut(best.Label, ": ")
			verb := "was found"
			if what == "doable online" {
				verb = "could be done online"
			}
			hs = append(hs, fmt.Sprintf("%s of %s task comparisons showed a clear difference; the largest: %s %s on %s of shire district websites against %s of larger councils' (difference %s percentage points, 95%% CI %s to %s).",
				capital(count(len(clearTasks))), count(len(tasks)), quote(name), verb,
				percent(best.Group(GroupShire).Mean), percent(best.Group(GroupLarger).Mean),
				fixed(100*best.Compare.MeanDiff, 0), fixed(100*best.Compare.MeanLo, 0), fixed(100*best.Compare.MeanHi, 0)))
		}
	}

	s := "Among mobile viewports, HTTPS, page weight and PDF documents, "
	if len(others) == 0 {
		s += "none showed a clear difference"
	} else {
		s += "clear differences: " + strings.Join(others, "; ")
	}
	if rulesTested > 0 {
		if rulesClear == 0 {
			s += fmt.Sprintf("; none of the %s accessibility rule comparisons showed a clear difference", count(rulesTested))
		} else {
			s += fmt.Sprintf("; %s of %s accessibility rule comparisons showed a clear difference", count(rulesClear), count(rulesTested))
		}
	}
	if rulesAlike > 0 {
		s += fmt.Sprintf(" (%s more rule measures had no variation, every council alike, and were not tested)", count(rulesAlike))
	}
	hs = append(hs, s+".")
	return hs
}

// proportionSentence compares the groups' shares on the proportion m.
func proportionSentence(m *Measure, verb string) string {
	c := m.Compare
	s := fmt.Sprintf("%s of shire districts %s, against %s of larger councils", percent(m.Group(GroupShire).Mean), verb, percent(m.Group(GroupLarger).Mean))
	detail := fmt.Sprintf("difference %s percentage points, 95%% CI %s to %s", fixed(100*c.MeanDiff, 0), fixed(100*c.MeanLo, 0), fixed(100*c.MeanHi, 0))
	if c.Clear(m.Kind) {
		return s + " (" + detail + ")."
	}
	return s + ": no clear difference (" + detail + ")."
}

// otherPhrase says which way a clear difference on a site feature goes.
func otherPhrase(m *Measure) string {
	sx, sy := m.Group(GroupShire), m.Group(GroupLarger)
	switch m.ID {
	case "mobile":
		a, b := apart(100*sx.Mean, 100*sy.Mean)
		return fmt.Sprintf("%s%% of shire districts had a mobile viewport against %s%% of larger councils", a, b)
	case "https":
		a, b := apart(100*sx.Mean, 100*sy.Mean)
		return fmt.Sprintf("%s%% of shire districts served their home page over HTTPS against %s%% of larger councils", a, b)
	case "page-weight":
		a, b := apart(sx.Median/1000, sy.Median/1000)
		return fmt.Sprintf("shire districts' median page weighed %s KB against %s KB for larger councils", a, b)
	case "pdf-share":
		a, b := apart(100*sx.Median, 100*sy.Median)
		return fmt.Sprintf("a median %s%% of shire districts' documents were PDFs against %s%% for larger councils", a, b)
	}
	return m.Label
}

// apart formats two values that differ clearly with as few decimals as
// tell them apart (at most two): "13 KB against 13 KB" reads as no
// difference at all.
func apart(a, b float64) (string, string) {
	if math.IsNaN(a) || math.IsNaN(b) {
		return fixed(a, 0), fixed(b, 0)
	}
	d := 0
	for d < 2 && fixed(a, d) == fixed(b, d) {
		d++
	}
	return fixed(a, d), fixed(b, d)
}

// headlineDecimals returns 0 unless a value below 1 would round to a misleading 0
// or the interval would collapse, then 1.
func headlineDecimals(xs ...float64) int {
	for _, x := range xs {
		if x != 0 && math.Abs(x) < 1 {
			return 1
		}
	}
	return 0
}

func percent(x float64) string {
	if math.IsNaN(x) {
		return dash
	}
	return fixed(100*x, 0) + "%"
}

func pPhrase(p float64) string {
	s := pValue(p)
	if strings.HasPrefix(s, "<") {
		return "< " + s[1:]
	}
	return "= " + s
}

var smallNumbers = []string{"0", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}

// count writes small counts in words, as house style for prose does.
func count(n int) string {
	if n >= 0 && n < len(smallNumbers) {
		return smallNumbers[n]
	}
	return fmt.Sprint(n)
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func quote(s string) string { return "“" + s + "”" }
