-- Schema version 5: why a task was not found (the closest pages the task
-- finder weighed, with what matched and what did not), and whether a page
-- says it is a dated article.

ALTER TABLE page_facts ADD COLUMN article INTEGER NOT NULL DEFAULT 0; -- 1 when the page says it is a dated article (news)
ALTER TABLE task_findings ADD COLUMN why TEXT; -- one line: why the task was not found, naming the closest page

-- The closest pages weighed for a task not found, best first.
CREATE TABLE task_candidates (
	survey_id INTEGER NOT NULL REFERENCES surveys (id),
	site_id   INTEGER NOT NULL REFERENCES sites (id),
	task_id   TEXT NOT NULL,
	rank      INTEGER NOT NULL, -- 1 for the closest
	url       TEXT NOT NULL,
	matched   TEXT NOT NULL,    -- JSON array: "link text", "title", "url", "area", "context"
	near_miss TEXT,             -- the near-miss pattern its name carries, when that is why it was not taken
	action    INTEGER NOT NULL, -- 1 when the page offers a way to do the task online
	PRIMARY KEY (site_id, task_id, rank)
);

CREATE INDEX task_candidates_survey ON task_candidates (survey_id);
