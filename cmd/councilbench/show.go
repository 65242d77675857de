package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/internal/human"
	"github.com/councilbench/councilbench/scoring"
	"github.com/councilbench/councilbench/store"
	"github.com/councilbench/councilbench/survey"
	"golang.org/x/term"
)

// scorecardJSON is what show --format json prints: the scorecard, with the
// council's name and the survey, its components and features by id, and
// the advisory rules its site failed, which are apart from the score.
type scorecardJSON struct {
	*councilbench.CouncilScore
	// Simulated and Note are there only for a simulated survey (the
	// demo): true, and councilbench.SimulatedNote.
	Simulated  bool                              `json:"simulated,omitempty"`
	Note       string                            `json:"note,omitempty"`
	Name       string                            `json:"name"`
	Survey     string                            `json:"survey"`
	Components map[string]councilbench.Component `json:"components"`
	Features   map[string]councilbench.Feature   `json:"features"`
	// Advisory are the rates of the advisory rules (best practice, not
	// scored) that failed on the site's pages, in rule-table order.
	Advisory []councilbench.RuleRate `json:"advisory_rules,omitempty"`
	// Cascade are the rates of the rules that read the stylesheets
	// (colour contrast): how much each decided on the site, or that it
	// was not assessed.
	Cascade []councilbench.RuleRate `json:"cascade_rules,omitempty"`
	// Failed are the rates of the scored rules (WCAG and the others that
	// count in the score) that failed on the site's pages, worst first.
	Failed []councilbench.RuleRate `json:"failed_rules,omitempty"`
	// TemplateFailures are the failing elements that repeat on many of
	// the site's pages (most pages first): each is fixed once, in the
	// site's template.
	TemplateFailures []councilbench.TemplateFailure `json:"template_failures,omitempty"`
	// Failures are every failing element stored for the site's pages
	// (the first 50 of a rule on a page), scored and advisory rules, by
	// rule, page URL and document order: what to fix, where.
	Failures []councilbench.Failure `json:"failures,omitempty"`
}

func (m *Main) runShow(ctx context.Context, args []string) error {
	fs := m.newFlagSet("show", "CODE --db FILE [--name SURVEY] [--format text|json]")
	var ref surveyRef
	ref.add(fs)
	format := fs.String("format", "text", "text or json")
	if err := parseFlags(fs, args, true); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usagef("unexpected argument %q: show takes one council's code", fs.Arg(1))
	}
	code := fs.Arg(0)
	if code == "" {
		return usagef("name a council by its code, e.g. councilbench show ADU")
	}
	if *format != "text" && *format != "json" {
		return usagef("--format must be text or json, not %q", *format)
	}
	db, s, err := ref.open(ctx, m.Stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	cs, err := db.CouncilScore(ctx, s.ID, code)
	if errors.Is(err, store.ErrNotFound) {
		return usagef("no score for council %q in survey %q (is the code right, and has its site been crawled?)", code, s.Name)
	} else if err != nil {
		return err
	}
	councils, err := survey.Councils(ctx, db, s.ID)
	if err != nil {
		return err
	}
	out := scorecardJSON{CouncilScore: cs, Name: councils[cs.Code].Name, Survey: s.Name,
		Components: map[string]councilbench.Component{}, Features: map[string]councilbench.Feature{}}
	if s.Simulated {
		out.Simulated, out.Note = true, councilbench.SimulatedNote
	}
	for _, comp := range cs.Components {
		out.Components[comp.ID] = comp
	}
	for _, f := range cs.Features {
		out.Features[f.ID] = f
	}
	if cs.Assessed {
		if out.Failed, out.Advisory, out.Cascade, err = siteRates(ctx, db, s.ID, cs.Site); err != nil {
			return err
		}
		if err := siteFailures(ctx, db, s.ID, cs.Site, &out); err != nil {
			return err
		}
	}
	if *format == "json" {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if s.Simulated {
		fmt.Fprintf(m.Stdout, "%s\n\n", councilbench.SimulatedNote)
	}
	return writeScorecard(m.Stdout, &out)
}

// siteRates returns the stored rates of the scored rules that failed on a
// site of the survey (worst first), those of the advisory rules that
// failed, and those of the rules that read the stylesheets.
func siteRates(ctx context.Context, db *store.DB, surveyID int64, siteKey string) (failed, advisory, cascade []councilbench.RuleRate, err error) {
	as, err := db.SiteAssessments(ctx, surveyID)
	if err != nil {
		return nil, nil, nil, err
	}
	for _, a := range as {
		if a.SiteKey != siteKey {
			continue
		}
		for _, r := range a.Accessibility.Rules {
			if r.Failed > 0 && !r.Advisory {
				failed = append(failed, r)
			}
			if r.Advisory && r.Failed > 0 {
				advisory = append(advisory, r)
			}
			if r.Judged > 0 || r.NotAssessed {
				cascade = append(cascade, r)
			}
		}
	}
	sort.SliceStable(failed, func(i, j int) bool { return failed[i].Rate > failed[j].Rate })
	return failed, advisory, cascade, nil
}

// siteFailures reads the failing elements of a site of the survey, and its
// template failures, into out.
func siteFailures(ctx context.Context, db *store.DB, surveyID int64, siteKey string, out *scorecardJSON) error {
	sites, err := db.Sites(ctx, surveyID)
	if err != nil {
		return err
	}
	for _, site := range sites {
		if site.Key != siteKey {
			continue
		}
		if out.TemplateFailures, err = db.SiteTemplateFailures(ctx, surveyID, site.ID); err != nil {
			return err
		}
		out.Failures, err = db.SiteFailures(ctx, site.ID)
		return err
	}
	return nil
}

// writeScorecard prints a council's scorecard as text: the advisory rules
// its site failed come apart, under advisoryHeading, and what to fix last:
// the template failures, then each failed rule's pages and elements.
// Evidence is wrapped to the terminal's width, never cut.
func writeScorecard(w io.Writer, out *scorecardJSON) error {
	width := textWidth(w)
	cs := out.CouncilScore
	fmt.Fprintf(w, "%s (%s), %s, survey %q, model %s\n", out.Name, cs.Code, cs.Tier, out.Survey, cs.ModelVersion)
	if !out.Assessed {
		fmt.Fprintf(w, "Not assessed: %s %s\n", cs.Reason, cs.Detail)
		return nil
	}
	pass := "passes"
	if !out.AccessibilityPass {
		pass = "does not pass (" + strings.Join(cs.PassFailures, "; ") + ")"
	}
	stars := fmt.Sprint(out.Stars)
	if out.StarsNote != "" {
		// Beside the stars, so that a four-star score with three stars
		// does not look like a mistake.
		stars += "; a four-star score, capped: " + out.StarsNote
	}
	fmt.Fprintf(w, "Stars: %s (%s)   Score: %.1f of 100   Accessibility: %s\n", strings.Repeat("★", out.Stars), stars, out.Score, pass)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "\nCOMPONENT\tWEIGHT\tSCORE\tPOINTS")
	for _, c := range cs.Components {
		fmt.Fprintf(tw, "%s\t%.0f\t%.1f\t%.1f\n", c.ID, c.Weight, c.Score, c.Points)
	}
	fmt.Fprintln(tw, "\nTASK\tFOUND\tCLICKS\tONLINE\tPDF ONLY\tURL, OR WHY NOT FOUND")
	for _, t := range cs.Tasks {
		clicks := "-"
		if t.Clicks >= 0 && t.Found {
			clicks = fmt.Sprint(t.Clicks)
		}
		where := t.URL
		if !t.Found {
			where = t.Why
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, yesNo(t.Found), clicks, yesNo(t.Online), yesNo(t.PDFOnly), where)
	}
	fmt.Fprintln(tw, "\nFEATURE\tPASS\tVALUE\tEVIDENCE")
	// The evidence column is wrapped, each further line a row of its own,
	// to what the columns before it (and their gaps) leave of the width.
	cols := [3]int{len("FEATURE"), len("unknown"), len("VALUE")}
	for _, f := range cs.Features {
		cols[0], cols[2] = max(cols[0], utf8.RuneCountInString(f.ID)), max(cols[2], utf8.RuneCountInString(featureValue(f)))
	}
	evWidth := width - (cols[0] + cols[1] + cols[2] + 3*2)
	for _, f := range cs.Features {
		pass := yesNo(f.Pass)
		if !f.Known {
			pass = "unknown"
		}
		ev := f.URL
		if len(f.Evidence) > 0 {
			ev = strings.Join(f.Evidence, "; ")
		}
		lines := human.Wrap(ev, evWidth)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.ID, pass, featureValue(f), lines[0])
		for _, l := range lines[1:] {
			fmt.Fprintf(tw, "\t\t\t%s\n", l)
		}
	}
	if len(out.Cascade) > 0 {
		fmt.Fprintln(tw, "\nRules that read the stylesheets: how much they decided")
		fmt.Fprintln(tw, "RULE\tELEMENTS JUDGED\tDECIDED\tPAGES FAILING\tCAN'T TELL, BY REASON")
		for _, r := range out.Cascade {
			if r.NotAssessed {
				fmt.Fprintf(tw, "%s\tnot assessed (the survey stored no stylesheets)\t\t\t\n", r.Rule)
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s (%s)\t%s\n", r.Rule, human.Count(r.Judged), human.PercentOf(r.Judged-r.CantTell, max(r.Judged, 1)),
				human.Count(r.Failed), human.Percent(r.Rate), councilbench.ReasonCounts(r.Reasons))
		}
	}
	if len(out.Advisory) > 0 {
		fmt.Fprintf(tw, "\n%s: rules failed on the site's pages\n", advisoryHeading)
		fmt.Fprintln(tw, "ADVISORY RULE\tIMPACT\tPAGES FAILING\tEXAMPLE")
		for _, r := range out.Advisory {
			fmt.Fprintf(tw, "%s\t%s\t%s (%s)\t%s\n", r.Rule, r.Impact, human.Count(r.Failed), human.Percent(r.Rate), r.Example)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return writeFixes(w, out, width)
}

// featureValue is a feature's measured value as people read it: yes or
// no, a percentage, a size or a time.
func featureValue(f councilbench.Feature) string {
	if !f.Known {
		return "-"
	}
	switch f.Unit {
	case "bool":
		return yesNo(f.Value != 0)
	case "share":
		return human.Percent(f.Value)
	case "bytes":
		return human.Bytes(f.Value)
	case "ms":
		return human.Millis(f.Value)
	}
	return strconv.FormatFloat(f.Value, 'g', 4, 64) + " " + f.Unit
}

// The bounds of show's text: what to fix, without a wall of text. JSON
// lists everything.
const (
	textTemplates       = 10 // template failures of the scored rules (groups of similarTemplates)
	textTemplatePages   = 2  // pages named under each
	textPagesPerRule    = 5  // pages listed under each failed rule
	textElementsPerPage = 2  // elements listed on each of those pages
)

// writeFixes prints what to fix, where: the template failures of the
// scored rules (each fixed once, in the site's template), then each failed
// rule with its fix and its first pages, each page with its first
// elements. Elements that a template failure covers are not listed again.
func writeFixes(w io.Writer, out *scorecardJSON, width int) error {
	if len(out.Failures) == 0 && len(out.TemplateFailures) == 0 {
		return nil
	}
	ew := &errWriter{w: w}
	inTemplate := map[[3]string]bool{}
	var scored, advisory []councilbench.TemplateFailure
	for _, t := range out.TemplateFailures {
		inTemplate[[3]string{t.Rule, t.Selector, t.Snippet}] = true
		if t.Advisory {
			advisory = append(advisory, t)
		} else {
			scored = append(scored, t)
		}
	}
	if len(scored)+len(advisory) > 0 {
		ew.printf("\n")
		ew.wrapped("", width, fmt.Sprintf("Template failures: the same element fails on %d or more pages; fix it once, in the site's template", councilbench.MinTemplatePages))
		groups := similarTemplates(scored)
		for i, g := range groups {
			if i == textTemplates {
				n := 0
				for _, g := range groups[i:] {
					n += len(g)
				}
				ew.printf("  … and %d more (show --format json lists them all)\n", n)
				break
			}
			t := g[0]
			ew.wrapped("  ", width, fmt.Sprintf("%s: on %s of %s pages (%s)",
				ruleName(t.Rule), human.Count(t.Pages), human.Count(t.SitePages), human.PercentOf(t.Pages, t.SitePages)))
			writeElement(ew, "    ", width, t.Evidence)
			if len(g) > 1 {
				ew.printf("    and %d more like it, on as many pages: the same tag at other positions of\n", len(g)-1)
				ew.wrapped("            ", width, nthChild.ReplaceAllString(t.Selector, ":nth-child(*)"))
			}
			pages := strings.Join(t.PageURLs[:min(len(t.PageURLs), textTemplatePages)], ", ")
			if n := len(t.PageURLs) - textTemplatePages; n > 0 {
				pages += " and " + human.Count(n) + " more"
			}
			ew.wrapped("    pages   ", width, pages)
		}
		if len(scored) == 0 {
			ew.printf("  none of the scored rules\n")
		}
		if len(advisory) > 0 {
			ew.printf("  and %d of advisory rules (best practice, not scored; show --format json lists them)\n", len(advisory))
		}
	}

	byRule := map[string][]councilbench.Failure{}
	for _, f := range out.Failures {
		byRule[f.Rule] = append(byRule[f.Rule], f)
	}
	rules := func(heading string, rates []councilbench.RuleRate) {
		if len(rates) == 0 {
			return
		}
		ew.printf("\n")
		ew.wrapped("", width, heading)
		for _, r := range rates {
			ew.printf("  %s: fails on %s pages (%s)\n", ruleName(r.Rule), human.Count(r.Failed), human.Percent(r.Rate))
			if info := ruleInfo(r.Rule); info != nil {
				if info.Fix != "" {
					ew.wrapped("    Fix: ", width, info.Fix)
				}
				ew.wrapped("    See: ", width, scoring.DocURL(info))
			}
			writeRulePages(ew, width, byRule[r.Rule], inTemplate)
		}
	}
	rules(fmt.Sprintf("Rules failed, worst first, with their pages and elements (the first %d of each; --format json lists all)", textPagesPerRule), out.Failed)
	rules(advisoryHeading+": the same, for the advisory rules", out.Advisory)
	return ew.err
}

// nthChild matches the position steps of an evidence selector.
var nthChild = regexp.MustCompile(`:nth-child\(\d+\)`)

// similarTemplates groups template failures (in the store's order: most
// pages first, then by rule and selector) that are one fix: the same rule
// on the same number of pages, on elements of the same tag whose selectors
// differ only in their positions (the eleven links of a menu), with the
// same colours when they are contrast failures: most likely one component,
// often one rule of CSS. show prints a group as its first element and a
// count; JSON keeps every one.
func similarTemplates(ts []councilbench.TemplateFailure) [][]councilbench.TemplateFailure {
	key := func(t councilbench.TemplateFailure) string {
		tag, _, _ := strings.Cut(strings.TrimPrefix(t.Snippet, "<"), " ")
		k := fmt.Sprintf("%s\x00%d\x00%s\x00%s", t.Rule, t.Pages, nthChild.ReplaceAllString(t.Selector, ":nth-child(*)"), strings.TrimSuffix(tag, ">"))
		if c := t.Contrast; c != nil {
			k += "\x00" + c.Foreground + c.Background
		}
		return k
	}
	var out [][]councilbench.TemplateFailure
	at := map[string]int{}
	for _, t := range ts {
		k := key(t)
		if i, ok := at[k]; ok {
			out[i] = append(out[i], t)
			continue
		}
		at[k] = len(out)
		out = append(out, []councilbench.TemplateFailure{t})
	}
	return out
}

// writeRulePages lists a rule's failing pages, the first textPagesPerRule
// of them, each with its first elements; those that a template failure
// covers are counted, not listed.
func writeRulePages(ew *errWriter, width int, fs []councilbench.Failure, inTemplate map[[3]string]bool) {
	var pages []string
	byPage := map[string][]councilbench.Evidence{}
	templated := map[string]bool{}
	for _, f := range fs {
		if inTemplate[[3]string{f.Rule, f.Selector, f.Snippet}] {
			templated[f.PageURL] = true
			continue
		}
		if byPage[f.PageURL] == nil {
			pages = append(pages, f.PageURL)
		}
		byPage[f.PageURL] = append(byPage[f.PageURL], f.Evidence)
	}
	if len(fs) == 0 {
		ew.printf("    no failing element was recorded\n")
		return
	}
	if n := len(templated); n > 0 {
		ew.printf("    %s of its pages fail on template failures above", human.Count(n))
		if len(pages) > 0 {
			ew.printf("; on other elements:")
		}
		ew.printf("\n")
	}
	for i, u := range pages {
		if i == textPagesPerRule {
			ew.printf("    … and %s\n", plural(len(pages)-textPagesPerRule, "more page", "more pages"))
			break
		}
		ew.wrapped("    ", width, u)
		evs := byPage[u]
		for j, e := range evs {
			if j == textElementsPerPage {
				ew.printf("      … and %s on this page\n", plural(len(evs)-textElementsPerPage, "more element", "more elements"))
				break
			}
			writeElement(ew, "      ", width, e)
		}
	}
}

// writeElement prints a failing element: its selector, its opening tag and
// what a contrast failure measured, each wrapped, never cut.
func writeElement(ew *errWriter, indent string, width int, e councilbench.Evidence) {
	ew.wrapped(indent+"element ", width, e.Selector)
	ew.wrapped(indent+"tag     ", width, e.Snippet)
	if e.Contrast != nil {
		ew.wrapped(indent+"        ", width, e.Contrast.String())
	}
}

// ruleInfo returns the rule table's entry for a rule, or nil.
func ruleInfo(id string) *councilbench.RuleInfo {
	if r := scoring.RuleByID(id); r != nil {
		return &r.RuleInfo
	}
	return nil
}

// ruleName names a rule with its criteria and impact, as check does, when
// the rule table knows it.
func ruleName(id string) string {
	if r := scoring.RuleByID(id); r != nil {
		return ruleHeading(r)
	}
	return id
}

// errWriter prints and keeps the first error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// wrapped prints text after prefix, wrapped to width; the lines after the
// first are indented as far as the text starts.
func (e *errWriter) wrapped(prefix string, width int, text string) {
	pad := strings.Repeat(" ", utf8.RuneCountInString(prefix))
	for i, l := range human.Wrap(text, width-len(pad)) {
		if i == 0 {
			e.printf("%s%s\n", prefix, l)
		} else {
			e.printf("%s%s\n", pad, l)
		}
	}
}

// textWidth is the width that show wraps its text to: the terminal's, or
// 100 columns when the output is not a terminal (a file, a pipe, a test).
func textWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 {
			return max(cols, 40)
		}
	}
	return 100
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
