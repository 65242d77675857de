package main

import (
	"encoding/csv"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
	"golang.org/x/net/html"
)

// injectingCouncil serves a council site whose titles, link texts and failing
// elements carry markup, attribute-breaking quotes and spreadsheet formulas.
func injectingCouncil() http.Handler {
	const payload = `<script>alert(1)</script>"'><img src=x onerror=alert(2)>=HYPERLINK("http://evil.example/","click")`
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt", "/sitemap.xml":
			http.NotFound(w, r)
			return
		case "/", "/council-tax/pay-council-tax", "/bins/report-a-missed-bin":
		default:
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		esc := html.EscapeString(payload)
		fmt.Fprintf(w, `<!doctype html><html lang="en"><head><title>%s</title></head><body>
<a href="/council-tax/pay-council-tax">Pay your council tax %s</a>
<a href="/bins/report-a-missed-bin">Report a missed bin %s</a>
<img src="/logo.png?x=%s">
<a href="/x?q=%s"><img src="/icon.png"></a>
<form action="/pay"><input name="amount" placeholder="%s"><button>Pay</button></form>
</body></html>`, esc, esc, esc, esc, esc, esc)
	})
}

// TestReportShowsHostileTextInert crawls a council whose pages are written
// to break the report, writes the report, and checks that everything taken
// from the pages (and the register) comes out as inert text.
func TestReportShowsHostileTextInert(t *testing.T) {
	srv := httptest.NewServer(injectingCouncil())
	defer srv.Close()
	councils := []councilbench.Council{
		{Code: "EVL", GSS: "E9", Name: `=HYPERLINK("http://evil.example/","Evil") <script>alert(3)</script>`, Tier: councilbench.TierShireDistrict,
			Nation: "England", Region: "South East", Website: "http://www.evil.test/"},
		{Code: "GOD", GSS: "E8", Name: "Good Council", Tier: councilbench.TierCounty, Nation: "England", Region: "South East", Website: "http://www.good.test/"},
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	addr := strings.TrimPrefix(srv.URL, "http://")
	code, _, stderr := runMain(t, "survey", "--db", db, "--name", "h", "--register", writeRegister(t, councils), "--progress", "none",
		"--resolve", "www.evil.test="+addr, "--resolve", "www.good.test="+addr)
	if code != exitOK {
		t.Fatalf("survey: exit %d: %s", code, stderr)
	}
	for _, format := range []string{"text", "md", "json", "csv"} {
		code, stdout, stderr := runMain(t, "divide", "--db", db, "--name", "h", "--format", format)
		if code != exitOK || !strings.Contains(stdout, "shire") {
			t.Errorf("divide --format %s: exit %d, %s\n%s", format, code, stderr, stdout)
		}
		if format == "csv" {
			rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			for _, row := range rows {
				for _, cell := range row {
					if cell != "" && strings.ContainsRune("=+@\t\r", rune(cell[0])) {
						t.Errorf("divide csv: cell %q could start a formula", cell)
					}
				}
			}
		}
	}
	if code, _, _ := runMain(t, "divide", "--db", db, "--name", "h", "--format", "xls"); code != exitUsage {
		t.Errorf("divide --format xls: exit %d, want 2", code)
	}
	out := filepath.Join(dir, "site")
	if code, _, stderr := runMain(t, "report", "--db", db, "--name", "h", "--out", out); code != exitOK {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	files := 0
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		text := string(b)
		switch filepath.Ext(path) {
		case ".html":
			for _, bad := range []string{"<script>alert", "<img src=x"} {
				if strings.Contains(text, bad) {
					t.Errorf("%s holds %q unescaped", path, bad)
				}
			}
			doc, err := html.Parse(strings.NewReader(text))
			if err != nil {
				return err
			}
			for n := range doc.Descendants() {
				if n.Type != html.ElementNode {
					continue
				}
				for _, a := range n.Attr {
					if strings.HasPrefix(a.Key, "on") {
						t.Errorf("%s: <%s %s=...> handler attribute", path, n.Data, a.Key)
					}
					if a.Key == "href" && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
						t.Errorf("%s: javascript: link", path)
					}
				}
			}
		case ".csv":
			rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			for _, row := range rows {
				for _, cell := range row {
					if cell != "" && strings.ContainsRune("=+@\t\r", rune(cell[0])) {
						t.Errorf("%s: cell %q could start a formula", path, cell)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 5 {
		t.Errorf("the report has only %d files", files)
	}
	// A second survey of the same councils, compared with the first.
	if code, _, stderr := runMain(t, "survey", "--db", db, "--name", "h2", "--register", writeRegister(t, councils), "--progress", "none",
		"--resolve", "www.evil.test="+addr, "--resolve", "www.good.test="+addr); code != exitOK {
		t.Fatalf("second survey: exit %d: %s", code, stderr)
	}
	out2 := filepath.Join(dir, "site2")
	if code, _, stderr := runMain(t, "report", "--db", db, "--name", "h2", "--out", out2, "--compare", "h"); code != exitOK {
		t.Fatalf("report --compare: exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(out2, "league.html")); !strings.Contains(string(b), "Changes are since the survey h") {
		t.Errorf("report --compare: the league table says nothing of the earlier survey")
	}
	if code, _, _ := runMain(t, "report", "--db", db, "--name", "h2", "--out", out2, "--compare", "nope"); code != exitUsage {
		t.Errorf("report --compare with an unknown survey: exit %d, want 2", code)
	}

	page, err := os.ReadFile(filepath.Join(out, "councils", "EVL.html"))
	if err != nil {
		t.Fatalf("the hostile council's page: %v", err)
	}
	if !strings.Contains(string(page), "HYPERLINK") {
		t.Errorf("the hostile council's name is not shown (as text) on its page")
	}
}
