package councilbench

import (
	"fmt"
	"sort"
	"strings"
)

// The result types: what the survey concludes about pages, sites and
// councils. Each is declared here once; the crawler, the scorer, the store,
// the survey, the divide analysis and the report all use these types, and
// the store reads and writes them as they are (docs/schema.md maps their
// fields to columns).

// Depth is a page's final depth, computed from the stored links when its
// site's crawl ends.
type Depth struct {
	URL         string
	Depth       int // fewest clicks from the home page; -1 when no chain of links reaches it
	SitemapOnly bool
}

// Outcome is what a rule concludes about one page (or one element).
type Outcome string

// The outcomes of a rule, as in the W3C ACT Rules Format.
const (
	Inapplicable Outcome = "inapplicable" // nothing on the page is in the rule's scope
	Passed       Outcome = "passed"       // everything in scope meets the rule
	Failed       Outcome = "failed"       // at least one element fails; see the evidence
	CantTell     Outcome = "cantTell"     // the HTML alone cannot decide
)

// Impact is how badly a failure of a rule hurts users, on axe-core's scale.
// It weights the rule in the survey's accessibility score.
type Impact string

// The impacts, from worst to least.
const (
	Critical Impact = "critical"
	Serious  Impact = "serious"
	Moderate Impact = "moderate"
	Minor    Impact = "minor"
)

// RuleInfo describes an accessibility rule: what the store records of the
// rule table, so that every stored outcome can be traced to the logic and
// the criteria that made it.
type RuleInfo struct {
	ID          string   // stable id, e.g. "image-alt"
	Version     int      // bumped whenever the rule's logic changes
	WCAG        []string // WCAG 2.2 success criteria, e.g. "1.1.1"
	Level       string   // WCAG conformance level of the criteria: "A", "AA" or "AAA"; "" for best practice
	ACT         []string // W3C ACT rule ids the rule implements
	Axe         string   // the nearest axe-core rule id, "" when none
	Impact      Impact
	Description string // one line: what passes
	// Fix is one line for the person who fixes a failure: what to change
	// in the page, in the imperative ("Give every img an alt attribute:
	// ..."). check prints it under each failing rule.
	Fix string
	// Advisory marks a best-practice rule that is stored and shown with its
	// evidence but reported apart from the WCAG failures: it counts in no
	// score and never makes check exit 1.
	Advisory bool
}

// Evidence points at one failing element.
type Evidence struct {
	Selector string `json:"selector"` // a CSS selector matching exactly that element
	Snippet  string `json:"snippet"`  // its opening tag, truncated
	// Contrast holds the measurements of a contrast rule's failure.
	Contrast *ContrastEvidence `json:"contrast,omitempty"`
}

// ReasonCounts writes counts by reason code, most frequent first: "bg-image
// 12, positioned 3", as check, show and the report print a rule's
// can't-tell reasons.
func ReasonCounts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

// String writes the measurements in words, as check and show print them.
func (c *ContrastEvidence) String() string {
	bold := ""
	if c.Bold {
		bold = " bold"
	}
	return fmt.Sprintf("text %s on %s: %.2f:1, needs %g:1 (%.1fpx%s)", c.Foreground, c.Background, c.Ratio, c.Required, c.FontPx, bold)
}

// ContrastEvidence is what a text contrast failure measured.
type ContrastEvidence struct {
	Foreground string  `json:"foreground"` // the text colour as drawn, #rrggbb
	Background string  `json:"background"` // the background composed behind it, #rrggbb
	Ratio      float64 `json:"ratio"`      // rounded down to two decimals, as shown
	Required   float64 `json:"required"`   // the ratio WCAG asks for this text
	FontPx     float64 `json:"font_px"`    // the computed font size in CSS pixels
	Bold       bool    `json:"bold"`
}

// RuleResult is one rule's outcome on one page.
type RuleResult struct {
	Rule         string     `json:"rule"`
	Version      int        `json:"version"`
	Outcome      Outcome    `json:"outcome"`
	Failures     []Evidence `json:"failures,omitempty"` // the first failing elements (the scorer bounds how many)
	FailureCount int        `json:"failure_count"`      // every failing element, including those not recorded
	Applicable   int        `json:"applicable"`         // elements the rule judged (passed, failed or cantTell)
	// CantTellCount counts the judged elements the rule could not decide,
	// and Reasons counts them by the rule's reason code (the contrast
	// rules say why: a background image, a missing stylesheet...).
	CantTellCount int            `json:"cant_tell,omitempty"`
	Reasons       map[string]int `json:"reasons,omitempty"`
}

// PageScore is the accessibility outcome of one page: every rule's result,
// in the order of the rule table.
type PageScore struct {
	URL      string       `json:"url"`
	Charset  string       `json:"charset"` // the charset the page was decoded from
	Elements int          `json:"elements"`
	Limited  bool         `json:"limited,omitempty"` // a work limit was reached (hostile or enormous page)
	Error    string       `json:"error,omitempty"`   // the page could not be scored; Results is then empty
	Results  []RuleResult `json:"results"`
}

// Failed reports whether any rule failed.
func (s *PageScore) Failed() bool {
	for i := range s.Results {
		if s.Results[i].Outcome == Failed {
			return true
		}
	}
	return false
}

// Result returns the result of the rule with the id, or nil.
func (s *PageScore) Result(id string) *RuleResult {
	for i := range s.Results {
		if s.Results[i].Rule == id {
			return &s.Results[i]
		}
	}
	return nil
}

// PageFacts are what the site assessment reads of a page, gathered by the
// scorer's one walk over the page's tree and stored beside its score: the
// assessment never parses a body again.
type PageFacts struct {
	Version  int    `json:"version"`            // of the logic that gathered them (scoring.FactsVersion)
	Title    string `json:"title"`              // the first <title>'s text, white space collapsed
	H1       string `json:"h1"`                 // the first <h1>'s text, white space collapsed
	Lang     string `json:"lang"`               // the lang attribute of <html>
	Viewport string `json:"viewport,omitempty"` // the content of the first <meta name=viewport>
	// HasViewport tells an empty viewport from none.
	HasViewport bool `json:"has_viewport"`
	Main        bool `json:"main"` // a <main> element or role=main
	// Article is true when the page says it is a dated article: a
	// <meta property="article:published_time">, or structured data typed
	// NewsArticle or BlogPosting. News reports on services; it never
	// delivers a task.
	Article bool   `json:"article"`
	Forms   []Form `json:"forms"` // in document order, at most the scorer's limit
}

// Form is one <form> of a page, as the site assessment sees it.
type Form struct {
	Action string   `json:"action"` // as written, not resolved
	Method string   `json:"method"` // lower case; "" when not given
	Search bool     `json:"search"` // role=search, inside <search>, or an <input type=search>
	Fields int      `json:"fields"` // fields a user fills in: not hidden, not buttons
	Names  []string `json:"names"`  // the lower-cased names of those fields, at most 16
	Emails int      `json:"emails"` // email fields (by type or name)
	// Query is the name of the first text or search field, as written:
	// where a site search's query goes.
	Query string `json:"query,omitempty"`
	// Hidden are the form's hidden fields as "name=value", at most 8,
	// submitted with a site search's query as a browser would.
	Hidden []string `json:"hidden,omitempty"`
	// Captcha is true when the form carries a CAPTCHA (reCAPTCHA,
	// hCaptcha, Turnstile or a field named captcha); Password when it
	// asks for one. The survey submits neither.
	Captcha  bool `json:"captcha,omitempty"`
	Password bool `json:"password,omitempty"`
}

// SiteAssessment is what a site's stored pages show: a finding for every
// task of the catalogue (the council's tier is applied when it is scored),
// the site features, and the accessibility failure rates. Councils that
// share a website share its assessment.
type SiteAssessment struct {
	SiteKey  string `json:"site"`
	Assessed bool   `json:"assessed"`
	// Reason says why the site could not be assessed: the crawl's failure
	// reason (robots-disallow, bot-protection, dns...) or "not-finished",
	// "no-home-page".
	Reason string `json:"reason,omitempty"`
	Detail string `json:"detail,omitempty"`

	CatalogueVersion int    `json:"catalogue_version"`
	Home             string `json:"home,omitempty"` // the home page as stored (the register's URL)
	Pages            int    `json:"pages"`          // stored pages
	HTMLPages        int    `json:"html_pages"`     // HTML pages fetched without error: the pages judged

	Tasks         []TaskFinding `json:"tasks"`    // every task of the catalogue, in catalogue order
	Features      []Feature     `json:"features"` // in the order of the feature table
	Accessibility A11ySummary   `json:"accessibility"`
	// Links summarises the links of each page of the site (stored as
	// page_links, the results download's stand-in for the full links
	// table); not part of the JSON, where it would list every page.
	Links []PageLinks `json:"-"`
}

// PageLinks counts the links of one stored page.
type PageLinks struct {
	PageID   int64
	Links    int // links on the page, as stored (one per <a href>)
	Internal int // of those, inside the site's scope
	External int // and outside it
	// Checked counts the distinct internal targets the survey fetched, and
	// Broken those of them that failed (an error status, no response, or a
	// "page not found" page), as the broken-links feature judges them.
	Checked int
	Broken  int
}

// Task returns the finding of the task with the id, or nil.
func (a *SiteAssessment) Task(id string) *TaskFinding {
	for i := range a.Tasks {
		if a.Tasks[i].ID == id {
			return &a.Tasks[i]
		}
	}
	return nil
}

// Feature returns the finding of the feature with the id, or nil.
func (a *SiteAssessment) Feature(id string) *Feature {
	for i := range a.Features {
		if a.Features[i].ID == id {
			return &a.Features[i]
		}
	}
	return nil
}

// TaskFinding is whether, where and how a site lets residents do a task.
type TaskFinding struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
	LGSL    []int  `json:"lgsl"`
	Found   bool   `json:"found"`
	URL     string `json:"url,omitempty"` // the task's page as stored
	// Clicks is the fewest clicks from the home page to the task's page
	// (the page's stored depth); -1 when not found or reached only through
	// the sitemap.
	Clicks            int    `json:"clicks"`
	LinkedFromHome    bool   `json:"linked_from_home"`
	LinkedFromLanding bool   `json:"linked_from_landing"`
	LandingURL        string `json:"landing_url,omitempty"` // the service landing page that links to it
	// Online is true when the task's page holds a form to do it or links
	// to a service that does (a payment, booking or reporting service,
	// off-site portals included).
	Online    bool   `json:"online"`
	OnlineVia string `json:"online_via,omitempty"` // "form", "portal" or "link"
	OnlineURL string `json:"online_url,omitempty"` // the form's action or the link's target
	// PDFOnly is true when the task can only be done with a PDF (or other
	// document) form: the page links one but offers no online route, or
	// the only thing found is the document itself.
	PDFOnly bool   `json:"pdf_only"`
	PDFURL  string `json:"pdf_url,omitempty"`
	// WelshURL is the Welsh version of the task's page on a bilingual site.
	WelshURL string `json:"welsh_url,omitempty"`
	// Evidence: the link that names the task and the page it is on, and
	// the pattern it matched ("url" when only the URL did, "document" for
	// a document form).
	LinkText   string `json:"link_text,omitempty"`
	LinkedFrom string `json:"linked_from,omitempty"`
	Match      string `json:"match,omitempty"`
	// BrokenURL is a link naming the task whose target was fetched and
	// failed, when no working page was found.
	BrokenURL string `json:"broken_url,omitempty"`
	// Why says in one line why the task was not found, naming the closest
	// page: "closest page: /council-tax (title names the service area; no
	// payment action)". Empty when found.
	Why string `json:"why,omitempty"`
	// Candidates are the closest pages the finder weighed and did not
	// take, best first, at most MaxTaskCandidates; kept when the task was
	// not found.
	Candidates []TaskCandidate `json:"candidates,omitempty"`
	// SearchRank is the rank (1 to MaxSearchResults) of the first page
	// the finder accepts for the task among the results of the site's own
	// search for the task's query; 0 when none of them is; -1 when the
	// search was not used (SearchReason says why).
	SearchRank   int          `json:"search_rank"`
	SearchReason SearchReason `json:"search_reason,omitempty"`
}

// SiteSearch is one query put to a site's own search for a task, as the
// crawl made it (Better Connected's "does the site search find it?"): the
// query a resident would type, the results page requested, and the first
// result links of the results' main content; or why the search could not
// be used, which makes the task's search not assessed, never failed.
type SiteSearch struct {
	Task  string `json:"task"`
	Query string `json:"query"`
	// Form is the search form's action as the page wrote it, resolved;
	// URL the results page requested (the form submitted with the query).
	Form    string         `json:"form,omitempty"`
	URL     string         `json:"url,omitempty"`
	Results []SearchResult `json:"results"` // at most MaxSearchResults, in the order listed
	// Reason says why the search was not used: one of the Search*
	// constants. Empty when it was.
	Reason SearchReason `json:"reason,omitempty"`
	Detail string       `json:"detail,omitempty"`
}

// SearchResult is one result link of a site search's results page.
type SearchResult struct {
	URL  string `json:"url"`
	Text string `json:"text"`
}

// MaxSearchResults is how many results of a site search are read: a task
// counts as found by the search when a page the task finder accepts is
// among them.
const MaxSearchResults = 5

// SearchReason says why a site's search could not be used for a task.
type SearchReason string

// Why a site search was not used. None of them is a failure of the
// council's search: its task is not assessed.
const (
	SearchNoForm   SearchReason = "no-form"   // no search form on the home page
	SearchPostOnly SearchReason = "post-only" // the only search form submits with POST, which the survey never does
	SearchCaptcha  SearchReason = "captcha"   // the form carries a CAPTCHA
	SearchLogin    SearchReason = "login"     // the form asks for a password
	SearchRobots   SearchReason = "robots"    // robots.txt disallows the results URL
	SearchError    SearchReason = "error"     // the results page could not be fetched or was not HTML
	SearchBudget   SearchReason = "budget"    // the site's search budget ran out
	SearchNotAsked SearchReason = "not-asked" // the survey did not search (an older survey, or the task is not the site's councils')
)

// MaxTaskCandidates bounds the candidates kept for a task not found.
const MaxTaskCandidates = 3

// TaskCandidate is a page the task finder weighed for a task and did not
// take, with what matched and what did not.
type TaskCandidate struct {
	URL string `json:"url"`
	// Matched lists what named the task: "link text", "title", "url",
	// "area" (only the service area was named), with "+context" when the
	// page's URL or the pages linking to it supplied part of the name.
	Matched []string `json:"matched"`
	// NearMiss is the near-miss pattern the page's name carries
	// ("discount"), when that is why it was not taken.
	NearMiss string `json:"near_miss,omitempty"`
	// Action is false when the page offers no way to do the task online
	// (no transactional form, no start, pay or report link, no link to a
	// portal that does it).
	Action bool `json:"action"`
}

// Feature is one site feature's finding.
type Feature struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
	// Known is false when the stored pages cannot tell (no probe stored,
	// an https register URL for the http redirect, no pages): the model
	// leaves the feature out rather than count it as failed.
	Known bool `json:"known"`
	Pass  bool `json:"pass"`
	// Value is the measured value: 1 or 0 for yes or no, a share from 0 to
	// 1, bytes or milliseconds, as Unit says.
	Value float64 `json:"value"`
	Unit  string  `json:"unit"` // "bool", "share", "bytes" or "ms"
	// URL is the page found, for the features that look for a page (the
	// accessibility statement, the A to Z, the contact page).
	URL string `json:"url,omitempty"`
	// Evidence says where the value comes from: URLs, header values,
	// counts.
	Evidence []string `json:"evidence,omitempty"`
}

// A11ySummary is the accessibility of a site's pages as rates: the share of
// the judged pages on which each rule failed.
type A11ySummary struct {
	Pages int `json:"pages"` // HTML pages with a score
	// Rules are the rules that failed on at least one page, and every
	// rule that reads the CSS cascade (with how much it decided, or marked
	// not assessed), in table order, advisory ones included.
	Rules []RuleRate `json:"rules"`
}

// RuleRate is one rule's failure rate over a site's pages.
type RuleRate struct {
	Rule    string  `json:"rule"`
	Version int     `json:"version"`
	Impact  Impact  `json:"impact"`
	Failed  int     `json:"failed"` // pages on which it failed
	Rate    float64 `json:"rate"`   // Failed / Pages
	Example string  `json:"example,omitempty"`
	// Advisory is the rule's RuleInfo.Advisory, copied when the summary
	// is built: the rate is shown, apart, but counts in no score and no
	// pass.
	Advisory bool `json:"advisory,omitempty"`
	// NotAssessed is true when no page of the site could be judged by the
	// rule (a rule that reads the cascade, in a survey made before
	// stylesheets were stored): Failed and Rate are then no finding, and
	// the rule counts in no score, never as a pass.
	NotAssessed bool `json:"not_assessed,omitempty"`
	// Judged counts the elements the rule judged over the site's pages,
	// CantTell those it could not decide, by reason in Reasons: how much
	// a cascade rule decided.
	Judged   int            `json:"judged,omitempty"`
	CantTell int            `json:"cant_tell,omitempty"`
	Reasons  map[string]int `json:"reasons,omitempty"`
}

// CouncilScore is one council's scorecard: the score, the stars, the
// components with the items that make them up, and the findings asked of
// its tier, so that every point can be traced to a finding.
type CouncilScore struct {
	Code             string `json:"code"`
	Tier             Tier   `json:"tier"`
	Site             string `json:"site"` // the site's key
	ModelVersion     string `json:"model_version"`
	CatalogueVersion int    `json:"catalogue_version"`
	Assessed         bool   `json:"assessed"`
	Reason           string `json:"reason,omitempty"` // why not assessed
	Detail           string `json:"detail,omitempty"`
	// Score is from 0 to 100; 0 and meaningless when not assessed.
	Score     float64 `json:"score"`
	Stars     int     `json:"stars"`                // 1 to 4; 0 when not assessed
	StarsNote string  `json:"stars_note,omitempty"` // why a score in the four-star band got three
	// AccessibilityPass says whether the site passes accessibility; when
	// it does not, PassFailures says why.
	AccessibilityPass bool          `json:"accessibility_pass"`
	PassFailures      []string      `json:"pass_failures,omitempty"`
	Components        []Component   `json:"components"`
	Tasks             []TaskFinding `json:"tasks"`    // the tasks asked of the council's tier
	Features          []Feature     `json:"features"` // the site's features
}

// Component returns the component with the id, or nil.
func (s *CouncilScore) Component(id string) *Component {
	for i := range s.Components {
		if s.Components[i].ID == id {
			return &s.Components[i]
		}
	}
	return nil
}

// Component is one component of a council's score.
type Component struct {
	ID     string  `json:"id"`
	Weight float64 `json:"weight"` // points out of 100 (before scaling for left-out components)
	Score  float64 `json:"score"`  // 0 to 100
	Points float64 `json:"points"` // what the component adds to the council's score
	Items  []Item  `json:"items"`
}

// Item is one scored item of a component.
type Item struct {
	ID       string  `json:"id"`
	Weight   float64 `json:"weight"`
	Known    bool    `json:"known"` // false: left out, the other items' weights scaled up
	Score    float64 `json:"score"` // 0 to 1
	Evidence string  `json:"evidence,omitempty"`
}

// Failure is one failing element of a rule on a page, as the report and
// the scorecard list them.
type Failure struct {
	Rule    string `json:"rule"`
	PageURL string `json:"page_url"`
	Evidence
}

// MinTemplatePages is how many pages of a site must fail a rule on the
// same element for the failure to count as a template failure. Two pages
// can share an element by chance (a page and its print version); three
// make a pattern that one fix in a shared template or component removes.
// The store's view v_template_failures applies the same number.
const MinTemplatePages = 3

// TemplateFailure is one failing element that repeats across a site's
// pages: the same rule failing on an element with the same selector and
// the same snippet (its opening tag, as stored) on at least
// MinTemplatePages pages. It most likely sits in the site's template (a
// header logo without alt text, a footer link without a name): fixed
// there once, it is fixed on every page.
type TemplateFailure struct {
	Rule string `json:"rule"`
	// Evidence is the element: its selector and snippet, and a contrast
	// failure's measurements on the first of its pages.
	Evidence
	Advisory  bool     `json:"advisory,omitempty"` // the rule is advisory (best practice, not scored)
	Pages     int      `json:"pages"`              // pages of the site on which it fails
	SitePages int      `json:"site_pages"`         // pages of the site with an accessibility score
	PageURLs  []string `json:"page_urls"`          // every one of those pages, in URL order
}

// CouncilResult is everything a survey holds about one council's results,
// for the divide analysis and the report.
type CouncilResult struct {
	Council Council
	Site    *Site // the website it uses; nil when the survey has none for it
	Pages   int   // pages stored for its site
	// Assessment is its site's assessment and Score its scorecard; both
	// are nil until its site's crawl has ended.
	Assessment *SiteAssessment
	Score      *CouncilScore
}

// SiteURL returns the council's website as crawled: the site's final URL,
// else its start URL, else the register's.
func (r *CouncilResult) SiteURL() string {
	switch {
	case r.Site == nil:
		return r.Council.Website
	case r.Site.FinalURL != "":
		return r.Site.FinalURL
	}
	return r.Site.StartURL
}
