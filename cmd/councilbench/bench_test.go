package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/register"
	"github.com/councilbench/councilbench/simweb"
	"github.com/councilbench/councilbench/store"
	"github.com/councilbench/councilbench/survey"
	"golang.org/x/net/html"
)

// benchWeb serves a simulated web without slow pages, for throughput.
func benchWeb(b *testing.B, councils []councilbench.Council) (*simweb.Web, []string) {
	b.Helper()
	opts := simweb.DefaultOptions()
	opts.Seed = 1
	opts.SlowPageDelay = -1 // no slow pages: this measures throughput
	web, err := simweb.New(councils, opts)
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := web.Start(ctx); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { cancel(); web.Close() })
	ca := filepath.Join(b.TempDir(), "ca.pem")
	os.WriteFile(ca, web.CACertPEM(), 0o644)
	args := []string{"--ca-cert", ca}
	for h, a := range web.Resolve() {
		args = append(args, "--resolve", h+"="+a)
	}
	return web, args
}

// surveyOnce runs a survey of the simulated web into a new file and returns
// the file, the pages stored and the time taken.
func surveyOnce(b *testing.B, reg string, flags []string, sites int) (string, int64, time.Duration) {
	b.Helper()
	db := filepath.Join(b.TempDir(), "bench.db")
	args := append([]string{"survey", "--db", db, "--name", "b", "--register", reg, "--progress", "none",
		"--sites", strconv.Itoa(sites), "--per-host", "2", "--ignore-robots", "--score=false"}, flags...)
	var out, errOut bytes.Buffer
	start := time.Now()
	if code := (&Main{Stdout: &out, Stderr: &errOut}).Run(context.Background(), args); code != 0 {
		b.Fatalf("survey: exit %d: %s", code, errOut.String())
	}
	elapsed := time.Since(start)
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	sums, _ := st.Surveys(ctx)
	return db, sums[0].Pages, elapsed
}

// BenchmarkCrawl crawls the simulated web from loopback with no politeness
// delay and no scoring, beside a baseline that does the least work any
// storing crawler must do: fetch the same URLs with a plain net/http client
// at the same concurrency, parse each page once, and store it (compressed)
// with its links through the same batching writer. It reports both rates and
// their ratio; the crawler should reach at least 0.8 of the baseline.
func BenchmarkCrawl(b *testing.B) {
	councils := demoCouncils()
	web, flags := benchWeb(b, councils)
	reg := writeRegisterB(b, councils)
	const sites = 16
	var crawlRate, baseRate float64
	for i := 0; i < b.N; i++ {
		db, pages, took := surveyOnce(b, reg, flags, sites)
		crawlRate += float64(pages) / took.Seconds()
		urls := surveyURLs(b, db)
		n, took2 := baseline(b, web, urls, sites, 2)
		baseRate += float64(n) / took2.Seconds()
	}
	b.ReportMetric(crawlRate/float64(b.N), "crawler-pages/s")
	b.ReportMetric(baseRate/float64(b.N), "baseline-pages/s")
	b.ReportMetric(crawlRate/baseRate, "ratio")
}

func writeRegisterB(b *testing.B, councils []councilbench.Council) string {
	path := filepath.Join(b.TempDir(), "register.csv")
	var buf bytes.Buffer
	if err := register.Write(&buf, councils); err != nil {
		b.Fatal(err)
	}
	os.WriteFile(path, buf.Bytes(), 0o644)
	return path
}

// surveyURLs returns the URLs each site's crawl fetched, by site.
func surveyURLs(b *testing.B, dbPath string) [][]string {
	ctx := context.Background()
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	s, _ := db.Survey(ctx, "b")
	sites, _ := db.Sites(ctx, s.ID)
	var out [][]string
	for _, site := range sites {
		ps, _ := db.SitePages(ctx, site.ID, store.PageOptions{})
		var urls []string
		for _, p := range ps {
			urls = append(urls, p.URL)
		}
		out = append(out, urls)
	}
	return out
}

// baseline fetches each site's URLs with perHost workers per site and
// sites sites at once, parses HTML once, and stores pages and links through
// the store's writer.
func baseline(b *testing.B, web *simweb.Web, sitesURLs [][]string, sites, perHost int) (int, time.Duration) {
	ctx := context.Background()
	dbPath := filepath.Join(b.TempDir(), "baseline.db")
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	s := &councilbench.Survey{Name: "baseline", StartedAt: time.Now()}
	site := &councilbench.Site{Key: "all", StartURL: "http://all/", Councils: []string{"X"}}
	if err := db.CreateSurvey(ctx, s, []*councilbench.Site{site}, []councilbench.Council{{Code: "X", Tier: councilbench.TierCounty, Website: "http://all/"}}); err != nil {
		b.Fatal(err)
	}
	w := db.NewWriter(s.ID)
	addr := web.Addr()
	client := &http.Client{
		Transport: &http.Transport{
			DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
				return (&net.Dialer{}).DialContext(ctx, network, addr)
			},
			TLSClientConfig:     &tls.Config{RootCAs: web.CertPool()},
			MaxIdleConnsPerHost: perHost + 2,
			ForceAttemptHTTP2:   true,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return nil },
	}
	start := time.Now()
	var n int
	var mu sync.Mutex
	sem := make(chan struct{}, sites)
	var wg sync.WaitGroup
	for _, urls := range sitesURLs {
		wg.Add(1)
		sem <- struct{}{}
		go func(urls []string) {
			defer wg.Done()
			defer func() { <-sem }()
			var next int
			var smu sync.Mutex
			var swg sync.WaitGroup
			for k := 0; k < perHost; k++ {
				swg.Add(1)
				go func() {
					defer swg.Done()
					for {
						smu.Lock()
						if next >= len(urls) {
							smu.Unlock()
							return
						}
						u := urls[next]
						next++
						smu.Unlock()
						p := baselineFetch(client, u)
						if err := w.SavePage(p); err != nil {
							b.Error(err)
							return
						}
						mu.Lock()
						n++
						mu.Unlock()
					}
				}()
			}
			swg.Wait()
		}(urls)
	}
	wg.Wait()
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	return n, time.Since(start)
}

func baselineFetch(client *http.Client, u string) *councilbench.Page {
	p := &councilbench.Page{URL: u, FinalURL: u, SiteID: 1, Kind: councilbench.KindOther, FetchedAt: time.Now()}
	res, err := client.Get(u)
	if err != nil {
		p.Error = err.Error()
		return p
	}
	defer res.Body.Close()
	p.Status, p.Header, p.ContentType = res.StatusCode, res.Header, res.Header.Get("Content-Type")
	if !strings.HasPrefix(p.ContentType, "text/html") {
		return p
	}
	body, _ := io.ReadAll(io.LimitReader(res.Body, 5<<20))
	p.Body, p.Kind = body, councilbench.KindHTML
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return p
	}
	base := res.Request.URL
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "a" {
			for _, a := range n.Attr {
				if a.Key == "href" {
					if t, err := base.Parse(a.Val); err == nil {
						p.Links = append(p.Links, councilbench.Link{URL: t.String(), Text: textOf(n), External: t.Host != base.Host})
					}
				}
			}
		}
	}
	return p
}

func textOf(n *html.Node) string {
	var sb strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			sb.WriteString(d.Data)
		}
	}
	return strings.Join(strings.Fields(sb.String()), " ")
}

// BenchmarkCrawlMemory checks that memory does not grow with pages stored:
// it surveys the simulated web and reads the live heap (after a GC) and the
// RSS once N pages have been served and again after 4N.
func BenchmarkCrawlMemory(b *testing.B) {
	// 100 councils, about 16,000 pages: N is past the point where every one
	// of the 16 sites in flight holds its full budget of state, so any growth
	// from N to 4N is growth with pages stored.
	councils := register.Embedded()[:100]
	web, flags := benchWeb(b, councils)
	reg := writeRegisterB(b, councils)
	const n = 3500
	for i := 0; i < b.N; i++ {
		var heap [2]uint64
		var rss [2]int64
		base := served(web)
		stop := make(chan struct{})
		done := make(chan struct{})
		go func() {
			defer close(done)
			k := 0
			marks := []int64{n, 4 * n}
			for k < len(marks) {
				select {
				case <-stop:
					return
				case <-time.After(20 * time.Millisecond):
				}
				if served(web)-base >= marks[k] {
					// What is live at one instant includes the bodies in
					// flight; the least of a few samples is what stays.
					heap[k] = ^uint64(0)
					for range 5 {
						runtime.GC()
						var ms runtime.MemStats
						runtime.ReadMemStats(&ms)
						heap[k] = min(heap[k], ms.HeapInuse)
						time.Sleep(30 * time.Millisecond)
					}
					rss[k] = readRSS()
					k++
				}
			}
		}()
		surveyOnce(b, reg, flags, 16)
		close(stop)
		<-done
		if heap[1] == 0 {
			b.Fatalf("the survey served fewer than %d pages", 4*n)
		}
		b.ReportMetric(float64(heap[0])/(1<<20), "heapMB@N")
		b.ReportMetric(float64(heap[1])/(1<<20), "heapMB@4N")
		b.ReportMetric(float64(heap[1])/float64(heap[0]), "heap-ratio")
		b.ReportMetric(float64(rss[0])/(1<<20), "rssMB@N")
		b.ReportMetric(float64(rss[1])/(1<<20), "rssMB@4N")
	}
}

func served(web *simweb.Web) int64 {
	var t int64
	for _, v := range web.Stats().Requests {
		t += v
	}
	return t
}

// readRSS returns the process's resident set size in bytes, from /proc.
func readRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, _ := strconv.ParseInt(f[1], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}

// BenchmarkRescore rescores a whole stored survey of the simulated web
// (every HTML page against every rule, every site assessed, every council
// scored) and reports pages per second per core, beside the pages per
// second of the crawl (with scoring) that stored it.
func BenchmarkRescore(b *testing.B) {
	councils := demoCouncils()
	_, flags := benchWeb(b, councils)
	reg := writeRegisterB(b, councils)
	db := filepath.Join(b.TempDir(), "rescore.db")
	args := append([]string{"survey", "--db", db, "--name", "b", "--register", reg, "--progress", "none", "--ignore-robots"}, flags...)
	var out, errOut bytes.Buffer
	start := time.Now()
	if code := (&Main{Stdout: &out, Stderr: &errOut}).Run(context.Background(), args); code != 0 {
		b.Fatalf("survey: exit %d: %s", code, errOut.String())
	}
	crawlTook := time.Since(start)
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	s, err := st.Survey(ctx, "b")
	if err != nil {
		b.Fatal(err)
	}
	sums, _ := st.Surveys(ctx)
	crawlPages := float64(sums[0].Pages)
	b.ResetTimer()
	var pages int
	var took time.Duration
	bodies := st.BodiesRead()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		res, err := survey.Rescore(ctx, st, s)
		if err != nil {
			b.Fatal(err)
		}
		took += time.Since(t0)
		pages += res.Pages
	}
	cores := float64(runtime.GOMAXPROCS(0))
	b.ReportMetric(float64(pages)/took.Seconds()/cores, "rescore-pages/s/core")
	// Each body is decompressed once: by the page step, not again by the
	// site step.
	b.ReportMetric(float64(st.BodiesRead()-bodies)/float64(pages), "bodies-read/page")
	b.ReportMetric(crawlPages/crawlTook.Seconds()/cores, "crawl-pages/s/core")
}
