package scoring

import (
	"fmt"
	"sort"
	"strings"

	"github.com/councilbench/councilbench"
)

// featurePage finds the page a feature's patterns name: the one the home
// page links to, else the most linked. It returns the page, a link naming
// it, and every page the patterns name.
func (x *siteIndex) featurePage(fp *featurePatterns) (*councilbench.Page, *inLink, []*councilbench.Page) {
	var all []*councilbench.Page
	var best *councilbench.Page
	var bestLink *inLink
	bestRank := -1
	for _, p := range x.okPages {
		if p == x.home {
			continue
		}
		var link *inLink
		for i := range x.inbound[p] {
			if l := &x.inbound[p][i]; fp.text.match(l.ws) != nil {
				if link == nil || l.from == x.home {
					link = l
				}
			}
		}
		if link == nil && fp.url.match(x.urlWords(p.URL)) == nil {
			continue
		}
		all = append(all, p)
		rank := x.linkFreq[p.URL]
		if link != nil && link.from == x.home {
			rank += 1 << 20
		}
		if rank > bestRank || rank == bestRank && depthLess(p.Depth, best.Depth) {
			best, bestLink, bestRank = p, link, rank
		}
	}
	return best, bestLink, all
}

// features judges the site features: each with its declaration's Judge,
// in table order.
func (x *siteIndex) features() []councilbench.Feature {
	out := make([]councilbench.Feature, 0, len(Features))
	for i := range Features {
		def := &Features[i]
		f := councilbench.Feature{ID: def.ID, Version: def.Version, Unit: "bool", Known: true}
		def.Judge(x, &f)
		if f.Unit == "bool" && f.Pass {
			f.Value = 1 // a yes-or-no feature's value is its answer
		}
		out = append(out, f)
	}
	return out
}

// statement judges the accessibility statement.
func (x *siteIndex) statement(f *councilbench.Feature) {
	f.Unit = "share"
	p, l, all := x.featurePage(statementPatterns)
	if p == nil {
		f.Evidence = []string{"no accessibility statement found"}
		return
	}
	is := map[string]bool{}
	for _, q := range all {
		is[q.URL] = true
		if q.FinalURL != "" {
			is[q.FinalURL] = true
		}
	}
	linking, fromHome := 0, false
	for _, q := range x.okPages {
		for _, ln := range q.Links {
			if !ln.External && is[ln.URL] {
				linking++
				if q == x.home {
					fromHome = true
				}
				break
			}
		}
	}
	f.Value = share(linking, len(x.okPages))
	f.Pass, f.URL = fromHome, p.URL
	f.Evidence = []string{p.URL}
	if l != nil {
		f.Evidence = append(f.Evidence, fmt.Sprintf("link %q on %s", l.text, l.from.URL))
	}
	if fromHome {
		f.Evidence = append(f.Evidence, "linked from the home page")
	} else {
		f.Evidence = append(f.Evidence, "not linked from the home page")
	}
	f.Evidence = append(f.Evidence, fmt.Sprintf("linked from %d of %d HTML pages", linking, len(x.okPages)))
}

// https judges whether the home page, after redirects, is served over
// https.
func (x *siteIndex) https(f *councilbench.Feature) {
	final := x.site.FinalURL
	if final == "" {
		final = x.home.FinalURL
	}
	f.Pass = strings.HasPrefix(strings.ToLower(final), "https://")
	f.Evidence = []string{"home page: " + final}
}

// httpRedirect judges whether http led to https.
func (x *siteIndex) httpRedirect(f *councilbench.Feature) {
	start := x.site.StartURL
	final := x.site.FinalURL
	if final == "" {
		final = x.home.FinalURL
	}
	if !strings.HasPrefix(strings.ToLower(start), "http://") {
		// The crawler asks for the http variant of an https site once.
		for _, p := range x.pages {
			if p.Kind != councilbench.KindHTTP {
				continue
			}
			f.Pass = p.Reason == "" && strings.HasPrefix(strings.ToLower(p.FinalURL), "https://")
			chain := append([]string{}, p.Redirects...)
			if len(chain) == 0 {
				chain = []string{p.URL}
			}
			f.Evidence = []string{strings.Join(append(chain, p.FinalURL), " → ")}
			if p.Reason != "" {
				f.Evidence = []string{p.URL + ": " + string(p.Reason) + ": " + p.Error}
			}
			return
		}
		f.Known = false
		f.Evidence = []string{"the register's URL is " + start + ": the http variant was not requested"}
		return
	}
	f.Pass = strings.HasPrefix(strings.ToLower(final), "https://")
	chain := append([]string{}, x.site.Redirects...)
	if len(chain) == 0 || chain[0] != start {
		chain = append([]string{start}, chain...)
	}
	f.Evidence = []string{strings.Join(append(chain, final), " → ")}
}

// hsts judges the home page's Strict-Transport-Security header.
func (x *siteIndex) hsts(f *councilbench.Feature) {
	final := x.home.FinalURL
	if final == "" {
		final = x.home.URL
	}
	v := headerValue(x.home.Header, "Strict-Transport-Security")
	age, ok := HSTSMaxAge(v)
	f.Pass = strings.HasPrefix(strings.ToLower(final), "https://") && ok && age > 0
	if v == "" {
		f.Evidence = []string{"no Strict-Transport-Security header on " + final}
	} else {
		f.Evidence = []string{"Strict-Transport-Security: " + v + " on " + final}
	}
}

// viewportOf returns what a page's viewport says, nil when it has none.
func (x *siteIndex) viewportOf(p *councilbench.Page) *Viewport {
	f := x.fact(p)
	if !f.HasViewport {
		return nil
	}
	v := ParseViewport(f.Viewport)
	return &v
}

// viewport judges the mobile viewport over the HTML pages.
func (x *siteIndex) viewport(f *councilbench.Feature) {
	f.Unit = "share"
	mobile, blocked := 0, 0
	var firstBlocked string
	for _, p := range x.okPages {
		v := x.viewportOf(p)
		if v == nil {
			continue
		}
		if v.Mobile() {
			mobile++
		}
		if !v.Zoom {
			blocked++
			if firstBlocked == "" {
				firstBlocked = p.URL + ": " + v.Content
			}
		}
	}
	hv := x.viewportOf(x.home)
	f.Value = share(mobile, len(x.okPages))
	f.Pass = hv != nil && hv.Mobile() && blocked == 0
	if hv == nil {
		f.Evidence = []string{"home page: no viewport"}
	} else {
		f.Evidence = []string{fmt.Sprintf("home page: %q", hv.Content)}
	}
	f.Evidence = append(f.Evidence, fmt.Sprintf("%d of %d HTML pages have a device-width viewport that allows zoom; %d block zoom", mobile, len(x.okPages), blocked))
	if firstBlocked != "" {
		f.Evidence = append(f.Evidence, "blocks zoom: "+firstBlocked)
	}
}

// search judges the site search form.
func (x *siteIndex) search(f *councilbench.Feature) {
	for i := range x.fact(x.home).Forms {
		if fm := &x.fact(x.home).Forms[i]; isSearch(fm) {
			f.Pass = true
			f.Evidence = []string{"search form on the home page, action " + resolveRef(x.home, fm.Action)}
			return
		}
	}
	for _, p := range x.okPages {
		for i := range x.fact(p).Forms {
			if isSearch(&x.fact(p).Forms[i]) {
				f.Evidence = []string{"no search form on the home page; one on " + p.URL}
				return
			}
		}
	}
	f.Evidence = []string{"no search form found"}
}

// judgePage returns the judge of a feature that is a page the patterns
// name (the A to Z, the contact page): it passes when the page is found.
func judgePage(fp *featurePatterns) func(*siteIndex, *councilbench.Feature) {
	return func(x *siteIndex, f *councilbench.Feature) {
		p, l, _ := x.featurePage(fp)
		if p == nil {
			f.Evidence = []string{"no page found"}
			return
		}
		f.Pass, f.URL = true, p.URL
		f.Evidence = []string{p.URL}
		if l != nil {
			f.Evidence = append(f.Evidence, fmt.Sprintf("link %q on %s", l.text, l.from.URL))
		}
	}
}

// real404 judges the nonexistent-URL probe.
func (x *siteIndex) real404(f *councilbench.Feature) {
	p := x.probe
	if p == nil {
		f.Known = false
		f.Evidence = []string{"no probe stored"}
		return
	}
	home := x.home.FinalURL
	if home == "" {
		home = x.home.URL
	}
	final := p.FinalURL
	if final == "" {
		final = p.URL
	}
	k := ClassifyProbe(p.Status, final, x.notFound[p], home)
	f.Pass = k == ProbeReal
	f.Known = k != ProbeNoResponse
	f.Evidence = []string{fmt.Sprintf("%s answered %d (%s)", p.URL, p.Status, k)}
	if final != p.URL {
		f.Evidence = append(f.Evidence, "redirected to "+final)
	}
}

// brokenLinks measures the share of internal link targets that failed.
func (x *siteIndex) brokenLinks(f *councilbench.Feature) {
	f.Unit = "share"
	seen := map[string]bool{}
	fetched, broken := 0, 0
	var ev []string
	for _, p := range x.okPages {
		for _, l := range p.Links {
			if l.External || seen[l.URL] {
				continue
			}
			seen[l.URL] = true
			q, checked := x.linkTarget(l.URL)
			if !checked {
				continue
			}
			fetched++
			if x.failed(q) {
				broken++
				if len(ev) < 5 {
					what := fmt.Sprintf("%d", q.Status)
					if q.Status == 0 {
						what = string(q.Reason)
					} else if q.Status < 300 {
						what += " \"not found\" page"
					}
					ev = append(ev, fmt.Sprintf("%s (%s) linked from %s", l.URL, what, p.URL))
				}
			}
		}
	}
	f.Known = fetched > 0
	f.Value = share(broken, fetched)
	f.Pass = f.Known && f.Value <= BrokenLinksGood
	f.Evidence = append([]string{fmt.Sprintf("%d of %d internal link targets fetched failed", broken, fetched)}, ev...)
}

// linkTarget returns the stored page an internal link leads to, and
// whether the survey fetched it, so that it can be judged broken (failed)
// or not: a target never requested, the survey's own requests (the
// probe), and targets left out for robots.txt, the site's time budget or
// cancellation are not checked.
func (x *siteIndex) linkTarget(u string) (*councilbench.Page, bool) {
	q := x.byURL[u]
	if q == nil || q.SurveyRequest() {
		return nil, false
	}
	switch q.Reason {
	case councilbench.ReasonRobots, councilbench.ReasonSiteTime, councilbench.ReasonCanceled:
		return nil, false
	}
	return q, true
}

// pageLinks summarises each page's links, in the order of x.pages: every
// page with links, and every judged HTML page. Broken targets are judged
// as the broken-links feature judges them.
func (x *siteIndex) pageLinks() []councilbench.PageLinks {
	var out []councilbench.PageLinks
	for _, p := range x.pages {
		if len(p.Links) == 0 && !x.ok[p] {
			continue
		}
		pl := councilbench.PageLinks{PageID: p.ID, Links: len(p.Links)}
		seen := map[string]bool{}
		for _, l := range p.Links {
			if l.External {
				pl.External++
				continue
			}
			pl.Internal++
			if seen[l.URL] {
				continue
			}
			seen[l.URL] = true
			if q, checked := x.linkTarget(l.URL); checked {
				pl.Checked++
				if x.failed(q) {
					pl.Broken++
				}
			}
		}
		out = append(out, pl)
	}
	return out
}

// pdfShare measures the share of document links that are PDFs.
func (x *siteIndex) pdfShare(f *councilbench.Feature) {
	f.Unit = "share"
	seen := map[string]bool{}
	docs, pdfs := 0, 0
	for _, p := range x.okPages {
		for _, l := range p.Links {
			if seen[l.URL] {
				continue
			}
			seen[l.URL] = true
			if isDoc, isPDF := x.docKind(l.URL); isDoc {
				docs++
				if isPDF {
					pdfs++
				}
			}
		}
	}
	f.Known = docs > 0
	f.Value = share(pdfs, docs)
	f.Pass = f.Known
	f.Evidence = []string{fmt.Sprintf("%d of %d document links are PDFs", pdfs, docs)}
}

// pageWeight measures the median size of the HTML pages as transferred.
func (x *siteIndex) pageWeight(f *councilbench.Feature) {
	var sizes []float64
	for _, p := range x.okPages {
		sizes = append(sizes, float64(p.Bytes))
	}
	f.Unit = "bytes"
	f.Known = len(sizes) > 0
	f.Value = median(sizes)
	f.Pass = f.Known && f.Value <= PageWeightGood
	f.Evidence = []string{fmt.Sprintf("median of %d HTML pages", len(sizes))}
}

// responseTime measures the median time to first byte of the HTML pages.
func (x *siteIndex) responseTime(f *councilbench.Feature) {
	var ms []float64
	for _, p := range x.okPages {
		if p.TTFBMS > 0 {
			ms = append(ms, float64(p.TTFBMS))
		}
	}
	f.Unit = "ms"
	f.Known = len(ms) > 0
	f.Value = median(ms)
	f.Pass = f.Known
	f.Evidence = []string{fmt.Sprintf("median time to first byte of %d HTML pages (indicative: it depends on the surveyor's network)", len(ms))}
}

// median returns the median of xs, 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}
