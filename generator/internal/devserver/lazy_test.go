package devserver

import (
	"bytes"
	"context"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"guidepost/generator/internal/corpus"
	"guidepost/generator/internal/rebuild"
	"guidepost/generator/internal/site"
	"guidepost/generator/internal/testutil"
	"guidepost/templates"
)

// lazyArticles is the size of the sites of the tests below, and lazyPages the threshold they
// serve a rebuild while its pages render at: a layout edit renders every page again.
const (
	lazyArticles = 200
	lazyPages    = 50
)

// A gate holds back the workers of pending builds until it is opened, so that a test asks
// for pages that no worker has rendered.
type gate struct {
	open chan struct{}
	once sync.Once
}

func newGate() *gate { return &gate{open: make(chan struct{})} }

func (g *gate) hold(string) { <-g.open }

func (g *gate) release() { g.once.Do(func() { close(g.open) }) }

// startLazy serves a site of lazyArticles articles, written into dir, with a low threshold
// and its workers held by g, which the test's end opens.
func startLazy(t *testing.T) (dir string, g *gate, d *dev) {
	t.Helper()
	dir, g = corpus.TempDir(t, lazyArticles), newGate()
	t.Cleanup(g.release) // before the server stops: cleanups run last first
	return dir, g, startDevWith(t, Config{Dir: dir, Quiet: testQuiet, LazyPages: lazyPages, gate: g.hold})
}

// coldBuild builds the site in dir as "guidepost build" would with the options of d.
func coldBuild(t *testing.T, d *dev, dir string) map[string][]byte {
	t.Helper()
	out := &site.Memory{}
	opts := site.Options{Theme: templates.FS, Drafts: true, BaseURL: d.url, Scripts: []string{ScriptPath}}
	res := site.Build(context.Background(), os.DirFS(dir), opts, out)
	if res.Diags.Errors() > 0 {
		t.Fatalf("the cold build failed: %v", res.Diags.Sorted())
	}
	return out.Files()
}

// relayout saves the site's own base.html, the built-in one changed as the i-th edit.
func relayout(t *testing.T, dir string, i int) {
	t.Helper()
	testutil.WriteFile(t, dir, "templates/base.html", string(layout(t, i)))
}

// relayoutFailing saves base.html changed as the i-th edit, and failing at run time on the
// page whose title is title, and on no other.
func relayoutFailing(t *testing.T, dir string, i int, title string) {
	t.Helper()
	broken := bytes.Replace(layout(t, i), []byte("</body>"), []byte(`{{if eq .Title "`+title+`"}}{{index .Title 100000}}{{end}}</body>`), 1)
	testutil.WriteFile(t, dir, "templates/base.html", string(broken))
}

// layout returns the built-in base.html changed as the i-th edit.
func layout(t *testing.T, i int) []byte {
	t.Helper()
	base, err := templates.FS.ReadFile("base.html")
	if err != nil {
		t.Fatal(err)
	}
	return corpus.Relayout(base, i)
}

// articlePages returns the URL paths of the first n article pages of files.
func articlePages(files map[string][]byte, n int) []string {
	var pages []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if strings.HasPrefix(name, "articles/") && strings.HasSuffix(name, "/index.html") && len(pages) < n {
			pages = append(pages, strings.TrimSuffix(name, "index.html"))
		}
	}
	return pages
}

// sameFiles reports how got differs from want, file by file.
func sameFiles(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	for name, data := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s: missing from the dev build", name)
		} else if !bytes.Equal(g, data) {
			t.Errorf("%s: %d bytes in the dev build, %d in the cold build", name, len(g), len(data))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: in the dev build only", name)
		}
	}
}

func TestLazyRebuildServesTheNewBuild(t *testing.T) {
	dir, g, d := startLazy(t)
	c := d.listen(t)
	c.next(t, "hello", nil)

	relayout(t, dir, 1)
	c.next(t, "reload", nil)
	d.waitFor(t, "serving the new build while its")
	cold := coldBuild(t, d, dir)

	// No worker has rendered a page: each of these renders for its request.
	paths := append(articlePages(cold, 3), "", "tags/", "sitemap.xml", "404.html")
	for _, p := range paths {
		name, _ := sitePath("/" + p)
		resp, body := d.get(t, p)
		if resp.StatusCode != http.StatusOK || body != string(cold[name]) {
			t.Errorf("GET /%s while pending: %s, %d bytes; the cold build has %d bytes", p, resp.Status, len(body), len(cold[name]))
		}
	}
	if b := d.good.Load(); b.whole() {
		t.Fatal("the build served is whole while its workers are held")
	}
	// A file the pending build does not have is answered once it is whole.
	missing := make(chan string)
	go func() {
		resp, body := d.get(t, "no-such-page/")
		if resp.StatusCode != http.StatusNotFound {
			body = resp.Status
		}
		missing <- body
	}()
	g.release()
	if body := <-missing; body != string(cold["404.html"]) {
		t.Errorf("GET /no-such-page/ while pending: %.200q, want the cold build's 404.html", body)
	}
	d.Whole()
	b := d.good.Load()
	if !b.whole() {
		t.Fatal("the build served is still pending after Whole")
	}
	sameFiles(t, all(b.files), cold)
}

func TestLazyRebuildWithAFailingPage(t *testing.T) {
	dir, g, d := startLazy(t)
	c := d.listen(t)
	c.next(t, "hello", nil)
	before := d.good.Load()
	old := all(before.files)
	pages := articlePages(old, 2)
	good, bad := pages[0], pages[1]
	title := pageTitle(t, old[bad+"index.html"])

	// The layout changes every page, and fails on one only, at run time.
	relayoutFailing(t, dir, 1, title)
	c.next(t, "reload", nil)
	d.waitFor(t, "serving the new build while its")

	if resp, body := d.get(t, good); resp.StatusCode != http.StatusOK || body == string(old[good+"index.html"]) {
		t.Errorf("GET /%s while pending: %s, want the page of the new build", good, resp.Status)
	}
	answer := make(chan string)
	go func() {
		resp, body := d.get(t, bad)
		if resp.StatusCode != http.StatusOK {
			body = resp.Status
		}
		answer <- body
	}()
	g.release()
	var ed errorsData
	c.next(t, "errors", &ed)
	if len(ed.Errors) == 0 || !strings.HasPrefix(ed.Errors[0].Pos, "templates/base.html") {
		t.Errorf("errors event: %+v, want the layout's error", ed.Errors)
	}
	if body := <-answer; body != string(old[bad+"index.html"]) {
		t.Errorf("GET /%s, the failing page: %.200q, want the page of the last good build", bad, body)
	}
	d.Whole()
	if after := d.good.Load(); !after.whole() || after.n <= before.n+1 {
		t.Errorf("after a page failed, build %d is served (whole: %v); want the last good one under a number after the failed build's %d", after.n, after.whole(), before.n+1)
	} else {
		sameFiles(t, all(after.files), old)
	}
	if resp, body := d.get(t, good); resp.StatusCode != http.StatusOK || body != string(old[good+"index.html"]) {
		t.Errorf("GET /%s after the failure: %s, want the page of the last good build", good, resp.Status)
	}
	d.waitFor(t, "still serving the last good build")
}

// pageTitle returns the text of page's h1.
func pageTitle(t *testing.T, page []byte) string {
	t.Helper()
	_, rest, ok := bytes.Cut(page, []byte("<h1"))
	if ok {
		_, rest, ok = bytes.Cut(rest, []byte(">"))
	}
	title, _, ok2 := bytes.Cut(rest, []byte("</h1>"))
	if !ok || !ok2 || len(title) == 0 || bytes.ContainsAny(title, `<&"`) {
		t.Fatalf("no plain h1 in the page:\n%.500s", page)
	}
	return string(title)
}

func TestLazyRebuildEditWhilePending(t *testing.T) {
	dir, g, d := startLazy(t)
	c := d.listen(t)
	c.next(t, "hello", nil)

	relayout(t, dir, 1)
	var first buildData
	c.next(t, "reload", &first)
	d.waitFor(t, "serving the new build while its")
	relayout(t, dir, 2)
	d.waitFor(t, "waiting for the pages of the last build to render")
	g.release()
	var second buildData
	c.next(t, "reload", &second)
	if second.Build != first.Build+1 {
		t.Errorf("builds %d then %d", first.Build, second.Build)
	}
	d.Whole()
	cold := coldBuild(t, d, dir)
	b := d.good.Load()
	if !b.whole() {
		t.Fatal("the build served is still pending after Whole")
	}
	sameFiles(t, all(b.files), cold)
	if n := strings.Count(d.log.String(), "serving the new build while its"); n != 2 {
		t.Errorf("%d builds served while pending, want 2:\n%s", n, d.log.String())
	}
}

// all returns the files of a build as one map.
func all(f files) map[string][]byte { return maps.Collect(f.All()) }

// TestPendingQuickServesTheEdit: an article's new title renders its page again and every
// listing that shows it (more files than the threshold of a quick build, the default): the
// rebuild is served while they render, each file that changed renders for the request that
// asks for it, and once they all have, the build served equals a cold build.
func TestPendingQuickServesTheEdit(t *testing.T) {
	dir, g, d := startLazy(t)
	c := d.listen(t)
	c.next(t, "hello", nil)
	before := all(d.good.Load().files)

	articles, err := filepath.Glob(filepath.Join(dir, "content", "articles", "*.md"))
	if err != nil || len(articles) == 0 {
		t.Fatalf("no article in %s: %v", dir, err)
	}
	src, err := os.ReadFile(articles[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(articles[0], corpus.Retitle(src, 1), 0o644); err != nil {
		t.Fatal(err)
	}
	c.next(t, "reload", nil)
	d.waitFor(t, "serving the new build while its")
	cold := coldBuild(t, d, dir)
	var changed []string
	for name, data := range cold {
		if !bytes.Equal(before[name], data) {
			changed = append(changed, name)
		}
	}
	if len(changed) <= rebuild.DefaultLazyQuick {
		t.Fatalf("the new title changed %d files (%q): too few for the test", len(changed), changed)
	}
	t.Logf("the new title changed %d files", len(changed))
	// No worker has rendered a file: each renders for its request.
	for _, name := range changed {
		p := strings.TrimSuffix(name, "index.html")
		if resp, body := d.get(t, p); resp.StatusCode != http.StatusOK || body != string(cold[name]) {
			t.Errorf("GET /%s while pending: %s, %d bytes; the cold build has %d bytes", p, resp.Status, len(body), len(cold[name]))
		}
	}
	if b := d.good.Load(); b.whole() {
		t.Fatal("the build served is whole while its workers are held")
	}
	g.release()
	d.Whole()
	b := d.good.Load()
	if !b.whole() {
		t.Fatal("the build served is still pending after Whole")
	}
	sameFiles(t, all(b.files), cold)
	d.waitFor(t, "rebuilt ")
}
