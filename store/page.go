package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/councilbench/councilbench"
)

// SitePages returns a site's stored pages with their Links, ordered by id;
// bodies are decompressed only for the kinds listed in bodies (the crawler's
// resume needs robots and sitemap bodies, not HTML ones), and left nil for
// the others.
func (db *DB) SitePages(ctx context.Context, siteID int64, bodies ...councilbench.PageKind) ([]*councilbench.Page, error) {
	// Only read the body column for the kinds asked for: reading the others
	// would fetch their overflow pages for nothing.
	bodyExpr := "NULL"
	args := []any{}
	if len(bodies) > 0 {
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(bodies)), ", ")
		bodyExpr = "CASE WHEN kind IN (" + marks + ") THEN body END"
		for _, k := range bodies {
			args = append(args, string(k))
		}
	}
	args = append(args, siteID)
	rows, err := db.db.QueryContext(ctx, `SELECT id, site_id, url, final_url, redirects, kind, status,
		content_type, headers, bytes, size, truncated, fetch_ms, ttfb_ms, depth, sitemap_only, fetched_at,
		reason, error, bot, `+bodyExpr+`
		FROM pages WHERE site_id = ? ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("pages of site %d: %w", siteID, err)
	}
	defer rows.Close()
	var pages []*councilbench.Page
	byID := make(map[int64]*councilbench.Page)
	for rows.Next() {
		p, err := scanPage(rows)
		if err != nil {
			return nil, fmt.Errorf("pages of site %d: %w", siteID, err)
		}
		pages = append(pages, p)
		byID[p.ID] = p
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pages of site %d: %w", siteID, err)
	}
	rows.Close()

	// A page and its links are committed together, so a page stored after
	// the query above simply has no entry in byID.
	lrows, err := db.db.QueryContext(ctx, `SELECT l.page_id, l.target_url, l.text, l.external
		FROM pages AS p JOIN links AS l ON l.page_id = p.id
		WHERE p.site_id = ? ORDER BY l.page_id, l.rowid`, siteID)
	if err != nil {
		return nil, fmt.Errorf("links of site %d: %w", siteID, err)
	}
	defer lrows.Close()
	for lrows.Next() {
		var (
			pageID int64
			l      councilbench.Link
		)
		if err := lrows.Scan(&pageID, &l.URL, &l.Text, &l.External); err != nil {
			return nil, fmt.Errorf("links of site %d: %w", siteID, err)
		}
		if p := byID[pageID]; p != nil {
			p.Links = append(p.Links, l)
		}
	}
	if err := lrows.Err(); err != nil {
		return nil, fmt.Errorf("links of site %d: %w", siteID, err)
	}
	return pages, nil
}

// scanPage reads one row of the SitePages query.
func scanPage(row scanner) (*councilbench.Page, error) {
	var (
		p                                      councilbench.Page
		finalURL, kind, contentType, fetchedAt sql.NullString
		reason, errText                        sql.NullString
		redirects, headers                     string
		depth                                  sql.NullInt64
		body                                   []byte
	)
	if err := row.Scan(&p.ID, &p.SiteID, &p.URL, &finalURL, &redirects, &kind, &p.Status,
		&contentType, &headers, &p.Bytes, &p.Size, &p.Truncated, &p.FetchMS, &p.TTFBMS, &depth, &p.SitemapOnly, &fetchedAt,
		&reason, &errText, &p.Bot, &body); err != nil {
		return nil, err
	}
	p.FinalURL, p.Kind, p.ContentType = finalURL.String, councilbench.PageKind(kind.String), contentType.String
	p.Reason, p.Error = councilbench.Reason(reason.String), errText.String
	p.Depth = -1
	if depth.Valid {
		p.Depth = int(depth.Int64)
	}
	var err error
	if p.Redirects, err = unmarshalStrings(redirects); err != nil {
		return nil, fmt.Errorf("page %s: %w", p.URL, err)
	}
	if p.Header, err = unmarshalHeader(headers); err != nil {
		return nil, fmt.Errorf("page %s: %w", p.URL, err)
	}
	if p.FetchedAt, err = parseTime(fetchedAt); err != nil {
		return nil, fmt.Errorf("page %s: %w", p.URL, err)
	}
	if p.Body, err = decompress(body); err != nil {
		return nil, fmt.Errorf("page %s: %w", p.URL, err)
	}
	return &p, nil
}

// PageBody returns the decompressed body of the survey's page at url (the
// URL as requested), nil when no body was stored, or ErrNotFound (wrapped)
// when the survey has no such page.
func (db *DB) PageBody(ctx context.Context, surveyID int64, url string) ([]byte, error) {
	var z []byte
	err := db.db.QueryRowContext(ctx, "SELECT body FROM pages WHERE survey_id = ? AND url = ?", surveyID, url).Scan(&z)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("body of %s: %w", url, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("body of %s: %w", url, err)
	}
	b, err := decompress(z)
	if err != nil {
		return nil, fmt.Errorf("body of %s: %w", url, err)
	}
	return b, nil
}
