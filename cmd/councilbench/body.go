package main

import (
	"context"
	"fmt"
	"time"
)

// runBody prints a stored page's body as it was received, so that
// researchers can read one without a zstd library.
func (m *Main) runBody(ctx context.Context, args []string) error {
	fs := m.newFlagSet("body", "--db FILE [--name SURVEY] URL")
	dbPath := fs.String("db", "councilbench.db", "SQLite `file` holding the survey")
	name := fs.String("name", "", "the survey's `name` (default the current year)")
	if err := parseFlags(fs, args, true); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("name one stored URL")
	}
	if *name == "" {
		*name = fmt.Sprint(time.Now().Year())
	}
	db, err := openExisting(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	survey, err := db.Survey(ctx, *name)
	if err != nil {
		return usagef("--name %q: %v", *name, err)
	}
	body, err := db.PageBody(ctx, survey.ID, fs.Arg(0))
	if err != nil {
		return usagef("%v", err)
	}
	_, err = m.Stdout.Write(body)
	return err
}
