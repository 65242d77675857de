package simweb

import (
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// baseDate is "today" on every simulated site, so bodies never depend on the
// clock.
var baseDate = time.Date(2025, time.June, 30, 0, 0, 0, 0, time.UTC)

// esc appends s with HTML's special characters escaped.
func esc(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			rep = "&#34;"
		default:
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, rep...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

// gen writes one page body.
type gen struct {
	s     *site
	p     *page
	i     int // page index, -1 for a page that is not in the structure
	l     int // language index
	rng   *rand.Rand
	b     []byte
	topic string
	team  string
	view
}

// view is how a page is being served.
type view struct {
	// ask is the search a results page answers, nil when the request gets
	// no results (none asked, or not here).
	ask *searchAsk
	// abs makes every link and asset URL absolute: the page is served from
	// another host (an elsewhere search's service).
	abs bool
}

// pageRand returns the random source of page i's text.
func (s *site) pageRand(i int, path string) *rand.Rand {
	return rand.New(rand.NewPCG(s.seed, uint64(i+1)*0x9e3779b97f4a7c15^hash64(path)))
}

// newGen returns a generator for page i (or a synthetic page p when i < 0).
func (s *site) newGen(b []byte, i int, p *page, v view) *gen {
	g := &gen{s: s, p: p, i: i, l: langIndex(p.lang), rng: s.pageRand(i, p.path), b: b,
		topic: "council services", team: "Customer Services", view: v}
	if p.section >= 0 {
		def := s.sections[p.section].def
		g.topic, g.team = def.topic, def.team
		if g.l == 1 {
			g.topic = strings.ToLower(def.welsh)
		}
	} else if g.l == 1 {
		g.topic = "gwasanaethau'r cyngor"
	}
	return g
}

// tx returns the English or the Welsh text.
func (g *gen) tx(en, cy string) string {
	if g.l == 1 {
		return cy
	}
	return en
}

// w appends raw HTML.
func (g *gen) w(parts ...string) {
	for _, s := range parts {
		g.b = append(g.b, s...)
	}
}

// e appends escaped text.
func (g *gen) e(s string) { g.b = esc(g.b, s) }

// root returns what starts the site's URLs in the page: nothing, or the
// canonical origin when links are absolute.
func (g *gen) root() string {
	if g.abs {
		return g.s.origin()
	}
	return ""
}

// href appends the href of page i: its path, or its absolute URL.
func (g *gen) href(i int, abs bool) {
	if abs {
		g.b = append(g.b, g.s.origin()...)
	}
	g.e(g.s.pages[i].path)
}

// a appends an anchor.
func (g *gen) a(an anchor, class string) {
	g.w(`<a href="`)
	if an.to >= 0 {
		g.href(an.to, g.abs)
	} else {
		g.e(an.ext)
	}
	g.w(`"`)
	if class != "" {
		g.w(` class="`, class, `"`)
	}
	g.w(`>`)
	g.e(an.text)
	g.w(`</a>`)
}

// date formats a date some days before the base date.
func date(daysAgo int) string {
	return baseDate.AddDate(0, 0, -daysAgo).Format("2 January 2006")
}

// sentence appends a sentence of body text.
func (g *gen) sentence() {
	var t string
	if g.l == 1 {
		t = cySentences[g.rng.IntN(len(cySentences))]
	} else {
		t = enSentences[g.rng.IntN(len(enSentences))]
	}
	for {
		open := strings.IndexByte(t, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(t[open:], '}') + open
		g.b = append(g.b, t[:open]...)
		switch t[open+1 : end] {
		case "topic":
			g.e(g.topic)
		case "council":
			g.e(g.s.name)
		case "area":
			g.e(g.s.area)
		case "fee":
			g.w("£", strconv.Itoa(5+g.rng.IntN(400)), ".", strconv.Itoa(10 + g.rng.IntN(9)*10)[:2])
		case "n":
			g.w(strconv.Itoa(200 + g.rng.IntN(25000)))
		case "days":
			g.w(strconv.Itoa([]int{5, 10, 15, 20, 28}[g.rng.IntN(5)]))
		case "phone":
			g.w(g.s.phone)
		case "team":
			g.e(g.team)
		case "month":
			g.w(months[g.rng.IntN(12)], " 2025")
		}
		t = t[end+1:]
	}
	g.b = append(g.b, t...)
}

// para appends a paragraph of n sentences.
func (g *gen) para(n int) {
	g.w("<p>")
	for k := 0; k < n; k++ {
		if k > 0 {
			g.w(" ")
		}
		g.sentence()
	}
	g.w("</p>\n")
}

// headings of padding sections.
var (
	enHeadings = []string{"Who can apply", "What you need", "How to apply", "After you apply", "Costs", "How long it takes",
		"If things go wrong", "Help and support", "Your responsibilities", "Background", "What happens next",
		"Frequently asked questions", "Data protection", "Related services", "Changes to the service"}
	homeHeadings = []string{"Have your say", "Living here", "Visiting the area", "Working for the council", "Your council",
		"Cost of living support", "Events and activities", "Climate emergency", "Keeping safe", "Community news"}
	cyHeadings = []string{"Pwy all wneud cais", "Beth sydd ei angen arnoch", "Sut i wneud cais", "Beth sy'n digwydd nesaf",
		"Costau", "Cymorth a chefnogaeth", "Cwestiynau cyffredin", "Diogelu data"}
	enInline = []string{"Find out more about %s.", "See also %s.", "Read our guidance on %s.", "You may also need %s.",
		"For details, go to %s."}
	cyInline = []string{"Gweler hefyd %s.", "Rhagor o wybodaeth: %s.", "Darllenwch am %s."}
)

// section appends a padding section: a heading, paragraphs and sometimes a
// list, a table of fees or an accordion. It has no links.
func (g *gen) section() {
	hs := enHeadings
	switch {
	case g.l == 1:
		hs = cyHeadings
	case g.p.kind == PageHome:
		hs = homeHeadings
	}
	g.w("<h2>", hs[g.rng.IntN(len(hs))], "</h2>\n")
	for k, n := 0, 1+g.rng.IntN(3); k < n; k++ {
		g.para(2 + g.rng.IntN(4))
	}
	switch g.rng.IntN(5) {
	case 0:
		g.w(`<ul class="list-bullet">`)
		for k, n := 0, 3+g.rng.IntN(4); k < n; k++ {
			g.w("<li>")
			g.sentence()
			g.w("</li>")
		}
		g.w("</ul>\n")
	case 1:
		g.w(`<table class="table"><caption>`, g.tx("Fees and charges", "Ffioedd a thaliadau"), `</caption><thead><tr><th scope="col">`,
			g.tx("Service", "Gwasanaeth"), `</th><th scope="col">`, g.tx("Charge", "Tâl"), "</th></tr></thead><tbody>")
		for k, n := 0, 3+g.rng.IntN(5); k < n; k++ {
			g.w("<tr><td>")
			g.e(hs[g.rng.IntN(len(hs))])
			g.w("</td><td>£", strconv.Itoa(10+g.rng.IntN(300)), ".00</td></tr>")
		}
		g.w("</tbody></table>\n")
	case 2:
		g.w(`<div class="accordion">`)
		for k, n := 0, 2+g.rng.IntN(3); k < n; k++ {
			g.w(`<details class="accordion__section"><summary>`, hs[g.rng.IntN(len(hs))], "</summary>")
			g.para(2 + g.rng.IntN(3))
			g.w("</details>")
		}
		g.w("</div>\n")
	}
}

// image appends a content image: with alt text, or without an alt
// attribute on a page with the img-no-alt fault.
func (g *gen) image(noAlt bool) {
	n := strconv.Itoa(100 + g.rng.IntN(900))
	g.w(`<figure class="content-image"><img src="`, g.root(), `/images/content/`, n, `.jpg" width="800" height="450" loading="lazy"`)
	if !noAlt {
		g.w(` alt="`)
		g.e(g.tx("Photograph: "+g.topic+" in "+g.s.area, "Llun: "+g.topic))
		g.w(`"`)
	}
	g.w("></figure>\n")
}

// targetSize returns the body size a page is padded to.
func (g *gen) targetSize() int {
	lo, hi := 24, 80
	switch g.p.kind {
	case PageHome:
		lo, hi = 60, 105
	case PageLanding:
		lo, hi = 36, 90
	case PageTask:
		lo, hi = 28, 70
	case PageStatement:
		lo, hi = 40, 80
	case PageNews, PageContact, PageSearch:
		lo, hi = 24, 60
	case PageAZ:
		lo, hi = 24, 40
	}
	return (lo + g.rng.IntN(hi-lo+1)) << 10
}

// render appends the body of page i (or of the synthetic page p when
// i < 0), served as v says, and returns it.
func (s *site) render(b []byte, i int, p *page, v view) []byte {
	g := s.newGen(b, i, p, v)
	target := g.targetSize()
	notFound := i < 0 || p.status == 404 || p.broken
	g.head(notFound)
	g.header()
	if g.abs {
		g.b = append(g.b, s.navHTML(g.l, true)...)
	} else {
		g.b = append(g.b, s.navB[g.l]...)
	}
	g.crumbs()
	g.w(`<div class="container layout">`, "\n", `<main id="main-content" class="main-content" tabindex="-1">`, "\n")
	tail := len(s.footB[g.l]) + 1200 + 160*len(p.sidebar)
	if notFound {
		g.notFound()
	} else {
		g.main()
		for len(g.b)+tail < target {
			g.section()
		}
		g.closing()
		if p.lowContrast {
			g.w(`<p class="small-print">`, g.tx("This information is provided for guidance only and does not form part of any contract.",
				"Darperir yr wybodaeth hon fel canllaw yn unig."), "</p>\n")
		}
		g.w(`<p class="last-updated">`, g.tx("Last updated: ", "Diweddarwyd ddiwethaf: "), date(p.age+g.rng.IntN(200)), "</p>\n")
	}
	g.w("</main>\n")
	if len(p.sidebar) > 0 {
		g.w(`<aside class="sidebar" aria-labelledby="related-heading"><h2 id="related-heading">`,
			g.tx("Related pages", "Tudalennau cysylltiedig"), "</h2><ul>")
		for _, a := range p.sidebar {
			g.w("<li>")
			g.a(a, "")
			g.w("</li>")
		}
		g.w("</ul></aside>\n")
	}
	g.w("</div>\n")
	if g.abs {
		g.b = append(g.b, s.footerHTML(g.l, true)...)
	} else {
		g.b = append(g.b, s.footB[g.l]...)
	}
	g.w(`<script src="`, g.root(), `/assets/js/main.`, strconv.FormatUint(s.seed%0xfffff, 16), `.js" defer></script>`, "\n<script>", s.script, "</script>\n</body>\n</html>\n")
	return g.b
}

// head appends the document head and the body's opening.
func (g *gen) head(notFound bool) {
	s, p := g.s, g.p
	g.w("<!DOCTYPE html>\n<html")
	if !s.langMissing {
		g.w(` lang="`, p.lang, `"`)
	}
	g.w(` dir="ltr" class="no-js">`, "\n<head>\n")
	if !p.cp1252 {
		g.w(`<meta charset="utf-8">`, "\n")
	}
	g.w(`<meta http-equiv="X-UA-Compatible" content="IE=edge">`, "\n")
	if !s.tmpl[FaultNoViewport] {
		g.w(`<meta name="viewport" content="width=device-width, initial-scale=1">`, "\n")
	}
	g.w("<title>")
	title := p.title
	if notFound {
		title = g.tx("Page not found", "Heb ddod o hyd i'r dudalen")
	}
	g.e(title)
	if p.kind != PageHome || notFound {
		g.w(" | ")
		g.e(s.name)
	}
	g.w("</title>\n", `<meta name="description" content="`)
	mark := len(g.b)
	g.sentence()
	desc := string(g.b[mark:])
	g.b = g.b[:mark]
	g.e(desc)
	g.w(`">`, "\n", `<meta property="og:title" content="`)
	g.e(title)
	g.w(`">`, "\n", `<meta property="og:site_name" content="`)
	g.e(s.name)
	g.w(`">`, "\n", `<meta property="og:type" content="website">`, "\n")
	if g.i >= 0 && !notFound && !g.abs {
		g.w(`<link rel="canonical" href="`, s.origin())
		g.e(p.path)
		g.w(`">`, "\n")
		if p.twin >= 0 {
			g.w(`<link rel="alternate" hreflang="`, s.pages[p.twin].lang, `" href="`, s.origin())
			g.e(s.pages[p.twin].path)
			g.w(`">`, "\n")
		}
	}
	g.w(`<link rel="icon" href="`, g.root(), `/favicon.ico">`, "\n",
		`<link rel="stylesheet" href="`, g.root(), `/assets/css/main.`, strconv.FormatUint(s.seed%0xfffff, 16), `.css">`, "\n<style>", s.css, "</style>\n",
		`<script type="application/ld+json">{"@context":"https://schema.org","@type":"GovernmentOrganization","name":"`)
	g.e(s.name)
	g.w(`","url":"`, s.url(s.home), `","telephone":"`, s.phone, `"}</script>`, "\n</head>\n",
		`<body class="page-`, p.kind, `">`, "\n",
		`<a href="#main-content" class="skip-link">`, g.tx("Skip to main content", "Neidio i'r prif gynnwys"), "</a>\n")
}

// header appends the cookie banner and the site header.
func (g *gen) header() {
	s := g.s
	h := s.header[g.l]
	g.w(`<div class="cookie-banner" role="region" aria-label="`, g.tx("Cookie banner", "Baner cwcis"), `"><div class="container"><p>`,
		g.tx("We use some essential cookies to make this website work. We would like to set additional cookies to understand how you use the site and to improve our services.",
			"Rydym yn defnyddio rhai cwcis hanfodol i wneud i'r wefan hon weithio. Hoffem osod cwcis ychwanegol i ddeall sut rydych yn defnyddio'r wefan."),
		`</p><button type="button" class="button" data-cookie-accept>`, g.tx("Accept additional cookies", "Derbyn cwcis ychwanegol"),
		`</button> <button type="button" class="button button--secondary" data-cookie-reject>`, g.tx("Reject additional cookies", "Gwrthod cwcis ychwanegol"),
		"</button></div></div>\n",
		`<header class="site-header" role="banner"><div class="container">`, "\n", `<a href="`)
	g.href(h[0].to, g.abs)
	g.w(`" class="site-logo"><img src="`, g.root(), `/images/logo.svg"`)
	if !s.tmpl[FaultImgNoAlt] {
		g.w(` alt="`)
		g.e(s.name)
		g.w(` logo"`)
	}
	g.w(` width="220" height="60"><span class="visually-hidden">`)
	g.e(h[0].text)
	g.w("</span></a>\n", `<nav class="utility-nav" aria-label="`, g.tx("Utility", "Cyfleustodau"), `"><ul>`, "<li>")
	g.a(h[1], "")
	g.w("</li>")
	ls := -1
	switch {
	case g.i >= 0:
		ls = s.langSwitch(g.i)
	case s.welsh:
		ls = s.cyHome
	}
	if ls >= 0 {
		lang, text := "cy", "Cymraeg"
		if g.l == 1 {
			lang, text = "en", "English"
		}
		g.w(`<li><a href="`)
		g.href(ls, g.abs)
		g.w(`" lang="`, lang, `" hreflang="`, lang, `">`, text, "</a></li>")
	}
	for _, a := range h[2:5] {
		g.w("<li>")
		g.a(a, "")
		g.w("</li>")
	}
	g.w("</ul></nav>\n")
	if s.searchVariant == SearchNone {
		g.w("</div></header>\n")
		return
	}
	g.w(`<form class="site-search"`)
	g.searchFormAttrs()
	g.w(` role="search"><label for="site-search-q" class="visually-hidden">`,
		g.tx("Search this site", "Chwilio'r wefan"), `</label><input type="search" id="site-search-q" name="q" placeholder="`, g.tx("Search", "Chwilio"),
		`"><button type="submit">`, svgSearch, `<span class="visually-hidden">`, g.tx("Search", "Chwilio"), "</span></button></form>\n",
		`<a href="`)
	g.href(h[5].to, g.abs)
	g.w(`" class="search-toggle">`, svgSearch, `<span class="visually-hidden">`)
	g.e(h[5].text)
	g.w("</span></a>\n</div></header>\n")
}

// searchFormAttrs appends the action and method attributes of a search
// form.
func (g *gen) searchFormAttrs() {
	g.w(` action="`)
	g.e(g.s.searchAction())
	g.w(`" method="`, g.s.searchMethod(), `"`)
}

// crumbs appends the breadcrumb trail.
func (g *gen) crumbs() {
	s := g.s
	var trail []int
	if g.i >= 0 {
		trail = s.crumbs(g.i)
	}
	if len(trail) == 0 {
		return
	}
	g.w(`<nav class="breadcrumbs" aria-label="`, g.tx("Breadcrumb", "Briwsion bara"), `"><div class="container"><ol>`)
	for _, c := range trail {
		g.w(`<li><a href="`)
		g.href(c, g.abs)
		g.w(`">`)
		if s.pages[c].kind == PageHome {
			g.w(g.tx("Home", "Hafan"))
		} else {
			g.e(s.pages[c].title)
		}
		g.w("</a></li>")
	}
	g.w(`<li aria-current="page">`)
	g.e(g.p.title)
	g.w("</li></ol></div></nav>\n")
}

// inline appends a paragraph ending in a link.
func (g *gen) inline(a anchor) {
	g.w("<p>")
	g.sentence()
	g.w(" ")
	ts := enInline
	if g.l == 1 {
		ts = cyInline
	}
	t := ts[g.rng.IntN(len(ts))]
	k := strings.Index(t, "%s")
	g.w(t[:k])
	g.a(a, "")
	g.w(t[k+2:], "</p>\n")
}

// anchors returns the page's links of a role.
func (g *gen) anchors(role uint8) []anchor {
	var out []anchor
	for _, a := range g.p.links {
		if a.role == role {
			out = append(out, a)
		}
	}
	return out
}

// desc appends a one-line description of a link's target.
func (g *gen) desc(a anchor) {
	if a.to >= 0 {
		t := g.s.pages[a.to]
		if t.kind == PageLanding && t.section >= 0 && t.lang == "en" {
			g.e(g.s.sections[t.section].def.desc)
			return
		}
	}
	g.sentence()
}

// main appends the page's main content.
func (g *gen) main() {
	s, p := g.s, g.p
	g.w("<h1>")
	if p.kind == PageHome {
		g.w(g.tx("Welcome to ", "Croeso i "))
	}
	g.e(p.title)
	g.w("</h1>\n")
	if p.kind == PageNews && p.parent >= 0 && s.pages[p.parent].kind == PageNews {
		g.w(`<p class="published">`, g.tx("Published: ", "Cyhoeddwyd: "), date(p.age), "</p>\n")
	}
	if p.cp1252 {
		g.w(`<p class="fees-note">The standard fee is £`, strconv.Itoa(20+g.rng.IntN(80)), ".00 and concessions are available.</p>\n")
	}
	g.w(`<p class="lead">`)
	g.sentence()
	g.w(" ")
	g.sentence()
	g.w("</p>\n")

	switch p.kind {
	case PageHome:
		if s.searchVariant != SearchNone {
			g.w(`<section class="hero"><form`)
			g.searchFormAttrs()
			g.w(` role="search"><label for="hero-search">`,
				g.tx("What are you looking for?", "Am beth ydych chi'n chwilio?"), `</label><input type="search" id="hero-search" name="q"><button type="submit" class="button">`,
				g.tx("Search", "Chwilio"), "</button></form></section>\n")
		}
		if top := g.anchors(aTop); len(top) > 0 {
			g.w(`<section class="top-tasks"><h2>`, g.tx("Popular tasks", "Tasgau poblogaidd"), `</h2><ul class="top-tasks__list">`)
			for _, a := range top {
				g.w("<li>")
				g.a(a, "top-task")
				g.w("</li>")
			}
			g.w("</ul></section>\n")
		}
	case PageTask:
		g.task()
	case PageAZ:
		g.az()
	case PageSearch:
		g.searchPage()
	case PageContact:
		g.w(`<div class="contact-details"><h2>`, g.tx("Telephone", "Ffôn"), "</h2><p>", s.phone, "</p><h2>",
			g.tx("Opening hours", "Oriau agor"), "</h2><p>", g.tx("Monday to Thursday 9am to 5pm, Friday 9am to 4.30pm", "Dydd Llun i ddydd Iau 9am tan 5pm, dydd Gwener 9am tan 4.30pm"),
			"</p><h2>", g.tx("Address", "Cyfeiriad"), "</h2><p>")
		g.e(s.name)
		g.w("<br>", g.tx("Council Offices", "Swyddfeydd y Cyngor"), "<br>")
		g.e(s.area)
		g.w("</p></div>\n")
	case PageStatement:
		g.statement()
	}
	if p.imgNoAlt || g.rng.IntN(3) == 0 {
		g.image(p.imgNoAlt)
	}
	if list := g.anchors(aList); len(list) > 0 && p.kind != PageAZ {
		heading := g.tx("In this section", "Yn yr adran hon")
		switch p.kind {
		case PageHome:
			heading = g.tx("Council services", "Gwasanaethau'r cyngor")
		case PageContact:
			heading = g.tx("Contact a service", "Cysylltu â gwasanaeth")
		case PageNews:
			heading = g.tx("Latest news", "Newyddion diweddaraf")
		}
		g.w("<h2>", heading, `</h2>`, "\n", `<ul class="link-list">`)
		for _, a := range list {
			g.w(`<li class="link-list__item"><h3>`)
			g.a(a, "")
			g.w("</h3><p>")
			if p.kind == PageNews && a.to >= 0 {
				g.w(date(s.pages[a.to].age), ": ")
			}
			g.desc(a)
			g.w("</p></li>\n")
		}
		g.w("</ul>\n")
	}
	for _, a := range g.anchors(aMore) {
		g.w(`<p class="more">`)
		g.a(a, "more-link")
		g.w("</p>\n")
	}
	if news := g.anchors(aNews); len(news) > 0 {
		g.w(`<section class="news-teasers"><h2>`, g.tx("Latest news", "Newyddion diweddaraf"), "</h2>\n")
		for _, a := range news {
			g.w(`<article class="teaser"><h3>`)
			g.a(a, "")
			g.w(`</h3><p class="teaser__date">`, date(s.pages[a.to].age), "</p><p>")
			g.sentence()
			g.w("</p></article>\n")
		}
		g.w("</section>\n")
	}
	g.para(2 + g.rng.IntN(3))
	for _, a := range g.anchors(aInline) {
		g.inline(a)
	}
	if docs := g.anchors(aDoc); len(docs) > 0 && p.kind != PageTask {
		g.documents(docs)
	}
	if pager := g.anchors(aPager); len(pager) > 0 {
		g.w(`<nav class="pagination" aria-label="`, g.tx("Pagination", "Tudalennau"), `"><ul>`)
		for _, a := range pager {
			g.w("<li>")
			g.a(a, "pagination__link")
			g.w("</li>")
		}
		g.w("</ul></nav>\n")
	}
	for _, a := range g.anchors(aIcon) {
		g.w(`<p class="share"><a href="`)
		g.e(a.ext)
		g.w(`" class="icon-link">`, svgPlay, "</a></p>\n")
	}
}

// closing appends what ends the main content: an email sign-up box
// (without a label on a page with the input-no-label fault) and the
// feedback buttons.
func (g *gen) closing() {
	s, p := g.s, g.p
	if p.inputNoLabel {
		g.w(`<div class="signup"><h2>`, g.tx("Get email updates", "Cael diweddariadau e-bost"), `</h2><form action="https://public.govdelivery.com/accounts/UK`,
			strings.ToUpper(s.slug), `/subscribers/qualify" method="post"><input type="email" name="email" placeholder="`,
			g.tx("Email address", "Cyfeiriad e-bost"), `"><button type="submit" class="button">`, g.tx("Sign up", "Cofrestru"), "</button></form></div>\n")
	} else if g.rng.IntN(4) == 0 {
		g.w(`<div class="signup"><h2>`, g.tx("Get email updates", "Cael diweddariadau e-bost"), `</h2><form action="https://public.govdelivery.com/accounts/UK`,
			strings.ToUpper(s.slug), `/subscribers/qualify" method="post"><label for="signup-email">`, g.tx("Email address", "Cyfeiriad e-bost"),
			`</label><input type="email" id="signup-email" name="email" autocomplete="email"><button type="submit" class="button">`,
			g.tx("Sign up", "Cofrestru"), "</button></form></div>\n")
	}
	if p.kind != PageHome && p.kind != PageSearch {
		g.w(`<div class="feedback"><p>`, g.tx("Was this page helpful?", "Oedd y dudalen hon yn ddefnyddiol?"),
			`</p><button type="button" class="button button--small" data-feedback="yes">`, g.tx("Yes", "Oedd"),
			`</button> <button type="button" class="button button--small" data-feedback="no">`, g.tx("No", "Nac oedd"), "</button></div>\n")
	}
}

// documents appends a list of document links.
func (g *gen) documents(docs []anchor) {
	g.w("<h2>", g.tx("Documents", "Dogfennau"), `</h2><ul class="documents">`)
	for _, a := range docs {
		g.w(`<li class="document">`)
		g.a(a, "document__link")
		size := 0
		if a.to >= 0 {
			size = g.s.pages[a.to].pdfSize
		}
		g.w(` <span class="document__meta">(PDF, `, strconv.Itoa((size+1023)/1024), "KB)</span></li>\n")
	}
	g.w("</ul>\n")
}

// task appends a task page's online route.
func (g *gen) task() {
	s, p := g.s, g.p
	t := s.tasks[p.task]
	g.w("<h2>", g.tx("What you need", "Beth sydd ei angen arnoch"), `</h2><ul class="list-bullet">`)
	for _, f := range t.def.fields {
		g.w("<li>")
		g.e(strings.TrimSuffix(strings.TrimSuffix(f, "?"), " (£)"))
		g.w("</li>")
	}
	g.w("</ul>\n")
	switch t.mode {
	case modeForm:
		g.w(`<form class="service-form" action="`)
		g.e(formAction(p.path, t.action))
		g.w(`" method="`, t.def.method, `">`, "\n")
		for k, f := range t.def.fields {
			id := "field-" + strconv.Itoa(k+1)
			g.w(`<div class="field"><label for="`, id, `">`)
			g.e(f)
			g.w(`</label><input type="text" id="`, id, `" name="`, slugify(f), `"></div>`, "\n")
		}
		g.w(`<button type="submit" class="button">`, g.tx("Continue", "Parhau"), "</button></form>\n")
	case modePortal:
		g.w("<p>")
		g.w(g.tx("You can do this online using our secure service.", "Gallwch wneud hyn ar-lein drwy ein gwasanaeth diogel."))
		g.w("</p>\n")
		for _, a := range g.anchors(aStart) {
			g.w(`<p>`)
			g.a(a, "button button--start")
			g.w("</p>\n")
		}
	case modePDF:
		g.w("<p>", g.tx("Download the application form, print it, fill it in and post it to us or bring it to the council offices.",
			"Lawrlwythwch y ffurflen gais, ei hargraffu a'i phostio atom."), "</p>\n")
		g.documents(g.anchors(aDoc))
	}
}

// az appends the A to Z index.
func (g *gen) az() {
	list := g.anchors(aList)
	letter := func(a anchor) byte {
		if a.text == "" {
			return '#'
		}
		c := a.text[0]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		return c
	}
	g.w(`<nav class="az-letters" aria-label="A to Z"><ul>`)
	var prev byte
	for _, a := range list {
		if c := letter(a); c != prev {
			g.w(`<li><a href="#az-`, string(c), `">`, string(c), "</a></li>")
			prev = c
		}
	}
	g.w("</ul></nav>\n")
	prev = 0
	for k, a := range list {
		if c := letter(a); c != prev {
			if k > 0 {
				g.w("</ul>\n")
			}
			g.w(`<h2 id="az-`, string(c), `">`, string(c), `</h2><ul class="az-list">`)
			prev = c
		}
		g.w("<li>")
		g.a(a, "")
		g.w("</li>")
	}
	if len(list) > 0 {
		g.w("</ul>\n")
	}
}

// searchPage appends the search form and, when the request gets results,
// a page of them: an ordered list of links, then a link to the next page
// (a button for a POST search) when there are more. They are the only
// links of the main content, so its first links are the best results.
func (g *gen) searchPage() {
	s := g.s
	q := ""
	if g.ask != nil {
		q = g.ask.q
	}
	g.w(`<form class="search-form"`)
	g.searchFormAttrs()
	g.w(`><label for="search-page-q">`, g.tx("Search this site", "Chwilio'r wefan"),
		`</label><input type="search" id="search-page-q" name="q" value="`)
	g.e(q)
	g.w(`"><button type="submit" class="button">`, g.tx("Search", "Chwilio"), "</button></form>\n")
	if q == "" {
		g.w("<p>", g.tx("Enter a search term above.", "Rhowch derm chwilio uchod."), "</p>\n")
		return
	}
	results := s.index.search(q)
	from := min((g.ask.page-1)*resultsPerPage, len(results))
	to := min(from+resultsPerPage, len(results))
	g.w(`<p class="search-summary">`)
	switch {
	case from == to:
		g.w("No results")
	case from == 0 && to == len(results):
		g.w(strconv.Itoa(len(results)), " results")
	default:
		g.w("Results ", strconv.Itoa(from+1), " to ", strconv.Itoa(to), " of ", strconv.Itoa(len(results)))
	}
	g.w(" for &#8220;")
	g.e(q)
	g.w("&#8221;</p>\n")
	if from < to {
		g.w(`<ol class="search-results" start="`, strconv.Itoa(from+1), `">`, "\n")
		for _, i := range results[from:to] {
			p := s.pages[i]
			g.w(`<li class="search-result"><h3><a href="`)
			g.href(i, g.abs)
			g.w(`">`)
			g.e(p.title)
			g.w("</a></h3><p>")
			if p.kind == PagePDF {
				g.w(`<span class="search-result__meta">PDF, `, strconv.Itoa((p.pdfSize+1023)/1024), "KB</span> ")
			}
			g.desc(anchor{to: i})
			g.w("</p></li>\n")
		}
		g.w("</ol>\n")
	}
	if to == len(results) {
		return
	}
	next := strconv.Itoa(g.ask.page + 1)
	if s.searchMethod() == "post" {
		g.w(`<form class="search-next"`)
		g.searchFormAttrs()
		g.w(`><input type="hidden" name="q" value="`)
		g.e(q)
		g.w(`"><input type="hidden" name="page" value="`, next, `"><button type="submit" class="button">Next page</button></form>`, "\n")
		return
	}
	g.w(`<p class="search-next"><a href="`)
	g.e(s.searchAction() + "?q=" + url.QueryEscape(q) + "&page=" + next)
	g.w(`" rel="next">Next page</a></p>`, "\n")
}

// statement appends the accessibility statement's sections.
func (g *gen) statement() {
	s := g.s
	compliance := g.tx("partially compliant", "cydymffurfio'n rhannol")
	if s.good {
		compliance = g.tx("fully compliant", "cydymffurfio'n llawn")
	}
	g.w("<p>", g.tx("This accessibility statement applies to ", "Mae'r datganiad hygyrchedd hwn yn berthnasol i "), s.host, ".</p>\n")
	g.w("<h2>", g.tx("How accessible this website is", "Pa mor hygyrch yw'r wefan hon"), "</h2>\n")
	g.para(3)
	g.w("<h2>", g.tx("Reporting accessibility problems with this website", "Rhoi gwybod am broblemau hygyrchedd"), "</h2>\n")
	g.para(2)
	g.w("<h2>", g.tx("Enforcement procedure", "Gweithdrefn orfodi"), "</h2>\n<p>",
		g.tx("The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.",
			"Y Comisiwn Cydraddoldeb a Hawliau Dynol sy'n gyfrifol am orfodi'r rheoliadau hygyrchedd."), "</p>\n")
	g.w("<h2>", g.tx("Compliance status", "Statws cydymffurfio"), "</h2>\n<p>",
		g.tx("This website is "+compliance+" with the Web Content Accessibility Guidelines version 2.2 AA standard.",
			"Mae'r wefan hon yn "+compliance+" â safon AA fersiwn 2.2 o Ganllawiau Hygyrchedd Cynnwys y We."), "</p>\n")
	g.w("<h2>", g.tx("Preparation of this accessibility statement", "Paratoi'r datganiad hwn"), "</h2>\n<p>",
		g.tx("This statement was prepared on ", "Paratowyd y datganiad hwn ar "), date(400+g.rng.IntN(300)), ". ",
		g.tx("It was last reviewed on ", "Fe'i adolygwyd ddiwethaf ar "), date(10+g.rng.IntN(200)), ".</p>\n")
}

// notFound appends the main content of the "Page not found" page.
func (g *gen) notFound() {
	g.w("<h1>", g.tx("Page not found", "Heb ddod o hyd i'r dudalen"), "</h1>\n<p>",
		g.tx("If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.",
			"Os gwnaethoch deipio'r cyfeiriad, gwiriwch ei fod yn gywir."), "</p>\n")
	if g.s.searchVariant != SearchNone {
		g.w(`<form class="search-form"`)
		g.searchFormAttrs()
		g.w(`><label for="nf-q">`, g.tx("Search this site", "Chwilio'r wefan"),
			`</label><input type="search" id="nf-q" name="q"><button type="submit" class="button">`, g.tx("Search", "Chwilio"), "</button></form>\n")
	}
	g.para(2)
}

// toWindows1252 re-encodes a UTF-8 body: ASCII as is, £ as 0xA3, anything
// else as a numeric character reference.
func toWindows1252(src []byte, dst []byte) []byte {
	for len(src) > 0 {
		c := src[0]
		if c < utf8.RuneSelf {
			dst = append(dst, c)
			src = src[1:]
			continue
		}
		r, n := utf8.DecodeRune(src)
		src = src[n:]
		if r == '£' {
			dst = append(dst, 0xA3)
			continue
		}
		dst = append(dst, "&#"...)
		dst = strconv.AppendInt(dst, int64(r), 10)
		dst = append(dst, ';')
	}
	return dst
}

// Inline icons.
const (
	svgSearch = `<svg class="icon" aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24"><path fill="currentColor" d="M15.5 14h-.79l-.28-.27A6.47 6.47 0 0 0 16 9.5 6.5 6.5 0 1 0 9.5 16c1.61 0 3.09-.59 4.23-1.57l.27.28v.79l5 4.99L20.49 19l-4.99-5zm-6 0C7.01 14 5 11.99 5 9.5S7.01 5 9.5 5 14 7.01 14 9.5 11.99 14 9.5 14z"/></svg>`
	svgPlay   = `<svg class="icon" aria-hidden="true" focusable="false" width="24" height="24" viewBox="0 0 24 24"><path fill="currentColor" d="M21.58 7.19a2.5 2.5 0 0 0-1.76-1.77C18.25 5 12 5 12 5s-6.25 0-7.82.42A2.5 2.5 0 0 0 2.42 7.2 26.2 26.2 0 0 0 2 12a26.2 26.2 0 0 0 .42 4.81 2.5 2.5 0 0 0 1.76 1.77C5.75 19 12 19 12 19s6.25 0 7.82-.42a2.5 2.5 0 0 0 1.76-1.77A26.2 26.2 0 0 0 22 12a26.2 26.2 0 0 0-.42-4.81zM10 15V9l5.2 3-5.2 3z"/></svg>`
	svgMenu   = `<svg class="icon" aria-hidden="true" focusable="false" width="24" height="24" viewBox="0 0 24 24"><path fill="currentColor" d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z"/></svg>`
	svgSocial = `<svg class="icon" aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24"><path fill="currentColor" d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm-1-13h2v6h-2zm0 8h2v2h-2z"/></svg>`
)

// prerender renders the navigation and footer of each language once.
func (s *site) prerender() {
	for l := 0; l < 2; l++ {
		if l == 1 && !s.welsh {
			break
		}
		s.navB[l] = s.navHTML(l, s.absNav)
		s.footB[l] = s.footerHTML(l, false)
	}
}

// navHTML renders the navigation of a language, its links absolute or not.
func (s *site) navHTML(l int, abs bool) []byte {
	g := &gen{s: s, l: l}
	g.w(`<nav class="mega-nav" id="main-nav" aria-label="`, g.tx("Main navigation", "Prif lywio"), `"><div class="container">`,
		`<button type="button" class="menu-toggle" aria-expanded="false" aria-controls="main-nav-list">`)
	if s.tmpl[FaultEmptyButton] {
		g.w(svgMenu)
	} else {
		g.w(g.tx("Menu", "Dewislen"))
	}
	g.w("</button>\n", `<ul class="mega-nav__list" id="main-nav-list">`, "\n")
	nav := s.nav[l]
	for k, start := range s.navIdx[l] {
		end := len(nav)
		if k+1 < len(s.navIdx[l]) {
			end = s.navIdx[l][k+1]
		}
		sec := s.sections[k]
		g.w(`<li class="mega-nav__item"><a href="`)
		g.href(nav[start].to, abs)
		g.w(`" class="mega-nav__link">`)
		g.e(nav[start].text)
		g.w(`</a><div class="mega-nav__panel"><p class="mega-nav__desc">`)
		if l == 0 {
			g.e(sec.def.desc)
		} else {
			g.e(sec.def.welsh)
		}
		g.w(`</p><ul class="mega-nav__children">`)
		for _, a := range nav[start+1 : end] {
			g.w(`<li><a href="`)
			g.href(a.to, abs)
			g.w(`">`)
			g.e(a.text)
			g.w("</a></li>")
		}
		g.w("</ul></div></li>\n")
	}
	g.w("</ul></div></nav>\n")
	return g.b
}

// footerHTML renders the footer of a language, its links absolute or not.
func (s *site) footerHTML(l int, abs bool) []byte {
	g := &gen{s: s, l: l, view: view{abs: abs}}
	g.w(`<footer class="site-footer" role="contentinfo"><div class="container">`, "\n",
		`<div class="footer-contact"><h2>`, g.tx("Contact the council", "Cysylltu â'r cyngor"), "</h2><p>")
	g.e(s.name)
	g.w("<br>", g.tx("Council Offices", "Swyddfeydd y Cyngor"), "<br>", g.tx("Telephone: ", "Ffôn: "), s.phone, "</p></div>\n",
		`<nav class="footer-nav" aria-label="`, g.tx("Footer", "Troedyn"), `"><ul>`)
	var social []anchor
	for _, a := range s.footer[l] {
		if a.to < 0 && (a.text == "Facebook" || a.text == "X (Twitter)" || a.text == "Instagram" || a.text == "YouTube" || a.text == "LinkedIn") {
			social = append(social, a)
			continue
		}
		g.w("<li>")
		g.a(a, "")
		g.w("</li>")
	}
	g.w("</ul></nav>\n", `<ul class="social-links">`)
	for _, a := range social {
		g.w(`<li><a href="`)
		g.e(a.ext)
		g.w(`" class="social-link">`, svgSocial)
		if !s.tmpl[FaultEmptyLink] {
			g.w(`<span class="social-link__text">`)
			g.e(a.text)
			g.w("</span>")
		}
		g.w("</a></li>")
	}
	g.w("</ul>\n")
	if s.tmpl[FaultInputNoLabel] {
		g.w(`<form class="footer-signup" action="https://public.govdelivery.com/accounts/UK`, strings.ToUpper(s.slug),
			`/subscribers/qualify" method="post"><input type="email" name="email" placeholder="`, g.tx("Your email address", "Eich cyfeiriad e-bost"),
			`"><button type="submit" class="button button--small">`, g.tx("Subscribe", "Tanysgrifio"), "</button></form>\n")
	}
	g.w(`<p class="copyright">&copy; `, strconv.Itoa(baseDate.Year()), " ")
	g.e(s.name)
	g.w("</p>\n</div></footer>\n")
	return g.b
}
