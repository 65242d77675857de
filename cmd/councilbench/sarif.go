package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/scoring"
)

// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/), the
// part of it check writes: a run of one tool with its rules, and results
// at physical locations. The types are declared here rather than taken
// from a SARIF library, whose schema validator would be initialised at
// every start of the binary; the tests validate the output against the
// SARIF schema with one (github.com/owenrumney/go-sarif).
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool    sarifTool     `json:"tool"`
		Results []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string         `json:"id"`
		Name                 string         `json:"name"`
		ShortDescription     sarifText      `json:"shortDescription"`
		Help                 sarifText      `json:"help"`
		HelpURI              string         `json:"helpUri"`
		DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
		Properties           map[string]any `json:"properties"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             sarifText         `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical  `json:"physicalLocation"`
		LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
	}
	sarifPhysical struct {
		ArtifactLocation struct {
			URI string `json:"uri"`
		} `json:"artifactLocation"`
		Region *sarifRegion `json:"region,omitempty"`
	}
	sarifRegion struct {
		StartLine   int        `json:"startLine,omitempty"`
		StartColumn int        `json:"startColumn,omitempty"`
		Snippet     *sarifText `json:"snippet,omitempty"`
	}
	sarifLogical struct {
		FullyQualifiedName string `json:"fullyQualifiedName"`
		Kind               string `json:"kind"`
	}
)

// sarifReport is check's output as SARIF 2.1.0 (--format sarif), the
// format code-scanning tools read: every rule once, with its description,
// fix and documentation, and a result for every failing element, at its
// line where it is known. WCAG A and AA failures are errors (what makes
// check exit 1), best-practice and AAA ones warnings, advisory ones notes;
// can't tell is not reported.
type sarifReport struct {
	log sarifLog
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
	d := sarifDriver{Name: "councilbench", Version: councilbench.Version, InformationURI: councilbench.ContactURL}
	for _, r := range table {
		tags := []string{"accessibility"}
		for _, sc := range r.WCAG {
			tags = append(tags, "WCAG "+sc)
		}
		if r.Advisory {
			tags = append(tags, "advisory")
		}
		props := map[string]any{"tags": tags, "impact": string(r.Impact), "version": r.Version}
		if r.Level != "" {
			props["level"] = r.Level
		}
		help := r.Fix
		if help == "" {
			help = r.Description
		}
		d.Rules = append(d.Rules, sarifRule{ID: r.ID, Name: r.ID, ShortDescription: sarifText{r.Description},
			Help: sarifText{help}, HelpURI: scoring.DocURL(&r.RuleInfo),
			DefaultConfiguration: sarifConfig{sarifLevel(r)}, Properties: props})
	}
	return &sarifReport{log: sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{{Tool: sarifTool{Driver: d}, Results: []sarifResult{}}},
	}}
}

// add adds a page's failures.
func (s *sarifReport) add(pc *pageCheck) {
	run := &s.log.Runs[0]
	uri := pc.name
	if !isURL(uri) {
		uri = filepath.ToSlash(uri)
	}
	file := func() sarifPhysical {
		var p sarifPhysical
		p.ArtifactLocation.URI = uri
		return p
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
			loc := file()
			loc.Region = &sarifRegion{Snippet: &sarifText{ev.Snippet}}
			if p := pc.at[ev.Selector]; p.Known() {
				loc.Region.StartLine, loc.Region.StartColumn = p.Line, p.Column
			}
			run.Results = append(run.Results, sarifResult{RuleID: r.ID, RuleIndex: i, Level: sarifLevel(r),
				Message: sarifText{msg},
				Locations: []sarifLocation{{PhysicalLocation: loc,
					LogicalLocations: []sarifLogical{{FullyQualifiedName: ev.Selector, Kind: "element"}}}},
				PartialFingerprints: map[string]string{"selector/v1": r.ID + " " + ev.Selector}})
		}
		if n := res.FailureCount - len(res.Failures); n > 0 {
			run.Results = append(run.Results, sarifResult{RuleID: r.ID, RuleIndex: i, Level: sarifLevel(r),
				Message:   sarifText{fmt.Sprintf("%s: fails on %d more elements of this page (the first %d are listed).", r.Description, n, len(res.Failures))},
				Locations: []sarifLocation{{PhysicalLocation: file()}}})
		}
	}
}

// write writes the log, indented.
func (s *sarifReport) write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s.log)
}
