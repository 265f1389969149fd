package site_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"guidepost/generator/internal/browsertest"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/i18n"
	"guidepost/generator/internal/questionnaire"
	"guidepost/generator/internal/site"
	"guidepost/generator/internal/typography"
)

const bilingualDir = "generator/internal/site/testdata/bilingual"

// TestLanguagesBrowser builds the site in English, Welsh and Arabic as "guidepost build"
// does and checks it as readers get it: the Nu checker finds no error in any page of any
// language; axe finds nothing on the pages of each language, Arabic right to left among
// them; the Arabic layout mirrors; and the Welsh questionnaire is walked to an outcome with
// JavaScript and without, in Welsh all the way.
func TestLanguagesBrowser(t *testing.T) {
	root := browsertest.RepoRoot(t)
	src := filepath.Join(root, bilingualDir)
	dir := questionnaireBuildSample(t, src, site.Options{})

	t.Run("vnu", func(t *testing.T) {
		t.Parallel()
		var files []string
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(p, ".html") {
				files = append(files, p)
			}
			return err
		})
		if len(files) < 60 {
			t.Fatalf("only %d pages", len(files))
		}
		if errs := browsertest.VnuFiles(t, files...); len(errs) > 0 {
			t.Errorf("Nu checker:\n%s", strings.Join(errs, "\n"))
		}
	})

	t.Run("browser", func(t *testing.T) {
		t.Parallel()
		csp := http.Header{"Content-Security-Policy": {"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'"}}
		base := browsertest.Serve(t, dir, "/help/", csp)
		browser := browsertest.NewBrowser(t)
		t.Run("axe", func(t *testing.T) { langAxe(t, browser, base) })
		t.Run("rtl", func(t *testing.T) { langRTL(t, browser, base) })
		tr := welshQuestionnaire(t, src)
		t.Run("welsh questionnaire with javascript", func(t *testing.T) { langQuestionnaireJS(t, browser, base, tr) })
		t.Run("welsh questionnaire without javascript", func(t *testing.T) { langQuestionnaireNoJS(t, browser, base, tr) })
	})
}

// welshQuestionnaire reads the Welsh questionnaire of the site, as the build checked it and its pages
// show it.
func welshQuestionnaire(t *testing.T, src string) *questionnaire.Questionnaire {
	const file = "content/questionnaires/exercise-today.cy.yaml"
	data, err := os.ReadFile(filepath.Join(src, file))
	if err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	q := questionnaire.ParseTranslation(file, "cy", data, &diags)
	q.Check(nil, &diags)
	if diags.Errors() > 0 {
		t.Fatal(diags.Err())
	}
	// As the pages show them: with typographic apostrophes.
	for _, n := range q.Nodes {
		n.Question, n.Outcome = typography.Smart(n.Question), typography.Smart(n.Outcome)
		for i := range n.Answers {
			n.Answers[i].Label = typography.Smart(n.Answers[i].Label)
		}
	}
	return q
}

// langPages are pages of each language, with the language and direction they must declare.
var langPages = []struct{ path, lang, dir string }{
	{"", "en", "ltr"},
	{"articles/walking/", "en", "ltr"},
	{"cy/", "cy", "ltr"},
	{"cy/articles/walking/", "cy", "ltr"},
	{"cy/articles/aquatic-exercise/", "cy", "ltr"}, // not translated
	{"cy/questionnaires/exercise-today/", "cy", "ltr"},
	{"cy/questionnaires/exercise-today/pain-today/", "cy", "ltr"},
	{"cy/questionnaires/exercise-today/see-a-doctor/warning-signs.fever/", "cy", "ltr"},
	{"cy/tags/walking/", "cy", "ltr"},
	{"cy/search/?q=cerdded", "cy", "ltr"},
	{"ar/", "ar", "rtl"},
	{"ar/articles/walking/", "ar", "rtl"},
	{"ar/articles/aquatic-exercise/", "ar", "rtl"},
	{"ar/questionnaires/exercise-today/see-a-doctor/warning-signs.yes/", "ar", "rtl"},
}

// langAxe loads each page, checks its lang and dir, and runs axe (which checks that lang is
// valid, among the rest).
func langAxe(t *testing.T, browser context.Context, base string) {
	ctx := consoleTab(t, browser)
	for _, p := range langPages {
		browsertest.Navigate(t, ctx, base+p.path)
		if got := browsertest.Eval[string](t, ctx, `document.documentElement.lang + ' ' + document.documentElement.dir`); got != p.lang+" "+p.dir {
			t.Errorf("%s: <html> has lang and dir %q, want %q", p.path, got, p.lang+" "+p.dir)
		}
		for _, v := range browsertest.Axe(t, ctx) {
			t.Errorf("%s: axe: %s", p.path, v)
		}
	}
}

// langRTL checks that an Arabic page mirrors: the body's lists indent from the right, the note on an
// untranslated page has its bar on the right, the site's name sits right of the search box,
// and the English it shows stays left to right.
func langRTL(t *testing.T, browser context.Context, base string) {
	ctx := consoleTab(t, browser)
	if err := browsertest.SetViewport(ctx, 1280, 900); err != nil {
		t.Fatal(err)
	}
	browsertest.Navigate(t, ctx, base+"ar/articles/walking/")
	if got := browsertest.Eval[string](t, ctx, `(function (s) { return s.paddingLeft + ' ' + s.paddingRight; })(getComputedStyle(document.querySelector('main article > ul')))`); !strings.HasPrefix(got, "0px ") || strings.HasSuffix(got, " 0px") {
		t.Errorf("an Arabic list is indented %q (left right): it should indent on the right", got)
	}
	if got := browsertest.Eval[string](t, ctx, `(function (s) { return s.borderLeftWidth + ' ' + s.borderRightWidth; })(getComputedStyle(document.querySelector('nav.contents')))`); got != "0px 4px" {
		t.Errorf("the Arabic On this page list has its bar %q (left right): it should be on the right", got)
	}
	if !browsertest.Eval[bool](t, ctx, `document.querySelector('.site-title').getBoundingClientRect().left > document.querySelector('.site-search').getBoundingClientRect().right`) {
		t.Error("in Arabic the site's name is not right of the search box")
	}
	browsertest.Navigate(t, ctx, base+"ar/articles/aquatic-exercise/")
	if got := browsertest.Eval[string](t, ctx, `(function (s) { return s.borderLeftWidth + ' ' + s.borderRightWidth; })(getComputedStyle(document.querySelector('.language-note')))`); got != "0px 8px" {
		t.Errorf("the note's bar (left right) is %q, want it on the right", got)
	}
	if got := browsertest.Eval[string](t, ctx, `getComputedStyle(document.querySelector('main article h1')).direction`); got != "ltr" {
		t.Errorf("the English title of an untranslated page runs %s", got)
	}
}

// langWait waits until expr is true.
func langWait(t *testing.T, ctx context.Context, expr, what string) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](expr)); err != nil {
		t.Fatalf("%s: %v; the page shows %q", what, err, browsertest.Eval[string](t, ctx, `document.body.innerText.slice(0, 400)`))
	}
}

func langClick(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, browsertest.ActionTimeout)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
}

// The Welsh path: no warning sign, no pain, a run planned: swap it for a walk or a swim.
var langSteps = []struct {
	node string
	pick int // 0: none of the checklist's items; else the answer's position
}{{"warning-signs", 0}, {"pain-today", 1}, {"usual-workout", 1}}

const langOutcome = "walk-or-swim"

// langQuestionnaireJS walks the Welsh questionnaire in place.
func langQuestionnaireJS(t *testing.T, browser context.Context, base string, q *questionnaire.Questionnaire) {
	ctx := consoleTab(t, browser)
	cy := welsh(t)
	browsertest.Navigate(t, ctx, base+"cy/questionnaires/exercise-today/")
	if got := browsertest.Eval[string](t, ctx, `document.querySelector('#questionnaire a').textContent`); got != cy.Must("questionnaire.start") {
		t.Errorf("the start button says %q, want %q", got, cy.Must("questionnaire.start"))
	}
	langClick(t, ctx, "#questionnaire a")
	for _, s := range langSteps {
		n := q.Node(s.node)
		langWait(t, ctx, `(function (l) { return l && l.textContent.indexOf(`+strconv.Quote(n.Question)+`) >= 0; })(document.querySelector('#questionnaire legend'))`, "question "+n.ID)
		if got := browsertest.Eval[string](t, ctx, `document.querySelector('#questionnaire button[type=submit]').textContent`); got != cy.Must("questionnaire.continue") {
			t.Errorf("%s: the button says %q, want %q", n.ID, got, cy.Must("questionnaire.continue"))
		}
		if s.pick == 0 {
			langClick(t, ctx, "#questionnaire-option-none")
		} else {
			langClick(t, ctx, "#questionnaire-option-"+strconv.Itoa(s.pick))
		}
		langClick(t, ctx, `#questionnaire button[type=submit]`)
	}
	end := q.Node(langOutcome)
	langWait(t, ctx, `document.querySelector('#questionnaire').textContent.indexOf(`+strconv.Quote(end.Outcome)+`) >= 0`, "outcome "+end.ID)
	// The level and the summary of answers in Welsh, from the page's words, not the script's.
	text := browsertest.Eval[string](t, ctx, `document.querySelector('#questionnaire').textContent`)
	for _, w := range []string{cy.Must("level.info"), cy.Must("questionnaire.answers"), cy.Must("questionnaire.none"), cy.Must("questionnaire.print")} {
		if !strings.Contains(text, w) {
			t.Errorf("the outcome in place does not say %q", w)
		}
	}
	if got := browsertest.Eval[string](t, ctx, `document.documentElement.lang`); got != "cy" {
		t.Errorf("the page's language is %q", got)
	}
	for _, v := range browsertest.Axe(t, ctx) {
		t.Errorf("outcome in place: axe: %s", v)
	}
}

// langQuestionnaireNoJS walks the Welsh questionnaire's static pages by their links.
func langQuestionnaireNoJS(t *testing.T, browser context.Context, base string, q *questionnaire.Questionnaire) {
	ctx := consoleTab(t, browser)
	cy := welsh(t)
	if err := browsertest.DisableJavaScript(ctx); err != nil {
		t.Fatal(err)
	}
	browsertest.Navigate(t, ctx, base+"cy/questionnaires/exercise-today/")
	follow := func(expr, what string) {
		t.Helper()
		href := browsertest.Eval[string](t, ctx, `(function (a) { return a ? a.href : ''; })(`+expr+`)`)
		if href == "" {
			t.Fatalf("no link %s on %s", what, browsertest.Eval[string](t, ctx, `location.href`))
		}
		browsertest.Navigate(t, ctx, href)
	}
	h1 := func() string { return browsertest.Eval[string](t, ctx, `document.querySelector('h1').textContent`) }
	follow(`document.querySelector('#questionnaire a')`, "to start")
	for _, s := range langSteps {
		n := q.Node(s.node)
		if got := h1(); got != n.Question {
			t.Fatalf("%s: h1 is %q, want %q", n.ID, got, n.Question)
		}
		if n.Each { // one page per item: "no" to each
			for range n.Items {
				no := cy.Must("questionnaire.item_no")
				follow(`[].filter.call(document.querySelectorAll('main a.answer'), function (a) { return a.textContent.trim() === `+strconv.Quote(no)+`; })[0]`, strconv.Quote(no))
			}
			continue
		}
		label := n.Answers[s.pick-1].Label
		follow(`[].filter.call(document.querySelectorAll('main a'), function (a) { return a.textContent.trim() === `+strconv.Quote(label)+`; })[0]`, strconv.Quote(label))
	}
	end := q.Node(langOutcome)
	if got := h1(); got != end.Outcome {
		t.Errorf("outcome h1 is %q, want %q", got, end.Outcome)
	}
	if got := browsertest.Eval[string](t, ctx, `document.querySelector('.outcome-level').textContent`); !strings.Contains(got, cy.Must("level.info")) {
		t.Errorf("the level reads %q, want %q", got, cy.Must("level.info"))
	}
	for _, v := range browsertest.Axe(t, ctx) {
		t.Errorf("static outcome: axe: %s", v)
	}
}

// welsh returns guidepost's Welsh catalogue, as the sample site uses it.
func welsh(t *testing.T) *i18n.Catalogue {
	t.Helper()
	src, _ := i18n.BuiltinSource("cy")
	var diags diag.List
	c := i18n.Parse("cy.yaml", "cy", src, nil, &diags)
	if diags.Len() > 0 {
		t.Fatal(diags.Sorted())
	}
	return c
}
