package site_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"guidepost/generator/internal/corpus"
	"guidepost/generator/internal/publish"
	"guidepost/generator/internal/site"
	"guidepost/templates"
)

// BenchmarkBuild builds a generated corpus with the options of "guidepost build" (pages and
// assets minified). out=discard loads, checks and renders every page and writes nothing (what
// "check" does, but minified); out=dir is the whole "build": it writes a new folder and swaps
// it in where there was none.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			dir := corpus.TempDir(b, n)
			fsys := os.DirFS(dir)
			opts := site.Options{Theme: templates.FS, Minify: publish.Minify()}
			b.Run("out=discard", func(b *testing.B) {
				for b.Loop() {
					checkBench(b, site.Build(fsys, opts, site.Discard{}), n)
				}
			})
			b.Run("out=dir", func(b *testing.B) {
				target := filepath.Join(b.TempDir(), "public")
				for b.Loop() {
					b.StopTimer()
					if err := os.RemoveAll(target); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					out, err := site.NewDir(target)
					if err != nil {
						b.Fatal(err)
					}
					checkBench(b, site.Build(fsys, opts, out), n)
					if err := out.Commit(); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

func checkBench(b *testing.B, res site.Result, n int) {
	b.Helper()
	if res.Diags.Errors() > 0 || res.Pages < n {
		b.Fatalf("built %d pages of %d articles, %d errors: %v", res.Pages, n, res.Diags.Errors(), res.Diags.Sorted())
	}
}
