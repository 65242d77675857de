// Package survey is councilbench's pipeline: it runs a survey's crawl and
// judges what the crawl stores, between the command line (cmd/councilbench,
// which keeps flags, progress and printing) and the libraries that do the
// work (crawler, scoring, store, divide, reports).
//
// A survey has two steps, and every path through it calls the same ones:
//
//   - The page step (scoring.Scorer.JudgePage) runs as each page is stored,
//     on the crawl's own goroutine: one decode, one parse and one walk give
//     the page's accessibility score and its facts (title, heading,
//     language, viewport, forms...), stored with the page in one
//     transaction.
//   - The site step (Pipeline.AssessSite) runs when a site's crawl ends: it
//     reads the site's pages with their scores and facts, never a body,
//     assesses the site (tasks, features, accessibility rates) and scores
//     each council that uses it, in one transaction.
//
// Run crawls the sites of a survey that are not done, --sites at a time; a
// run killed at any moment resumes where it stopped, and a site whose crawl
// ended without its site step (a kill between the two) gets it at the next
// run's start. Rescore repeats both steps from the stored bytes, without the
// network, under the current rules, task catalogue and model.
//
// The adapters at the end (Report, DivideCouncils) turn a survey's stored
// results into the inputs of the divide analysis and the report.
package survey
