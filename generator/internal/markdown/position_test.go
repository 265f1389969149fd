package markdown

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// TestCursorMatchesCounting asks a cursor for random offsets, in order and not, and compares
// each answer with counting from the start.
func TestCursorMatchesCounting(t *testing.T) {
	src := []byte("ab\nçd [x](y)\n\n\néé [z](w)\nlast")
	r := rand.New(rand.NewPCG(1, 2))
	var c cursor
	for range 2000 {
		off := r.IntN(len(src) + 1)
		for off < len(src) && !utf8.RuneStart(src[off]) {
			off++
		}
		before := src[:off]
		wantLine := bytes.Count(before, []byte("\n"))
		wantCol := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
		if line, col := c.lineCol(src, off); line != wantLine || col != wantCol {
			t.Fatalf("offset %d: %d:%d, want %d:%d", off, line, col, wantLine, wantCol)
		}
	}
	other := []byte("x\ny")
	if line, col := c.lineCol(other, 2); line != 1 || col != 1 {
		t.Fatalf("another source: %d:%d", line, col)
	}
}
