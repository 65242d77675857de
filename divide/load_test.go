package divide

import (
	"encoding/json"
	"math"
	"os"
	"testing"
)

// loadCouncils reads testdata/councils.json, the fixed synthetic survey of
// the golden files; a null PageWeight or PDFShare stands for an unknown
// value (NaN).
func loadCouncils(t testing.TB) []Council {
	t.Helper()
	b, err := os.ReadFile("testdata/councils.json")
	if err != nil {
		t.Fatal(err)
	}
	var raw []struct {
		Council
		PageWeight *float64
		PDFShare   *float64
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	cs := make([]Council, len(raw))
	for i, r := range raw {
		cs[i] = r.Council
		cs[i].PageWeight, cs[i].PDFShare = math.NaN(), math.NaN()
		if r.PageWeight != nil {
			cs[i].PageWeight = *r.PageWeight
		}
		if r.PDFShare != nil {
			cs[i].PDFShare = *r.PDFShare
		}
	}
	return cs
}
