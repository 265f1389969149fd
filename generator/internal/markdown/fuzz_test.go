package markdown

import (
	"strings"
	"testing"

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
