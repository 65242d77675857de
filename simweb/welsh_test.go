package simweb

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
)

// welshWant are the Welsh names of the task pages, with the word each
// mutates ("" for none): "dalu" is "talu" after "i".
var welshWant = []struct {
	task, title, slug, mutated string
}{
	{TaskPayCouncilTax, "Talu treth y cyngor", "talu-treth-y-cyngor", ""},
	{TaskPayCouncilTax, "Sut i dalu treth y cyngor", "sut-i-dalu-treth-y-cyngor", "dalu"},
	{TaskPayCouncilTax, "Talu eich treth gyngor", "talu-eich-treth-gyngor", "gyngor"},
	{TaskReportMissedBin, "Rhoi gwybod am fin heb ei gasglu", "rhoi-gwybod-am-fin-heb-ei-gasglu", "fin"},
	{TaskReportMissedBin, "Rhoi gwybod am gasgliad a fethwyd", "rhoi-gwybod-am-gasgliad-a-fethwyd", "fethwyd"},
	{TaskReportMissedBin, "Bin heb ei gasglu", "bin-heb-ei-gasglu", "gasglu"},
	{TaskBinCollectionDay, "Casgliadau biniau", "casgliadau-biniau", ""},
	{TaskBinCollectionDay, "Diwrnod casglu biniau", "diwrnod-casglu-biniau", ""},
	{TaskBinCollectionDay, "Pryd fydd fy miniau yn cael eu casglu?", "pryd-fydd-fy-miniau-yn-cael-eu-casglu", "miniau"},
	{TaskPlanningApplication, "Ceisiadau cynllunio", "ceisiadau-cynllunio", ""},
	{TaskPlanningApplication, "Chwilio am geisiadau cynllunio", "chwilio-am-geisiadau-cynllunio", "geisiadau"},
	{TaskPlanningApplication, "Gweld a rhoi sylwadau ar geisiadau cynllunio", "gweld-a-rhoi-sylwadau-ar-geisiadau-cynllunio", "geisiadau"},
	{TaskApplyHousing, "Gwneud cais am dai", "gwneud-cais-am-dai", "dai"},
	{TaskApplyHousing, "Ymuno â'r gofrestr tai", "ymuno-ar-gofrestr-tai", "gofrestr"},
	{TaskApplyHousing, "Gwneud cais i ymuno â'r gofrestr tai", "gwneud-cais-i-ymuno-ar-gofrestr-tai", "gofrestr"},
	{TaskSchoolPlace, "Gwneud cais am le mewn ysgol", "gwneud-cais-am-le-mewn-ysgol", "le"},
	{TaskSchoolPlace, "Gwneud cais am le mewn ysgol gynradd neu uwchradd", "gwneud-cais-am-le-mewn-ysgol-gynradd-neu-uwchradd", "gynradd"},
	{TaskSchoolPlace, "Derbyn i ysgolion: gwneud cais am le", "derbyn-i-ysgolion", "le"},
	{TaskReportPothole, "Rhoi gwybod am dwll yn y ffordd", "rhoi-gwybod-am-dwll-yn-y-ffordd", "dwll"},
	{TaskReportPothole, "Rhoi gwybod am dyllau yn y ffordd", "rhoi-gwybod-am-dyllau-yn-y-ffordd", "dyllau"},
	{TaskReportPothole, "Rhoi gwybod am ddifrod i'r ffordd", "rhoi-gwybod-am-ddifrod-ir-ffordd", "ddifrod"},
	{TaskBlueBadge, "Gwneud cais am Fathodyn Glas", "gwneud-cais-am-fathodyn-glas", "Fathodyn"},
	{TaskBlueBadge, "Gwneud cais am Fathodyn Glas", "bathodyn-glas", "Fathodyn"},
	{TaskBlueBadge, "Sut i gael Bathodyn Glas", "sut-i-gael-bathodyn-glas", "gael"},
	{TaskRenewLibraryBook, "Adnewyddu llyfr llyfrgell", "adnewyddu-llyfr-llyfrgell", ""},
	{TaskRenewLibraryBook, "Adnewyddu a chadw llyfrau", "adnewyddu-a-chadw-llyfrau", "chadw"},
	{TaskRenewLibraryBook, "Adnewyddu, cadw a gofyn am lyfrau", "adnewyddu-cadw-a-gofyn-am-lyfrau", "lyfrau"},
	{TaskFindCouncillor, "Dod o hyd i'ch cynghorydd", "dod-o-hyd-ich-cynghorydd", ""},
	{TaskFindCouncillor, "Chwilio am gynghorydd", "chwilio-am-gynghorydd", "gynghorydd"},
	{TaskFindCouncillor, "Dod o hyd i gynghorydd", "dod-o-hyd-i-gynghorydd", "gynghorydd"},
	{TaskReportFlyTipping, "Rhoi gwybod am dipio anghyfreithlon", "tipio-anghyfreithlon", "dipio"},
	{TaskReportFlyTipping, "Rhoi gwybod am achos o dipio anghyfreithlon", "rhoi-gwybod-am-achos-o-dipio-anghyfreithlon", "dipio"},
	{TaskReportFlyTipping, "Adrodd am dipio anghyfreithlon", "adrodd-am-dipio-anghyfreithlon", "dipio"},
	{TaskRegisterToVote, "Cofrestru i bleidleisio", "cofrestru-i-bleidleisio", "bleidleisio"},
	{TaskRegisterToVote, "Sut i gofrestru i bleidleisio", "sut-i-gofrestru-i-bleidleisio", "gofrestru"},
	{TaskRegisterToVote, "Cofrestru i bleidleisio ar-lein", "cofrestru-i-bleidleisio-ar-lein", "bleidleisio"},
}

// TestWelshNames checks the catalogue's Welsh names of the task pages
// against welshWant, with their mutated words.
func TestWelshNames(t *testing.T) {
	var got []string
	for _, def := range tasks {
		for _, n := range def.welsh {
			got = append(got, def.id+": "+n.title+" /"+n.slug)
		}
	}
	var want []string
	for _, w := range welshWant {
		want = append(want, w.task+": "+w.title+" /"+w.slug)
		if w.mutated != "" && !slices.Contains(strings.Fields(strings.Trim(w.title, "?")), w.mutated) {
			t.Errorf("%s: %q does not hold %q", w.task, w.title, w.mutated)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("Welsh names:\ngot  %q\nwant %q", got, want)
	}
}

// TestWelshMutatedPages checks that the Welsh twins of the task pages of
// bilingual sites carry every Welsh name, mutated ones included, as their
// title and heading, and their slug in the URL, over a few seeds.
func TestWelshMutatedPages(t *testing.T) {
	seen := map[string]bool{}
	h1 := regexp.MustCompile(`<h1[^>]*>([^<]*)</h1>`)
	for seed := int64(1); seed <= 8; seed++ {
		w := mustNew(t, demoCouncils(), testOptions(seed))
		for _, s := range w.sites {
			for _, task := range s.tasks {
				if task.welsh < 0 {
					continue
				}
				p := s.pages[task.welsh]
				if p.title != task.welshTitle || p.lang != "cy" {
					t.Errorf("%s %s: Welsh page %q (%s), want %q", s.key, task.def.id, p.title, p.lang, task.welshTitle)
				}
				slug := task.welshSlug
				switch s.cms {
				case cmsJadu:
					slug = underscored(slugify(task.welshTitle))
				case cmsArticle:
					slug = caseSlug(task.welshTitle)
				case cmsSharePoint, cmsASPX:
					slug = titleCaseSlug(slug)
				}
				if !strings.Contains(p.path, "/"+slug) {
					t.Errorf("%s %s: Welsh page %s, want the slug %s", s.key, task.def.id, p.path, slug)
				}
				if seen[task.def.id+": "+task.welshTitle+" /"+task.welshSlug] {
					continue
				}
				seen[task.def.id+": "+task.welshTitle+" /"+task.welshSlug] = true
				body := serve(w, s.url(task.welsh)).Body.String()
				if m := h1.FindStringSubmatch(body); m == nil || htmlUnescape(m[1]) != task.welshTitle {
					t.Errorf("%s: heading %q, want %q", s.url(task.welsh), m, task.welshTitle)
				}
			}
		}
	}
	for _, w := range welshWant {
		if !seen[w.task+": "+w.title+" /"+w.slug] {
			t.Errorf("%s: no Welsh page %q /%s on the demo's sites in 8 seeds", w.task, w.title, w.slug)
		}
	}
}

// htmlUnescape undoes the escapes of Welsh titles.
func htmlUnescape(s string) string {
	return strings.NewReplacer("&#39;", "'", "&amp;", "&", "&quot;", `"`).Replace(s)
}

// TestWelshNoSearchWord checks that on a site without a search no Welsh
// task page says "chwilio" (search).
func TestWelshNoSearchWord(t *testing.T) {
	wales := council("WA", "Prawf County Borough Council", councilbench.TierUnitary, "Wales", "https://www.prawf.gov.wales/")
	for seed := int64(1); seed <= 20; seed++ {
		opts := testOptions(seed).normalised()
		key := "prawf.gov.wales"
		specs := planSites([]string{key}, map[string][]councilbench.Council{key: {wales}}, opts)
		specs[0].good, specs[0].search = false, SearchNone
		w, err := build(specs, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, task := range w.sites[0].tasks {
			if strings.Contains(strings.ToLower(task.welshTitle), "chwilio") {
				t.Errorf("seed %d: %s: Welsh title %q on a site without a search", seed, task.def.id, task.welshTitle)
			}
		}
	}
}
