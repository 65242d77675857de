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
// # Power and size, by simulation
//
// TestPlantedDifference checks that the analysis finds a difference as
// often as it should, and a non-existent one no more often than it
// should. Each of its runs (600; 200 with -short) gives Analyse England's
// councils from the register (164 shire districts and 153 larger councils
// today), with measures drawn at the input, no crawl, from a seed of its
// own: scores normal with a standard deviation of 15 points, shire
// districts 4 points lower; accessibility passes Bernoulli, 25% of shire
// districts against 38% of larger councils. A run detects a measure's
// difference when its two-sided Mann–Whitney p-value, before Holm's
// adjustment, is below 0.05. The share of runs detecting each planted
// difference must match its power within three binomial standard errors,
// 3·√(power·(1−power)/runs); with nothing planted, the share of false
// detections must be within 3·√(0.05·0.95/runs) of 0.05.
//
// The powers are computed, not simulated. For the score, by the normal
// approximation of the Mann–Whitney statistic W (the count of pairs with
// the shire district's value higher), as MannWhitneyTest runs it for
// groups this size: W has mean mn/2 and variance mn(m+n+1)/12 with no
// difference, and under a shift of d standard deviations mean mn·p1 and
// variance mn·[p1(1−p1) + (m+n−2)(p2−p1²)] (Lehmann, Nonparametrics,
// 1975), where p1 = Φ(−d/√2) and p2 is the probability that two standard
// normals with correlation 1/2 are both below −d/√2 (integrated
// numerically); the test rejects when |W − mn/2| − 1/2 exceeds 1.96 null
// standard deviations: power 0.635. For the pass, by the normal
// approximation of the test of two proportions, the pooled variance
// setting the critical value and the unpooled one the spread (on values of
// 0 and 1 the Mann–Whitney test with its tie correction is this test, to
// a factor √((N−1)/N)): power 0.705. A test that is too liberal or too
// conservative, a p-value doubled or halved, or councils put in the wrong
// group make the shares miss their margins.
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
