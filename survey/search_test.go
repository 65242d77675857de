package survey

import (
	"context"
	"net/http"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/crawler"
	"github.com/councilbench/councilbench/register"
	"github.com/councilbench/councilbench/scoring"
	"github.com/councilbench/councilbench/simweb"
	"github.com/councilbench/councilbench/store"
)

// searchWeb serves a simulated web whose sites' searches take every
// variant, and surveys it with site searches.
func searchWeb(t *testing.T) (*store.DB, *councilbench.Survey, *simweb.Manifest) {
	t.Helper()
	all := register.Embedded()
	var councils []councilbench.Council
	for i := 0; i < len(all); i += 11 { // an even sample of every tier and nation
		councils = append(councils, all[i])
	}
	opts := simweb.DefaultOptions()
	opts.Seed, opts.PagesPerSite, opts.SlowPageDelay = 7, 50, 20*time.Millisecond
	web, err := simweb.New(councils, opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := web.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); web.Close() })
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	cfg := crawler.DefaultConfig()
	cfg.Resolve, cfg.RootCAs, cfg.Priority = web.Resolve(), web.CertPool(), scoring.Priority
	cfg.MaxPages, cfg.RetryBackoff = 40, 1
	// A site with a Crawl-delay takes a second a request, searches
	// included: the web serves it, the survey leaves it out, so the test
	// takes seconds, not minutes.
	slow := map[string]bool{}
	for _, st := range web.Manifest().Sites {
		if st.CrawlDelay > 0 {
			for _, c := range st.Councils {
				slow[c] = true
			}
		}
	}
	councils = slices.DeleteFunc(councils, func(c councilbench.Council) bool { return slow[c.Code] })
	s, err := Create(ctx, db, "search", cfg, false, councils)
	if err != nil {
		t.Fatal(err)
	}
	if err := (&Runner{DB: db, Crawl: cfg, Sites: 8, Score: true}).Run(ctx, s); err != nil {
		t.Fatal(err)
	}
	return db, s, web.Manifest()
}

// TestSiteSearch surveys the simulated web's searches and checks each
// site's finding against its manifest: a good search (on the site or
// hosted elsewhere) finds each task the finder found within the first five
// results, a poor one ranks it seventh and a missing one not at all (both
// recorded as not found), and a site without a search form, with a
// POST-only form or with its search disallowed by robots.txt is not
// assessed, with that reason. A rescore, which has no network, gives the
// same results.
func TestSiteSearch(t *testing.T) {
	if testing.Short() {
		t.Skip("surveys a simulated web")
	}
	db, s, truth := searchWeb(t)
	ctx := context.Background()
	sites, as := assessed(t, db, s)
	truthOf := map[string]*simweb.SiteTruth{}
	for i := range truth.Sites {
		truthOf[truth.Sites[i].Key] = &truth.Sites[i]
	}
	seen := map[string]int{}
	for _, site := range sites {
		st, a := truthOf[site.Key], as[site.ID]
		if st == nil || a == nil || !a.Assessed {
			t.Fatalf("%s: no truth or not assessed", site.Key)
		}
		variant := st.Search.Variant
		seen[variant]++
		searched := 0
		for _, tt := range st.Tasks {
			f := a.Task(tt.ID)
			if f == nil {
				t.Fatalf("%s: no finding for %s", site.Key, tt.ID)
			}
			searched++
			var wantReason councilbench.SearchReason
			switch variant {
			case simweb.SearchNone:
				wantReason = councilbench.SearchNoForm
			case simweb.SearchPostOnly:
				wantReason = councilbench.SearchPostOnly
			case simweb.SearchDisallowed:
				wantReason = councilbench.SearchRobots
			}
			if f.SearchReason != wantReason {
				t.Errorf("%s (%s) %s: search reason %q, want %q", site.Key, variant, tt.ID, f.SearchReason, wantReason)
				continue
			}
			if wantReason != "" {
				if f.SearchRank != -1 {
					t.Errorf("%s (%s) %s: rank %d for a search not assessed", site.Key, variant, tt.ID, f.SearchRank)
				}
				continue
			}
			// The search finds the task when the manifest ranks its page
			// in the first five (whether or not the crawl reached it);
			// the finder may also accept an earlier result.
			want := 0
			if tt.Present && tt.SearchRank >= 1 && tt.SearchRank <= councilbench.MaxSearchResults {
				want = tt.SearchRank
			}
			switch {
			case want == 0 && f.SearchRank > 0 && f.Found && resultAt(site, tt.ID, f.SearchRank) == f.URL:
				// The result is the page (or PDF form) the crawl's finder
				// took for the task, not the manifest's: TestTaskDetection
				// in package scoring measures that.
				t.Logf("%s (%s) %s: rank %d is the finder's own %s", site.Key, variant, tt.ID, f.SearchRank, f.URL)
			case want == 0 && f.SearchRank != 0:
				ss := site.Searches
				var res []councilbench.SearchResult
				for _, x := range ss {
					if x.Task == tt.ID {
						res = x.Results
					}
				}
				t.Errorf("%s (%s) %s: rank %d, want not found (manifest rank %d): %v", site.Key, variant, tt.ID, f.SearchRank, tt.SearchRank, res)
			case want > 0 && (f.SearchRank < 1 || f.SearchRank > want):
				t.Errorf("%s (%s) %s: rank %d, want %d", site.Key, variant, tt.ID, f.SearchRank, want)
			}
		}
		feat := a.Feature(scoring.FeatureSearchFinds)
		switch variant {
		case simweb.SearchNone, simweb.SearchPostOnly, simweb.SearchDisallowed:
			if feat.Known {
				t.Errorf("%s (%s): search feature known, want not assessed", site.Key, variant)
			}
		case simweb.SearchPoor, simweb.SearchMissing:
			if !feat.Known || feat.Value != 0 {
				t.Errorf("%s (%s): search feature %v %.2f, want known and 0", site.Key, variant, feat.Known, feat.Value)
			}
		default:
			if !feat.Known || searched > 0 && feat.Value == 0 {
				t.Errorf("%s (%s): search feature %v %.2f (%q), want known and above 0", site.Key, variant, feat.Known, feat.Value, feat.Evidence)
			}
		}
	}
	for _, v := range simweb.SearchVariants {
		if seen[v] == 0 {
			t.Errorf("no site with a %s search: the sample covers too few", v)
		}
	}
	t.Logf("sites by search variant: %v", seen)

	// The rescore reads what the crawl stored: same findings, no network.
	before := dump(t, db, s)
	saved := http.DefaultTransport
	http.DefaultTransport = nil
	defer func() { http.DefaultTransport = saved }()
	if _, err := Rescore(ctx, db, s); err != nil {
		t.Fatal(err)
	}
	if after := dump(t, db, s); after != before {
		t.Errorf("the rescore changed the results:\n%s", firstDiff(after, before))
	}
}

// resultAt returns the URL of a site search's result at a rank (from 1).
func resultAt(site *councilbench.Site, task string, rank int) string {
	for _, ss := range site.Searches {
		if ss.Task == task && rank >= 1 && rank <= len(ss.Results) {
			return ss.Results[rank-1].URL
		}
	}
	return ""
}
