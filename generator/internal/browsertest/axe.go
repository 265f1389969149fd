package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// AxeTags are the axe-core rule tags that Axe runs: WCAG 2.0, 2.1 and 2.2
// at levels A and AA, and axe's best practices.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"}

// AxeViolation is one axe-core rule that the page breaks.
type AxeViolation struct {
	ID      string   `json:"id"`      // rule, such as "color-contrast" or "label"
	Impact  string   `json:"impact"`  // "minor", "moderate", "serious" or "critical"
	Help    string   `json:"help"`    // one line about the rule
	Targets []string `json:"targets"` // a CSS selector of each element that breaks it
}

func (v AxeViolation) String() string {
	return fmt.Sprintf("%s (%s): %s: %s", v.ID, v.Impact, v.Help, strings.Join(v.Targets, ", "))
}

// axeRun runs axe on the document and keeps only what AxeViolation holds.
// A target is an array of selectors when the element is in an iframe or a
// shadow root: it is joined with " >>> ".
const axeRun = `axe.run(document, {
	runOnly: {type: 'tag', values: %s},
	resultTypes: ['violations'],
}).then(r => r.violations.map(v => ({
	id: v.id,
	impact: v.impact || '',
	help: v.help,
	targets: v.nodes.map(n => n.target.map(s => [].concat(s).join(' >>> ')).join(' >>> ')),
})))`

// Axe runs axe-core (.ci/node_modules/axe-core/axe.min.js) on the page that
// the tab of ctx shows, with the rules of AxeTags, and returns its violations
// (none is an empty slice). It works on a tab whose scripts DisableJavaScript
// turned off (a page whose scripts were turned off otherwise makes it time
// out). It fails the test when axe is not installed or does not run.
func Axe(t testing.TB, ctx context.Context) []AxeViolation {
	t.Helper()
	file := filepath.Join(RepoRoot(t), ".ci", "node_modules", "axe-core", "axe.min.js")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("axe-core not installed: run `make setup` (%v)", err)
	}
	tags := `['` + strings.Join(AxeTags, `','`) + `']`
	tctx, cancel := context.WithTimeout(ctx, ActionTimeout)
	defer cancel()
	if javaScriptDisabled(ctx) {
		// axe.run settles its promise from timers, which do not run while
		// the page's scripts are off. The page's own scripts did not run at
		// load, and turning scripts on now does not run them.
		if err := setScripts(tctx, true); err != nil {
			t.Fatalf("browsertest: axe: turn scripts on: %v", err)
		}
		defer func() {
			if err := setScripts(ctx, false); err != nil {
				t.Errorf("browsertest: axe: turn scripts off again: %v", err)
			}
		}()
	}
	if err := chromedp.Do(tctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
		t.Fatalf("browsertest: inject axe-core: %v", err)
	}
	v, err := chromedp.Run(tctx, chromedp.Evaluate[[]AxeViolation](fmt.Sprintf(axeRun, tags), chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("browsertest: run axe-core: %v", err)
	}
	if v == nil {
		v = []AxeViolation{}
	}
	return v
}
