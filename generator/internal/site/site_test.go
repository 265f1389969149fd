package site

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/testutil"
	"guidepost/templates"
)

var today = time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)

func build(t *testing.T, fsys fs.FS, opts Options) (*Memory, Result) {
	t.Helper()
	opts.Theme, opts.Now = templates.FS, today
	var out Memory
	return &out, Build(context.Background(), fsys, opts, &out)
}

func diagText(l *diag.List) string {
	var lines []string
	for _, d := range l.Sorted() {
		lines = append(lines, d.String())
	}
	return strings.Join(lines, "\n")
}

// TestGolden builds testdata/basic and compares the output with testdata/basic/<name>: the
// list of files in files.txt, and the content of every file but the theme's assets, which
// render_test covers (go test -update rewrites them).
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"golden", Options{}},
		// Offline builds differ only in their links, which TestEveryLinkWorks follows.
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, res := build(t, os.DirFS("testdata/basic"), tc.opts)
			if res.Diags.Errors() > 0 {
				t.Fatal(diagText(res.Diags))
			}
			dir := filepath.Join("testdata/basic", tc.name)
			names := out.Names()
			files := out.Files()
			if testutil.Update() {
				os.RemoveAll(dir)
				os.MkdirAll(dir, 0o755)
				os.WriteFile(filepath.Join(dir, "files.txt"), []byte(strings.Join(names, "\n")+"\n"), 0o644)
				for _, name := range names {
					if strings.HasPrefix(name, "assets/") {
						continue
					}
					p := filepath.Join(dir, filepath.FromSlash(name))
					os.MkdirAll(filepath.Dir(p), 0o755)
					if err := os.WriteFile(p, files[name], 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			list, err := os.ReadFile(filepath.Join(dir, "files.txt"))
			if err != nil {
				t.Fatalf("%v (go test -update writes it)", err)
			}
			if got, want := strings.Join(names, "\n")+"\n", string(list); got != want {
				t.Fatalf("files differ (go test -update to accept):\ngot\n%s\nwant\n%s", got, want)
			}
			for _, name := range names {
				if strings.HasPrefix(name, "assets/") {
					continue
				}
				golden, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
				if !bytes.Equal(files[name], golden) {
					t.Errorf("%s differs from %s/%s (go test -update to accept):\n%s", name, dir, name, files[name])
				}
			}
		})
	}
}

// TestDeterministic builds the sample site twice and expects the same bytes.
func TestDeterministic(t *testing.T) {
	root := os.DirFS("../../..")
	a, res := build(t, root, Options{BaseURL: "https://example.org/"})
	if res.Diags.Errors() > 0 {
		t.Fatal(diagText(res.Diags))
	}
	b, _ := build(t, root, Options{BaseURL: "https://example.org/"})
	fa, fb := a.Files(), b.Files()
	if len(fa) != len(fb) || len(fa) < 20 {
		t.Fatalf("%d files then %d", len(fa), len(fb))
	}
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// TestAllErrorsAtOnce checks that one build reports every problem of a broken site, sorted.
func TestAllErrorsAtOnce(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.yaml":             {Data: []byte("title: T\ndescription: D\nbase_url: nope\n")},
		"content/articles/a.md":         {Data: []byte("---\ntitle: A\ndescription: D.\n---\n\nSee [b](b.md#nowhere) and [c](c.md).\n")},
		"content/articles/b.md":         {Data: []byte("---\ntitle: B\ndescription: D.\ntags: [x]\n---\n\n## Somewhere\n\n[self](#somewher)\n")},
		"content/articles/d.md":         {Data: []byte("---\ntitle: D\ndescription: D.\ndraft: true\n---\n")},
		"content/questionnaires/q.yaml": {Data: []byte("title: Q\ndescription: D\nstart: s\nnodes:\n  s:\n    outcome: O\n    body: See [a](../articles/a.md#missing).\n    articles: [d]\n")},
	}
	_, res := build(t, fsys, Options{})
	want := strings.Join([]string{
		`content/articles/a.md:6:5: content/articles/b.md has no heading with id "nowhere"; did you mean "somewhere"?`,
		`content/articles/a.md:6:27: link target "c.md": content/articles/c.md builds no page or file; check the file name; link to an article's .md file or a questionnaire's .yaml file, relative to this file`,
		`content/articles/b.md:9:1: content/articles/b.md has no heading with id "somewher"; did you mean "somewhere"?`,
	}, "\n")
	got := diagText(res.Diags)
	if !strings.HasPrefix(got, want) {
		t.Errorf("got\n%s\nwant it to start with\n%s", got, want)
	}
	for _, part := range []string{
		`content/questionnaires/q.yaml:7:`, // the anchor in the outcome's markdown
		`"missing"`,
		`content/site.yaml:3:11: base_url:`,
		`d`, // the draft article named by the outcome
	} {
		if !strings.Contains(got, part) {
			t.Errorf("missing %q in\n%s", part, got)
		}
	}
}

// TestTemplateErrorsOnce breaks a site's own templates and expects one error for each, at the
// template's line and column, not one for every page of its kind.
func TestTemplateErrorsOnce(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.yaml":      {Data: []byte("title: T\ndescription: D\n")},
		"content/articles/a.md":  {Data: []byte("---\ntitle: A\ndescription: D.\ntags: [x, y]\n---\n")},
		"content/articles/b.md":  {Data: []byte("---\ntitle: B\ndescription: D.\ntags: [x, y]\n---\n")},
		"templates/tag.html":     {Data: []byte("{{define \"main\"}}{{.Nope}}{{end}}")},
		"templates/article.html": {Data: []byte("{{define \"main\"}}{{if}}{{end}}")},
	}
	_, res := build(t, fsys, Options{})
	want := strings.Join([]string{
		`templates/article.html:1: template: missing value for if`,
		`templates/tag.html:1:19: template: executing "main" at <.Nope>: can't evaluate field Nope in type render.Tag`,
	}, "\n")
	if got := diagText(res.Diags); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestDirFailedBuildLeavesOutput checks the all-or-nothing promise of Dir.
func TestDirFailedBuildLeavesOutput(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "public")
	if err := os.MkdirAll(target, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(target, "old.html"), []byte("old"), 0o644)
	os.WriteFile(filepath.Join(target, MarkerFile), nil, 0o644) // an earlier build

	d, err := NewDir(target)
	if err != nil {
		t.Fatal(err)
	}
	d.WriteFile("index.html", []byte("new"))
	d.Abort()
	if b, _ := os.ReadFile(filepath.Join(target, "old.html")); string(b) != "old" {
		t.Fatal("abort changed the output")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Fatalf("abort left %d entries beside the output", len(entries))
	}

	d, _ = NewDir(target)
	d.WriteFile("articles/a/index.html", []byte("new"))
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(target, "old.html")); !os.IsNotExist(err) {
		t.Error("old file survived the commit")
	}
	if b, _ := os.ReadFile(filepath.Join(target, "articles/a/index.html")); string(b) != "new" {
		t.Error("new file missing after commit")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Fatalf("commit left %d entries beside the output", len(entries))
	}
}

func TestNewDirRefusesSiteFolder(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	if _, err := NewDir(dir); err == nil {
		t.Fatal("NewDir accepted a folder holding content/")
	}
}

func TestRel(t *testing.T) {
	tests := []struct {
		offline  bool
		from, to string
		want     string
	}{
		{false, "", "", "./"},
		{true, "", "", "index.html"},
		{false, "articles/a/", "", "../../"},
		{true, "articles/a/", "", "../../index.html"},
		{false, "articles/a/", "articles/b/", "../../articles/b/"},
		{true, "questionnaires/q/n/", "articles/b/", "../../../articles/b/index.html"},
		{true, "articles/a/", "assets/style.1.css", "../../assets/style.1.css"},
		{false, "", "media/x.png", "media/x.png"},
	}
	for _, tt := range tests {
		if got := (links{offline: tt.offline}).rel(tt.from, tt.to); got != tt.want {
			t.Errorf("rel(%q, %q) offline=%v = %q, want %q", tt.from, tt.to, tt.offline, got, tt.want)
		}
	}
}
