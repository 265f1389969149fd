package devserver

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"guidepost/generator/internal/browsertest"
	"guidepost/generator/internal/testutil"
	"guidepost/templates"
)

// sampleSite copies the repository's sample content into a new folder and returns it.
func sampleSite(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(browsertest.RepoRoot(t), "content")
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// dev is a dev server running for a test.
type dev struct {
	*Server
	url  string // ending in "/"
	log  *testutil.Buffer
	stop func() error // stops the server and returns what Run returned
}

// startDev serves the site in dir on 127.0.0.1 until the test ends.
func startDev(t testing.TB, dir string) *dev {
	t.Helper()
	return startDevQuiet(t, dir, testQuiet)
}

func startDevQuiet(t testing.TB, dir string, quiet time.Duration) *dev {
	t.Helper()
	return startDevWith(t, Config{Dir: dir, Quiet: quiet})
}

// startDevWith serves the site of cfg, with the repository's theme and a log of its own,
// on 127.0.0.1 until the test ends.
func startDevWith(t testing.TB, cfg Config) *dev {
	t.Helper()
	ln, err := Listen("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	log := &testutil.Buffer{}
	cfg.Options.Theme, cfg.Log = templates.FS, log
	s := New(ln, cfg)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	var once sync.Once
	var runErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(waitLimit):
				runErr = fmt.Errorf("Run did not return after its context was canceled")
			}
		})
		return runErr
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("stopping the dev server: %v", err)
		}
	})
	return &dev{Server: s, url: URL(ln), log: log, stop: stop}
}

// get fetches path from the dev server, without following redirects.
func (d *dev) get(t testing.TB, path string) (*http.Response, string) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(d.url + strings.TrimPrefix(path, "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// raw sends a request line exactly as written, with no cleaning by a client.
func (d *dev) raw(t testing.TB, method, target string) *http.Response {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimSuffix(strings.TrimPrefix(d.url, "http://"), "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", method, target)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

// waitFor waits until the log holds text.
func (d *dev) waitFor(t testing.TB, text string) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !strings.Contains(d.log.String(), text) {
		if time.Now().After(deadline) {
			t.Fatalf("the log never said %q:\n%s", text, d.log.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// sseClient reads the event stream of a dev server.
type sseClient struct {
	events chan Event // closed when the stream ends
	log    *testutil.Buffer
}

func (d *dev) listen(t testing.TB) *sseClient {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, "GET", d.url+"_guidepost/events", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || ct != "text/event-stream" {
		t.Fatalf("event stream: %s, Content-Type %q", resp.Status, ct)
	}
	c := &sseClient{events: make(chan Event, 64), log: d.log}
	go func() {
		defer close(c.events)
		defer resp.Body.Close()
		var e Event
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if e.Name != "" {
					c.events <- e
				}
				e = Event{}
			case strings.HasPrefix(line, "event: "):
				e.Name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				e.Data = []byte(strings.TrimPrefix(line, "data: "))
			}
		}
	}()
	t.Cleanup(cancel)
	return c
}

// next returns the next event, which must be called name, decoding its data into v.
func (c *sseClient) next(t testing.TB, name string, v any) {
	t.Helper()
	select {
	case e, ok := <-c.events:
		if !ok {
			t.Fatalf("the event stream ended; want event %q", name)
		}
		if e.Name != name {
			t.Fatalf("event %q %s, want event %q", e.Name, e.Data, name)
		}
		if v != nil {
			if err := json.Unmarshal(e.Data, v); err != nil {
				t.Fatalf("event %s: %v", e.Data, err)
			}
		}
	case <-time.After(waitLimit):
		t.Fatalf("no event came; want %q; the server said:\n%s", name, c.log.String())
	}
}

type buildData struct {
	Build int `json:"build"`
}

type errorsData struct {
	Errors []Problem `json:"errors"`
}

type cssData struct {
	Build       int               `json:"build"`
	Stylesheets map[string]string `json:"stylesheets"`
}

func title(page string) string {
	_, t, _ := strings.Cut(page, "<title>")
	t, _, _ = strings.Cut(t, "</title>")
	return t
}

const walking = "content/articles/walking.md"

// editFile replaces old by new in the file name of dir, which must hold old.
func editFile(t testing.TB, dir, name, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s does not hold %q", name, old)
	}
	if err := os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDevServer runs the edit loop of an editor against a real server: an edit reloads,
// a broken edit keeps the last good site and sends its errors, a fix clears them, a CSS
// edit swaps the stylesheet, and stopping ends everything.
func TestDevServer(t *testing.T) {
	dir := sampleSite(t)
	d := startDev(t, dir)

	resp, page := d.get(t, "/articles/walking/")
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-store" || !strings.Contains(page, `<script src="../../_guidepost/reload.js" defer></script>`) {
		t.Fatalf("article: %s, Cache-Control %q, page:\n%s", resp.Status, resp.Header.Get("Cache-Control"), page)
	}
	d.waitFor(t, "built 58 of 59 pages") // the search page is made with every build, not counted as rendered
	first := d.listen(t)
	var b buildData
	first.next(t, "hello", &b)
	if b.Build != 1 {
		t.Errorf("hello says build %d, want 1", b.Build)
	}

	// An edit: one article's page again, a reload.
	editFile(t, dir, walking, "## Why walk on a sore day", "## Why walk on a sore day, again")
	first.next(t, "reload", &b)
	if b.Build != 2 {
		t.Errorf("reload says build %d, want 2", b.Build)
	}
	if _, page := d.get(t, "/articles/walking/"); !strings.Contains(page, "Why walk on a sore day, again") {
		t.Errorf("the page does not show the edit:\n%s", page)
	}
	d.waitFor(t, walking+" changed: rebuilt 1 of 59 pages in ")

	// A broken edit: the last good site stays, the errors go to every browser.
	editFile(t, dir, walking, "title: ", "titel: ")
	var errs errorsData
	first.next(t, "errors", &errs)
	want := Problem{Pos: walking + ":2:1", Message: `unknown key "titel" in front matter`, Hint: `did you mean "title"?`}
	if !containsProblem(errs.Errors, want) {
		t.Errorf("errors %+v, want among them %+v", errs.Errors, want)
	}
	d.waitFor(t, walking+" changed: build failed with 2 errors")
	if !strings.Contains(d.log.String(), walking+`:2:1: unknown key "titel" in front matter; did you mean "title"?`) {
		t.Errorf("the terminal does not show the error:\n%s", d.log.String())
	}
	if resp, page := d.get(t, "/articles/walking/"); resp.StatusCode != 200 || title(page) != "Walking instead of a hard workout – Back pain and exercise" {
		t.Errorf("after a broken edit: %s, title %q; want the last good page", resp.Status, title(page))
	}
	late := d.listen(t) // a page loaded now is told of the errors at once
	late.next(t, "hello", &b)
	late.next(t, "errors", &errs)
	if b.Build != 2 || !containsProblem(errs.Errors, want) {
		t.Errorf("a browser connecting after the failure got build %d and errors %+v", b.Build, errs.Errors)
	}

	// The fix: a reload, and no errors for those who connect later.
	editFile(t, dir, walking, "titel: ", "title: ")
	first.next(t, "reload", &b)
	late.next(t, "reload", nil)
	if b.Build != 3 {
		t.Errorf("reload after the fix says build %d, want 3", b.Build)
	}
	fixed := d.listen(t)
	fixed.next(t, "hello", &b)

	// A CSS edit: the stylesheet is swapped, the pages are not reloaded.
	css, err := templates.FS.ReadFile("assets/style.css")
	if err != nil {
		t.Fatal(err)
	}
	testutil.WriteFile(t, dir, "templates/assets/style.css", string(css)+"\n.dev-test { color: inherit; }\n")
	var sheets cssData
	fixed.next(t, "css", &sheets) // not "errors": the greeting had none
	if len(sheets.Stylesheets) != 1 || sheets.Build != 4 {
		t.Fatalf("css event %+v, want one stylesheet replaced, build 4", sheets)
	}
	for from, to := range sheets.Stylesheets {
		if resp, body := d.get(t, to); resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/css; charset=utf-8" || !strings.Contains(body, ".dev-test") {
			t.Errorf("new stylesheet %s: %s, %s", to, resp.Status, resp.Header.Get("Content-Type"))
		}
		if resp, _ := d.get(t, from); resp.StatusCode != 404 {
			t.Errorf("old stylesheet %s: %s, want 404", from, resp.Status)
		}
		if _, page := d.get(t, "/"); !strings.Contains(page, `href="`+to+`"`) {
			t.Errorf("the home page does not link %s", to)
		}
	}

	// A new title: the article's page and the lists showing it, in a quick rebuild.
	editFile(t, dir, walking, "title: Walking instead of a hard workout", "title: A walk instead of a workout")
	fixed.next(t, "reload", &b)
	if b.Build != 5 {
		t.Errorf("reload after a new title says build %d, want 5", b.Build)
	}
	for _, p := range []string{"/", "/articles/walking/", "/tags/walking/"} {
		if _, page := d.get(t, p); !strings.Contains(page, "A walk instead of a workout") || strings.Contains(page, "Walking instead of a hard workout") {
			t.Errorf("%s does not show the new title:\n%s", p, page)
		}
	}

	// A template edit renders the pages of the kinds parsed from it: 404.html the 404 page.
	testutil.WriteFile(t, dir, "templates/404.html", `{{define "main"}}<h1>Lost</h1>{{end}}`)
	fixed.next(t, "reload", &b)
	d.waitFor(t, "templates/404.html changed: rebuilt 1 of 59 pages in ")
	if resp, page := d.get(t, "/nowhere"); resp.StatusCode != 404 || !strings.Contains(page, "<h1>Lost</h1>") {
		t.Errorf("after a template edit, a miss gives %s:\n%s", resp.Status, page)
	}

	// Stopping: Run returns, the streams end, the port is closed.
	if err := d.stop(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []*sseClient{first, late, fixed} {
		for range c.events { // until the stream ends
		}
	}
	if conn, err := net.Dial("tcp", strings.TrimSuffix(strings.TrimPrefix(d.url, "http://"), "/")); err == nil {
		conn.Close()
		t.Error("the server still accepts connections after it stopped")
	}
}

func containsProblem(list []Problem, p Problem) bool {
	for _, q := range list {
		if q == p {
			return true
		}
	}
	return false
}

// TestDevServerBrokenAtStart checks a site that does not build when the server starts: a
// waiting page, the errors, then the site once fixed.
func TestDevServerBrokenAtStart(t *testing.T) {
	dir := sampleSite(t)
	editFile(t, dir, walking, "title: ", "title: [")
	d := startDev(t, dir)
	resp, page := d.get(t, "/articles/walking/")
	if resp.StatusCode != 503 || !strings.Contains(page, `<script src="/_guidepost/reload.js" defer></script>`) {
		t.Fatalf("before a good build: %s\n%s", resp.Status, page)
	}
	c := d.listen(t)
	var b buildData
	var errs errorsData
	c.next(t, "hello", &b)
	c.next(t, "errors", &errs)
	if b.Build != 0 || !slices.ContainsFunc(errs.Errors, func(p Problem) bool { return strings.HasPrefix(p.Pos, walking+":2:") }) {
		t.Errorf("greeting: build %d, errors %+v", b.Build, errs.Errors)
	}
	d.waitFor(t, "nothing to serve until it builds")
	editFile(t, dir, walking, "title: [", "title: ")
	c.next(t, "reload", &b)
	if resp, _ := d.get(t, "/articles/walking/"); resp.StatusCode != 200 || b.Build != 1 {
		t.Errorf("after the fix: %s, build %d", resp.Status, b.Build)
	}
}

// TestDevServerPaths checks what the server answers for each kind of path, attempts to
// get out of the site among them.
func TestDevServerPaths(t *testing.T) {
	dir := sampleSite(t)
	outside := t.TempDir()
	testutil.WriteFile(t, outside, "secret.txt", "secret")
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "content/media-secret.txt")); err != nil {
		t.Fatal(err)
	}
	testutil.WriteFile(t, dir, "content/media/photo.txt", "a media file")
	for link, target := range map[string]string{
		"content/media/secret.txt": filepath.Join(outside, "secret.txt"),
		"content/media/outside":    outside,
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	testutil.WriteFile(t, dir, "go.mod", "module secret")
	testutil.WriteFile(t, dir, "content/articles/unfinished.md", "---\ntitle: Unfinished\ndescription: Not ready yet.\ndraft: true\n---\n\nText.\n")
	d := startDev(t, dir)
	if resp, page := d.get(t, "/articles/unfinished/"); resp.StatusCode != 200 || !strings.Contains(page, `class="draft-mark"`) {
		t.Errorf("a draft article: %s, not marked as a draft:\n%s", resp.Status, page)
	}

	tests := []struct {
		method, target string
		status         int
		ctype          string
		location       string
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", ""},
		{"HEAD", "/", 200, "text/html; charset=utf-8", ""},
		{"GET", "/index.html", 200, "text/html; charset=utf-8", ""},
		{"GET", "/articles/walking/", 200, "text/html; charset=utf-8", ""},
		{"GET", "/articles/walking", 302, "text/html; charset=utf-8", "/articles/walking/"},
		{"GET", "/articles/walking?x=1", 302, "text/html; charset=utf-8", "/articles/walking/?x=1"},
		{"GET", "/media/photo.txt", 200, "text/plain; charset=utf-8", ""},
		{"GET", "/sitemap.xml", 200, "text/xml; charset=utf-8", ""},
		{"GET", "/_guidepost/reload.js", 200, "text/javascript; charset=utf-8", ""},
		{"GET", "/articles/walking/_guidepost/reload.js", 200, "text/javascript; charset=utf-8", ""},
		{"GET", "/_guidepost/overlay.css", 200, "text/css; charset=utf-8", ""},
		{"GET", "/_guidepost/other", 404, "text/plain; charset=utf-8", ""},
		{"POST", "/", 405, "text/plain; charset=utf-8", ""},
		{"POST", "/_guidepost/events", 405, "text/plain; charset=utf-8", ""},
		// The A to Z and the topics are pages; other folders have no listing, and nothing
		// outside the build is served.
		{"GET", "/articles/", 200, "text/html; charset=utf-8", ""},
		{"GET", "/tags/", 200, "text/html; charset=utf-8", ""},
		{"GET", "/questionnaires/", 404, "text/html; charset=utf-8", ""},
		{"GET", "/assets/", 404, "text/html; charset=utf-8", ""},
		{"GET", "/nowhere", 404, "text/html; charset=utf-8", ""},
		{"GET", "/content/site.yaml", 404, "text/html; charset=utf-8", ""},
		{"GET", "/../go.mod", 404, "text/html; charset=utf-8", ""},
		{"GET", "/articles/../../go.mod", 404, "text/html; charset=utf-8", ""},
		{"GET", "/articles/../index.html", 404, "text/html; charset=utf-8", ""},
		{"GET", "/%2e%2e/go.mod", 404, "text/html; charset=utf-8", ""},
		{"GET", "/%2E%2E%2Fgo.mod", 404, "text/html; charset=utf-8", ""},
		{"GET", "/..%2f..%2fetc/passwd", 404, "text/html; charset=utf-8", ""},
		{"GET", "/..\\..\\go.mod", 404, "text/html; charset=utf-8", ""},
		{"GET", "/./index.html", 404, "text/html; charset=utf-8", ""},
		{"GET", "//etc/passwd", 404, "text/html; charset=utf-8", ""},
		{"GET", "/media/secret.txt", 404, "text/html; charset=utf-8", ""},
		{"GET", "/media/outside/secret.txt", 404, "text/html; charset=utf-8", ""},
		{"GET", "/media-secret.txt", 404, "text/html; charset=utf-8", ""},
		{"GET", "/media/photo.txt%00.html", 404, "text/html; charset=utf-8", ""},
	}
	for _, tt := range tests {
		resp := d.raw(t, tt.method, tt.target)
		if resp.StatusCode != tt.status || resp.Header.Get("Content-Type") != tt.ctype || resp.Header.Get("Location") != tt.location {
			t.Errorf("%s %s: %s, Content-Type %q, Location %q; want %d, %q, %q", tt.method, tt.target,
				resp.Status, resp.Header.Get("Content-Type"), resp.Header.Get("Location"), tt.status, tt.ctype, tt.location)
		}
		if resp.StatusCode != 405 && resp.Header.Get("Cache-Control") != "no-store" && resp.Header.Get("Content-Type") != "text/plain; charset=utf-8" {
			t.Errorf("%s %s: Cache-Control %q, want no-store", tt.method, tt.target, resp.Header.Get("Cache-Control"))
		}
	}
	if _, page := d.get(t, "/nowhere"); !strings.Contains(page, "Page not found") {
		t.Errorf("a miss does not answer with 404.html:\n%s", page)
	}
}

// TestListenTakenPort checks that a taken port gives the next free one.
func TestListenTakenPort(t *testing.T) {
	first, err := Listen("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	port := first.Addr().(*net.TCPAddr).Port
	second, err := Listen("127.0.0.1", port)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	if got := second.Addr().(*net.TCPAddr).Port; got <= port || got > port+20 {
		t.Errorf("port %d taken: got port %d, want one of the next 20", port, got)
	}
}
