package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMap draws the sample questionnaire of a new site as an editor would, into the default
// file and into one named with -o after the slug, and refuses a missing slug, a broken tree
// and a file inside content/.
func TestMap(t *testing.T) {
	parent := t.TempDir()
	if code, _, stderr := run(t, parent, "init", "s"); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	dir := filepath.Join(parent, "s")
	entries, err := os.ReadDir(filepath.Join(dir, "content", "questionnaires"))
	if err != nil || len(entries) == 0 {
		t.Fatalf("init made no questionnaire: %v", err)
	}
	slug := strings.TrimSuffix(entries[0].Name(), ".yaml")

	code, stdout, stderr := run(t, dir, "map", slug)
	if code != 0 || !strings.Contains(stdout, "into "+slug+".svg") {
		t.Fatalf("map %s: exit %d\n%s%s", slug, code, stdout, stderr)
	}
	svg, err := os.ReadFile(filepath.Join(dir, slug+".svg"))
	if err != nil || !strings.Contains(string(svg), "<svg") {
		t.Fatalf("map wrote no SVG: %v", err)
	}
	other := filepath.Join(parent, "maps", "tree.svg")
	if err := os.MkdirAll(filepath.Dir(other), 0o755); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, dir, "map", slug, "-o", other); code != 0 {
		t.Fatalf("map %s -o %s: exit %d: %s", slug, other, code, stderr)
	}
	if data, err := os.ReadFile(other); err != nil || string(data) != string(svg) {
		t.Errorf("-o wrote another picture (err %v)", err)
	}

	if code, _, stderr := run(t, dir, "map", slug+"x"); code != 1 || !strings.Contains(stderr, `did you mean "`+slug+`"?`) {
		t.Errorf("map of a missing slug: exit %d: %s", code, stderr)
	}
	if code, _, stderr := run(t, dir, "map", slug, "-o", "content/tree.svg"); code != 2 || !strings.Contains(stderr, "would overwrite the site's content/") {
		t.Errorf("map -o into content/: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "tree.svg")); err == nil {
		t.Error("map wrote into content/")
	}

	q := filepath.Join(dir, "content", "questionnaires", entries[0].Name())
	if err := os.WriteFile(q, []byte("title: T\ndescription: D\nstart: nowhere\nnodes:\n  a:\n    outcome: A\n    body: B\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, dir, "map", slug); code != 1 || !strings.Contains(stderr, entries[0].Name()+":3:") || !strings.Contains(stderr, "not drawn") {
		t.Errorf("map of a broken tree: exit %d: %s", code, stderr)
	}
}
