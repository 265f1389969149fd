package site_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"guidepost/generator/internal/corpus"
	"guidepost/generator/internal/site"
	"guidepost/templates"
)

// BenchmarkIncremental measures one rebuild of dev mode after an article's body changed, as
// the watcher reports it, on generated sites: what an editor waits for after the quiet time.
func BenchmarkIncremental(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			dir := corpus.TempDir(b, n)
			name, original := corpus.EditTarget(b, dir)
			article := filepath.Join(dir, filepath.FromSlash(name))
			opts := site.Options{Theme: templates.FS, Drafts: true, Scripts: []string{"_guidepost/reload.js"}}
			inc := site.NewIncremental(os.DirFS(dir), opts)
			checkBench(b, build(inc, nil), n)
			i := 0
			for b.Loop() {
				i++
				if err := os.WriteFile(article, fmt.Appendf(original, "\nEdit %d.\n", i), 0o644); err != nil {
					b.Fatal(err)
				}
				checkBench(b, build(inc, []string{name}), n)
			}
		})
	}
}

// build builds with inc, trusting changed to list the files that changed unless it is nil.
func build(inc *site.Incremental, changed []string) site.Result {
	if changed == nil {
		res, _ := inc.Build(&site.Memory{})
		return res
	}
	res, _ := inc.BuildChanged(&site.Memory{}, changed)
	return res
}
