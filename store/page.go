package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/councilbench/councilbench"
)

// PageOptions says what SitePages reads beside each page's row and links.
type PageOptions struct {
	// Bodies lists the kinds whose bodies are decompressed (the crawler's
	// resume needs robots and sitemap bodies, a rescore HTML and probe
	// ones); the others are left nil, and their column is not even read.
	Bodies []councilbench.PageKind
	// Judgements reads each page's Score (its rule results) and Facts, as
	// the page step stored them: what the site assessment reads.
	Judgements bool
	// Evidence adds the evidence of each failure to the rule results.
	Evidence bool
}

// SitePages returns a site's stored pages, ordered by id, with their Links
// and what opts asks for.
func (db *DB) SitePages(ctx context.Context, siteID int64, opts PageOptions) ([]*councilbench.Page, error) {
	// Only read the body column for the kinds asked for: reading the others
	// would fetch their overflow pages for nothing.
	bodyExpr := "NULL"
	args := []any{}
	if len(opts.Bodies) > 0 {
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(opts.Bodies)), ", ")
		bodyExpr = "CASE WHEN kind IN (" + marks + ") THEN body END"
		for _, k := range opts.Bodies {
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
		p, err := db.scanPage(rows)
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
	err = db.each(ctx, `SELECT l.page_id, l.target_url, l.text, l.external
		FROM pages AS p JOIN links AS l ON l.page_id = p.id
		WHERE p.site_id = ? ORDER BY l.page_id, l.rowid`, []any{siteID}, func(r scanner) error {
		var (
			pageID int64
			l      councilbench.Link
		)
		if err := r.Scan(&pageID, &l.URL, &l.Text, &l.External); err != nil {
			return err
		}
		if p := byID[pageID]; p != nil {
			p.Links = append(p.Links, l)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("links of site %d: %w", siteID, err)
	}
	if opts.Judgements {
		if err := db.readJudgements(ctx, siteID, byID, opts.Evidence); err != nil {
			return nil, err
		}
	}
	return pages, nil
}

// readJudgements sets the Score and Facts of a site's pages.
func (db *DB) readJudgements(ctx context.Context, siteID int64, byID map[int64]*councilbench.Page, evidence bool) error {
	err := db.each(ctx, `SELECT s.page_id, COALESCE(p.final_url, p.url), COALESCE(s.charset, ''), s.elements, s.limited, COALESCE(s.error, '')
		FROM page_scores AS s JOIN pages AS p ON p.id = s.page_id WHERE p.site_id = ?`, []any{siteID}, func(r scanner) error {
		var id int64
		s := &councilbench.PageScore{}
		if err := r.Scan(&id, &s.URL, &s.Charset, &s.Elements, &s.Limited, &s.Error); err != nil {
			return err
		}
		if p := byID[id]; p != nil {
			p.Score = s
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("page scores of site %d: %w", siteID, err)
	}
	err = db.each(ctx, `SELECT r.page_id, r.rule_id, r.rule_version, r.outcome, r.applicable, r.failure_count, r.cant_tell, r.reasons
		FROM rule_results AS r JOIN pages AS p ON p.id = r.page_id WHERE p.site_id = ? ORDER BY r.page_id, r.rowid`, []any{siteID}, func(sc scanner) error {
		var id int64
		var r councilbench.RuleResult
		var reasons sql.NullString
		if err := sc.Scan(&id, &r.Rule, &r.Version, &r.Outcome, &r.Applicable, &r.FailureCount, &r.CantTellCount, &reasons); err != nil {
			return err
		}
		var err error
		if r.Reasons, err = readCounts(reasons); err != nil {
			return err
		}
		if p := byID[id]; p != nil && p.Score != nil {
			p.Score.Results = append(p.Score.Results, r)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("rule results of site %d: %w", siteID, err)
	}
	if evidence {
		err = db.each(ctx, `SELECT e.page_id, e.rule_id, e.selector, e.snippet, e.foreground, e.background, e.ratio, e.required, e.font_px, e.bold
			FROM rule_evidence AS e JOIN pages AS p ON p.id = e.page_id WHERE p.site_id = ? ORDER BY e.page_id, e.rule_id, e.seq`, []any{siteID}, func(sc scanner) error {
			var id int64
			var rule string
			var e councilbench.Evidence
			var c contrastCols
			if err := sc.Scan(&id, &rule, &e.Selector, &e.Snippet, &c.fg, &c.bg, &c.ratio, &c.required, &c.px, &c.bold); err != nil {
				return err
			}
			e.Contrast = c.evidence()
			if p := byID[id]; p != nil && p.Score != nil {
				if r := p.Score.Result(rule); r != nil {
					r.Failures = append(r.Failures, e)
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("rule evidence of site %d: %w", siteID, err)
		}
	}
	err = db.each(ctx, `SELECT f.page_id, f.version, f.title, f.h1, f.lang, f.viewport, f.main, f.article
		FROM page_facts AS f JOIN pages AS p ON p.id = f.page_id WHERE p.site_id = ?`, []any{siteID}, func(sc scanner) error {
		var id int64
		var viewport sql.NullString
		f := &councilbench.PageFacts{}
		if err := sc.Scan(&id, &f.Version, &f.Title, &f.H1, &f.Lang, &viewport, &f.Main, &f.Article); err != nil {
			return err
		}
		f.Viewport, f.HasViewport = viewport.String, viewport.Valid
		if p := byID[id]; p != nil {
			p.Facts = f
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("page facts of site %d: %w", siteID, err)
	}
	err = db.each(ctx, `SELECT m.page_id, m.action, m.method, m.search, m.fields, m.names, m.emails, COALESCE(m.query, ''),
		COALESCE(m.hidden, '[]'), m.captcha, m.password
		FROM page_forms AS m JOIN pages AS p ON p.id = m.page_id WHERE p.site_id = ? ORDER BY m.page_id, m.seq`, []any{siteID}, func(sc scanner) error {
		var id int64
		var names, hidden string
		var fm councilbench.Form
		if err := sc.Scan(&id, &fm.Action, &fm.Method, &fm.Search, &fm.Fields, &names, &fm.Emails, &fm.Query, &hidden,
			&fm.Captcha, &fm.Password); err != nil {
			return err
		}
		var err error
		if fm.Names, err = unmarshalStrings(names); err != nil {
			return err
		}
		if fm.Hidden, err = unmarshalStrings(hidden); err != nil {
			return err
		}
		if len(fm.Hidden) == 0 {
			fm.Hidden = nil
		}
		if p := byID[id]; p != nil && p.Facts != nil {
			p.Facts.Forms = append(p.Facts.Forms, fm)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("page forms of site %d: %w", siteID, err)
	}
	return nil
}

// each runs a query and calls f for each row.
func (db *DB) each(ctx context.Context, query string, args []any, f func(scanner) error) error {
	rows, err := db.db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := f(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// scanPage reads one row of the SitePages query.
func (db *DB) scanPage(row scanner) (*councilbench.Page, error) {
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
	if p.Body, err = db.decompress(body); err != nil {
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
	b, err := db.decompress(z)
	if err != nil {
		return nil, fmt.Errorf("body of %s: %w", url, err)
	}
	return b, nil
}

// PageBodies returns the decompressed bodies of the pages with the ids, by
// id; a page stored without a body is absent.
func (db *DB) PageBodies(ctx context.Context, ids []int64) (map[int64][]byte, error) {
	out := make(map[int64][]byte, len(ids))
	for _, id := range ids {
		var z []byte
		if err := db.db.QueryRowContext(ctx, "SELECT body FROM pages WHERE id = ?", id).Scan(&z); err != nil {
			return nil, fmt.Errorf("body of page %d: %w", id, err)
		}
		b, err := db.decompress(z)
		if err != nil {
			return nil, fmt.Errorf("body of page %d: %w", id, err)
		}
		if b != nil {
			out[id] = b
		}
	}
	return out, nil
}

// PagesWithoutBody returns the ids of a site's pages stored without a body:
// responses whose body is never kept (documents, redirects...), and every
// page of a results-only file.
func (db *DB) PagesWithoutBody(ctx context.Context, siteID int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	err := db.each(ctx, "SELECT id FROM pages WHERE site_id = ? AND body IS NULL", []any{siteID}, func(r scanner) error {
		var id int64
		if err := r.Scan(&id); err != nil {
			return err
		}
		out[id] = true
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pages without a body of site %d: %w", siteID, err)
	}
	return out, nil
}

// contrastCols are rule_evidence's contrast columns, NULL for other rules.
type contrastCols struct {
	fg, bg              sql.NullString
	ratio, required, px sql.NullFloat64
	bold                sql.NullBool
}

func (c contrastCols) evidence() *councilbench.ContrastEvidence {
	if !c.fg.Valid {
		return nil
	}
	return &councilbench.ContrastEvidence{Foreground: c.fg.String, Background: c.bg.String, Ratio: c.ratio.Float64,
		Required: c.required.Float64, FontPx: c.px.Float64, Bold: c.bold.Bool}
}
