package rebuild

import (
	"bytes"
	"context"
	"fmt"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/site"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"guidepost/generator/internal/testutil"
	"guidepost/templates"
)

// incSite is a generated site in a temporary folder that tests edit.
type incSite struct {
	t   *testing.T
	dir string
}

func (s incSite) write(name, data string) {
	s.t.Helper()
	testutil.WriteFile(s.t, s.dir, name, data)
}

func (s incSite) remove(name string) {
	s.t.Helper()
	if err := os.Remove(filepath.Join(s.dir, filepath.FromSlash(name))); err != nil {
		s.t.Fatal(err)
	}
}

func (s incSite) rename(from, to string) {
	s.t.Helper()
	if err := os.Rename(filepath.Join(s.dir, filepath.FromSlash(from)), filepath.Join(s.dir, filepath.FromSlash(to))); err != nil {
		s.t.Fatal(err)
	}
}

// articles lists the article files of the site, sorted.
func (s incSite) articles() []string {
	s.t.Helper()
	entries, err := os.ReadDir(filepath.Join(s.dir, "content/articles"))
	if err != nil {
		s.t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, "content/articles/"+e.Name())
	}
	return names
}

// incArticle is the source of a generated article.
type incArticle struct {
	title, body string
	tags        []string
	weight      int
	draft       bool
	reviewed    string // none when empty
}

func (a incArticle) String() string {
	reviewed := ""
	if a.reviewed != "" {
		reviewed = "reviewed: " + a.reviewed + "\n"
	}
	return fmt.Sprintf("---\ntitle: %s\ndescription: About %s.\ntags: [%s]\nweight: %d\ndraft: %v\n%s---\n\n%s\n",
		a.title, strings.ToLower(a.title), strings.Join(a.tags, ", "), a.weight, a.draft, reviewed, a.body)
}

const incQuestionnaire = `title: A check
description: Two questions that recommend articles.
start: first
nodes:
  first:
    question: Ready?
    answers:
      - label: "Yes"
        next: done
      - label: "No"
        next: later
  done:
    outcome: Go ahead
    body: Read [the first article](../articles/a0.md#part-two).
    articles: [%s]
  later:
    outcome: Wait
    body: Come back later.
`

var incTags = []string{"rest", "walking", "back", "sleep", "yoga"}

func randomArticle(r *rand.Rand, n int) incArticle {
	a := incArticle{title: fmt.Sprintf("Article %d %c", n, 'a'+rune(r.IntN(26))), weight: r.IntN(4), draft: r.IntN(8) == 0}
	for _, t := range incTags {
		if r.IntN(3) == 0 {
			a.tags = append(a.tags, t)
		}
	}
	a.body = fmt.Sprintf("Some words %d.\n\n## Part two\n\nSee [another](a%d.md) and [a part](a%d.md#part-two).\n", r.IntN(100), r.IntN(n+3), r.IntN(n+3))
	return a
}

func newIncSite(t *testing.T, r *rand.Rand, n int) incSite {
	s := incSite{t, t.TempDir()}
	s.write("content/site.yaml", "title: Test site\ndescription: A site for tests.\nbase_url: https://example.org/guides/\n")
	for i := range n {
		s.write(fmt.Sprintf("content/articles/a%d.md", i), randomArticle(r, i).String())
	}
	s.write("content/questionnaires/check.yaml", fmt.Sprintf(incQuestionnaire, "a1, a2"))
	s.write("content/media/note.txt", "a note\n")
	return s
}

func incOptions() site.Options {
	return site.Options{
		Drafts:  true,
		Theme:   templates.FS,
		Now:     time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
		Scripts: []string{"_guidepost/reload.js"},
	}
}

// compareBuilds checks that the incremental build and a full build give the same files and
// the same diagnostics.
func compareBuilds(t *testing.T, step string, dir string, inc *Incremental) Stats {
	t.Helper()
	return compareWith(t, step, dir, inc, inc.Build)
}

// compareChanged is compareBuilds for a build told that the files changed changed.
func compareChanged(t *testing.T, step string, dir string, inc *Incremental, changed []string) Stats {
	t.Helper()
	return compareWith(t, step, dir, inc, func(out site.Output) (site.Result, Stats) { return inc.BuildNamed(out, changed) })
}

func compareWith(t *testing.T, step string, dir string, inc *Incremental, build func(site.Output) (site.Result, Stats)) Stats {
	t.Helper()
	return compareBytes(t, step, dir, inc, build, false)
}

// compareBytes is compareWith, which compares the files' bytes even after errors when
// always is set: for a site where no two articles share a slug. Otherwise a build with
// errors has its files compared byte for byte too, unless two files claim one slug (see
// below).
func compareBytes(t *testing.T, step string, dir string, inc *Incremental, build func(site.Output) (site.Result, Stats), always bool) Stats {
	t.Helper()
	var full, part site.Memory
	want := site.Build(context.Background(), os.DirFS(dir), inc.opts, &full)
	got, stats := build(&part)
	if w, g := diagLines(want), diagLines(got); !slices.Equal(w, g) || want.Diags.Errors() != got.Diags.Errors() {
		t.Fatalf("%s: diagnostics differ:\nfull build:\n%s\nincremental:\n%s", step, strings.Join(w, "\n"), strings.Join(g, "\n"))
	}
	if want.Pages != got.Pages || want.Files != got.Files || !slices.Equal(want.Written, got.Written) || !slices.Equal(want.Hashed, got.Hashed) {
		t.Errorf("%s: full build wrote %d pages, %d files, %q, hashed %q;\nincremental %d, %d, %q, hashed %q", step,
			want.Pages, want.Files, want.Written, want.Hashed, got.Pages, got.Files, got.Written, got.Hashed)
	}
	wf, gf := full.Files(), part.Files()
	// A build with errors is never published nor served (dev keeps the last good one), and
	// its files may differ between two cold builds when two articles (or questionnaires) have
	// one slug: they write one page, the last to finish winning. Such a build's files are
	// compared by name only; any other build's, with errors or not, byte for byte.
	sameBytes := always || !slices.ContainsFunc(want.Diags.Sorted(), func(d diag.Diagnostic) bool {
		return d.Severity == diag.Error && strings.Contains(d.Message, "is already used by")
	})
	for _, name := range full.Names() {
		if g, ok := gf[name]; !ok {
			t.Errorf("%s: incremental build lacks %s", step, name)
		} else if sameBytes && !bytes.Equal(wf[name], g) {
			t.Errorf("%s: %s differs:\nfull build:\n%s\nincremental:\n%s", step, name, wf[name], g)
		}
	}
	for _, name := range part.Names() {
		if _, ok := wf[name]; !ok {
			t.Errorf("%s: incremental build has %s, which a full build does not", step, name)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	return stats
}

var today = time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)

func diagText(l *diag.List) string {
	var lines []string
	for _, d := range l.Sorted() {
		lines = append(lines, d.String())
	}
	return strings.Join(lines, "\n")
}

func diagLines(r site.Result) []string {
	var lines []string
	for _, d := range r.Diags.Sorted() {
		lines = append(lines, d.String())
	}
	return lines
}

// TestIncrementalEqualsFullBuild edits a site at random, step after step, and compares
// the incremental build with a full build after each step.
func TestIncrementalEqualsFullBuild(t *testing.T) {
	offline := incOptions()
	offline.Offline, offline.Drafts, offline.Scripts = true, false, nil
	for _, tt := range []struct {
		name     string
		opts     site.Options
		seed     uint64
		settings string // added to site.yaml
		lazy     bool   // builds told what changed are started as dev serves them (see compareLazy)
	}{
		{"dev", incOptions(), 2026, "", false},
		{"offline", offline, 7, "", false},
		{"search and review", incOptions(), 13, "search: true\nreview_after: 6mo\n", false},
		{"pending", incOptions(), 13, "search: true\nreview_after: 6mo\n", true},
	} {
		t.Run(tt.name, func(t *testing.T) { randomEdits(t, tt.opts, tt.seed, tt.settings, tt.lazy) })
	}
}

// compareLazy is compareChanged for a build started with Start, which returns a pending
// build whenever a whole build has more than one page to render, or a quick build more than
// one file: every page is asked for from here while the workers render them too, and each
// must be what the build writes, as must each file served while they render (unless a
// quick build could not complete and the whole site was built instead). It reports whether
// the build was pending, and whether it was a quick one.
func compareLazy(t *testing.T, step string, dir string, inc *Incremental, changed []string) (_ Stats, pending, quick bool) {
	t.Helper()
	stats := compareWith(t, step, dir, inc, func(out site.Output) (site.Result, Stats) {
		res, stats, p := inc.Start(out, changed, Lazy{Pages: 1, Quick: 1})
		if p == nil {
			return res, stats
		}
		_, quick = p.w.(*quickRender)
		pending = true
		ready := p.Ready()
		asked := make(map[string][]byte)
		for name := range p.pages { // in no set order
			if data, ok := p.Page(name); ok {
				asked[name] = data
			}
		}
		res, stats, whole := p.Result()
		if !whole {
			t.Fatalf("%s: the pending build did not end whole", step)
		}
		files := out.(*site.Memory).Files()
		for name, data := range asked {
			if !bytes.Equal(files[name], data) {
				t.Errorf("%s: %s as asked for differs from the file written", step, name)
			}
		}
		if quick && !stats.Quick { // built whole instead
			return res, stats
		}
		for name, data := range ready.All() {
			if got, ok := files[name]; !ok || !bytes.Equal(got, data) {
				t.Errorf("%s: %s, served while the pages rendered, differs from the file written (written: %t)", step, name, ok)
			}
		}
		return res, stats
	})
	return stats, pending, quick
}

func randomEdits(t *testing.T, opts site.Options, seed uint64, settings string, lazy bool) {
	r := rand.New(rand.NewPCG(4, seed))
	s := newIncSite(t, r, 12)
	s.write("content/site.yaml", s.files()["content/site.yaml"]+settings)
	inc := NewIncremental(os.DirFS(s.dir), opts)
	compareBuilds(t, "first build", s.dir, inc)

	next := 100 // the number of the next new article
	edits := []struct {
		name string
		do   func() string // returns what it did
	}{
		{"rewrite an article", func() string {
			p := pick(r, s.articles())
			s.write(p, randomArticle(r, r.IntN(20)).String())
			return "rewrote " + p
		}},
		{"add an article", func() string {
			next++
			p := fmt.Sprintf("content/articles/a%d.md", next)
			s.write(p, randomArticle(r, next).String())
			return "added " + p
		}},
		{"delete an article", func() string {
			p := pick(r, s.articles())
			s.remove(p)
			return "removed " + p
		}},
		{"rename an article", func() string {
			next++
			p, to := pick(r, s.articles()), fmt.Sprintf("content/articles/a%d.md", next)
			s.rename(p, to)
			return "renamed " + p + " to " + to
		}},
		{"edit a body", func() string {
			p := pick(r, s.articles())
			src := s.files()[p]
			if i := strings.Index(src, "\n---\n"); i >= 0 {
				src = src[:i+5] + randomArticle(r, r.IntN(20)).body
			}
			s.write(p, src)
			return "edited the body of " + p
		}},
		{"edit front matter", func() string {
			p := pick(r, s.articles())
			src := s.files()[p]
			i := strings.Index(src, "\n---\n")
			if i < 0 {
				return "left " + p + " without front matter as it was"
			}
			a := randomArticle(r, r.IntN(20))
			a.body = src[i+5:]
			s.write(p, a.String())
			return "edited the front matter of " + p
		}},
		{"edit one front matter key", func() string {
			p := pick(r, s.articles())
			keys := frontMatterKeys(t)
			key := pick(r, keys)
			v := pick(r, frontMatterValues[key])
			s.write(p, setKey(s.files()[p], key, v))
			return fmt.Sprintf("set %s: %s in %s", key, v, p)
		}},
		{"edit the format 2 questionnaire", func() string {
			edit := pick(r, []string{"question: Hot?", "if: age = baby", "body: Keep cool.", "articles: [a2]", "href: ../articles/a1.md"})
			s.write("content/questionnaires/fever.yaml", strings.Replace(coverQuestionnaire2, edit, edit+" ", 1))
			if r.IntN(2) == 0 {
				s.write("content/questionnaires/fever.yaml", strings.Replace(coverQuestionnaire2, "articles: [a2]", fmt.Sprintf("articles: [a%d]", r.IntN(next)), 1))
			}
			return "edited the format 2 questionnaire"
		}},
		{"give an article a tag of its own", func() string {
			// A tag no article had, or one another article has; the tag it had may lose
			// its last article.
			p := pick(r, s.articles())
			v := fmt.Sprintf("[own-%d]", r.IntN(3))
			s.write(p, setKey(s.files()[p], "tags", v))
			return fmt.Sprintf("set tags: %s in %s", v, p)
		}},
		{"edit a media file", func() string {
			s.write("content/media/note.txt", fmt.Sprintf("a note %d\n", r.IntN(1000)))
			return "edited content/media/note.txt"
		}},
		{"drop a heading from a body", func() string {
			p := pick(r, s.articles())
			s.write(p, strings.Replace(s.files()[p], "## Part two", "## Part 2", 1))
			return "dropped #part-two from the body of " + p
		}},
		{"drop a heading others link to", func() string {
			p := pick(r, s.articles())
			a := randomArticle(r, r.IntN(20))
			a.body = strings.Replace(a.body, "## Part two", "## Part 2", 1)
			s.write(p, a.String())
			return "dropped #part-two from " + p
		}},
		{"break a link", func() string {
			p := pick(r, s.articles())
			a := randomArticle(r, r.IntN(20))
			a.body += "\nSee [nothing](missing.md) and [a bad anchor](#nowhere).\n"
			s.write(p, a.String())
			return "broke links in " + p
		}},
		{"break front matter", func() string {
			p := pick(r, s.articles())
			s.write(p, "---\ntitle: [broken\n---\nbody\n")
			return "broke " + p
		}},
		{"recommend other articles", func() string {
			slugs := fmt.Sprintf("a%d, a%d", r.IntN(next), r.IntN(next))
			s.write("content/questionnaires/check.yaml", fmt.Sprintf(incQuestionnaire, slugs))
			return "questionnaire recommends " + slugs
		}},
		{"break the questionnaire", func() string {
			s.write("content/questionnaires/check.yaml", "title: [\n")
			return "broke the questionnaire"
		}},
		{"override a template", func() string {
			base, err := templates.FS.ReadFile("partials.html")
			if err != nil {
				t.Fatal(err)
			}
			s.write("templates/partials.html", fmt.Sprintf("%s{{/* %d */}}\n", base, r.IntN(1000)))
			return "changed templates/partials.html"
		}},
		{"change the stylesheet", func() string {
			css, err := templates.FS.ReadFile("assets/style.css")
			if err != nil {
				t.Fatal(err)
			}
			s.write("templates/assets/style.css", fmt.Sprintf("%s\n/* %d */\n", css, r.IntN(1000)))
			return "changed the stylesheet"
		}},
		{"change site.yaml", func() string {
			s.write("content/site.yaml", fmt.Sprintf("title: Test site %d\ndescription: A site for tests.\n%s", r.IntN(1000), settings))
			return "changed site.yaml"
		}},
	}
	const steps = 80
	quick, listed, pending, pendingQuick := 0, 0, 0, 0
	for step := range steps {
		e := edits[r.IntN(len(edits))]
		if e.name != "add an article" && len(s.articles()) < 3 {
			e = edits[1]
		}
		before := s.files()
		what := e.do()
		// Most builds are told what changed, as a watcher tells them; edits follow each other
		// faster than the clock of modification times ticks, so a file rewritten with the
		// same size often keeps its time.
		if step%5 == 4 {
			compareBuilds(t, fmt.Sprintf("step %d (%s)", step, what), s.dir, inc)
		} else if lazy {
			changed := changedFiles(before, s.files())
			stats, p, pq := compareLazy(t, fmt.Sprintf("step %d (%s, told %q)", step, what, changed), s.dir, inc, changed)
			if p {
				pending++
			}
			if pq {
				pendingQuick++
			}
			if stats.Quick {
				quick++
			}
		} else {
			changed := changedFiles(before, s.files())
			if compareChanged(t, fmt.Sprintf("step %d (%s, told %q)", step, what, changed), s.dir, inc, changed).Quick {
				quick++
				if strings.HasPrefix(e.name, "edit front matter") || e.name == "edit one front matter key" {
					listed++
				}
			}
		}
	}
	t.Logf("%d of %d builds were quick, %d of them after a front matter edit; %d pending, %d of them quick", quick, steps, listed, pending, pendingQuick)
	if lazy {
		if quick == 0 || pending == pendingQuick || pendingQuick == 0 {
			t.Errorf("%d builds of the %d steps were quick, %d pending, %d of them quick: the edits did not test them", quick, steps, pending, pendingQuick)
		}
		return
	}
	if quick == 0 || listed == 0 {
		t.Errorf("%d builds of the %d steps were quick ones, %d after a front matter edit: the edits did not test them", quick, steps, listed)
	}
}

// files returns the content of every file of the site, by slash path.
func (s incSite) files() map[string]string {
	s.t.Helper()
	files := make(map[string]string)
	err := filepath.WalkDir(s.dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(s.dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		s.t.Fatal(err)
	}
	return files
}

// changedFiles returns the files added, removed or changed from before to after, sorted.
func changedFiles(before, after map[string]string) []string {
	changed := []string{}
	for p, data := range after {
		if old, ok := before[p]; !ok || old != data {
			changed = append(changed, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			changed = append(changed, p)
		}
	}
	slices.Sort(changed)
	return changed
}

// TestIncrementalTrustsTheWatcher checks BuildNamed: an article the watcher names is read
// again even when its size and modification time did not change; one it does not name is
// not read at all by a quick build, read by a whole build only when they changed, and read
// by the next site.Build, which trusts nothing.
func TestIncrementalTrustsTheWatcher(t *testing.T) {
	s := incSite{t, t.TempDir()}
	s.write("content/site.yaml", "title: Test site\ndescription: A site for tests.\n")
	s.write("content/articles/a0.md", incArticle{title: "Zero", tags: []string{"rest"}, body: "Text."}.String())
	s.write("content/articles/a1.md", incArticle{title: "One", tags: []string{"rest"}, body: "Body A."}.String())
	inc := NewIncremental(os.DirFS(s.dir), incOptions())
	compareBuilds(t, "first build", s.dir, inc)

	name := "content/articles/a1.md"
	p := filepath.Join(s.dir, filepath.FromSlash(name))
	// rewrite writes body into a1.md keeping its size and modification time.
	rewrite := func(body string) {
		t.Helper()
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		s.write(name, incArticle{title: "One", tags: []string{"rest"}, body: body}.String())
		if err := os.Chtimes(p, time.Time{}, info.ModTime()); err != nil {
			t.Fatal(err)
		}
		if now, err := os.Stat(p); err != nil || now.Size() != info.Size() || !now.ModTime().Equal(info.ModTime()) {
			t.Fatalf("rewriting %s changed its size or time: %v", name, err)
		}
	}
	page := func(out *site.Memory) string { return string(out.Files()["articles/a1/index.html"]) }

	rewrite("Body B.")
	var out site.Memory
	if _, stats := inc.BuildNamed(&out, []string{}); len(stats.Rendered) != 0 || !strings.Contains(page(&out), "Body A.") {
		t.Errorf("an unnamed rewrite of the same size and time: rendered %q, want nothing; page:\n%s", stats.Rendered, page(&out))
	}
	if stats := compareBuilds(t, "site.Build after an unnamed rewrite", s.dir, inc); !slices.Equal(stats.Rendered, []string{"articles/a1/index.html"}) {
		t.Errorf("site.Build after an unnamed rewrite rendered %q, want the article", stats.Rendered)
	}

	rewrite("Body C.")
	if stats := compareChanged(t, "a named rewrite of the same size and time", s.dir, inc, []string{name}); !slices.Equal(stats.Rendered, []string{"articles/a1/index.html"}) {
		t.Errorf("a named rewrite rendered %q, want the article", stats.Rendered)
	}

	// A whole build (a new article and site.yaml, named: more than a quick build follows)
	// looks at the size and time of every article it was not told about.
	s.write(name, incArticle{title: "One", tags: []string{"rest"}, body: "A longer body."}.String())
	s.write("content/articles/a2.md", incArticle{title: "Two", tags: []string{"new-tag"}, body: "Text."}.String())
	stats := compareChanged(t, "an unnamed rewrite of another size", s.dir, inc, []string{"content/articles/a2.md", "content/site.yaml"})
	if stats.Quick || !slices.Contains(stats.Rendered, "articles/a1/index.html") {
		t.Errorf("an unnamed rewrite of another size beside a new article: quick %v, rendered %q, want a whole build rendering a1", stats.Quick, stats.Rendered)
	}
}

// TestIncrementalQuick checks the quick build of BuildNamed: when the watcher names only
// articles that keep their slug, draft state and tags, only their pages and the pages
// showing what changed of them are rendered, the links to their anchors are checked again,
// and the result equals a full build's.
func TestIncrementalQuick(t *testing.T) {
	s := incSite{t, t.TempDir()}
	s.write("content/site.yaml", "title: Test site\ndescription: A site for tests.\nbase_url: https://example.org/\n")
	articles := map[string]incArticle{
		"a0": {title: "Zero", tags: []string{"rest"}, body: "## Part two\n\nText."},
		"a1": {title: "One", tags: []string{"rest"}, body: "See [part two](a0.md#part-two)."},
		"a2": {title: "Two", tags: []string{"walking"}, body: "Text."},
	}
	for slug, a := range articles {
		s.write("content/articles/"+slug+".md", a.String())
	}
	s.write("content/questionnaires/check.yaml", fmt.Sprintf(incQuestionnaire, "a1"))
	inc := NewIncremental(os.DirFS(s.dir), incOptions())
	compareBuilds(t, "first build", s.dir, inc)

	body := func(slug, text string) func() []string {
		return func() []string {
			a := articles[slug]
			a.body = text
			s.write("content/articles/"+slug+".md", a.String())
			return []string{"content/articles/" + slug + ".md"}
		}
	}
	front := func(slug string, edit func(*incArticle)) func() []string {
		return func() []string {
			a := articles[slug]
			edit(&a)
			articles[slug] = a
			s.write("content/articles/"+slug+".md", a.String())
			return []string{"content/articles/" + slug + ".md"}
		}
	}
	both := func(x, y func() []string) func() []string {
		return func() []string { return append(x(), y()...) }
	}
	tests := []struct {
		name   string
		edit   func() []string // returns the files it changed
		quick  bool
		want   []string // pages rendered
		errors int
	}{
		{"a body", body("a2", "Other text."), true, []string{"articles/a2/index.html"}, 0},
		{"a heading another article and the questionnaire link to", body("a0", "## Part 2\n\nText."), true, []string{"articles/a0/index.html"}, 2},
		{"the heading back", body("a0", "## Part two\n\nMore text."), true, []string{"articles/a0/index.html"}, 0},
		{"a broken link", body("a2", "See [nothing](missing.md)."), true, []string{"articles/a2/index.html"}, 1},
		{"two bodies", both(body("a2", "Text."), body("a1", "Text again.")), true, []string{"articles/a1/index.html", "articles/a2/index.html"}, 0},
		{"a title", front("a2", func(a *incArticle) { a.title = "Two, renamed" }), true,
			[]string{"articles/a2/index.html", "articles/index.html", "index.html", "tags/walking/index.html"}, 0},
		{"a body after a title", body("a1", "Text once more."), true, []string{"articles/a1/index.html"}, 0},
		{"the title of a recommended article", front("a1", func(a *incArticle) { a.title = "One, renamed" }), true, []string{
			"articles/a0/index.html", "articles/a1/index.html", "articles/index.html", "index.html",
			"questionnaires/check/done/index.html", "questionnaires/check/index.html", "tags/rest/index.html",
		}, 0},
		{"a weight that keeps the order", front("a0", func(a *incArticle) { a.weight = 5 }), true, []string{"articles/a0/index.html"}, 0},
		{"a tag another article has", front("a1", func(a *incArticle) { a.tags = []string{"rest", "walking"} }), true, []string{
			"articles/a1/index.html", "articles/a2/index.html", "index.html", "tags/index.html", "tags/walking/index.html",
		}, 0},
		{"a tag no other article has", front("a0", func(a *incArticle) { a.tags = []string{"rest", "sleep"} }), true, []string{
			"articles/a0/index.html", "index.html", "tags/index.html", "tags/sleep/index.html",
		}, 0},
		{"the last article of a tag leaving it", front("a0", func(a *incArticle) { a.tags = []string{"rest"} }), true, []string{
			"articles/a0/index.html", "index.html", "tags/index.html",
		}, 0},
		{"a draft, built as one", front("a2", func(a *incArticle) { a.draft = true }), true, []string{
			"articles/a1/index.html", "articles/a2/index.html", "articles/index.html", "index.html", "tags/walking/index.html",
		}, 0},
		{"a title and another article's body", both(front("a0", func(a *incArticle) { a.title = "Aardvark" }), body("a2", "Text, again.")), true, []string{
			"articles/a0/index.html", "articles/a1/index.html", "articles/a2/index.html", "articles/index.html", "index.html", "tags/rest/index.html",
		}, 0},
		{"a questionnaire named, unchanged", func() []string { return []string{"content/questionnaires/check.yaml"} }, true, nil, 0},
		{"a body and a new article", both(body("a1", "New text."), func() []string {
			s.write("content/articles/a3.md", incArticle{title: "Three", tags: []string{"yoga"}, body: "Text."}.String())
			return []string{"content/articles/a3.md"}
		}), false, []string{"articles/a1/index.html", "articles/a3/index.html", "articles/index.html", "index.html", "tags/index.html", "tags/yoga/index.html"}, 0},
		{"nothing", func() []string { return []string{} }, true, nil, 0},
	}
	for _, tt := range tests {
		changed := tt.edit()
		var res site.Result
		stats := compareWith(t, tt.name, s.dir, inc, func(out site.Output) (site.Result, Stats) {
			r, st := inc.BuildNamed(out, changed)
			res = r
			return r, st
		})
		if stats.Quick != tt.quick || !slices.Equal(stats.Rendered, tt.want) || res.Diags.Errors() != tt.errors {
			t.Errorf("%s: quick %v, rendered %q, %d errors; want quick %v, rendered %q, %d errors", tt.name, stats.Quick, stats.Rendered, res.Diags.Errors(), tt.quick, tt.want, tt.errors)
		}
	}
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// TestIncrementalOwnSummaries checks the lists of articles of a site whose own partials.html
// defines "summaries" its own way, without "summary", or redefines "summary" for one kind of
// page: dev mode's kept entries must not show where the theme does not print them, nor the
// entries of one kind on another.
func TestIncrementalOwnSummaries(t *testing.T) {
	partials, err := templates.FS.ReadFile("partials.html")
	if err != nil {
		t.Fatal(err)
	}
	own := regexp.MustCompile(`(?s)\{\{define "summaries"\}\}.*?</ul>\n\{\{end\}\}`).ReplaceAllString(string(partials),
		`{{define "summaries"}}<ol>{{range .}}<li><a href="{{.URL}}">{{.Title}}</a></li>{{end}}</ol>{{end}}`)
	own = regexp.MustCompile(`(?s)\{\{define "summary"\}\}.*?</li>\{\{end\}\}`).ReplaceAllString(own, "")
	if strings.Contains(own, `define "summary"`) || !strings.Contains(own, "<ol>") {
		t.Fatalf("the built-in partials.html changed: the test cannot make its own")
	}
	tag, err := templates.FS.ReadFile("tag.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, site := range []struct{ name, file, text string }{
		{"summaries without summary", "templates/partials.html", own},
		{"summary of tag pages", "templates/tag.html", string(tag) + `{{define "summary"}}<li class="tagged"><a href="{{.URL}}">{{.Title}}</a></li>{{end}}`},
	} {
		t.Run(site.name, func(t *testing.T) {
			s := incSite{t, t.TempDir()}
			s.write("content/site.yaml", "title: Test site\ndescription: A site for tests.\n")
			for i, title := range []string{"One", "Two", "Three"} {
				s.write(fmt.Sprintf("content/articles/a%d.md", i), incArticle{title: title, tags: []string{"rest"}, body: "Text."}.String())
			}
			s.write(site.file, site.text)
			inc := NewIncremental(os.DirFS(s.dir), incOptions())
			compareBuilds(t, "first build", s.dir, inc)
			s.write("content/articles/a1.md", incArticle{title: "Two, renamed", tags: []string{"rest"}, body: "Text."}.String())
			if stats := compareChanged(t, "a title", s.dir, inc, []string{"content/articles/a1.md"}); !stats.Quick {
				t.Errorf("a title edit was not a quick build")
			}
		})
	}
}

// TestIncrementalRendersDependents checks which pages each kind of edit renders again.
func TestIncrementalRendersDependents(t *testing.T) {
	s := incSite{t, t.TempDir()}
	s.write("content/site.yaml", "title: Test site\ndescription: A site for tests.\n")
	articles := map[string]incArticle{
		"a0": {title: "Zero", tags: []string{"rest"}, body: "## Part two\n\nText."},
		"a1": {title: "One", tags: []string{"rest"}, body: "Text."},
		"a2": {title: "Two", tags: []string{"walking"}, body: "See [zero](a0.md)."},
		"a3": {title: "Three", tags: []string{"yoga"}, body: "Text."},
	}
	for slug, a := range articles {
		s.write("content/articles/"+slug+".md", a.String())
	}
	s.write("content/questionnaires/check.yaml", fmt.Sprintf(incQuestionnaire, "a1"))
	inc := NewIncremental(os.DirFS(s.dir), incOptions())
	compareBuilds(t, "first build", s.dir, inc)

	pages := []string{
		"questionnaires/check/done/index.html",
		"questionnaires/check/first/index.html",
		"questionnaires/check/index.html",
		"questionnaires/check/later/index.html",
	}
	tests := []struct {
		name string
		edit func()
		want []string
	}{
		{"nothing", func() {}, nil},
		{"an article's body", func() {
			a := articles["a3"]
			a.body = "Other text."
			s.write("content/articles/a3.md", a.String())
		}, []string{"articles/a3/index.html"}},
		{"an article's title", func() {
			a := articles["a1"]
			a.title = "One, renamed"
			s.write("content/articles/a1.md", a.String())
		}, []string{
			"articles/a0/index.html", // related: shares the tag rest
			"articles/a1/index.html",
			"articles/index.html", // the A to Z
			"index.html",
			"questionnaires/check/done/index.html", // recommends a1
			"questionnaires/check/index.html",      // shows every node
			"tags/rest/index.html",
		}},
		{"a linked article's file name", func() {
			s.rename("content/articles/a0.md", "content/articles/zero.md")
		}, []string{
			"articles/a1/index.html", // related to a0, now zero
			"articles/a2/index.html", // links to a0.md
			"articles/index.html",    // the A to Z
			"articles/zero/index.html",
			"index.html",
			"questionnaires/check/done/index.html", // links to a0.md
			"questionnaires/check/index.html",
			"tags/rest/index.html",
		}},
		{"the questionnaire", func() {
			s.write("content/questionnaires/check.yaml", fmt.Sprintf(incQuestionnaire, "a2"))
		}, append([]string{
			"articles/a1/index.html", // no longer recommended
			"articles/a2/index.html", // recommended
		}, pages...)}, // its file changed
	}
	for _, tt := range tests {
		tt.edit()
		got := compareBuilds(t, tt.name, s.dir, inc).Rendered
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: rendered\n%q\nwant\n%q", tt.name, got, tt.want)
		}
	}

	// A template edit renders the pages of the kinds that use it: 404.html the 404 page
	// alone, the layout every page.
	s.write("templates/404.html", `{{define "main"}}<h1>Lost</h1>{{end}}`)
	if stats := compareBuilds(t, "404.html", s.dir, inc); !slices.Equal(stats.Rendered, []string{"404.html"}) {
		t.Errorf("an edit of 404.html rendered %q, want the 404 page alone", stats.Rendered)
	}
	base, err := templates.FS.ReadFile("base.html")
	if err != nil {
		t.Fatal(err)
	}
	s.write("templates/base.html", string(base)+"\n")
	if stats := compareBuilds(t, "base.html", s.dir, inc); stats.Reused != 0 {
		t.Errorf("an edit of the layout reused %d pages, want 0", stats.Reused)
	}
}
