package scoring

import "github.com/councilbench/councilbench"

// understanding names each WCAG 2.2 success criterion that a rule tests by
// the slug of its W3C "Understanding" page. A rule that tests a criterion
// missing here fails TestDocURL.
var understanding = map[string]string{
	"1.1.1": "non-text-content", "1.2.2": "captions-prerecorded",
	"1.3.1": "info-and-relationships", "1.3.5": "identify-input-purpose",
	"1.4.1": "use-of-color", "1.4.3": "contrast-minimum", "1.4.4": "resize-text",
	"1.4.6": "contrast-enhanced", "1.4.12": "text-spacing",
	"2.1.1": "keyboard", "2.2.1": "timing-adjustable", "2.2.2": "pause-stop-hide",
	"2.2.4": "interruptions", "2.4.1": "bypass-blocks", "2.4.2": "page-titled",
	"2.4.4": "link-purpose-in-context", "2.4.7": "focus-visible",
	"3.1.1": "language-of-page", "3.1.2": "language-of-parts", "3.2.5": "change-on-request",
	"3.3.2": "labels-or-instructions", "4.1.2": "name-role-value",
}

// axeDocs is the minor version of the axe-core that the project compares
// itself with (tools/axe), whose rule pages Deque publishes by version.
const axeDocs = "4.14"

// DocURL returns the page that explains a rule's requirement to the person
// fixing a failure: the W3C Understanding page of its first WCAG success
// criterion; for a best-practice rule, axe-core's page of the nearest axe
// rule; else the project's list of rules.
func DocURL(r *councilbench.RuleInfo) string {
	if len(r.WCAG) > 0 {
		if slug, ok := understanding[r.WCAG[0]]; ok {
			return "https://www.w3.org/WAI/WCAG22/Understanding/" + slug + ".html"
		}
	}
	if r.Axe != "" {
		return "https://dequeuniversity.com/rules/axe/" + axeDocs + "/" + r.Axe
	}
	return councilbench.ContactURL + "/blob/main/docs/rules.md"
}
