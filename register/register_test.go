package register

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
)

func TestEmbedded(t *testing.T) {
	cs := Embedded()
	if got, want := len(cs), 382; got != want {
		t.Fatalf("got %v councils, want %v", got, want)
	}
	tiers := make(map[councilbench.Tier]int)
	nations := make(map[string]int)
	for _, c := range cs {
		tiers[c.Tier]++
		nations[c.Nation]++
	}
	wantTiers := map[councilbench.Tier]int{
		councilbench.TierShireDistrict: 164,
		councilbench.TierCounty:        21,
		councilbench.TierUnitary:       117,
		councilbench.TierMetropolitan:  36,
		councilbench.TierLondonBorough: 33,
		councilbench.TierDistrict:      11,
	}
	if !reflect.DeepEqual(tiers, wantTiers) {
		t.Errorf("tier counts: got %v, want %v", tiers, wantTiers)
	}
	wantNations := map[string]int{"England": 317, "Scotland": 32, "Wales": 22, "Northern Ireland": 11}
	if !reflect.DeepEqual(nations, wantNations) {
		t.Errorf("nation counts: got %v, want %v", nations, wantNations)
	}

	// The first row, field by field.
	want := councilbench.Council{
		Code: "CAM", GSS: "E10000003", Name: "Cambridgeshire County Council",
		Tier: councilbench.TierCounty, Nation: "England", Region: "East of England",
		Website: "https://www.cambridgeshire.gov.uk/",
	}
	if cs[0] != want {
		t.Errorf("first council: got %+v, want %+v", cs[0], want)
	}
	// A quoted name with commas.
	for _, c := range cs {
		if c.Code == "BPC" {
			if got, want := c.Name, "Bournemouth, Christchurch and Poole Council"; got != want {
				t.Errorf("BPC name: got %q, want %q", got, want)
			}
		}
	}
}

func TestEmbeddedIsACopy(t *testing.T) {
	a := Embedded()
	a[0].Name = "changed"
	b := Embedded()
	if got, want := b[0].Name, "Cambridgeshire County Council"; got != want {
		t.Errorf("after changing a copy: got %q, want %q", got, want)
	}
}

func TestEmbeddedSites(t *testing.T) {
	groups := Sites(Embedded())
	if got, want := len(groups), 379; got != want {
		t.Fatalf("got %v site groups, want %v", got, want)
	}
	var shared [][]string
	for _, g := range groups {
		if len(g.Councils) > 1 {
			var codes []string
			for _, c := range g.Councils {
				codes = append(codes, c.Code)
			}
			shared = append(shared, codes)
		}
	}
	if got, want := len(shared), 3; got != want {
		t.Errorf("got %v shared sites %v, want %v", got, shared, want)
	}
	found := false
	for _, codes := range shared {
		if reflect.DeepEqual(codes, []string{"ADU", "WOT"}) {
			found = true
		}
	}
	if !found {
		t.Errorf("shared sites: got %v, want ADU and WOT together", shared)
	}
}

func TestSites(t *testing.T) {
	c := func(code, website string) councilbench.Council {
		return councilbench.Council{Code: code, Website: website}
	}
	cs := []councilbench.Council{
		c("B", "https://www.b.example/"),
		c("A1", "http://A.example:8080/home"),
		c("C", "https://c.example/"),
		c("A2", "https://www.a.example/"),
		c("X", "not a url"),
	}
	got := Sites(cs)
	want := []SiteGroup{
		{Key: "b.example", StartURL: "https://www.b.example/", Councils: cs[0:1]},
		{Key: "a.example", StartURL: "http://A.example:8080/home", Councils: []councilbench.Council{cs[1], cs[3]}},
		{Key: "c.example", StartURL: "https://c.example/", Councils: cs[2:3]},
		{Key: "not a url", StartURL: "not a url", Councils: cs[4:5]},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if got := Sites(nil); len(got) != 0 {
		t.Errorf("Sites(nil): got %v, want none", got)
	}
}

func TestLoadGood(t *testing.T) {
	cs, err := Load(filepath.Join("testdata", "good.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := []councilbench.Council{
		{Code: "ADU", GSS: "E07000223", Name: "Adur District Council", Tier: councilbench.TierShireDistrict,
			Nation: "England", Region: "South East", Website: "https://www.adur-worthing.gov.uk/"},
		{Code: "WOT", GSS: "E07000229", Name: "Worthing Borough Council", Tier: councilbench.TierShireDistrict,
			Nation: "England", Region: "South East", Website: "https://www.adur-worthing.gov.uk/"},
		{Code: "BFS", GSS: "N09000003", Name: "Belfast City Council", Tier: councilbench.TierDistrict,
			Nation: "Northern Ireland", Region: "Northern Ireland", Website: "https://www.belfastcity.gov.uk"},
		{Code: "KEN", GSS: "E10000016", Name: "Kent County Council, Maidstone", Tier: councilbench.TierCounty,
			Nation: "England", Region: "South East", Website: "http://WWW.Kent.gov.uk:80/home"},
	}
	if !reflect.DeepEqual(cs, want) {
		t.Errorf("got %+v, want %+v", cs, want)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.csv"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("got %v, want an error that is os.ErrNotExist", err)
	}
}

func TestParseBad(t *testing.T) {
	tests := []struct {
		file  string
		line  int
		field string
		msg   string // part of the message
	}{
		{"bad-missing-column.csv", 1, "website", "missing column"},
		{"bad-duplicate-column.csv", 1, "code", "twice"},
		{"bad-unknown-tier.csv", 3, "tier", `unknown tier "parish"`},
		{"bad-url-no-scheme.csv", 2, "website", "not an absolute http or https URL"},
		{"bad-url-ftp.csv", 2, "website", `scheme "ftp"`},
		{"bad-url-no-host.csv", 2, "website", "no host"},
		{"bad-duplicate-code.csv", 4, "code", "first on line 2"},
		{"bad-short-row.csv", 3, "", "5 fields, want 9"},
		{"bad-empty.csv", 1, "", "empty file"},
		{"bad-header-only.csv", 1, "", "no councils"},
		{"bad-none-current.csv", 2, "", "current=false"},
		{"bad-quote.csv", 2, "", "quote"},
		{"bad-empty-code.csv", 2, "code", "empty"},
		{"bad-empty-name.csv", 2, "name", "empty"},
		{"bad-nation.csv", 2, "nation", `unknown nation "Cornwall"`},
		{"bad-current.csv", 2, "current", `"maybe" is not true or false`},
		{"bad-after-blank-line.csv", 4, "tier", "unknown tier"},
		{"bad-after-multiline.csv", 4, "current", "yes please"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			cs, err := Load(path)
			if err == nil {
				t.Fatalf("got %v councils and no error, want an error", len(cs))
			}
			if cs != nil {
				t.Errorf("got %v councils with the error, want none", len(cs))
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %T %v, want a *Error", err, err)
			}
			if e.File != path {
				t.Errorf("File: got %v, want %v", e.File, path)
			}
			if e.Line != tt.line {
				t.Errorf("Line: got %v, want %v (%v)", e.Line, tt.line, e)
			}
			if e.Field != tt.field {
				t.Errorf("Field: got %v, want %v (%v)", e.Field, tt.field, e)
			}
			if !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("Msg: got %q, want it to contain %q", e.Msg, tt.msg)
			}
		})
	}
}

func TestErrorString(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{File: "r.csv", Line: 3, Field: "tier", Msg: "bad"}, "r.csv:3: field tier: bad"},
		{&Error{File: "r.csv", Line: 1, Msg: "empty file"}, "r.csv:1: empty file"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got %v, want %v", got, tt.want)
		}
	}
}

// TestParseManyErrors checks that Parse reports every problem, up to ten,
// each as an *Error, and then stops.
func TestParseManyErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("code,gss,name,tier,nation,region,website\n")
	b.WriteString("AAA,,A,parish,England,,https://a.example/\n") // line 2: tier
	b.WriteString("BBB,,,county,England,,ftp://b.example/\n")    // line 3: name, website
	for range 20 {
		b.WriteString("CCC,,C,county,Mars,,https://c.example/\n") // nation, then code
	}
	_, err := Parse(strings.NewReader(b.String()), "many.csv")
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("got %T %v, want errors joined", err, err)
	}
	errs := joined.Unwrap()
	if got, want := len(errs), maxErrors+1; got != want {
		t.Fatalf("got %v errors, want %v:\n%v", got, want, err)
	}
	want := []struct {
		line  int
		field string
	}{{2, "tier"}, {3, "name"}, {3, "website"}, {4, "nation"}, {5, "code"}, {5, "nation"}}
	for i, w := range want {
		e, ok := errs[i].(*Error)
		if !ok {
			t.Fatalf("error %d: got %T, want *Error", i, errs[i])
		}
		if e.Line != w.line || e.Field != w.field {
			t.Errorf("error %d: got line %v field %v, want line %v field %v", i, e.Line, e.Field, w.line, w.field)
		}
	}
	last, ok := errs[len(errs)-1].(*Error)
	if !ok || !strings.Contains(last.Msg, "too many errors") {
		t.Errorf("last error: got %v, want too many errors", errs[len(errs)-1])
	}
}

func TestWriteRoundTrip(t *testing.T) {
	want := Embedded()
	var buf bytes.Buffer
	if err := Write(&buf, want); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte(strings.Join(Columns, ",")+"\n")) {
		t.Errorf("got header %q, want %q", strings.SplitN(buf.String(), "\n", 2)[0], strings.Join(Columns, ","))
	}
	got, err := Parse(&buf, "written.csv")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back %v councils that differ from the %v written", len(got), len(want))
	}
}
