package site

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"testing"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/corpus"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/markdown"
	"guidepost/generator/internal/parallel"
	"guidepost/generator/internal/search"
	"guidepost/templates"
)

// BenchmarkSearchIndex measures building the search index of a generated site once its
// articles' bodies are rendered (their text taken, their words counted: search.Doc.PrepareHTML,
// which the build does while each page renders, is part of each run here), and reports its size:
// all the shards (raw and gzip), the largest shard gzip-compressed, and the number of files.
//
//	go test -run XXX -bench SearchIndex ./generator/internal/site
func BenchmarkSearchIndex(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			fsys := os.DirFS(corpus.WithSearch(b, corpus.TempDir(b, n), true))
			bd := load(fsys, Options{Theme: templates.FS}, content.Options{}, &diag.List{})
			for _, a := range bd.paged() {
				if _, ok := produce(bd, bd.articleJob(a)); !ok {
					b.Fatal(bd.diags.Sorted())
				}
			}
			// The articles' HTML bodies, as each page renders them.
			type page struct {
				doc  *search.Doc
				body string
			}
			var pages []page
			for _, a := range bd.paged() {
				p := articlePage(a.Slug)
				src, line, err := content.ReadBody(bd.fsys, a)
				if err != nil {
					b.Fatal(err)
				}
				body := bd.markdown(p, src, markdown.Doc{Path: a.Path, Line: line})
				pages = append(pages, page{bd.search.docs.Value(p), string(body)})
			}
			var idx search.Index
			for b.Loop() {
				stems := &search.Stems{}
				fresh := make([]*search.Doc, len(pages))
				parallel.Do(len(pages), func(i int) {
					d := pages[i].doc
					fresh[i] = &search.Doc{URL: d.URL, Title: d.Title, Description: d.Description, Tags: d.Tags}
					fresh[i].PrepareHTML(pages[i].body, stems)
				})
				idx = search.Build(fresh, search.Options{Dir: SearchDir, Stems: stems})
			}
			var raw, gz, largest int
			for _, f := range idx.Files {
				var buf bytes.Buffer
				w := gzip.NewWriter(&buf)
				w.Write(f.Data)
				w.Close()
				raw += len(f.Data)
				gz += buf.Len()
				largest = max(largest, buf.Len())
			}
			b.ReportMetric(float64(raw)/1e6, "MB-raw")
			b.ReportMetric(float64(gz)/1e6, "MB-gzip")
			b.ReportMetric(float64(largest)/1e3, "KB-largest-shard-gzip")
			b.ReportMetric(float64(len(idx.Files)), "shards")
		})
	}
}
