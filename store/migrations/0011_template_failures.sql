-- Schema version 11: template failures. A rule that fails on the same
-- element (same selector, same snippet) on at least 3 pages of a site is
-- most likely failing in a piece of the site's template (a header logo, a
-- footer link, a cookie banner): fixed once there, it is fixed on every
-- page. docs/schema.md explains the threshold and the matching.

CREATE VIEW v_template_failures AS
SELECT
	e.survey_id,
	p.site_id,
	s.key                     AS site_key,
	e.rule_id,
	MAX(rr.rule_version)      AS rule_version,
	MAX(r.advisory)           AS advisory,
	e.selector,
	e.snippet,
	COUNT(DISTINCT e.page_id) AS pages,
	(SELECT count(*) FROM page_scores AS ps JOIN pages AS q ON q.id = ps.page_id
	 WHERE q.site_id = p.site_id AND ps.error IS NULL) AS site_pages,
	MIN(p.url)                AS first_url
FROM rule_evidence AS e
JOIN pages AS p ON p.id = e.page_id
JOIN sites AS s ON s.id = p.site_id
JOIN rule_results AS rr ON rr.page_id = e.page_id AND rr.rule_id = e.rule_id
JOIN rules AS r ON r.id = rr.rule_id AND r.version = rr.rule_version
GROUP BY e.survey_id, p.site_id, e.rule_id, e.selector, e.snippet
HAVING COUNT(DISTINCT e.page_id) >= 3;
