package publish

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"guidepost/generator/internal/site"
	"guidepost/templates"
)

// TestFolder builds the test site as guidepost build does, into a folder that already holds
// an earlier build: _headers for a server build, none offline, the .gz copies when asked;
// Abort leaves the earlier build as it was, Commit puts the new one in its place, and --zip
// packs it.
func TestFolder(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	build := func(opts site.Options, fo FolderOptions) (*Folder, site.Result) {
		t.Helper()
		f, err := NewFolder(target, fo)
		if err != nil {
			t.Fatal(err)
		}
		opts.Theme = templates.FS
		res := f.Build(context.Background(), testSite(t), opts)
		if res.Diags.Errors() > 0 {
			t.Fatal(res.Diags.Sorted())
		}
		return f, res
	}
	exists := func(name string) bool {
		_, err := os.Stat(filepath.Join(target, filepath.FromSlash(name)))
		return err == nil
	}

	f, _ := build(site.Options{}, FolderOptions{Precompress: true})
	if warning, err := f.Commit(); err != nil || warning != nil {
		t.Fatalf("Commit: %v, warning %v", err, warning)
	}
	if !exists(HeadersFile) || !exists("index.html.gz") {
		t.Errorf("a server build with precompression: _headers %v, index.html.gz %v", exists(HeadersFile), exists("index.html.gz"))
	}

	f, _ = build(site.Options{Offline: true}, FolderOptions{})
	f.Abort()
	if !exists(HeadersFile) || !exists("index.html.gz") {
		t.Errorf("Abort changed the earlier build")
	}

	f, _ = build(site.Options{Offline: true}, FolderOptions{})
	if _, err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if exists(HeadersFile) || exists("index.html.gz") || !exists("index.html") {
		t.Errorf("an offline build: _headers %v, index.html.gz %v, index.html %v; want only index.html", exists(HeadersFile), exists("index.html.gz"), exists("index.html"))
	}
	zip := filepath.Join(t.TempDir(), "site.zip")
	if err := f.ZipTo(zip); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(zip); err != nil || info.Size() == 0 {
		t.Errorf("the zip is missing or empty: %v", err)
	}
}
