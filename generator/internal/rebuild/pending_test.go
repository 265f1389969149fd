package rebuild

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
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
