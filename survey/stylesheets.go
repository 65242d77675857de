package survey

import (
	"context"
	"fmt"
	"sync"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/crawler"
	"github.com/councilbench/councilbench/css"
	"github.com/councilbench/councilbench/store"
)

// sheets is a survey's stylesheets as the page step reads them: one
// css.Cache for the whole run (each sheet compiled once, however many
// pages and sites use it), over a loader that reads the store, or, for a
// sheet the crawl fetched whose write the store's one writer may not have
// committed yet, the copy held since it was saved.
type sheets struct {
	ctx      context.Context
	db       *store.DB
	surveyID int64
	cache    *css.Cache
	// known, during a crawl, says whether the crawler has a record of a
	// sheet. A sheet it has none of is missing for the page being judged
	// (a site's budget left it out) but may be fetched by another site
	// later: the cache must not be asked about it, since it would keep
	// the answer for the whole run. nil (a rescore) asks the store alone.
	known func(url string) bool

	mu      sync.Mutex
	pending map[string]held // saved this run, perhaps not committed
	seq     uint64
}

// held is a stylesheet saved in this run, with the order of its saving.
type held struct {
	st  *councilbench.Stylesheet
	seq uint64
}

func newSheets(ctx context.Context, db *store.DB, surveyID int64) *sheets {
	s := &sheets{ctx: ctx, db: db, surveyID: surveyID, pending: map[string]held{}}
	s.cache = css.NewCache(s.load)
	return s
}

// stored reads a stylesheet from the store, by the URL the crawler
// records (normalised: what a page's <link> or an @import says may be
// spelt otherwise).
func (s *sheets) stored(u string) (*councilbench.Stylesheet, error) {
	if n, ok := crawler.NormalizeURL(u); ok {
		u = n
	}
	return s.db.Stylesheet(s.ctx, s.surveyID, u)
}

// load is the cache's loader. A sheet the survey recorded without asking
// its server (robots.txt, the address guard) is missing, not dropped:
// what it sets is unknown. So is a usable sheet whose body is not stored
// (a results-only file): never an empty sheet.
func (s *sheets) load(u string) (*councilbench.Stylesheet, error) {
	key := u
	if n, ok := crawler.NormalizeURL(u); ok {
		key = n
	}
	s.mu.Lock()
	h, ok := s.pending[key]
	s.mu.Unlock()
	st := h.st
	if !ok {
		var err error
		if st, err = s.db.Stylesheet(s.ctx, s.surveyID, key); err != nil {
			return nil, err
		}
	}
	switch {
	case st == nil, st.Unfetched(), st.Usable() && st.Body == nil:
		return nil, nil
	}
	return st, nil
}

// hold keeps a stylesheet the crawl has just queued for the store, until
// a flush of the writer has committed it (see release).
func (s *sheets) hold(st *councilbench.Stylesheet) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	s.pending[st.URL] = held{st: st, seq: s.seq}
}

// mark returns how many sheets have been held so far: each was queued
// before it was held, so a flush begun after mark commits them all.
func (s *sheets) mark() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seq
}

// release drops the sheets held up to mark, which the store now has: the
// run's memory holds only the sheets of the sites being crawled.
func (s *sheets) release(mark uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for u, h := range s.pending {
		if h.seq <= mark {
			delete(s.pending, u)
		}
	}
}

// Sheet is the css.Source the page step reads.
func (s *sheets) Sheet(u string) (*css.Sheet, css.State) {
	if s.known != nil && !s.known(u) {
		return nil, css.Missing
	}
	return s.cache.Sheet(u)
}

// err returns the first error of the loader, wrapped: a page judged while
// the store could not be read must not be stored as if its sheets were
// missing.
func (s *sheets) err() error {
	if err := s.cache.Err(); err != nil {
		return fmt.Errorf("survey %d: stylesheets: %w", s.surveyID, err)
	}
	return nil
}

// source returns the stylesheets the page step judges a page with: nil
// for a survey made before stylesheets were stored, whose rules that need
// the cascade are then not assessed (never failed, never passed).
func (p *pipeline) source() css.Source {
	if p.sheets == nil {
		return nil
	}
	return p.sheets
}

// sheetsErr returns the first error reading the survey's stylesheets.
func (p *pipeline) sheetsErr() error {
	if p.sheets == nil {
		return nil
	}
	return p.sheets.err()
}

// flush waits until everything queued is committed, and then lets go of
// the stylesheets held until their rows were.
func (p *pipeline) flush() error {
	var mark uint64
	if p.sheets != nil {
		mark = p.sheets.mark()
	}
	if err := p.w.Flush(); err != nil {
		return err
	}
	if p.sheets != nil {
		p.sheets.release(mark)
	}
	return nil
}
