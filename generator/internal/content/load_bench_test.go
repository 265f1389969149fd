package content

import (
	"fmt"
	"os"
	"testing"

	"guidepost/generator/internal/corpus"
	"guidepost/generator/internal/diag"
)

// BenchmarkLoad reads and parses the front matter of every article of a generated corpus.
func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			fsys := os.DirFS(corpus.TempDir(b, n))
			for b.Loop() {
				diags := &diag.List{}
				c := Load(fsys, Options{}, diags)
				if diags.Errors() > 0 || len(c.Articles) != n {
					b.Fatalf("loaded %d articles, %d errors", len(c.Articles), diags.Errors())
				}
			}
		})
	}
}
