package scoring

import "github.com/councilbench/councilbench/css"

// ContrastVerdict is the text contrast rule's verdict on one element with
// text of its own.
type ContrastVerdict struct {
	Outcome  Outcome
	Reason   string    // why it can't tell (a reason code); "" otherwise
	FG, BG   css.Color // the computed text colour and the background composed behind it
	Ratio    float64   // the contrast ratio, when decided
	Required float64   // 4.5, or 3 for large text (7 and 4.5 for the enhanced rule)
	SizePx   float64   // computed font size in CSS pixels
	Bold     bool      // font-weight 700 or more
}

// Contrast judges the text contrast of one element: Inapplicable when it
// has no visible text of its own.
func (p *Page) Contrast(e *Element) ContrastVerdict {
	return ContrastVerdict{Outcome: Inapplicable}
}
