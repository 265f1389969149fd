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
// Each save changes the article's body, so one page is rendered again.
func BenchmarkEditToReload(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			dir := corpus.TempDir(b, n)
			name, original := corpus.EditTarget(b, dir)
			article := filepath.Join(dir, filepath.FromSlash(name))
			d := startDevQuiet(b, dir, DefaultQuiet)
			c := d.listen(b)
			c.next(b, "hello", nil)
			b.ResetTimer()
			for i := range b.N {
				data := fmt.Appendf(original, "\nEdit %d.\n", i)
				if err := os.WriteFile(article, data, 0o644); err != nil {
					b.Fatal(err)
				}
				c.next(b, "reload", nil)
			}
			b.StopTimer()
			b.ReportMetric(float64(DefaultQuiet.Milliseconds()), "quiet-ms")
		})
	}
}
