// Package human formats measured values as people read them: shares as
// percentages (4.1%), durations in seconds or minutes (1.2 s), sizes in
// kilobytes or megabytes (13 KB) and counts with thousands separators
// (1,015). The terminal's commands print values through it, and the
// report's downloads page its sizes; the report's feature values have a
// formatting of their own still (reports.featureRow). Machine formats
// (JSON, CSV, SQLite) keep the raw numbers.
package human

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// dash stands for a value that does not exist (NaN, infinite).
const dash = "–"

// trimmed formats x with at most dec decimals, dropping a trailing ".0"
// ("25", not "25.0").
func trimmed(x float64, dec int) string {
	s := strconv.FormatFloat(x, 'f', dec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// Percent formats a share from 0 to 1 as a percentage with at most one
// decimal: 0.0408 → "4.1%", 0.25 → "25%". A share that is not zero never
// reads as 0%, nor one that is not whole as 100%: "<0.1%", ">99.9%".
func Percent(share float64) string {
	if math.IsNaN(share) || math.IsInf(share, 0) {
		return dash
	}
	p := 100 * share
	switch {
	case p > 0 && p < 0.05:
		return "<0.1%"
	case p < 100 && p >= 99.95:
		return ">99.9%"
	}
	return trimmed(p, 1) + "%"
}

// PercentOf formats n of total as a percentage, as Percent does; "–" when
// total is 0.
func PercentOf(n, total int) string {
	if total == 0 {
		return dash
	}
	return Percent(float64(n) / float64(total))
}

// Duration formats a duration to about two significant figures: "850 ms",
// "1.2 s", "14 s", "2 min 5 s", "1 h 3 min".
func Duration(d time.Duration) string {
	if d < 0 {
		return "−" + Duration(-d)
	}
	switch {
	case d < time.Second:
		return trimmed(float64(d)/float64(time.Millisecond), 0) + " ms"
	case d < 10*time.Second:
		return trimmed(d.Seconds(), 1) + " s"
	case d < time.Minute:
		return trimmed(d.Seconds(), 0) + " s"
	case d < time.Hour:
		d = d.Round(time.Second)
		return joinUnits(int(d/time.Minute), "min", int(d%time.Minute/time.Second), "s")
	}
	d = d.Round(time.Minute)
	return joinUnits(int(d/time.Hour), "h", int(d%time.Hour/time.Minute), "min")
}

// Millis formats a number of milliseconds, as features measure times, as
// Duration does.
func Millis(ms float64) string {
	if math.IsNaN(ms) || math.IsInf(ms, 0) {
		return dash
	}
	return Duration(time.Duration(math.Round(ms * float64(time.Millisecond))))
}

// joinUnits writes "2 min 5 s", or "2 min" when the smaller unit is 0.
func joinUnits(big int, bigUnit string, small int, smallUnit string) string {
	s := strconv.Itoa(big) + " " + bigUnit
	if small > 0 {
		s += " " + strconv.Itoa(small) + " " + smallUnit
	}
	return s
}

// Bytes formats a size in decimal units, as browsers' tools and the
// report do (1 KB = 1,000 bytes): "512 bytes", "1.5 KB", "13 KB",
// "2.4 MB", "1.1 GB".
func Bytes(n float64) string {
	return scaled(n, func(x float64) int {
		if x < 10 {
			return 1
		}
		return 0
	})
}

// FileSize formats a file's size like Bytes, with three significant
// figures at most, as a downloads page states them: "1.23 KB", "12.3 KB",
// "164 MB".
func FileSize(n int64) string {
	return scaled(float64(n), func(x float64) int {
		switch {
		case x < 10:
			return 2
		case x < 100:
			return 1
		}
		return 0
	})
}

// scaled formats n in the largest decimal unit that keeps it under 1,000
// once rounded to decimals(x) places.
func scaled(n float64, decimals func(x float64) int) string {
	if math.IsNaN(n) || math.IsInf(n, 0) {
		return dash
	}
	if n < 0 {
		return "−" + scaled(-n, decimals)
	}
	if n < 1000 {
		if n == 1 {
			return "1 byte"
		}
		return trimmed(n, 0) + " bytes"
	}
	units := []string{"KB", "MB", "GB", "TB"}
	u := 0
	n /= 1000
	// Rounding may carry into the next unit: 999,999 bytes is "1 MB".
	for u < len(units)-1 && roundTo(n, decimals(n)) >= 1000 {
		n /= 1000
		u++
	}
	return trimmed(n, decimals(n)) + " " + units[u]
}

// roundTo rounds x to dec decimals.
func roundTo(x float64, dec int) float64 {
	p := math.Pow10(dec)
	return math.Round(x*p) / p
}

// Count formats a whole number with thousands separators: 1015 → "1,015".
func Count(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "−" + b.String()
	}
	return b.String()
}

// Wrap breaks text into lines of at most width runes (at least 20), at
// spaces where it can: a word longer than a line (a URL, a selector, a
// tag) is broken within, never cut, so that every character of the text
// is printed. The spaces at a break are dropped; all others are kept. The
// caller indents the lines as it prints them.
func Wrap(text string, width int) []string {
	width = max(width, 20) // a deep indent on a narrow terminal still shows something
	var lines []string
	for {
		r := []rune(text)
		if len(r) <= width {
			return append(lines, text)
		}
		cut := -1
		for i := width; i > 0; i-- {
			if r[i] == ' ' {
				cut = i
				break
			}
		}
		if cut <= 0 || strings.TrimSpace(string(r[:cut])) == "" {
			lines, text = append(lines, string(r[:width])), string(r[width:])
		} else {
			lines, text = append(lines, strings.TrimRight(string(r[:cut]), " ")), strings.TrimLeft(string(r[cut:]), " ")
		}
		if text == "" {
			return lines
		}
	}
}
