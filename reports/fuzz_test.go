package reports

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// FuzzSafeName checks that any code gives a local file name of letters,
// digits and hyphens.
func FuzzSafeName(f *testing.F) {
	for _, s := range []string{"ADU", "../x", "", "..", "a/b", "<script>", "Ynys Môn"} {
		f.Add(s)
	}
	ok := regexp.MustCompile(`^[A-Za-z0-9-]{1,64}$`)
	f.Fuzz(func(t *testing.T, s string) {
		got := safeName(s)
		if !ok.MatchString(got) || !filepath.IsLocal(got) {
			t.Errorf("safeName(%q) = %q", s, got)
		}
	})
}

// FuzzMarkdown checks that the Markdown subset never lets markup through:
// the output holds only the elements and attributes it makes.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{"# x\n\n**b** `c` [l](https://x)", "<script>alert(1)</script>", "| a |\n| - |\n| <b> |", "[x](javascript:alert(1))"} {
		f.Add(s)
	}
	allowed := map[string]bool{"p": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "ul": true, "ol": true, "li": true,
		"strong": true, "code": true, "pre": true, "a": true, "div": true, "table": true, "caption": true, "thead": true, "tbody": true,
		"tr": true, "th": true, "td": true, "html": true, "head": true, "body": true}
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := html.Parse(strings.NewReader(string(markdown(s))))
		if err != nil {
			t.Fatal(err)
		}
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				if !allowed[n.Data] {
					t.Errorf("markdown(%q) made <%s>", s, n.Data)
				}
				for _, a := range n.Attr {
					if a.Key == "href" && !isHTTP(a.Val) && a.Val != "#rules" {
						t.Errorf("markdown(%q) made href %q", s, a.Val)
					}
					switch {
					case a.Key == "href" || a.Key == "id" || a.Key == "class" || a.Key == "scope" || a.Key == "aria-label":
					case a.Key == "role" && a.Val == "region", a.Key == "tabindex" && a.Val == "0":
						// A table's scroll region.
					default:
						t.Errorf("markdown(%q) made attribute %s=%q", s, a.Key, a.Val)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	})
}
