package scoring

import (
	"strings"
	"testing"
)

// TestCollapse checks collapse's fast path against the slow one.
func TestCollapse(t *testing.T) {
	for _, s := range []string{"", "Home", "Pay your council tax", " Home", "Home ", "a  b", "a\tb", "a\nb", "\u00a0Café\u00a0",
		"Caf\u00e9 menu", "x\u2003y", " ", "  ", "a b c d", "a \u0085b"} {
		if got, want := collapse(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestFactsOfAWalk checks the page facts that one walk gathers.
func TestFactsOfAWalk(t *testing.T) {
	const page = `<!doctype html><html lang=" cy "><head><title>  Talu
		treth y cyngor </title><meta name="Viewport" content="width=device-width"><meta name=viewport content="ignored"></head>
		<body><svg><title>logo</title></svg><h1>Talu <b>treth</b>  y cyngor</h1><h1>second</h1>
		<search><form action="/chwilio"><input name="q"><input type="submit"></form></search>
		<form action="/pay" method="POST"><input type="hidden" name="t"><input name="account"><select name="Amount"></select>
		<input type="email" name="e"><textarea name="your-email"></textarea></form>
		<div role="main">x</div></body></html>`
	_, f, err := DefaultScorer().Judge([]byte(page), "text/html", "https://x.gov.uk/", nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "Talu treth y cyngor" || f.H1 != "Talu treth y cyngor" || f.Lang != "cy" || !f.HasViewport ||
		f.Viewport != "width=device-width" || !f.Main || f.Version != FactsVersion {
		t.Errorf("facts: %+v", f)
	}
	if len(f.Forms) != 2 {
		t.Fatalf("forms: %+v", f.Forms)
	}
	if s := f.Forms[0]; !s.Search || s.Action != "/chwilio" || s.Fields != 1 || strings.Join(s.Names, ",") != "q" {
		t.Errorf("search form: %+v", s)
	}
	if p := f.Forms[1]; p.Search || p.Method != "post" || p.Fields != 4 || p.Emails != 2 || strings.Join(p.Names, ",") != "account,amount,e,your-email" {
		t.Errorf("payment form: %+v", p)
	}
}
