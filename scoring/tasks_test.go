package scoring

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/simweb"
)

// TestTaskTable checks the catalogue's declarations.
func TestTaskTable(t *testing.T) {
	seen := map[string]bool{}
	for _, task := range Tasks {
		if seen[task.ID] {
			t.Errorf("task %s declared twice", task.ID)
		}
		seen[task.ID] = true
		if task.Version < 1 || task.Name == "" || task.Welsh == "" || task.Online == "" || task.Provided == 0 {
			t.Errorf("%s: incomplete declaration", task.ID)
		}
		if task.Query == "" || task.WelshQuery == "" || task.Action == "" {
			t.Errorf("%s: no search query or action word", task.ID)
		}
		for _, list := range [][]string{task.Texts, task.WelshTexts, task.Areas} {
			if len(list) == 0 {
				t.Errorf("%s: a pattern list is empty", task.ID)
			}
		}
		for _, list := range [][]string{task.Texts, task.WelshTexts, task.Areas, task.NotTexts, task.WelshNotTexts} {
			for _, src := range list {
				if p := compilePattern(src); len(p.parts) == 0 || strings.Count(src, "+")+1 != len(p.parts) {
					t.Errorf("%s: pattern %q has an empty part", task.ID, src)
				}
			}
		}
	}
	if got, want := len(Tasks), len(simweb.TaskIDs); got != want {
		t.Errorf("%d tasks, simweb has %d", got, want)
	}
	for _, id := range simweb.TaskIDs {
		if TaskByID(id) == nil {
			t.Errorf("simweb task %s is not in the catalogue", id)
		}
	}
}

// TestLGSL checks each task's LGSL codes against GOV.UK's list: the code
// exists, and the catalogue never asks a tier for a service that the list
// says another tier provides.
func TestLGSL(t *testing.T) {
	list, err := LGSLServices()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 117 {
		t.Errorf("%d LGSL services, want 117", len(list))
	}
	for _, task := range Tasks {
		if len(task.LGSL) == 0 {
			t.Logf("%s: no LGSL code in GOV.UK's list", task.ID)
		}
		for _, code := range task.LGSL {
			s, ok := LookupLGSL(code)
			if !ok {
				t.Errorf("%s: LGSL %d is not in the list", task.ID, code)
				continue
			}
			asked := task.Provided &^ NIDistrict
			if asked&^s.Services() != 0 {
				t.Errorf("%s: asked of %s, but LGSL %d (%s) is provided by %s", task.ID, asked, code, s.Description, s.Tier)
			}
			if asked != s.Services() {
				t.Logf("%s: asked of %s; LGSL %d (%s) is provided by %s", task.ID, asked, code, s.Description, s.Tier)
			}
		}
	}
}

// TestTasksFor checks who provides what, tier by tier, and that simweb's
// generator agrees.
func TestTasksFor(t *testing.T) {
	tests := []struct {
		tier councilbench.Tier
		want []string
	}{
		{councilbench.TierShireDistrict, []string{"pay-council-tax", "report-missed-bin", "bin-collection-day", "planning-applications", "apply-housing", "find-councillor", "report-fly-tipping", "register-to-vote"}},
		{councilbench.TierCounty, []string{"school-place", "report-pothole", "blue-badge", "renew-library-book"}},
		{councilbench.TierUnitary, simweb.TaskIDs},
		{councilbench.TierMetropolitan, simweb.TaskIDs},
		{councilbench.TierLondonBorough, simweb.TaskIDs},
		{councilbench.TierDistrict, []string{"report-missed-bin", "bin-collection-day", "planning-applications", "find-councillor", "report-fly-tipping"}},
		{"parish", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, task := range TasksFor(councilbench.Council{Code: "XXX", Tier: tt.tier}) {
			got = append(got, task.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.tier, got, tt.want)
		}
		if tt.tier != "parish" && !slices.Equal(got, simweb.TasksFor(tt.tier)) {
			t.Errorf("%s: got %v, simweb generates %v", tt.tier, got, simweb.TasksFor(tt.tier))
		}
	}
}

// TestLinkTexts checks which task each link text of
// testdata/tasks/link-texts.tsv names.
func TestLinkTexts(t *testing.T) {
	f, err := os.Open("testdata/tasks/link-texts.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		want, text, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("bad line %q", line)
		}
		n++
		var got []string
		for _, ct := range compiledTasks() {
			ws := words(text)
			if lv, _, _ := ct.textLevel(ws, nil); lv != levelNone && (ct.nearMissIn(ws) == nil || actionTexts.match(ws) != nil) {
				got = append(got, ct.task.ID)
			}
		}
		if g := strings.Join(got, ","); g != want && !(want == "-" && g == "") {
			t.Errorf("%q: got %q, want %q", text, g, want)
		}
	}
	if n < 50 {
		t.Errorf("%d link texts, want at least 50", n)
	}
}

// TestPatterns checks the pattern syntax: parts, alternatives, context
// parts, exact patterns and English inflections.
func TestPatterns(t *testing.T) {
	tests := []struct {
		pattern, text, context string
		want                   bool
	}{
		{"pay + council tax", "Pay your council tax online", "", true},
		{"pay + council tax", "Council tax: pay", "", true},
		{"pay + council tax", "Pay a parking fine", "", false},
		{"pay + ~council tax", "How to pay", "council tax", true},
		{"pay + ~council tax", "How to pay", "business rates", false},
		{"council tax", "How to pay", "council tax", false}, // only "~" parts may come from the context
		{"council tax", "Council-Tax", "", true},
		{"missed + bin", "Missed bins", "", true},
		{"bin|collection + day|calendar", "Weekly Bin Collections and Calendar", "", true},
		{"bin + day", "Christmas and bank holiday collections", "", false},
		{"=councillor", "Councillors", "", true},
		{"=councillor", "Councillors' allowances", "", false},
		{"cais am dai", "Gwneud cais am dai", "", true},
		{"cysylltu a ni", "Cysylltu â ni", "", true},
		{"dod o hyd ich cynghorydd", "Dod o hyd i'ch cynghorydd", "", true},
		{"fly tipping", "Report fly-tipping", "", true},
		{"renew", "Renewal", "", true},
		{"renew", "Renewing titles", "", true},
		{"renew", "Returning and renewing items", "", true},
		{"pay", "Payments", "", true},
		{"tip", "Tipping", "", true},
		{"reserve", "Reserving a book", "", true},
		{"collect", "Collection days", "", true},
		{"renew", "Renewables", "", false},
		{"bin", "Cabinet", "", false},
		{"", "anything", "", false},
	}
	for _, tt := range tests {
		p := compilePattern(tt.pattern)
		if got, _ := p.matchIn(words(tt.text), words(tt.context)); got != tt.want {
			t.Errorf("%q on %q (context %q): got %v, want %v", tt.pattern, tt.text, tt.context, got, tt.want)
		}
	}
}

// TestMutations checks that a Welsh pattern word matches each of its
// initial mutations, and that English patterns do not mutate.
func TestMutations(t *testing.T) {
	tests := []struct {
		mutation, pattern, text string
	}{
		{"soft p→b", "pwy all", "bwy all"},
		{"soft t→d", "talu", "Sut i dalu"},
		{"soft c→g", "casglu", "Bin heb ei gasglu"},
		{"soft b→f", "bathodyn glas", "Gwneud cais am Fathodyn Glas"},
		{"soft d→dd", "diwrnod casglu", "Pa ddiwrnod casglu"},
		{"soft g→(dropped)", "gwneud cais", "Sut i wneud cais"},
		{"soft m→f", "methwyd", "Casgliadau a fethwyd"},
		{"soft ll→l", "llyfrgell", "Ymunwch â'r lyfrgell"},
		{"soft rh→r", "rhoi gwybod", "Sut i roi gwybod"},
		{"nasal p→mh", "pleidleisio", "fy mhleidleisio"},
		{"nasal t→nh", "treth gyngor", "Ble mae fy Nhreth Gyngor yn mynd"},
		{"nasal c→ngh", "cais", "Faint o amser fydd ei angen ar gyfer fy nghais"},
		{"nasal b→m", "bin", "fy min"},
		{"nasal d→n", "diwrnod", "fy niwrnod casglu"},
		{"nasal g→ng", "gwastraff", "fy ngwastraff"},
		{"aspirate p→ph", "pleidleisio", "a phleidleisio"},
		{"aspirate t→th", "treth", "a threth y cyngor"},
		{"aspirate c→ch", "ceisiadau cynllunio", "a cheisiadau cynllunio"},
		{"soft c→g in a plural", "ceisiadau cynllunio", "Chwilio am geisiadau cynllunio"},
	}
	for _, tt := range tests {
		t.Run(tt.mutation, func(t *testing.T) {
			p := compileWelsh(tt.pattern)
			if !p.match(words(tt.text)) {
				t.Errorf("Welsh %q does not match %q", tt.pattern, tt.text)
			}
			if e := compilePattern(tt.pattern); e.match(words(tt.text)) && !strings.Contains(strings.ToLower(tt.text), tt.pattern) {
				t.Errorf("English %q matches %q", tt.pattern, tt.text)
			}
		})
	}
	// Digraphs that do not mutate stay as they are.
	for _, w := range []string{"chwilio", "ffordd", "thema", "ddoe", "phobl"} {
		if got := mutations(w); len(got) != 1 {
			t.Errorf("mutations(%q) = %v, want only itself", w, got)
		}
	}
}

// TestURLWords checks which words of a URL name its page and which are its
// context, for the URL styles of real council CMSs.
func TestURLWords(t *testing.T) {
	tests := []struct {
		style, url string
		name, ctx  string
		welsh      bool
	}{
		{"plain", "https://www.x.gov.uk/council-tax/pay-your-council-tax", "pay your council tax", "council tax x", false},
		{"file name", "https://www.x.gov.uk/bins/missed_bin.aspx", "missed bin", "bins x", false},
		{"a to z", "https://www.x.gov.uk/a-z/", "", "x", false},
		{"home", "https://www.x.gov.uk/", "", "x", false},
		{"lang query", "https://www.x.gov.uk/cy/talu-treth-y-cyngor?lang=cy", "talu treth y cyngor", "x", true},
		{"lang-cy-gb query", "https://www.npt.gov.uk/6117?lang=cy-gb", "", "npt", true},
		{"cy host", "https://cy.powys.gov.uk/Diwrnodcasglubiniau", "diwrnod casglu biniau", "cy powys", true},
		{"escaped", "https://www.x.gov.uk/info/20011/Blue%20Badges", "blue badges", "x", false},
		{"article CMS", "https://www.uttlesford.gov.uk/article/6199/Applying-for-a-Council-or-Housing-Association-home-Information",
			"applying for a council or housing association home information", "uttlesford", false},
		{"info CMS", "https://www.west-norfolk.gov.uk/info/20177/west_norfolk_homechoice/257/housing_register",
			"housing register", "west norfolk homechoice west norfolk", false},
		{"articleid query", "https://www.bury.gov.uk/index.aspx?articleid=10704", "", "bury", false},
		{"query names the page", "https://apps.castlepoint.gov.uk/cpapps/index.cfm?fa=wastecalendar", "waste calendar", "cpapps apps castlepoint", false},
		{"page id", "http://moray.gov.uk/moray_standard/page_101375.html", "moray standard", "moray", false},
		{"numeric last segment", "https://lichfielddc.gov.uk/home-garden/fly-tipping/2", "fly tipping", "home garden lichfielddc", false},
		{"SharePoint default page", "https://www.cardiff.gov.uk/ENG/resident/parking-roads-and-travel/blue-badge-parking/Pages/default.aspx",
			"blue badge parking", "parking roads and travel cardiff", false},
		{"vanity path", "https://www.harrow.gov.uk/missedbin", "missed bin", "harrow", false},
		{"camel case", "https://www.swansea.gov.uk/potholeFAQs", "pothole faqs", "swansea", false},
		{"glued words", "https://www.chichester.gov.uk/checkyourbinday", "check your bin day", "chichester", false},
		{"glued Welsh", "https://www.abertawe.gov.uk/gwneudcaisamfathodynglas", "gwneud cais am fathodyn glas", "abertawe", false},
		{"abbreviation", "http://www.tayside-vjb.gov.uk/pages/regtovote.html", "register to vote", "tayside vjb", false},
		{"host of a service", "https://www.suffolklibraries.co.uk/help/renewing-titles/", "renewing titles", "help suffolk libraries", false},
		{"list sort order", "https://www.birmingham.gov.uk/councillors/name", "councillors", "birmingham", false},
	}
	for _, tt := range tests {
		t.Run(tt.style, func(t *testing.T) {
			pu := parseURL(tt.url)
			if got := strings.Join(pu.name, " "); got != tt.name {
				t.Errorf("%s: name %q, want %q", tt.url, got, tt.name)
			}
			if got := strings.Join(pu.ctx, " "); got != tt.ctx {
				t.Errorf("%s: context %q, want %q", tt.url, got, tt.ctx)
			}
			if pu.welsh != tt.welsh {
				t.Errorf("%s: welsh %v, want %v", tt.url, pu.welsh, tt.welsh)
			}
		})
	}
}

// TestPriority checks the crawl priority of links.
func TestPriority(t *testing.T) {
	tests := []struct {
		url, text string
		want      int
	}{
		{"https://x.gov.uk/council-tax/pay-council-tax", "Pay your council tax", PriorityTask},
		{"https://x.gov.uk/somewhere", "Report a pothole", PriorityTask},
		{"https://x.gov.uk/bins/report-a-missed-bin", "", PriorityTask},
		{"https://x.gov.uk/cy/talu-treth-y-cyngor", "Talu treth y cyngor", PriorityTask},
		{"https://x.gov.uk/council-tax", "Council tax", PriorityArea},
		{"https://x.gov.uk/services/bins-and-recycling", "Bins and recycling", PriorityArea},
		{"https://x.gov.uk/cy/cynllunio", "Cynllunio", PriorityArea},
		{"https://x.gov.uk/a-to-z", "A to Z", PriorityFeature},
		{"https://x.gov.uk/accessibility-statement", "Accessibility statement", PriorityFeature},
		{"https://x.gov.uk/contact-us", "Contact us", PriorityFeature},
		{"https://x.gov.uk/news/some-story", "Council agrees budget", 0},
		{"https://x.gov.uk/cookies", "Cookies", 0},
	}
	for _, tt := range tests {
		if got := Priority(tt.url, tt.text); got != tt.want {
			t.Errorf("Priority(%q, %q): got %d, want %d", tt.url, tt.text, got, tt.want)
		}
	}
}

// BenchmarkPriority measures the priority function on a typical link.
func BenchmarkPriority(b *testing.B) {
	for b.Loop() {
		Priority("https://www.example.gov.uk/services/leisure-and-culture/sports-centres", "Sports centres and swimming pools")
	}
}
