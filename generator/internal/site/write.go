package site

import (
	"context"
	"io/fs"
	"slices"
	"sync"
	"sync/atomic"

	"guidepost/generator/internal/diag"
)

// A Writer is the one path by which a build, whole or a dev rebuild, hands files to its
// Output: it counts what was written, lists it for Result, and stops the build at the first
// file that cannot be written (reported once: a full disk would fail every one) or when the
// build's context is done. Its methods are called from many goroutines at once.
type Writer struct {
	out    Output
	diags  *diag.List
	ctx    context.Context
	stop   context.CancelFunc
	failed atomic.Bool // a write failed: the build stops, and no other failure is reported

	pages, files atomic.Int64
	mu           sync.Mutex
	written      []string
}

// NewWriter returns a Writer to out, stopping when ctx is done; Close must be called.
func NewWriter(ctx context.Context, out Output, diags *diag.List) *Writer {
	w := &Writer{out: out, diags: diags}
	w.ctx, w.stop = context.WithCancel(ctx)
	return w
}

// Close releases the writer's context.
func (w *Writer) Close() { w.stop() }

// Stopped reports whether the build is to write no further file.
func (w *Writer) Stopped() bool { return w.ctx.Err() != nil }

// Write writes the file name, an HTML page when page is set; false: it was not written.
func (w *Writer) Write(name string, page bool, data []byte) bool {
	return w.done(name, page, w.out.WriteFile(name, data))
}

// copy writes the file name from the file src of b's site, as a stream when the Output
// takes one (media, which need not be in memory whole).
func (w *Writer) copy(b *builder, name, src string) bool {
	if streamed, ok := w.out.(Streamer); ok {
		return w.done(name, false, copyFile(streamed, name, b.fsys, src))
	}
	data, err := fs.ReadFile(b.fsys, src)
	if err != nil {
		return w.done(name, false, err)
	}
	return w.Write(name, false, data)
}

// done records the outcome of writing name.
func (w *Writer) done(name string, page bool, err error) bool {
	if err != nil {
		if !w.failed.Swap(true) && w.ctx.Err() == nil {
			w.diags.Errorf(diag.Pos{Path: name}, "cannot write: %v", err)
		}
		w.stop()
		return false
	}
	w.files.Add(1)
	if page {
		w.pages.Add(1)
	}
	w.mu.Lock()
	w.written = append(w.written, name)
	w.mu.Unlock()
	return true
}

// interrupted returns why the build stopped before its end when it was not a failed write
// (its context was cancelled), or nil.
func (w *Writer) interrupted() error {
	if w.failed.Load() {
		return nil
	}
	return context.Cause(w.ctx)
}

// Result returns what was written, as a Result without diagnostics, sorted.
func (w *Writer) Result() Result {
	w.mu.Lock()
	defer w.mu.Unlock()
	written := slices.Clone(w.written)
	slices.Sort(written)
	return Result{Pages: int(w.pages.Load()), Files: int(w.files.Load()), Written: written}
}
