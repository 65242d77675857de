package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/store"
	"github.com/councilbench/councilbench/survey"
)

// scorecardJSON is what show --format json prints: the scorecard, with the
// council's name and the survey, its components and features by id, and
// the advisory rules its site failed, which are apart from the score.
type scorecardJSON struct {
	*councilbench.CouncilScore
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
	for _, comp := range cs.Components {
		out.Components[comp.ID] = comp
	}
	for _, f := range cs.Features {
		out.Features[f.ID] = f
	}
	if cs.Assessed {
		if out.Advisory, out.Cascade, err = siteRates(ctx, db, s.ID, cs.Site); err != nil {
			return err
		}
	}
	if *format == "json" {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return writeScorecard(m.Stdout, &out)
}

// siteRates returns the stored rates of the advisory rules that failed on
// a site of the survey, and those of the rules that read the stylesheets.
func siteRates(ctx context.Context, db *store.DB, surveyID int64, siteKey string) (advisory, cascade []councilbench.RuleRate, err error) {
	as, err := db.SiteAssessments(ctx, surveyID)
	if err != nil {
		return nil, nil, err
	}
	for _, a := range as {
		if a.SiteKey != siteKey {
			continue
		}
		for _, r := range a.Accessibility.Rules {
			if r.Advisory && r.Failed > 0 {
				advisory = append(advisory, r)
			}
			if r.Judged > 0 || r.NotAssessed {
				cascade = append(cascade, r)
			}
		}
	}
	return advisory, cascade, nil
}

// writeScorecard prints a council's scorecard as text: the advisory rules
// its site failed come last, apart, under advisoryHeading.
func writeScorecard(w io.Writer, out *scorecardJSON) error {
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
	for _, f := range cs.Features {
		pass := yesNo(f.Pass)
		if !f.Known {
			pass = "unknown"
		}
		ev := f.URL
		if len(f.Evidence) > 0 {
			ev = strings.Join(f.Evidence, "; ")
		}
		fmt.Fprintf(tw, "%s\t%s\t%g %s\t%s\n", f.ID, pass, f.Value, f.Unit, trim(ev, 100))
	}
	if len(out.Cascade) > 0 {
		fmt.Fprintln(tw, "\nRules that read the stylesheets: how much they decided")
		fmt.Fprintln(tw, "RULE\tELEMENTS JUDGED\tDECIDED\tPAGES FAILING\tCAN'T TELL, BY REASON")
		for _, r := range out.Cascade {
			if r.NotAssessed {
				fmt.Fprintf(tw, "%s\tnot assessed (the survey stored no stylesheets)\t\t\t\n", r.Rule)
				continue
			}
			fmt.Fprintf(tw, "%s\t%d\t%.0f%%\t%d (%.0f%%)\t%s\n", r.Rule, r.Judged, 100*(1-float64(r.CantTell)/float64(max(r.Judged, 1))),
				r.Failed, 100*r.Rate, councilbench.ReasonCounts(r.Reasons))
		}
	}
	if len(out.Advisory) > 0 {
		fmt.Fprintf(tw, "\n%s: rules failed on the site's pages\n", advisoryHeading)
		fmt.Fprintln(tw, "ADVISORY RULE\tIMPACT\tPAGES FAILING\tEXAMPLE")
		for _, r := range out.Advisory {
			fmt.Fprintf(tw, "%s\t%s\t%d (%.0f%%)\t%s\n", r.Rule, r.Impact, r.Failed, 100*r.Rate, r.Example)
		}
	}
	return tw.Flush()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
