package devserver

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"guidepost/generator/internal/corpus"
)

// BenchmarkEditToReload measures what an editor waits for: from saving an article to the
// reload event reaching the browser, the watcher's quiet time included, on generated sites.
// edit=body changes the article's body, so one page is rendered again; edit=title changes
// its title, moving it in the listing order and back, so the home page, its tags' pages,
// the sitemap and the pages listing it as related are rendered again too.
func BenchmarkEditToReload(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			dir := corpus.TempDir(b, n)
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
					b.ReportMetric(float64(DefaultQuiet.Milliseconds()), "quiet-ms")
				})
			}
		})
	}
}
