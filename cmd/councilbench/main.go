// Command councilbench surveys UK council websites: it crawls them politely
// into SQLite, scores them, and publishes the results.
//
// Run "councilbench help" for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"

	"github.com/councilbench/councilbench/scoring"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := &Main{Stdout: os.Stdout, Stderr: os.Stderr}
	os.Exit(m.Run(ctx, os.Args[1:]))
}

// Main is the program, with its outputs as fields so tests can run it.
type Main struct {
	Stdout io.Writer
	Stderr io.Writer
	// scorer is the scorer that check uses: nil for scoring.DefaultScorer,
	// another rule table in tests.
	scorer *scoring.Scorer
}

// command is one subcommand: its one-line summary and what runs it.
type command struct {
	summary string
	run     func(m *Main, ctx context.Context, args []string) error
}

// commands is the table of subcommands; each lives in a file of its own.
var commands = map[string]command{
	"check":    {"score HTML files, folders or single pages against the accessibility rules", (*Main).runCheck},
	"divide":   {"compare shire districts with larger councils: the digital divide, with its statistics", (*Main).runDivide},
	"report":   {"write the static website of a survey's league tables and findings", (*Main).runReport},
	"show":     {"print one council's scorecard: stars, score, components, tasks and features", (*Main).runShow},
	"rescore":  {"score a survey's stored pages again with the current rules, without the network", (*Main).runRescore},
	"body":     {"print a stored page's body as it was received", (*Main).runBody},
	"councils": {"list the councils of the register", (*Main).runCouncils},
	"survey":   {"crawl councils' websites into a SQLite file", (*Main).runSurvey},
	"surveys":  {"list the surveys in a SQLite file", (*Main).runSurveys},
}

// Exit codes: 0 success, 1 could not run, 2 bad flags or input.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// usageError marks an error caused by the user's flags or input (exit 2).
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// usagef returns a usageError. Its format wraps errors with %w, as
// fmt.Errorf does, so that callers can still test for their causes.
func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// Run runs the subcommand named by args[0] and returns the exit code.
func (m *Main) Run(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		m.usage(m.Stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(m.Stderr, "councilbench: unknown command %q\n", args[0])
		m.usage(m.Stderr)
		return exitUsage
	}
	err := cmd.run(m, ctx, args[1:])
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(m.Stderr, "councilbench %s: %v\n", args[0], err)
		return exitUsage
	default:
		fmt.Fprintf(m.Stderr, "councilbench %s: %v\n", args[0], err)
		return exitError
	}
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprintln(w, "councilbench surveys UK council websites.\n\nUsage: councilbench COMMAND [flags]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun \"councilbench COMMAND -h\" for a command's flags.")
}

// newFlagSet returns a flag set that reports errors instead of exiting, and
// prints its usage to m.Stderr.
func (m *Main) newFlagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: councilbench %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, turning a bad flag into a usageError (exit 2). It
// refuses positional arguments unless allowArgs. Flags may come before and
// after positional arguments ("show ADU --format json"), as people type
// them; "--" ends the flags, so that a file called "-x" can be named. The
// positional arguments are left in fs.Args.
func parseFlags(fs *flag.FlagSet, args []string, allowArgs bool) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return &usageError{err}
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		if len(rest) == 0 {
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	if !allowArgs && len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	// Parsing "--" alone sets no flag and leaves pos as fs.Args.
	return fs.Parse(append([]string{"--"}, pos...))
}
