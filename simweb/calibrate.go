package simweb

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
)

// The published figures the fault rates come from (see "Calibration" in
// the package documentation).
const (
	// webaimFailing is the share of home pages with detectable WCAG 2
	// failures in the WebAIM Million, 2024 report (95.9%): the others are
	// the good sites.
	webaimFailing = 0.959
	// responsive is the share of council websites that presented a
	// responsive or mobile site to a smartphone in Better Connected 2016-17
	// (89%): the others have no viewport.
	responsive = 0.89
)

// webaimHomePages is the share of home pages with each of the six most
// common failures in the WebAIM Million, 2024 report: the share of the
// sites whose template carries it (so every page of theirs has it), and
// also the share with instances on some of their other pages.
var webaimHomePages = map[string]float64{
	FaultLowContrast:  0.810, // low contrast text
	FaultImgNoAlt:     0.545, // missing alternative text
	FaultInputNoLabel: 0.486, // missing form input labels
	FaultEmptyLink:    0.446, // empty links
	FaultEmptyButton:  0.282, // empty buttons
	FaultLangMissing:  0.171, // missing document language
}

// pageKinds are the accessibility faults that also come page by page,
// on a share of a site's content pages (pageShare).
var pageKinds = []string{FaultImgNoAlt, FaultInputNoLabel, FaultEmptyLink, FaultLowContrast}

// templateKinds are the faults a site's template can carry.
var templateKinds = []string{FaultLowContrast, FaultImgNoAlt, FaultInputNoLabel, FaultEmptyLink, FaultEmptyButton, FaultLangMissing, FaultNoViewport}

// faultShare is the share of all sites with each fault that is not one of
// the WebAIM Million's: no-viewport from Better Connected; the others this
// package's own choice, made with the severities below so that the demo's
// stars spread over the four bands as Better Connected's do.
var faultShare = map[string]float64{
	FaultNoViewport: 1 - responsive,
	FaultBrokenLink: 0.5, FaultSlowPage: 0.25, FaultRedirect: 0.3, FaultBuriedTask: 0.5,
	FaultMissingTask: 0.6, FaultRobotsExclusion: 0.15, FaultNoStatement: 0.15, FaultSoft404: 0.2,
}

// qualityLoading is how much of each fault's draw is the site's quality:
// the correlation of two faults' latent draws is its square, so a site
// with one fault is likely to have others, and some sites are much worse
// than others.
const qualityLoading = 0.85

// probit is the quantile function of the standard normal distribution.
func probit(p float64) float64 { return math.Sqrt2 * math.Erfinv(2*p-1) }

// normalCDF is the standard normal distribution function.
func normalCDF(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

// siteFaults are the fault decisions of one site.
type siteFaults struct {
	// badness is the site's quality as a percentile, 0 the best and 1 the
	// worst: it sets how many pages, tasks and links its faults touch.
	badness float64
	page    map[string]bool // kinds present other than by the template (on some pages, or site-wide)
	tmpl    map[string]bool // kinds carried by the template
}

// drawQuality draws the quality of each site and which faults it has.
//
// Each site has a latent badness Z: the sites, in the order of a uniform
// draw of their own (seeded from the seed and the site's key), take the
// evenly spaced quantiles (r + ½)/n of the standard normal distribution.
// A fault of kind k with share P among all sites is present when
// qualityLoading·Z + √(1−qualityLoading²)·E > Φ⁻¹(1−P), E a standard normal
// drawn for that site and kind (and scope, template or page): a Gaussian
// copula, so that each fault's share over many sites is P while the faults
// cluster on the worse sites. The goodCount best sites (lowest Z) are
// good: no faults at all, and the shares among the others are divided by
// webaimFailing. Every fault kind goes to at least one faulty site (to the
// one whose draw came nearest, when none has it), and every faulty site's
// template carries at least one of WebAIM's six failures.
func drawQuality(keys []string, seed int64, goodCount int) (good []bool, out []siteFaults) {
	n := len(keys)
	type draw struct {
		z    float64
		tmpl map[string]float64
		page map[string]float64
	}
	draws := make([]draw, n)
	resid := math.Sqrt(1 - qualityLoading*qualityLoading)
	rank := make([]float64, n)
	for i, k := range keys {
		rng := rand.New(rand.NewPCG(uint64(seed)^0xca11b8a7e, hash64(k)))
		rank[i] = rng.Float64()
		d := draw{tmpl: map[string]float64{}, page: map[string]float64{}}
		// A fixed order of draws, so that the same key and seed draw the
		// same.
		for _, kind := range FaultKinds {
			d.tmpl[kind] = resid * rng.NormFloat64()
			d.page[kind] = resid * rng.NormFloat64()
		}
		draws[i] = d
	}
	// Stratified: the sites, in the order of a draw of their own, take
	// evenly spaced quantiles of the standard normal, so that even a small
	// web has sites of every quality.
	byRank := make([]int, n)
	for i := range byRank {
		byRank[i] = i
	}
	slices.SortStableFunc(byRank, func(a, b int) int { return cmp.Compare(rank[a], rank[b]) })
	for r, i := range byRank {
		z := probit((float64(r) + 0.5) / float64(n))
		draws[i].z = z
		for kind := range draws[i].tmpl {
			draws[i].tmpl[kind] += qualityLoading * z
			draws[i].page[kind] += qualityLoading * z
		}
	}
	good = make([]bool, n)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(draws[a].z, draws[b].z) })
	for _, i := range order[:min(goodCount, n)] {
		good[i] = true
	}
	out = make([]siteFaults, n)
	// The shares are among all sites; the good sites have none, so among
	// the faulty ones each is divided by the faulty share.
	faultyShare := webaimFailing
	threshold := func(p float64) float64 { return probit(1 - min(p/faultyShare, 0.999)) }
	var faulty []int
	for i := range out {
		out[i] = siteFaults{badness: normalCDF(draws[i].z), page: map[string]bool{}, tmpl: map[string]bool{}}
		if good[i] {
			continue
		}
		faulty = append(faulty, i)
		for _, kind := range FaultKinds {
			if p, ok := webaimHomePages[kind]; ok {
				out[i].tmpl[kind] = draws[i].tmpl[kind] > threshold(p)
				if slices.Contains(pageKinds, kind) {
					out[i].page[kind] = draws[i].page[kind] > threshold(p)
				}
				continue
			}
			if kind == FaultNoViewport {
				out[i].tmpl[kind] = draws[i].tmpl[kind] > threshold(faultShare[kind])
				continue
			}
			out[i].page[kind] = draws[i].page[kind] > threshold(faultShare[kind])
		}
	}
	if len(faulty) == 0 {
		return good, out
	}
	// Every kind on at least one faulty site, and at least one fault on
	// every faulty site: where missing, where its draw came nearest.
	tmplOnly := func(kind string) bool {
		return !slices.Contains(pageKinds, kind) && slices.Contains(templateKinds, kind)
	}
	y := func(i int, kind string) float64 {
		if tmplOnly(kind) {
			return draws[i].tmpl[kind]
		}
		return draws[i].page[kind]
	}
	set := func(i int, kind string) {
		if tmplOnly(kind) {
			out[i].tmpl[kind] = true
		} else {
			out[i].page[kind] = true
		}
	}
	for _, kind := range FaultKinds {
		best := -1
		for _, i := range faulty {
			if out[i].page[kind] || out[i].tmpl[kind] {
				best = -1
				break
			}
			if best < 0 || y(i, kind) > y(best, kind) {
				best = i
			}
		}
		if best >= 0 {
			set(best, kind)
		}
	}
	// And every faulty site's home page fails at least one of WebAIM's
	// checks, as 95.9% of home pages do (the good sites are the others):
	// its template carries the kind whose draw came nearest, when none.
	for _, i := range faulty {
		best := ""
		for _, kind := range templateKinds {
			if _, ok := webaimHomePages[kind]; !ok {
				continue
			}
			if out[i].tmpl[kind] {
				best = ""
				break
			}
			if best == "" || draws[i].tmpl[kind]-threshold(webaimHomePages[kind]) > draws[i].tmpl[best]-threshold(webaimHomePages[best]) {
				best = kind
			}
		}
		if best != "" {
			out[i].tmpl[best] = true
		}
	}
	return good, out
}

// pageShare is the share of a site's content pages that carry each of its
// page-level accessibility faults: from 2% on the best sites to 32% on
// the worst (this package's choice; the WebAIM Million judges home pages
// only).
func pageShare(badness float64) float64 { return 0.02 + 0.3*badness }

// missingTasks is how many of a site's n tasks have no page when it has
// the missing-task fault: one, and up to 45% of them on the worst sites.
func missingTasks(badness float64, n int) int {
	return min(max(1, int(math.Round(0.6*badness*float64(n)))), n)
}

// pdfOnlyShare is the chance that a task that can be done on paper is
// offered only as a PDF form on a faulty site: 10% on the best, 60% on
// the worst.
func pdfOnlyShare(badness float64) float64 { return 0.2 + 0.6*badness }
