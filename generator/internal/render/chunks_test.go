package render

import (
	"html/template"
	"strings"
	"testing"
)

// TestSummariesChunks: the pieces hold every entry's HTML in order, each at most chunkSize
// bytes unless one entry alone is longer, and there are none when an entry has no HTML.
func TestSummariesChunks(t *testing.T) {
	entry := func(c byte, n int) Summary { return Summary{HTML: template.HTML(strings.Repeat(string(c), n))} }
	var many Summaries
	for i := range 300 {
		many = append(many, entry(byte('a'+i%26), 250))
	}
	for _, tc := range []struct {
		name   string
		list   Summaries
		pieces int
	}{
		{"empty", nil, 0},
		{"one", Summaries{entry('a', 10)}, 1},
		{"many", many, (300*250 + chunkSize - 1) / chunkSize},
		{"one too long", Summaries{entry('a', 10), entry('b', chunkSize+1), entry('c', 10)}, 3},
		{"one without HTML", append(Summaries{{Title: "no fragment"}}, many...), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.list.Chunks()
			if len(got) != tc.pieces {
				t.Fatalf("%d pieces, want %d", len(got), tc.pieces)
			}
			if len(got) == 0 {
				return
			}
			var joined strings.Builder
			for _, c := range got {
				if len(c) > chunkSize && !strings.Contains(string(c), strings.Repeat("b", chunkSize+1)) {
					t.Errorf("a piece of %d bytes", len(c))
				}
				joined.WriteString(string(c))
			}
			if joined.String() != string(tc.list.HTML()) {
				t.Error("the pieces do not hold every entry in order")
			}
		})
	}
}
