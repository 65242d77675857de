package scoring

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/css"
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

// benchSheets loads the real pages' stylesheets (testdata/pages/**.css.gz)
// by the file:// URLs the pages resolve them to.
func benchSheets(b testing.TB) css.Loader {
	dir, err := filepath.Abs("testdata/pages")
	if err != nil {
		b.Fatal(err)
	}
	return func(u string) (*councilbench.Stylesheet, error) {
		rel, ok := strings.CutPrefix(u, "file://"+filepath.ToSlash(dir)+"/")
		if !ok {
			return nil, nil
		}
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(rel)+".gz"))
		if err != nil {
			return &councilbench.Stylesheet{URL: u, Status: 404}, nil
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(zr)
		if err != nil {
			return nil, err
		}
		return &councilbench.Stylesheet{URL: u, FinalURL: u, Status: 200, ContentType: "text/css", Body: body}, nil
	}
}

// BenchmarkScoreStyledOverParse scores each real page with every rule and
// its own stylesheets (compiled once, as a survey compiles a site's
// sheets once for all its pages), beside a bare parse in the same run,
// and reports: the whole page's cost over a bare parse (cascade and
// contrast included; the bar is 2), the cascade's share of it, and the
// one-off cost of compiling the site's stylesheets in bare parses.
func BenchmarkScoreStyledOverParse(b *testing.B) {
	pages := benchPages(b, "real")
	files, _ := filepath.Glob("testdata/pages/*.html")
	dir, _ := filepath.Abs("testdata/pages")
	urls := make([]string, len(files))
	for i, f := range files {
		u, err := css.FileURL(filepath.Join(dir, filepath.Base(f)))
		if err != nil {
			b.Fatal(err)
		}
		urls[i] = u
	}
	// The one-off cost: compile every sheet the pages use.
	t0 := time.Now()
	src := css.NewCache(benchSheets(b))
	for i, page := range pages {
		if _, err := ParseStyled(page, "text/html", urls[i], src); err != nil {
			b.Fatal(err)
		}
	}
	compile := time.Since(t0)
	if err := src.Err(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var score, parse, cascade time.Duration
	for i := 0; i < b.N; i++ {
		k := i % len(pages)
		t0 := time.Now()
		if _, err := html.Parse(bytes.NewReader(pages[k])); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		rep, _, err := DefaultScorer().Judge(pages[k], "text/html", urls[k], src)
		if err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		if rep.Result("color-contrast") == nil {
			b.Fatal("contrast not assessed")
		}
		// The cascade alone: parse and styles, less a parse without them.
		p, _ := ParseStyled(pages[k], "text/html", urls[k], src)
		t3 := time.Now()
		_, _ = Parse(pages[k], "text/html", urls[k])
		t4 := time.Now()
		_ = p
		parse += t1.Sub(t0)
		score += t2.Sub(t1)
		cascade += max(0, t3.Sub(t2)-t4.Sub(t3))
	}
	if parse > 0 {
		perParse := float64(parse) / float64(b.N)
		b.ReportMetric(float64(score)/float64(parse), "score/parse")
		b.ReportMetric(float64(cascade)/float64(score), "cascade-share")
		b.ReportMetric(float64(compile)/perParse, "compile/parse")
	}
}

// BenchmarkScoreStyledOnce is BenchmarkScoreStyledOverParse as a survey
// meets the pages: each page's <style> elements composed afresh, as they
// are when every page of a site has its own (the four pages' all differ),
// the sheets compiled once and the linked sheets' composition shared by
// the site's pages.
func BenchmarkScoreStyledOnce(b *testing.B) {
	pages := benchPages(b, "real")
	files, _ := filepath.Glob("testdata/pages/*.html")
	dir, _ := filepath.Abs("testdata/pages")
	urls := make([]string, len(files))
	for i, f := range files {
		u, err := css.FileURL(filepath.Join(dir, filepath.Base(f)))
		if err != nil {
			b.Fatal(err)
		}
		urls[i] = u
	}
	src := css.NewCache(benchSheets(b))
	for i, page := range pages {
		if _, err := ParseStyled(page, "text/html", urls[i], src); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	var score, parse time.Duration
	for i := 0; i < b.N; i++ {
		k := i % len(pages)
		ownCache.reset()
		t0 := time.Now()
		if _, err := html.Parse(bytes.NewReader(pages[k])); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, _, err := DefaultScorer().Judge(pages[k], "text/html", urls[k], src); err != nil {
			b.Fatal(err)
		}
		parse += t1.Sub(t0)
		score += time.Since(t1)
	}
	if parse > 0 {
		b.ReportMetric(float64(score)/float64(parse), "score/parse")
	}
}

// BenchmarkScoreStyledFrameworks is BenchmarkScoreStyledOverParse over the
// contrast corpus's pages of real stylesheets (the GDS audit, GOV.UK
// Frontend, Bootstrap), each part with its own sheets compiled once: the
// whole page's cost over a bare parse, side by side in one run.
func BenchmarkScoreStyledFrameworks(b *testing.B) {
	for _, cp := range contrastCorpus(b, 0) {
		if cp.name == "report" || cp.name == "gen" {
			continue
		}
		b.Run(cp.name, func(b *testing.B) {
			src := css.NewCache(contrastLoader([]*contrastPart{cp}))
			var bodies [][]byte
			var urls []string
			for _, pg := range cp.pages {
				body, err := fs.ReadFile(cp.fsys, pg)
				if err != nil {
					b.Fatal(err)
				}
				bodies = append(bodies, body)
				urls = append(urls, "http://"+cp.host()+"/"+pg)
				if _, err := ParseStyled(body, "text/html", urls[len(urls)-1], src); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			var score, parse time.Duration
			for i := 0; i < b.N; i++ {
				k := i % len(bodies)
				t0 := time.Now()
				if _, err := html.Parse(bytes.NewReader(bodies[k])); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				if _, _, err := DefaultScorer().Judge(bodies[k], "text/html", urls[k], src); err != nil {
					b.Fatal(err)
				}
				parse += t1.Sub(t0)
				score += time.Since(t1)
			}
			if parse > 0 {
				b.ReportMetric(float64(score)/float64(parse), "score/parse")
			}
		})
	}
}
