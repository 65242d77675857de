package css

// Sheet is one compiled stylesheet: its style rules in order, with
// compiled selectors, and what was dropped under the work limits.
type Sheet struct {
	Imports   []Import // its @import rules, for the cascade to splice in place
	Truncated bool     // the body hit MaxSheetBytes
	Limited   bool     // a work limit dropped rules
}

// Compile parses and compiles a stylesheet whose final URL is base.
func Compile(body []byte, base string) *Sheet {
	return &Sheet{Imports: Imports(body, base)}
}
