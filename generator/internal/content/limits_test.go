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
