package divide

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
)

// TestSimulated checks that a simulated survey's report says so in every
// format, and is otherwise the same report: the note first and last in
// text, under the title in Markdown, simulated true in JSON and a first
// column simulated, true on every row, in CSV.
func TestSimulated(t *testing.T) {
	cs := loadCouncils(t)
	real := render(t, Analyse(cs, Options{Resamples: 200}))
	sim := render(t, Analyse(cs, Options{Resamples: 200, Simulated: true}))
	note := councilbench.SimulatedNote

	if got, want := string(sim["txt"]), note+"\n\n"+string(real["txt"])+"\n"+note+"\n"; got != want {
		t.Errorf("text: got\n%.300s...\nwant the real report between two notes", got)
	}
	if bytes.Contains(real["txt"], []byte("Simulated")) || bytes.Contains(real["md"], []byte("Simulated")) {
		t.Errorf("a real survey's report says Simulated")
	}
	title, rest, _ := strings.Cut(string(real["md"]), "\n\n")
	if got, want := string(sim["md"]), title+"\n\n> **"+note+"**\n\n"+rest; got != want {
		t.Errorf("Markdown: got\n%.300s...\nwant the note under the title", got)
	}

	for doc, want := range map[string]bool{"real": false, "sim": true} {
		b := map[string][]byte{"real": real["json"], "sim": sim["json"]}[doc]
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		v, ok := m["simulated"]
		if ok != want || (want && v != true) {
			t.Errorf("%s JSON: simulated %v (present %v), want %v", doc, v, ok, want)
		}
		delete(m, "simulated")
		if doc == "sim" {
			var r map[string]any
			json.Unmarshal(real["json"], &r)
			if !reflect.DeepEqual(m, r) {
				t.Errorf("the simulated JSON differs from the real one beyond its simulated field")
			}
		}
	}

	realRows, err := csv.NewReader(bytes.NewReader(real["csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	simRows, err := csv.NewReader(bytes.NewReader(sim["csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(simRows), len(realRows); got != want {
		t.Fatalf("CSV: %d rows, want %d", got, want)
	}
	for i, r := range simRows {
		first := "true"
		if i == 0 {
			first = "simulated"
		}
		if r[0] != first || !reflect.DeepEqual(r[1:], realRows[i]) {
			t.Errorf("CSV row %d: %q, want %q then the real row %q", i, r, first, realRows[i])
		}
	}
}
