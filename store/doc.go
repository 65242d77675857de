// Package store keeps a survey in a SQLite file. It is the only package that
// speaks SQL: the rest of councilbench works with the domain types of package
// councilbench and calls the methods of DB and Writer.
//
// Open creates the file if needed and applies the embedded, numbered
// migrations (migrations/0001_init.sql, ...) in order, recording the schema
// version in PRAGMA user_version. It refuses a file written by a newer
// version of the code. Migrations only ever add: researchers' queries against
// an older file keep working on a newer one. The schema is documented for
// researchers in docs/schema.md.
//
// The file is in WAL mode with synchronous=NORMAL, so readers (the
// researchers' sqlite3, the report commands) never block the crawl. All the
// crawl's writes go through one Writer per survey, which batches them into
// transactions from a single goroutine. Because a Writer applies calls in
// the order they were made and every page is written with its links in one
// transaction, a file killed at any moment is consistent: each page is
// stored with all its links or not at all, and a site is marked done only
// once all its pages are committed.
//
// Bodies of HTML, robots and sitemap responses are stored as zstd frames
// (see PageBody); times are stored as RFC 3339 UTC text with milliseconds.
package store
