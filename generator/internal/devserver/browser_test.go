package devserver

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"guidepost/generator/internal/browsertest"
	"guidepost/generator/internal/testutil"
	"guidepost/templates"
)

// waitJS waits until the expression is true in the tab of ctx.
func waitJS(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: %s never became true (last error: %v)", what, expr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func evalJS[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// shows is the expression true once the page of the tab shows build n, connected.
func shows(n int) string {
	return fmt.Sprintf(`document.documentElement.getAttribute("data-guidepost-build") === "%d"`, n)
}

// TestBrowser opens pages of a dev server in chromium while their files are edited: they
// reload by themselves, show a broken build's errors (accessibly) and clear them, swap a
// changed stylesheet without reloading, and keep a questionnaire's step.
func TestBrowser(t *testing.T) {
	dir := sampleSite(t)
	d := startDev(t, dir)
	ctx := browsertest.NewBrowser(t)
	console := browsertest.CaptureConsole(ctx)
	browsertest.Navigate(t, ctx, d.url+"articles/walking/")
	waitJS(t, ctx, "the page to connect", shows(1))
	// A second tab shares the first one's event stream: a browser opens only six
	// connections to a server, and each stream holds one.
	home := browsertest.NewTab(t, ctx)
	browsertest.Navigate(t, home, d.url)
	waitJS(t, home, "the second tab to connect", shows(1))
	if n := d.Hub().Clients(); n != 1 {
		t.Errorf("two tabs hold %d event streams, want 1", n)
	}

	// An edit reloads the pages by themselves. The sample site has search: the quick rebuild
	// is served while it renders, the page the tab reloads rendered for its request.
	evalJS[bool](t, ctx, `window.notReloaded = true`)
	evalJS[bool](t, home, `window.notReloaded = true`)
	editFile(t, dir, walking, "## Why walk on a sore day", "## Why walk on a sore day, live")
	waitJS(t, ctx, "the reload", shows(2))
	d.waitFor(t, "serving the new build while its")
	if !evalJS[bool](t, ctx, `[].some.call(document.querySelectorAll("main h2"), function (h) { return h.textContent.includes("Why walk on a sore day, live"); }) && window.notReloaded === undefined`) {
		t.Error("the page did not reload with the edit")
	}
	waitJS(t, home, "the reload of the second tab", shows(2)+` && window.notReloaded === undefined`)

	// A broken edit shows its errors over the last good page.
	editFile(t, dir, walking, "title: ", "titel: ")
	waitJS(t, ctx, "the errors", `document.querySelector('#guidepost-errors [role="alert"] li') !== null`)
	text := evalJS[string](t, ctx, `document.getElementById("guidepost-errors").innerText`)
	for _, want := range []string{"The site did not build: 2 errors", walking + `:2:1: unknown key "titel" in front matter; did you mean "title"?`} {
		if !strings.Contains(text, want) {
			t.Errorf("the error box does not say %q:\n%s", want, text)
		}
	}
	if v := browsertest.Axe(t, ctx); len(v) > 0 {
		t.Errorf("axe, with the error box shown: %v", v)
	}
	if !evalJS[bool](t, ctx, `getComputedStyle(document.getElementById("guidepost-errors")).position === "fixed"`) {
		t.Error("the error box is not styled by overlay.css")
	}
	waitJS(t, home, "the errors in the second tab", `document.querySelector("#guidepost-errors li") !== null`)
	late := browsertest.NewTab(t, ctx) // a tab opened now is told at once
	browsertest.Navigate(t, late, d.url+"tags/walking/")
	waitJS(t, late, "the errors in a tab opened after the failure", shows(2)+` && document.querySelector("#guidepost-errors li") !== null`)

	// The fix clears them.
	editFile(t, dir, walking, "titel: ", "title: ")
	waitJS(t, ctx, "the reload after the fix", shows(3))
	if evalJS[bool](t, ctx, `document.getElementById("guidepost-errors") !== null`) {
		t.Error("the error box stayed after the fix")
	}

	// A stylesheet edit swaps the stylesheet, without a reload.
	evalJS[bool](t, ctx, `window.notReloaded = true`)
	css, err := templates.FS.ReadFile("assets/style.css")
	if err != nil {
		t.Fatal(err)
	}
	testutil.WriteFile(t, dir, "templates/assets/style.css", string(css)+"\nbody { outline: 3px dashed rgb(1, 2, 3); }\n")
	waitJS(t, ctx, "the new stylesheet", `getComputedStyle(document.body).outlineStyle === "dashed"`)
	waitJS(t, ctx, "the old stylesheet to go", shows(4)+` && document.querySelectorAll('link[rel="stylesheet"]').length === 1`)
	if !evalJS[bool](t, ctx, `window.notReloaded === true`) {
		t.Error("the page reloaded for a stylesheet edit")
	}

	// A questionnaire keeps its step across a reload.
	browsertest.Navigate(t, ctx, d.url+"questionnaires/exercise-today/#warning-signs=no")
	waitJS(t, ctx, "the questionnaire's step", `document.getElementById("questionnaire").textContent.includes("How does your back feel today?")`+` && `+shows(4))
	editFile(t, dir, "content/questionnaires/exercise-today.yaml", "How does your back feel today?", "How does your back feel right now?")
	waitJS(t, ctx, "the reload of the questionnaire", shows(5))
	waitJS(t, ctx, "the same step, edited", `document.getElementById("questionnaire").textContent.includes("How does your back feel right now?")`)
	if hash := evalJS[string](t, ctx, `location.hash`); hash != "#warning-signs=no" {
		t.Errorf("after the reload the fragment is %q, want #warning-signs=no", hash)
	}

	if errs := console.Errors(); len(errs) > 0 {
		t.Errorf("console:\n%s", strings.Join(errs, "\n"))
	}
}

// spanShown is the expression true once the page holds the hidden span corpus.Relayout adds
// as the i-th edit.
func spanShown(i int) string {
	return fmt.Sprintf(`[].some.call(document.querySelectorAll("span[hidden]"), function (s) { return s.textContent === "%d"; })`, i)
}

// TestBrowserPending opens a page while the layout is edited on a site large enough for the
// rebuild to be served while its pages render: the page reloads with the new build's page,
// rendered for its request (the workers are held back), and when a page of a later build
// fails to render, its errors are shown over the page; the fix clears them.
func TestBrowserPending(t *testing.T) {
	dir, g, d := startLazy(t)
	d.listen(t).next(t, "hello", nil) // once the first build is served
	files := all(d.good.Load().files)
	pages := articlePages(files, 2)
	viewed, other := pages[0], pages[1]
	title := pageTitle(t, files[other+"index.html"])
	ctx := browsertest.NewBrowser(t)
	console := browsertest.CaptureConsole(ctx)
	browsertest.Navigate(t, ctx, d.url+viewed)
	waitJS(t, ctx, "the page to connect", shows(1))

	relayout(t, dir, 1)
	waitJS(t, ctx, "the reload", shows(2)+` && `+spanShown(1))
	if d.good.Load().whole() {
		t.Fatal("the build is whole while its workers are held: the page was not rendered for its request")
	}
	g.release()
	d.Whole()

	relayoutFailing(t, dir, 2, title)
	waitJS(t, ctx, "the errors of the page that failed", `document.querySelector('#guidepost-errors [role="alert"] li') !== null`)
	if text := evalJS[string](t, ctx, `document.getElementById("guidepost-errors").innerText`); !strings.Contains(text, "templates/base.html") {
		t.Errorf("the error box does not name the layout:\n%s", text)
	}

	relayout(t, dir, 3)
	waitJS(t, ctx, "the reload after the fix", spanShown(3)+` && document.getElementById("guidepost-errors") === null`)
	if errs := console.Errors(); len(errs) > 0 {
		t.Errorf("console:\n%s", strings.Join(errs, "\n"))
	}
}
