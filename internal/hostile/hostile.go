// Package hostile serves, on loopback only, websites that misbehave in every
// way an annual survey of hundreds of old sites will meet: redirect loops
// and long chains, redirects to other schemes and to private addresses,
// crawler traps, servers that hang, drip or reset, bodies far above any cap,
// gzip bombs, binary data labelled HTML, legacy charsets, malformed HTML,
// broken robots.txt files and sitemaps, rate limits, 503 storms, bad TLS
// certificates and names that do not resolve.
//
// Hostile stylesheets join them: a sheet far above the size cap, one that
// never ends, one of a million rules, @import chains deeper than any limit
// and @import loops.
//
// Each fault is a site of its own, named NAME.hostile.test, so a survey can
// crawl any mix of them beside healthy sites; Resolve gives the --resolve
// mappings. Everything endless (huge bodies, million-URL sitemaps, bombs) is
// generated as it is sent, never held, and stops when the client hangs up.
package hostile

import (
	"bufio"
	"compress/gzip"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"log"
	"math/big"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf16"
)

// Domain is the parent of every hostile site's host name.
const Domain = "hostile.test"

// NoSuchHost is the host name of the fault "dns": the .invalid top-level
// domain never resolves (RFC 6761).
const NoSuchHost = "nowhere.hostile.invalid"

// Fault is one kind of misbehaviour, served as a site of its own.
type Fault struct {
	Name  string // short and stable, e.g. "redirect-loop"
	Host  string // the site's host name
	Start string // the site's home page URL, as a register would list it
	What  string // what the site does, in a sentence
}

// Options tune the hostile web.
type Options struct {
	// Drip is the pause between the bytes of the "drip" fault; zero means
	// one second, as the name promises.
	Drip time.Duration
	// Huge is how many bytes the endless bodies announce or send at most;
	// zero means 1 GiB. They stop as soon as the client hangs up.
	Huge int64
	// SitemapURLs is how many URLs the "sitemap-millions" sitemap lists;
	// zero means 5,000,000.
	SitemapURLs int
}

// Web is a running hostile web. Close it when done.
type Web struct {
	opts    Options
	faults  map[string]*fault
	order   []string
	resolve map[string]string
	caPEM   []byte

	servers   []*http.Server
	listeners []net.Listener
	privURL   string // the server on another private address nobody may reach
	mainAddr  string

	privateHits atomic.Int64
	mu          sync.Mutex
	hits        map[string][]hit // by fault name
	conns       sync.WaitGroup
	closing     chan struct{}
}

// hit is one request a fault site received.
type hit struct {
	path string
	at   time.Time
}

// fault is a fault with its handler.
type fault struct {
	Fault
	robots http.HandlerFunc // nil: robots.txt is a 404
	serve  http.HandlerFunc
}

// Start starts the hostile web on loopback. The site of the fault
// "redirect-private" needs a second loopback address (127.0.0.2), which
// Linux has.
func Start(opts Options) (*Web, error) {
	if opts.Drip <= 0 {
		opts.Drip = time.Second
	}
	if opts.Huge <= 0 {
		opts.Huge = 1 << 30
	}
	if opts.SitemapURLs <= 0 {
		opts.SitemapURLs = 5_000_000
	}
	w := &Web{opts: opts, faults: map[string]*fault{}, resolve: map[string]string{}, hits: map[string][]hit{}, closing: make(chan struct{})}
	if err := w.start(); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

func (w *Web) start() error {
	quiet := log.New(io.Discard, "", 0)
	// The private server: on 127.0.0.2, which a resolved site links and
	// redirects to. The survey must never reach it.
	pl, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		return fmt.Errorf("hostile: listen on 127.0.0.2: %w", err)
	}
	w.privURL = "http://" + pl.Addr().String()
	w.serveHTTP(pl, http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.privateHits.Add(1)
		fmt.Fprint(rw, "<html><title>Intranet</title>secret</html>")
	}), quiet)

	ml, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("hostile: %w", err)
	}
	w.mainAddr = ml.Addr().String()
	w.define()
	w.serveHTTP(ml, http.HandlerFunc(w.dispatch), quiet)

	// Raw-socket faults.
	for name, handle := range map[string]func(net.Conn){"hang": w.hang, "reset": w.reset} {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return fmt.Errorf("hostile: %w", err)
		}
		w.listeners = append(w.listeners, l)
		w.resolve[host(name)] = l.Addr().String()
		go w.acceptRaw(l, handle)
	}

	// TLS faults: a self-signed certificate and an expired one signed by
	// the hostile CA (which the survey is told to trust, so that expiry is
	// the only fault).
	certs, err := w.makeCerts()
	if err != nil {
		return err
	}
	for name, cert := range certs {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return fmt.Errorf("hostile: %w", err)
		}
		w.resolve[host(name)] = l.Addr().String()
		tl := tls.NewListener(l, &tls.Config{Certificates: []tls.Certificate{cert}})
		w.serveHTTP(tl, http.HandlerFunc(w.dispatch), quiet)
	}
	for _, name := range w.order {
		if _, ok := w.resolve[w.faults[name].Host]; !ok && name != "dns" {
			w.resolve[w.faults[name].Host] = w.mainAddr
		}
	}
	return nil
}

func host(name string) string { return name + "." + Domain }

func (w *Web) serveHTTP(l net.Listener, h http.Handler, quiet *log.Logger) {
	srv := &http.Server{Handler: h, ErrorLog: quiet, ReadHeaderTimeout: 10 * time.Second}
	w.servers = append(w.servers, srv)
	go srv.Serve(l)
}

// Faults returns the faults, in a fixed order.
func (w *Web) Faults() []Fault {
	out := make([]Fault, 0, len(w.order))
	for _, n := range w.order {
		out = append(out, w.faults[n].Fault)
	}
	return out
}

// Fault returns the fault called name.
func (w *Web) Fault(name string) (Fault, bool) {
	f, ok := w.faults[name]
	if !ok {
		return Fault{}, false
	}
	return f.Fault, true
}

// Resolve returns host → addr:port for every fault site that has an
// address (all but "dns").
func (w *Web) Resolve() map[string]string {
	m := make(map[string]string, len(w.resolve))
	for h, a := range w.resolve {
		m[h] = a
	}
	return m
}

// CACertPEM returns the certificate of the CA that signed the expired
// certificate of "tls-expired".
func (w *Web) CACertPEM() []byte { return append([]byte(nil), w.caPEM...) }

// PrivateHits returns how many requests reached the server on 127.0.0.2,
// or this web's own listener under the name localhost: both are private
// addresses that no survey may reach.
func (w *Web) PrivateHits() int64 { return w.privateHits.Load() }

// Hits returns the paths the site of fault name was asked for, in order.
func (w *Web) Hits(name string) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]string, len(w.hits[name]))
	for i, h := range w.hits[name] {
		out[i] = h.path
	}
	return out
}

// HitTimes returns when the site of fault name was asked for path.
func (w *Web) HitTimes(name, path string) []time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []time.Time
	for _, h := range w.hits[name] {
		if h.path == path {
			out = append(out, h.at)
		}
	}
	return out
}

// Close stops every server and drops every connection.
func (w *Web) Close() {
	select {
	case <-w.closing:
		return
	default:
		close(w.closing)
	}
	for _, s := range w.servers {
		s.Close()
	}
	for _, l := range w.listeners {
		l.Close()
	}
	w.conns.Wait()
}

func (w *Web) record(name string, r *http.Request) {
	w.mu.Lock()
	w.hits[name] = append(w.hits[name], hit{path: r.URL.RequestURI(), at: time.Now()})
	w.mu.Unlock()
}

// dispatch serves the fault whose host the request names.
func (w *Web) dispatch(rw http.ResponseWriter, r *http.Request) {
	h := strings.ToLower(r.Host)
	if hh, _, err := net.SplitHostPort(h); err == nil {
		h = hh
	}
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		w.privateHits.Add(1)
		fmt.Fprint(rw, "<html>local admin</html>")
		return
	}
	name := strings.TrimSuffix(h, "."+Domain)
	f, ok := w.faults[name]
	if !ok {
		http.Error(rw, "no such hostile site", http.StatusMisdirectedRequest)
		return
	}
	w.record(name, r)
	if r.URL.Path == "/robots.txt" {
		if f.robots == nil {
			http.NotFound(rw, r)
			return
		}
		f.robots(rw, r)
		return
	}
	f.serve(rw, r)
}

// page writes a small, valid HTML page with links (path → text).
func page(rw http.ResponseWriter, title string, links ...string) {
	styledPage(rw, title, nil, links...)
}

// styledPage writes a small, valid HTML page that links to stylesheets,
// with links (path → text).
func styledPage(rw http.ResponseWriter, title string, sheets []string, links ...string) {
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(rw, "<!doctype html><html lang=\"en\"><head><title>%s</title>", title)
	for _, s := range sheets {
		fmt.Fprintf(rw, "<link rel=\"stylesheet\" href=\"%s\">", s)
	}
	fmt.Fprintf(rw, "</head><body><main><h1>%s</h1>\n<p>Bin collections and council tax.</p>\n", title)
	for i := 0; i+1 < len(links); i += 2 {
		fmt.Fprintf(rw, "<a href=\"%s\">%s</a>\n", links[i], links[i+1])
	}
	fmt.Fprint(rw, "</main></body></html>\n")
}

func (w *Web) add(name, what string, robots, serve http.HandlerFunc) {
	scheme := "http"
	if strings.HasPrefix(name, "tls-") {
		scheme = "https"
	}
	h := host(name)
	if name == "dns" {
		h = NoSuchHost
	}
	w.faults[name] = &fault{Fault: Fault{Name: name, Host: h, Start: scheme + "://" + h + "/", What: what}, robots: robots, serve: serve}
	w.order = append(w.order, name)
}

func (w *Web) define() {
	ok := func(rw http.ResponseWriter, r *http.Request) { page(rw, "Fine") }
	robotsBody := func(body string) http.HandlerFunc {
		return func(rw http.ResponseWriter, r *http.Request) {
			rw.Header().Set("Content-Type", "text/plain")
			io.WriteString(rw, body)
		}
	}

	w.add("redirect-loop", "the home page redirects to a page that redirects back", nil, func(rw http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/", "/loop-b":
			http.Redirect(rw, r, "/loop-a", http.StatusFound)
		default:
			http.Redirect(rw, r, "/loop-b", http.StatusFound)
		}
	})
	w.add("redirect-chain", "the home page starts a chain of 30 redirects", nil, func(rw http.ResponseWriter, r *http.Request) {
		n := 0
		if strings.HasPrefix(r.URL.Path, "/hop/") {
			n, _ = strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/"))
		}
		if n >= 30 {
			page(rw, "Arrived")
			return
		}
		http.Redirect(rw, r, fmt.Sprintf("/hop/%d", n+1), http.StatusMovedPermanently)
	})
	w.add("redirect-schemes", "pages redirect to ftp:, file:, javascript: and data: URLs", nil, func(rw http.ResponseWriter, r *http.Request) {
		to := map[string]string{"/to-ftp": "ftp://ftp.example.org/pub/", "/to-file": "file:///etc/passwd",
			"/to-javascript": "javascript:alert(1)", "/to-data": "data:text/html,<script>alert(1)</script>"}
		if t, ok := to[r.URL.Path]; ok {
			rw.Header().Set("Location", t)
			rw.WriteHeader(http.StatusFound)
			return
		}
		page(rw, "Schemes", "/to-ftp", "FTP", "/to-file", "File", "/to-javascript", "Script", "/to-data", "Data")
	})
	w.add("redirect-private", "a resolved site links and redirects to 127.0.0.2, localhost, 10.0.0.1 and the cloud metadata address", nil, func(rw http.ResponseWriter, r *http.Request) {
		_, port, _ := net.SplitHostPort(w.mainAddr)
		to := map[string]string{
			"/to-private":   w.privURL + "/secret",
			"/to-localhost": "http://localhost:" + port + "/admin",
			"/to-ten":       "http://10.0.0.1/",
			"/to-metadata":  "http://169.254.169.254/latest/meta-data/",
			"/to-ip6":       "http://[::1]:" + port + "/",
		}
		if t, ok := to[r.URL.Path]; ok {
			http.Redirect(rw, r, t, http.StatusFound)
			return
		}
		page(rw, "Intranet links", "/to-private", "Staff", "/to-localhost", "Admin", "/to-ten", "Router",
			"/to-metadata", "Cloud", "/to-ip6", "Loopback", w.privURL+"/direct", "Direct",
			"http://localhost:"+port+"/direct", "Local", "http://127.0.0.1:"+port+"/direct", "Loop")
	})
	w.add("home-private", "the home page redirects to a private address", nil, func(rw http.ResponseWriter, r *http.Request) {
		http.Redirect(rw, r, w.privURL+"/", http.StatusFound)
	})
	w.add("trap-calendar", "an events calendar links to the next and previous month, for ever, and to every day", nil, func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/calendar" {
			page(rw, "Events", "/calendar?month=0", "What's on")
			return
		}
		m, _ := strconv.Atoi(r.URL.Query().Get("month"))
		links := []string{fmt.Sprintf("/calendar?month=%d", m-1), "Previous month", fmt.Sprintf("/calendar?month=%d", m+1), "Next month"}
		for d := 1; d <= 31; d++ {
			links = append(links, fmt.Sprintf("/calendar?month=%d&day=%d", m, d), strconv.Itoa(d))
		}
		page(rw, "Calendar", links...)
	})
	w.add("trap-session", "every link carries a new session id, in the query (PHPSESSID) and in the path (;jsessionid=)", nil, func(rw http.ResponseWriter, r *http.Request) {
		n := 0
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/page-"), "%d", &n)
		var links []string
		for i := n + 1; i <= n+3; i++ {
			links = append(links, fmt.Sprintf("/page-%d?PHPSESSID=%016x", i, mrand.Uint64()), "Next",
				fmt.Sprintf("/page-%d;jsessionid=%016X", i, mrand.Uint64()), "Also next")
		}
		page(rw, "Session", links...)
	})
	w.add("trap-deep", "every path answers, with relative links one level deeper", nil, func(rw http.ResponseWriter, r *http.Request) {
		page(rw, "Deeper", "a/", "A", "b/", "B", "a/b/", "AB")
	})
	w.add("hang", "accepts connections and never answers", nil, nil)
	w.add("drip", "sends its headers, then one byte a second", nil, func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "text/html")
		rw.WriteHeader(http.StatusOK)
		rc := http.NewResponseController(rw)
		for _, b := range []byte(strings.Repeat("<p>slow</p>", 1000)) {
			if _, err := rw.Write([]byte{b}); err != nil {
				return
			}
			if rc.Flush() != nil {
				return
			}
			select {
			case <-r.Context().Done():
				return
			case <-w.closing:
				return
			case <-time.After(w.opts.Drip):
			}
		}
	})
	w.add("reset", "announces 100,000 bytes, sends 1,000 and resets the connection", nil, nil)
	huge := func(withLength bool) http.HandlerFunc {
		return func(rw http.ResponseWriter, r *http.Request) {
			rw.Header().Set("Content-Type", "text/html; charset=utf-8")
			if withLength {
				rw.Header().Set("Content-Length", strconv.FormatInt(w.opts.Huge, 10))
			}
			w.stream(rw, r, []byte("<!doctype html><html><body>"), []byte("<p>Council news, again and again.</p>\n"), w.opts.Huge)
		}
	}
	w.add("huge-length", "a body of 1 GiB with its Content-Length", nil, huge(true))
	w.add("huge-chunked", "a body of 1 GiB, chunked, without Content-Length", nil, huge(false))
	w.add("gzip-bomb", "a gzip body a thousand times smaller than the HTML it inflates to", nil, func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "text/html")
		rw.Header().Set("Content-Encoding", "gzip")
		zw, _ := gzip.NewWriterLevel(rw, gzip.BestCompression)
		w.stream(zw, r, []byte("<!doctype html><html><body><p>"), make([]byte, 64<<10), w.opts.Huge)
		zw.Close()
	})
	w.add("binary", "256 KiB of random bytes labelled text/html", nil, func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "text/html")
		rng := mrand.New(mrand.NewPCG(1, 2))
		b := make([]byte, 256<<10)
		for i := range b {
			b[i] = byte(rng.UintN(256))
		}
		rw.Write(b)
	})
	w.add("charsets", "pages in windows-1252 (header), ISO-8859-1 (meta), UTF-16LE with a BOM, and with no charset at all", nil, func(rw http.ResponseWriter, r *http.Request) {
		body := func(meta string) string {
			return "<!doctype html><html lang=\"en\"><head>" + meta + "<title>Caf\u00e9</title></head><body><main><a href=\"/caf\u00e9-menu\">Caf\u00e9 \u00a3 menu</a></main></body></html>"
		}
		latin := func(s string) []byte { // windows-1252 and ISO-8859-1 agree on these characters
			out := make([]byte, 0, len(s))
			for _, c := range s {
				out = append(out, byte(c))
			}
			return out
		}
		switch r.URL.Path {
		case "/cp1252":
			rw.Header().Set("Content-Type", "text/html; charset=windows-1252")
			rw.Write(latin(body("")))
		case "/latin1":
			rw.Header().Set("Content-Type", "text/html")
			rw.Write(latin(body(`<meta charset="iso-8859-1">`)))
		case "/utf16":
			rw.Header().Set("Content-Type", "text/html")
			u := utf16.Encode([]rune(body("")))
			b := []byte{0xff, 0xfe}
			for _, c := range u {
				b = append(b, byte(c), byte(c>>8))
			}
			rw.Write(b)
		case "/nocharset":
			rw.Header().Set("Content-Type", "text/html")
			rw.Write(latin(body("")))
		default:
			page(rw, "Charsets", "/cp1252", "cp1252", "/latin1", "latin1", "/utf16", "utf16", "/nocharset", "none")
		}
	})
	w.add("malformed", "unclosed tags, 100,000 nested elements and a 10 MB attribute", nil, func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/unclosed":
			io.WriteString(rw, `<html><head><title>Unclosed<body><div><p><table><tr><td><a href="/nested">nested<ul><li><span><b><i>`+strings.Repeat("<p><div><span>text", 2000))
		case "/nested":
			io.WriteString(rw, "<!doctype html><html><body>"+strings.Repeat("<div>", 100_000)+"deep"+strings.Repeat("</div>", 100_000))
		case "/attribute":
			io.WriteString(rw, `<!doctype html><html><body><img alt="`+strings.Repeat("a", 10<<20)+`" src="x.png"></body></html>`)
		default:
			page(rw, "Malformed", "/unclosed", "Unclosed", "/nested", "Nested", "/attribute", "Attribute")
		}
	})
	w.add("robots-huge", "a robots.txt of 5 MB that disallows /private in its first lines", func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "text/plain")
		w.stream(rw, r, []byte("User-agent: *\nDisallow: /private\n"), []byte("Disallow: /archive/1999/12/31/a-long-forgotten-page\n"), 5<<20)
	}, func(rw http.ResponseWriter, r *http.Request) {
		page(rw, "Robots", "/private/secret", "Secret", "/open", "Open")
	})
	w.add("robots-malformed", "a robots.txt of binary garbage, HTML and misspelt rules", robotsBody("\x00\xff\xfe<html><body>User-agent *\nDisalow /\nAllow:\n\n:::\nSitemap\nCrawl-delay: lots\n\xc3\x28"), func(rw http.ResponseWriter, r *http.Request) {
		page(rw, "Garbage robots", "/open", "Open")
	})
	w.add("robots-5xx", "robots.txt answers 503: RFC 9309 says disallow everything", func(rw http.ResponseWriter, r *http.Request) {
		http.Error(rw, "down for maintenance", http.StatusServiceUnavailable)
	}, ok)
	w.add("robots-404", "robots.txt is missing: RFC 9309 says allow everything", nil, func(rw http.ResponseWriter, r *http.Request) {
		page(rw, "No robots", "/open", "Open")
	})
	w.add("sitemap-self", "a sitemap index that lists itself, and a child that lists the index", robotsBody("User-agent: *\nAllow: /\nSitemap: http://sitemap-self."+Domain+"/sitemap.xml\n"), func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "application/xml")
		switch r.URL.Path {
		case "/sitemap.xml":
			io.WriteString(rw, `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>http://sitemap-self.`+Domain+`/sitemap.xml</loc></sitemap><sitemap><loc>http://sitemap-self.`+Domain+`/child.xml</loc></sitemap></sitemapindex>`)
		case "/child.xml":
			io.WriteString(rw, `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>http://sitemap-self.`+Domain+`/sitemap.xml</loc></sitemap></sitemapindex>`)
		default:
			page(rw, "Sitemaps")
		}
	})
	w.add("sitemap-millions", "a sitemap of 5,000,000 URLs, generated as it is sent", robotsBody("User-agent: *\nAllow: /\nSitemap: http://sitemap-millions."+Domain+"/sitemap.xml\n"), func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/sitemap.xml" {
			page(rw, "Millions")
			return
		}
		rw.Header().Set("Content-Type", "application/xml")
		bw := bufio.NewWriterSize(rw, 64<<10)
		defer bw.Flush()
		bw.WriteString(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for i := 0; i < w.opts.SitemapURLs; i++ {
			if _, err := fmt.Fprintf(bw, "<url><loc>http://sitemap-millions.%s/page/%d</loc></url>\n", Domain, i); err != nil {
				return
			}
			if i%1024 == 0 && r.Context().Err() != nil {
				return
			}
		}
		bw.WriteString("</urlset>")
	})
	var once sync.Map
	w.add("rate-limited", "answers each URL first with 429 and Retry-After: 1, then normally", nil, func(rw http.ResponseWriter, r *http.Request) {
		if _, seen := once.LoadOrStore(r.URL.Path, true); !seen {
			rw.Header().Set("Retry-After", "1")
			http.Error(rw, "slow down", http.StatusTooManyRequests)
			return
		}
		page(rw, "Thanks for waiting", "/more", "More")
	})
	w.add("rate-limited-forever", "answers 429 with Retry-After: 3600 to everything but robots.txt", nil, func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Retry-After", "3600")
		http.Error(rw, "slow down", http.StatusTooManyRequests)
	})
	w.add("storm-503", "answers 503 to everything but robots.txt, without Retry-After", nil, func(rw http.ResponseWriter, r *http.Request) {
		http.Error(rw, "service unavailable", http.StatusServiceUnavailable)
	})
	w.defineCSS()
	w.add("tls-self-signed", "a certificate that signs itself", nil, ok)
	w.add("tls-expired", "a certificate that expired yesterday, from a trusted CA", nil, ok)
	w.add("dns", "a name that does not resolve (.invalid, RFC 6761)", nil, ok)
}

// defineCSS adds the faults of hostile stylesheets: each site's home page
// links to the sheet, and its other pages are plain.
func (w *Web) defineCSS() {
	css := func(rw http.ResponseWriter) { rw.Header().Set("Content-Type", "text/css; charset=utf-8") }
	w.add("css-huge", "its stylesheet is 1 GiB of rules, with its Content-Length", nil, func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/huge.css" {
			styledPage(rw, "Huge stylesheet", []string{"/huge.css"}, "/open", "Open")
			return
		}
		css(rw)
		rw.Header().Set("Content-Length", strconv.FormatInt(w.opts.Huge, 10))
		w.stream(rw, r, []byte("body{color:#0b0c0c}\n"), []byte("main p{color:#0b0c0c;background:#ffffff}\n"), w.opts.Huge)
	})
	w.add("css-endless", "its stylesheet sends its headers, then a rule a second, for ever", nil, func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/endless.css" {
			styledPage(rw, "Endless stylesheet", []string{"/endless.css"}, "/open", "Open")
			return
		}
		css(rw)
		rw.WriteHeader(http.StatusOK)
		rc := http.NewResponseController(rw)
		for i := 0; ; i++ {
			if _, err := fmt.Fprintf(rw, ".r%d{color:#000}\n", i); err != nil || rc.Flush() != nil {
				return
			}
			select {
			case <-r.Context().Done():
				return
			case <-w.closing:
				return
			case <-time.After(w.opts.Drip):
			}
		}
	})
	w.add("css-million-rules", "its stylesheet has a million rules, each with a selector of its own, generated as it is sent", nil, func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/million.css" {
			styledPage(rw, "A million rules", []string{"/million.css"}, "/open", "Open")
			return
		}
		css(rw)
		bw := bufio.NewWriterSize(rw, 64<<10)
		defer bw.Flush()
		for i := 0; i < 1_000_000; i++ {
			if _, err := fmt.Fprintf(bw, "main .c%d > p:not(.x%d){color:#%06x}\n", i, i, i%0xffffff); err != nil {
				return
			}
			if i%1024 == 0 && r.Context().Err() != nil {
				return
			}
		}
	})
	w.add("css-import-deep", "its stylesheet starts an endless chain of @imports, each sheet importing the next", nil, func(rw http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/deep/"), ".css"))
		if !strings.HasPrefix(r.URL.Path, "/deep/") || err != nil {
			styledPage(rw, "Deep imports", []string{"/deep/0.css"}, "/open", "Open")
			return
		}
		css(rw)
		fmt.Fprintf(rw, "@import url(\"/deep/%d.css\");\n.d%d{color:#000}\n", n+1, n)
	})
	w.add("css-import-loop", "two stylesheets import each other, and themselves", nil, func(rw http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/a.css":
			css(rw)
			io.WriteString(rw, "@import \"b.css\";\n@import \"a.css\";\na{color:#1d70b8}\n")
		case "/b.css":
			css(rw)
			io.WriteString(rw, "@import \"a.css\";\nb{color:#0b0c0c}\n")
		default:
			styledPage(rw, "Import loop", []string{"/a.css", "/b.css"}, "/open", "Open")
		}
	})
}

// stream writes head, then body over and over until limit bytes are
// written or the client goes away.
func (w *Web) stream(dst io.Writer, r *http.Request, head, body []byte, limit int64) {
	n, err := dst.Write(head)
	written := int64(n)
	for err == nil && written < limit {
		chunk := body
		if rest := limit - written; int64(len(chunk)) > rest {
			chunk = chunk[:rest]
		}
		n, err = dst.Write(chunk)
		written += int64(n)
		if r.Context().Err() != nil {
			return
		}
		select {
		case <-w.closing:
			return
		default:
		}
	}
}

// acceptRaw hands each connection of l to handle.
func (w *Web) acceptRaw(l net.Listener, handle func(net.Conn)) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		w.conns.Add(1)
		go func() {
			defer w.conns.Done()
			defer c.Close()
			handle(c)
		}()
	}
}

// hang holds the connection open, silent, until the web closes or the
// client hangs up.
func (w *Web) hang(c net.Conn) {
	w.recordRaw("hang", "")
	done := make(chan struct{})
	go func() {
		io.Copy(io.Discard, c)
		close(done)
	}()
	select {
	case <-done:
	case <-w.closing:
	}
}

// reset answers robots.txt with a 404, and every other request with the
// first 1,000 bytes of a 100,000-byte body followed by a TCP reset.
func (w *Web) reset(c net.Conn) {
	br := bufio.NewReader(c)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		w.recordRaw("reset", req.URL.RequestURI())
		if req.URL.Path == "/robots.txt" {
			io.WriteString(c, "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nnot found")
			continue
		}
		io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
		c.Write([]byte("<!doctype html><html><body>" + strings.Repeat("x", 1000-27)))
		time.Sleep(20 * time.Millisecond)
		if tc, ok := c.(*net.TCPConn); ok {
			tc.SetLinger(0) // close with RST, not FIN
		}
		return
	}
}

func (w *Web) recordRaw(name, path string) {
	w.mu.Lock()
	w.hits[name] = append(w.hits[name], hit{path: path, at: time.Now()})
	w.mu.Unlock()
}

// makeCerts makes the hostile CA, a self-signed certificate for
// "tls-self-signed" and an expired one, signed by the CA, for "tls-expired".
func (w *Web) makeCerts() (map[string]tls.Certificate, error) {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "councilbench hostile CA"},
		NotBefore: now.Add(-48 * time.Hour), NotAfter: now.Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, fmt.Errorf("hostile CA: %w", err)
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return nil, err
	}
	w.caPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})
	leaf := func(name string, serial int64, notAfter time.Time, parent *x509.Certificate, parentKey *ecdsa.PrivateKey) (tls.Certificate, error) {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return tls.Certificate{}, err
		}
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: host(name)}, DNSNames: []string{host(name)},
			NotBefore: now.Add(-48 * time.Hour), NotAfter: notAfter,
			KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		}
		if parent == nil {
			parent, parentKey = tmpl, key
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
		if err != nil {
			return tls.Certificate{}, fmt.Errorf("certificate of %s: %w", name, err)
		}
		return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
	}
	self, err := leaf("tls-self-signed", 2, now.Add(24*time.Hour), nil, nil)
	if err != nil {
		return nil, err
	}
	expired, err := leaf("tls-expired", 3, now.Add(-24*time.Hour), ca, caKey)
	if err != nil {
		return nil, err
	}
	return map[string]tls.Certificate{"tls-self-signed": self, "tls-expired": expired}, nil
}
