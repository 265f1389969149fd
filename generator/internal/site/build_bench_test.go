package site_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/adrg/frontmatter"
	"github.com/yuin/goldmark"

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
					checkBench(b, site.Build(context.Background(), fsys, opts, site.Discard{}), n)
				}
			})
			b.Run("out=dir", func(b *testing.B) {
				// Each build writes a new folder: on ext4, creating files just after removing
				// as many is slower, which would charge a build for the clean-up of the last.
				parent, i := b.TempDir(), 0
				for b.Loop() {
					i++
					out, err := site.NewDir(filepath.Join(parent, fmt.Sprint("public-", i)))
					if err != nil {
						b.Fatal(err)
					}
					checkBench(b, site.Build(context.Background(), fsys, opts, out), n)
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

// BenchmarkBareLoop is the reference issue 7 measures builds against: one loop that reads each
// article, parses its front matter, converts its markdown with a default goldmark and writes
// the HTML to a file of its own, and nothing else (no templates, links, listings or checks).
func BenchmarkBareLoop(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			src := filepath.Join(corpus.TempDir(b, n), "content", "articles")
			files, err := filepath.Glob(filepath.Join(src, "*.md"))
			if err != nil || len(files) != n {
				b.Fatalf("%d articles: %v", len(files), err)
			}
			parent, i := b.TempDir(), 0
			md := goldmark.New()
			for b.Loop() {
				i++
				target := filepath.Join(parent, fmt.Sprint("public-", i))
				for _, f := range files {
					data, err := os.ReadFile(f)
					if err != nil {
						b.Fatal(err)
					}
					var fm map[string]any
					body, err := frontmatter.Parse(bytes.NewReader(data), &fm)
					if err != nil {
						b.Fatal(err)
					}
					var html bytes.Buffer
					if err := md.Convert(body, &html); err != nil {
						b.Fatal(err)
					}
					dir := filepath.Join(target, strings.TrimSuffix(filepath.Base(f), ".md"))
					if err := os.MkdirAll(dir, 0o755); err != nil {
						b.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(dir, "index.html"), html.Bytes(), 0o644); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
