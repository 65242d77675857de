// Package scoring judges stored pages. Its first half is accessibility:
// rules evaluated on a page's HTML alone, with no browser and no network,
// in the same walk that gathers the page facts the site assessment reads.
// Its second half judges a site from its stored pages (AssessSite: the top
// tasks and the site features) and scores each council under the model
// (ScoreCouncil). What it concludes is of the result types of the root
// package (councilbench.PageScore, PageFacts, SiteAssessment,
// CouncilScore...), which the store keeps as they are.
//
// # Rules
//
// Each rule is one declaration in the table Rules: a stable id, a version
// (bumped when its logic changes), the WCAG 2.2 success criteria and level
// it tests, the W3C ACT rules it implements, the nearest axe-core rule, the
// impact of a failure, a one-line description, what it wants to see
// (Target: tag names, semantic roles, every element, or the document once)
// and a Check that judges one element. A rule's outcome on a page is
// failed if any element fails, else cantTell if any element cannot be
// decided from the HTML, else passed if any element passed, else
// inapplicable. Every failure carries Evidence: a CSS selector that matches
// exactly that element (its id when unique, else a path of :nth-child steps
// from the nearest ancestor with a unique id, or from html) and its opening
// tag cut to MaxSnippet bytes. Adding a rule means adding its declaration
// and its fixtures in testdata/rules/<id>/; docs/rules.md is generated from
// the table (go test ./scoring -run Docs -update). A rule marked Advisory
// (axe-core's best practice, the GDS audit's barriers that WCAG A/AA does
// not always fail) is judged and stored like the others but counts in no
// score (checks_landmarks.go, checks_advisory.go).
//
// # One decode, one parse, one walk
//
// Scorer.JudgePage (the survey's page step; Scorer.Judge and ScorePage for
// bytes) decodes the stored bytes once (package charset: the charset of the
// Content-Type header, then a byte-order mark or <meta charset>, then
// sniffing, so windows-1252 pages read right, and the crawler's link texts
// read the same way), parses them once with golang.org/x/net/html, and
// walks the tree once. The walk builds the list of elements in document
// order with their hidden states (hidden, inline display:none and
// visibility:hidden, aria-hidden, inert, closed <details>), the id index
// and the <label for> index. Roles are then resolved element by element
// (implicit roles of HTML-AAM, the first valid token of role, and
// WAI-ARIA's presentational-role conflict resolution), and each element is
// handed to the rules and to the page facts (the table pageFacts: title,
// first heading, language, viewport, main landmark, forms) that asked for
// its tag or role. Rules and facts get local context from the Page:
// accessible names (Page.Name, the W3C Accessible Name Computation),
// labels, ids, and a goquery Selection of their element over the same tree
// (Page.Sel) for the children, ancestors and descendants they read by
// selector (a form's fields, a list's items, a video's tracks). Context
// that depends on computed roles rather than markup (the table or grid an
// element belongs to) follows Element.Parent, since no selector can see a
// computed role. Page-wide facts that a rule needs (the first meta
// refresh, aria-owns targets, table grids) are built once per page from
// the element list with Page.Memo; no rule re-walks the whole tree per
// element.
//
// # Bounds
//
// Hostile pages cannot make scoring blow up: x/net/html refuses nesting
// deeper than 512 elements (ScorePage then returns an error); accessible
// names follow at most 48 levels and keep 2 KB per step, with a page-wide
// budget of node visits; selectors have at most 128 steps; table grids at
// most 200,000 slots; srcdoc documents at most 1 MB are parsed; at most
// MaxFailures failures per rule and page are recorded with evidence
// (FailureCount counts them all); a page's facts keep at most 1 KB of a
// title or heading and 64 forms. PageScore.Limited says when a limit was
// reached.
//
// # Storing results
//
// A PageScore holds one RuleResult per rule, in table order: the rule's id
// and version, the outcome, how many elements it judged (Applicable), how
// many failed (FailureCount) and the evidence of the first MaxFailures.
// Rule metadata (WCAG criteria, level, ACT and axe ids, impact) is each
// rule's RuleInfo. PageFacts carry FactsVersion.
//
// # Conformance
//
// The tests run every W3C ACT test case of the implemented rules
// (testdata/act, with a ratchet in testdata/act-golden.json), every rule's
// fixtures, the GDS accessibility tool audit (testdata/gds) beside
// axe-core's results, a fuzz test, and benchmarks against parsing alone.
// The differential harness (axediff_test.go) runs axe-core on jsdom
// (tools/axe) beside the rules over the real pages of testdata and the
// report's pages, a sample of the simulated web, and pages that
// internal/pagegen generates, and compares failing elements one by one.
// Where the two differ on purpose, the rule's AxeDiffers declares the
// elements (a selector, narrowed by a predicate when a selector cannot say
// it) and the source that decides: the ACT rule, the specification, or
// what browsers do; its AxeAlso names the axe-core rules that file the
// same failure under another name. axe.go holds axe-core's own reading of
// roles and names that those declarations describe.
package scoring
