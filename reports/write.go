package reports

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	texttemplate "text/template"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/internal/human"
	"github.com/councilbench/councilbench/scoring"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets/style.css
var styleSrc string

//go:embed assets/sort.js
var sortJS string

// simulatedSrc styles the banner of a simulated survey's pages; only
// their style sheet has it.
//
//go:embed assets/simulated.css
var simulatedSrc string

// pageNames are the page templates; each defines "content" for the layout.
var pageNames = []string{"index", "divide", "league", "council", "methodology", "cite"}

// assets are the parsed templates and the built style sheets.
type assets struct {
	pages  map[string]*template.Template // by page name, each with the layout
	css    string
	simCSS string // css and the simulated survey's banner
}

// parse parses the templates and builds the CSS, once.
var parse = sync.OnceValues(func() (*assets, error) {
	var b strings.Builder
	if err := texttemplate.Must(texttemplate.New("css").Parse(styleSrc)).Execute(&b, palette); err != nil {
		return nil, err
	}
	css := b.String()
	if err := texttemplate.Must(texttemplate.New("simulated").Parse(simulatedSrc)).Execute(&b, palette); err != nil {
		return nil, err
	}
	a := &assets{pages: map[string]*template.Template{}, css: css, simCSS: b.String()}
	base, err := template.New("base").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/parts.html")
	if err != nil {
		return nil, err
	}
	for _, n := range pageNames {
		t, err := template.Must(base.Clone()).ParseFS(templateFS, "templates/"+n+".html")
		if err != nil {
			return nil, err
		}
		a.pages[n] = t
	}
	return a, nil
})

// csp is the pages' Content-Security-Policy: nothing loads from anywhere,
// and only the report's own style and script run.
func csp(css string) string {
	h := func(s string) string {
		sum := sha256.Sum256([]byte(s))
		return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	return "default-src 'none'; style-src " + h(css) + "; script-src " + h(sortJS) +
		"; img-src data:; base-uri 'none'; form-action 'none'"
}

// page is what every page template gets.
type page struct {
	Root    string // "" for top-level pages, "../" for council pages
	Title   string
	Current string // the navigation entry of the page
	Site    *Site
	Leagues []*league
	Files   map[string]string // council code → page, relative to the root
	Sizes   map[string]string // download file → its size, for the downloads page
	CSS     template.CSS
	JS      template.JS
	CSP     string

	Home    *homePage
	League  *league
	Council *councilPage
}

// Write writes the report's static site into dir, creating it: index.html,
// divide.html (the comparison of shire districts and larger councils),
// league.html and a league page per tier and nation, councils/<code>.html,
// methodology.html, cite.html, league-table.csv and league-table.json. It
// writes nothing outside dir, whatever the councils' codes and names.
func Write(dir string, s *Site) error {
	a, err := parse()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files := councilFiles(s.Councils)
	ls := leagues(s)
	css := a.css
	if s.Survey.Simulated {
		css = a.simCSS
	}
	base := page{Site: s, Leagues: ls, Files: files, CSS: template.CSS(css), JS: template.JS(sortJS), CSP: csp(css)}

	render := func(name, rel string, p page) error {
		var buf bytes.Buffer
		if err := a.pages[name].ExecuteTemplate(&buf, "layout", p); err != nil {
			return fmt.Errorf("reports: %s: %w", rel, err)
		}
		return writeFile(dir, rel, buf.Bytes())
	}

	home := base
	home.Title, home.Current, home.Home = "Findings", "home", newHomePage(s, ls)
	if err := render("index", "index.html", home); err != nil {
		return err
	}
	dv := base
	dv.Title, dv.Current = "Shire districts and larger councils", "home"
	if err := render("divide", DivideFile, dv); err != nil {
		return err
	}
	for _, l := range ls {
		p := base
		p.Title, p.Current, p.League = l.Title, "league", l
		if err := render("league", l.ID+".html", p); err != nil {
			return err
		}
	}
	for i := range s.Councils {
		c := &s.Councils[i]
		p := base
		p.Root, p.Title, p.Current, p.Council = "../", c.Name, "league", newCouncilPage(s, c, ls)
		if p.Title == "" {
			p.Title = c.Code
		}
		if err := render("council", files[c.Code], p); err != nil {
			return err
		}
	}
	m := base
	m.Title, m.Current = "Methodology", "methodology"
	if err := render("methodology", "methodology.html", m); err != nil {
		return err
	}
	recs := records(s, ls[0], files)
	csvData, err := leagueTableCSV(s, recs)
	if err != nil {
		return err
	}
	jsonData, err := leagueTableJSON(s, recs)
	if err != nil {
		return err
	}
	// The downloads page states each file's size: the league tables' from
	// their bytes, the caller's files from the folder.
	ct := base
	ct.Title, ct.Current = "Cite and reuse the data", "cite"
	ct.Sizes = map[string]string{CSVFile: human.FileSize(int64(len(csvData))), JSONFile: human.FileSize(int64(len(jsonData)))}
	for _, f := range []struct {
		name  string
		wrote bool
	}{{ResultsSQLiteFile, s.ResultsSQLite}, {LinksFile, s.Links}} {
		if !f.wrote {
			continue
		}
		fi, err := os.Stat(filepath.Join(dir, f.name))
		if err != nil {
			return fmt.Errorf("reports: %w", err)
		}
		ct.Sizes[f.name] = human.FileSize(fi.Size())
	}
	if err := render("cite", "cite.html", ct); err != nil {
		return err
	}
	if err := writeFile(dir, CSVFile, csvData); err != nil {
		return err
	}
	return writeFile(dir, JSONFile, jsonData)
}

// DivideFile is the page comparing shire districts with larger councils:
// the divide's headlines and tables, a click from the home page's answer.
const DivideFile = "divide.html"

// homePage is the home page's content beyond the site.
type homePage struct {
	Assessed, NotAssessed int
	// ByNation counts the assessed councils of each nation, and
	// EnglandShire and EnglandLarger those of England's two groups that the
	// comparison tests (councilbench.Tier.Group): what the charts and the
	// answer cover, said on the page.
	ByNation                    []nationCount
	EnglandShire, EnglandLarger int
	// AllNations says what the charts cover: "all nations, 38 councils
	// assessed".
	AllNations string
	Stats      []*tierStats
	ScoreAxis  Axis
	Strip      *stripChart
	Stars      *starsChart
}

// nationCount is the number of assessed councils of a nation.
type nationCount struct {
	Name     string
	Assessed int
}

func newHomePage(s *Site, ls []*league) *homePage {
	h := &homePage{Assessed: len(ls[0].Rows), NotAssessed: len(ls[0].NotAssessed), Stats: statsByTier(s)}
	for _, n := range nations(s) {
		nc := nationCount{Name: n}
		for _, r := range ls[0].Rows {
			if r.C.Nation == n {
				nc.Assessed++
			}
		}
		h.ByNation = append(h.ByNation, nc)
	}
	for _, r := range ls[0].Rows {
		if r.C.Nation != "England" {
			continue
		}
		switch r.C.Tier.Group() {
		case councilbench.GroupShireDistrict:
			h.EnglandShire++
		case councilbench.GroupLarger:
			h.EnglandLarger++
		}
	}
	h.AllNations = fmt.Sprintf("all nations, %d councils assessed", h.Assessed)
	h.Strip, h.Stars = newStripChart(h.Stats), newStarsChart(h.Stats)
	h.ScoreAxis = h.Strip.Axis
	return h
}

// maxTemplates bounds the template failures a council's page lists: the
// downloads hold them all.
const maxTemplates = 20

// councilPage is one council's page.
type councilPage struct {
	C                *Council
	RankAll, NAll    int
	RankTier, NTier  int
	TieAll, TieTier  bool
	TierLeague       string
	Change           *change
	Earlier          *Earlier
	Components       []componentRow
	Tasks            []taskRow
	Features         []featureRow
	Failures         []RuleFailure // the WCAG and other scored rules failed
	Advisory         []RuleFailure // the advisory rules failed: best practice, not scored
	Judged           int
	Scorecard        *councilbench.CouncilScore // embedded in the page as JSON
	AccessibilityRef string

	// Templates are the first maxTemplates template failures of the
	// scored rules; MoreTemplates counts the others, AdvisoryTemplates
	// those of the advisory rules, which the page does not list.
	Templates         []councilbench.TemplateFailure
	MoreTemplates     int
	AdvisoryTemplates int
	TemplateMinPages  int // councilbench.MinTemplatePages, for the text
}

type componentRow struct {
	Name   string
	C      *councilbench.Component
	Known  bool
	Items  []itemRow
	Weight float64
}

type itemRow struct {
	Name string
	I    councilbench.Item
}

type taskRow struct {
	Name  string
	ID    string
	F     councilbench.TaskFinding
	Title string // the page's title, or its URL
}

type featureRow struct {
	Name   string
	F      councilbench.Feature
	Result string // "Yes", "No" or "Not known"
	Value  string
}

func newCouncilPage(s *Site, c *Council, ls []*league) *councilPage {
	cp := &councilPage{C: c, Scorecard: c.Score}
	for _, l := range ls {
		if l.Kind == "nation" {
			continue
		}
		for _, r := range l.Rows {
			if r.C != c {
				continue
			}
			if l.Kind == "all" {
				cp.RankAll, cp.NAll, cp.TieAll, cp.Change = r.Rank, len(l.Rows), r.Tie, r.Change
			} else {
				cp.RankTier, cp.NTier, cp.TieTier, cp.TierLeague = r.Rank, len(l.Rows), r.Tie, l.ID
			}
		}
	}
	if cmpOK(s) {
		if e, ok := s.Compare.Earlier[c.Code]; ok && e.Assessed {
			cp.Earlier = &e
		}
	}
	if sc := c.Score; sc != nil {
		for i := range sc.Components {
			comp := &sc.Components[i]
			row := componentRow{Name: componentName(comp.ID), C: comp, Weight: comp.Weight}
			for _, it := range comp.Items {
				row.Items = append(row.Items, itemRow{Name: itemName(it.ID), I: it})
				row.Known = row.Known || it.Known
			}
			cp.Components = append(cp.Components, row)
		}
		for _, f := range sc.Tasks {
			tr := taskRow{ID: f.ID, F: f, Name: f.ID, Title: f.URL}
			if t := taskByID(s, f.ID); t != nil {
				tr.Name = t.Name
			}
			if t := c.PageTitles[f.URL]; strings.TrimSpace(t) != "" {
				tr.Title = t
			}
			cp.Tasks = append(cp.Tasks, tr)
		}
		for _, f := range sc.Features {
			cp.Features = append(cp.Features, newFeatureRow(f))
		}
	}
	cp.Judged = c.PagesJudged
	cp.TemplateMinPages = councilbench.MinTemplatePages
	for _, t := range c.TemplateFailures {
		switch {
		case t.Advisory:
			cp.AdvisoryTemplates++
		case len(cp.Templates) == maxTemplates:
			cp.MoreTemplates++
		default:
			cp.Templates = append(cp.Templates, t)
		}
	}
	for _, f := range c.Failures {
		if r := ruleByID(s, f.Rule); r != nil {
			if len(f.WCAG) == 0 {
				f.WCAG = r.WCAG
			}
			if f.Level == "" {
				f.Level = r.Level
			}
			if f.Impact == "" {
				f.Impact = r.Impact
			}
			if f.Description == "" {
				f.Description = r.Description
			}
		}
		if f.Judged == 0 {
			f.Judged = c.PagesJudged
		}
		if f.Advisory {
			cp.Advisory = append(cp.Advisory, f)
		} else {
			cp.Failures = append(cp.Failures, f)
		}
	}
	return cp
}

func newFeatureRow(f councilbench.Feature) featureRow {
	r := featureRow{Name: f.ID, F: f}
	if d := scoring.FeatureByID(f.ID); d != nil {
		r.Name = d.Name
	}
	switch {
	case !f.Known:
		r.Result = "Not known"
	case f.Pass:
		r.Result = "Yes"
	default:
		r.Result = "No"
	}
	if f.Known {
		switch f.Unit {
		case "share":
			r.Value = fmt.Sprintf("%.0f%%", 100*f.Value)
		case "bytes":
			r.Value = fmt.Sprintf("%.0f KB", f.Value/1000)
		case "ms":
			r.Value = fmt.Sprintf("%.0f ms", f.Value)
		}
	}
	return r
}

// taskByID finds a task in the site's catalogue, else in scoring's.
func taskByID(s *Site, id string) *scoring.Task {
	for _, t := range s.Tasks {
		if t.ID == id {
			return t
		}
	}
	return scoring.TaskByID(id)
}

// ruleByID finds a rule in the site's rule table, else in scoring's.
func ruleByID(s *Site, id string) *scoring.Rule {
	for _, r := range s.Rules {
		if r.ID == id {
			return r
		}
	}
	return scoring.RuleByID(id)
}

// componentName names a component of the score.
func componentName(id string) string {
	for _, c := range scoring.Components {
		if c.ID == id {
			return c.Name
		}
	}
	return id
}

// itemName names an item of a component.
func itemName(id string) string {
	switch id {
	case "rules":
		return "Accessibility rules"
	case "tasks":
		return "Top tasks"
	case "task-links":
		return "Tasks linked from the home page or a landing page"
	}
	if d := scoring.FeatureByID(id); d != nil {
		return d.Name
	}
	return id
}

// isHTTP reports whether raw is an absolute http or https URL, the only
// URLs from councils that become links.
func isHTTP(raw string) bool {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return false
	}
	return u.Scheme == "http" || u.Scheme == "https"
}

// reasons explain the failure reasons of councilbench.Reason and the
// scorer's own.
var reasons = map[string]string{
	string(councilbench.ReasonDNS):            "its address could not be found (DNS)",
	string(councilbench.ReasonTLS):            "its secure connection failed (TLS)",
	string(councilbench.ReasonTimeout):        "it did not answer in time",
	string(councilbench.ReasonConnection):     "the connection was refused or broken",
	string(councilbench.ReasonHTTP4xx):        "it answered with an error (4xx)",
	string(councilbench.ReasonHTTP5xx):        "it answered with a server error (5xx)",
	string(councilbench.ReasonRateLimited):    "it kept asking the survey to slow down (429)",
	string(councilbench.ReasonRobots):         "its robots.txt does not allow the survey",
	string(councilbench.ReasonBotProtection):  "bot protection answered instead of the site",
	string(councilbench.ReasonPrivateAddress): "its address is on a private network",
	string(councilbench.ReasonRedirectLoop):   "its redirects went round in a loop",
	string(councilbench.ReasonTooManyHops):    "it redirected too many times",
	string(councilbench.ReasonBadRedirect):    "it redirected to something other than a web page",
	string(councilbench.ReasonSiteTime):       "the survey's time for the site ran out",
	string(councilbench.ReasonCanceled):       "the survey was stopped before the site was done",
	"no-site":                                 "the register lists no website",
	"no-home":                                 "no home page was stored",
	"unfinished":                              "the crawl did not finish",
	"not-finished":                            "the crawl did not finish",
	"no-home-page":                            "no home page was stored",
}

// reasonText explains why a council was not assessed.
func reasonText(r string) string {
	if t, ok := reasons[r]; ok {
		return t + " (" + r + ")"
	}
	if r == "" {
		return "not given"
	}
	return r
}

// funcs are the templates' functions.
var funcs = template.FuncMap{
	"stars": func(n int) string {
		if n < 0 || n > 4 {
			n = 0
		}
		return strings.Repeat("★", n) + strings.Repeat("☆", 4-n)
	},
	"starsText":  func(n int) string { return fmt.Sprintf("%d of 4 stars", n) },
	"score":      fmtScore,
	"isHTTP":     isHTTP,
	"tierName":   tierName,
	"tierPlural": tierPlural,
	"tierInText": tierPluralInText,
	"componentScore": func(sc *councilbench.CouncilScore, id string) string {
		if v, ok := componentScore(sc, id); ok {
			return fmtScore(v)
		}
		return ""
	},
	"components": func() []scoring.ComponentDef { return scoring.Components },
	"starBands": func() []struct {
		Stars int
		Min   float64
	} {
		return scoring.StarBands
	},
	// fourStarScore and fourStarMinComponent are what four stars need
	// besides the accessibility pass: the lowest score of the band, and
	// the lowest score of every component.
	"fourStarScore":        func() float64 { return scoring.StarBands[0].Min },
	"fourStarMinComponent": func() int { return scoring.FourStarMinComponent },
	"sub":                  func(a, b int) int { return a - b },
	"pct": func(n, d int) string {
		if d == 0 {
			return "–"
		}
		return fmt.Sprintf("%.0f%%", 100*float64(n)/float64(d))
	},
	"date": func(t time.Time) string {
		if t.IsZero() {
			return "not recorded"
		}
		return t.UTC().Format("2 January 2006")
	},
	"isoDate": func(t time.Time) string { return t.UTC().Format("2006-01-02") },
	"year":    func(t time.Time) int { return t.UTC().Year() },
	"reason":  reasonText,
	"abs": func(x any) any {
		switch v := x.(type) {
		case int:
			if v < 0 {
				return -v
			}
			return v
		case float64:
			if v < 0 {
				return fmtScore(-v)
			}
			return fmtScore(v)
		}
		return x
	},
	"join":     strings.Join,
	"markdown": markdown,
	"ruleID":   func(id string) string { return "rule-" + safeName(id) },
	"ruleFix":  ruleFix,
	// scoredRules and advisoryRules split a rule table: the rules that
	// count in the score, and the advisory ones that do not.
	"scoredRules":   func(rs []*scoring.Rule) []*scoring.Rule { return filterRules(rs, false) },
	"advisoryRules": func(rs []*scoring.Rule) []*scoring.Rule { return filterRules(rs, true) },
	"taskID":        func(id string) string { return "task-" + safeName(id) },
	"add":           func(a, b int) int { return a + b },
	"addf":          func(a, b float64) float64 { return a + b },
	"subf":          func(a, b float64) float64 { return a - b },
	"paragraphs": func(s string) []string {
		var out []string
		for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	},
	"services":   func(t *scoring.Task) string { return t.Provided.String() },
	"tiersAsked": tiersAsked,
	"cmpOK":      cmpOK,
	"csvFile":    func() string { return CSVFile },
	"divideFile": func() string { return DivideFile },
	"jsonFile":   func() string { return JSONFile },
	"sqliteFile": func() string { return ResultsSQLiteFile },
	"linksFile":  func() string { return LinksFile },
	"simNote":    func() string { return councilbench.SimulatedNote },
}

// ruleFix is a rule's one-line fix in the current rule table, "" for a rule
// it no longer has: advice for today's web team, whichever table scored the
// survey.
func ruleFix(id string) string {
	if r := scoring.RuleByID(id); r != nil {
		return r.Fix
	}
	return ""
}

// filterRules returns the rules whose Advisory mark is advisory, in order.
func filterRules(rs []*scoring.Rule, advisory bool) []*scoring.Rule {
	var out []*scoring.Rule
	for _, r := range rs {
		if r.Advisory == advisory {
			out = append(out, r)
		}
	}
	return out
}

// tiersAsked lists the tiers asked a task.
func tiersAsked(t *scoring.Task) string {
	var out []string
	for _, tier := range councilbench.Tiers {
		if t.ProvidedBy(scoring.ServicesOf(tier)) {
			out = append(out, tierPlural(tier))
		}
	}
	return strings.Join(out, ", ")
}
