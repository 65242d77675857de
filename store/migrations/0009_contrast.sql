-- Schema version 9: what the rules that read the CSS cascade record.
-- A rule may not decide every element it judges (can't tell): each page's
-- result and each site's rate count those elements, with the reasons.
-- A contrast failure keeps what it measured. A rule that could not be
-- assessed on a site (a survey made before stylesheets were stored) has a
-- rate row marked not_assessed: never zero, never a pass.

ALTER TABLE rule_results ADD COLUMN cant_tell INTEGER NOT NULL DEFAULT 0; -- judged elements the rule could not decide
ALTER TABLE rule_results ADD COLUMN reasons TEXT;                          -- JSON object: reason code → elements; NULL when none

ALTER TABLE rule_evidence ADD COLUMN foreground TEXT; -- contrast rules: the text colour as drawn, #rrggbb
ALTER TABLE rule_evidence ADD COLUMN background TEXT; -- ... the background composed behind it
ALTER TABLE rule_evidence ADD COLUMN ratio REAL;      -- ... the contrast ratio, rounded down to two decimals
ALTER TABLE rule_evidence ADD COLUMN required REAL;   -- ... the ratio WCAG asks for that text
ALTER TABLE rule_evidence ADD COLUMN font_px REAL;    -- ... the computed font size in CSS pixels
ALTER TABLE rule_evidence ADD COLUMN bold INTEGER;    -- ... 1 for font-weight 700 or more

ALTER TABLE a11y_rates ADD COLUMN not_assessed INTEGER NOT NULL DEFAULT 0; -- 1: the rule could not be assessed on the site
ALTER TABLE a11y_rates ADD COLUMN judged INTEGER;                          -- elements judged over the site's pages (cascade rules)
ALTER TABLE a11y_rates ADD COLUMN cant_tell INTEGER;                       -- ... of which undecided
ALTER TABLE a11y_rates ADD COLUMN reasons TEXT;                            -- JSON object: reason code → elements

-- v_rule_failures gains a contrast failure's measurements.
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
	r.advisory,
	e.foreground,
	e.background,
	e.ratio,
	e.required,
	e.font_px
FROM rule_evidence AS e
JOIN pages AS p ON p.id = e.page_id
JOIN councils AS c ON c.site_id = p.site_id AND c.survey_id = p.survey_id
JOIN rule_results AS rr ON rr.page_id = e.page_id AND rr.rule_id = e.rule_id
JOIN rules AS r ON r.id = rr.rule_id AND r.version = rr.rule_version;
