package crawler

import (
	"bytes"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/councilbench/councilbench"
	"github.com/councilbench/councilbench/charset"
	"github.com/councilbench/councilbench/css"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Bounds on what one page may add, so a hostile page cannot flood the
// frontier or the store.
const (
	maxLinksPerPage = 2000
	maxLinkText     = 200
	maxURLLength    = 2048
	maxLinkBytes    = 256 << 10 // URLs and texts of one page's links together
	maxSheetLinks   = 256       // stylesheets one page links to (the site's budget bounds what is fetched)
)

// rawLink is a link as found on a page, before it is judged in or out of scope.
type rawLink struct {
	url  *url.URL
	text string
}

// links extracts a page's links, marking each internal or external, and
// the stylesheets it links to. Before the home page has been fetched the
// scope is unknown: the home page's own final host is the scope.
func (s *siteCrawl) links(p *councilbench.Page) ([]councilbench.Link, []string) {
	base, err := url.Parse(p.FinalURL)
	if err != nil {
		return nil, nil
	}
	scope := s.scope
	if scope[0] == "" {
		h := strings.TrimPrefix(base.Host, "www.")
		scope = [2]string{h, "www." + h}
	}
	raw, sheets := extractLinks(p.Body, p.ContentType, base)
	out := make([]councilbench.Link, 0, len(raw))
	seen := make(map[string]bool, len(raw))
	for _, l := range raw {
		key := l.url.String()
		if seen[key+"\x00"+l.text] {
			continue
		}
		seen[key+"\x00"+l.text] = true
		out = append(out, councilbench.Link{URL: key, Text: l.text, External: l.url.Host != scope[0] && l.url.Host != scope[1]})
	}
	return out, sheets
}

// extractLinks returns the <a href> and <area href> links of an HTML body,
// resolved against base (or the page's <base href>), with their text: the
// aria-label when there is one, else the text content and the alt text of
// images inside the link. It also returns, in document order and once
// each, the absolute URLs of the stylesheets the page links to
// (css.StylesheetLink decides which <link> is one) whose media apply to the
// viewport the rules judge (css.MediaApplies): a sheet for print is never
// fetched. It uses the tokenizer, not the tree builder: the crawler needs
// only links, and the scorer parses the page once, later.
func extractLinks(body []byte, contentType string, base *url.URL) ([]rawLink, []string) {
	// Link texts are stored as UTF-8, read with the one decoder every
	// reader of a body uses, so that they agree with the scorer's titles.
	text, _ := charset.Decode(body, contentType)
	z := html.NewTokenizer(bytes.NewReader(text))
	z.SetMaxBuf(0)
	var (
		links    []rawLink
		inLink   bool
		href     string
		label    string
		linkText strings.Builder
		skip     int // depth inside <script>/<style>, whose text is not link text
		baseSet  bool
		size     int // bytes of the links kept so far
		sheets   []string
		sheetSet = map[string]bool{}
	)
	flush := func() {
		if !inLink {
			return
		}
		inLink = false
		t := label
		if t == "" {
			t = linkText.String()
		}
		if len(links) >= maxLinksPerPage || size >= maxLinkBytes {
			return
		}
		if u := resolve(base, href); u != nil {
			l := rawLink{url: u, text: collapse(t)}
			size += len(u.String()) + len(l.text)
			links = append(links, l)
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return links, sheets
		case html.TextToken:
			if inLink && skip == 0 && linkText.Len() < 4*maxLinkText {
				linkText.Write(z.Text())
				linkText.WriteByte(' ')
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Script, atom.Style, atom.Template:
				if tt == html.StartTagToken {
					skip++
				}
			case atom.Base:
				if v, ok := attr(z, hasAttr, "href"); ok && !baseSet {
					if u := resolve(base, v); u != nil {
						base, baseSet = u, true
					}
				}
			case atom.Link:
				// A <link> inside <template> is inert; one inside
				// <noscript> never reaches here, since the tokenizer reads
				// noscript as raw text, as a browser with scripts does.
				if skip > 0 || len(sheets) >= maxSheetLinks {
					continue
				}
				la := linkAttrs(z, hasAttr)
				if !css.StylesheetLink(la["rel"], la["type"]) || !css.MediaApplies(la["media"]) {
					continue
				}
				if u := resolve(base, la["href"]); u != nil && !sheetSet[u.String()] {
					sheetSet[u.String()] = true
					sheets = append(sheets, u.String())
				}
			case atom.A, atom.Area:
				flush()
				attrs := attrs(z, hasAttr)
				h, ok := attrs["href"]
				if !ok {
					continue
				}
				href, label = h, attrs["aria-label"]
				linkText.Reset()
				if a == atom.Area {
					label = attrs["alt"]
					inLink = true
					flush()
					continue
				}
				inLink = true
			case atom.Img:
				if inLink {
					if v, ok := attr(z, hasAttr, "alt"); ok {
						linkText.WriteString(v)
						linkText.WriteByte(' ')
					}
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Script, atom.Style, atom.Template:
				if skip > 0 {
					skip--
				}
			case atom.A:
				flush()
			}
		}
	}
}

func attr(z *html.Tokenizer, more bool, want string) (string, bool) {
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		if string(k) == want {
			return string(v), true
		}
	}
	return "", false
}

func attrs(z *html.Tokenizer, more bool) map[string]string {
	m := make(map[string]string, 4)
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch string(k) {
		case "href", "aria-label", "alt":
			m[string(k)] = string(v)
		}
	}
	return m
}

// linkAttrs reads the attributes of a <link> that say whether it is a
// stylesheet that applies, and where it is.
func linkAttrs(z *html.Tokenizer, more bool) map[string]string {
	m := make(map[string]string, 4)
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch key := string(k); key {
		case "rel", "href", "media", "type":
			if _, dup := m[key]; !dup { // the first of a repeated attribute counts, as in the tree
				m[key] = string(v)
			}
		}
	}
	return m
}

// collapse collapses whitespace and truncates to maxLinkText characters.
func collapse(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > maxLinkText {
		r := []rune(s)
		s = string(r[:maxLinkText])
	}
	return s
}

// resolve makes href absolute against base and normalises it; it returns nil
// for anything that is not an http(s) URL worth recording.
func resolve(base *url.URL, href string) *url.URL {
	href = strings.TrimSpace(href)
	if href == "" || len(href) > maxURLLength {
		return nil
	}
	u, err := base.Parse(href)
	if err != nil {
		return nil
	}
	return normalize(u)
}

// normalize lower-cases the scheme and host, drops default ports and the
// fragment, and gives an empty path "/": two spellings of one URL must be one
// URL in the frontier and in the store.
func normalize(u *url.URL) *url.URL {
	if u.Scheme != "http" && u.Scheme != "https" || u.Hostname() == "" {
		return nil
	}
	v := *u
	v.Scheme = strings.ToLower(v.Scheme)
	v.Host = strings.ToLower(v.Host)
	if p := v.Port(); p == "80" && v.Scheme == "http" || p == "443" && v.Scheme == "https" {
		v.Host = v.Hostname()
		if strings.Contains(v.Host, ":") {
			v.Host = "[" + v.Host + "]" // an IPv6 address keeps its brackets
		}
	}
	v.Fragment, v.RawFragment = "", ""
	v.User = nil
	stripSessionIDs(&v)
	if v.Path == "" {
		v.Path = "/"
		v.RawPath = ""
	}
	if len(v.String()) > maxURLLength {
		return nil
	}
	return &v
}

// NormalizeURL returns the form of rawURL that the crawler stores: absolute,
// lower-case scheme and host, no default port or fragment.
func NormalizeURL(rawURL string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return "", false
	}
	n := normalize(u)
	if n == nil {
		return "", false
	}
	return n.String(), true
}

// sessionParams are the query parameters (lower case) that servers use to
// carry a session in the URL. Each visit mints a new one, so a crawler that
// kept them would see every page again under endless new URLs.
var sessionParams = map[string]bool{
	"phpsessid": true, "jsessionid": true, "sessionid": true, "session_id": true, "sessid": true,
	"cfid": true, "cftoken": true, "zenid": true, "oscsid": true,
}

// stripSessionIDs removes session identifiers from u in place: query
// parameters named in sessionParams (or starting "aspsessionid"), and Java
// servlets' ";jsessionid=..." path parameter. The other parameters keep
// their order and spelling, so URLs without a session are unchanged.
func stripSessionIDs(u *url.URL) {
	if i := indexFoldASCII(u.Path, ";jsessionid="); i >= 0 {
		u.Path = u.Path[:i]
		u.RawPath = ""
		if u.Path == "" {
			u.Path = "/"
		}
	}
	if u.RawQuery == "" {
		return
	}
	parts := strings.Split(u.RawQuery, "&")
	kept := parts[:0]
	for _, p := range parts {
		name, _, _ := strings.Cut(p, "=")
		name = strings.ToLower(name)
		if sessionParams[name] || strings.HasPrefix(name, "aspsessionid") {
			continue
		}
		kept = append(kept, p)
	}
	u.RawQuery = strings.Join(kept, "&")
	u.ForceQuery = false
}

// indexFoldASCII is strings.Index ignoring ASCII case; sub is lower case.
func indexFoldASCII(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && s[i+j]|0x20 == sub[j] {
			j++
		}
		if j == len(sub) {
			return i
		}
	}
	return -1
}
