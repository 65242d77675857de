package css

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"golang.org/x/image/colornames"
)

// ParseColor reads a CSS colour value: a named or system colour, hex,
// rgb()/rgba(), hsl()/hsla(), hwb(), oklab()/oklch(), color(srgb ...),
// "transparent" or "currentcolor" (which is current). ok is false for
// what it cannot read (color-mix(), lab(), relative colours...): the
// caller says it cannot tell, never guesses.
func ParseColor(v string, current Color) (Color, bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	switch v {
	case "":
		return Color{}, false
	case "transparent":
		return Color{}, true
	case "currentcolor":
		return current, true
	}
	if v[0] == '#' {
		return hexColor(v[1:])
	}
	if c, ok := systemColors[v]; ok {
		return c, true
	}
	if c, ok := colornames.Map[v]; ok {
		return rgba8(c), true
	}
	if v == "rebeccapurple" {
		return Color{0x66 / 255.0, 0x33 / 255.0, 0x99 / 255.0, 1}, true
	}
	open := strings.IndexByte(v, '(')
	if open < 0 || !strings.HasSuffix(v, ")") {
		return Color{}, false
	}
	fn, args := v[:open], v[open+1:len(v)-1]
	if strings.Contains(args, "(") {
		// calc() or var() inside, or a relative colour: not read.
		return Color{}, false
	}
	parts, alpha, ok := colorArgs(args)
	if !ok {
		return Color{}, false
	}
	a := 1.0
	if alpha != "" {
		if a, ok = alphaValue(alpha); !ok {
			return Color{}, false
		}
	}
	switch fn {
	case "rgb", "rgba":
		if len(parts) != 3 {
			return Color{}, false
		}
		var ch [3]float64
		for i, p := range parts {
			if strings.HasSuffix(p, "%") {
				n, err := strconv.ParseFloat(p[:len(p)-1], 64)
				if err != nil {
					return Color{}, false
				}
				ch[i] = n / 100
			} else {
				n, err := strconv.ParseFloat(p, 64)
				if err != nil {
					if p != "none" {
						return Color{}, false
					}
				}
				ch[i] = n / 255
			}
		}
		return clampColor(Color{ch[0], ch[1], ch[2], a}), true
	case "hsl", "hsla":
		if len(parts) != 3 {
			return Color{}, false
		}
		h, ok1 := hue(parts[0])
		s, ok2 := percent(parts[1])
		l, ok3 := percent(parts[2])
		if !ok1 || !ok2 || !ok3 {
			return Color{}, false
		}
		r, g, b := hslToRGB(h, s, l)
		return clampColor(Color{r, g, b, a}), true
	case "hwb":
		if len(parts) != 3 {
			return Color{}, false
		}
		h, ok1 := hue(parts[0])
		w, ok2 := percent(parts[1])
		bl, ok3 := percent(parts[2])
		if !ok1 || !ok2 || !ok3 {
			return Color{}, false
		}
		if w+bl >= 1 {
			g := w / (w + bl)
			return Color{g, g, g, a}, true
		}
		r, g, b := hslToRGB(h, 1, 0.5)
		f := func(x float64) float64 { return x*(1-w-bl) + w }
		return clampColor(Color{f(r), f(g), f(b), a}), true
	case "oklab", "oklch":
		if len(parts) != 3 {
			return Color{}, false
		}
		l, ok1 := number(parts[0], 1)
		if !ok1 {
			return Color{}, false
		}
		var ca, cb float64
		if fn == "oklab" {
			x, ok2 := number(parts[1], 0.4)
			y, ok3 := number(parts[2], 0.4)
			if !ok2 || !ok3 {
				return Color{}, false
			}
			ca, cb = x, y
		} else {
			c, ok2 := number(parts[1], 0.4)
			h, ok3 := hue(parts[2])
			if !ok2 || !ok3 {
				return Color{}, false
			}
			ca, cb = c*math.Cos(h*math.Pi/180), c*math.Sin(h*math.Pi/180)
		}
		r, g, b := oklabToSRGB(l, ca, cb)
		return clampColor(Color{r, g, b, a}), true
	case "color":
		if len(parts) != 4 || (parts[0] != "srgb") {
			return Color{}, false
		}
		var ch [3]float64
		for i, p := range parts[1:] {
			n, ok := number(p, 1)
			if !ok {
				return Color{}, false
			}
			ch[i] = n
		}
		return clampColor(Color{ch[0], ch[1], ch[2], a}), true
	}
	return Color{}, false
}

// colorArgs splits a colour function's arguments, comma- or
// space-separated, with an optional "/ alpha" (or a fourth comma
// argument).
func colorArgs(args string) (parts []string, alpha string, ok bool) {
	if i := strings.IndexByte(args, '/'); i >= 0 {
		alpha = strings.TrimSpace(args[i+1:])
		args = args[:i]
	}
	if strings.Contains(args, ",") {
		for _, p := range strings.Split(args, ",") {
			parts = append(parts, strings.TrimSpace(p))
		}
	} else {
		parts = strings.Fields(args)
	}
	if alpha == "" && len(parts) == 4 && parts[0] != "srgb" {
		alpha, parts = parts[3], parts[:3]
	}
	for _, p := range parts {
		if p == "" {
			return nil, "", false
		}
	}
	return parts, alpha, true
}

func alphaValue(s string) (float64, bool) {
	if strings.HasSuffix(s, "%") {
		n, err := strconv.ParseFloat(s[:len(s)-1], 64)
		return math.Max(0, math.Min(1, n/100)), err == nil
	}
	n, err := strconv.ParseFloat(s, 64)
	return math.Max(0, math.Min(1, n)), err == nil
}

// number reads a number or a percentage of hundred (a percentage is that
// share of hundred).
func number(s string, hundred float64) (float64, bool) {
	if s == "none" {
		return 0, true
	}
	if strings.HasSuffix(s, "%") {
		n, err := strconv.ParseFloat(s[:len(s)-1], 64)
		return n / 100 * hundred, err == nil
	}
	n, err := strconv.ParseFloat(s, 64)
	return n, err == nil
}

func percent(s string) (float64, bool) {
	if s == "none" {
		return 0, true
	}
	n, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	return math.Max(0, math.Min(1, n/100)), err == nil
}

func hue(s string) (float64, bool) {
	mult := 1.0
	switch {
	case strings.HasSuffix(s, "deg"):
		s = s[:len(s)-3]
	case strings.HasSuffix(s, "grad"):
		s, mult = s[:len(s)-4], 0.9
	case strings.HasSuffix(s, "rad"):
		s, mult = s[:len(s)-3], 180/math.Pi
	case strings.HasSuffix(s, "turn"):
		s, mult = s[:len(s)-4], 360
	case s == "none":
		return 0, true
	}
	n, err := strconv.ParseFloat(s, 64)
	return math.Mod(math.Mod(n*mult, 360)+360, 360), err == nil
}

func hslToRGB(h, s, l float64) (r, g, b float64) {
	f := func(n float64) float64 {
		k := math.Mod(n+h/30, 12)
		a := s * math.Min(l, 1-l)
		return l - a*math.Max(-1, math.Min(math.Min(k-3, 9-k), 1))
	}
	return f(0), f(8), f(4)
}

func oklabToSRGB(L, a, b float64) (float64, float64, float64) {
	l := math.Pow(L+0.3963377774*a+0.2158037573*b, 3)
	m := math.Pow(L-0.1055613458*a-0.0638541728*b, 3)
	s := math.Pow(L-0.0894841775*a-1.2914855480*b, 3)
	lr := 4.0767416621*l - 3.3077115913*m + 0.2309699292*s
	lg := -1.2684380046*l + 2.6097574011*m - 0.3413193965*s
	lb := -0.0041960863*l - 0.7034186147*m + 1.7076147010*s
	enc := func(x float64) float64 {
		if x <= 0.0031308 {
			return 12.92 * x
		}
		return 1.055*math.Pow(x, 1/2.4) - 0.055
	}
	return enc(lr), enc(lg), enc(lb)
}

func clampColor(c Color) Color {
	cl := func(x float64) float64 { return math.Max(0, math.Min(1, x)) }
	return Color{cl(c.R), cl(c.G), cl(c.B), cl(c.A)}
}

func hexColor(h string) (Color, bool) {
	var n [8]uint8
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case c >= '0' && c <= '9':
			n[min(i, 7)] = c - '0'
		case c >= 'a' && c <= 'f':
			n[min(i, 7)] = c - 'a' + 10
		default:
			return Color{}, false
		}
	}
	f := func(hi, lo uint8) float64 { return float64(hi<<4|lo) / 255 }
	switch len(h) {
	case 3:
		return Color{f(n[0], n[0]), f(n[1], n[1]), f(n[2], n[2]), 1}, true
	case 4:
		return Color{f(n[0], n[0]), f(n[1], n[1]), f(n[2], n[2]), f(n[3], n[3])}, true
	case 6:
		return Color{f(n[0], n[1]), f(n[2], n[3]), f(n[4], n[5]), 1}, true
	case 8:
		return Color{f(n[0], n[1]), f(n[2], n[3]), f(n[4], n[5]), f(n[6], n[7])}, true
	}
	return Color{}, false
}

func rgba8(c color.RGBA) Color {
	return Color{float64(c.R) / 255, float64(c.G) / 255, float64(c.B) / 255, float64(c.A) / 255}
}

// systemColors are CSS's system colours as Chromium draws them in its
// light scheme.
var systemColors = map[string]Color{
	"canvas": {1, 1, 1, 1}, "canvastext": {0, 0, 0, 1}, "linktext": {0, 0, 0xee / 255.0, 1},
	"visitedtext": {0x55 / 255.0, 0x1a / 255.0, 0x8b / 255.0, 1}, "activetext": {1, 0, 0, 1},
	"buttonface": {0xef / 255.0, 0xef / 255.0, 0xef / 255.0, 1}, "buttontext": {0, 0, 0, 1},
	"buttonborder": {0x76 / 255.0, 0x76 / 255.0, 0x76 / 255.0, 1}, "field": {1, 1, 1, 1}, "fieldtext": {0, 0, 0, 1},
	"graytext": {0x6d / 255.0, 0x6d / 255.0, 0x6d / 255.0, 1}, "mark": {1, 1, 0, 1}, "marktext": {0, 0, 0, 1},
	"highlight": {0xb5 / 255.0, 0xd5 / 255.0, 1, 1}, "highlighttext": {0, 0, 0, 1},
	"window": {1, 1, 1, 1}, "windowtext": {0, 0, 0, 1},
}

// lengthCtx is what relative lengths resolve against.
type lengthCtx struct {
	em, rem float64 // font sizes in px
	pct     float64 // what 100% is, in px; 0 when percentages cannot be resolved
}

// length reads a length in px: units, percentages of ctx.pct, calc(),
// min(), max() and clamp(). ok is false for what it cannot read.
func length(v string, ctx lengthCtx) (float64, bool) {
	e := exprParser{s: strings.ToLower(strings.TrimSpace(v)), ctx: ctx}
	x, ok := e.sum()
	e.space()
	if !ok || e.i != len(e.s) {
		return 0, false
	}
	return x, true
}

// exprParser evaluates the calc() grammar over lengths (every operand is
// turned to px; unitless numbers stay numbers, which * and / need).
type exprParser struct {
	s     string
	i     int
	ctx   lengthCtx
	depth int
}

func (e *exprParser) space() {
	for e.i < len(e.s) && (e.s[e.i] == ' ' || e.s[e.i] == '\t' || e.s[e.i] == '\n') {
		e.i++
	}
}

func (e *exprParser) sum() (float64, bool) {
	x, ok := e.product()
	for ok {
		e.space()
		if e.i >= len(e.s) || (e.s[e.i] != '+' && e.s[e.i] != '-') {
			break
		}
		op := e.s[e.i]
		e.i++
		y, ok2 := e.product()
		if !ok2 {
			return 0, false
		}
		if op == '+' {
			x += y
		} else {
			x -= y
		}
	}
	return x, ok
}

func (e *exprParser) product() (float64, bool) {
	x, ok := e.operand()
	for ok {
		e.space()
		if e.i >= len(e.s) || (e.s[e.i] != '*' && e.s[e.i] != '/') {
			break
		}
		op := e.s[e.i]
		e.i++
		y, ok2 := e.operand()
		if !ok2 || (op == '/' && y == 0) {
			return 0, false
		}
		if op == '*' {
			x *= y
		} else {
			x /= y
		}
	}
	return x, ok
}

func (e *exprParser) operand() (float64, bool) {
	e.space()
	if e.i >= len(e.s) {
		return 0, false
	}
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > 32 {
		return 0, false
	}
	for _, fn := range []string{"calc(", "min(", "max(", "clamp(", "("} {
		if !strings.HasPrefix(e.s[e.i:], fn) {
			continue
		}
		e.i += len(fn)
		var args []float64
		for {
			x, ok := e.sum()
			if !ok {
				return 0, false
			}
			args = append(args, x)
			e.space()
			if e.i < len(e.s) && e.s[e.i] == ',' {
				e.i++
				continue
			}
			break
		}
		if e.i >= len(e.s) || e.s[e.i] != ')' {
			return 0, false
		}
		e.i++
		switch fn {
		case "min(":
			return slicesMin(args), true
		case "max(":
			return slicesMax(args), true
		case "clamp(":
			if len(args) != 3 {
				return 0, false
			}
			return math.Max(args[0], math.Min(args[1], args[2])), true
		}
		if len(args) != 1 {
			return 0, false
		}
		return args[0], true
	}
	j := e.i
	if j < len(e.s) && (e.s[j] == '-' || e.s[j] == '+') {
		j++
	}
	for j < len(e.s) && (e.s[j] >= '0' && e.s[j] <= '9' || e.s[j] == '.') {
		j++
	}
	if j < len(e.s) && (e.s[j] == 'e') && j+1 < len(e.s) && (e.s[j+1] >= '0' && e.s[j+1] <= '9' || e.s[j+1] == '-') {
		j += 2
		for j < len(e.s) && e.s[j] >= '0' && e.s[j] <= '9' {
			j++
		}
	}
	n, err := strconv.ParseFloat(e.s[e.i:j], 64)
	if err != nil {
		return 0, false
	}
	k := j
	for k < len(e.s) && (e.s[k] >= 'a' && e.s[k] <= 'z' || e.s[k] == '%') {
		k++
	}
	unit := e.s[j:k]
	e.i = k
	switch unit {
	case "":
		return n, true
	case "px":
		return n, true
	case "em":
		return n * e.ctx.em, true
	case "rem":
		return n * e.ctx.rem, true
	case "%":
		if e.ctx.pct == 0 {
			return 0, false
		}
		return n / 100 * e.ctx.pct, true
	case "vw", "vi":
		return n * Viewport.Width / 100, true
	case "vh", "vb", "svh", "lvh", "dvh":
		return n * Viewport.Height / 100, true
	case "vmin":
		return n * math.Min(Viewport.Width, Viewport.Height) / 100, true
	case "vmax":
		return n * math.Max(Viewport.Width, Viewport.Height) / 100, true
	case "ex", "ch":
		return n * e.ctx.em / 2, true
	}
	for _, u := range lengthUnits {
		if u.name == unit {
			return n * u.px, true
		}
	}
	return 0, false
}

func slicesMin(xs []float64) float64 {
	m := xs[0]
	for _, x := range xs[1:] {
		m = math.Min(m, x)
	}
	return m
}

func slicesMax(xs []float64) float64 {
	m := xs[0]
	for _, x := range xs[1:] {
		m = math.Max(m, x)
	}
	return m
}
