package crawler

import (
	"crypto/x509"
	"errors"
	"net"
	"strings"
	"sync/atomic"
	"time"

	"github.com/councilbench/councilbench"
)

// Config holds the crawl's settings. The zero value is not useful: start
// from DefaultConfig.
type Config struct {
	UserAgent string
	MaxPages  int           // page budget per site, home page included
	MaxDepth  int           // links are followed to at most this many clicks from the home page
	PerHost   int           // requests in flight per site (1 when robots.txt sets a Crawl-delay)
	Delay     time.Duration // least time between the starts of two requests to one site
	Timeout   time.Duration // per request, redirects and body included
	SiteTime  time.Duration // per site, all requests included
	MaxBody   int64         // decoded body cap; a longer body is stored truncated

	Retries       int           // extra attempts after a timeout, 429 or 5xx
	RetryBackoff  time.Duration // first pause before a retry; doubles each time
	MaxRetryAfter time.Duration // cap on a server's Retry-After

	IgnoreRobots bool
	Resolve      map[string]string // host → addr:port; trusted, like curl's --resolve
	AllowPrivate bool              // allow every private address
	RootCAs      *x509.CertPool    // nil for the system's roots

	// Priority ranks an internal link (absolute URL and link text); links
	// ranked higher are fetched first, whatever their depth. nil ranks all
	// links equally, which gives a plain breadth-first crawl.
	Priority func(url, text string) int

	// PlanSearch plans the queries put to the site's own search after its
	// crawl; nil asks none. SearchBudget bounds the requests they make.
	PlanSearch   SearchPlanner
	SearchBudget int

	// MaxStylesheets and MaxStylesheetBytes bound the stylesheets fetched
	// for one site's pages (linked and @imported, on any host), apart from
	// the page budget: a sheet beyond them is not fetched, and the site's
	// row says how many were left out. A sheet another site already
	// fetched costs nothing. MaxStylesheets 0 fetches none.
	MaxStylesheets     int
	MaxStylesheetBytes int64
	// SaveStylesheet stores one stylesheet fetched (or refused: robots.txt,
	// the address guard, a failed fetch); the crawler calls it once per URL
	// per Crawler, from several goroutines, before the pages that link to
	// it are saved. nil stores none.
	SaveStylesheet func(*councilbench.Stylesheet) error

	// Activity, when not nil, hears what each site's crawl is doing (see
	// Activity) whenever that changes: its start, a Crawl-delay obeyed, a
	// request ended, a retry waited for, a phase begun, its end. It is
	// called from the site's goroutines, one call at a time per site but
	// sites at once, and must return quickly.
	Activity func(Activity)

	// WaveSize is how many URLs are chosen from the frontier at a time. The
	// choices depend on it, not on PerHost or timing, so runs with the same
	// WaveSize make the same choices.
	WaveSize int
}

// DefaultConfig returns the survey's defaults.
func DefaultConfig() Config {
	return Config{
		UserAgent:     councilbench.DefaultUserAgent,
		MaxPages:      200,
		MaxDepth:      5,
		PerHost:       2,
		Timeout:       20 * time.Second,
		SiteTime:      30 * time.Minute,
		MaxBody:       5 << 20,
		Retries:       2,
		RetryBackoff:  2 * time.Second,
		MaxRetryAfter: 60 * time.Second,
		WaveSize:      8,
		SearchBudget:  DefaultSearchBudget,

		MaxStylesheets:     DefaultMaxStylesheets,
		MaxStylesheetBytes: DefaultMaxStylesheetBytes,
	}
}

// The stylesheet budget of a site, by default: enough for the sheets of
// every council site we have seen (most use fewer than 10), small enough
// that a site generating a sheet per page cannot make the survey fetch
// hundreds.
const (
	DefaultMaxStylesheets     = 40
	DefaultMaxStylesheetBytes = 8 << 20
)

// Crawler crawls sites. It is safe for concurrent use: crawl many sites at
// once by calling Crawl from many goroutines. The sites crawled by one
// Crawler share its stylesheets (each URL is fetched once) and its limits
// on hosts outside their own (one request in flight to a CDN, however many
// sites use it).
type Crawler struct {
	cfg     Config
	guard   *guard
	fetches atomic.Int64 // HTTP fetches made, replayed pages aside (the resume test counts them)
	sheets  *sheetCache  // the stylesheets known to the survey
	hosts   hostGates    // hosts outside the sites, shared by all of them
}

// New returns a crawler whose dialer refuses private addresses unless
// resolved or allowed.
func New(cfg Config) (*Crawler, error) {
	if cfg.MaxPages < 1 || cfg.PerHost < 1 || cfg.Timeout <= 0 || cfg.MaxBody < 1 || cfg.WaveSize < 1 {
		return nil, errors.New("crawler: MaxPages, PerHost, Timeout, MaxBody and WaveSize must be positive")
	}
	if cfg.MaxStylesheets < 0 || cfg.MaxStylesheetBytes < 0 {
		return nil, errors.New("crawler: MaxStylesheets and MaxStylesheetBytes must not be negative")
	}
	resolve := make(map[string]string, len(cfg.Resolve))
	for h, a := range cfg.Resolve {
		resolve[strings.ToLower(h)] = a
	}
	dialer := &net.Dialer{Timeout: cfg.Timeout, KeepAlive: 30 * time.Second}
	g := &guard{
		dial:         dialer.DialContext,
		resolver:     net.DefaultResolver,
		resolve:      resolve,
		allowPrivate: cfg.AllowPrivate,
	}
	return &Crawler{cfg: cfg, guard: g, sheets: newSheetCache()}, nil
}
