package crawler

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/councilbench/councilbench"
)

// rebinder is a DNS resolver whose answer changes: public for the first
// `public` lookups, then private, as a DNS-rebinding attacker's would. It
// never touches the network.
type rebinder struct {
	public  int
	pub     netip.Addr
	priv    netip.Addr
	lookups atomic.Int32
}

func (r *rebinder) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	if n := int(r.lookups.Add(1)); n <= r.public {
		return []netip.Addr{r.pub}, nil
	}
	return []netip.Addr{r.priv}, nil
}

// dialLog records the addresses a guard dials, and dials none of them.
type dialLog struct {
	mu    sync.Mutex
	addrs []string
}

func (d *dialLog) dial(_ context.Context, _, addr string) (net.Conn, error) {
	d.mu.Lock()
	d.addrs = append(d.addrs, addr)
	d.mu.Unlock()
	c, s := net.Pipe()
	s.Close()
	return c, nil
}

// TestGuardDialsTheCheckedAddress: the guard connects to the address it
// checked, never to the name (which a second lookup could answer with a
// private address), and refuses an answer that turned private.
func TestGuardDialsTheCheckedAddress(t *testing.T) {
	res := &rebinder{public: 1, pub: netip.MustParseAddr("203.0.113.7"), priv: netip.MustParseAddr("127.0.0.2")}
	log := &dialLog{}
	g := &guard{dial: log.dial, resolver: res}
	ctx := context.Background()
	c, err := g.DialContext(ctx, "tcp", "council.example:80")
	if err != nil {
		t.Fatalf("first dial: %v", err)
	}
	c.Close()
	_, err = g.DialContext(ctx, "tcp", "council.example:80")
	if !errors.Is(err, ErrPrivateAddress) {
		t.Errorf("second dial, after the answer turned private: got %v, want %v", err, ErrPrivateAddress)
	}
	if got, want := strings.Join(log.addrs, " "), "203.0.113.7:80"; got != want {
		t.Errorf("dialed %q, want only %q: the checked address, never the name", got, want)
	}
	if n := res.lookups.Load(); n != 2 {
		t.Errorf("%d lookups, want one per connection (2)", n)
	}
}

// TestGuardReservedNames: RFC 6761 names are answered without DNS.
func TestGuardReservedNames(t *testing.T) {
	res := &rebinder{public: 1 << 30, pub: netip.MustParseAddr("203.0.113.7")}
	log := &dialLog{}
	tests := []struct {
		addr         string
		allowPrivate bool
		want         error
		dialed       string
	}{
		{"nowhere.invalid:80", false, &net.DNSError{}, ""},
		{"NOWHERE.INVALID.:80", false, &net.DNSError{}, ""},
		{"localhost:80", false, ErrPrivateAddress, ""},
		{"admin.localhost:80", false, ErrPrivateAddress, ""},
		{"localhost:80", true, nil, "[::1]:80"},
		{"[::ffff:127.0.0.1]:80", false, ErrPrivateAddress, ""},
		{"169.254.169.254:80", false, ErrPrivateAddress, ""},
	}
	for _, tt := range tests {
		log.addrs = nil
		g := &guard{dial: log.dial, resolver: res, allowPrivate: tt.allowPrivate}
		c, err := g.DialContext(context.Background(), "tcp", tt.addr)
		if c != nil {
			c.Close()
		}
		var dnsErr *net.DNSError
		switch {
		case tt.want == nil && err != nil:
			t.Errorf("%s: got %v, want a connection", tt.addr, err)
		case errors.As(tt.want, &dnsErr) && !errors.As(err, &dnsErr):
			t.Errorf("%s: got %v, want a DNS error", tt.addr, err)
		case errors.Is(tt.want, ErrPrivateAddress) && !errors.Is(err, ErrPrivateAddress):
			t.Errorf("%s: got %v, want %v", tt.addr, err, ErrPrivateAddress)
		}
		if got := strings.Join(log.addrs, " "); got != tt.dialed {
			t.Errorf("%s: dialed %q, want %q", tt.addr, got, tt.dialed)
		}
	}
	if n := res.lookups.Load(); n != 0 {
		t.Errorf("%d DNS lookups for reserved names, want none", n)
	}
}

// TestDNSRebindingCrawl crawls a site whose name first resolves to a
// public address (played by a loopback server) and then to 127.0.0.2,
// where a private server listens on the same port. Every response closes
// its connection, so every request dials and looks the name up again: the
// private server must never be reached.
func TestDNSRebindingCrawl(t *testing.T) {
	var secretHits atomic.Int32
	secret := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		secretHits.Add(1)
		fmt.Fprint(w, "<html>secret</html>")
	}))
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("no 127.0.0.2 here: %v", err)
	}
	secret.Listener = ln
	secret.Start()
	defer secret.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())

	public := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Connection", "close")
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, `<html><a href="/a">a</a><a href="/b">b</a><a href="/c">c</a></html>`)
	}))
	c, err := New(testConfig(""))
	if err != nil {
		t.Fatal(err)
	}
	res := &rebinder{public: 2, pub: netip.MustParseAddr("203.0.113.7"), priv: netip.MustParseAddr("127.0.0.2")}
	c.guard.resolver = res
	real := c.guard.dial
	c.guard.dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if strings.HasPrefix(addr, "203.0.113.7:") {
			addr = hostOf(public) // the "public" server
		}
		return real(ctx, network, addr)
	}
	site := &councilbench.Site{ID: 1, Key: "rebind.example", StartURL: "http://rebind.example:" + port + "/"}
	col := &collector{}
	if _, err := c.Crawl(context.Background(), site, nil, col.save); err != nil {
		t.Fatal(err)
	}
	refused := 0
	for _, p := range col.pages {
		if p.Reason == councilbench.ReasonPrivateAddress {
			refused++
		}
	}
	if n := secretHits.Load(); n != 0 {
		t.Errorf("the private server was reached %d times after the name was rebound", n)
	}
	if refused == 0 {
		t.Errorf("no fetch was refused after the name turned private: %d lookups", res.lookups.Load())
	}
}
