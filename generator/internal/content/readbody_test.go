package content

import (
	"bytes"
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

// FuzzSplitFrontMatter checks that splitFrontMatter splits any input as the frontmatter
// package does, and that ParseArticle finds the opening line where splitting the file into
// lines would.
func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: A\n---\nbody\n", "\n \n---\na\n---", "---\n---", "---\n---\n", "---", "+++\na = 1\n+++\n\nb",
		"---\r\na\r\n---\r\nb", "x\n---\n---\n", "---\na\n", "  ---  \n\t---\t\nb", "+++\n---\n+++\n", "", "\n", " \n\n",
	} {
		f.Add([]byte(s))
	}
	type raw struct {
		format string
		data   []byte
	}
	keep := func(format string) frontmatter.UnmarshalFunc {
		return func(data []byte, v any) error {
			*v.(*raw) = raw{format, bytes.Clone(data)}
			return nil
		}
	}
	var formats []*frontmatter.Format
	for _, d := range delimiters {
		formats = append(formats, frontmatter.NewFormat(d.open, d.close, keep(d.format)))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var want raw
		rest, err := frontmatter.Parse(bytes.NewReader(src), &want, formats...)
		if err != nil {
			t.Fatalf("frontmatter.Parse(%q): %v", src, err) // only a reader fails it, never a byte slice
		}
		format, data, body := splitFrontMatter(src)
		if format != want.format || !bytes.Equal(data, want.data) || !bytes.Equal(src[body:], rest) {
			t.Errorf("splitFrontMatter(%q) = %q, %q, body %q; frontmatter: %q, %q, body %q",
				src, format, data, src[body:], want.format, want.data, rest)
		}
		open := 1
		for _, line := range strings.SplitAfter(string(bytes.TrimPrefix(src, []byte("\ufeff"))), "\n") {
			if strings.TrimSpace(line) != "" {
				break
			}
			open++
		}
		if a := ParseArticle("content/articles/a.md", src, &diag.List{}); a.FrontMatter.Line != open {
			t.Errorf("%q: front matter opens at line %d, want %d", src, a.FrontMatter.Line, open)
		}
	})
}
