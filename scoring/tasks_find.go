package scoring

import (
	"net/url"
	"strings"

	"github.com/councilbench/councilbench"
)

// newsSegments are path segments of news, blogs and events, whose pages
// report on services rather than deliver them.
var newsSegments = map[string]bool{"news": true, "newsroom": true, "press": true, "press-releases": true, "blog": true, "blogs": true,
	"events": true, "article": true, "articles": true, "media-releases": true, "stories": true, "newyddion": true}

// isNews reports whether a URL's path is under a news-like segment.
func isNews(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	segs := strings.Split(strings.ToLower(u.Path), "/")
	for _, s := range segs[:max(len(segs)-1, 0)] {
		if newsSegments[s] {
			return true
		}
	}
	return false
}

// candidate is a page that may be a task's page.
type candidate struct {
	p                 *councilbench.Page
	score             int
	enLevel           int // levelEn when an English pattern matched something about it
	link              *inLink
	match             string
	text, url, titleL int
}

// better reports whether c ranks above d: a higher score, then fewer
// clicks (reached by links before sitemap-only), then the shorter URL.
func (c *candidate) better(d *candidate) bool {
	if d == nil {
		return true
	}
	if c.score != d.score {
		return c.score > d.score
	}
	cd, dd := c.p.Depth, d.p.Depth
	if (cd < 0) != (dd < 0) {
		return cd >= 0
	}
	if cd != dd {
		return cd < dd
	}
	if len(c.p.URL) != len(d.p.URL) {
		return len(c.p.URL) < len(d.p.URL)
	}
	return c.p.URL < d.p.URL
}

// judge scores a page as the task's page: a link naming the task counts
// twice, its URL and its title or heading once each, English above Welsh.
// It returns nil unless a link or the URL names the task.
func (x *siteIndex) judge(ct *compiledTask, p *councilbench.Page) *candidate {
	c := &candidate{p: p}
	for i := range x.inbound[p] {
		l := &x.inbound[p][i]
		lv, pat := ct.textLevel(l.ws)
		if lv == levelNone {
			continue
		}
		if lv > c.text || lv == c.text && (c.link == nil || depthLess(l.from.Depth, c.link.from.Depth)) {
			c.text, c.link, c.match = lv, l, pat.src
		}
	}
	c.url = ct.urlLevel(x.urlWords(p.URL))
	if p.FinalURL != "" && p.FinalURL != p.URL {
		c.url = max(c.url, ct.urlLevel(x.urlWords(p.FinalURL)))
	}
	if c.text == levelNone && c.url == levelNone {
		return nil
	}
	f := x.fact(p)
	t1, _ := ct.textLevel(x.textWords(f.Title))
	t2, _ := ct.textLevel(x.textWords(f.H1))
	c.titleL = max(t1, t2)
	c.score = 2*c.text + c.url + c.titleL
	c.enLevel = max(c.text, c.url, c.titleL)
	return c
}

// findTask looks for one task's page among the stored pages.
func (x *siteIndex) findTask(ct *compiledTask) councilbench.TaskFinding {
	t := ct.task
	f := councilbench.TaskFinding{ID: t.ID, Version: t.Version, LGSL: t.LGSL, Clicks: -1}
	if f.LGSL == nil {
		f.LGSL = []int{}
	}
	var best, welsh *candidate
	for _, p := range x.okPages {
		if p == x.home || x.special[p] || isNews(p.URL) {
			continue
		}
		c := x.judge(ct, p)
		if c == nil {
			continue
		}
		if c.better(best) {
			best = c
		}
		if c.enLevel == levelWelsh && c.better(welsh) {
			welsh = c
		}
	}
	if best == nil {
		x.findTaskDocument(ct, &f)
		return f
	}
	p := best.p
	f.Found, f.URL, f.Clicks = true, p.URL, p.Depth
	if best.link != nil {
		f.LinkText, f.LinkedFrom, f.Match = best.link.text, best.link.from.URL, best.match
	} else {
		f.Match = "url"
	}
	if welsh != nil && welsh.p != p && best.enLevel == levelEn {
		f.WelshURL = welsh.p.URL
	}
	// Linked from the home page, or from a landing page of the service
	// area (one click from home, named after the area).
	for _, l := range x.inbound[p] {
		switch {
		case l.from == x.home:
			f.LinkedFromHome = true
		case l.from.Depth == 1 && !f.LinkedFromLanding:
			if ct.areas.match(x.urlWords(l.from.URL)) != nil || ct.areas.match(x.textWords(x.fact(l.from).Title)) != nil {
				f.LinkedFromLanding, f.LandingURL = true, l.from.URL
			}
		}
	}
	x.online(ct, p, &f)
	return f
}

// findTaskDocument looks for a document (a PDF form) named after the task
// when no page was found, and notes a broken link naming the task.
func (x *siteIndex) findTaskDocument(ct *compiledTask, f *councilbench.TaskFinding) {
	var doc *councilbench.Page
	var docLink inLink
	for _, p := range x.okPages {
		for _, l := range x.sideLinks[p] {
			lv, _ := ct.textLevel(x.textWords(l.Text))
			if lv == levelNone && ct.urlLevel(x.urlWords(l.URL)) == levelNone {
				continue
			}
			q := x.byURL[l.URL]
			if q == nil {
				continue
			}
			if x.failed(q) {
				if f.BrokenURL == "" {
					f.BrokenURL = l.URL
				}
				continue
			}
			if isDoc, _ := x.docKind(l.URL); isDoc && q.Status >= 200 && q.Status < 300 && (doc == nil || depthLess(q.Depth, doc.Depth)) {
				doc, docLink = q, inLink{from: p, text: l.Text}
			}
		}
	}
	if doc != nil {
		f.Found, f.URL, f.Clicks, f.PDFOnly, f.PDFURL = true, doc.URL, doc.Depth, true, doc.URL
		f.LinkText, f.LinkedFrom, f.Match = docLink.text, docLink.from.URL, "document"
	}
}

// socialHosts are never online routes.
var socialHosts = []string{"facebook.com", "twitter.com", "x.com", "instagram.com", "youtube.com", "youtu.be", "linkedin.com",
	"tiktok.com", "flickr.com", "nextdoor.", "whatsapp.com", "threads.net", "bsky.app"}

// onlinePhrases are link texts that start an online transaction.
var onlinePhrases = patterns(compilePatterns([]string{"=start now", "=start", "=apply now", "=apply online", "=pay now", "=pay online",
	"=report it", "=report it online", "=report online", "=book online", "=book now", "=do it online", "=request it online",
	"=dechrau nawr", "=dechrau", "=gwneud cais ar lein", "=talu ar lein", "=talu nawr"}))

// online decides whether the task's page offers an online route, and
// otherwise whether it offers only a document form.
func (x *siteIndex) online(ct *compiledTask, p *councilbench.Page, f *councilbench.TaskFinding) {
	for i := range x.fact(p).Forms {
		if fm := &x.fact(p).Forms[i]; isTransaction(fm) {
			f.Online, f.OnlineVia, f.OnlineURL = true, "form", resolveRef(p, fm.Action)
			return
		}
	}
	var doc string
	for _, l := range p.Links {
		if l.URL == p.URL || l.URL == p.FinalURL || x.isChrome(l.URL) {
			continue
		}
		lower := strings.ToLower(l.URL)
		ws := x.textWords(l.Text)
		if l.External {
			if hostIn(lower, socialHosts) {
				continue
			}
			lv, _ := ct.textLevel(ws)
			if lv != levelNone || onlinePhrases.match(ws) != nil || containsAny(lower, PortalHosts) || containsAny(lower, ct.portals) {
				f.Online, f.OnlineVia, f.OnlineURL = true, "portal", l.URL
				return
			}
			continue
		}
		if onlinePhrases.match(ws) != nil {
			f.Online, f.OnlineVia, f.OnlineURL = true, "link", l.URL
			return
		}
		if isDoc, _ := x.docKind(l.URL); isDoc && doc == "" {
			if q := x.byURL[l.URL]; q == nil || !x.failed(q) {
				doc = l.URL
			}
		}
	}
	if doc != "" {
		f.PDFOnly, f.PDFURL = true, doc
	}
}

// containsAny reports whether s contains any of the substrings.
func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if sub != "" && strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// hostIn reports whether the host of a URL is one of the hosts or under
// one.
func hostIn(raw string, hosts []string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	h := strings.ToLower(u.Hostname())
	for _, x := range hosts {
		if strings.HasSuffix(x, ".") {
			if strings.Contains(h, x) {
				return true
			}
			continue
		}
		if h == x || strings.HasSuffix(h, "."+x) {
			return true
		}
	}
	return false
}
