package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/councilbench/councilbench"
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

func (s *siteCrawl) fetchRobots(ctx context.Context, origin *url.URL) (*robots, *councilbench.Page, error) {
	ru := url.URL{Scheme: origin.Scheme, Host: origin.Host, Path: "/robots.txt"}
	p, err := s.get(ctx, ru.String(), councilbench.KindRobots, true, -1)
	if err != nil {
		return nil, nil, err
	}
	s.fetched[p.URL] = slim(p)
	return robotsOf(p, s.c.cfg.UserAgent), p, nil
}

// robotsOf interprets a robots.txt response, whether it answered or not.
func robotsOf(p *councilbench.Page, agent string) *robots {
	status := p.Status
	switch {
	case p.Reason != "" && unavailable(p.Reason):
		status = http.StatusNotFound
	case p.Reason != "":
		status = 0
	}
	return parseRobots(status, p.Body, agent)
}

// unavailable reports whether a robots.txt fetch that failed with reason
// makes robots.txt "unavailable" in RFC 9309's sense (section 2.3.1.3, like
// a 4xx: no rules) rather than "unreachable" (2.3.1.4, like a 5xx:
// disallow everything): a redirect the crawler will not follow says nothing
// about the server's health.
func unavailable(reason councilbench.Reason) bool {
	switch reason {
	case councilbench.ReasonRedirectLoop, councilbench.ReasonTooManyHops, councilbench.ReasonBadRedirect, councilbench.ReasonPrivateAddress:
		return true
	}
	return false
}

// obey adopts a robots.txt: its rules, and its Crawl-delay, which also
// means one request at a time.
func (s *siteCrawl) obey(rb *robots) {
	s.robots = rb
	if rb.crawlDelay > 0 {
		s.perHost = 1
		s.delay = max(s.c.cfg.Delay, rb.crawlDelay)
		s.site.CrawlDelay = rb.crawlDelay
		s.track.update(func(a *Activity) { a.CrawlDelay = rb.crawlDelay })
		s.next = time.Now().Add(s.delay) // robots.txt itself was a request
	}
}

func (s *siteCrawl) allowed(u *url.URL) bool {
	return s.robots.allowed(pathOf(u))
}

func pathOf(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p
}

func robotsWhy(p *councilbench.Page, u *url.URL) string {
	if p.Status >= 500 {
		return fmt.Sprintf("robots.txt answered %d, which RFC 9309 treats as disallow-all: the site was not crawled", p.Status)
	}
	return fmt.Sprintf("robots.txt disallows %s", u.String())
}
