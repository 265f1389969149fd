// Package testutil holds what the tests of several packages share: the -update flag that
// rewrites golden files, a buffer safe to write and read at once, writing files into a test's
// folder, whole sites kept as one txtar fixture, and the processor time benchmarks report.
// Only tests import it.
package testutil

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"
)

// update is the one -update flag of every test binary that imports this package.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/ instead of comparing with them")

// Update reports whether the tests run with -update: golden files are to be rewritten.
func Update() bool { return *update }

// Golden compares got with the golden file name (a path relative to the package, such as
// "testdata/golden/index.html"), or rewrites the file with -update.
func Golden(t testing.TB, name string, got []byte) {
	t.Helper()
	if Update() {
		WriteFile(t, ".", name, string(got))
		return
	}
	want, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("%v (run the test with -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what the test made (run with -update to accept it):\n--- want\n%s\n--- got\n%s", name, want, got)
	}
}

// WriteFile writes data into the file name (a slash path) under dir, making its folders.
func WriteFile(t testing.TB, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// WriteFiles writes each file of files (slash path -> content) under dir.
func WriteFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		WriteFile(t, dir, name, data)
	}
}

// Site writes the files of the txtar archive at name (a whole site kept as one fixture,
// each file after a "-- path --" line) into a new temporary folder, and returns the folder.
func Site(t testing.TB, name string) string {
	t.Helper()
	a, err := txtar.ParseFile(name)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range a.Files {
		WriteFile(t, dir, f.Name, string(f.Data))
	}
	return dir
}

// A Buffer is a bytes.Buffer that one goroutine may write while another reads it: a log a
// server writes and the test watches.
type Buffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns what was written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
