package crawler

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/councilbench/councilbench"
	"golang.org/x/sync/errgroup"
)

// candidate is a URL waiting in the frontier.
type candidate struct {
	url     string
	depth   int
	prio    int
	sitemap bool // known only from the sitemap so far
	doc     bool // looks like a document by its extension
}

// crawl spends the page budget in waves.
func (s *siteCrawl) crawl(ctx context.Context) error {
	for budget := s.c.cfg.MaxPages - 1; budget > 0 && len(s.frontier) > 0; {
		all := make([]*candidate, 0, len(s.frontier))
		for _, c := range s.frontier {
			all = append(all, c)
		}
		sort.Slice(all, func(i, j int) bool { return less(all[i], all[j]) })
		// Sitemap-only URLs wait until no link is left: a later wave may
		// still find more links.
		links := sort.Search(len(all), func(i int) bool { return all[i].sitemap })
		if links > 0 {
			all = all[:links]
		}
		wave := all[:min(len(all), budget, s.c.cfg.WaveSize)]
		for _, c := range wave {
			delete(s.frontier, c.url)
		}
		// One goroutine per URL, at most perHost at a time. An error from
		// get is fatal (ctx ended or a save failed), so the first one stops
		// the others. pages keeps the wave's order, whatever the timing.
		pages := make([]*councilbench.Page, len(wave))
		g, gctx := errgroup.WithContext(ctx)
		g.SetLimit(s.perHost)
		for i, c := range wave {
			g.Go(func() error {
				if err := gctx.Err(); err != nil {
					return err
				}
				p, err := s.get(gctx, c.url, "", false, c.depth)
				if err != nil {
					return err
				}
				pages[i] = slim(p)
				s.track.update(func(a *Activity) { a.Pages++ }) // the wave's pages, as each is fetched
				return nil
			})
		}
		if err := g.Wait(); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		budget -= len(wave)
		for i, p := range pages {
			s.order = append(s.order, p)
			s.markFetched(p)
			if !wave[i].sitemap {
				s.discover(p, wave[i].depth)
			}
		}
		s.track.update(func(a *Activity) { a.Pages = len(s.order) })
	}
	return nil
}

// less is the fixed order in which the budget is spent: links before
// sitemap-only URLs; then higher priority; then shallower; pages before
// documents; then by URL.
func less(a, b *candidate) bool {
	if a.sitemap != b.sitemap {
		return !a.sitemap
	}
	if a.prio != b.prio {
		return a.prio > b.prio
	}
	if a.depth != b.depth {
		return a.depth < b.depth
	}
	if a.doc != b.doc {
		return !a.doc
	}
	return a.url < b.url
}

func (s *siteCrawl) markFetched(p *councilbench.Page) {
	s.fetched[p.URL] = p
	if p.FinalURL != "" && s.fetched[p.FinalURL] == nil {
		s.fetched[p.FinalURL] = p
	}
	delete(s.frontier, p.FinalURL)
}

// maxFrontier bounds the URLs waiting per site, against crawler traps.
const maxFrontier = 100000

// discover adds the internal links of a fetched page to the frontier.
func (s *siteCrawl) discover(p *councilbench.Page, depth int) {
	if !p.Judgeable() || depth >= s.c.cfg.MaxDepth {
		return
	}
	for _, l := range p.Links {
		if l.External {
			continue
		}
		if s.fetched[l.URL] != nil {
			continue
		}
		if c, ok := s.frontier[l.URL]; ok {
			if c.sitemap || depth+1 < c.depth {
				c.depth, c.sitemap = depth+1, false
			}
			continue
		}
		u, err := url.Parse(l.URL)
		if err != nil || !s.allowed(u) || len(s.frontier) >= maxFrontier {
			continue
		}
		if why := s.trap(u); why != "" {
			s.traps[why]++
			continue
		}
		prio := 0
		if s.c.cfg.Priority != nil {
			prio = s.c.cfg.Priority(l.URL, l.Text)
		}
		s.frontier[l.URL] = &candidate{url: l.URL, depth: depth + 1, prio: prio, doc: looksLikeDocument(u)}
	}
}

// Crawler-trap bounds: calendars, faceted search and session ids make
// endless URLs out of a few pages. A path is followed with at most
// maxQueryVariants different query strings, and a path that repeats one of
// its segments maxSegmentRepeats times, or has more than maxPathSegments
// segments, is not followed at all (relative links on a page that answers
// every path make /a/b/a/b/a/b...).
const (
	maxQueryVariants  = 20
	maxSegmentRepeats = 3
	maxPathSegments   = 16
)

// trap says why a link looks like a crawler trap, or "" when it does not.
// It counts the query variants admitted per path in s.variants, so it must
// be called only from the goroutine that grows the frontier.
func (s *siteCrawl) trap(u *url.URL) string {
	segs := strings.Split(strings.Trim(u.EscapedPath(), "/"), "/")
	if len(segs) > maxPathSegments {
		return "deep-path"
	}
	seen := make(map[string]int, len(segs))
	for _, sg := range segs {
		if sg == "" {
			continue
		}
		if seen[sg]++; seen[sg] >= maxSegmentRepeats {
			return "repeated-path"
		}
	}
	if u.RawQuery != "" {
		key := u.Host + u.EscapedPath()
		if s.variants[key] >= maxQueryVariants {
			return "query-variants"
		}
		s.variants[key]++
	}
	return ""
}

// trapNote describes the links skipped as traps, for the site's row.
func (s *siteCrawl) trapNote() string {
	if len(s.traps) == 0 {
		return ""
	}
	kinds := make([]string, 0, len(s.traps))
	total := 0
	for k, n := range s.traps {
		kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
		total += n
	}
	sort.Strings(kinds)
	return fmt.Sprintf("crawler trap: %d links not followed (%s)", total, strings.Join(kinds, ", "))
}

// looksLikeDocument guesses from the extension whether a URL is a document,
// so that pages are fetched before documents at the same depth.
func looksLikeDocument(u *url.URL) bool {
	doc, _ := councilbench.IsDocumentPath(u.Path)
	return doc
}
