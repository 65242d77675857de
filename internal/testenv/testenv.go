// Package testenv holds what the tests of several packages share about the
// machine they run on: the factor by which their wall-clock budgets grow,
// and what a test does when something outside Go is missing.
//
// A test may fail because of what it checks, never because the machine was
// busy. Budgets that only a misbehaving server should reach (a request
// timeout that a healthy loopback server must meet, a site's time budget, a
// deadline for something to happen, the longest a step may take) are
// multiplied by the time scale; least delays (politeness, Retry-After) are
// not, since load only makes them longer.
package testenv

import (
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"
)

// ScaleVar is the environment variable that sets the time scale.
const ScaleVar = "COUNCILBENCH_TEST_TIME_SCALE"

// DefaultScale is the time scale when ScaleVar is unset: enough for a
// 2-core machine with other work running. Set ScaleVar=1 for the original,
// shortest budgets on an idle machine, or higher on a slower one.
const DefaultScale = 3

var scale = sync.OnceValue(func() float64 {
	f, err := parseScale(os.Getenv(ScaleVar))
	if err != nil {
		panic(err)
	}
	return f
})

// parseScale reads a value of ScaleVar: "" is DefaultScale.
func parseScale(v string) (float64, error) {
	if v == "" {
		return DefaultScale, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || !(f >= 1 && f <= 1000) {
		return 0, fmt.Errorf("%s=%q: want a number from 1 to 1000", ScaleVar, v)
	}
	return f, nil
}

// TimeScale returns the factor by which tests multiply their wall-clock
// budgets: ScaleVar's value, or DefaultScale.
func TimeScale() float64 { return scale() }

// Scale returns the budget d multiplied by the time scale.
func Scale(d time.Duration) time.Duration { return time.Duration(float64(d) * scale()) }

// SkipOrFail skips a test that needs something outside Go (a browser,
// node, an npm package) which this machine lacks; under CI=true it fails
// instead, since CI must run it.
func SkipOrFail(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true but the test cannot run: %s", why)
	}
	t.Skip(why)
}
