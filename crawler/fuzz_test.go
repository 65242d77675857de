package crawler

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// The crawler's parsers read what councils' servers send: none may panic,
// hang or return what it promises not to.

func FuzzExtractLinks(f *testing.F) {
	f.Add([]byte(`<html><base href="/x/"><a href="a">A <img alt="B"></a><area href="/m" alt="map"><a href="javascript:x">j</a></html>`), "text/html; charset=windows-1252")
	f.Add([]byte("\xff\xfe<\x00a\x00 \x00h\x00r\x00e\x00f\x00=\x00x\x00>\x00"), "text/html")
	f.Add([]byte(`<a href="http://[::1">bad</a><a href="`), "")
	base, _ := url.Parse("https://www.council.gov.uk/dir/page")
	f.Fuzz(func(t *testing.T, body []byte, ct string) {
		links, sheets := extractLinks(body, ct, base)
		if len(links) > maxLinksPerPage {
			t.Fatalf("%d links, want at most %d", len(links), maxLinksPerPage)
		}
		if len(sheets) > maxSheetLinks {
			t.Fatalf("%d stylesheets, want at most %d", len(sheets), maxSheetLinks)
		}
		for _, u := range sheets {
			if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
				t.Fatalf("stylesheet URL %q is not http(s)", u)
			}
		}
		for _, l := range links {
			if l.url.Scheme != "http" && l.url.Scheme != "https" {
				t.Fatalf("link with scheme %q", l.url.Scheme)
			}
			if utf8.RuneCountInString(l.text) > maxLinkText {
				t.Fatalf("link text of %d characters", utf8.RuneCountInString(l.text))
			}
		}
	})
}

func FuzzParseSitemap(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><urlset><url><loc> https://a/b </loc></url></urlset>`))
	f.Add([]byte(`<sitemapindex><sitemap><loc>https://a/s.xml</loc></sitemap></sitemapindex>`))
	f.Add([]byte{0x1f, 0x8b, 0x08, 0x00})
	f.Fuzz(func(t *testing.T, body []byte) {
		pages, children := parseSitemap(body, 100)
		if len(pages) > 100 || len(children) > 100 {
			t.Fatalf("limit ignored: %d pages, %d children", len(pages), len(children))
		}
	})
}

func FuzzParseRobots(f *testing.F) {
	f.Add(200, []byte("User-agent: *\nDisallow: /private\nCrawl-delay: 5\nSitemap: https://a/s.xml\n"), "/private/x")
	f.Add(503, []byte(""), "/")
	f.Add(200, []byte("User-agent: councilbench\nCrawl-delay: 999999999999\n"), "/")
	f.Fuzz(func(t *testing.T, status int, body []byte, path string) {
		r := parseRobots(status, body, "councilbench/0.1")
		if r.crawlDelay > maxCrawlDelay || r.crawlDelay < 0 {
			t.Fatalf("crawl delay %s outside [0, %s]", r.crawlDelay, maxCrawlDelay)
		}
		r.allowed(path)
	})
}

// FuzzNormalizeURL: normalising is idempotent, keeps only http(s) URLs of
// bounded length, and leaves no session id behind.
func FuzzNormalizeURL(f *testing.F) {
	f.Add("HTTP://WWW.Council.GOV.UK:80/a/b?x=1#top")
	f.Add("https://c.gov.uk/page;jsessionid=ABC123?PHPSESSID=1&q=bins&ASPSESSIONIDQQ=2")
	f.Add("javascript:alert(1)")
	f.Fuzz(func(t *testing.T, raw string) {
		n, ok := NormalizeURL(raw)
		if !ok {
			return
		}
		if len(n) > maxURLLength {
			t.Fatalf("normalised URL of %d bytes", len(n))
		}
		again, ok := NormalizeURL(n)
		if !ok || again != n {
			t.Fatalf("not idempotent: %q → %q → %q (%v)", raw, n, again, ok)
		}
		u, err := url.Parse(n)
		if err != nil || u.Scheme != "http" && u.Scheme != "https" {
			t.Fatalf("normalised to %q", n)
		}
		for _, p := range strings.Split(u.RawQuery, "&") {
			name, _, _ := strings.Cut(p, "=")
			if sessionParams[strings.ToLower(name)] {
				t.Fatalf("session id kept in %q", n)
			}
		}
	})
}
