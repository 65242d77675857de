package scoring

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestDocs fails when docs/rules.md is not what the rule table generates;
// -update rewrites it.
func TestDocs(t *testing.T) {
	const path = "../docs/rules.md"
	want := rulesMarkdown()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./scoring -run Docs -update)", err)
	}
	if string(got) != want {
		t.Errorf("%s is stale: run go test ./scoring -run Docs -update", path)
	}
}

// rulesMarkdown renders the rule table as the Markdown of docs/rules.md.
func rulesMarkdown() string {
	var b strings.Builder
	b.WriteString("# Accessibility rules\n\n")
	b.WriteString("<!-- Generated from scoring/rules.go by `go test ./scoring -run Docs -update`. Do not edit. -->\n\n")
	b.WriteString("councilbench scores each stored page's HTML against these rules, with no browser: one decode, one parse and one walk per page ")
	b.WriteString("(see the scoring package documentation). Each rule's outcome per page is `passed`, `failed`, `inapplicable` or `cantTell`; ")
	b.WriteString("every failure carries a CSS selector for the failing element and a snippet of its opening tag.\n\n")
	b.WriteString("- **WCAG**: the WCAG 2.2 success criteria the rule tests, with their level (rules without one are best practice).\n")
	b.WriteString("- **ACT**: the W3C ACT rules the rule implements (https://www.w3.org/WAI/standards-guidelines/act/rules/ID/).\n")
	b.WriteString("- **axe**: the nearest axe-core rule. **Impact** is axe-core's, used to weight failures in the survey's score.\n")
	b.WriteString("- **Version** is bumped whenever a rule's logic changes; stored results carry it.\n\n")
	fmt.Fprintf(&b, "%d rules.\n\n", len(Rules))
	b.WriteString("| Rule | Version | WCAG | Level | ACT | axe | Impact | Description |\n")
	b.WriteString("| --- | --- | --- | --- | --- | --- | --- | --- |\n")
	cell := func(s string) string {
		if s == "" {
			return "–"
		}
		return strings.ReplaceAll(s, "|", `\|`)
	}
	for _, r := range Rules {
		fmt.Fprintf(&b, "| `%s` | %d | %s | %s | %s | %s | %s | %s |\n", r.ID, r.Version,
			cell(strings.Join(r.WCAG, ", ")), cell(r.Level), cell(strings.Join(r.ACT, ", ")), cell(r.Axe), r.Impact,
			cell(strings.ReplaceAll(strings.ReplaceAll(r.Description, "<", "&lt;"), ">", "&gt;")))
	}
	return b.String()
}
