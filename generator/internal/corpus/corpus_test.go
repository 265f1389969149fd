package corpus_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"guidepost/generator/internal/corpus"
	"guidepost/generator/internal/site"
	"guidepost/templates"
)

// TestCorpusBuilds builds a small corpus: it must build with no diagnostic at all (every
// link and anchor resolves), and every article must have its links and a table.
func TestCorpusBuilds(t *testing.T) {
	const n = 60
	dir := corpus.TempDir(t, n)
	res := site.Build(context.Background(), os.DirFS(dir), site.Options{Theme: templates.FS}, site.Discard{})
	if d := res.Diags.Sorted(); len(d) > 0 {
		t.Fatalf("the corpus has diagnostics:\n%v", d)
	}
	// n articles, the home page, the questionnaire and its 3 nodes, at least one tag, 404.
	if res.Pages < n+6 {
		t.Errorf("built %d pages from %d articles", res.Pages, n)
	}
	links := regexp.MustCompile(`\]\([a-z0-9-]+\.md(#[a-z0-9-]+)?\)`)
	files, _ := filepath.Glob(filepath.Join(dir, "content", "articles", "*.md"))
	if len(files) != n {
		t.Fatalf("%d article files, want %d", len(files), n)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if k := len(links.FindAll(src, -1)); k < 3 || k > 5 {
			t.Errorf("%s has %d links to articles, want 3 to 5", filepath.Base(f), k)
		}
		if !bytes.Contains(src, []byte("\n| --- |")) {
			t.Errorf("%s has no table", filepath.Base(f))
		}
	}
}

// TestCorpusDeterministic writes the same corpus twice, for guidepost and for Hugo, and
// compares every byte; the Hugo site has the same articles.
func TestCorpusDeterministic(t *testing.T) {
	for _, write := range []func(string, int, uint64) error{corpus.Write, corpus.WriteHugo} {
		a, b := t.TempDir(), t.TempDir()
		for _, d := range []string{a, b} {
			if err := write(d, 30, corpus.DefaultSeed); err != nil {
				t.Fatal(err)
			}
		}
		if x, y := readAll(t, a), readAll(t, b); !equal(x, y) {
			t.Errorf("two writes of the same corpus differ")
		}
	}
	gp, hugo := t.TempDir(), t.TempDir()
	if err := corpus.Write(gp, 30, 1); err != nil {
		t.Fatal(err)
	}
	if err := corpus.WriteHugo(hugo, 30, 1); err != nil {
		t.Fatal(err)
	}
	x, _ := filepath.Glob(filepath.Join(gp, "content", "articles", "*.md"))
	y, _ := filepath.Glob(filepath.Join(hugo, "content", "articles", "*.md"))
	if len(x) != 30 || len(x) != len(y) || filepath.Base(x[0]) != filepath.Base(y[0]) {
		t.Errorf("guidepost has %d articles, Hugo %d", len(x), len(y))
	}
}

func readAll(t *testing.T, dir string) map[string]string {
	files := make(map[string]string)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func equal(x, y map[string]string) bool {
	if len(x) != len(y) {
		return false
	}
	for k, v := range x {
		if y[k] != v {
			return false
		}
	}
	return true
}
