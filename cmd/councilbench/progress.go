package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"

	"github.com/councilbench/councilbench"
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

// pages updates the counts: pages stored, pages that failed or answered an
// error status, and websites that could not be assessed.
func (p *progress) pages(pages, errs, failed int64) {
	if p.bar == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bar.Describe(fmt.Sprintf("websites · %d pages · %d page errors · %d sites failed", pages, errs, failed))
}

func (p *progress) siteDone(s *councilbench.Site, pages, failed int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Add(1)
		return
	}
	if p.log != nil {
		p.log.Info("site crawled", "site", s.Key, "status", s.Status, "reason", s.Reason,
			"final_url", s.FinalURL, "pages_total", pages, "failed_total", failed)
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
