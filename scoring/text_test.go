package scoring

import (
	"math"
	"testing"
	"unicode"
)

// TestJSSpace checks jsSpace against Go's unicode.IsSpace, from which
// JavaScript's white space differs by U+0085 (not space to JavaScript)
// and U+FEFF (space).
func TestJSSpace(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := unicode.IsSpace(r)
		if r == 0x85 || r == 0xfeff {
			want = !want
		}
		if jsSpace(r) != want {
			t.Errorf("jsSpace(%U) = %v", r, !want)
		}
	}
}

// TestParseNumbers checks HTML's rules for parsing integers and
// JavaScript's parseInt and parseFloat on the values the rules meet.
func TestParseNumbers(t *testing.T) {
	for _, c := range []struct {
		s                   string
		integer, nonNeg, js int
		ok, nonNegOK, jsOK  bool
	}{
		{"2", 2, 2, 2, true, true, true},
		{" 2px", 2, 2, 2, true, true, true},
		{"+3", 3, 3, 3, true, true, true},
		{"-1", -1, 0, -1, true, false, true},
		{"-0", 0, 0, 0, true, true, true},
		{"0.5", 0, 0, 0, true, true, true},
		{"", 0, 0, 0, false, false, false},
		{"px", 0, 0, 0, false, false, false},
		{"\u00a07", 0, 0, 7, false, false, true}, // a no-break space is JavaScript's white space, not HTML's
		{"\u00857", 0, 0, 0, false, false, false},
		{"99999999999", 999999999, 999999999, 999999999, true, true, true}, // capped
	} {
		if n, ok := parseInteger(c.s); n != c.integer || ok != c.ok {
			t.Errorf("parseInteger(%q) = %d, %v", c.s, n, ok)
		}
		if n, ok := parseNonNegInt(c.s); n != c.nonNeg || ok != c.nonNegOK {
			t.Errorf("parseNonNegInt(%q) = %d, %v", c.s, n, ok)
		}
		if n, ok := jsParseInt(c.s); n != c.js || ok != c.jsOK {
			t.Errorf("jsParseInt(%q) = %d, %v", c.s, n, ok)
		}
	}
	for _, c := range []struct {
		s  string
		f  float64
		ok bool
	}{
		{"2", 2, true}, {" 2.5x", 2.5, true}, {".5", 0.5, true}, {"1e1", 10, true}, {"1e", 1, true},
		{"-Infinity", math.Inf(-1), true}, {"x", 0, false}, {".", 0, false}, {"\ufeff3", 3, true},
	} {
		if f, ok := jsParseFloat(c.s); f != c.f || ok != c.ok {
			t.Errorf("jsParseFloat(%q) = %v, %v", c.s, f, ok)
		}
	}
}

// TestSanitize checks sanitize against axe-core's: CRLF to LF, no-break
// spaces to spaces, runs of two or more white-space characters to one
// space, trimmed.
func TestSanitize(t *testing.T) {
	for s, want := range map[string]string{
		"":                     "",
		"  a  b \n":            "a b",
		"a\nb":                 "a\nb",
		"a\r\nb":               "a\nb",
		"a\u00a0b":             "a b",
		"\ufeffa\u2003\u2003b": "a b",
		"a\u0085b":             "a\u0085b",
	} {
		if got := sanitize(s); got != want {
			t.Errorf("sanitize(%q) = %q, want %q", s, got, want)
		}
	}
}
