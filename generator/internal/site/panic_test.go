package site

import (
	"context"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"guidepost/generator/internal/testutil"
	"guidepost/templates"
)

// panicky is an Output that panics on one file, as a bug would.
type panicky struct {
	Memory
	name string
}

func (p *panicky) WriteFile(name string, data []byte) error {
	if name == p.name {
		panic("boom")
	}
	return p.Memory.WriteFile(name, data)
}

// TestPanicBecomesError: a panic while working on one file is an error at that file, and
// the build goes on with the others.
func TestPanicBecomesError(t *testing.T) {
	out := &panicky{name: "articles/everything/index.html"}
	res := Build(context.Background(), os.DirFS("testdata/rich"), Options{Theme: templates.FS, Now: today}, out)
	text := diagText(res.Diags)
	if !strings.Contains(text, "internal error while working on this file: boom; this is a bug in guidepost") {
		t.Fatalf("diagnostics:\n%s", text)
	}
	if res.Diags.Errors() != 1 || len(out.Names()) < 10 {
		t.Errorf("%d errors, %d files written:\n%s", res.Diags.Errors(), len(out.Names()), text)
	}
}

// TestDuplicateQuestionnaireSlugs: two questionnaires of one slug are an error at the
// second, like two articles of one slug.
func TestDuplicateQuestionnaireSlugs(t *testing.T) {
	fsys := fstest.MapFS{}
	root := os.DirFS(testutil.Site(t, "testdata/questionnaire/site.txtar"))
	fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := fs.ReadFile(root, p)
			fsys[p] = &fstest.MapFile{Data: data}
		}
		return nil
	})
	var tree string
	for p := range fsys {
		if strings.HasPrefix(p, "content/questionnaires/") && strings.HasSuffix(p, ".yaml") {
			tree = p
		}
	}
	copyPath := "content/questionnaires/sub/" + path.Base(tree)
	fsys[copyPath] = fsys[tree]
	_, res := build(t, fsys, Options{})
	want := copyPath + `: questionnaire slug "` + strings.TrimSuffix(path.Base(tree), ".yaml") + `" is already used by ` + tree
	if !strings.Contains(diagText(res.Diags), want) {
		t.Errorf("want %q in:\n%s", want, diagText(res.Diags))
	}
}
