package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/internal/testenv"
	"github.com/councilbench/councilbench/register"
	"github.com/councilbench/councilbench/simweb"
	"github.com/councilbench/councilbench/store"
)

// testCouncils are a few councils of every kind, Adur and Worthing (who
// share a website) among them.
func testCouncils(t *testing.T, codes ...string) []councilbench.Council {
	t.Helper()
	cs, err := register.Filter{Only: codes}.Apply(register.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// startWeb serves a simulated web for councils and returns it with the
// flags that point a survey at it.
func startWeb(t *testing.T, councils []councilbench.Council, seed int64) (*simweb.Web, []string) {
	t.Helper()
	opts := simweb.DefaultOptions()
	opts.Seed = seed
	opts.SlowPageDelay = 50 * time.Millisecond
	opts.PagesPerSite = 60
	web, err := simweb.New(councils, opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := web.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); web.Close() })
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, web.CACertPEM(), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--ca-cert", ca}
	for h, a := range web.Resolve() {
		args = append(args, "--resolve", h+"="+a)
	}
	return web, args
}

// writeRegister writes councils as a register file.
func writeRegister(t *testing.T, councils []councilbench.Council) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "register.csv")
	var buf bytes.Buffer
	if err := register.Write(&buf, councils); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func runMain(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := (&Main{Stdout: &out, Stderr: &errOut}).Run(context.Background(), args)
	return code, out.String(), errOut.String()
}

// pageRow is what a survey's outcome is compared on: everything but timings.
type pageRow struct {
	site, url, final, kind string
	status, depth, links   int
	sitemapOnly, truncated bool
	reason                 councilbench.Reason
}

// openSurveyT opens a survey file and finds the survey named name, failing
// the test if either is missing.
func openSurveyT(t testing.TB, path, name string) (*store.DB, *councilbench.Survey) {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := db.Survey(context.Background(), name)
	if err != nil {
		db.Close()
		t.Fatal(err)
	}
	return db, s
}

// surveyRows reads a survey's sites and pages, sorted, for comparison.
func surveyRows(t *testing.T, dbPath, name string) (sites []string, pages []pageRow) {
	t.Helper()
	ctx := context.Background()
	db, s := openSurveyT(t, dbPath, name)
	defer db.Close()
	ss, err := db.Sites(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, site := range ss {
		sites = append(sites, fmt.Sprintf("%s %s %s %s %v", site.Key, site.Status, site.Reason, site.FinalURL, site.Councils))
		ps, err := db.SitePages(ctx, site.ID, store.PageOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			pages = append(pages, pageRow{site.Key, p.URL, p.FinalURL, string(p.Kind), p.Status, p.Depth, len(p.Links), p.SitemapOnly, p.Truncated, p.Reason})
		}
	}
	sort.Strings(sites)
	sort.Slice(pages, func(i, j int) bool { return pages[i].url < pages[j].url })
	return sites, pages
}

func TestSurveyEndToEnd(t *testing.T) {
	councils := testCouncils(t, "ADU", "WOT", "KEN", "MAN", "CRF", "BFS")
	web, flags := startWeb(t, councils, 7)
	// A site whose certificate nobody trusts.
	badTLS := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "<html></html>") }))
	defer badTLS.Close()
	badTLS.Config.ErrorLog = log.New(io.Discard, "", 0)

	// Two councils whose sites fail: one refuses connections, one hangs.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := ln.Addr().String()
	ln.Close()
	hang, _ := net.Listen("tcp", "127.0.0.1:0")
	defer hang.Close()
	go func() {
		for {
			c, err := hang.Accept()
			if err != nil {
				return
			}
			defer c.Close() // accept and never answer
		}
	}()
	councils = append(councils,
		councilbench.Council{Code: "DED", GSS: "E0", Name: "Dead Council", Tier: councilbench.TierShireDistrict, Nation: "England", Region: "South East", Website: "http://www.dead.test/"},
		councilbench.Council{Code: "HNG", GSS: "E1", Name: "Hanging Council", Tier: councilbench.TierCounty, Nation: "England", Region: "South East", Website: "https://www.hang.test/"},
		councilbench.Council{Code: "TLS", GSS: "E2", Name: "Untrusted Council", Tier: councilbench.TierUnitary, Nation: "England", Region: "South East", Website: "https://www.tls.test/"},
	)
	flags = append(flags, "--resolve", "www.dead.test="+dead, "--resolve", "www.hang.test="+hang.Addr().String(),
		"--resolve", "www.tls.test="+strings.TrimPrefix(badTLS.URL, "https://"))
	db := filepath.Join(t.TempDir(), "s.db")
	args := append([]string{"survey", "--db", db, "--name", "t", "--register", writeRegister(t, councils),
		"--max-pages", "40", "--timeout", testenv.Scale(500 * time.Millisecond).String(), "--retries", "0", "--progress", "none"}, flags...)
	code, stdout, stderr := runMain(t, args...)
	if code != exitOK {
		t.Fatalf("exit code: got %d, want 0\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	sites, pages := surveyRows(t, db, "t")
	if len(sites) != 8 {
		t.Errorf("got %d sites, want 8 (9 councils, Adur and Worthing sharing one):\n%s", len(sites), strings.Join(sites, "\n"))
	}
	var sawShared bool
	for _, s := range sites {
		switch {
		case strings.HasPrefix(s, "adur-worthing.gov.uk "):
			sawShared = strings.HasSuffix(s, "[ADU WOT]") && strings.Contains(s, " done ")
		case strings.HasPrefix(s, "dead.test "):
			if !strings.Contains(s, " failed connection ") {
				t.Errorf("dead site: got %q, want failed with reason connection", s)
			}
		case strings.HasPrefix(s, "tls.test "):
			if !strings.Contains(s, " failed tls ") {
				t.Errorf("untrusted site: got %q, want failed with reason tls", s)
			}
		case strings.HasPrefix(s, "hang.test "):
			if !strings.Contains(s, " failed timeout ") {
				t.Errorf("hanging site: got %q, want failed with reason timeout", s)
			}
		default:
			if !strings.Contains(s, " done ") {
				t.Errorf("healthy site did not finish: %q", s)
			}
		}
	}
	if !sawShared {
		t.Errorf("Adur and Worthing's shared site was not crawled once for both: %v", sites)
	}
	seen := map[string]bool{}
	for _, p := range pages {
		if seen[p.url] {
			t.Errorf("page stored twice: %s", p.url)
		}
		seen[p.url] = true
	}
	if len(pages) < 5*20 {
		t.Errorf("got %d pages, want at least 100 from five healthy sites", len(pages))
	}
	if !strings.Contains(stdout, "could not be assessed") {
		t.Errorf("summary missing: %s", stdout)
	}

	for site, peak := range web.Stats().PeakInFlight {
		if peak > 2 {
			t.Errorf("%s: %d requests in flight at once, want at most --per-host 2", site, peak)
		}
	}

	// Running it again finds the survey finished, changes nothing, and
	// prints the outcome again, with --retry-failed named for the site
	// that failed.
	first := stdout
	code, stdout, stderr = runMain(t, args...)
	if code != exitOK || !strings.Contains(stderr, "finished") {
		t.Errorf("rerun: exit %d, stderr %s", code, stderr)
	}
	if !strings.Contains(stdout, "--retry-failed crawls the sites that could not be assessed again") || !strings.Contains(first, "could not be assessed") || !strings.Contains(stdout, "could not be assessed") {
		t.Errorf("rerun: the outcome was not printed again, or --retry-failed not offered:\n%s", stdout)
	}
	_, again := surveyRows(t, db, "t")
	if len(again) != len(pages) {
		t.Errorf("rerun changed the pages: %d, then %d", len(pages), len(again))
	}

	code, stdout, _ = runMain(t, "surveys", "--db", db)
	if code != exitOK || !strings.Contains(stdout, "finished") || !strings.Contains(stdout, "\nt ") {
		t.Errorf("surveys: exit %d, output:\n%s", code, stdout)
	}
	if code, _, stderr := runMain(t, "surveys", "--db", filepath.Join(t.TempDir(), "missing.db")); code != exitUsage {
		t.Errorf("surveys of a missing file: exit %d (%s), want 2", code, stderr)
	}

	// The dead council's site comes back: --retry-failed crawls only the
	// failed sites again.
	alive := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html lang="en"><title>Back</title><a href="/about">About</a></html>`)
	}))
	defer alive.Close()
	retry := append(append([]string{}, args...), "--retry-failed", "--resolve", "www.dead.test="+strings.TrimPrefix(alive.URL, "http://"))
	if code, _, stderr := runMain(t, retry...); code != exitOK {
		t.Fatalf("--retry-failed: exit %d: %s", code, stderr)
	}
	sites2, pages2 := surveyRows(t, db, "t")
	for _, s := range sites2 {
		if strings.HasPrefix(s, "dead.test ") && !strings.Contains(s, " done ") {
			t.Errorf("after --retry-failed the revived site is %q, want done", s)
		}
		if strings.HasPrefix(s, "kent.gov.uk ") && !strings.Contains(s, " done ") {
			t.Errorf("a healthy site changed: %q", s)
		}
	}
	if len(pages2) <= len(pages) {
		t.Errorf("--retry-failed stored no new pages: %d, then %d", len(pages), len(pages2))
	}
}

// TestDepthsMatchManifest crawls simulated sites whole and checks every
// page's stored depth against the generator's ground truth.
func TestDepthsMatchManifest(t *testing.T) {
	councils := testCouncils(t, "KEN", "CRF", "SHE")
	web, flags := startWeb(t, councils, 3)
	db := filepath.Join(t.TempDir(), "d.db")
	args := append([]string{"survey", "--db", db, "--name", "d", "--register", writeRegister(t, councils),
		"--max-pages", "1000", "--max-depth", "20", "--progress", "none"}, flags...)
	if code, _, stderr := runMain(t, args...); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	_, pages := surveyRows(t, db, "d")
	truth := map[string]int{}
	for _, st := range web.Manifest().Sites {
		for _, p := range st.Pages {
			truth[p.URL] = p.Depth
		}
	}
	compared, wrong := 0, 0
	for _, p := range pages {
		want, ok := truth[p.url]
		if !ok || p.kind != "html" || p.status != 200 {
			continue
		}
		compared++
		if p.depth != want {
			wrong++
			if wrong <= 10 {
				t.Errorf("%s: depth %d, manifest says %d", p.url, p.depth, want)
			}
		}
	}
	if compared < 100 {
		t.Errorf("compared only %d pages with the manifest", compared)
	}
	t.Logf("%d pages compared with the manifest, %d depths differ", compared, wrong)
}

func TestSurveyFlagErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--max-pages", "0"}, "--max-pages"},
		{[]string{"--per-host", "-1"}, "--per-host"},
		{[]string{"--resolve", "nohost"}, "resolve"},
		{[]string{"--max-body", "lots"}, "max-body"},
		{[]string{"--progress", "loud"}, "--progress"},
		{[]string{"--tier", "parish"}, "--tier"},
		{[]string{"--only", "XXX"}, "XXX"},
		{[]string{"--demo", "--tier", "county"}, "--tier"},
		{[]string{"stray"}, "stray"},
	}
	for _, tt := range tests {
		db := filepath.Join(t.TempDir(), "x.db")
		code, _, stderr := runMain(t, append([]string{"survey", "--db", db}, tt.args...)...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: got exit %d, stderr %q; want exit 2 naming %q", tt.args, code, stderr, tt.want)
		}
	}
}

// buildBinary builds councilbench once per test run, for tests that must
// kill it.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "councilbench")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// watchWriter keeps what is written to it, and closes seen once it holds
// one of the words in want.
type watchWriter struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	want   []string
	seen   chan struct{}
	closed bool
}

func newWatchWriter(want ...string) *watchWriter {
	return &watchWriter{want: want, seen: make(chan struct{})}
}

func (w *watchWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := w.buf.Write(p)
	for _, s := range w.want {
		if !w.closed && strings.Contains(w.buf.String(), s) {
			close(w.seen)
			w.closed = true
		}
	}
	return n, err
}

func (w *watchWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// TestKillAndResume kills the survey with SIGKILL several times while it
// crawls, resumes it each time, and checks that the finished survey holds
// exactly the pages of an uninterrupted one, each once.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	councils := testCouncils(t, "ADU", "WOT", "KEN", "MAN", "CRF", "BFS", "HRT", "SHE")
	_, flags := startWeb(t, councils, 11)
	bin := buildBinary(t)
	reg := writeRegister(t, councils)
	dir := t.TempDir()
	common := append([]string{"survey", "--register", reg, "--name", "k", "--max-pages", "60", "--sites", "3", "--progress", "none"}, flags...)

	whole := filepath.Join(dir, "whole.db")
	if out, err := exec.Command(bin, append(common, "--db", whole)...).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted survey: %v\n%s", err, out)
	}
	wantSites, wantPages := surveyRows(t, whole, "k")

	killed := filepath.Join(dir, "killed.db")
	kills := 0
	for i, after := range killMoments(t, 5, 100*time.Millisecond, 500*time.Millisecond) {
		cmd := exec.Command(bin, append(common, "--db", killed)...)
		stderr := newWatchWriter("starting", "resuming")
		cmd.Stderr = stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		// The first interruption is Ctrl-C, which stops cleanly; the others
		// are kill -9, at any moment. Ctrl-C is meant for a survey that is
		// crawling, so its moment counts from the survey's first word: on a
		// busy machine the process may still be opening the file after
		// 100ms.
		sig := syscall.SIGKILL
		if i == 0 {
			sig = syscall.SIGINT
			select {
			case <-stderr.seen:
			case <-done:
			case <-time.After(testenv.Scale(20 * time.Second)):
				t.Fatalf("the survey did not start within %v: %s", testenv.Scale(20*time.Second), stderr)
			}
		}
		select {
		case <-done:
			// It finished before the kill: nothing more to interrupt.
		case <-time.After(after):
			cmd.Process.Signal(sig)
			err := <-done
			kills++
			if sig == syscall.SIGINT {
				if code := cmd.ProcessState.ExitCode(); code != exitError || !strings.Contains(stderr.String(), "resume") {
					t.Errorf("Ctrl-C: exit %d (%v), stderr %q; want exit 1 and a word on resuming", code, err, stderr.String())
				}
			}
		}
	}
	if out, err := exec.Command(bin, append(common, "--db", killed)...).CombinedOutput(); err != nil {
		t.Fatalf("final resume: %v\n%s", err, out)
	}
	if kills == 0 {
		t.Errorf("the survey was never killed: make it longer")
	}
	gotSites, gotPages := surveyRows(t, killed, "k")
	if strings.Join(gotSites, "\n") != strings.Join(wantSites, "\n") {
		t.Errorf("sites differ after %d kills:\ngot\n%s\nwant\n%s", kills, strings.Join(gotSites, "\n"), strings.Join(wantSites, "\n"))
	}
	if len(gotPages) != len(wantPages) {
		t.Errorf("after %d kills: got %d pages, want %d", kills, len(gotPages), len(wantPages))
	}
	for i := range min(len(gotPages), len(wantPages)) {
		if gotPages[i] != wantPages[i] {
			t.Errorf("page %d: got %+v, want %+v", i, gotPages[i], wantPages[i])
			break
		}
	}
	t.Logf("%d kills, %d pages, same as uninterrupted", kills, len(gotPages))
	// Findings and scores too, and the file's integrity; then rescore.
	checkCrashSafe(t, whole, killed)
	checkRescoreKills(t, bin, whole, "k")
	checkReportKills(t, bin, whole, "k")
}
