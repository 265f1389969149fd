package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guidepost/generator/internal/diag"
)

// writeFiles writes files (slash path -> content) under a new folder and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func article(title string) string { return "---\ntitle: " + title + "\ndescription: D\n---\nBody.\n" }

// TestLoadLanguages loads a site of three languages from disk: each language gets the
// translations into it in place of their originals, and the originals elsewhere.
func TestLoadLanguages(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"content/site.yaml":                    "title: T\ndescription: D\nlanguages: [en, cy, ar]\n",
		"content/articles/walking.md":          article("Walking"),
		"content/articles/walking.cy.md":       article("Cerdded"),
		"content/articles/rest.md":             article("Rest"),
		"content/articles/rest.ar.md":          article("راحة"),
		"content/questionnaires/check.yaml":    "title: x\n",
		"content/questionnaires/check.cy.yaml": "title: x\n",
		"content/articles/guides/swim.md":      article("Swim"),
		"content/articles/guides/swim.cy.md":   article("Nofio"),
	})
	for _, tc := range []struct {
		lang, titles, questionnaires string
	}{
		{"", "Rest Swim Walking", "content/questionnaires/check.yaml"},
		{"en", "Rest Swim Walking", "content/questionnaires/check.yaml"},
		{"cy", "Cerdded Nofio Rest", "content/questionnaires/check.cy.yaml"},
		{"ar", "Swim Walking راحة", "content/questionnaires/check.yaml"},
	} {
		var diags diag.List
		c := Load(os.DirFS(dir), Options{Lang: tc.lang}, &diags)
		if diags.Len() != 0 {
			t.Errorf("%s: %s", tc.lang, diags.Sorted())
		}
		var titles []string
		for _, a := range c.Articles {
			titles = append(titles, a.Title)
			if a.Lang != "" && a.Lang != tc.lang {
				t.Errorf("%s: %s is in %s", tc.lang, a.Path, a.Lang)
			}
		}
		if got := strings.Join(titles, " "); got != tc.titles {
			t.Errorf("%s: articles %q, want %q", tc.lang, got, tc.titles)
		}
		if got := strings.Join(c.Questionnaires, " "); got != tc.questionnaires {
			t.Errorf("%s: questionnaires %q, want %q", tc.lang, got, tc.questionnaires)
		}
		if strings.Join(c.Translated["content/articles/walking.md"], ",") != "cy" || strings.Join(c.Translated["content/questionnaires/check.yaml"], ",") != "cy" {
			t.Errorf("%s: translated %v", tc.lang, c.Translated)
		}
		for _, a := range c.Articles {
			if a.Title == "Cerdded" && (a.Slug != "walking" || a.Lang != "cy") {
				t.Errorf("the Welsh walking has slug %q lang %q", a.Slug, a.Lang)
			}
		}
	}
}

// TestLanguageMistakes checks each mistake in naming languages and translations, at its
// place, all in one run.
func TestLanguageMistakes(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"content/site.yaml":              "title: T\ndescription: D\nlanguage: cy\nlanguages: [en, cy, en, wales]\n",
		"content/articles/walking.md":    article("Walking"),
		"content/articles/walking.en.md": article("Walking again"),
		"content/articles/walking.fr.md": article("Marcher"),
		"content/articles/swim.cy.md":    article("Nofio"),
	})
	var diags diag.List
	c := Load(os.DirFS(dir), Options{Lang: "cy"}, &diags)
	want := []string{
		`content/articles/swim.cy.md: swim.cy.md translates swim.md, which does not exist; a translation sits beside its original: add swim.md, or rename this file`,
		`content/articles/walking.en.md: walking.en.md is named as a translation into en, which is the site's default language; rename it to walking.md`,
		`content/articles/walking.fr.md: walking.fr.md is named as a translation into "fr", which the site does not publish (languages: en, cy); add fr to "languages:" in site.yaml, or rename the file`,
		`content/site.yaml:4:12: language: "cy" is not the first of languages: (en, cy); remove "language:"; the first of "languages:" is the default`,
		`content/site.yaml:4:21: languages: "en" is listed twice; remove one of them`,
		`content/site.yaml:4:25: languages: "wales" is not a language tag; use a language tag such as en, cy or pt-BR`,
	}
	var got []string
	for _, d := range diags.Sorted() {
		got = append(got, d.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c.Site.Language != "en" || len(c.Articles) != 1 || c.Articles[0].Title != "Walking" {
		t.Errorf("site %q, articles %v", c.Site.Language, c.Articles)
	}

	// A site of one language names no translation.
	dir = writeFiles(t, map[string]string{
		"content/site.yaml":              "title: T\ndescription: D\n",
		"content/articles/walking.md":    article("Walking"),
		"content/articles/walking.cy.md": article("Cerdded"),
	})
	diags = diag.List{}
	Load(os.DirFS(dir), Options{}, &diags)
	if s := diags.Sorted(); len(s) != 1 || !strings.Contains(s[0].String(), `walking.cy.md is named as a translation into "cy", which the site does not publish (languages: en)`) {
		t.Errorf("one language: %v", s)
	}
}
