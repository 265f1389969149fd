package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// snapshot returns every file below dir with its bytes.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := make(map[string]string)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			files[rel] = string(b)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestBuildRefusesDangerousTargets names, as an editor might by mistake, outputs that would
// destroy the site or someone's files, and expects each to be refused with exit 2, a
// message and a usage line, and nothing changed.
func TestBuildRefusesDangerousTargets(t *testing.T) {
	parent := t.TempDir()
	run(t, parent, "init", "s")
	dir := filepath.Join(parent, "s")
	if code, _, stderr := run(t, dir, "build"); code != 0 {
		t.Fatal(stderr)
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("my notes"), 0o644)
	os.MkdirAll(filepath.Join(dir, "photos"), 0o755)
	os.WriteFile(filepath.Join(dir, "photos/cat.jpg"), []byte("a cat"), 0o644)
	os.MkdirAll(filepath.Join(dir, "templates"), 0o755)
	os.WriteFile(filepath.Join(dir, "templates/notes.txt"), []byte("theme notes"), 0o644)
	if err := os.Symlink("content", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, parent)
	index, _ := os.ReadFile(filepath.Join(dir, "public/index.html"))

	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--out", ".."}, "holds the site folder"},
		{[]string{"--out", "."}, "is the site folder"},
		{[]string{"--out", "/"}, "holds the site folder"},
		{[]string{"--out", "content"}, "content/ folder"},
		{[]string{"--out", "content/articles"}, "content/ folder"},
		{[]string{"--out", "templates"}, "templates/ folder"},
		{[]string{"--out", "link"}, "content/ folder"},
		{[]string{"--out", "link/new"}, "content/ folder"},
		{[]string{"--out", "notes.txt"}, "is a file, not a folder"},
		{[]string{"--out", "photos"}, "not an earlier guidepost build"},
		{[]string{"--out", "../s/./content/../public/../content/media"}, "content/ folder"},
		{[]string{"--single-file", "content/articles/getting-started.md"}, "content/ folder"},
		{[]string{"--single-file", "notes.txt"}, "is not an HTML document"},
		{[]string{"--single-file", "photos"}, "is a folder"},
		{[]string{"--zip", "content/site.zip"}, "content/ folder"},
		{[]string{"--zip", "notes.txt"}, "is not a zip archive"},
		{[]string{"--zip", "public"}, "is a folder"},
		{[]string{"--out", "photos", "--zip", "x.zip"}, "not an earlier guidepost build"},
	}
	for _, tt := range tests {
		code, stdout, stderr := run(t, dir, append([]string{"build"}, tt.args...)...)
		if code != 2 || !strings.Contains(stderr, tt.want) || !strings.Contains(stderr, "Usage: guidepost build") {
			t.Errorf("build %q: exit %d, want 2 with %q and a usage line; output:\n%s%s", tt.args, code, tt.want, stdout, stderr)
		}
		after := snapshot(t, parent)
		for name, data := range before {
			if after[name] != data {
				t.Fatalf("build %q changed or removed %s", tt.args, name)
			}
		}
		if len(after) != len(before) {
			t.Fatalf("build %q wrote files: %d before, %d after", tt.args, len(before), len(after))
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "public/index.html")); !bytes.Equal(b, index) {
			t.Fatalf("build %q changed public/", tt.args)
		}
	}
}

// TestBuildReplacesItsOwnOutputs builds each kind of output twice: the second build must
// accept what the first wrote.
func TestBuildReplacesItsOwnOutputs(t *testing.T) {
	parent := t.TempDir()
	run(t, parent, "init", "s")
	dir := filepath.Join(parent, "s")
	for _, args := range [][]string{
		{"build"},
		{"build", "--out", "../elsewhere"},
		{"build", "--single-file", "site.html"},
		{"build", "--zip", "site.zip"},
		{"build", "--out", "offline", "--zip", "offline.zip"},
	} {
		for i := range 2 {
			if code, _, stderr := run(t, dir, args...); code != 0 {
				t.Fatalf("%q, build %d: exit %d\n%s", args, i+1, code, stderr)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "404.html")); err != nil {
		t.Error("--zip alone replaced public/ with an offline build (no 404.html)")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("left behind %s", e.Name())
		}
	}
}

// TestZipAloneKeepsPublic: --zip without --out must not touch public/ at all.
func TestZipAloneKeepsPublic(t *testing.T) {
	parent := t.TempDir()
	run(t, parent, "init", "s")
	dir := filepath.Join(parent, "s")
	if code, _, stderr := run(t, dir, "build"); code != 0 {
		t.Fatal(stderr)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "public/index.html"))
	code, stdout, stderr := run(t, dir, "build", "--zip", "site.zip")
	if code != 0 {
		t.Fatal(stderr)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "public/index.html")); !bytes.Equal(before, after) {
		t.Error("build --zip changed public/index.html")
	}
	if strings.Contains(stdout, "into public") {
		t.Errorf("build --zip says it wrote public/: %s", stdout)
	}
	if info, err := os.Stat(filepath.Join(dir, "site.zip")); err != nil || info.Size() == 0 {
		t.Errorf("no zip written: %v", err)
	}
}

// TestEveryFailurePrints runs commands that fail outside the content and expects a message
// for each, and exit 2 with a usage line for mistakes on the command line.
func TestEveryFailurePrints(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "taken"), []byte("a file"), 0o644)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"init", "taken"}, 1, "taken"},
		{[]string{"dev", "--port", "70000"}, 2, "--port 70000 is not a port number"},
		{[]string{"dev", "--port", "-1"}, 2, "Usage: guidepost dev"},
	}
	for _, tt := range tests {
		code, _, stderr := run(t, dir, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%q: exit %d, want %d with %q; stderr:\n%s", tt.args, code, tt.code, tt.want, stderr)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "taken")); string(b) != "a file" {
		t.Error("init changed an existing file")
	}
}

// TestBuildWarnsOnLeftover: when the previous output cannot be removed after the new one is
// in place, the build succeeded: a warning and exit 0, not a failure.
func TestBuildWarnsOnLeftover(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs chattr (root) to make a folder impossible to remove")
	}
	parent := t.TempDir()
	run(t, parent, "init", "s")
	dir := filepath.Join(parent, "s")
	if code, _, stderr := run(t, dir, "build"); code != 0 {
		t.Fatal(stderr)
	}
	stuck := filepath.Join(dir, "public", "articles")
	if out, err := exec.Command("chattr", "+i", stuck).CombinedOutput(); err != nil {
		t.Skipf("chattr: %v %s", err, out)
	}
	defer func() {
		matches, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*", "articles"))
		for _, p := range append(matches, stuck) {
			exec.Command("chattr", "-i", p).Run()
		}
	}()
	code, _, stderr := run(t, dir, "build")
	if code != 0 || !strings.Contains(stderr, "warning: the new output is in place") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
}
