package publish

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"guidepost/generator/internal/browsertest"
	"guidepost/generator/internal/site"
	"guidepost/templates"
)

// TestSearchBrowser searches the sample site from the header's search box as a reader does,
// in the three forms readers get it: from a CDN under a sub-path with the CSP of _headers,
// the offline copy opened from disk with the network blocked, and the single file. Each
// query must land on the search page with results; following the first result must open it.
func TestSearchBrowser(t *testing.T) {
	root := browsertest.RepoRoot(t)
	sample := os.DirFS(root)
	browser := browsertest.NewBrowser(t)

	// queries: what a reader types, and the title of an article that must be among the results.
	queries := []struct{ q, want string }{
		{"walking", walkArticle},                       // title word
		{"Walked", walkArticle},                        // another form of it, capitalised: stemming, folding
		{"feve", "When to see a doctor first"},         // half a word: prefix
		{"FÉVER doctor", "When to see a doctor first"}, // accents and case folded, two words
	}

	t.Run("cdn", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "public")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		headers := http.Header{}
		base := browsertest.Serve(t, dir, "/guides/", headers)
		buildDir(t, sample, dir, site.Options{BaseURL: base})
		for _, r := range parseHeaders(t, mustRead(t, filepath.Join(dir, HeadersFile))) {
			if r.pattern == "/*" {
				for name, v := range r.headers {
					headers.Set(name, v)
				}
			}
		}
		if errs := browsertest.VnuFiles(t, filepath.Join(dir, "search", "index.html")); len(errs) > 0 {
			t.Errorf("Nu checker on the search page:\n%s", strings.Join(errs, "\n"))
		}
		tab := browsertest.NewTab(t, browser)
		console := browsertest.CaptureConsole(tab)
		for _, q := range queries {
			browsertest.Navigate(t, tab, base+"articles/walking/")
			titles := searchFrom(t, tab, q.q)
			if !contains(titles, q.want) {
				t.Errorf("%q found %q, want %q among them", q.q, titles, q.want)
			}
		}
		searchFrom(t, tab, "walking")
		axe(t, tab, "search page with results")
		if n := browsertest.Eval[int](t, tab, `document.querySelectorAll('[data-search-results] mark').length`); n == 0 {
			t.Error("no word is marked in the results")
		}
		follow(t, tab, walkArticle, true)
		checkConsole(t, console, 5, func(u string) bool { return strings.HasPrefix(u, base) })
	})

	t.Run("offline", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "offline")
		buildDir(t, sample, dir, site.Options{Offline: true})
		tab := browsertest.NewTab(t, browser)
		blockNetwork(t, tab)
		console := browsertest.CaptureConsole(tab)
		for _, q := range queries {
			browsertest.Navigate(t, tab, "file://"+filepath.ToSlash(filepath.Join(dir, "index.html")))
			if titles := searchFrom(t, tab, q.q); !contains(titles, q.want) {
				t.Errorf("%q found %q, want %q among them", q.q, titles, q.want)
			}
		}
		follow(t, tab, "When to see a doctor first", true)
		checkConsole(t, console, 5, func(u string) bool { return strings.HasPrefix(u, "file://") })
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
		for _, q := range queries {
			browsertest.Navigate(t, tab, url)
			if titles := searchFrom(t, tab, q.q); !contains(titles, q.want) {
				t.Errorf("%q found %q, want %q among them", q.q, titles, q.want)
			}
		}
		axe(t, tab, "search page in the single file")
		click(t, tab, "When to see a doctor first")
		if got := visibleH1(t, tab); got != "When to see a doctor first" {
			t.Errorf("the result shows %q", got)
		}
		checkConsole(t, console, 1, func(u string) bool { return strings.HasPrefix(u, url) || strings.HasPrefix(u, "data:") })
	})

	t.Run("no script", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "public")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		base := browsertest.Serve(t, dir, "/guides/", nil)
		buildDir(t, sample, dir, site.Options{BaseURL: base})
		tab := browsertest.NewTab(t, browser)
		if err := browsertest.DisableJavaScript(tab); err != nil {
			t.Fatal(err)
		}
		browsertest.Navigate(t, tab, base+"articles/walking/")
		submitSearch(t, tab, "walking")
		waitLoaded(t, tab, "the search page", `!window.searchTestLeft && location.search === '?q=walking' && document.readyState === 'complete'`)
		if got := visibleH1(t, tab); got != "Search" {
			t.Fatalf("the search box led to a page headed %q", got)
		}
		text := browsertest.Eval[string](t, tab, `document.querySelector('main').innerText`)
		if !strings.Contains(text, "Searching needs JavaScript") {
			t.Errorf("no explanation without script:\n%s", text)
		}
		links := browsertest.Eval[[]string](t, tab, `[...document.querySelectorAll('[data-search-az] a')].map(a => a.textContent.trim())`)
		if want := []string{"All guidance, A to Z", "Topics"}; !slices.Equal(links, want) {
			t.Errorf("without script the search page offers %q, want %q", links, want)
		}
		axe(t, tab, "search page without script")
		follow(t, tab, "Topics", true)
		browsertest.Navigate(t, tab, base+"search/?q=walking")
		follow(t, tab, "All guidance, A to Z", true)
		links = browsertest.Eval[[]string](t, tab, `[...document.querySelectorAll('main ul.summaries a')].map(a => a.textContent.trim())`)
		if len(links) != 7 || !isSortedFold(links) {
			t.Errorf("the A to Z the search page leads to lists %q, want the 7 articles sorted by title", links)
		}
		follow(t, tab, walkArticle, true)
	})
}

// submitSearch types q into the visible search box of the page's header and submits it.
func submitSearch(t *testing.T, tab context.Context, q string) {
	t.Helper()
	ok := browsertest.Eval[bool](t, tab, fmt.Sprintf(`(q => {
		const f = [...document.querySelectorAll('form.site-search')].find(f => f.getClientRects().length > 0);
		if (!f) return false;
		f.querySelector('input[name=q]').value = q;
		window.searchTestLeft = true; // gone once the form's page loads
		f.querySelector('button').click();
		return true;
	})(%s)`, jsString(q)))
	if !ok {
		t.Fatalf("%s: no visible search box in the header", location(t, tab))
	}
}

// searchFrom searches for q from the header of the page the tab shows and returns the titles
// of the results, once the search page shows them.
func searchFrom(t *testing.T, tab context.Context, q string) []string {
	t.Helper()
	submitSearch(t, tab, q)
	waitLoaded(t, tab, "results for "+q, `(() => {
		if (window.searchTestLeft) return false;
		const s = [...document.querySelectorAll('[data-search-status]')].find(e => e.getClientRects().length > 0);
		return !!s && / results? for |^No results/.test(s.textContent) &&
			document.querySelectorAll('[data-search-results] li').length === Math.min(10, parseInt(s.textContent) || 0);
	})()`)
	if got := visibleH1(t, tab); got != "Search" {
		t.Errorf("the search box led to a page headed %q", got)
	}
	return browsertest.Eval[[]string](t, tab, `[...document.querySelectorAll('[data-search-results] li h2 a')].map(a => a.textContent)`)
}

// waitLoaded waits until expr is true in the tab, through the navigation a form starts.
func waitLoaded(t *testing.T, tab context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(browsertest.ActionTimeout)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(tab, time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s: waiting for %s: timed out", location(t, tab), what)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func isSortedFold(list []string) bool {
	for i := 1; i < len(list); i++ {
		if strings.ToLower(list[i-1]) > strings.ToLower(list[i]) {
			return false
		}
	}
	return true
}
