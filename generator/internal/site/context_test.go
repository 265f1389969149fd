package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"guidepost/templates"
)

// fullDisk is an Output that fails every write as a full disk does.
type fullDisk struct{ calls atomic.Int64 }

func (f *fullDisk) WriteFile(string, []byte) error {
	f.calls.Add(1)
	return &os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}
}

// TestFullDiskOneError: a build whose every write fails reports one error, not one per file,
// and stops writing.
func TestFullDiskOneError(t *testing.T) {
	out := &fullDisk{}
	res := Build(context.Background(), os.DirFS("testdata/rich"), Options{Theme: templates.FS, Now: today}, out)
	n := 0
	for _, d := range res.Diags.Sorted() {
		if strings.Contains(d.Message, "cannot write") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d write errors reported, want 1:\n%s", n, diagText(res.Diags))
	}
	if c := out.calls.Load(); c > 8 {
		t.Errorf("%d writes tried after the first failed", c)
	}
}

// TestBuildContextCanceled: a build whose context is done writes nothing and says why.
func TestBuildContextCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out Memory
	res := Build(ctx, os.DirFS("testdata/rich"), Options{Theme: templates.FS, Now: today}, &out)
	if len(out.Names()) != 0 {
		t.Errorf("wrote %d files", len(out.Names()))
	}
	if !strings.Contains(diagText(res.Diags), "build stopped: context canceled") || res.Diags.Errors() == 0 {
		t.Errorf("diagnostics:\n%s", diagText(res.Diags))
	}
}

// cancelling is an Output that cancels its build's context at its n-th write, as Ctrl-C in
// the middle of a build does, and counts the writes that come after.
type cancelling struct {
	Output
	n      int64
	cancel context.CancelFunc
	calls  atomic.Int64
}

func (c *cancelling) WriteFile(name string, data []byte) error {
	if c.calls.Add(1) == c.n {
		c.cancel()
	}
	return c.Output.WriteFile(name, data)
}

// TestBuildCanceledMidway: a build cancelled after a few files stops within a file per core,
// reports why, and, its Dir aborted, leaves the previous output exactly as it was.
func TestBuildCanceledMidway(t *testing.T) {
	target := t.TempDir() + "/public"
	if err := buildInto(t, target, 1); err != nil {
		t.Fatal(err)
	}
	d, err := NewDir(target)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &cancelling{Output: d, n: 3, cancel: cancel}
	res := Build(ctx, os.DirFS("testdata/rich"), Options{Theme: templates.FS, Now: today}, out)
	d.Abort()
	if !strings.Contains(diagText(res.Diags), "build stopped: context canceled") {
		t.Errorf("diagnostics:\n%s", diagText(res.Diags))
	}
	if after := out.calls.Load() - out.n; after > int64(runtime.GOMAXPROCS(0)) {
		t.Errorf("%d files written after the build was cancelled", after)
	}
	for i := range 20 {
		b, err := os.ReadFile(fmt.Sprintf("%s/articles/a%d/index.html", target, i))
		if err != nil || string(b) != "1" {
			t.Fatalf("the previous output changed: %q, %v", b, err)
		}
	}
	if entries, _ := os.ReadDir(filepath.Dir(target)); len(entries) != 1 {
		t.Errorf("left %d entries beside the output", len(entries))
	}
}
