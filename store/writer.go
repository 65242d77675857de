package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/councilbench/councilbench"
)

// Batching of the Writer: a transaction is committed after batchRows calls
// or batchDelay after its first call, whichever comes first.
const (
	batchRows  = 256
	batchDelay = 250 * time.Millisecond
	queueDepth = 512 // calls waiting for the writer goroutine before callers block
)

// ErrWriterClosed is returned by the write methods of a closed Writer.
var ErrWriterClosed = errors.New("store: writer closed")

// Writer is the survey's one writer: it batches writes in transactions
// (commit every 256 rows or every 250 ms, whichever first, from one
// goroutine), preserving the order of calls. Calls return as soon as the
// write is queued (blocking only while the queue is full); the first write
// error is returned by later calls and by Close.
//
// A call counts as one row whatever it writes (a page with its links, a
// site's outcome with its depths), so a transaction never splits a call.
// After an error the transaction in progress is rolled back and later
// writes are dropped: the file keeps only what was committed before.
//
// Its methods are safe for concurrent use. Close it before closing the DB.
type Writer struct {
	db       *DB
	surveyID int64
	ops      chan op
	stopped  chan struct{}

	mu     sync.RWMutex // held for reading while queuing, for writing by Close
	closed bool

	errMu sync.Mutex
	err   error // the first write error
}

// op is one queued call; exactly one of its fields is set.
type op struct {
	start  *siteStart
	page   *pageRow
	sheet  *sheetRow
	judge  *judgement
	assess *assessment
	finish *siteFinish
	flush  chan error
}

// siteStart is a queued StartSite.
type siteStart struct {
	id        int64
	startedAt any
}

// siteFinish is a queued FinishSite, with the site's fields copied.
type siteFinish struct {
	id                      int64
	key                     string
	finalURL, redirects     any
	status, reason, errText any
	robots                  any
	crawlDelayMS            int64
	finishedAt              any
	depths                  []councilbench.Depth
	searches                []councilbench.SiteSearch
}

// pageRow is a queued SavePage: the page's columns, encoded on the caller's
// goroutine so that the writer goroutine only talks to SQLite.
type pageRow struct {
	siteID                     int64
	url, finalURL              any
	redirects, kind            any
	status                     int
	contentType, headers       any
	bytes, size                int64
	truncated                  int
	fetchMS, ttfbMS            int64
	depth                      any
	sitemapOnly                int
	fetchedAt, reason, errText any
	bot                        int
	body                       []byte // zstd frame, or nil
	links                      []councilbench.Link
	score                      *councilbench.PageScore // stored with the page when not nil
	facts                      *councilbench.PageFacts // likewise
}

// NewWriter starts the writer of the survey's pages and sites.
func (db *DB) NewWriter(surveyID int64) *Writer {
	w := &Writer{
		db:       db,
		surveyID: surveyID,
		ops:      make(chan op, queueDepth),
		stopped:  make(chan struct{}),
	}
	go w.run()
	return w
}

// StartSite marks the site crawling, with started_at = site.StartedAt. It
// sets site.Status to crawling and a zero site.StartedAt to now.
func (w *Writer) StartSite(site *councilbench.Site) error {
	if site.StartedAt.IsZero() {
		site.StartedAt = time.Now()
	}
	site.Status = councilbench.SiteCrawling
	return w.queue(op{start: &siteStart{id: site.ID, startedAt: formatTime(site.StartedAt)}})
}

// SavePage stores a page (in the site p.SiteID) with its links, its Score
// and its Facts (when not nil) in one transaction: a page is never stored
// without its links or scored by half. A URL already stored for the survey
// is ignored (ON CONFLICT DO NOTHING, and then nothing of it is inserted).
// Sets nothing on p (it may be called from any goroutine); p may be reused
// once SavePage returns. The body is compressed on the caller's goroutine.
func (w *Writer) SavePage(p *councilbench.Page) error {
	if err := w.Err(); err != nil {
		return err
	}
	if p.URL == "" {
		return errors.New("save page: empty URL")
	}
	redirects, err := marshalStrings(p.Redirects)
	if err != nil {
		return fmt.Errorf("save page %s: %w", p.URL, err)
	}
	headers, err := marshalHeader(p.Header)
	if err != nil {
		return fmt.Errorf("save page %s: %w", p.URL, err)
	}
	var depth any
	if p.Depth >= 0 {
		depth = p.Depth
	}
	row := &pageRow{
		siteID:      p.SiteID,
		url:         p.URL,
		finalURL:    nullString(p.FinalURL),
		redirects:   redirects,
		kind:        nullString(string(p.Kind)),
		status:      p.Status,
		contentType: nullString(p.ContentType),
		headers:     headers,
		bytes:       p.Bytes,
		size:        p.Size,
		truncated:   boolInt(p.Truncated),
		fetchMS:     p.FetchMS,
		ttfbMS:      p.TTFBMS,
		depth:       depth,
		sitemapOnly: boolInt(p.SitemapOnly),
		fetchedAt:   formatTime(p.FetchedAt),
		reason:      nullString(string(p.Reason)),
		errText:     nullString(p.Error),
		bot:         boolInt(p.Bot),
		body:        compress(p.Body),
		links:       append([]councilbench.Link(nil), p.Links...),
		score:       p.Score,
		facts:       p.Facts,
	}
	return w.queue(op{page: row})
}

// FinishSite records the site's outcome (final_url, redirects, status,
// reason, error, robots, crawl_delay_ms, finished_at, pages = count of its
// stored pages) and updates the depth/sitemap_only of its pages, in the same
// transaction as any pages queued before it. A zero site.FinishedAt is set
// to now.
func (w *Writer) FinishSite(site *councilbench.Site, depths []councilbench.Depth) error {
	if site.FinishedAt.IsZero() {
		site.FinishedAt = time.Now()
	}
	redirects, err := marshalStrings(site.Redirects)
	if err != nil {
		return fmt.Errorf("finish site %s: %w", site.Key, err)
	}
	f := &siteFinish{
		id:           site.ID,
		key:          site.Key,
		finalURL:     nullString(site.FinalURL),
		redirects:    redirects,
		status:       string(site.Status),
		reason:       nullString(string(site.Reason)),
		errText:      nullString(site.Error),
		robots:       nullString(site.Robots),
		crawlDelayMS: site.CrawlDelay.Milliseconds(),
		finishedAt:   formatTime(site.FinishedAt),
		depths:       append([]councilbench.Depth(nil), depths...),
		searches:     append([]councilbench.SiteSearch(nil), site.Searches...),
	}
	return w.queue(op{finish: f})
}

// Flush waits until everything queued so far is committed, and returns the
// first write error.
func (w *Writer) Flush() error {
	done := make(chan error, 1)
	w.mu.RLock()
	if w.closed {
		w.mu.RUnlock()
		return w.Err() // Close flushed everything
	}
	w.ops <- op{flush: done}
	w.mu.RUnlock()
	return <-done
}

// Close commits everything queued, stops the writer and returns the first
// write error. Later calls of the write methods return ErrWriterClosed.
func (w *Writer) Close() error {
	w.mu.Lock()
	if !w.closed {
		w.closed = true
		close(w.ops)
	}
	w.mu.Unlock()
	<-w.stopped
	return w.Err()
}

// Err returns the first write error, or nil.
func (w *Writer) Err() error {
	w.errMu.Lock()
	defer w.errMu.Unlock()
	return w.err
}

// setErr records err if it is the first write error.
func (w *Writer) setErr(err error) {
	w.errMu.Lock()
	defer w.errMu.Unlock()
	if w.err == nil {
		w.err = err
	}
}

// queue hands o to the writer goroutine.
func (w *Writer) queue(o op) error {
	if err := w.Err(); err != nil {
		return err
	}
	w.mu.RLock()
	defer w.mu.RUnlock()
	if w.closed {
		return ErrWriterClosed
	}
	w.ops <- o
	return nil
}

// run is the writer goroutine.
func (w *Writer) run() {
	defer close(w.stopped)
	var (
		b     *batch
		timer = time.NewTimer(time.Hour)
	)
	timer.Stop()
	commit := func() {
		if b == nil {
			return
		}
		timer.Stop()
		if err := b.commit(); err != nil {
			w.setErr(fmt.Errorf("store: commit: %w", err))
		}
		b = nil
	}
	for {
		select {
		case o, ok := <-w.ops:
			if !ok {
				commit()
				return
			}
			if o.flush != nil {
				commit()
				o.flush <- w.Err()
				continue
			}
			if w.Err() != nil {
				continue // drop writes after the first error
			}
			if b == nil {
				var err error
				if b, err = w.begin(); err != nil {
					w.setErr(fmt.Errorf("store: begin: %w", err))
					continue
				}
				timer.Reset(batchDelay)
			}
			if err := b.apply(o); err != nil {
				timer.Stop()
				b.rollback()
				b = nil
				w.setErr(err)
				continue
			}
			if b.n >= batchRows {
				commit()
			}
		case <-timer.C:
			commit()
		}
	}
}

// batch is one open transaction of the writer, with its statements.
type batch struct {
	w                                                     *Writer
	tx                                                    *sql.Tx
	n                                                     int // calls applied
	insertPage, insertLink, startSite, setDepth, endSite  *sql.Stmt
	insertResult, insertEvidence, insertFacts, insertForm *sql.Stmt
}

// begin opens a transaction and prepares the writer's statements in it.
func (w *Writer) begin() (*batch, error) {
	// No context: a context with a Done channel costs the driver a goroutine
	// per statement, and the writer must finish what it was given anyway.
	ctx := context.Background()
	tx, err := w.db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	b := &batch{w: w, tx: tx}
	stmts := []struct {
		dst **sql.Stmt
		sql string
	}{
		{&b.insertPage, `INSERT INTO pages (survey_id, site_id, url, final_url, redirects, kind, status,
			content_type, headers, bytes, size, truncated, fetch_ms, ttfb_ms, depth, sitemap_only, fetched_at,
			reason, error, bot, body)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (survey_id, url) DO NOTHING`},
		{&b.insertLink, "INSERT INTO links (survey_id, page_id, target_url, text, external) VALUES (?, ?, ?, ?, ?)"},
		{&b.insertResult, `INSERT INTO rule_results (survey_id, page_id, rule_id, rule_version, outcome, applicable, failure_count, cant_tell, reasons)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&b.insertEvidence, `INSERT INTO rule_evidence (survey_id, page_id, rule_id, seq, selector, snippet, foreground, background, ratio, required, font_px, bold)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&b.insertFacts, `INSERT INTO page_facts (page_id, survey_id, version, title, h1, lang, viewport, main, article)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&b.insertForm, `INSERT INTO page_forms (survey_id, page_id, seq, action, method, search, fields, names, emails,
			query, hidden, captcha, password) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&b.startSite, "UPDATE sites SET status = 'crawling', started_at = ? WHERE id = ? AND survey_id = ?"},
		{&b.setDepth, "UPDATE pages SET depth = ?, sitemap_only = ? WHERE survey_id = ? AND url = ? AND site_id = ?"},
		{&b.endSite, `UPDATE sites SET final_url = ?1, redirects = ?2, status = ?3, reason = ?4, error = ?5,
			robots = ?6, crawl_delay_ms = ?7, finished_at = ?8,
			pages = (SELECT count(*) FROM pages WHERE site_id = ?9)
			WHERE id = ?9 AND survey_id = ?10`},
	}
	for _, s := range stmts {
		if *s.dst, err = tx.PrepareContext(ctx, s.sql); err != nil {
			tx.Rollback()
			return nil, fmt.Errorf("prepare: %w", err)
		}
	}
	return b, nil
}

// apply executes one queued call in the transaction.
func (b *batch) apply(o op) error {
	sid := b.w.surveyID
	switch {
	case o.start != nil:
		res, err := b.startSite.Exec(o.start.startedAt, o.start.id, sid)
		if err != nil {
			return fmt.Errorf("store: start site %d: %w", o.start.id, err)
		}
		if err := oneRow(res); err != nil {
			return fmt.Errorf("store: start site %d: %w", o.start.id, err)
		}
	case o.page != nil:
		p := o.page
		res, err := b.insertPage.Exec(sid, p.siteID, p.url, p.finalURL, p.redirects, p.kind, p.status,
			p.contentType, p.headers, p.bytes, p.size, p.truncated, p.fetchMS, p.ttfbMS, p.depth, p.sitemapOnly,
			p.fetchedAt, p.reason, p.errText, p.bot, p.body)
		if err != nil {
			return fmt.Errorf("store: save page %s: %w", p.url, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("store: save page %s: %w", p.url, err)
		}
		if n == 0 {
			break // already stored: keep the first copy and its links
		}
		id, err := res.LastInsertId()
		if err != nil {
			return fmt.Errorf("store: save page %s: %w", p.url, err)
		}
		for _, l := range p.links {
			if _, err := b.insertLink.Exec(sid, id, l.URL, l.Text, boolInt(l.External)); err != nil {
				return fmt.Errorf("store: save page %s: link %s: %w", p.url, l.URL, err)
			}
		}
		if err := b.saveJudgement(id, p.score, p.facts); err != nil {
			return fmt.Errorf("store: save page %s: %w", p.url, err)
		}
	case o.sheet != nil:
		if err := b.saveSheet(o.sheet); err != nil {
			return fmt.Errorf("store: save stylesheet %s: %w", o.sheet.url, err)
		}
	case o.assess != nil:
		if err := b.saveAssessment(o.assess); err != nil {
			return fmt.Errorf("store: assessment of site %d: %w", o.assess.siteID, err)
		}
	case o.judge != nil:
		if err := b.saveJudgement(o.judge.pageID, o.judge.score, o.judge.facts); err != nil {
			return fmt.Errorf("store: score page %d: %w", o.judge.pageID, err)
		}
	case o.finish != nil:
		f := o.finish
		for _, d := range f.depths {
			var depth any
			if d.Depth >= 0 {
				depth = d.Depth
			}
			if _, err := b.setDepth.Exec(depth, boolInt(d.SitemapOnly), sid, d.URL, f.id); err != nil {
				return fmt.Errorf("store: finish site %s: depth of %s: %w", f.key, d.URL, err)
			}
		}
		if err := b.saveSearches(f); err != nil {
			return fmt.Errorf("store: finish site %s: %w", f.key, err)
		}
		res, err := b.endSite.Exec(f.finalURL, f.redirects, f.status, f.reason, f.errText, f.robots,
			f.crawlDelayMS, f.finishedAt, f.id, sid)
		if err != nil {
			return fmt.Errorf("store: finish site %s: %w", f.key, err)
		}
		if err := oneRow(res); err != nil {
			return fmt.Errorf("store: finish site %s: %w", f.key, err)
		}
	}
	b.n++
	return nil
}

// oneRow checks that an UPDATE changed a row, or returns ErrNotFound.
func oneRow(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// commit commits the transaction.
func (b *batch) commit() error {
	return b.tx.Commit() // also closes the statements
}

// rollback abandons the transaction.
func (b *batch) rollback() {
	_ = b.tx.Rollback()
}

// saveSearches replaces a site's searches with those its crawl made.
func (b *batch) saveSearches(f *siteFinish) error {
	if _, err := b.tx.Exec("DELETE FROM site_searches WHERE site_id = ?", f.id); err != nil {
		return err
	}
	for _, ss := range f.searches {
		results, err := json.Marshal(append([]councilbench.SearchResult{}, ss.Results...)) // [] for none, never null
		if err != nil {
			return err
		}
		if _, err := b.tx.Exec(`INSERT INTO site_searches (survey_id, site_id, task_id, query, form, url, results, reason, detail)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, b.w.surveyID, f.id, ss.Task, ss.Query, nullString(ss.Form), nullString(ss.URL),
			string(results), nullString(string(ss.Reason)), nullString(ss.Detail)); err != nil {
			return fmt.Errorf("search for %s: %w", ss.Task, err)
		}
	}
	return nil
}
