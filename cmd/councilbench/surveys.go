package main

import (
	"context"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

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

// openExisting opens a store that must already exist: a mistyped --db should
// not silently create an empty file.
func openExisting(ctx context.Context, path string) (*store.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, usagef("--db: %v", err)
	}
	return store.Open(ctx, path)
}
