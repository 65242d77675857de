package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/store"
)

func (m *Main) runSurveys(ctx context.Context, args []string) error {
	fs := m.newFlagSet("surveys", "[--db FILE]")
	dbPath := fs.String("db", "councilbench.db", "SQLite `file` holding the surveys")
	if err := parseFlags(fs, args, false); err != nil {
		return err
	}
	db, err := openExisting(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	sums, err := db.Surveys(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tSTATUS\tSTARTED\tCOUNCILS\tSITES\tDONE\tFAILED\tPENDING\tPAGES\tVERSION")
	for _, s := range sums {
		status := "finished"
		if s.Survey.FinishedAt.IsZero() {
			status = "unfinished"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", s.Survey.Name, status,
			s.Survey.StartedAt.Format(time.DateTime), s.Councils, s.Sites, s.SitesDone, s.SitesFailed, s.SitesPending, s.Pages, s.Survey.ToolVersion)
	}
	return tw.Flush()
}

// surveyRef is the --db and --name flags of the commands that read one
// survey.
type surveyRef struct{ db, name string }

func (r *surveyRef) add(fs *flag.FlagSet) {
	fs.StringVar(&r.db, "db", "councilbench.db", "SQLite `file` holding the survey")
	fs.StringVar(&r.name, "name", "", "the survey's `name` (default the current year)")
}

// open opens the file and finds the survey; a missing file or survey is
// the user's mistake (exit 2).
func (r *surveyRef) open(ctx context.Context) (*store.DB, *councilbench.Survey, error) {
	if r.name == "" {
		r.name = fmt.Sprint(time.Now().Year())
	}
	db, err := openExisting(ctx, r.db)
	if err != nil {
		return nil, nil, err
	}
	s, err := db.Survey(ctx, r.name)
	if err != nil {
		db.Close()
		return nil, nil, usagef("--name %q: %w", r.name, err)
	}
	return db, s, nil
}

// openExisting opens a store that must already exist: a mistyped --db should
// not silently create an empty file.
func openExisting(ctx context.Context, path string) (*store.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, usagef("--db: %w", err)
	}
	return store.Open(ctx, path)
}
