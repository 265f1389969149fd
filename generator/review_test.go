package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReview runs "guidepost review" on a new site as an editor would: the report lists its
// pages, --strict fails only when something is overdue, and mistakes in the flags are usage
// errors.
func TestReview(t *testing.T) {
	parent := t.TempDir()
	if code, _, stderr := run(t, parent, "init", "s"); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	dir := filepath.Join(parent, "s")
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/site.yaml", "title: S\ndescription: D\nreview_after: 1y\n")
	write("content/articles/old.md", "---\ntitle: Old\ndescription: Old news.\nreviewed: 2024-01-01\n---\n\nText.\n")

	code, stdout, stderr := run(t, dir, "review", "--strict", "--format", "csv")
	if code != 1 || !strings.Contains(stderr, "1 page is overdue for review") {
		t.Fatalf("review --strict with an overdue page: exit %d, stderr %q", code, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil {
		t.Fatalf("the CSV report does not parse: %v\n%s", err, stdout)
	}
	if len(rows) < 3 || strings.Join(rows[1], ",") != "overdue,2025-01-01,2024-01-01,article,content/articles/old.md,Old" {
		t.Fatalf("CSV report:\n%s", stdout)
	}

	write("content/articles/old.md", "---\ntitle: Old\ndescription: Old news.\nreviewed: 2026-11-01\n---\n\nText.\n")
	if code, stdout, stderr := run(t, dir, "review", "--strict"); code != 0 || !strings.Contains(stdout, "0 overdue") {
		t.Errorf("review --strict with nothing overdue: exit %d\n%s%s", code, stdout, stderr)
	}

	for _, args := range [][]string{
		{"review", "--within", "soon"},
		{"review", "--format", "xml"},
		{"review", "extra"},
	} {
		if code, _, stderr := run(t, dir, args...); code != 2 || !strings.Contains(stderr, "Usage: guidepost review") {
			t.Errorf("guidepost %v: exit %d, want 2 with the usage; stderr:\n%s", args, code, stderr)
		}
	}

	// A broken file is reported, and the report still lists what could be read.
	write("content/articles/broken.md", "---\ntitle: [\n---\n")
	code, stdout, stderr = run(t, dir, "review")
	if code != 1 || !strings.Contains(stderr, "content/articles/broken.md:") || !strings.Contains(stdout, "content/articles/old.md") {
		t.Errorf("review with a broken article: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}
