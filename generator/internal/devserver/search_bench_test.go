package devserver

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"guidepost/generator/internal/corpus"
)

// BenchmarkEditToReloadSearch is BenchmarkEditToReload at 10,000 articles with search off and
// on, so that what search adds to an edit's wait is the difference of the two:
//
//	go test -run XXX -bench EditToReloadSearch ./generator/internal/devserver
func BenchmarkEditToReloadSearch(b *testing.B) {
	const n = 10000
	for _, on := range []bool{false, true} {
		b.Run(fmt.Sprintf("articles=%d/search=%t", n, on), func(b *testing.B) {
			dir := corpus.WithSearch(b, corpus.TempDir(b, n), on)
			name, original := corpus.EditTarget(b, dir)
			article := filepath.Join(dir, filepath.FromSlash(name))
			d := startDevQuiet(b, dir, DefaultQuiet)
			c := d.listen(b)
			c.next(b, "hello", nil)
			for _, edit := range []struct {
				name string
				data func(i int) []byte
			}{
				{"body", func(i int) []byte { return fmt.Appendf(original, "\nEdit %d.\n", i) }},
				{"title", func(i int) []byte { return corpus.Retitle(original, i) }},
			} {
				b.Run("edit="+edit.name, func(b *testing.B) {
					i := 0
					for b.Loop() {
						i++
						if err := os.WriteFile(article, edit.data(i), 0o644); err != nil {
							b.Fatal(err)
						}
						c.next(b, "reload", nil)
					}
				})
			}
		})
	}
}
