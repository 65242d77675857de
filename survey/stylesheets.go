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

// cacheGeneration is how many bytes of CSS one css.Cache compiles before
// the run starts another. A compiled sheet takes ten times its source or
// more (a 2 MiB sheet keeps some 20 MiB of rules and selectors), and a
// cache keeps every sheet it compiled: without a bound, a survey of 400
// sites would keep all their sheets compiled until it ends. A CDN's sheet
// is compiled again in the next generation, which costs milliseconds.
const cacheGeneration = 8 << 20

// sheets is a survey's stylesheets as the page step reads them: a
// css.Cache for the run (each sheet compiled once, however many pages and
// sites use it, renewed every cacheGeneration bytes), over a loader that
// reads the store, or, for a sheet the crawl fetched whose write the
// store's one writer may not have committed yet, the copy held since it
// was saved.
type sheets struct {
	ctx      context.Context
	db       *store.DB
	surveyID int64
	// known, during a crawl, says whether the crawler has a record of a
	// sheet. A sheet it has none of is missing for the page being judged
	// (a site's budget left it out) but may be fetched by another site
	// later: the cache must not be asked about it, since it would keep
	// the answer for the whole run. nil (a rescore) asks the store alone.
	known func(url string) bool

	mu      sync.Mutex
	pending map[string]held // saved this run, perhaps not committed
	seq     uint64

	cmu        sync.Mutex
	cache      *css.Cache
	loaded     int64 // bytes of CSS the cache has been given to compile
	generation int64 // see cacheGeneration
	loadErr    error // the first error of the loader, whichever cache it served
}

// held is a stylesheet saved in this run, with the order of its saving.
type held struct {
	st  *councilbench.Stylesheet
	seq uint64
}

func newSheets(ctx context.Context, db *store.DB, surveyID int64) *sheets {
	s := &sheets{ctx: ctx, db: db, surveyID: surveyID, pending: map[string]held{}, generation: cacheGeneration}
	s.cache = css.NewCache(s.load)
	return s
}

// current returns the cache the page step asks, starting a new one when
// the current one has compiled its share; pages being judged with the old
// one finish with it.
func (s *sheets) current() *css.Cache {
	s.cmu.Lock()
	defer s.cmu.Unlock()
	if s.loaded >= s.generation {
		s.cache, s.loaded = css.NewCache(s.load), 0
	}
	return s.cache
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
			s.cmu.Lock()
			if s.loadErr == nil {
				s.loadErr = fmt.Errorf("stylesheet %s: %w", u, err)
			}
			s.cmu.Unlock()
			return nil, err
		}
	}
	switch {
	case st == nil, st.Unfetched(), st.Usable() && st.Body == nil:
		return nil, nil
	}
	s.cmu.Lock()
	s.loaded += int64(len(st.Body))
	s.cmu.Unlock()
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
	return s.current().Sheet(u)
}

// err returns the first error of the loader, wrapped: a page judged while
// the store could not be read must not be stored as if its sheets were
// missing.
func (s *sheets) err() error {
	s.cmu.Lock()
	err, cache := s.loadErr, s.cache
	s.cmu.Unlock()
	if err == nil {
		err = cache.Err() // the loader's errors are recorded above: this is the cache's word for the same
	}
	if err != nil {
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
