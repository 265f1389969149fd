package devserver

import (
	"io/fs"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"guidepost/generator/internal/site"
	"guidepost/generator/internal/testutil"
	"guidepost/templates"
)

// trapFS is a theme that panics when read while armed, as a bug in a build step would.
type trapFS struct {
	fs.FS
	armed *atomic.Bool
}

func (t trapFS) Open(name string) (fs.File, error) {
	if t.armed.Load() {
		panic("trap")
	}
	return t.FS.Open(name)
}

// TestRebuildSurvivesPanic: a rebuild that panics is a failed rebuild; dev keeps serving the
// last good build, and the next rebuild works.
func TestRebuildSurvivesPanic(t *testing.T) {
	ln, err := Listen("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	armed := &atomic.Bool{}
	log := &testutil.Buffer{}
	s := New(ln, Config{Dir: "../../..", Options: site.Options{Theme: trapFS{templates.FS, armed}}, Log: log})
	s.Rebuild(nil)
	if s.good.Load() == nil {
		t.Fatalf("first build failed:\n%s", log)
	}
	good := s.good.Load()
	armed.Store(true)
	s.Rebuild([]string{"templates/base.html"})
	if !strings.Contains(log.String(), "internal error while rebuilding: trap") || s.good.Load() != good {
		t.Fatalf("after the panic: good build replaced, or no error:\n%s", log)
	}
	rec := &recorder{header: http.Header{}}
	req, _ := http.NewRequest("GET", "/", nil)
	s.ServeHTTP(rec, req)
	if rec.code != 0 && rec.code != http.StatusOK {
		t.Errorf("serving after the panic: %d", rec.code)
	}
	armed.Store(false)
	s.Rebuild([]string{"templates/base.html"})
	if s.failed {
		t.Errorf("the rebuild after the panic failed:\n%s", log)
	}
}

type recorder struct {
	header http.Header
	code   int
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return len(b), nil }
func (r *recorder) WriteHeader(code int)        { r.code = code }
