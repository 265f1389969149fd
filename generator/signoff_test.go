package main

import (
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guidepost/generator/internal/browsertest"
)

// TestSignoff writes the sign-off pack of the sample site's questionnaire as an editor
// would, and reads it as the approver would: the page names the file and its version, has
// the approval box, the map, every question, outcome, path and test, no script, and is
// valid HTML.
func TestSignoff(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(browsertest.RepoRoot(t), "content"))); err != nil {
		t.Fatal(err)
	}
	gitIn(t, dir, "init", "-q")
	gitIn(t, dir, "add", ".")
	gitIn(t, dir, "commit", "-q", "-m", "sample")
	const slug = "exercise-today"
	code, stdout, stderr := run(t, dir, "signoff", slug, "-o", "pack")
	if code != 0 {
		t.Fatalf("signoff: exit %d\n%s%s", code, stdout, stderr)
	}
	page, err := os.ReadFile(filepath.Join(dir, "pack", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	paths, err := os.ReadFile(filepath.Join(dir, "pack", "paths.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "pack", slug+".svg")); err != nil {
		t.Error(err)
	}
	text := html.UnescapeString(string(page))
	want := []string{"content/questionnaires/" + slug + ".yaml", "commit ", "Pack made</th><td>2026-11-29", `<table class="approval">`, "<svg", `id="paths"`, `id="tests"`}
	for _, line := range strings.Split(strings.TrimSpace(string(paths)), "\n") {
		want = append(want, "<td>"+line+"</td>")
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the pack does not hold %q", w)
		}
	}
	if strings.Contains(text, "<script") {
		t.Error("the pack has a script")
	}
	if errs := browsertest.VnuFiles(t, filepath.Join(dir, "pack", "index.html")); len(errs) > 0 {
		t.Errorf("the Nu checker finds errors in the pack:\n%s", strings.Join(errs, "\n"))
	}

	if code, _, stderr := run(t, dir, "signoff", slug); code != 2 || !strings.Contains(stderr, "-o DIR") {
		t.Errorf("signoff without -o: exit %d: %s", code, stderr)
	}
	if code, _, stderr := run(t, dir, "signoff", slug, "-o", "content/pack"); code != 2 || !strings.Contains(stderr, "would overwrite the site's content/") {
		t.Errorf("signoff into content/: exit %d: %s", code, stderr)
	}
}
