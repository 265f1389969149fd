package site_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"testing"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/publish"
	"guidepost/generator/internal/site"
	"guidepost/templates"
)

// TestMemProbe reports what a build keeps live per article, for memory work rather than as
// a check: it runs only when MEMPROBE names a site folder (such as one written by
// generator/internal/cmd/corpus), whose article count MEMPROBE_N gives (default 10000).
// It logs the live heap, after a collection, once the articles are loaded, when sitemap.xml
// is written and when the last article page is (all of them rendered, the anchors not yet
// checked; pages still rendering at that moment count too). When MEMPROBE_OUT names a
// folder, it writes heap profiles there of the first and the last of those moments
// (loaded.pprof, rendered.pprof) for "go tool pprof -sample_index=inuse_space";
// MEMPROBE_FINE=1 samples every 64 bytes allocated, not every 512 KB (a build then takes
// some ten times as long):
//
//	MEMPROBE=$PWD/corpus/guidepost MEMPROBE_OUT=/tmp MEMPROBE_FINE=1 go test -run TestMemProbe -v ./generator/internal/site
func TestMemProbe(t *testing.T) {
	dir := os.Getenv("MEMPROBE")
	if dir == "" {
		t.Skip("MEMPROBE does not name a site folder")
	}
	if os.Getenv("MEMPROBE_FINE") != "" {
		runtime.MemProfileRate = 64
	}
	n := 10000
	if s := os.Getenv("MEMPROBE_N"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n <= 0 {
			t.Fatalf("MEMPROBE_N=%q is not a count of articles", s)
		}
	}
	out := os.Getenv("MEMPROBE_OUT")
	fsys := os.DirFS(dir)

	base := liveHeap()
	c := content.Load(fsys, content.Options{NoBodies: true}, &diag.List{})
	logLive(t, "loaded", liveHeap()-base, n)
	writeHeapProfile(t, out, "loaded.pprof")
	runtime.KeepAlive(c)
	c = nil

	base = liveHeap()
	probe := &probeOutput{t: t, n: n, base: base, out: out}
	res := site.Build(context.Background(), fsys, site.Options{Theme: templates.FS, Minify: publish.Minify()}, probe)
	if res.Diags.Errors() > 0 || !probe.probed {
		t.Fatalf("%d errors; %d article pages written, of %d", res.Diags.Errors(), probe.articles, n)
	}
}

// probeOutput writes nothing; it logs the live heap when sitemap.xml comes, and when the nth
// article page does, logs it again and writes a heap profile to out.
type probeOutput struct {
	t    *testing.T
	n    int
	base uint64
	out  string // the folder of the heap profile; "" for none

	mu       sync.Mutex
	articles int // article pages written so far
	probed   bool
}

func (p *probeOutput) WriteFile(name string, data []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if name == "sitemap.xml" {
		logLive(p.t, "sitemap.xml written", liveHeap()-p.base, p.n)
	}
	if !strings.HasPrefix(name, "articles/") {
		return nil
	}
	p.articles++
	if p.articles != p.n {
		return nil
	}
	logLive(p.t, "last article page written", liveHeap()-p.base, p.n)
	writeHeapProfile(p.t, p.out, "rendered.pprof")
	p.probed = true
	return nil
}

// liveHeap collects garbage and returns the bytes of heap still in use.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// logLive logs live bytes of heap and what they make an article, of n.
func logLive(t *testing.T, when string, live uint64, n int) {
	t.Logf("%s: live heap %d KB, %d bytes an article", when, live/1024, live/uint64(n))
}

// writeHeapProfile writes a heap profile to the file name in folder dir, when dir is not "".
func writeHeapProfile(t *testing.T, dir, name string) {
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Error(err)
		return
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		t.Error(err)
	}
	if err := f.Close(); err != nil {
		t.Error(err)
	}
}
