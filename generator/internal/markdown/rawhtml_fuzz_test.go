package markdown

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"guidepost/generator/internal/diag"
)

// markup lists, by element, the attributes a converted page may hold: what goldmark writes
// for markdown and what the raw HTML allowlist (NewPolicy) keeps.
var markup = map[string][]string{
	// goldmark's own
	"p": nil, "h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
	"a": {"href", "title", "class", "role", "id"}, "img": {"src", "alt", "title", "width", "height"},
	"em": nil, "strong": nil, "code": {"class"}, "pre": nil, "blockquote": nil, "hr": nil, "br": nil,
	"ul": nil, "ol": {"start"}, "li": {"id"}, "del": nil, "sup": {"id"}, "div": {"class", "role"},
	"span": {"class", "role", "aria-label"}, "table": nil, "thead": nil, "tbody": nil, "tr": nil,
	"th": {"class", "scope", "colspan", "rowspan"}, "td": {"class", "colspan", "rowspan"},
	// the allowlist's
	"caption": nil, "colgroup": {"span"}, "col": {"span"}, "tfoot": nil, "sub": nil, "small": nil,
	"abbr": {"title"}, "kbd": nil, "mark": nil, "ins": nil, "details": {"open"}, "summary": nil,
	"dl": nil, "dt": nil, "dd": nil, "figure": nil, "figcaption": nil, "b": nil, "i": nil, "s": nil,
}

// FuzzRawHTML checks that whatever raw HTML markdown holds, the page gets only the elements
// and attributes of markup, no link or image with a scheme other than http, https, mailto
// or tel, and no comment; and that every position reported lies inside the input.
func FuzzRawHTML(f *testing.F) {
	for _, s := range []string{
		"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=\"javascript:x\">x</a>",
		"<table><tr><td style=\"x\" onclick=\"y\">1</td></tr></table>", "<svg><script>x</script></svg>",
		"a <b onclick=x>b</b> <!-- c --> <iframe src=//x></iframe>", "<details open><summary>S</summary>\n\nText\n\n</details>",
		"<img src=\"../media/photo.jpg\">", "<a href=\"walking.md\">w</a>", "<math><mi xlink:href=\"javascript:x\">",
		"<style>*{}</style>", "<form action=x><input></form>", "<object data=x></object>", "<<script>>", "<a href=\"  java\tscript:x\">",
		"<img src=\"https://x.example/a.png\" srcset=\"data:x\">", "<p>\n<sup>1</sup>\n</p>", "<IMG SRC=JaVaScRiPt:x>",
		"<!-- unclosed", "<div\nclass=x\n>y</div>", "<a href=\"&#106;avascript:x\">x</a>",
	} {
		f.Add(s)
	}
	c := New()
	f.Fuzz(func(t *testing.T, src string) {
		var diags diag.List
		r := c.Convert([]byte(src), Doc{Path: "content/articles/rest.md", Line: 3, Linker: linker}, &diags)
		z := html.NewTokenizer(strings.NewReader(string(r.HTML)))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			tok := z.Token()
			switch tt {
			case html.CommentToken:
				t.Fatalf("a comment reached the page: %s", r.HTML)
			case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
				attrs, ok := markup[tok.Data]
				if !ok {
					t.Fatalf("<%s> reached the page: %s", tok.Data, r.HTML)
				}
				for _, a := range tok.Attr {
					if a.Namespace != "" || !slices.Contains(attrs, a.Key) {
						t.Fatalf("<%s %s> reached the page: %s", tok.Data, a.Key, r.HTML)
					}
					if (a.Key == "href" || a.Key == "src") && !safeURL(a.Val) {
						t.Fatalf("<%s %s=%q> reached the page: %s", tok.Data, a.Key, a.Val, r.HTML)
					}
				}
			}
		}
		lines := strings.Count(src, "\n") + 1
		for _, d := range diags.Sorted() {
			if d.Line < 3 || d.Line > 3+lines || d.Col < 1 {
				t.Errorf("position out of the input: %s", d)
			}
		}
	})
}

// safeURL reports whether u, as a browser reads it, is relative or has a safe scheme.
func safeURL(u string) bool {
	u = strings.Map(func(r rune) rune {
		if r <= ' ' { // browsers drop these from URLs
			return -1
		}
		return r
	}, u)
	s := schemeOf(u)
	return s == "" || safeSchemes[strings.ToLower(s)]
}
