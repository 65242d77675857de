package divide

import (
	"fmt"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
)

func TestAnswer(t *testing.T) {
	// n shire districts scoring from lo and n larger councils from hi, a
	// point apart within each group.
	groups := func(n int, lo, hi float64) []Council {
		var cs []Council
		for i := range n {
			cs = append(cs, council(fmt.Sprintf("S%02d", i), councilbench.TierShireDistrict, lo+float64(i)))
			cs = append(cs, council(fmt.Sprintf("L%02d", i), councilbench.TierUnitary, hi+float64(i)))
		}
		return cs
	}
	same := groups(20, 60, 60)
	tests := []struct {
		name string
		cs   []Council
		want string
	}{
		{"behind", groups(20, 40, 70),
			"Yes: shire district councils' websites scored lower than larger councils' in England, a median of 50 out of 100 against 80. " +
				"It compares the 20 shire districts and 20 larger councils (counties, unitaries, metropolitan and London boroughs) assessed in England; " +
				"other clear differences: 50% of shire districts earned three or four stars against 100% of larger councils."},
		{"ahead", groups(20, 70, 40),
			"No: shire district councils' websites scored higher than larger councils' in England, a median of 80 out of 100 against 50. " +
				"It compares the 20 shire districts and 20 larger councils (counties, unitaries, metropolitan and London boroughs) assessed in England; " +
				"other clear differences: 100% of shire districts earned three or four stars against 50% of larger councils."},
		{"the same", same,
			"No clear sign of it: shire district councils' websites in England scored a median of 70 out of 100, the same as larger councils'. " +
				"It compares the 20 shire districts and 20 larger councils (counties, unitaries, metropolitan and London boroughs) assessed in England; " +
				"no other measure differed clearly either."},
		{"close", groups(20, 60, 60.5),
			"No clear sign of it: shire district councils' websites in England scored a median of 69.5 out of 100 against 70.0 for larger councils', a gap too small to tell apart from chance. " +
				"It compares the 20 shire districts and 20 larger councils (counties, unitaries, metropolitan and London boroughs) assessed in England; " +
				"no other measure differed clearly either."},
		{"no larger council", groups(20, 60, 60)[:1],
			"This survey cannot say: it assessed no shire district or no larger council in England, so there is nothing to compare."},
		{"none", nil,
			"This survey cannot say: it assessed no shire district or no larger council in England, so there is nothing to compare."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Analyse(tt.cs, Options{Resamples: 2000}).Answer()
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if n := strings.Count(got, ". "); n > 1 {
				t.Errorf("%d sentences, want one or two: %s", n+1, got)
			}
		})
	}
}
