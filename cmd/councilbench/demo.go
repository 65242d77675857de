package main

import (
	"context"
	"fmt"
	"io"
	"sort"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/register"
	"github.com/councilbench/councilbench/simweb"
)

// demoSeed fixes the simulated web, so every demo survey is the same.
const demoSeed = 2026

// demoDBFile is the demo's survey file.
const demoDBFile = "councilbench-demo.db"

// demoReportDir is where the demo writes its report.
const demoReportDir = "councilbench-demo-report"

// demoTierSample is how many councils of each tier the demo surveys: about
// 40 in all, every tier present, in proportions like the register's.
var demoTierSample = map[councilbench.Tier]int{
	councilbench.TierShireDistrict: 14,
	councilbench.TierCounty:        4,
	councilbench.TierUnitary:       10,
	councilbench.TierMetropolitan:  5,
	councilbench.TierLondonBorough: 4,
	councilbench.TierDistrict:      3,
}

// demoCouncils returns the demo's councils: fictional councils
// (simweb.Fictional) made from an evenly spaced sample of each tier of the
// embedded register, plus Adur and Worthing, who share a site. They keep
// the sample's tiers, nations, regions and shared site, but no name, code,
// GSS code or host name of a real council: the demo's scores are simulated
// and must not be read as any real council's.
func demoCouncils() []councilbench.Council {
	all := register.Embedded()
	byTier := map[councilbench.Tier][]councilbench.Council{}
	for _, c := range all {
		byTier[c.Tier] = append(byTier[c.Tier], c)
	}
	chosen := map[string]bool{"ADU": true, "WOT": true}
	for tier, n := range demoTierSample {
		cs := byTier[tier]
		sort.Slice(cs, func(i, j int) bool { return cs[i].Code < cs[j].Code })
		for i := 0; i < n && i < len(cs); i++ {
			chosen[cs[i*len(cs)/n].Code] = true
		}
	}
	var sample []councilbench.Council
	for _, c := range all {
		if chosen[c.Code] {
			sample = append(sample, c)
		}
	}
	return simweb.Fictional(sample)
}

// demoWeb is the simulated web the demo crawls.
type demoWeb struct {
	web      *simweb.Web
	councils []councilbench.Council
}

func startDemo(ctx context.Context, log io.Writer) (*demoWeb, error) {
	councils := demoCouncils()
	opts := simweb.DefaultOptions()
	opts.Seed = demoSeed
	web, err := simweb.New(councils, opts)
	if err != nil {
		return nil, fmt.Errorf("simulated web: %w", err)
	}
	if err := web.Start(ctx); err != nil {
		return nil, fmt.Errorf("simulated web: %w", err)
	}
	fmt.Fprintf(log, "demo: simulated web of %d councils (%d host names) on %s\n", len(councils), len(web.Hosts()), web.Addr())
	return &demoWeb{web: web, councils: councils}, nil
}

func (d *demoWeb) Close() error { return d.web.Close() }
