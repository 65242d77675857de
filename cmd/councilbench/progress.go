package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/crawler"
	"github.com/councilbench/councilbench/survey"
	"golang.org/x/term"
)

// progress shows how a survey is going: a bar on a terminal, slog lines
// otherwise. Both print the counts of survey.Progress under the same words
// (progressCounts), which README's "Progress" defines.
type progress struct {
	mu     sync.Mutex
	w      io.Writer
	bar    bool
	log    *slog.Logger
	width  func() int // the terminal's columns
	start  time.Time
	before int             // sites that had ended before this run
	last   survey.Progress // the newest progress heard
	lines  int             // lines the bar drew last
	drawn  time.Time       // when the bar was drawn last
	logged time.Time       // when the log last said something
	stop   chan struct{}
	done   chan struct{}
}

// The bar is drawn at most this often on events, and at least this often
// while nothing happens (so that the time and a retry's wait move on); the
// log says what it waits on at most this often near the end.
const (
	barEvery     = 100 * time.Millisecond
	barTick      = time.Second
	logQuietness = 15 * time.Second
)

// maxNamed is how many running sites the bar names near the end.
const maxNamed = 4

func newProgress(w io.Writer, mode string, total, done int) *progress {
	p := &progress{w: w, start: time.Now(), before: done, last: survey.Progress{Sites: total, SitesEnded: done},
		width: func() int { return 80 }}
	if mode == "auto" {
		mode = "log"
		if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			mode = "bar"
		}
	}
	switch mode {
	case "bar":
		p.bar = true
		if f, ok := w.(*os.File); ok {
			p.width = func() int {
				if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 {
					return cols
				}
				return 80
			}
		}
		p.draw(p.start)
	case "log":
		p.log = slog.New(slog.NewTextHandler(w, nil))
		p.logged = p.start
	default:
		return p
	}
	p.stop, p.done = make(chan struct{}), make(chan struct{})
	go p.tick()
	return p
}

// tick redraws the bar every second, and logs what the survey waits on
// when the log has been quiet near the end, until finish.
func (p *progress) tick() {
	defer close(p.done)
	t := time.NewTicker(barTick)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case now := <-t.C:
			p.tickAt(now)
		}
	}
}

// tickAt is one tick of the clock: the bar is drawn again, or the log
// says what the survey waits on if it has been quiet long enough.
func (p *progress) tickAt(now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar {
		p.draw(now)
	} else if now.Sub(p.logged) >= logQuietness && waitingOnly(p.last) {
		p.logWaiting(now)
	}
}

// heard keeps pr if it is not older than the progress already heard: the
// run's goroutines take their snapshots and call in an order of their own,
// and its counts only grow.
func (p *progress) heard(pr survey.Progress) {
	l := p.last
	if pr.SitesEnded >= l.SitesEnded && pr.SitesFailed >= l.SitesFailed && pr.Pages >= l.Pages && pr.PageErrors >= l.PageErrors {
		p.last = pr
	}
}

// PageStored updates the counts.
func (p *progress) PageStored(pr survey.Progress) { p.update(pr) }

// SiteActivity updates what the running sites are doing.
func (p *progress) SiteActivity(_ crawler.Activity, pr survey.Progress) { p.update(pr) }

func (p *progress) update(pr survey.Progress) {
	if !p.bar && p.log == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.heard(pr)
	if now := time.Now(); p.bar && now.Sub(p.drawn) >= barEvery {
		p.draw(now)
	}
}

// SiteDone moves the bar on, or logs the site's outcome with the counts,
// and near the end the sites still running.
func (p *progress) SiteDone(s *councilbench.Site, pr survey.Progress) {
	if !p.bar && p.log == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.heard(pr)
	now := time.Now()
	if p.bar {
		p.draw(now)
		return
	}
	args := []any{"site", s.Key, "status", s.Status, "reason", s.Reason, "final_url", s.FinalURL}
	args = append(args, countArgs(pr)...)
	if waitingOnly(pr) {
		args = append(args, "waiting_on", strings.Join(runningSites(pr, now, len(pr.Running)), "; "))
	}
	p.log.Info("site ended", args...)
	p.logged = now
}

// logWaiting logs the sites the survey is waiting on.
func (p *progress) logWaiting(now time.Time) {
	args := countArgs(p.last)
	args = append(args, "waiting_on", strings.Join(runningSites(p.last, now, len(p.last.Running)), "; "))
	p.log.Info("waiting", args...)
	p.logged = now
}

// finish stops the ticker and clears the bar.
func (p *progress) finish() {
	if p.stop == nil {
		return
	}
	close(p.stop)
	<-p.done
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar && p.lines > 0 {
		fmt.Fprint(p.w, "\r", cursorUp(p.lines), "\x1b[J")
		p.lines = 0
	}
}

// draw draws the bar over the one drawn before: the cursor goes back to
// the first line, each line is written and cleared to its end, and the
// lines left over below are cleared.
func (p *progress) draw(now time.Time) {
	lines := barLines(p.last, p.before, now.Sub(p.start), now, p.width())
	var b strings.Builder
	b.WriteString("\r")
	b.WriteString(cursorUp(p.lines))
	for i, l := range lines {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(l)
		b.WriteString("\x1b[K")
	}
	b.WriteString("\x1b[J")
	io.WriteString(p.w, b.String())
	p.lines, p.drawn = len(lines), now
}

// cursorUp moves the cursor to the first of the lines drawn.
func cursorUp(lines int) string {
	if lines <= 1 {
		return ""
	}
	return fmt.Sprintf("\x1b[%dA", lines-1)
}

// progressCount is a count of survey.Progress with its word: the bar
// prints "N word", the log word_with_underscores=N, so that the same word
// means the same count in both.
type progressCount struct {
	word string
	n    int64
}

func progressCounts(pr survey.Progress) []progressCount {
	return []progressCount{
		{"websites", int64(pr.Sites)},
		{"websites ended", int64(pr.SitesEnded)},
		{"websites failed", pr.SitesFailed},
		{"pages", pr.Pages},
		{"page errors", pr.PageErrors},
	}
}

// countArgs are the counts as slog attributes.
func countArgs(pr survey.Progress) []any {
	var args []any
	for _, c := range progressCounts(pr) {
		args = append(args, strings.ReplaceAll(c.word, " ", "_"), c.n)
	}
	return args
}

// waitingOnly reports whether the sites running are all that is left:
// no site waits for its turn, so the time left is theirs.
func waitingOnly(pr survey.Progress) bool {
	left := pr.Sites - pr.SitesEnded
	return left > 0 && left <= len(pr.Running)
}

// barLines renders the bar: how many websites have ended of how many, the
// time taken and left; the counts; and near the end, the sites still
// running and why they are slow. elapsed is this run's time, before the
// sites that had ended before it; each line fits width columns.
func barLines(pr survey.Progress, before int, elapsed time.Duration, now time.Time, width int) []string {
	c := progressCounts(pr)
	sites, ended := c[0], c[1]
	frac := 1.0
	if sites.n > 0 {
		frac = float64(ended.n) / float64(sites.n)
	}
	const cells = 24
	full := int(frac * cells)
	head := fmt.Sprintf("%d of %d %s [%s%s] %3d%% · %s · %s",
		ended.n, sites.n, ended.word, strings.Repeat("█", full), strings.Repeat(" ", cells-full),
		int(frac*100), roundDuration(elapsed), timeLeft(pr, before, elapsed))
	var counts []string
	for _, c := range c[2:] {
		counts = append(counts, thousands(c.n)+" "+c.word)
	}
	lines := []string{head, strings.Join(counts, " · ")}
	if waitingOnly(pr) {
		for _, s := range runningSites(pr, now, maxNamed) {
			lines = append(lines, "  "+s)
		}
	}
	for i, l := range lines {
		lines[i] = fit(l, width-1)
	}
	return lines
}

// timeLeft says how long the survey should take yet. Near the end the
// sites running are all that is left, and how long they take is theirs,
// not the survey's average: it says how many it waits on (and the lines
// below name them) rather than guess.
func timeLeft(pr survey.Progress, before int, elapsed time.Duration) string {
	left := pr.Sites - pr.SitesEnded
	endedNow := pr.SitesEnded - before
	switch {
	case left <= 0:
		return "all ended"
	case waitingOnly(pr):
		return "waiting on " + plural(left, "site", "sites")
	case endedNow <= 0:
		return "time left not known yet"
	}
	est := elapsed * time.Duration(left) / time.Duration(endedNow)
	switch {
	case est < time.Minute:
		// Never "0s" while sites are left: rounded up to tens of seconds.
		return fmt.Sprintf("about %ds left", max(10, (int(est.Seconds())+9)/10*10))
	case est < time.Hour:
		return fmt.Sprintf("about %dm left", int(est.Round(time.Minute).Minutes()))
	}
	return "about " + strings.TrimSuffix(est.Round(10*time.Minute).String(), "0s") + " left"
}

// runningSites names at most n running sites, the longest running first,
// each with what is known of why it is slow; and how many more run.
func runningSites(pr survey.Progress, now time.Time, n int) []string {
	var out []string
	for i, a := range pr.Running {
		if i == n {
			out = append(out, fmt.Sprintf("and %d more", len(pr.Running)-n))
			break
		}
		out = append(out, a.Site+": "+strings.Join(siteWhy(a, now), " · "))
	}
	return out
}

// siteWhy says what a running site is doing, slowest causes first: its
// Crawl-delay, a retry (waited for, or made), slow responses; then where
// it is in its budget and for how long it has run.
func siteWhy(a crawler.Activity, now time.Time) []string {
	var why []string
	if a.CrawlDelay > 0 {
		why = append(why, "Crawl-delay "+seconds(a.CrawlDelay))
	}
	switch {
	case a.RetryAt.After(now):
		why = append(why, fmt.Sprintf("retry in %s after %s", seconds(a.RetryAt.Sub(now).Round(time.Second)), a.RetryCause))
	case a.Retries > 0:
		why = append(why, fmt.Sprintf("%s, the last after %s", plural(a.Retries, "retry", "retries"), a.RetryCause))
	}
	if m := a.MeanResponse(); m >= slowResponse {
		why = append(why, "slow responses ("+seconds(m)+" on average)")
	}
	switch a.Phase {
	case crawler.PhaseStart:
		why = append(why, "reading robots.txt, the home page and sitemaps")
	case crawler.PhasePages:
		why = append(why, fmt.Sprintf("%d of %d pages", a.Pages, a.MaxPages))
	case crawler.PhaseSearch:
		why = append(why, fmt.Sprintf("%d pages, asking the site's search (%d of at most %d requests)", a.Pages, a.Searched, a.SearchBudget))
	case crawler.PhaseEnded:
		why = append(why, fmt.Sprintf("%d pages, crawled; storing and assessing for %s", a.Pages, roundDuration(now.Sub(a.Ended))))
	}
	if !a.Started.IsZero() {
		ran := now.Sub(a.Started)
		if a.SiteTime > 0 && ran >= a.SiteTime/2 {
			why = append(why, fmt.Sprintf("running %s of its %s budget", roundDuration(ran), roundDuration(a.SiteTime)))
		} else {
			why = append(why, "running "+roundDuration(ran))
		}
	}
	return why
}

// slowResponse is the mean response time from which a site's responses
// are called slow.
const slowResponse = time.Second

// seconds formats a duration of seconds as people write it: "1 s",
// "0.5 s", "2.3 s".
func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Round(100*time.Millisecond).Seconds(), 'f', -1, 64) + " s"
}

// roundDuration rounds a duration to what a reader needs: seconds under an
// hour, minutes above; no "0s" after whole minutes.
func roundDuration(d time.Duration) string {
	if d >= time.Hour {
		d = d.Round(time.Minute)
	}
	s := d.Round(time.Second).String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s") // "2m", not "2m0s"
	}
	return s
}

// thousands writes n with commas between groups of three digits.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// fit cuts a line to width columns, with an ellipsis.
func fit(s string, width int) string {
	if width < 1 || utf8.RuneCountInString(s) <= width {
		return s
	}
	r := []rune(s)
	return string(r[:width-1]) + "…"
}
