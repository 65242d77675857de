package scoring

import (
	"fmt"
	"hash/maphash"
	"net/url"
	"strings"
	"sync"

	"github.com/councilbench/councilbench/css"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// styleSheets returns the page's author stylesheets in document order,
// each after what it imports: <link rel=stylesheet> from src, and <style>
// elements compiled from the page; own says which come from the page's
// <style> elements (with what they import). It sets p.Styles.
func (p *Page) styleSheets(src css.Source) (sheets []*css.Sheet, own []bool) {
	base, _ := url.Parse(p.URL)
	missing, linked := 0, 0
	seen := map[string]bool{}
	inline := false // adding a <style> element's sheets
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
		own = append(own, inline)
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
				missing++
				continue
			}
			u, err := base.Parse(strings.TrimSpace(href))
			if err != nil || u.Host == "" && u.Scheme != "file" {
				// Where it points cannot be told (a page URL that is no
				// absolute URL): its styles are not known.
				missing++
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
			if text := textOf(n); text != "" {
				inline = true
				add(compileStyle(text, p.URL), 0)
				inline = false
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
	return sheets, own
}

// computeStyles runs the cascade over every element, in document order
// (parents first), and sets the hidden states from the computed styles.
func (p *Page) computeStyles(src css.Source) {
	c := cascadeOf(p.styleSheets(src))
	var root *css.Style
	var lastRoot *Element // the previous element without a parent
	nodes := make([]css.Node, len(p.Elements))
	var arena css.Arena
	for i, e := range p.Elements {
		var parent *css.Style
		var parentNode, prev *css.Node
		if e.Parent != nil {
			parent = e.Parent.style
			parentNode = e.Parent.css
			if l := e.Parent.lastChild; l != nil {
				prev = l.css
			}
			e.Parent.lastChild = e
		} else {
			if lastRoot != nil {
				prev = lastRoot.css
			}
			lastRoot = e
		}
		e.css = &nodes[i]
		e.css.Init(e.Node, parentNode, prev, &arena)
		if e.Parent != nil && e.Parent.notRendered {
			// Inside content that is not rendered (head, display:none):
			// nothing in it is drawn, so its own styles decide nothing.
			e.style = parent
		} else {
			e.style = c.Compute(e.css, parent, root)
		}
		if root == nil {
			root = e.style
		}
		e.opacity = e.style.Opacity
		if e.Parent != nil {
			e.opacity *= e.Parent.opacity
		}
		p.visibility(e)
	}
	p.cascade = c
	if c.Limited {
		// The cascade's work limit ran out: the styles are partly known.
		p.Limited = true
		if p.Styles == StylesKnown {
			p.Styles = StylesPartial
		}
	}
}

// bounded is a small cache shared by the pages a scorer judges, emptied
// when its entries' weights would pass max.
type bounded[K comparable, V any] struct {
	max   int
	mu    sync.Mutex
	m     map[K]V
	total int
}

// get returns the value of k, made by make once while it stays cached;
// w is its weight.
func (c *bounded[K, V]) get(k K, w int, make func() V) V {
	c.mu.Lock()
	v, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = make()
	c.mu.Lock()
	if c.m == nil || c.total+w > c.max {
		c.m, c.total = map[K]V{}, 0
	}
	c.m[k] = v
	c.total += w
	c.mu.Unlock()
	return v
}

// reset empties the cache (the benchmarks meet pages as a survey first
// meets them).
func (c *bounded[K, V]) reset() {
	c.mu.Lock()
	c.m, c.total = nil, 0
	c.mu.Unlock()
}

// composeCache keeps the composed rules of each list of sheets: a site's
// pages mostly link the same sheets, so they share one composition of
// them, and each page adds its <style> elements (compiled once,
// styleCache), composed apart (ownCache): on many sites every page's
// differ, and the linked sheets would otherwise be merged again for each
// page, or pushed out of the cache by the pages' own. A composition holds
// an index of every rule of its sheets: 64 of each are kept.
var composeCache, ownCache = bounded[string, *css.Rules]{max: 64}, bounded[string, *css.Rules]{max: 64}

// cascadeOf returns the cascade of a page's sheets (styleSheets): the
// linked ones' composition, shared, and the page's own.
func cascadeOf(sheets []*css.Sheet, own []bool) *css.Cascade {
	var linked, inline []*css.Sheet
	var linkedPos, inlinePos []int
	linkedPos = append(linkedPos, 0) // the user-agent sheet
	for i, sh := range sheets {
		if own[i] {
			inline, inlinePos = append(inline, sh), append(inlinePos, i+1)
		} else {
			linked, linkedPos = append(linked, sh), append(linkedPos, i+1)
		}
	}
	switch {
	case len(inline) == 0:
		return composed(&composeCache, "", linked, css.Compose).Cascade()
	case len(linked) == 0:
		// Only the page's own: one composition (the user-agent sheet's
		// few rules with them) spares a second set of lookups an element.
		return composed(&ownCache, "ua", inline, css.Compose).Cascade()
	}
	return css.NewCascadeOf(css.Part{Rules: composed(&composeCache, "", linked, css.Compose), Pos: linkedPos},
		css.Part{Rules: composed(&ownCache, "", inline, css.ComposeMore), Pos: inlinePos})
}

// composed returns the composition of the sheets. The key is the sheets'
// addresses: the cached Rules keep those sheets alive (css.Compose), so
// no other sheet can take an address while its entry is here.
func composed(cache *bounded[string, *css.Rules], kind string, sheets []*css.Sheet, compose func([]*css.Sheet) *css.Rules) *css.Rules {
	k := []byte(kind)
	for _, sh := range sheets {
		k = fmt.Appendf(k, "%p,", sh)
	}
	return cache.get(string(k), 1, func() *css.Rules { return compose(sheets) })
}

// styleCache keeps compiled <style> elements by their text and page
// directory: a site repeats the same inline stylesheet on every page, and
// compiling it once per page would cost more than the cascade. They are
// kept up to 16 MiB of CSS text: a WordPress page carries 40 <style>
// elements and 128 KB of CSS, most of it the same on every page.
var styleCache = bounded[uint64, styleEntry]{max: 16 << 20}

// styleEntry is a compiled <style> element with what it was compiled
// from, to tell a hash collision from a hit.
type styleEntry struct {
	dir, text string
	sheet     *css.Sheet
}

var styleSeed = maphash.MakeSeed()

func compileStyle(text, pageURL string) *css.Sheet {
	// The page's directory is in the key: @import rules resolve against
	// it.
	dir := pageURL
	if i := strings.LastIndexByte(dir, '/'); i >= 0 {
		dir = dir[:i+1]
	}
	var h maphash.Hash
	h.SetSeed(styleSeed)
	h.WriteString(dir)
	h.WriteByte(0)
	h.WriteString(text)
	compile := func() styleEntry { return styleEntry{dir, text, css.Compile([]byte(text), pageURL)} }
	e := styleCache.get(h.Sum64(), len(text)+1, compile)
	if e.dir != dir || e.text != text {
		e = compile() // another text with the same hash
	}
	return e.sheet
}

// textOf returns the text of an element's text children (a <style>
// element's stylesheet), without a copy when there is one.
func textOf(n *html.Node) string {
	c := n.FirstChild
	if c != nil && c.NextSibling == nil && c.Type == html.TextNode {
		return c.Data
	}
	var b strings.Builder
	for ; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}
