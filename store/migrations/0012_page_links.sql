-- Schema version 12: each page's links in numbers, written with the site's
-- assessment (and again by a rescore), so that the results download can
-- carry them instead of the full links table, which is most of its size.
-- A survey assessed before this version has none until it is rescored.

CREATE TABLE page_links (
	page_id   INTEGER PRIMARY KEY REFERENCES pages (id),
	survey_id INTEGER NOT NULL REFERENCES surveys (id),
	site_id   INTEGER NOT NULL REFERENCES sites (id),
	links     INTEGER NOT NULL, -- links on the page (its rows of links)
	internal  INTEGER NOT NULL, -- of those, inside the site's scope
	external  INTEGER NOT NULL, -- and outside it
	checked   INTEGER NOT NULL, -- distinct internal targets the survey fetched
	broken    INTEGER NOT NULL  -- of those, the ones that failed (as the broken-links feature judges)
);

CREATE INDEX page_links_site ON page_links (site_id);
