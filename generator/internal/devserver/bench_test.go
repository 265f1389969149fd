package devserver

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"guidepost/generator/internal/corpus"
	"guidepost/templates"
)

// BenchmarkEditToReload measures what an editor waits for: from saving a file to the reload
// event reaching the browser and a page of the site (the article edited by the body, title
// and tag cases) coming back whole over HTTP, the watcher's quiet time included, on
// generated sites. Before the next edit it waits, untimed, until the server holds the whole
// build (see Server.Whole), so that each edit is measured alone. Each case is one kind of
// single-file edit:
//
//   - body: a sentence added to an article's body (its own page renders again);
//   - title: its title, moving it in the listing order and back (the home page, its tags'
//     pages, the sitemap and the pages listing it as related too);
//   - tag: one of its tags dropped and put back (those tags' pages, related articles);
//   - new, delete, rename: an article no other links to, added, removed, renamed;
//   - questionnaire: a question's text;
//   - template: the site's own 404.html, changed (the 404 page renders again);
//   - layout: the site's own base.html, which every page is rendered with (every page
//     renders again, its markdown taken from the last rendering).
//
// At 10,000 articles, search=on runs the same cases on the corpus with "search: true".
func BenchmarkEditToReload(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			editToReload(b, n, false)
			if n == 10000 {
				b.Run("search=on", func(b *testing.B) { editToReload(b, n, true) })
			}
		})
	}
}

// editToReload runs BenchmarkEditToReload's cases as sub-benchmarks of b on a corpus of n
// articles, with search turned on or left as the corpus has it. The corpus and its dev
// server are made when the first case runs (none when no case is chosen), and last until b
// ends.
func editToReload(b *testing.B, n int, search bool) {
	var dir, article, page string
	var original, questionnaire []byte
	var c *sseClient
	var d *dev
	start := func(cb *testing.B) {
		if c != nil {
			return
		}
		tb := cleanupOn{cb, b}
		dir = corpus.TempDir(tb, n)
		if search {
			corpus.WithSearch(tb, dir, true)
		}
		var name string
		name, original = corpus.EditTarget(tb, dir)
		article = filepath.Join(dir, filepath.FromSlash(name))
		var err error
		if questionnaire, err = os.ReadFile(filepath.Join(dir, "content/questionnaires/check.yaml")); err != nil {
			cb.Fatal(err)
		}
		page = "articles/" + strings.TrimSuffix(path.Base(name), ".md") + "/"
		d = startDevQuiet(tb, dir, DefaultQuiet)
		c = d.listen(tb)
		c.next(cb, "hello", nil)
		if resp, _ := d.get(cb, page); resp.StatusCode != http.StatusOK {
			cb.Fatalf("GET %s: %s", page, resp.Status)
		}
	}
	file := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	save := func(name string, data []byte) {
		if err := os.MkdirAll(filepath.Dir(file(name)), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(file(name), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	var added []string // articles the new case added, for delete and rename
	fresh := func(i int) string {
		name := fmt.Sprintf("content/articles/bench-new-%d.md", i)
		save(name, fmt.Appendf(nil, "---\ntitle: A new article %d\ndescription: Added by the benchmark.\ntags: [walking]\n---\n\nSome text.\n", i))
		added = append(added, name)
		return name
	}
	for _, edit := range []struct {
		name string
		do   func(b *testing.B, i int)
	}{
		{"body", func(b *testing.B, i int) {
			if err := os.WriteFile(article, fmt.Appendf(original, "\nEdit %d.\n", i), 0o644); err != nil {
				b.Fatal(err)
			}
		}},
		{"title", func(b *testing.B, i int) {
			if err := os.WriteFile(article, corpus.Retitle(original, i), 0o644); err != nil {
				b.Fatal(err)
			}
		}},
		{"tag", func(b *testing.B, i int) {
			data := original
			if i%2 == 1 {
				data = dropTag(original)
			}
			if err := os.WriteFile(article, data, 0o644); err != nil {
				b.Fatal(err)
			}
		}},
		{"new", func(b *testing.B, i int) { fresh(i) }},
		{"delete", func(b *testing.B, i int) {
			if len(added) == 0 {
				b.StopTimer()
				fresh(1_000_000 + i)
				c.next(b, "reload", nil)
				d.Whole()
				b.StartTimer()
			}
			last := added[len(added)-1]
			added = added[:len(added)-1]
			if err := os.Remove(file(last)); err != nil {
				b.Fatal(err)
			}
		}},
		{"rename", func(b *testing.B, i int) {
			if len(added) == 0 {
				b.StopTimer()
				fresh(2_000_000 + i)
				c.next(b, "reload", nil)
				d.Whole()
				b.StartTimer()
			}
			to := fmt.Sprintf("content/articles/bench-renamed-%d.md", i)
			if err := os.Rename(file(added[0]), file(to)); err != nil {
				b.Fatal(err)
			}
			added[0] = to
		}},
		{"questionnaire", func(b *testing.B, i int) {
			save("content/questionnaires/check.yaml", bytes.Replace(questionnaire, []byte("question: "), fmt.Appendf(nil, "question: (%d) ", i), 1))
		}},
		{"template", func(b *testing.B, i int) {
			page, err := templates.FS.ReadFile("404.html")
			if err != nil {
				b.Fatal(err)
			}
			// Visible text inside the first template the file defines: the site changes.
			at := bytes.Index(page, []byte("}}")) + 2
			save("templates/404.html", slices.Concat(page[:at], fmt.Appendf(nil, "<span hidden>%d</span>", i), page[at:]))
		}},
		{"layout", func(b *testing.B, i int) {
			page, err := templates.FS.ReadFile("base.html")
			if err != nil {
				b.Fatal(err)
			}
			save("templates/base.html", corpus.Relayout(page, i))
		}},
	} {
		b.Run("edit="+edit.name, func(b *testing.B) {
			start(b)
			i := 0
			for b.Loop() {
				i++
				edit.do(b, i)
				c.next(b, "reload", nil)
				if resp, body := d.get(b, page); resp.StatusCode != http.StatusOK || !strings.HasSuffix(body, "</html>\n") {
					b.Fatalf("GET %s: %s, %d bytes", page, resp.Status, len(body))
				}
				b.StopTimer()
				d.Whole()
				b.StartTimer()
			}
			b.ReportMetric(float64(DefaultQuiet.Milliseconds()), "quiet-ms")
		})
	}
}

// cleanupOn is the benchmark B but for Cleanup and TempDir, which are parent's: what it
// makes outlives B, for parent's other sub-benchmarks.
type cleanupOn struct {
	*testing.B
	parent *testing.B
}

func (c cleanupOn) Cleanup(f func()) { c.parent.Cleanup(f) }
func (c cleanupOn) TempDir() string  { return c.parent.TempDir() }

// dropTag returns the article src with the last of its tags left out.
func dropTag(src []byte) []byte {
	start := bytes.Index(src, []byte("tags: ["))
	if start < 0 {
		return src
	}
	end := start + bytes.IndexByte(src[start:], ']')
	if comma := bytes.LastIndexByte(src[start:end], ','); comma >= 0 {
		return append(bytes.Clone(src[:start+comma]), src[end:]...)
	}
	return src
}
