package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
)

// TestShowStarsCap checks that show says, on its stars line, when a
// council's stars are capped and why, and says nothing of a cap otherwise.
func TestShowStarsCap(t *testing.T) {
	tests := []struct {
		name  string
		stars int
		note  string
		want  string
	}{
		{"capped", 3, "no accessibility pass", "Stars: ★★★ (3; a four-star score, capped: no accessibility pass)   Score: 80.0 of 100"},
		{"not capped", 4, "", "Stars: ★★★★ (4)   Score: 80.0 of 100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			card := &scorecardJSON{Name: "X", Survey: "s", CouncilScore: &councilbench.CouncilScore{Code: "XXX", Tier: councilbench.TierUnitary,
				Assessed: true, Score: 80, Stars: tt.stars, StarsNote: tt.note, AccessibilityPass: tt.note == ""}}
			var b bytes.Buffer
			if err := writeScorecard(&b, card); err != nil {
				t.Fatal(err)
			}
			line, _, _ := strings.Cut(strings.SplitN(b.String(), "\n", 3)[1], "   Accessibility")
			if line != tt.want {
				t.Errorf("got  %q\nwant %q", line, tt.want)
			}
		})
	}
}
