package simweb

import "time"

// Options configure a simulated web.
type Options struct {
	// Seed fixes every choice: the same councils and seed give byte-identical
	// pages and manifest.
	Seed int64
	// Faults injects the controlled mix of faults listed in FaultKinds, and
	// makes a few sites "good" (free of them). When false every site is
	// good.
	Faults bool
	// SlowPageDelay is how long "slow" fault pages take to answer. Zero
	// means the default, 1.5s; a negative value means no delay.
	SlowPageDelay time.Duration
	// PagesPerSite is the approximate number of HTML pages of each site,
	// Welsh versions included (PDFs, redirects and broken-link targets come
	// on top). Zero means the default, 150; small values are raised to what
	// a site's structure needs (about 40 to 60 pages).
	PagesPerSite int
}

// The defaults of Options.
const (
	DefaultSeed          = 1
	DefaultSlowPageDelay = 1500 * time.Millisecond
	DefaultPagesPerSite  = 150
)

// DefaultOptions returns the options of the demo: seed 1, faults on, slow
// pages of 1.5s and about 150 pages a site.
func DefaultOptions() Options {
	return Options{
		Seed:          DefaultSeed,
		Faults:        true,
		SlowPageDelay: DefaultSlowPageDelay,
		PagesPerSite:  DefaultPagesPerSite,
	}
}

// normalised returns the options with zero values replaced by defaults.
func (o Options) normalised() Options {
	switch {
	case o.SlowPageDelay == 0:
		o.SlowPageDelay = DefaultSlowPageDelay
	case o.SlowPageDelay < 0:
		o.SlowPageDelay = 0
	}
	if o.PagesPerSite <= 0 {
		o.PagesPerSite = DefaultPagesPerSite
	}
	return o
}
