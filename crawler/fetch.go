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
	"net"
	"net/http"
	"net/http/httptrace"
	"strings"
	"syscall"
	"time"

	"github.com/councilbench/councilbench"
)

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

// kindOf classifies a response by its Content-Type.
func kindOf(ct string, hasBody bool) councilbench.PageKind {
	mt, _, _ := mime.ParseMediaType(ct)
	switch {
	case mt == "text/html" || mt == "application/xhtml+xml" || (mt == "" || mt == "application/octet-stream") && hasBody:
		return councilbench.KindHTML
	}
	if doc, _ := councilbench.IsDocumentType(ct); doc {
		return councilbench.KindDocument
	}
	return councilbench.KindOther
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

// classify turns a fetch error into a stable reason code.
func classify(err error) councilbench.Reason {
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	var recErr tls.RecordHeaderError
	var netErr net.Error
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrPrivateAddress):
		return councilbench.ReasonPrivateAddress
	case errors.Is(err, errRedirectLoop):
		return councilbench.ReasonRedirectLoop
	case errors.Is(err, errTooManyHops):
		return councilbench.ReasonTooManyHops
	case errors.Is(err, errBadRedirect), strings.Contains(err.Error(), "unsupported protocol scheme"):
		return councilbench.ReasonBadRedirect
	case errors.Is(err, context.Canceled):
		return councilbench.ReasonCanceled
	case errors.As(err, &dnsErr):
		return councilbench.ReasonDNS
	case errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &hostErr),
		errors.As(err, &invalid), errors.As(err, &recErr), strings.Contains(err.Error(), "tls: "),
		strings.Contains(err.Error(), "HTTP response to HTTPS client"):
		return councilbench.ReasonTLS
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return councilbench.ReasonTimeout
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.EPIPE), errors.Is(err, net.ErrClosed):
		return councilbench.ReasonConnection
	}
	return councilbench.ReasonOther
}

// botMarkers are strings that challenge pages of the common bot-protection
// services carry; a 403, 429 or 503 containing one is not council content.
var botMarkers = []string{
	"cf-chl", "challenge-platform", "just a moment...", "attention required! | cloudflare",
	"_incapsula_resource", "incapsula incident", "checking your browser", "px-captcha",
	"captcha-delivery", "g-recaptcha", "h-captcha", "hcaptcha", "ddos protection by",
	"request unsuccessful. incapsula", "sucuri website firewall", "access denied | ",
	"awswaf", "akamai bot manager",
}

// isBotChallenge reports whether a response is a bot-protection challenge.
func isBotChallenge(status int, header http.Header, body []byte) bool {
	if status != 403 && status != 429 && status != 503 && status != 202 {
		return false
	}
	if header.Get("Cf-Mitigated") == "challenge" || header.Get("X-Amzn-Waf-Action") != "" {
		return true
	}
	if len(body) > 64<<10 {
		body = body[:64<<10]
	}
	low := bytes.ToLower(body)
	for _, m := range botMarkers {
		if bytes.Contains(low, []byte(m)) {
			return true
		}
	}
	return false
}
