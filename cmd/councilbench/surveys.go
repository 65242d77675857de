package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/internal/human"
	"github.com/councilbench/councilbench/store"
)

func (m *Main) runSurveys(ctx context.Context, args []string) error {
	fs := m.newFlagSet("surveys", "[--db FILE]")
	dbPath := fs.String("db", "", "SQLite `file` holding the surveys (default councilbench.db, else the demo's councilbench-demo.db)")
	if err := parseFlags(fs, args, false); err != nil {
		return err
	}
	path, err := defaultDB(*dbPath, m.Stderr)
	if err != nil {
		return err
	}
	db, err := openExisting(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	sums, err := db.Surveys(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tSTATUS\tSTARTED\tCOUNCILS\tSITES\tDONE\tFAILED\tPENDING\tPAGES\tVERSION\tDATA")
	simulated := false
	for _, s := range sums {
		status := "finished"
		if s.Survey.FinishedAt.IsZero() {
			status = "unfinished"
		}
		data := "real websites"
		if s.Survey.Simulated {
			data, simulated = "SIMULATED", true
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%s\n", s.Survey.Name, status,
			s.Survey.StartedAt.Format(time.DateTime), s.Councils, s.Sites, s.SitesDone, s.SitesFailed, s.SitesPending, human.Count(int(s.Pages)), s.Survey.ToolVersion, data)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if simulated {
		fmt.Fprintln(m.Stdout, "\nA SIMULATED survey crawled councilbench's simulated web (the demo's fictional councils): its results describe no real council.")
	}
	return nil
}

// surveyRef is the --db and --name flags of the commands that read one
// survey.
type surveyRef struct{ db, name string }

func (r *surveyRef) add(fs *flag.FlagSet) {
	fs.StringVar(&r.db, "db", "", "SQLite `file` holding the survey (default councilbench.db, else the demo's councilbench-demo.db)")
	fs.StringVar(&r.name, "name", "", "the survey's `name` (default the file's only survey, else its most recent finished one)")
}

// open opens the file and finds the survey; a missing file or survey is
// the user's mistake (exit 2), and the error lists the surveys the file
// holds. Without --name it chooses the file's only survey, or else the most
// recent finished one, and says on log which it chose.
func (r *surveyRef) open(ctx context.Context, log io.Writer) (*store.DB, *councilbench.Survey, error) {
	path, err := defaultDB(r.db, log)
	if err != nil {
		return nil, nil, err
	}
	r.db = path
	db, err := openExisting(ctx, r.db)
	if err != nil {
		return nil, nil, err
	}
	s, err := r.find(ctx, db, log)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, s, nil
}

func (r *surveyRef) find(ctx context.Context, db *store.DB, log io.Writer) (*councilbench.Survey, error) {
	if r.name != "" {
		s, err := db.Survey(ctx, r.name)
		if errors.Is(err, store.ErrNotFound) {
			sums, lerr := db.Surveys(ctx)
			if lerr != nil {
				return nil, lerr
			}
			return nil, usagef("--name %q: no such survey in %s; %s", r.name, r.db, surveyList(sums))
		}
		if err != nil {
			return nil, err
		}
		return s, nil
	}
	sums, err := db.Surveys(ctx)
	if err != nil {
		return nil, err
	}
	s, why := defaultSurvey(sums)
	if s == nil {
		return nil, usagef("--name: %s; %s", why, surveyList(sums))
	}
	fmt.Fprintf(log, "survey %q (%s; choose another with --name)\n", s.Name, why)
	return s, nil
}

// defaultSurvey chooses the survey a command reads when --name is not
// given: the only one, or else the most recent finished one (by when it
// finished). why says which, or why there is none.
func defaultSurvey(sums []store.SurveySummary) (s *councilbench.Survey, why string) {
	switch len(sums) {
	case 0:
		return nil, "the file holds no survey"
	case 1:
		return &sums[0].Survey, "the file's only survey"
	}
	for i := range sums {
		c := &sums[i].Survey
		if !c.FinishedAt.IsZero() && (s == nil || c.FinishedAt.After(s.FinishedAt)) {
			s = c
		}
	}
	if s == nil {
		return nil, "none of the file's surveys has finished, so name one"
	}
	return s, "the most recent finished one"
}

// surveyList says which surveys a file holds, for an error message.
func surveyList(sums []store.SurveySummary) string {
	if len(sums) == 0 {
		return "it holds none (run councilbench survey first)"
	}
	var b strings.Builder
	b.WriteString("it holds ")
	for i, s := range sums {
		if i > 0 {
			b.WriteString(", ")
		}
		status := "finished"
		if s.Survey.FinishedAt.IsZero() {
			status = "unfinished"
		}
		fmt.Fprintf(&b, "%q (%s)", s.Survey.Name, status)
	}
	return b.String()
}

// openExisting opens a store that must already exist: a mistyped --db should
// not silently create an empty file.
// defaultDBFile is the survey file the commands read without --db.
const defaultDBFile = "councilbench.db"

// defaultDB returns the file named by --db, or without it councilbench.db,
// or, where that does not exist and the demo's file does, the demo's (so
// that show, divide and report work after the demo as they are typed),
// saying on log which it chose.
func defaultDB(flag string, log io.Writer) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if _, err := os.Stat(defaultDBFile); err == nil {
		return defaultDBFile, nil
	}
	if _, err := os.Stat(demoDBFile); err == nil {
		fmt.Fprintf(log, "file %s (the demo's: there is no %s here; choose another with --db)\n", demoDBFile, defaultDBFile)
		return demoDBFile, nil
	}
	return "", usagef("--db: no %s here (nor the demo's %s): name a survey file with --db", defaultDBFile, demoDBFile)
}

func openExisting(ctx context.Context, path string) (*store.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, usagef("--db: %w", err)
	}
	return store.Open(ctx, path)
}
