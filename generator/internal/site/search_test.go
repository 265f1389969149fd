package site

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"guidepost/generator/internal/corpus"
	"guidepost/templates"
)

// TestSearchLeavesOutDrafts builds a site whose draft article holds a word no other page has,
// with drafts (as dev mode and build --drafts do) and without: the index never holds the
// word or the draft's page, and holds the published article's words.
func TestSearchLeavesOutDrafts(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.yaml":     {Data: []byte("title: T\ndescription: D\nsearch: true\n")},
		"content/articles/a.md": {Data: []byte("---\ntitle: Walking\ndescription: Walk daily.\n---\n\nA gentle stroll helps.\n")},
		"content/articles/s.md": {Data: []byte("---\ntitle: Secret plans\ndescription: Not yet.\ndraft: true\n---\n\nZanzibar is unpublished.\n")},
	}
	for _, drafts := range []bool{false, true} {
		out, res := build(t, fsys, Options{Drafts: drafts})
		if res.Diags.Errors() > 0 {
			t.Fatal(diagText(res.Diags))
		}
		var index strings.Builder
		for name, data := range out.Files() {
			if strings.HasPrefix(name, SearchDir+"/") {
				index.Write(data)
			}
		}
		got := index.String()
		if got == "" {
			t.Fatalf("drafts %v: no search index was written", drafts)
		}
		for _, leak := range []string{"zanzibar", "Zanzibar", "secret", "articles/s/"} {
			if strings.Contains(got, leak) {
				t.Errorf("drafts %v: the index holds %q of the draft", drafts, leak)
			}
		}
		for _, want := range []string{`"stroll"`, `"Walking"`, "articles/a/"} {
			if !strings.Contains(got, want) {
				t.Errorf("drafts %v: the index lacks %s of the published article", drafts, want)
			}
		}
		// The search page lists no article (it links to the A to Z instead), so it cannot
		// name the draft either.
		if page := string(out.Files()["search/index.html"]); strings.Contains(page, "Secret plans") || !strings.Contains(page, `href="../articles/"`) {
			t.Errorf("drafts %v: the search page names the draft, or does not link to the A to Z:\n%s", drafts, page)
		}
	}
}

// TestSearchOnDiskAsInMemory builds a site whose index has many shards into a folder, whose
// Output keeps nothing of what it is given (the shards are then made in buffers used again),
// and into memory: every file on disk is the one in memory.
func TestSearchOnDiskAsInMemory(t *testing.T) {
	fsys := os.DirFS(corpus.WithSearch(t, corpus.TempDir(t, 400), true))
	opts := Options{Theme: templates.FS, Now: today}
	mem := NewMemory(0)
	if res := Build(context.Background(), fsys, opts, mem); res.Diags.Errors() > 0 {
		t.Fatal(diagText(res.Diags))
	}
	target := filepath.Join(t.TempDir(), "public")
	d, err := NewDir(target)
	if err != nil {
		t.Fatal(err)
	}
	if !Forgets(d) || Forgets(mem) {
		t.Fatalf("Forgets: %v for a folder, %v for memory; want true, false", Forgets(d), Forgets(mem))
	}
	if res := Build(context.Background(), fsys, opts, d); res.Diags.Errors() > 0 {
		t.Fatal(diagText(res.Diags))
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	shards := 0
	for name, want := range mem.Files() {
		got, err := os.ReadFile(filepath.Join(target, filepath.FromSlash(name)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s on disk differs from memory (%v)", name, err)
		}
		if strings.HasPrefix(name, SearchDir+"/") {
			shards++
		}
	}
	if shards < 4 {
		t.Errorf("%d shards, want several", shards)
	}
}
