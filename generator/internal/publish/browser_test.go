package publish

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"guidepost/generator/internal/browsertest"
	"guidepost/generator/internal/site"
	"guidepost/templates"
)

// The walk through the sample site (content/ at the top of the repository) that every
// browser test takes: home, an article, the questionnaire it recommends, the questionnaire
// answered to an outcome, and an article the outcome recommends.
const (
	walkArticle       = "Walking instead of a hard workout"
	walkQuestionnaire = "Should I work out today?"
	walkStart         = "Start: " + walkQuestionnaire // the article's "Check what to do" card's button, as read aloud
	walkOutcome       = "Swap your workout for a walk or a swim"
	walkFinal         = "Exercise in water"
	// The first question is a checklist with each: true: with the script, "None of these"
	// is ticked; without, each item has a page of its own, answered "No, it does not".
	walkChecklist = "Do any of these apply to you?"
	walkNoneText  = "None of these"
	walkNoItem    = "No, it does not"
)

// walkAnswers are the answers to the choice questions on the way to walkOutcome.
var walkAnswers = []string{"No pain, or only slight stiffness", "Running, jumping or another high-impact workout"}

func TestBrowser(t *testing.T) {
	root := browsertest.RepoRoot(t)
	sample := os.DirFS(root)
	browser := browsertest.NewBrowser(t)

	t.Run("cdn", func(t *testing.T) {
		// The folder a CDN serves, under a sub-path, with the headers _headers gives every
		// file (the CSP among them) on every response, 404s included.
		dir := filepath.Join(t.TempDir(), "public")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		headers := http.Header{}
		base := browsertest.Serve(t, dir, "/guides/", headers)
		buildDir(t, sample, dir, site.Options{BaseURL: base})
		rules := parseHeaders(t, mustRead(t, filepath.Join(dir, HeadersFile)))
		for _, r := range rules {
			if r.pattern == "/*" {
				for name, v := range r.headers {
					headers.Set(name, v)
				}
			}
		}
		if headers.Get("Content-Security-Policy") != CSP {
			t.Fatalf("_headers gives /* no CSP: %v", rules)
		}
		if errs := browsertest.Vnu(t, dir); len(errs) > 0 {
			t.Errorf("Nu checker on the minified build:\n%s", strings.Join(errs, "\n"))
		}
		inSite := func(u string) bool { return strings.HasPrefix(u, base) }

		t.Run("static", func(t *testing.T) {
			tab := browsertest.NewTab(t, browser)
			if err := browsertest.DisableJavaScript(tab); err != nil {
				t.Fatal(err)
			}
			console := browsertest.CaptureConsole(tab)
			browsertest.Navigate(t, tab, base)
			walkPages(t, tab, false, true)
			checkConsole(t, console, 9, inSite)
		})
		t.Run("script", func(t *testing.T) {
			tab := browsertest.NewTab(t, browser)
			console := browsertest.CaptureConsole(tab)
			browsertest.Navigate(t, tab, base)
			walkPages(t, tab, true, false)
			checkConsole(t, console, 9, inSite)
		})
		t.Run("404", func(t *testing.T) {
			tab := browsertest.NewTab(t, browser)
			console := browsertest.CaptureConsole(tab)
			browsertest.Navigate(t, tab, base+"articles/no-such-page/deeper/")
			if got := visibleH1(t, tab); got != "Page not found" {
				t.Errorf("h1 %q, want the 404 page", got)
			}
			if !styled(t, tab) {
				t.Error("the 404 page is not styled: its stylesheet did not load")
			}
			follow(t, tab, "Go to the home page", false)
			if !styled(t, tab) || !strings.HasPrefix(location(t, tab), base) {
				t.Errorf("the 404 page's home link led to %s", location(t, tab))
			}
			errs := slices.DeleteFunc(console.Errors(), func(e string) bool {
				return strings.HasPrefix(e, "HTTP 404: "+base+"articles/no-such-page/")
			})
			if len(errs) > 0 {
				t.Errorf("console:\n%s", strings.Join(errs, "\n"))
			}
		})
	})

	t.Run("offline", func(t *testing.T) {
		// The copy a reader gets: the offline build, zipped, then unzipped elsewhere.
		built := filepath.Join(t.TempDir(), "offline")
		buildDir(t, sample, built, site.Options{Offline: true})
		var archive bytes.Buffer
		if err := Zip(&archive, os.DirFS(built)); err != nil {
			t.Fatal(err)
		}
		dir := unzip(t, archive.Bytes())
		local := func(u string) bool { return strings.HasPrefix(u, "file://") }
		for _, script := range []bool{false, true} {
			t.Run(map[bool]string{false: "static", true: "script"}[script], func(t *testing.T) {
				tab := browsertest.NewTab(t, browser)
				blockNetwork(t, tab)
				if !script {
					if err := browsertest.DisableJavaScript(tab); err != nil {
						t.Fatal(err)
					}
				}
				console := browsertest.CaptureConsole(tab)
				browsertest.Navigate(t, tab, "file://"+filepath.ToSlash(filepath.Join(dir, "index.html")))
				walkPages(t, tab, script, false)
				checkConsole(t, console, 9, local)
			})
		}
	})

	t.Run("single", func(t *testing.T) {
		doc, res := Single(context.Background(), sample, site.Options{Theme: templates.FS, Minify: Minify()})
		if res.Diags.Errors() > 0 {
			t.Fatalf("single file: %v", res.Diags.Sorted())
		}
		file := filepath.Join(t.TempDir(), "guidepost.html")
		if err := os.WriteFile(file, doc, 0o644); err != nil {
			t.Fatal(err)
		}
		if errs := browsertest.VnuFiles(t, file); len(errs) > 0 {
			t.Errorf("Nu checker:\n%s", strings.Join(errs, "\n"))
		}
		tab := browsertest.NewTab(t, browser)
		blockNetwork(t, tab)
		console := browsertest.CaptureConsole(tab)
		url := "file://" + filepath.ToSlash(file)
		browsertest.Navigate(t, tab, url)
		if got := visibleH1(t, tab); got == "" {
			t.Fatal("the single file shows no page when opened")
		}
		for _, text := range []string{walkArticle, walkStart, "Start now"} {
			click(t, tab, text)
		}
		for i := 0; i < 10 && visibleH1(t, tab) == walkChecklist; i++ {
			click(t, tab, walkNoItem)
		}
		for _, text := range walkAnswers {
			click(t, tab, text)
		}
		if got := visibleH1(t, tab); got != walkOutcome {
			t.Fatalf("after the answers the file shows %q, want %q", got, walkOutcome)
		}
		axe(t, tab, "outcome")
		click(t, tab, walkFinal)
		if got := visibleH1(t, tab); got != walkFinal {
			t.Fatalf("the recommended article's link shows %q, want %q", got, walkFinal)
		}
		axe(t, tab, "article")
		click(t, tab, "Skip to main content")
		if got := visibleH1(t, tab); got != walkFinal {
			t.Errorf("the skip link shows %q, want the same page, %q", got, walkFinal)
		}
		if !strings.HasPrefix(location(t, tab), url+"#") {
			t.Errorf("the walk left the file: %s", location(t, tab))
		}
		checkConsole(t, console, 1, func(u string) bool { return u == url || strings.HasPrefix(u, "data:") })
	})
}

// buildDir builds fsys into the folder dir as guidepost build does: minified, with
// _headers unless offline.
func buildDir(t testing.TB, fsys fs.FS, dir string, opts site.Options) {
	t.Helper()
	out, err := site.NewDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	opts.Theme, opts.Minify = templates.FS, Minify()
	res := site.Build(context.Background(), fsys, opts, out)
	if !opts.Offline && res.Diags.Errors() == 0 {
		if err := out.WriteFile(HeadersFile, Headers(res.Written, res.Hashed)); err != nil {
			t.Fatal(err)
		}
	}
	if res.Diags.Errors() > 0 {
		out.Abort()
		t.Fatalf("build: %v", res.Diags.Sorted())
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
}

// unzip extracts a zip archive into a new folder and returns the folder.
func unzip(t *testing.T, archive []byte) string {
	t.Helper()
	dir := t.TempDir()
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		name := filepath.Join(dir, filepath.FromSlash(f.Name))
		if !strings.HasPrefix(name, dir+string(filepath.Separator)) {
			t.Fatalf("zip entry %s is outside the folder", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err == nil {
			err = os.MkdirAll(filepath.Dir(name), 0o755)
		}
		if err == nil {
			err = os.WriteFile(name, data, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// walkPages takes the walk from the home page that the tab shows, by following links as a
// reader does. With script, the questionnaire is answered in place by its script; without,
// through the static pages of its nodes (and axe checks the outcome page when asked).
func walkPages(t *testing.T, tab context.Context, script, runAxe bool) {
	t.Helper()
	follow(t, tab, walkArticle, true)
	follow(t, tab, walkStart, false) // its text is "Start", the questionnaire's page's h1 its title
	if script {
		clickWhenReady(t, tab, "Start now")  // asks the first question in place
		clickWhenReady(t, tab, walkNoneText) // the checklist: none applies
		clickWhenReady(t, tab, "Continue")
		for _, a := range walkAnswers {
			clickWhenReady(t, tab, a)
			clickWhenReady(t, tab, "Continue")
		}
		waitFor(t, tab, "the outcome", fmt.Sprintf("document.body.innerText.includes(%s)", jsString(walkOutcome)))
	} else {
		follow(t, tab, "Start now", false)
		for i := 0; i < 10 && visibleH1(t, tab) == walkChecklist; i++ {
			follow(t, tab, walkNoItem, false)
		}
		for _, a := range walkAnswers {
			follow(t, tab, a, false)
		}
		if got := visibleH1(t, tab); got != walkOutcome {
			t.Fatalf("the answers led to %q, want %q", got, walkOutcome)
		}
		if runAxe {
			axe(t, tab, "outcome")
		}
	}
	follow(t, tab, walkFinal, true)
}

// findJS is a function that returns the first visible link, button or label whose text is
// text, or else starts with it.
const findJS = `(text => {
	const all = [...document.querySelectorAll('a, button, label')].filter(e => e.getClientRects().length > 0);
	const words = e => e.textContent.trim().replace(/\s+/g, ' ');
	return all.find(e => words(e) === text) || all.find(e => words(e).startsWith(text)) || null;
})`

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// follow goes where the visible link with text leads, as a click would, and waits for the
// page to load; with h1, the page's heading must be text.
func follow(t *testing.T, tab context.Context, text string, h1 bool) {
	t.Helper()
	href := browsertest.Eval[string](t, tab, fmt.Sprintf("(e => e && e.href || '')(%s(%s))", findJS, jsString(text)))
	if href == "" {
		t.Fatalf("%s: no visible link %q", location(t, tab), text)
	}
	browsertest.Navigate(t, tab, href)
	if got := visibleH1(t, tab); h1 && got != text {
		t.Fatalf("the link %q led to %s, whose heading is %q", text, href, got)
	}
}

// click clicks the visible link, button or label with text, in the page.
func click(t *testing.T, tab context.Context, text string) {
	t.Helper()
	if !browsertest.Eval[bool](t, tab, fmt.Sprintf("(e => { if (!e) return false; e.click(); return true })(%s(%s))", findJS, jsString(text))) {
		t.Fatalf("%s: nothing visible to click with the text %q (showing %q)", location(t, tab), text, visibleH1(t, tab))
	}
}

// clickWhenReady waits for the link, button or label with text to show, then clicks it.
func clickWhenReady(t *testing.T, tab context.Context, text string) {
	t.Helper()
	waitFor(t, tab, fmt.Sprintf("%q to show", text), fmt.Sprintf("!!%s(%s)", findJS, jsString(text)))
	click(t, tab, text)
}

// waitFor waits until the JavaScript expression is true in the tab, which runs scripts.
func waitFor(t *testing.T, tab context.Context, what, expr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, browsertest.ActionTimeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr)); err != nil {
		t.Fatalf("%s: waiting for %s: %v", location(t, tab), what, err)
	}
}

// visibleH1 returns the text of the one visible h1 of the page, or "" when there is not
// exactly one.
func visibleH1(t *testing.T, tab context.Context) string {
	t.Helper()
	return browsertest.Eval[string](t, tab, `(() => {
		const hs = [...document.querySelectorAll('h1')].filter(h => h.getClientRects().length > 0);
		return hs.length === 1 ? hs[0].textContent.trim() : '';
	})()`)
}

func location(t *testing.T, tab context.Context) string {
	t.Helper()
	return browsertest.Eval[string](t, tab, "location.href")
}

// styled says whether a stylesheet with rules applies to the page.
func styled(t *testing.T, tab context.Context) bool {
	t.Helper()
	return browsertest.Eval[bool](t, tab, `[...document.styleSheets].some(s => { try { return s.cssRules.length > 0 } catch (e) { return false } })`)
}

// blockNetwork makes every request of the tab to a network address fail.
func blockNetwork(t *testing.T, tab context.Context) {
	t.Helper()
	if _, err := chromedp.Call(tab, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	var patterns []*network.BlockPattern
	for _, scheme := range []string{"http", "https", "ws", "wss"} {
		patterns = append(patterns, &network.BlockPattern{URLPattern: scheme + "://*:*/*", Block: true})
	}
	if _, err := chromedp.Call(tab, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: patterns}); err != nil {
		t.Fatal(err)
	}
}

// checkConsole fails the test on any error the tab reported or any request it made that
// ok refuses.
func checkConsole(t *testing.T, c *browsertest.Console, min int, ok func(url string) bool) {
	t.Helper()
	if errs := c.Errors(); len(errs) > 0 {
		t.Errorf("console:\n%s", strings.Join(errs, "\n"))
	}
	reqs := c.Requests()
	if len(reqs) < min {
		t.Errorf("only %d requests recorded: %q", len(reqs), reqs)
	}
	for _, u := range reqs {
		if !ok(u) {
			t.Errorf("request to %s", u)
		}
	}
}

func axe(t *testing.T, tab context.Context, what string) {
	t.Helper()
	for _, v := range browsertest.Axe(t, tab) {
		t.Errorf("axe on the %s: %v", what, v)
	}
}
