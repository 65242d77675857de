package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/internal/hostile"
)

var hostileTable = flag.Bool("hostile-table", false, "run TestHostileTable: survey each hostile fault alone in its own process and print a table")

// TestHostileTable surveys each fault of the hostile web alone, with the
// built binary in a process of its own, and prints a Markdown table of what
// was recorded, how long the site took and the process's peak RSS. It is
// slow (about two minutes), so it runs only when asked:
//
//	go test ./cmd/councilbench -run TestHostileTable -v -args -hostile-table
func TestHostileTable(t *testing.T) {
	if !*hostileTable {
		t.Skip("pass -hostile-table to print the fault table")
	}
	bin := buildBinary(t)
	web, flags := startHostile(t, hostile.Options{}, "")
	common := []string{"--timeout", "5s", "--site-time", "20s", "--retries", "1", "--max-pages", "50", "--progress", "none"}
	var b strings.Builder
	b.WriteString("| fault | what the site does | recorded (status / reason: error) | site took | pages stored | peak RSS |\n|---|---|---|---|---|---|\n")
	for i, f := range web.Faults() {
		dir := t.TempDir()
		db := filepath.Join(dir, "t.db")
		args := append(append([]string{"survey", "--db", db, "--name", "t", "--register",
			writeRegister(t, []councilbench.Council{hostileCouncil(i, f)})}, common...), flags...)
		cmd := exec.Command(bin, args...)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			t.Errorf("%s: %v", f.Name, err)
			continue
		}
		rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KiB on Linux
		o := readOutcomes(t, db, "t")
		key, _ := councilbench.SiteKey(f.Start)
		s := o[key]
		if s == nil {
			t.Errorf("%s: no site row", f.Name)
			continue
		}
		rec := string(s.site.Status)
		if s.site.Reason != "" {
			rec += " / " + string(s.site.Reason)
		}
		if s.site.Error != "" {
			rec += ": " + trimMiddle(s.site.Error, 90)
		}
		var notes []string
		for _, p := range s.pages {
			if p.Reason != "" && p.Kind == councilbench.KindHTML {
				notes = append(notes, fmt.Sprintf("%s %s", pathOf(p.URL), p.Reason))
			} else if p.Truncated {
				notes = append(notes, fmt.Sprintf("%s truncated at %d B", pathOf(p.URL), p.Size))
			}
			if sc := s.score[p.URL]; sc != nil && sc.Error != "" {
				notes = append(notes, fmt.Sprintf("%s not scored: %s", pathOf(p.URL), sc.Error))
			}
		}
		if len(notes) > 0 {
			rec += "; pages: " + strings.Join(uniq(notes), ", ")
		}
		var sheets []string
		for _, st := range s.sheets {
			switch {
			case st.Reason != "":
				sheets = append(sheets, fmt.Sprintf("%s %s", pathOf(st.URL), st.Reason))
			case st.Truncated:
				sheets = append(sheets, fmt.Sprintf("%s truncated (%d B read)", pathOf(st.URL), st.Bytes))
			}
		}
		if len(sheets) > 0 {
			rec += "; stylesheets: " + strings.Join(uniq(sheets), ", ")
		}
		took := s.site.FinishedAt.Sub(s.site.StartedAt).Round(10 * time.Millisecond)
		fmt.Fprintf(&b, "| %s | %s | %s | %v | %d | %d MiB |\n", f.Name, f.What, strings.ReplaceAll(rec, "|", "/"), took, len(s.pages), rss>>10)
	}
	if n := web.PrivateHits(); n != 0 {
		t.Errorf("private addresses reached %d times", n)
	}
	fmt.Println(b.String())
}

func pathOf(raw string) string {
	if i := strings.Index(raw, "://"); i >= 0 {
		if j := strings.Index(raw[i+3:], "/"); j >= 0 {
			return raw[i+3+j:]
		}
	}
	return raw
}

func trimMiddle(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-1] + "…"
}

func uniq(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	if len(out) > 6 {
		out = append(out[:6], fmt.Sprintf("and %d more", len(out)-6))
	}
	return out
}
