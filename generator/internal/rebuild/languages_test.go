package rebuild

import (
	"os"
	"strings"
	"testing"

	"guidepost/generator/internal/site"
)

// TestIncrementalLanguages edits a bilingual site on disk as dev mode sees it and checks that
// each incremental build equals a full one: a new translation, an edit of one, an edit of an
// original shown untranslated, a site catalogue, and a translation removed.
func TestIncrementalLanguages(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../site/testdata/bilingual")); err != nil {
		t.Fatal(err)
	}
	s := incSite{t: t, dir: dir}
	inc := NewIncremental(os.DirFS(dir), incOptions())
	compareBuilds(t, "first", dir, inc)

	s.write("content/articles/core-and-yoga.cy.md", langArticle("Craidd ac ioga", "Ymarferion craidd ysgafn.", "Corff y dudalen."))
	compareChanged(t, "new translation", dir, inc, []string{"content/articles/core-and-yoga.cy.md"})
	var mem site.Memory
	inc.Build(&mem)
	if got := string(mem.Files()["articles/core-and-yoga/index.html"]); !strings.Contains(got, `hreflang="cy" href="https://example.org/back/cy/articles/core-and-yoga/"`) {
		t.Error("the English page does not link its new Welsh translation")
	}
	if got := string(mem.Files()["cy/articles/core-and-yoga/index.html"]); !strings.Contains(got, "<h1>Craidd ac ioga</h1>") {
		t.Error("the new Welsh page is not built")
	}

	s.write("content/articles/core-and-yoga.cy.md", langArticle("Craidd ac ioga ysgafn", "Ymarferion craidd ysgafn.", "Corff newydd."))
	compareChanged(t, "translation edited", dir, inc, []string{"content/articles/core-and-yoga.cy.md"})

	s.write("content/articles/aquatic-exercise.md", langArticle("Exercise in water", "Water takes the load.", "New body."))
	compareChanged(t, "untranslated original edited", dir, inc, []string{"content/articles/aquatic-exercise.md"})

	s.write("content/i18n/cy.yaml", "language.switch: Dewis iaith\n")
	compareChanged(t, "catalogue added", dir, inc, []string{"content/i18n/cy.yaml"})
	mem = site.Memory{}
	inc.Build(&mem)
	if got := string(mem.Files()["cy/articles/walking/index.html"]); !strings.Contains(got, `aria-label="Dewis iaith"`) {
		t.Error("the site's own Welsh words are not used")
	}

	s.remove("content/articles/core-and-yoga.cy.md")
	compareChanged(t, "translation removed", dir, inc, []string{"content/articles/core-and-yoga.cy.md"})
}

// langArticle returns an article's file.
func langArticle(title, description, body string) string {
	return "---\ntitle: " + title + "\ndescription: " + description + "\n---\n" + body + "\n"
}
