package site_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"guidepost/generator/internal/browsertest"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/questionnaire"
	"guidepost/generator/internal/site"
)

// The format 2 questionnaire of testdata/rich: rules on earlier answers, an each: true
// checklist, composed outcomes and an emergency with its action.
const (
	questionnaire2Slug = "child-fever"
	questionnaire2File = "content/questionnaires/" + questionnaire2Slug + ".yaml"
)

// TestQuestionnaire2Browser proves that the in-place script and the static pages take the routes
// Go computes: with JavaScript it walks every path of the tree through the page itself and
// compares them with questionnaire.Paths; without JavaScript it follows the static pages'
// links along every one of those paths; both over HTTP under a strict CSP and from disk. It
// also checks the checklist's "None of these" and its error state, and the emergency
// outcome's action.
func TestQuestionnaire2Browser(t *testing.T) {
	root := filepath.Join(browsertest.RepoRoot(t), "generator/internal/site/testdata/rich")
	src, err := os.ReadFile(filepath.Join(root, questionnaire2File))
	if err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	q := questionnaire.Parse(questionnaire2File, src, &diags)
	q.Check(nil, &diags)
	paths, err := q.Paths()
	if err != nil || diags.Errors() > 0 {
		t.Fatal(err, diags.Err())
	}
	online := questionnaireBuildSample(t, root, site.Options{})
	offline := questionnaireBuildSample(t, root, site.Options{Offline: true})
	csp := http.Header{"Content-Security-Policy": {"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"}}
	base := browsertest.Serve(t, online, "/guides/", csp)
	sites := []struct{ name, start string }{
		{"http", base + "questionnaires/" + questionnaire2Slug + "/"},
		{"file", "file://" + filepath.ToSlash(offline) + "/questionnaires/" + questionnaire2Slug + "/index.html"},
	}
	browser := browsertest.NewBrowser(t)
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			t.Run("javascript", func(t *testing.T) {
				got := questionnaire2WalkJS(t, consoleTab(t, browser), s.start, q)
				if !slices.Equal(got, paths) {
					t.Errorf("the script's paths differ from Go's\n got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(paths, "\n"))
				}
			})
			t.Run("no javascript", func(t *testing.T) {
				ctx := consoleTab(t, browser)
				if err := browsertest.DisableJavaScript(ctx); err != nil {
					t.Fatal(err)
				}
				for _, line := range paths {
					questionnaire2FollowStatic(t, ctx, s.start, q, line, s.name == "http")
				}
			})
		})
	}
	t.Run("checklist", func(t *testing.T) { questionnaire2Checklist(t, consoleTab(t, browser), sites[0].start) })
	t.Run("emergency", func(t *testing.T) { questionnaire2Emergency(t, consoleTab(t, browser), sites[0].start) })
}

// questionnaire2WalkJS visits every step of the questionnaire through the page's script, depth first,
// by setting the URL's fragment, and returns the complete paths in the form of
// questionnaire.Paths, read from what the page shows: the node, the options and their ids,
// the sections of the outcome.
func questionnaire2WalkJS(t *testing.T, ctx context.Context, start string, q *questionnaire.Questionnaire) []string {
	type step struct{ id, tok, val string }
	type view struct {
		Node     string     `json:"node"`
		Outcome  bool       `json:"outcome"`
		Options  [][]string `json:"options"` // [value, data-id]
		Sections []string   `json:"sections"`
	}
	browsertest.Navigate(t, ctx, start)
	var lines []string
	var visit func(steps []step)
	visit = func(steps []step) {
		var frag []string
		for _, s := range steps {
			frag = append(frag, s.id+"="+s.tok)
		}
		hash := "#" + strings.Join(frag, "/")
		if len(steps) == 0 {
			hash = "#start" // the first question
		}
		browsertest.Eval[bool](t, ctx, `(function () { document.querySelector('#questionnaire').textContent = ''; location.hash = `+questionnaireJS(hash)+`; return true; })()`)
		questionnaireWait(t, ctx, `!!document.querySelector('#questionnaire [data-node]')`, "a step at #"+strings.Join(frag, "/"))
		v := browsertest.Eval[view](t, ctx, `(function (v) {
			return {
				node: v.getAttribute('data-node'),
				outcome: !!v.querySelector('.outcome'),
				options: [].map.call(v.querySelectorAll('input'), function (i) { return [i.value, i.getAttribute('data-id')]; }),
				sections: [].map.call(v.querySelectorAll('[data-section]'), function (s) { return s.getAttribute('data-section'); })
			};
		})(document.querySelector('#questionnaire [data-node]'))`)
		if v.Outcome {
			var parts []string
			for _, s := range steps {
				parts = append(parts, s.id+"="+s.val)
			}
			parts = append(parts, "->", v.Node, "["+strings.Join(v.Sections, ",")+"]")
			lines = append(lines, strings.Join(parts, " "))
			return
		}
		n := q.Node(v.Node)
		if n == nil {
			t.Fatalf("the page shows node %q, which the tree does not have", v.Node)
		}
		next := func(tok, val string) { visit(append(slices.Clip(steps), step{n.ID, tok, val})) }
		var items [][]string
		for _, o := range v.Options {
			if o[0] != "no" {
				items = append(items, o)
			}
		}
		switch {
		case n.Kind == questionnaire.Choice:
			for _, o := range v.Options {
				next(o[0], o[1])
			}
		case !n.Each:
			next("1", "yes")
			next("no", "no")
		default:
			for mask := 0; mask < 1<<len(items); mask++ {
				var toks, ids []string
				for i, o := range items {
					if mask&(1<<i) != 0 {
						toks, ids = append(toks, o[0]), append(ids, o[1])
					}
				}
				if mask == 0 {
					next("no", "none")
				} else {
					next(strings.Join(toks, ","), strings.Join(ids, "+"))
				}
			}
		}
	}
	visit(nil)
	slices.Sort(lines)
	return lines
}

// questionnaire2FollowStatic follows one path (a line of questionnaire.Paths) with scripts off, by
// clicking the static pages' links, and checks the outcome it reaches and its sections; on
// the way every step page asks search engines to leave it out and, when the site has an
// address, names the start page as its canonical one.
func questionnaire2FollowStatic(t *testing.T, ctx context.Context, start string, q *questionnaire.Questionnaire, line string, canonical bool) {
	t.Helper()
	steps, end, ok := strings.Cut(line, " -> ")
	if !ok {
		steps, end = "", strings.TrimPrefix(line, "-> ")
	}
	outcome, shown, _ := strings.Cut(end, " ")
	browsertest.Navigate(t, ctx, start)
	questionnaireFollow(t, ctx, `#questionnaire a`, "Start now")
	check := func(what string) {
		got := browsertest.Eval[[]string](t, ctx, `[(document.querySelector('meta[name=robots]') || {}).content || '', (document.querySelector('link[rel=canonical]') || {}).href || '']`)
		if got[0] != "noindex" || canonical && got[1] != "https://example.org/guidance/questionnaires/"+questionnaire2Slug+"/" {
			t.Errorf("%s: %s: robots %q, canonical %q", line, what, got[0], got[1])
		}
	}
	for _, s := range strings.Fields(steps) {
		id, val, _ := strings.Cut(s, "=")
		n := q.Node(id)
		check(id)
		switch {
		case n.Kind == questionnaire.Choice:
			i := slices.IndexFunc(n.Answers, func(a questionnaire.Answer) bool { return a.ID == val })
			questionnaireFollow(t, ctx, `.answers a`, n.Answers[i].Label)
		case !n.Each && val == "yes":
			questionnaireFollow(t, ctx, `.answers a`, "Yes, at least one of these")
		case !n.Each:
			questionnaireFollow(t, ctx, `.answers a`, cmpOr(n.NoneLabel, "No, none of these"))
		default:
			ticked := strings.Split(val, "+")
			for i, item := range n.ItemIDs {
				if got := browsertest.Eval[string](t, ctx, `document.querySelector('.questionnaire-item').textContent`); got != n.Items[i] {
					t.Fatalf("%s: item page %d of %s asks %q", line, i+1, id, got)
				}
				if slices.Contains(ticked, item) {
					questionnaireFollow(t, ctx, `.answers a`, "Yes, this applies")
				} else {
					questionnaireFollow(t, ctx, `.answers a`, "No, it does not")
				}
			}
		}
	}
	check(outcome)
	n := q.Node(outcome)
	var want []string
	for _, i := range strings.Split(strings.Trim(shown, "[]"), ",") {
		if i != "" {
			want = append(want, strings.TrimSpace(n.Sections[int(i[0]-'0')].Body.Text))
		}
	}
	got := browsertest.Eval[[]string](t, ctx, `[document.querySelector('h1').textContent].concat([].map.call(document.querySelectorAll('.outcome-section'), function (s) { return s.textContent.trim(); }))`)
	if !slices.Equal(got, append([]string{n.Outcome}, want...)) {
		t.Errorf("%s: without JavaScript the page shows %q, want %q", line, got, append([]string{n.Outcome}, want...))
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// questionnaire2Checklist checks the checklist's exclusive "None of these" and that Continue with
// nothing ticked is an error, never a silent "no".
func questionnaire2Checklist(t *testing.T, ctx context.Context, start string) {
	browsertest.Navigate(t, ctx, start+"#age=2/temperature=2")
	questionnaireWait(t, ctx, `document.querySelector('#questionnaire [data-node]') && document.querySelector('#questionnaire [data-node]').getAttribute('data-node') === 'signs'`, "the checklist")
	ticked := func() string {
		return browsertest.Eval[string](t, ctx, `[].filter.call(document.querySelectorAll('#questionnaire input'), function (i) { return i.checked; }).map(function (i) { return i.value; }).join(',')`)
	}
	questionnaireDo(t, ctx, "continue", chromedp.Click(chromedp.CSS(`#questionnaire button[type=submit]`)))
	questionnaireWait(t, ctx, `document.activeElement === document.querySelector('#questionnaire-error-summary') && !document.querySelector('#questionnaire-error').hidden`, "focus on the error summary")
	// The question's own "error:" text, in the summary and above the answers.
	const want = "Select each sign your child has, or select None of these apply"
	if got := browsertest.Eval[[]string](t, ctx, `[document.querySelector('#questionnaire-error').textContent, document.querySelector('#questionnaire-error-summary a').textContent]`); !slices.Equal(got, []string{"Error: " + want, want}) {
		t.Errorf("error reads %q", got)
	}
	questionnaireWait(t, ctx, questionnaireHashIs("age=2/temperature=2"), "no step taken")
	questionnaireAxe(t, ctx, "a checklist with an error")
	questionnaireDo(t, ctx, "tick items", chromedp.Click(chromedp.CSS(`#questionnaire-option-1`)), chromedp.Click(chromedp.CSS(`#questionnaire-option-2`)))
	if got := ticked(); got != "1,2" {
		t.Errorf("after ticking two items: %q", got)
	}
	questionnaireDo(t, ctx, "tick none", chromedp.Click(chromedp.CSS(`#questionnaire-option-none`)))
	if got := ticked(); got != "no" {
		t.Errorf("after ticking None of these: %q, want only it", got)
	}
	questionnaireDo(t, ctx, "tick an item", chromedp.Click(chromedp.CSS(`#questionnaire-option-2`)))
	if got := ticked(); got != "2" {
		t.Errorf("after ticking an item again: %q, want only it", got)
	}
	questionnaireDo(t, ctx, "continue", chromedp.Click(chromedp.CSS(`#questionnaire button[type=submit]`)))
	questionnaireWait(t, ctx, questionnaireHashIs("age=2/temperature=2/signs=2"), "the step taken")
	questionnaireWait(t, ctx, `document.querySelector('#questionnaire [data-node]').getAttribute('data-node') === 'call-now'`, "a stiff neck leads to call-now")
}

// questionnaire2Emergency checks that the emergency outcome's action is its first and most prominent
// control, with the script and without, and that axe finds nothing wrong in light and dark.
func questionnaire2Emergency(t *testing.T, ctx context.Context, start string) {
	browsertest.Navigate(t, ctx, start+"#age=1/temperature=1")
	questionnaireWait(t, ctx, `!!document.querySelector('#questionnaire .outcome-emergency')`, "the emergency outcome")
	first := `(function () {
		var c = document.querySelector('main').querySelectorAll('a[href]:not(.back-link), button, input');
		var a = document.querySelector('.outcome-emergency a.button-action');
		return [c[0] === a ? 'first' : 'not first: ' + c[0].outerHTML.slice(0, 80), a.getAttribute('href'), a.textContent,
			String(a.getBoundingClientRect().height >= 44), getComputedStyle(a).fontSize];
	})()`
	got := browsertest.Eval[[]string](t, ctx, first)
	if got[0] != "first" || got[1] != "tel:999" || got[2] != "Call 999" || got[3] != "true" {
		t.Errorf("with the script the action is %q", got)
	}
	questionnaireAxe(t, ctx, "an emergency outcome")
	if err := browsertest.PreferDarkColorScheme(ctx); err != nil {
		t.Fatal(err)
	}
	questionnaireAxe(t, ctx, "an emergency outcome in dark mode")
	if err := browsertest.EmulateMedia(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.DisableJavaScript(ctx); err != nil {
		t.Fatal(err)
	}
	browsertest.Navigate(t, ctx, start+"call-now/")
	got = browsertest.Eval[[]string](t, ctx, first)
	if got[0] != "first" || got[1] != "tel:999" || got[2] != "Call 999" {
		t.Errorf("without the script the action is %q", got)
	}
}
