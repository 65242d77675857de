package testenv

import (
	"os"
	"testing"
	"time"
)

func TestParseScale(t *testing.T) {
	for v, want := range map[string]float64{"": DefaultScale, "1": 1, "2.5": 2.5, "10": 10} {
		if got, err := parseScale(v); err != nil || got != want {
			t.Errorf("parseScale(%q) = %v, %v; want %v", v, got, err, want)
		}
	}
	for _, v := range []string{"0", "0.5", "-2", "NaN", "fast", "1e9", "3s"} {
		if got, err := parseScale(v); err == nil {
			t.Errorf("parseScale(%q) = %v, want an error", v, got)
		}
	}
}

func TestScale(t *testing.T) {
	want, err := parseScale(os.Getenv(ScaleVar))
	if err != nil {
		t.Fatal(err)
	}
	if TimeScale() != want || Scale(2*time.Second) != time.Duration(float64(2*time.Second)*want) {
		t.Errorf("TimeScale() = %v, Scale(2s) = %v; want %v and 2s × %v", TimeScale(), Scale(2*time.Second), want, want)
	}
	t.Logf("%s=%q: time scale %v", ScaleVar, os.Getenv(ScaleVar), TimeScale())
}
