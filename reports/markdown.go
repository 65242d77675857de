package reports

import (
	"fmt"
	"html"
	"html/template"
	"regexp"
	"strings"
)

// markdown renders the small subset of Markdown that the project's
// generated docs use: ATX headings, paragraphs, bulleted and numbered
// lists, pipe tables, fenced code, and inline code, bold and links. Every
// piece of text is escaped; raw HTML is shown as text, HTML comments are
// dropped, and only http(s) links and links to the rule table (rules.md,
// which the methodology page includes) become links. A "# " heading is
// dropped (the page has its own h1); the others keep their level, with ids
// made from their text. Tables are captioned with the heading above them.
func markdown(src string) template.HTML {
	var b strings.Builder
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	heading := ""
	captions := map[string]int{}
	ids := map[string]int{}
	for i := 0; i < len(lines); {
		line := lines[i]
		trim := strings.TrimSpace(line)
		switch {
		case trim == "":
			i++
		case strings.HasPrefix(trim, "<!--"):
			for i < len(lines) && !strings.Contains(lines[i], "-->") {
				i++
			}
			i++
		case strings.HasPrefix(trim, "```"):
			i++
			var code []string
			for i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), "```") {
				code = append(code, lines[i])
				i++
			}
			i++
			fmt.Fprintf(&b, "<pre><code>%s</code></pre>\n", html.EscapeString(strings.Join(code, "\n")))
		case mdHeading.MatchString(trim):
			m := mdHeading.FindStringSubmatch(trim)
			i++
			level := len(m[1])
			heading = plainInline(m[2])
			if level == 1 {
				continue
			}
			id := "md-" + safeName(strings.ToLower(heading))
			ids[id]++
			if n := ids[id]; n > 1 {
				id = fmt.Sprintf("%s-%d", id, n)
			}
			fmt.Fprintf(&b, "<h%d id=\"%s\">%s</h%d>\n", level, id, inline(m[2]), level)
		case strings.HasPrefix(trim, "|"):
			var rows []string
			for i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), "|") {
				rows = append(rows, strings.TrimSpace(lines[i]))
				i++
			}
			caption := heading
			captions[caption]++
			if n := captions[caption]; n > 1 {
				caption = fmt.Sprintf("%s (%d)", caption, n)
			}
			mdTable(&b, rows, caption)
		case mdBullet.MatchString(trim) || mdNumber.MatchString(trim):
			ordered := mdNumber.MatchString(trim)
			tag := "ul"
			if ordered {
				tag = "ol"
			}
			fmt.Fprintf(&b, "<%s>\n", tag)
			var item []string
			flush := func() {
				if item != nil {
					fmt.Fprintf(&b, "<li>%s</li>\n", inline(strings.Join(item, " ")))
				}
				item = nil
			}
			for i < len(lines) {
				t := strings.TrimSpace(lines[i])
				if t == "" || strings.HasPrefix(t, "|") || mdHeading.MatchString(t) {
					break
				}
				if m := mdBullet.FindStringSubmatch(t); m != nil && !ordered {
					flush()
					item = []string{m[1]}
				} else if m := mdNumber.FindStringSubmatch(t); m != nil && ordered {
					flush()
					item = []string{m[1]}
				} else {
					item = append(item, t)
				}
				i++
			}
			flush()
			fmt.Fprintf(&b, "</%s>\n", tag)
		default:
			var para []string
			for i < len(lines) {
				t := strings.TrimSpace(lines[i])
				if t == "" || strings.HasPrefix(t, "|") || strings.HasPrefix(t, "```") || strings.HasPrefix(t, "<!--") ||
					mdHeading.MatchString(t) || mdBullet.MatchString(t) || mdNumber.MatchString(t) {
					break
				}
				para = append(para, t)
				i++
			}
			fmt.Fprintf(&b, "<p>%s</p>\n", inline(strings.Join(para, " ")))
		}
	}
	return template.HTML(b.String()) // every piece of text above went through html.EscapeString
}

var (
	mdHeading = regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*#*$`)
	mdBullet  = regexp.MustCompile(`^[-*]\s+(.*)$`)
	mdNumber  = regexp.MustCompile(`^\d+[.)]\s+(.*)$`)
	mdLink    = regexp.MustCompile(`\[([^\]]*)\]\(((?:[^()\s]|\([^()\s]*\))*)\)`)
	mdBold    = regexp.MustCompile(`\*\*(.+?)\*\*`)
)

// mdTable renders a pipe table: a header row, a separator row, data rows.
func mdTable(b *strings.Builder, rows []string, caption string) {
	if len(rows) < 2 {
		for _, r := range rows {
			fmt.Fprintf(b, "<p>%s</p>\n", inline(r))
		}
		return
	}
	head := splitRow(rows[0])
	// The wrapper scrolls sideways on a narrow screen: a region named by
	// the caption, in the tab order, as the report's other tables.
	fmt.Fprintf(b, "<div class=\"table-wrap\" role=\"region\" aria-label=\"%s\" tabindex=\"0\">\n<table>\n<caption>%s</caption>\n<thead><tr>",
		html.EscapeString(caption), html.EscapeString(caption))
	for _, h := range head {
		fmt.Fprintf(b, "<th scope=\"col\">%s</th>", inline(h))
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, r := range rows[2:] {
		cells := splitRow(r)
		b.WriteString("<tr>")
		for j := range head {
			c := ""
			if j < len(cells) {
				c = cells[j]
			}
			fmt.Fprintf(b, "<td>%s</td>", inline(c))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n</div>\n")
}

// splitRow splits a table row at its unescaped pipes.
func splitRow(r string) []string {
	r = strings.TrimSpace(r)
	r = strings.TrimPrefix(r, "|")
	if strings.HasSuffix(r, "|") && !strings.HasSuffix(r, `\|`) {
		r = r[:len(r)-1]
	}
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(r); i++ {
		switch {
		case r[i] == '\\' && i+1 < len(r) && r[i+1] == '|':
			cur.WriteByte('|')
			i++
		case r[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(r[i])
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}

// inline renders inline Markdown: code spans, then links and bold in the
// text between them. Entities in the source (&lt;) are decoded first and
// everything is escaped again on output.
func inline(s string) string {
	var b strings.Builder
	parts := strings.Split(s, "`")
	for i, p := range parts {
		if i%2 == 1 && i < len(parts)-1 {
			fmt.Fprintf(&b, "<code>%s</code>", html.EscapeString(p))
			continue
		}
		if i%2 == 1 { // an unmatched backtick
			b.WriteString("`")
		}
		b.WriteString(links(p))
	}
	return b.String()
}

// links renders the links and bold of text without code spans.
func links(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range mdLink.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(bold(s[last:m[0]]))
		text, target := s[m[2]:m[3]], s[m[4]:m[5]]
		switch href, ok := mdHref(target); {
		case ok:
			fmt.Fprintf(&b, "<a href=\"%s\">%s</a>", html.EscapeString(href), bold(text))
		default:
			b.WriteString(bold(text))
		}
		last = m[1]
	}
	b.WriteString(bold(s[last:]))
	return b.String()
}

// mdHref maps a Markdown link target to a link of the site: http(s) URLs
// as they are, rules.md to the rule table; anything else is no link.
func mdHref(target string) (string, bool) {
	if isHTTP(target) {
		return target, true
	}
	if target == "rules.md" || strings.HasPrefix(target, "rules.md#") {
		return "#rules", true
	}
	return "", false
}

// bold renders **bold** in plain text, escaping everything.
func bold(s string) string {
	s = html.UnescapeString(s)
	var b strings.Builder
	last := 0
	for _, m := range mdBold.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(html.EscapeString(s[last:m[0]]))
		fmt.Fprintf(&b, "<strong>%s</strong>", html.EscapeString(s[m[2]:m[3]]))
		last = m[1]
	}
	b.WriteString(html.EscapeString(s[last:]))
	return b.String()
}

// plainInline returns inline Markdown as plain text.
func plainInline(s string) string {
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdBold.ReplaceAllString(s, "$1")
	return html.UnescapeString(strings.ReplaceAll(s, "`", ""))
}
