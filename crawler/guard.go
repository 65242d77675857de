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
	dialer       net.Dialer
	resolver     *net.Resolver
	resolve      map[string]string // host → addr:port, trusted because the user asked
	allowPrivate bool
}

func (g *guard) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	if to, ok := g.resolve[strings.ToLower(host)]; ok {
		return g.dialer.DialContext(ctx, network, to)
	}
	var ips []netip.Addr
	if ip, err := netip.ParseAddr(host); err == nil {
		ips = []netip.Addr{ip}
	} else {
		ips, err = g.resolver.LookupNetIP(ctx, "ip", host)
		if err != nil {
			return nil, err
		}
	}
	var firstErr error
	for _, ip := range ips {
		if !g.allowPrivate && blocked(ip) {
			if firstErr == nil {
				firstErr = fmt.Errorf("%s (%s): %w", host, ip, ErrPrivateAddress)
			}
			continue
		}
		conn, err := g.dialer.DialContext(ctx, network, net.JoinHostPort(ip.Unmap().String(), port))
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
