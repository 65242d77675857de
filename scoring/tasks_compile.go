package scoring

import (
	"strings"
	"sync"
)

// compiledTask is a task with its patterns compiled.
type compiledTask struct {
	task            *Task
	bit, areaBit    uint32 // its bits in taskMask
	text, welshText patterns
	not, welshNot   patterns // the task's near-miss words and the catalogue's
	areas           patterns
	portals         []string
}

// nearMiss, welshNearMiss and actionTexts are the catalogue-wide lists,
// compiled.
var (
	nearMiss      = compilePatterns(NearMissTexts)
	welshNearMiss = compileWelshPatterns(WelshNearMissTexts)
	actionTexts   = compilePatterns(ActionTexts)
)

// compiledTasks returns the catalogue with its patterns compiled, once.
var compiledTasks = sync.OnceValue(func() []*compiledTask {
	var compiled []*compiledTask
	for i, t := range Tasks {
		ct := &compiledTask{task: t, bit: 1 << i, areaBit: 1 << (16 + i),
			text: compilePatterns(t.Texts), welshText: compileWelshPatterns(t.WelshTexts),
			not: append(compilePatterns(t.NotTexts), nearMiss...), welshNot: append(compileWelshPatterns(t.WelshNotTexts), welshNearMiss...),
			areas: compilePatterns(t.Areas)}
		ct.portals = append(ct.portals, t.Portals...)
		compiled = append(compiled, ct)
	}
	return compiled
})

// Match levels: a match in English ranks above one in Welsh, so that the
// English page of a bilingual site is the task's page and the Welsh one its
// twin.
const (
	levelNone  = 0
	levelWelsh = 1
	levelEn    = 2
)

// textLevel returns how the words of a link text, title or URL name match
// the task, with the page's context words cx for the patterns' "~" parts,
// and whether the context was needed.
func (ct *compiledTask) textLevel(ws, cx []string) (int, *pattern, bool) {
	p, used := ct.text.matchIn(ws, cx)
	if p != nil && !used {
		return levelEn, p, false
	}
	if q, qused := ct.welshText.matchIn(ws, cx); q != nil && (p == nil || !qused) {
		return levelWelsh, q, qused
	}
	if p != nil {
		return levelEn, p, true
	}
	return levelNone, nil, false
}

// taskMasks maps every word of the catalogue's task patterns (and of their
// areas), in each form, and the stems its inflections are cut back to, to
// the tasks whose patterns hold it: bit i for task i's names, bit 16+i for
// its areas. A text that holds no word of a task cannot name it, so the
// finder skips the task's patterns for it.
var taskMasks = sync.OnceValue(func() map[string]uint32 {
	m := map[string]uint32{}
	for i, ct := range compiledTasks() {
		for _, set := range []struct {
			ps  patterns
			bit uint32
		}{{ct.text, 1 << i}, {ct.welshText, 1 << i}, {ct.areas, 1 << (16 + i)}} {
			for _, p := range set.ps {
				for _, pt := range p.parts {
					for _, ph := range pt.alts {
						for _, w := range ph {
							for _, f := range w.forms {
								m[f] |= set.bit
							}
							if w.dropE != "" {
								m[w.dropE] |= set.bit
							}
							if w.doubled != "" {
								m[w.doubled] |= set.bit
							}
						}
					}
				}
			}
		}
	}
	return m
})

// maskSuffixes are cut from a text's words to find their stems in taskMasks.
var maskSuffixes = append([]string{"er", "ers"}, englishSuffixes...)

// taskMask returns the tasks (as in taskMasks) whose words the text holds.
func taskMask(ws []string) uint32 {
	m := taskMasks()
	var mask uint32
	for _, t := range ws {
		mask |= m[t]
		for _, suf := range maskSuffixes {
			if len(t) > len(suf) && t[len(t)-len(suf):] == suf {
				mask |= m[t[:len(t)-len(suf)]]
			}
		}
	}
	return mask
}

// nearMissIn returns the near-miss pattern the words carry, or nil.
func (ct *compiledTask) nearMissIn(ws []string) *pattern {
	if p := ct.not.match(ws); p != nil {
		return p
	}
	return ct.welshNot.match(ws)
}

// stopWords are the short words of English and Welsh that glued URL words
// are split around ("checkyourbinday", "gwneudcaisamfathodynglas").
var stopWords = []string{"a", "an", "the", "and", "or", "of", "to", "for", "in", "on", "at", "by", "my", "your", "our", "it",
	"is", "i", "do", "how", "when", "what", "who", "where", "with", "new", "get", "can", "out", "its", "y", "yr", "am", "ar",
	"eich", "fy", "sut", "mae", "o", "yn", "ei", "eu", "ich", "a", "ac", "neu"}

// urlAbbreviations are the abbreviations of URL names, read as the words
// they stand for ("planning_app_details", "regtovote").
var urlAbbreviations = map[string][]string{"app": {"application"}, "apps": {"applications"}, "reg": {"register"}}

// vocabulary returns every word of the catalogue's patterns (their forms
// and mutations), the stop words and the abbreviations: the words glued
// URL words are split into.
var vocabulary = sync.OnceValue(func() map[string]bool {
	v := map[string]bool{}
	addAll := func(ps patterns) {
		for _, p := range ps {
			for _, pt := range p.parts {
				for _, ph := range pt.alts {
					for _, w := range ph {
						for _, f := range w.forms {
							v[f] = true
						}
					}
				}
			}
		}
	}
	for _, ct := range compiledTasks() {
		for _, ps := range []patterns{ct.text, ct.welshText, ct.not, ct.welshNot, ct.areas} {
			addAll(ps)
		}
	}
	addAll(actionTexts)
	for _, fp := range []*featurePatterns{statementPatterns, azPatterns, contactPatterns} {
		addAll(fp.text)
	}
	for w := range urlAbbreviations {
		v[w] = true
	}
	return v
})

// isStopWord indexes stopWords.
var isStopWord = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range stopWords {
		m[w] = true
	}
	return m
}()

// inVocabulary reports whether a piece of a glued word is a vocabulary word
// or an English inflection of one.
func inVocabulary(v map[string]bool, s string) bool {
	if v[s] || isStopWord[s] {
		return true
	}
	for _, suf := range englishSuffixes {
		if len(s) > len(suf)+2 && strings.HasSuffix(s, suf) && v[s[:len(s)-len(suf)]] {
			return true
		}
	}
	return false
}

// maxGlued bounds the length of a glued word that is split.
const maxGlued = 48

// segment splits a glued word into vocabulary words, fewest pieces first;
// with loose, pieces outside the vocabulary are allowed (place names in
// host names: "suffolklibraries"), as long as one piece of five letters or
// more is a vocabulary word. It returns nil when the word cannot be split.
func segment(w string, loose bool) []string {
	v := vocabulary()
	if len(w) < 6 || len(w) > maxGlued || inVocabulary(v, w) {
		return nil
	}
	n := len(w)
	const inf = 1 << 30
	// cost[i] is the cost of splitting w[:i]; a vocabulary word costs 1
	// (a long one less than a run of short ones), an unknown letter 3.
	cost := make([]int, n+1)
	from := make([]int, n+1)
	known := make([]bool, n+1)
	for i := 1; i <= n; i++ {
		cost[i] = inf
		for j := 0; j < i; j++ {
			if cost[j] == inf {
				continue
			}
			// Loosely, only long vocabulary words count: short ones
			// would split any place name ("chichester").
			if piece := w[j:i]; inVocabulary(v, piece) && (!loose || len(piece) >= 5) {
				if c := cost[j] + 1; c < cost[i] {
					cost[i], from[i], known[i] = c, j, true
				}
			} else if loose {
				if c := cost[j] + 3*(i-j); c < cost[i] {
					cost[i], from[i], known[i] = c, j, false
				}
			}
		}
	}
	if cost[n] == inf {
		return nil
	}
	var pieces []string
	long := false
	for i := n; i > 0; i = from[i] {
		pieces = append(pieces, w[from[i]:i])
		if known[i] && i-from[i] >= 5 {
			long = true
		}
	}
	if len(pieces) < 2 || loose && !long {
		return nil
	}
	for i, j := 0, len(pieces)-1; i < j; i, j = i+1, j-1 {
		pieces[i], pieces[j] = pieces[j], pieces[i]
	}
	return pieces
}

// segmentAll splits the glued words of a URL segment and, in a path
// (not loose), spells out its abbreviations.
func segmentAll(ws []string, loose bool) []string {
	var out []string
	for _, w := range ws {
		pieces := segment(w, loose)
		if pieces == nil {
			pieces = []string{w}
		}
		for _, p := range pieces {
			if full, ok := urlAbbreviations[p]; ok && !loose {
				out = append(out, full...)
				continue
			}
			out = append(out, p)
		}
	}
	return out
}
