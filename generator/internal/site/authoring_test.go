package site

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"guidepost/generator/internal/testutil"
	"guidepost/templates"
)

// TestHeadingIDsAvoidTheTheme builds an article whose headings would take the ids of the
// theme's skip-link target and related list, and checks that each id is on its page once.
func TestHeadingIDsAvoidTheTheme(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFile(t, dir, "content/site.yaml", "title: Test site\ndescription: A site for tests.\n")
	testutil.WriteFile(t, dir, "content/articles/a.md", "---\ntitle: A\ndescription: About a.\ntags: [x]\n---\n\n## Main\n\n## Related heading\n\nSee [main](#main-1).\n")
	testutil.WriteFile(t, dir, "content/articles/b.md", "---\ntitle: B\ndescription: About b.\ntags: [x]\n---\n\nText.\n")
	var m Memory
	res := Build(context.Background(), os.DirFS(dir), authoringOptions(), &m)
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
	dir := t.TempDir()
	testutil.WriteFile(t, dir, "content/site.yaml", "title: Test site\ndescription: A site for tests.\n")
	testutil.WriteFile(t, dir, "content/articles/guide/a.md", "---\ntitle: A\ndescription: About a.\n---\n\nSee [b](/manual/b/).\n")
	testutil.WriteFile(t, dir, "content/articles/b.md", "---\ntitle: B\ndescription: About b.\n---\n\nText.\n")
	res := Build(context.Background(), os.DirFS(dir), authoringOptions(), Discard{})
	want := `content/articles/guide/a.md:6:5: root-relative link "/manual/b/" breaks when the site is served under a sub-path or opened from disk; did you mean ../b.md? link to the source file, relative to this one`
	if got := diagLines(res); len(got) != 1 || got[0] != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestPageBundle builds an article that keeps its image and a PDF beside it and checks that
// both are published beside its page, that its links to them lead there, and that a link to
// a missing file beside it is an error at the link.
func TestPageBundle(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFile(t, dir, "content/site.yaml", "title: Test site\ndescription: A site for tests.\n")
	testutil.WriteFile(t, dir, "content/articles/guide.md", "---\ntitle: Guide\ndescription: A guide.\n---\n\n![A chart](guide/images/chart.png)\n\n[The form](guide/form.pdf) and <img src=\"guide/images/chart.png\" alt=\"\">\n")
	testutil.WriteFile(t, dir, "content/articles/guide/images/chart.png", "png")
	testutil.WriteFile(t, dir, "content/articles/guide/form.pdf", "pdf")
	var m Memory
	res := Build(context.Background(), os.DirFS(dir), authoringOptions(), &m)
	if res.Diags.Len() > 0 {
		t.Fatal(diagLines(res))
	}
	files := m.Files()
	if string(files["articles/guide/images/chart.png"]) != "png" || string(files["articles/guide/form.pdf"]) != "pdf" {
		t.Errorf("bundled files not published beside the page: %q", m.Names())
	}
	page := string(files["articles/guide/index.html"])
	for _, want := range []string{`<img src="../../articles/guide/images/chart.png" alt="A chart">`, `<a href="../../articles/guide/form.pdf">The form</a>`, `<img src="../../articles/guide/images/chart.png" alt="">`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s:\n%s", want, page)
		}
	}

	testutil.WriteFile(t, dir, "content/articles/other.md", "---\ntitle: Other\ndescription: Other.\n---\n\n![Gone](guide/images/gone.png)\n")
	res = Build(context.Background(), os.DirFS(dir), authoringOptions(), Discard{})
	want := `content/articles/other.md:6:1: link target "guide/images/gone.png": content/articles/guide/images/gone.png builds no page or file; put the file in content/media/ and link to it relative to this file, such as ../media/gone.png`
	if got := diagLines(res); len(got) != 1 || got[0] != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// authoringOptions are the options of dev mode, in which editors see these errors first.
func authoringOptions() Options {
	return Options{Drafts: true, Theme: templates.FS, Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Scripts: []string{"_guidepost/reload.js"}}
}

func diagLines(r Result) []string {
	var lines []string
	for _, d := range r.Diags.Sorted() {
		lines = append(lines, d.String())
	}
	return lines
}
