package scoring

import (
	"net/url"
	"strings"

	"github.com/councilbench/councilbench/css"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// styleSheets returns the page's author stylesheets in document order,
// each after what it imports: <link rel=stylesheet> from src, and <style>
// elements compiled from the page. It sets p.Styles.
func (p *Page) styleSheets(src css.Source) []*css.Sheet {
	base, _ := url.Parse(p.URL)
	var sheets []*css.Sheet
	missing, linked := 0, 0
	seen := map[string]bool{}
	var add func(sh *css.Sheet, depth int)
	add = func(sh *css.Sheet, depth int) {
		if depth < css.MaxImportDepth {
			for _, imp := range sh.Imports {
				if seen[imp.URL] {
					continue // an @import loop, or a sheet read already
				}
				seen[imp.URL] = true
				if src == nil {
					missing++
					continue
				}
				switch ish, st := src.Sheet(imp.URL); st {
				case css.Loaded:
					add(ish, depth+1)
				case css.Missing:
					missing++
				}
			}
		}
		sheets = append(sheets, sh)
	}
	for _, e := range p.Elements {
		n := e.Node
		if n.Namespace != "" || e.inTemplate {
			continue
		}
		switch n.DataAtom {
		case atom.Base:
			if h, ok := attr(n, "href"); ok && base != nil && !p.baseSet {
				if b, err := base.Parse(strings.TrimSpace(h)); err == nil {
					base = b
				}
				p.baseSet = true
			}
		case atom.Link:
			href, ok := attr(n, "href")
			if !ok || e.Has("disabled") || !css.StylesheetLink(attrVal(n, "rel"), attrVal(n, "type")) || !css.MediaApplies(attrVal(n, "media")) {
				continue
			}
			if base == nil {
				continue
			}
			u, err := base.Parse(strings.TrimSpace(href))
			if err != nil || u.Host == "" && u.Scheme != "file" {
				continue
			}
			u.Fragment = ""
			us := u.String()
			linked++
			if seen[us] {
				continue
			}
			seen[us] = true
			if src == nil {
				missing++
				continue
			}
			switch sh, st := src.Sheet(us); st {
			case css.Loaded:
				p.sheetsFound++
				add(sh, 0)
			case css.Missing:
				missing++
			}
		case atom.Style:
			if t := strings.ToLower(strings.TrimSpace(attrVal(n, "type"))); t != "" && t != "text/css" {
				continue
			}
			if !css.MediaApplies(attrVal(n, "media")) {
				continue
			}
			var b strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.TextNode {
					b.WriteString(c.Data)
				}
			}
			if b.Len() > 0 {
				add(css.Compile([]byte(b.String()), p.URL), 0)
			}
		}
	}
	switch {
	case missing == 0:
		p.Styles = StylesKnown
	case src == nil:
		p.Styles = StylesUnknown
	default:
		p.Styles = StylesPartial
	}
	return sheets
}

// computeStyles runs the cascade over every element, in document order
// (parents first), and sets the hidden states from the computed styles.
func (p *Page) computeStyles(src css.Source) {
	c := css.NewCascade(p.styleSheets(src))
	var root *css.Style
	for _, e := range p.Elements {
		var parent *css.Style
		if e.Parent != nil {
			parent = e.Parent.style
		}
		e.style = c.Compute(e.Node, parent, root)
		if root == nil {
			root = e.style
		}
		p.visibility(e)
	}
	p.cascade = c
}
