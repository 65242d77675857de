package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/survey"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows how a survey is going: a bar on a terminal, slog lines
// otherwise.
type progress struct {
	mu  sync.Mutex
	bar *progressbar.ProgressBar
	log *slog.Logger
}

func newProgress(w io.Writer, mode string, total, done int) *progress {
	p := &progress{}
	if mode == "auto" {
		mode = "log"
		if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			mode = "bar"
		}
	}
	switch mode {
	case "bar":
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("councils' websites"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100_000_000),
			progressbar.OptionClearOnFinish(),
		)
		p.bar.Set(done)
	case "log":
		p.log = slog.New(slog.NewTextHandler(w, nil))
	}
	return p
}

// PageStored updates the counts: pages stored, pages that failed or
// answered an error status, and websites that could not be assessed.
func (p *progress) PageStored(pr survey.Progress) {
	if p.bar == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bar.Describe(fmt.Sprintf("websites · %d pages · %d page errors · %d sites failed", pr.Pages, pr.PageErrors, pr.SitesFailed))
}

// SiteDone moves the bar on, or logs the site's outcome.
func (p *progress) SiteDone(s *councilbench.Site, pr survey.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Add(1)
		return
	}
	if p.log != nil {
		p.log.Info("site crawled", "site", s.Key, "status", s.Status, "reason", s.Reason,
			"final_url", s.FinalURL, "pages_total", pr.Pages, "failed_total", pr.SitesFailed)
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
