package site_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"guidepost/generator/internal/browsertest"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/publish"
	"guidepost/generator/internal/questionnaire"
	"guidepost/generator/internal/site"
	"guidepost/templates"
)

// The sample questionnaire that the browser tests run.
const (
	questionnaireSlug = "exercise-today"
	questionnaireFile = "content/questionnaires/" + questionnaireSlug + ".yaml"
)

// A questionnairePath is a way through the sample questionnaire, taken from one of its own tests.
type questionnairePath struct {
	name  string
	steps []questionnaireStep
	end   *questionnaire.Node // the outcome
}

// A questionnaireStep answers one question: for a choice, pick is the 1-based answer; for a
// checklist, 0 is "none of these" and i ticks the i-th item.
type questionnaireStep struct {
	node *questionnaire.Node
	pick int
}

// token is the step as the script writes it in the URL fragment.
func (s questionnaireStep) token() string {
	if s.node.Kind == questionnaire.Checklist && s.pick == 0 {
		return "no"
	}
	return strconv.Itoa(s.pick)
}

// answer is the answer given, as the summary of the outcome shows it.
func (s questionnaireStep) answer() string {
	switch {
	case s.node.Kind == questionnaire.Choice:
		return s.node.Answers[s.pick-1].Label
	case s.pick == 0:
		return "None of these"
	}
	return s.node.Items[s.pick-1]
}

// link is the text of the link that takes the step on the static pages.
func (s questionnaireStep) link() string {
	switch {
	case s.node.Kind == questionnaire.Choice:
		return s.node.Answers[s.pick-1].Label
	case s.pick == 0:
		return "No, none of these"
	}
	return "Yes, at least one of these"
}

func questionnaireFragment(steps []questionnaireStep) string {
	parts := make([]string, len(steps))
	for i, s := range steps {
		parts[i] = s.node.ID + "=" + s.token()
	}
	if len(parts) == 0 {
		return "start" // the first question, asked in place
	}
	return strings.Join(parts, "/")
}

// sampleQuestionnaire parses the sample questionnaire and turns each of its tests into a path. It
// fails when the tests leave an outcome unreached: every outcome must be tried.
func sampleQuestionnaire(t *testing.T, root string) (*questionnaire.Questionnaire, []questionnairePath) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(root, questionnaireFile))
	if err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	q := questionnaire.Parse(questionnaireFile, src, &diags)
	q.Check(nil, &diags)
	if diags.Errors() > 0 {
		t.Fatal(diags.Err())
	}
	var paths []questionnairePath
	reached := map[string]bool{}
	for i, tc := range q.Tests {
		p := questionnairePath{name: tc.Name}
		if p.name == "" {
			p.name = fmt.Sprintf("test %d", i+1)
		}
		for _, s := range tc.Steps {
			n := q.Node(s.Node)
			if n == nil {
				t.Fatalf("%s: unknown node %q", p.name, s.Node)
			}
			step := questionnaireStep{node: n}
			switch n.Kind {
			case questionnaire.Checklist:
				switch {
				case s.Answer == "yes":
					step.pick = 1
				case s.Answer != "no" && s.Answer != "none":
					if step.pick = slices.Index(n.ItemIDs, s.Answer) + 1; step.pick == 0 {
						t.Fatalf("%s: %q is not one item of %s", p.name, s.Answer, n.ID)
					}
				}
			case questionnaire.Choice:
				step.pick = slices.IndexFunc(n.Answers, func(a questionnaire.Answer) bool { return a.Label == s.Answer }) + 1
				if step.pick == 0 {
					step.pick = slices.IndexFunc(n.Answers, func(a questionnaire.Answer) bool { return a.ID == s.Answer }) + 1
				}
				if step.pick == 0 {
					if step.pick, err = strconv.Atoi(s.Answer); err != nil {
						t.Fatalf("%s: %q is not an answer of %s", p.name, s.Answer, n.ID)
					}
				}
			}
			p.steps = append(p.steps, step)
		}
		p.end = q.Node(tc.Expect)
		reached[tc.Expect] = true
		paths = append(paths, p)
	}
	for _, n := range q.Nodes {
		if n.Kind == questionnaire.Outcome && !reached[n.ID] {
			t.Fatalf("no test of %s ends at outcome %s: add one so that the browser tests reach it", questionnaireFile, n.ID)
		}
	}
	return q, paths
}

// questionnaireBuildSample builds the sample site into a new folder, minified as "guidepost build"
// publishes it, and returns the folder.
func questionnaireBuildSample(t *testing.T, root string, opts site.Options) string {
	t.Helper()
	dir, err := site.NewDir(filepath.Join(t.TempDir(), "site"))
	if err != nil {
		t.Fatal(err)
	}
	opts.Theme, opts.Minify = templates.FS, publish.Minify()
	res := site.Build(context.Background(), os.DirFS(root), opts, dir)
	if res.Diags.Errors() > 0 {
		dir.Abort()
		t.Fatal(res.Diags.Err())
	}
	if err := dir.Commit(); err != nil {
		t.Fatal(err)
	}
	return dir.Target()
}

// questionnaireSite is one build of the sample site as the browser opens it.
type questionnaireSite struct {
	name  string
	start string              // the URL of the questionnaire's start page
	node  func(string) string // the URL of a node's page
}

// TestQuestionnaireBrowser runs the sample questionnaire in chromium, served over HTTP under a
// sub-path and opened from disk (an offline build): with JavaScript to every outcome, back
// and forth, after a reload, from a shared link, by keyboard alone, and without JavaScript
// by following links; axe and the Nu checker find nothing wrong on the way.
func TestQuestionnaireBrowser(t *testing.T) {
	root := browsertest.RepoRoot(t)
	q, paths := sampleQuestionnaire(t, root)
	online := questionnaireBuildSample(t, root, site.Options{})
	offline := questionnaireBuildSample(t, root, site.Options{Offline: true})

	t.Run("vnu", func(t *testing.T) {
		t.Parallel() // Java runs while the browser works
		var files []string
		for _, dir := range []string{online, offline} {
			filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
				if err == nil && strings.HasSuffix(p, ".html") {
					files = append(files, p)
				}
				return err
			})
		}
		if errs := browsertest.VnuFiles(t, files...); len(errs) > 0 {
			t.Errorf("Nu checker:\n%s", strings.Join(errs, "\n"))
		}
	})

	t.Run("browser", func(t *testing.T) {
		t.Parallel()
		// A strict policy, as a CDN would send: no inline script or style, nothing from elsewhere.
		csp := http.Header{"Content-Security-Policy": {"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"}}
		base := browsertest.Serve(t, online, "/guides/", csp)
		sites := []questionnaireSite{
			{"http", base + "questionnaires/" + questionnaireSlug + "/", func(id string) string {
				return base + "questionnaires/" + questionnaireSlug + "/" + id + "/"
			}},
			{"file", "file://" + filepath.ToSlash(offline) + "/questionnaires/" + questionnaireSlug + "/index.html", func(id string) string {
				return "file://" + filepath.ToSlash(offline) + "/questionnaires/" + questionnaireSlug + "/" + id + "/index.html"
			}},
		}
		browser := browsertest.NewBrowser(t)
		for _, s := range sites {
			t.Run(s.name, func(t *testing.T) {
				t.Run("every outcome", func(t *testing.T) { questionnaireEveryOutcome(t, browser, s, paths, s.name == "http") })
				t.Run("back", func(t *testing.T) { questionnaireBack(t, browser, s, paths) })
				t.Run("reload", func(t *testing.T) { questionnaireReload(t, browser, s, paths) })
				t.Run("shared link", func(t *testing.T) { questionnaireShared(t, browser, s, q, paths) })
				t.Run("no javascript", func(t *testing.T) { questionnaireNoScript(t, browser, s, q, paths) })
			})
		}
		t.Run("keyboard", func(t *testing.T) { questionnaireKeyboard(t, browser, sites[0], paths) })
		t.Run("axe node pages", func(t *testing.T) { questionnaireAxeNodes(t, browser, sites[0], q) })
	})
}

// consoleTab opens a tab that records console errors, which must be none when the test ends.
func consoleTab(t *testing.T, browser context.Context) context.Context {
	t.Helper()
	ctx := browsertest.NewTab(t, browser)
	console := browsertest.CaptureConsole(ctx)
	t.Cleanup(func() {
		if errs := console.Errors(); len(errs) > 0 {
			t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
		}
	})
	return ctx
}

func questionnaireDo(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, browsertest.ActionTimeout)
	defer cancel()
	if err := chromedp.Do(tctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// questionnaireWait waits until the expression is true, then fails the test with what the page shows.
func questionnaireWait(t *testing.T, ctx context.Context, expr, what string) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](expr)); err != nil {
		t.Fatalf("%s: %v; the page shows %s at %s, focus on %s", what, err,
			browsertest.Eval[string](t, ctx, `document.querySelector('#questionnaire') ? document.querySelector('#questionnaire').innerText.slice(0, 300) : document.body.innerText.slice(0, 300)`),
			browsertest.Eval[string](t, ctx, `location.href`), questionnaireFocus(t, ctx))
	}
}

func questionnaireFocus(t *testing.T, ctx context.Context) string {
	return browsertest.Eval[string](t, ctx, `(function (e) {
		return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' "' + e.textContent.trim().slice(0, 60) + '"';
	})(document.activeElement)`)
}

// questionnaireJS quotes s as a JavaScript string.
func questionnaireJS(s string) string { return strconv.Quote(s) }

// questionnaireHashIs is an expression true when the URL's fragment is frag.
func questionnaireHashIs(frag string) string {
	if frag == "" {
		return `location.hash === ''`
	}
	return `location.hash === ` + questionnaireJS("#"+frag)
}

// questionnaireBegin opens the questionnaire's start page and presses its Start button, which asks
// the first question in place.
func questionnaireBegin(t *testing.T, ctx context.Context, s questionnaireSite) {
	t.Helper()
	browsertest.Navigate(t, ctx, s.start)
	questionnaireWait(t, ctx, `!!document.querySelector('#questionnaire .button-start') && document.querySelector('#questionnaire .button-start').getAttribute('href') === '#start'`, "the Start button")
	if got := browsertest.Eval[string](t, ctx, `document.querySelector('h1').textContent`); got == "" {
		t.Error("the start page has no h1")
	}
	questionnaireDo(t, ctx, "click Start", chromedp.Click(chromedp.CSS(`#questionnaire .button-start`)))
}

// questionnaireExpectQuestion waits until the page shows the question of n after the answers of steps,
// with focus on its legend when focused is set. The question is the page's only h1, inside
// the legend, after the questionnaire's title as a caption; a back link and the progress
// come before it.
func questionnaireExpectQuestion(t *testing.T, ctx context.Context, n *questionnaire.Node, steps []questionnaireStep, focused bool) {
	t.Helper()
	questionnaireWait(t, ctx, `(function (l) { return l && l.querySelector('h1') && l.querySelector('h1').textContent === `+questionnaireJS(n.Question)+`; })(document.querySelector('#questionnaire legend'))`,
		"question "+n.ID)
	if got := browsertest.Eval[[]string](t, ctx, `[].filter.call(document.querySelectorAll('h1'), function (h) { return h.getClientRects().length; }).map(function (h) { return h.textContent; })`); !slices.Equal(got, []string{n.Question}) {
		t.Errorf("%s: the visible h1s are %q, want the question alone", n.ID, got)
	}
	if got := browsertest.Eval[string](t, ctx, `document.querySelector('#questionnaire legend .questionnaire-caption').textContent`); got == "" {
		t.Errorf("%s: no caption in the legend", n.ID)
	}
	progress := browsertest.Eval[string](t, ctx, `document.querySelector('#questionnaire .questionnaire-progress').textContent`)
	var num, upTo int
	if _, err := fmt.Sscanf(progress, "Question %d of up to %d", &num, &upTo); err != nil || num != len(steps)+1 || upTo < num {
		t.Errorf("%s: progress %q, want \"Question %d of up to N\" with N >= %d", n.ID, progress, len(steps)+1, len(steps)+1)
	}
	if !browsertest.Eval[bool](t, ctx, `(function (b) { return !!b && b.compareDocumentPosition(document.querySelector('#questionnaire legend')) === Node.DOCUMENT_POSITION_FOLLOWING; })(document.querySelector('#questionnaire .back-link'))`) {
		t.Errorf("%s: no back link before the question", n.ID)
	}
	questionnaireWait(t, ctx, questionnaireHashIs(questionnaireFragment(steps)), "fragment of "+n.ID)
	if focused {
		questionnaireWait(t, ctx, `document.activeElement === document.querySelector('#questionnaire legend')`, "focus on the legend of "+n.ID)
		questionnaireWait(t, ctx, `document.querySelector('.questionnaire [role=status]').textContent === `+
			questionnaireJS(fmt.Sprintf("Question %d: %s", len(steps)+1, n.Question)), "announcement of "+n.ID)
	}
}

// questionnaireAnswer picks the answer of s and continues; for a checklist with nothing to tick, it
// ticks "None of these" unless it is ticked already.
func questionnaireAnswer(t *testing.T, ctx context.Context, s questionnaireStep) {
	t.Helper()
	switch {
	case s.pick > 0:
		questionnaireDo(t, ctx, "pick answer", chromedp.Click(chromedp.CSS(fmt.Sprintf("#questionnaire-option-%d", s.pick))))
	case s.node.Kind == questionnaire.Checklist && !browsertest.Eval[bool](t, ctx, `document.querySelector('#questionnaire-option-none').checked`):
		questionnaireDo(t, ctx, "pick none of these", chromedp.Click(chromedp.CSS("#questionnaire-option-none")))
	}
	questionnaireDo(t, ctx, "continue", chromedp.Click(chromedp.CSS(`#questionnaire button[type=submit]`)))
}

var questionnaireLevelWords = map[string]string{"info": "Non-urgent advice", "caution": "Take care", "urgent": "Urgent advice", "emergency": "Emergency"}

// questionnaireExpectOutcome checks the outcome page of the script: the level, the title, the articles
// the outcome recommends, the disclaimer and the summary of the answers.
func questionnaireExpectOutcome(t *testing.T, ctx context.Context, p questionnairePath) {
	t.Helper()
	n := p.end
	questionnaireWait(t, ctx, `(function (h) { return h && h.textContent === `+questionnaireJS(n.Outcome)+`; })(document.querySelector('#questionnaire .questionnaire-heading'))`, "outcome "+n.ID)
	questionnaireWait(t, ctx, questionnaireHashIs(questionnaireFragment(p.steps)), "fragment of "+n.ID)
	level := n.Level.String()
	if got := browsertest.Eval[string](t, ctx, `document.querySelector('#questionnaire .outcome').className + ' | ' + document.querySelector('#questionnaire .outcome-level').textContent`); got != "outcome outcome-"+level+" | "+map[string]string{"info": "i", "caution": "\u25b2", "urgent": "!", "emergency": "!"}[level]+" "+questionnaireLevelWords[level] {
		t.Errorf("%s: level shows as %q", n.ID, got)
	}
	articles := browsertest.Eval[[]string](t, ctx, `[].map.call(document.querySelectorAll('#questionnaire .summaries a'), function (a) { return a.href; })`)
	if len(articles) != len(n.Articles) {
		t.Errorf("%s: %d articles, want %d", n.ID, len(articles), len(n.Articles))
	}
	for i, href := range articles {
		if i < len(n.Articles) && !strings.Contains(href, "/articles/"+n.Articles[i]+"/") {
			t.Errorf("%s: article %d links to %s, want %s", n.ID, i+1, href, n.Articles[i])
		}
	}
	if !browsertest.Eval[bool](t, ctx, `!!document.querySelector('#questionnaire .disclaimer')`) {
		t.Errorf("%s: no disclaimer", n.ID)
	}
	var want []string
	for _, s := range p.steps {
		want = append(want, s.node.Question+" = "+s.answer())
	}
	got := browsertest.Eval[[]string](t, ctx, `[].map.call(document.querySelectorAll('#questionnaire .questionnaire-summary > div'), function (d) {
		return d.querySelector('dt').textContent + ' = ' + d.querySelector('dd').textContent;
	})`)
	if !slices.Equal(got, want) {
		t.Errorf("%s: summary\n got %q\nwant %q", n.ID, got, want)
	}
	if tag := browsertest.Eval[string](t, ctx, `document.querySelector('#questionnaire .questionnaire-heading').tagName`); tag != "H1" {
		t.Errorf("%s: the outcome's title is a %s, want the h1", n.ID, tag)
	}
	if !browsertest.Eval[bool](t, ctx, `!!document.querySelector('#questionnaire .questionnaire-result > .back-link')`) {
		t.Errorf("%s: no back link", n.ID)
	}
	if n.Action != nil {
		// The action comes first: the first thing of the card's content and its first link.
		first := browsertest.Eval[[]string](t, ctx, `(function (c) { return [c.firstElementChild.className, c.querySelector('a').textContent, c.querySelector('a').className]; })(document.querySelector('#questionnaire .outcome-content'))`)
		if !slices.Equal(first, []string{"outcome-action", n.Action.Label, "button button-action"}) {
			t.Errorf("%s: the card's content begins with %q, want the action %q", n.ID, first, n.Action.Label)
		}
	}
	if focus := browsertest.Eval[bool](t, ctx, `document.activeElement === document.querySelector('#questionnaire .questionnaire-heading')`); !focus {
		t.Errorf("%s: focus on %s, want the outcome's heading", n.ID, questionnaireFocus(t, ctx))
	}
	if said, want := browsertest.Eval[string](t, ctx, `document.querySelector('.questionnaire [role=status]').textContent`), questionnaireLevelWords[level]+": "+n.Outcome; said != want {
		t.Errorf("%s: announced %q, want %q", n.ID, said, want)
	}
}

// questionnairePrint checks that a printed outcome shows the outcome and the answers, not the controls.
func questionnairePrint(t *testing.T, ctx context.Context) {
	t.Helper()
	set := func(media string) {
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media}); err != nil {
			t.Fatal(err)
		}
	}
	set("print")
	defer set("")
	shown := browsertest.Eval[[]string](t, ctx, `['.outcome', '.questionnaire-summary', '.questionnaire-summary dd', '.questionnaire-controls', '.questionnaire-change', '.questionnaire-controls button', '.back-link'].map(function (sel) {
		var e = document.querySelector('#questionnaire ' + sel);
		return sel + (e && e.getClientRects().length ? ' shown' : ' hidden');
	})`)
	want := []string{".outcome shown", ".questionnaire-summary shown", ".questionnaire-summary dd shown", ".questionnaire-controls hidden", ".questionnaire-change hidden", ".questionnaire-controls button hidden", ".back-link hidden"}
	if !slices.Equal(shown, want) {
		t.Errorf("printed outcome: %q, want %q", shown, want)
	}
	// Black on white: the care card's band prints as white with black words.
	if got := browsertest.Eval[string](t, ctx, `(function (h) { var s = getComputedStyle(h); return s.backgroundColor + ' ' + s.color; })(document.querySelector('#questionnaire .outcome-head'))`); got != "rgb(255, 255, 255) rgb(0, 0, 0)" {
		t.Errorf("printed care card band: %s, want black on white", got)
	}
	// The address printed is the step's, fragment and all, with the day it was printed.
	addr := browsertest.Eval[[]string](t, ctx, `[document.querySelector('#print-address').textContent, location.href, getComputedStyle(document.querySelector('#print-address')).display]`)
	if !strings.Contains(addr[0], addr[1]) || !strings.Contains(addr[1], "#") || !strings.Contains(addr[0], "Printed on ") || addr[2] == "none" {
		t.Errorf("printed address %q (display %s), want the full address %q and the date", addr[0], addr[2], addr[1])
	}
	if links := browsertest.Eval[[]string](t, ctx, `[].map.call(document.querySelectorAll('#questionnaire .questionnaire-read-more a'), function (a) { return getComputedStyle(a, '::after').content; })`); len(links) > 0 && !strings.Contains(links[0], "/articles/") {
		t.Errorf("a Read more link prints as %q, without its address", links[0])
	}
}

func questionnaireAxe(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	if v := browsertest.Axe(t, ctx); len(v) > 0 {
		t.Errorf("axe on %s:\n%v", what, v)
	}
}

// questionnaireEveryOutcome follows every path with the script, from a fresh page each time.
func questionnaireEveryOutcome(t *testing.T, browser context.Context, s questionnaireSite, paths []questionnairePath, checkAxe bool) {
	ctx := consoleTab(t, browser)
	checked := map[string]bool{}
	for i, p := range paths {
		if i == 0 && checkAxe {
			browsertest.Navigate(t, ctx, s.start)
			questionnaireWait(t, ctx, `!!document.querySelector('#questionnaire .button-start')`, "the start page")
			questionnaireAxe(t, ctx, "the start page")
		}
		questionnaireBegin(t, ctx, s)
		for j, st := range p.steps {
			questionnaireExpectQuestion(t, ctx, st.node, p.steps[:j], true)
			if kind := st.node.Kind.String(); checkAxe && !checked[kind] {
				checked[kind] = true
				questionnaireAxe(t, ctx, "a "+kind+" step")
				if kind == "checklist" {
					questionnaireExclusive(t, ctx)
				}
			}
			questionnaireAnswer(t, ctx, st)
		}
		questionnaireExpectOutcome(t, ctx, p)
		if i == 0 {
			questionnairePrint(t, ctx)
		}
		if level := p.end.Level.String(); checkAxe && !checked[level] {
			checked[level] = true
			questionnaireAxe(t, ctx, "a "+level+" outcome")
			if level == "urgent" {
				if err := browsertest.PreferDarkColorScheme(ctx); err != nil {
					t.Fatal(err)
				}
				questionnaireAxe(t, ctx, "an urgent outcome in dark mode")
				if err := browsertest.EmulateMedia(ctx, nil); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if checkAxe {
		for _, k := range []string{"choice", "checklist", "info", "caution", "urgent"} {
			if !checked[k] {
				t.Errorf("axe never ran on a %s step", k)
			}
		}
	}

	// Continue without an answer to a choice shows an error, with focus on it.
	questionnaireBegin(t, ctx, s)
	first := paths[0].steps[0]
	var choice []questionnaireStep
	for _, p := range paths {
		if len(p.steps) > 1 && p.steps[1].node.Kind == questionnaire.Choice {
			choice = p.steps[:2]
			break
		}
	}
	if choice == nil {
		t.Fatal("no path with a choice as its second question")
	}
	questionnaireExpectQuestion(t, ctx, first.node, nil, false)
	questionnaireAnswer(t, ctx, choice[0])
	questionnaireExpectQuestion(t, ctx, choice[1].node, choice[:1], true)
	questionnaireDo(t, ctx, "continue", chromedp.Click(chromedp.CSS(`#questionnaire button[type=submit]`)))
	// The GOV.UK error pattern: the summary takes focus, says there is a problem and links to
	// the first answer; the message is above the answers; the title begins "Error:".
	questionnaireWait(t, ctx, `document.activeElement === document.querySelector('#questionnaire-error-summary') && !document.querySelector('#questionnaire-error').hidden`, "focus on the error summary")
	if got := browsertest.Eval[string](t, ctx, `document.querySelector('#questionnaire fieldset').getAttribute('aria-describedby')`); !strings.Contains(got, "questionnaire-error") {
		t.Errorf("the fieldset's aria-describedby is %q, without the error", got)
	}
	wantError := "Select an answer to \u201c" + choice[1].node.Question + "\u201d"
	if choice[1].node.Error != "" {
		wantError = choice[1].node.Error
	}
	summary := browsertest.Eval[[]string](t, ctx, `(function (s) { var a = s.querySelector('a'); return [s.querySelector('h2').textContent, a.textContent, a.getAttribute('href'), document.querySelector('#questionnaire-error').textContent, document.title]; })(document.querySelector('#questionnaire-error-summary'))`)
	if summary[0] != "There is a problem" || summary[1] != wantError || summary[2] != "#questionnaire-option-1" || summary[3] != "Error: "+wantError || !strings.HasPrefix(summary[4], "Error: ") {
		t.Errorf("error summary, its link, its target, the message and the title: %q; want %q", summary, wantError)
	}
	questionnaireDo(t, ctx, "click the error's link", chromedp.Click(chromedp.CSS(`#questionnaire-error-summary a`)))
	questionnaireWait(t, ctx, `document.activeElement === document.querySelector('#questionnaire-option-1')`, "focus on the first answer")
	questionnaireWait(t, ctx, questionnaireHashIs(questionnaireFragment(choice[:1])), "the fragment kept")
	if checkAxe {
		questionnaireAxe(t, ctx, "a question with an error")
	}
	questionnaireWait(t, ctx, questionnaireHashIs(questionnaireFragment(choice[:1])), "no step taken")
}

// questionnaireBack goes back with the page's Back button, with the browser's back button and with a
// Change link of the summary; each time the answers given before are kept.
func questionnaireBack(t *testing.T, browser context.Context, s questionnaireSite, paths []questionnairePath) {
	ctx := consoleTab(t, browser)
	p := questionnaireLongest(paths)
	questionnaireBegin(t, ctx, s)
	for j, st := range p.steps {
		questionnaireExpectQuestion(t, ctx, st.node, p.steps[:j], true)
		questionnaireAnswer(t, ctx, st)
	}
	questionnaireExpectOutcome(t, ctx, p)
	last := len(p.steps) - 1

	questionnaireDo(t, ctx, "click Back", chromedp.Click(chromedp.CSS(`#questionnaire .back-link`)))
	questionnaireExpectQuestion(t, ctx, p.steps[last].node, p.steps[:last], true)
	questionnaireExpectChecked(t, ctx, p.steps[last])

	questionnaireDo(t, ctx, "browser back", chromedp.NavigateBack())
	questionnaireExpectQuestion(t, ctx, p.steps[last-1].node, p.steps[:last-1], true)
	questionnaireExpectChecked(t, ctx, p.steps[last-1])

	questionnaireDo(t, ctx, "browser forward", chromedp.NavigateForward())
	questionnaireExpectQuestion(t, ctx, p.steps[last].node, p.steps[:last], true)
	questionnaireAnswer(t, ctx, questionnaireStep{node: p.steps[last].node}) // the answer is still picked
	questionnaireExpectOutcome(t, ctx, p)

	questionnaireDo(t, ctx, "browser back", chromedp.NavigateBack())
	questionnaireExpectQuestion(t, ctx, p.steps[last].node, p.steps[:last], true)
	questionnaireDo(t, ctx, "browser forward", chromedp.NavigateForward())
	questionnaireExpectOutcome(t, ctx, p)

	// Change the answer to the second question: the first one stays.
	questionnaireDo(t, ctx, "click Change", chromedp.Click(chromedp.CSS(`#questionnaire .questionnaire-summary > div:nth-child(2) .questionnaire-change a`)))
	questionnaireExpectQuestion(t, ctx, p.steps[1].node, p.steps[:1], true)
	questionnaireExpectChecked(t, ctx, p.steps[1])

	// Start again forgets every answer.
	questionnaireDo(t, ctx, "click Start again", chromedp.Click(chromedp.CSS(`#questionnaire .questionnaire-link`)))
	questionnaireExpectQuestion(t, ctx, p.steps[0].node, nil, true)
	if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll('#questionnaire input:checked').length`); n != 0 {
		t.Errorf("after Start again, %d answers are still picked", n)
	}
	if !browsertest.Eval[bool](t, ctx, `document.querySelector('#questionnaire-start').hidden`) {
		t.Error("the start page's title and introduction show beside the first question")
	}
	// Back from the first question is the start page, with its title as the h1.
	questionnaireDo(t, ctx, "click Back", chromedp.Click(chromedp.CSS(`#questionnaire .back-link`)))
	questionnaireWait(t, ctx, `location.hash === '' && !document.querySelector('#questionnaire-start').hidden && !!document.querySelector('#questionnaire .button-start')`, "the start page")
}

// questionnaireExclusive checks that "None of these" is exclusive: ticking it clears the items, and
// ticking an item clears it. It leaves nothing ticked.
func questionnaireExclusive(t *testing.T, ctx context.Context) {
	t.Helper()
	ticked := func() string {
		return browsertest.Eval[string](t, ctx, `[].map.call(document.querySelectorAll('#questionnaire input:checked'), function (i) { return i.value; }).join(',')`)
	}
	questionnaireDo(t, ctx, "tick item 1", chromedp.Click(chromedp.CSS(`#questionnaire-option-1`)))
	questionnaireDo(t, ctx, "tick None of these", chromedp.Click(chromedp.CSS(`#questionnaire-option-none`)))
	if got := ticked(); got != "no" {
		t.Errorf("after ticking an item then None of these, ticked %q, want only none", got)
	}
	questionnaireDo(t, ctx, "tick item 1", chromedp.Click(chromedp.CSS(`#questionnaire-option-1`)))
	if got := ticked(); got != "1" {
		t.Errorf("after ticking an item, ticked %q, want only the item", got)
	}
	questionnaireDo(t, ctx, "untick item 1", chromedp.Click(chromedp.CSS(`#questionnaire-option-1`)))
}

func questionnaireLongest(paths []questionnairePath) questionnairePath {
	return slices.MaxFunc(paths, func(a, b questionnairePath) int { return len(a.steps) - len(b.steps) })
}

// questionnaireExpectChecked checks that the answer of s is the one picked.
func questionnaireExpectChecked(t *testing.T, ctx context.Context, s questionnaireStep) {
	t.Helper()
	want := []string{}
	switch {
	case s.pick > 0:
		want = []string{strconv.Itoa(s.pick)}
	case s.node.Kind == questionnaire.Checklist:
		want = []string{"no"} // "None of these"
	}
	got := browsertest.Eval[[]string](t, ctx, `[].map.call(document.querySelectorAll('#questionnaire input:checked'), function (i) { return i.value; })`)
	if !slices.Equal(got, want) {
		t.Errorf("%s: picked %q, want %q", s.node.ID, got, want)
	}
}

// questionnaireReload reloads the page in the middle of the longest path, goes on to its outcome
// and reloads that too.
func questionnaireReload(t *testing.T, browser context.Context, s questionnaireSite, paths []questionnairePath) {
	ctx := consoleTab(t, browser)
	for _, p := range []questionnairePath{questionnaireLongest(paths)} {
		questionnaireBegin(t, ctx, s)
		mid := len(p.steps) / 2
		for j, st := range p.steps[:mid] {
			questionnaireExpectQuestion(t, ctx, st.node, p.steps[:j], true)
			questionnaireAnswer(t, ctx, st)
		}
		questionnaireExpectQuestion(t, ctx, p.steps[mid].node, p.steps[:mid], true)
		questionnaireDo(t, ctx, "reload", chromedp.Reload())
		questionnaireExpectQuestion(t, ctx, p.steps[mid].node, p.steps[:mid], true)
		for j, st := range p.steps[mid:] {
			questionnaireExpectQuestion(t, ctx, st.node, p.steps[:mid+j], true)
			questionnaireAnswer(t, ctx, st)
		}
		questionnaireExpectOutcome(t, ctx, p)
		questionnaireDo(t, ctx, "reload", chromedp.Reload())
		questionnaireExpectOutcome(t, ctx, p)
	}
}

// questionnaireShared opens links to a step in a new tab each, as a reader who was sent the link.
func questionnaireShared(t *testing.T, browser context.Context, s questionnaireSite, q *questionnaire.Questionnaire, paths []questionnairePath) {
	p := questionnaireLongest(paths)
	mid := len(p.steps) / 2
	ctx := consoleTab(t, browser)
	browsertest.Navigate(t, ctx, s.start+"#"+questionnaireFragment(p.steps[:mid]))
	questionnaireExpectQuestion(t, ctx, p.steps[mid].node, p.steps[:mid], true)

	ctx = consoleTab(t, browser)
	browsertest.Navigate(t, ctx, s.start+"#"+questionnaireFragment(p.steps))
	questionnaireExpectOutcome(t, ctx, p)

	// Links that do not follow the tree show the furthest step they lead to.
	first := q.Node(q.Start)
	for _, tc := range []struct {
		frag string
		at   int // the step shown
	}{
		{"nonsense", 0},
		{"%E0%A4%A", 0},
		{p.steps[1].node.ID + "=1", 0},
		{questionnaireFragment(p.steps[:1]) + "/" + p.steps[1].node.ID + "=99", 1},
		{questionnaireFragment(p.steps[:1]) + "/" + p.steps[1].node.ID + "=1,2", 1},
		{questionnaireFragment(p.steps[:2]) + "/no-such-node=1", 2},
		{questionnaireFragment(p.steps) + "/" + first.ID + "=no", len(p.steps)},
	} {
		ctx := consoleTab(t, browser)
		browsertest.Navigate(t, ctx, s.start+"#"+tc.frag)
		if tc.at == len(p.steps) {
			questionnaireExpectOutcome(t, ctx, p)
		} else {
			questionnaireExpectQuestion(t, ctx, p.steps[tc.at].node, p.steps[:tc.at], true)
		}
	}
}

// questionnaireNoScript follows the links of the static pages, with scripts off, to an urgent
// outcome and to one of another level.
func questionnaireNoScript(t *testing.T, browser context.Context, s questionnaireSite, q *questionnaire.Questionnaire, paths []questionnairePath) {
	ctx := consoleTab(t, browser)
	if err := browsertest.DisableJavaScript(ctx); err != nil {
		t.Fatal(err)
	}
	var chosen []questionnairePath
	for _, level := range []questionnaire.Level{questionnaire.Urgent, questionnaire.Info} {
		i := slices.IndexFunc(paths, func(p questionnairePath) bool {
			return p.end.Level == level && (level == questionnaire.Urgent || len(p.steps) > 1)
		})
		if i < 0 {
			t.Fatalf("no path to a %s outcome", level)
		}
		chosen = append(chosen, paths[i])
	}
	for _, p := range chosen {
		browsertest.Navigate(t, ctx, s.start)
		if got := browsertest.Eval[string](t, ctx, `document.querySelector('h1').textContent`); got != q.Title {
			t.Errorf("start page h1 = %q", got)
		}
		questionnaireFollow(t, ctx, `#questionnaire a`, "Start now")
		for j, st := range p.steps {
			questionnaireExpectPage(t, ctx, s.node(st.node.ID), st.node.Question)
			questionnaireExpectStatic(t, ctx, j == 0)
			if !st.node.Each {
				questionnaireFollow(t, ctx, `.answers a`, st.link())
				continue
			}
			for i := range st.node.Items { // one page per item
				if i+1 == st.pick {
					questionnaireFollow(t, ctx, `.answers a`, "Yes, this applies")
				} else {
					questionnaireFollow(t, ctx, `.answers a`, "No, it does not")
				}
			}
		}
		questionnaireExpectPage(t, ctx, s.node(p.end.ID), p.end.Outcome)
		if got := browsertest.Eval[string](t, ctx, `document.querySelector('.outcome').className + ' | ' + document.querySelector('.outcome-level').textContent`); got != "outcome outcome-"+p.end.Level.String()+" | "+map[string]string{"info": "i", "caution": "\u25b2", "urgent": "!", "emergency": "!"}[p.end.Level.String()]+" "+questionnaireLevelWords[p.end.Level.String()] {
			t.Errorf("%s: level shows as %q", p.end.ID, got)
		}
		if !browsertest.Eval[bool](t, ctx, `!!document.querySelector('.questionnaire-page > .back-link')`) {
			t.Errorf("%s: no back link on the outcome", p.end.ID)
		}
		// When the outcome's page has one way from the start it lists the answers of that way.
		if asked := browsertest.Eval[[]string](t, ctx, `[].map.call(document.querySelectorAll('.questionnaire-summary dt'), function (d) { return d.textContent; })`); len(asked) > 0 {
			var want []string
			for _, st := range p.steps {
				if !st.node.Each {
					want = append(want, st.node.Question)
					continue
				}
				for _, item := range st.node.Items { // one page, and one answer, per item
					want = append(want, st.node.Question+" "+item)
				}
			}
			if !slices.Equal(asked, want) {
				t.Errorf("%s: the answers listed are to %q, want %q", p.end.ID, asked, want)
			}
		}
		if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll('.summaries a').length`); n != len(p.end.Articles) {
			t.Errorf("%s: %d articles, want %d", p.end.ID, n, len(p.end.Articles))
		}
		questionnaireFollow(t, ctx, `.questionnaire-restart a`, "Start again")
		questionnaireExpectPage(t, ctx, s.start, q.Title)
	}
}

// questionnaireExpectStatic checks a question's static page: the question is the only h1, after the
// questionnaire's title as a caption; the progress shows; there is a back link; "Start
// again" shows after the first question only.
func questionnaireExpectStatic(t *testing.T, ctx context.Context, first bool) {
	t.Helper()
	got := browsertest.Eval[[]string](t, ctx, `[String(document.querySelectorAll('h1').length), (document.querySelector('.questionnaire-caption') || {}).textContent || '',
		(document.querySelector('.questionnaire-progress') || {}).textContent || '', String(!!document.querySelector('.questionnaire-page > .back-link')), String(!!document.querySelector('.questionnaire-restart')), location.href]`)
	if got[0] != "1" || got[1] == "" || !strings.Contains(got[2], "question") && !strings.HasPrefix(got[2], "Question ") || got[3] != "true" || got[4] != strconv.FormatBool(!first) {
		t.Errorf("static question page (h1s, caption, progress, back link, Start again, address): %q", got)
	}
}

// questionnaireFollow clicks the link among those of sel whose text is text, and waits for its page.
// It works with scripts off: it finds the link's place by evaluating an expression and
// clicks there with the mouse, as a reader does.
func questionnaireFollow(t *testing.T, ctx context.Context, sel, text string) {
	t.Helper()
	at := browsertest.Eval[[]float64](t, ctx, `(function (links) {
		for (var i = 0; i < links.length; i++) {
			if (links[i].textContent !== `+questionnaireJS(text)+`) continue;
			links[i].scrollIntoView({block: 'center'});
			var r = links[i].getBoundingClientRect();
			return [r.left + r.width / 2, r.top + r.height / 2];
		}
		return [];
	})(document.querySelectorAll(`+questionnaireJS(sel)+`))`)
	if len(at) != 2 {
		t.Fatalf("no link %q among %s at %s", text, sel, browsertest.Eval[string](t, ctx, `location.href`))
	}
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.RunResponse(tctx, chromedp.MouseClickXY(at[0], at[1])); err != nil {
		t.Fatalf("follow %q: %v", text, err)
	}
}

// questionnaireExpectPage checks the page's h1, and that it is the page at url or one below it (a
// node's page that carries earlier answers, or one item of a checklist).
func questionnaireExpectPage(t *testing.T, ctx context.Context, url, h1 string) {
	t.Helper()
	got := browsertest.Eval[[]string](t, ctx, `[location.href, document.querySelector('h1').textContent]`)
	dir := strings.TrimSuffix(url, "index.html")
	if got[1] != h1 || got[0] != url && !(strings.HasPrefix(got[0], dir) && got[0] != dir) {
		t.Fatalf("at %q with h1 %q, want %q with %q", got[0], got[1], url, h1)
	}
}

// questionnaireKeyboard completes a path and changes an answer with the keyboard alone: Tab to move,
// Space to tick or press, arrows to pick, Enter to continue. Focus must land on each new
// step's legend or heading.
func questionnaireKeyboard(t *testing.T, browser context.Context, s questionnaireSite, paths []questionnairePath) {
	ctx := consoleTab(t, browser)
	p := questionnaireLongest(paths)
	browsertest.Navigate(t, ctx, s.start)
	consoleTabTo(t, ctx, `#questionnaire .button-start`)
	questionnaireKey(t, ctx, kb.Enter)
	questionnaireExpectQuestion(t, ctx, p.steps[0].node, nil, true)
	for j, st := range p.steps {
		if j > 0 {
			questionnaireExpectQuestion(t, ctx, st.node, p.steps[:j], true)
		}
		switch {
		case st.node.Kind == questionnaire.Checklist && st.pick > 0:
			consoleTabTo(t, ctx, fmt.Sprintf("#questionnaire-option-%d", st.pick))
			questionnaireKey(t, ctx, " ")
		case st.node.Kind == questionnaire.Checklist:
			consoleTabTo(t, ctx, "#questionnaire-option-none")
			questionnaireKey(t, ctx, " ")
		case st.node.Kind == questionnaire.Choice:
			consoleTabTo(t, ctx, "#questionnaire-option-1")
			for range st.pick - 1 {
				questionnaireKey(t, ctx, kb.ArrowDown)
			}
			if st.pick == 1 {
				questionnaireKey(t, ctx, " ")
			}
		}
		questionnaireExpectChecked(t, ctx, st)
		consoleTabTo(t, ctx, `#questionnaire button[type=submit]`)
		questionnaireKey(t, ctx, kb.Enter)
	}
	questionnaireExpectOutcome(t, ctx, p)

	// Back with Enter, then change the first answer from the summary with Enter.
	consoleTabTo(t, ctx, `#questionnaire .back-link`)
	questionnaireKey(t, ctx, kb.Enter)
	last := len(p.steps) - 1
	questionnaireExpectQuestion(t, ctx, p.steps[last].node, p.steps[:last], true)
	consoleTabTo(t, ctx, `#questionnaire button[type=submit]`)
	questionnaireKey(t, ctx, kb.Enter)
	questionnaireExpectOutcome(t, ctx, p)
	consoleTabTo(t, ctx, `#questionnaire .questionnaire-change a`)
	questionnaireKey(t, ctx, kb.Enter)
	questionnaireExpectQuestion(t, ctx, p.steps[0].node, nil, true)
}

func questionnaireKey(t *testing.T, ctx context.Context, keys string) {
	t.Helper()
	questionnaireDo(t, ctx, fmt.Sprintf("press %q", keys), chromedp.KeyEvent(keys))
}

// consoleTabTo presses Tab until the element of sel has focus.
func consoleTabTo(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	for range 40 {
		if browsertest.Eval[bool](t, ctx, `document.activeElement === document.querySelector(`+questionnaireJS(sel)+`)`) {
			return
		}
		questionnaireKey(t, ctx, kb.Tab)
	}
	t.Fatalf("Tab never reaches %s; focus on %s", sel, questionnaireFocus(t, ctx))
}

// questionnaireAxeNodes runs axe on the static pages of the questionnaire, one of each node and
// item, with scripts off.
func questionnaireAxeNodes(t *testing.T, browser context.Context, s questionnaireSite, q *questionnaire.Questionnaire) {
	ctx := consoleTab(t, browser)
	if err := browsertest.DisableJavaScript(ctx); err != nil {
		t.Fatal(err)
	}
	browsertest.Navigate(t, ctx, s.start)
	questionnaireAxe(t, ctx, "the start page without JavaScript")
	pages, err := q.Pages()
	if err != nil {
		t.Fatal(err)
	}
	type item struct {
		n *questionnaire.Node
		i int
	}
	seen := map[item]bool{}
	for _, pg := range pages { // the first page of each node, and of each item of a checklist
		if seen[item{pg.Node, pg.Item}] {
			continue
		}
		seen[item{pg.Node, pg.Item}] = true
		browsertest.Navigate(t, ctx, s.node(strings.TrimSuffix(pg.Dir, "/")))
		questionnaireAxe(t, ctx, pg.Dir+" without JavaScript")
	}
}
