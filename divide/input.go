package divide

import "github.com/councilbench/councilbench"

// Council is one council's scored results, as the store holds them for one
// survey: the input of Analyse.
type Council struct {
	Code, Name string
	Tier       councilbench.Tier
	Nation     string // England, Scotland, Wales or Northern Ireland
	Region     string
	Assessed   bool
	Reason     string // why the council could not be assessed (when not Assessed)

	Score             float64 // 0–100; NaN is left out (with a warning)
	Stars             int     // 1–4; other values are left out (with a warning)
	AccessibilityPass bool
	// RuleRates maps an accessibility rule id to the share of the council's
	// judged pages failing it: 0 when it never failed; a rule that never
	// applied to any page is absent.
	RuleRates map[string]float64
	// Tasks holds the tasks asked of the council's tier, and only those.
	Tasks map[string]TaskResult

	Mobile, HTTPS bool    // the mobile-viewport and https features passed
	PageWeight    float64 // median HTML bytes as transferred; NaN when unknown
	PDFShare      float64 // share of document links that are PDFs; NaN when unknown (no documents)
}

// TaskResult is what the survey found for one task asked of a council.
type TaskResult struct {
	Found  bool // the task's page was found
	Online bool // the task can be done online
}

// Options tunes Analyse.
type Options struct {
	// AllNations adds Scotland, Wales and Northern Ireland as groups of
	// their own, described but not tested; the test stays shire districts
	// against larger councils in England.
	AllNations bool
	// Seed seeds the bootstrap; 0 means DefaultSeed.
	Seed int64
	// Resamples is the number of bootstrap resamples; 0 means
	// DefaultResamples.
	Resamples int
	// Simulated says the councils come from a simulated survey (the
	// demo): every format of the report says so.
	Simulated bool
}

// Defaults of Options.
const (
	DefaultSeed      = 20260401
	DefaultResamples = 10000
)
