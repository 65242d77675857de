package divide

import (
	"math"
	"strconv"
	"strings"
)

// minus is the minus sign of text for people (U+2212); machine formats use
// the ASCII hyphen-minus.
const minus = "\u2212"

// dash stands for a value that does not exist.
const dash = "–"

// fixed formats x with dec decimals for people: a true minus sign, never
// "−0", and a dash for NaN.
func fixed(x float64, dec int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return dash
	}
	s := strconv.FormatFloat(x, 'f', dec, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	if strings.HasPrefix(s, "-") {
		s = minus + s[1:]
	}
	return s
}

// roundSig rounds x to 10 significant digits, so that machine output does
// not depend on the last bits of floating-point arithmetic (which may vary
// with the platform's fused multiply-adds).
func roundSig(x float64) float64 {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 10, 64), 64)
	if v == 0 {
		return 0 // no negative zero
	}
	return v
}

// machine formats x for JSON and CSV: rounded to 10 significant digits,
// as short as possible, without an exponent unless tiny or huge; "" for NaN.
func machine(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	v := roundSig(x)
	abs := math.Abs(v)
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// FormatValue formats a value of a measure in unit for people.
func FormatValue(unit string, x float64) string {
	switch unit {
	case UnitPoints:
		return fixed(x, 1)
	case UnitStars:
		return fixed(x, 2)
	case UnitShare:
		if math.IsNaN(x) {
			return dash
		}
		return fixed(100*x, 1) + "%"
	case UnitBytes:
		if math.IsNaN(x) {
			return dash
		}
		return fixed(x/1000, 0) + " KB"
	}
	return fixed(x, 3)
}

// FormatDifference formats a difference of values in unit for people (see
// DifferenceUnit for the unit to name after it).
func FormatDifference(unit string, x float64) string {
	switch unit {
	case UnitPoints:
		return fixed(x, 1)
	case UnitStars:
		return fixed(x, 2)
	case UnitShare:
		return fixed(100*x, 1)
	case UnitBytes:
		return fixed(x/1000, 0)
	}
	return fixed(x, 3)
}

// DifferenceUnit names the unit of a difference.
func DifferenceUnit(unit string) string {
	switch unit {
	case UnitPoints:
		return "points"
	case UnitStars:
		return "stars"
	case UnitShare:
		return "percentage points"
	case UnitBytes:
		return "KB"
	}
	return ""
}

// pValue formats a p-value for people.
func pValue(p float64) string {
	switch {
	case math.IsNaN(p):
		return dash
	case p < 0.001:
		return "<0.001"
	}
	return fixed(p, 3)
}

// oneLine collapses the whitespace of text taken from a register (names,
// reasons, regions) so that it cannot break a line-oriented format.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 || r == 0x85 {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// mdText escapes text taken from a register for Markdown: no markup,
// links, autolinks, raw HTML or table cells can come out of it.
func mdText(s string) string {
	var b strings.Builder
	s = oneLine(s)
	for i, r := range s {
		switch {
		case strings.ContainsRune("\\`*_[]<>|#!~{}", r),
			i == 0 && strings.ContainsRune("-+=", r),
			r == ':' && strings.HasPrefix(s[i:], "://"):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// plainNumber reports whether s is a number as machine writes it, which no
// spreadsheet reads as a formula even when it starts with a minus sign.
func plainNumber(s string) bool {
	if s == "" || s[0] == '+' {
		return false
	}
	if _, err := strconv.ParseFloat(s, 64); err != nil {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789.-e+", r) {
			return false // Inf, NaN, hex, underscores
		}
	}
	return true
}

// csvCell makes s safe for a spreadsheet: a cell starting with = + - @, a
// tab or a carriage return gets a leading single quote, so that it is read
// as text and never as a formula. Numbers written by machine are left as
// they are.
func csvCell(s string) string {
	if s == "" || plainNumber(s) {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
