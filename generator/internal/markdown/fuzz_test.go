package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"

	"guidepost/generator/internal/diag"
)

// FuzzConvert checks that no markdown makes Convert panic, that raw HTML never reaches the
// output, and that every reported position lies inside the input.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"[a](walking.md#x)", "![i](../media/photo.jpg)", "<script>x</script>", "[j](JaVaScRiPt:alert(1))",
		"[r](/abs)", "[e]()", "<javascript:alert(1)>", "[u](%zz)", "a\n\n[b](../../x.md)\n", "[^1]\n\n[^1]: n",
		"| a |\n| - |\n| [x](y.md) |", "- [ ] task", "[x](walking.md#)", "[x](#)",
	} {
		f.Add(s)
	}
	c := New()
	f.Fuzz(func(t *testing.T, src string) {
		var diags diag.List
		r := c.Convert([]byte(src), Doc{Path: "content/articles/rest.md", Line: 3, Linker: linker}, &diags)
		if strings.Contains(string(r.HTML), "<script") {
			t.Errorf("raw HTML passed through: %s", r.HTML)
		}
		if strings.Contains(strings.ToLower(string(r.HTML)), `href="javascript:`) {
			t.Errorf("javascript: link kept: %s", r.HTML)
		}
		lines := strings.Count(src, "\n") + 1
		for _, d := range diags.Sorted() {
			if d.Line < 3 || d.Line > 3+lines || d.Col < 1 {
				t.Errorf("position out of the input: %s", d)
			}
		}
	})
}

// FuzzNoLinkify checks the shortcut of Convert: text without any mark of an autolink
// converts the same with GitHub's autolinks as without them.
func FuzzNoLinkify(f *testing.F) {
	for _, s := range []string{
		"Plain words, *emphasis* and _more_ (in brackets) ~struck~.", "example.org and x.y/z",
		"| a | b |\n| - | - |\n| c d | e |", "- [x] done\n- item (see [x](walking.md))",
		"mailto:someone", "ftp.example.org", "[^1]\n\n[^1]: note www",
	} {
		f.Add(s)
	}
	c := New()
	f.Fuzz(func(t *testing.T, src string) {
		if mayAutolink([]byte(src)) {
			return
		}
		convert := func(md goldmark.Markdown) string {
			var diags diag.List
			conv := &Converter{md: md, noLinkify: md}
			r := conv.Convert([]byte(src), Doc{Path: "content/articles/rest.md", Linker: linker}, &diags)
			return fmt.Sprintf("%s\n%q\n%v\n%v", r.HTML, r.IDs, r.Refs, diags.Sorted())
		}
		// They may differ in white space a browser does not show: goldmark's autolink parser
		// keeps the spaces at the end of a line, before a line break or not.
		if with, without := shown(convert(c.md)), shown(convert(c.noLinkify)); with != without {
			t.Errorf("%q converts differently without autolinks:\nwith:\n%s\nwithout:\n%s", src, with, without)
		}
	})
}

// shown collapses each run of white space in s into one space, and drops one before a line
// break: what a browser shows of text outside <pre>, where autolinks are not looked for.
func shown(s string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(s), " "), " <br>", "<br>")
}
