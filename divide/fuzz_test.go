package divide

import (
	"strings"
	"testing"
)

// FuzzCSVCell checks that no cell csvCell writes can start a spreadsheet
// formula, unless it is a plain number.
func FuzzCSVCell(f *testing.F) {
	for _, s := range []string{`=HYPERLINK("http://x")`, "+1", "-2+3", "@A1", "\t=1", "-7.5", "1e-07", "Adur"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := csvCell(s)
		if got != "" && strings.ContainsRune("=+-@\t\r", rune(got[0])) && !plainNumber(got) {
			t.Errorf("csvCell(%q) = %q starts a formula", s, got)
		}
		if !strings.HasSuffix(got, s) {
			t.Errorf("csvCell(%q) = %q lost text", s, got)
		}
	})
}
