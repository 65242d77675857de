package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/councilbench/councilbench"
)

// CouncilResults returns the results of every council of a survey, in code
// order. A council whose site has not been assessed has a nil Assessment
// and Score.
func (db *DB) CouncilResults(ctx context.Context, surveyID int64) ([]*councilbench.CouncilResult, error) {
	councils, err := db.Councils(ctx, surveyID)
	if err != nil {
		return nil, err
	}
	sites, err := db.Sites(ctx, surveyID)
	if err != nil {
		return nil, err
	}
	scores, err := db.CouncilScores(ctx, surveyID)
	if err != nil {
		return nil, err
	}
	assessments, err := db.SiteAssessments(ctx, surveyID)
	if err != nil {
		return nil, err
	}
	pages := map[int64]int{}
	err = db.each(ctx, "SELECT site_id, count(*) FROM pages WHERE survey_id = ? GROUP BY site_id", []any{surveyID}, func(r scanner) error {
		var id int64
		var n int
		if err := r.Scan(&id, &n); err != nil {
			return err
		}
		pages[id] = n
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pages by site: %w", err)
	}
	siteOf := map[string]*councilbench.Site{}
	for _, s := range sites {
		for _, code := range s.Councils {
			siteOf[code] = s
		}
	}
	scoreOf := map[string]*councilbench.CouncilScore{}
	for _, s := range scores {
		scoreOf[s.Code] = s
	}
	out := make([]*councilbench.CouncilResult, 0, len(councils))
	for _, c := range councils {
		r := &councilbench.CouncilResult{Council: c, Score: scoreOf[c.Code]}
		if s := siteOf[c.Code]; s != nil {
			r.Site, r.Pages, r.Assessment = s, pages[s.ID], assessments[s.ID]
		}
		out = append(out, r)
	}
	return out, nil
}

// FailureExamples returns, by site id and rule id, up to perRule failing
// elements of each rule on the site's pages (the first in URL and document
// order), for the report.
func (db *DB) FailureExamples(ctx context.Context, surveyID int64, perRule int) (map[int64]map[string][]councilbench.Failure, error) {
	out := map[int64]map[string][]councilbench.Failure{}
	err := db.each(ctx, `SELECT p.site_id, e.rule_id, p.url, e.selector, e.snippet, e.foreground, e.background, e.ratio, e.required, e.font_px, e.bold
		FROM rule_evidence AS e JOIN pages AS p ON p.id = e.page_id
		WHERE e.survey_id = ? ORDER BY p.site_id, e.rule_id, p.url, e.seq`, []any{surveyID}, func(r scanner) error {
		var site int64
		var f councilbench.Failure
		var c contrastCols
		if err := r.Scan(&site, &f.Rule, &f.PageURL, &f.Selector, &f.Snippet, &c.fg, &c.bg, &c.ratio, &c.required, &c.px, &c.bold); err != nil {
			return err
		}
		f.Contrast = c.evidence()
		if out[site] == nil {
			out[site] = map[string][]councilbench.Failure{}
		}
		if len(out[site][f.Rule]) < perRule {
			out[site][f.Rule] = append(out[site][f.Rule], f)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("failure examples: %w", err)
	}
	return out, nil
}

// SiteFailures returns every failing element stored for the pages of a
// site (rule_evidence keeps the first 50 of each rule on each page), by
// rule, then page URL, then document order.
func (db *DB) SiteFailures(ctx context.Context, siteID int64) ([]councilbench.Failure, error) {
	var out []councilbench.Failure
	err := db.each(ctx, `SELECT e.rule_id, p.url, e.selector, e.snippet, e.foreground, e.background, e.ratio, e.required, e.font_px, e.bold
		FROM rule_evidence AS e JOIN pages AS p ON p.id = e.page_id
		WHERE p.site_id = ? ORDER BY e.rule_id, p.url, e.seq`, []any{siteID}, func(r scanner) error {
		var f councilbench.Failure
		var c contrastCols
		if err := r.Scan(&f.Rule, &f.PageURL, &f.Selector, &f.Snippet, &c.fg, &c.bg, &c.ratio, &c.required, &c.px, &c.bold); err != nil {
			return err
		}
		f.Contrast = c.evidence()
		out = append(out, f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("failures of site %d: %w", siteID, err)
	}
	return out, nil
}

// TemplateFailures returns the template failures of a survey's sites (the
// view v_template_failures), by site id; each site's come on most pages
// first, then by rule, selector and snippet.
func (db *DB) TemplateFailures(ctx context.Context, surveyID int64) (map[int64][]councilbench.TemplateFailure, error) {
	return db.templateFailures(ctx, surveyID, 0)
}

// SiteTemplateFailures returns the template failures of one site of a
// survey, as TemplateFailures orders them.
func (db *DB) SiteTemplateFailures(ctx context.Context, surveyID, siteID int64) ([]councilbench.TemplateFailure, error) {
	m, err := db.templateFailures(ctx, surveyID, siteID)
	return m[siteID], err
}

// templateFailures reads the view's rows of a survey's site (of every
// site when siteID is 0), each with the URLs of its pages and the first
// page's contrast measurements.
func (db *DB) templateFailures(ctx context.Context, surveyID, siteID int64) (map[int64][]councilbench.TemplateFailure, error) {
	out := map[int64][]councilbench.TemplateFailure{}
	type key struct {
		site                    int64
		rule, selector, snippet string
	}
	var last key
	where, args := "", []any{surveyID, surveyID}
	if siteID != 0 {
		// On both sides, so that the view is made of the site's pages only.
		where, args = " AND p.site_id = ? AND t.site_id = ?", append(args, siteID, siteID)
	}
	// The order of the joins is forced: each failing element of the
	// survey's pages is looked up in the view, which SQLite indexes once,
	// rather than each of the view's rows scanning the site's pages.
	err := db.each(ctx, `SELECT t.site_id, t.rule_id, t.advisory, t.selector, t.snippet, t.pages, t.site_pages, p.url,
			e.foreground, e.background, e.ratio, e.required, e.font_px, e.bold
		FROM pages AS p CROSS JOIN rule_evidence AS e CROSS JOIN v_template_failures AS t
		WHERE e.page_id = p.id AND t.survey_id = p.survey_id AND t.site_id = p.site_id
			AND t.rule_id = e.rule_id AND t.selector = e.selector AND t.snippet = e.snippet
			AND p.survey_id = ? AND t.survey_id = ?`+where+`
		ORDER BY t.site_id, t.pages DESC, t.rule_id, t.selector, t.snippet, p.url, e.seq`, args, func(r scanner) error {
		var k key
		var f councilbench.TemplateFailure
		var url string
		var c contrastCols
		if err := r.Scan(&k.site, &k.rule, &f.Advisory, &k.selector, &k.snippet, &f.Pages, &f.SitePages, &url,
			&c.fg, &c.bg, &c.ratio, &c.required, &c.px, &c.bold); err != nil {
			return err
		}
		if k != last {
			f.Rule, f.Selector, f.Snippet, f.Contrast = k.rule, k.selector, k.snippet, c.evidence()
			out[k.site] = append(out[k.site], f)
			last = k
		}
		ts := out[k.site]
		t := &ts[len(ts)-1]
		// A selector cut at its deepest steps may match twice on a page.
		if n := len(t.PageURLs); n == 0 || t.PageURLs[n-1] != url {
			t.PageURLs = append(t.PageURLs, url)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("template failures: %w", err)
	}
	return out, nil
}

// ExportResults writes to path a copy of one survey's results without page
// bodies and with an empty links table: the download researchers can take
// without the crawl's bulk. Each page's links are there in numbers
// (page_links); the full link graph is a download of its own (EachLink).
// The schema is the same, so the same queries work on it.
func (db *DB) ExportResults(ctx context.Context, surveyID int64, path string) error {
	if _, err := db.db.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("export results: %w", err)
	}
	out, err := Open(ctx, path)
	if err != nil {
		return fmt.Errorf("export results: %w", err)
	}
	defer out.Close()
	// Stylesheets keep their rows (URL, status, headers, sha256) and lose
	// their bodies, as pages do.
	// The links table is emptied: most of the file's size, and summarised
	// per page in page_links. It stays, empty, so that the file keeps its
	// schema and councilbench can still open and write it.
	stmts := []string{"UPDATE pages SET body = NULL", "DELETE FROM css_bodies", "DELETE FROM links"}
	// Other surveys' rows go, children before parents.
	for _, t := range []string{"rule_evidence", "rule_results", "page_scores", "page_forms", "page_facts", "page_links", "a11y_rates", "site_features",
		"task_findings", "task_candidates", "site_searches", "site_assessments", "council_tasks", "council_scores", "stylesheets", "pages", "councils", "sites"} {
		stmts = append(stmts, "DELETE FROM "+t+" WHERE survey_id <> ?")
	}
	stmts = append(stmts, "DELETE FROM surveys WHERE id <> ?")
	for _, s := range stmts {
		var err error
		if strings.Contains(s, "?") {
			_, err = out.db.ExecContext(ctx, s, surveyID)
		} else {
			_, err = out.db.ExecContext(ctx, s)
		}
		if err != nil {
			return fmt.Errorf("export results: %s: %w", s, err)
		}
	}
	if _, err := out.db.ExecContext(ctx, "VACUUM"); err != nil {
		return fmt.Errorf("export results: %w", err)
	}
	return nil
}

// EachLink calls f with every link of one survey's pages, in page id and
// document order, with the id and URL of the page it is on: the full link
// graph, which the results download leaves out.
func (db *DB) EachLink(ctx context.Context, surveyID int64, f func(pageID int64, pageURL string, l councilbench.Link) error) error {
	err := db.each(ctx, `SELECT l.page_id, p.url, l.target_url, l.text, l.external FROM links AS l JOIN pages AS p ON p.id = l.page_id
		WHERE l.survey_id = ? ORDER BY l.page_id, l.rowid`, []any{surveyID}, func(r scanner) error {
		var id int64
		var u string
		var l councilbench.Link
		if err := r.Scan(&id, &u, &l.URL, &l.Text, &l.External); err != nil {
			return err
		}
		return f(id, u, l)
	})
	if err != nil {
		return fmt.Errorf("links: %w", err)
	}
	return nil
}
