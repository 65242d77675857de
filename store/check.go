package store

import (
	"context"
	"fmt"
	"strings"
)

// IntegrityCheck runs SQLite's PRAGMA integrity_check over the whole file
// and returns an error listing the problems it reports, or nil when it
// reports "ok". The crash-safety tests run it after killing a survey.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	rows, err := db.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return fmt.Errorf("integrity check: %w", err)
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("integrity check: %s", strings.Join(problems, "; "))
	}
	return nil
}

// SitePageScores returns the stored accessibility outcome of each scored
// page of a site, by page URL, with every rule's result and evidence in
// rule order.
func (db *DB) SitePageScores(ctx context.Context, siteID int64) (map[string]*PageScore, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT p.url, COALESCE(s.charset, ''), s.elements, s.limited, COALESCE(s.error, '')
		FROM page_scores AS s JOIN pages AS p ON p.id = s.page_id WHERE p.site_id = ?`, siteID)
	if err != nil {
		return nil, fmt.Errorf("page scores of site %d: %w", siteID, err)
	}
	defer rows.Close()
	out := map[string]*PageScore{}
	for rows.Next() {
		var u string
		var s PageScore
		var limited int
		if err := rows.Scan(&u, &s.Charset, &s.Elements, &limited, &s.Error); err != nil {
			return nil, fmt.Errorf("page scores of site %d: %w", siteID, err)
		}
		s.Limited = limited == 1
		out[u] = &s
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("page scores of site %d: %w", siteID, err)
	}
	rows.Close()

	rrows, err := db.db.QueryContext(ctx, `SELECT p.url, r.rule_id, r.rule_version, r.outcome, r.applicable, r.failure_count
		FROM rule_results AS r JOIN pages AS p ON p.id = r.page_id WHERE p.site_id = ? ORDER BY r.page_id, r.rule_id`, siteID)
	if err != nil {
		return nil, fmt.Errorf("rule results of site %d: %w", siteID, err)
	}
	defer rrows.Close()
	for rrows.Next() {
		var u string
		var r RuleResult
		if err := rrows.Scan(&u, &r.Rule, &r.Version, &r.Outcome, &r.Applicable, &r.FailureCount); err != nil {
			return nil, fmt.Errorf("rule results of site %d: %w", siteID, err)
		}
		if s := out[u]; s != nil {
			s.Results = append(s.Results, r)
		}
	}
	if err := rrows.Err(); err != nil {
		return nil, fmt.Errorf("rule results of site %d: %w", siteID, err)
	}
	rrows.Close()

	erows, err := db.db.QueryContext(ctx, `SELECT p.url, e.rule_id, e.selector, e.snippet
		FROM rule_evidence AS e JOIN pages AS p ON p.id = e.page_id WHERE p.site_id = ? ORDER BY e.page_id, e.rule_id, e.seq`, siteID)
	if err != nil {
		return nil, fmt.Errorf("rule evidence of site %d: %w", siteID, err)
	}
	defer erows.Close()
	for erows.Next() {
		var u, rule string
		var e Evidence
		if err := erows.Scan(&u, &rule, &e.Selector, &e.Snippet); err != nil {
			return nil, fmt.Errorf("rule evidence of site %d: %w", siteID, err)
		}
		if s := out[u]; s != nil {
			for i := range s.Results {
				if s.Results[i].Rule == rule {
					s.Results[i].Evidence = append(s.Results[i].Evidence, e)
					break
				}
			}
		}
	}
	return out, erows.Err()
}
