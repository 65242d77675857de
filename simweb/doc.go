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
// # Fictional councils
//
// The simulated web serves whatever councils it is given, real ones
// included (the tests use the register's). The demo gives it fictional
// ones: Fictional turns a sample of the register into councils with the
// same tiers, nations and regions, and the same sharing of websites, but
// invented names in their tier's style ("Chalwell Borough Council",
// "London Borough of Thornbrook", "Fenshire County Council"; English,
// Scottish, Welsh and Northern Irish place-name parts by nation), codes
// that no real council has, GSS codes of the real entity with instance
// numbers from FictionalGSSInstance (which no real area has), invented
// parent counties, and websites under ReservedTLD:
// https://www.welhat.gov.uk/ becomes https://www.aldworth.gov.uk.example/,
// keeping the real URL's scheme, sub-domain, public suffix and path, so
// Welsh councils keep their .gov.wales sites (and, by their nation, their
// bilingual pages). No fictional name, and no word of a fictional place,
// is a real council's (the place "Kent" or "Salford" is refused whatever
// the tier), so a simulated score is never shown beside a real council.
// A site under ReservedTLD keeps every host it serves under it: a moved
// domain (www.aldworthcouncil.gov.uk.example) and an elsewhere search's
// service (aldworth.search-service.co.uk.example). Links to other sites
// that are never fetched (payment portals, social media) keep the forms
// real councils' links have.
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
// rendered once per site. HTML pages weigh 24 to 110 KB with 40 to 200
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
// # URL styles and Welsh names
//
// A site's URLs follow its CMS. Most sites are plain: a landing page at
// /council-tax (sometimes under /residents, /services or /info) and its
// information and task pages under it, /council-tax/pay-your-council-tax.
// A quarter of the sites (rounded), dealt out in a seeded order so that
// every style is on a site once there are 22 sites (whether or not
// Options.Faults is set), have a CMS that builds them in one of the styles
// real council CMSs use:
//
//   - Jadu: /info/20177/council_tax for a landing page and
//     /info/20177/council_tax/257/pay_your_council_tax for its information
//     and task pages (the category's number and slug, the page's number and
//     its title with underscores); Welsh pages under /cy/info/ with the
//     same numbers.
//   - article: every information and task page at /article/6199/Pay-your-council-tax
//     (a number and the page's title, case kept); landing pages plain;
//     Welsh pages at /cy/article/ with the same numbers.
//   - SharePoint: /Resident/Council-Tax/Pages/default.aspx for a landing
//     page and /Resident/Council-Tax/Pay-Council-Tax/Pages/default.aspx for
//     its pages (words in title case); a bilingual site's under /en/Resident/
//     or /en/Living/, and its Welsh pages under /cy/Preswylydd/ or /cy/Byw/.
//   - .aspx: /Resident/Council-Tax/Council-Tax.aspx and
//     /Resident/Council-Tax/Pay-Council-Tax.aspx, likewise.
//   - numbered: a number after the slug of information and task pages,
//     /environment/report-fly-tipping/2, the Welsh page's the same.
//   - vanity: each task page at a short path of glued words or camel case,
//     alternately, as councils print on leaflets (/missedbin,
//     /PayCouncilTax); other pages plain, and the task pages' Welsh twins.
//
// Pages on the way to a buried task follow the style too. A form on a
// task page posts to the page's path and the form's action (/pay), or on
// an .aspx page to the page itself. The article style, whose sections
// share no directory, does not go to a site whose robots.txt excludes a
// section; on the SharePoint styles the excluded directory holds the
// section's landing page too. No style leaves a task page's URL without
// its words (/xfp/form/619, index.aspx?articleid=10704), and the task
// pages' titles and link texts are the same whatever the style; the
// manifest records a task's URL as the page's URL, whatever its style.
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
// slugs are those of the names.
//
// The style and the Welsh names come from random sources of their own, so
// a plain English site is the same as it would be without them.
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
// others get a mix of the faults in FaultKinds, calibrated to published
// figures (see Calibration), every kind on at least one site. The
// accessibility faults come in two scopes: in the site's template (the
// header logo without alt text, an icon-only menu button, footer social
// links with no text, a footer sign-up field without a label, pale footer
// text, no lang attribute), on every page the site serves; and page by
// page (a content image without alt text, a sign-up field without a label,
// an icon-only link, pale small print), on a share of the content pages.
// The Manifest records, per site, the redirect chain, every page with its
// kind, status and depth (a breadth-first search over the generated links
// from the canonical home page), every task and where it is, and every
// fault with its URL; a template fault once, at the home page, marked
// FaultTruth.Template.
//
// # Calibration
//
// Real council websites fail automated accessibility checks on most
// pages, and their quality varies a lot; the fault rates follow published
// figures so that a survey of the simulated web scores and stars councils
// over the whole range, as real surveys do.
//
// The WebAIM Million, 2024 report (WebAIM's automated WAVE evaluation of
// the home pages of the top million websites, February 2024,
// https://webaim.org/projects/million/), found detectable WCAG 2 failures
// on 95.9% of home pages, 56.8 errors a page on average, and these six
// failures as the most common: low contrast text on 81.0% of home pages,
// missing alternative text on 54.5%, missing form input labels on 48.6%,
// empty links on 44.6%, empty buttons on 28.2% and a missing document
// language on 17.1%. So 4.1% of the sites (at least one, once there are
// two sites) are good; among the others, the share of sites whose template
// carries each of the six is the home-page share above (divided by
// 0.959, the good sites having none); for the four that also come page by
// page (images, labels, links and contrast), the same share has instances
// on some content pages; and every faulty site's home page fails at least
// one of the six. Better Connected 2016-17 (Socitm's survey of UK council
// websites) found 89% of them responsive on a smartphone: 11% of the sites
// have no viewport (no-viewport). A survey of the demo finds about these
// shares of home pages failing the matching rules (color-contrast,
// image-alt, label-not-placeholder, link-name, button-name,
// html-has-lang), within the noise of 40 sites.
//
// Sites differ. Each site has a quality: the sites, in a seeded order of
// their own, take evenly spaced quantiles Z of the standard normal
// distribution (so that even a small web has sites of every quality), and
// a fault with share P is present on a site when 0.85·Z + 0.53·E exceeds
// the normal quantile Φ⁻¹(1 − P), E a standard normal drawn for that site
// and fault: a Gaussian copula, which keeps each fault's share at P while
// the faults cluster on the worse sites. The good sites are the best.
// The site's badness, Φ(Z) from 0 (the best) to 1 (the worst), sets how
// far its faults reach: the page-level faults touch 2% of its content
// pages on the best site and 32% on the worst; a site missing tasks misses
// one, and up to 60% of its tasks on the worst; a task that can be done on
// paper is offered only as a PDF form with a chance of 20% to 80%; a site
// with broken links has one to three, and up to five more on the worst.
// The WebAIM Million judges home pages only, so these page shares, and the
// shares of the faults that are not accessibility failures (broken links
// on half the sites, buried tasks and missing tasks on about half, soft
// 404s on a fifth, no accessibility statement on 15%...: see calibrate.go),
// are this package's choices, made so that the stars spread over the four
// bands: Socitm's Better Connected 2015-16 rated 182 of 416 council
// websites (44%) good or very good, three or four stars, the others one
// or two. The demo's survey (41 councils) gives four stars to the good
// sites only (about 5%: any template failure costs the accessibility
// pass), three to about 60%, two to about a quarter and one to the rest,
// with scores from about 30 to 100 (all had three or four stars, and
// scores from 78 to 100, before this calibration): kinder than Better
// Connected in the middle, whose reviewers judged how usable each task
// was, not only whether it could be found and done online.
//
// Colour contrast fails only where a low-contrast fault puts it: every
// brand colour has 4.5:1 with every background the stylesheets give, and
// some sites grey their dates just enough (#6e6e6e, 4.56:1 on #f3f2f1),
// a near miss a checker must pass.
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
