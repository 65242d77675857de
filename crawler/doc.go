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
package crawler
