package scoring

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/simweb"
)

// TestTaskDetection measures task detection against simweb's manifest over
// about 40 councils of every tier: precision and recall of the task pages
// (a found task counts as right only at the manifest's URL), the clicks of
// the right ones against the manifest's depths, and whether each is online
// or PDF-only. Every catalogue task is looked for on every site, so a task
// found on a site whose councils do not provide it is a false positive.
//
//	go test ./scoring -run TaskDetection -v
func TestTaskDetection(t *testing.T) {
	sw := crawledWeb(t)
	var tp, fp, fn, depthOK, depthN, onlineOK, pdfOK, welshOK, welshN int
	perTask := map[string][3]int{} // tp, fp, fn
	for _, ss := range sw.sites {
		a := AssessSite(ss.input())
		if !a.Assessed {
			t.Fatalf("%s: not assessed: %s %s", ss.truth.Key, a.Reason, a.Detail)
		}
		for _, f := range a.Tasks {
			tt := ss.truth.Task(f.ID)
			present := tt != nil && tt.Present
			c := perTask[f.ID]
			switch {
			case f.Found && present && f.URL == tt.URL:
				tp++
				c[0]++
				depthN++
				if f.Clicks == tt.Depth {
					depthOK++
				} else {
					t.Errorf("%s %s: clicks %d, manifest depth %d", ss.truth.Key, f.ID, f.Clicks, tt.Depth)
				}
				if f.Online == tt.Online {
					onlineOK++
				} else {
					t.Errorf("%s %s: online %v (%s %s), manifest %v (%s)", ss.truth.Key, f.ID, f.Online, f.OnlineVia, f.OnlineURL, tt.Online, tt.OnlineURL)
				}
				if f.PDFOnly == tt.PDFOnly {
					pdfOK++
				} else {
					t.Errorf("%s %s: pdf only %v, manifest %v", ss.truth.Key, f.ID, f.PDFOnly, tt.PDFOnly)
				}
				if tt.Welsh {
					welshN++
					if f.WelshURL == tt.WelshURL {
						welshOK++
					} else {
						t.Errorf("%s %s: Welsh page %q, manifest %q", ss.truth.Key, f.ID, f.WelshURL, tt.WelshURL)
					}
				}
			case f.Found:
				fp++
				c[1]++
				want := "no task"
				if present {
					want = tt.URL
				}
				t.Logf("false positive: %s %s: found %s (link %q on %s, %s), manifest %s", ss.truth.Key, f.ID, f.URL, f.LinkText, f.LinkedFrom, f.Match, want)
				if present {
					fn++
					c[2]++
				}
			case present:
				fn++
				c[2]++
				t.Logf("missed: %s %s at %s (depth %d)", ss.truth.Key, f.ID, tt.URL, tt.Depth)
			}
			perTask[f.ID] = c
		}
	}
	precision := float64(tp) / float64(tp+fp)
	recall := float64(tp) / float64(tp+fn)
	t.Logf("%d sites: task pages found right %d, wrong or spurious %d, missed %d", len(sw.sites), tp, fp, fn)
	t.Logf("precision %.3f, recall %.3f; clicks equal to the manifest's depth %d/%d; online right %d/%d; PDF-only right %d/%d; Welsh twins %d/%d",
		precision, recall, depthOK, depthN, onlineOK, depthN, pdfOK, depthN, welshOK, welshN)
	for _, task := range Tasks {
		c := perTask[task.ID]
		t.Logf("  %-22s tp %3d  fp %2d  fn %2d", task.ID, c[0], c[1], c[2])
	}
	if precision < 0.95 || recall < 0.95 {
		t.Errorf("precision %.3f and recall %.3f: want at least 0.95 each", precision, recall)
	}
	if depthOK != depthN {
		t.Errorf("clicks equal to the manifest's depth for %d of %d tasks", depthOK, depthN)
	}
}

// TestSimwebCoverage checks that the simulated web exercises what the
// detection must handle: buried, missing, PDF-only, portal and Welsh tasks.
func TestSimwebCoverage(t *testing.T) {
	sw := crawledWeb(t)
	var buried, missing, pdf, portal, welsh, ni int
	for _, ss := range sw.sites {
		for _, tt := range ss.truth.Tasks {
			switch {
			case !tt.Present:
				missing++
			case tt.Depth >= 4:
				buried++
			}
			if tt.PDFOnly {
				pdf++
			}
			if tt.Portal {
				portal++
			}
			if tt.Welsh {
				welsh++
			}
		}
		for _, c := range ss.councils {
			if c.Tier == councilbench.TierDistrict {
				ni++
			}
		}
	}
	t.Logf("tasks: %d buried, %d missing, %d PDF-only, %d via portals, %d with Welsh pages; %d NI councils", buried, missing, pdf, portal, welsh, ni)
	for name, n := range map[string]int{"buried": buried, "missing": missing, "pdf-only": pdf, "portal": portal, "welsh": welsh, "ni": ni} {
		if n == 0 {
			t.Errorf("no %s tasks in the simulated web", name)
		}
	}
}

// TestFeaturesSimweb checks the site features against the manifest.
func TestFeaturesSimweb(t *testing.T) {
	sw := crawledWeb(t)
	for _, ss := range sw.sites {
		a := AssessSite(ss.input())
		st := ss.truth
		check := func(id string, got, want bool) {
			t.Helper()
			f := a.Feature(id)
			if f == nil {
				t.Fatalf("%s: no feature %s", st.Key, id)
			}
			if got != want {
				t.Errorf("%s: %s: got %v, want %v (evidence %q)", st.Key, id, got, want, f.Evidence)
			}
		}
		stmt := a.Feature(FeatureStatement)
		check(FeatureStatement, stmt.URL != "", st.HasStatement)
		if st.HasStatement {
			check(FeatureStatement, stmt.Pass, true)
			if stmt.Value < 0.9 {
				t.Errorf("%s: statement linked from %.2f of pages, want most", st.Key, stmt.Value)
			}
		}
		check(FeatureHTTPS, a.Feature(FeatureHTTPS).Pass, st.HTTPS)
		check(FeatureHSTS, a.Feature(FeatureHSTS).Pass, st.HSTS)
		rd := a.Feature(FeatureHTTPRedirect)
		if strings.HasPrefix(st.StartURL, "http://") {
			check(FeatureHTTPRedirect, rd.Known && rd.Pass, st.HTTPS)
		} else if rd.Known {
			t.Errorf("%s: http redirect known for an https register URL", st.Key)
		}
		check(FeatureReal404, a.Feature(FeatureReal404).Pass, !st.SoftNotFound)
		check(FeatureViewport, a.Feature(FeatureViewport).Pass, !st.HasFault(simweb.FaultNoViewport))
		check(FeatureSearch, a.Feature(FeatureSearch).Pass, st.Search.Variant != simweb.SearchNone)
		check(FeatureAZ, a.Feature(FeatureAZ).Pass, true)
		check(FeatureContact, a.Feature(FeatureContact).Pass, true)
		bl := a.Feature(FeatureBrokenLinks)
		check(FeatureBrokenLinks, bl.Value > 0, st.HasFault(simweb.FaultBrokenLink))
		if pdf := a.Feature(FeaturePDFShare); pdf.Known && pdf.Value != 1 {
			t.Errorf("%s: PDF share %.2f, want 1 (every simulated document is a PDF)", st.Key, pdf.Value)
		}
		if w := a.Feature(FeaturePageWeight); w.Value < 20_000 || w.Value > 120_000 {
			t.Errorf("%s: median page weight %.0f, want 20 to 120 KB", st.Key, w.Value)
		}
	}
}

// TestStarsSimweb checks the model on the simulated web: the good sites
// get four stars, sites without an accessibility statement do not, and
// the councils spread over at least three star bands.
func TestStarsSimweb(t *testing.T) {
	sw := crawledWeb(t)
	dist := map[int]int{}
	var lines []string
	for _, ss := range sw.sites {
		a := AssessSite(ss.input())
		for _, c := range ss.councils {
			s := ScoreCouncil(c, a)
			dist[s.Stars]++
			var comps []string
			for _, cp := range s.Components {
				comps = append(comps, fmt.Sprintf("%s %.0f", cp.ID[:4], cp.Score))
			}
			lines = append(lines, fmt.Sprintf("%s %-15s %-32s %5.1f %d★ pass=%-5v good=%-5v %s %v", c.Code, c.Tier, ss.truth.Key, s.Score, s.Stars,
				s.AccessibilityPass, ss.truth.Good, strings.Join(comps, " "), s.PassFailures))
			if ss.truth.Good && s.Stars != 4 {
				t.Errorf("%s (good site %s): %d stars, score %.1f, pass %v %v", c.Code, ss.truth.Key, s.Stars, s.Score, s.AccessibilityPass, s.PassFailures)
			}
			if !ss.truth.HasStatement && (s.Stars == 4 || s.AccessibilityPass) {
				t.Errorf("%s (no statement): %d stars, pass %v", c.Code, s.Stars, s.AccessibilityPass)
			}
			if s.Stars < 1 || s.Stars > 4 || s.Score < 0 || s.Score > 100 {
				t.Errorf("%s: %d stars, score %.1f", c.Code, s.Stars, s.Score)
			}
			sum := 0.0
			for _, cp := range s.Components {
				sum += cp.Points
			}
			if d := sum - s.Score; d > 0.3 || d < -0.3 {
				t.Errorf("%s: components add to %.1f, score %.1f", c.Code, sum, s.Score)
			}
		}
	}
	sort.Strings(lines)
	for _, l := range lines {
		t.Log(l)
	}
	t.Logf("stars: %v", dist)
	// The simulated web is calibrated to real ones (simweb's
	// Calibration): its councils spread over the star bands.
	if len(dist) < 3 {
		t.Errorf("the councils have %d star bands (%v), want at least 3", len(dist), dist)
	}
}

// TestTierFairness serves the same site as a shire district, a county and
// a Northern Ireland district: each is asked only its own tier's tasks.
func TestTierFairness(t *testing.T) {
	sw := crawledWeb(t)
	var unitary *simSite
	for _, ss := range sw.sites {
		if len(ss.councils) == 1 && ss.councils[0].Tier == councilbench.TierUnitary {
			unitary = ss
			break
		}
	}
	if unitary == nil {
		t.Fatal("no unitary site")
	}
	a := AssessSite(unitary.input())
	for _, tier := range councilbench.Tiers {
		c := councilbench.Council{Code: "XXX", Tier: tier}
		s := ScoreCouncil(c, a)
		var got []string
		for _, f := range s.Tasks {
			got = append(got, f.ID)
		}
		want := simweb.TasksFor(tier)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: asked %v, want %v", tier, got, want)
		}
		t.Logf("%-15s asked %2d tasks, tasks component %.1f, score %.1f", tier, len(got), s.Component(ComponentTasks).Score, s.Score)
	}
	// The tier's tasks only: a county is never asked bins, a district never
	// schools, an NI district neither council tax nor schools.
	never := map[councilbench.Tier][]string{
		councilbench.TierCounty:        {"pay-council-tax", "report-missed-bin", "bin-collection-day", "planning-applications", "apply-housing", "register-to-vote"},
		councilbench.TierShireDistrict: {"school-place", "report-pothole", "blue-badge", "renew-library-book"},
		councilbench.TierDistrict:      {"pay-council-tax", "apply-housing", "school-place", "report-pothole", "blue-badge", "renew-library-book", "register-to-vote"},
	}
	for tier, ids := range never {
		s := ScoreCouncil(councilbench.Council{Code: "XXX", Tier: tier}, a)
		for _, f := range s.Tasks {
			for _, id := range ids {
				if f.ID == id {
					t.Errorf("%s asked %s", tier, id)
				}
			}
		}
	}
}

// TestUnassessable checks that a site that could not be assessed gets no
// score, with the reason.
func TestUnassessable(t *testing.T) {
	c := councilbench.Council{Code: "XXX", Tier: councilbench.TierUnitary}
	tests := []struct {
		name string
		site *councilbench.Site
		want string
	}{
		{"robots", &councilbench.Site{Key: "a.gov.uk", Status: councilbench.SiteFailed, Reason: councilbench.ReasonRobots, Error: "Disallow: /"}, "robots-disallow"},
		{"bot protection", &councilbench.Site{Key: "b.gov.uk", Status: councilbench.SiteFailed, Reason: councilbench.ReasonBotProtection}, "bot-protection"},
		{"down", &councilbench.Site{Key: "c.gov.uk", Status: councilbench.SiteFailed, Reason: councilbench.ReasonConnection}, "connection"},
		{"unfinished", &councilbench.Site{Key: "d.gov.uk", Status: councilbench.SiteCrawling}, "not-finished"},
		{"no home page", &councilbench.Site{Key: "e.gov.uk", Status: councilbench.SiteDone}, "no-home-page"},
	}
	for _, tt := range tests {
		a := AssessSite(SiteInput{Site: tt.site})
		s := ScoreCouncil(c, a)
		if a.Assessed || s.Assessed || s.Stars != 0 || s.Score != 0 || len(s.Components) != 0 {
			t.Errorf("%s: assessed %v/%v, %d stars, score %.1f", tt.name, a.Assessed, s.Assessed, s.Stars, s.Score)
		}
		if got := s.Reason; got != tt.want {
			t.Errorf("%s: reason: got %q, want %q", tt.name, got, tt.want)
		}
	}
	if s := ScoreCouncil(c, nil); s.Assessed || s.Reason == "" {
		t.Errorf("nil assessment: assessed %v, reason %q", s.Assessed, s.Reason)
	}
}

// BenchmarkAssessSite measures the assessment of stored pages (tasks and
// features; accessibility reports are made beforehand), in pages per
// second.
func BenchmarkAssessSite(b *testing.B) {
	sw := crawledWeb(b)
	pages := 0
	for _, ss := range sw.sites {
		pages += len(ss.pages)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, ss := range sw.sites {
			AssessSite(ss.input())
		}
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
