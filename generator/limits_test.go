package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLimitsFromTheCommandLine: input past a limit fails check and build at its line, fast,
// with the flag to raise it, and the flag does raise it.
func TestLimitsFromTheCommandLine(t *testing.T) {
	parent := t.TempDir()
	run(t, parent, "init", "s")
	dir := filepath.Join(parent, "s")
	var list strings.Builder
	for i := range 40 {
		list.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	article := "---\ntitle: Deep\ndescription: D\n---\n\nIntro.\n\n" + list.String()
	os.WriteFile(filepath.Join(dir, "content/articles/deep.md"), []byte(article), 0o644)
	open := "---\ntitle: Open\ndescription: D\n---\n" + strings.Repeat("[a](", 80_000) + "\n"
	os.WriteFile(filepath.Join(dir, "content/articles/open.md"), []byte(open), 0o644)

	code, _, stderr := run(t, dir, "check")
	for _, want := range []string{
		"content/articles/deep.md:40:1: markdown (lists and quotes) nests more than 32 levels deep (the limit); flatten it, or raise the limit with --max-depth=N",
		"content/articles/open.md:5:1: a paragraph has more than 250 \"[\"",
	} {
		if code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("check: exit %d, want 1 with %q:\n%s", code, want, stderr)
		}
	}
	os.Remove(filepath.Join(dir, "content/articles/open.md"))
	if code, _, stderr := run(t, dir, "build", "--max-depth", "50"); code != 0 {
		t.Errorf("build --max-depth 50: exit %d\n%s", code, stderr)
	}
}
