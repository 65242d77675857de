package simweb

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// The CMS styles of a site's URLs: how its content management system
// builds the paths of its service pages. Most sites are plain; a minority
// get one of cmsStyles (see planCMS).
const (
	// cmsPlain: /council-tax/pay-your-council-tax, the landing page's path
	// and the page's slug.
	cmsPlain = "plain"
	// cmsJadu: /info/20177/council_tax/257/pay_your_council_tax, a
	// category's number and slug, then the page's number and its title
	// with underscores; landing pages are /info/20177/council_tax.
	cmsJadu = "jadu"
	// cmsArticle: /article/6199/Pay-your-council-tax, every information
	// and task page under /article/ with a number and its title, case
	// kept; landing pages are plain.
	cmsArticle = "article"
	// cmsSharePoint: /Resident/Council-Tax/Pay-Council-Tax/Pages/default.aspx,
	// each page a SharePoint site of its own; landing pages are
	// /Resident/Council-Tax/Pages/default.aspx.
	cmsSharePoint = "sharepoint"
	// cmsASPX: /Resident/Council-Tax/Pay-Council-Tax.aspx, a page name in
	// title case; landing pages are /Resident/Council-Tax/Council-Tax.aspx.
	cmsASPX = "aspx"
	// cmsNumbered: /council-tax/pay-council-tax/2, a number after the
	// slug of information and task pages.
	cmsNumbered = "numbered"
	// cmsVanity: task pages at a short vanity path of glued words or camel
	// case (/missedbin, /PayCouncilTax); other pages are plain.
	cmsVanity = "vanity"
)

// cmsStyles lists the styles other than plain, in the order planCMS deals
// them out.
var cmsStyles = []string{cmsJadu, cmsArticle, cmsSharePoint, cmsASPX, cmsNumbered, cmsVanity}

// cmsShare is the share of sites whose CMS has a style other than plain.
const cmsShare = 0.25

// planCMS gives a quarter of the sites (rounded) a CMS style, dealt out
// in cmsStyles order over the sites in a seeded order, so that every style
// is on a site once there are 22 sites. A site whose robots.txt excludes a
// section does not get the article style, under which a section's pages
// share no directory to exclude. It draws from a generator of its own, so
// the other choices are those of a web without CMS styles.
func planCMS(specs []*siteSpec, seed int64) {
	rng := rand.New(rand.NewPCG(uint64(seed), 0xc35c35))
	for _, sp := range specs {
		sp.cms = cmsPlain
	}
	n := int(math.Round(cmsShare * float64(len(specs))))
	order := rng.Perm(len(specs))
	for k := 0; k < n; k++ {
		style := cmsStyles[k%len(cmsStyles)]
		for _, i := range order {
			sp := specs[i]
			if sp.cms != cmsPlain || style == cmsArticle && sp.faults[FaultRobotsExclusion] {
				continue
			}
			sp.cms = style
			break
		}
	}
}

// sharePointRoots are the first segments of a SharePoint site's service
// pages: English and Welsh.
var sharePointRoots = [][2]string{{"/Resident", ""}, {"/Residents", ""}, {"/Services", ""}, {"/Living", ""}}

// welshSharePointRoots are those of a bilingual SharePoint site.
var welshSharePointRoots = [][2]string{{"/en/Resident", "/cy/Preswylydd"}, {"/en/Living", "/cy/Byw"}}

// cmsSetup makes the site's CMS choices that precede its pages.
func (b *builder) cmsSetup() {
	s, rng := b.s, b.crng
	s.cms = b.sp.cms
	switch s.cms {
	case cmsSharePoint, cmsASPX:
		if s.welsh {
			s.spRoot = choose(rng, welshSharePointRoots)
		} else {
			s.spRoot = choose(rng, sharePointRoots)
		}
	case cmsJadu:
		s.nextNum = 20000 + rng.IntN(300)
	case cmsArticle:
		s.nextNum = 1000 + rng.IntN(8000)
	}
	s.vanityCamel = rng.IntN(2) == 1
}

// pageNum returns the number of a new page: ascending, with gaps.
func (b *builder) pageNum() int {
	s := b.s
	switch s.cms {
	case cmsJadu, cmsArticle:
		s.nextNum += 1 + b.crng.IntN(40)
		return s.nextNum
	case cmsNumbered:
		return 1 + b.crng.IntN(9)
	}
	return 0
}

// landingPath returns the path of a section's landing page, its slug
// being slug, and sets the section's numbers.
func (b *builder) landingPath(sec *siteSection, prefix, slug string) string {
	s := b.s
	switch s.cms {
	case cmsJadu:
		sec.num = b.pageNum()
		return "/info/" + strconv.Itoa(sec.num) + "/" + underscored(slug)
	case cmsSharePoint:
		return s.spRoot[0] + "/" + titleCaseSlug(slug) + "/Pages/default.aspx"
	case cmsASPX:
		t := titleCaseSlug(slug)
		return s.spRoot[0] + "/" + t + "/" + t + ".aspx"
	}
	return prefix + "/" + slug
}

// sectionDir returns the directory holding a section's pages, ending in
// "/", or "" when they share none.
func (s *site) sectionDir(sec *siteSection) string {
	switch s.cms {
	case cmsArticle:
		return ""
	case cmsSharePoint, cmsASPX:
		return spDir(sec.path)
	}
	return sec.path + "/"
}

// spDir returns the directory of a SharePoint landing page's section:
// "/Resident/Council-Tax/" of /Resident/Council-Tax/Pages/default.aspx
// and of /Resident/Council-Tax/Council-Tax.aspx.
func spDir(landing string) string {
	if d, ok := strings.CutSuffix(landing, "Pages/default.aspx"); ok {
		return d
	}
	return landing[:strings.LastIndexByte(landing, '/')+1]
}

// infoPath returns the path of an information page of a section with the
// title and slug, under parent (the landing page, or a page of a chain to a
// buried task) on a plain site.
func (b *builder) infoPath(sec *siteSection, parent, title, slug string) string {
	return b.stylePath(sec, parent, title, slug, b.pageNum())
}

// stylePath returns the path of a page of a section in the site's style,
// numbered num where the style numbers pages.
func (b *builder) stylePath(sec *siteSection, parent, title, slug string, num int) string {
	s := b.s
	switch s.cms {
	case cmsJadu:
		return sec.path + "/" + strconv.Itoa(num) + "/" + underscored(slugify(title))
	case cmsArticle:
		return "/article/" + strconv.Itoa(num) + "/" + caseSlug(title)
	case cmsSharePoint:
		return s.sectionDir(sec) + titleCaseSlug(slug) + "/Pages/default.aspx"
	case cmsASPX:
		return s.sectionDir(sec) + titleCaseSlug(slug) + ".aspx"
	case cmsNumbered:
		return sec.path + "/" + slug + "/" + strconv.Itoa(num)
	}
	return parent + "/" + slug
}

// taskPath returns the path of a task's page, under parent on a plain
// site, and sets the task's number.
func (b *builder) taskPath(sec *siteSection, t *siteTask, parent string) string {
	if b.s.cms == cmsVanity {
		return "/" + t.vanity
	}
	t.num = b.pageNum()
	return b.stylePath(sec, parent, t.title, t.slug, t.num)
}

// welshLandingPath returns the path of a section's Welsh landing page.
func (s *site) welshLandingPath(sec *siteSection) string {
	slug := sec.def.welshSlug
	switch s.cms {
	case cmsJadu:
		return "/cy/info/" + strconv.Itoa(sec.num) + "/" + underscored(slug)
	case cmsSharePoint:
		return s.spRoot[1] + "/" + titleCaseSlug(slug) + "/Pages/default.aspx"
	case cmsASPX:
		t := titleCaseSlug(slug)
		return s.spRoot[1] + "/" + t + "/" + t + ".aspx"
	}
	return "/cy/" + slug
}

// welshTaskPath returns the path of a task's Welsh page, whose landing
// page (the section's Welsh one) has the path landing: numbered as the
// English page is.
func (s *site) welshTaskPath(t *siteTask, landing string) string {
	slug := t.welshSlug
	switch s.cms {
	case cmsJadu:
		return landing + "/" + strconv.Itoa(t.num) + "/" + underscored(slugify(t.welshTitle))
	case cmsArticle:
		return "/cy/article/" + strconv.Itoa(t.num) + "/" + caseSlug(t.welshTitle)
	case cmsSharePoint:
		return spDir(landing) + titleCaseSlug(slug) + "/Pages/default.aspx"
	case cmsASPX:
		return spDir(landing) + titleCaseSlug(slug) + ".aspx"
	case cmsNumbered:
		return landing + "/" + slug + "/" + strconv.Itoa(t.num)
	}
	return landing + "/" + slug
}

// formAction returns the action of a task page's form: the action's
// segment after the page's path, or on an ASP.NET page (.aspx) the page
// itself, which posts back to itself.
func formAction(path, action string) string {
	if strings.HasSuffix(path, ".aspx") {
		return path
	}
	return path + "/" + action
}

// chooseVanity chooses the vanity path of the task of index k on a vanity
// site: glued words and camel case alternate over the site's tasks.
func (b *builder) chooseVanity(t *siteTask, k int) {
	if b.s.cms != cmsVanity {
		return
	}
	vs := t.def.glued
	if (k%2 == 1) != b.s.vanityCamel {
		vs = t.def.camel
	}
	t.vanity = choose(b.crng, vs)
}

// underscored returns a slug with underscores for hyphens, as Jadu writes
// them: "council_tax".
func underscored(slug string) string { return strings.ReplaceAll(slug, "-", "_") }

// caseSlug returns a slug of a title keeping its letters' case:
// "Pay-your-council-tax", "Blue-Badge-parking-permits".
func caseSlug(title string) string { return makeSlug(title, true) }

// smallWords stay lower case in a title-case slug.
var smallWords = map[string]bool{"a": true, "an": true, "and": true, "or": true, "of": true, "the": true, "to": true,
	"for": true, "in": true, "on": true, "at": true, "by": true, "with": true,
	"y": true, "yr": true, "ac": true, "ar": true, "i": true, "ir": true, "ich": true, "o": true, "am": true, "yn": true, "ei": true,
	"eu": true, "eich": true, "fy": true, "heb": true, "mewn": true, "neu": true}

// titleCaseSlug capitalises the words of a slug but its small words:
// "bins-and-recycling" is "Bins-and-Recycling".
func titleCaseSlug(slug string) string {
	ws := strings.Split(slug, "-")
	for i, w := range ws {
		if w == "" || i > 0 && smallWords[w] {
			continue
		}
		if c := w[0]; c >= 'a' && c <= 'z' {
			ws[i] = string(c-'a'+'A') + w[1:]
		}
	}
	return strings.Join(ws, "-")
}
