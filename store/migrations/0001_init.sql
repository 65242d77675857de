-- 0001_init.sql: the initial schema. Documented in docs/schema.md.
--
-- Times are RFC 3339 UTC text with milliseconds (2025-06-01T09:30:00.123Z).
-- Optional text columns hold NULL, never '', when there is nothing to say.

CREATE TABLE surveys (
	id           INTEGER PRIMARY KEY,
	name         TEXT NOT NULL UNIQUE,
	started_at   TEXT NOT NULL,
	finished_at  TEXT,
	tool_version TEXT NOT NULL,
	settings     TEXT
);

CREATE TABLE sites (
	id             INTEGER PRIMARY KEY,
	survey_id      INTEGER NOT NULL REFERENCES surveys (id),
	key            TEXT NOT NULL,
	start_url      TEXT NOT NULL,
	final_url      TEXT,
	redirects      TEXT NOT NULL DEFAULT '[]',
	status         TEXT NOT NULL DEFAULT 'pending',
	reason         TEXT,
	error          TEXT,
	robots         TEXT,
	crawl_delay_ms INTEGER,
	pages          INTEGER,
	started_at     TEXT,
	finished_at    TEXT,
	UNIQUE (survey_id, key)
);

CREATE INDEX sites_survey_status ON sites (survey_id, status);

CREATE TABLE councils (
	survey_id     INTEGER NOT NULL REFERENCES surveys (id),
	code          TEXT NOT NULL,
	gss           TEXT,
	name          TEXT NOT NULL,
	tier          TEXT NOT NULL,
	nation        TEXT,
	region        TEXT,
	website       TEXT,
	parent_county TEXT,
	site_id       INTEGER REFERENCES sites (id),
	PRIMARY KEY (survey_id, code)
);

CREATE INDEX councils_site ON councils (site_id);

CREATE TABLE pages (
	id           INTEGER PRIMARY KEY,
	survey_id    INTEGER NOT NULL REFERENCES surveys (id),
	site_id      INTEGER NOT NULL REFERENCES sites (id),
	url          TEXT NOT NULL,
	final_url    TEXT,
	redirects    TEXT NOT NULL DEFAULT '[]',
	kind         TEXT,
	status       INTEGER NOT NULL,
	content_type TEXT,
	headers      TEXT NOT NULL DEFAULT '{}',
	bytes        INTEGER NOT NULL,
	size         INTEGER NOT NULL,
	truncated    INTEGER NOT NULL,
	fetch_ms     INTEGER NOT NULL,
	ttfb_ms      INTEGER NOT NULL,
	depth        INTEGER,
	sitemap_only INTEGER NOT NULL,
	fetched_at   TEXT,
	reason       TEXT,
	error        TEXT,
	bot          INTEGER NOT NULL,
	body         BLOB,
	UNIQUE (survey_id, url)
);

CREATE INDEX pages_site ON pages (site_id);

CREATE TABLE links (
	survey_id  INTEGER NOT NULL REFERENCES surveys (id),
	page_id    INTEGER NOT NULL REFERENCES pages (id),
	target_url TEXT NOT NULL,
	text       TEXT NOT NULL,
	external   INTEGER NOT NULL
);

CREATE INDEX links_page ON links (page_id);
CREATE INDEX links_survey_target ON links (survey_id, target_url);

CREATE VIEW council_pages AS
SELECT
	c.survey_id,
	c.code       AS council_code,
	c.name       AS council_name,
	c.tier,
	p.site_id,
	p.id         AS page_id,
	p.url,
	p.final_url,
	p.kind,
	p.status,
	p.content_type,
	p.bytes,
	p.depth,
	p.sitemap_only,
	p.fetched_at,
	p.error
FROM councils AS c
JOIN pages AS p ON p.site_id = c.site_id;
