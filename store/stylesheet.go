package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/councilbench/councilbench"
)

// sheetRow is a queued SaveStylesheet: the stylesheet's columns, encoded
// on the caller's goroutine.
type sheetRow struct {
	siteID               int64
	url, finalURL        any
	status               int
	contentType, headers any
	bytes                int64
	truncated            int
	fetchMS              int64
	fetchedAt            any
	depth                int
	reason, errText      any
	sha256               any
	body                 []byte // zstd frame, or nil
}

// SaveStylesheet stores a stylesheet the crawl fetched (or refused) for
// the site st.SiteID, in the order of the writer's calls: a page saved
// after the sheets it links to is never committed before them. Its body
// is stored once per SHA-256 whatever the URLs that serve it; a URL
// already stored for the survey is ignored, as SavePage does. The body is
// compressed on the caller's goroutine; st may be reused once
// SaveStylesheet returns.
func (w *Writer) SaveStylesheet(st *councilbench.Stylesheet) error {
	if err := w.Err(); err != nil {
		return err
	}
	if st.URL == "" {
		return errors.New("save stylesheet: empty URL")
	}
	headers, err := marshalHeader(st.Header)
	if err != nil {
		return fmt.Errorf("save stylesheet %s: %w", st.URL, err)
	}
	row := &sheetRow{
		siteID:      st.SiteID,
		url:         st.URL,
		finalURL:    nullString(st.FinalURL),
		status:      st.Status,
		contentType: nullString(st.ContentType),
		headers:     headers,
		bytes:       st.Bytes,
		truncated:   boolInt(st.Truncated),
		fetchMS:     st.FetchMS,
		fetchedAt:   formatTime(st.FetchedAt),
		depth:       st.Depth,
		reason:      nullString(string(st.Reason)),
		errText:     nullString(st.Error),
	}
	if st.Body != nil {
		if st.SHA256 == "" {
			return fmt.Errorf("save stylesheet %s: a body without its SHA-256", st.URL)
		}
		row.sha256, row.body = st.SHA256, compress(st.Body)
	}
	return w.queue(op{sheet: row})
}

// saveSheet writes a stylesheet in the writer's transaction: its row, and
// its body once per SHA-256 (only when the row is new, so a URL stored
// twice leaves no body behind that no row names).
func (b *batch) saveSheet(r *sheetRow) error {
	res, err := b.tx.Exec(`INSERT INTO stylesheets (survey_id, site_id, url, final_url, status, content_type, headers, bytes,
		truncated, fetch_ms, fetched_at, depth, reason, error, sha256)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (survey_id, url) DO NOTHING`,
		b.w.surveyID, r.siteID, r.url, r.finalURL, r.status, r.contentType, r.headers, r.bytes,
		r.truncated, r.fetchMS, r.fetchedAt, r.depth, r.reason, r.errText, r.sha256)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil || n == 0 || r.body == nil {
		return err
	}
	_, err = b.tx.Exec("INSERT OR IGNORE INTO css_bodies (sha256, body) VALUES (?, ?)", r.sha256, r.body)
	return err
}

// sheetColumns are the columns scanSheet reads, body last.
const sheetColumns = `s.id, s.site_id, s.url, s.final_url, s.status, s.content_type, s.headers, s.bytes, s.truncated,
	s.fetch_ms, s.fetched_at, s.depth, s.reason, s.error, s.sha256`

// scanSheet reads one row of sheetColumns, and the zstd frame of its body
// when withBody.
func scanSheet(row scanner, withBody bool) (*councilbench.Stylesheet, error) {
	var (
		st                               councilbench.Stylesheet
		finalURL, contentType, fetchedAt sql.NullString
		reason, errText, sum             sql.NullString
		headers                          string
		z                                []byte
	)
	dest := []any{&st.ID, &st.SiteID, &st.URL, &finalURL, &st.Status, &contentType, &headers, &st.Bytes, &st.Truncated,
		&st.FetchMS, &fetchedAt, &st.Depth, &reason, &errText, &sum}
	if withBody {
		dest = append(dest, &z)
	}
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	st.FinalURL, st.ContentType = finalURL.String, contentType.String
	st.Reason, st.Error, st.SHA256 = councilbench.Reason(reason.String), errText.String, sum.String
	var err error
	if st.Header, err = unmarshalHeader(headers); err != nil {
		return nil, fmt.Errorf("stylesheet %s: %w", st.URL, err)
	}
	if st.FetchedAt, err = parseTime(fetchedAt); err != nil {
		return nil, fmt.Errorf("stylesheet %s: %w", st.URL, err)
	}
	if z != nil {
		if st.Body, err = unzstd(z); err != nil {
			return nil, fmt.Errorf("stylesheet %s: %w", st.URL, err)
		}
	}
	return &st, nil
}

// Stylesheet returns the survey's stylesheet at url (as requested) with
// its body, or nil and no error when the survey stored none. Body is nil
// when none was kept: a sheet a browser would not apply, or a
// results-only file, which keeps the rows without the bodies.
func (db *DB) Stylesheet(ctx context.Context, surveyID int64, url string) (*councilbench.Stylesheet, error) {
	row := db.db.QueryRowContext(ctx, `SELECT `+sheetColumns+`, b.body
		FROM stylesheets AS s LEFT JOIN css_bodies AS b ON b.sha256 = s.sha256
		WHERE s.survey_id = ? AND s.url = ?`, surveyID, url)
	st, err := scanSheet(row, true)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("stylesheet %s: %w", url, err)
	}
	return st, nil
}

// Stylesheets returns the survey's stylesheets without their bodies,
// ordered by id: what a resumed crawl needs to fetch none of them again.
func (db *DB) Stylesheets(ctx context.Context, surveyID int64) ([]*councilbench.Stylesheet, error) {
	var out []*councilbench.Stylesheet
	err := db.each(ctx, `SELECT `+sheetColumns+` FROM stylesheets AS s WHERE s.survey_id = ? ORDER BY s.id`,
		[]any{surveyID}, func(r scanner) error {
			st, err := scanSheet(r, false)
			if err != nil {
				return err
			}
			out = append(out, st)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("stylesheets of survey %d: %w", surveyID, err)
	}
	return out, nil
}
