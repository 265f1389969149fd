package rebuild

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"guidepost/generator/internal/site"
	"guidepost/templates"
)

// TestPendingStops cancels a pending build's context as its first page is about to render:
// the workers take no further page, the build ends not whole, and the next build of the same
// Incremental still equals a cold build.
func TestPendingStops(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 2026))
	s := newIncSite(t, r, 40)
	inc := NewIncremental(os.DirFS(s.dir), incOptions())
	compareBuilds(t, "first build", s.dir, inc)

	base, err := templates.FS.ReadFile("base.html")
	if err != nil {
		t.Fatal(err)
	}
	s.write("templates/base.html", string(base)+"{{/* edited */}}\n")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var gated atomic.Int32
	_, _, p := inc.Start(&site.Memory{}, []string{"templates/base.html"}, Lazy{Pages: 1, Ctx: ctx, Gate: func(string) {
		gated.Add(1)
		cancel()
	}})
	if p == nil {
		t.Fatal("a layout edit of a site of 40 articles was not pending at a threshold of one page")
	}
	if _, _, whole := p.Result(); whole {
		t.Error("the build stopped at its first page ended whole")
	}
	// Each worker may have passed its check of the context before the first page cancelled it.
	if n, pages := int(gated.Load()), p.Pages(); n > runtime.GOMAXPROCS(0) || n == pages {
		t.Errorf("%d of %d pages were taken after the context was cancelled at the first", n, pages)
	}
	s.write("templates/base.html", string(base)+"{{/* edited again */}}\n")
	compareChanged(t, fmt.Sprintf("after a stopped build (%d pages)", p.Pages()), s.dir, inc, []string{"templates/base.html"})
}

// TestPendingQuickFallsBack: a quick build served pending completes as a quick build when
// its pages render, whatever they report (a link to an anchor that is not there), but when a
// page fails it cannot: the pending build ends with a whole build's result instead, which
// reports the error. Each result equals a cold build's, and so does the build after them.
func TestPendingQuickFallsBack(t *testing.T) {
	s, inc, articles, write := shortTitleSite(t)
	for _, tc := range []struct {
		name   string
		slug   string
		edit   func(a *incArticle)
		quick  bool   // it completes as a quick build
		errors bool   // the build fails
		want   string // in its diagnostics
	}{
		{"a link to an anchor is broken", "a1", func(a *incArticle) { a.title, a.body = "One, renamed", "See [part nine](a0.md#part-nine)." }, true, true, "part-nine"},
		{"a page fails", "a1", func(a *incArticle) { a.title = "No" }, false, true, "slice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := articles[tc.slug]
			tc.edit(&a)
			articles[tc.slug] = a
			named := write(tc.slug)
			var res site.Result
			compareWith(t, tc.name, s.dir, inc, func(out site.Output) (site.Result, Stats) {
				_, _, p := inc.Start(out, named, Lazy{Quick: 1})
				if p == nil {
					t.Fatal("a new title was not served pending at a threshold of one file")
				}
				if _, ok := p.w.(*quickRender); !ok {
					t.Fatal("the pending build is not a quick one")
				}
				for name := range p.pages {
					p.Page(name) // a page that failed is reported by the result
				}
				var stats Stats
				var whole bool
				res, stats, whole = p.Result()
				if !whole {
					t.Fatal("the pending build did not end")
				}
				if stats.Quick != tc.quick {
					t.Errorf("the pending build completed as a quick build: %t, want %t", stats.Quick, tc.quick)
				}
				return res, stats
			})
			if got := res.Diags.Errors() > 0; got != tc.errors {
				t.Errorf("errors: %t, want %t:\n%s", got, tc.errors, diagText(res.Diags))
			}
			if !strings.Contains(diagText(res.Diags), tc.want) {
				t.Errorf("the diagnostics do not name %q:\n%s", tc.want, diagText(res.Diags))
			}
		})
	}
	a := articles["a1"]
	a.title = "One, again"
	articles["a1"] = a
	compareChanged(t, "after the pending builds that fell back", s.dir, inc, write("a1"))
}
