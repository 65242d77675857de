package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/survey"
)

func (m *Main) runReport(ctx context.Context, args []string) error {
	fs := m.newFlagSet("report", "--db FILE --out DIR [--name SURVEY] [--compare SURVEY]")
	var ref surveyRef
	ref.add(fs)
	out := fs.String("out", "", "`folder` to write the static website to (created; its files are replaced)")
	compare := fs.String("compare", "", "an earlier survey's `name`, to show changes since then")
	if err := parseFlags(fs, args, false); err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out: name the folder to write the website to")
	}
	db, s, err := ref.open(ctx, m.Stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	var earlier *councilbench.Survey
	if *compare != "" {
		if earlier, err = db.Survey(ctx, *compare); err != nil {
			return usagef("--compare %q: %w", *compare, err)
		}
	}
	site, err := survey.Report(ctx, db, s, earlier)
	if err != nil {
		return err
	}
	if site.Compare != nil && site.Compare.Note != "" {
		fmt.Fprintln(m.Stderr, site.Compare.Note)
	}
	if err := survey.WriteReport(ctx, db, s, site, *out); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	fmt.Fprintf(m.Stdout, "Wrote the report of survey %q to %s (open %s).\n", site.Survey.Name, *out, filepath.Join(*out, "index.html"))
	if s.Simulated {
		fmt.Fprintf(m.Stdout, "%s Every page of the report says so.\n", councilbench.SimulatedNote)
	}
	return nil
}
