package scoring

import "github.com/councilbench/councilbench"

// The rules' vocabulary. Outcomes and impacts are result types of the root
// package, declared there once; these short names let the rule table and
// the checks say Failed rather than councilbench.Failed.
type (
	Outcome = councilbench.Outcome
	Impact  = councilbench.Impact
)

// The outcomes and impacts, as the root package declares them.
const (
	Inapplicable = councilbench.Inapplicable
	Passed       = councilbench.Passed
	Failed       = councilbench.Failed
	CantTell     = councilbench.CantTell

	Critical = councilbench.Critical
	Serious  = councilbench.Serious
	Moderate = councilbench.Moderate
	Minor    = councilbench.Minor
)
