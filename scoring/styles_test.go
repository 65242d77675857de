package scoring

import (
	"testing"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/css"
)

// TestCascadeParts: a page's linked sheets and its <style> elements are
// composed apart (the linked ones shared by a site's pages) and still
// cascade in document order; a page with only <style> elements, the same
// as another page's, keeps the user-agent sheet.
func TestCascadeParts(t *testing.T) {
	sheets := map[string]string{
		"https://example.gov.uk/red.css": "p { color: #d4351c } h2 { color: #d4351c }",
	}
	src := css.NewCache(func(u string) (*councilbench.Stylesheet, error) {
		body, ok := sheets[u]
		if !ok {
			return nil, nil
		}
		return &councilbench.Stylesheet{URL: u, FinalURL: u, Status: 200, ContentType: "text/css", Body: []byte(body)}, nil
	})
	const style = `<style>p { color: #1d70b8 } h2 { color: #1d70b8 } .own { color: #00703c }</style>`
	for _, tc := range []struct {
		name, head string
		p, h2      string
	}{
		{"link, then style", `<link rel=stylesheet href=/red.css>` + style, "#1d70b8", "#1d70b8"},
		{"style, then link", style + `<link rel=stylesheet href=/red.css>`, "#d4351c", "#d4351c"},
		{"style only", style, "#1d70b8", "#1d70b8"},
	} {
		page := `<html><head>` + tc.head + `</head><body><h2>Bins</h2><p>Text</p><p class=own>Own</p></body></html>`
		p, err := ParseStyled([]byte(page), "text/html", "https://example.gov.uk/"+tc.name, src)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, e := range p.Elements {
			if e.style == nil {
				continue
			}
			switch {
			case e.Tag == "p" && !e.Has("class"):
				got["p"] = e.style.Color.String()
			case e.Tag == "h2":
				got["h2"] = e.style.Color.String()
				if e.style.Weight != 700 {
					t.Errorf("%s: h2 weight %d, want the user-agent sheet's 700", tc.name, e.style.Weight)
				}
			case e.Tag == "head":
				if !e.notRendered {
					t.Errorf("%s: head rendered: the user-agent sheet is missing", tc.name)
				}
			case e.Has("class"):
				got["own"] = e.style.Color.String()
			}
		}
		if got["p"] != tc.p || got["h2"] != tc.h2 || got["own"] != "#00703c" {
			t.Errorf("%s: p %s, h2 %s, .own %s; want %s, %s, #00703c", tc.name, got["p"], got["h2"], got["own"], tc.p, tc.h2)
		}
	}
}
