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
	"guidepost/generator/internal/search"
	"guidepost/templates"
)

// BenchmarkSearchIndex measures building the search index of a generated site once its
// articles are rendered (their text taken, their words counted: search.Doc.Prepare, which
// the build does while each page renders, is part of each run here), and reports its size:
// all the shards (raw and gzip), the largest shard gzip-compressed, and the number of files.
//
//	go test -run XXX -bench SearchIndex ./generator/internal/site
func BenchmarkSearchIndex(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			fsys := os.DirFS(corpus.Searchable(b, corpus.TempDir(b, n)))
			bd := load(fsys, Options{Theme: templates.FS}, content.Options{}, &diag.List{})
			for _, a := range bd.paged() {
				if _, ok := produce(bd, bd.articleJob(a)); !ok {
					b.Fatal(bd.diags.Sorted())
				}
			}
			var docs []*search.Doc
			for _, a := range bd.paged() {
				docs = append(docs, bd.search.docs[articlePage(a.Slug)])
			}
			var idx search.Index
			for b.Loop() {
				fresh := make([]*search.Doc, len(docs))
				for i := range docs {
					d := docs[i]
					fresh[i] = &search.Doc{URL: d.URL, Title: d.Title, Description: d.Description, Tags: d.Tags, Headings: d.Headings, Text: d.Text}
				}
				idx = search.Build(fresh, search.Options{Dir: SearchDir})
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
