package content

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/limits"
)

func siteWith(article string) fstest.MapFS {
	return fstest.MapFS{
		SiteFile:                    {Data: []byte("title: T\ndescription: D\n")},
		"content/articles/a.md":     {Data: []byte(article)},
		"content/articles/other.md": {Data: []byte("---\ntitle: O\ndescription: D\n---\nbody\n")},
	}
}

// TestLoadLimits loads articles past each limit: each is one error at its line naming the
// flag, fast, and the other articles load.
func TestLoadLimits(t *testing.T) {
	tests := []struct {
		name, src string
		lim       limits.Limits
		want      string
	}{
		{"toml 2,000,000 [", "+++\ntitle = \"T\"\ndescription = \"D\"\nx = " + strings.Repeat("[", 2_000_000) + "\n+++\nbody\n", limits.Limits{FileSize: 8 << 20},
			"content/articles/a.md:4:1: the TOML front matter nests more than 32 levels deep (the limit); flatten it, or raise the limit with --max-depth=N"},
		{"toml 20,000 tables", "+++\ntitle = \"T\"\n[" + strings.Repeat("a.", 20_000) + "a]\n+++\n", limits.Limits{},
			"content/articles/a.md:3:1: the TOML front matter nests more than 32 levels deep"},
		{"yaml deep", "---\ntitle: T\ndescription: D\nx: " + strings.Repeat("[", 100_000) + "\n---\n", limits.Limits{},
			"content/articles/a.md:4:1: the YAML front matter nests more than 32 levels deep"},
		{"size", "---\ntitle: T\ndescription: D\n---\n" + strings.Repeat("word ", 300), limits.Limits{FileSize: 1000},
			"content/articles/a.md:1:1: the file is 1532 bytes, more than the limit of 1000; split it into smaller files, or raise the limit with --max-file-size=BYTES"},
		{"depth raised", "+++\ntitle = \"T\"\ndescription = \"D\"\nx = " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n+++\n", limits.Limits{Depth: 50}, "content/articles/a.md:4:1: unknown key \"x\""},
	}
	for _, tt := range tests {
		var diags diag.List
		start := time.Now()
		c := Load(siteWith(tt.src), Options{Limits: tt.lim}, &diags)
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("%s: took %s", tt.name, took)
		}
		var got []string
		for _, d := range diags.Sorted() {
			got = append(got, d.String())
		}
		if tt.want == "" {
			if len(got) != 0 || len(c.Articles) != 2 {
				t.Errorf("%s: %q, %d articles", tt.name, got, len(c.Articles))
			}
			continue
		}
		if len(got) != 1 || !strings.HasPrefix(got[0], tt.want) {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.name, got, tt.want)
		}
		if !slices.ContainsFunc(c.Articles, func(a *Article) bool { return a.Slug == "other" }) {
			t.Errorf("%s: the other article was not loaded", tt.name)
		}
	}
}

// FuzzLoadTOML runs TOML front matter through the real loader: no input may panic or hang
// it, and every position it reports lies inside the file.
func FuzzLoadTOML(f *testing.F) {
	for _, s := range []string{
		"title = \"A\"\ndescription = \"B\"", "[table]\nx = 1", "a = [[[[1]]]]", "a.b.c = 1", "x = {a = {b = 1}}",
		"title = \"\"\"\nmulti\n\"\"\"", "tags = ['a', \"b\"]", "[[arr]]\nx = 1\n[[arr]]\ny = 2", "date = 2026-01-02",
		"a = " + strings.Repeat("[", 100), "[" + strings.Repeat("a.", 100) + "a]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, front string) {
		src := "+++\n" + front + "\n+++\nbody\n"
		var diags diag.List
		Load(siteWith(src), Options{}, &diags)
		lines := strings.Count(src, "\n") + 1
		for _, d := range diags.Sorted() {
			if d.Path == "content/articles/a.md" && (d.Line > lines || d.Line < 0) {
				t.Errorf("line out of the file (%d lines): %s", lines, d)
			}
		}
	})
}

// TestLoadSurvivesPanic: a parser that panics on one file gives an error at that file.
func TestLoadSurvivesPanic(t *testing.T) {
	var diags diag.List
	c := Load(siteWith("---\ntitle: A\ndescription: D\n---\n"), Options{Parse: func(p string, src []byte, diags *diag.List) *Article {
		if p == "content/articles/a.md" {
			panic("boom")
		}
		return ParseArticle(p, src, diags)
	}}, &diags)
	want := "content/articles/a.md: internal error while working on this file: boom"
	if got := diags.Sorted(); len(got) != 1 || !strings.HasPrefix(got[0].String(), want) {
		t.Errorf("got %v, want %q", got, want)
	}
	if len(c.Articles) != 1 {
		t.Errorf("%d articles, want the other one", len(c.Articles))
	}
}

// TestLoadRefusesBadInput: names and text that would break an output are errors at their
// position; misnamed articles and questionnaires are errors with a hint, not left out.
func TestLoadRefusesBadInput(t *testing.T) {
	fsys := fstest.MapFS{
		SiteFile:                          {Data: []byte("title: T\ndescription: \"D\\x07\"\nbase_url: \"https://x.org/\\nDisallow: /\"\n")},
		"content/articles/ok.md":          {Data: []byte("---\ntitle: \"Bell\\a\"\ndescription: D\ntags: [\"a\\u0085\"]\n---\n")},
		"content/articles/toml.md":        {Data: []byte("+++\ntitle = \"T\\u0000\"\ndescription = \"D\"\n+++\n")},
		"content/articles/Upper.MD":       {Data: []byte("x")},
		"content/articles/x.markdown":     {Data: []byte("x")},
		"content/articles/photo.png":      {Data: []byte("x")},
		"content/questionnaires/q.YAML":   {Data: []byte("x")},
		"content/questionnaires/r.yml":    {Data: []byte("x")},
		"content/media/a\nb.txt":          {Data: []byte("x")},
		"content/media/c:d.txt":           {Data: []byte("x")},
		"content/media/e\\f.txt":          {Data: []byte("x")},
		"content/media/sub\x01dir/g.txt":  {Data: []byte("x")},
		"content/media/fine name (1).txt": {Data: []byte("x")},
	}
	var diags diag.List
	c := Load(fsys, Options{}, &diags)
	var got []string
	for _, d := range diags.Sorted() {
		got = append(got, d.String())
	}
	for _, want := range []string{
		`content/site.yaml:2:14: control character U+0007 in "D\a" (character 2)`,
		`content/site.yaml:3:11: base_url: "https://x.org/\nDisallow: /" holds a control character (U+000A) at byte 14`,
		`content/articles/ok.md:2:8: control character U+0007 in "Bell\a" (character 5)`,
		`content/articles/ok.md:4:8: control character U+0085`,
		`content/articles/toml.md`,
		`content/articles/Upper.MD: article files end in .md: this file is left out; rename it to end in .md (lower case)`,
		`content/articles/x.markdown: article files end in .md`,
		`content/questionnaires/q.YAML: questionnaire files end in .yaml`,
		`content/questionnaires/r.yml: questionnaire files end in .yaml`,
		`content/media: the name "a\nb.txt" holds a control character (U+000A): it is left out`,
		`content/media: the name "c:d.txt" holds ':'`,
		`content/media: the name "e\\f.txt" holds '\\'`,
		`content/media: the name "sub\x01dir" holds a control character (U+0001)`,
	} {
		found := false
		for _, g := range got {
			found = found || strings.HasPrefix(g, want)
		}
		if !found {
			t.Errorf("missing %s", want)
		}
	}
	if len(got) != 14 { // and the tag's own error
		t.Errorf("%d diagnostics, want 14:\n%s", len(got), strings.Join(got, "\n"))
	}
	// photo.png is a page bundle's file (published beside its article), not a misnamed article.
	if strings.Join(c.Media, "|") != "content/articles/photo.png|content/media/fine name (1).txt" {
		t.Errorf("media: %q", c.Media)
	}
}
