package markdown

import (
	"strings"
	"testing"

	"guidepost/generator/internal/diag"
)

// convertWith converts src as content/articles/rest.md from line 5 with a Converter for raw.
func convertWith(t *testing.T, raw RawHTML, src string) (string, []string) {
	t.Helper()
	var diags diag.List
	r := NewWith(Options{RawHTML: raw}).Convert([]byte(src), Doc{Path: "content/articles/rest.md", Line: 5, Linker: linker}, &diags)
	var got []string
	for _, d := range diags.Sorted() {
		got = append(got, d.String())
	}
	return string(r.HTML), got
}

const rawHintTail = "; " + rawHint

func TestRawHTML(t *testing.T) {
	tests := []struct {
		name, src string
		raw       RawHTML
		html      string
		diags     []string
	}{
		{"e-mail autolinks", "Write to <help@example.org> or help@example.org.", SanitizeHTML,
			`<p>Write to <a href="mailto:help@example.org">help@example.org</a> or <a href="mailto:help@example.org">help@example.org</a>.</p>`, nil},
		{"autolink at its bracket", "Some words, then <javascript:alert(1)>", SanitizeHTML,
			`<p>Some words, then javascript:alert(1)</p>`,
			[]string{`content/articles/rest.md:5:18: warning: link target "javascript:alert(1)" uses the unsafe scheme "javascript:"; the link was dropped, its text kept`}},
		{"bare link on a later line", "One.\nTwo, see www.example.org and\nhttps://e.org/`x", SanitizeHTML,
			"<p>One.\nTwo, see <a href=\"http://www.example.org\">www.example.org</a> and\n<a href=\"https://e.org/%60x\">https://e.org/`x</a></p>", nil},
		{"valid URL Go cannot parse", "<https://foo.bar.`baz>", SanitizeHTML,
			`<p><a href="https://foo.bar.%60baz">https://foo.bar.` + "`" + `baz</a></p>`, nil},
		{"link text starting with emphasis", "Read [**this**](nowhere.md).", SanitizeHTML,
			`<p>Read <strong>this</strong>.</p>`,
			[]string{`content/articles/rest.md:5:6: link target "nowhere.md": content/articles/nowhere.md builds no page or file; check the file name; link to an article's .md file or a questionnaire's .yaml file, relative to this file`}},
		{"inline comment", "a <!-- note --> b", SanitizeHTML, `<p>a  b</p>`, nil},
		{"block comment", "<!--\nnote\n-->\n\nText.", SanitizeHTML, `<p>Text.</p>`, nil},
		{"comments escaped mode", "a <!-- note --> b\n\n<!-- block -->\n\nText.", EscapeHTML, "<p>a  b</p>\n<p>Text.</p>", nil},
		{"escaped mode", "H<sub>2</sub>O", EscapeHTML, `<p>H&lt;sub&gt;2&lt;/sub&gt;O</p>`, nil},
		{"inline allowed", "H<sub>2</sub>O and x<sup>2</sup>,<br>\n<abbr title=\"National Health Service\">NHS</abbr>", SanitizeHTML,
			"<p>H<sub>2</sub>O and x<sup>2</sup>,<br>\n<abbr title=\"National Health Service\">NHS</abbr></p>", nil},
		{"table", "Intro.\n\n<table>\n<tr><th scope=\"col\">Fee</th></tr>\n<tr><td onclick=\"steal()\" style=\"color:red\" colspan=\"2\">£175,000</td></tr>\n</table>", SanitizeHTML,
			"<p>Intro.</p>\n<table>\n<tr><th scope=\"col\">Fee</th></tr>\n<tr><td colspan=\"2\">£175,000</td></tr>\n</table>",
			[]string{`content/articles/rest.md:9:5: warning: raw HTML: <td> may not have "onclick" and "style"; dropped` + rawHintTail}},
		{"script block", "Text.\n\n<script>\nalert(1)\n</script>\n", SanitizeHTML, "<p>Text.</p>",
			[]string{`content/articles/rest.md:7:1: warning: raw HTML: <script> is not allowed; the tag was dropped` + rawHintTail}},
		{"iframe and event", "See <iframe src=\"https://evil.example\"></iframe> <mark onmouseover=\"x()\">this</mark>.", SanitizeHTML,
			"<p>See  <mark>this</mark>.</p>",
			[]string{
				`content/articles/rest.md:5:5: warning: raw HTML: <iframe> is not allowed; the tag was dropped` + rawHintTail,
				`content/articles/rest.md:5:50: warning: raw HTML: <mark> may not have "onmouseover"; dropped` + rawHintTail,
			}},
		{"image checked like markdown's", "<figure>\n<img src=\"../media/photo.jpg\" alt=\"A photo\" width=\"200\">\n<figcaption>Photo</figcaption>\n</figure>", SanitizeHTML,
			"<figure>\n<img src=\"../../media/photo.jpg\" alt=\"A photo\" width=\"200\">\n<figcaption>Photo</figcaption>\n</figure>", nil},
		{"image missing", "Text\n<img src=\"gone.png\" alt=\"\">", SanitizeHTML, "<p>Text\n</p>",
			[]string{`content/articles/rest.md:6:1: link target "gone.png": content/articles/gone.png builds no page or file; put the file in content/media/ and link to it relative to this file, such as ../media/gone.png`}},
		{"image with an unsafe source", "<p><img src=\"data:image/png;base64,AAAA\"></p>", SanitizeHTML, "<p></p>",
			[]string{`content/articles/rest.md:5:4: warning: link target "data:image/png;base64,AAAA" uses the unsafe scheme "data:"; the link was dropped, its text kept`}},
		{"mail link", "<p><a href=\"mailto:help@example.org\">Write</a></p>", SanitizeHTML,
			`<p><a href="mailto:help@example.org">Write</a></p>`, nil},
		{"link checked like markdown's", "<dl><dt><a href=\"walking.md#x\">Walk</a></dt></dl>", SanitizeHTML,
			`<dl><dt><a href="../walking/#x">Walk</a></dt></dl>`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, diags := convertWith(t, tt.raw, tt.src)
			if got := strings.TrimSpace(html); got != tt.html {
				t.Errorf("html\n%s\nwant\n%s", got, tt.html)
			}
			if strings.Join(diags, "\n") != strings.Join(tt.diags, "\n") {
				t.Errorf("diagnostics\n%s\nwant\n%s", strings.Join(diags, "\n"), strings.Join(tt.diags, "\n"))
			}
		})
	}
}
