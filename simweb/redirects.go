package simweb

import (
	"fmt"
	"net/url"
	"strings"
)

// normURL normalises a URL for comparison: lower-case host, no default
// port, "/" for an empty path.
func normURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	host := strings.ToLower(u.Hostname())
	if p := u.Port(); p != "" && !(p == "80" && u.Scheme == "http" || p == "443" && u.Scheme == "https") {
		host += ":" + p
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	out := u.Scheme + "://" + host + path
	if u.RawQuery != "" {
		out += "?" + u.RawQuery
	}
	return out
}

// chainFrom returns the redirect chain from a URL to the home page, the URL
// included and the home page excluded.
func (s *site) chainFrom(start string) ([]string, error) {
	home := s.url(s.home)
	cur := start
	chain := []string{}
	for hop := 0; hop < 8; hop++ {
		if normURL(cur) == home {
			return chain, nil
		}
		u, err := url.Parse(cur)
		if err != nil {
			return nil, fmt.Errorf("redirect chain: %w", err)
		}
		host := strings.ToLower(u.Hostname())
		role, ok := s.routes[host]
		if !ok {
			return nil, fmt.Errorf("redirect chain: %s is not a host of the site", host)
		}
		path := u.Path
		if path == "" {
			path = "/"
		}
		loc, ok := s.redirectFor(role, host, u.Scheme == "https", path, u.RawQuery)
		if !ok {
			return nil, fmt.Errorf("redirect chain from %s stops at %s, not the home page %s", start, cur, home)
		}
		chain = append(chain, cur)
		cur = loc
	}
	return nil, fmt.Errorf("redirect chain from %s is too long", start)
}

// redirectFor returns where a request for host and path redirects to: plain
// http to https, a twin or old host to the canonical host, "/" to a home
// page elsewhere, register aliases to the home page.
func (s *site) redirectFor(role hostRole, host string, tls bool, path, rawQuery string) (string, bool) {
	q := ""
	if rawQuery != "" {
		q = "?" + rawQuery
	}
	if s.httpsRedo && !tls {
		return "https://" + host + path + q, true
	}
	switch role {
	case roleTwin:
		return s.origin() + path + q, true
	case roleOld:
		if path == s.regPath || s.aliases[path] {
			path = "/"
		}
		return s.origin() + path + q, true
	}
	if path == "/" && s.homePath != "/" || s.aliases[path] {
		return s.url(s.home), true
	}
	return "", false
}
