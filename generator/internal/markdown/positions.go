package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// linkStart returns the offset in src of the "[" that opens link or image n ("![" for an
// image: the "!"), or -1 when the AST does not tell.
//
// goldmark records no segment for links, only for the text inside them, so the bracket is
// found by going back from the first text of the link to the nearest "[" before it.
func linkStart(n ast.Node, src []byte) int {
	t := firstText(n)
	if t < 0 {
		return -1
	}
	i := bytes.LastIndexByte(src[:t], '[')
	if i < 0 {
		return -1
	}
	if _, ok := n.(*ast.Image); ok && i > 0 && src[i-1] == '!' {
		i--
	}
	return i
}

// firstText returns the offset in src of the first text inside n, or -1 when there is none.
func firstText(n ast.Node) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return off
}

// autoLinkStart returns the offset in src where autolink n starts: its "<" when it is
// written <between brackets>, or else its first character.
func autoLinkStart(n *ast.AutoLink, src []byte) int {
	label := n.Label(src)
	off := sliceOffset(src, label)
	if off < 0 {
		return -1
	}
	if off > 0 && src[off-1] == '<' {
		off--
	}
	return off
}

// sliceOffset returns where sub starts in src when sub is a part of src (as goldmark's
// segment values are), or -1.
func sliceOffset(src, sub []byte) int {
	if len(sub) == 0 || cap(sub) > cap(src) {
		return -1
	}
	off := cap(src) - cap(sub) // the capacity left from sub's start is the capacity of src after off
	if off > len(src)-len(sub) || &src[off] != &sub[0] {
		return -1
	}
	return off
}
