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
)

// FaultKinds lists every fault kind.
var FaultKinds = []string{
	FaultImgNoAlt, FaultInputNoLabel, FaultLangMissing, FaultEmptyLink, FaultBrokenLink, FaultSlowPage,
	FaultRedirect, FaultBuriedTask, FaultMissingTask, FaultRobotsExclusion, FaultNoStatement, FaultSoft404,
}

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
	Hosts        []string `json:"hosts"`         // every host name serving the site, sorted
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
	Pages    []PageTruth  `json:"pages"`
	Tasks    []TaskTruth  `json:"tasks"` // the tasks of the site's tiers, in TaskIDs order
	Faults   []FaultTruth `json:"faults"`
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
	// the results of a GET of the site's /search with q=SearchQuery, 20
	// results a page; 0 when the task has no page.
	SearchRank int `json:"search_rank"`
}

// FaultTruth is one injected fault. URL is where it shows: the page
// holding the bad image, input or link; the URL a broken link leads to; the
// old URL of a redirect; the buried task's page; robots.txt for a robots
// exclusion; the home page for site-wide faults (lang-missing,
// no-statement, soft-404); empty for a missing task.
type FaultTruth struct {
	Kind   string `json:"kind"`
	URL    string `json:"url"`
	Detail string `json:"detail"`
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
