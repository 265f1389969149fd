package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// run runs guidepost in dir and returns its exit code and what it printed.
func run(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	m := &Main{Stdout: &stdout, Stderr: &stderr, Dir: dir, Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)}
	err := m.Run(context.Background(), args)
	return ExitCode(err), stdout.String(), stderr.String()
}

func TestUsage(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
		out  string // expected in stdout or stderr
	}{
		{[]string{"version"}, 0, "guidepost " + Version},
		{[]string{"help"}, 0, "Commands:"},
		{nil, 2, "Usage: guidepost"},
		{[]string{"publish"}, 2, `unknown command "publish"`},
		{[]string{"build", "-h"}, 0, "-base-url"},
		{[]string{"check", "-h"}, 0, "writes nothing"},
		{[]string{"init", "-h"}, 0, "Usage: guidepost init DIR"},
		{[]string{"build", "--nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"build", "extra"}, 2, "build takes 0 argument(s)"},
		{[]string{"init"}, 2, "Usage: guidepost init DIR"},
	}
	for _, tt := range tests {
		code, stdout, stderr := run(t, dir, tt.args...)
		if code != tt.code || !strings.Contains(stdout+stderr, tt.out) {
			t.Errorf("guidepost %v: exit %d, want %d; output:\n%s%s", tt.args, code, tt.code, stdout, stderr)
		}
	}
}

// TestInitBuildCheck starts a site with init, checks it and builds it, as a new user would.
func TestInitBuildCheck(t *testing.T) {
	parent := t.TempDir()
	if code, _, stderr := run(t, parent, "init", "mysite"); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	site := filepath.Join(parent, "mysite")
	if code, _, stderr := run(t, site, "check"); code != 0 {
		t.Fatalf("check of a new site: exit %d:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(site, "public")); !os.IsNotExist(err) {
		t.Fatal("check wrote public/")
	}
	code, stdout, stderr := run(t, site, "build")
	if code != 0 {
		t.Fatalf("build of a new site: exit %d:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "built ") {
		t.Errorf("build printed %q", stdout)
	}
	for _, f := range []string{"index.html", "articles/getting-started/index.html", "questionnaires/first-check/index.html", "questionnaires/first-check/read-first/index.html"} {
		if _, err := os.Stat(filepath.Join(site, "public", f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}

	// A second init must refuse and change nothing.
	article := filepath.Join(site, "content/articles/getting-started.md")
	os.WriteFile(article, []byte("edited"), 0o644)
	if code, _, stderr := run(t, parent, "init", "mysite"); code != 1 || !strings.Contains(stderr, "nothing written") {
		t.Fatalf("second init: exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(article); string(b) != "edited" {
		t.Fatal("second init overwrote an article")
	}
}

// TestFailedBuildKeepsPublic breaks a built site and expects build to fail with positioned
// errors and leave public/ exactly as it was.
func TestFailedBuildKeepsPublic(t *testing.T) {
	parent := t.TempDir()
	run(t, parent, "init", "s")
	site := filepath.Join(parent, "s")
	if code, _, stderr := run(t, site, "build"); code != 0 {
		t.Fatal(stderr)
	}
	index := filepath.Join(site, "public/index.html")
	before, _ := os.ReadFile(index)

	os.WriteFile(filepath.Join(site, "content/articles/broken.md"), []byte("---\ntitle: Broken\ndescriptin: x\n---\n[x](nowhere.md)\n"), 0o644)
	code, _, stderr := run(t, site, "build")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{
		`content/articles/broken.md:3:1: unknown key "descriptin" in front matter; did you mean "description"?`,
		`content/articles/broken.md:5:1: link target "nowhere.md"`,
		"build failed: public left as it was",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("missing %q in\n%s", want, stderr)
		}
	}
	after, _ := os.ReadFile(index)
	if !bytes.Equal(before, after) {
		t.Error("a failed build changed public/index.html")
	}
	entries, _ := os.ReadDir(site)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public") {
			t.Errorf("failed build left %s behind", e.Name())
		}
	}
}

// TestBuildSample builds the sample site of the repository into a temporary folder.
func TestBuildSample(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := run(t, "..", "build", "--out", out, "--base-url", "https://example.org/guides/")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "built ") {
		t.Errorf("stdout %q", stdout)
	}
	for _, f := range []string{"index.html", "sitemap.xml", "robots.txt", "404.html", "articles/walking/index.html", "questionnaires/exercise-today/index.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
}
