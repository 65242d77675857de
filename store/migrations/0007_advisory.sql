-- Schema version 7: advisory rules. A best-practice rule marked advisory is
-- stored and shown with its evidence like any other, but reported apart
-- from the WCAG A/AA failures: it counts in no score and no pass.

ALTER TABLE rules ADD COLUMN advisory INTEGER NOT NULL DEFAULT 0;      -- 1: best practice, reported apart, not scored
ALTER TABLE a11y_rates ADD COLUMN advisory INTEGER NOT NULL DEFAULT 0; -- the rule's advisory, as impact is copied

-- v_rule_failures gains the rule's advisory column, so that a WCAG count
-- can leave advisory rules out (WHERE advisory = 0).
DROP VIEW v_rule_failures;
CREATE VIEW v_rule_failures AS
SELECT
	c.survey_id,
	c.code        AS council_code,
	c.name        AS council_name,
	c.tier,
	p.id          AS page_id,
	p.url,
	p.depth,
	r.id          AS rule_id,
	r.version     AS rule_version,
	r.wcag,
	r.level,
	r.impact,
	e.seq,
	e.selector,
	e.snippet,
	r.advisory
FROM rule_evidence AS e
JOIN pages AS p ON p.id = e.page_id
JOIN councils AS c ON c.site_id = p.site_id AND c.survey_id = p.survey_id
JOIN rule_results AS rr ON rr.page_id = e.page_id AND rr.rule_id = e.rule_id
JOIN rules AS r ON r.id = rr.rule_id AND r.version = rr.rule_version;
