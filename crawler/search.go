package crawler

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/charset"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// SearchPlanner plans the queries put to a site's own search once its
// crawl has ended, from the home page as it was saved (with the Facts the
// save function gave it): one SiteSearch per task, with the results URL to
// request, or the reason the search cannot be used.
type SearchPlanner func(site *councilbench.Site, home *councilbench.Page) []councilbench.SiteSearch

// DefaultSearchBudget is the requests a site's searches may make: the
// results pages and the result pages the crawl had not stored.
const DefaultSearchBudget = 72 // a query and five result pages for each of the 12 tasks

// search asks the site's own search for each task the planner names, and
// fetches the results that the crawl had not stored, so the site step can
// judge them. It runs after the crawl, under the same politeness: the
// site's pacing and per-host limit, robots.txt of whichever host answers
// (a search hosted elsewhere included), the address guard on every hop,
// the body cap and the retries; and within its own budget.
func (s *siteCrawl) search(ctx context.Context) error {
	if s.c.cfg.PlanSearch == nil || s.homeSaved == nil {
		return nil
	}
	plans := s.c.cfg.PlanSearch(s.site, s.homeSaved)
	s.track.update(func(a *Activity) { a.Phase = PhaseSearch })
	budget := s.c.cfg.SearchBudget
	for i := range plans {
		ss := &plans[i]
		if ss.Reason != "" || ss.URL == "" {
			continue
		}
		if budget <= 0 {
			ss.Reason, ss.Detail = councilbench.SearchBudget, "the site's search budget ran out"
			continue
		}
		u, err := url.Parse(ss.URL)
		if err != nil || normalize(u) == nil {
			ss.Reason, ss.Detail = councilbench.SearchError, fmt.Sprintf("bad results URL %q", ss.URL)
			continue
		}
		ok, err := s.robotsAllow(ctx, u)
		if err != nil {
			return err
		}
		if !ok {
			ss.Reason, ss.Detail = councilbench.SearchRobots, "robots.txt of "+u.Host+" disallows "+pathOf(u)
			continue
		}
		budget--
		s.track.update(func(a *Activity) { a.Searched++ })
		p, err := s.get(ctx, u.String(), councilbench.KindSearch, true, -1)
		if err != nil {
			return err
		}
		switch {
		case p.Reason != "":
			ss.Reason, ss.Detail = councilbench.SearchError, fmt.Sprintf("%s: %s", p.Reason, p.Error)
			continue
		case p.Status < 200 || p.Status >= 300:
			ss.Reason, ss.Detail = councilbench.SearchError, fmt.Sprintf("the results page answered %d", p.Status)
			continue
		case !isHTMLType(p.ContentType):
			ss.Reason, ss.Detail = councilbench.SearchError, "the results page is not HTML: "+p.ContentType
			continue
		}
		if p.FinalURL != "" {
			ss.URL = p.FinalURL
		}
		final, _ := url.Parse(ss.URL)
		ss.Results = resultLinks(p.Body, p.ContentType, final, councilbench.MaxSearchResults)
		for _, r := range ss.Results {
			if s.fetched[r.URL] != nil {
				continue
			}
			ru, err := url.Parse(r.URL)
			if err != nil || budget <= 0 {
				continue
			}
			ok, err := s.robotsAllow(ctx, ru)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			budget--
			s.track.update(func(a *Activity) { a.Searched++ })
			rp, err := s.get(ctx, r.URL, councilbench.KindSearchResult, false, -1)
			if err != nil {
				return err
			}
			s.fetched[rp.URL] = slim(rp)
		}
	}
	s.site.Searches = plans
	return nil
}

// robotsAllow reports whether robots.txt lets the crawl request u: the
// site's own rules on its hosts, otherwise those of u's host, fetched once.
func (s *siteCrawl) robotsAllow(ctx context.Context, u *url.URL) (bool, error) {
	if s.c.cfg.IgnoreRobots {
		return true, nil
	}
	if s.inScope(u) {
		return s.allowed(u), nil
	}
	origin := u.Scheme + "://" + u.Host
	s.robotsMu.Lock()
	rb := s.otherRobots[origin]
	s.robotsMu.Unlock()
	if rb == nil {
		var err error
		if rb, _, err = s.fetchRobots(ctx, u); err != nil {
			return false, err
		}
		s.robotsMu.Lock()
		s.otherRobots[origin] = rb
		s.robotsMu.Unlock()
	}
	return rb.allowed(pathOf(u)), nil
}

// resultLinks returns the first n result links of a search results page:
// the links of its main content (<main> or role=main; without one, the
// page less its header, navigation, footer and asides), leaving out
// forms, links back to the results page itself (other pages of results,
// sorting), and links that go nowhere.
func resultLinks(body []byte, contentType string, base *url.URL, n int) []councilbench.SearchResult {
	text, _ := charset.Decode(body, contentType)
	doc, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		return nil
	}
	var main *html.Node
	var find func(*html.Node)
	find = func(nd *html.Node) {
		for c := nd.FirstChild; c != nil && main == nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.Main || strings.EqualFold(strings.TrimSpace(getAttr(c, "role")), "main")) {
				main = c
				return
			}
			find(c)
		}
	}
	find(doc)
	root := main
	if root == nil {
		root = doc
	}
	out := []councilbench.SearchResult{}
	seen := map[string]bool{}
	var walk func(*html.Node)
	walk = func(nd *html.Node) {
		for c := nd.FirstChild; c != nil && len(out) < n; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if outsideResults(c) {
				continue
			}
			if c.DataAtom == atom.A {
				if r, ok := resultLink(c, base); ok && !seen[r.URL] {
					seen[r.URL] = true
					out = append(out, r)
				}
				continue
			}
			walk(c)
		}
	}
	walk(root)
	return out
}

// outsideResults reports whether an element holds no results: the page's
// header, navigation, footer and asides, scripts, and forms (the search box
// repeated above the results).
func outsideResults(nd *html.Node) bool {
	switch nd.DataAtom {
	case atom.Header, atom.Nav, atom.Footer, atom.Aside, atom.Form, atom.Script, atom.Style, atom.Template, atom.Noscript:
		return true
	}
	switch strings.ToLower(strings.TrimSpace(getAttr(nd, "role"))) {
	case "banner", "navigation", "contentinfo", "complementary", "search":
		return true
	}
	return false
}

// resultLink reads one result link: an http(s) link that does not lead
// back to the results page's own path.
func resultLink(a *html.Node, base *url.URL) (councilbench.SearchResult, bool) {
	href, ok := attrOf(a, "href")
	if !ok {
		return councilbench.SearchResult{}, false
	}
	u := resolve(base, href)
	if u == nil || u.Host == base.Host && u.Path == base.Path {
		return councilbench.SearchResult{}, false
	}
	var b strings.Builder
	var text func(*html.Node)
	text = func(nd *html.Node) {
		for c := nd.FirstChild; c != nil && b.Len() < maxLinkText; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
				b.WriteByte(' ')
			case c.Type == html.ElementNode && c.DataAtom == atom.Img:
				b.WriteString(getAttr(c, "alt"))
				b.WriteByte(' ')
			case c.Type == html.ElementNode:
				text(c)
			}
		}
	}
	text(a)
	t := getAttr(a, "aria-label")
	if t == "" {
		t = b.String()
	}
	return councilbench.SearchResult{URL: u.String(), Text: collapse(t)}, true
}

func getAttr(nd *html.Node, key string) string {
	v, _ := attrOf(nd, key)
	return v
}

func attrOf(nd *html.Node, key string) (string, bool) {
	for _, a := range nd.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}
