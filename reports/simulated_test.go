package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
)

// simulatedSite is the fixture as a simulated survey's (the demo's).
func simulatedSite() *Site {
	s := withCompare(fixtureSite(), true)
	s.Survey.Simulated = true
	return s
}

// TestSimulated checks that every output of a simulated survey says so:
// each page has the banner and "(simulated)" in its title, the CSV a first
// column simulated, true on every row, the JSON simulated and the note;
// and that a survey of real websites says none of it.
func TestSimulated(t *testing.T) {
	title := regexp.MustCompile(`<title>([^<]*)</title>`)
	note := html.EscapeString(councilbench.SimulatedNote)
	banner := `<div class="simulated"><p>` + note + `</p></div>`
	for _, sim := range []bool{true, false} {
		s := withCompare(fixtureSite(), true)
		s.Survey.Simulated = sim
		dir := writeSite(t, s)
		pages := 0
		for _, f := range siteFiles(t, dir) {
			b, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case strings.HasSuffix(f, ".html"):
				pages++
				m := title.FindSubmatch(b)
				if m == nil {
					t.Fatalf("%s: no title", f)
				}
				if got := strings.Contains(string(m[1]), " (simulated) – "); got != sim {
					t.Errorf("simulated %v: %s: title %q says simulated: %v", sim, f, m[1], got)
				}
				if got := strings.Count(string(b), banner); got != map[bool]int{true: 1, false: 0}[sim] {
					t.Errorf("simulated %v: %s: the banner %d times", sim, f, got)
				}
				if got := strings.Count(string(b), note); got != map[bool]int{true: 2, false: 0}[sim] {
					t.Errorf("simulated %v: %s: the note %d times, want the banner's and the footer's", sim, f, got)
				}
			case f == CSVFile:
				rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				if got := rows[0][0] == "simulated"; got != sim {
					t.Errorf("simulated %v: CSV header %q", sim, rows[0])
				}
				if sim {
					for _, r := range rows[1:] {
						if r[0] != "true" || len(r) != len(rows[0]) {
							t.Errorf("CSV row %q, want simulated true first", r)
						}
					}
				}
			case f == JSONFile:
				var doc struct {
					Simulated *bool
					Note      string
				}
				if err := json.Unmarshal(b, &doc); err != nil {
					t.Fatal(err)
				}
				if sim && (doc.Simulated == nil || !*doc.Simulated || doc.Note != councilbench.SimulatedNote) {
					t.Errorf("JSON: simulated %v, note %q; want true and the note", doc.Simulated, doc.Note)
				}
				if !sim && (doc.Simulated != nil || doc.Note != "") {
					t.Errorf("JSON of a real survey: simulated %v, note %q; want neither", doc.Simulated, doc.Note)
				}
			}
		}
		if pages < 10 {
			t.Errorf("only %d pages checked", pages)
		}
	}
}
