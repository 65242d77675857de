package css

import (
	"fmt"
	"math"
)

// Color is an sRGB colour with alpha, each channel 0 to 1.
type Color struct {
	R, G, B, A float64
}

// String writes the colour as #rrggbb, or rgba() when it is not opaque.
func (c Color) String() string {
	r, g, b := byte8(c.R), byte8(c.G), byte8(c.B)
	if c.A >= 1 {
		return fmt.Sprintf("#%02x%02x%02x", r, g, b)
	}
	return fmt.Sprintf("rgba(%d,%d,%d,%.3g)", r, g, b, c.A)
}

func byte8(v float64) int { return int(math.Round(math.Max(0, math.Min(1, v)) * 255)) }

// Over composes c over the opaque or translucent colour below (source-over
// alpha compositing).
func (c Color) Over(below Color) Color {
	a := c.A + below.A*(1-c.A)
	if a == 0 {
		return Color{}
	}
	mix := func(x, y float64) float64 { return (x*c.A + y*below.A*(1-c.A)) / a }
	return Color{mix(c.R, below.R), mix(c.G, below.G), mix(c.B, below.B), a}
}

// Luminance is WCAG 2's relative luminance of the colour's RGB.
func (c Color) Luminance() float64 {
	lin := func(v float64) float64 {
		if v <= 0.03928 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// Contrast is WCAG 2's contrast ratio of two opaque colours, 1 to 21.
func Contrast(a, b Color) float64 {
	la, lb := a.Luminance(), b.Luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}
