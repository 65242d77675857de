package register

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/councilbench/councilbench"
)

// FuzzParse checks that Parse never panics, that its errors are *Error
// values (or wrap a failure to read, which cannot happen here), and that the
// councils it returns are all valid. The seed corpus is the testdata files
// and the files in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.csv"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, err := Parse(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			if cs != nil {
				t.Errorf("got %v councils with error %v, want none", len(cs), err)
			}
			errs := []error{err}
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				errs = j.Unwrap()
			}
			for _, e := range errs {
				var re *Error
				if !errors.As(e, &re) || re.File != "fuzz.csv" || re.Line < 1 {
					t.Errorf("got error %T %v, want a *Error for fuzz.csv with a line", e, e)
				}
			}
			return
		}
		if len(cs) == 0 {
			t.Fatalf("got no councils and no error")
		}
		seen := make(map[string]bool)
		for _, c := range cs {
			code := strings.ToUpper(c.Code)
			if code == "" || strings.ContainsAny(code, ", \t\r\n") || seen[code] {
				t.Errorf("bad or repeated code %q", c.Code)
			}
			seen[code] = true
			if strings.TrimSpace(c.Name) == "" {
				t.Errorf("%s: empty name", c.Code)
			}
			if _, err := councilbench.ParseTier(string(c.Tier)); err != nil {
				t.Errorf("%s: %v", c.Code, err)
			}
			if n, err := ParseNation(c.Nation); err != nil || n != c.Nation {
				t.Errorf("%s: nation %q is not canonical (%v)", c.Code, c.Nation, err)
			}
			if _, err := councilbench.SiteKey(c.Website); err != nil {
				t.Errorf("%s: website %q: %v", c.Code, c.Website, err)
			}
		}
		// What Parse accepts, Write writes and Parse reads back the same.
		var buf bytes.Buffer
		if err := Write(&buf, cs); err != nil {
			t.Fatal(err)
		}
		again, err := Parse(&buf, "again.csv")
		if err != nil {
			t.Fatalf("reading back what Write wrote: %v", err)
		}
		if len(again) != len(cs) {
			t.Fatalf("read back %v councils, want %v", len(again), len(cs))
		}
		for i := range cs {
			if again[i] != cs[i] {
				t.Errorf("read back %+v, want %+v", again[i], cs[i])
			}
		}
	})
}
