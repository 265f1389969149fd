package content

import (
	"testing"
	"testing/fstest"

	"guidepost/generator/internal/diag"
)

// TestReadBody loads articles without their bodies and reads each body again: it must be
// what ParseArticle gives, starting on the same line.
func TestReadBody(t *testing.T) {
	files := map[string]string{
		"yaml.md":     "---\ntitle: A\ndescription: D.\n---\n\n# Body\n\ntext\n",
		"bom.md":      "\ufeff---\ntitle: B\ndescription: D.\n---\nBody\n",
		"toml.md":     "\n+++\ntitle = \"C\"\ndescription = \"D.\"\n+++\n\nBody *here*\n",
		"empty.md":    "---\ntitle: E\ndescription: D.\n---\n",
		"nofm.md":     "just text\n",
		"unclosed.md": "---\ntitle: U\n\nBody\n",
	}
	fsys := fstest.MapFS{SiteFile: {Data: []byte("title: T\ndescription: D.\n")}}
	for name, src := range files {
		fsys[ArticlesDir+"/"+name] = &fstest.MapFile{Data: []byte(src)}
	}
	c := Load(fsys, Options{NoBodies: true}, &diag.List{})
	if len(c.Articles) != len(files) {
		t.Fatalf("loaded %d articles, want %d", len(c.Articles), len(files))
	}
	for _, a := range c.Articles {
		if a.Body != nil {
			t.Errorf("%s: Load with NoBodies kept the body %q", a.Path, a.Body)
		}
		want := ParseArticle(a.Path, fsys[a.Path].Data, &diag.List{})
		body, line, err := ReadBody(fsys, a)
		if err != nil {
			t.Errorf("%s: %v", a.Path, err)
			continue
		}
		if string(body) != string(want.Body) || line != want.BodyLine {
			t.Errorf("%s: ReadBody gives %q at line %d, ParseArticle %q at line %d", a.Path, body, line, want.Body, want.BodyLine)
		}
	}
	if _, _, err := ReadBody(fsys, &Article{Path: ArticlesDir + "/gone.md"}); err == nil {
		t.Errorf("ReadBody of a missing file gave no error")
	}
}
