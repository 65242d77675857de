package simweb

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"sort"
	"strings"
	"unicode"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/register"
)

// ReservedTLD is the top-level domain of the fictional councils' host
// names: RFC 2606 reserves "example" for documentation and tests, so no
// such name is anyone's real site, and none resolves outside a crawl that
// maps it (--resolve) to the simulated web.
const ReservedTLD = ".example"

// FictionalGSSInstance is where the fictional councils' GSS codes
// start: the real code's entity (E07, W06, S12...) and then an instance
// number above it, E07900001. ONS numbers each entity's areas from 000001
// and no entity has come near 900000, so no real area has such a code.
const FictionalGSSInstance = 900000

// Fictional returns councils like the given ones, in the same order and
// with the same tiers, nations and regions, but with invented names,
// codes, GSS codes, parent counties and host names: for a demo whose
// simulated scores must never sit beside a real council's name.
//
// Names follow their tier's conventions ("X District Council", "London
// Borough of X", "X Metropolitan Borough Council", "X County Council"...),
// built from invented English, Scottish, Welsh and Northern Irish place
// name parts by nation; none is a real council's name, and no word of a
// fictional place is a word of a real council's place (a "Salford
// District Council" is refused as firmly as "Salford City Council").
// Codes are three letters that are no council's code in the embedded
// register; GSS codes use FictionalGSSInstance. Websites keep the real one's scheme, sub-domain
// (www., new.), public suffix and path, with the council's own label
// replaced by the fictional place and ReservedTLD appended:
// https://www.welhat.gov.uk/ becomes https://www.aldworth.gov.uk.example/.
// Councils that share a website keep sharing one, under both their names
// (Adur and Worthing become a pair like aldworth-brockhurst). A shire
// district's parent county becomes the fictional name of that county when
// it is among the councils, and another invented county otherwise.
//
// The result depends only on the set of councils: the same councils, in
// any order, give the same fictional ones.
func Fictional(councils []councilbench.Council) []councilbench.Council {
	g := newFictionalNamer()
	order := make([]int, len(councils))
	for i := range order {
		order[i] = i
	}
	// Counties first, so that their districts can name them; then by code.
	sort.SliceStable(order, func(a, b int) bool {
		ca, cb := councils[order[a]], councils[order[b]]
		if (ca.Tier == councilbench.TierCounty) != (cb.Tier == councilbench.TierCounty) {
			return ca.Tier == councilbench.TierCounty
		}
		return ca.Code < cb.Code
	})
	out := make([]councilbench.Council, len(councils))
	counties := map[string]string{} // real county name → fictional
	places := map[int]string{}      // index → the fictional place
	for _, i := range order {
		c := councils[i]
		place, name := g.name(c.Tier, c.Nation)
		places[i] = place
		f := c
		f.Name = name
		f.Code = g.code(place)
		f.GSS = g.gss(c.GSS)
		if c.Tier == councilbench.TierCounty {
			counties[c.Name] = name
		}
		out[i] = f
	}
	for _, i := range order {
		pc := councils[i].ParentCounty
		if pc == "" {
			continue
		}
		if _, ok := counties[pc]; !ok {
			_, counties[pc] = g.name(councilbench.TierCounty, "England")
		}
		out[i].ParentCounty = counties[pc]
	}
	// Websites: one fictional label per real site, so that councils who
	// share a site still share one.
	bySite := map[string][]int{}
	var keys []string
	for _, i := range order {
		k, err := councilbench.SiteKey(councils[i].Website)
		if err != nil {
			k = councils[i].Website
		}
		if _, ok := bySite[k]; !ok {
			keys = append(keys, k)
		}
		bySite[k] = append(bySite[k], i)
	}
	for _, k := range keys {
		var words []string
		for _, i := range bySite[k] {
			words = append(words, slugWords(places[i], g.rng.IntN(2) == 0))
		}
		label := strings.Join(words, "-")
		for _, i := range bySite[k] {
			out[i].Website = fictionalWebsite(councils[i].Website, label)
		}
	}
	return out
}

// fictionalNamer hands out fictional places, codes and GSS codes, each
// once, none a real council's.
type fictionalNamer struct {
	rng       *rand.Rand
	realWords map[string]bool // lower-cased words of the real councils' places
	realNames map[string]bool // lower-cased real council names
	realCodes map[string]bool
	realGSS   map[string]bool
	used      map[string]bool // places, codes and GSS codes handed out
	gssNext   map[string]int  // entity → last instance handed out
}

func newFictionalNamer() *fictionalNamer {
	g := &fictionalNamer{
		rng:       rand.New(rand.NewPCG(0xf1c7, 0x10a1)),
		realWords: map[string]bool{}, realNames: map[string]bool{}, realCodes: map[string]bool{}, realGSS: map[string]bool{},
		used: map[string]bool{}, gssNext: map[string]int{},
	}
	for _, c := range register.Embedded() {
		g.realNames[strings.ToLower(c.Name)] = true
		g.realCodes[strings.ToUpper(c.Code)] = true
		g.realGSS[strings.ToUpper(c.GSS)] = true
		for _, w := range nameWords(placeName(c.Name)) {
			if !genericWords[w] {
				g.realWords[w] = true
			}
		}
	}
	return g
}

// genericWords are words of real councils' places that say where or what,
// not which: a fictional place may use them ("North Aldworth").
var genericWords = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "mid": true, "and": true, "of": true, "the": true,
	"city": true, "county": true, "borough": true, "district": true, "royal": true, "upon": true, "on": true, "in": true,
}

// nameWords returns the lower-cased words of a name.
func nameWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
}

// Invented place-name parts by nation: a first part and an ending.
var (
	englishFirst  = []string{"Ald", "Amber", "Bram", "Brock", "Cadle", "Chal", "Cran", "Elm", "Fal", "Fen", "Gold", "Hawk", "Kes", "Lark", "Marl", "Nether", "Oak", "Pen", "Quen", "Rook", "Sal", "Thorn", "Wend", "Whit", "Wold", "Yar"}
	englishEnd    = []string{"bury", "by", "combe", "den", "field", "ford", "ham", "hurst", "ley", "mere", "minster", "stead", "stow", "thorpe", "ton", "well", "wick", "worth", "bridge", "brook"}
	countyFirst   = []string{"Ald", "Bram", "Brock", "Cran", "Elm", "Fen", "Hawk", "Lark", "Marl", "Oak", "Rook", "Thorn", "Wend", "Wold", "Bran", "Cold"}
	scottishFirst = []string{"Auchen", "Bal", "Craig", "Drum", "Dun", "Glen", "Inver", "Kil", "Kin", "Strath", "Ard", "Loch"}
	scottishEnd   = []string{"more", "lochy", "dale", "airn", "carron", "ross", "garry", "beg", "mond", "lie", "ellan", "tully"}
	welshFirst    = []string{"Aber", "Llan", "Pen", "Cwm", "Bryn", "Caer", "Tre", "Pont", "Nant", "Maes", "Glyn", "Rhyd"}
	welshEnd      = []string{"celyn", "derwen", "eithin", "onnen", "rhos", "wern", "gwyn", "ddu", "fawr", "fach", "garth", "hir"}
	irishFirst    = []string{"Bally", "Carrick", "Drum", "Knock", "Lis", "Magher", "Tully", "Clough", "Dromo", "Killy"}
	irishEnd      = []string{"more", "beg", "glass", "keel", "nure", "fern", "garvan", "lough", "hill", "mona"}
	directions    = []string{"North ", "South ", "East ", "West ", "Mid "}
)

// namePattern is one way a tier names its councils, with its weight.
type namePattern struct {
	format string // %s is the place
	weight int
}

// tierPatterns are the naming conventions of each tier (Scotland's and
// Wales's unitaries have their own).
var tierPatterns = map[string][]namePattern{
	string(councilbench.TierShireDistrict): {{"%s District Council", 5}, {"%s Borough Council", 4}, {"%s City Council", 1}},
	string(councilbench.TierCounty):        {{"%s County Council", 1}},
	string(councilbench.TierUnitary):       {{"%s Council", 5}, {"%s Borough Council", 3}, {"%s City Council", 2}},
	"unitary/Scotland":                     {{"%s Council", 7}, {"%s City Council", 3}},
	"unitary/Wales":                        {{"%s County Council", 4}, {"%s County Borough Council", 4}, {"%s Council", 2}},
	string(councilbench.TierMetropolitan):  {{"%s Metropolitan Borough Council", 5}, {"%s City Council", 3}, {"%s Council", 2}},
	string(councilbench.TierLondonBorough): {{"London Borough of %s", 9}, {"Royal Borough of %s", 1}},
	string(councilbench.TierDistrict):      {{"%s Borough Council", 9}, {"%s District Council", 7}, {"%s City Council", 4}},
}

// name returns a new fictional place and the council name of the tier
// and nation for it.
func (g *fictionalNamer) name(tier councilbench.Tier, nation string) (place, name string) {
	pats := tierPatterns[string(tier)+"/"+nation]
	if pats == nil {
		pats = tierPatterns[string(tier)]
	}
	if pats == nil {
		pats = []namePattern{{"%s Council", 1}}
	}
	total := 0
	for _, p := range pats {
		total += p.weight
	}
	for attempt := 0; ; attempt++ {
		place = g.place(tier, nation, attempt)
		k := g.rng.IntN(total)
		pat := pats[0]
		for _, p := range pats {
			if k < p.weight {
				pat = p
				break
			}
			k -= p.weight
		}
		name = fmt.Sprintf(pat.format, place)
		if !g.used["place:"+strings.ToLower(place)] && !g.realNames[strings.ToLower(name)] && !g.real(place) {
			g.used["place:"+strings.ToLower(place)] = true
			return place, name
		}
	}
}

// real reports whether any word of the place is a word of a real
// council's place.
func (g *fictionalNamer) real(place string) bool {
	for _, w := range nameWords(place) {
		if g.realWords[w] {
			return true
		}
	}
	return false
}

// place makes a fictional place name for a council of the tier and nation:
// a first part not used yet while there are others to try, and an ending
// that does not start with the letter the first part ends with
// ("Elmminster"). After many attempts it adds a direction, so that it
// always ends.
func (g *fictionalNamer) place(tier councilbench.Tier, nation string, attempt int) string {
	first, end := englishFirst, englishEnd
	switch nation {
	case "Scotland":
		first, end = scottishFirst, scottishEnd
	case "Wales":
		first, end = welshFirst, welshEnd
	case "Northern Ireland":
		first, end = irishFirst, irishEnd
	}
	if tier == councilbench.TierCounty {
		first, end = countyFirst, []string{"shire"}
	}
	var f, e string
	for try := 0; ; try++ {
		f, e = first[g.rng.IntN(len(first))], end[g.rng.IntN(len(end))]
		if f[len(f)-1] != e[0] && (!g.used["first:"+f] || try > 4*len(first)) {
			break
		}
	}
	g.used["first:"+f] = true
	p := f + e
	// A few councils, and any that found no free name, have a direction.
	if attempt > 50 || (tier != councilbench.TierLondonBorough && g.rng.IntN(8) == 0) {
		p = directions[g.rng.IntN(len(directions))] + p
	}
	return p
}

// code returns a three-letter code for the place that no real council and
// no earlier fictional one has: its first three letters (a direction gives
// only its initial: NBR for North Bramton) if free, else the first letter
// and two later ones, else any free three letters.
func (g *fictionalNamer) code(place string) string {
	ws := nameWords(place)
	if len(ws) > 1 {
		ws[0] = ws[0][:1]
	}
	letters := []rune(strings.ToUpper(strings.Join(ws, "")))
	free := func(c string) bool { return !g.realCodes[c] && !g.used["code:"+c] }
	take := func(c string) string { g.used["code:"+c] = true; return c }
	for i := 1; i < len(letters); i++ {
		for j := i + 1; j < len(letters); j++ {
			if c := string([]rune{letters[0], letters[i], letters[j]}); free(c) {
				return take(c)
			}
		}
	}
	for {
		c := string([]rune{rune('A' + g.rng.IntN(26)), rune('A' + g.rng.IntN(26)), rune('A' + g.rng.IntN(26))})
		if free(c) {
			return take(c)
		}
	}
}

// gss returns a fictional GSS code of the real code's entity (its first
// three characters), or "" when the real code is not a nine-character one.
func (g *fictionalNamer) gss(real string) string {
	if len(real) != 9 {
		return ""
	}
	entity := strings.ToUpper(real[:3])
	g.gssNext[entity]++
	return fmt.Sprintf("%s%06d", entity, FictionalGSSInstance+g.gssNext[entity])
}

// slugWords returns the place as a host name label: lower case, its words
// run together or joined by hyphens.
func slugWords(place string, hyphens bool) string {
	sep := ""
	if hyphens {
		sep = "-"
	}
	return strings.Join(nameWords(place), sep)
}

// publicSuffixes are the suffixes councils' host names end with, longest
// first.
var publicSuffixes = []string{".gov.uk", ".gov.wales", ".llyw.cymru", ".gov.scot", ".org.uk", ".co.uk", ".uk", ".wales", ".scot", ".com", ".org", ".net", ".info"}

// fictionalWebsite returns the real website's URL with its own label (the
// one before the public suffix) replaced by label and ReservedTLD after
// the host: https://www.welhat.gov.uk/home → https://www.label.gov.uk.example/home.
func fictionalWebsite(real, label string) string {
	u, err := url.Parse(real)
	if err != nil || u.Hostname() == "" {
		return "https://www." + label + ".gov.uk" + ReservedTLD + "/"
	}
	host := strings.ToLower(u.Hostname())
	suffix := ".gov.uk" // for a host of one label
	if i := strings.LastIndexByte(host, '.'); i > 0 {
		suffix = host[i:]
	}
	for _, s := range publicSuffixes {
		if strings.HasSuffix(host, s) && len(host) > len(s) {
			suffix = s
			break
		}
	}
	rest := strings.TrimSuffix(host, suffix) // "www.welhat"
	prefix := ""
	if i := strings.LastIndexByte(rest, '.'); i >= 0 {
		prefix = rest[:i+1]
	}
	u.Host = prefix + label + suffix + ReservedTLD
	if p := u.Port(); p != "" {
		u.Host += ":" + p
	}
	// Nothing else of the real URL (a query naming the council) is kept.
	u.RawQuery, u.Fragment, u.User = "", "", nil
	return u.String()
}

// reservedSuffix returns ReservedTLD when the site key is under it, else "".
func reservedSuffix(key string) string {
	if strings.HasSuffix(key, ReservedTLD) {
		return ReservedTLD
	}
	return ""
}
