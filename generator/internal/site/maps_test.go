package site

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// TestMaps: "maps: true" in site.yaml publishes each questionnaire's flow map beside its
// pages, and a site without it publishes none.
func TestMaps(t *testing.T) {
	fsys := siteFS(t, "testdata/basic")
	out, res := build(t, fsys, Options{})
	if res.Diags.Errors() > 0 {
		t.Fatal(diagText(res.Diags))
	}
	for _, name := range out.Names() {
		if strings.HasSuffix(name, "map.svg") {
			t.Errorf("a site without maps: true publishes %s", name)
		}
	}

	fsys["content/site.yaml"].Data = append(fsys["content/site.yaml"].Data, "maps: true\n"...)
	out, res = build(t, fsys, Options{})
	if res.Diags.Errors() > 0 {
		t.Fatal(diagText(res.Diags))
	}
	files := out.Files()
	var maps int
	for name, data := range files {
		slug, ok := strings.CutSuffix(strings.TrimPrefix(name, "questionnaires/"), "/map.svg")
		if !ok {
			continue
		}
		maps++
		page := string(files["questionnaires/"+slug+"/index.html"])
		if page == "" || !strings.Contains(string(data), "<svg") {
			t.Errorf("%s: %d bytes, no questionnaire page beside it", name, len(data))
		}
	}
	if maps == 0 {
		t.Error("maps: true published no map")
	}
}

// siteFS reads the site in dir into a MapFS, to change a file before a build.
func siteFS(t *testing.T, dir string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := fs.ReadFile(os.DirFS(dir), p)
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}
