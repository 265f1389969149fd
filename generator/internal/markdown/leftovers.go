package markdown

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

var (
	// templateSyntax finds what other generators' templates leave in markdown: Liquid or
	// Jekyll's {{ ... }} and {% ... %}, Hugo's shortcodes {{< ... >}} and {{% ... %}}.
	templateSyntax = regexp.MustCompile(`\{\{.*?\}\}|\{%.*?%\}|\{\{|\{%`)
	// fullReference finds [text][label] and [text][].
	fullReference = regexp.MustCompile(`\[((?:[^\[\]\\]|\\.)+)\]\[((?:[^\[\]\\]|\\.)*)\]`)
)

// checkLeftovers warns about text that reads as markup from elsewhere and is shown as
// written: template syntax of other site generators, and reference links ([text][label])
// whose label is defined nowhere. Code spans and code blocks are left alone.
func (st *state) checkLeftovers(root ast.Node, src []byte, pc parser.Context) {
	if !bytes.Contains(src, []byte("{{")) && !bytes.Contains(src, []byte("{%")) && !bytes.Contains(src, []byte("][")) {
		return
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if _, ok := n.(*ast.CodeSpan); ok {
			return ast.WalkSkipChildren, nil
		}
		if n.Type() != ast.TypeBlock || n.Lines().Len() == 0 || n.IsRaw() {
			return ast.WalkContinue, nil
		}
		texts := textRanges(n)
		lines := n.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			line := seg.Value(src)
			for _, m := range templateSyntax.FindAllIndex(line, -1) {
				if off := seg.Start + m[0]; inRanges(texts, off) {
					st.warn(st.pos(src, off), "replace it with markdown, such as a link to the source file ([text](walking.md)), or remove it",
						"template syntax %q from another site generator is shown as written", shorten(string(line[m[0]:m[1]]), 40))
				}
			}
			for _, m := range fullReference.FindAllSubmatchIndex(line, -1) {
				label := line[m[4]:m[5]]
				if len(label) == 0 {
					label = line[m[2]:m[3]] // [text][]: the text is the label
				}
				if _, ok := pc.Reference(util.ToLinkReference(label)); ok {
					continue
				}
				if off := seg.Start + m[0]; inRanges(texts, off) {
					st.warn(st.pos(src, off), "define it on a line of its own, such as ["+string(label)+"]: walking.md, or write the link inline: [text](walking.md)",
						"reference link label %q is defined nowhere; the link is shown as written", string(label))
				}
			}
		}
		return ast.WalkSkipChildren, nil
	})
}

// textRanges returns the [start, stop) offsets of the text below block n that is not code.
func textRanges(n ast.Node) [][2]int {
	var r [][2]int
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.CodeSpan, *ast.RawHTML, *ast.AutoLink:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			r = append(r, [2]int{c.Segment.Start, c.Segment.Stop})
		}
		return ast.WalkContinue, nil
	})
	return r
}

func inRanges(r [][2]int, off int) bool {
	for _, x := range r {
		if x[0] <= off && off < x[1] {
			return true
		}
	}
	return false
}

// shorten cuts s to at most n bytes at a rune boundary, ending it with "…" when cut.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
