package simweb

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// pagesAndLinks creates every page, places the faults and links the pages.
func (b *builder) pagesAndLinks() {
	s, rng, f := b.s, b.rng, b.sp.faults
	ni := s.ts.ni && !s.ts.district && !s.ts.county

	// Home page.
	s.home = s.add(newPage(s.homePath, PageHome, s.name))

	// Sections and their landing pages.
	prefix := choose(rng, []string{"", "", "", "", "/residents", "/services", "/info"})
	for i := range sections {
		def := &sections[i]
		if !s.ts.has(def.tiers) {
			continue
		}
		k := rng.IntN(len(def.titles))
		title := def.titles[k]
		if ni && def.niTitle != "" {
			title = def.niTitle
		}
		sec := &siteSection{def: def, title: title, welsh: -1, chainHead: -1}
		sec.path = b.landingPath(sec, prefix, def.slugs[k%len(def.slugs)])
		p := newPage(sec.path, PageLanding, title)
		p.section, p.parent = len(s.sections), s.home
		sec.landing = s.add(p)
		sec.path = p.path
		s.sections = append(s.sections, sec)
	}
	secOf := map[string]int{}
	for i, sec := range s.sections {
		secOf[sec.def.id] = i
	}

	// Tasks: which are missing, which buried, how they are done online.
	var ids []string
	for _, id := range tasksFor(s.ts) {
		if _, ok := secOf[taskByID[id].section]; ok {
			ids = append(ids, id)
		}
	}
	missing, buried := map[string]bool{}, map[string]bool{}
	order := rng.Perm(len(ids))
	next := 0
	if f[FaultMissingTask] {
		// Worse sites miss more of their tasks; one always stays.
		for n := min(missingTasks(b.sp.badness, len(ids)), len(ids)-1); n > 0 && next < len(order); n-- {
			missing[ids[order[next]]] = true
			next++
		}
	}
	if f[FaultBuriedTask] {
		// At most one buried task a section, so each section has one chain.
		secBuried := map[string]bool{}
		for n := 1 + b.rng.IntN(2); n > 0 && next < len(order); next++ {
			id := ids[order[next]]
			if sec := taskByID[id].section; !secBuried[sec] {
				secBuried[sec] = true
				buried[id] = true
				n--
			}
		}
	}
	for _, id := range ids {
		def := taskByID[id]
		k := rng.IntN(len(def.titles))
		if s.searchVariant == SearchNone {
			k = avoidSearch(k, len(def.titles), func(k int) string { return def.titles[k] + " " + def.slugs[k%len(def.slugs)] })
		}
		t := &siteTask{def: def, title: def.titles[k], slug: def.slugs[k%len(def.slugs)], page: -1, welsh: -1, pdf: -1, action: def.action}
		if s.searchVariant == SearchNone && saysSearch(t.action) {
			t.action = "find"
		}
		t.present = !missing[id]
		t.buried = buried[id]
		b.chooseWelsh(t)
		b.chooseVanity(t, len(s.tasks))
		switch r := rng.Float64(); {
		case def.pdfable && !s.good && r < pdfOnlyShare(b.sp.badness):
			t.mode = modePDF
		case r < 0.6:
			t.mode = modePortal
		default:
			t.mode = modeForm
		}
		s.tasks = append(s.tasks, t)
	}

	// Task pages (buried ones behind a chain of pages).
	for ti, t := range s.tasks {
		if !t.present {
			continue
		}
		si := secOf[t.def.section]
		sec := s.sections[si]
		sec.hasTask = true
		parent := sec.landing
		if t.buried {
			n := 2 + rng.IntN(3) // landing (1) + chain + task: depth 4 to 6
			titles := slices.Clone(chainTitles)
			rng.Shuffle(len(titles), func(i, j int) { titles[i], titles[j] = titles[j], titles[i] })
			for k := 0; k < n; k++ {
				ct := titles[k%len(titles)]
				cp := newPage(b.infoPath(sec, s.pages[parent].path, ct, slugify(ct)), PageOther, ct)
				cp.section, cp.parent, cp.hidden = si, parent, true
				if k > 0 {
					cp.title = sec.title + ": " + strings.ToLower(cp.title)
				}
				ci := s.add(cp)
				if k == 0 {
					sec.chainHead = ci
				} else {
					s.pages[parent].links = append(s.pages[parent].links, anchor{to: ci, role: aList, text: cp.title})
				}
				parent = ci
			}
		}
		p := newPage(b.taskPath(sec, t, s.pages[parent].path), PageTask, t.title)
		p.section, p.parent, p.task, p.hidden = si, parent, ti, t.buried
		t.page = s.add(p)
		if parent != sec.landing {
			s.pages[parent].links = append(s.pages[parent].links, anchor{to: t.page, role: aList, text: t.title})
		} else {
			sec.children = append(sec.children, t.page)
		}
		switch t.mode {
		case modePortal:
			t.onlineURL = b.portal(t.def)
		case modeForm:
			t.onlineURL = s.origin() + formAction(s.pages[t.page].path, t.action)
		}
	}

	// Fixed pages.
	az := newPage(choose(rng, []string{"/a-z", "/a-to-z", "/az"}), PageAZ, "A to Z of services")
	az.parent = s.home
	s.az = s.add(az)
	if s.searchVariant != SearchNone {
		sp := newPage("/search", PageSearch, "Search")
		sp.parent = s.home
		s.search = s.add(sp)
	}
	cp := newPage(choose(rng, []string{"/contact-us", "/contact", "/contact-the-council"}), PageContact, "Contact us")
	cp.parent = s.home
	s.contact = s.add(cp)
	if s.hasStatement {
		st := newPage(choose(rng, []string{"/accessibility-statement", "/accessibility", "/website-accessibility-statement"}),
			PageStatement, "Accessibility statement")
		st.parent = s.home
		s.stmt = s.add(st)
	}
	for _, fp := range []struct {
		dst   *int
		paths []string
		title string
	}{
		{&s.privacy, []string{"/privacy-notice", "/privacy", "/privacy-policy"}, "Privacy notice"},
		{&s.cookies, []string{"/cookies", "/cookie-policy"}, "Cookies"},
		{&s.terms, []string{"/terms-and-conditions", "/terms-of-use", "/website-terms"}, "Terms and conditions"},
	} {
		p := newPage(choose(rng, fp.paths), PageOther, fp.title)
		p.parent = s.home
		*fp.dst = s.add(p)
	}

	// News: articles and a bounded, paginated list.
	nArticles := min(max(b.size/8, 4), 30)
	lists := (nArticles + 9) / 10
	for k := 0; k < lists; k++ {
		path, title := "/news", "News"
		if k > 0 {
			path, title = "/news/page/"+strconv.Itoa(k+1), "News: page "+strconv.Itoa(k+1)
		}
		p := newPage(path, PageNews, title)
		p.parent = s.home
		if k > 0 {
			p.parent = s.news[0]
		}
		s.news = append(s.news, s.add(p))
	}
	age := 1 + rng.IntN(5)
	for k := 0; k < nArticles; k++ {
		title := b.headline()
		p := newPage("/news/"+slugify(title), PageNews, title)
		p.parent = s.news[0]
		p.age = age
		p.section = rng.IntN(len(s.sections))
		age += 2 + rng.IntN(9)
		s.articles = append(s.articles, s.add(p))
	}

	// Welsh pages of a bilingual site.
	fixed := len(s.pages)
	nWelsh := 0
	if s.welsh {
		nWelsh = 3 + len(s.sections)
		if s.hasStatement {
			nWelsh++
		}
		for _, t := range s.tasks {
			if t.present && !t.buried {
				nWelsh++
			}
		}
	}
	nCampaign := 2 + rng.IntN(2)

	// Information pages, to bring the site to about PagesPerSite pages.
	budget := max(b.size-fixed-nWelsh-nCampaign, len(s.sections))
	type pool struct{ titles []string }
	pools := make([]pool, len(s.sections))
	for i, sec := range s.sections {
		ts := slices.Clone(sec.def.subpages)
		rng.Shuffle(len(ts), func(a, c int) { ts[a], ts[c] = ts[c], ts[a] })
		gs := slices.Clone(genericSubpages)
		rng.Shuffle(len(gs), func(a, c int) { gs[a], gs[c] = gs[c], gs[a] })
		for _, g := range gs {
			ts = append(ts, sec.title+": "+g)
		}
		pools[i].titles = ts
	}
	for made, round := 0, 0; made < budget; round++ {
		progress := false
		for i, sec := range s.sections {
			if made >= budget || round >= len(pools[i].titles) {
				continue
			}
			title := pools[i].titles[round]
			p := newPage(b.infoPath(sec, sec.path, title, slugify(title)), PageOther, title)
			p.section, p.parent = i, sec.landing
			sec.children = append(sec.children, s.add(p))
			made++
			progress = true
		}
		if !progress {
			break
		}
	}

	// Pages only the sitemap knows.
	ct := slices.Clone(campaignTitles)
	rng.Shuffle(len(ct), func(i, j int) { ct[i], ct[j] = ct[j], ct[i] })
	var campaigns []int
	for k := 0; k < nCampaign; k++ {
		p := newPage("/campaigns/"+slugify(ct[k]), PageOther, ct[k])
		p.parent, p.section, p.sitemapOnly, p.hidden = s.home, rng.IntN(len(s.sections)), true, true
		campaigns = append(campaigns, s.add(p))
	}

	// PDFs: section documents, task forms, news documents.
	docStyle := rng.IntN(3)
	docPath := func(title string) string {
		sl := slugify(title)
		switch docStyle {
		case 1:
			return "/media/" + strconv.Itoa(1000+rng.IntN(9000)) + "/" + sl + ".pdf"
		case 2:
			return "/downloads/file/" + strconv.Itoa(100+rng.IntN(900)) + "/" + sl
		}
		return "/documents/" + sl + ".pdf"
	}
	addPDF := func(title string, section int) int {
		p := newPage(docPath(title), PagePDF, title)
		p.section = section
		if rng.Float64() < 0.15 {
			p.pdfSize = 200_000 + rng.IntN(250_000)
		} else {
			p.pdfSize = 4_000 + rng.IntN(150_000)
		}
		return s.add(p)
	}
	perSection := 3
	if b.size < 80 {
		perSection = 1 // small sites keep few documents
	}
	for i, sec := range s.sections {
		for k, n := 0, rng.IntN(perSection); k < n; k++ {
			title := choose(rng, []string{"leaflet", "policy", "annual report", "guidance notes", "strategy 2024 to 2029", "fees and charges"})
			sec.pdfs = append(sec.pdfs, addPDF(sec.title+" "+title, i))
		}
	}
	for _, t := range s.tasks {
		if t.present && t.mode == modePDF {
			t.pdf = addPDF(t.title+" application form", s.pages[t.page].section)
		}
	}
	newsPDF := addPDF("Annual report 2024", -1)

	if s.welsh {
		b.welshPages()
	}

	// Robots exclusion of a section without tasks.
	if f[FaultRobotsExclusion] {
		var cands []int
		for i, sec := range s.sections {
			if !sec.hasTask && len(sec.children) > 0 && s.sectionDir(sec) != "" &&
				!slices.ContainsFunc(s.tasks, func(t *siteTask) bool { return t.def.section == sec.def.id }) {
				cands = append(cands, i)
			}
		}
		if len(cands) > 0 {
			sec := s.sections[choose(rng, cands)]
			dis := s.sectionDir(sec)
			s.disallow = append(s.disallow, dis)
			for _, p := range s.pages {
				if strings.HasPrefix(p.path, dis) {
					p.disallowed = true
				}
			}
			b.fault(FaultRobotsExclusion, s.origin()+"/robots.txt", "Disallow: "+dis+" (the "+sec.title+" section)")
		}
	}
	// This draw once disallowed /search at random; it stays so that the
	// choices after it, of every site, stay as they were.
	rng.Float64()
	if s.searchVariant == SearchDisallowed {
		s.disallow = append(s.disallow, "/search")
		s.pages[s.search].disallowed = true
	}
	if rng.Float64() < 0.4 {
		s.disallow = append(s.disallow, "/admin/")
	}

	// Internal redirects: information pages moved, their old URLs still linked.
	if f[FaultRedirect] {
		cands := b.contentPages(func(p *page) bool { return p.kind == PageOther && p.section >= 0 && !p.hidden })
		for k, n := 0, 1+rng.IntN(3); k < n && len(cands) > 0; k++ {
			j := rng.IntN(len(cands))
			x := cands[j]
			cands = slices.Delete(cands, j, j+1)
			old := newPage("/site/"+strconv.Itoa(1000+rng.IntN(9000))+"/"+strings.ReplaceAll(slugify(s.pages[x].title), "-", "_"),
				s.pages[x].kind, s.pages[x].title)
			old.redirect, old.section = x, s.pages[x].section
			old.status = 301
			r := s.add(old)
			s.redirOf[x] = r
			b.fault(FaultRedirect, s.url(r), "301 to "+s.url(x))
		}
	}

	// Navigation, content links and sidebars.
	b.chrome()
	b.links(campaigns, newsPDF)
	if s.searchVariant == SearchPoor {
		b.decoys(addPDF)
	}

	// Per-page faults.
	if f[FaultBrokenLink] {
		cands := b.contentPages(nil)
		// One to three, and up to five more on the worst sites.
		for k, n := 0, 1+rng.IntN(3)+int(6*b.sp.badness*b.sp.badness); k < n && len(cands) > 0; k++ {
			from := choose(rng, cands)
			fp := s.pages[from]
			title := choose(rng, []string{"Guidance notes (2019)", "Old application form", "Previous consultation", "Service review 2018", "Archived policy"})
			path := "/" + slugify(title) + "-" + strconv.Itoa(2015+rng.IntN(5))
			if fp.section >= 0 {
				sec := s.sections[fp.section]
				path = b.infoPath(sec, sec.path, title, path[1:])
			}
			bp := newPage(path, PageOther, title)
			bp.status, bp.section, bp.hidden, bp.broken = 404, fp.section, true, true
			if s.soft404 {
				bp.status = 200
			}
			bi := s.add(bp)
			fp.links = append(fp.links, anchor{to: bi, role: aInline, text: title})
			b.fault(FaultBrokenLink, s.url(bi), "linked from "+s.url(from))
		}
	}
	mark := func(kind string, lo, hi int, cands []int, set func(p *page), detail string) {
		for k, n := 0, lo+rng.IntN(hi-lo+1); k < n && len(cands) > 0; k++ {
			j := rng.IntN(len(cands))
			i := cands[j]
			cands = slices.Delete(cands, j, j+1)
			set(s.pages[i])
			b.fault(kind, s.url(i), detail)
		}
	}
	if f[FaultSlowPage] {
		mark(FaultSlowPage, 1, 2, b.contentPages(func(p *page) bool { return p.kind == PageOther || p.kind == PageNews }),
			func(p *page) { p.slow = true }, "answers after "+b.opts.SlowPageDelay.String())
	}
	// The page-level accessibility faults touch a share of the content
	// pages that grows with the site's badness (pageShare).
	perPage := func(cands []int) (int, int) {
		n := max(1, int(math.Round(pageShare(b.sp.badness)*float64(len(cands)))))
		return n, n
	}
	if f[FaultImgNoAlt] {
		cands := b.contentPages(nil)
		lo, hi := perPage(cands)
		mark(FaultImgNoAlt, lo, hi, cands, func(p *page) { p.imgNoAlt = true }, "content image without an alt attribute")
	}
	if f[FaultInputNoLabel] {
		cands := b.contentPages(nil)
		lo, hi := perPage(cands)
		mark(FaultInputNoLabel, lo, hi, cands, func(p *page) { p.inputNoLabel = true }, "email sign-up input without a label")
	}
	if f[FaultEmptyLink] {
		cands := b.contentPages(nil)
		lo, hi := perPage(cands)
		mark(FaultEmptyLink, lo, hi, cands, func(p *page) {
			p.links = append(p.links, anchor{to: -1, role: aIcon, ext: "https://www.youtube.com/@" + s.slug + "council"})
		}, "icon link with no text")
	}
	if f[FaultLowContrast] {
		cands := b.contentPages(nil)
		lo, hi := perPage(cands)
		mark(FaultLowContrast, lo, hi, cands, func(p *page) { p.lowContrast = true }, "small print in #a0a0a0 (2.6:1 on white)")
	}
	// Template faults: one record each, at the home page; they show on
	// every page.
	for _, tf := range []struct{ kind, detail string }{
		{FaultLowContrast, "footer copyright text in #a0a0a0 (2.6:1 on white), on every page"},
		{FaultImgNoAlt, "header logo without an alt attribute, on every page"},
		{FaultInputNoLabel, "footer email sign-up input without a label, on every page"},
		{FaultEmptyLink, "footer social media icon links with no text, on every page"},
		{FaultEmptyButton, "navigation menu button with only an icon, on every page"},
		{FaultLangMissing, "no lang attribute on the html element of any page"},
		{FaultNoViewport, "no viewport meta element on any page: not sized for phones"},
	} {
		if s.tmpl[tf.kind] {
			b.s.faults = append(b.s.faults, FaultTruth{Kind: tf.kind, URL: s.url(s.home), Detail: tf.detail, Template: true})
		}
	}
	if !s.hasStatement {
		b.fault(FaultNoStatement, s.url(s.home), "no accessibility statement page or link")
	}
	if s.soft404 {
		b.fault(FaultSoft404, s.url(s.home), "unknown URLs answer 200 OK with a \"Page not found\" page")
	}
	for _, t := range s.tasks {
		if !t.present {
			b.fault(FaultMissingTask, "", t.def.id+": no page for "+t.title)
		}
	}

	// Windows-1252 pages (declared in the Content-Type header).
	if b.sp.cp1252 {
		cands := b.contentPages(func(p *page) bool { return p.kind == PageOther && !p.slow })
		for k, n := 0, 2+rng.IntN(3); k < n && len(cands) > 0; k++ {
			j := rng.IntN(len(cands))
			s.pages[cands[j]].cp1252 = true
			cands = slices.Delete(cands, j, j+1)
		}
	}

	// Sitemap membership.
	for _, p := range s.pages {
		switch {
		case p.sitemapOnly:
			p.inSitemap = true
		case p.status != 200 || p.redirect >= 0 || p.kind == PagePDF || p.hidden && p.kind != PageTask:
		case p.kind == PageHome:
			p.inSitemap = true
		default:
			p.inSitemap = rng.Float64() < 0.9
		}
	}
}

// contentPages returns the English 200 HTML pages, outside robots
// exclusions, off the sitemap-only list and not the target of a broken link
// (which a soft-404 site serves with 200), that keep also accepts (nil
// keeps all).
func (b *builder) contentPages(keep func(p *page) bool) []int {
	var out []int
	for i, p := range b.s.pages {
		switch p.kind {
		case PageLanding, PageTask, PageOther, PageNews:
		default:
			continue
		}
		if p.lang != "en" || !p.html() || p.broken || p.disallowed || p.sitemapOnly {
			continue
		}
		if keep == nil || keep(p) {
			out = append(out, i)
		}
	}
	return out
}

// fault records a fault.
func (b *builder) fault(kind, u, detail string) {
	b.s.faults = append(b.s.faults, FaultTruth{Kind: kind, URL: u, Detail: detail})
}

// portal returns the off-site portal URL of a task.
func (b *builder) portal(def *taskDef) string {
	s := b.s
	k := b.rng.IntN(len(def.portals))
	if s.searchVariant == SearchNone {
		k = avoidSearch(k, len(def.portals), func(k int) string { return def.portals[k] })
	}
	r := strings.NewReplacer("{slug}", s.slug, "{Camel}", s.camel, "{key}", s.key)
	return r.Replace(def.portals[k])
}

// saysSearch reports whether a text says "search".
func saysSearch(text string) bool {
	return strings.Contains(strings.ToLower(text), "search")
}

// avoidSearch returns the first of n alternatives from k on, wrapping,
// whose text does not say "search" (k when all do): on a site without a
// search, no form's action or link may look like one.
func avoidSearch(k, n int, text func(int) string) int {
	for j := 0; j < n; j++ {
		if c := (k + j) % n; !saysSearch(text(c)) {
			return c
		}
	}
	return k
}

// headline makes a news headline.
func (b *builder) headline() string {
	s, rng := b.s, b.rng
	sec := s.sections[rng.IntN(len(s.sections))]
	place := placeName(s.councils[rng.IntN(len(s.councils))].Name)
	if rng.IntN(2) == 0 {
		place += choose(rng, placeSuffixes)
	}
	r := strings.NewReplacer("{council}", s.name, "{topic}", sec.def.topic, "{place}", place,
		"{facility}", choose(rng, facilities), "{year}", strconv.Itoa(2025+rng.IntN(2)))
	h := r.Replace(choose(rng, newsTemplates))
	return strings.ToUpper(h[:1]) + h[1:]
}

// welshPages adds the Welsh versions of the main pages.
func (b *builder) welshPages() {
	s := b.s
	cyHomePath := "/cy/"
	hp := newPage(cyHomePath, PageHome, s.name)
	hp.lang, hp.twin = "cy", s.home
	s.cyHome = s.add(hp)
	s.pages[s.home].twin = s.cyHome
	twin := func(en int, path, kind, title string, parent int) int {
		p := newPage(path, kind, title)
		p.lang, p.twin, p.parent = "cy", en, parent
		p.section, p.task = s.pages[en].section, s.pages[en].task
		i := s.add(p)
		s.pages[en].twin = i
		return i
	}
	for _, sec := range s.sections {
		sec.welsh = twin(sec.landing, s.welshLandingPath(sec), PageLanding, sec.def.welsh, s.cyHome)
	}
	for _, t := range s.tasks {
		if !t.present || t.buried {
			continue
		}
		sec := s.sections[s.pages[t.page].section]
		t.welsh = twin(t.page, s.welshTaskPath(t, s.pages[sec.welsh].path), PageTask, t.welshTitle, sec.welsh)
	}
	s.cyCont = twin(s.contact, "/cy/cysylltu-a-ni", PageContact, "Cysylltu â ni", s.cyHome)
	if s.stmt >= 0 {
		s.cyStmt = twin(s.stmt, "/cy/datganiad-hygyrchedd", PageStatement, "Datganiad hygyrchedd", s.cyHome)
	}
}
