package scoring

import (
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/councilbench/councilbench"
)

// newsSegments are path segments of news, blogs and events, whose pages
// report on services rather than deliver them. "article" is not one: several
// council CMSs put every service page under /article/.
var newsSegments = map[string]bool{"news": true, "newsroom": true, "press": true, "press-releases": true, "blog": true, "blogs": true,
	"events": true, "media-releases": true, "stories": true, "newyddion": true, "latest-news": true, "latest_news": true,
	"news-and-events": true, "press_and_communications": true, "press-and-communications": true, "datganiadau-i-r-wasg": true}

// isNews reports whether a page is news: its host is a news site
// (news.example.gov.uk), its path is under a news-like segment or a dated
// one (/2025/09/), or its facts say it is a dated article.
func (x *siteIndex) isNews(p *councilbench.Page) bool {
	if p.Facts != nil && p.Facts.Article {
		return true
	}
	u, err := url.Parse(p.URL)
	if err != nil {
		return false
	}
	host := strings.ToLower(u.Hostname())
	if strings.HasPrefix(host, "news.") || strings.HasPrefix(host, "newyddion.") {
		return true
	}
	segs := strings.Split(strings.ToLower(u.Path), "/")
	segs = segs[:max(len(segs)-1, 0)]
	for i, s := range segs {
		if newsSegments[s] {
			return true
		}
		// A year then a month: /2025/09/, /2022/February-2022/.
		if len(s) == 4 && s >= "2000" && s <= "2099" && i+1 < len(segs) && isMonth(segs[i+1]) {
			return true
		}
	}
	return false
}

// isMonth reports whether a path segment is a month: "09" or "february-2022".
func isMonth(s string) bool {
	if len(s) == 2 && s >= "01" && s <= "12" {
		return true
	}
	for _, m := range []string{"january", "february", "march", "april", "may", "june", "july", "august", "september",
		"october", "november", "december", "ionawr", "chwefror", "mawrth", "ebrill", "mai", "mehefin", "gorffennaf", "awst",
		"medi", "hydref", "tachwedd", "rhagfyr"} {
		if strings.HasPrefix(s, m) {
			return true
		}
	}
	return false
}

// candidate is a page that may be a task's page.
type candidate struct {
	p       *councilbench.Page
	score   int
	enLevel int // levelEn when an English pattern matched something about it
	link    *inLink
	match   string
	// text, url and titleL are the levels at which the link text, the URL
	// and the title or heading named the task.
	text, url, titleL int
	spec              int    // parts of the most specific pattern that named it
	ctx               bool   // naming the task needed the page's context
	area              bool   // only the service area was named
	near              string // the near-miss pattern its name carries
	action            bool   // the page offers the task's action
}

// taken reports whether the candidate is the task's page: named, and not a
// near-miss unless its name says how to do the task; or named only by its
// service area but offering the action.
func (c *candidate) taken() bool {
	return c.near == "" && (!c.area || c.action)
}

// better reports whether c ranks above d: a page named for the task above
// one named for its area, then a higher score, then the more specific
// name (the pattern with more parts), then fewer clicks (reached by links
// before sitemap-only), then the shorter URL.
func (c *candidate) better(d *candidate) bool {
	if d == nil {
		return true
	}
	if c.area != d.area {
		return !c.area
	}
	if c.score != d.score {
		return c.score > d.score
	}
	if c.spec != d.spec {
		return c.spec > d.spec // "Apply to join the housing register" above "Housing register"
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

// context returns the words around a page that may complete a task's name:
// its URL (name, other segments and host) and the titles of the service
// pages that link to it (the home page aside), memoised.
func (x *siteIndex) context(p *councilbench.Page) []string {
	if cx, ok := x.cx[p]; ok {
		return cx
	}
	cx := x.parsed(p.URL).words()
	// The service pages linking to it, unless every page does: a page in
	// the site's header or footer belongs to no service.
	if !x.isChrome(p.URL) {
		for _, l := range x.inbound[p] {
			if l.from != x.home && x.isService(l.from) {
				cx = append(cx, x.textWords(x.fact(l.from).Title)...)
			}
		}
	}
	x.cx[p] = cx
	return cx
}

// isService reports whether a page's title names a task's service area
// ("Council tax", "Bins and recycling"), memoised.
func (x *siteIndex) isService(p *councilbench.Page) bool {
	if v, ok := x.service[p]; ok {
		return v
	}
	tw := x.textWords(x.fact(p).Title)
	v := false
	for _, ct := range compiledTasks() {
		if ct.areas.match(tw) != nil {
			v = true
			break
		}
	}
	x.service[p] = v
	return v
}

// judge weighs a page as the task's page: a link naming the task counts
// twice, its URL and its title or heading once each, English above Welsh,
// a name that needed the page's context one less, and offering the task's
// action one more. It returns nil when nothing about the page names the
// task or its service area.
func (x *siteIndex) judge(ct *compiledTask, p *councilbench.Page) *candidate {
	c := &candidate{p: p}
	// Most pages hold no word of the task: skip them before matching.
	f := x.fact(p)
	pu := x.parsed(p.URL)
	mask := pu.mask | x.textMask(f.Title) | x.textMask(f.H1)
	if p.FinalURL != "" && p.FinalURL != p.URL {
		mask |= x.parsed(p.FinalURL).mask
	}
	for i := range x.inbound[p] {
		mask |= x.inbound[p][i].mask
	}
	if mask&(ct.bit|ct.areaBit) == 0 {
		return nil
	}
	cx := x.context(p)
	usedCtx := false
	for i := range x.inbound[p] {
		l := &x.inbound[p][i]
		if l.mask&ct.bit == 0 {
			continue
		}
		lv, pat, used := ct.textLevel(l.ws, cx)
		if lv == levelNone {
			continue
		}
		if lv > c.text || lv == c.text && (c.link == nil || depthLess(l.from.Depth, c.link.from.Depth)) {
			c.text, c.link, c.match, usedCtx = lv, l, pat.src, used
		}
		c.spec = max(c.spec, len(pat.parts))
	}
	urls := []pageURL{pu}
	if p.FinalURL != "" && p.FinalURL != p.URL {
		urls = append(urls, x.parsed(p.FinalURL))
	}
	var names, urlNames [][]string
	for _, u := range urls {
		lv, pat, used := ct.textLevel(u.name, u.ctx)
		if pat != nil {
			c.spec = max(c.spec, len(pat.parts))
		}
		if lv != levelNone && u.welsh {
			lv = levelWelsh // a Welsh URL is the Welsh twin whatever its words
		}
		if lv > c.url {
			c.url = lv
			usedCtx = usedCtx || used
		}
		urlNames = append(urlNames, u.name)
	}
	for _, t := range []string{f.Title, f.H1} {
		ws := x.textWords(t)
		names = append(names, ws)
		lv, pat, used := ct.textLevel(ws, cx)
		if pat != nil {
			c.spec = max(c.spec, len(pat.parts))
		}
		if lv > c.titleL {
			c.titleL = lv
			usedCtx = usedCtx || used
		}
	}
	if c.link != nil {
		names = append(names, c.link.ws)
	}
	names = append(names, urlNames...)
	if c.text == levelNone && c.url == levelNone && c.titleL == levelNone {
		// Named for its service area only ("Council tax"): a candidate,
		// taken only when it offers the action itself.
		for _, ws := range names {
			if ct.areas.match(ws) != nil {
				c.area = true
				break
			}
		}
		// A page named for another task ("Report fly-tipping or dumped
		// rubbish") is that task's, not this area's landing page.
		if !c.area || x.namesOtherTask(ct, names) {
			return nil
		}
		c.action = x.taskAction(ct, p)
	} else {
		c.action = x.offersAction(ct, p)
	}
	// A near-miss word in the page's name (its title, heading, URL name or
	// the link naming it) says it informs about the task rather than
	// delivers it, unless the name also says how to do it.
	action := false
	for _, ws := range names {
		if actionTexts.match(ws) != nil {
			action = true
		}
	}
	if !action {
		for _, ws := range names {
			if n := ct.nearMissIn(ws); n != nil {
				c.near = n.src
				break
			}
		}
	}
	if c.area {
		c.match, c.enLevel = "area", levelEn
		return c
	}
	c.ctx = usedCtx
	// A name that needs the context to name this task, but names another
	// task by itself ("Gwneud cais am dai" linked from the schools page),
	// is the other task's.
	if c.ctx && x.namesOtherTask(ct, names) {
		return nil
	}
	c.score = 2*c.text + c.url + c.titleL
	if c.ctx {
		c.score--
	}
	if c.action {
		c.score++
	}
	c.enLevel = max(c.text, c.url, c.titleL)
	return c
}

// offersAction reports whether the page offers the task's action: a
// transactional form, or a link that starts it (see online).
func (x *siteIndex) offersAction(ct *compiledTask, p *councilbench.Page) bool {
	var f councilbench.TaskFinding
	x.online(ct, p, &f)
	return f.Online && (f.OnlineVia == "form" || f.OnlineVia == "portal")
}

// namesOtherTask reports whether any of a page's names names a task of the
// catalogue other than ct.
func (x *siteIndex) namesOtherTask(ct *compiledTask, names [][]string) bool {
	for _, ws := range names {
		mask := taskMask(ws) &^ ct.bit
		if mask == 0 {
			continue
		}
		for _, other := range compiledTasks() {
			if mask&other.bit != 0 {
				if lv, _, _ := other.textLevel(ws, nil); lv != levelNone {
					return true
				}
			}
		}
	}
	return false
}

// taskAction reports whether a page offers this task's own action, as a
// landing page must to be taken for the task: a transactional form whose
// action names the task or goes to one of its portals, or a link, not in
// the site's header or footer, whose text names the task or that goes to
// one of the task's own portals (the catalogue-wide portals serve every
// task, so they do not say which).
func (x *siteIndex) taskAction(ct *compiledTask, p *councilbench.Page) bool {
	named := func(raw string) bool {
		pu := x.parsed(raw)
		lv, _, _ := ct.textLevel(pu.name, pu.ctx)
		return lv != levelNone || containsAny(strings.ToLower(raw), ct.portals)
	}
	for i := range x.fact(p).Forms {
		if fm := &x.fact(p).Forms[i]; isTransaction(fm) && named(resolveRef(p, fm.Action)) {
			return true
		}
	}
	for _, l := range p.Links {
		if l.URL == p.URL || l.URL == p.FinalURL || x.isChrome(l.URL) || l.External && hostIn(strings.ToLower(l.URL), socialHosts) {
			continue
		}
		if lv, _, _ := ct.textLevel(x.textWords(l.Text), nil); lv != levelNone && l.External {
			return true
		}
		if (l.External || onlinePhrases.match(x.textWords(l.Text)) != nil) && containsAny(strings.ToLower(l.URL), ct.portals) {
			return true
		}
	}
	return false
}

// findTask looks for one task's page among the stored pages.
func (x *siteIndex) findTask(ct *compiledTask) councilbench.TaskFinding {
	t := ct.task
	f := councilbench.TaskFinding{ID: t.ID, Version: t.Version, LGSL: t.LGSL, Clicks: -1}
	if f.LGSL == nil {
		f.LGSL = []int{}
	}
	var best, welsh *candidate
	var missed []*candidate
	for _, p := range x.okPages {
		if p == x.home || x.special[p] || x.isNews(p) {
			continue
		}
		c := x.judge(ct, p)
		if c == nil {
			continue
		}
		if !c.taken() {
			missed = append(missed, c)
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
		if !f.Found {
			x.whyNotFound(ct, missed, &f)
		}
		return f
	}
	p := best.p
	f.Found, f.URL, f.Clicks = true, p.URL, p.Depth
	switch {
	case best.link != nil:
		f.LinkText, f.LinkedFrom, f.Match = best.link.text, best.link.from.URL, best.match
	case best.area:
		f.Match = "area"
	default:
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

// whyNotFound keeps the closest pages weighed for a task not found, and
// says in one line why the closest was not taken.
func (x *siteIndex) whyNotFound(ct *compiledTask, missed []*candidate, f *councilbench.TaskFinding) {
	sort.SliceStable(missed, func(i, j int) bool { return missed[i].better(missed[j]) })
	for _, c := range missed[:min(len(missed), councilbench.MaxTaskCandidates)] {
		tc := councilbench.TaskCandidate{URL: c.p.URL, NearMiss: c.near, Action: c.action, Matched: []string{}}
		if c.area {
			tc.Matched = append(tc.Matched, "area")
		}
		for _, m := range []struct {
			lv   int
			what string
		}{{c.text, "link text"}, {c.titleL, "title"}, {c.url, "url"}} {
			if m.lv != levelNone {
				tc.Matched = append(tc.Matched, m.what)
			}
		}
		if c.ctx {
			tc.Matched = append(tc.Matched, "context")
		}
		f.Candidates = append(f.Candidates, tc)
	}
	if len(f.Candidates) == 0 {
		f.Why = "no page names the task or its service area"
		if f.BrokenURL != "" {
			f.Why = "the only link naming the task is broken: " + f.BrokenURL
		}
		return
	}
	c := f.Candidates[0]
	var why string
	switch {
	case c.NearMiss != "" && c.Matched[0] == "area":
		why = fmt.Sprintf("names the service area, but the page is about %q", c.NearMiss)
	case c.NearMiss != "":
		why = fmt.Sprintf("%s named the task, but the page is about %q", strings.Join(c.Matched, ", "), c.NearMiss)
	default:
		why = "names the service area only"
	}
	if !c.Action {
		why += "; no " + ct.task.Action + " action"
	}
	f.Why = fmt.Sprintf("closest page: %s (%s)", pathOf(c.URL), why)
}

// findTaskDocument looks for a document (a PDF form) named after the task
// when no page was found, and notes a broken link naming the task.
func (x *siteIndex) findTaskDocument(ct *compiledTask, f *councilbench.TaskFinding) {
	var doc *councilbench.Page
	var docLink inLink
	for _, p := range x.okPages {
		for _, l := range x.sideLinks[p] {
			pu := x.parsed(l.URL)
			tw := x.textWords(l.Text)
			lv, _, _ := ct.textLevel(tw, pu.ctx)
			if ulv, _, _ := ct.textLevel(pu.name, pu.ctx); lv == levelNone && ulv == levelNone {
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
			// Only a form does the task: a guide to it, or a document
			// about it ("Fly-tipping enforcement policy"), does not.
			if formWords.match(tw) == nil && formWords.match(pu.name) == nil || ct.nearMissIn(tw) != nil || ct.nearMissIn(pu.name) != nil {
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

// formWords say that a document is a form to fill in.
var formWords = append(compilePatterns([]string{"form|forms|mandate"}), compileWelshPatterns([]string{"ffurflen|ffurflenni"})...)

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
			lv, _, _ := ct.textLevel(ws, nil)
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
