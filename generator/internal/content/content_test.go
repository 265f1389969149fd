package content

import (
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"guidepost/generator/internal/diag"
)

func diagStrings(l *diag.List) string {
	var out []string
	for _, d := range l.Sorted() {
		out = append(out, d.String())
	}
	return strings.Join(out, "\n")
}

// TestArticleErrors pins the message, line and column of every kind of front matter error.
func TestArticleErrors(t *testing.T) {
	const p = "content/articles/rest.md"
	tests := []struct {
		name, src, want string
	}{
		{"unknown key", "---\ntitle: Rest\ndescription: D.\ntitel: x\n---\nBody\n",
			p + `:4:1: unknown key "titel" in front matter; did you mean "title"?`},
		{"missing required", "---\ndescription: D.\n---\nBody\n",
			p + `:2:1: front matter: missing required key "title"; add a line "title: ..."`},
		{"missing description", "---\ntitle: Rest\n---\nBody\n",
			p + `:2:1: warning: front matter has no "description"; the body's first sentence stands in for it: "Body"; add a line "description: ..." with one sentence for listings and search results`},
		{"bad date", "---\ntitle: Rest\ndescription: D.\nreviewed: 2026-13-01\n---\n",
			p + `:4:11: reviewed: "2026-13-01" is not a valid date; write the date as YYYY-MM-DD, for example 2026-03-31`},
		{"wrong type", "---\ntitle: Rest\ndescription: D.\nweight: heavy\ndraft: maybe\ntags: exercise\n---\n",
			p + `:4:9: weight must be a whole number, not "heavy"; write a number such as 10` + "\n" +
				p + `:5:8: draft must be true or false, not "maybe"; write true or false` + "\n" +
				p + `:6:7: tags must be a list; write it as a list: tags: [a, b] or one "- item" a line`},
		{"title a list", "---\ntitle: [a]\ndescription: D.\n---\n",
			p + `:2:8: title must be text, not a list`},
		{"duplicate key", "---\ntitle: A\ntitle: B\ndescription: D.\n---\n",
			p + `:3:1: duplicate key "title" (first at line 2); remove one of them`},
		{"bad tag", "---\ntitle: A\ndescription: D.\ntags: [Low Impact]\n---\n",
			p + `:4:8: tag "Low Impact" must be lower-case words joined by hyphens; write it as "low-impact"`},
		{"bad slug", "---\ntitle: A\ndescription: D.\nslug: Bad Slug\n---\n",
			p + `:4:7: slug "Bad Slug" must be lower-case words joined by hyphens; write it as "bad-slug"`},
		{"invalid yaml", "---\ntitle: A\ndescription: [D.\n---\n",
			p + `:3:14: invalid YAML: sequence end token ']' not found; check the indentation of this line and the one before it, and quote text that holds , : # [ or ] ("like this")`},
		{"no front matter", "# Just a body\n",
			p + `:1:1: article has no front matter; start the file with a --- line, then "title:" and "description:", then a --- line`},
		{"not closed", "---\ntitle: A\n",
			p + `:1:1: front matter is not closed; add a line --- after the last key`},
		{"blank lines first", "\n\n---\ntitle: A\ndescription: D.\nsorce: x\n---\n",
			p + `:6:1: unknown key "sorce" in front matter; did you mean "sources"?`},
		{"toml", "+++\ntitle = \"A\"\ndescription = \"D.\"\nweigth = 3\n+++\nBody\n",
			p + `:4:1: unknown key "weigth" in front matter; did you mean "weight"?`},
		{"toml syntax", "+++\ntitle = \"A\n+++\n",
			p + `:2:11: invalid TOML: strings cannot contain newlines`},
		{"all at once", "---\ntitle:\ndescription: D.\ndate: yesterday\nfoo: 1\n---\n",
			p + `:2:1: title is empty; give it a value or remove the line` + "\n" +
				p + `:4:7: date: "yesterday" is not a valid date; write the date as YYYY-MM-DD, for example 2026-03-31` + "\n" +
				p + `:5:1: unknown key "foo" in front matter; allowed keys: title, description, slug, date, reviewed, draft, tags, weight, sources`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			ParseArticle(p, []byte(tt.src), &diags)
			if got := diagStrings(&diags); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestArticleFields(t *testing.T) {
	var diags diag.List
	src := "\ufeff---\ntitle: Rest days\ndescription: When to rest.\ndate: 2026-01-02\nreviewed: 2026-03-04\ndraft: true\ntags: [rest, home-care, rest]\nweight: -2\nsources:\n  - \"A *book*.\"\n---\n\nBody line\n"
	a := ParseArticle("content/articles/sub/rest-days.md", []byte(src), &diags)
	if diags.Errors() != 0 {
		t.Fatal(diagStrings(&diags))
	}
	if a.Slug != "rest-days" || a.Title != "Rest days" || !a.Draft || a.Weight != -2 ||
		a.Date.Format(time.DateOnly) != "2026-01-02" || a.Reviewed.Format(time.DateOnly) != "2026-03-04" ||
		strings.Join(a.Tags, ",") != "rest,home-care" || len(a.Sources) != 1 {
		t.Errorf("got %+v", a)
	}
	if a.BodyLine != 12 || string(a.Body) != "\nBody line\n" {
		t.Errorf("body starts at line %d: %q", a.BodyLine, a.Body)
	}
}

func TestSiteErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"title: T\ndescription: D\nbase_url: example.org\n",
			`content/site.yaml:3:11: base_url: "example.org" is not an absolute http or https URL; write an absolute URL such as https://example.org/guides/`},
		{"title: T\ndescription: D\nreview_after: soon\nlanguag: en\n",
			`content/site.yaml:3:15: review_after: "soon" is not a period; write a number and a unit: 30d, 6w, 12mo or 1y` + "\n" +
				`content/site.yaml:4:1: unknown key "languag" in site.yaml; did you mean "language"?`},
		{"description: D\n", `content/site.yaml:1:1: site.yaml: missing required key "title"; add a line "title: ..."`},
		{"", `content/site.yaml:1:1: site.yaml is empty; add at least "title:" and "description:"`},
		{"- a\n", `content/site.yaml:1:1: site.yaml must be a mapping of keys to values`},
	}
	for _, tt := range tests {
		var diags diag.List
		ParseSite([]byte(tt.src), &diags)
		if got := diagStrings(&diags); got != tt.want {
			t.Errorf("%q:\ngot  %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func TestLoad(t *testing.T) {
	art := func(extra string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: T\ndescription: D.\n" + extra + "---\nBody\n")}
	}
	fsys := fstest.MapFS{
		"content/site.yaml":               {Data: []byte("title: S\ndescription: D\nreview_after: 12mo\n")},
		"content/articles/a.md":           art("weight: 2\nreviewed: 2026-06-01\n"),
		"content/articles/b.md":           art("weight: 1\nreviewed: 2020-01-01\n"),
		"content/articles/sub/a.md":       art("reviewed: 2026-06-01\n"),
		"content/articles/draft.md":       art("draft: true\n"),
		"content/articles/.a.md.swp":      {Data: []byte("junk")},
		"content/articles/notes.txt":      {Data: []byte("published beside the articles")},
		"content/questionnaires/q.yaml":   {Data: []byte("x")},
		"content/questionnaires/q2.yml":   {Data: []byte("x")},
		"content/media/img/photo.jpg":     {Data: []byte("jpg")},
		"content/articles/Bad Name.md":    art("slug: fine\n"),
		"content/articles/Another Bad.md": art(""),
	}
	var diags diag.List
	c := Load(fsys, Options{Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)}, &diags)
	got := diagStrings(&diags)
	for _, line := range []string{
		`content/articles/Another Bad.md: the file name "Another Bad.md" does not make a valid slug`,
		`content/articles/b.md:1:1: warning: last reviewed 2020-01-01, more than 12mo ago`,
		`content/articles/sub/a.md:1:1: slug "a" is already used by content/articles/a.md`,
		`content/questionnaires/q2.yml: questionnaire files end in .yaml`,
		`content/articles/Another Bad.md:1:1: warning: no "reviewed:" date`,
	} {
		if !strings.Contains(got, line) {
			t.Errorf("missing %q in\n%s", line, got)
		}
	}
	if diags.Errors() != 3 {
		t.Errorf("%d errors, want 3:\n%s", diags.Errors(), got)
	}
	var slugs []string
	for _, a := range c.Articles {
		slugs = append(slugs, a.Slug)
	}
	// Weight first (0 before 1 before 2), then title (all "T"), then slug ("" for the
	// file whose name makes no slug).
	if got := strings.Join(slugs, " "); got != " a fine b a" {
		t.Errorf("listing order %q, want %q", got, " a fine b a")
	}
	if !c.Drafts["draft"] {
		t.Error("draft not recorded as left out")
	}
	if strings.Join(c.Questionnaires, ",") != "content/questionnaires/q.yaml" || strings.Join(c.Media, ",") != "content/articles/notes.txt,content/media/img/photo.jpg" {
		t.Errorf("questionnaires %v media %v", c.Questionnaires, c.Media)
	}
}

// TestLoadCached checks that an article Options.Cached gives is taken without reading its
// file, with what Cached reports, and that the other files are read and parsed.
func TestLoadCached(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.yaml":        {Data: []byte("title: S\ndescription: D\n")},
		"content/articles/kept.md": {Data: []byte("---\ntitle: [broken\n---\n")}, // read, this would be an error
		"content/articles/read.md": {Data: []byte("---\ntitle: Read\ndescription: D.\n---\nBody\n")},
	}
	var asked atomic.Int32 // Load asks from several goroutines
	var diags diag.List
	c := Load(fsys, Options{Cached: func(p string, diags *diag.List) *Article {
		asked.Add(1)
		if p != "content/articles/kept.md" {
			return nil
		}
		diags.Warnf(diag.Pos{Path: p, Line: 1, Col: 1}, "as reported before")
		return &Article{Path: p, Slug: "kept", Title: "Kept", Description: "D."}
	}}, &diags)
	if got, want := diagStrings(&diags), "content/articles/kept.md:1:1: warning: as reported before"; got != want {
		t.Errorf("diagnostics:\n%s\nwant\n%s", got, want)
	}
	var titles []string
	for _, a := range c.Articles {
		titles = append(titles, a.Title)
	}
	if got := strings.Join(titles, ", "); got != "Kept, Read" {
		t.Errorf("articles %q, want Kept, Read", got)
	}
	if n := asked.Load(); n != 2 {
		t.Errorf("Cached was asked about %d articles, want both", n)
	}
}
