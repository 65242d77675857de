package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/councilbench/councilbench/simweb"
	"github.com/councilbench/councilbench/store"
)

// TestAccessibilityMatchesSimulatedFaults surveys simulated sites whole and
// checks that the accessibility rules stored for each page fail exactly
// where the generator put a barrier: every barrier found (recall) and no
// failure where there is none (precision).
func TestAccessibilityMatchesSimulatedFaults(t *testing.T) {
	councils := testCouncils(t, "KEN", "CRF", "SHE", "MAN", "BFS", "ADU", "WOT", "HRT")
	web, flags := startWeb(t, councils, 5)
	db := filepath.Join(t.TempDir(), "a.db")
	args := append([]string{"survey", "--db", db, "--name", "a", "--register", writeRegister(t, councils),
		"--max-pages", "1000", "--max-depth", "20", "--progress", "none"}, flags...)
	if code, _, stderr := runMain(t, args...); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := st.Survey(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}

	// Which pages carry each barrier; a missing lang is a whole site's.
	m := web.Manifest()
	tests := []struct {
		fault, rule string
	}{
		{simweb.FaultImgNoAlt, "image-alt"},
		{simweb.FaultEmptyLink, "link-name"},
		{simweb.FaultInputNoLabel, "label-not-placeholder"},
		{simweb.FaultLangMissing, "html-has-lang"},
	}
	for _, tt := range tests {
		outcomes, err := st.RuleOutcomes(ctx, s.ID, tt.rule)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{}
		for _, site := range m.Sites {
			for _, f := range site.Faults {
				if f.Kind != tt.fault {
					continue
				}
				if tt.fault == simweb.FaultLangMissing {
					// Every page of the site lacks it.
					for u := range outcomes {
						if strings.Contains(u, "//"+hostOf(site.CanonicalURL)+"/") {
							want[u] = true
						}
					}
					continue
				}
				want[f.URL] = true
			}
		}
		var tp, fn, fp int
		for u, o := range outcomes {
			switch {
			case want[u] && o == "failed":
				tp++
			case want[u]:
				fn++
				if fn <= 3 {
					t.Errorf("%s: %s on %s, where the generator put a barrier", tt.rule, o, u)
				}
			case o == "failed":
				fp++
				if fp <= 3 {
					t.Errorf("%s failed on %s, where the generator put no barrier", tt.rule, u)
				}
			}
		}
		if tp == 0 {
			t.Errorf("%s: no page with a %s barrier was scored", tt.rule, tt.fault)
		}
		t.Logf("%-22s %-16s found %d, missed %d, false alarms %d", tt.rule, tt.fault, tp, fn, fp)
	}
}

func hostOf(rawURL string) string {
	h := strings.TrimPrefix(strings.TrimPrefix(rawURL, "https://"), "http://")
	if i := strings.IndexByte(h, '/'); i >= 0 {
		h = h[:i]
	}
	return h
}
