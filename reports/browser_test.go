package reports

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/councilbench/councilbench/internal/testenv"
)

// axeDir holds the project's one pinned axe-core, with playwright-core
// (package.json and package-lock.json; `npm ci` installs node_modules).
const axeDir = "../tools/axe"

// axeVersion is the pinned axe-core.
const axeVersion = "4.14.1"

// browserResult is what tools/axe/run.mjs prints.
type browserResult struct {
	Axe   string `json:"axe"`
	Pages []struct {
		Page       string `json:"page"`
		Violations []struct {
			ID     string `json:"id"`
			Impact string `json:"impact"`
			Help   string `json:"help"`
			Nodes  []struct {
				Target  string `json:"target"`
				HTML    string `json:"html"`
				Summary string `json:"summary"`
			} `json:"nodes"`
		} `json:"violations"`
	} `json:"pages"`
	Errors      []string `json:"errors"`
	Layout      []string `json:"layout"`
	Screenshots []string `json:"screenshots"`
}

// screenshotsVar names the folder where the browser test leaves its
// screenshots; without it they go to councilbench-screenshots in the
// temporary folder.
const screenshotsVar = "COUNCILBENCH_SCREENSHOTS"

// screenshotsDir is where the screenshots go: $COUNCILBENCH_SCREENSHOTS, or
// councilbench-screenshots in the temporary folder.
func screenshotsDir(t *testing.T) string {
	dir := os.Getenv(screenshotsVar)
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "councilbench-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// TestBrowserAxe loads every page of a generated site (the fixed model
// and the hostile council together) in headless Chromium and runs
// axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules: there must be no
// violations, no script errors, no dialogs, no requests for anything but
// the files, and the sorting script must work. At a phone's width (390 px)
// and a desktop's (1280 px) every page's layout must hold (run.mjs's
// layoutProblems): nothing reaches outside the window except inside a
// scroll container, which must be a named region in the tab order; no
// chart draws outside its box; no table's headers overlap; and the league
// table shows council, stars and score on a phone and fits whole on a
// desktop. It leaves screenshots of the home page, the league table, a
// council page and the comparison page at both widths in
// $COUNCILBENCH_SCREENSHOTS.
func TestBrowserAxe(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		testenv.SkipOrFail(t, "no Chromium at "+chromium+" (apt-get install chromium)")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		testenv.SkipOrFail(t, "no node on the PATH")
	}
	for _, m := range []string{"axe-core", "playwright-core"} {
		if _, err := os.Stat(filepath.Join(axeDir, "node_modules", m)); err != nil {
			testenv.SkipOrFail(t, "no "+m+" in "+axeDir+"/node_modules (cd tools/axe && npm ci)")
		}
	}

	s := withCompare(fixtureSite(), true)
	hostile := hostileSite()
	s.Councils = append(s.Councils, hostile.Councils[0])
	s.Compare.Earlier[hostile.Councils[0].Code] = Earlier{Assessed: true, Score: 50, Stars: 2}
	// The real methodology, whose wide tables must scroll on a phone.
	md, err := os.ReadFile("../docs/methodology.md")
	if err != nil {
		t.Fatal(err)
	}
	s.Methodology = string(md)
	dir := writeSite(t, s)
	// Screenshots of the home page, the league table, a council with
	// failures whose stars are capped, and the comparison page.
	const shots = "home=index.html,league=league.html,council=councils/WSX.html,divide=" + DivideFile
	var pages []string
	for _, f := range siteFiles(t, dir) {
		if strings.HasSuffix(f, ".html") {
			pages = append(pages, f)
		}
	}
	shotsDir := screenshotsDir(t)

	ctx, cancel := context.WithTimeout(context.Background(), testenv.Scale(2*time.Minute))
	defer cancel()
	script, _ := filepath.Abs(filepath.Join(axeDir, "run.mjs"))
	cmd := exec.CommandContext(ctx, node, append([]string{script, dir, shotsDir, chromium, shots}, pages...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("run.mjs: %v\n%s", err, out)
	}
	var res browserResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("run.mjs printed %q: %v", out, err)
	}
	if res.Axe != axeVersion {
		t.Errorf("axe-core: got %s, want the pinned %s", res.Axe, axeVersion)
	}
	if len(res.Pages) != len(pages) {
		t.Errorf("pages checked: got %d, want %d", len(res.Pages), len(pages))
	}
	for _, p := range res.Pages {
		for _, v := range p.Violations {
			t.Errorf("%s: axe %s (%s): %s", p.Page, v.ID, v.Impact, v.Help)
			for _, n := range v.Nodes {
				t.Logf("  %s: %s\n  %s", n.Target, n.HTML, n.Summary)
			}
		}
	}
	for _, e := range res.Errors {
		t.Error(e)
	}
	for _, e := range res.Layout {
		t.Errorf("layout: %s", e)
	}
	if got, want := len(res.Screenshots), 8; got != want {
		t.Errorf("screenshots: got %d, want %d", got, want)
	}
	t.Logf("axe-core %s: %d pages; screenshots: %s", res.Axe, len(res.Pages), strings.Join(res.Screenshots, ", "))
}
