package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/scoring"
	"github.com/councilbench/councilbench/simweb"
	"github.com/councilbench/councilbench/store"
)

// TestAccessibilityMatchesSimulatedFaults surveys simulated sites whole and
// checks that the accessibility rules stored for each page fail exactly
// where the generator put a barrier: every barrier found (recall) and no
// failure where there is none (precision).
func TestAccessibilityMatchesSimulatedFaults(t *testing.T) {
	councils := testCouncils(t, "KEN", "CRF", "SHE", "MAN", "BFS", "ADU", "WOT", "HRT")
	web, flags := startWeb(t, councils, 5)
	db := filepath.Join(t.TempDir(), "a.db")
	args := append([]string{"survey", "--db", db, "--name", "a", "--register", writeRegister(t, councils),
		"--max-pages", "1000", "--max-depth", "20", "--progress", "none"}, flags...)
	if code, _, stderr := runMain(t, args...); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	st, s := openSurveyT(t, db, "a")
	defer st.Close()

	// Which pages carry each barrier; a template's is on every page of
	// its site.
	m := web.Manifest()
	tests := []struct {
		fault, rule string
	}{
		{simweb.FaultImgNoAlt, "image-alt"},
		{simweb.FaultEmptyLink, "link-name"},
		{simweb.FaultInputNoLabel, "label-not-placeholder"},
		{simweb.FaultLangMissing, "html-has-lang"},
		{simweb.FaultEmptyButton, "button-name"},
		{simweb.FaultLowContrast, "color-contrast"},
	}
	all := ruleOutcomes(t, st, s.ID)
	for _, tt := range tests {
		outcomes := all[tt.rule]
		want := map[string]bool{}
		for _, site := range m.Sites {
			for _, f := range site.Faults {
				if f.Kind != tt.fault {
					continue
				}
				if f.Template {
					// Every page of the site has it.
					for u := range outcomes {
						if strings.Contains(u, "//"+hostOf(site.CanonicalURL)+"/") {
							want[u] = true
						}
					}
					continue
				}
				want[f.URL] = true
			}
		}
		var tp, fn, fp int
		for u, o := range outcomes {
			switch {
			case want[u] && o == "failed":
				tp++
			case want[u]:
				fn++
				if fn <= 3 {
					t.Errorf("%s: %s on %s, where the generator put a barrier", tt.rule, o, u)
				}
			case o == "failed":
				fp++
				if fp <= 3 {
					t.Errorf("%s failed on %s, where the generator put no barrier", tt.rule, u)
				}
			}
		}
		if tp == 0 {
			t.Errorf("%s: no page with a %s barrier was scored", tt.rule, tt.fault)
		}
		t.Logf("%-22s %-16s found %d, missed %d, false alarms %d", tt.rule, tt.fault, tp, fn, fp)
	}
	// No other rule that counts in the score fails anywhere: every WCAG
	// failure of the simulated web is one of its manifest's faults.
	checked := map[string]bool{}
	for _, tt := range tests {
		checked[tt.rule] = true
	}
	for _, r := range scoring.Rules {
		if checked[r.ID] || r.Advisory {
			continue
		}
		n, example := 0, ""
		for u, o := range all[r.ID] {
			if o == "failed" {
				n++
				if example == "" || u < example {
					example = u
				}
			}
		}
		if n > 0 {
			t.Errorf("%s failed on %d pages (%s, ...), where the generator put no fault", r.ID, n, example)
		}
	}
}

func hostOf(rawURL string) string {
	h := strings.TrimPrefix(strings.TrimPrefix(rawURL, "https://"), "http://")
	if i := strings.IndexByte(h, '/'); i >= 0 {
		h = h[:i]
	}
	return h
}

// failingTransport fails the test on any use of the network.
type failingTransport struct{ t *testing.T }

func (f failingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	f.t.Errorf("rescore used the network: %s", r.URL)
	return nil, errors.New("no network in rescore")
}

// TestRescore crawls the same simulated web twice, once scoring as it
// stores and once not, then rescores the second from its stored bytes with
// the network forbidden: the outcomes must be the same.
func TestRescore(t *testing.T) {
	councils := testCouncils(t, "KEN", "SHE", "BFS")
	_, flags := startWeb(t, councils, 9)
	reg := writeRegister(t, councils)
	dir := t.TempDir()
	inline, later := filepath.Join(dir, "inline.db"), filepath.Join(dir, "later.db")
	for _, run := range []struct {
		db    string
		extra []string
	}{{inline, nil}, {later, []string{"--score=false"}}} {
		args := append(append([]string{"survey", "--db", run.db, "--name", "r", "--register", reg, "--max-pages", "50", "--progress", "none"}, run.extra...), flags...)
		if code, _, stderr := runMain(t, args...); code != exitOK {
			t.Fatalf("survey: exit %d: %s", code, stderr)
		}
	}
	if got := outcomesOf(t, later); len(got) != 0 {
		t.Fatalf("--score=false stored %d outcomes", len(got))
	}
	saved := http.DefaultTransport
	http.DefaultTransport = failingTransport{t}
	code, stdout, stderr := runMain(t, "rescore", "--db", later, "--name", "r")
	http.DefaultTransport = saved
	if code != exitOK || !strings.Contains(stdout, "Rescored") {
		t.Fatalf("rescore: exit %d: %s %s", code, stdout, stderr)
	}
	// The scores and findings equal those the survey stored as it crawled,
	// and rescoring a scored survey changes none of them.
	wantCards := scorecardsOf(t, inline)
	if len(wantCards) != len(councils) {
		t.Fatalf("the survey stored %d scorecards, want %d", len(wantCards), len(councils))
	}
	for code, card := range scorecardsOf(t, later) {
		// Two crawls differ in their timings only.
		if got, want := untimed(t, card), untimed(t, wantCards[code]); got != want {
			t.Errorf("%s: the rescored scorecard differs from the one stored while crawling:\ngot  %s\nwant %s", code, got, want)
		}
	}
	http.DefaultTransport = failingTransport{t}
	code, _, stderr = runMain(t, "rescore", "--db", inline, "--name", "r")
	http.DefaultTransport = saved
	if code != exitOK {
		t.Fatalf("rescore: exit %d: %s", code, stderr)
	}
	for code, card := range scorecardsOf(t, inline) {
		if card != wantCards[code] {
			t.Errorf("%s: rescoring changed the scorecard", code)
		}
	}
	testShow(t, inline)

	want, got := outcomesOf(t, inline), outcomesOf(t, later)
	if len(want) == 0 || len(got) != len(want) {
		t.Fatalf("got %d outcomes after rescore, want %d", len(got), len(want))
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: got %s after rescore, want %s", k, got[k], w)
		}
	}
	if code, _, _ := runMain(t, "rescore", "--db", later, "--name", "nope"); code != exitUsage {
		t.Errorf("rescore of a missing survey: exit %d, want 2", code)
	}
}

// outcomesOf returns every rule outcome of survey "r", keyed by rule and URL.
func outcomesOf(t *testing.T, path string) map[string]string {
	t.Helper()
	st, s := openSurveyT(t, path, "r")
	defer st.Close()
	out := map[string]string{}
	for rule, oc := range ruleOutcomes(t, st, s.ID) {
		for u, o := range oc {
			out[rule+" "+u] = o
		}
	}
	return out
}

// ruleOutcomes returns each rule's outcome on every scored page of a
// survey, by rule and by the page's final URL, where its content is.
func ruleOutcomes(t *testing.T, db *store.DB, surveyID int64) map[string]map[string]string {
	t.Helper()
	ctx := context.Background()
	sites, err := db.Sites(ctx, surveyID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	for _, site := range sites {
		pages, err := db.SitePages(ctx, site.ID, store.PageOptions{Judgements: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			if p.Score == nil {
				continue
			}
			for _, r := range p.Score.Results {
				if out[r.Rule] == nil {
					out[r.Rule] = map[string]string{}
				}
				out[r.Rule][p.Score.URL] = string(r.Outcome)
			}
		}
	}
	return out
}

// scorecardsOf returns each council's stored scorecard (JSON) in survey "r".
func scorecardsOf(t *testing.T, path string) map[string]string {
	t.Helper()
	ctx := context.Background()
	st, s := openSurveyT(t, path, "r")
	defer st.Close()
	rows, err := st.CouncilScores(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range rows {
		card, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		out[r.Code] = string(card)
	}
	return out
}

// testShow checks show's JSON scorecard on a scored survey "r" holding
// KEN (a county), SHE (a shire district) and BFS (a Northern Ireland district).
func testShow(t *testing.T, db string) {
	t.Helper()
	asked := map[string]map[string]bool{}
	for _, code := range []string{"KEN", "SHE", "BFS"} {
		exit, stdout, stderr := runMain(t, "show", code, "--db", db, "--name", "r", "--format", "json")
		if exit != exitOK {
			t.Fatalf("show %s: exit %d: %s", code, exit, stderr)
		}
		var card struct {
			Code       string                     `json:"code"`
			Stars      *int                       `json:"stars"`
			Score      *float64                   `json:"score"`
			Components map[string]json.RawMessage `json:"components"`
			Features   map[string]json.RawMessage `json:"features"`
			Tasks      []map[string]any           `json:"tasks"`
		}
		if err := json.Unmarshal([]byte(stdout), &card); err != nil {
			t.Fatalf("show %s: %v\n%s", code, err, stdout)
		}
		if card.Code != code || card.Stars == nil || card.Score == nil || len(card.Components) == 0 || len(card.Features) == 0 || len(card.Tasks) == 0 {
			t.Errorf("show %s: incomplete scorecard: %s", code, stdout)
		}
		asked[code] = map[string]bool{}
		for _, task := range card.Tasks {
			for _, k := range []string{"id", "lgsl", "found", "url", "clicks", "online", "pdf_only"} {
				if _, ok := task[k]; !ok && k != "url" {
					t.Errorf("show %s: task without %q: %v", code, k, task)
				}
			}
			asked[code][fmt.Sprint(task["id"])] = true
		}
	}
	// The crawler asked for the http variant of each https site: the
	// simulated sites that serve https send it there.
	exit, stdout, _ := runMain(t, "show", "KEN", "--db", db, "--name", "r", "--format", "json")
	var kent struct {
		Features map[string]councilbench.Feature `json:"features"`
	}
	if err := json.Unmarshal([]byte(stdout), &kent); exit != exitOK || err != nil {
		t.Fatalf("show KEN: exit %d, %v", exit, err)
	}
	if f := kent.Features[scoring.FeatureHTTPRedirect]; !f.Known || !f.Pass {
		t.Errorf("KEN http-redirect: got known %v pass %v (%v), want known and passing", f.Known, f.Pass, f.Evidence)
	}

	// Each tier is asked only its own tasks.
	for _, c := range []struct {
		code, task string
		want       bool
	}{
		{"KEN", "pay-council-tax", false}, {"KEN", "school-place", true},
		{"SHE", "pay-council-tax", true}, {"SHE", "school-place", false},
		{"BFS", "pay-council-tax", false}, {"BFS", "report-missed-bin", true},
	} {
		if asked[c.code][c.task] != c.want {
			t.Errorf("%s asked %s: got %v, want %v", c.code, c.task, asked[c.code][c.task], c.want)
		}
	}
	if exit, _, _ := runMain(t, "show", "XXX", "--db", db, "--name", "r"); exit != exitUsage {
		t.Errorf("show of an unknown council: exit %d, want 2", exit)
	}
	if exit, stdout, _ := runMain(t, "show", "--db", db, "--name", "r", "SHE"); exit != exitOK || !strings.Contains(stdout, "TASK") {
		t.Errorf("show as text: exit %d:\n%s", exit, stdout)
	}
	// Flags after the code are read, not ignored; unknown ones are errors.
	if exit, stdout, _ := runMain(t, "show", "--db", db, "--name", "r", "SHE", "--format", "json"); exit != exitOK || !json.Valid([]byte(stdout)) {
		t.Errorf("show SHE --format json: exit %d, not JSON:\n%s", exit, stdout)
	}
	if exit, _, stderr := runMain(t, "show", "--db", db, "--name", "r", "SHE", "--bogus"); exit != exitUsage || !strings.Contains(stderr, "bogus") {
		t.Errorf("show SHE --bogus: exit %d, want 2 naming the flag:\n%s", exit, stderr)
	}
	// Without --name, the file's only survey; a wrong name lists those there are.
	if exit, stdout, stderr := runMain(t, "show", "SHE", "--db", db); exit != exitOK || !strings.Contains(stdout, "TASK") || !strings.Contains(stderr, `survey "r" (the file's only survey`) {
		t.Errorf("show without --name: exit %d:\n%s\n%s", exit, stdout, stderr)
	}
	if exit, _, stderr := runMain(t, "show", "SHE", "--db", db, "--name", "2026"); exit != exitUsage || !strings.Contains(stderr, `"r" (finished)`) {
		t.Errorf("show --name of no survey: exit %d, want 2 listing the surveys:\n%s", exit, stderr)
	}
}

// untimed returns a scorecard without its timing (the indicative response
// time), which differs between two crawls of the same pages.
func untimed(t *testing.T, card string) string {
	t.Helper()
	var cs councilbench.CouncilScore
	if err := json.Unmarshal([]byte(card), &cs); err != nil {
		t.Fatal(err)
	}
	for i := range cs.Features {
		if cs.Features[i].Unit == "ms" {
			cs.Features[i].Value, cs.Features[i].Evidence = 0, nil
		}
	}
	b, _ := json.Marshal(cs)
	return string(b)
}
