package rebuild

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"guidepost/templates"
)

// openCounter is the site folder, counting the files opened through it by path (a look at
// a file's size and time is not counted).
type openCounter struct {
	fs.FS
	mu     sync.Mutex
	opened map[string]int
}

func (c *openCounter) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opened[name]++
	c.mu.Unlock()
	return c.FS.Open(name)
}

// Stat looks at a file without opening it, as the site folder does.
func (c *openCounter) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

// articlesOpened returns the article files opened since the last call, sorted.
func (c *openCounter) articlesOpened() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var names []string
	for name := range c.opened {
		if strings.HasPrefix(name, "content/articles/") {
			names = append(names, name)
		}
	}
	clear(c.opened)
	slices.Sort(names)
	return names
}

// TestLayoutReadsNoArticle checks that a whole build after a template edit takes each
// article's body from its page's last rendering without opening its file, while the output
// equals a cold build's; that an article named with the edit is read and shown; and that
// an article whose bytes changed since its page was rendered is read again.
func TestLayoutReadsNoArticle(t *testing.T) {
	s := incSite{t, t.TempDir()}
	s.write("content/site.yaml", "title: Test site\ndescription: A site for tests.\n")
	s.write("content/articles/a0.md", incArticle{title: "Zero", tags: []string{"rest"}, body: "## Part two\n\nText with a [link](a1.md)."}.String())
	s.write("content/articles/a1.md", incArticle{title: "One", tags: []string{"rest"}, body: "See [part two](a0.md#part-two)."}.String())
	s.write("content/articles/a2.md", incArticle{title: "Two", tags: []string{"walking"}, body: "Body A."}.String())
	counter := &openCounter{FS: os.DirFS(s.dir), opened: make(map[string]int)}
	inc := NewIncremental(counter, incOptions())
	compareBuilds(t, "first build", s.dir, inc)
	counter.articlesOpened()

	base, err := templates.FS.ReadFile("base.html")
	if err != nil {
		t.Fatal(err)
	}
	layout := func(mark string) {
		s.write("templates/base.html", strings.Replace(string(base), "</body>", "<span hidden>"+mark+"</span></body>", 1))
	}
	every := []string{"articles/a0/index.html", "articles/a1/index.html", "articles/a2/index.html"}

	layout("one")
	stats := compareChanged(t, "a layout edit", s.dir, inc, []string{"templates/base.html"})
	if !isSubset(every, stats.Rendered) {
		t.Errorf("a layout edit rendered %q, want every article among them", stats.Rendered)
	}
	if opened := counter.articlesOpened(); len(opened) != 0 {
		t.Errorf("a layout edit opened %q, want no article", opened)
	}

	layout("two")
	s.write("content/articles/a2.md", incArticle{title: "Two", tags: []string{"walking"}, body: "Body B."}.String())
	compareChanged(t, "a layout edit with an article", s.dir, inc, []string{"templates/base.html", "content/articles/a2.md"})
	if opened := counter.articlesOpened(); !slices.Equal(opened, []string{"content/articles/a2.md"}) {
		t.Errorf("a layout edit with a2.md opened %q, want a2.md alone", opened)
	}

	// Built with Build, which trusts no watcher, after a2.md changed: a2.md is read when
	// loaded, and, its bytes not those its page was rendered from, again when its page renders.
	layout("three")
	s.write("content/articles/a2.md", incArticle{title: "Two", tags: []string{"walking"}, body: "Body C, longer."}.String())
	compareBuilds(t, "Build after a layout edit and an article's", s.dir, inc)
	if opened := counter.opened["content/articles/a2.md"]; opened != 2 {
		t.Errorf("Build opened a2.md %d times, want 2 (loading it, then its body)", opened)
	}
	if opened := counter.opened["content/articles/a1.md"]; opened != 1 {
		t.Errorf("Build opened a1.md %d times, want 1 (loading it; its body was converted from those bytes)", opened)
	}
}

// isSubset reports whether every element of sub is in of.
func isSubset(sub, of []string) bool {
	for _, x := range sub {
		if !slices.Contains(of, x) {
			return false
		}
	}
	return true
}

// TestLayoutKeepsOrRendersEntries checks the entries of lists kept across template edits
// (fragments): an edit of base.html keeps them, while an edit of the template "summary", or
// of a template it calls, even one base.html defines, renders them again, as a cold build
// shows.
func TestLayoutKeepsOrRendersEntries(t *testing.T) {
	base, err := templates.FS.ReadFile("base.html")
	if err != nil {
		t.Fatal(err)
	}
	partials, err := templates.FS.ReadFile("partials.html")
	if err != nil {
		t.Fatal(err)
	}
	// An entry shows, after its title, what the template "mark-of-entry" prints, which the
	// site's base.html defines.
	const title = `<a href="{{.URL}}">{{.Title}}</a>`
	if !strings.Contains(string(partials), title) {
		t.Fatalf("the built-in partials.html changed: the test cannot call a template from its summary")
	}
	calling := strings.Replace(string(partials), title, title+`{{template "mark-of-entry"}}`, 1)
	s := incSite{t, t.TempDir()}
	s.write("content/site.yaml", "title: Test site\ndescription: A site for tests.\n")
	for i, title := range []string{"One", "Two", "Three"} {
		s.write(fmt.Sprintf("content/articles/a%d.md", i), incArticle{title: title, tags: []string{"rest"}, body: "Text."}.String())
	}
	s.write("templates/partials.html", calling)
	s.write("templates/base.html", string(base)+`{{define "mark-of-entry"}}<span>first</span>{{end}}`)
	inc := NewIncremental(os.DirFS(s.dir), incOptions())
	compareBuilds(t, "first build", s.dir, inc)

	for i, edit := range []struct{ file, text string }{
		{"templates/base.html", strings.Replace(string(base), "</body>", "<span hidden>layout</span></body>", 1) + `{{define "mark-of-entry"}}<span>first</span>{{end}}`},
		{"templates/base.html", string(base) + `{{define "mark-of-entry"}}<span>second</span>{{end}}`},
		{"templates/partials.html", strings.Replace(calling, title, title+" ", 1)},
		{"templates/base.html", string(base) + `{{define "mark-of-entry"}}<span>third</span>{{end}}`},
	} {
		s.write(edit.file, edit.text)
		compareChanged(t, fmt.Sprintf("edit %d of %s", i, edit.file), s.dir, inc, []string{edit.file})
	}
}

// TestIndex checks index against bytes.Index, with long needles whose first bytes occur
// before them, once or overlapping.
func TestIndex(t *testing.T) {
	head := strings.Repeat("<p>x</p>", 8) // 64 bytes
	long := head + "<p>the rest of a long body</p>"
	for _, c := range []struct{ page, h string }{
		{"", "<p>"},
		{"abc", "b"},
		{"<html>" + long + "</html>", long},
		{"<html>" + head + "<p>other</p>" + long + "</html>", long},
		{"<html>" + head + "<p>x</p>" + long, long},
		{"<html>" + head + "<p>the rest</p>", long},
		{long[:len(long)-1], long},
		{strings.Repeat("<p>x</p>", 40) + "<p>the rest of a long body</p>", long},
	} {
		if got, want := index([]byte(c.page), []byte(c.h)), bytes.Index([]byte(c.page), []byte(c.h)); got != want {
			t.Errorf("index(%q, %q) = %d, want %d", c.page, c.h, got, want)
		}
	}
}
