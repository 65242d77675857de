// Package divide answers the survey's central question: are shire district
// councils falling behind larger councils online, and where?
//
// Analyse takes each council's scored results (Council, filled from the
// store) and compares two groups of English councils: shire districts
// against larger councils (counties, unitaries, metropolitan and London
// boroughs), as councilbench.Tier.Group divides them. With
// Options.AllNations, the councils of Scotland, Wales and Northern Ireland
// are described as groups of their own; the test stays shire districts
// against larger councils. Each council counts once; councils that could
// not be assessed are counted and listed with the reason, never dropped.
//
// # Measures
//
// The overall score; the stars (as an ordinal measure, with their
// distribution); the accessibility pass; each task found and each task
// doable online, among the councils asked that task only; the mobile
// viewport; HTTPS; page weight; the share of documents published as PDF;
// and for each accessibility rule, the share of councils whose pages fail
// it at all and the share of a council's pages failing it (among councils
// where the rule applied).
//
// # Statistics
//
// For each measure and group: n, mean, standard deviation, minimum,
// quartiles and median by R's default definition (type 7, Quantile),
// maximum, and for proportions the 95% Wilson interval (Wilson). Between
// shire districts and larger councils: the differences (shire minus
// larger) in means and in medians with 95% percentile-bootstrap intervals
// (Bootstrap: each group resampled independently, 10,000 times by default,
// from a fixed seed and a random stream per measure, so the output is the
// same on every run), a two-sided Mann–Whitney U test (MannWhitneyTest:
// exact as R's wilcox.test for groups under 50 without ties, else the
// normal approximation with tie and continuity corrections), Cliff's delta
// (CliffsDelta), and the p-values adjusted across all measures tested by
// Holm's method (Holm). A measure on which every council of both groups
// has the same value (a rule that fails nowhere) has no variation: it is
// reported as such (Measure.NoVariation, Report.NoVariation), not tested,
// and left out of Holm's family. A difference is called clear (Comparison.Clear) when the
// adjusted p-value is below 0.05 and the interval excludes 0. The tests of
// every statistic check it against values computed with R, recorded with
// the calls that produced them.
//
// Then the score and stars are described by tier and by region.
//
// # Output
//
// Report.WriteText, WriteMarkdown, WriteJSON and WriteCSV render the
// report; Report.Headlines gives its main findings in plain English, and
// Report.Answer answers the question in two sentences, for the report's
// home page.
// Numbers are formatted deterministically. Text from the register (names,
// regions, reasons) cannot turn into Markdown markup or a spreadsheet
// formula.
package divide
