package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/councilbench/councilbench/internal/testenv"
)

// researchDoc is the page whose examples TestResearchDoc runs.
const researchDoc = "../../docs/research.md"

// ResearchDBVar names a survey file (the demo's councilbench-demo.db) to
// run docs/research.md's examples against, instead of a small survey made
// for the test.
const ResearchDBVar = "COUNCILBENCH_RESEARCH_DB"

// docBlock is one fenced code block of a Markdown page.
type docBlock struct {
	lang string
	line int // of the opening fence
	code string
}

// fencedBlocks returns the fenced code blocks of md, with their language.
func fencedBlocks(md string) []docBlock {
	var out []docBlock
	var cur *docBlock
	var b strings.Builder
	for i, l := range strings.Split(md, "\n") {
		switch {
		case cur == nil && strings.HasPrefix(l, "```"):
			cur = &docBlock{lang: strings.Fields(l[3:] + " x")[0], line: i + 1}
			b.Reset()
		case cur != nil && strings.TrimSpace(l) == "```":
			cur.code = b.String()
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			b.WriteString(l + "\n")
		}
	}
	return out
}

// expectMark starts a line that says what an example returns or prints.
const expectMark = "⇒ "

// sqlExample is one statement of an sql block and the columns its ⇒ line
// says it returns.
type sqlExample struct {
	line    int
	sql     string
	columns []string
}

// sqlExamples splits an sql block into statements (each ends with a line
// ending in ";"), each followed by its "-- ⇒ col | col" line.
func sqlExamples(b docBlock) ([]sqlExample, error) {
	var out []sqlExample
	var cur strings.Builder
	start := 0
	for i, l := range strings.Split(b.code, "\n") {
		line := b.line + 1 + i
		if rest, ok := strings.CutPrefix(strings.TrimSpace(l), "-- "+expectMark); ok {
			if len(out) == 0 || out[len(out)-1].columns != nil {
				return nil, fmt.Errorf("line %d: a ⇒ line with no statement before it", line)
			}
			for _, c := range strings.Split(rest, "|") {
				out[len(out)-1].columns = append(out[len(out)-1].columns, strings.TrimSpace(c))
			}
			continue
		}
		if strings.TrimSpace(l) == "" && cur.Len() == 0 {
			continue
		}
		if cur.Len() == 0 {
			start = line
		}
		cur.WriteString(l + "\n")
		if strings.HasSuffix(strings.TrimSpace(l), ";") {
			out = append(out, sqlExample{line: start, sql: cur.String()})
			cur.Reset()
		}
	}
	if strings.TrimSpace(cur.String()) != "" {
		return nil, fmt.Errorf("line %d: a statement without its closing semicolon", start)
	}
	for _, e := range out {
		if e.columns == nil {
			return nil, fmt.Errorf("line %d: a statement without a \"-- %s\" line saying what it returns", e.line, expectMark)
		}
	}
	return out, nil
}

// scriptExpectations returns what the "# ⇒ text" lines of a Python or R
// block say its output contains.
func scriptExpectations(code string) []string {
	var out []string
	for _, l := range strings.Split(code, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(l), "# "+expectMark); ok {
			out = append(out, rest)
		}
	}
	return out
}

// researchWorkDir returns a folder holding councilbench-demo.db (a survey
// named demo) and its report in councilbench-demo-report, as the demo
// leaves them: a survey of a few councils of every nation and tier on the
// simulated web, or the file ResearchDBVar names.
func researchWorkDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "councilbench-demo.db")
	if src := os.Getenv(ResearchDBVar); src != "" {
		abs, err := filepath.Abs(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(abs, db); err != nil {
			t.Fatal(err)
		}
	} else {
		// Shire districts (Adur and Worthing sharing a site), larger
		// English councils, and a council of each other nation, whom
		// England's comparison must leave out.
		councils := testCouncils(t, "ADU", "WOT", "EPP", "WEW", "KEN", "MAN", "NWM", "BPC", "CRF", "EDH", "BFS")
		_, flags := startWeb(t, councils, 11)
		args := append([]string{"survey", "--db", db, "--name", "demo", "--register", writeRegister(t, councils),
			"--max-pages", "30", "--progress", "none"}, flags...)
		if code, stdout, stderr := runMain(t, args...); code != exitOK {
			t.Fatalf("survey: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
		}
	}
	if code, _, stderr := runMain(t, "report", "--db", db, "--name", "demo", "--out", filepath.Join(dir, "councilbench-demo-report")); code != exitOK {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	return dir
}

// TestResearchDoc runs every sql, python and r example of docs/research.md
// against a survey named demo and checks that it returns what its ⇒ lines
// say: an sql statement at least one row with those columns (and the
// median it names, a true median); a script, output containing each. The
// sqlite3 CLI, a Python with pandas and zstandard, and Rscript with
// RSQLite are needed; without them the examples skip, except under
// CI=true, where they fail.
func TestResearchDoc(t *testing.T) {
	if testing.Short() {
		t.Skip("surveys a simulated web")
	}
	b, err := os.ReadFile(researchDoc)
	if err != nil {
		t.Fatal(err)
	}
	blocks := fencedBlocks(string(b))
	counts := map[string]int{}
	for _, bl := range blocks {
		counts[bl.lang]++
	}
	for _, lang := range []string{"sql", "python", "r"} {
		if counts[lang] == 0 {
			t.Errorf("docs/research.md has no %s example: the test would check nothing", lang)
		}
	}
	dir := researchWorkDir(t)
	for _, bl := range blocks {
		switch bl.lang {
		case "sql":
			exs, err := sqlExamples(bl)
			if err != nil {
				t.Errorf("docs/research.md: %v", err)
				continue
			}
			for _, e := range exs {
				t.Run(fmt.Sprintf("sql line %d", e.line), func(t *testing.T) { runSQLExample(t, dir, e) })
			}
		case "python", "r":
			t.Run(fmt.Sprintf("%s line %d", bl.lang, bl.line), func(t *testing.T) { runScriptExample(t, dir, bl) })
		}
	}
}

// sqlite3 returns the sqlite3 CLI's path, or skips (fails under CI=true).
func sqlite3(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("sqlite3")
	if err != nil {
		testenv.SkipOrFail(t, "no sqlite3 command (Debian: apt-get install sqlite3)")
	}
	return p
}

// querySQLite runs sql with the sqlite3 CLI on the demo file in dir and
// returns its CSV output's header and rows (none when it returned none).
func querySQLite(t *testing.T, dir, sql string) (header []string, rows [][]string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testenv.Scale(time.Minute))
	defer cancel()
	cmd := exec.CommandContext(ctx, sqlite3(t), "-readonly", "-bail", "-csv", "-header", "councilbench-demo.db")
	cmd.Dir, cmd.Stdin = dir, strings.NewReader(sql)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil || errOut.Len() > 0 {
		t.Fatalf("sqlite3: %v: %s\n%s", err, errOut.String(), sql)
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatalf("sqlite3's output: %v", err)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	return recs[0], recs[1:]
}

func runSQLExample(t *testing.T, dir string, e sqlExample) {
	header, rows := querySQLite(t, dir, e.sql)
	if len(rows) == 0 {
		t.Fatalf("returned no rows; its ⇒ line says it returns %v:\n%s", e.columns, e.sql)
	}
	if !slices.Equal(header, e.columns) {
		t.Errorf("columns: got %v, its ⇒ line says %v", header, e.columns)
	}
	// A median must be one: check the query's against Go's from the same
	// findings.
	if i := slices.Index(header, "median_clicks"); i >= 0 {
		_, raw := querySQLite(t, dir, `SELECT tier, clicks FROM v_task_findings
			WHERE survey_id = 1 AND task_id = 'pay-council-tax' AND found AND clicks IS NOT NULL;`)
		byTier := map[string][]float64{}
		for _, r := range raw {
			v, _ := strconv.ParseFloat(r[1], 64)
			byTier[r[0]] = append(byTier[r[0]], v)
		}
		for _, r := range rows {
			got, _ := strconv.ParseFloat(r[i], 64)
			if want := median(byTier[r[0]]); got != want {
				t.Errorf("%s: median_clicks %v, want the median %v of %v", r[0], got, want, byTier[r[0]])
			}
		}
	}
}

// median returns the median of xs: the middle value, or the mean of the
// two middle values.
func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	n := len(s)
	if n == 0 {
		return 0
	}
	return (s[(n-1)/2] + s[n/2]) / 2
}

// interpreter returns the command that runs a block of lang: a python3
// that can import pandas and zstandard (COUNCILBENCH_PYTHON, else python3
// on PATH, else Debian's /usr/bin/python3: a pyenv shim on PATH may lack
// them), or Rscript with RSQLite. It skips (fails under CI=true) when there
// is none.
func interpreter(t *testing.T, lang string) []string {
	t.Helper()
	works := func(args ...string) bool {
		ctx, cancel := context.WithTimeout(context.Background(), testenv.Scale(time.Minute))
		defer cancel()
		return exec.CommandContext(ctx, args[0], args[1:]...).Run() == nil
	}
	switch lang {
	case "python":
		cands := []string{"python3", "/usr/bin/python3"}
		if p := os.Getenv("COUNCILBENCH_PYTHON"); p != "" {
			cands = []string{p}
		}
		for _, c := range cands {
			if works(c, "-c", "import pandas, zstandard") {
				return []string{c, "-"}
			}
		}
		testenv.SkipOrFail(t, fmt.Sprintf("no python3 that imports pandas and zstandard among %v (Debian: apt-get install python3-pandas python3-zstandard)", cands))
	case "r":
		if works("Rscript", "-e", "library(RSQLite)") {
			return []string{"Rscript", "-"}
		}
		testenv.SkipOrFail(t, "no Rscript with RSQLite (Debian: apt-get install r-base-core r-cran-rsqlite)")
	}
	return nil
}

func runScriptExample(t *testing.T, dir string, b docBlock) {
	want := scriptExpectations(b.code)
	if len(want) == 0 {
		t.Fatalf("no \"# %s\" line says what it prints", expectMark)
	}
	args := interpreter(t, b.lang)
	ctx, cancel := context.WithTimeout(context.Background(), testenv.Scale(2*time.Minute))
	defer cancel()
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Dir, cmd.Stdin = dir, strings.NewReader(b.code)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %v\nstderr: %s\nstdout: %s", args, err, errOut.String(), out.String())
	}
	for _, w := range want {
		if !strings.Contains(out.String(), w) {
			t.Errorf("output lacks %q (its ⇒ line):\n%s", w, out.String())
		}
	}
}

// TestSQLExamples checks how an sql block is split and what it expects.
func TestSQLExamples(t *testing.T) {
	b := docBlock{lang: "sql", line: 10, code: "-- A.\nSELECT 1 AS a,\n  2 AS b;\n-- ⇒ a | b\n\nSELECT 3 AS c;\n-- ⇒ c\n"}
	got, err := sqlExamples(b)
	if err != nil {
		t.Fatal(err)
	}
	want := []sqlExample{{11, "-- A.\nSELECT 1 AS a,\n  2 AS b;\n", []string{"a", "b"}}, {16, "SELECT 3 AS c;\n", []string{"c"}}}
	if !slices.EqualFunc(got, want, func(x, y sqlExample) bool {
		return x.line == y.line && x.sql == y.sql && slices.Equal(x.columns, y.columns)
	}) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	for _, bad := range []string{"SELECT 1;\n", "SELECT 1\n-- ⇒ a\n", "-- ⇒ a\n"} {
		if _, err := sqlExamples(docBlock{code: bad}); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	if got, want := scriptExpectations("print(1)\n# ⇒ 1\n  # ⇒ two words\n"), []string{"1", "two words"}; !slices.Equal(got, want) {
		t.Errorf("scriptExpectations: got %q, want %q", got, want)
	}
	blocks := fencedBlocks("text\n```sql\nSELECT 1;\n```\n\n```python\nprint(1)\n```\n")
	if len(blocks) != 2 || blocks[0].lang != "sql" || blocks[0].line != 2 || blocks[1].code != "print(1)\n" {
		t.Errorf("fencedBlocks: %+v", blocks)
	}
}
