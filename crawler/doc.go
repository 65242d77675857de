// Package crawler fetches one council website at a time with colly, politely
// and within bounds, and hands every response to the caller to store.
//
// The crawl is a pure function of what the server answers: the page budget is
// spent in waves, each wave chosen from the frontier in a fixed order
// (links before sitemap-only URLs, then priority, depth, pages before
// documents, URL), and the next wave is chosen only when the last one has
// been fetched. Because of that, a resumed crawl replays the
// stored responses of the interrupted one (passed in as prior pages) and
// makes exactly the same choices, fetching only what is missing.
//
// The crawler stores raw bytes. It extracts links with the HTML tokenizer
// (cheaper than building a tree), reading their texts through package
// charset, the one decoder the scorer uses too, and leaves parsing to the
// scorer, which parses each page once. It follows links only from pages
// that councilbench.Page.Judgeable accepts.
//
// Before it saves a page that can be judged, the crawler fetches the
// stylesheets the page links to (<link rel=stylesheet> whose media apply to
// the viewport the rules judge, as package css decides) and those they
// @import, to css.MaxImportDepth, so that the page step judges the page
// with them. Councils serve CSS from their own host, a CDN or a supplier's
// host: a sheet on the site's own hosts is fetched under the site's pacing,
// one on any other host through a gate the whole survey shares (one
// request in flight to that host at a time, its robots.txt read once).
// Every sheet is fetched under the address guard, with the retries and
// timeout of pages and a cap of css.MaxSheetBytes; robots.txt of its host
// is obeyed. Each URL is fetched once per Crawler, however many pages and
// sites use it (a site asking for a sheet another is fetching waits for
// it), and saved once through Config.SaveStylesheet, refusals and failures
// included, so that the cascade can tell a sheet a browser would drop (a
// 404, a sheet not served as text/css) from one the survey never asked
// for. A site's sheets have a budget of their own (Config.MaxStylesheets,
// MaxStylesheetBytes), apart from its pages'; what it leaves out is noted
// on the site's row. A resumed crawl is seeded with the sheets stored
// (SeedStylesheets) and fetches none of them again.
package crawler
