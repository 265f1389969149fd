package rebuild_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"guidepost/generator/internal/corpus"
	"guidepost/generator/internal/rebuild"
	"guidepost/generator/internal/site"
	"guidepost/templates"
)

// BenchmarkIncremental measures one rebuild of dev mode on generated sites, as the watcher
// reports the change: what an editor waits for after the quiet time. edit=body changes an
// article's body, which renders one page; edit=title changes an article's title, moving it
// in the listing order and back, which its own page, the home page, its tags' listings, the
// sitemap and the pages listing it as related show (pages/op says how many pages were
// rendered); edit=template changes the site's own copy of
// partials.html, which renders every page again (issue 7 asks for no more than a cold build);
// edit=layout changes the site's own base.html, which every page is rendered with (every
// page renders again, with no markdown to convert nor any article to read).
func BenchmarkIncremental(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			dir := corpus.TempDir(b, n)
			opts := site.Options{Theme: templates.FS, Drafts: true, Scripts: []string{"_guidepost/reload.js"}}
			b.Run("edit=body", func(b *testing.B) {
				name, original := corpus.EditTarget(b, dir)
				edits(b, dir, opts, n, name, func(i int) []byte { return fmt.Appendf(original, "\nEdit %d.\n", i) })
			})
			b.Run("edit=title", func(b *testing.B) {
				name, original := corpus.EditTarget(b, dir)
				edits(b, dir, opts, n, name, func(i int) []byte { return corpus.Retitle(original, i) })
				if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), original, 0o644); err != nil {
					b.Fatal(err)
				}
			})
			b.Run("edit=template", func(b *testing.B) {
				partials, err := templates.FS.ReadFile("partials.html")
				if err != nil {
					b.Fatal(err)
				}
				edits(b, dir, opts, n, "templates/partials.html", func(i int) []byte { return fmt.Appendf(partials, "{{/* edit %d */}}\n", i) })
				if err := os.RemoveAll(filepath.Join(dir, "templates")); err != nil {
					b.Fatal(err)
				}
			})
			b.Run("edit=layout", func(b *testing.B) {
				base, err := templates.FS.ReadFile("base.html")
				if err != nil {
					b.Fatal(err)
				}
				edits(b, dir, opts, n, "templates/base.html", func(i int) []byte { return corpus.Relayout(base, i) })
				if err := os.RemoveAll(filepath.Join(dir, "templates")); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// edits builds the site in dir once, then times rebuilds after writing edit(i) to the file
// name, told to the build as a watcher tells it.
func edits(b *testing.B, dir string, opts site.Options, n int, name string, edit func(i int) []byte) {
	b.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		b.Fatal(err)
	}
	inc := rebuild.NewIncremental(os.DirFS(dir), opts)
	checkBench(b, build(inc, nil), n)
	i, pages := 0, 0
	for b.Loop() {
		i++
		if err := os.WriteFile(p, edit(i), 0o644); err != nil {
			b.Fatal(err)
		}
		res, stats := inc.BuildNamed(&site.Memory{}, []string{name})
		checkBench(b, res, n)
		pages += len(stats.Rendered)
	}
	b.ReportMetric(float64(pages)/float64(i), "pages/op")
}

// build builds with inc, trusting changed to list the files that changed unless it is nil.
func build(inc *rebuild.Incremental, changed []string) site.Result {
	if changed == nil {
		res, _ := inc.Build(&site.Memory{})
		return res
	}
	res, _ := inc.BuildNamed(&site.Memory{}, changed)
	return res
}

func checkBench(b *testing.B, res site.Result, n int) {
	b.Helper()
	if res.Diags.Errors() > 0 || res.Pages < n {
		b.Fatalf("built %d pages of %d articles, %d errors: %v", res.Pages, n, res.Diags.Errors(), res.Diags.Sorted())
	}
}
