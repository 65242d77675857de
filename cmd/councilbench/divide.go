package main

import (
	"context"

	"github.com/councilbench/councilbench/divide"
	"github.com/councilbench/councilbench/survey"
)

func (m *Main) runDivide(ctx context.Context, args []string) error {
	fs := m.newFlagSet("divide", "--db FILE [--name SURVEY] [--format text|md|json|csv] [--all-nations]")
	var ref surveyRef
	ref.add(fs)
	format := fs.String("format", "text", "text, md, json or csv")
	all := fs.Bool("all-nations", false, "add Scotland's, Wales's and Northern Ireland's councils as groups of their own")
	if err := parseFlags(fs, args, false); err != nil {
		return err
	}
	write := map[string]func(*divide.Report) error{
		"text": func(r *divide.Report) error { return r.WriteText(m.Stdout) },
		"md":   func(r *divide.Report) error { return r.WriteMarkdown(m.Stdout) },
		"json": func(r *divide.Report) error { return r.WriteJSON(m.Stdout) },
		"csv":  func(r *divide.Report) error { return r.WriteCSV(m.Stdout) },
	}[*format]
	if write == nil {
		return usagef("--format must be text, md, json or csv, not %q", *format)
	}
	db, s, err := ref.open(ctx, m.Stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	results, err := db.CouncilResults(ctx, s.ID)
	if err != nil {
		return err
	}
	return write(divide.Analyse(survey.DivideCouncils(results), divide.Options{AllNations: *all, Simulated: s.Simulated}))
}
