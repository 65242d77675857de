-- Schema version 6: the site's own search, asked for each task (Better
-- Connected's "does the site search find it?"), and what the form facts
-- need to submit it.

-- One row per task the survey searched a site for: the query, where it was
-- sent, the first result links of the results' main content, or why the
-- search could not be used (then the task's search is not assessed).
CREATE TABLE site_searches (
	survey_id INTEGER NOT NULL REFERENCES surveys (id),
	site_id   INTEGER NOT NULL REFERENCES sites (id),
	task_id   TEXT NOT NULL,
	query     TEXT NOT NULL, -- what a resident would type, in the site's language
	form      TEXT,          -- the search form's action, resolved
	url       TEXT,          -- the results page requested
	results   TEXT NOT NULL, -- JSON array of {"url", "text"}: the first 5 result links, in order
	reason    TEXT,          -- why the search was not used: no-form, post-only, captcha, login, robots, error, budget
	detail    TEXT,
	PRIMARY KEY (site_id, task_id)
);

CREATE INDEX site_searches_survey ON site_searches (survey_id);

ALTER TABLE task_findings ADD COLUMN search_rank INTEGER; -- rank 1-5 of the task's page in the site search's results; 0 not among them; NULL not assessed
ALTER TABLE task_findings ADD COLUMN search_reason TEXT;  -- why the search was not assessed

ALTER TABLE page_forms ADD COLUMN query TEXT;    -- the name of the first text or search field
ALTER TABLE page_forms ADD COLUMN hidden TEXT;   -- JSON array of the hidden fields as "name=value" (at most 8)
ALTER TABLE page_forms ADD COLUMN captcha INTEGER NOT NULL DEFAULT 0;
ALTER TABLE page_forms ADD COLUMN password INTEGER NOT NULL DEFAULT 0;
