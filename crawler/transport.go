package crawler

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptrace"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"
)

// siteClient returns a colly collector with an HTTP transport and cookie jar
// of the site's own: connections are reused within the site's crawl and
// closed when it ends, so a survey's memory does not grow with the sites it
// has finished, and no cookie passes from one council to another.
func (c *Crawler) siteClient() (*colly.Collector, *http.Transport) {
	ht := &http.Transport{
		Proxy:                 nil, // a proxy would dial for us, past the guard
		DialContext:           c.guard.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          64,
		MaxIdleConnsPerHost:   c.cfg.PerHost + 2,
		IdleConnTimeout:       maxCrawlDelay + 5*time.Second, // outlives the longest pause between requests
		TLSHandshakeTimeout:   c.cfg.Timeout,
		ResponseHeaderTimeout: c.cfg.Timeout,
		ExpectContinueTimeout: time.Second,
	}
	if c.cfg.RootCAs != nil {
		ht.TLSClientConfig = newTLSConfig(c.cfg.RootCAs)
	}
	col := colly.NewCollector(colly.UserAgent(c.cfg.UserAgent))
	col.IgnoreRobotsTxt = true // colly's switch ignores Crawl-delay and Sitemap: we read robots.txt ourselves
	col.AllowURLRevisit = true // the frontier decides what is fetched
	col.MaxBodySize = 0        // the transport caps bodies after decompression
	col.ParseHTTPErrorResponse = true
	// Each fetch carries its own deadline (see fetchOnce), which reports a
	// timeout as one; the client's is only a backstop.
	col.SetRequestTimeout(c.cfg.Timeout + time.Second)
	col.WithTransport(&transport{inner: ht})
	col.SetRedirectHandler(checkRedirect)
	return col, ht
}

func newTLSConfig(roots *x509.CertPool) *tls.Config {
	return &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
}

// fetchState collects what the transport sees of one fetch, across its
// redirect hops. It travels in the request's context because colly gives
// the transport nothing else to tie a hop to the fetch that caused it.
type fetchState struct {
	wantBody   bool // read the body whatever its type (robots.txt, sitemaps)
	maxBody    int64
	hops       []string // every URL requested, in order
	status     int
	header     http.Header
	body       []byte
	wire       int64 // bytes read from the connection
	size       int64
	truncated  bool
	bodyErr    error
	ttfb       time.Duration
	hopStarted time.Time
}

type stateKey struct{}

func stateFrom(ctx context.Context) *fetchState {
	st, _ := ctx.Value(stateKey{}).(*fetchState)
	return st
}

// transport reads each final response's body itself, so that the size cap
// applies after decompression, the bytes as transferred are counted, and the
// bodies of documents are never downloaded. colly receives an empty body: it
// has nothing left to do with it, and we keep the raw bytes.
type transport struct {
	inner http.RoundTripper
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	st := stateFrom(req.Context())
	if st == nil {
		return t.inner.RoundTrip(req)
	}
	st.hops = append(st.hops, req.URL.String())
	// Asking for gzip ourselves stops net/http from decompressing out of
	// sight, so the transferred size can be measured.
	req.Header.Set("Accept-Encoding", "gzip, deflate")
	st.hopStarted = time.Now()
	trace := &httptrace.ClientTrace{GotFirstResponseByte: func() { st.ttfb = time.Since(st.hopStarted) }}
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
	res, err := t.inner.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	st.status = res.StatusCode
	st.header = res.Header.Clone()
	if res.StatusCode >= 300 && res.StatusCode < 400 && res.Header.Get("Location") != "" {
		// The client follows it; drain a little so the connection can be reused.
		io.CopyN(io.Discard, res.Body, 4<<10)
		res.Body.Close()
		res.Body = http.NoBody
		return res, nil
	}
	st.readBody(res)
	res.Body = http.NoBody
	res.Uncompressed = true // nothing for colly to decompress
	res.ContentLength = 0
	return res, nil
}

// readBody reads res.Body into st when the response is HTML (or the caller
// wants the body whatever it is), up to st.maxBody decoded bytes.
func (st *fetchState) readBody(res *http.Response) {
	defer res.Body.Close()
	counter := &countingReader{r: res.Body}
	var r io.Reader = counter
	var enc = strings.ToLower(strings.TrimSpace(res.Header.Get("Content-Encoding")))
	var decodeErr error
	switch enc {
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(counter)
		if err != nil {
			decodeErr = fmt.Errorf("gzip: %w", err)
		} else {
			r = zr
		}
	case "deflate":
		r = flate.NewReader(counter)
	}
	if !st.wantBody && !isHTMLType(res.Header.Get("Content-Type")) {
		// A document or anything else: record the announced size only.
		st.size = res.ContentLength
		if st.size < 0 {
			st.size = 0
		}
		if ct := res.Header.Get("Content-Type"); ct == "" || strings.HasPrefix(ct, "application/octet-stream") {
			// Unlabelled: sniff the first bytes, and keep the body if it is HTML.
			head := make([]byte, 512)
			n, _ := io.ReadFull(r, head)
			if n > 0 && isHTMLType(http.DetectContentType(head[:n])) {
				r = io.MultiReader(bytes.NewReader(head[:n]), r)
			} else {
				st.wire = counter.n
				return
			}
		} else {
			return
		}
	}
	if decodeErr != nil {
		st.bodyErr = decodeErr
		return
	}
	buf := bytes.NewBuffer(make([]byte, 0, 64<<10))
	n, err := io.Copy(buf, io.LimitReader(r, st.maxBody+1))
	if n > st.maxBody {
		st.truncated = true
		buf.Truncate(int(st.maxBody))
		n = st.maxBody
	} else if err != nil {
		st.bodyErr = err
		st.truncated = true
	}
	st.body = buf.Bytes()
	st.size = n
	st.wire = counter.n
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// isHTMLType reports whether a Content-Type header names HTML.
func isHTMLType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(ct, ";")[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// Errors returned for redirects the crawler will not follow.
var (
	errRedirectLoop = errors.New("redirect loop")
	errTooManyHops  = errors.New("too many redirects")
	errBadRedirect  = errors.New("redirect to a scheme other than http or https")
)

// maxHops is the longest redirect chain followed, as browsers and
// search engines do (Chrome allows 20, Googlebot follows 10).
const maxHops = 10

func checkRedirect(req *http.Request, via []*http.Request) error {
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("%w: %s", errBadRedirect, req.URL.Scheme)
	}
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			return fmt.Errorf("%w at %s", errRedirectLoop, req.URL)
		}
	}
	if len(via) >= maxHops {
		return fmt.Errorf("%w (more than %d)", errTooManyHops, maxHops)
	}
	return nil
}
