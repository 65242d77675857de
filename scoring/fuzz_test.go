package scoring

import (
	"strings"
	"testing"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/internal/pagegen"
	"github.com/councilbench/councilbench/internal/testenv"
)

// FuzzScore feeds arbitrary bytes through the whole rule set: no panic,
// no hang, and evidence within its bounds.
func FuzzScore(f *testing.F) {
	f.Add([]byte("<!DOCTYPE html><html><body><img src=x></body></html>"))
	f.Fuzz(func(t *testing.T, body []byte) {
		start := time.Now()
		rep, err := ScorePage(body, "text/html", "fuzz")
		if err != nil {
			return
		}
		checkScored(t, "fuzz", start, rep)
	})
}

// checkScored checks what every scored page must hold: scoring within
// its time (scaled for a busy machine), a result for every rule, and
// evidence within its bounds.
func checkScored(t *testing.T, page string, start time.Time, rep *councilbench.PageScore) {
	t.Helper()
	if d, limit := time.Since(start), testenv.Scale(10*time.Second); d > limit {
		t.Fatalf("%s: scoring took %v, over %v", page, d, limit)
	}
	if len(rep.Results) != len(Rules) {
		t.Fatalf("%s: %d results for %d rules", page, len(rep.Results), len(Rules))
	}
	for _, r := range rep.Results {
		if len(r.Failures) > MaxFailures || r.FailureCount < len(r.Failures) {
			t.Fatalf("%s: %s: %d failures recorded of %d", page, r.Rule, len(r.Failures), r.FailureCount)
		}
		for _, ev := range r.Failures {
			if len(ev.Snippet) > MaxSnippet {
				t.Fatalf("%s: %s: snippet of %d bytes", page, r.Rule, len(ev.Snippet))
			}
		}
	}
}

// TestHostile scores pages built to blow up naive evaluators: deep nesting,
// huge attributes, many failures, wide tables, long id lists.
func TestHostile(t *testing.T) {
	// html.Parse refuses nesting deeper than 512: 200 towers 500 deep.
	tower := strings.Repeat(`<div role="button" tabindex="0" aria-hidden="true" id="a">`, 500) + "x" + strings.Repeat("</div>", 500)
	deep := strings.Repeat(tower, 200)
	roles := strings.Repeat(strings.Repeat(`<span role="link" aria-labelledby="a b c d e f" id="a">`, 400)+strings.Repeat("</span>", 400), 50)
	huge := `<img alt="` + strings.Repeat("a", 10<<20) + `" style="` + strings.Repeat("display:none;", 100000) + `">`
	many := strings.Repeat(`<img src="x.png">`, 20000)
	wide := `<table><tr>` + strings.Repeat(`<th colspan="1000">h</th>`, 1000) + `</tr><tr><td rowspan="65534">x</td></tr></table>`
	ids := `<div id="a" aria-labelledby="` + strings.Repeat("a ", 100000) + `"></div>` + strings.Repeat(`<p id="a" role="link"></p>`, 1000)
	labels := strings.Repeat(strings.Repeat(`<label>`, 400)+`<input>`+strings.Repeat(`</label>`, 400), 100)
	for name, page := range map[string]string{"deep": deep, "roles": roles, "huge": huge, "many": many, "wide": wide, "ids": ids, "labels": labels} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			rep, err := ScorePage([]byte("<!DOCTYPE html><html><body>"+page), "text/html", name)
			if err != nil {
				t.Fatal(err)
			}
			d := time.Since(start)
			t.Logf("%s: %d elements in %v, limited=%v", name, rep.Elements, d, rep.Limited)
			if limit := testenv.Scale(20 * time.Second); d > limit {
				t.Errorf("%s took %v, over %v", name, d, limit)
			}
			for _, r := range rep.Results {
				if len(r.Failures) > MaxFailures {
					t.Errorf("%s: %d failures recorded", r.Rule, len(r.Failures))
				}
			}
			if r := rep.Result("image-alt"); name == "many" && (r.FailureCount != 20000 || len(r.Failures) != MaxFailures) {
				t.Errorf("many: image-alt counted %d, recorded %d", r.FailureCount, len(r.Failures))
			}
		})
	}
}

// TestTooDeep: the parser refuses pages nested deeper than 512 elements;
// scoring reports an error rather than panicking.
func TestTooDeep(t *testing.T) {
	_, err := ScorePage([]byte(strings.Repeat("<div>", 100000)), "text/html", "deep")
	if err == nil {
		t.Log("the parser accepted 100,000 nested elements")
	}
}

// FuzzGeneratedPages scores the pages of internal/pagegen's grammar, for
// any seed, with the whole rule set: no panic, time bounded (scaled for a
// busy machine), a result for every rule and evidence within its bounds.
func FuzzGeneratedPages(f *testing.F) {
	f.Add(uint64(1))
	f.Add(uint64(2026))
	f.Fuzz(func(t *testing.T, seed uint64) {
		for _, p := range pagegen.Generate(seed, 8) {
			start := time.Now()
			rep, err := ScorePage([]byte(p.HTML), "text/html", p.ID)
			if err != nil {
				t.Fatalf("%s: %v", p.ID, err)
			}
			checkScored(t, p.ID, start, rep)
		}
	})
}

// FuzzHasWord: hasWord's ASCII fast path agrees with reading every rune.
func FuzzHasWord(f *testing.F) {
	for _, s := range []string{"", " \n\t ", "a", "----====|", "\u00a0é", "\xff\xfe", "\ue000", "Z", "@[`{"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasWord(s), strings.IndexFunc(s, isWordRune) >= 0; got != want {
			t.Errorf("hasWord(%q) = %v, want %v", s, got, want)
		}
	})
}
