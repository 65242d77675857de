package main

import (
	"context"
)

// runBody prints a stored page's body as it was received, so that
// researchers can read one without a zstd library.
func (m *Main) runBody(ctx context.Context, args []string) error {
	fs := m.newFlagSet("body", "--db FILE [--name SURVEY] URL")
	var ref surveyRef
	ref.add(fs)
	if err := parseFlags(fs, args, true); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("name one stored URL")
	}
	db, survey, err := ref.open(ctx, m.Stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	body, err := db.PageBody(ctx, survey.ID, fs.Arg(0))
	if err != nil {
		return usagef("%w", err)
	}
	_, err = m.Stdout.Write(body)
	return err
}
