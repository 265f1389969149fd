package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"

	"guidepost/generator/internal/diag"
)

// checkHeadingLevel warns at heading h when it goes more than one level deeper than the
// heading before it, of level prev (the page's title is the h1): "###" straight after the
// title skips h2, which leaves a gap in the outline screen reader users move through.
func (st *state) checkHeadingLevel(h *ast.Heading, prev int, src []byte) {
	if h.Level <= prev+1 {
		return
	}
	off := nodeOffset(h)
	if h.Lines().Len() > 0 {
		off = h.Lines().At(0).Start
	}
	off = bytes.LastIndexByte(src[:min(off, len(src))], '\n') + 1 // the heading's line
	st.warn(st.pos(src, off), fmt.Sprintf("make it %s or add the level between", strings.Repeat("#", prev+1)),
		"heading level skips from h%d to h%d", prev, h.Level)
}

// warn records a warning at p with a hint.
func (st *state) warn(p diag.Pos, hint, format string, args ...any) {
	st.diags.Add(diag.Diagnostic{Pos: p, Severity: diag.Warning, Hint: hint, Message: fmt.Sprintf(format, args...)})
}
