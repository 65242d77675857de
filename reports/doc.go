// Package reports writes the survey's static website: the home page with
// the digital-divide findings and charts, the league tables (all councils,
// each tier and each nation), a page per council, the methodology, how to
// cite and reuse the data, and the league table as CSV and JSON.
//
// The site needs no server and loads nothing from elsewhere: the CSS and
// the small sorting script are inline, the charts are inline SVG, and a
// Content-Security-Policy lets only those run. It works without
// JavaScript; the script only adds sort buttons to the tables' headers.
//
// Everything taken from councils' pages (titles, link texts, evidence
// snippets, URLs) is untrusted. The pages are rendered with html/template,
// which escapes by context (text, attributes, URLs, SVG, JSON in a script
// element); only http and https URLs become links; CSV cells that could
// start a spreadsheet formula are prefixed with a single quote; and file
// names are sanitised so that nothing is written outside the output
// folder.
//
// The report must be accessible itself: the package's tests score every
// generated page with councilbench's own rules and, in a headless Chromium,
// with axe-core.
//
// The caller fills a Site from the store (see Site and Council) and calls
// Write.
package reports
