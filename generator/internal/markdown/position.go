package markdown

import (
	"bytes"
	"unicode/utf8"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/limits"
)

// cursor turns byte offsets into lines and columns, counting from the offset it was last
// asked for when the new one is not before it: the links of a document are visited in
// order, so a file of n links costs its length once, not n times (320,000 links on one line
// took most of a minute counted from the start for each).
type cursor struct {
	src       []byte // what off, line and col are in
	off       int
	line, col int // lines before off; runes between the line's start and off
}

// lineCol returns the 0-based line of byte off of src and its 1-based column in runes.
func (c *cursor) lineCol(src []byte, off int) (line, col int) {
	if off < c.off || len(src) != len(c.src) || (len(src) > 0 && &src[0] != &c.src[0]) {
		*c = cursor{src: src}
	}
	seg := src[c.off:off]
	if n := bytes.Count(seg, []byte("\n")); n > 0 {
		c.line += n
		c.col = utf8.RuneCount(seg[bytes.LastIndexByte(seg, '\n')+1:])
	} else {
		c.col += utf8.RuneCount(seg)
	}
	c.off = off
	return c.line, c.col + 1
}

// withinLimits reports whether src is within lim, and reports an error at the line where it
// is not: goldmark's time grows with the square of some inputs (see package limits).
func (st *state) withinLimits(src []byte, lim limits.Limits) bool {
	ex := lim.Markdown(src)
	if ex == nil {
		return true
	}
	p := diag.Pos{Path: st.doc.Path, Line: st.doc.Line + ex.Line - 1, Col: st.doc.Indent + 1}
	if ex.Line == 1 {
		p.Col = st.doc.Col
	}
	st.diags.Hintf(p, ex.Hint, "%s", ex.Message)
	return false
}
