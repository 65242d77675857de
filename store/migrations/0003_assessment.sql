-- Tasks, site features and scores: what each site's stored pages show, and
-- each council's score under a versioned model.

CREATE TABLE site_assessments (
	site_id           INTEGER PRIMARY KEY REFERENCES sites (id),
	survey_id         INTEGER NOT NULL REFERENCES surveys (id),
	catalogue_version INTEGER NOT NULL, -- version of the task catalogue
	assessed          INTEGER NOT NULL, -- 0 when the site could not be assessed
	reason            TEXT,             -- why not
	detail            TEXT,
	home              TEXT,             -- the home page as stored
	html_pages        INTEGER NOT NULL, -- HTML pages judged
	assessed_at       TEXT NOT NULL
);

CREATE TABLE task_findings (
	survey_id           INTEGER NOT NULL REFERENCES surveys (id),
	site_id             INTEGER NOT NULL REFERENCES sites (id),
	task_id             TEXT NOT NULL,
	task_version        INTEGER NOT NULL,
	lgsl                TEXT NOT NULL,    -- LGSL codes, comma-separated
	found               INTEGER NOT NULL,
	url                 TEXT,             -- the task's page
	clicks              INTEGER,          -- fewest clicks from the home page; NULL when not found or sitemap-only
	linked_from_home    INTEGER NOT NULL,
	linked_from_landing INTEGER NOT NULL,
	landing_url         TEXT,
	online              INTEGER NOT NULL, -- a form, or a payment, booking or reporting link (off-site portals too)
	online_via          TEXT,             -- form, portal or link
	online_url          TEXT,
	pdf_only            INTEGER NOT NULL,
	pdf_url             TEXT,
	welsh_url           TEXT,
	link_text           TEXT,             -- evidence: the link that named the task
	linked_from         TEXT,             -- and the page it was on
	broken_url          TEXT,             -- a link naming the task whose target failed
	PRIMARY KEY (site_id, task_id)
);

CREATE TABLE site_features (
	survey_id  INTEGER NOT NULL REFERENCES surveys (id),
	site_id    INTEGER NOT NULL REFERENCES sites (id),
	feature_id TEXT NOT NULL,
	version    INTEGER NOT NULL,
	known      INTEGER NOT NULL, -- 0 when the stored pages cannot tell
	pass       INTEGER NOT NULL,
	value      REAL NOT NULL,    -- as unit says
	unit       TEXT NOT NULL,    -- bool, share, bytes or ms
	url        TEXT,
	evidence   TEXT NOT NULL,    -- JSON array of strings
	PRIMARY KEY (site_id, feature_id)
);

CREATE TABLE a11y_rates (
	survey_id    INTEGER NOT NULL REFERENCES surveys (id),
	site_id      INTEGER NOT NULL REFERENCES sites (id),
	rule_id      TEXT NOT NULL,
	rule_version INTEGER NOT NULL,
	impact       TEXT NOT NULL,
	failed_pages INTEGER NOT NULL,
	rate         REAL NOT NULL, -- share of the site's judged pages failing the rule
	example_url  TEXT,
	PRIMARY KEY (site_id, rule_id)
);

CREATE TABLE council_scores (
	survey_id          INTEGER NOT NULL REFERENCES surveys (id),
	code               TEXT NOT NULL,
	site_id            INTEGER REFERENCES sites (id),
	model_version      TEXT NOT NULL,
	catalogue_version  INTEGER NOT NULL,
	assessed           INTEGER NOT NULL,
	reason             TEXT,    -- why not assessed
	detail             TEXT,
	score              REAL,    -- 0 to 100; NULL when not assessed
	stars              INTEGER, -- 1 to 4; NULL when not assessed
	stars_note         TEXT,
	accessibility_pass INTEGER NOT NULL,
	scorecard          TEXT NOT NULL, -- JSON: components with their items and evidence, tasks, features
	scored_at          TEXT NOT NULL,
	PRIMARY KEY (survey_id, code)
);

-- council_tasks lists the tasks asked of each council (its tier's).
CREATE TABLE council_tasks (
	survey_id INTEGER NOT NULL REFERENCES surveys (id),
	code      TEXT NOT NULL,
	task_id   TEXT NOT NULL,
	PRIMARY KEY (survey_id, code, task_id)
);

CREATE VIEW v_council_scores AS
SELECT c.survey_id, c.code, c.name, c.tier, c.nation, c.region, s.site_id,
	s.model_version, s.assessed, s.reason, s.score, s.stars, s.accessibility_pass, s.stars_note
FROM councils AS c
LEFT JOIN council_scores AS s ON s.survey_id = c.survey_id AND s.code = c.code;

CREATE VIEW v_task_findings AS
SELECT c.survey_id, c.code AS council_code, c.name AS council_name, c.tier, t.task_id, t.task_version, t.lgsl,
	t.found, t.url, t.clicks, t.linked_from_home, t.online, t.online_via, t.online_url, t.pdf_only, t.link_text, t.linked_from
FROM council_tasks AS ct
JOIN councils AS c ON c.survey_id = ct.survey_id AND c.code = ct.code
JOIN task_findings AS t ON t.site_id = c.site_id AND t.task_id = ct.task_id;
