package rebuild

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"guidepost/generator/internal/site"
)

// TestQuickMoves checks the quick build after articles are added, removed and renamed
// and after a questionnaire edit (moves.go): each build, told what changed as a watcher tells it, must equal a cold build,
// and those a quick build follows must be quick. The site has 200 articles, one page of the
// A to Z: the 201st adds a second page, and removing it takes that page away.
func TestQuickMoves(t *testing.T) {
	offline := incOptions()
	offline.Offline, offline.Drafts, offline.Scripts = true, false, nil
	const settings = "title: Test site\ndescription: A site for tests.\nbase_url: https://example.org/guides/\n"
	for _, tt := range []struct {
		name     string
		opts     site.Options
		settings string
	}{
		{"dev", incOptions(), settings},
		{"offline", offline, settings},
		{"search", incOptions(), settings + "search: true\n"},
		{"offline search", offline, settings + "search: true\n"},
		{"review", incOptions(), settings + "review_after: 6mo\n"},
	} {
		t.Run(tt.name, func(t *testing.T) { quickMoves(t, tt.opts, tt.settings) })
	}
}

func quickMoves(t *testing.T, opts site.Options, settings string) {
	s := incSite{t, t.TempDir()}
	s.write("content/site.yaml", settings)
	for i := range 200 {
		a := incArticle{title: fmt.Sprintf("Article %03d", i), tags: []string{incTags[i%len(incTags)], incTags[(i/5)%len(incTags)]},
			body: fmt.Sprintf("See [the next](a%d.md) and [a part](a%d.md#part-two).\n\n## Part two\n\nWords.\n", i+1, (i+2)%200), reviewed: "2026-09-01"}
		switch i % 8 { // with "review_after: 6mo", a warning for each of these
		case 5:
			a.reviewed = "2024-01-01"
		case 6:
			a.reviewed = ""
		}
		if i == 3 {
			a.body += "\nSee [one to come](new1.md) and [its part](new1.md#part-two).\n"
		}
		s.write(fmt.Sprintf("content/articles/a%d.md", i), a.String())
	}
	s.write("content/questionnaires/check.yaml", fmt.Sprintf(incQuestionnaire, "a1, a2"))
	inc := NewIncremental(os.DirFS(s.dir), opts)
	compareBuilds(t, "first build", s.dir, inc)

	fresh := func(title, tag string) string {
		return incArticle{title: title, tags: []string{tag}, body: "Text.\n\n## Part two\n\nMore.\n"}.String()
	}
	for _, step := range []struct {
		what    string
		do      func() []string // returns the files changed
		isQuick bool
	}{
		{"a new article others link to, the 201st", func() []string {
			s.write("content/articles/new1.md", fresh("Aardvark care", "rest"))
			return []string{"content/articles/new1.md"}
		}, true},
		{"that article deleted", func() []string {
			s.remove("content/articles/new1.md")
			return []string{"content/articles/new1.md"}
		}, true},
		{"an article deleted that others link to", func() []string {
			s.remove("content/articles/a5.md")
			return []string{"content/articles/a5.md"}
		}, true},
		{"an article's body given a link to another (a quick build's page looks it up)", func() []string {
			a := incArticle{title: "Article 040", tags: []string{"rest"}, reviewed: "2026-09-01", body: "See [twelve](a12.md).\n\n## Part two\n\nMore.\n"}
			s.write("content/articles/a40.md", a.String())
			return []string{"content/articles/a40.md"}
		}, true},
		{"the article it links to deleted", func() []string {
			s.remove("content/articles/a12.md")
			return []string{"content/articles/a12.md"}
		}, true},
		{"and back", func() []string {
			s.write("content/articles/a12.md", fresh("Article 012", "rest"))
			return []string{"content/articles/a12.md"}
		}, true},
		{"an article renamed", func() []string {
			s.rename("content/articles/a6.md", "content/articles/b6.md")
			return []string{"content/articles/a6.md", "content/articles/b6.md"}
		}, true},
		{"a new article in a folder", func() []string {
			s.write("content/articles/more/zebra.md", fresh("Zebra crossings", "walking"))
			return []string{"content/articles/more/zebra.md"}
		}, true},
		{"an article a questionnaire recommends, moved into a folder (its slug kept)", func() []string {
			s.rename("content/articles/a2.md", "content/articles/more/a2.md")
			return []string{"content/articles/a2.md", "content/articles/more/a2.md"}
		}, true},
		{"that article moved back, retitled", func() []string {
			s.remove("content/articles/more/a2.md")
			s.write("content/articles/a2.md", fresh("Article 002, moved", "walking"))
			return []string{"content/articles/a2.md", "content/articles/more/a2.md"}
		}, true},
		{"an article a questionnaire recommends, renamed (its slug changed)", func() []string {
			s.rename("content/articles/a2.md", "content/articles/a2b.md")
			return []string{"content/articles/a2.md", "content/articles/a2b.md"}
		}, false},
		{"and back", func() []string {
			s.rename("content/articles/a2b.md", "content/articles/a2.md")
			return []string{"content/articles/a2.md", "content/articles/a2b.md"}
		}, false}, // the questionnaire's error goes: a whole build
		{"a new draft", func() []string {
			s.write("content/articles/draft.md", incArticle{title: "Drafted", tags: []string{"yoga"}, body: "Soon.", draft: true}.String())
			return []string{"content/articles/draft.md"}
		}, opts.Drafts},
		{"a new article with a new tag", func() []string {
			s.write("content/articles/new2.md", fresh("Something new", "brand-new"))
			return []string{"content/articles/new2.md"}
		}, true},
		{"an article renamed, keeping the new tag", func() []string {
			s.rename("content/articles/new2.md", "content/articles/new3.md")
			return []string{"content/articles/new2.md", "content/articles/new3.md"}
		}, true},
		{"the last article of a tag deleted", func() []string {
			s.remove("content/articles/new3.md")
			return []string{"content/articles/new3.md"}
		}, true},
		{"a new article with a new tag, back", func() []string {
			s.write("content/articles/new2.md", fresh("Something new", "brand-new"))
			return []string{"content/articles/new2.md"}
		}, true},
		{"an article's tags edited to a new one (its old tag keeps other articles)", func() []string {
			a := incArticle{title: "Article 007", tags: []string{"unheard-of"}, reviewed: "2026-09-01", body: "Text.\n\n## Part two\n\nMore.\n"}
			s.write("content/articles/a7.md", a.String())
			return []string{"content/articles/a7.md"}
		}, true},
		{"its tags edited back, the new one emptied", func() []string {
			a := incArticle{title: "Article 007", tags: []string{"rest"}, reviewed: "2026-09-01", body: "Text.\n\n## Part two\n\nMore.\n"}
			s.write("content/articles/a7.md", a.String())
			return []string{"content/articles/a7.md"}
		}, true},
		{"an article given two new tags, retitled", func() []string {
			a := incArticle{title: "Zz article 009", tags: []string{"novel", "unheard-of"}, reviewed: "2026-09-01", body: "Text.\n\n## Part two\n\nMore.\n"}
			s.write("content/articles/a9.md", a.String())
			return []string{"content/articles/a9.md"}
		}, true},
		{"another article takes one of them", func() []string {
			a := incArticle{title: "Article 010", tags: []string{"novel"}, reviewed: "2026-09-01", body: "Text.\n\n## Part two\n\nMore.\n"}
			s.write("content/articles/a10.md", a.String())
			return []string{"content/articles/a10.md"}
		}, true},
		{"the first gives both up, one keeping the other article", func() []string {
			a := incArticle{title: "Article 009", tags: []string{"rest"}, reviewed: "2026-09-01", body: "Text.\n\n## Part two\n\nMore.\n"}
			s.write("content/articles/a9.md", a.String())
			return []string{"content/articles/a9.md"}
		}, true},
		{"two articles saved at once, one emptying a tag and the other bringing one", func() []string {
			s.write("content/articles/a10.md", incArticle{title: "Article 010", tags: []string{"walking"}, reviewed: "2026-09-01", body: "Text.\n\n## Part two\n\nMore.\n"}.String())
			s.write("content/articles/a11.md", incArticle{title: "Article 011", tags: []string{"rest", "fresh-tag"}, reviewed: "2026-09-01", body: "Text.\n\n## Part two\n\nMore.\n"}.String())
			return []string{"content/articles/a10.md", "content/articles/a11.md"}
		}, true},
		{"an article a questionnaire recommends, deleted", func() []string {
			s.remove("content/articles/a1.md")
			return []string{"content/articles/a1.md"}
		}, false},
		{"a new article with a broken front matter", func() []string {
			s.write("content/articles/broken.md", "---\ntitle: [\n---\nText.\n")
			return []string{"content/articles/broken.md"}
		}, false},
		{"the broken article deleted", func() []string {
			s.remove("content/articles/broken.md")
			return []string{"content/articles/broken.md"}
		}, false},
		{"the article the questionnaire recommends, back", func() []string {
			s.write("content/articles/a1.md", fresh("Article 001", "rest"))
			return []string{"content/articles/a1.md"}
		}, false}, // the questionnaire's error goes: a whole build
		{"an article added again after a whole build", func() []string {
			s.write("content/articles/new1.md", fresh("Aardvark care", "rest"))
			return []string{"content/articles/new1.md"}
		}, true},
		{"a questionnaire's text", func() []string {
			s.write("content/questionnaires/check.yaml", strings.Replace(fmt.Sprintf(incQuestionnaire, "a1, a2"), "Ready?", "Ready now?", 1))
			return []string{"content/questionnaires/check.yaml"}
		}, opts.Drafts}, // drafts hidden: a whole build
		{"a questionnaire's title and recommendations", func() []string {
			q := strings.Replace(fmt.Sprintf(incQuestionnaire, "a3, new1"), "title: A check", "title: Another check", 1)
			s.write("content/questionnaires/check.yaml", q)
			return []string{"content/questionnaires/check.yaml"}
		}, opts.Drafts}, // drafts hidden: a whole build
		{"a questionnaire's node gone", func() []string {
			q := fmt.Sprintf(incQuestionnaire, "a3")
			q = strings.Replace(q, "next: later", "next: done", 1)
			q = q[:strings.Index(q, "  later:")]
			s.write("content/questionnaires/check.yaml", q)
			return []string{"content/questionnaires/check.yaml"}
		}, opts.Drafts}, // drafts hidden: a whole build
		{"a questionnaire's node back", func() []string {
			s.write("content/questionnaires/check.yaml", fmt.Sprintf(incQuestionnaire, "a3"))
			return []string{"content/questionnaires/check.yaml"}
		}, opts.Drafts}, // drafts hidden: a whole build
		{"a questionnaire recommending an article that is not there", func() []string {
			s.write("content/questionnaires/check.yaml", fmt.Sprintf(incQuestionnaire, "nothing-here"))
			return []string{"content/questionnaires/check.yaml"}
		}, false},
		{"the questionnaire put right", func() []string {
			s.write("content/questionnaires/check.yaml", fmt.Sprintf(incQuestionnaire, "a3"))
			return []string{"content/questionnaires/check.yaml"}
		}, false},
	} {
		changed := step.do()
		// The site has errors at times (links to articles to come), but no two articles
		// with one slug: the files compare byte for byte all the same.
		stats := compareBytes(t, step.what, s.dir, inc, func(out site.Output) (site.Result, Stats) { return inc.BuildNamed(out, changed) }, true)
		if stats.Quick && inc.last != nil && inc.links != targets(inc.last.b) {
			t.Errorf("%s: the quick build left the fingerprint of the links' targets out of date", step.what)
		}
		if stats.Quick != step.isQuick {
			t.Errorf("%s: quick %v, want %v (rendered %q)", step.what, stats.Quick, step.isQuick, stats.Rendered)
		}
	}
}

// TestQuickMovesShiftTheAZ: on a site whose A to Z has three pages, articles added, removed,
// renamed and retitled shift the later pages by an entry, and move a page's first or last
// letter (its label in every page's pagination) or not: every quick build equals a cold
// one, whether a page's pagination is one kept from an earlier build or not.
func TestQuickMovesShiftTheAZ(t *testing.T) {
	s := incSite{t, t.TempDir()}
	s.write("content/site.yaml", "title: Test site\ndescription: A site for tests.\nbase_url: https://example.org/\n")
	for i := range 430 {
		// Titles spread over the alphabet, 16 or 17 articles a letter: pages end mid-letter.
		a := incArticle{title: fmt.Sprintf("%c topic %03d", 'A'+i%26, i), tags: []string{incTags[i%len(incTags)]}, body: "Words.\n"}
		s.write(fmt.Sprintf("content/articles/t%d.md", i), a.String())
	}
	inc := NewIncremental(os.DirFS(s.dir), incOptions())
	compareBuilds(t, "first build", s.dir, inc)
	fresh := func(title string) string {
		return incArticle{title: title, tags: []string{"rest"}, body: "Text.\n"}.String()
	}
	for _, step := range []struct {
		what string
		do   func() []string
	}{
		{"an article first in the A to Z: every page shifts", func() []string {
			s.write("content/articles/first.md", fresh("Aardvark care"))
			return []string{"content/articles/first.md"}
		}},
		{"another, which moves the first page's last letter", func() []string {
			s.write("content/articles/second.md", fresh("Abacus lessons"))
			return []string{"content/articles/second.md"}
		}},
		{"the first one deleted", func() []string {
			s.remove("content/articles/first.md")
			return []string{"content/articles/first.md"}
		}},
		{"an article on the last page", func() []string {
			s.write("content/articles/zed.md", fresh("Zzz, sleeping well"))
			return []string{"content/articles/zed.md"}
		}},
		{"the second one renamed", func() []string {
			s.rename("content/articles/second.md", "content/articles/abacus.md")
			return []string{"content/articles/second.md", "content/articles/abacus.md"}
		}},
		{"an article retitled from the first page to the last", func() []string {
			s.write("content/articles/t0.md", incArticle{title: "Zebra topic 000", tags: []string{incTags[0]}, body: "Words.\n"}.String())
			return []string{"content/articles/t0.md"}
		}},
		{"and back", func() []string {
			s.write("content/articles/t0.md", incArticle{title: "A topic 000", tags: []string{incTags[0]}, body: "Words.\n"}.String())
			return []string{"content/articles/t0.md"}
		}},
		{"the article on the last page deleted", func() []string {
			s.remove("content/articles/zed.md")
			return []string{"content/articles/zed.md"}
		}},
	} {
		if stats := compareChanged(t, step.what, s.dir, inc, step.do()); !stats.Quick {
			t.Errorf("%s: not quick (rendered %q)", step.what, stats.Rendered)
		}
	}
}
