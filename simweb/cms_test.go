package simweb

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
)

// styledWeb builds the web of one council whose site has the CMS style,
// with the faults given (none: a good site).
func styledWeb(t *testing.T, c councilbench.Council, cms string, faults ...string) *Web {
	t.Helper()
	opts := testOptions(3).normalised()
	opts.Faults = len(faults) > 0
	key, err := councilbench.SiteKey(c.Website)
	if err != nil {
		t.Fatal(err)
	}
	specs := planSites([]string{key}, map[string][]councilbench.Council{key: {c}}, opts)
	sp := specs[0]
	sp.cms, sp.good, sp.faults = cms, len(faults) == 0, map[string]bool{}
	for _, f := range faults {
		sp.faults[f] = true
	}
	w, err := build(specs, opts)
	if err != nil {
		t.Fatalf("%s: %v", cms, err)
	}
	return w
}

// pathOf returns the path of a URL.
func pathOf(t *testing.T, raw string) string {
	t.Helper()
	return mustPath(raw)
}

// TestCMSPaths builds a bilingual site in each CMS style, good and with
// buried tasks, and checks the paths of its landing, information and task
// pages and of the task pages' Welsh twins, that a Welsh twin has its
// English page's number, that every page is served, and that a form's
// action is the page itself on an .aspx page.
func TestCMSPaths(t *testing.T) {
	const (
		plainLanding = `^(/residents|/services|/info)?/[a-z-]+$`
		plainPage    = `^(/residents|/services|/info)?/[a-z-]+(/[a-z0-9-]+)+$`
		spRoot       = `/en/(Resident|Living)/`
		cySPRoot     = `/cy/(Preswylydd|Byw)/`
		spName       = `[A-Z][A-Za-z0-9]*(-[A-Za-z0-9]+)*`
	)
	tests := []struct {
		cms                 string
		landing, info, task string // regexps of the English paths
		cyLanding, cyTask   string // and of the Welsh ones
		num                 string // the page's number, in both languages, when it has one
	}{
		{cms: cmsPlain, landing: plainLanding, info: plainPage, task: plainPage,
			cyLanding: `^/cy/[a-z-]+$`, cyTask: `^/cy/[a-z-]+/[a-z-]+$`},
		{cms: cmsJadu, landing: `^/info/\d{5}/[a-z_]+$`, info: `^/info/\d{5}/[a-z_]+/\d+/[a-z0-9_]+$`, task: `^/info/\d{5}/[a-z_]+/\d+/[a-z0-9_]+$`,
			cyLanding: `^/cy/info/\d{5}/[a-z_]+$`, cyTask: `^/cy/info/\d{5}/[a-z_]+/\d+/[a-z0-9_]+$`, num: `/(\d+)/[^/]+$`},
		{cms: cmsArticle, landing: plainLanding, info: `^/article/\d+/[A-Za-z0-9]+(-[A-Za-z0-9]+)*$`, task: `^/article/\d+/[A-Z][A-Za-z0-9]*(-[A-Za-z0-9]+)*$`,
			cyLanding: `^/cy/[a-z-]+$`, cyTask: `^/cy/article/\d+/[A-Z][A-Za-z0-9]*(-[A-Za-z0-9]+)*$`, num: `^(?:/cy)?/article/(\d+)/`},
		{cms: cmsSharePoint, landing: `^` + spRoot + spName + `/Pages/default\.aspx$`, info: `^` + spRoot + spName + `/` + spName + `/Pages/default\.aspx$`,
			task:      `^` + spRoot + spName + `/` + spName + `/Pages/default\.aspx$`,
			cyLanding: `^` + cySPRoot + spName + `/Pages/default\.aspx$`, cyTask: `^` + cySPRoot + spName + `/` + spName + `/Pages/default\.aspx$`},
		{cms: cmsASPX, landing: `^` + spRoot + `(` + spName + `)/(` + spName + `)\.aspx$`, info: `^` + spRoot + spName + `/` + spName + `\.aspx$`,
			task:      `^` + spRoot + spName + `/` + spName + `\.aspx$`,
			cyLanding: `^` + cySPRoot + spName + `/` + spName + `\.aspx$`, cyTask: `^` + cySPRoot + spName + `/` + spName + `\.aspx$`},
		{cms: cmsNumbered, landing: plainLanding, info: `^(/residents|/services|/info)?/[a-z-]+/[a-z0-9-]+/\d$`, task: `^(/residents|/services|/info)?/[a-z-]+/[a-z0-9-]+/\d$`,
			cyLanding: `^/cy/[a-z-]+$`, cyTask: `^/cy/[a-z-]+/[a-z-]+/\d$`, num: `/(\d+)$`},
		{cms: cmsVanity, landing: plainLanding, info: plainPage, task: `^/([a-z]+|([A-Z][a-z]+)+)$`,
			cyLanding: `^/cy/[a-z-]+$`, cyTask: `^/cy/[a-z-]+/[a-z-]+$`},
	}
	wales := council("WA", "Prawf County Borough Council", councilbench.TierUnitary, "Wales", "https://www.prawf.gov.wales/")
	for _, tc := range tests {
		for _, faults := range [][]string{nil, {FaultBuriedTask, FaultBrokenLink, FaultRedirect}} {
			w := styledWeb(t, wales, tc.cms, faults...)
			s, st := w.sites[0], &w.Manifest().Sites[0]
			if s.cms != tc.cms {
				t.Fatalf("%s: site style %q", tc.cms, s.cms)
			}
			check := func(what, re, path string) {
				t.Helper()
				if !regexp.MustCompile(re).MatchString(path) {
					t.Errorf("%s (faults %v): %s %s: want a path matching %s", tc.cms, faults, what, path, re)
				}
			}
			for _, sec := range s.sections {
				check("landing page", tc.landing, s.pages[sec.landing].path)
				check("Welsh landing page", tc.cyLanding, s.pages[sec.welsh].path)
				for _, c := range sec.children {
					if p := s.pages[c]; p.kind == PageOther {
						check("information page", tc.info, p.path)
					}
				}
			}
			buried := 0
			for _, tt := range st.Tasks {
				if !tt.Present {
					continue
				}
				if tt.Depth >= 4 {
					buried++
				}
				check("task page", tc.task, pathOf(t, tt.URL))
				if tt.Welsh {
					check("Welsh task page", tc.cyTask, pathOf(t, tt.WelshURL))
				}
				if tc.num != "" && tt.Welsh {
					re := regexp.MustCompile(tc.num)
					en, cy := re.FindStringSubmatch(pathOf(t, tt.URL)), re.FindStringSubmatch(pathOf(t, tt.WelshURL))
					if en == nil || cy == nil || en[1] != cy[1] {
						t.Errorf("%s: %s and %s: want the same number", tc.cms, tt.URL, tt.WelshURL)
					}
				}
				if tt.Online && !tt.Portal {
					want := tt.URL + "/"
					if strings.HasSuffix(tt.URL, ".aspx") {
						want = tt.URL
					}
					if !strings.HasPrefix(tt.OnlineURL, want) || strings.HasSuffix(tt.URL, ".aspx") && tt.OnlineURL != want {
						t.Errorf("%s: %s: form action %s, want %s...", tc.cms, tt.ID, tt.OnlineURL, want)
					}
				}
			}
			if len(faults) > 0 && buried == 0 {
				t.Errorf("%s: no buried task", tc.cms)
			}
			for _, p := range st.Pages {
				if p.Kind == PagePDF {
					continue
				}
				if rec := serve(w, p.URL); rec.Code != p.Status && !(p.RedirectsTo != "" && rec.Code == http.StatusMovedPermanently) {
					t.Errorf("%s: %s: %d, manifest %d", tc.cms, p.URL, rec.Code, p.Status)
				}
			}
		}
	}
}

// TestCMSPathsFromTitles checks the path helpers on the catalogue's words.
func TestCMSPathsFromTitles(t *testing.T) {
	for _, tc := range []struct {
		name, got, want string
	}{
		{"jadu slug", underscored("council-tax"), "council_tax"},
		{"jadu page", underscored(slugify("Pay your council tax")), "pay_your_council_tax"},
		{"article", caseSlug("Pay your council tax"), "Pay-your-council-tax"},
		{"article case", caseSlug("Apply for a Blue Badge"), "Apply-for-a-Blue-Badge"},
		{"article punctuation", caseSlug("School admissions: apply for a place"), "School-admissions-apply-for-a-place"},
		{"article Welsh", caseSlug("Ymuno â'r gofrestr tai"), "Ymuno-ar-gofrestr-tai"},
		{"sharepoint", titleCaseSlug("pay-council-tax"), "Pay-Council-Tax"},
		{"sharepoint small words", titleCaseSlug("bins-and-recycling"), "Bins-and-Recycling"},
		{"sharepoint first word", titleCaseSlug("a-to-z"), "A-to-Z"},
		{"sharepoint Welsh", titleCaseSlug("rhoi-gwybod-am-fin-heb-ei-gasglu"), "Rhoi-Gwybod-am-Fin-heb-ei-Gasglu"},
		{"sharepoint dir", spDir("/Resident/Council-Tax/Pages/default.aspx"), "/Resident/Council-Tax/"},
		{"aspx dir", spDir("/Resident/Council-Tax/Council-Tax.aspx"), "/Resident/Council-Tax/"},
		{"form action", formAction("/council-tax/pay-council-tax/2", "pay"), "/council-tax/pay-council-tax/2/pay"},
		{"form action aspx", formAction("/Resident/Council-Tax/Pay-Council-Tax.aspx", "pay"), "/Resident/Council-Tax/Pay-Council-Tax.aspx"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

// TestCMSMix checks that a minority of the demo's sites have a CMS style,
// every style on at least one, with or without faults.
func TestCMSMix(t *testing.T) {
	for _, seed := range []int64{1, 7, 2026} {
		for _, faults := range []bool{true, false} {
			opts := testOptions(seed)
			opts.Faults = faults
			w := mustNew(t, demoCouncils(), opts)
			got := map[string]int{}
			for _, s := range w.sites {
				got[s.cms]++
			}
			for _, style := range cmsStyles {
				if got[style] == 0 {
					t.Errorf("seed %d, faults %v: no site in the %s style (%v)", seed, faults, style, got)
				}
			}
			if styled := len(w.sites) - got[cmsPlain]; 2*styled >= len(w.sites) {
				t.Errorf("seed %d: %d of %d sites have a CMS style, want a minority", seed, styled, len(w.sites))
			}
		}
	}
	// Few sites: the styles go to a quarter of them, the first ones first.
	for _, tc := range []struct {
		n    int
		want []string
	}{
		{1, nil},
		{4, []string{cmsJadu}},
		{10, []string{cmsJadu, cmsArticle, cmsSharePoint}},
	} {
		specs := make([]*siteSpec, tc.n)
		for i := range specs {
			specs[i] = &siteSpec{faults: map[string]bool{}}
		}
		planCMS(specs, 1)
		var got []string
		for _, sp := range specs {
			if sp.cms != cmsPlain {
				got = append(got, sp.cms)
			}
		}
		slices.Sort(got)
		want := slices.Clone(tc.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%d sites: styles %v, want %v", tc.n, got, want)
		}
	}
	// The article style, whose sections share no directory, never goes to
	// a site whose robots.txt excludes a section.
	specs := make([]*siteSpec, 8)
	for i := range specs {
		specs[i] = &siteSpec{faults: map[string]bool{FaultRobotsExclusion: i != 5}}
	}
	planCMS(specs, 1)
	for i, sp := range specs {
		if sp.cms == cmsArticle && i != 5 {
			t.Errorf("site %d excludes a section and has the article style", i)
		}
	}
}

// TestCMSLeavesPlainSites checks that the CMS styles change only the
// sites that have one: the demo's plain sites, bilingual ones included, have
// the manifest and bodies they have when no site has a style.
func TestCMSLeavesPlainSites(t *testing.T) {
	opts := testOptions(11).normalised()
	cs := demoCouncils()
	groups := map[string][]councilbench.Council{}
	var keys []string
	for _, c := range cs {
		k, _ := councilbench.SiteKey(c.Website)
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], c)
	}
	slices.Sort(keys)
	styled, err := build(planSites(keys, groups, opts), opts)
	if err != nil {
		t.Fatal(err)
	}
	specs := planSites(keys, groups, opts)
	for _, sp := range specs {
		sp.cms = cmsPlain
	}
	plain, err := build(specs, opts)
	if err != nil {
		t.Fatal(err)
	}
	compared, welsh := 0, 0
	for i, s := range styled.sites {
		if s.cms != cmsPlain {
			continue
		}
		a, _ := json.Marshal(styled.manifest.Sites[i])
		b, _ := json.Marshal(plain.manifest.Sites[i])
		if !bytes.Equal(a, b) {
			t.Errorf("%s: the manifest of a plain site differs when other sites have CMS styles", s.key)
			continue
		}
		for _, p := range styled.manifest.Sites[i].Pages {
			if ra, rb := serve(styled, p.URL), serve(plain, p.URL); ra.Code != rb.Code || !bytes.Equal(ra.Body.Bytes(), rb.Body.Bytes()) {
				t.Errorf("%s: %s differs when other sites have CMS styles", s.key, p.URL)
			}
		}
		compared++
		if s.welsh {
			welsh++
		}
	}
	if compared == 0 || welsh == 0 || compared == len(styled.sites) {
		t.Errorf("compared %d plain sites (%d bilingual) of %d", compared, welsh, len(styled.sites))
	}
}
