package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDeployCommand deploys a new site to a folder with the command, as a publisher would;
// package deploy tests the deploy itself, against S3 too.
func TestDeployCommand(t *testing.T) {
	parent := t.TempDir()
	if code, _, stderr := run(t, parent, "init", "s"); code != 0 {
		t.Fatal(stderr)
	}
	dir := filepath.Join(parent, "s")
	dest := filepath.Join(parent, "dest")
	if err := os.Mkdir(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	target := "file://" + filepath.ToSlash(dest)

	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"deploy"}, 2, "deploy takes 1 argument, the target"},
		{[]string{"deploy", target, "extra"}, 2, "deploy takes 1 argument, the target"},
		{[]string{"deploy", target, "--nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"deploy", "-h"}, 0, "Usage: guidepost deploy TARGET"},
		{[]string{"deploy", target}, 1, "no folder public: run guidepost build first, or use --build"},
		{[]string{"deploy", "not a url"}, 1, "is not a target URL"},
	} {
		code, stdout, stderr := run(t, dir, tt.args...)
		if code != tt.code || !strings.Contains(stdout+stderr, tt.want) {
			t.Errorf("guidepost %q: exit %d, want %d with %q:\n%s%s", tt.args, code, tt.code, tt.want, stdout, stderr)
		}
	}

	// Flags after the target, as the issue spells them.
	code, stdout, stderr := run(t, dir, "deploy", target, "--build", "--max-deletes", "3")
	if code != 0 || !strings.Contains(stdout, "deployed public to "+target+": ") || !strings.Contains(stdout, ", 0 unchanged, 0 deleted") {
		t.Fatalf("deploy --build: exit %d:\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		t.Errorf("deploy --build wrote no index.html: %v", err)
	}
	if code, stdout, stderr := run(t, dir, "deploy", target); code != 0 || !strings.Contains(stdout, ": 0 uploaded (0 bytes), ") {
		t.Errorf("second deploy: exit %d, want nothing uploaded:\n%s%s", code, stdout, stderr)
	}

	// A dry run lists the deletion and leaves the file.
	stray := filepath.Join(dest, "old.html")
	os.WriteFile(stray, []byte("old"), 0o644)
	if code, stdout, stderr := run(t, dir, "deploy", "--dry-run", target); code != 0 || !strings.Contains(stdout, "would delete old.html\n") || !strings.Contains(stdout, "dry run, nothing changed") {
		t.Errorf("deploy --dry-run: exit %d:\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(stray); err != nil {
		t.Errorf("deploy --dry-run deleted old.html: %v", err)
	}
	if code, _, stderr := run(t, dir, "deploy", target, "--max-deletes", "0"); code != 1 || !strings.Contains(stderr, "would delete 1 objects, more than the 0 allowed") {
		t.Errorf("deploy --max-deletes 0 of a deletion: exit %d: %s", code, stderr)
	}
	if code, stdout, stderr := run(t, dir, "deploy", target, "--max-deletes", "0", "--force"); code != 0 || !strings.Contains(stdout, "1 deleted") {
		t.Errorf("deploy --force: exit %d:\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(stray); !os.IsNotExist(err) {
		t.Errorf("deploy --force left old.html: %v", err)
	}
}
