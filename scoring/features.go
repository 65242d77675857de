package scoring

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/councilbench/councilbench"
)

// FeatureDef declares one site feature: what it measures, how it is
// judged, and whether, where and how the model scores it. Adding a feature
// means adding its declaration here (and, when a component scores it, its
// weight in Items, whose weights add up to 1 in each component).
type FeatureDef struct {
	ID          string
	Version     int // bumped whenever its logic changes
	Name        string
	Component   string // the model component that scores it; "" when it is recorded only
	Description string // how it is measured
	// Judge measures the feature on a site's stored pages. It gets the
	// finding with its id and version, known, unit "bool", and sets
	// Known, Pass, Value, Unit, URL and Evidence (the value of a "bool"
	// feature that passes is then set to 1).
	Judge func(x *siteIndex, f *councilbench.Feature)
	// Points scores a known finding as an item of its component, from 0
	// to 1, with the item's evidence; nil means 1 when it passes, else 0,
	// with the finding's first evidence. It is part of the model: a
	// change bumps ModelVersion, not the feature's Version.
	Points func(f *councilbench.Feature) (score float64, evidence string)
}

// The ids of the site features.
const (
	FeatureStatement    = "accessibility-statement"
	FeatureHTTPS        = "https"
	FeatureHTTPRedirect = "http-redirect"
	FeatureHSTS         = "hsts"
	FeatureViewport     = "mobile-viewport"
	FeatureSearch       = "site-search"
	FeatureSearchFinds  = "search-finds-tasks"
	FeatureAZ           = "a-to-z"
	FeatureContact      = "contact-page"
	FeatureReal404      = "real-404"
	FeatureBrokenLinks  = "broken-links"
	FeaturePDFShare     = "pdf-documents"
	FeaturePageWeight   = "page-weight"
	FeatureResponseTime = "response-time"
)

// Features is the table of site features, in the order reports list them.
// Each is one declaration with its judge (a method of the site index, in
// features_judge.go) and, when scored, its points.
var Features = []FeatureDef{
	{ID: FeatureStatement, Version: 1, Name: "Accessibility statement", Component: ComponentAccessibility, Judge: (*siteIndex).statement, Points: statementPoints,
		Description: "A page reached by a link whose text is \"accessibility statement\" or \"accessibility\" (Welsh \"datganiad hygyrchedd\"), or whose URL says so, fetched without error. Value: the share of HTML pages that link to it. Passes when the page was found and the home page links to it."},
	{ID: FeatureHTTPS, Version: 1, Name: "HTTPS", Component: ComponentTechnical, Judge: (*siteIndex).https,
		Description: "The home page, after redirects, is served over https."},
	{ID: FeatureHTTPRedirect, Version: 1, Name: "http redirects to https", Component: ComponentTechnical, Judge: (*siteIndex).httpRedirect,
		Description: "The site's http URL (the register's, or for an https register URL the http variant of the home page, which the survey requests once) redirected to an https URL. Unknown (and left out of the score) when the http variant was not requested."},
	{ID: FeatureHSTS, Version: 1, Name: "HSTS", Component: ComponentTechnical, Judge: (*siteIndex).hsts,
		Description: "The home page's https response carries a Strict-Transport-Security header with a max-age above zero (from the stored headers)."},
	{ID: FeatureViewport, Version: 1, Name: "Mobile viewport that allows zoom", Component: ComponentMobile, Judge: (*siteIndex).viewport, Points: valuePoints,
		Description: "HTML pages declare <meta name=viewport> with width=device-width, and none blocks zooming (user-scalable=no or 0, or a maximum-scale below 2). Value: the share of HTML pages with a device-width viewport that allows zoom. Passes when the home page has one and no page blocks zoom."},
	{ID: FeatureSearch, Version: 1, Name: "Site search", Component: ComponentNavigation, Judge: (*siteIndex).search,
		Description: "The home page holds a search form: a <form> with role=search or inside <search>, or with an <input type=search>, or whose only field is named q, query, search, keywords or the like."},
	{ID: FeatureSearchFinds, Version: 1, Name: "Site search finds the tasks", Component: ComponentNavigation, Judge: (*siteIndex).searchFinds, Points: valuePoints,
		Description: "Better Connected's test: for each task the site's councils provide, the survey types the task's query (\"missed bin\", \"pay council tax\"; in Welsh on a Welsh-language home page) into the home page's search form (a GET form: role=search, type=search, or an action that says search), reads the first 5 result links of the results' main content (<main> or role=main, else the page less header, navigation, footer and asides), and fetches those the crawl did not store. A task is found when one of them is a page the task finder accepts for it. Value: the share of the tasks searched that were found. A search that cannot be used (no form, POST only, a CAPTCHA or login, robots.txt, an error) leaves the task not assessed; with none assessed the feature is unknown and left out of the score."},
	{ID: FeatureAZ, Version: 1, Name: "A to Z or service index", Component: ComponentNavigation, Judge: judgePage(azPatterns),
		Description: "A page reached by a link whose text is \"A to Z\", \"A-Z\" or \"A–Z\" (Welsh \"A i Z\"), \"all services\" or \"services A to Z\", or whose URL says so, fetched without error."},
	{ID: FeatureContact, Version: 1, Name: "Contact page", Component: ComponentNavigation, Judge: judgePage(contactPatterns),
		Description: "A page reached by a link whose text is \"contact us\" or \"contact the council\" (Welsh \"cysylltu â ni\"), or whose URL segment is contact or contact-us, fetched without error."},
	{ID: FeatureReal404, Version: 1, Name: "Real 404 for a missing page", Component: ComponentTechnical, Judge: (*siteIndex).real404,
		Description: "The survey's probe of a URL that cannot exist answered 404 or 410. A 200 answer is a soft 404 (noted when the page says \"not found\"), as is a redirect to the home page; other statuses fail too. Unknown when no probe was stored."},
	{ID: FeatureBrokenLinks, Version: 1, Name: "Broken internal links", Component: ComponentTechnical, Judge: (*siteIndex).brokenLinks, Points: brokenLinksPoints,
		Description: "The share of the distinct internal link targets of the HTML pages that were fetched and failed: a 4xx or 5xx status (429 aside), no response, or a 200 page whose title or heading says \"page not found\". Targets never fetched (budget, robots.txt) are left out."},
	{ID: FeaturePDFShare, Version: 1, Name: "Documents published as PDF", Component: "", Judge: (*siteIndex).pdfShare,
		Description: "The share of the distinct document links (PDF, Word, spreadsheets, presentations, ODF, RTF, CSV: by stored Content-Type, else by extension) that are PDFs. Recorded, not scored."},
	{ID: FeaturePageWeight, Version: 1, Name: "Page weight", Component: ComponentMobile, Judge: (*siteIndex).pageWeight, Points: pageWeightPoints,
		Description: "The median size of the HTML pages' bodies as transferred (before decompression), in bytes."},
	{ID: FeatureResponseTime, Version: 1, Name: "Response time (indicative)", Component: "", Judge: (*siteIndex).responseTime,
		Description: "The median time to first byte of the HTML pages, in milliseconds. Indicative only and not scored: it measures the surveyor's network as much as the council's."},
}

// FeatureByID returns the feature's declaration, or nil.
func FeatureByID(id string) *FeatureDef {
	for i := range Features {
		if Features[i].ID == id {
			return &Features[i]
		}
	}
	return nil
}

// featurePatterns identify a feature page by link text or URL.
type featurePatterns struct {
	text, url patterns
}

var (
	statementPatterns = &featurePatterns{
		text: compilePatterns([]string{"accessibility statement", "=accessibility", "website accessibility", "accessibility + website",
			"datganiad hygyrchedd", "=hygyrchedd"}),
		url: compilePatterns([]string{"accessibility statement", "=accessibility", "accessibility + website", "datganiad hygyrchedd", "=hygyrchedd"}),
	}
	azPatterns = &featurePatterns{
		text: compilePatterns([]string{"=a to z", "=a z", "a to z of services", "services a to z", "a z of services", "services a z",
			"=all services", "=a i z", "a i z o wasanaethau"}),
		url: compilePatterns([]string{"=a to z", "=a z", "=az", "=atoz", "=a to z of services", "=services a z", "=a z of services", "=all services", "=a i z"}),
	}
	contactPatterns = &featurePatterns{
		text: compilePatterns([]string{"=contact us", "=contact", "=contact the council", "=contacting the council", "=get in touch",
			"=cysylltu a ni", "=cysylltwch a ni", "=cysylltu"}),
		url: compilePatterns([]string{"=contact", "=contact us", "=contact the council", "=contacting the council", "=cysylltu a ni", "=cysylltu"}),
	}
)

// Viewport is what a <meta name=viewport> says about mobile display.
type Viewport struct {
	Present     bool   `json:"present"`
	Content     string `json:"content,omitempty"`
	DeviceWidth bool   `json:"device_width"` // width=device-width
	Zoom        bool   `json:"zoom"`         // users may zoom: no user-scalable=no, maximum-scale 2 or more
}

// Mobile reports whether the viewport is a mobile viewport that allows
// zoom.
func (v Viewport) Mobile() bool { return v.Present && v.DeviceWidth && v.Zoom }

// ParseViewport reads the content of a <meta name=viewport>, as browsers
// do: comma- or semicolon-separated key=value pairs, keys case-insensitive,
// numbers read up to the first non-numeric character. Zoom is blocked by
// user-scalable=no (or a number below 1) and by a maximum-scale below 2, as
// the meta-viewport rule judges (WCAG 1.4.4).
func ParseViewport(content string) Viewport {
	v := Viewport{Present: true, Content: content, Zoom: true}
	if len(content) > 4096 {
		content = content[:4096]
	}
	for _, part := range strings.FieldsFunc(content, func(r rune) bool { return r == ',' || r == ';' }) {
		k, val, _ := strings.Cut(part, "=")
		k, val = strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(val)
		switch k {
		case "width":
			v.DeviceWidth = strings.EqualFold(val, "device-width")
		case "user-scalable":
			f, _ := viewportValue(val)
			if strings.EqualFold(val, "yes") || strings.EqualFold(val, "device-width") || strings.EqualFold(val, "device-height") {
				f = 1
			}
			if f > -1 && f < 1 {
				v.Zoom = false
			}
		case "maximum-scale":
			if f, _ := viewportValue(val); f >= 0 && f < 2 {
				v.Zoom = false
			}
		}
	}
	return v
}

// HSTSMaxAge returns the max-age of a Strict-Transport-Security header
// value, and whether it has a valid one.
func HSTSMaxAge(v string) (int64, bool) {
	for _, d := range strings.Split(v, ";") {
		k, val, ok := strings.Cut(strings.TrimSpace(d), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "max-age") {
			continue
		}
		n, err := strconv.ParseInt(strings.Trim(strings.TrimSpace(val), `"`), 10, 64)
		if err != nil || n < 0 {
			return 0, false
		}
		return n, true
	}
	return 0, false
}

// Probe outcomes, from ClassifyProbe.
const (
	ProbeReal        = "404"           // 404 or 410: a real not-found
	ProbeSoft        = "soft-404"      // 200 for a page that cannot exist
	ProbeSoftText    = "soft-404-text" // 200 with a "not found" page
	ProbeSoftHome    = "soft-404-home" // redirected to the home page
	ProbeOther       = "other"         // another status (403, 5xx...)
	ProbeNoResponse  = "no-response"   // the probe got no response
	ProbeNotRecorded = ""              // no probe stored
)

// ClassifyProbe judges the survey's nonexistent-URL probe: status is the
// final status, finalURL where its redirects led, notFoundText whether
// the page's title or heading says "not found", and home the home page's
// URL. Following the US GSA Site Scanning engine, a 200 answer for a URL
// that cannot exist is a soft 404, and so is a redirect to the home page.
func ClassifyProbe(status int, finalURL string, notFoundText bool, home string) string {
	switch {
	case status == 404 || status == 410:
		return ProbeReal
	case status == 0:
		return ProbeNoResponse
	case status >= 200 && status < 300:
		if home != "" && finalURL != "" && sameURL(finalURL, home) {
			return ProbeSoftHome
		}
		if notFoundText {
			return ProbeSoftText
		}
		return ProbeSoft
	}
	return ProbeOther
}

// sameURL compares two URLs ignoring a trailing slash and the case of the
// scheme and host.
func sameURL(a, b string) bool {
	norm := func(s string) string {
		s = strings.TrimSuffix(s, "/")
		if i := strings.Index(s, "://"); i >= 0 {
			j := strings.IndexByte(s[i+3:], '/')
			if j < 0 {
				return strings.ToLower(s)
			}
			return strings.ToLower(s[:i+3+j]) + s[i+3+j:]
		}
		return s
	}
	return norm(a) == norm(b)
}

// notFoundPhrases are what "page not found" pages say in their title or
// main heading.
var notFoundPhrases = patterns(compilePatterns([]string{"page not found", "not found", "page cannot be found", "page could not be found",
	"page can t be found", "page doesn t exist", "page does not exist", "404", "heb ddod o hyd", "dudalen heb ei chanfod"}))

// headerValue returns the first value of a header, case-insensitively.
func headerValue(h http.Header, name string) string {
	if h == nil {
		return ""
	}
	if v := h.Get(name); v != "" {
		return v
	}
	for k, vs := range h {
		if strings.EqualFold(k, name) && len(vs) > 0 {
			return vs[0]
		}
	}
	return ""
}
