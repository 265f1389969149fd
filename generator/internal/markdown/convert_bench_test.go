package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guidepost/generator/internal/corpus"
	"guidepost/generator/internal/diag"
)

// anyLinker resolves every .md file to a page beside the current one.
type anyLinker struct{}

func (anyLinker) Link(src string) (string, bool) {
	name, ok := strings.CutSuffix(filepath.Base(src), ".md")
	return "../" + name + "/", ok
}

// BenchmarkConvert converts one generated article of about 750 words, with its links.
func BenchmarkConvert(b *testing.B) {
	dir := corpus.TempDir(b, 2)
	files, err := filepath.Glob(filepath.Join(dir, "content", "articles", "*.md"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no articles in the corpus: %v", err)
	}
	src, err := os.ReadFile(files[0])
	if err != nil {
		b.Fatal(err)
	}
	// Skip the front matter: the body starts after the second "---" line.
	parts := strings.SplitN(string(src), "---\n", 3)
	body := []byte(parts[2])
	doc := Doc{Path: "content/articles/" + filepath.Base(files[0]), Linker: anyLinker{}}
	c := New()
	b.Run("serial", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			diags := &diag.List{}
			r := c.Convert(body, doc, diags)
			if diags.Errors() > 0 || len(r.HTML) == 0 {
				b.Fatalf("%d errors", diags.Errors())
			}
		}
	})
	b.Run("parallel", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				diags := &diag.List{}
				c.Convert(body, doc, diags)
			}
		})
	})
}
