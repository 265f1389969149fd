package devserver

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"guidepost/generator/internal/testutil"
)

// testQuiet is the watchers' quiet time in tests: long enough that the steps of one edit,
// run back to back, always fall in one batch, even on a busy machine.
const testQuiet = 300 * time.Millisecond

// waitLimit bounds how long a test waits for something that should come at once; reaching
// it fails the test (it measures nothing).
const waitLimit = 30 * time.Second

// startWatch watches content/ and templates/ of dir and returns the channel of batches.
func startWatch(t *testing.T, dir string) <-chan []string {
	t.Helper()
	w, err := Watch(dir, []string{"content", "templates"}, testQuiet, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	batches := make(chan []string)
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Run(ctx, batches)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return batches
}

func nextBatch(t *testing.T, batches <-chan []string) []string {
	t.Helper()
	select {
	case b := <-batches:
		return b
	case <-time.After(waitLimit):
		t.Fatal("no batch of changes came")
		return nil
	}
}

func TestWatch(t *testing.T) {
	tests := []struct {
		name string
		edit func(t *testing.T, dir string)
		want []string
	}{
		{"write", func(t *testing.T, dir string) {
			testutil.WriteFile(t, dir, "content/articles/a.md", "changed")
		}, []string{"content/articles/a.md"}},
		{"create", func(t *testing.T, dir string) {
			testutil.WriteFile(t, dir, "content/articles/b.md", "new")
		}, []string{"content/articles/b.md"}},
		{"delete", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "content/articles/a.md")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/articles/a.md"}},
		{"vim: test file, backup by rename, new file", func(t *testing.T, dir string) {
			a := filepath.Join(dir, "content/articles/a.md")
			testutil.WriteFile(t, dir, "content/articles/4913", "")
			os.Remove(filepath.Join(dir, "content/articles/4913"))
			testutil.WriteFile(t, dir, "content/articles/.a.md.swp", "swap")
			if err := os.Rename(a, a+"~"); err != nil {
				t.Fatal(err)
			}
			testutil.WriteFile(t, dir, "content/articles/a.md", "saved by vim")
			os.Remove(a + "~")
		}, []string{"content/articles/a.md"}},
		{"VS Code: truncate, then write", func(t *testing.T, dir string) {
			f, err := os.OpenFile(filepath.Join(dir, "content/articles/a.md"), os.O_WRONLY|os.O_TRUNC, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.Sync()
			f.WriteString("saved by VS Code")
			f.Close()
		}, []string{"content/articles/a.md"}},
		{"a tool's temporary file renamed in place", func(t *testing.T, dir string) {
			testutil.WriteFile(t, dir, "content/articles/sedX1b2c3", "by sed -i")
			if err := os.Rename(filepath.Join(dir, "content/articles/sedX1b2c3"), filepath.Join(dir, "content/articles/a.md")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/articles/a.md"}},
		{"emacs: lock and autosave files", func(t *testing.T, dir string) {
			testutil.WriteFile(t, dir, "content/articles/.#a.md", "lock")
			testutil.WriteFile(t, dir, "content/articles/#a.md#", "autosave")
			testutil.WriteFile(t, dir, "content/articles/a.md~", "backup")
			testutil.WriteFile(t, dir, "content/articles/a.md", "saved by emacs")
		}, []string{"content/articles/a.md"}},
		{"files outside the watched folders", func(t *testing.T, dir string) {
			testutil.WriteFile(t, dir, "public/index.html", "output")
			testutil.WriteFile(t, dir, "notes.txt", "notes")
			testutil.WriteFile(t, dir, "content/site.yaml", "title: x")
		}, []string{"content/site.yaml"}},
		{"a folder made later, then a file in it", func(t *testing.T, dir string) {
			testutil.WriteFile(t, dir, "content/articles/new/deeper/c.md", "in a new folder")
		}, []string{"content/articles/new", "content/articles/new/deeper", "content/articles/new/deeper/c.md"}},
		{"templates/ made later", func(t *testing.T, dir string) {
			testutil.WriteFile(t, dir, "templates/assets/style.css", "body {}")
		}, []string{"templates", "templates/assets", "templates/assets/style.css"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			testutil.WriteFile(t, dir, "content/articles/a.md", "first")
			batches := startWatch(t, dir)
			tt.edit(t, dir)
			if got := nextBatch(t, batches); !slices.Equal(got, tt.want) {
				t.Errorf("batch %q, want %q", got, tt.want)
			}
		})
	}
}

// TestWatchNewFolderIsWatched checks that a folder made while watching is watched itself.
func TestWatchNewFolderIsWatched(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFile(t, dir, "content/site.yaml", "title: x")
	batches := startWatch(t, dir)
	if err := os.MkdirAll(filepath.Join(dir, "content/articles/later"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got, want := nextBatch(t, batches), []string{"content/articles", "content/articles/later"}; !slices.Equal(got, want) {
		t.Fatalf("batch %q, want %q", got, want)
	}
	testutil.WriteFile(t, dir, "content/articles/later/d.md", "written after the folder was made")
	if got, want := nextBatch(t, batches), []string{"content/articles/later/d.md"}; !slices.Equal(got, want) {
		t.Errorf("batch %q, want %q", got, want)
	}
}

// TestWatchBurst writes 300 files at once, as a git checkout does: one batch holds them all.
func TestWatchBurst(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFile(t, dir, "content/site.yaml", "title: x")
	testutil.WriteFile(t, dir, "content/articles/keep.md", "x")
	batches := startWatch(t, dir)
	var want []string
	for i := range 300 {
		name := fmt.Sprintf("content/articles/a%03d.md", i)
		testutil.WriteFile(t, dir, name, "x")
		want = append(want, name)
	}
	if got := nextBatch(t, batches); !slices.Equal(got, want) {
		t.Errorf("the first batch has %d files, want the 300 written: %q", len(got), got)
	}
}
