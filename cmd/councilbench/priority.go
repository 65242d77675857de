package main

import "strings"

// serviceTerms are words in link texts and URLs that point towards the
// services residents come for, in English and Welsh. A home page may carry
// 150 links: these are fetched first, so the page budget reaches the task
// pages before it runs out. The task catalogue will replace this list with
// its own link texts and URL patterns.
var serviceTerms = []string{
	"council tax", "council-tax", "counciltax", "bin", "recycling", "waste", "rubbish",
	"planning", "housing", "school", "admission", "pothole", "road", "highway",
	"blue badge", "blue-badge", "bluebadge", "librar", "councillor", "fly-tip", "fly tip", "flytip",
	"register to vote", "electoral", "elections", "a-z", "a to z", "contact", "accessibility",
	"pay", "report", "apply",
	// Welsh
	"treth y cyngor", "treth-y-cyngor", "biniau", "ailgylchu", "gwastraff", "cynllunio", "tai",
	"ysgol", "ffyrdd", "bathodyn glas", "llyfrgell", "cynghorwyr", "tipio", "cofrestru i bleidleisio",
	"talu", "rhoi gwybod", "gwneud cais", "cysylltu", "hygyrchedd",
}

// servicePriority ranks a link 1 when its text or URL names a service, else 0.
func servicePriority(url, text string) int {
	t := strings.ToLower(text)
	u := strings.ToLower(url)
	for _, term := range serviceTerms {
		if startsWord(t, term) || startsWord(u, strings.ReplaceAll(term, " ", "-")) {
			return 1
		}
	}
	return 0
}

// startsWord reports whether term occurs in s at the start of a word, so
// that "tai" (Welsh for housing) matches "tai cymdeithasol" but not "details".
func startsWord(s, term string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], term)
		if j < 0 {
			return false
		}
		at := i + j
		if at == 0 || !isLetter(s[at-1]) {
			return true
		}
		i = at + 1
	}
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80 }
