package site

import (
	"os"
	"strings"
	"testing"
)

// TestHeadingIDsAvoidTheTheme builds an article whose headings would take the ids of the
// theme's skip-link target and related list, and checks that each id is on its page once.
func TestHeadingIDsAvoidTheTheme(t *testing.T) {
	s := incSite{t, t.TempDir()}
	s.write("content/site.yaml", "title: Test site\ndescription: A site for tests.\n")
	s.write("content/articles/a.md", "---\ntitle: A\ndescription: About a.\ntags: [x]\n---\n\n## Main\n\n## Related heading\n\nSee [main](#main-1).\n")
	s.write("content/articles/b.md", "---\ntitle: B\ndescription: About b.\ntags: [x]\n---\n\nText.\n")
	var m Memory
	res := Build(os.DirFS(s.dir), incOptions(), &m)
	if res.Diags.Len() > 0 {
		t.Fatal(res.Diags.Sorted())
	}
	page := string(m.Files()["articles/a/index.html"])
	for _, id := range []string{`id="main"`, `id="main-1"`, `id="related-heading"`, `id="related-heading-1"`} {
		if n := strings.Count(page, id); n != 1 {
			t.Errorf("%s appears %d times in\n%s", id, n, page)
		}
	}
}

// TestMigrationHint builds a site whose article links to another's page as the site it was
// migrated from did, and checks that the error names the source file to link to.
func TestMigrationHint(t *testing.T) {
	s := incSite{t, t.TempDir()}
	s.write("content/site.yaml", "title: Test site\ndescription: A site for tests.\n")
	s.write("content/articles/guide/a.md", "---\ntitle: A\ndescription: About a.\n---\n\nSee [b](/manual/b/).\n")
	s.write("content/articles/b.md", "---\ntitle: B\ndescription: About b.\n---\n\nText.\n")
	res := Build(os.DirFS(s.dir), incOptions(), Discard{})
	want := `content/articles/guide/a.md:6:5: root-relative link "/manual/b/" breaks when the site is served under a sub-path or opened from disk; did you mean ../b.md? link to the source file, relative to this one`
	if got := diagLines(res); len(got) != 1 || got[0] != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
