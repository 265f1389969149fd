package publish

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"guidepost/generator/internal/browsertest"
	"guidepost/generator/internal/corpus"
	"guidepost/generator/internal/site"
)

// BenchmarkSearchQuery runs two-word queries on the search page of a generated site of 10,000
// articles in headless chromium, served over HTTP as a CDN serves it. Each run is timed inside
// the page (ms-in-page: from the query to its first results on screen) once the shards it
// needs have loaded; the first query's downloads are reported as KB-gzip-first-query (the
// shards it loaded, gzip-compressed).
//
//	go test -run XXX -bench SearchQuery ./generator/internal/publish
func BenchmarkSearchQuery(b *testing.B) {
	const n = 10000
	src := os.DirFS(corpus.WithSearch(b, corpus.TempDir(b, n), true))
	dir := filepath.Join(b.TempDir(), "public")
	if err := os.Mkdir(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	base := browsertest.Serve(b, dir, "/guides/", nil)
	buildDir(b, src, dir, site.Options{BaseURL: base})
	tab := browsertest.NewTab(b, browsertest.NewBrowser(b))
	browsertest.Navigate(b, tab, base+"search/")
	for _, q := range []string{"knee swimming", "stiff walk"} {
		b.Run("q="+strings.ReplaceAll(q, " ", "+"), func(b *testing.B) {
			run := fmt.Sprintf(`(async () => {
				const t = performance.now();
				await guidepostSearchRun(%s);
				return performance.now() - t;
			})()`, jsString(q))
			browsertest.Eval[float64](b, tab, `performance.clearResourceTimings(), 0`)
			timed(b, tab, run) // loads the shards
			loaded := browsertest.Eval[[]string](b, tab, `performance.getEntriesByType('resource').map(e => e.name)`)
			var gz int
			for _, u := range loaded {
				p, err := url.Parse(u)
				if err != nil || !strings.HasPrefix(p.Path, "/guides/") {
					continue
				}
				data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(p.Path, "/guides/"))))
				if err != nil {
					b.Fatal(err)
				}
				var buf bytes.Buffer
				w := gzip.NewWriter(&buf)
				w.Write(data)
				w.Close()
				gz += buf.Len()
			}
			var total float64
			for b.Loop() {
				total += timed(b, tab, run)
			}
			b.ReportMetric(total/float64(b.N), "ms-in-page")
			b.ReportMetric(float64(gz)/1e3, "KB-gzip-first-query")
			b.ReportMetric(float64(len(loaded)), "files-first-query")
		})
	}
}

// timed evaluates the promise of expr in the tab and returns the number it resolves to.
func timed(b *testing.B, tab context.Context, expr string) float64 {
	b.Helper()
	ctx, cancel := context.WithTimeout(tab, browsertest.ActionTimeout)
	defer cancel()
	ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		b.Fatal(err)
	}
	return ms
}
