package rebuild

import (
	"fmt"
	"guidepost/generator/internal/site"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"slices"
	"strings"
	"testing"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/templates"
)

// The tests of this file edit every input a page may read, one at a time, and compare the
// dev rebuild with a cold build after each edit. The lists of inputs are not written here:
// the front matter and site.yaml keys are those the parsers offer editors (the "allowed
// keys" of their error for an unknown key), the templates are the files of the built-in
// theme. A key or template that lands later is edited too, or the test fails asking for a
// value to write.

// allowedKeys returns the keys a parser lists when told of an unknown key.
func allowedKeys(t *testing.T, what string, parse func(*diag.List)) []string {
	t.Helper()
	var diags diag.List
	parse(&diags)
	for _, d := range diags.Sorted() {
		if keys, ok := strings.CutPrefix(d.Hint, "allowed keys: "); ok {
			return strings.Split(keys, ", ")
		}
	}
	t.Fatalf("%s: no \"allowed keys\" hint for an unknown key:\n%s", what, diagText(&diags))
	return nil
}

// frontMatterKeys returns every key of an article's front matter.
func frontMatterKeys(t *testing.T) []string {
	return allowedKeys(t, "front matter", func(d *diag.List) {
		content.ParseArticle("content/articles/x.md", []byte("---\ntitle: X\nqqqqqqqqqqqq: 1\n---\nText.\n"), d)
	})
}

// siteKeys returns every key of site.yaml.
func siteKeys(t *testing.T) []string {
	return allowedKeys(t, "site.yaml", func(d *diag.List) {
		content.ParseSite([]byte("title: X\ndescription: Y\nqqqqqqqqqqqq: 1\n"), d)
	})
}

// frontMatterValues gives, for each front matter key, values an editor may write (as YAML),
// the n-th for the n-th edit. Some make errors on purpose: the dev rebuild must report
// them as the cold build does.
var frontMatterValues = map[string][]string{
	"title":       {"Walking again", "Sleep, better", `"Rest: why"`},
	"description": {"How to start.", "What helps.", `""`},
	"slug":        {"walking-again", "a0", "Not A Slug"},
	"date":        {"2026-01-15", "2025-06-30", "2026-13-01"},
	"reviewed":    {"2026-09-30", "2024-01-01", "yesterday"},
	"draft":       {"true", "false", "maybe"},
	"tags":        {"[rest, walking]", "[sleep]", "[Not a tag]"},
	"weight":      {"3", "0", "heavy"},
	"sources":     {`["A study, *Journal*. 2024."]`, `["See [a0](a0.md)."]`, "[]"},
}

// siteValues is frontMatterValues for site.yaml.
var siteValues = map[string][]string{
	"title":        {"Another site", "Guidance"},
	"description":  {"Other words.", "Help for everyone."},
	"base_url":     {"https://example.com/", `""`, "not a URL"},
	"language":     {"cy", "pt-BR", "not a language"},
	"maps":         {"false", "true"},
	"search":       {"true", "false"},
	"review_after": {"6mo", "1y", "soon"},
	"raw_html":     {"escape", "sanitize", "strip"},
	"notice":       {`"In an emergency, call 999. See [part two](articles/a0.md#part-two)."`, `"**Note:** [a link](articles/missing.md)"`, `""`},
	"organisation": {"Example Health Board", `""`},
	"languages":    {"[en, cy]", "[en, cy, ar]", "[en, en]", "[en]"},
	"footer_links": {"[{label: Accessibility, href: a1.md}]", "[{label: Contact, href: 'mailto:help@example.org'}, {label: Privacy, href: a0.md}]", "[{label: Broken, href: nowhere.md}]"},
}

// coverSite is a site with every kind of input: articles with every front matter key, a
// picture in a page bundle and in content/media, a format 1 and a format 2 questionnaire
// (rules, sections, an action naming an article).
func coverSite(t *testing.T) incSite {
	r := rand.New(rand.NewPCG(4, 13))
	s := newIncSite(t, r, 6)
	s.write("content/articles/a0.md", "---\ntitle: Zero\ndescription: The first.\nslug: a0\ndate: 2026-01-15\nreviewed: 2026-09-30\n"+
		"draft: false\ntags: [rest]\nweight: 1\nsources: [\"A study. 2024.\"]\n---\n\n## Part two\n\n![A walk](walk.png) and ![a note](../media/pic.png).\n")
	s.write("content/articles/walk.png", "\x89PNG a picture\n")
	s.write("content/media/pic.png", "\x89PNG another\n")
	s.write("content/questionnaires/fever.yaml", coverQuestionnaire2)
	return s
}

const coverQuestionnaire2 = `title: A fever check
description: Format 2, with rules and sections.
start: age
nodes:
  age:
    question: How old?
    answers:
      - label: Baby
        next: temp
      - label: Older
        next: temp
  temp:
    question: Hot?
    answers:
      - label: "Yes"
        next:
          - if: age = baby
            go: call
          - go: home
      - label: "No"
        next: home
  call:
    outcome: Call now
    level: emergency
    body: Call for help.
    action:
      label: Read first
      href: ../articles/a1.md
  home:
    outcome: Stay home
    body: Drink water.
    articles: [a2]
    sections:
      - if: temp = yes
        body: Keep cool.
`

// setKey returns the article src with key set to value in its front matter (added when
// missing).
func setKey(src, key, value string) string {
	head, body, ok := strings.Cut(strings.TrimPrefix(src, "---\n"), "\n---\n")
	if !ok {
		return src
	}
	return "---\n" + setLine(head, key, value) + "\n---\n" + body
}

// setLine returns the YAML mapping src, one key a line, with key set to value.
func setLine(src, key, value string) string {
	var lines []string
	set := false
	for _, l := range strings.Split(strings.TrimSuffix(src, "\n"), "\n") {
		if k, _, _ := strings.Cut(l, ":"); k == key {
			l, set = key+": "+value, true
		}
		lines = append(lines, l)
	}
	if !set {
		lines = append(lines, key+": "+value)
	}
	return strings.Join(lines, "\n")
}

// TestIncrementalEveryFrontMatterKey edits each front matter key of an article, as a
// watcher reports it, and compares with a cold build.
func TestIncrementalEveryFrontMatterKey(t *testing.T) {
	s := coverSite(t)
	inc := NewIncremental(os.DirFS(s.dir), incOptions())
	compareBuilds(t, "first build", s.dir, inc)
	for _, key := range frontMatterKeys(t) {
		values, ok := frontMatterValues[key]
		if !ok {
			t.Errorf("front matter key %q has no values in frontMatterValues: add some, so that dev rebuilds are tested against it", key)
			continue
		}
		for _, p := range []string{"content/articles/a0.md", "content/articles/a3.md"} {
			orig := s.files()[p]
			for _, v := range values {
				s.write(p, setKey(orig, key, v))
				compareChanged(t, fmt.Sprintf("%s: %s: %s", p, key, v), s.dir, inc, []string{p})
			}
			s.write(p, orig)
			compareChanged(t, fmt.Sprintf("%s: %s as it was", p, key), s.dir, inc, []string{p})
		}
	}
}

// TestIncrementalEverySiteKey edits each key of site.yaml.
func TestIncrementalEverySiteKey(t *testing.T) {
	s := coverSite(t)
	inc := NewIncremental(os.DirFS(s.dir), incOptions())
	compareBuilds(t, "first build", s.dir, inc)
	orig := s.files()[content.SiteFile]
	for _, key := range siteKeys(t) {
		values, ok := siteValues[key]
		if !ok {
			t.Errorf("site.yaml key %q has no values in siteValues: add some, so that dev rebuilds are tested against it", key)
			continue
		}
		for _, v := range values {
			s.write(content.SiteFile, setLine(orig, key, v)+"\n")
			compareChanged(t, fmt.Sprintf("site.yaml: %s: %s", key, v), s.dir, inc, []string{content.SiteFile})
		}
		s.write(content.SiteFile, orig)
		compareChanged(t, fmt.Sprintf("site.yaml: %s as it was", key), s.dir, inc, []string{content.SiteFile})
	}
}

// themeFiles lists the files of the built-in theme.
func themeFiles(t *testing.T) []string {
	t.Helper()
	var names []string
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && path.Ext(p) != ".go" {
			names = append(names, p)
		}
		return err
	})
	if err != nil || len(names) == 0 {
		t.Fatalf("listing the theme: %v", err)
	}
	return names
}

// visibleEdit returns the theme file name as a site may override it, changed so that what
// it renders changes.
func visibleEdit(t *testing.T, name string, n int) string {
	data, err := fs.ReadFile(templates.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	switch path.Ext(name) {
	case ".html":
		// Text inside the first template each file defines, or at its start.
		if i := strings.Index(src, "}}"); i >= 0 && strings.HasPrefix(strings.TrimSpace(src), "{{define") {
			return src[:i+2] + fmt.Sprintf("<span hidden>edit %d</span>", n) + src[i+2:]
		}
		return fmt.Sprintf("<span hidden>edit %d</span>", n) + src
	case ".css", ".js":
		return src + fmt.Sprintf("\n/* edit %d */\n", n)
	}
	return src + fmt.Sprintf("\n<!-- edit %d -->\n", n)
}

// TestIncrementalEveryTemplate overrides each file of the theme in the site's templates/,
// changes the override, then removes it.
func TestIncrementalEveryTemplate(t *testing.T) {
	s := coverSite(t)
	s.write(content.SiteFile, "title: Test site\ndescription: A site for tests.\nbase_url: https://example.org/\nsearch: true\n")
	inc := NewIncremental(os.DirFS(s.dir), incOptions())
	compareBuilds(t, "first build", s.dir, inc)
	for _, name := range themeFiles(t) {
		p := "templates/" + name
		for n := range 2 {
			s.write(p, visibleEdit(t, name, n))
			compareChanged(t, fmt.Sprintf("%s, edit %d", p, n), s.dir, inc, []string{p})
		}
		s.remove(p)
		compareChanged(t, p+" removed", s.dir, inc, []string{p})
	}
}

// TestIncrementalMediaAndQuestionnaires edits media files, format 2 questionnaire nodes,
// rules and sections, and renames and deletes files of each kind.
func TestIncrementalMediaAndQuestionnaires(t *testing.T) {
	s := coverSite(t)
	inc := NewIncremental(os.DirFS(s.dir), incOptions())
	compareBuilds(t, "first build", s.dir, inc)
	questionnaire := "content/questionnaires/fever.yaml"
	edits := []struct {
		name string
		do   func() []string
	}{
		{"a media file's bytes", func() []string {
			s.write("content/media/pic.png", "\x89PNG changed\n")
			return []string{"content/media/pic.png"}
		}},
		{"a bundle picture's bytes", func() []string {
			s.write("content/articles/walk.png", "\x89PNG changed too\n")
			return []string{"content/articles/walk.png"}
		}},
		{"a new media file", func() []string {
			s.write("content/media/new.txt", "new\n")
			return []string{"content/media/new.txt"}
		}},
		{"a media file an article shows, removed", func() []string {
			s.remove("content/media/pic.png")
			return []string{"content/media/pic.png"}
		}},
		{"a bundle picture renamed", func() []string {
			s.rename("content/articles/walk.png", "content/articles/stroll.png")
			return []string{"content/articles/walk.png", "content/articles/stroll.png"}
		}},
		{"a question's text", func() []string {
			s.write(questionnaire, strings.Replace(coverQuestionnaire2, "question: Hot?", "question: Is it hot?", 1))
			return []string{questionnaire}
		}},
		{"a rule", func() []string {
			s.write(questionnaire, strings.Replace(coverQuestionnaire2, "if: age = baby", "if: age = older", 1))
			return []string{questionnaire}
		}},
		{"a section", func() []string {
			s.write(questionnaire, strings.Replace(coverQuestionnaire2, "body: Keep cool.", "body: Keep cool, see [a0](../articles/a0.md#part-two).", 1))
			return []string{questionnaire}
		}},
		{"a section's condition", func() []string {
			s.write(questionnaire, strings.Replace(coverQuestionnaire2, "if: temp = yes", "if: age = baby", 1))
			return []string{questionnaire}
		}},
		{"a new node", func() []string {
			s.write(questionnaire, strings.Replace(coverQuestionnaire2, "        next: home\n  call:", "        next: rest\n  rest:\n    outcome: Rest\n    body: Lie down.\n    articles: [a1]\n  call:", 1))
			return []string{questionnaire}
		}},
		{"an action's article", func() []string {
			s.write(questionnaire, strings.Replace(coverQuestionnaire2, "href: ../articles/a1.md", "href: ../articles/a2.md", 1))
			return []string{questionnaire}
		}},
		{"the article an action names, renamed", func() []string {
			s.rename("content/articles/a2.md", "content/articles/two.md")
			return []string{"content/articles/a2.md", "content/articles/two.md"}
		}},
		{"a broken rule", func() []string {
			s.write(questionnaire, strings.Replace(coverQuestionnaire2, "if: age = baby", "if: age = nobody", 1))
			return []string{questionnaire}
		}},
		{"the questionnaire renamed", func() []string {
			s.rename(questionnaire, "content/questionnaires/fever-check.yaml")
			return []string{questionnaire, "content/questionnaires/fever-check.yaml"}
		}},
		{"the questionnaire removed", func() []string {
			s.remove("content/questionnaires/fever-check.yaml")
			return []string{"content/questionnaires/fever-check.yaml"}
		}},
		{"a notice linking to an article", func() []string {
			s.write(content.SiteFile, "title: Test site\ndescription: A site for tests.\nnotice: See [a3](articles/a3.md).\nfooter_links: [{label: Four, href: a4.md}]\n")
			return []string{content.SiteFile}
		}},
		{"the article the notice links to, renamed", func() []string {
			s.rename("content/articles/a3.md", "content/articles/three.md")
			return []string{"content/articles/a3.md", "content/articles/three.md"}
		}},
		{"the article a footer link names, renamed", func() []string {
			s.rename("content/articles/a4.md", "content/articles/four.md")
			return []string{"content/articles/a4.md", "content/articles/four.md"}
		}},
		{"an article removed", func() []string {
			s.remove("content/articles/a1.md")
			return []string{"content/articles/a1.md"}
		}},
	}
	for _, e := range edits {
		changed := e.do()
		slices.Sort(changed)
		compareChanged(t, e.name, s.dir, inc, changed)
	}
}

// TestQuickSitemapAfterDate: a quick rebuild after an article's date or review date
// changed writes the sitemap again, whose lastmod shows them.
func TestQuickSitemapAfterDate(t *testing.T) {
	s := coverSite(t)
	inc := NewIncremental(os.DirFS(s.dir), incOptions())
	compareBuilds(t, "first build", s.dir, inc)
	// a0 has both dates (lastmod is the review's); a3 has none.
	for _, edit := range [][3]string{{"content/articles/a0.md", "reviewed", "2026-10-01"}, {"content/articles/a3.md", "date", "2026-02-01"}} {
		p, edit := edit[0], edit[1:]
		s.write(p, setKey(s.files()[p], edit[0], edit[1]))
		var out site.Memory
		if _, stats := inc.BuildNamed(&out, []string{p}); !stats.Quick {
			t.Fatalf("%s edit: not a quick build", edit[0])
		}
		if m := string(out.Files()["sitemap.xml"]); !strings.Contains(m, "<lastmod>"+edit[1]+"</lastmod>") {
			t.Errorf("%s edit: the sitemap does not show %s:\n%s", edit[0], edit[1], m)
		}
		compareBuilds(t, edit[0]+" edit, then a cold build", s.dir, inc)
	}
}
