package crawler

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
)

// ErrPrivateAddress is returned when a host resolves to an address the
// survey must not reach: loopback, private, link-local (which includes cloud
// metadata services), and other special-purpose ranges.
var ErrPrivateAddress = errors.New("refusing to connect to a private address")

// special lists the ranges, beyond those netip classifies, that are never a
// council's public website.
var special = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"), // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"), // NAT64 can reach IPv4 private space
}

// blocked reports whether ip is outside the public internet.
func blocked(ip netip.Addr) bool {
	ip = ip.Unmap()
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return true
	}
	for _, p := range special {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// guard dials connections after checking, on every connection, the address
// it is about to use. It connects to the checked address rather than the
// name, so an answer that changes between check and connect cannot slip
// through.
type guard struct {
	dial         func(ctx context.Context, network, addr string) (net.Conn, error)
	resolver     lookuper
	resolve      map[string]string // host → addr:port, trusted because the user asked
	allowPrivate bool
}

// lookuper resolves host names; *net.Resolver is one, and tests put in
// resolvers whose answers change between calls.
type lookuper interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

func (g *guard) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if to, ok := g.resolve[host]; ok {
		return g.dial(ctx, network, to)
	}
	ips, err := g.lookup(ctx, host)
	if err != nil {
		return nil, err
	}
	var firstErr error
	for _, ip := range ips {
		if !g.allowPrivate && blocked(ip) {
			if firstErr == nil {
				firstErr = fmt.Errorf("%s (%s): %w", host, ip, ErrPrivateAddress)
			}
			continue
		}
		// Connect to the address just checked, never to the name: a
		// second lookup could answer differently (DNS rebinding).
		conn, err := g.dial(ctx, network, net.JoinHostPort(ip.Unmap().String(), port))
		if err == nil {
			return conn, nil
		}
		if firstErr == nil || errors.Is(firstErr, ErrPrivateAddress) {
			firstErr = err
		}
	}
	if firstErr == nil {
		firstErr = &net.DNSError{Err: "no addresses", Name: host, IsNotFound: true}
	}
	return nil, firstErr
}

// lookup returns the addresses of host. Names that RFC 6761 reserves are
// answered without asking DNS: ".invalid" never resolves, and "localhost"
// is loopback (which the guard then refuses unless private addresses are
// allowed), so no query for them ever leaves the machine.
func (g *guard) lookup(ctx context.Context, host string) ([]netip.Addr, error) {
	if ip, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{ip}, nil
	}
	switch {
	case host == "invalid" || strings.HasSuffix(host, ".invalid"):
		return nil, &net.DNSError{Err: "no such host (RFC 6761: .invalid never resolves)", Name: host, IsNotFound: true}
	case host == "localhost" || strings.HasSuffix(host, ".localhost"):
		return []netip.Addr{netip.IPv6Loopback(), netip.MustParseAddr("127.0.0.1")}, nil
	}
	ips, err := g.resolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return nil, err
	}
	return ips, nil
}
