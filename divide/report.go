package divide

// Report is the outcome of Analyse: the groups compared, every measure's
// summaries and comparison, the star distributions, the breakdowns by tier
// and by region, and the councils that could not be assessed.
type Report struct {
	// Simulated marks the report of a simulated survey (Options.Simulated);
	// only such a report's JSON has the field, true.
	Simulated bool `json:"simulated,omitempty"`
	// AllNations, Seed and Resamples are the options the report was made
	// with (defaults filled in).
	AllNations bool  `json:"all_nations"`
	Seed       int64 `json:"seed"`
	Resamples  int   `json:"resamples"`

	// Councils is the number of distinct councils given (by code).
	Councils int `json:"councils"`
	// InScope is the number of councils in the groups; the others are
	// counted in OutOfScope.
	InScope    int         `json:"in_scope"`
	OutOfScope []Count     `json:"out_of_scope"`
	Groups     []GroupInfo `json:"groups"` // shire districts, larger councils, then the nations
	// Unassessed lists the councils in scope that could not be assessed,
	// by code.
	Unassessed []Unassessed `json:"unassessed"`
	// Measures holds every measure, in the order reports show them.
	Measures []Measure `json:"measures"`
	// Stars holds the star distribution of each group, in Groups' order.
	Stars []StarCounts `json:"stars"`
	// ByTier and ByRegion describe the score and stars of the councils in
	// scope by tier (in councilbench.Tiers order) and by region (by name).
	ByTier   []Breakdown `json:"by_tier"`
	ByRegion []Breakdown `json:"by_region"`
	// Warnings reports input set aside: duplicate codes, out-of-range
	// stars, unknown scores.
	Warnings []string `json:"warnings"`
}

// Group ids of the report.
const (
	GroupShire           = "shire-district"
	GroupLarger          = "larger"
	GroupScotland        = "scotland"
	GroupWales           = "wales"
	GroupNorthernIreland = "northern-ireland"
)

// GroupInfo describes one group of councils.
type GroupInfo struct {
	ID          string `json:"id"`    // one of the Group constants
	Label       string `json:"label"` // plural, for people: "shire districts"
	Councils    int    `json:"councils"`
	Assessed    int    `json:"assessed"`
	NotAssessed int    `json:"not_assessed"`
	Tested      bool   `json:"tested"` // part of the shire-district against larger test
}

// Count is a number of councils under a name.
type Count struct {
	Name     string `json:"name"`
	Councils int    `json:"councils"`
}

// Unassessed is a council that could not be assessed, and why.
type Unassessed struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Tier   string `json:"tier"`
	Nation string `json:"nation"`
	Region string `json:"region"`
	Group  string `json:"group"`
	Reason string `json:"reason"`
}

// Kind says how a measure's values are read.
type Kind string

// The kinds of measures.
const (
	Continuous Kind = "continuous"
	Ordinal    Kind = "ordinal"    // stars
	Proportion Kind = "proportion" // values are 0 or 1; the mean is a share
)

// Units of measures.
const (
	UnitPoints = "points" // score, 0–100
	UnitStars  = "stars"  // 1–4
	UnitShare  = "share"  // 0–1, shown as a percentage
	UnitBytes  = "bytes"
)

// Measure is one quantity compared between the groups.
type Measure struct {
	// ID is stable: "score", "stars", "accessibility-pass",
	// "task/<id>/found", "task/<id>/online", "mobile", "https",
	// "page-weight", "pdf-share", "rule/<id>/fails" (share of councils
	// whose pages fail the rule at all), "rule/<id>/rate" (the share of a
	// council's pages failing it).
	ID    string `json:"id"`
	Label string `json:"label"`
	Kind  Kind   `json:"kind"`
	Unit  string `json:"unit"`
	// Groups summarises each group, in the order of Report.Groups.
	Groups []Summary `json:"groups"`
	// Compare is the test of shire districts against larger councils; nil
	// when either group has no value, or when the measure has no
	// variation.
	Compare *Comparison `json:"compare"`
	// NoVariation is true when every council of both groups compared
	// (shire districts and larger councils) has the same value, as a rule
	// that fails nowhere: no test can tell the groups apart, so the
	// measure is reported as such, not tested, and left out of Holm's
	// family, where it would only weaken the real comparisons.
	NoVariation bool `json:"no_variation"`
}

// Comparison compares group X with group Y: differences are X − Y.
type Comparison struct {
	X string `json:"x"` // the group compared, shire-district
	Y string `json:"y"` // with this one, larger
	// MeanDiff and MedianDiff are the differences in means (for a
	// proportion, in shares) and in medians (type 7), with 95%
	// percentile-bootstrap intervals.
	MeanDiff   float64 `json:"mean_diff"`
	MeanLo     float64 `json:"mean_lo"`
	MeanHi     float64 `json:"mean_hi"`
	MedianDiff float64 `json:"median_diff"`
	MedianLo   float64 `json:"median_lo"`
	MedianHi   float64 `json:"median_hi"`
	MannWhitney
	CliffsDelta float64 `json:"cliffs_delta"` // of X against Y, from −1 to 1
	// PHolm is P adjusted by Holm's method across every measure's test.
	PHolm float64 `json:"p_holm"`
}

// Clear reports whether the comparison shows a clear difference: the
// Holm-adjusted p-value is below 0.05 and the 95% interval of the
// difference excludes 0 (the difference in medians for a continuous
// measure; in means for a proportion, whose median is 0 or 1, and for
// stars, whose median moves in whole stars).
func (c *Comparison) Clear(k Kind) bool {
	if c == nil || !(c.PHolm < 0.05) {
		return false
	}
	lo, hi := c.MedianLo, c.MedianHi
	if k != Continuous {
		lo, hi = c.MeanLo, c.MeanHi
	}
	return lo > 0 || hi < 0
}

// StarCounts is the star distribution of one group.
type StarCounts struct {
	Group  string     `json:"group"`
	N      int        `json:"n"`
	Counts [4]int     `json:"counts"` // councils with 1, 2, 3 and 4 stars
	Shares [4]float64 `json:"shares"` // and their shares of N
}

// Breakdown describes the councils of one tier or region.
type Breakdown struct {
	Key         string  `json:"key"` // the tier or region
	Councils    int     `json:"councils"`
	NotAssessed int     `json:"not_assessed"`
	Score       Summary `json:"score"`
	Stars       [4]int  `json:"stars"` // councils with 1, 2, 3 and 4 stars
}
