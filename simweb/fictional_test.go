package simweb

import (
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/register"
)

// realNeedles returns, for every council of the embedded register, its
// name and its place (the name without "District Council", "London
// Borough of" and the like), which a fictional council's name must not
// hold as whole words.
func realNeedles() []*regexp.Regexp {
	var out []*regexp.Regexp
	seen := map[string]bool{}
	for _, c := range register.Embedded() {
		for _, s := range []string{c.Name, placeName(c.Name)} {
			if !seen[s] {
				seen[s] = true
				out = append(out, regexp.MustCompile(`(?i)(^|[^\pL])`+regexp.QuoteMeta(s)+`($|[^\pL])`))
			}
		}
	}
	return out
}

// tierName is the form of each tier's fictional names.
var tierName = map[councilbench.Tier]*regexp.Regexp{
	councilbench.TierShireDistrict: regexp.MustCompile(`^[A-Z][a-z]+( [A-Z][a-z]+)? (District|Borough|City) Council$`),
	councilbench.TierCounty:        regexp.MustCompile(`^([A-Z][a-z]+ )?[A-Z][a-z]+shire County Council$`),
	councilbench.TierUnitary:       regexp.MustCompile(`^[A-Z][a-z]+( [A-Z][a-z]+)? (Borough |City |County |County Borough )?Council$`),
	councilbench.TierMetropolitan:  regexp.MustCompile(`^[A-Z][a-z]+( [A-Z][a-z]+)? (Metropolitan Borough |City )?Council$`),
	councilbench.TierLondonBorough: regexp.MustCompile(`^(London|Royal) Borough of [A-Z][a-z]+$`),
	councilbench.TierDistrict:      regexp.MustCompile(`^[A-Z][a-z]+( [A-Z][a-z]+)? (District|Borough|City) Council$`),
}

func TestFictional(t *testing.T) {
	needles := realNeedles()
	realCode, realGSS := map[string]bool{}, map[string]bool{}
	for _, c := range register.Embedded() {
		realCode[c.Code], realGSS[c.GSS] = true, true
	}
	gssForm := regexp.MustCompile(`^[ENSW]\d{8}$`)
	for name, in := range map[string][]councilbench.Council{"demo-like": demoCouncils(), "register": register.Embedded()} {
		t.Run(name, func(t *testing.T) {
			out := Fictional(in)
			if got, want := len(out), len(in); got != want {
				t.Fatalf("%d councils, want %d", got, want)
			}
			names, codes, gss := map[string]bool{}, map[string]bool{}, map[string]bool{}
			realSite := map[string]string{} // fictional site key → the real one
			fictSite := map[string]string{} // real site key → the fictional one
			byName := map[string]councilbench.Council{}
			for i, c := range in {
				f := out[i]
				byName[c.Name] = f
				if f.Tier != c.Tier || f.Nation != c.Nation || f.Region != c.Region {
					t.Errorf("%s: tier, nation, region %s %s %s, want %s %s %s", f.Name, f.Tier, f.Nation, f.Region, c.Tier, c.Nation, c.Region)
				}
				for _, n := range []string{f.Name, f.ParentCounty} {
					for _, re := range needles {
						if n != "" && re.MatchString(n) {
							t.Errorf("fictional name %q holds a real council's name or place (%s)", n, re)
						}
					}
				}
				if re := tierName[f.Tier]; !re.MatchString(f.Name) {
					t.Errorf("%s council named %q, want the form %s", f.Tier, f.Name, re)
				}
				if names[f.Name] || codes[f.Code] || (f.GSS != "" && gss[f.GSS]) {
					t.Errorf("%s (%s, %s): name, code or GSS code given twice", f.Name, f.Code, f.GSS)
				}
				names[f.Name], codes[f.Code], gss[f.GSS] = true, true, true
				if realCode[f.Code] || len(f.Code) != 3 || strings.ToUpper(f.Code) != f.Code {
					t.Errorf("%s: code %q is a real council's or not three capitals", f.Name, f.Code)
				}
				if c.GSS != "" {
					n, _ := strconv.Atoi(f.GSS[3:])
					if realGSS[f.GSS] || !gssForm.MatchString(f.GSS) || f.GSS[:3] != c.GSS[:3] || n <= FictionalGSSInstance {
						t.Errorf("%s: GSS code %q (real %s): want the real one's entity and an instance over %d", f.Name, f.GSS, c.GSS, FictionalGSSInstance)
					}
				}
				if (f.ParentCounty == "") != (c.ParentCounty == "") {
					t.Errorf("%s: parent county %q for the real %q", f.Name, f.ParentCounty, c.ParentCounty)
				}
				fk, err := councilbench.SiteKey(f.Website)
				if err != nil || !strings.HasSuffix(fk, ".example") {
					t.Errorf("%s: website %q is not under .example (%v)", f.Name, f.Website, err)
				}
				rk, _ := councilbench.SiteKey(c.Website)
				if r, ok := realSite[fk]; ok && r != rk {
					t.Errorf("%s: site %s shared by councils of the real sites %s and %s", f.Name, fk, r, rk)
				}
				if k, ok := fictSite[rk]; ok && k != fk {
					t.Errorf("%s: the real site %s became %s and %s", f.Name, rk, k, fk)
				}
				realSite[fk], fictSite[rk] = rk, fk
				if c.Nation == "Wales" && !strings.Contains(f.Website, ".gov.wales.example") && strings.Contains(c.Website, ".gov.wales") {
					t.Errorf("%s: website %q, want the real one's .gov.wales", f.Name, f.Website)
				}
			}
			// A district whose county is among the councils names it.
			for i, c := range in {
				if p, ok := byName[c.ParentCounty]; ok && out[i].ParentCounty != p.Name {
					t.Errorf("%s: parent county %q, want %q (the fictional %s)", out[i].Name, out[i].ParentCounty, p.Name, c.ParentCounty)
				}
			}
			// The same councils in another order give the same councils.
			perm := rand.New(rand.NewPCG(1, 2)).Perm(len(in))
			shuffled := make([]councilbench.Council, len(in))
			for i, j := range perm {
				shuffled[i] = in[j]
			}
			for i, f := range Fictional(shuffled) {
				if f != out[perm[i]] {
					t.Fatalf("shuffled: %+v, want %+v", f, out[perm[i]])
				}
			}
		})
	}
}

// TestFictionalWeb builds the simulated web of fictional councils: every
// host it serves is under .example, the pair that shared a site still
// does, and Welsh councils' sites are still bilingual.
func TestFictionalWeb(t *testing.T) {
	in := demoCouncils()
	out := Fictional(in)
	opts := DefaultOptions()
	opts.Seed = 7
	web, err := New(out, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range web.Hosts() {
		if !strings.HasSuffix(h, ".example") {
			t.Errorf("host %s is not under .example", h)
		}
	}
	code := map[string]string{} // real code → fictional
	for i, c := range in {
		code[c.Code] = out[i].Code
	}
	welsh := map[string]bool{}
	for i, c := range in {
		if c.Nation == "Wales" {
			welsh[out[i].Code] = true
		}
	}
	sawPair, sawWelsh := false, 0
	for _, s := range web.Manifest().Sites {
		if len(s.Councils) == 2 {
			got := map[string]bool{s.Councils[0]: true, s.Councils[1]: true}
			sawPair = got[code["ADU"]] && got[code["WOT"]]
			if !strings.Contains(s.Name, " & ") {
				t.Errorf("shared site named %q, want both councils' places", s.Name)
			}
		}
		if welsh[s.Councils[0]] {
			sawWelsh++
			if !s.Welsh {
				t.Errorf("site %s of a Welsh council is not bilingual", s.Key)
			}
		}
	}
	if !sawPair {
		t.Errorf("the fictional Adur and Worthing do not share a site")
	}
	if got, want := sawWelsh, len(welsh); got != want {
		t.Errorf("%d Welsh councils' sites, want %d", got, want)
	}
}

func TestFictionalWebsite(t *testing.T) {
	for _, tc := range []struct{ real, want string }{
		{"https://www.welhat.gov.uk/", "https://www.aldworth.gov.uk.example/"},
		{"http://thanet.gov.uk/", "http://aldworth.gov.uk.example/"},
		{"https://new.enfield.gov.uk/", "https://new.aldworth.gov.uk.example/"},
		{"https://www.carmarthenshire.gov.wales/home/council-services/", "https://www.aldworth.gov.wales.example/home/council-services/"},
		{"https://www.derrystrabane.com", "https://www.aldworth.com.example"},
		{"https://www.x.gov.uk/?council=x#top", "https://www.aldworth.gov.uk.example/"},
	} {
		if got := fictionalWebsite(tc.real, "aldworth"); got != tc.want {
			t.Errorf("fictionalWebsite(%q) = %q, want %q", tc.real, got, tc.want)
		}
	}
}
