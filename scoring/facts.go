package scoring

import (
	"strings"

	"github.com/andybalholm/cascadia"
	"github.com/councilbench/councilbench"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// FactsVersion is the version of the page facts' logic, stored with every
// page's facts and bumped whenever what a fact records changes, so that a
// rescore knows which stored facts are current.
const FactsVersion = 2

// factDef declares one page fact: which elements it wants to see (as a
// rule's Target) and what it records of them. The scorer's walk hands each
// fact its elements as it hands the rules theirs, so the facts cost no
// second walk; the site assessment then reads the stored facts instead of
// the page.
type factDef struct {
	Name    string
	Target  Target
	Collect func(p *Page, e *Element, f *councilbench.PageFacts)
}

// pageFacts is the table of page facts.
var pageFacts = []factDef{
	{Name: "title", Target: Target{Tags: []string{"title"}}, Collect: factTitle},
	{Name: "h1", Target: Target{Tags: []string{"h1"}}, Collect: factH1},
	{Name: "viewport", Target: Target{Tags: []string{"meta"}}, Collect: factViewport},
	{Name: "forms", Target: Target{Tags: []string{"form"}}, Collect: factForm},
	{Name: "main", Target: Target{Roles: []string{"main"}}, Collect: factMain},
	{Name: "lang", Target: Target{Document: true}, Collect: factLang},
	{Name: "article", Target: Target{Tags: []string{"meta", "script"}}, Collect: factArticle},
}

// Bounds on the facts of one page.
const (
	maxFactText  = 1024 // bytes of a title or heading read
	maxFactForms = 64
	maxFormNames = 16
)

func factTitle(p *Page, e *Element, f *councilbench.PageFacts) {
	if f.Title == "" && e.Node.Namespace == "" {
		f.Title = collapse(textRuns(e.Node, maxFactText))
	}
}

func factH1(p *Page, e *Element, f *councilbench.PageFacts) {
	if f.H1 == "" && e.Node.Namespace == "" {
		f.H1 = collapse(textRuns(e.Node, maxFactText))
	}
}

func factViewport(p *Page, e *Element, f *councilbench.PageFacts) {
	if !f.HasViewport && e.Node.Namespace == "" && strings.EqualFold(strings.TrimSpace(attrVal(e.Node, "name")), "viewport") {
		f.Viewport, f.HasViewport = attrVal(e.Node, "content"), true
	}
}

// factArticle records whether the page is a dated article: news and blog
// posts report on services rather than deliver them, whatever their URL.
func factArticle(p *Page, e *Element, f *councilbench.PageFacts) {
	if f.Article || e.Node.Namespace != "" {
		return
	}
	switch e.Node.DataAtom {
	case atom.Meta:
		f.Article = strings.EqualFold(strings.TrimSpace(attrVal(e.Node, "property")), "article:published_time")
	case atom.Script:
		if !strings.EqualFold(strings.TrimSpace(attrVal(e.Node, "type")), "application/ld+json") {
			return
		}
		text := textRuns(e.Node, 16<<10)
		f.Article = strings.Contains(text, `"NewsArticle"`) || strings.Contains(text, `"BlogPosting"`)
	}
}

func factMain(p *Page, e *Element, f *councilbench.PageFacts) { f.Main = true }

func factLang(p *Page, e *Element, f *councilbench.PageFacts) {
	f.Lang = strings.TrimSpace(attrVal(e.Node, "lang"))
}

// Selectors of the form fact: a form's fields, the <search> element that
// marks what it holds as search, and the widgets of CAPTCHA services.
var (
	formFields    = cascadia.MustCompile("input, select, textarea")
	searchElement = cascadia.MustCompile("search")
	captchaWidget = cascadia.MustCompile(".g-recaptcha, .h-captcha, .cf-turnstile, [data-sitekey], iframe[src*=captcha]")
)

// maxHidden bounds the hidden fields a form fact keeps.
const maxHidden = 8

// factForm records a <form>: where it sends what, whether it is marked as
// a search (its role, a <search> around it, an <input type=search>), and
// the fields a user fills in.
func factForm(p *Page, e *Element, f *councilbench.PageFacts) {
	if e.Node.Namespace != "" || len(f.Forms) >= maxFactForms {
		return
	}
	sel := p.Sel(e)
	fm := councilbench.Form{
		Action: attrVal(e.Node, "action"),
		Method: strings.ToLower(attrVal(e.Node, "method")),
		Search: e.RoleAttr == "search" || sel.ParentsMatcher(searchElement).Length() > 0,
	}
	fm.Captcha = sel.FindMatcher(captchaWidget).Length() > 0
	for _, n := range sel.FindMatcher(formFields).Nodes {
		typ := n.Data
		if n.DataAtom == atom.Input {
			typ = strings.ToLower(strings.TrimSpace(attrVal(n, "type")))
		}
		if strings.Contains(strings.ToLower(attrVal(n, "name")), "captcha") {
			fm.Captcha = true
		}
		switch typ {
		case "hidden":
			if name := attrVal(n, "name"); name != "" && len(fm.Hidden) < maxHidden {
				fm.Hidden = append(fm.Hidden, name+"="+attrVal(n, "value"))
			}
			continue
		case "submit", "button", "reset", "image":
			continue
		case "search":
			fm.Search = true
		case "email":
			fm.Emails++
		case "password":
			fm.Password = true
		}
		if fm.Query == "" && (typ == "search" || typ == "text" || typ == "") && n.DataAtom == atom.Input {
			fm.Query = attrVal(n, "name")
		}
		name := strings.ToLower(attrVal(n, "name"))
		if typ != "email" && strings.Contains(name, "email") {
			fm.Emails++
		}
		fm.Fields++
		if len(fm.Names) < maxFormNames {
			fm.Names = append(fm.Names, name)
		}
	}
	f.Forms = append(f.Forms, fm)
}

// textRuns returns the text under n, each run of text followed by a
// space, until max bytes: "Page <b>not</b> found" reads as words, not as
// "Pagenotfound".
func textRuns(n *html.Node, max int) string {
	if c := n.FirstChild; c != nil && c.NextSibling == nil && c.Type == html.TextNode {
		return c.Data // one run, as most titles are: nothing to join
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && b.Len() < max; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
				b.WriteByte(' ')
			case html.ElementNode:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// searchFieldNames are the names a lone field of a site search has.
var searchFieldNames = map[string]bool{"q": true, "query": true, "search": true, "keywords": true, "keyword": true, "s": true,
	"term": true, "terms": true, "searchterm": true, "search_term": true, "searchtext": true, "k": true,
	"search_api_fulltext": true, "search_api_views_fulltext": true, "text": true, "search-query": true, "searchquery": true, "qt": true}

// isSearch reports whether a form is a site search: marked as one, or
// with one field named as search fields are.
func isSearch(f *councilbench.Form) bool {
	return f.Search || f.Fields == 1 && len(f.Names) == 1 && searchFieldNames[f.Names[0]]
}

// isSiteSearch reports whether a home page's form searches the site: a
// search form, or a small form whose action names a search. (On a task's
// page such a form is the task's own search, a planning or councillor
// search: there isSearch alone decides.)
func isSiteSearch(f *councilbench.Form) bool {
	return isSearch(f) || f.Fields >= 1 && f.Fields <= 3 && f.Emails == 0 && actionSaysSearch(f.Action)
}

// actionSaysSearch reports whether a form's action names a search
// ("/search", "/chwilio", "SearchResults.aspx").
func actionSaysSearch(action string) bool {
	p := strings.ToLower(pathOf(action))
	return strings.Contains(p, "search") || strings.Contains(p, "chwilio")
}

// isTransaction reports whether a form lets a user do something: not a
// site search, not a newsletter sign-up (a lone email field), and with a
// field to fill in.
func isTransaction(f *councilbench.Form) bool {
	return f.Fields > 0 && !isSearch(f) && f.Fields != f.Emails
}

// saysNotFound reports whether a page's title or first heading says "not
// found".
func saysNotFound(f *councilbench.PageFacts) bool {
	return notFoundPhrases.match(words(f.Title)) != nil || notFoundPhrases.match(words(f.H1)) != nil
}
