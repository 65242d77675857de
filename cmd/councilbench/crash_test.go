package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Crash safety: TestKillAndResume (survey_test.go) kills a survey with
// SIGKILL at random moments and resumes it, then calls checkCrashSafe and
// checkRescoreKills below.

// killMoments returns n random moments in [lo, hi), from a seed the test
// logs so that a failure can be replayed.
func killMoments(t testing.TB, n int, lo, hi time.Duration) []time.Duration {
	seed := uint64(time.Now().UnixNano())
	t.Logf("kill moments from seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = lo + time.Duration(rng.Int64N(int64(hi-lo)))
	}
	return out
}

// checkCrashSafe checks a survey file that was killed and resumed against
// one that ran without interruption: SQLite's integrity check passes, and
// every council's site, pages (each stored once), findings and scores are
// the same, timings aside.
func checkCrashSafe(t testing.TB, whole, killed string) {
	t.Helper()
	ctx := context.Background()
	if err := integrityCheck(ctx, killed); err != nil {
		t.Errorf("after the kills: %v", err)
	}
	w, g := surveyDump(t, whole, "", nil), surveyDump(t, killed, "", nil)
	if len(g) != len(w) {
		t.Errorf("%d councils with results, want %d", len(g), len(w))
	}
	for k, wv := range w {
		if gv := g[k]; gv != wv {
			t.Errorf("council %s differs from the uninterrupted run:\n%s", k, firstDiff(gv, wv))
		}
	}
	if !reflect.DeepEqual(keys(w), keys(g)) {
		t.Errorf("councils: got %v, want %v", keys(g), keys(w))
	}
}

// checkRescoreKills rescores a copy of the finished survey file whole
// without interruption, and another copy while killing the rescore with
// SIGKILL at random moments and running it again each time; then both
// copies must pass checkCrashSafe's comparison.
func checkRescoreKills(t *testing.T, bin, whole, name string) {
	t.Helper()
	dir := t.TempDir()
	calm, killed := filepath.Join(dir, "calm.db"), filepath.Join(dir, "killed.db")
	for _, dst := range []string{calm, killed} {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := copyFile(whole+suffix, dst+suffix); err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
		}
	}
	args := func(db string) []string { return []string{"rescore", "--db", db, "--name", name} }
	start := time.Now()
	if out, err := exec.Command(bin, args(calm)...).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted rescore: %v\n%s", err, out)
	}
	// Kill within the time an uninterrupted rescore took, so that a fast
	// machine kills it too; the first moment comes early, when the rescore
	// is surely still running.
	took := time.Since(start)
	moments := killMoments(t, 4, took/20, max(took*9/10, took/20+time.Millisecond))
	moments[0] = took / 10
	kills := 0
	for _, after := range moments {
		cmd := exec.Command(bin, args(killed)...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(after):
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
			kills++
		}
	}
	if out, err := exec.Command(bin, args(killed)...).CombinedOutput(); err != nil {
		t.Fatalf("rescore after the kills: %v\n%s", err, out)
	}
	if kills == 0 {
		t.Errorf("the rescore was never killed: make it longer")
	}
	checkCrashSafe(t, calm, killed)
	t.Logf("rescore killed %d times, same results as uninterrupted", kills)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// checkReportKills writes the report of a finished survey without
// interruption, then again into another folder while killing it with
// SIGKILL at random moments and running it again each time: the files
// must end up the same (the results-only SQLite file is checked for
// integrity, since SQLite files need not be byte-identical).
func checkReportKills(t *testing.T, bin, whole, name string) {
	t.Helper()
	dir := t.TempDir()
	calm, killed := filepath.Join(dir, "calm"), filepath.Join(dir, "killed")
	args := func(out string) []string { return []string{"report", "--db", whole, "--name", name, "--out", out} }
	if out, err := exec.Command(bin, args(calm)...).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted report: %v\n%s", err, out)
	}
	kills := 0
	for _, after := range killMoments(t, 4, 10*time.Millisecond, 300*time.Millisecond) {
		cmd := exec.Command(bin, args(killed)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(after):
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
			kills++
		}
	}
	if out, err := exec.Command(bin, args(killed)...).CombinedOutput(); err != nil {
		t.Fatalf("report after the kills: %v\n%s", err, out)
	}
	files := 0
	err := filepath.WalkDir(calm, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(calm, path)
		got, err := os.ReadFile(filepath.Join(killed, rel))
		if err != nil {
			t.Errorf("%s missing after the kills: %v", rel, err)
			return nil
		}
		files++
		if strings.HasSuffix(rel, ".sqlite") {
			if err := integrityCheck(context.Background(), filepath.Join(killed, rel)); err != nil {
				t.Errorf("%s: %v", rel, err)
			}
			return nil
		}
		want, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the uninterrupted report", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("report killed %d times; %d files the same as uninterrupted", kills, files)
}

// integrityCheck runs SQLite's PRAGMA integrity_check over a whole file and
// returns the problems it reports, or nil when it reports "ok".
func integrityCheck(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return fmt.Errorf("integrity check: %w", err)
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("integrity check: %s", strings.Join(problems, "; "))
	}
	return nil
}
