package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TempDir writes a guidepost corpus of n articles into a temporary folder that is removed
// when tb's test or benchmark ends, and returns the folder.
func TempDir(tb testing.TB, n int) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := Write(dir, n, DefaultSeed); err != nil {
		tb.Fatalf("writing a corpus of %d articles: %v", n, err)
	}
	return dir
}

// EditTarget returns an article of the corpus in dir for benchmarks to edit, as a slash path
// relative to dir (as a watcher reports it), with its content before any edit.
func EditTarget(tb testing.TB, dir string) (name string, original []byte) {
	tb.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, "content/articles"))
	if err != nil || len(entries) == 0 {
		tb.Fatalf("no articles in %s: %v", dir, err)
	}
	name = "content/articles/" + entries[len(entries)/2].Name()
	original, err = os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		tb.Fatal(err)
	}
	return name, original
}

// Retitle returns src, an article of the corpus, with its title changed as the i-th of a
// series of edits: odd edits put "Edit i" before the title, which moves the article in the
// listing order, even ones put ", revised i" after it, which moves it back.
func Retitle(src []byte, i int) []byte {
	start := bytes.Index(src, []byte("title: "))
	if start < 0 {
		return src
	}
	start += len("title: ")
	end := start + bytes.IndexByte(src[start:], '\n')
	title := src[start:end]
	if i%2 == 1 {
		title = fmt.Appendf(nil, "Edit %d %s", i, title)
	} else {
		title = fmt.Appendf(nil, "%s, revised %d", title, i)
	}
	return slices.Concat(src[:start], title, src[end:])
}

// WithSearch turns search on or off in the corpus in dir ("search: true" or "search: false"
// in its site.yaml), for the benchmarks that compare the two, and returns dir.
func WithSearch(tb testing.TB, dir string, on bool) string {
	tb.Helper()
	f, err := os.OpenFile(filepath.Join(dir, "content", "site.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err == nil {
		_, err = fmt.Fprintf(f, "search: %t\n", on)
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		tb.Fatalf("turning search on or off: %v", err)
	}
	return dir
}

// Relayout returns base, a theme's base.html, with visible text for the i-th of a series of
// edits put at the end of its body, so that every page rendered with it changes.
func Relayout(base []byte, i int) []byte {
	at := bytes.Index(base, []byte("</body>"))
	if at < 0 {
		return base
	}
	return slices.Concat(base[:at], fmt.Appendf(nil, "<span hidden>%d</span>", i), base[at:])
}
