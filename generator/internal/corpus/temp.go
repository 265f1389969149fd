package corpus

import (
	"os"
	"path/filepath"
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
