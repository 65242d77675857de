package reports

// palette is the report's colours. Every pair in contrastPairs is checked
// by the tests: 4.5:1 for text, 3:1 for graphics.
var palette = map[string]string{
	"text":       "#1d1d1f",
	"muted":      "#4f5a60",
	"bg":         "#ffffff",
	"alt":        "#f3f2f1", // code, table headers, notes, footer
	"border":     "#b1b4b6",
	"link":       "#1d4f91",
	"visited":    "#4c2c92",
	"header":     "#0b3d5c",
	"headerText": "#ffffff",
	"accent":     "#1d70b8",
	"focus":      "#ffdd00",
	"focusText":  "#0b0c0c",
	"up":         "#00703c",
	"down":       "#a8231b",
	"star":       "#7a4a00",
	"pass":       "#00703c",
	"fail":       "#a8231b",
	"dot":        "#1d4f91",
	"s1":         "#a8231b", // chart segments, 1 to 4 stars
	"s2":         "#8a4f00",
	"s3":         "#1d70b8",
	"s4":         "#00703c",
}

// contrastPair is a foreground and a background colour of the palette,
// with the least contrast they need.
type contrastPair struct {
	fg, bg string
	min    float64
}

// contrastPairs are the colour pairs the report uses.
var contrastPairs = []contrastPair{
	{"text", "bg", 4.5}, {"text", "alt", 4.5}, {"muted", "bg", 4.5}, {"muted", "alt", 4.5},
	{"link", "bg", 4.5}, {"link", "alt", 4.5}, {"visited", "bg", 4.5}, {"visited", "alt", 4.5},
	{"headerText", "header", 4.5}, {"focusText", "focus", 4.5},
	{"up", "bg", 4.5}, {"down", "bg", 4.5}, {"up", "alt", 4.5}, {"down", "alt", 4.5},
	{"star", "bg", 4.5}, {"star", "alt", 4.5}, {"pass", "bg", 4.5}, {"fail", "bg", 4.5},
	{"bg", "s1", 4.5}, {"bg", "s2", 4.5}, {"bg", "s3", 4.5}, {"bg", "s4", 4.5}, // counts in the bars
	{"dot", "bg", 3}, {"s1", "bg", 3}, {"s2", "bg", 3}, {"s3", "bg", 3}, {"s4", "bg", 3},
	{"border", "bg", 1.9},                          // decoration only
	{"focus", "header", 3}, {"focusText", "bg", 3}, // the focus ring on dark and light
	{"accent", "bg", 3},
}
