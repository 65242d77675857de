package simweb

import (
	"encoding/json"
	"fmt"
	"io"
)

// The kinds of page in the manifest (PageTruth.Kind).
const (
	PageHome      = "home"
	PageLanding   = "landing"
	PageTask      = "task"
	PageAZ        = "az"
	PageSearch    = "search"
	PageContact   = "contact"
	PageStatement = "statement"
	PageNews      = "news"
	PagePDF       = "pdf"
	PageOther     = "other"
)

// The kinds of injected fault (FaultTruth.Kind).
const (
	FaultImgNoAlt        = "img-no-alt"       // a content image without an alt attribute
	FaultInputNoLabel    = "input-no-label"   // a form input with no label
	FaultLangMissing     = "lang-missing"     // the site's pages have no lang attribute
	FaultEmptyLink       = "empty-link"       // an icon link with no text
	FaultBrokenLink      = "broken-link"      // an internal link to a URL that is not found
	FaultSlowPage        = "slow-page"        // a page that answers after Options.SlowPageDelay
	FaultRedirect        = "redirect"         // an internal page moved, its old URL redirecting
	FaultBuriedTask      = "buried-task"      // a task page 4 to 6 clicks from the home page
	FaultMissingTask     = "missing-task"     // a task the council is responsible for has no page
	FaultRobotsExclusion = "robots-exclusion" // robots.txt excludes a section of content
	FaultNoStatement     = "no-statement"     // the site has no accessibility statement
	FaultSoft404         = "soft-404"         // unknown URLs answer 200 OK with "Page not found"
	FaultLowContrast     = "low-contrast"     // text whose stylesheet colour fails WCAG's 4.5:1 (and 3:1) contrast
	FaultEmptyButton     = "empty-button"     // a button with only an icon and no text
	FaultNoViewport      = "no-viewport"      // the site's pages have no viewport meta element: not sized for phones
)

// FaultKinds lists every fault kind.
var FaultKinds = []string{
	FaultImgNoAlt, FaultInputNoLabel, FaultLangMissing, FaultEmptyLink, FaultBrokenLink, FaultSlowPage,
	FaultRedirect, FaultBuriedTask, FaultMissingTask, FaultRobotsExclusion, FaultNoStatement, FaultSoft404,
	FaultLowContrast, FaultEmptyButton, FaultNoViewport,
}

// The variants of a site's search (SearchTruth.Variant). Without
// Options.Faults every site's search is good; with them the good sites'
// search is good and each faulty site gets one variant, every variant on
// at least one site once there are six faulty sites.
const (
	// SearchGood: a GET search whose engine puts each task page in the top
	// five for a query naming the task (at rank 1 for its SearchQuery).
	SearchGood = "good"
	// SearchPoor: a GET search whose engine ranks six other pages (news
	// articles and PDFs mentioning the words) above each task page, which
	// comes seventh for its SearchQuery.
	SearchPoor = "poor"
	// SearchMissing: a GET search that does not index the task pages.
	SearchMissing = "missing"
	// SearchPostOnly: the search forms use method="post"; GET /search
	// answers with the form and no results, POST /search with results.
	SearchPostOnly = "post-only"
	// SearchNone: no search form anywhere (no role=search, no
	// type=search, no form whose action or labels say search) and no
	// search page.
	SearchNone = "none"
	// SearchElsewhere: the search forms submit to a search service on
	// another host name served by the same web (SearchTruth.Action names
	// it), whose robots.txt allows /search and whose results link back to
	// the site by absolute URL; it ranks as a good search does. The
	// site's own /search holds the form and no results.
	SearchElsewhere = "elsewhere"
	// SearchDisallowed: a good search that robots.txt disallows (Disallow:
	// /search), so a polite crawler may not use it.
	SearchDisallowed = "disallowed"
)

// SearchVariants lists every search variant.
var SearchVariants = []string{SearchGood, SearchPoor, SearchMissing, SearchPostOnly, SearchNone, SearchElsewhere, SearchDisallowed}

// Manifest is the ground truth of a simulated web: what each site holds and
// which faults were injected where. It is fixed at New and serialises to
// JSON deterministically.
type Manifest struct {
	Seed  int64       `json:"seed"`
	Sites []SiteTruth `json:"sites"` // sorted by Key
}

// SiteTruth is the ground truth of one site.
type SiteTruth struct {
	Key          string   `json:"key"`           // councilbench.SiteKey of StartURL
	Name         string   `json:"name"`          // the name the site gives itself
	StartURL     string   `json:"start_url"`     // the register's URL (the first council's)
	CanonicalURL string   `json:"canonical_url"` // the home page, where StartURL leads
	Councils     []string `json:"councils"`      // council codes, sorted
	// Hosts are every host name serving the site, sorted: the search
	// service's host of an elsewhere search included.
	Hosts []string `json:"hosts"`
	// Redirects is the chain of URLs from StartURL, StartURL included and
	// CanonicalURL excluded; empty when StartURL is the home page.
	Redirects      []string `json:"redirects"`
	Good           bool     `json:"good"`           // no faults, every task online and shallow, statement, HTTPS with HSTS
	SoftNotFound   bool     `json:"soft_not_found"` // unknown URLs answer 200
	HasStatement   bool     `json:"has_statement"`  // an accessibility statement page exists
	LangMissing    bool     `json:"lang_missing"`   // pages have no lang attribute
	Welsh          bool     `json:"welsh"`          // bilingual: Welsh versions of the main pages under /cy/
	HTTPS          bool     `json:"https"`          // the canonical URL is https
	HSTS           bool     `json:"hsts"`           // https responses carry Strict-Transport-Security
	CrawlDelay     int      `json:"crawl_delay"`    // robots.txt Crawl-delay in seconds, 0 when none
	RobotsDisallow []string `json:"robots_disallow"`
	// Sitemaps lists the sitemap URLs: /sitemap.xml first, then the child
	// sitemaps when it is a sitemap index.
	Sitemaps []string     `json:"sitemaps"`
	Search   SearchTruth  `json:"search"`
	Pages    []PageTruth  `json:"pages"`
	Tasks    []TaskTruth  `json:"tasks"` // the tasks of the site's tiers, in TaskIDs order
	Faults   []FaultTruth `json:"faults"`
}

// SearchTruth is how the site's search works. Its forms (in the header of
// every page, on the home page, the search page and the "Page not found"
// page) submit one field, q, to Action with Method.
type SearchTruth struct {
	Variant string `json:"variant"` // one of SearchVariants
	// Action is the absolute URL the search forms submit to: /search on
	// the canonical host, or the search service's on an elsewhere search;
	// empty when there is none.
	Action string `json:"action"`
	Method string `json:"method"` // "get" or "post"; empty when there is none
}

// PageTruth is one URL of a site as its links, redirects and sitemap reach
// it. HTML pages, PDFs, internal redirects and the targets of broken links
// are listed; robots.txt, sitemaps and static assets are not.
type PageTruth struct {
	URL  string `json:"url"`
	Kind string `json:"kind"` // one of the Page constants
	Lang string `json:"lang,omitempty"`
	// Depth is the fewest clicks from the canonical home page over the
	// links of the generated pages (links are followed from 200 HTML pages
	// only; an internal redirect costs no click; robots.txt is ignored), or
	// -1 when the URL is only in the sitemap.
	Depth       int    `json:"depth"`
	SitemapOnly bool   `json:"sitemap_only"`
	InSitemap   bool   `json:"in_sitemap"`
	Slow        bool   `json:"slow"`
	Disallowed  bool   `json:"disallowed,omitempty"` // robots.txt disallows it
	Charset     string `json:"charset,omitempty"`    // set when not utf-8
	RedirectsTo string `json:"redirects_to,omitempty"`
	Status      int    `json:"status"`
	Bytes       int    `json:"bytes,omitempty"` // PDFs only: the body's exact size
}

// TaskTruth is where (and whether) a top task can be done.
type TaskTruth struct {
	ID        string `json:"id"`
	Name      string `json:"name"` // the link text and heading of the task page
	Present   bool   `json:"present"`
	URL       string `json:"url"`
	Depth     int    `json:"depth"` // -1 when not present
	Online    bool   `json:"online"`
	Portal    bool   `json:"portal"`     // the online route is an off-site portal
	OnlineURL string `json:"online_url"` // form action or off-site portal
	PDFOnly   bool   `json:"pdf_only"`
	PDFURL    string `json:"pdf_url,omitempty"`
	Welsh     bool   `json:"welsh"` // a Welsh version exists
	WelshURL  string `json:"welsh_url,omitempty"`
	// SearchQuery is what a resident types into the site search to find
	// the task, e.g. "pay council tax" or "find my councillor"; the same
	// on every site.
	SearchQuery string `json:"search_query"`
	// SearchRank is the 1-based rank of the task's (English) page among
	// the results of a GET of SearchTruth.Action with q=SearchQuery, 20
	// results a page; 0 when the task has no page, the search does not
	// index it, or the site has no GET search (none, post-only). A
	// disallowed search still has its ranks, though a polite crawler
	// may not ask.
	SearchRank int `json:"search_rank"`
}

// FaultTruth is one injected fault. URL is where it shows: the page
// holding the bad image, input, link or text; the URL a broken link leads
// to; the old URL of a redirect; the buried task's page; robots.txt for a
// robots exclusion; the home page for site-wide faults (no-statement,
// soft-404) and for template faults; empty for a missing task.
type FaultTruth struct {
	Kind   string `json:"kind"`
	URL    string `json:"url"`
	Detail string `json:"detail"`
	// Template marks a fault of the site's template (its header,
	// navigation, footer, stylesheet or head: lang-missing, no-viewport,
	// and the template variants of img-no-alt, input-no-label, empty-link,
	// empty-button and low-contrast): it shows on every HTML page the site
	// serves, "Page not found" and search results pages included, not only
	// at URL (the home page).
	Template bool `json:"template,omitempty"`
}

// WriteJSON writes the manifest as indented JSON.
func (m *Manifest) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return fmt.Errorf("simweb: writing manifest: %w", err)
	}
	return nil
}

// Site returns the truth of the site with the key, or nil.
func (m *Manifest) Site(key string) *SiteTruth {
	for i := range m.Sites {
		if m.Sites[i].Key == key {
			return &m.Sites[i]
		}
	}
	return nil
}

// Page returns the truth of the page with the URL, or nil.
func (s *SiteTruth) Page(url string) *PageTruth {
	for i := range s.Pages {
		if s.Pages[i].URL == url {
			return &s.Pages[i]
		}
	}
	return nil
}

// Task returns the truth of the task with the id, or nil when the site's
// councils are not responsible for it.
func (s *SiteTruth) Task(id string) *TaskTruth {
	for i := range s.Tasks {
		if s.Tasks[i].ID == id {
			return &s.Tasks[i]
		}
	}
	return nil
}

// HasFault reports whether the site has a fault of the kind.
func (s *SiteTruth) HasFault(kind string) bool {
	for _, f := range s.Faults {
		if f.Kind == kind {
			return true
		}
	}
	return false
}
