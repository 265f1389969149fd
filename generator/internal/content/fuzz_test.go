package content

import (
	"strings"
	"testing"

	"guidepost/generator/internal/diag"
)

// FuzzParseArticle checks that no file makes ParseArticle panic and that every position it
// reports lies inside the file.
func FuzzParseArticle(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: A\ndescription: B\n---\nbody", "+++\ntitle = \"A\"\n+++\n", "---\n---\n", "---\n- a\n---\n",
		"---\ntitle: &a x\ndescription: *a\n---\n", "---\ntitle: [\n---\n", "\n\n---\ntags: {a: b}\n---\n",
		"---\ndate: 2026-02-30\nweight: 1e3\n---\n", "+++\n[table]\nx = 1\n+++\n", "---\ntitle: a\n---\n---\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var diags diag.List
		a := ParseArticle("content/articles/a.md", []byte(src), &diags)
		if a == nil {
			t.Fatal("nil article")
		}
		lines := strings.Count(src, "\n") + 1
		for _, d := range diags.Sorted() {
			if d.Line > lines+1 || d.Line < 0 {
				t.Errorf("line out of the file (%d lines): %s", lines, d)
			}
		}
	})
}

// FuzzParseSite checks that no site.yaml makes ParseSite panic.
func FuzzParseSite(f *testing.F) {
	f.Add("title: T\ndescription: D\nbase_url: https://x.org\nreview_after: 6w\n")
	f.Add("title: [\n")
	f.Add("title: T\ndescription: D\nnotice: |\n  Call **999**.\norganisation: O\nfooter_links:\n  - {label: A, href: a.md}\n  - {label: B, href: \"mailto:x@y\"}\n  - {label: '', href: ../x.md}\n  - x\n")
	f.Add("title: T\ndescription: D\nlanguages: [en, cy, en, x y]\nlanguage: cy\n")
	f.Fuzz(func(t *testing.T, src string) {
		var diags diag.List
		ParseSite([]byte(src), &diags)
	})
}
