package crawler

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"io"
	"strings"
)

// Bounds on sitemaps: a site's sitemaps may list millions of URLs, and an
// index may point to itself.
const (
	maxSitemaps    = 20
	maxSitemapURLs = 50000
)

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
