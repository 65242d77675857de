package register

import (
	"fmt"
	"strings"

	"github.com/councilbench/councilbench"
)

// Nations are the UK's nations, as the register names them.
var Nations = []string{"England", "Scotland", "Wales", "Northern Ireland"}

// ParseNation returns the register's name for the nation s, ignoring case
// and extra spaces: "england" gives "England", and "ni" or
// "northern-ireland" give "Northern Ireland".
func ParseNation(s string) (string, error) {
	key := strings.ToLower(strings.Join(strings.Fields(s), " "))
	for _, n := range Nations {
		if key == strings.ToLower(n) {
			return n, nil
		}
	}
	switch key {
	case "ni", "northern-ireland":
		return "Northern Ireland", nil
	}
	return "", fmt.Errorf("unknown nation %q (want one of %s, or NI)", s, strings.Join(Nations, ", "))
}

// Filter chooses councils. Every non-empty list narrows the selection: a
// council passes when its tier is in Tiers, its nation in Nations and its
// code in Only. Exclude then removes councils by code. The zero Filter
// passes every council.
type Filter struct {
	Tiers   []councilbench.Tier
	Nations []string // any form ParseNation accepts
	Only    []string // council codes, ignoring case
	Exclude []string // council codes, ignoring case
}

// Apply returns the councils of cs that pass the filter, in the order of cs.
// An unknown tier or nation is an error, and so is a code in Only or Exclude
// that is not in cs (the user mistyped it).
func (f Filter) Apply(cs []councilbench.Council) ([]councilbench.Council, error) {
	tiers := make(map[councilbench.Tier]bool)
	for _, t := range f.Tiers {
		if _, err := councilbench.ParseTier(string(t)); err != nil {
			return nil, fmt.Errorf("filter tiers: %w", err)
		}
		tiers[t] = true
	}
	nations := make(map[string]bool)
	for _, s := range f.Nations {
		n, err := ParseNation(s)
		if err != nil {
			return nil, fmt.Errorf("filter nations: %w", err)
		}
		nations[n] = true
	}
	if err := CheckCodes(cs, f.Only); err != nil {
		return nil, fmt.Errorf("filter only: %w", err)
	}
	if err := CheckCodes(cs, f.Exclude); err != nil {
		return nil, fmt.Errorf("filter exclude: %w", err)
	}
	only, exclude := codeSet(f.Only), codeSet(f.Exclude)

	out := []councilbench.Council{}
	for _, c := range cs {
		code := strings.ToUpper(c.Code)
		switch {
		case len(tiers) > 0 && !tiers[c.Tier],
			len(nations) > 0 && !nations[c.Nation],
			len(only) > 0 && !only[code],
			exclude[code]:
			continue
		}
		out = append(out, c)
	}
	return out, nil
}

// CheckCodes returns an error naming the codes that no council of cs has,
// ignoring case, or nil when cs has them all.
func CheckCodes(cs []councilbench.Council, codes []string) error {
	known := make(map[string]bool, len(cs))
	for _, c := range cs {
		known[strings.ToUpper(c.Code)] = true
	}
	var unknown []string
	for _, code := range codes {
		if !known[strings.ToUpper(code)] {
			unknown = append(unknown, fmt.Sprintf("%q", code))
		}
	}
	switch len(unknown) {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("unknown council code %s", unknown[0])
	}
	return fmt.Errorf("unknown council codes %s", strings.Join(unknown, ", "))
}

// codeSet returns the upper-cased codes as a set.
func codeSet(codes []string) map[string]bool {
	set := make(map[string]bool, len(codes))
	for _, c := range codes {
		set[strings.ToUpper(c)] = true
	}
	return set
}
