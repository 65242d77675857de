package human

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestPercent(t *testing.T) {
	for _, c := range []struct {
		share float64
		want  string
	}{
		{0.04081632653061224, "4.1%"},
		{0.25, "25%"},
		{0, "0%"},
		{1, "100%"},
		{0.935, "93.5%"},
		{0.9996, ">99.9%"},
		{0.0004, "<0.1%"},
		{0.0005, "0.1%"},
		{0.12345, "12.3%"},
		{math.NaN(), "–"},
	} {
		if got := Percent(c.share); got != c.want {
			t.Errorf("Percent(%v) = %q, want %q", c.share, got, c.want)
		}
	}
	for _, c := range []struct {
		n, total int
		want     string
	}{{2, 49, "4.1%"}, {0, 0, "–"}, {187, 200, "93.5%"}} {
		if got := PercentOf(c.n, c.total); got != c.want {
			t.Errorf("PercentOf(%d, %d) = %q, want %q", c.n, c.total, got, c.want)
		}
	}
}

func TestDuration(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0 ms"},
		{850 * time.Millisecond, "850 ms"},
		{1234 * time.Millisecond, "1.2 s"},
		{2 * time.Second, "2 s"},
		{9960 * time.Millisecond, "10 s"},
		{14400 * time.Millisecond, "14 s"},
		{125 * time.Second, "2 min 5 s"},
		{3 * time.Minute, "3 min"},
		{63 * time.Minute, "1 h 3 min"},
		{-1500 * time.Millisecond, "−1.5 s"},
	} {
		if got := Duration(c.d); got != c.want {
			t.Errorf("Duration(%v) = %q, want %q", c.d, got, c.want)
		}
	}
	for _, c := range []struct {
		ms   float64
		want string
	}{{1234, "1.2 s"}, {412.4, "412 ms"}, {math.NaN(), "–"}} {
		if got := Millis(c.ms); got != c.want {
			t.Errorf("Millis(%v) = %q, want %q", c.ms, got, c.want)
		}
	}
}

func TestBytes(t *testing.T) {
	for _, c := range []struct {
		n    float64
		want string
	}{
		{0, "0 bytes"},
		{1, "1 byte"},
		{512, "512 bytes"},
		{1500, "1.5 KB"},
		{13456, "13 KB"},
		{999_999, "1 MB"},
		{2_400_000, "2.4 MB"},
		{119_000_000, "119 MB"},
		{1_100_000_000, "1.1 GB"},
		{math.Inf(1), "–"},
	} {
		if got := Bytes(c.n); got != c.want {
			t.Errorf("Bytes(%v) = %q, want %q", c.n, got, c.want)
		}
	}
}

func TestCount(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0"}, {999, "999"}, {1015, "1,015"}, {1234567, "1,234,567"}, {-4500, "−4,500"}} {
		if got := Count(c.n); got != c.want {
			t.Errorf("Count(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

func TestWrap(t *testing.T) {
	long := "https://www.example.gov.uk/" + strings.Repeat("a", 50) + "/broken.png"
	for _, c := range []struct {
		name  string
		text  string
		width int
		want  []string
	}{
		{"short", "fits", 20, []string{"fits"}},
		{"at spaces", "one two three four five six seven", 20, []string{"one two three four", "five six seven"}},
		{"a word longer than a line is broken, not cut", long, 40, []string{long[:40], long[40:80], long[80:]}},
		{"spaces kept inside a line", `<img  src="a">`, 20, []string{`<img  src="a">`}},
		{"the width is at least 20", "aaaaaaaaaa bbbbbbbbbb cccc", 5, []string{"aaaaaaaaaa", "bbbbbbbbbb cccc"}},
		{"runes, not bytes", strings.Repeat("é", 25), 20, []string{strings.Repeat("é", 20), strings.Repeat("é", 5)}},
	} {
		got := Wrap(c.text, c.width)
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s: Wrap(%q, %d) =\n%q\nwant\n%q", c.name, c.text, c.width, got, c.want)
		}
		// Nothing is lost but the spaces at the breaks.
		if strings.ReplaceAll(strings.Join(got, ""), " ", "") != strings.ReplaceAll(c.text, " ", "") {
			t.Errorf("%s: Wrap lost text: %q", c.name, got)
		}
	}
}

func TestFileSize(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		want string
	}{
		{0, "0 bytes"}, {999, "999 bytes"}, {1000, "1 KB"}, {1234, "1.23 KB"}, {12_345, "12.3 KB"}, {123_456, "123 KB"},
		{999_999, "1 MB"}, {1_000_000, "1 MB"}, {163_606_528, "164 MB"}, {2_500_000_000, "2.5 GB"},
	} {
		if got := FileSize(tt.n); got != tt.want {
			t.Errorf("FileSize(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
