package site

import (
	"html/template"
	"strings"
)

// minContents is how many h2 headings an article needs for an "On this page" list.
const minContents = 3

// contents returns the "On this page" list of an article's body, rendered by package
// markdown (every heading has an id): an <li> linking to each h2, or "" when the body has
// fewer than minContents. The headings' text is already escaped HTML; their tags (code,
// emphasis, links) are dropped. It is built here rather than by a template range because it
// runs for every article of the site, and a template's range costs several times more.
func contents(body template.HTML) template.HTML {
	const open = `<h2 id="`
	s := string(body)
	if strings.Count(s, open) < minContents {
		return ""
	}
	var b strings.Builder
	b.Grow(64 * minContents)
	for {
		i := strings.Index(s, open)
		if i < 0 {
			break
		}
		s = s[i+len(open):]
		q := strings.IndexByte(s, '"')
		end := strings.Index(s, "</h2>")
		if q < 0 || end < q {
			break
		}
		gt := strings.IndexByte(s[q:], '>')
		if gt < 0 || q+gt > end {
			break
		}
		b.WriteString(`<li><a href="#`)
		b.WriteString(s[:q]) // an id of package markdown: letters, digits, - and _
		b.WriteString(`">`)
		writeText(&b, s[q+gt+1:end])
		b.WriteString("</a></li>")
		s = s[end:]
	}
	return template.HTML(b.String())
}

// writeText writes the HTML h without its tags.
func writeText(b *strings.Builder, h string) {
	h = strings.TrimSpace(h)
	for {
		lt := strings.IndexByte(h, '<')
		if lt < 0 {
			b.WriteString(h)
			return
		}
		b.WriteString(h[:lt])
		gt := strings.IndexByte(h[lt:], '>')
		if gt < 0 {
			return
		}
		h = h[lt+gt+1:]
	}
}
