package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitIn runs git in dir for a test.
func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// TestDiff signs a change off as a team would: a site in git, a questionnaire edited in the
// working tree, and guidepost diff HEAD telling what readers will see differently.
func TestDiff(t *testing.T) {
	parent := t.TempDir()
	if code, _, stderr := run(t, parent, "init", "s"); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	dir := filepath.Join(parent, "s")
	gitIn(t, dir, "init", "-q")
	gitIn(t, dir, "add", ".")
	gitIn(t, dir, "commit", "-q", "-m", "signed off")

	code, stdout, stderr := run(t, dir, "diff", "HEAD")
	if code != 0 || !strings.Contains(stdout, "No change that readers can see.") {
		t.Fatalf("diff HEAD with no change: exit %d\n%s%s", code, stdout, stderr)
	}

	entries, err := os.ReadDir(filepath.Join(dir, "content", "questionnaires"))
	if err != nil || len(entries) == 0 {
		t.Fatalf("init made no questionnaire: %v", err)
	}
	file := filepath.Join(dir, "content", "questionnaires", entries[0].Name())
	slug := strings.TrimSuffix(entries[0].Name(), ".yaml")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// Reword the first question: a text every path shows changes, no route does.
	q := "    question: "
	i := strings.Index(string(src), q)
	if i < 0 {
		t.Fatalf("no question in %s:\n%s", file, src)
	}
	edited := string(src[:i+len(q)]) + "Reworded, " + string(src[i+len(q):])
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = run(t, dir, "diff", "HEAD", slug)
	if code != 1 || !strings.Contains(stdout, "texts changed:") || !strings.Contains(stdout, "+ Reworded, ") || !strings.Contains(stdout, "Sign-off needed") {
		t.Errorf("diff HEAD %s after a reworded question: exit %d\n%s%s", slug, code, stdout, stderr)
	}
	code, stdout, _ = run(t, dir, "diff", "HEAD", "--format", "json")
	if code != 1 || !strings.Contains(stdout, `"visible": true`) {
		t.Errorf("diff --format json: exit %d\n%s", code, stdout)
	}

	// Two files, no git needed.
	old := filepath.Join(parent, "old.yaml")
	if err := os.WriteFile(old, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := run(t, dir, "diff", old, file); code != 1 || !strings.Contains(stdout, "Reworded, ") {
		t.Errorf("diff OLD.yaml NEW.yaml: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, stdout, stderr := run(t, dir, "diff", old, old); code != 0 {
		t.Errorf("diff of a file with itself: exit %d\n%s%s", code, stdout, stderr)
	}

	for _, tt := range []struct {
		dir  string
		args []string
		want string
	}{
		{dir, []string{"diff", "no-such-rev"}, `git knows no revision "no-such-rev"`},
		{dir, []string{"diff", "HEAD", slug + "x"}, `did you mean "` + slug + `"?`},
		{parent, []string{"diff", "HEAD"}, "is not in a git checkout"},
	} {
		if code, _, stderr := run(t, tt.dir, tt.args...); code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("guidepost %v: exit %d, want 2 saying %q; stderr:\n%s", tt.args, code, tt.want, stderr)
		}
	}

	// A broken tree cannot be compared: exit 2 with its errors.
	if err := os.WriteFile(file, []byte("title: T\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, dir, "diff", "HEAD"); code != 2 || !strings.Contains(stderr, entries[0].Name()+":") {
		t.Errorf("diff with a broken tree: exit %d\n%s", code, stderr)
	}
}
