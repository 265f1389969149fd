// Package browsertest has one job: driving the real checkers for tests.
// Those are Debian's headless chromium (through chromedp), axe-core run
// inside that chromium, and the W3C Nu Html Checker (vnu.jar on Java).
// Each helper takes a testing.TB, so the tests of any package can use it,
// and each fails the test, never skips it, when a checker is missing:
// `make setup` (.ci/setup) installs them all.
//
// A typical test:
//
//	base := browsertest.Serve(t, site, "/guides/", nil)
//	ctx := browsertest.NewBrowser(t)
//	console := browsertest.CaptureConsole(ctx)
//	browsertest.Navigate(t, ctx, base+"index.html")
//	if v := browsertest.Axe(t, ctx); len(v) > 0 { t.Errorf("axe: %v", v) }
//	if e := console.Errors(); len(e) > 0 { t.Errorf("console: %q", e) }
//	if e := browsertest.Vnu(t, site); len(e) > 0 { t.Errorf("vnu: %q", e) }
package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// ChromiumPath is Debian's chromium, which `make setup` installs.
const ChromiumPath = "/usr/bin/chromium"

// ActionTimeout bounds each browser step that a helper of this package runs
// (a navigation, an axe run, a screenshot). The browser itself lives until the
// test ends: a timeout on the context of the first step would kill it.
const ActionTimeout = 2 * time.Minute

// RepoRoot returns the directory that holds go.mod, found by walking up from
// the working directory (a package's directory under `go test`).
func RepoRoot(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatalf("browsertest: working directory: %v", err)
	}
	for dir := wd; ; {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("browsertest: no go.mod in %s or any parent", wd)
		}
		dir = parent
	}
}

// AllocatorOptions are the options that start Debian's chromium headless, with the flags
// this machine needs and the profile folder given; tools outside tests (screenshots) use
// them too.
func AllocatorOptions(profile string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(ChromiumPath),
		// Flags, not the chromedp shorthands: chromedp.Headless and
		// chromedp.DisableGPU add more flags than their names say.
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true), // tests run as root
		chromedp.Flag("disable-gpu", true),
		// The machines reach no network but the package registries: without
		// these chromium keeps trying to reach Google's hosts.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(profile),
	}
}

// NewBrowser starts a headless chromium with a fresh profile in t.TempDir()
// and returns the context of its first tab. Pass it to chromedp.Run and
// chromedp.Do, or to NewTab for more tabs in the same browser. When the test
// ends the browser is closed and every process of it is killed.
//
// It fails the test when chromium is missing.
func NewBrowser(t testing.TB) context.Context {
	t.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		t.Fatalf("chromium not installed: run `make setup` (%v)", err)
	}
	profile := t.TempDir()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), AllocatorOptions(profile)...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	// t.TempDir registered its removal first, so it runs after this.
	t.Cleanup(func() {
		cancel()      // closes the browser
		cancelAlloc() // waits for its process
		killLeftovers(profile)
	})
	if err := chromedp.Do(ctx); err != nil { // starts the browser; no timeout here
		t.Fatalf("browsertest: start %s: %v", ChromiumPath, err)
	}
	return ctx
}

// NewTab opens a new tab in the browser of ctx (a context from NewBrowser or
// NewTab) and returns its context. The tab closes when the test ends. Each
// tab has its own console capture, emulation and JavaScript switch.
func NewTab(t testing.TB, browser context.Context) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("browsertest: open tab: %v", err)
	}
	return ctx
}

// killLeftovers kills the processes that still run with the profile dir, such
// as a zygote or a renderer that outlived the browser process. chromedp does
// that only for the profiles that it makes itself.
func killLeftovers(dir string) {
	want := []byte("--user-data-dir=" + dir + "\x00")
	self := strconv.Itoa(os.Getpid())
	for pass, quiet := 0, 0; quiet < 3 && pass < 100; pass++ {
		entries, _ := os.ReadDir("/proc")
		found := 0
		for _, e := range entries {
			pid, err := strconv.Atoi(e.Name())
			if err != nil || e.Name() == self {
				continue
			}
			cmdline, err := os.ReadFile("/proc/" + e.Name() + "/cmdline")
			if err == nil && strings.Contains(string(cmdline)+"\x00", string(want)) {
				syscall.Kill(pid, syscall.SIGKILL)
				found++
			}
		}
		if found == 0 {
			quiet++
		} else {
			quiet = 0
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Navigate loads url in the tab of ctx and waits for its load event. It
// fails the test on an error, such as a file that does not exist.
func Navigate(t testing.TB, ctx context.Context, url string) {
	t.Helper()
	do(t, ctx, "navigate to "+url, chromedp.Navigate(url))
}

// Eval evaluates the JavaScript expression expr in the page of ctx, within ActionTimeout,
// and returns its value; it fails the test on an error.
func Eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, ActionTimeout)
	defer cancel()
	v, err := chromedp.Run(tctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("browsertest: evaluate %s: %v", expr, err)
	}
	return v
}

// do runs the steps with ActionTimeout and fails the test on an error.
func do(t testing.TB, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, ActionTimeout)
	defer cancel()
	if err := chromedp.Do(tctx, steps...); err != nil {
		t.Fatalf("browsertest: %s: %v", what, err)
	}
}

// DisableJavaScript turns off the scripts of the pages of the tab of ctx,
// from the next navigation on, as a reader who blocks JavaScript has them.
// Axe still runs: it turns scripts on for its own run, and off again.
// chromedp's Evaluate and Poll work, but a promise or a timer never
// settles while scripts are off.
func DisableJavaScript(ctx context.Context) error {
	if err := setScripts(ctx, false); err != nil {
		return err
	}
	scriptsOff.Store(chromedp.FromContext(ctx).Target, true)
	return nil
}

// EnableJavaScript undoes DisableJavaScript.
func EnableJavaScript(ctx context.Context) error {
	if err := setScripts(ctx, true); err != nil {
		return err
	}
	scriptsOff.Delete(chromedp.FromContext(ctx).Target)
	return nil
}

// scriptsOff holds the *chromedp.Target of each tab whose scripts
// DisableJavaScript turned off.
var scriptsOff sync.Map

func setScripts(ctx context.Context, on bool) error {
	_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled,
		emulation.SetScriptExecutionDisabledParams{Value: !on})
	return err
}

func javaScriptDisabled(ctx context.Context) bool {
	c := chromedp.FromContext(ctx)
	if c == nil || c.Target == nil {
		return false
	}
	_, off := scriptsOff.Load(c.Target)
	return off
}

// SetViewport sets the size of the viewport of the tab of ctx in CSS pixels,
// as a window of that size would have, for media queries such as
// (max-width: 40em). It lasts across navigations.
func SetViewport(ctx context.Context, width, height int64) error {
	return chromedp.Do(ctx, chromedp.EmulateViewport(width, height))
}

// EmulateMedia sets CSS media features of the tab of ctx, such as
// "prefers-color-scheme": "dark" or "prefers-reduced-motion": "reduce". It
// lasts across navigations. A call replaces the features of the one before;
// no feature at all resets them.
func EmulateMedia(ctx context.Context, features map[string]string) error {
	p := emulation.SetEmulatedMediaParams{}
	for name, value := range features {
		p.Features = append(p.Features, &emulation.MediaFeature{Name: name, Value: value})
	}
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, p)
	return err
}

// PreferDarkColorScheme makes the pages of the tab of ctx see
// (prefers-color-scheme: dark), as EmulateMedia does.
func PreferDarkColorScheme(ctx context.Context) error {
	return EmulateMedia(ctx, map[string]string{"prefers-color-scheme": "dark"})
}

// Screenshot writes a PNG of the whole page of the tab of ctx, beyond the
// viewport too, to file, and makes its directory.
func Screenshot(t testing.TB, ctx context.Context, file string) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, ActionTimeout)
	defer cancel()
	png, err := chromedp.Run(tctx, chromedp.FullScreenshot(100)) // 100 means PNG
	if err != nil {
		t.Fatalf("browsertest: screenshot: %v", err)
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatalf("browsertest: screenshot: %v", err)
	}
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Fatalf("browsertest: screenshot: %v", err)
	}
}

// Console records what a page of a tab reports as going wrong, and every URL
// that the tab requests. Make it with CaptureConsole before the navigation.
type Console struct {
	mu       sync.Mutex
	errors   []string
	requests []string
	urls     map[network.RequestID]string // URL of each request
	status   map[network.RequestID]int64  // HTTP error status not reported yet: URL unknown
	done     map[network.RequestID]bool   // reported, or the automatic favicon request
}

// CaptureConsole starts recording, for the tab of ctx and from now on, as
// Errors: the console.error and console.assert calls, the uncaught exceptions
// and unhandled promise rejections, the responses with an HTTP status of 400
// or more (a stylesheet among them, which chromium then cancels), and the
// requests that failed (not those canceled, as by a navigation); and as
// Requests, the URL of every request. The browser's own errors from its log
// (a script or a style that the Content Security Policy refuses, say) are
// Errors too.
//
// The request for /favicon.ico that chromium makes by itself for a page that
// names no icon is left out of both: on a site served under a prefix it is
// outside the site. A problem in starting the capture shows as an error, so a
// test that wants no errors fails.
func CaptureConsole(ctx context.Context) *Console {
	c := &Console{
		urls:   map[network.RequestID]string{},
		status: map[network.RequestID]int64{},
		done:   map[network.RequestID]bool{},
	}
	if err := chromedp.Listen(ctx, c.event); err != nil {
		c.add("browsertest: capture console: %v", err)
		return c
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		c.add("browsertest: capture console: enable network: %v", err)
	}
	return c
}

// Errors returns the problems seen so far, in order, one line each, such as
//
//	console.error: boom 42 (http://127.0.0.1:41234/guides/:12)
//	exception: Uncaught TypeError: x is undefined (http://127.0.0.1:41234/guides/app.js:3)
//	HTTP 404: http://127.0.0.1:41234/guides/missing.css
//	request failed: net::ERR_FILE_NOT_FOUND file:///tmp/site/missing.png
//	security: Refused to execute inline script because it violates … (http://…/guides/:9)
func (c *Console) Errors() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.errors...)
}

// Requests returns the URL of every request of the tab so far, in order,
// the documents included (a redirect shows both URLs).
func (c *Console) Requests() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.requests...)
}

func (c *Console) add(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.addLocked(format, args...)
}

func (c *Console) addLocked(format string, args ...any) {
	c.errors = append(c.errors, fmt.Sprintf(format, args...))
}

// httpError reports an error status of a request once, when its URL is known.
func (c *Console) httpError(id network.RequestID, status int64) {
	if status < 400 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done[id] {
		return
	}
	url, ok := c.urls[id]
	if !ok {
		c.status[id] = status
		return
	}
	c.done[id] = true
	c.addLocked("HTTP %d: %s", status, url)
}

// event runs in the loop of the tab: it must be fast and run no command.
// chromium sends the status of a response in ResponseReceived, or only in
// ResponseReceivedExtraInfo for a stylesheet that it cancels for its status.
func (c *Console) event(ev any) {
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		args := make([]string, 0, len(ev.Args))
		for _, a := range ev.Args {
			args = append(args, remoteText(a))
		}
		c.add("console.%s: %s%s", ev.Type, strings.Join(args, " "), stackPlace(ev.StackTrace))
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		if d == nil {
			c.add("exception")
			return
		}
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			// The first line of "Error: boom\n    at f (…)".
			desc, _, _ := strings.Cut(d.Exception.Description, "\n")
			msg += " " + desc
		} else if d.Exception != nil {
			msg += " " + remoteText(d.Exception)
		}
		place := stackPlace(d.StackTrace)
		if d.URL != "" {
			place = fmt.Sprintf(" (%s:%d)", d.URL, d.LineNumber+1)
		}
		c.add("exception: %s%s", msg, place)
	case *log.EventEntryAdded:
		// The browser's own errors: a script or a style that the Content
		// Security Policy refuses, a bad integrity hash, ... Those of the
		// network come from the network events, with their URL.
		e := ev.Entry
		if e == nil || e.Level != log.EntryLevelError || e.Source == log.EntrySourceNetwork {
			return
		}
		place := stackPlace(e.StackTrace)
		if e.URL != "" {
			place = fmt.Sprintf(" (%s:%d)", e.URL, e.LineNumber+1)
		}
		c.add("%s: %s%s", e.Source, e.Text, place)
	case *network.EventRequestWillBeSent:
		if ev.Request == nil {
			return
		}
		c.mu.Lock()
		if ev.Type == network.ResourceTypeOther && strings.HasSuffix(ev.Request.URL, "/favicon.ico") &&
			(ev.Initiator == nil || ev.Initiator.Type == network.InitiatorTypeOther) {
			c.done[ev.RequestID] = true // chromium's own favicon request
			c.mu.Unlock()
			return
		}
		c.urls[ev.RequestID] = ev.Request.URL
		c.requests = append(c.requests, ev.Request.URL)
		status, pending := c.status[ev.RequestID]
		delete(c.status, ev.RequestID)
		c.mu.Unlock()
		if pending {
			c.httpError(ev.RequestID, status)
		}
	case *network.EventResponseReceived:
		if ev.Response != nil {
			c.httpError(ev.RequestID, ev.Response.Status)
		}
	case *network.EventResponseReceivedExtraInfo:
		c.httpError(ev.RequestID, ev.StatusCode)
	case *network.EventLoadingFailed:
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.done[ev.RequestID] || ev.Canceled && ev.BlockedReason == "" {
			return
		}
		c.done[ev.RequestID] = true
		why := ev.ErrorText
		if ev.BlockedReason != "" {
			why = strings.TrimSpace(why + " blocked: " + string(ev.BlockedReason))
		}
		c.addLocked("request failed: %s %s", why, c.urls[ev.RequestID])
	}
}

// remoteText gives the text that the DevTools console shows for a value.
func remoteText(o *runtime.RemoteObject) string {
	if o == nil {
		return ""
	}
	if len(o.Value) > 0 {
		var s string
		if json.Unmarshal(o.Value, &s) == nil {
			return s
		}
		return string(o.Value)
	}
	if o.UnserializableValue != "" {
		return string(o.UnserializableValue)
	}
	if o.Description != "" {
		return o.Description
	}
	return string(o.Type)
}

// stackPlace gives " (url:line)" of the top of the stack, or "".
func stackPlace(s *runtime.StackTrace) string {
	if s == nil || len(s.CallFrames) == 0 {
		return ""
	}
	f := s.CallFrames[0]
	return fmt.Sprintf(" (%s:%d)", f.URL, f.LineNumber+1)
}
