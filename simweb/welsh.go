package simweb

import "strings"

// chooseWelsh chooses the Welsh title and slug of a task's Welsh page
// among the task's Welsh names. On a site without a search, the title does
// not say "chwilio" (search) either.
func (b *builder) chooseWelsh(t *siteTask) {
	s, def := b.s, t.def
	w := b.wrng.IntN(len(def.welsh))
	if s.searchVariant == SearchNone {
		w = avoidWord(w, len(def.welsh), "chwilio", func(k int) string { return def.welsh[k].title })
	}
	t.welshTitle, t.welshSlug = def.welsh[w].title, def.welsh[w].slug
}

// avoidWord returns the first of n alternatives from k on, wrapping, whose
// text does not hold word (k when all do).
func avoidWord(k, n int, word string, text func(int) string) int {
	for j := 0; j < n; j++ {
		if c := (k + j) % n; !strings.Contains(strings.ToLower(text(c)), word) {
			return c
		}
	}
	return k
}
