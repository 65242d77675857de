package survey

import (
	"fmt"
	"slices"
	"testing"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/scoring"
)

// TestDivideTableNoVariation checks that the home page's divide table says
// when a measure has no variation (every council served HTTPS) rather than
// that it was merely not tested, and tests the measures that vary.
func TestDivideTableNoVariation(t *testing.T) {
	var results []*councilbench.CouncilResult
	for i, tier := range []councilbench.Tier{councilbench.TierShireDistrict, councilbench.TierShireDistrict, councilbench.TierShireDistrict,
		councilbench.TierCounty, councilbench.TierUnitary, councilbench.TierCounty} {
		results = append(results, &councilbench.CouncilResult{
			Council: councilbench.Council{Code: fmt.Sprintf("C%02d", i), Name: fmt.Sprint("Council ", i), Tier: tier, Nation: "England"},
			Score: &councilbench.CouncilScore{Assessed: true, Score: float64(60 + 7*i), Stars: 1 + i%4, AccessibilityPass: i%2 == 0,
				Features: []councilbench.Feature{
					{ID: scoring.FeatureHTTPS, Known: true, Pass: true},
					{ID: scoring.FeatureViewport, Known: true, Pass: i%2 == 1},
				}},
		})
	}
	_, _, tables := divideFindings(results)
	rows := map[string][]string{}
	for _, r := range tables[0].Rows {
		rows[r[0]] = r
	}
	for _, tt := range []struct {
		label, want string
		untested    bool
	}{
		{"HTTPS", "none: every council alike (not tested)", true},
		{"Mobile viewport", "", false},
		{"Overall score", "", false},
	} {
		r, ok := rows[tt.label]
		if !ok {
			t.Fatalf("no row %q in %v", tt.label, tables[0].Rows)
		}
		last := r[len(r)-1]
		if tt.untested && last != tt.want {
			t.Errorf("%s: got %q, want %q", tt.label, last, tt.want)
		}
		if !tt.untested && slices.Contains([]string{"not tested", "none: every council alike (not tested)"}, last) {
			t.Errorf("%s: got %q, want a tested difference", tt.label, last)
		}
	}
}
