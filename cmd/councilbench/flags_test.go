package main

import (
	"errors"
	"flag"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/store"
)

// TestParseFlags holds that flags are read before and after positional
// arguments, that "--" ends them, and that anything unknown is an error
// naming it.
func TestParseFlags(t *testing.T) {
	for _, c := range []struct {
		args      []string
		allowArgs bool
		format    string
		pos       []string
		err       string // "" for none
	}{
		{[]string{"ADU", "--format", "json"}, true, "json", []string{"ADU"}, ""},
		{[]string{"--format", "json", "ADU"}, true, "json", []string{"ADU"}, ""},
		{[]string{"a.html", "--format=json", "b.html"}, true, "json", []string{"a.html", "b.html"}, ""},
		{[]string{"a.html", "--", "--format", "b"}, true, "text", []string{"a.html", "--format", "b"}, ""},
		{[]string{"-"}, true, "text", []string{"-"}, ""},
		{[]string{"ADU", "--bogus"}, true, "", nil, "-bogus"},
		{[]string{"ADU", "--format"}, true, "", nil, "-format"},
		{[]string{"ADU"}, false, "", nil, `unexpected argument "ADU"`},
		{[]string{"--format", "json", "extra"}, false, "", nil, `unexpected argument "extra"`},
		{nil, false, "text", nil, ""},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		format := fs.String("format", "text", "")
		err := parseFlags(fs, c.args, c.allowArgs)
		if c.err != "" {
			var u *usageError
			if err == nil || !errors.As(err, &u) || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: got error %v, want a usage error naming %s", c.args, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.args, err)
			continue
		}
		if got := fs.Args(); *format != c.format || !slices.Equal(got, c.pos) && len(got)+len(c.pos) > 0 {
			t.Errorf("%q: got --format %q and arguments %q, want %q and %q", c.args, *format, got, c.format, c.pos)
		}
	}
}

// TestDefaultSurvey holds the choice of a survey when --name is not given.
func TestDefaultSurvey(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	sum := func(name string, finished time.Time) store.SurveySummary {
		return store.SurveySummary{Survey: councilbench.Survey{Name: name, StartedAt: day(1), FinishedAt: finished}}
	}
	for _, c := range []struct {
		surveys []store.SurveySummary
		want    string // "" for none
	}{
		{nil, ""},
		{[]store.SurveySummary{sum("demo", time.Time{})}, "demo"}, // the only one, even unfinished
		{[]store.SurveySummary{sum("2025", day(3)), sum("2026", day(9)), sum("demo", day(5))}, "2026"},
		{[]store.SurveySummary{sum("2025", day(3)), sum("2026", time.Time{})}, "2025"},
		{[]store.SurveySummary{sum("a", time.Time{}), sum("b", time.Time{})}, ""},
	} {
		s, why := defaultSurvey(c.surveys)
		got := ""
		if s != nil {
			got = s.Name
		}
		if got != c.want || why == "" {
			t.Errorf("%d surveys: got %q (%s), want %q", len(c.surveys), got, why, c.want)
		}
	}
}

// TestDefaultDB holds the choice of a file when --db is not given:
// councilbench.db, else the demo's file, saying so; neither is an error
// naming --db.
func TestDefaultDB(t *testing.T) {
	for _, c := range []struct {
		name    string
		flag    string
		files   []string
		want    string // "" for an error
		saysWhy bool
	}{
		{"flag given", "x.db", nil, "x.db", false},
		{"flag given, default there", "x.db", []string{defaultDBFile}, "x.db", false},
		{"the default", "", []string{defaultDBFile, demoDBFile}, defaultDBFile, false},
		{"after the demo", "", []string{demoDBFile}, demoDBFile, true},
		{"nothing", "", nil, "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			for _, f := range c.files {
				if err := os.WriteFile(f, nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var log strings.Builder
			got, err := defaultDB(c.flag, &log)
			if c.want == "" {
				if err == nil || !strings.Contains(err.Error(), "--db") {
					t.Fatalf("got %q, %v; want an error naming --db", got, err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("got %q, %v; want %q", got, err, c.want)
			}
			if says := strings.Contains(log.String(), c.want); says != c.saysWhy {
				t.Errorf("log %q: says which file %v, want %v", log.String(), says, c.saysWhy)
			}
		})
	}
}
