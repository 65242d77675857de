package reports

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
)

// TestReportTemplateFailures checks that a council's page lists its
// template failures, the scored rules' first maxTemplates (most pages
// first, as the store orders them) with their element and pages, says how
// many more there are and how many advisory ones it leaves out, and that a
// council without any has no such section.
func TestReportTemplateFailures(t *testing.T) {
	s := fixtureSite()
	var adu *Council
	for i := range s.Councils {
		if s.Councils[i].Code == "ADU" {
			adu = &s.Councils[i]
		}
	}
	if adu == nil || len(adu.Failures) == 0 {
		t.Fatal("ADU has no failures in the fixture")
	}
	adu.TemplateFailures = nil
	for i := range maxTemplates + 5 {
		adu.TemplateFailures = append(adu.TemplateFailures, councilbench.TemplateFailure{Rule: adu.Failures[0].Rule,
			Evidence: councilbench.Evidence{Selector: fmt.Sprintf("#nav > a:nth-child(%d)", i+1), Snippet: fmt.Sprintf(`<a href="/s%d">`, i)},
			Pages:    40 - i, SitePages: 40, PageURLs: []string{"https://adur.example/"}})
	}
	adu.TemplateFailures = append(adu.TemplateFailures, councilbench.TemplateFailure{Rule: "landmark-unique", Advisory: true,
		Evidence: councilbench.Evidence{Selector: "nav", Snippet: "<nav>"}, Pages: 3, SitePages: 40, PageURLs: []string{"https://adur.example/"}})
	dir := writeSite(t, s)
	read := func(f string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	page := read("councils/ADU.html")
	_, section, ok := strings.Cut(page, `<h3 id="template-failures">Fix once: failures in the site's template</h3>`)
	if !ok {
		t.Fatalf("ADU's page has no template failures section:\n%s", page)
	}
	section, _, _ = strings.Cut(section, "</table>")
	if got, want := strings.Count(section, "<tr><th scope=\"row\">"), maxTemplates; got != want {
		t.Errorf("rows: got %d, want %d", got, want)
	}
	for _, want := range []string{
		"on 3 or more of the pages judged",
		"One more such element fails an advisory rule (best practice, not scored).",
		fmt.Sprintf("the %d on most pages, of %d (the downloads list them all)", maxTemplates, maxTemplates+5),
		"Element: <code>#nav &gt; a:nth-child(1)</code><br>Found: <code>&lt;a href=&#34;/s0&#34;&gt;</code>",
		`First on <a href="https://adur.example/">https://adur.example/</a>`,
		"40 of 40 (100%)",
	} {
		if !strings.Contains(section, want) {
			t.Errorf("the section lacks %q:\n%s", want, section)
		}
	}
	if strings.Contains(section, fmt.Sprintf("nth-child(%d)", maxTemplates+1)) || strings.Contains(section, "landmark-unique") {
		t.Errorf("the section lists more than the scored rules' first %d:\n%s", maxTemplates, section)
	}
	if strings.Contains(read("councils/ARU.html"), `id="template-failures"`) {
		t.Errorf("ARU has no template failures, yet a section of them")
	}
}
