-- Schema version 8: stylesheets. The crawl fetches the stylesheets its pages
-- link to (and their @imports), each URL once per survey, on whatever host
-- the page names it; the page step judges each page with them, and rescore
-- and check read them again without the network.

-- 1 when the survey's crawl fetched stylesheets; surveys made before read
-- 0, and their pages are judged without them (contrast not assessed).
ALTER TABLE surveys ADD COLUMN stylesheets INTEGER NOT NULL DEFAULT 0;

-- Bodies are content-addressed: the same bytes at many URLs (a sheet
-- copied to every council a supplier hosts) are stored once.
CREATE TABLE css_bodies (
	sha256 TEXT PRIMARY KEY, -- hex SHA-256 of the body as received
	body   BLOB NOT NULL     -- zstd frame, like pages.body
);

CREATE TABLE stylesheets (
	id           INTEGER PRIMARY KEY,
	survey_id    INTEGER NOT NULL REFERENCES surveys (id),
	site_id      INTEGER NOT NULL REFERENCES sites (id), -- the site whose page asked for it first
	url          TEXT NOT NULL,
	final_url    TEXT,
	status       INTEGER NOT NULL,
	content_type TEXT,
	headers      TEXT NOT NULL DEFAULT '{}',
	bytes        INTEGER NOT NULL,
	truncated    INTEGER NOT NULL,
	fetch_ms     INTEGER NOT NULL,
	fetched_at   TEXT,
	depth        INTEGER NOT NULL, -- 0 linked from a page, 1.. @imported
	reason       TEXT,
	error        TEXT,
	sha256       TEXT, -- css_bodies.sha256; NULL when no body was kept
	UNIQUE (survey_id, url)
);

CREATE INDEX stylesheets_site ON stylesheets (site_id);
