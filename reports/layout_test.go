package reports

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
)

func TestScoreAxis(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name   string
		lo, hi float64
		want   Axis
		ticks  []float64
	}{
		{"the demo's narrow band", 86, 100, Axis{85, 100, 5}, []float64{85, 90, 95, 100}},
		{"a band in the middle", 45, 57, Axis{45, 60, 5}, []float64{45, 50, 55, 60}},
		{"the whole range", 0, 100, Axis{0, 100, 20}, []float64{0, 20, 40, 60, 80, 100}},
		{"a wide spread", 16.5, 96.1, Axis{0, 100, 20}, []float64{0, 20, 40, 60, 80, 100}},
		{"most of the range", 20, 90, Axis{20, 100, 20}, []float64{20, 40, 60, 80, 100}},
		{"one score", 92, 92, Axis{86, 98, 2}, []float64{86, 88, 90, 92, 94, 96, 98}},
		{"a narrow band at the top", 97.5, 99.9, Axis{90, 100, 2}, []float64{90, 92, 94, 96, 98, 100}},
		{"a narrow band at the bottom", 0, 3, Axis{0, 10, 2}, []float64{0, 2, 4, 6, 8, 10}},
		{"fractions", 61.3, 78.8, Axis{60, 80, 5}, []float64{60, 65, 70, 75, 80}},
		{"no scores", nan, nan, Axis{0, 100, 20}, []float64{0, 20, 40, 60, 80, 100}},
		{"empty range", 1, 0, Axis{0, 100, 20}, []float64{0, 20, 40, 60, 80, 100}},
		{"outside 0 to 100", -5, 120, Axis{0, 100, 20}, []float64{0, 20, 40, 60, 80, 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ScoreAxis(tt.lo, tt.hi)
			if got != tt.want {
				t.Errorf("ScoreAxis(%v, %v) = %+v, want %+v", tt.lo, tt.hi, got, tt.want)
			}
			if ticks := got.Ticks(); !slices.Equal(ticks, tt.ticks) {
				t.Errorf("ticks: got %v, want %v", ticks, tt.ticks)
			}
			// The data sit within the axis, whose ends are on the plot's.
			if !math.IsNaN(tt.lo) && tt.lo <= tt.hi {
				for _, v := range []float64{max(tt.lo, 0), min(tt.hi, 100)} {
					if x := got.X(v); x < plotLeft || x > plotRight {
						t.Errorf("score %v at x %v, outside the plot (%v to %v)", v, x, plotLeft, plotRight)
					}
				}
			}
			if got.X(got.Min) != plotLeft || got.X(got.Max) != plotRight {
				t.Errorf("axis ends at x %v and %v, want %v and %v", got.X(got.Min), got.X(got.Max), plotLeft, plotRight)
			}
		})
	}
}

func TestAxisTicksWithoutStep(t *testing.T) {
	if got, want := (Axis{Min: 10, Max: 20}).Ticks(), []float64{10, 20}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestStripChartFitsScores checks that scores in a narrow band fill the
// chart, and that the chart says its axis does not start at 0.
func TestStripChartFitsScores(t *testing.T) {
	s := fixtureSite()
	for i := range s.Councils {
		if sc := s.Councils[i].Score; sc != nil {
			c := *sc
			c.Score = 86 + float64(i)*1.5 // 86 to 98
			s.Councils[i].Score = &c
		}
	}
	ch := newStripChart(statsByTier(s))
	if ch.Axis != (Axis{85, 100, 5}) {
		t.Errorf("axis %+v, want 85 to 100", ch.Axis)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range ch.Rows {
		for _, d := range r.Dots {
			lo, hi = min(lo, d.X), max(hi, d.X)
		}
	}
	if spread := (hi - lo) / (plotRight - plotLeft); spread < 0.6 {
		t.Errorf("the dots spread over %.0f%% of the plot, want most of it", 100*spread)
	}
	for _, want := range []string{"Score out of 100 (the axis starts at 85, not 0)"} {
		if !strings.Contains(ch.AxisTitle, want) {
			t.Errorf("axis title %q lacks %q", ch.AxisTitle, want)
		}
	}
	if !strings.Contains(ch.Desc, "on an axis from 85 to 100") {
		t.Errorf("description %q does not say the axis's range", ch.Desc)
	}
}

// TestHomeCounts checks that the home page says which councils each part
// covers and that its counts agree: the lede, the charts' rows, the tables,
// the league tables' links and the England comparison.
func TestHomeCounts(t *testing.T) {
	s := fixtureSite()
	dir := writeSite(t, s)
	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	assessed, notAssessed, shire, larger := 0, 0, 0, 0
	for _, c := range s.Councils {
		if !ranked(&c) {
			notAssessed++
			continue
		}
		assessed++
		if c.Nation == "England" && c.Tier.Group() == councilbench.GroupShireDistrict {
			shire++
		}
		if c.Nation == "England" && c.Tier.Group() == councilbench.GroupLarger {
			larger++
		}
	}
	n := strconv.Itoa
	for _, want := range []string{
		n(assessed) + " councils were assessed and " + n(notAssessed) + " could not be",
		"cover every council surveyed, in all nations: " + n(assessed) + " assessed (England 6, Scotland 1, Wales 1, Northern Ireland 0) and " + n(notAssessed) + " not assessed",
		"its " + n(shire) + " assessed shire districts against its " + n(larger) + " assessed larger councils",
		"<title id=\"chart-scores-title\">Scores by tier, all nations, " + n(assessed) + " councils assessed</title>",
		"<title id=\"chart-stars-title\">Stars by tier, all nations, " + n(assessed) + " councils assessed</title>",
		"Scores by tier, all nations, " + n(assessed) + " councils assessed: councils assessed",
		"Stars by tier, all nations, " + n(assessed) + " councils assessed: the number",
		"All councils</a><br><span class=\"muted\">" + n(assessed) + " ranked, " + n(notAssessed) + " not assessed",
		s.Answer[:40],
		`<a href="divide.html">How we know`,
	} {
		if !strings.Contains(page, strings.ReplaceAll(want, "'", "&#39;")) {
			t.Errorf("home page lacks %q", want)
		}
	}
	if strings.Index(page, "class=\"answer\"") > strings.Index(page, "class=\"lede\"") {
		t.Errorf("the answer does not come first")
	}
	// Each chart's rows add up to the councils assessed.
	for _, id := range []string{"chart-scores", "chart-stars"} {
		svg := page[strings.Index(page, `<title id="`+id+`-title">`):]
		svg = svg[:strings.Index(svg, "</svg>")]
		sum := 0
		for _, m := range regexp.MustCompile(`class="label" x="0" y="\d+">[^<]* \((\d+)\)</text>`).FindAllStringSubmatch(svg, -1) {
			k, _ := strconv.Atoi(m[1])
			sum += k
		}
		if sum != assessed {
			t.Errorf("%s: rows add up to %d councils, want %d", id, sum, assessed)
		}
	}
	// The statistics are a click away, on the comparison page.
	b, err = os.ReadFile(filepath.Join(dir, DivideFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range append([]string{s.DivideTables[0].Caption}, s.Headlines...) {
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %q", DivideFile, want)
		}
	}
}

// TestStarsCap checks that a council whose stars are capped says so, with
// the reason, beside its stars in every league table it is in and on its
// page, and that the others do not.
func TestStarsCap(t *testing.T) {
	s := fixtureSite()
	dir := writeSite(t, s)
	var capped, uncapped int
	for _, c := range s.Councils {
		if c.Score == nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, "councils", c.Code+".html"))
		if err != nil {
			t.Fatal(err)
		}
		league, _ := os.ReadFile(filepath.Join(dir, "league.html"))
		row := string(league)[strings.Index(string(league), ">"+c.Name+"</a>"):]
		row = row[:strings.Index(row, "</tr>")]
		note := c.Score.StarsNote
		if note == "" {
			uncapped++
			if strings.Contains(row, "capped") || strings.Contains(string(b), `<span class="capped">`) {
				t.Errorf("%s: shown as capped, with no cap", c.Code)
			}
			continue
		}
		capped++
		want := `<span class="cap">capped: ` + note + `</span>`
		if !strings.Contains(row, want) {
			t.Errorf("%s: league table row lacks %q:\n%s", c.Code, want, row)
		}
		if !strings.Contains(string(b), "A four-star score, capped at three: "+note+".") || !strings.Contains(string(b), "Four stars need a score of 75 or more, the accessibility pass and every component at 50 or more") {
			t.Errorf("%s: council page does not show the cap and the rule beside the stars", c.Code)
		}
	}
	if capped == 0 || uncapped == 0 {
		t.Fatalf("fixture: %d capped and %d uncapped councils, want some of each", capped, uncapped)
	}
}
