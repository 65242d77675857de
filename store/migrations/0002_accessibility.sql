-- Accessibility: the rules, each HTML page's outcome per rule, and the
-- evidence of each failure.

-- rules is the rule table as it stood when pages were scored; a rule's id
-- and version identify its logic.
CREATE TABLE rules (
	id          TEXT NOT NULL,
	version     INTEGER NOT NULL,
	wcag        TEXT NOT NULL, -- success criteria, comma-separated, e.g. "1.1.1,4.1.2"
	level       TEXT NOT NULL, -- A or AA ("" for best practice)
	act         TEXT NOT NULL, -- W3C ACT rule ids, comma-separated
	axe         TEXT NOT NULL, -- the nearest axe-core rule id
	impact      TEXT NOT NULL, -- critical, serious, moderate or minor
	description TEXT NOT NULL,
	PRIMARY KEY (id, version)
);

-- page_scores says that a page was scored, and how.
CREATE TABLE page_scores (
	page_id   INTEGER PRIMARY KEY REFERENCES pages (id),
	survey_id INTEGER NOT NULL REFERENCES surveys (id),
	charset   TEXT,             -- the charset the page was decoded from
	elements  INTEGER NOT NULL, -- elements in the parsed page
	limited   INTEGER NOT NULL, -- 1 when a bound on hostile input was reached
	error     TEXT,             -- why the page could not be scored (no rule results then)
	scored_at TEXT NOT NULL
);

CREATE TABLE rule_results (
	survey_id     INTEGER NOT NULL REFERENCES surveys (id),
	page_id       INTEGER NOT NULL REFERENCES pages (id),
	rule_id       TEXT NOT NULL,
	rule_version  INTEGER NOT NULL,
	outcome       TEXT NOT NULL,    -- passed, failed, inapplicable or cantTell
	applicable    INTEGER NOT NULL, -- elements the rule judged
	failure_count INTEGER NOT NULL, -- elements that failed (evidence keeps the first 50)
	PRIMARY KEY (page_id, rule_id)
);

CREATE INDEX rule_results_survey_rule ON rule_results (survey_id, rule_id, outcome);

CREATE TABLE rule_evidence (
	survey_id INTEGER NOT NULL REFERENCES surveys (id),
	page_id   INTEGER NOT NULL REFERENCES pages (id),
	rule_id   TEXT NOT NULL,
	seq       INTEGER NOT NULL, -- 0, 1, ... in document order
	selector  TEXT NOT NULL,    -- a CSS selector matching exactly the failing element
	snippet   TEXT NOT NULL,    -- its opening tag, truncated
	PRIMARY KEY (page_id, rule_id, seq)
);

-- v_rule_failures: every failing element, with its council, page and rule.
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
	e.snippet
FROM rule_evidence AS e
JOIN pages AS p ON p.id = e.page_id
JOIN councils AS c ON c.site_id = p.site_id AND c.survey_id = p.survey_id
JOIN rule_results AS rr ON rr.page_id = e.page_id AND rr.rule_id = e.rule_id
JOIN rules AS r ON r.id = rr.rule_id AND r.version = rr.rule_version;
