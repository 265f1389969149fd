package rebuild

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"guidepost/generator/internal/layered"
	"guidepost/generator/internal/site"
	"guidepost/templates"
)

// state describes what a quick build starts from, down to the bytes of every file and the
// identity of every page's log, so that a test sees any change made to it.
func state(last *lastBuild, pages *layered.Map[string, *rendered]) string {
	var b strings.Builder
	files, cache, linkers, sums := maps.Collect(last.files.All()), maps.Collect(pages.All()), maps.Collect(last.linkers.All()), maps.Collect(last.in.sums.All())
	for _, name := range slices.Sorted(maps.Keys(files)) {
		fmt.Fprintf(&b, "file %s %x\n", name, sha256.Sum256(files[name]))
	}
	for _, a := range last.b.Articles() {
		fmt.Fprintf(&b, "article %p %s %q %v %d\n", a, a.Slug, a.Title, a.Tags, a.Weight)
	}
	for _, j := range last.b.Plan() {
		fmt.Fprintf(&b, "job %s", j.Name())
		if r, ok := j.Reads(); ok {
			for _, a := range r.Listed {
				fmt.Fprintf(&b, " %p", a)
			}
			fmt.Fprintf(&b, " %q", r.Words)
		}
		b.WriteString("\n")
	}
	for _, name := range slices.Sorted(maps.Keys(cache)) {
		e := cache[name]
		fmt.Fprintf(&b, "page %s %p %p %x %d %d\n", name, e, e.log, e.base, e.log.refDiags.Len(), len(e.log.ids))
	}
	for _, t := range slices.Sorted(maps.Keys(linkers)) {
		fmt.Fprintf(&b, "linkers %s", t)
		for _, l := range linkers[t] {
			fmt.Fprintf(&b, " %p", l)
		}
		b.WriteString("\n")
	}
	for _, p := range slices.Sorted(maps.Keys(sums)) {
		fmt.Fprintf(&b, "sum %s %x\n", p, sums[p])
	}
	for a, s := range last.in.summaries.All() {
		fmt.Fprintf(&b, "summary %p %x\n", a, s) // in no order: compared as a set below
	}
	fmt.Fprintf(&b, "written %q hashed %q diags %v\n", last.res.Written, last.res.Hashed, last.diags)
	lines := strings.Split(b.String(), "\n")
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// shortTitleSite writes a site of three articles, a1 linking to an anchor of a0, whose own
// partials.html fails on a title shorter than three bytes once a listing renders it, builds
// it with a new Incremental, and returns it with its articles and a function that writes
// one of them again (after the test changed it), returning the files it wrote.
func shortTitleSite(t *testing.T) (s incSite, inc *Incremental, articles map[string]incArticle, write func(slug string) []string) {
	t.Helper()
	s = incSite{t, t.TempDir()}
	s.write("content/site.yaml", "title: Test site\ndescription: A site for tests.\nbase_url: https://example.org/\n")
	partials, err := fs.ReadFile(templates.FS, "partials.html")
	if err != nil {
		t.Fatal(err)
	}
	summary := `<a href="{{.URL}}">{{.Title}}</a>`
	if !strings.Contains(string(partials), summary) {
		t.Fatalf("partials.html no longer has %s: change the test", summary)
	}
	s.write("templates/partials.html", strings.Replace(string(partials), summary, `<a href="{{.URL}}">{{slice .Title 0 3}}</a>`, 1))
	articles = map[string]incArticle{
		"a0": {title: "Zero", tags: []string{"rest"}, body: "## Part two\n\nText."},
		"a1": {title: "One", tags: []string{"rest"}, body: "See [part two](a0.md#part-two)."},
		"a2": {title: "Two", tags: []string{"walking", "rest"}, body: "Text."},
	}
	write = func(slug string) []string {
		s.write("content/articles/"+slug+".md", articles[slug].String())
		return []string{"content/articles/" + slug + ".md"}
	}
	for slug := range articles {
		write(slug)
	}
	inc = NewIncremental(os.DirFS(s.dir), incOptions())
	compareBuilds(t, "first build", s.dir, inc)
	return s, inc, articles, write
}

// TestQuickLeavesTheLastBuild: a quick build never changes the build it starts from. One
// that fails part way (a site's own template fails on a short title, once the listings are
// being rendered) leaves the last build as it was, byte for byte, and the next quick build
// from it equals a whole build; one that succeeds leaves the state it replaced as it was too.
func TestQuickLeavesTheLastBuild(t *testing.T) {
	s, inc, articles, write := shortTitleSite(t)
	if inc.last == nil {
		t.Fatal("the first build left nothing for a quick build")
	}

	last, cache := inc.last, inc.cache
	before := state(last, cache)
	a := articles["a1"]
	a.title = "No" // too short for the template: the home page and a tag's listing fail
	articles["a1"] = a
	named := map[string]bool{}
	for _, p := range write("a1") {
		named[p] = true
	}
	if _, _, ok := inc.quick(&site.Memory{}, named); ok {
		t.Fatal("the quick build did not fail")
	}
	if inc.last != last || inc.cache != cache {
		t.Error("a failed quick build replaced the last build")
	}
	if after := state(last, cache); after != before {
		t.Errorf("a failed quick build changed the last build:\n%s", lineDiff(before, after))
	}

	a.title = "One, renamed" // from the last build, intact: a quick build again
	articles["a1"] = a
	if stats := compareChanged(t, "a title after a failed quick build", s.dir, inc, write("a1")); !stats.Quick {
		t.Error("the build after the failed one was not quick")
	}
	if after := state(last, cache); after != before {
		t.Errorf("a quick build changed the build it started from:\n%s", lineDiff(before, after))
	}

	last, cache = inc.last, inc.cache
	before = state(last, cache)
	a = articles["a0"]
	a.body = "## Part three\n\nText." // a1's link to #part-two breaks: its log is checked again
	articles["a0"] = a
	if stats := compareChanged(t, "a body", s.dir, inc, write("a0")); !stats.Quick {
		t.Error("a body edit was not quick")
	}
	if after := state(last, cache); after != before {
		t.Errorf("a quick build changed the build it started from:\n%s", lineDiff(before, after))
	}
}

// lineDiff returns the lines only one of x and y has, each marked - or +.
func lineDiff(x, y string) string {
	xs, ys := strings.Split(x, "\n"), strings.Split(y, "\n")
	var out []string
	for _, l := range xs {
		if !slices.Contains(ys, l) {
			out = append(out, "- "+l)
		}
	}
	for _, l := range ys {
		if !slices.Contains(xs, l) {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}
