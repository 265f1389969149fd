package site

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"

	"guidepost/templates"
)

// streams is a Streamer that records which files came as streams.
type streams struct {
	Memory
	mu       sync.Mutex
	streamed map[string]bool
}

func (s *streams) WriteFrom(name string, r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.streamed[name] = true
	s.mu.Unlock()
	return s.WriteFile(name, data)
}

// TestMediaStreamed: media go to a Streamer as streams, with their bytes, and pages as
// bytes; a Dir writes a stream to disk as it is.
func TestMediaStreamed(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB
	fsys := fstest.MapFS{
		"content/site.yaml":           {Data: []byte("title: T\ndescription: D\n")},
		"content/articles/a.md":       {Data: []byte("---\ntitle: A\ndescription: D\n---\n[v](../media/video.bin)\n")},
		"content/media/video.bin":     {Data: big},
		"content/media/sub/notes.txt": {Data: []byte("notes")},
	}
	out := &streams{streamed: map[string]bool{}}
	res := Build(context.Background(), fsys, Options{Theme: templates.FS, Now: today}, out)
	if res.Diags.Errors() > 0 {
		t.Fatal(diagText(res.Diags))
	}
	for _, name := range []string{"media/video.bin", "media/sub/notes.txt"} {
		if !out.streamed[name] {
			t.Errorf("%s was not streamed", name)
		}
	}
	if out.streamed["index.html"] || !bytes.Equal(out.Files()["media/video.bin"], big) {
		t.Error("pages streamed, or media bytes changed")
	}

	target := filepath.Join(t.TempDir(), "public")
	d, err := NewDir(target)
	if err != nil {
		t.Fatal(err)
	}
	if res := Build(context.Background(), fsys, Options{Theme: templates.FS, Now: today}, d); res.Diags.Errors() > 0 {
		t.Fatal(diagText(res.Diags))
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(target, "media/video.bin")); !bytes.Equal(got, big) {
		t.Errorf("the copy on disk differs: %d bytes", len(got))
	}
}
