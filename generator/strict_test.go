package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStrict checks that a site with warnings builds, and fails under --strict, which counts
// each warning as an error and says how many.
func TestStrict(t *testing.T) {
	parent := t.TempDir()
	if code, _, stderr := run(t, parent, "init", "s"); code != 0 {
		t.Fatal(stderr)
	}
	dir := filepath.Join(parent, "s")
	article := "---\ntitle: No description\n---\n\nA first sentence. A second.\n\n### Too deep\n"
	if err := os.WriteFile(filepath.Join(dir, "content/articles/undescribed.md"), []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	warning := `content/articles/undescribed.md:2:1: warning: front matter has no "description"; the body's first sentence stands in for it: "A first sentence."`
	heading := `content/articles/undescribed.md:7:1: warning: heading level skips from h1 to h3; make it ## or add the level between`
	for _, cmd := range []string{"check", "build"} {
		code, _, stderr := run(t, dir, cmd)
		if code != 0 || !strings.Contains(stderr, warning) || !strings.Contains(stderr, heading) {
			t.Errorf("%s: exit %d, want 0 with the warning:\n%s", cmd, code, stderr)
		}
		code, _, stderr = run(t, dir, cmd, "--strict")
		if code != 1 || !strings.Contains(stderr, `content/articles/undescribed.md:2:1: (--strict) front matter has no "description"`) ||
			!strings.Contains(stderr, "--strict: 3 warnings counted as errors") {
			t.Errorf("%s --strict: exit %d, want 1, the warnings as errors and their count:\n%s", cmd, code, stderr)
		}
	}
}
