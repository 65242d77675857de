package simweb

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// ref returns the page to link to for page i in content and lists: the old
// URL when the page moved.
func (s *site) ref(i int) int {
	if r, ok := s.redirOf[i]; ok {
		return r
	}
	return i
}

// visible reports whether page i may be listed in navigation, the A-Z and
// sidebars.
func (s *site) visible(i int) bool {
	p := s.pages[i]
	return !p.hidden && p.status == 200
}

// chrome builds the header, navigation and footer links of each language.
func (b *builder) chrome() {
	s := b.s
	myAccount := "https://" + s.slug + ".achieveservice.com/"
	for l := 0; l < 2; l++ {
		if l == 1 && !s.welsh {
			break
		}
		home, contact, stmt := s.home, s.contact, s.stmt
		if l == 1 {
			home, contact, stmt = s.cyHome, s.cyCont, s.cyStmt
		}
		tx := func(en, cy string) string {
			if l == 1 {
				return cy
			}
			return en
		}
		s.header[l] = []anchor{
			{to: home, text: tx(s.name+" home page", "Hafan "+s.name)},
			{to: contact, text: tx("Contact us", "Cysylltu â ni")},
			{to: -1, ext: myAccount, text: tx("My account", "Fy nghyfrif")},
			{to: s.az, text: tx("A to Z", "A i Z")},
			{to: s.news[0], text: tx("News", "Newyddion")},
		}
		if s.search >= 0 {
			s.header[l] = append(s.header[l], anchor{to: s.search, text: tx("Search", "Chwilio")})
		}
		for _, sec := range s.sections {
			s.navIdx[l] = append(s.navIdx[l], len(s.nav[l]))
			land, title := sec.landing, sec.title
			if l == 1 {
				land, title = sec.welsh, sec.def.welsh
			}
			s.nav[l] = append(s.nav[l], anchor{to: land, text: title})
			n := 0
			for _, c := range sec.children {
				if n == 3 {
					break
				}
				if _, moved := s.redirOf[c]; moved || !s.visible(c) {
					continue
				}
				to, text := c, s.pages[c].title
				if l == 1 {
					if s.pages[c].kind == PageTask && s.pages[c].twin >= 0 {
						to, text = s.pages[c].twin, s.pages[s.pages[c].twin].title
					} else if s.pages[c].kind == PageTask {
						continue
					}
				}
				s.nav[l] = append(s.nav[l], anchor{to: to, text: text})
				n++
			}
		}
		var foot []anchor
		if stmt >= 0 {
			foot = append(foot, anchor{to: stmt, text: tx("Accessibility statement", "Datganiad hygyrchedd")})
		} else if l == 1 && s.stmt >= 0 {
			foot = append(foot, anchor{to: s.stmt, text: "Datganiad hygyrchedd"})
		}
		foot = append(foot,
			anchor{to: contact, text: tx("Contact us", "Cysylltu â ni")},
			anchor{to: s.privacy, text: tx("Privacy notice", "Hysbysiad preifatrwydd")},
			anchor{to: s.cookies, text: tx("Cookies", "Cwcis")},
			anchor{to: s.terms, text: tx("Terms and conditions", "Telerau ac amodau")},
			anchor{to: s.az, text: tx("A to Z", "A i Z")},
			anchor{to: -1, ext: "https://jobs." + s.slug + "-careers.co.uk/", text: tx("Jobs and careers", "Swyddi")},
			anchor{to: -1, ext: "https://public.govdelivery.com/accounts/UK" + strings.ToUpper(s.slug) + "/subscriber/new",
				text: tx("Sign up for email updates", "Cofrestru am ddiweddariadau")},
			anchor{to: -1, ext: "https://www.facebook.com/" + s.slug + "council", text: "Facebook"},
			anchor{to: -1, ext: "https://x.com/" + s.slug + "council", text: "X (Twitter)"},
			anchor{to: -1, ext: "https://www.instagram.com/" + s.slug + "council", text: "Instagram"},
			anchor{to: -1, ext: "https://www.youtube.com/@" + s.slug + "council", text: "YouTube"},
			anchor{to: -1, ext: "https://www.linkedin.com/company/" + s.slug + "-council", text: "LinkedIn"},
		)
		s.footer[l] = foot
	}
}

// links builds the content links and sidebars of every page.
func (b *builder) links(campaigns []int, newsPDF int) {
	s, rng := b.s, b.rng
	add := func(p *page, to int, role uint8, text string) {
		if text == "" {
			text = s.pages[to].title
		}
		p.links = append(p.links, anchor{to: to, role: role, text: text})
	}
	side := func(p *page, to int, text string) {
		if text == "" {
			text = s.pages[to].title
		}
		p.sidebar = append(p.sidebar, anchor{to: to, text: text})
	}
	// siblings returns the visible pages of a section other than self.
	siblings := func(si, self int) []int {
		var out []int
		for _, c := range s.sections[si].children {
			if c != self && s.visible(c) {
				out = append(out, c)
			}
		}
		return out
	}
	sample := func(xs []int, n int) []int {
		xs = slices.Clone(xs)
		rng.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
		return xs[:min(n, len(xs))]
	}

	// Home page.
	home := s.pages[s.home]
	var top []int
	for _, t := range s.tasks {
		if t.present && !t.buried {
			top = append(top, t.page)
		}
	}
	nTop := len(top)
	if !s.good {
		nTop = min(len(top), 4+rng.IntN(5))
	}
	for _, i := range sample(top, nTop) {
		add(home, i, aTop, "")
	}
	for _, sec := range s.sections {
		add(home, sec.landing, aList, sec.title)
	}
	for _, a := range s.articles[:min(4, len(s.articles))] {
		add(home, a, aNews, "")
	}
	add(home, s.news[0], aMore, "All news")

	// Landing pages.
	for si, sec := range s.sections {
		p := s.pages[sec.landing]
		for _, c := range sec.children {
			if s.visible(c) {
				add(p, s.ref(c), aList, s.pages[c].title)
			}
		}
		if sec.chainHead >= 0 {
			add(p, sec.chainHead, aMore, "")
		}
		for _, d := range sec.pdfs {
			add(p, d, aDoc, "")
		}
		add(p, s.contact, aInline, "Contact the "+sec.def.team+" team")
		for _, o := range sample(rangeExcept(len(s.sections), si), 3) {
			side(p, s.sections[o].landing, s.sections[o].title)
		}
	}

	// Task pages.
	for _, t := range s.tasks {
		if !t.present {
			continue
		}
		p := s.pages[t.page]
		if t.mode == modePortal {
			p.links = append(p.links, anchor{to: -1, role: aStart, text: t.title, ext: t.onlineURL})
		}
		if t.pdf >= 0 {
			add(p, t.pdf, aDoc, "")
		}
		if t.buried {
			add(p, s.pages[p.parent].parent, aInline, "")
		} else {
			for _, o := range sample(siblings(p.section, t.page), 2) {
				add(p, s.ref(o), aInline, s.pages[o].title)
			}
			for _, o := range sample(siblings(p.section, t.page), 5) {
				side(p, s.ref(o), s.pages[o].title)
			}
		}
		add(p, s.contact, aInline, "Other ways to contact us")
		side(p, s.sections[p.section].landing, "")
	}

	// Information pages of sections, and chain pages.
	for si, sec := range s.sections {
		for _, c := range sec.children {
			p := s.pages[c]
			if p.kind != PageOther {
				continue
			}
			sib := siblings(si, c)
			for _, o := range sample(sib, 2+rng.IntN(4)) {
				add(p, s.ref(o), aInline, s.pages[o].title)
			}
			if len(sec.pdfs) > 0 && rng.Float64() < 0.4 {
				add(p, choose(rng, sec.pdfs), aDoc, "")
			}
			for _, o := range sample(sib, 4+rng.IntN(3)) {
				side(p, s.ref(o), s.pages[o].title)
			}
			side(p, sec.landing, "")
		}
		for c := sec.chainHead; c >= 0; {
			p := s.pages[c]
			add(p, sec.landing, aInline, "Back to "+sec.title)
			nxt := -1
			for _, a := range p.links {
				if a.role == aList {
					nxt = a.to
				}
			}
			if nxt < 0 || s.pages[nxt].kind != PageOther {
				break
			}
			c = nxt
		}
	}

	// A to Z: landings, visible tasks and information pages, capped so that
	// the page keeps under 200 links.
	type entry struct {
		to   int
		text string
	}
	var entries []entry
	for _, sec := range s.sections {
		entries = append(entries, entry{sec.landing, sec.title})
		for _, c := range sec.children {
			if s.visible(c) {
				entries = append(entries, entry{s.ref(c), s.pages[c].title})
			}
		}
	}
	entries = append(entries, entry{s.contact, "Contact us"}, entry{s.privacy, "Privacy notice"}, entry{s.cookies, "Cookies"})
	room := 190 - 26 - 2 - len(s.header[0]) - 1 - len(s.nav[0]) - len(s.footer[0])
	if len(entries) > room {
		entries = entries[:max(room, 0)]
	}
	sort.SliceStable(entries, func(i, j int) bool { return strings.ToLower(entries[i].text) < strings.ToLower(entries[j].text) })
	azp := s.pages[s.az]
	for _, e := range entries {
		add(azp, e.to, aList, e.text)
	}

	// The search page suggests the service areas.
	for _, sec := range s.sections {
		if s.search < 0 {
			break
		}
		side(s.pages[s.search], sec.landing, sec.title)
	}

	// Contact, statement and footer pages.
	cp := s.pages[s.contact]
	for _, sec := range s.sections {
		add(cp, sec.landing, aList, sec.title)
	}
	if s.stmt >= 0 {
		add(cp, s.stmt, aInline, "")
		add(s.pages[s.stmt], s.contact, aInline, "contact us")
		add(s.pages[s.stmt], s.az, aInline, "A to Z of services")
	}
	for _, i := range []int{s.privacy, s.cookies, s.terms} {
		add(s.pages[i], s.contact, aInline, "Contact us")
		if i != s.privacy {
			add(s.pages[i], s.privacy, aInline, "")
		}
	}

	// News lists and articles.
	for k, li := range s.news {
		p := s.pages[li]
		for _, a := range s.articles[k*10 : min(k*10+10, len(s.articles))] {
			add(p, a, aList, "")
		}
		for j, o := range s.news {
			if j != k {
				add(p, o, aPager, strconv.Itoa(j+1))
			}
		}
	}
	for k, a := range s.articles {
		p := s.pages[a]
		add(p, s.news[0], aInline, "Back to news")
		add(p, s.sections[p.section].landing, aInline, s.sections[p.section].title)
		if k+1 < len(s.articles) {
			add(p, s.articles[k+1], aInline, "")
		}
		if k == 1 {
			add(p, newsPDF, aDoc, "")
		}
		for _, o := range s.articles[:min(5, len(s.articles))] {
			if o != a {
				side(p, o, "")
			}
		}
	}
	if len(s.articles) < 2 {
		add(s.pages[s.articles[0]], newsPDF, aDoc, "")
	}

	// Pages only in the sitemap.
	for _, c := range campaigns {
		p := s.pages[c]
		add(p, s.sections[p.section].landing, aInline, "")
		add(p, s.news[0], aInline, "Latest news")
	}

	// Welsh pages.
	if !s.welsh {
		return
	}
	ch := s.pages[s.cyHome]
	for _, t := range s.tasks {
		if t.welsh >= 0 {
			add(ch, t.welsh, aTop, "")
		}
	}
	for _, sec := range s.sections {
		add(ch, sec.welsh, aList, "")
	}
	add(ch, s.news[0], aMore, "Newyddion (Saesneg)")
	for _, sec := range s.sections {
		p := s.pages[sec.welsh]
		for _, c := range sec.children {
			cp := s.pages[c]
			switch {
			case cp.kind == PageTask && cp.twin >= 0:
				add(p, cp.twin, aList, "")
			case cp.kind != PageTask && s.visible(c):
				add(p, s.ref(c), aList, cp.title)
			}
		}
		add(p, s.cyCont, aInline, "Cysylltu â ni")
	}
	for _, t := range s.tasks {
		if t.welsh < 0 {
			continue
		}
		p := s.pages[t.welsh]
		if t.mode == modePortal {
			p.links = append(p.links, anchor{to: -1, role: aStart, text: t.welshTitle, ext: t.onlineURL})
		}
		if t.pdf >= 0 {
			add(p, t.pdf, aDoc, "Ffurflen gais (PDF)")
		}
		add(p, p.parent, aInline, "")
		add(p, s.cyCont, aInline, "Ffyrdd eraill o gysylltu â ni")
	}
	cc := s.pages[s.cyCont]
	for _, sec := range s.sections {
		add(cc, sec.welsh, aList, "")
	}
	if s.cyStmt >= 0 {
		add(cc, s.cyStmt, aInline, "")
		add(s.pages[s.cyStmt], s.cyCont, aInline, "cysylltwch â ni")
	}
}

// rangeExcept returns 0..n-1 without x.
func rangeExcept(n, x int) []int {
	out := make([]int, 0, n)
	for i := 0; i < n; i++ {
		if i != x {
			out = append(out, i)
		}
	}
	return out
}

// robots puts robots.txt's Disallow lines, chosen with the faults, in
// order.
func (b *builder) robots() {
	sort.Strings(b.s.disallow)
}

// langIndex returns 0 for English, 1 for Welsh.
func langIndex(lang string) int {
	if lang == "cy" {
		return 1
	}
	return 0
}

// langSwitch returns the page the language link of page i leads to, or -1.
func (s *site) langSwitch(i int) int {
	if !s.welsh {
		return -1
	}
	p := s.pages[i]
	if p.twin >= 0 {
		return p.twin
	}
	if p.lang == "cy" {
		return s.home
	}
	return s.cyHome
}

// crumbs returns the breadcrumb trail of page i: its ancestors, home first.
func (s *site) crumbs(i int) []int {
	var out []int
	for p := s.pages[i].parent; p >= 0; p = s.pages[p].parent {
		out = append(out, p)
	}
	slices.Reverse(out)
	return out
}

// forEachLink calls fn with the target of every internal link of page i, in
// the order the body shows them.
func (s *site) forEachLink(i int, fn func(to int)) {
	p := s.pages[i]
	l := langIndex(p.lang)
	each := func(as []anchor) {
		for _, a := range as {
			if a.to >= 0 {
				fn(a.to)
			}
		}
	}
	each(s.header[l])
	if ls := s.langSwitch(i); ls >= 0 {
		fn(ls)
	}
	each(s.nav[l])
	for _, c := range s.crumbs(i) {
		fn(c)
	}
	each(p.links)
	each(p.sidebar)
	each(s.footer[l])
}

// computeDepths sets every page's depth: the fewest clicks from the home
// page, following links of 200 HTML pages; a redirect costs no click.
func (s *site) computeDepths() {
	for _, p := range s.pages {
		p.depth = -1
	}
	s.pages[s.home].depth = 0
	queue := []int{s.home}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		if !s.pages[u].html() {
			continue
		}
		d := s.pages[u].depth + 1
		s.forEachLink(u, func(v int) {
			for v >= 0 && s.pages[v].depth < 0 {
				s.pages[v].depth = d
				queue = append(queue, v)
				v = s.pages[v].redirect
			}
		})
	}
}

// check verifies the structure: every page reachable or sitemap-only,
// buried tasks deep, good sites good.
func (b *builder) check() error {
	s := b.s
	for _, p := range s.pages {
		if p.depth < 0 && !p.sitemapOnly {
			return fmt.Errorf("page %s is unreachable", p.path)
		}
		if p.depth >= 0 && p.sitemapOnly {
			return fmt.Errorf("sitemap-only page %s is linked", p.path)
		}
	}
	for _, t := range s.tasks {
		if !t.present {
			continue
		}
		d := s.pages[t.page].depth
		if t.buried {
			if d < 4 || d > 6 {
				return fmt.Errorf("buried task %s at depth %d", t.def.id, d)
			}
			b.fault(FaultBuriedTask, s.url(t.page), fmt.Sprintf("%s at depth %d", t.def.id, d))
		}
		if s.good && (d > 2 || t.mode == modePDF) {
			return fmt.Errorf("good site has task %s at depth %d", t.def.id, d)
		}
	}
	if s.good && (len(s.faults) > 0 || !s.hasStatement || !s.hsts) {
		return fmt.Errorf("good site is not good")
	}
	order := map[string]int{}
	for i, k := range FaultKinds {
		order[k] = i
	}
	sort.SliceStable(s.faults, func(i, j int) bool {
		if order[s.faults[i].Kind] != order[s.faults[j].Kind] {
			return order[s.faults[i].Kind] < order[s.faults[j].Kind]
		}
		return s.faults[i].URL < s.faults[j].URL
	})
	return nil
}
