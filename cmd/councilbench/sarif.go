package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/scoring"
	"github.com/owenrumney/go-sarif/v3/pkg/report"
	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

// sarifReport is check's output as SARIF 2.1.0 (--format sarif), the
// format code-scanning tools read: every rule once, with its description,
// fix and documentation, and a result for every failing element, at its
// line where it is known. WCAG A and AA failures are errors (what makes
// check exit 1), best-practice and AAA ones warnings, advisory ones notes;
// can't tell is not reported.
type sarifReport struct {
	log *sarif.Report
	run *sarif.Run
}

// sarifLevel is the SARIF level of a rule's failures.
func sarifLevel(r *scoring.Rule) string {
	switch {
	case blocking(r):
		return "error"
	case r.Advisory:
		return "note"
	}
	return "warning"
}

func newSarifReport(table []*scoring.Rule) *sarifReport {
	run := sarif.NewRunWithInformationURI("councilbench", councilbench.ContactURL)
	run.Tool.Driver.WithVersion(councilbench.Version)
	for _, r := range table {
		tags := []string{"accessibility"}
		for _, sc := range r.WCAG {
			tags = append(tags, "WCAG "+sc)
		}
		if r.Advisory {
			tags = append(tags, "advisory")
		}
		props := sarif.NewPropertyBag().WithTags(tags).Add("impact", string(r.Impact)).Add("version", r.Version)
		if r.Level != "" {
			props.Add("level", r.Level)
		}
		help := r.Fix
		if help == "" {
			help = r.Description
		}
		run.AddRule(r.ID).
			WithName(r.ID).
			WithShortDescription(sarif.NewMultiformatMessageString().WithText(r.Description)).
			WithHelp(sarif.NewMultiformatMessageString().WithText(help)).
			WithHelpURI(scoring.DocURL(&r.RuleInfo)).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(r))).
			WithProperties(props)
	}
	log := report.NewV210Report()
	log.AddRun(run)
	return &sarifReport{log: log, run: run}
}

// add adds a page's failures.
func (s *sarifReport) add(pc *pageCheck) {
	uri := pc.name
	if !isURL(uri) {
		uri = filepath.ToSlash(uri)
	}
	for i, r := range pc.table {
		res := pc.result(r)
		if res.Outcome != scoring.Failed {
			continue
		}
		for _, ev := range res.Failures {
			msg := r.Description + ": fails here."
			if r.Fix != "" {
				msg += " " + r.Fix
			}
			if c := ev.Contrast; c != nil {
				msg += fmt.Sprintf(" (%s)", c)
			}
			loc := sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewArtifactLocation().WithURI(uri))
			region := sarif.NewRegion().WithSnippet(sarif.NewArtifactContent().WithText(ev.Snippet))
			if p := pc.at[ev.Selector]; p.Known() {
				region.WithStartLine(p.Line).WithStartColumn(p.Column)
			}
			loc.WithRegion(region)
			s.run.CreateResultForRule(r.ID).
				WithRuleIndex(i).
				WithLevel(sarifLevel(r)).
				WithMessage(sarif.NewTextMessage(msg)).
				AddLocation(sarif.NewLocationWithPhysicalLocation(loc).
					AddLogicalLocation(sarif.NewLogicalLocation().WithFullyQualifiedName(ev.Selector).WithKind("element"))).
				WithPartialFingerprints(map[string]string{"selector/v1": r.ID + " " + ev.Selector})
		}
		if n := res.FailureCount - len(res.Failures); n > 0 {
			s.run.CreateResultForRule(r.ID).
				WithRuleIndex(i).
				WithLevel(sarifLevel(r)).
				WithMessage(sarif.NewTextMessage(fmt.Sprintf("%s: fails on %d more elements of this page (the first %d are listed).", r.Description, n, len(res.Failures)))).
				AddLocation(sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewArtifactLocation().WithURI(uri))))
		}
	}
}

// write writes the log, indented, after checking it against the SARIF
// 2.1.0 schema: an invalid log is a bug, not output.
func (s *sarifReport) write(w io.Writer) error {
	if err := s.log.Validate(); err != nil {
		return fmt.Errorf("SARIF output: %w", err)
	}
	var b strings.Builder
	if err := s.log.PrettyWrite(&b); err != nil {
		return err
	}
	_, err := io.WriteString(w, b.String())
	return err
}
