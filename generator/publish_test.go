package main

import (
	"archive/zip"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"guidepost/generator/internal/site"
)

// TestPublishFlags runs build with the publishing flags on a new site, as a publisher would.
func TestPublishFlags(t *testing.T) {
	parent := t.TempDir()
	if code, _, stderr := run(t, parent, "init", "s"); code != 0 {
		t.Fatal(stderr)
	}
	dir := filepath.Join(parent, "s")
	exists := func(p string) bool {
		_, err := os.Stat(filepath.Join(dir, p))
		return err == nil
	}

	if code, stdout, stderr := run(t, dir, "build", "--single-file", "site.html"); code != 0 || !strings.Contains(stdout, "site.html") {
		t.Fatalf("build --single-file: exit %d: %s%s", code, stdout, stderr)
	}
	if !exists("site.html") || exists("public") {
		t.Errorf("build --single-file: site.html written: %v, public/ written: %v; want only the file", exists("site.html"), exists("public"))
	}
	if code, _, stderr := run(t, dir, "build", "--single-file", "site.html", "--zip", "x.zip", "--out", "x"); code != 2 ||
		!strings.Contains(stderr, "--single-file writes one file, not a folder: drop --out, --zip") {
		t.Errorf("build --single-file --zip --out: exit %d, want 2 (%s)", code, stderr)
	}

	if code, _, stderr := run(t, dir, "build", "--precompress"); code != 0 {
		t.Fatalf("build --precompress: exit %d: %s", code, stderr)
	}
	for _, f := range []string{"public/_headers", "public/index.html", "public/index.html.gz", "public/index.html.br"} {
		if !exists(f) {
			t.Errorf("build --precompress wrote no %s", f)
		}
	}
	if exists("public/_headers.gz") {
		t.Error("build --precompress compressed _headers, which is not served")
	}
	index, _ := os.ReadFile(filepath.Join(dir, "public/index.html"))
	if !strings.Contains(string(index), `<meta charset="utf-8"><meta`) {
		t.Errorf("public/index.html is not minified:\n%.300s", index)
	}

	if code, stdout, stderr := run(t, dir, "build", "--out", "offline", "--zip", "copy.zip"); code != 0 || !strings.Contains(stdout, "copy.zip") {
		t.Fatalf("build --zip: exit %d: %s%s", code, stdout, stderr)
	}
	var want []string
	fs.WalkDir(os.DirFS(filepath.Join(dir, "offline")), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && p != site.MarkerFile { // the marker is for the next build only
			want = append(want, p)
		}
		return err
	})
	want = append(want, "README.txt")
	slices.Sort(want)
	zr, err := zip.OpenReader(filepath.Join(dir, "copy.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var got []string
	for _, f := range zr.File {
		got = append(got, f.Name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("copy.zip holds\n%q\nwant what build wrote, and README.txt:\n%q", got, want)
	}
	for _, server := range []string{"_headers", "404.html", "robots.txt"} {
		if slices.Contains(got, server) {
			t.Errorf("the offline copy holds %s, which only a server uses", server)
		}
	}
	if page, _ := os.ReadFile(filepath.Join(dir, "offline/index.html")); !strings.Contains(string(page), `/index.html"`) {
		t.Error("--zip did not build an offline copy: its links do not name index.html")
	}

	os.WriteFile(filepath.Join(dir, "content/articles/broken.md"), []byte("---\ndescription: No title.\n---\n"), 0o644)
	if code, _, stderr := run(t, dir, "build", "--single-file", "broken.html"); code != 1 || exists("broken.html") {
		t.Errorf("build --single-file of a broken site: exit %d, file written: %v: %s", code, exists("broken.html"), stderr)
	}
}

// TestPrecompressCollision: media/a.txt.gz beside media/a.txt is an error with
// --precompress (its gzip copy would overwrite the editor's file), and fine without.
func TestPrecompressCollision(t *testing.T) {
	parent := t.TempDir()
	run(t, parent, "init", "s")
	dir := filepath.Join(parent, "s")
	os.MkdirAll(filepath.Join(dir, "content/media"), 0o755)
	os.WriteFile(filepath.Join(dir, "content/media/a.txt"), []byte(strings.Repeat("text ", 100)), 0o644)
	os.WriteFile(filepath.Join(dir, "content/media/a.txt.gz"), []byte("the editor's own"), 0o644)
	code, _, stderr := run(t, dir, "build", "--precompress")
	want := "content/media/a.txt.gz: the build writes a file of this name beside a.txt (a compressed copy), which would overwrite it"
	if code != 1 || !strings.Contains(stderr, want) {
		t.Fatalf("exit %d, want 1 with %q:\n%s", code, want, stderr)
	}
	if code, _, stderr := run(t, dir, "build"); code != 0 {
		t.Fatalf("without --precompress: exit %d\n%s", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "public/media/a.txt.gz")); string(b) != "the editor's own" {
		t.Errorf("public/media/a.txt.gz = %q", b)
	}
}
