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
		for _, list := range [][]string{task.Texts, task.WelshTexts, task.URLs, task.WelshURLs, task.Areas} {
			if len(list) == 0 {
				t.Errorf("%s: a pattern list is empty", task.ID)
			}
			for _, src := range list {
				if p := compilePattern(src); len(p.phrases) == 0 {
					t.Errorf("%s: pattern %q has no words", task.ID, src)
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
			if lv, _ := ct.textLevel(words(text)); lv != levelNone {
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

// TestPatterns checks the pattern syntax.
func TestPatterns(t *testing.T) {
	tests := []struct {
		pattern, text string
		want          bool
	}{
		{"pay + council tax", "Pay your council tax online", true},
		{"pay + council tax", "Council tax: pay", true},
		{"pay + council tax", "Pay a parking fine", false},
		{"council tax", "Council-Tax", true},
		{"missed + bin", "Missed bins", true},
		{"bin + day", "Christmas and bank holiday collections", false},
		{"=councillor", "Councillors", true},
		{"=councillor", "Councillors' allowances", false},
		{"cais am dai", "Gwneud cais am dai", true},
		{"cysylltu a ni", "Cysylltu â ni", true},
		{"dod o hyd ich cynghorydd", "Dod o hyd i'ch cynghorydd", true},
		{"fly tipping", "Report fly-tipping", true},
		{"renew", "Renewal", false},
		{"", "anything", false},
	}
	for _, tt := range tests {
		p := compilePattern(tt.pattern)
		if got := p.match(words(tt.text)); got != tt.want {
			t.Errorf("%q on %q: got %v, want %v", tt.pattern, tt.text, got, tt.want)
		}
	}
}

// TestURLWords checks which words of a URL patterns see.
func TestURLWords(t *testing.T) {
	tests := []struct {
		url  string
		want string
	}{
		{"https://www.x.gov.uk/council-tax/pay-your-council-tax", "pay your council tax"},
		{"https://www.x.gov.uk/bins/missed_bin.aspx", "missed bin"},
		{"https://www.x.gov.uk/a-z/", "a z"},
		{"https://www.x.gov.uk/", ""},
		{"https://www.x.gov.uk/cy/talu-treth-y-cyngor?lang=cy", "talu treth y cyngor"},
		{"https://www.x.gov.uk/info/20011/Blue%20Badges", "blue badges"},
	}
	for _, tt := range tests {
		if got := strings.Join(urlWords(tt.url), " "); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.url, got, tt.want)
		}
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
