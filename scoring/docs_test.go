package scoring

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestDocs fails when docs/rules.md is not what the rule table generates;
// -update rewrites it.
func TestDocs(t *testing.T) {
	const path = "../docs/rules.md"
	want := rulesMarkdown(Rules)
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

// rulesMarkdown renders a rule table as the Markdown of docs/rules.md: the
// scored rules, then the advisory rules in a section of their own (when
// the table has any), then the agreement with axe-core.
func rulesMarkdown(rules []*Rule) string {
	var scored, advisory []*Rule
	for _, r := range rules {
		if r.Advisory {
			advisory = append(advisory, r)
		} else {
			scored = append(scored, r)
		}
	}
	var b strings.Builder
	b.WriteString("# Accessibility rules\n\n")
	b.WriteString("<!-- Generated from scoring/rules.go by `go test ./scoring -run Docs -update`. Do not edit. -->\n\n")
	b.WriteString("councilbench scores each stored page's HTML against these rules, with no browser: one decode, one parse and one walk per page ")
	b.WriteString("(see the scoring package documentation). Each rule's outcome per page is `passed`, `failed`, `inapplicable` or `cantTell`; ")
	b.WriteString("every failure carries a CSS selector for the failing element and a snippet of its opening tag.\n\n")
	b.WriteString("- **WCAG**: the WCAG 2.2 success criteria the rule tests, with their level (rules without one are best practice).\n")
	b.WriteString("- **ACT**: the W3C ACT rules the rule implements (https://www.w3.org/WAI/standards-guidelines/act/rules/ID/).\n")
	b.WriteString("- **axe**: the nearest axe-core rule. **Impact** is axe-core's, used to weight failures in the survey's score.\n")
	b.WriteString("- **Version** is bumped whenever a rule's logic changes; stored results carry it.\n")
	b.WriteString("- **Fix**: what to change in the page when the rule fails, as `councilbench check` prints it under each failure.\n\n")
	if len(advisory) == 0 {
		fmt.Fprintf(&b, "%d rules.\n\n", len(scored))
	} else {
		noun := "advisory rules"
		if len(advisory) == 1 {
			noun = "advisory rule"
		}
		fmt.Fprintf(&b, "%d rules, and %d [%s](#advisory-rules-best-practice-not-scored) apart.\n\n", len(scored), len(advisory), noun)
	}
	cell := func(s string) string {
		if s == "" {
			return "–"
		}
		return strings.ReplaceAll(s, "|", `\|`)
	}
	table := func(rules []*Rule) {
		b.WriteString("| Rule | Version | WCAG | Level | ACT | axe | Impact | Description | Fix |\n")
		b.WriteString("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
		for _, r := range rules {
			fmt.Fprintf(&b, "| `%s` | %d | %s | %s | %s | %s | %s | %s | %s |\n", r.ID, r.Version,
				cell(strings.Join(r.WCAG, ", ")), cell(r.Level), cell(strings.Join(r.ACT, ", ")), cell(r.Axe), r.Impact,
				cell(escapeHTML(r.Description)), cell(escapeHTML(r.Fix)))
		}
	}
	table(scored)
	if len(advisory) > 0 {
		b.WriteString("\n## Advisory rules (best practice, not scored)\n\n")
		b.WriteString("These best-practice rules are judged and stored like the others, each failure with its evidence, but reported apart from the WCAG A/AA failures: ")
		b.WriteString("they count in no score and no accessibility pass ([methodology.md](methodology.md)), and never make `councilbench check` exit 1. ")
		b.WriteString("Their impact is axe-core's, shown for information.\n\n")
		table(advisory)
	}
	writeCSSRules(&b, rules)
	writeAxeDifferences(&b, rules, cell)
	return b.String()
}

// writeCSSRules lists the rules that read the stylesheets and the reasons
// they can't tell.
func writeCSSRules(b *strings.Builder, rules []*Rule) {
	var ids []string
	for _, r := range rules {
		if r.NeedsCSS {
			ids = append(ids, "`"+r.ID+"`")
		}
	}
	if len(ids) == 0 {
		return
	}
	b.WriteString("\n## Rules that read the stylesheets\n\n")
	fmt.Fprintf(b, "%s read the CSS cascade (package `css`): the page's stylesheets as the survey fetched them, its `<style>` elements and style attributes, ", strings.Join(ids, ", "))
	b.WriteString("a user-agent stylesheet, inheritance, `!important`, layers, specificity and order, custom properties, and `@media` for one stated viewport: ")
	b.WriteString("a desktop screen 1280 CSS pixels wide and 800 high (`css.Viewport`). ")
	b.WriteString("A page whose stylesheets are not known (a survey made before they were stored) is **not assessed** by them: no result, never a pass. ")
	b.WriteString("Every other rule reads `display` and `visibility` from the same cascade, so content a stylesheet hides is judged by none.\n\n")
	b.WriteString("Where only a browser's layout or painting could decide, the contrast rules say **can't tell**, with one of these reasons (stored per page and site; never a failure):\n\n")
	b.WriteString("| Reason | Means |\n| --- | --- |\n")
	for _, r := range CantTellReasons {
		fmt.Fprintf(b, "| `%s` | %s |\n", r.Code, escapeHTML(r.Means))
	}
}

func escapeHTML(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "<", "&lt;"), ">", "&gt;")
}

// writeAxeDifferences renders the differential harness's figures against
// axe-core (testdata/axe-diff-all.json) and the declared differences.
func writeAxeDifferences(b *strings.Builder, rules []*Rule, cell func(string) string) {
	b.WriteString("\n## Agreement with axe-core\n\n")
	b.WriteString("The differential harness (`go test ./scoring -run AxeDifferential -v`; `-axe.all` for every page) runs axe-core 4.14.1 on jsdom ")
	b.WriteString("(`tools/axe`) beside these rules over real pages (the static ACT cases, the GDS accessibility audit's pages, the Helsingborg pages, the report's own pages) ")
	b.WriteString("and compares the failing elements per axe rule, resolving both engines' selectors in one parse of the page. ")
	b.WriteString("Elements that axe-core answers as incomplete (needs review) are left out of both sides; a duplicate id counts as its id value, ")
	b.WriteString("and the table rules whose axe-core selector is the table (td-has-header, td-headers-attr, th-has-data-cells) count the table. ")
	b.WriteString("What axe-core cannot answer on jsdom is left out: marquee (its check is-on-screen never finds an element on screen without layout), ")
	b.WriteString("frame-focusable-content (judged from inside the frame, where jsdom runs nothing), and the `<object>` elements with fallback content ")
	b.WriteString("(object-alt applies only to an object that loaded, which axe-core tells from whether the fallback has boxes on screen). ")
	b.WriteString("The harness corrects one jsdom bug: its user-agent sheet hides SVG's `<title>` as if it were HTML's, which makes axe-core miss an `<svg>`'s name. ")
	b.WriteString("`go test ./scoring -run AxeDifferentialGenerated -v` does the same over pages that `internal/pagegen` writes from a grammar of real markup ")
	b.WriteString("(`-axe.gen 5000` for five thousand), and `go test ./scoring -run AxeDifferentialSim -v` over a sample of the simulated web's pages; ")
	b.WriteString("`go test ./scoring -run AxeDifferential -axe.all -axe.gen 5000 -v` runs the whole corpus and prints the table per rule. ")
	b.WriteString("The tests hold each corpus's pooled figures with a ratchet, and fail any rule below 95% precision or recall once axe-core fails 20 elements under it.\n\n")
	data, err := os.ReadFile(axeAllFile)
	var all axeAllFigures
	if err == nil {
		err = json.Unmarshal(data, &all)
	}
	if err != nil {
		b.WriteString("(No figures: run `go test ./scoring -run AxeDifferential -axe.all -update`.)\n")
	} else {
		var pooled, scored diffCount
		advisory := map[string]bool{} // axe rules that only advisory rules map to
		for _, r := range rules {
			if r.Axe != "" {
				advisory[r.Axe] = !hasScoredAxe(rules, r.Axe)
			}
		}
		var ids []string
		for id, c := range all.Rules {
			ids = append(ids, id)
			for _, sum := range []*diffCount{&pooled, &scored} {
				if sum == &scored && advisory[id] {
					continue
				}
				sum.add(c)
			}
		}
		sort.Strings(ids)
		fmt.Fprintf(b, "Over %d real pages: %d failing elements found by both, %d by axe-core only, %d by councilbench only, %d in the declared differences below; ",
			all.Pages, pooled.Both, pooled.AxeOnly, pooled.OursOnly, pooled.Documented)
		fmt.Fprintf(b, "precision %.3f and recall %.3f relative to axe-core. ", pooled.precision(), pooled.recall())
		fmt.Fprintf(b, "The rules in the score alone (advisory rules left out): %d by both, %d by axe-core only, %d by councilbench only, %d declared; precision %.3f and recall %.3f.\n\n",
			scored.Both, scored.AxeOnly, scored.OursOnly, scored.Documented, scored.precision(), scored.recall())
		b.WriteString("| axe rule | both | axe-core only | councilbench only | declared |\n| --- | --- | --- | --- | --- |\n")
		for _, id := range ids {
			if c := all.Rules[id]; c.Both+c.AxeOnly+c.OursOnly+c.Documented > 0 {
				fmt.Fprintf(b, "| `%s` | %d | %d | %d | %d |\n", id, c.Both, c.AxeOnly, c.OursOnly, c.Documented)
			}
		}
	}
	b.WriteString("\n## Where councilbench and axe-core differ\n\n")
	b.WriteString("Each difference is declared in the rule table (`AxeDiffers`) with the elements it covers and the source that decides it; ")
	b.WriteString("a difference is justified by a source, never by convenience. The harness counts the elements it covers apart.\n\n")
	b.WriteString("| Rule | axe rule | Failed by | Elements | Why | Elements counted |\n| --- | --- | --- | --- | --- | --- |\n")
	for _, r := range rules {
		for i, d := range r.AxeDiffers {
			n := "–"
			if c := all.Rules[r.Axe]; c != nil {
				n = fmt.Sprint(c.Declared[declKey(r.ID, i)])
			}
			elems := "`" + cell(d.Selector) + "`"
			if d.Elements != "" {
				elems = cell(escapeHTML(d.Elements)) + " (within " + elems + ")"
			}
			fmt.Fprintf(b, "| `%s` | `%s` | %s | %s | %s | %s |\n", r.ID, r.Axe, d.Side, elems, cell(escapeHTML(d.Why)), n)
		}
	}
	b.WriteString("\nSome failures the two engines file under different names: the same element failing for the same reason. ")
	b.WriteString("The rule table names those axe-core rules (`AxeAlso`), and the harness counts such an element as found by both.\n\n")
	b.WriteString("| Rule | axe rule | also reported by axe-core as |\n| --- | --- | --- |\n")
	for _, r := range rules {
		if len(r.AxeAlso) > 0 {
			fmt.Fprintf(b, "| `%s` | `%s` | `%s` |\n", r.ID, r.Axe, strings.Join(r.AxeAlso, "`, `"))
		}
	}
}

// TestDocsAdvisory checks that docs/rules.md lists advisory rules in a
// section of their own, apart from the scored rules, and has no such
// section for a table without them.
func TestDocsAdvisory(t *testing.T) {
	var scored []*Rule
	for _, r := range Rules {
		if !r.Advisory {
			scored = append(scored, r)
		}
	}
	const heading = "\n## Advisory rules (best practice, not scored)\n"
	if md := rulesMarkdown(scored); strings.Contains(md, heading) || strings.Contains(md, "#advisory-rules") {
		t.Errorf("a table without advisory rules has an advisory section")
	}
	md := rulesMarkdown(append(slices.Clone(scored), testAdvisory))
	before, after, ok := strings.Cut(md, heading)
	if !ok {
		t.Fatalf("no %q section", strings.TrimSpace(heading))
	}
	section, _, _ := strings.Cut(after, "\n## ")
	row := "| `" + testAdvisory.ID + "` |"
	if strings.Contains(before, row) || !strings.Contains(section, row) {
		t.Errorf("the advisory rule is not listed apart:\n%s", section)
	}
	if want := fmt.Sprintf("%d rules, and 1 [advisory rule](#advisory-rules-best-practice-not-scored) apart.", len(scored)); !strings.Contains(before, want) {
		t.Errorf("the count lacks %q", want)
	}
	if strings.Contains(section, "| `image-alt` |") || !strings.Contains(before, "| `image-alt` |") {
		t.Errorf("image-alt is not with the scored rules")
	}
}

// hasScoredAxe reports whether a rule in the score maps to the axe rule.
func hasScoredAxe(rules []*Rule, axe string) bool {
	for _, r := range rules {
		if r.Axe == axe && !r.Advisory {
			return true
		}
	}
	return false
}
