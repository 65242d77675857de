-- Schema version 4: the page facts that the scorer's walk gathers, so that
-- a site's assessment reads no page body, and what a stored site
-- assessment lacked to be read back as it was made.

-- One row per page the scorer walked: every judged HTML page, and the
-- not-found probe (facts only: no rule judges it).
CREATE TABLE page_facts (
	page_id   INTEGER PRIMARY KEY REFERENCES pages (id),
	survey_id INTEGER NOT NULL REFERENCES surveys (id),
	version   INTEGER NOT NULL, -- of the facts' logic (scoring.FactsVersion)
	title     TEXT NOT NULL,    -- the first <title>, white space collapsed
	h1        TEXT NOT NULL,    -- the first <h1>, white space collapsed
	lang      TEXT NOT NULL,    -- the lang attribute of <html>
	viewport  TEXT,             -- the content of <meta name=viewport>; NULL when the page has none
	main      INTEGER NOT NULL  -- 1 when the page has a main landmark
);

CREATE INDEX page_facts_survey ON page_facts (survey_id);

-- The <form> elements of those pages, in document order.
CREATE TABLE page_forms (
	survey_id INTEGER NOT NULL REFERENCES surveys (id),
	page_id   INTEGER NOT NULL REFERENCES pages (id),
	seq       INTEGER NOT NULL, -- 0, 1, ... in document order
	action    TEXT NOT NULL,    -- as written in the page
	method    TEXT NOT NULL,    -- lower case; '' when not given
	search    INTEGER NOT NULL, -- marked as a search: role=search, inside <search>, an <input type=search>
	fields    INTEGER NOT NULL, -- fields a user fills in (not hidden, not buttons)
	names     TEXT NOT NULL,    -- JSON array of those fields' lower-cased names (at most 16)
	emails    INTEGER NOT NULL, -- email fields
	PRIMARY KEY (page_id, seq)
);

ALTER TABLE task_findings ADD COLUMN match_pattern TEXT; -- the pattern the link text matched; 'url' or 'document' otherwise
ALTER TABLE site_assessments ADD COLUMN pages INTEGER;      -- pages stored for the site
ALTER TABLE site_assessments ADD COLUMN a11y_pages INTEGER; -- HTML pages with an accessibility score
