package site

import (
	"context"
	"os"
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
	res := Build(os.DirFS("testdata/rich"), Options{Theme: templates.FS, Now: today}, out)
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
	res := BuildContext(ctx, os.DirFS("testdata/rich"), Options{Theme: templates.FS, Now: today}, &out)
	if len(out.Names()) != 0 {
		t.Errorf("wrote %d files", len(out.Names()))
	}
	if !strings.Contains(diagText(res.Diags), "build stopped: context canceled") || res.Diags.Errors() == 0 {
		t.Errorf("diagnostics:\n%s", diagText(res.Diags))
	}
}
