package reports

import (
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/scoring"
)

// Site is everything the report shows. The caller fills it from the store;
// Write renders it.
type Site struct {
	Survey   SurveyInfo
	Councils []Council
	// Compare holds the earlier survey's results, or nil when the report
	// compares with none (no --compare).
	Compare *Comparison
	// Answer answers the home page's question ("Are shire district
	// councils falling behind online?") in one or two plain sentences,
	// shown first (divide.Report.Answer).
	Answer string
	// Headlines are the plain-English findings of the digital-divide
	// analysis, one sentence or short paragraph each, with their
	// statistics: the comparison page (DivideFile) shows them first.
	Headlines []string
	// DivideTables are optional tables for the comparison page, under the
	// headlines.
	DivideTables []Table
	// Rules and Tasks are the rule table and the task catalogue the survey
	// was scored with (normally scoring.Rules and scoring.Tasks).
	Rules []*scoring.Rule
	Tasks []*scoring.Task
	// Methodology is the Markdown of docs/methodology.md; the methodology
	// page renders a small subset of Markdown (headings, paragraphs, lists,
	// tables, bold, code and links). When empty, the page is built from the
	// scoring tables alone.
	Methodology string
	// License is the text of the data licence, shown on the page on citing
	// and reusing the data.
	License string
	// ResultsSQLite says whether the caller writes the results-only SQLite
	// file, results.sqlite (ResultsSQLiteFile), into the output folder: the
	// downloads then link to it.
	ResultsSQLite bool
	// Links says whether the caller writes the link graph, links.csv.zst
	// (LinksFile), into the output folder: the downloads then link to it.
	Links bool
}

// ResultsSQLiteFile is the name of the results-only SQLite download, which
// the caller writes beside the pages when Site.ResultsSQLite is set.
const ResultsSQLiteFile = "results.sqlite"

// LinksFile is the name of the link graph download, every link of every
// stored page as zstd-compressed CSV (LinksHeader), which the caller
// writes beside the pages when Site.Links is set: results.sqlite has each
// page's links only in numbers.
const LinksFile = "links.csv.zst"

// LinksHeader is the header row of LinksFile: the id (pages.id in
// results.sqlite) and URL of the page a link is on, the link's target, its
// text and whether it leaves the site (1) or not (0).
var LinksHeader = []string{"page_id", "page_url", "target_url", "text", "external"}

// SurveyInfo describes the survey the report shows.
type SurveyInfo struct {
	Name             string // e.g. "2026"
	Started          time.Time
	Finished         time.Time // zero while unfinished
	ToolVersion      string    // councilbench.Version of the survey
	ModelVersion     string    // scoring.ModelVersion of the scores
	CatalogueVersion int       // scoring.TaskCatalogueVersion of the scores
	PagesCrawled     int       // pages stored across every site
	Sites            int       // websites crawled
	// Simulated marks a survey of the simulated web (the demo): every
	// page, title and download says so (councilbench.SimulatedNote).
	Simulated bool
}

// Council is one council's row and page.
type Council struct {
	Code   string // register code; its page is councils/<code>.html (sanitised)
	Name   string
	Tier   councilbench.Tier
	Nation string
	Region string
	// Assessed is false when the council's site could not be assessed;
	// Reason then says why (a councilbench.Reason code or a sentence). A
	// council not assessed is listed apart, never ranked.
	Assessed bool
	Reason   string
	// Score is the council's scorecard; nil when not assessed.
	Score *councilbench.CouncilScore
	// Failures are the accessibility rules the site failed, with evidence,
	// in rule-table order; advisory ones (RuleFailure.Advisory) are listed
	// apart from the others.
	Failures []RuleFailure
	// TemplateFailures are the failing elements that repeat on many of
	// the site's pages (councilbench.MinTemplatePages or more), most pages
	// first, advisory ones included: each is fixed once, in the site's
	// template. The page lists the scored rules' first few.
	TemplateFailures []councilbench.TemplateFailure
	// Undecided says, for each scored rule that reads the CSS cascade
	// (colour contrast), how much it decided on the site, or that it was
	// not assessed.
	Undecided []RuleUndecided
	// PageTitles maps a page's URL to its <title>, for the task pages; a
	// task's page is shown by its title when known, else by its URL.
	PageTitles   map[string]string
	PagesCrawled int
	PagesJudged  int    // HTML pages the accessibility rules judged (0: not shown)
	SiteURL      string // the website's home page
	SurveyDate   time.Time
}

// RuleUndecided is how much a rule that reads the cascade decided on a
// site.
type RuleUndecided struct {
	Rule        string
	NotAssessed bool   // the survey stored no stylesheets
	Judged      int    // text elements judged
	CantTell    int    // ... of which undecided
	Reasons     string // the reasons, most frequent first: "bg-image 12, positioned 3"
}

// RuleFailure is one accessibility rule the council's site failed.
type RuleFailure struct {
	Rule string // rule id, as in scoring.Rules
	// WCAG, Level, Impact and Description are taken from the rule table
	// (Site.Rules) when left empty.
	WCAG        []string
	Level       string
	Impact      councilbench.Impact
	Description string
	Pages       int // pages on which the rule failed
	Judged      int // pages judged (0: use Council.PagesJudged)
	// Advisory is the site's rate's mark (councilbench.RuleRate.Advisory):
	// a best-practice rule that counted in no score, listed apart under a
	// heading that says so.
	Advisory bool
	// Examples are a few failing elements: the page, a CSS selector and the
	// element's opening tag as crawled (untrusted).
	Examples []councilbench.Failure
}

// Comparison is the earlier survey that the report compares with.
type Comparison struct {
	Name         string // the earlier survey's name
	ModelVersion string // the model version its scores were made with
	// Comparable is false when the earlier survey was scored with another
	// model version: the report then shows no changes and says that the
	// surveys are not compared until the older one is rescored. Note may
	// add why.
	Comparable bool
	Note       string
	// Earlier holds the earlier results by council code. Councils not in it
	// are shown as new.
	Earlier map[string]Earlier
}

// Earlier is one council's result in the earlier survey.
type Earlier struct {
	Assessed bool
	Score    float64
	Stars    int
	// Rank is the council's rank among all councils in the earlier survey;
	// 0 lets the report rank the earlier scores itself. Tables of one tier
	// or nation always rank the earlier scores of their own councils.
	Rank int
}

// Table is a simple table of text for the home page: the first column is
// the rows' header.
type Table struct {
	Caption string
	Headers []string
	Rows    [][]string
	Note    string // shown under the table
}
