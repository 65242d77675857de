package register

import (
	"reflect"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
)

func TestParseNation(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"England", "England", true},
		{"england", "England", true},
		{" WALES ", "Wales", true},
		{"scotland", "Scotland", true},
		{"Northern Ireland", "Northern Ireland", true},
		{"northern  ireland", "Northern Ireland", true},
		{"northern-ireland", "Northern Ireland", true},
		{"NI", "Northern Ireland", true},
		{"ni", "Northern Ireland", true},
		{"", "", false},
		{"Cornwall", "", false},
		{"UK", "", false},
	}
	for _, tt := range tests {
		got, err := ParseNation(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseNation(%q): got %q, %v, want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestFilter(t *testing.T) {
	cs := Embedded()
	codes := func(cs []councilbench.Council) []string {
		out := []string{}
		for _, c := range cs {
			out = append(out, c.Code)
		}
		return out
	}
	tests := []struct {
		name  string
		f     Filter
		count int      // councils that pass
		some  []string // codes, in order, that the first results must be; nil to skip
		err   string   // part of the error; empty for none
	}{
		{name: "zero", f: Filter{}, count: 382},
		{name: "county", f: Filter{Tiers: []councilbench.Tier{councilbench.TierCounty}}, count: 21},
		{name: "two tiers", f: Filter{Tiers: []councilbench.Tier{"metropolitan", "london-borough"}}, count: 69},
		{name: "wales", f: Filter{Nations: []string{"wales"}}, count: 22},
		{name: "ni short form", f: Filter{Nations: []string{"NI"}}, count: 11},
		{name: "two nations", f: Filter{Nations: []string{"Scotland", "Northern Ireland"}}, count: 43},
		{name: "unitary in england", f: Filter{Tiers: []councilbench.Tier{"unitary"}, Nations: []string{"England"}}, count: 63},
		{name: "county in wales", f: Filter{Tiers: []councilbench.Tier{"county"}, Nations: []string{"Wales"}}, count: 0},
		{name: "only keeps register order", f: Filter{Only: []string{"WOT", "adu", "KEN"}}, count: 3, some: []string{"KEN", "ADU", "WOT"}},
		{name: "only and tier", f: Filter{Only: []string{"WOT", "KEN"}, Tiers: []councilbench.Tier{"county"}}, count: 1, some: []string{"KEN"}},
		{name: "exclude", f: Filter{Tiers: []councilbench.Tier{"county"}, Exclude: []string{"cam", "KEN"}}, count: 19},
		{name: "exclude from only", f: Filter{Only: []string{"ADU", "WOT"}, Exclude: []string{"ADU"}}, count: 1, some: []string{"WOT"}},
		{name: "unknown only", f: Filter{Only: []string{"ADU", "XXX", "YYY"}}, err: `only: unknown council codes "XXX", "YYY"`},
		{name: "unknown exclude", f: Filter{Exclude: []string{"XXX"}}, err: `exclude: unknown council code "XXX"`},
		{name: "unknown tier", f: Filter{Tiers: []councilbench.Tier{"parish"}}, err: `unknown tier "parish"`},
		{name: "unknown nation", f: Filter{Nations: []string{"Mars"}}, err: `unknown nation "Mars"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.f.Apply(cs)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got error %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.count {
				t.Errorf("got %v councils, want %v", len(got), tt.count)
			}
			if tt.some != nil && !reflect.DeepEqual(codes(got), tt.some) {
				t.Errorf("got %v, want %v", codes(got), tt.some)
			}
		})
	}
}

func TestFilterDoesNotChangeInput(t *testing.T) {
	cs := Embedded()
	before := Embedded()
	if _, err := (Filter{Exclude: []string{"ADU"}}).Apply(cs); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cs, before) {
		t.Errorf("Apply changed its input")
	}
}
