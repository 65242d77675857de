package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/councilbench/councilbench/scoring"
	"github.com/xeipuuv/gojsonschema"
)

const (
	goodPage = `<!DOCTYPE html><html lang="en"><head><title>Bins – Anytown Council</title></head>
<body><main><h1>Bins</h1><img src="bin.png" alt="A green wheelie bin"><a href="/report">Report a missed bin</a></main></body></html>`
	badPage = `<!DOCTYPE html><html><head><title>Bins</title></head>
<body><main><h1>Bins</h1><img src="bin.png"><a href="/search"><img src="s.png" alt=""></a></main></body></html>`
)

// runCheckCmd runs "councilbench check ARGS..." and returns the exit code
// and outputs.
func runCheckCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = (&Main{Stdout: &out, Stderr: &errOut}).Run(context.Background(), append([]string{"check"}, args...))
	return code, out.String(), errOut.String()
}

func checkFixtures(t *testing.T) (dir, good, bad string) {
	t.Helper()
	dir = t.TempDir()
	good, bad = filepath.Join(dir, "good.html"), filepath.Join(dir, "sub", "bad.html")
	if err := os.MkdirAll(filepath.Dir(bad), 0o755); err != nil {
		t.Fatal(err)
	}
	for p, s := range map[string]string{good: goodPage, bad: badPage} {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, good, bad
}

func TestCheckExitCodes(t *testing.T) {
	dir, good, bad := checkFixtures(t)
	empty := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"good file", []string{good}, exitOK},
		{"good file as json", []string{"--format", "json", good}, exitOK},
		{"bad file", []string{bad}, exitError},
		{"folder with a bad file", []string{dir}, exitError},
		{"no arguments", nil, exitUsage},
		{"missing file", []string{filepath.Join(dir, "nope.html")}, exitUsage},
		{"folder without html", []string{empty}, exitUsage},
		{"bad flag", []string{"--colour", good}, exitUsage},
		{"bad format", []string{"--format", "xml", good}, exitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _, stderr := runCheckCmd(t, tc.args...)
			if got != tc.want {
				t.Errorf("exit code: got %d, want %d; stderr: %s", got, tc.want, stderr)
			}
		})
	}
}

func TestCheckURLs(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/good":
			fmt.Fprint(w, goodPage)
		case "/bad":
			fmt.Fprint(w, badPage)
		case "/pdf":
			w.Header().Set("Content-Type", "application/pdf")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	resolve := []string{"--resolve", "www.council.test=" + addr}
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"good page", append(resolve, "http://www.council.test/good"), exitOK},
		{"bad page", append(resolve, "http://www.council.test/bad"), exitError},
		{"missing page", append(resolve, "http://www.council.test/nope"), exitUsage},
		{"not html", append(resolve, "http://www.council.test/pdf"), exitUsage},
		{"private address refused", []string{srv.URL + "/good"}, exitUsage},
		{"private address allowed", []string{"--allow-private", srv.URL + "/good"}, exitOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _, stderr := runCheckCmd(t, tc.args...)
			if got != tc.want {
				t.Errorf("exit code: got %d, want %d; stderr: %s", got, tc.want, stderr)
			}
		})
	}
}

func TestCheckJSON(t *testing.T) {
	dir, _, bad := checkFixtures(t)
	code, stdout, stderr := runCheckCmd(t, "--format", "json", dir)
	if code != exitError {
		t.Fatalf("exit code: got %d, want %d; stderr: %s", code, exitError, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if got, want := len(lines), 2; got != want {
		t.Fatalf("got %d lines, want %d:\n%s", got, want, stdout)
	}
	type rule struct {
		Outcome  string   `json:"outcome"`
		ACT      []string `json:"act"`
		Axe      string   `json:"axe"`
		WCAG     []string `json:"wcag"`
		Failures []struct {
			Selector string `json:"selector"`
			Snippet  string `json:"snippet"`
		} `json:"failures"`
	}
	var page struct {
		Page  string          `json:"page"`
		Rules map[string]rule `json:"rules"`
	}
	if err := json.Unmarshal([]byte(lines[1]), &page); err != nil {
		t.Fatalf("decoding %s: %v", lines[1], err)
	}
	if got, want := page.Page, bad; got != want {
		t.Errorf("page: got %q, want %q", got, want)
	}
	for _, tc := range []struct {
		rule, outcome, axe, act, wcag string
		failures                      int
	}{
		{"image-alt", "failed", "image-alt", "23a2a8", "1.1.1", 1},
		{"link-name", "failed", "link-name", "c487ae", "2.4.4", 1},
		{"html-has-lang", "failed", "html-has-lang", "b5c3f8", "3.1.1", 1},
		{"document-title", "passed", "document-title", "2779a5", "2.4.2", 0},
	} {
		r, ok := page.Rules[tc.rule]
		if !ok {
			t.Errorf("no rule %s", tc.rule)
			continue
		}
		if r.Outcome != tc.outcome || r.Axe != tc.axe || len(r.ACT) == 0 || r.ACT[0] != tc.act || len(r.WCAG) == 0 || r.WCAG[0] != tc.wcag || len(r.Failures) != tc.failures {
			t.Errorf("%s: got %+v, want outcome %s, axe %s, act %s, wcag %s, %d failures", tc.rule, r, tc.outcome, tc.axe, tc.act, tc.wcag, tc.failures)
		}
	}
	if f := page.Rules["image-alt"].Failures; len(f) == 1 && (f[0].Selector == "" || !strings.HasPrefix(f[0].Snippet, "<img")) {
		t.Errorf("image-alt evidence: %+v", f[0])
	}
}

// TestCheckText holds the text views: by default the failures alone,
// each with its fix, its documentation and the line of every failing
// element, a line for a page that passes and a total; with --all, every
// rule's outcome.
func TestCheckText(t *testing.T) {
	dir, good, bad := checkFixtures(t)
	code, stdout, _ := runCheckCmd(t, good, bad)
	if code != exitError {
		t.Errorf("exit %d, want 1", code)
	}
	imageAlt := scoring.Rules[slices.IndexFunc(scoring.Rules, func(r *scoring.Rule) bool { return r.ID == "image-alt" })]
	if imageAlt.Fix == "" {
		t.Fatal("image-alt has no Fix to print")
	}
	for _, want := range []string{
		good + ": no WCAG A or AA failures\n",
		bad + ": FAIL: 3 rules of WCAG A or AA on 3 elements\n",
		"  image-alt (WCAG 1.1.1 A, critical): 1 element\n    Fix: " + imageAlt.Fix + "\n    See: https://www.w3.org/WAI/WCAG22/Understanding/non-text-content.html\n",
		"    " + bad + ":2:26  html > body:nth-child(2) > main:nth-child(1) > img:nth-child(2)\n      <img src=\"bin.png\">\n",
		"\nChecked 2 pages: 1 with WCAG A or AA failures (3 rule failures, 3 elements).\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("text output lacks %q:\n%s", want, stdout)
		}
	}
	for _, unwanted := range []string{"passed", "inapplicable", "document-title"} {
		if strings.Contains(stdout, unwanted) {
			t.Errorf("the failures view mentions %q:\n%s", unwanted, stdout)
		}
	}
	_, stdout, _ = runCheckCmd(t, "--all", dir)
	for _, want := range []string{"failed       image-alt", "passed       document-title", `<img src="bin.png">`, "html > body"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("--all output lacks %q:\n%s", want, stdout)
		}
	}
}

// TestCheckExitContract holds check's exit code for CI: 1 for WCAG A and
// AA failures only; a best-practice or AAA rule's failure, an advisory
// one and can't tell leave it 0.
func TestCheckExitContract(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name, body string
		want       int
	}{
		{"best practice only (empty heading)", `<!DOCTYPE html><html lang="en"><title>T</title><main><h1>T</h1><h2></h2></main>`, exitOK},
		{"AAA only (meta refresh after 25 hours)", `<!DOCTYPE html><html lang="en"><head><title>T</title><meta http-equiv="refresh" content="90000"></head><main><h1>T</h1></main>`, exitOK},
		{"WCAG A", `<!DOCTYPE html><html lang="en"><title>T</title><main><h1>T</h1><img src="x.png"></main>`, exitError},
	} {
		p := filepath.Join(dir, strings.Fields(c.name)[0]+".html")
		if err := os.WriteFile(p, []byte(c.body), 0o644); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := runCheckCmd(t, p)
		if code != c.want {
			t.Errorf("%s: exit %d, want %d\n%s%s", c.name, code, c.want, stdout, stderr)
		}
	}
}

// TestCheckSARIF holds the SARIF output: valid against the SARIF 2.1.0
// schema, every rule described once, and a result per
// failing element at its line, with the level that says whether it fails
// check.
func TestCheckSARIF(t *testing.T) {
	_, good, bad := checkFixtures(t)
	code, stdout, stderr := runCheckCmd(t, "--format", "sarif", good, bad)
	if code != exitError {
		t.Fatalf("exit %d, want 1: %s", code, stderr)
	}
	schema := gojsonschema.NewReferenceLoader("file://" + mustAbs(t, "testdata/sarif-schema-2.1.0.json"))
	res, err := gojsonschema.Validate(schema, gojsonschema.NewStringLoader(stdout))
	if err != nil {
		t.Fatalf("validating: %v", err)
	}
	for _, e := range res.Errors() {
		t.Errorf("not valid SARIF 2.1.0: %s", e)
	}
	// The schema can fail: a run without its tool is not SARIF.
	if res, err := gojsonschema.Validate(schema, gojsonschema.NewStringLoader(`{"version":"2.1.0","runs":[{"results":[]}]}`)); err != nil || res.Valid() {
		t.Errorf("a run without a tool passed the schema (%v)", err)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID      string `json:"id"`
						HelpURI string `json:"helpUri"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name != "councilbench" {
		t.Fatalf("log: %+v", log)
	}
	run := log.Runs[0]
	got := map[string]string{}
	for _, r := range run.Results {
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result of %s points at rule %d", r.RuleID, r.RuleIndex)
		}
		l := r.Locations[0].PhysicalLocation
		got[r.RuleID] = fmt.Sprintf("%s %s:%d:%d", r.Level, filepath.Base(l.ArtifactLocation.URI), l.Region.StartLine, l.Region.StartColumn)
	}
	want := map[string]string{"image-alt": "error bad.html:2:26", "link-name": "error bad.html:2:45", "html-has-lang": "error bad.html:1:16"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("results: got %v, want %v", got, want)
	}
	if n := len(run.Tool.Driver.Rules); n < 60 || !strings.HasPrefix(run.Tool.Driver.Rules[0].HelpURI, "https://") {
		t.Errorf("%d rules, the first %+v", n, run.Tool.Driver.Rules[0])
	}
}

// TestCheckPrivateHint holds that refusing a private address says how to
// allow it.
func TestCheckPrivateHint(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, goodPage) }))
	defer srv.Close()
	code, _, stderr := runCheckCmd(t, srv.URL+"/")
	if code != exitUsage || !strings.Contains(stderr, "--allow-private") {
		t.Errorf("exit %d, want 2 naming --allow-private: %s", code, stderr)
	}
}

// TestCheckStylesheets checks a page whose stylesheet gives its text too
// little contrast: read from beside a local file (by its relative path),
// and fetched for a URL with what it imports (once each). Without the
// stylesheet the same page passes; with one that the guard refuses to
// fetch, what the page looks like is unknown.
func TestCheckStylesheets(t *testing.T) {
	const page = `<!DOCTYPE html><html lang="en"><head><title>Bins – Anytown Council</title>
<link rel="stylesheet" href="css/site.css">%s</head>
<body><main><h1>Bins</h1><p>Your bin day is Tuesday.</p></main></body></html>`
	const lowContrast = `p { color: #aaa; background: #fff }` // 2.3:1
	contrast := func(t *testing.T, args ...string) string {
		t.Helper()
		_, stdout, stderr := runCheckCmd(t, append([]string{"--format", "json"}, args...)...)
		var out struct {
			Rules map[string]struct {
				Outcome string `json:"outcome"`
			} `json:"rules"`
		}
		if err := json.Unmarshal([]byte(stdout), &out); err != nil {
			t.Fatalf("decoding %q: %v (stderr %s)", stdout, err, stderr)
		}
		return out.Rules["color-contrast"].Outcome
	}

	t.Run("local file", func(t *testing.T) {
		dir := t.TempDir()
		p := filepath.Join(dir, "bins page.html")
		if err := os.MkdirAll(filepath.Join(dir, "css"), 0o755); err != nil {
			t.Fatal(err)
		}
		for name, body := range map[string]string{p: fmt.Sprintf(page, ""), filepath.Join(dir, "css", "site.css"): lowContrast} {
			if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if got := contrast(t, p); got != "failed" {
			t.Errorf("with its stylesheet: color-contrast %q, want failed", got)
		}
		if err := os.RemoveAll(filepath.Join(dir, "css")); err != nil {
			t.Fatal(err)
		}
		if got := contrast(t, p); got != "passed" {
			t.Errorf("without its stylesheet (a browser drops it): color-contrast %q, want passed", got)
		}
	})

	t.Run("URL", func(t *testing.T) {
		var private atomic.Int32
		evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			private.Add(1)
			w.Header().Set("Content-Type", "text/css")
			fmt.Fprint(w, "p { color: #fff }")
		}))
		defer evil.Close()
		var mu sync.Mutex
		hits := map[string]int{}
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			hits[r.URL.Path]++
			mu.Unlock()
			switch r.URL.Path {
			case "/bins/page":
				fmt.Fprintf(w, page, "")
			case "/bins/guarded":
				fmt.Fprintf(w, page, `<link rel="stylesheet" href="`+evil.URL+`/evil.css">`)
			case "/bins/css/site.css":
				w.Header().Set("Content-Type", "text/css")
				fmt.Fprint(w, `@import "colours.css"; p { background: #fff }`)
			case "/bins/css/colours.css":
				w.Header().Set("Content-Type", "text/css")
				fmt.Fprint(w, `p { color: #aaa }`)
			default:
				http.NotFound(w, r)
			}
		}))
		defer srv.Close()
		resolve := "www.council.test=" + strings.TrimPrefix(srv.URL, "http://")
		if got := contrast(t, "--resolve", resolve, "http://www.council.test/bins/page"); got != "failed" {
			t.Errorf("color-contrast %q, want failed", got)
		}
		for _, p := range []string{"/bins/css/site.css", "/bins/css/colours.css"} {
			if hits[p] != 1 {
				t.Errorf("%s fetched %d times, want once", p, hits[p])
			}
		}
		if got := contrast(t, "--resolve", resolve, "http://www.council.test/bins/guarded"); got != "cantTell" {
			t.Errorf("with a stylesheet on a private address: color-contrast %q, want cantTell", got)
		}
		if n := private.Load(); n != 0 {
			t.Errorf("a stylesheet on a private address was fetched %d times", n)
		}
	})
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(a)
}
