// Command screenshots writes PNG screenshots of every kind of page of the sample site
// (content/), of the rich test site (generator/internal/site/testdata/rich) and of pages of
// the site in three languages (generator/internal/site/testdata/bilingual), at 375 and
// 1280 CSS pixels wide, in light and dark mode, and of an article and an outcome as they
// print, for people to look at the theme as readers see it (with and without script, the
// error state, every outcome level, the topics index and the A to Z):
//
//	go run ./generator/internal/cmd/screenshots [-out screenshots] [-site languages]
//
// It runs from the repository root (make screenshots), builds both sites with the theme in
// templates/, serves each on 127.0.0.1 and drives Debian's headless chromium. Files are named
// <site>-<page>-<width>-<light|dark|print>.png.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"guidepost/generator/internal/browsertest"
	"guidepost/generator/internal/publish"
	"guidepost/generator/internal/site"
	"guidepost/templates"
)

// A shot is a page to photograph, by its path from the site root.
type shot struct {
	name  string
	path  string
	print bool   // also as it prints
	tabs  int    // press Tab this many times, then photograph the viewport: focus styles
	click string // a CSS selector to click once the page is loaded: the error state
}

// A target is a site to build and its pages.
type target struct {
	name  string
	dir   string // the site folder, holding content/
	shots []shot
}

var targets = []target{
	{name: "sample", dir: ".", shots: []shot{
		{name: "home", path: ""},
		{name: "article", path: "articles/walking/", print: true},
		{name: "tag", path: "tags/exercise/"},
		{name: "tags", path: "tags/"},
		{name: "articles-a-z", path: "articles/"},
		{name: "questionnaire", path: "questionnaires/exercise-today/"},
		{name: "checklist", path: "questionnaires/exercise-today/warning-signs/"},
		{name: "choice", path: "questionnaires/exercise-today/pain-today/"},
		{name: "outcome-urgent", path: "questionnaires/exercise-today/see-a-doctor/", print: true},
		{name: "outcome-caution", path: "questionnaires/exercise-today/rest-and-ease-off/"},
		{name: "outcome-info", path: "questionnaires/exercise-today/walk-or-swim/"},
		{name: "404", path: "404.html"},
		// The in-place questionnaire, at a step and at an outcome (the path is in the fragment).
		{name: "js-first-question", path: "questionnaires/exercise-today/#start"},
		{name: "js-choice", path: "questionnaires/exercise-today/#warning-signs=no"},
		{name: "js-error", path: "questionnaires/exercise-today/#warning-signs=no", click: "#questionnaire button[type=submit]"},
		{name: "js-outcome-urgent", path: "questionnaires/exercise-today/#warning-signs=yes", print: true},
		{name: "focus-skip-link", path: "", tabs: 1},
		{name: "focus-card", path: "", tabs: 3},
		{name: "focus-answer", path: "questionnaires/exercise-today/pain-today/", tabs: 5},
	}},
	{name: "rich", dir: "generator/internal/site/testdata/rich", shots: []shot{
		{name: "home", path: ""},
		{name: "article", path: "articles/everything/", print: true},
		{name: "article-short", path: "articles/short/"},
		{name: "questionnaire", path: "questionnaires/check-symptoms/"},
		{name: "checklist", path: "questionnaires/check-symptoms/warning-signs/"},
		{name: "choice", path: "questionnaires/check-symptoms/how-bad/"},
		{name: "outcome-urgent", path: "questionnaires/check-symptoms/get-help-now/"},
		{name: "outcome-caution", path: "questionnaires/check-symptoms/take-care/"},
		{name: "outcome-info", path: "questionnaires/check-symptoms/keep-active/", print: true},
		{name: "outcome-emergency", path: "questionnaires/child-fever/call-now/", print: true},
		{name: "js-outcome-emergency", path: "questionnaires/child-fever/#age=1/temperature=1", print: true},
		{name: "js-checklist-error", path: "questionnaires/child-fever/#age=2/temperature=2", click: "#questionnaire button[type=submit]"},
		{name: "outcome-composed", path: "questionnaires/child-fever/see-gp/signs.rash/"},
		{name: "outcome-answers", path: "questionnaires/child-fever/home/age.older/temperature.no/"},
		{name: "tags", path: "tags/"},
		{name: "articles-a-z", path: "articles/"},
	}},
	// A site in English, Welsh and Arabic: Arabic pages are right to left, and a page not
	// yet translated shows the original with a note in the reader's language.
	{name: "languages", dir: "generator/internal/site/testdata/bilingual", shots: []shot{
		{name: "ar-home", path: "ar/"},
		{name: "ar-article", path: "ar/articles/walking/", print: true},
		{name: "ar-untranslated", path: "ar/articles/aquatic-exercise/"},
		{name: "ar-outcome-urgent", path: "ar/questionnaires/exercise-today/see-a-doctor/warning-signs.yes/"},
		{name: "cy-article", path: "cy/articles/walking/"},
		{name: "cy-untranslated", path: "cy/articles/aquatic-exercise/"},
		{name: "cy-choice", path: "cy/questionnaires/exercise-today/pain-today/"},
		{name: "cy-js-outcome", path: "cy/questionnaires/exercise-today/#warning-signs=no/pain-today=1/usual-workout=1"},
	}},
}

// widths are the viewport widths, in CSS pixels: a small phone and a desktop.
var widths = []int64{375, 1280}

func main() {
	out := flag.String("out", "screenshots", "the `folder` to write the PNGs to")
	only := flag.String("site", "", "photograph only this `site`: sample, rich or languages")
	flag.Parse()
	if err := run(*out, *only); err != nil {
		fmt.Fprintln(os.Stderr, "screenshots:", err)
		os.Exit(1)
	}
}

func run(out, only string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "guidepost-screenshots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	ctx, stop, err := browser(filepath.Join(tmp, "profile"))
	if err != nil {
		return err
	}
	defer stop()

	n := 0
	for _, tg := range targets {
		if only != "" && tg.name != only {
			continue
		}
		base, closeSite, err := buildAndServe(tg.dir, filepath.Join(tmp, tg.name))
		if err != nil {
			return fmt.Errorf("%s: %w", tg.name, err)
		}
		for _, s := range tg.shots {
			for _, w := range widths {
				for _, scheme := range []string{"light", "dark"} {
					file := filepath.Join(out, fmt.Sprintf("%s-%s-%d-%s.png", tg.name, s.name, w, scheme))
					if err := photograph(ctx, base+s.path, w, "screen", scheme, s, file); err != nil {
						closeSite()
						return err
					}
					n++
				}
			}
			if s.print {
				file := filepath.Join(out, fmt.Sprintf("%s-%s-%d-print.png", tg.name, s.name, 800))
				if err := photograph(ctx, base+s.path, 800, "print", "light", shot{click: s.click}, file); err != nil {
					closeSite()
					return err
				}
				n++
			}
		}
		closeSite()
	}
	fmt.Printf("wrote %d screenshots to %s\n", n, out)
	return nil
}

// buildAndServe builds the site in dir into out and serves out on 127.0.0.1.
func buildAndServe(dir, out string) (base string, stop func(), err error) {
	d, err := site.NewDir(out)
	if err != nil {
		return "", nil, err
	}
	res := site.Build(context.Background(), os.DirFS(dir), site.Options{Theme: templates.FS, Minify: publish.Minify()}, d)
	if err := res.Diags.Err(); err != nil {
		d.Abort()
		return "", nil, fmt.Errorf("build %s: %w", dir, err)
	}
	if err := d.Commit(); err != nil {
		return "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(out))}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String() + "/", func() { srv.Close() }, nil
}

// browser starts Debian's headless chromium with a fresh profile.
func browser(profile string) (context.Context, func(), error) {
	if _, err := os.Stat(browsertest.ChromiumPath); err != nil {
		return nil, nil, fmt.Errorf("chromium not installed: run `make setup` (%w)", err)
	}
	opts := append(browsertest.AllocatorOptions(profile), chromedp.Flag("hide-scrollbars", true))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	if err := chromedp.Do(ctx); err != nil { // starts the browser: no timeout on this one
		cancel()
		cancelAlloc()
		return nil, nil, fmt.Errorf("start %s: %w", browsertest.ChromiumPath, err)
	}
	return ctx, func() { cancel(); cancelAlloc() }, nil
}

// photograph loads url at width in the media type and colour scheme given and writes a PNG
// of the whole page to file; or, after pressing Tab tabs times, of the viewport.
func photograph(ctx context.Context, url string, width int64, media, scheme string, s shot, file string) error {
	tabs := s.tabs
	tctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	params := emulation.SetEmulatedMediaParams{Media: media, Features: []*emulation.MediaFeature{
		{Name: "prefers-color-scheme", Value: scheme},
		{Name: "prefers-reduced-motion", Value: "reduce"},
	}}
	if _, err := chromedp.Call(tctx, emulation.SetEmulatedMedia, params); err != nil {
		return fmt.Errorf("emulate %s %s: %w", media, scheme, err)
	}
	// From a blank page, so that a URL that differs from the last only in its fragment loads
	// the page again rather than scrolling.
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(width, 800), chromedp.Navigate("about:blank"), chromedp.Navigate(url)); err != nil {
		return fmt.Errorf("load %s: %w", url, err)
	}
	if s.click != "" {
		if err := chromedp.Do(tctx, chromedp.Click(chromedp.CSS(s.click)), chromedp.Sleep(200*time.Millisecond)); err != nil {
			return fmt.Errorf("click %s on %s: %w", s.click, url, err)
		}
	}
	var png []byte
	var err error
	if tabs > 0 {
		if err := chromedp.Do(tctx, chromedp.KeyEvent(strings.Repeat("\t", tabs))); err != nil {
			return fmt.Errorf("press Tab on %s: %w", url, err)
		}
		png, err = chromedp.Run(tctx, chromedp.CaptureScreenshot())
	} else {
		png, err = chromedp.Run(tctx, chromedp.FullScreenshot(100)) // 100: PNG
	}
	if err != nil {
		return fmt.Errorf("screenshot of %s: %w", url, err)
	}
	if len(png) == 0 {
		return errors.New("empty screenshot of " + url)
	}
	return os.WriteFile(file, png, 0o644)
}
