// Package simweb is the simulated web: realistic council websites,
// generated from a seed and served from one loopback listener, with a
// ground-truth manifest to check the crawler and the scorers against.
//
// # Building and serving
//
// New builds, for any set of councils, one site per distinct
// councilbench.SiteKey (councils sharing a website, like Adur and Worthing,
// share a site). Start serves every site from one listener on 127.0.0.1,
// choosing the site by the Host header; plain HTTP and TLS share the port
// (the first byte of a connection tells them apart). Point a client at it
// with Resolve (host → Addr) and CertPool (or CACertPEM), or mount Handler
// with httptest.
//
//	web, err := simweb.New(councils, simweb.DefaultOptions())
//	...
//	if err := web.Start(ctx); err != nil { ... }
//	defer web.Close()
//	crawl(web.Resolve(), web.CertPool())
//	truth := web.Manifest()
//
// # Determinism
//
// The same councils and Options give byte-identical bodies and manifest
// JSON: every choice comes from math/rand/v2 PCG sources seeded from
// Options.Seed and the site key (and the page, for body text). Dates are
// relative to a fixed base date, never the clock. Only the TLS certificates
// are random.
//
// Bodies are generated on request from each site's structure (its pages,
// links and faults, kept in memory); only the navigation and footer are
// rendered once per site. HTML pages weigh 24 to 110 KB with 50 to 200
// links; PDFs are small valid documents, some of a few hundred KB.
//
// # The sites
//
// Each site has a home page; a landing page per service area of its
// councils' tiers (bins, council tax, planning, housing, schools, roads,
// social care, libraries...); information pages; the task pages of the
// top tasks for its tiers (see TasksFor and TaskIDs), each done online
// through a form, an off-site portal, or only a PDF form; an A to Z, a
// search page, a contact page, an accessibility statement, a paginated news
// list and articles, PDFs, pages linked from nowhere but the sitemap,
// robots.txt and sitemap.xml (sometimes a sitemap index). Welsh councils'
// sites are bilingual, with Welsh versions of the main pages under /cy/.
//
// The Welsh twins of task pages carry one of a few Welsh names per task,
// chosen by seed, with the initial mutations Welsh grammar puts in them:
// "Sut i dalu treth y cyngor" (talu after "i"), "Talu eich treth gyngor",
// "Rhoi gwybod am fin heb ei gasglu", "Rhoi gwybod am gasgliad a fethwyd",
// "Pryd fydd fy miniau yn cael eu casglu?", "Chwilio am geisiadau
// cynllunio" (ceisiadau after "am"), "Ymuno â'r gofrestr tai", "Gwneud cais
// am le mewn ysgol gynradd neu uwchradd", "Rhoi gwybod am dyllau yn y
// ffordd", "Gwneud cais am Fathodyn Glas" (at gwneud-cais-am-fathodyn-glas
// or bathodyn-glas), "Adnewyddu a chadw llyfrau", "Chwilio am gynghorydd",
// "Adrodd am dipio anghyfreithlon", "Sut i gofrestru i bleidleisio" and
// the like (a site without a search has none that says "chwilio"). Their
// slugs are those of the names. The names come from a random source of
// their own, so an English site is the same as it would be without them.
//
// Host names behave like real ones: plain http redirects to https (except
// on a few http-only sites), the www/apex twin redirects to the canonical
// host, a few sites have moved domain, giving redirect chains of up to
// three hops from the register's URL, and the register URL's path is the
// home page.
//
// # Faults and the manifest
//
// With Options.Faults, a few sites are good (no faults, every task online
// within two clicks, an accessibility statement, HTTPS with HSTS) and the
// others get a controlled mix of the faults in FaultKinds, every kind on at
// least one site. The Manifest records, per site, the redirect chain, every
// page with its kind, status and depth (a breadth-first search over the
// generated links from the canonical home page), every task and where it
// is, and every fault with its URL.
//
// # Search
//
// A site's search forms (in the header of every page, on the home page,
// the search page and the "Page not found" page) send one field, q. The
// engine behind them ranks the site's English HTML pages and PDFs by how
// many of the query's words their title has, or, for a task page, its
// title and a few keywords (every word of its TaskTruth.SearchQuery among
// them); words are lower-cased, plurals folded ("books" is "book") and
// stop words ("a", "for", "my", "to", "the", "your"...) ignored. Among
// pages with as many words, a working search puts the task pages first,
// then the landing pages, then shorter titles; a poor one puts its news
// articles and PDFs first. A results page lists at most 20 results in
// an ordered list in its <main>, whose only other link is a "Next page"
// after the list, so the first links of the main content are the best
// results; the header, navigation and footer stay outside it.
//
// With Options.Faults, each faulty site gets one search variant (see
// SearchVariants), every variant on at least one site once six sites are
// faulty; good sites, and every site without faults, have a good search,
// which puts each task page first for its SearchQuery. A poor search
// ranks six news articles and PDFs that mention the query's words above
// each task page, which comes seventh; a missing search does not index
// task pages; a post-only search's forms use POST, and a GET of /search
// gets the form without results; a site with no search has no search form
// or search page at all; an elsewhere search's forms send the query to a
// search service on another host name, served by the same web (it is in
// the site's Hosts, in Resolve and in the certificate; its robots.txt
// allows /search; its results link back by absolute URL); a disallowed
// search is a good one that robots.txt disallows. SiteTruth.Search records
// the variant and the forms' action and method, and TaskTruth.SearchRank
// the rank a GET search for the task's SearchQuery gives its page, as the
// server computes it.
package simweb
