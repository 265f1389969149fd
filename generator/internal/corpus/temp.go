package corpus

import "testing"

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
