package site_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"guidepost/generator/internal/corpus"
	"guidepost/generator/internal/site"
	"guidepost/templates"
)

func TestZZDebugMoves(t *testing.T) {
	dir := corpus.TempDir(t, 10000)
	opts := site.Options{Theme: templates.FS, Drafts: true, Scripts: []string{"_guidepost/reload.js"}}
	inc := site.NewIncremental(os.DirFS(dir), opts)
	res, _ := inc.Build(&site.Memory{})
	t.Log(res.Diags.Sorted())
	for i := range 8 {
		name := fmt.Sprintf("content/articles/bench-new-%d.md", i)
		os.WriteFile(filepath.Join(dir, name), fmt.Appendf(nil, "---\ntitle: A new article %d\ndescription: Added by the benchmark.\ntags: [walking]\n---\n\nSome text.\n", i), 0o644)
		start := time.Now()
		_, st := inc.BuildChanged(&site.Memory{}, []string{name})
		t.Log(time.Since(start), st.Quick, len(st.Rendered), st.Rendered[:min(10, len(st.Rendered))])
	}
}
