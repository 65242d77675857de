package scoring

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// benchPages loads the benchmark corpora: the ACT test pages, or the large
// real pages of testdata/pages.
func benchPages(b *testing.B, set string) [][]byte {
	b.Helper()
	var files []string
	switch set {
	case "act":
		for _, c := range loadACTCases(b) {
			files = append(files, filepath.Join("testdata/act", c.File))
		}
	case "real":
		files, _ = filepath.Glob("testdata/pages/*.html")
	}
	var pages [][]byte
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, body)
	}
	if len(pages) == 0 {
		b.Fatal("no pages")
	}
	return pages
}

func reportPages(b *testing.B, pages [][]byte) {
	n := 0
	for _, p := range pages {
		n += len(p)
	}
	b.SetBytes(int64(n / len(pages)))
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkScore decodes, parses and scores pages with every rule.
func BenchmarkScore(b *testing.B) {
	for _, set := range []string{"act", "real"} {
		b.Run(set, func(b *testing.B) {
			pages := benchPages(b, set)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := ScorePage(pages[i%len(pages)], "text/html", "bench"); err != nil {
					b.Fatal(err)
				}
			}
			reportPages(b, pages)
		})
	}
}

// BenchmarkScoreOverParse scores each real page with every rule and
// parses it bare, side by side in one run, and reports how many times a
// bare parse scoring costs (the bar is 2): figures from two benchmarks
// run apart are not comparable on a shared machine.
func BenchmarkScoreOverParse(b *testing.B) {
	pages := benchPages(b, "real")
	var score, parse time.Duration
	for i := 0; i < b.N; i++ {
		page := pages[i%len(pages)]
		t0 := time.Now()
		if _, err := html.Parse(bytes.NewReader(page)); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := ScorePage(page, "text/html", "bench"); err != nil {
			b.Fatal(err)
		}
		parse += t1.Sub(t0)
		score += time.Since(t1)
	}
	if parse > 0 {
		b.ReportMetric(float64(score)/float64(parse), "score/parse")
	}
}

// BenchmarkParse only parses the same pages with golang.org/x/net/html:
// the floor that scoring is measured against.
func BenchmarkParse(b *testing.B) {
	for _, set := range []string{"act", "real"} {
		b.Run(set, func(b *testing.B) {
			pages := benchPages(b, set)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := html.Parse(bytes.NewReader(pages[i%len(pages)])); err != nil {
					b.Fatal(err)
				}
			}
			reportPages(b, pages)
		})
	}
}
