// Package councilbench holds the domain types shared by every part of the
// survey: councils and their tiers, the websites they run, and the pages and
// links the crawler stores. The packages that do the work are named after
// what they wrap: register (the council list), crawler (colly), store
// (SQLite) and simweb (the simulated web used by the demo and the tests).
package councilbench

import (
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Version is the tool's version. It is stored with every survey and sent in
// the User-Agent header.
const Version = "0.1.0"

// ContactURL is where a council's web team can find out who is crawling them.
const ContactURL = "https://github.com/councilbench/councilbench"

// DefaultUserAgent names the tool, its version and a contact URL, as polite
// crawlers do.
var DefaultUserAgent = fmt.Sprintf("councilbench/%s (+%s)", Version, ContactURL)

// Tier is the kind of principal council.
type Tier string

// The tiers of UK principal councils.
const (
	TierShireDistrict Tier = "shire-district" // lower tier in England's two-tier areas
	TierCounty        Tier = "county"         // upper tier in England's two-tier areas
	TierUnitary       Tier = "unitary"        // England, Scotland and Wales
	TierMetropolitan  Tier = "metropolitan"   // metropolitan boroughs
	TierLondonBorough Tier = "london-borough" // including the City of London
	TierDistrict      Tier = "district"       // Northern Ireland's councils
)

// Tiers lists every tier, in the order reports show them.
var Tiers = []Tier{TierShireDistrict, TierCounty, TierUnitary, TierMetropolitan, TierLondonBorough, TierDistrict}

// ParseTier returns the tier named s, or an error listing the valid names.
func ParseTier(s string) (Tier, error) {
	for _, t := range Tiers {
		if string(t) == s {
			return t, nil
		}
	}
	names := make([]string, len(Tiers))
	for i, t := range Tiers {
		names[i] = string(t)
	}
	return "", fmt.Errorf("unknown tier %q (want one of %s)", s, strings.Join(names, ", "))
}

// Group is a comparison group of the digital-divide analysis.
type Group string

// The comparison groups: shire districts against the larger councils.
const (
	GroupShireDistrict Group = "shire-district"
	GroupLarger        Group = "larger"
	GroupOther         Group = "other" // Northern Ireland's districts belong to neither
)

// Group returns the comparison group of the tier: shire districts against
// larger councils (counties, unitaries, metropolitan and London boroughs).
func (t Tier) Group() Group {
	switch t {
	case TierShireDistrict:
		return GroupShireDistrict
	case TierCounty, TierUnitary, TierMetropolitan, TierLondonBorough:
		return GroupLarger
	}
	return GroupOther
}

// Council is one principal council, as listed in the register.
type Council struct {
	Code         string // three-letter register code, e.g. ADU
	GSS          string // ONS nine-character code
	Name         string
	Tier         Tier
	Nation       string // England, Scotland, Wales, Northern Ireland
	Region       string
	Website      string // home page URL
	ParentCounty string // shire districts only
}

// SiteKey returns the key that identifies the website at rawURL: its host,
// lower-cased, without a leading "www." and without a port. Councils whose
// websites share a key share one crawl.
func SiteKey(rawURL string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("scheme %q is not http or https", u.Scheme)
	}
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return "", fmt.Errorf("no host in %q", rawURL)
	}
	return strings.TrimPrefix(host, "www."), nil
}

// SiteStatus is where a site's crawl is.
type SiteStatus string

// The states of a site's crawl.
const (
	SitePending  SiteStatus = "pending"
	SiteCrawling SiteStatus = "crawling"
	SiteDone     SiteStatus = "done"   // crawled; its pages may still include errors
	SiteFailed   SiteStatus = "failed" // could not be assessed; Reason says why
)

// Reason is a short, stable code for why a fetch or a site failed, so that
// researchers can group failures without parsing messages.
type Reason string

// The failure reasons recorded for sites and pages.
const (
	ReasonDNS            Reason = "dns"
	ReasonTLS            Reason = "tls"
	ReasonTimeout        Reason = "timeout"
	ReasonConnection     Reason = "connection" // refused, reset, closed early
	ReasonHTTP4xx        Reason = "http-4xx"
	ReasonHTTP5xx        Reason = "http-5xx"
	ReasonRateLimited    Reason = "rate-limited" // 429 after retries
	ReasonRobots         Reason = "robots-disallow"
	ReasonBotProtection  Reason = "bot-protection"
	ReasonPrivateAddress Reason = "private-address"
	ReasonRedirectLoop   Reason = "redirect-loop"
	ReasonTooManyHops    Reason = "too-many-redirects"
	ReasonBadRedirect    Reason = "bad-redirect" // to a scheme other than http(s)
	ReasonSiteTime       Reason = "site-time"    // the per-site time budget ran out
	ReasonCanceled       Reason = "canceled"
	ReasonOther          Reason = "other"
	// ReasonNotCSS is a stylesheet that answered 2xx with a Content-Type
	// other than text/css: browsers in standards mode refuse it, and so
	// does the cascade (it is dropped, see Stylesheet.Usable).
	ReasonNotCSS Reason = "not-css"
)

// Site is one website, crawled once for every council that uses it.
type Site struct {
	ID         int64
	SurveyID   int64
	Key        string   // see SiteKey
	StartURL   string   // the register's website URL
	Councils   []string // codes of the councils that use this site
	FinalURL   string   // where StartURL led after redirects
	Redirects  []string // every URL requested before FinalURL, starting with StartURL; empty without redirects
	Status     SiteStatus
	Reason     Reason
	Error      string
	Robots     string // robots.txt as fetched (capped), empty when there was none
	CrawlDelay time.Duration
	// Searches are the queries put to the site's own search, one per task
	// its councils provide, when the survey asked them.
	Searches   []SiteSearch
	StartedAt  time.Time
	FinishedAt time.Time
}

// PageKind says what a stored response is.
type PageKind string

// The kinds of stored responses.
const (
	KindHTML     PageKind = "html"     // an HTML page: body stored
	KindDocument PageKind = "document" // PDF, Word, spreadsheet...: size only, no body
	KindOther    PageKind = "other"    // images, feeds, anything else: no body
	KindRobots   PageKind = "robots"   // /robots.txt: body stored
	KindSitemap  PageKind = "sitemap"  // a sitemap or sitemap index: body stored
	KindProbe    PageKind = "probe"    // the URL that cannot exist, for soft-404 detection
	KindHTTP     PageKind = "http"     // the http:// variant of an https site, to see that it redirects to https
	// KindSearch is a results page of the site's own search, as the survey
	// asked it for a task's query: body stored.
	KindSearch PageKind = "search"
	// KindSearchResult is a page listed in a site search's results that
	// the crawl had not stored, fetched to judge it: body stored, read for
	// its facts alone.
	KindSearchResult PageKind = "search-result"
)

// SurveyRequest reports whether the response answers one of the survey's
// own requests (robots.txt, a sitemap, the probe, the http variant, a site
// search and its results) rather than a link or a sitemap entry: such
// responses are not pages of the site's link graph.
func (p *Page) SurveyRequest() bool {
	switch p.Kind {
	case KindRobots, KindSitemap, KindProbe, KindHTTP, KindSearch, KindSearchResult:
		return true
	}
	return false
}

// PageError reports whether a page of the site failed: no response, or an
// error status (4xx, 5xx). The survey's own requests are not the site's
// pages (a missing robots.txt is no error of the site). It is what the
// progress display and the log count as page errors.
func (p *Page) PageError() bool {
	return !p.SurveyRequest() && (p.Reason != "" || p.Status >= 400)
}

// FactsOnly reports whether the page step reads a page for its facts alone,
// judging no rule: the not-found probe (the site step reads what it says)
// and a site search's result page (the site step judges whether it is a
// task's page). Such pages never count in the accessibility rates.
func (p *Page) FactsOnly() bool { return p.Kind == KindProbe || p.Kind == KindSearchResult }

// Page is one fetched URL of a site, with what the crawler learned from it.
// Each URL is stored at most once per survey.
type Page struct {
	ID          int64
	SiteID      int64
	URL         string   // as requested
	FinalURL    string   // after redirects
	Redirects   []string // every URL requested before FinalURL, starting with URL; empty without redirects
	Kind        PageKind
	Status      int // HTTP status; 0 when no response arrived
	ContentType string
	Header      http.Header // response headers as received
	Bytes       int64       // body bytes as transferred (before decompression)
	Size        int64       // body bytes after decompression, or Content-Length when not downloaded
	Truncated   bool        // the body hit the size cap
	FetchMS     int64       // whole fetch, redirects included
	TTFBMS      int64       // time to first byte of the final response (indicative)
	Depth       int         // fewest clicks from the home page; -1 when reached only another way
	SitemapOnly bool        // reached only through the sitemap
	FetchedAt   time.Time
	Reason      Reason // empty when the fetch succeeded (whatever its status)
	Error       string
	Bot         bool   // a bot-protection challenge, not the council's content
	Body        []byte // raw bytes as received (decompressed), for html, robots and sitemap kinds
	Links       []Link
	// Score is the page's accessibility outcome and Facts what the site
	// assessment reads of it, both from the scorer's one walk; nil when
	// the page was not judged (see Judgeable) or not scored yet. A probe
	// gets Facts only: the assessment reads its "not found" wording.
	Score *PageScore
	Facts *PageFacts
}

// Judgeable reports whether a stored response is an HTML page that can be
// judged: an HTML response with a 2xx status, fetched without error, and
// not a bot-protection challenge. This one predicate decides which pages
// the crawler follows links from and computes depths over, which pages the
// scorer scores, and which the site assessment judges.
func (p *Page) Judgeable() bool {
	return p.Kind == KindHTML && p.Status >= 200 && p.Status < 300 && p.Reason == "" && !p.Bot
}

// documentExts are the extensions of documents: what councils publish as
// files rather than pages (PDF, Word, spreadsheets, presentations, ODF,
// RTF, CSV).
var documentExts = []string{".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".odp", ".rtf", ".csv"}

// IsDocumentType reports whether a Content-Type names a document, and
// whether that document is a PDF.
func IsDocumentType(contentType string) (doc, pdf bool) {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch {
	case mt == "application/pdf":
		return true, true
	case strings.Contains(mt, "msword"), strings.Contains(mt, "officedocument"), strings.Contains(mt, "opendocument"),
		strings.Contains(mt, "ms-excel"), strings.Contains(mt, "ms-powerpoint"), mt == "application/rtf", mt == "text/csv":
		return true, false
	}
	return false, false
}

// IsDocumentPath reports whether a URL path names a document by its
// extension, and whether that document is a PDF. Where a fetched response
// is stored, its Kind (from the Content-Type) says more than the path.
func IsDocumentPath(path string) (doc, pdf bool) {
	lp := strings.ToLower(path)
	for _, ext := range documentExts {
		if strings.HasSuffix(lp, ext) {
			return true, ext == ".pdf"
		}
	}
	return false, false
}

// Link is one link found on a page.
type Link struct {
	URL      string // absolute, without fragment
	Text     string // the link's text, whitespace collapsed, truncated
	External bool   // outside the site's scope
}

// Survey is one run of the survey, named (by default) after its year.
type Survey struct {
	ID          int64
	Name        string
	StartedAt   time.Time
	FinishedAt  time.Time // zero while unfinished
	ToolVersion string
	Settings    string // the crawl settings as JSON, for reproducibility
	// Stylesheets says whether the survey's crawl fetched the stylesheets
	// of its pages. A survey made before they were stored has none: its
	// pages are judged without them, and the rules that need the cascade
	// (contrast) are not assessed, never failed or passed.
	Stylesheets bool
	// Simulated says the survey crawled a simulated web (the demo's
	// fictional councils), not real council websites: everything it
	// shows says so (SimulatedNote).
	Simulated bool
}

// SimulatedNote is what every output of a simulated survey says: its
// report's pages, its downloads and the terminal.
const SimulatedNote = "Simulated data: a survey of councilbench's simulated web, not of real council websites; no score, star or finding here describes a real council."

// Stylesheet is one stylesheet a survey fetched for its pages: a
// <link rel=stylesheet> or an @import, on whatever host the page named it.
// Each URL is fetched and stored at most once per survey, however many
// pages and sites use it; its body is stored once by its SHA-256
// (content-addressed), so the same bytes at many URLs cost one copy.
type Stylesheet struct {
	ID          int64
	SiteID      int64  // the site whose page first asked for it
	URL         string // absolute, as requested
	FinalURL    string // after redirects: what its @imports resolve against
	Status      int    // HTTP status; 0 when no response arrived
	ContentType string
	Header      http.Header
	Bytes       int64 // body bytes as transferred
	Truncated   bool  // the body hit the stylesheet size cap
	FetchMS     int64
	FetchedAt   time.Time
	// Depth is 0 for a sheet a page links to, 1 for one it @imports, and
	// so on up to css.MaxImportDepth.
	Depth  int
	Reason Reason // empty when the fetch succeeded (whatever its status)
	Error  string
	SHA256 string // hex, of Body; empty without a body
	Body   []byte // decompressed, as received; nil when none was stored
}

// Usable reports whether a browser would apply the stylesheet: a 2xx
// response fetched without error. A browser drops a stylesheet that
// answered 404 (or failed) and renders without it; so does the cascade.
func (s *Stylesheet) Usable() bool {
	return s.Reason == "" && s.Status >= 200 && s.Status < 300
}

// Unfetched reports whether the survey recorded the stylesheet without
// asking its server for it: robots.txt of its host disallowed it, or the
// address guard refused its address. A browser would have fetched it, so
// what it would set is unknown: the page step treats it as missing, not as
// dropped, though it is not Usable either.
func (s *Stylesheet) Unfetched() bool {
	return s.Reason == ReasonRobots || s.Reason == ReasonPrivateAddress
}
