package register

import "github.com/councilbench/councilbench"

// SiteGroup is one website and the councils that use it. Most groups have
// one council; a few councils share a website and are crawled once.
type SiteGroup struct {
	Key      string                 // councilbench.SiteKey of the website
	StartURL string                 // the website of the group's first council
	Councils []councilbench.Council // in input order
}

// Sites groups councils by the councilbench.SiteKey of their Website, in
// order of first appearance. A website that SiteKey rejects (Parse never
// returns one) is its own key.
func Sites(cs []councilbench.Council) []SiteGroup {
	var groups []SiteGroup
	index := make(map[string]int)
	for _, c := range cs {
		key, err := councilbench.SiteKey(c.Website)
		if err != nil {
			key = c.Website
		}
		if i, ok := index[key]; ok {
			groups[i].Councils = append(groups[i].Councils, c)
			continue
		}
		index[key] = len(groups)
		groups = append(groups, SiteGroup{Key: key, StartURL: c.Website, Councils: []councilbench.Council{c}})
	}
	return groups
}
