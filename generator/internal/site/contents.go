package site

import (
	"bytes"
	"html"
	"regexp"
	"strings"

	"guidepost/generator/internal/render"
)

// minContents is how many h2 headings an article needs for an "On this page" list.
const minContents = 3

var (
	h2Open = []byte("<h2 id=\"")
	tagRE  = regexp.MustCompile(`<[^>]*>`)
)

// contents returns the h2 headings of an article's body, rendered by package markdown
// (every heading has an id), as links to them; nil when it has fewer than minContents.
func contents(body []byte) []render.Link {
	var out []render.Link
	for rest := body; ; {
		i := bytes.Index(rest, h2Open)
		if i < 0 {
			break
		}
		rest = rest[i+len(h2Open):]
		q := bytes.IndexByte(rest, '"')
		if q < 0 {
			break
		}
		id := string(rest[:q])
		gt := bytes.IndexByte(rest[q:], '>')
		end := bytes.Index(rest, []byte("</h2>"))
		if gt < 0 || end < q+gt {
			break
		}
		text := html.UnescapeString(tagRE.ReplaceAllString(string(rest[q+gt+1:end]), ""))
		out = append(out, render.Link{URL: "#" + id, Text: strings.TrimSpace(text)})
		rest = rest[end:]
	}
	if len(out) < minContents {
		return nil
	}
	return out
}
