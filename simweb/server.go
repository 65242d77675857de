package simweb

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Web is a simulated web of council websites. Build it with New, serve it
// with Start (or mount Handler), and compare what a crawler found with its
// Manifest.
type Web struct {
	opts     Options
	sites    []*site
	routes   map[string]*route
	hosts    []string
	manifest *Manifest
	handler  http.Handler

	cert  tls.Certificate
	caPEM []byte
	pool  *x509.CertPool

	mu      sync.Mutex
	started bool
	closed  bool
	ln      net.Listener
	addr    string
	plain   *http.Server
	secure  *http.Server
	plainQ  *connQueue
	tlsQ    *connQueue
	pending map[net.Conn]struct{}
	done    chan struct{}

	stats statsTracker
}

// route is what a host name leads to.
type route struct {
	site *site
	role hostRole
	key  string // councilbench.SiteKey of the host
}

// Stats counts what a web has served.
type Stats struct {
	// Requests is the number of requests served so far per host name.
	Requests map[string]int64
	// PeakInFlight is the highest number of requests in flight at once per
	// site key (councilbench.SiteKey of the request's host).
	PeakInFlight map[string]int
}

// statsTracker keeps Stats up to date.
type statsTracker struct {
	mu       sync.Mutex
	requests map[string]int64
	inFlight map[string]int
	peak     map[string]int
}

// begin counts a request to host, of the site key, now in flight.
func (t *statsTracker) begin(host, key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.requests == nil {
		t.requests, t.inFlight, t.peak = map[string]int64{}, map[string]int{}, map[string]int{}
	}
	t.requests[host]++
	t.inFlight[key]++
	if t.inFlight[key] > t.peak[key] {
		t.peak[key] = t.inFlight[key]
	}
}

// end marks a request of the site key finished.
func (t *statsTracker) end(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.inFlight[key]--
}

// Stats returns a copy of the request counts so far.
func (w *Web) Stats() Stats {
	w.stats.mu.Lock()
	defer w.stats.mu.Unlock()
	st := Stats{Requests: make(map[string]int64, len(w.stats.requests)), PeakInFlight: make(map[string]int, len(w.stats.peak))}
	for k, v := range w.stats.requests {
		st.Requests[k] = v
	}
	for k, v := range w.stats.peak {
		st.PeakInFlight[k] = v
	}
	return st
}

// Manifest returns the ground truth. It is shared: do not modify it.
func (w *Web) Manifest() *Manifest { return w.manifest }

// Hosts returns every host name served, sorted: each site's canonical host,
// its www/apex twin, the hosts of moved domains, and the search services'
// hosts of elsewhere searches.
func (w *Web) Hosts() []string { return append([]string(nil), w.hosts...) }

// Addr returns the listener's address, "127.0.0.1:PORT", once started.
func (w *Web) Addr() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.addr
}

// Resolve maps every host name to Addr, for a crawler's --resolve.
func (w *Web) Resolve() map[string]string {
	addr := w.Addr()
	m := make(map[string]string, len(w.hosts))
	for _, h := range w.hosts {
		m[h] = addr
	}
	return m
}

// Handler returns the handler that serves every site, choosing the site by
// the request's Host header. A request counts as https when r.TLS is set
// (httptest.NewRequest sets it for https URLs).
func (w *Web) Handler() http.Handler { return w.handler }

// newHandler returns the host-routing handler.
func (w *Web) newHandler() http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		host := strings.ToLower(r.Host)
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		host = strings.TrimSuffix(host, ".")
		rt := w.routes[host]
		key := host
		if rt != nil {
			key = rt.key
		}
		w.stats.begin(host, key)
		defer w.stats.end(key)
		if rt == nil {
			http.Error(rw, "simweb: no site is served at "+host, http.StatusMisdirectedRequest)
			return
		}
		rt.site.serve(rw, r, rt.role, host, w.opts)
	})
}

// bufPool holds body buffers.
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 128<<10); return &b }}

// gzipPool holds gzip writers.
var gzipPool = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
	return zw
}}

// acceptsGzip reports whether an Accept-Encoding header allows gzip.
func acceptsGzip(h string) bool {
	for _, part := range strings.Split(h, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name != "gzip" && name != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.ToLower(params), " ", "")
		if strings.HasPrefix(q, "q=0") && strings.Trim(strings.TrimPrefix(q, "q=0"), ".0") == "" {
			continue
		}
		return true
	}
	return false
}

// serve answers one request for the site.
func (s *site) serve(rw http.ResponseWriter, r *http.Request, role hostRole, host string, opts Options) {
	h := rw.Header()
	h.Set("Server", s.server)
	if role == roleSearch {
		s.serveSearchService(rw, r, host)
		return
	}
	secure := r.TLS != nil
	if s.hsts && secure {
		h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
	}
	path := r.URL.Path
	if path == "" {
		path = "/"
	}
	postSearch := r.Method == http.MethodPost && path == "/search" && s.searchVariant == SearchPostOnly
	if r.Method != http.MethodGet && r.Method != http.MethodHead && !postSearch {
		h.Set("Allow", "GET, HEAD")
		http.Error(rw, "Method Not Allowed", http.StatusMethodNotAllowed)
		return
	}
	if loc, ok := s.redirectFor(role, host, secure, path, r.URL.RawQuery); ok {
		http.Redirect(rw, r, loc, http.StatusMovedPermanently)
		return
	}
	switch path {
	case "/robots.txt":
		h.Set("Cache-Control", "public, max-age=3600")
		s.write(rw, r, http.StatusOK, "text/plain; charset=utf-8", s.robotsTxt(), true)
		return
	case "/sitemap.xml", "/sitemap-pages.xml", "/sitemap-news.xml":
		if sm := s.sitemap(path); sm != nil {
			h.Set("Cache-Control", "public, max-age=3600")
			s.write(rw, r, http.StatusOK, "application/xml; charset=utf-8", sm, true)
			return
		}
	}
	if body, ctype, ok := s.asset(path); ok {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
		s.write(rw, r, http.StatusOK, ctype, body, strings.HasPrefix(ctype, "text/") || strings.HasPrefix(ctype, "image/svg"))
		return
	}
	i, ok := s.byPath[path]
	if !ok {
		s.notFound(rw, r, -1, path)
		return
	}
	p := s.pages[i]
	switch {
	case p.redirect >= 0:
		http.Redirect(rw, r, s.url(p.redirect), http.StatusMovedPermanently)
		return
	case p.broken:
		s.notFound(rw, r, i, path)
		return
	}
	if p.slow && opts.SlowPageDelay > 0 {
		t := time.NewTimer(opts.SlowPageDelay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	bp := bufPool.Get().(*[]byte)
	defer bufPool.Put(bp)
	if p.kind == PagePDF {
		*bp = s.pdf((*bp)[:0], i)
		h.Set("Cache-Control", "public, max-age=86400")
		h.Set("Content-Disposition", `inline; filename="`+pdfName(p.path)+`"`)
		s.write(rw, r, http.StatusOK, "application/pdf", *bp, false)
		return
	}
	var v view
	if p.kind == PageSearch && s.answers(r) {
		v.ask = askOf(rw, r)
	}
	*bp = s.render((*bp)[:0], i, p, v)
	s.htmlHeaders(h, p)
	ctype := "text/html; charset=utf-8"
	body := *bp
	if p.cp1252 {
		ctype = "text/html; charset=windows-1252"
		cp := bufPool.Get().(*[]byte)
		defer bufPool.Put(cp)
		*cp = toWindows1252(body, (*cp)[:0])
		body = *cp
	}
	s.write(rw, r, p.status, ctype, body, true)
}

// pdfName returns a file name for a PDF path.
func pdfName(path string) string {
	name := path[strings.LastIndexByte(path, '/')+1:]
	if !strings.HasSuffix(name, ".pdf") {
		name += ".pdf"
	}
	return name
}

// htmlHeaders sets the headers of an HTML page.
func (s *site) htmlHeaders(h http.Header, p *page) {
	h.Set("Cache-Control", s.cacheControl)
	h.Set("X-Content-Type-Options", "nosniff")
	if s.frameOptions {
		h.Set("X-Frame-Options", "SAMEORIGIN")
	}
	if s.lastModified && p != nil {
		h.Set("Last-Modified", baseDate.AddDate(0, 0, -p.age).Format(http.TimeFormat))
	}
	lang := "en-GB"
	if p != nil && p.lang == "cy" {
		lang = "cy"
	}
	h.Set("Content-Language", lang)
}

// notFound answers with the "Page not found" page: 404, or 200 on a soft-404
// site. i is the page of a broken link's target, or -1.
func (s *site) notFound(rw http.ResponseWriter, r *http.Request, i int, path string) {
	p := &page{path: path, kind: PageOther, title: "Page not found", lang: "en", section: -1, parent: -1, twin: -1, redirect: -1, task: -1, status: 404}
	if i >= 0 {
		p = s.pages[i]
	}
	status := http.StatusNotFound
	if s.soft404 {
		status = http.StatusOK
	}
	bp := bufPool.Get().(*[]byte)
	defer bufPool.Put(bp)
	*bp = s.render((*bp)[:0], i, p, view{})
	s.htmlHeaders(rw.Header(), nil)
	rw.Header().Set("Cache-Control", "no-cache")
	s.write(rw, r, status, "text/html; charset=utf-8", *bp, true)
}

// write sends a body, gzipped when it is compressible and the client
// accepts gzip.
func (s *site) write(rw http.ResponseWriter, r *http.Request, status int, ctype string, body []byte, compressible bool) {
	h := rw.Header()
	h.Set("Content-Type", ctype)
	if compressible {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r.Header.Get("Accept-Encoding")) {
			zb := bufPool.Get().(*[]byte)
			defer bufPool.Put(zb)
			buf := bytes.NewBuffer((*zb)[:0])
			zw := gzipPool.Get().(*gzip.Writer)
			zw.Reset(buf)
			zw.Write(body)
			zw.Close()
			gzipPool.Put(zw)
			*zb = buf.Bytes()
			body = *zb
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	rw.WriteHeader(status)
	if r.Method != http.MethodHead {
		rw.Write(body)
	}
}

// connQueue is a net.Listener fed with connections by the accept loop.
type connQueue struct {
	addr net.Addr
	ch   chan net.Conn
	done chan struct{}
	once sync.Once
}

// newConnQueue returns an open queue with the address addr.
func newConnQueue(addr net.Addr) *connQueue {
	return &connQueue{addr: addr, ch: make(chan net.Conn), done: make(chan struct{})}
}

// Accept returns the next connection routed to the queue.
func (q *connQueue) Accept() (net.Conn, error) {
	select {
	case c := <-q.ch:
		return c, nil
	case <-q.done:
		return nil, net.ErrClosed
	}
}

// Close stops Accept.
func (q *connQueue) Close() error {
	q.once.Do(func() { close(q.done) })
	return nil
}

// Addr returns the real listener's address.
func (q *connQueue) Addr() net.Addr { return q.addr }

// push hands a connection to Accept; false when the queue is closed.
func (q *connQueue) push(c net.Conn) bool {
	select {
	case q.ch <- c:
		return true
	case <-q.done:
		return false
	}
}

// peekedConn replays the bytes read to choose between TLS and plain HTTP.
type peekedConn struct {
	net.Conn
	first []byte
}

// Read returns the peeked bytes first.
func (c *peekedConn) Read(p []byte) (int, error) {
	if len(c.first) > 0 {
		n := copy(p, c.first)
		c.first = c.first[n:]
		return n, nil
	}
	return c.Conn.Read(p)
}

// Start listens on 127.0.0.1:0 and serves, in the background, until ctx
// ends or Close is called. Plain HTTP and TLS share the port: the first byte
// of each connection (0x16 starts a TLS handshake) chooses the server.
func (w *Web) Start(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("simweb: start: %w", err)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	switch {
	case w.closed:
		return errors.New("simweb: start: web is closed")
	case w.started:
		return errors.New("simweb: start: already started")
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("simweb: listen: %w", err)
	}
	w.started, w.ln, w.addr = true, ln, ln.Addr().String()
	w.plainQ, w.tlsQ = newConnQueue(ln.Addr()), newConnQueue(ln.Addr())
	w.pending = map[net.Conn]struct{}{}
	w.done = make(chan struct{})
	quiet := log.New(io.Discard, "", 0)
	w.plain = &http.Server{Handler: w.handler, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute, ErrorLog: quiet}
	w.secure = &http.Server{Handler: w.handler, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute, ErrorLog: quiet,
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{w.cert}, MinVersion: tls.VersionTLS12}}
	go w.plain.Serve(w.plainQ)
	go w.secure.ServeTLS(w.tlsQ, "", "")
	go w.acceptLoop(ln)
	done := w.done
	go func() {
		select {
		case <-ctx.Done():
			w.Close()
		case <-done:
		}
	}()
	return nil
}

// acceptLoop accepts connections and routes each by its first byte.
func (w *Web) acceptLoop(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			time.Sleep(5 * time.Millisecond)
			continue
		}
		go w.routeConn(c)
	}
}

// routeConn peeks at a connection's first byte and hands it to the TLS or
// the plain server.
func (w *Web) routeConn(c net.Conn) {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		c.Close()
		return
	}
	w.pending[c] = struct{}{}
	w.mu.Unlock()
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	var first [1]byte
	_, err := io.ReadFull(c, first[:])
	w.mu.Lock()
	delete(w.pending, c)
	w.mu.Unlock()
	if err != nil {
		c.Close()
		return
	}
	c.SetReadDeadline(time.Time{})
	q := w.plainQ
	if first[0] == 0x16 {
		q = w.tlsQ
	}
	if !q.push(&peekedConn{Conn: c, first: first[:]}) {
		c.Close()
	}
}

// Close stops serving and closes every connection. It is safe to call more
// than once.
func (w *Web) Close() error {
	w.mu.Lock()
	if w.closed || !w.started {
		w.closed = true
		w.mu.Unlock()
		return nil
	}
	w.closed = true
	var errs []error
	if err := w.ln.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
		errs = append(errs, err)
	}
	w.plainQ.Close()
	w.tlsQ.Close()
	pending := make([]net.Conn, 0, len(w.pending))
	for c := range w.pending {
		pending = append(pending, c)
	}
	close(w.done)
	w.mu.Unlock()
	for _, c := range pending {
		c.Close()
	}
	for _, srv := range []*http.Server{w.plain, w.secure} {
		if err := srv.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("simweb: close: %w", err)
	}
	return nil
}
