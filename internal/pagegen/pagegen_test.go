package pagegen

import (
	"strings"
	"testing"
)

// TestGenerate checks that a seed gives the same pages every time, that
// two seeds give different ones, and that pages are whole documents.
func TestGenerate(t *testing.T) {
	a, b := Generate(7, 50), Generate(7, 50)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("page %d differs between two runs of one seed", i)
		}
		if !strings.HasPrefix(a[i].HTML, "<!doctype html>") || !strings.HasSuffix(a[i].HTML, "</html>\n") {
			t.Errorf("%s: not a whole document", a[i].ID)
		}
	}
	if c := Generate(8, 50); c[0].HTML == a[0].HTML && c[1].HTML == a[1].HTML {
		t.Error("seeds 7 and 8 give the same pages")
	}
	// The grammar reaches every family of markup over a few hundred pages.
	all := ""
	for _, p := range Generate(1, 300) {
		all += p.HTML
	}
	for _, want := range []string{"role=", "autocomplete=", "<table", "<map", "<iframe", "<object", "<svg", "<dl>", "<main>", " hidden>", `aria-hidden="true"`, "display:none", "lang="} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in 300 pages", want)
		}
	}
}
