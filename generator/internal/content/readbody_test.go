package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/adrg/frontmatter"

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

// TestSplitLongFrontMatter checks that splitFrontMatter, which lets the library read only
// the first lines of a file, finds what the library finds reading all of it: blocks that
// close past the first KB and past four, and lines across the place where it cuts.
func TestSplitLongFrontMatter(t *testing.T) {
	pad := func(n int) string { return "# " + strings.Repeat("x", n) + "\n" }
	for _, src := range []string{
		"---\n" + pad(2000) + "title: A\n---\nBody\n",
		"---\n" + pad(5000) + "title: A\n---\nBody\n",
		"+++\n" + pad(1014) + "+++x\n+++\nBody\n",       // "+++x" crosses the first KB
		"---\n" + pad(1015) + "---\nBody\n",             // the closing line crosses it
		"---\n" + pad(1013) + "---\nBody\n",             // the closing line ends just before it
		"---\n" + strings.Repeat("y", 3000) + "\n---\n", // the first KB holds only the opening line
		"---\n" + pad(3000) + "no closing line\n",
	} {
		var raw rawFrontMatter
		rest, err := frontmatter.Parse(strings.NewReader(src), &raw, formats...)
		wantBody := 0
		if err == nil && raw.format != "" {
			wantBody = len(src) - len(rest)
		}
		format, data, body := splitFrontMatter([]byte(src))
		if format != raw.format || string(data) != string(raw.data) || body != wantBody {
			t.Errorf("%.40q...: got %q, %d bytes, body at %d; the library reading it all: %q, %d bytes, body at %d",
				src, format, len(data), body, raw.format, len(raw.data), wantBody)
		}
	}
}
