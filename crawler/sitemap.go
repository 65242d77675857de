package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"io"
	"net/url"
	"strings"

	"github.com/councilbench/councilbench"
)

// Bounds on sitemaps: a site's sitemaps may list millions of URLs, and an
// index may point to itself.
const (
	maxSitemaps    = 20
	maxSitemapURLs = 50000
)

// readSitemaps reads the sitemaps robots.txt names (or /sitemap.xml) and
// their children, breadth first and bounded, and adds their in-scope URLs to
// the frontier as sitemap candidates.
func (s *siteCrawl) readSitemaps(ctx context.Context, final *url.URL, named []string) error {
	var queue []string
	for _, sm := range named {
		if u, ok := NormalizeURL(sm); ok {
			queue = append(queue, u)
		}
	}
	if len(queue) == 0 {
		queue = []string{(&url.URL{Scheme: final.Scheme, Host: final.Host, Path: "/sitemap.xml"}).String()}
	}
	seen := map[string]bool{}
	urls := 0
	for len(queue) > 0 && len(seen) < maxSitemaps && urls < maxSitemapURLs {
		sm := queue[0]
		queue = queue[1:]
		u, err := url.Parse(sm)
		if err != nil || seen[sm] || !s.inScope(u) || !s.allowed(u) {
			continue
		}
		seen[sm] = true
		p, err := s.get(ctx, sm, councilbench.KindSitemap, true, -1)
		if err != nil {
			return err
		}
		s.fetched[p.URL] = slim(p)
		if p.Status < 200 || p.Status >= 300 || len(p.Body) == 0 {
			continue
		}
		pages, children := parseSitemap(p.Body, maxSitemapURLs-urls)
		queue = append(queue, children...)
		for _, raw := range pages {
			pu, err := url.Parse(strings.TrimSpace(raw))
			if err != nil {
				continue
			}
			if pu = normalize(pu); pu == nil || !s.inScope(pu) || !s.allowed(pu) {
				continue
			}
			key := pu.String()
			if _, ok := s.frontier[key]; ok || s.fetched[key] != nil {
				continue
			}
			s.frontier[key] = &candidate{url: key, depth: -1, sitemap: true, doc: looksLikeDocument(pu)}
			urls++
		}
	}
	return nil
}

// parseSitemap reads a sitemap or sitemap index (optionally gzipped) and
// returns the page URLs and child sitemap URLs it lists, at most limit of
// each. It reads the XML as a stream, so a huge file costs no more memory
// than its (capped) bytes.
func parseSitemap(body []byte, limit int) (pages, children []string) {
	var r io.Reader = bytes.NewReader(body)
	if len(body) > 2 && body[0] == 0x1f && body[1] == 0x8b {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, nil
		}
		r = io.LimitReader(zr, int64(len(body))*20+1<<20)
	}
	d := xml.NewDecoder(r)
	d.Strict = false
	d.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	var inLoc, inSitemap bool
	var loc strings.Builder
	for len(pages) < limit && len(children) < limit {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "sitemap":
				inSitemap = true
			case "url":
				inSitemap = false
			case "loc":
				inLoc = true
				loc.Reset()
			}
		case xml.CharData:
			if inLoc && loc.Len() < maxURLLength {
				loc.Write(t)
			}
		case xml.EndElement:
			if t.Name.Local == "loc" && inLoc {
				inLoc = false
				u := strings.TrimSpace(loc.String())
				if u == "" {
					continue
				}
				if inSitemap {
					children = append(children, u)
				} else {
					pages = append(pages, u)
				}
			}
		}
	}
	return pages, children
}
