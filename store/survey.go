package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/mattn/go-sqlite3"
)

// surveyColumns are the columns scanned by scanSurvey.
const surveyColumns = "id, name, started_at, finished_at, tool_version, settings, stylesheets, simulated"

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// scanSurvey reads the surveyColumns of one row.
func scanSurvey(row scanner, dest ...any) (*councilbench.Survey, error) {
	var (
		s                 councilbench.Survey
		started, finished sql.NullString
		settings          sql.NullString
	)
	cols := append([]any{&s.ID, &s.Name, &started, &finished, &s.ToolVersion, &settings, &s.Stylesheets, &s.Simulated}, dest...)
	if err := row.Scan(cols...); err != nil {
		return nil, err
	}
	var err error
	if s.StartedAt, err = parseTime(started); err != nil {
		return nil, err
	}
	if s.FinishedAt, err = parseTime(finished); err != nil {
		return nil, err
	}
	s.Settings = settings.String
	return &s, nil
}

// Survey returns the survey called name, or ErrNotFound (wrapped).
func (db *DB) Survey(ctx context.Context, name string) (*councilbench.Survey, error) {
	row := db.db.QueryRowContext(ctx, "SELECT "+surveyColumns+" FROM surveys WHERE name = ?", name)
	s, err := scanSurvey(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("survey %q: %w", name, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("survey %q: %w", name, err)
	}
	return s, nil
}

// CreateSurvey inserts s (setting s.ID), its sites (status pending; setting
// each site's ID, SurveyID and Status) and its councils (each council's
// site_id is the ID of the site whose Councils list contains its code; NULL
// when none does) in one transaction. A zero s.StartedAt is set to now and
// an empty s.ToolVersion to councilbench.Version; s.Stylesheets is stored
// as it is (a survey whose crawl fetches stylesheets), and so is
// s.Simulated (a survey of the simulated web). A code listed by two
// sites, or a name already used by another survey, is an error.
func (db *DB) CreateSurvey(ctx context.Context, s *councilbench.Survey, sites []*councilbench.Site, councils []councilbench.Council) error {
	if s.StartedAt.IsZero() {
		s.StartedAt = time.Now()
	}
	if s.ToolVersion == "" {
		s.ToolVersion = councilbench.Version
	}
	siteOf := make(map[string]*councilbench.Site) // council code → its site
	for _, site := range sites {
		for _, code := range site.Councils {
			if other, ok := siteOf[code]; ok && other != site {
				return fmt.Errorf("create survey %q: council %s is listed by sites %s and %s", s.Name, code, other.Key, site.Key)
			}
			siteOf[code] = site
		}
	}

	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("create survey %q: %w", s.Name, err)
	}
	defer tx.Rollback()

	res, err := tx.ExecContext(ctx,
		"INSERT INTO surveys (name, started_at, tool_version, settings, stylesheets, simulated) VALUES (?, ?, ?, ?, ?, ?)",
		s.Name, formatTime(s.StartedAt), s.ToolVersion, nullString(s.Settings), boolInt(s.Stylesheets), boolInt(s.Simulated))
	if err != nil {
		var serr sqlite3.Error
		if errors.As(err, &serr) && serr.ExtendedCode == sqlite3.ErrConstraintUnique {
			return fmt.Errorf("create survey %q: a survey of that name already exists: %w", s.Name, err)
		}
		return fmt.Errorf("create survey %q: %w", s.Name, err)
	}
	surveyID, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("create survey %q: %w", s.Name, err)
	}

	siteStmt, err := tx.PrepareContext(ctx,
		"INSERT INTO sites (survey_id, key, start_url, status) VALUES (?, ?, ?, 'pending')")
	if err != nil {
		return fmt.Errorf("create survey %q: %w", s.Name, err)
	}
	defer siteStmt.Close()
	siteIDs := make(map[*councilbench.Site]int64, len(sites))
	for _, site := range sites {
		res, err := siteStmt.ExecContext(ctx, surveyID, site.Key, site.StartURL)
		if err != nil {
			return fmt.Errorf("create survey %q: site %s: %w", s.Name, site.Key, err)
		}
		if siteIDs[site], err = res.LastInsertId(); err != nil {
			return fmt.Errorf("create survey %q: site %s: %w", s.Name, site.Key, err)
		}
	}

	councilStmt, err := tx.PrepareContext(ctx, `INSERT INTO councils
		(survey_id, code, gss, name, tier, nation, region, website, parent_county, site_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("create survey %q: %w", s.Name, err)
	}
	defer councilStmt.Close()
	for _, c := range councils {
		var siteID any
		if site, ok := siteOf[c.Code]; ok {
			siteID = siteIDs[site]
		}
		if _, err := councilStmt.ExecContext(ctx, surveyID, c.Code, nullString(c.GSS), c.Name, string(c.Tier),
			nullString(c.Nation), nullString(c.Region), nullString(c.Website), nullString(c.ParentCounty), siteID); err != nil {
			return fmt.Errorf("create survey %q: council %s: %w", s.Name, c.Code, err)
		}
	}

	if err := tx.Commit(); err != nil {
		return fmt.Errorf("create survey %q: commit: %w", s.Name, err)
	}
	s.ID = surveyID
	for _, site := range sites {
		site.ID = siteIDs[site]
		site.SurveyID = surveyID
		site.Status = councilbench.SitePending
	}
	return nil
}

// FinishSurvey records when the survey finished. It returns ErrNotFound
// (wrapped) for an unknown survey.
func (db *DB) FinishSurvey(ctx context.Context, surveyID int64, at time.Time) error {
	res, err := db.db.ExecContext(ctx, "UPDATE surveys SET finished_at = ? WHERE id = ?", formatTime(at), surveyID)
	if err != nil {
		return fmt.Errorf("finish survey %d: %w", surveyID, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("finish survey %d: %w", surveyID, err)
	} else if n == 0 {
		return fmt.Errorf("finish survey %d: %w", surveyID, ErrNotFound)
	}
	return nil
}

// SurveySummary is one row of `councilbench surveys`.
type SurveySummary struct {
	Survey       councilbench.Survey
	Councils     int   // councils in the survey
	Sites        int   // websites, all statuses
	SitesDone    int   // sites crawled
	SitesFailed  int   // sites that could not be assessed
	SitesPending int   // sites not finished yet: pending or crawling
	Pages        int64 // pages stored
}

// Surveys summarises every survey in the file, ordered by started_at.
func (db *DB) Surveys(ctx context.Context) ([]SurveySummary, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+surveyColumns+`,
		(SELECT count(*) FROM councils AS c WHERE c.survey_id = s.id),
		(SELECT count(*) FROM sites AS t WHERE t.survey_id = s.id),
		(SELECT count(*) FROM sites AS t WHERE t.survey_id = s.id AND t.status = 'done'),
		(SELECT count(*) FROM sites AS t WHERE t.survey_id = s.id AND t.status = 'failed'),
		(SELECT count(*) FROM sites AS t WHERE t.survey_id = s.id AND t.status IN ('pending', 'crawling')),
		(SELECT count(*) FROM pages AS p WHERE p.survey_id = s.id)
		FROM surveys AS s ORDER BY s.started_at, s.id`)
	if err != nil {
		return nil, fmt.Errorf("list surveys: %w", err)
	}
	defer rows.Close()
	var out []SurveySummary
	for rows.Next() {
		var sum SurveySummary
		s, err := scanSurvey(rows, &sum.Councils, &sum.Sites, &sum.SitesDone, &sum.SitesFailed, &sum.SitesPending, &sum.Pages)
		if err != nil {
			return nil, fmt.Errorf("list surveys: %w", err)
		}
		sum.Survey = *s
		out = append(out, sum)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list surveys: %w", err)
	}
	return out, nil
}

// Councils returns the survey's councils, ordered by code.
func (db *DB) Councils(ctx context.Context, surveyID int64) ([]councilbench.Council, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT code, gss, name, tier, nation, region, website, parent_county
		FROM councils WHERE survey_id = ? ORDER BY code`, surveyID)
	if err != nil {
		return nil, fmt.Errorf("councils of survey %d: %w", surveyID, err)
	}
	defer rows.Close()
	var out []councilbench.Council
	for rows.Next() {
		var (
			c                                          councilbench.Council
			tier                                       string
			gss, nation, region, website, parentCounty sql.NullString
		)
		if err := rows.Scan(&c.Code, &gss, &c.Name, &tier, &nation, &region, &website, &parentCounty); err != nil {
			return nil, fmt.Errorf("councils of survey %d: %w", surveyID, err)
		}
		c.GSS, c.Tier, c.Nation, c.Region = gss.String, councilbench.Tier(tier), nation.String, region.String
		c.Website, c.ParentCounty = website.String, parentCounty.String
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("councils of survey %d: %w", surveyID, err)
	}
	return out, nil
}

// Sites returns the survey's sites, ordered by id, each with the codes of
// the councils that use it (from the councils table, sorted).
func (db *DB) Sites(ctx context.Context, surveyID int64) ([]*councilbench.Site, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, survey_id, key, start_url, final_url, redirects, status,
		reason, error, robots, crawl_delay_ms, started_at, finished_at
		FROM sites WHERE survey_id = ? ORDER BY id`, surveyID)
	if err != nil {
		return nil, fmt.Errorf("sites of survey %d: %w", surveyID, err)
	}
	defer rows.Close()
	var out []*councilbench.Site
	byID := make(map[int64]*councilbench.Site)
	for rows.Next() {
		var (
			s                                 councilbench.Site
			redirects, status                 string
			finalURL, reason, errText, robots sql.NullString
			started, finished                 sql.NullString
			delay                             sql.NullInt64
		)
		if err := rows.Scan(&s.ID, &s.SurveyID, &s.Key, &s.StartURL, &finalURL, &redirects, &status,
			&reason, &errText, &robots, &delay, &started, &finished); err != nil {
			return nil, fmt.Errorf("sites of survey %d: %w", surveyID, err)
		}
		s.FinalURL, s.Status, s.Reason = finalURL.String, councilbench.SiteStatus(status), councilbench.Reason(reason.String)
		s.Error, s.Robots = errText.String, robots.String
		s.CrawlDelay = time.Duration(delay.Int64) * time.Millisecond
		if s.Redirects, err = unmarshalStrings(redirects); err != nil {
			return nil, fmt.Errorf("sites of survey %d: site %s: %w", surveyID, s.Key, err)
		}
		if s.StartedAt, err = parseTime(started); err != nil {
			return nil, fmt.Errorf("sites of survey %d: site %s: %w", surveyID, s.Key, err)
		}
		if s.FinishedAt, err = parseTime(finished); err != nil {
			return nil, fmt.Errorf("sites of survey %d: site %s: %w", surveyID, s.Key, err)
		}
		out = append(out, &s)
		byID[s.ID] = &s
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sites of survey %d: %w", surveyID, err)
	}
	rows.Close()

	crows, err := db.db.QueryContext(ctx, `SELECT site_id, code FROM councils
		WHERE survey_id = ? AND site_id IS NOT NULL ORDER BY code`, surveyID)
	if err != nil {
		return nil, fmt.Errorf("sites of survey %d: councils: %w", surveyID, err)
	}
	defer crows.Close()
	for crows.Next() {
		var (
			siteID int64
			code   string
		)
		if err := crows.Scan(&siteID, &code); err != nil {
			return nil, fmt.Errorf("sites of survey %d: councils: %w", surveyID, err)
		}
		if s := byID[siteID]; s != nil {
			s.Councils = append(s.Councils, code)
		}
	}
	if err := crows.Err(); err != nil {
		return nil, fmt.Errorf("sites of survey %d: councils: %w", surveyID, err)
	}
	err = db.each(ctx, `SELECT site_id, task_id, query, COALESCE(form, ''), COALESCE(url, ''), results, COALESCE(reason, ''),
		COALESCE(detail, '') FROM site_searches WHERE survey_id = ? ORDER BY site_id, rowid`, []any{surveyID}, func(r scanner) error {
		var siteID int64
		var results string
		var ss councilbench.SiteSearch
		if err := r.Scan(&siteID, &ss.Task, &ss.Query, &ss.Form, &ss.URL, &results, &ss.Reason, &ss.Detail); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(results), &ss.Results); err != nil {
			return fmt.Errorf("search for %s: results: %w", ss.Task, err)
		}
		if s := byID[siteID]; s != nil {
			s.Searches = append(s.Searches, ss)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sites of survey %d: searches: %w", surveyID, err)
	}
	return out, nil
}

// RetryFailed deletes the pages (and their links) of the survey's failed
// sites and sets those sites back to pending, clearing their outcome, in one
// transaction. It returns how many sites it reset.
func (db *DB) RetryFailed(ctx context.Context, surveyID int64) (int, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("retry failed sites of survey %d: %w", surveyID, err)
	}
	defer tx.Rollback()
	const failed = "SELECT id FROM sites WHERE survey_id = ?1 AND status = 'failed'"
	steps := []struct{ what, sql string }{
		{"delete links", "DELETE FROM links WHERE page_id IN (SELECT id FROM pages WHERE site_id IN (" + failed + "))"},
		{"delete pages", "DELETE FROM pages WHERE site_id IN (" + failed + ")"},
		{"reset sites", `UPDATE sites SET status = 'pending', final_url = NULL, redirects = '[]', reason = NULL,
			error = NULL, robots = NULL, crawl_delay_ms = NULL, pages = NULL, started_at = NULL, finished_at = NULL
			WHERE survey_id = ?1 AND status = 'failed'`},
	}
	var n int64
	for _, step := range steps {
		res, err := tx.ExecContext(ctx, step.sql, surveyID)
		if err != nil {
			return 0, fmt.Errorf("retry failed sites of survey %d: %s: %w", surveyID, step.what, err)
		}
		if n, err = res.RowsAffected(); err != nil {
			return 0, fmt.Errorf("retry failed sites of survey %d: %s: %w", surveyID, step.what, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("retry failed sites of survey %d: commit: %w", surveyID, err)
	}
	return int(n), nil
}
