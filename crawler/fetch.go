package crawler

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/gocolly/colly/v2"
)

// Fetch fetches one URL with the crawler's safety rules (the address guard
// on every hop, timeouts, retries, the body cap) but without robots.txt or
// following or extracting links: for checking a single page.
func (c *Crawler) Fetch(ctx context.Context, rawURL string) (*councilbench.Page, error) {
	u, ok := NormalizeURL(rawURL)
	if !ok {
		return nil, fmt.Errorf("fetch %q: not an http or https URL", rawURL)
	}
	col, ht := c.siteClient()
	defer ht.CloseIdleConnections()
	p := c.fetch(ctx, col, u, false, c.cfg.MaxBody, nil)
	if p.Reason == councilbench.ReasonPrivateAddress {
		// Said as the guard's error, so that callers can tell it apart.
		return p, fmt.Errorf("fetch %s: %w: %s", u, ErrPrivateAddress, p.Error)
	}
	if p.Reason != "" {
		return p, fmt.Errorf("fetch %s: %s: %s", u, p.Reason, p.Error)
	}
	return p, nil
}

// fetch fetches one URL through colly, retrying timeouts, 429 and 5xx with
// back-off, and returns what happened as a page (never nil). t hears of
// each request and retry (nil when no site's activity is tracked).
func (c *Crawler) fetch(ctx context.Context, col *colly.Collector, rawURL string, wantBody bool, maxBody int64, t *tracker) *councilbench.Page {
	if u, err := url.Parse(rawURL); err == nil && !wantBody && (looksLikeDocument(u) || looksLikeMedia(u)) {
		// A document's type and size are all the survey needs: ask with
		// HEAD, so no body is abandoned half-sent (which would leave the
		// server busy while the next request starts).
		p := c.fetchRetrying(ctx, col, http.MethodHead, rawURL, wantBody, maxBody, t)
		if p.Reason != "" || p.Status != http.StatusMethodNotAllowed && p.Status != http.StatusNotImplemented && p.Kind != councilbench.KindHTML {
			return p
		}
	}
	return c.fetchRetrying(ctx, col, http.MethodGet, rawURL, wantBody, maxBody, t)
}

// looksLikeMedia guesses from the extension whether a URL is an image,
// audio, video or archive: not a page.
func looksLikeMedia(u *url.URL) bool {
	p := strings.ToLower(u.Path)
	for _, ext := range []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".mp3", ".mp4", ".mov", ".avi", ".wav", ".zip", ".gz", ".exe", ".dmg", ".iso"} {
		if strings.HasSuffix(p, ext) {
			return true
		}
	}
	return false
}

func (c *Crawler) fetchRetrying(ctx context.Context, col *colly.Collector, method, rawURL string, wantBody bool, maxBody int64, t *tracker) *councilbench.Page {
	var p *councilbench.Page
	for attempt := 0; ; attempt++ {
		p = c.fetchOnce(ctx, col, method, rawURL, wantBody, maxBody)
		t.fetched(time.Duration(p.FetchMS) * time.Millisecond)
		if attempt >= c.cfg.Retries || ctx.Err() != nil {
			return p
		}
		wait, retry := c.retryAfter(p, attempt)
		if !retry {
			return p
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait+c.cfg.Timeout {
			// The retry could not finish within the site's time budget:
			// keep the answer (and the reason) that we have.
			return p
		}
		t.retrying(p, wait)
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return p
		case <-timer.C:
		}
	}
}

// retryAfter says whether and when to try a page again.
func (c *Crawler) retryAfter(p *councilbench.Page, attempt int) (time.Duration, bool) {
	backoff := c.cfg.RetryBackoff << attempt
	switch {
	case p.Reason == councilbench.ReasonTimeout || p.Reason == councilbench.ReasonConnection:
		return backoff, true
	case p.Bot || p.Reason != "":
		return 0, false
	case p.Status == 429 || p.Status == 503:
		if ra := parseRetryAfter(p.Header.Get("Retry-After")); ra > 0 {
			return min(ra, c.cfg.MaxRetryAfter), true
		}
		return backoff, true
	case p.Status == 500 || p.Status == 502 || p.Status == 504:
		return backoff, true
	}
	return 0, false
}

func parseRetryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return time.Until(t)
	}
	return 0
}

func (c *Crawler) fetchOnce(ctx context.Context, col *colly.Collector, method, rawURL string, wantBody bool, maxBody int64) *councilbench.Page {
	st := &fetchState{wantBody: wantBody, maxBody: maxBody}
	cc := col.Clone()
	// The timeout covers the whole fetch, redirects and body included, so
	// a server that sends one byte a second is cut off in time, and the
	// error says it was a timeout.
	fctx, cancel := context.WithTimeoutCause(ctx, c.cfg.Timeout,
		fmt.Errorf("request timeout of %s: %w", c.cfg.Timeout, context.DeadlineExceeded))
	defer cancel()
	cc.Context = context.WithValue(fctx, stateKey{}, st)
	var cbErr error
	cc.OnError(func(_ *colly.Response, err error) { cbErr = err })
	began := time.Now()
	err := cc.Request(method, rawURL, nil, nil, nil)
	c.fetches.Add(1)
	if err == nil {
		err = cbErr
	}
	p := &councilbench.Page{
		URL:         rawURL,
		FinalURL:    rawURL,
		Status:      st.status,
		Header:      st.header,
		ContentType: st.header.Get("Content-Type"),
		Bytes:       st.wire,
		Size:        st.size,
		Truncated:   st.truncated,
		Body:        st.body,
		FetchMS:     time.Since(began).Milliseconds(),
		TTFBMS:      st.ttfb.Milliseconds(),
		FetchedAt:   began.UTC(),
	}
	if n := len(st.hops); n > 0 {
		if f, ok := NormalizeURL(st.hops[n-1]); ok {
			p.FinalURL = f
		}
		if n > 1 {
			p.Redirects = st.hops[:n-1]
		}
	}
	if err != nil {
		p.Reason, p.Error = classify(err), err.Error()
		if st.status >= 300 && st.status < 400 {
			// A redirect that was not followed: the final URL is the last
			// one requested.
			p.Body = nil
		}
	} else if st.bodyErr != nil {
		p.Reason, p.Error = classify(st.bodyErr), "body: "+st.bodyErr.Error()
	}
	if p.Header == nil {
		p.Header = http.Header{}
	}
	p.Kind = kindOf(p.ContentType, p.Body != nil)
	p.Bot = isBotChallenge(p.Status, p.Header, p.Body)
	return p
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

// botMarkers are strings that challenge pages of the common bot-protection
// services carry; a 202, 403, 429 or 503 containing one is not council
// content.
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
