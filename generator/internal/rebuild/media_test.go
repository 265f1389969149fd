package rebuild

import (
	"guidepost/generator/internal/site"
	"os"
	"path/filepath"
	"testing"

	"guidepost/templates"
)

// TestIncrementalSharesMedia: a dev rebuild takes an unchanged media file's bytes from the
// build before (one copy in memory, not two), and reads a changed one again.
func TestIncrementalSharesMedia(t *testing.T) {
	dir := t.TempDir()
	write := func(p, data string) {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, p), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/site.yaml", "title: T\ndescription: D\n")
	write("content/articles/a.md", "---\ntitle: A\ndescription: D\n---\nText.\n")
	write("content/media/big.bin", "first version")
	inc := NewIncremental(os.DirFS(dir), site.Options{Theme: templates.FS, Now: today})
	build := func() []byte {
		out := &site.Memory{}
		res, _ := inc.Build(out)
		if res.Diags.Errors() > 0 {
			t.Fatal(diagText(res.Diags))
		}
		return out.Files()["media/big.bin"]
	}
	first := build()
	write("content/articles/a.md", "---\ntitle: A new title\ndescription: D\n---\nText.\n")
	second := build()
	if &first[0] != &second[0] {
		t.Error("the rebuild read the unchanged media file again: two copies in memory")
	}
	write("content/media/big.bin", "the second version")
	if third := build(); string(third) != "the second version" {
		t.Errorf("a changed media file was not read again: %q", third)
	}
}
