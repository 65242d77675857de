package crawler

import (
	"time"

	"github.com/temoto/robotstxt"
)

// Bounds on robots.txt, after the large search engines: read at most
// 500 KiB, and wait at most 10 seconds between requests whatever it asks.
const (
	maxRobotsBytes = 500 << 10
	maxCrawlDelay  = 10 * time.Second
)

// robots is a site's robots.txt as the crawler obeys it.
type robots struct {
	group      *robotstxt.Group // nil means allow everything
	disallowed bool             // everything is disallowed (a 5xx, as RFC 9309 says)
	crawlDelay time.Duration
	sitemaps   []string
}

// parseRobots interprets a robots.txt response. RFC 9309: a 4xx means no
// rules; a 5xx or no answer at all means disallow everything, for now.
func parseRobots(status int, body []byte, agent string) *robots {
	switch {
	case status == 0 || status >= 500:
		return &robots{disallowed: true}
	case status >= 400 || status < 200 || status >= 300:
		return &robots{}
	}
	if len(body) > maxRobotsBytes {
		body = body[:maxRobotsBytes]
	}
	data, err := robotstxt.FromStatusAndBytes(status, body)
	if err != nil || data == nil {
		// Unparseable rules are no rules, as the RFC asks parsers to be lenient.
		return &robots{}
	}
	r := &robots{group: data.FindGroup(agent), sitemaps: data.Sitemaps}
	if r.group != nil {
		r.crawlDelay = r.group.CrawlDelay
		if r.crawlDelay < 0 || r.crawlDelay > maxCrawlDelay {
			// A negative value is a huge one that overflowed in parsing.
			r.crawlDelay = maxCrawlDelay
		}
	}
	return r
}

// allowed reports whether path (with its query) may be fetched.
func (r *robots) allowed(path string) bool {
	if r == nil {
		return true
	}
	if r.disallowed {
		return false
	}
	if r.group == nil {
		return true
	}
	return r.group.Test(path)
}
