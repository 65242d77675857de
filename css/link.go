package css

import (
	"strconv"
	"strings"
)

// Viewport is the one viewport for which media queries are evaluated: a
// desktop browser window 1280 CSS pixels wide and 800 high, on a screen,
// in the light colour scheme, with a fine pointer that can hover. The
// differential test against axe-core runs Chromium at the same size.
var Viewport = struct {
	Width, Height float64 // CSS pixels
	Type          string  // the media type
}{1280, 800, "screen"}

// Work limits on stylesheets, which are untrusted input.
const (
	// MaxImportDepth is how deep @import chains are followed: a page's
	// sheet is depth 0, what it imports depth 1, and so on.
	MaxImportDepth = 4
	// MaxSheetBytes caps one stylesheet's body; a longer one is read up to
	// the cap and marked truncated.
	MaxSheetBytes = 2 << 20
	// MaxRules caps the style rules compiled from one stylesheet (selectors
	// of a group count one each).
	MaxRules = 20_000
	// MaxSelectorLength skips selectors longer than this (pathological
	// selectors cost time to match on every element).
	MaxSelectorLength = 1024
)

// StylesheetLink reports whether a <link> with these rel and type
// attributes is a stylesheet a browser applies: rel holds the token
// "stylesheet" and not "alternate" (an alternate sheet is off until the
// user picks it), and the type, if any, is text/css.
func StylesheetLink(rel, typ string) bool {
	sheet := false
	for _, tok := range strings.Fields(strings.ToLower(rel)) {
		switch tok {
		case "stylesheet":
			sheet = true
		case "alternate":
			return false
		}
	}
	if !sheet {
		return false
	}
	typ = strings.ToLower(strings.TrimSpace(typ))
	if mt, _, _ := strings.Cut(typ, ";"); typ != "" && strings.TrimSpace(mt) != "text/css" {
		return false
	}
	return true
}

// MediaApplies reports whether a media query list (a media attribute, or
// the conditions of @media or @import) matches Viewport. An empty list
// matches. Each query is a media type, features in parentheses joined by
// "and", or both, optionally led by "not" or "only"; a query it cannot
// read matches nothing, as in a browser ("not" before it aside).
func MediaApplies(list string) bool {
	list = strings.TrimSpace(list)
	if list == "" {
		return true
	}
	for _, q := range splitTop(list, ',') {
		if queryApplies(strings.TrimSpace(q)) {
			return true
		}
	}
	return false
}

// splitTop splits s at sep outside parentheses.
func splitTop(s string, sep byte) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case sep:
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

func queryApplies(q string) bool {
	q = strings.ToLower(q)
	not := false
	switch {
	case strings.HasPrefix(q, "not "):
		not, q = true, strings.TrimSpace(q[4:])
	case strings.HasPrefix(q, "only "):
		q = strings.TrimSpace(q[5:])
	}
	if q == "" {
		return false
	}
	ok, known := conditionApplies(q)
	if !known {
		return false // an unknown query is "not all", even after not
	}
	return ok != not
}

// conditionApplies evaluates a media type and features joined by "and"
// (or a condition with "or" and "not" inside parentheses, as Media
// Queries 4 allows). known is false when any part cannot be read.
func conditionApplies(q string) (ok, known bool) {
	q = strings.TrimSpace(q)
	if q == "" {
		return false, false
	}
	if strings.HasPrefix(q, "not ") || strings.HasPrefix(q, "not(") {
		ok, known = conditionApplies(strings.TrimSpace(q[3:]))
		return !ok, known
	}
	parts, ors := splitWords(q)
	if parts == nil {
		return false, false
	}
	res := !ors // "and" starts true, "or" starts false
	for _, p := range parts {
		var v, k bool
		switch {
		case strings.HasPrefix(p, "("):
			inner := strings.TrimSpace(p[1 : len(p)-1])
			if strings.HasPrefix(inner, "(") || strings.HasPrefix(inner, "not ") || strings.Contains(inner, ") and (") || strings.Contains(inner, ") or (") {
				v, k = conditionApplies(inner)
			} else {
				v, k = featureApplies(inner)
			}
		default:
			v, k = typeApplies(p)
		}
		if !k {
			return false, false
		}
		if ors {
			res = res || v
		} else {
			res = res && v
		}
	}
	return res, true
}

// splitWords splits a condition into its parts, at "and" or "or" outside
// parentheses; ors tells which. nil when it mixes them or cannot be read.
func splitWords(q string) (parts []string, ors bool) {
	var cur strings.Builder
	sawAnd, sawOr := false, false
	depth := 0
	flush := func() bool {
		s := strings.TrimSpace(cur.String())
		cur.Reset()
		if s == "" {
			return false
		}
		parts = append(parts, s)
		return true
	}
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '(':
			if depth == 0 && strings.TrimSpace(cur.String()) != "" {
				if !flush() {
					return nil, false
				}
			}
			depth++
			cur.WriteByte(c)
		case c == ')':
			depth--
			if depth < 0 {
				return nil, false
			}
			cur.WriteByte(c)
			if depth == 0 && !flush() {
				return nil, false
			}
		case depth == 0 && (c == ' ' || c == '\t' || c == '\n'):
			word := strings.TrimSpace(cur.String())
			switch word {
			case "and":
				sawAnd = true
				cur.Reset()
			case "or":
				sawOr = true
				cur.Reset()
			case "":
			default:
				if !flush() {
					return nil, false
				}
			}
		default:
			cur.WriteByte(c)
		}
	}
	if depth != 0 {
		return nil, false
	}
	if w := strings.TrimSpace(cur.String()); w != "" {
		if w == "and" || w == "or" {
			return nil, false
		}
		flush()
	}
	if sawAnd && sawOr || len(parts) == 0 {
		return nil, false
	}
	return parts, sawOr
}

func typeApplies(t string) (ok, known bool) {
	switch t {
	case "all", "screen":
		return true, true
	case "print", "speech", "tty", "tv", "projection", "handheld", "braille", "embossed", "aural":
		return false, true
	}
	return false, false
}

// featureApplies evaluates one media feature: "min-width: 600px",
// "orientation: landscape", "width >= 40em", "400px < width < 1400px" or a
// bare "hover".
func featureApplies(f string) (ok, known bool) {
	if name, val, found := strings.Cut(f, ":"); found {
		return namedFeature(strings.TrimSpace(name), strings.TrimSpace(val))
	}
	if strings.ContainsAny(f, "<>=") {
		return rangeFeature(f)
	}
	switch strings.TrimSpace(f) {
	case "color", "hover", "pointer", "any-hover", "any-pointer", "grid", "width", "height":
		return strings.TrimSpace(f) != "grid", true
	case "monochrome", "color-index", "inverted-colors":
		return false, true
	}
	return false, false
}

func namedFeature(name, val string) (ok, known bool) {
	prefix := ""
	if strings.HasPrefix(name, "min-") || strings.HasPrefix(name, "max-") {
		prefix, name = name[:4], name[4:]
	}
	switch name {
	case "width", "height", "device-width", "device-height":
		px, ok := Length(val)
		if !ok {
			return false, false
		}
		have := Viewport.Width
		if strings.HasSuffix(name, "height") {
			have = Viewport.Height
		}
		return compare(have, px, prefix), true
	case "aspect-ratio", "device-aspect-ratio":
		a, b, found := strings.Cut(val, "/")
		x, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
		y := 1.0
		var err2 error
		if found {
			y, err2 = strconv.ParseFloat(strings.TrimSpace(b), 64)
		}
		if err1 != nil || err2 != nil || y == 0 {
			return false, false
		}
		return compare(Viewport.Width/Viewport.Height, x/y, prefix), true
	case "resolution":
		v := strings.TrimSpace(val)
		var dppx float64
		switch {
		case strings.HasSuffix(v, "dppx"):
			dppx, _ = strconv.ParseFloat(strings.TrimSuffix(v, "dppx"), 64)
		case strings.HasSuffix(v, "dpi"):
			d, _ := strconv.ParseFloat(strings.TrimSuffix(v, "dpi"), 64)
			dppx = d / 96
		case strings.HasSuffix(v, "x"):
			dppx, _ = strconv.ParseFloat(strings.TrimSuffix(v, "x"), 64)
		default:
			return false, false
		}
		return compare(1, dppx, prefix), true
	case "-webkit-device-pixel-ratio", "device-pixel-ratio":
		r, err := strconv.ParseFloat(val, 64)
		if err != nil {
			return false, false
		}
		return compare(1, r, prefix), true
	case "orientation":
		return val == "landscape", true
	case "prefers-color-scheme":
		return val == "light", true
	case "prefers-reduced-motion", "prefers-reduced-transparency", "prefers-reduced-data":
		return val == "no-preference", true
	case "prefers-contrast", "forced-colors", "inverted-colors":
		return val == "no-preference" || val == "none", true
	case "hover", "any-hover":
		return val == "hover", true
	case "pointer", "any-pointer":
		return val == "fine", true
	case "color":
		n, err := strconv.Atoi(val)
		return err == nil && compare(8, float64(n), prefix), err == nil
	case "monochrome":
		n, err := strconv.Atoi(val)
		return err == nil && compare(0, float64(n), prefix), err == nil
	case "display-mode":
		return val == "browser", true
	case "scan", "grid", "update", "overflow-block", "overflow-inline", "scripting", "dynamic-range", "color-gamut":
		switch val {
		case "progressive", "0", "fast", "scroll", "enabled", "standard", "srgb":
			return true, true
		}
		return false, true
	}
	return false, false
}

func compare(have, want float64, prefix string) bool {
	switch prefix {
	case "min-":
		return have >= want
	case "max-":
		return have <= want
	}
	return have == want
}

// rangeFeature evaluates Media Queries 4's range syntax: "width >= 600px",
// "600px <= width", "400px < width <= 900px".
func rangeFeature(f string) (ok, known bool) {
	// Tokenize into operands and operators.
	var toks []string
	i := 0
	for i < len(f) {
		c := f[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == '<' || c == '>' || c == '=':
			j := i + 1
			if j < len(f) && f[j] == '=' {
				j++
			}
			toks = append(toks, f[i:j])
			i = j
		default:
			j := i
			for j < len(f) && !strings.ContainsRune("<>= \t", rune(f[j])) {
				j++
			}
			toks = append(toks, f[i:j])
			i = j
		}
	}
	if len(toks) != 3 && len(toks) != 5 {
		return false, false
	}
	value := func(s string) (float64, bool) {
		switch s {
		case "width":
			return Viewport.Width, true
		case "height":
			return Viewport.Height, true
		case "aspect-ratio":
			return Viewport.Width / Viewport.Height, true
		}
		return Length(s)
	}
	res := true
	for k := 0; k+2 < len(toks); k += 2 {
		a, ok1 := value(toks[k])
		b, ok2 := value(toks[k+2])
		if !ok1 || !ok2 {
			return false, false
		}
		switch toks[k+1] {
		case "<":
			res = res && a < b
		case "<=":
			res = res && a <= b
		case ">":
			res = res && a > b
		case ">=":
			res = res && a >= b
		case "=":
			res = res && a == b
		default:
			return false, false
		}
	}
	return res, true
}

// Length reads an absolute length or a length relative to the root font
// size (16px, as no council's root can be known before the cascade) in
// CSS pixels: "600px", "40em", "37.5rem", "12pt", "0".
func Length(s string) (float64, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "0" {
		return 0, true
	}
	for _, u := range lengthUnits {
		if strings.HasSuffix(s, u.name) {
			n, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(s, u.name)), 64)
			if err != nil {
				return 0, false
			}
			return n * u.px, true
		}
	}
	return 0, false
}

// lengthUnits are the absolute units in CSS pixels, longest suffix first
// where one ends another ("rem" before "em").
var lengthUnits = []struct {
	name string
	px   float64
}{{"rem", 16}, {"em", 16}, {"px", 1}, {"pt", 96.0 / 72}, {"pc", 16}, {"in", 96}, {"cm", 96 / 2.54}, {"mm", 96 / 25.4}, {"q", 96 / 101.6}}
