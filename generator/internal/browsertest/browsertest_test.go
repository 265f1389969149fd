package browsertest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"guidepost/generator/internal/testutil"
)

// page is a small valid and accessible HTML document around body.
func page(title, head, body string) string {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>` + title + `</title>
` + head + `
</head>
<body>
<main>
<h1>` + title + `</h1>
` + body + `
</main>
</body>
</html>
`
}

const goodBody = `<p>A guide with a <a href="other.html">link</a>.</p>
<img src="pic.png" alt="A picture" width="10" height="10">
<form action="#">
<label for="q">Search</label> <input type="text" id="q" name="q">
<button type="submit">Go</button>
</form>`

// writeFiles writes name → content under a new temporary folder.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, files)
	return dir
}

func fileURL(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func hasLine(lines []string, sub string) bool {
	return slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, sub) })
}

func TestRepoRoot(t *testing.T) {
	t.Parallel()
	root := RepoRoot(t)
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(mod, []byte("module guidepost\n")) {
		t.Errorf("RepoRoot = %s, whose go.mod is not guidepost's", root)
	}
}

func TestVnu(t *testing.T) {
	t.Parallel()
	valid := writeFiles(t, map[string]string{
		"index.html":     page("Valid", "", goodBody),
		"sub/index.html": page("Sub", "", "<p>Sub page.</p>"),
		"style.css":      "body { color: #111 }",
		"app.js":         "document.title += '!';",
		"sitemap.xml":    `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://x/</loc></url></urlset>`,
	})
	if errs := Vnu(t, valid); len(errs) != 0 {
		t.Errorf("Vnu(valid site) = %q, want none", errs)
	}

	invalid := writeFiles(t, map[string]string{
		"index.html": page("Invalid", "", `<p id="dup">One</p><p id="dup">Two</p><img src="pic.png">`),
		"ok.html":    page("Fine", "", "<p>Fine.</p>"),
	})
	errs := Vnu(t, invalid)
	for _, want := range []string{"Duplicate ID “dup”", "must have an “alt” attribute"} {
		if !hasLine(errs, want) {
			t.Errorf("Vnu(invalid site) has no %q in %q", want, errs)
		}
	}
	for _, e := range errs {
		if !strings.Contains(e, "index.html") || !strings.Contains(e, ": error: ") {
			t.Errorf("Vnu line %q is not an error of index.html in the GNU format", e)
		}
	}

	// One run: the errors are those of the invalid file only.
	errs = VnuFiles(t, filepath.Join(invalid, "ok.html"), filepath.Join(valid, "sitemap.xml"), filepath.Join(invalid, "index.html"))
	if !hasLine(errs, "Duplicate ID") {
		t.Errorf("VnuFiles(ok.html, sitemap.xml, invalid index.html) = %q, want a duplicate ID", errs)
	}
	for _, e := range errs {
		if !strings.Contains(e, "/index.html") {
			t.Errorf("VnuFiles line %q is not about index.html", e)
		}
	}
	if errs := VnuFiles(t, filepath.Join(valid, "sitemap.xml")); len(errs) != 0 {
		t.Errorf("VnuFiles(sitemap.xml) = %q, want none (skipped)", errs)
	}
}

func TestAxe(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{
		"good.html": page("Good", "", goodBody),
		"bad.html": page("Bad", "", `<p style="color:#bbb;background:#fff">Pale text that is hard to read.</p>
<form action="#"><input type="text" id="q" name="q"><button type="submit">Go</button></form>`),
	})
	ctx := NewBrowser(t)

	Navigate(t, ctx, fileURL(filepath.Join(dir, "good.html")))
	if v := Axe(t, ctx); len(v) != 0 {
		t.Errorf("Axe(good page) = %v, want none", v)
	}

	Navigate(t, ctx, fileURL(filepath.Join(dir, "bad.html")))
	v := Axe(t, ctx)
	ids := map[string]AxeViolation{}
	for _, x := range v {
		ids[x.ID] = x
	}
	for _, id := range []string{"label", "color-contrast"} {
		x, ok := ids[id]
		if !ok {
			t.Errorf("Axe(bad page) = %v, want a %q violation", v, id)
			continue
		}
		if x.Impact == "" || x.Help == "" || len(x.Targets) == 0 {
			t.Errorf("violation %q lacks a field: %+v", id, x)
		}
	}
	if x := ids["label"]; len(x.Targets) > 0 && x.Targets[0] != "#q" {
		t.Errorf("label violation targets %q, want #q", x.Targets)
	}
	if len(v) != 2 {
		t.Errorf("Axe(bad page) = %v, want only label and color-contrast", v)
	}
}

func TestServeUnderPrefix(t *testing.T) {
	t.Parallel()
	site := writeFiles(t, map[string]string{
		"index.html":     page("Home", `<link rel="stylesheet" href="style.css">`, `<p><a href="sub/">Sub</a></p>`),
		"style.css":      "p { color: #111 }",
		"sub/index.html": page("Sub", "", "<p>Sub page.</p>"),
		"404.html":       page("Not found", "", "<p>No such page.</p>"),
	})
	hdr := http.Header{"X-Guidepost-Test": {"yes"}, "Cache-Control": {"no-store"}}
	base := Serve(t, site, "guides", hdr)
	if !strings.HasPrefix(base, "http://127.0.0.1:") || !strings.HasSuffix(base, "/guides/") {
		t.Fatalf("Serve = %q, want http://127.0.0.1:PORT/guides/", base)
	}
	origin := strings.TrimSuffix(base, "/guides/")

	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, c := range []struct {
		path, location string
		status         int
		body           string
	}{
		{path: "/guides/", status: 200, body: "<title>Home</title>"},
		{path: "/guides/index.html", status: 200, body: "<title>Home</title>"},
		{path: "/guides/style.css", status: 200, body: "color: #111"},
		{path: "/guides/sub/", status: 200, body: "<title>Sub</title>"},
		{path: "/guides/sub", status: 301, location: "/guides/sub/"},
		{path: "/guides", status: 301, location: "/guides/"},
		{path: "/guides/missing.html", status: 404, body: "<title>Not found</title>"},
		{path: "/guides/../index.html", status: 404},
		{path: "/", status: 404},
		{path: "/index.html", status: 404},
		{path: "/style.css", status: 404},
		{path: "/other/guides/index.html", status: 404},
	} {
		resp, err := noFollow.Get(origin + c.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Errorf("GET %s: status %d, want %d", c.path, resp.StatusCode, c.status)
		}
		if got := resp.Header.Get("X-Guidepost-Test"); got != "yes" {
			t.Errorf("GET %s: X-Guidepost-Test %q, want yes", c.path, got)
		}
		if c.location != "" && resp.Header.Get("Location") != c.location {
			t.Errorf("GET %s: Location %q, want %q", c.path, resp.Header.Get("Location"), c.location)
		}
		if c.body != "" && !strings.Contains(string(body), c.body) {
			t.Errorf("GET %s: body has no %q", c.path, c.body)
		}
	}

	ctx := NewBrowser(t)
	console := CaptureConsole(ctx)
	Navigate(t, ctx, base)
	if title := run(t, ctx, chromedp.Title()); title != "Home" {
		t.Errorf("title %q, want Home", title)
	}
	color := run(t, ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('p')).color`))
	if color != "rgb(17, 17, 17)" {
		t.Errorf("the stylesheet did not apply: p color %q", color)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("a[href='sub/']"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	// The click loads the page without waiting for it: poll the title.
	if title := run(t, ctx, chromedp.Poll[string](`document.title === 'Sub' && document.title`)); title != "Sub" {
		t.Errorf("after the click the title is %q, want Sub", title)
	}
	if errs := console.Errors(); len(errs) != 0 {
		t.Errorf("console errors %q, want none", errs)
	}
	reqs := console.Requests()
	for _, want := range []string{base, base + "style.css", base + "sub/"} {
		if !slices.Contains(reqs, want) {
			t.Errorf("requests %q lack %q", reqs, want)
		}
	}
	for _, r := range reqs {
		if !strings.HasPrefix(r, base) {
			t.Errorf("request %q is outside %s", r, base)
		}
	}
}

func TestCaptureConsole(t *testing.T) {
	t.Parallel()
	site := writeFiles(t, map[string]string{
		"index.html": page("Console", `<link rel="stylesheet" href="missing.css">`, `<p>Hi</p>
<script>
console.log("just a log");
console.warn("just a warning");
console.error("boom", 42, {a: 1});
console.assert(1 === 2, "assertion went wrong");
setTimeout(() => { throw new TypeError("thrown later"); }, 0);
Promise.reject(new Error("rejected"));
</script>`),
	})
	base := Serve(t, site, "/guides/", nil)
	ctx := NewBrowser(t)
	console := CaptureConsole(ctx)
	Navigate(t, ctx, base)
	// The exception of the timer comes after the load event.
	run(t, ctx, chromedp.Poll[bool](`new Promise(r => setTimeout(() => r(true), 50))`))

	errs := console.Errors()
	for _, want := range []string{
		"console.error: boom 42",
		"console.assert: assertion went wrong",
		"exception: Uncaught TypeError: thrown later",
		"rejected",
		"HTTP 404: " + base + "missing.css",
	} {
		if !hasLine(errs, want) {
			t.Errorf("errors %q lack %q", errs, want)
		}
	}
	if hasLine(errs, "just a") {
		t.Errorf("errors %q have a log or a warning", errs)
	}
	if !hasLine(errs, base+":") {
		t.Errorf("errors %q do not say where (%s:LINE)", errs, base)
	}
	if reqs := console.Requests(); !slices.Contains(reqs, base+"missing.css") {
		t.Errorf("requests %q lack missing.css", reqs)
	}
}

func TestCaptureConsoleCSP(t *testing.T) {
	t.Parallel()
	site := writeFiles(t, map[string]string{
		"index.html": page("CSP", `<link rel="stylesheet" href="style.css">`, `<p>Strict page.</p>
<script>document.title = 'ran';</script>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="dot">`),
		"style.css": "p { color: #111 }",
	})
	base := Serve(t, site, "/guides/", http.Header{"Content-Security-Policy": {"default-src 'self'"}})
	ctx := NewBrowser(t)
	console := CaptureConsole(ctx)
	Navigate(t, ctx, base)
	if title := run(t, ctx, chromedp.Title()); title != "CSP" {
		t.Errorf("title %q: the inline script ran despite the policy", title)
	}
	errs := console.Errors()
	for _, want := range []string{
		"security: Executing inline script violates the following Content Security Policy directive",
		"(" + base + ":13)",
		"request failed: blocked: csp data:image/gif",
	} {
		if !hasLine(errs, want) {
			t.Errorf("errors %q lack %q", errs, want)
		}
	}
	if hasLine(errs, "style.css") {
		t.Errorf("errors %q name the allowed stylesheet", errs)
	}
}

func TestFileURL(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{
		"index.html": page("File", `<script src="app.js"></script>`, `<p id="out">static</p><img src="missing.png" alt="gone">`),
		"app.js":     `document.addEventListener('DOMContentLoaded', () => { document.getElementById('out').textContent = 'scripted'; });`,
	})
	ctx := NewBrowser(t)
	console := CaptureConsole(ctx)
	Navigate(t, ctx, fileURL(filepath.Join(dir, "index.html")))
	if got := run(t, ctx, chromedp.Text(chromedp.CSS("#out"))); got != "scripted" {
		t.Errorf("#out = %q, want scripted (app.js ran)", got)
	}
	if title := run(t, ctx, chromedp.Title()); title != "File" {
		t.Errorf("title %q, want File", title)
	}
	errs := console.Errors()
	if !hasLine(errs, "request failed: net::ERR_FILE_NOT_FOUND "+fileURL(filepath.Join(dir, "missing.png"))) {
		t.Errorf("errors %q lack the missing image", errs)
	}
	if len(errs) != 1 {
		t.Errorf("errors %q, want only the missing image", errs)
	}
}

func TestDisableJavaScriptAndNewTab(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{
		"index.html": page("NoJS", "", `<p id="out">static</p><script>document.getElementById('out').textContent = 'scripted';</script>`),
	})
	u := fileURL(filepath.Join(dir, "index.html"))
	browser := NewBrowser(t)
	tab := NewTab(t, browser)
	if err := DisableJavaScript(tab); err != nil {
		t.Fatal(err)
	}
	Navigate(t, tab, u)
	if got := run(t, tab, chromedp.Text(chromedp.CSS("#out"))); got != "static" {
		t.Errorf("with JavaScript off #out = %q, want static", got)
	}
	if v := Axe(t, tab); len(v) != 0 {
		t.Errorf("Axe with JavaScript off = %v, want none", v)
	}
	// The first tab still runs scripts.
	Navigate(t, browser, u)
	if got := run(t, browser, chromedp.Text(chromedp.CSS("#out"))); got != "scripted" {
		t.Errorf("in the first tab #out = %q, want scripted", got)
	}
}

func TestEmulationAndScreenshot(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{
		"index.html": page("Media", `<style>
body { background: #fff; color: #000 }
@media (prefers-color-scheme: dark) { body { background: #000; color: #fff } }
</style>`, `<p>Colors.</p>`),
	})
	ctx := NewBrowser(t)
	if err := SetViewport(ctx, 375, 700); err != nil {
		t.Fatal(err)
	}
	if err := PreferDarkColorScheme(ctx); err != nil {
		t.Fatal(err)
	}
	Navigate(t, ctx, fileURL(filepath.Join(dir, "index.html")))
	if w := run(t, ctx, chromedp.Evaluate[int](`window.innerWidth`)); w != 375 {
		t.Errorf("innerWidth %d, want 375", w)
	}
	bg := run(t, ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`))
	if bg != "rgb(0, 0, 0)" {
		t.Errorf("dark background %q, want rgb(0, 0, 0)", bg)
	}
	if err := EmulateMedia(ctx, nil); err != nil {
		t.Fatal(err)
	}
	bg = run(t, ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`))
	if bg != "rgb(255, 255, 255)" {
		t.Errorf("light background %q, want rgb(255, 255, 255)", bg)
	}

	shot := filepath.Join(t.TempDir(), "shots", "page.png")
	Screenshot(t, ctx, shot)
	png, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) || len(png) < 1000 {
		t.Errorf("screenshot is not a PNG (%d bytes)", len(png))
	}
}

// TestNoChromiumSurvives checks that a test's cleanup ends every process of
// its browser.
func TestNoChromiumSurvives(t *testing.T) {
	t.Parallel()
	var marker string
	t.Run("browser", func(t *testing.T) {
		marker = filepath.Dir(t.TempDir()) // the folder of this subtest's temporary folders
		ctx := NewBrowser(t)
		Navigate(t, ctx, "about:blank")
		if n := processesWith(marker); n == 0 {
			t.Fatalf("no process has %s in its command line while the browser runs", marker)
		}
	})
	if n := processesWith(marker); n != 0 {
		t.Errorf("%d processes still use the profile under %s", n, marker)
	}
}

func processesWith(sub string) int {
	entries, _ := os.ReadDir("/proc")
	n := 0
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		cmdline, err := os.ReadFile("/proc/" + e.Name() + "/cmdline")
		if err == nil && bytes.Contains(cmdline, []byte("--user-data-dir="+sub)) {
			n++
		}
	}
	return n
}
