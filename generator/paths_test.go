package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPathsCommand runs "guidepost paths" on a site with the fever tree of the
// questionnaire package's testdata, whose paths are pinned there.
func TestPathsCommand(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fever, err := os.ReadFile("internal/questionnaire/testdata/fever.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("internal/questionnaire/testdata/fever.paths")
	if err != nil {
		t.Fatal(err)
	}
	write("content/site.yaml", "title: S\ndescription: D\n")
	write("content/questionnaires/fever.yaml", string(fever))
	write("content/questionnaires/small.yaml", "title: T\ndescription: D\nstart: a\nnodes:\n  a:\n    question: Q?\n    answers:\n      - {label: One, next: b}\n      - {label: Two!, next: b}\n  b: {outcome: B, body: x}\n")

	code, stdout, stderr := run(t, dir, "paths", "fever")
	if code != 0 || stdout != string(want) {
		t.Fatalf("paths fever: exit %d\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	code, stdout, _ = run(t, dir, "paths")
	if code != 0 || stdout != "# fever\n"+string(want)+"\n# small\na=one -> b []\na=two -> b []\n" {
		t.Fatalf("paths: exit %d\n%s", code, stdout)
	}
	code, _, stderr = run(t, dir, "paths", "fevr")
	if code != 2 || !strings.Contains(stderr, `no questionnaire "fevr"; did you mean "fever"?`) {
		t.Fatalf("paths fevr: exit %d: %s", code, stderr)
	}
	write("content/questionnaires/small.yaml", "title: T\ndescription: D\nstart: a\nnodes:\n  a:\n    question: Q?\n    answers:\n      - {label: One, next: b}\n      - {label: Two, next: c}\n  b: {outcome: B, body: x}\n")
	code, stdout, stderr = run(t, dir, "paths")
	if code != 1 || stdout != "" || !strings.Contains(stderr, `small.yaml:9:28: next: unknown node "c"`) {
		t.Fatalf("paths of a broken site: exit %d\n%s\n%s", code, stdout, stderr)
	}
}
