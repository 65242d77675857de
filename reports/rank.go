package reports

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/councilbench/councilbench"
)

// tenths returns a score in tenths of a point, the precision scores are
// stored and compared at: equal tenths share a rank.
func tenths(score float64) int64 { return int64(math.Round(score * 10)) }

// Rank returns the competition ranks ("1, 2, 2, 4") of the scores, highest
// first: equal scores (to a tenth of a point) share a rank.
func Rank(scores []float64) []int {
	ranks := make([]int, len(scores))
	for i, s := range scores {
		r := 1
		for _, t := range scores {
			if tenths(t) > tenths(s) {
				r++
			}
		}
		ranks[i] = r
	}
	return ranks
}

// row is one council in a league table.
type row struct {
	C    *Council
	Rank int
	Tie  bool // another council shares the rank
	// Change is the change since the earlier survey; nil when the report
	// does not compare.
	Change *change
}

// change is a council's change since the earlier survey.
type change struct {
	New         bool // not ranked in the earlier survey
	EarlierRank int
	RankDelta   int // places up (positive) or down (negative)
	ScoreDelta  float64
}

// league is one league table: the assessed councils ranked, and the others.
type league struct {
	ID          string // file name without .html
	Title       string // page heading
	Caption     string
	Kind        string // "all", "tier" or "nation"
	Rows        []row
	NotAssessed []*Council
}

// ranked reports whether a council has a score to rank.
func ranked(c *Council) bool { return c.Assessed && c.Score != nil }

// buildLeague ranks the councils that keep returns true.
func buildLeague(s *Site, id, title, kind string, keep func(*Council) bool) *league {
	l := &league{ID: id, Title: title, Caption: title, Kind: kind}
	var cs []*Council
	for i := range s.Councils {
		c := &s.Councils[i]
		if !keep(c) {
			continue
		}
		if ranked(c) {
			cs = append(cs, c)
		} else {
			l.NotAssessed = append(l.NotAssessed, c)
		}
	}
	slices.SortStableFunc(cs, func(a, b *Council) int {
		if c := cmp.Compare(tenths(b.Score.Score), tenths(a.Score.Score)); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Code, b.Code))
	})
	slices.SortStableFunc(l.NotAssessed, func(a, b *Council) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Code, b.Code))
	})
	scores := make([]float64, len(cs))
	for i, c := range cs {
		scores[i] = c.Score.Score
	}
	ranks := Rank(scores)
	count := map[int]int{}
	for _, r := range ranks {
		count[r]++
	}
	for i, c := range cs {
		l.Rows = append(l.Rows, row{C: c, Rank: ranks[i], Tie: count[ranks[i]] > 1})
	}
	if cmpOK(s) {
		earlierRanks := earlierRanks(s.Compare, cs, kind == "all")
		for i := range l.Rows {
			r := &l.Rows[i]
			e, ok := s.Compare.Earlier[r.C.Code]
			if !ok || !e.Assessed {
				r.Change = &change{New: true}
				continue
			}
			er := earlierRanks[r.C.Code]
			r.Change = &change{EarlierRank: er, RankDelta: er - r.Rank, ScoreDelta: float64(tenths(r.C.Score.Score)-tenths(e.Score)) / 10}
		}
	}
	return l
}

// cmpOK reports whether the report shows changes since an earlier survey.
func cmpOK(s *Site) bool { return s.Compare != nil && s.Compare.Comparable }

// earlierRanks ranks the councils' earlier scores among themselves, or
// takes the earlier survey's own ranks for the table of all councils when
// the caller gave them.
func earlierRanks(cmpr *Comparison, cs []*Council, all bool) map[string]int {
	var codes []string
	var scores []float64
	out := map[string]int{}
	for _, c := range cs {
		if e, ok := cmpr.Earlier[c.Code]; ok && e.Assessed {
			if all && e.Rank > 0 {
				out[c.Code] = e.Rank
				continue
			}
			codes = append(codes, c.Code)
			scores = append(scores, e.Score)
		}
	}
	for i, r := range Rank(scores) {
		out[codes[i]] = r
	}
	return out
}

// tierNames name the tiers in the report, singular and plural.
var tierNames = map[councilbench.Tier][3]string{
	councilbench.TierShireDistrict: {"Shire district", "Shire districts", "shire districts"},
	councilbench.TierCounty:        {"County council", "County councils", "county councils"},
	councilbench.TierUnitary:       {"Unitary authority", "Unitary authorities", "unitary authorities"},
	councilbench.TierMetropolitan:  {"Metropolitan borough", "Metropolitan boroughs", "metropolitan boroughs"},
	councilbench.TierLondonBorough: {"London borough", "London boroughs", "London boroughs"},
	councilbench.TierDistrict:      {"District (Northern Ireland)", "Districts (Northern Ireland)", "Northern Ireland's districts"},
}

// tierName names a tier, singular.
func tierName(t councilbench.Tier) string {
	if n, ok := tierNames[t]; ok {
		return n[0]
	}
	return string(t)
}

// tierPlural names a tier, plural.
func tierPlural(t councilbench.Tier) string {
	if n, ok := tierNames[t]; ok {
		return n[1]
	}
	return string(t)
}

// tierPluralInText names a tier, plural, as it reads within a sentence.
func tierPluralInText(t councilbench.Tier) string {
	if n, ok := tierNames[t]; ok {
		return n[2]
	}
	return string(t)
}

// leagues returns every league table of the site: all councils, then each
// tier and each nation that has councils.
func leagues(s *Site) []*league {
	ls := []*league{buildLeague(s, "league", "All councils", "all", func(*Council) bool { return true })}
	for _, t := range councilbench.Tiers {
		if !slices.ContainsFunc(s.Councils, func(c Council) bool { return c.Tier == t }) {
			continue
		}
		ls = append(ls, buildLeague(s, "tier-"+safeName(string(t)), tierPlural(t), "tier", func(c *Council) bool { return c.Tier == t }))
	}
	for _, n := range nations(s) {
		ls = append(ls, buildLeague(s, "nation-"+safeName(strings.ToLower(n)), "Councils in "+n, "nation", func(c *Council) bool { return c.Nation == n }))
	}
	return ls
}

// nationOrder is the order nations are listed in.
var nationOrder = []string{"England", "Scotland", "Wales", "Northern Ireland"}

// nations returns the nations of the site's councils, the UK's four first.
func nations(s *Site) []string {
	var out []string
	for _, n := range nationOrder {
		if slices.ContainsFunc(s.Councils, func(c Council) bool { return c.Nation == n }) {
			out = append(out, n)
		}
	}
	var rest []string
	for _, c := range s.Councils {
		if c.Nation != "" && !slices.Contains(nationOrder, c.Nation) && !slices.Contains(rest, c.Nation) {
			rest = append(rest, c.Nation)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// componentScore returns a council's score for a component, and whether it
// has one.
func componentScore(sc *councilbench.CouncilScore, id string) (float64, bool) {
	if sc == nil {
		return 0, false
	}
	c := sc.Component(id)
	if c == nil {
		return 0, false
	}
	for _, it := range c.Items {
		if it.Known {
			return c.Score, true
		}
	}
	return 0, false
}

// fmtScore formats a score to one decimal.
func fmtScore(x float64) string { return fmt.Sprintf("%.1f", x) }
